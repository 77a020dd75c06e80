"""Benchmark the pages: server time of a rerun after a slider move, and slider-to-repaint in Chromium.

Three tables.
(1) The heatmap page in AppTest at T = 100 and 500: the median rerun after a σ_max move to a
    value no session asked for yet (everything computed), after a move back to a value seen
    before (the shared caches answer, as in a class on one link), and the bare
    `core.experiment.run` of the same configs in the same process; the ratio is what the
    page adds on top of the numbers.
(2) Every page in AppTest: the median rerun after its first slider moves to a new value.
(3) Real headless Chromium (Debian's chromium through Playwright) against one `streamlit run`:
    median ms from a key press on a page's first slider (the heatmap's σ_max) until the page's
    charts changed, for the heatmap at T = 100 and 500 and every page's first slider.

    .venv/bin/python benchmarks/bench_pages.py [--repeats 8] [--no-browser]

Run it on a quiet machine: every number is wall time.
"""

from __future__ import annotations

import argparse
import os
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
os.environ.setdefault("LAB_WARMUP", "0")  # measure what a move costs, not a background warm-up

from streamlit.testing.v1 import AppTest  # noqa: E402

from core.experiment import ExperimentConfig, run  # noqa: E402
from visualizer.app.keys import widget_key  # noqa: E402
from visualizer.app.url_state import FloatParam, IntParam  # noqa: E402
from visualizer.views.catalog import PAGES  # noqa: E402

# Every chart's data, shortened: it changes when any chart is redrawn with new numbers.
SIGNATURE_JS = """() => {
    const parts = [];
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        for (const trace of plot.data || []) {
            for (const name of ['z', 'y', 'x']) {
                const v = trace[name];
                if (!v) continue;
                const body = v.bdata || JSON.stringify(v);
                parts.push(body.length + ':' + body.slice(0, 300) + body.slice(-300));
            }
        }
    }
    return parts.join('|');
}"""
HEATMAP_SIGNATURE_JS = """() => {
    const plot = document.querySelector('.js-plotly-plot');
    if (!plot || !plot.data || !plot.data[1] || !plot.data[1].z) return '';
    const z = plot.data[1].z;
    return (z.bdata || JSON.stringify(z)).slice(0, 4000);
}"""


def first_slider(info) -> tuple[str, IntParam | FloatParam] | None:
    """The page's first numeric slider control: (name, spec), or None."""
    for name, spec in info.specs().items():
        if isinstance(spec, FloatParam) or (isinstance(spec, IntParam) and spec.widget == "slider"):
            return name, spec
    return None


def slider_values(spec: IntParam | FloatParam, count: int) -> list[float]:
    """count successive one-step moves from the default (down where up would leave the range).

    A student nudges a slider: each move is a new value next to the last, as the arrow keys give.
    """
    step = getattr(spec, "step", 1)
    direction = 1 if spec.default + count * step <= spec.hi else -1
    values = [spec.default + direction * step * (i + 1) for i in range(count)]
    return [round(float(v), 4) if isinstance(spec, FloatParam) else int(v) for v in values]


def timed_moves(at: AppTest, key: str, values: list[float]) -> list[float]:
    """ms of each rerun after the slider `key` moves to each value in turn."""
    times = []
    for value in values:
        start = time.perf_counter()
        at.slider(key=key).set_value(value).run()
        times.append((time.perf_counter() - start) * 1e3)
        if at.exception:
            raise RuntimeError(f"{key}={value}: {at.exception[0].value}")
    return times


