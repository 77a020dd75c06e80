"""Benchmark the heatmap page: server-side rerun time and slider-to-repaint time in Chromium.

Prints two tables. (1) AppTest: median time of one heatmap-page rerun after a σ_max
change (each value new, so nothing is served from the cache), beside the bare
`core.experiment.run` for the same configs in the same process; the ratio is what
the page adds on top of the numbers. (2) Real headless Chromium (Debian's chromium
through Playwright): median time from a key press on the σ_max slider to the
heatmap's data changing in the page.

    .venv/bin/python benchmarks/bench_pages.py [--repeats 8]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from core.experiment import ExperimentConfig, run  # noqa: E402

SIGNATURE_JS = """() => {
    const plot = document.querySelector('.js-plotly-plot');
    if (!plot || !plot.data) return '';
    const z = plot.data[1].z;
    return (z.bdata || JSON.stringify(z)).slice(0, 4000);
}"""


def apptest_rerun_ms(n_steps: int, repeats: int) -> tuple[float, float]:
    """(median page rerun ms, median bare core ms) over `repeats` new σ_max values."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    at.query_params["T"] = str(n_steps)
    at.run()
    at.switch_page("pages/heatmap.py").run()  # compiles this bucket
    page, core = [], []
    for i in range(repeats):
        sigma = round(0.5 + 0.05 * i, 2)
        start = time.perf_counter()
        at.sidebar.slider(key="heatmap_sigma").set_value(sigma).run()
        page.append(time.perf_counter() - start)
        start = time.perf_counter()
        run(ExperimentConfig(n_steps=n_steps, sigma_max=sigma + 0.001))  # same work, not cached
        core.append(time.perf_counter() - start)
        assert not at.exception
    return float(np.median(page)) * 1e3, float(np.median(core)) * 1e3


def browser_repaint_ms(n_steps: int, repeats: int) -> float:
    """Median ms from a σ_max key press to the heatmap's data changing, in real Chromium."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless=true"]
    command += ["--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=args)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/heatmap?T={n_steps}&sigma=0.5")
            page.wait_for_function(f"() => ({SIGNATURE_JS})().length > 0", timeout=120_000)
            sigma = page.locator('[data-testid="stSlider"] input[type="range"]').nth(1)
            times = []
            for _ in range(repeats):
                before = page.evaluate(SIGNATURE_JS)
                sigma.focus()
                start = time.perf_counter()
                page.keyboard.press("ArrowRight")  # +0.05: a new config every time
                page.wait_for_function(
                    f"(before) => ({SIGNATURE_JS})() !== before", arg=before, timeout=60_000, polling=10
                )
                times.append(time.perf_counter() - start)
                page.wait_for_timeout(300)
            browser.close()
        return float(np.median(times)) * 1e3
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=8)
    args = parser.parse_args()
    print("(1) AppTest: one heatmap-page rerun after a σ_max change (H = 16, tanh, all loss steps)")
    print(f"{'T':>5} {'page ms':>9} {'core ms':>9} {'page/core':>10}")
    for n_steps in (100, 500):
        page_ms, core_ms = apptest_rerun_ms(n_steps, args.repeats)
        print(f"{n_steps:>5} {page_ms:>9.1f} {core_ms:>9.1f} {page_ms / core_ms:>9.1f}x")
    if shutil.which("chromium") is None:
        print("\n(2) skipped: Debian's chromium is not installed")
        return
    print("\n(2) Chromium: σ_max key press -> heatmap data changed in the page")
    print(f"{'T':>5} {'median ms':>10}")
    for n_steps in (100,):
        print(f"{n_steps:>5} {browser_repaint_ms(n_steps, args.repeats):>10.1f}")


if __name__ == "__main__":
    main()
