"""Shared by the browser tests: `streamlit run` on loopback and Debian's headless Chromium.

Screenshots land in test-artifacts/ for a person to look at after CI.
"""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py"]
    command += ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
    command += ["--browser.gatherUsageStats=false"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"streamlit did not start:\n{proc.stdout.read().decode(errors='replace')}")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (./lab test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def assert_no_error(page) -> None:
    """No traceback box, and no red alert other than the heatmap page's "exploding" verdict."""
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0  # the route reached the right page
    errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert all("Exploding:" in text or "梯度爆炸：" in text for text in errors), errors


def wait_for(page, js: str, what: str, timeout_s: float = 90) -> object:
    """Poll a JavaScript expression in the page until it is truthy; its value, or a test failure."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        value = page.evaluate(js)
        if value:
            return value
        page.wait_for_timeout(250)
    pytest.fail(f"timed out waiting for {what}")
