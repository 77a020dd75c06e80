"""The rules of imports and of size (docs/ARCHITECTURE.md, "Layers"), checked by reading every module.

    core  <-  visualizer.figures (numpy, plotly; no core)  <-  visualizer.views  ->  visualizer.app
    pages  ->  visualizer.app, visualizer.views only

core knows nothing of the UI; the framework (visualizer.app) knows no page; a page file only
starts its page, hands it to its view and finishes it. No module imports itself back through
another (no cycles), and an import inside a function says why on its line or the line above.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "visualizer", "pages")
MAX_MODULE_LINES = 300
MAX_PAGE_LINES = 80


def modules(folder: str) -> list[Path]:
    found = sorted((ROOT / folder).rglob("*.py"))
    assert found, f"no modules under {folder}"
    return found


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module path this file imports, anywhere in it (`from a.b import c` gives a.b and a.b.c)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def imported_roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imported(path)}


def ours(names: set[str], known: set[str]) -> set[str]:
    """The names that are modules of this project (a `from m import f` of a function is not)."""
    return {name for name in names if name in known}


@pytest.mark.parametrize("path", modules("core"), ids=module_name)
def test_core_imports_nothing_of_ours_and_no_ui(path):
    banned = {"streamlit", "plotly", "visualizer", "pages"} & imported_roots(path)
    assert not banned, f"{path.relative_to(ROOT)} imports {banned}"


@pytest.mark.parametrize("path", modules("visualizer/figures"), ids=module_name)
def test_figures_import_no_streamlit_and_no_jax(path):
    banned = {"streamlit", "jax", "jaxlib", "core"} & imported_roots(path)
    assert not banned, f"{path.relative_to(ROOT)} imports {banned}"


@pytest.mark.parametrize("path", modules("visualizer/app"), ids=module_name)
def test_the_framework_knows_no_page(path):
    banned = {n for n in imported(path) if n.startswith(("visualizer.views", "visualizer.figures", "pages"))}
    assert not banned, f"{path.relative_to(ROOT)} imports {banned}: page code belongs in visualizer.views"


@pytest.mark.parametrize("path", modules("pages"), ids=module_name)
def test_pages_import_only_the_framework_and_their_view(path):
    allowed = ("visualizer.app", "visualizer.views")
    banned = {name for name in imported(path) if not name.startswith(allowed)}
    assert not banned, (
        f"{path.relative_to(ROOT)} imports {banned}: a page only starts, draws its view, finishes"
    )


def test_no_import_cycles():
    paths = [p for package in PACKAGES for p in modules(package)] + [ROOT / "streamlit_app.py"]
    known = {module_name(p): p for p in paths}
    graph = {name: ours(imported(path), set(known)) - {name} for name, path in known.items()}
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def inner_imports_without_reason(path: Path) -> list[int]:
    """Line numbers of imports inside a function with no comment on their line or the line above."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import | ast.ImportFrom):
                here, above = lines[node.lineno - 1], lines[node.lineno - 2] if node.lineno > 1 else ""
                if "#" not in here and not above.strip().startswith("#"):
                    found.append(node.lineno)
    return found


@pytest.mark.parametrize("path", [p for package in PACKAGES for p in modules(package)], ids=module_name)
def test_an_import_inside_a_function_says_why(path):
    assert not inner_imports_without_reason(path), f"{path.relative_to(ROOT)}: no comment on why"


@pytest.mark.parametrize(
    "path", [p for package in ("core", "visualizer") for p in modules(package)], ids=module_name
)
def test_modules_stay_short(path):
    count = len(path.read_text(encoding="utf-8").splitlines())
    assert count <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {count} lines: split it by topic"


@pytest.mark.parametrize("path", modules("pages"), ids=module_name)
def test_pages_stay_short(path):
    count = len(path.read_text(encoding="utf-8").splitlines())
    assert count <= MAX_PAGE_LINES, (
        f"{path.relative_to(ROOT)} has {count} lines: move its logic into its view"
    )


def test_the_cycle_check_finds_a_cycle(tmp_path, monkeypatch):
    """The checker itself: two modules importing each other are reported."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "a.py").write_text("import core.b\n")
    (tmp_path / "core" / "b.py").write_text("from core import a\n")
    for package in ("visualizer", "pages"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "x.py").write_text("")
    (tmp_path / "streamlit_app.py").write_text("")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    with pytest.raises(pytest.fail.Exception, match="import cycle"):
        test_no_import_cycles()


def test_the_inner_import_check_wants_a_reason(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import json\n\n\ndef g():\n    import os  # why: lazy\n")
    assert inner_imports_without_reason(module) == [2]