def page_test(path: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(path).run()
    return at


def heatmap_table(repeats: int) -> None:
    print("(1) AppTest: one heatmap-page rerun after a σ_max move (H = 16, tanh, all loss steps)")
    print(f"{'T':>5} {'new value ms':>13} {'seen value ms':>14} {'core ms':>8} {'new/core':>9}")
    for n_steps in (100, 500):
        at = page_test("pages/heatmap.py", {"T": str(n_steps)})
        key = widget_key("heatmap", "sigma")
        timed_moves(at, key, [0.3, 0.35, 0.4])  # compiles this bucket, warms Python's paths
        values = [round(0.5 + 0.05 * i, 2) for i in range(repeats)]
        new = timed_moves(at, key, values)
        seen = timed_moves(at, key, values)
        core = []
        for sigma in values:
            start = time.perf_counter()
            run(ExperimentConfig(n_steps=n_steps, sigma_max=sigma + 0.001))  # same work, not cached
            core.append((time.perf_counter() - start) * 1e3)
        new_ms, seen_ms, core_ms = np.median(new), np.median(seen), np.median(core)
        print(f"{n_steps:>5} {new_ms:>13.1f} {seen_ms:>14.1f} {core_ms:>8.1f} {new_ms / core_ms:>8.1f}x")


def pages_table(repeats: int) -> None:
    print("\n(2) AppTest: every page's first slider moved to a new value (median of the reruns)")
    print(f"{'page':>11} {'slider':>12} {'median ms':>10} {'first ms':>9} {'max ms':>8}")
    for info in PAGES:
        found = first_slider(info)
        if found is None:
            continue
        name, spec = found
        at = page_test(info.path, {})
        values = slider_values(spec, repeats + 1)
        first, *times = timed_moves(at, widget_key(info.name, name), values)  # the first may compile
        print(f"{info.name:>11} {name:>12} {np.median(times):>10.1f} {first:>9.1f} {max(times):>8.1f}")


def start_server() -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless=true"]
    command += ["--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return server, port
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the server did not start")


def repaint_ms(page, url: str, slider_index: int, signature: str, repeats: int) -> list[float]:
    """ms from each ArrowRight on the page's slider number slider_index until the signature changed.

    [nan] when a move changes no chart within 60 s.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    page.wait_for_function(f"() => ({signature})().length > 0", timeout=180_000)
    page.wait_for_timeout(1500)  # the first draw's reruns have landed
    slider = page.locator('[data-testid="stSlider"] input[type="range"]').nth(slider_index)
    times = []
    for _ in range(repeats):
        before = page.evaluate(signature)
        slider.focus()
        start = time.perf_counter()
        page.keyboard.press("ArrowRight")  # one step: a new config every time
        try:
            page.wait_for_function(f"(b) => ({signature})() !== b", arg=before, timeout=60_000, polling=10)
        except PlaywrightTimeout:  # this slider redraws no chart (e.g. a training's length before Train)
            return [float("nan")]
        times.append((time.perf_counter() - start) * 1e3)
        page.wait_for_timeout(400)
    return times


def browser_table(repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    print("\n(3) Chromium: key press on a slider -> the page's charts changed (median, and the first move)")
    print(f"{'page':>11} {'slider':>12} {'median ms':>10} {'first ms':>9}")
    server, port = start_server()
    base = f"http://127.0.0.1:{port}"
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=args)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for n_steps in (100, 500):
                url = f"{base}/heatmap?T={n_steps}&sigma=0.5"
                times = repaint_ms(page, url, 1, HEATMAP_SIGNATURE_JS, repeats)
                print(f"{'heatmap':>11} {f'σ, T={n_steps}':>12} {np.median(times):>10.1f} {times[0]:>9.1f}")
            for info in PAGES:
                found = first_slider(info)
                if found is None or info.name == "heatmap":
                    continue
                index = [n for n, s in info.specs().items() if _is_range_slider(s)].index(found[0])
                times = repaint_ms(page, f"{base}/{info.name}", index, SIGNATURE_JS, repeats)
                print(f"{info.name:>11} {found[0]:>12} {np.median(times):>10.1f} {times[0]:>9.1f}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _is_range_slider(spec: object) -> bool:
    """A control drawn as an <input type=range> (a select slider is not)."""
    return isinstance(spec, FloatParam) or (isinstance(spec, IntParam) and spec.widget == "slider")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=8)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--only", choices=("heatmap", "pages", "browser"))
    args = parser.parse_args()
    if args.only in (None, "heatmap"):
        heatmap_table(args.repeats)
    if args.only in (None, "pages"):
        pages_table(args.repeats)
    if args.no_browser or args.only not in (None, "browser"):
        return
    if shutil.which("chromium") is None:
        print("\n(3) skipped: Debian's chromium is not installed")
        return
    browser_table(args.repeats)


if __name__ == "__main__":
    main()
