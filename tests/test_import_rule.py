"""The one rule of imports (docs/ARCHITECTURE.md, "Layers"), checked by reading every module's imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def modules(folder: str) -> list[Path]:
    found = sorted((ROOT / folder).rglob("*.py"))
    assert found, f"no modules under {folder}"
    return found


@pytest.mark.parametrize("path", modules("core"), ids=lambda p: p.name)
def test_core_imports_nothing_of_ours_and_no_ui(path):
    banned = {"streamlit", "plotly", "visualizer", "pages"} & imported_roots(path)
    assert not banned, f"{path.relative_to(ROOT)} imports {banned}"


@pytest.mark.parametrize("path", modules("visualizer/figures"), ids=lambda p: p.name)
def test_figures_import_no_streamlit_and_no_jax(path):
    banned = {"streamlit", "jax", "jaxlib", "core"} & imported_roots(path)
    assert not banned, f"{path.relative_to(ROOT)} imports {banned}"


@pytest.mark.parametrize("path", modules("pages"), ids=lambda p: p.name)
def test_pages_hold_no_maths(path):
    banned = {"jax", "jaxlib", "numpy", "math"} & imported_roots(path)
    assert not banned, f"{path.relative_to(ROOT)} imports {banned}: maths belongs in core"
