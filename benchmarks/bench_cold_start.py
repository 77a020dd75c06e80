"""Cold start: from `streamlit run` to the first page drawn, and to the first heatmap drawn.

Each scenario starts a fresh server (loopback, its own port) and, right away,
headless Chromium polling for it. It reports seconds from the process start to:
the server answering its health check, the home page's title drawn, and the
heatmap page's map drawn (the heatmap opened right after home, like a student
following the first link); then the seconds the heatmap page takes when opened
once more with everything cached (the browser's own floor).

Scenarios, all in this one run:
- cold cache, warm-up on: an empty JAX compilation cache (the first start ever);
- warm cache, warm-up on: the cache filled by `python -m visualizer.views.catalog` (every later start);
- warm cache, warm-up off: the same, without the start-up warm-up thread.

    .venv/bin/python benchmarks/bench_cold_start.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port

HEATMAP_DRAWN = (
    "() => { const p = document.querySelector('.js-plotly-plot'); return p && p.data && p.data[1]; }"
)


def wait_health(base: str, deadline: float) -> None:
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("server did not answer")


def one_start(cache: Path, warmup: bool) -> dict[str, float]:
    port = free_port()
    env = {**os.environ, "LAB_JAX_CACHE": str(cache), "LAB_WARMUP": "1" if warmup else "0"}
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless=true"]
    command += ["--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"]
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_health(base, time.time() + 120)
        times = {"health": time.perf_counter() - start}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(base)
            page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=180_000)
            times["home drawn"] = time.perf_counter() - start
            page.goto(f"{base}/heatmap")
            page.wait_for_function(HEATMAP_DRAWN, timeout=180_000)
            times["heatmap drawn"] = time.perf_counter() - start
            # The same page once more, everything cached on the server: what the browser alone costs.
            again = browser.new_page(viewport={"width": 1400, "height": 1000})
            begin = time.perf_counter()
            again.goto(f"{base}/heatmap")
            again.wait_for_function(HEATMAP_DRAWN, timeout=180_000)
            times["browser floor"] = time.perf_counter() - begin
            browser.close()
        return times
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    cache = Path(tempfile.mkdtemp(prefix="lab-jax-cache-"))
    try:
        rows = [("cold cache, warm-up on", one_start(cache, True))]
        # The cold server was stopped before its warm-up ended; finish filling the cache the way a
        # teacher would before class, and time that too.
        start = time.perf_counter()
        env = {**os.environ, "LAB_JAX_CACHE": str(cache)}
        subprocess.run([sys.executable, "-m", "visualizer.views.catalog"], cwd=ROOT, env=env, check=True)
        prime = time.perf_counter() - start
        rows.append(("warm cache, warm-up on", one_start(cache, True)))
        rows.append(("warm cache, warm-up off", one_start(cache, False)))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"\nCold start on {os.cpu_count()} CPUs, seconds from `streamlit run` (goal: heatmap ≤ 5 s, warm)")
    print(f"{'scenario':28s}{'health':>8s}{'home drawn':>12s}{'heatmap drawn':>15s}{'browser floor':>15s}")
    for name, t in rows:
        cells = (
            f"{t['health']:8.2f}{t['home drawn']:12.2f}{t['heatmap drawn']:15.2f}{t['browser floor']:15.2f}"
        )
        print(f"{name:28s}{cells}")
    print("(browser floor: /heatmap opened again once everything is cached: Chromium loading and drawing")
    print(" the page and its Plotly charts, which no server-side cache can shorten)")
    print(f"(filling the cache with `python -m visualizer.views.catalog` took {prime:.1f} s)")


if __name__ == "__main__":
    main()
