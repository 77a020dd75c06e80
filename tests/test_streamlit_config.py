"""The security basics: .streamlit/config.toml as Streamlit reads it, no unpickling, no raw HTML."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from core.authorship.uploads import MAX_FILE_BYTES, MAX_TOTAL_BYTES

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"
MB = 1024 * 1024  # Streamlit's megabyte for server.maxUploadSize
SOURCES = [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py"))]
SOURCES += [*sorted((ROOT / "visualizer").rglob("*.py")), *sorted((ROOT / "core").rglob("*.py"))]

WANTED = {
    ("server", "headless"): True,
    ("server", "enableXsrfProtection"): True,
    ("server", "enableCORS"): True,
    ("server", "enableStaticServing"): False,
    ("browser", "gatherUsageStats"): False,
    ("client", "showErrorDetails"): "none",
    ("client", "toolbarMode"): "viewer",
    ("server", "fileWatcherType"): "none",
}
# Options Streamlit hides from `streamlit config show`, read back through its config module.
HIDDEN = {("runner", "postScriptGC"): False}  # a full collection after every rerun: half the server's CPU


def test_the_config_file_sets_the_security_basics():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    for (section, name), value in (WANTED | HIDDEN).items():
        assert config[section][name] == value, f"{section}.{name}"


def test_the_upload_cap_is_the_smallest_that_admits_what_the_app_accepts():
    cap = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]["maxUploadSize"]
    assert cap * MB >= MAX_TOTAL_BYTES >= MAX_FILE_BYTES  # a .zip of the most text the app takes fits
    assert (cap - 1) * MB < MAX_TOTAL_BYTES  # anything bigger is refused before it reaches the server


def test_streamlit_reads_the_settings_from_the_file():
    # A misspelt key or a value Streamlit does not accept would leave its default in place.
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    lines = {line.strip() for line in shown.splitlines()}
    for (_, name), value in WANTED.items():
        text = f'"{value}"' if isinstance(value, str) else str(value).lower()
        assert f"{name} = {text}" in lines, name
    assert f"maxUploadSize = {tomllib.loads(CONFIG.read_text())['server']['maxUploadSize']}" in lines
    for (section, name), value in HIDDEN.items():
        read = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from streamlit import config; print(config.get_option('{section}.{name}'))",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.strip()
        assert read == str(value), f"{section}.{name}"


def calls_with(tree: ast.AST, keyword: str) -> list[ast.keyword]:
    return [
        k for node in ast.walk(tree) if isinstance(node, ast.Call) for k in node.keywords if k.arg == keyword
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_raw_html_and_no_unpickling(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for keyword in calls_with(tree, "unsafe_allow_html") + calls_with(tree, "allow_pickle"):
        assert isinstance(keyword.value, ast.Constant) and keyword.value.value is False, (
            f"{path.name}:{keyword.value.lineno}: {keyword.arg} must be False"
        )
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not imported & {"pickle", "cPickle", "dill", "joblib", "shelve", "cloudpickle"}
