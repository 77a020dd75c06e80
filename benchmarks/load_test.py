"""Classroom load test (issue 7, item 3): N real browsers on one `streamlit run`, loopback only.

    .venv/bin/python benchmarks/load_test.py [--sessions 10 30] [--seconds 150] [--ramp 60] [--json out.json]

For each N it starts a fresh server on a free 127.0.0.1 port (instrumented to log every authorship
training thread it starts), draws the shared heatmap once and waits until the app's start-up warm-
up has gone quiet (the server was started before class). Then N browser sessions arrive evenly
over `--ramp` seconds ("within a minute"), spread over 1-3 headless Chromium processes (Debian's
/usr/bin/chromium through Playwright, one context per session). Each session opens the heatmap
page's shared link, waits for the first heatmap, and moves the T slider with the keyboard a few
times; the latency of a move is measured inside the page, from the key press until the first
heatmap's data (`.js-plotly-plot` data[1].z) differs. Meanwhile `--trainers` extra tabs open the
authorship page on its default preset and press Train at the same moment: training of one config
is shared, so the server log must show exactly one training thread.

The server runs with `--server.fileWatcherType=none`, as a classroom server should: with the
watcher on, an edit to the source during the run makes Streamlit unload modules that sessions are
importing at that moment (KeyError: 'core.checks' from importlib, seen under load here).

Bounded: at most `--seconds` of sessions per N (plus a short grace to close), at most 60
sessions, and every process started here is killed at the end. Reports errors (exception
boxes, red alerts, "Page not found", timeouts, browser-side exceptions, server tracebacks),
p50/p95 slider-to-repaint latency, the time until every session drew its first heatmap, and the
peak RSS of the server (with its children) and of the browsers. The browsers run on the same
machine as the server, so on a small machine they compete with it for the CPU: the latencies
are an upper bound for a class whose laptops do their own drawing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402 (needs ROOT on the path)

# What the sidebar's "link to this view" gives for the heatmap page's defaults.
SHARED_LINK = "heatmap?T=60&sigma=0.8&act=tanh&init=orthogonal&H=16&scale=1.0&loss=all&seed=0&lang=en"
SLIDER = '[data-testid="stSlider"] input[type="range"]'
MAX_SESSIONS = 60  # a hard cap: 60 Chromium contexts already need several GiB
GRACE_S = 30.0  # after the deadline, for the last move, the first draws and closing
POLL_MS = 50  # how often the page checks for the repaint: the latency's resolution (30 tabs poll)

# The key press time is taken inside the page (capture phase, before the slider sees it), so
# the latency excludes Playwright's round trips and this process's event loop.
KEY_CLOCK_JS = """
window.addEventListener('keydown', () => { window.__loadTestKeyAt = performance.now(); }, true);
"""
SIGNATURE_JS = """
() => {
    const plot = document.querySelector('.js-plotly-plot');
    // Mid-render the plot may hold traces without z yet: not drawn, rather than an error.
    if (!plot || !plot.data || plot.data.length < 2 || !plot.data[1].z) return null;
    const z = plot.data[1].z;  // a typed array {dtype, bdata, shape} or nested lists
    const body = z.bdata || JSON.stringify(z);
    return String(z.shape || z.length) + '|' + body.length + '|' + body.slice(0, 2000) + body.slice(-2000);
}
"""
CHANGED_JS = f"""
(before) => {{
    const now = ({SIGNATURE_JS})();
    if (now === null || now === before) return false;
    return Math.max(performance.now() - (window.__loadTestKeyAt || 0), 0.001);
}}
"""

# `python -m streamlit`, plus a log line for every authorship training thread. The app keeps
# shared runs in a st.cache_resource registry that nothing outside the server can see; counting
# the threads it starts is the direct check that one config trains once for every session.
INSTRUMENTED_STREAMLIT = """
import sys, threading
_start = threading.Thread.start
def _logged_start(self):
    if self.name.startswith("authorship-"):
        print(f"[load_test] training thread started: {self.name}", file=sys.stderr, flush=True)
    return _start(self)
threading.Thread.start = _logged_start
from streamlit.web.cli import main
main(prog_name="streamlit")
"""
TRAINING_LINE = "[load_test] training thread started"
PROGRESS = re.compile(r"step (\d+) of (\d+)")


@dataclass
class Server:
    """A running `streamlit run`: its address, process id and log file."""

    base: str
    pid: int
    log: Path


@dataclass
class SessionResult:
    """One heatmap session: first draw, each move's latency, and what went wrong."""

    index: int
    arrived_s: float = 0.0  # when this student opened the link, since the launch (the ramp)
    first_draw_s: float | None = None  # from opening the link to the first heatmap
    latencies_ms: list[float] = field(default_factory=list)
    moves: int = 0
    errors: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)

    @property
    def repainted(self) -> bool:
        """Every move was followed by new heatmap data (and there was at least one)."""
        return self.moves > 0 and len(self.latencies_ms) == self.moves


@dataclass
class TrainerResult:
    """One authorship tab: when it pressed Train and the progress it saw afterwards."""

    index: int
    pressed_at_s: float | None = None
    progress: list[tuple[float, int, int]] = field(default_factory=list)  # (s, step, steps)
    finished: bool = False  # the trained model's table appeared within the bound
    errors: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """Everything measured for one N."""

    sessions: int
    browsers: int
    trainers: int
    seconds: float
    cpu_count: int
    heatmap: list[SessionResult]
    training: list[TrainerResult]
    ramp_s: float = 0.0
    wall_s: float = 0.0
    warmup_s: float | None = None  # one visit drawing the shared link's heatmap, before the class
    settle_s: float | None = None  # then until the app's start-up warm-up thread went quiet
    server_peak_rss_mib: float | None = None
    server_cpu_cores: float | None = None  # the server's average CPU use over the run, in cores
    client_peak_pss_mib: float | None = None
    training_threads: int | None = None  # from the instrumented server's log; None without it
    server_errors: list[str] = field(default_factory=list)
    load_before: tuple[float, float, float] | None = None
    load_after: tuple[float, float, float] | None = None
    mem_available_gib: float | None = None

    @property
    def errors(self) -> list[str]:
        """All errors: per session, per trainer, the server log; browser-side JS exceptions too."""
        found = list(self.server_errors)
        for item in [*self.heatmap, *self.training]:
            found += [f"session {item.index}: {e}" for e in item.errors]
            found += [f"session {item.index}: page error: {e}" for e in item.js_errors]
        return found

    def latency(self, q: float) -> float | None:
        """The q-quantile (0..1) of every slider-to-repaint latency, in ms."""
        values = sorted(v for s in self.heatmap for v in s.latencies_ms)
        if not values:
            return None
        return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))]

    def all_first_drawn_s(self) -> float | None:
        """Seconds from launch until the last session drew its first heatmap (None if one never did)."""
        times = [None if s.first_draw_s is None else s.arrived_s + s.first_draw_s for s in self.heatmap]
        return None if not times or None in times else max(times)  # type: ignore[type-var]

    def first_draw(self, q: float) -> float | None:
        """The q-quantile of the sessions' times from opening the link to the first heatmap, in s."""
        values = sorted(s.first_draw_s for s in self.heatmap if s.first_draw_s is not None)
        if not values:
            return None
        return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))]

    def summary(self) -> dict[str, Any]:
        """The table row, plus the details, as plain JSON values."""
        moves = sum(s.moves for s in self.heatmap)
        return {
            "sessions": self.sessions,
            "browsers": self.browsers,
            "trainers": self.trainers,
            "cpu_count": self.cpu_count,
            "errors": len(self.errors),
            "error_list": self.errors,
            "moves": moves,
            "repaints": sum(len(s.latencies_ms) for s in self.heatmap),
            "sessions_repainted": sum(s.repainted for s in self.heatmap),
            "latency_p50_ms": self.latency(0.50),
            "latency_p95_ms": self.latency(0.95),
            "latency_max_ms": self.latency(1.0),
            "ramp_s": self.ramp_s,
            "all_first_heatmaps_s": self.all_first_drawn_s(),
            "first_heatmap_p50_s": self.first_draw(0.5),
            "first_heatmap_max_s": self.first_draw(1.0),
            "server_peak_rss_mib": self.server_peak_rss_mib,
            "server_cpu_cores": self.server_cpu_cores,
            "client_peak_pss_mib": self.client_peak_pss_mib,
            "training_threads": self.training_threads,
            "settle_s": self.settle_s,
            "warmup_s": self.warmup_s,
            "wall_s": self.wall_s,
            "load_before": self.load_before,
            "load_after": self.load_after,
            "mem_available_gib": self.mem_available_gib,
            "heatmap_sessions": [asdict(s) for s in self.heatmap],
            "trainer_sessions": [asdict(t) for t in self.training],
        }


# ---------------------------------------------------------------- processes and memory (/proc only)

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stats() -> dict[int, tuple[int, int, int]]:
    """pid -> (ppid, rss bytes, CPU ticks) for every process we can read."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        fields = text[text.rfind(")") + 2 :].split()  # the name may hold spaces and brackets
        table[int(entry)] = (int(fields[1]), int(fields[21]) * PAGE_SIZE, int(fields[11]) + int(fields[12]))
    return table


def _pss(pid: int) -> int:
    """Proportional set size in bytes: Chromium shares most pages between its processes (RSS would not)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree(table: dict[int, tuple[int, int, int]], root: int) -> set[int]:
    """root and all its descendants."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in table and pid not in found:
            found.add(pid)
            todo += children.get(pid, [])
    return found


class MemorySampler:
    """Peak RSS of the server's process tree, peak PSS of this process's other children (the browsers).

    A background thread samples /proc every `interval_s`; it also tracks the server's CPU time.
    """

    def __init__(self, server_pid: int | None, interval_s: float = 0.5) -> None:
        self.server_pid, self.interval_s = server_pid, interval_s
        self.server_peak = 0
        self.client_peak = 0
        self.server_ticks: dict[int, int] = {}  # per pid, the last reading (children come and go)
        self._first_ticks: dict[int, int] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="load-test-memory")
        self._started = self._ended = time.perf_counter()
        self._marked: float | None = None

    def _sample(self) -> None:
        table = _proc_stats()
        server = _tree(table, self.server_pid) if self.server_pid else set()
        client = _tree(table, os.getpid()) - server - {os.getpid()}
        self.server_peak = max(self.server_peak, sum(table[p][1] for p in server))
        self.client_peak = max(self.client_peak, sum(_pss(p) for p in client))
        self.server_ticks.update({p: table[p][2] for p in server})
        if self._first_ticks is None:
            self._first_ticks = dict(self.server_ticks)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval_s)

    def __enter__(self) -> MemorySampler:
        self._started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self._ended = time.perf_counter()

    def mark(self) -> None:
        """Start the CPU reading here: the sessions' phase, not the warm-up before it."""
        self._first_ticks = None
        self._marked = time.perf_counter()

    def server_cpu_cores(self) -> float | None:
        """The server's CPU seconds since the mark (or the start), per second of wall time."""
        elapsed = self._ended - (self._marked or self._started)
        if not self.server_pid or not self._first_ticks or elapsed <= 0:
            return None
        used = sum(t - self._first_ticks.get(p, 0) for p, t in self.server_ticks.items())
        return used / CLOCK_TICKS / elapsed


def _mem_available_gib() -> float | None:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    return None


@contextmanager
def streamlit_server(log: Path, start_timeout_s: float = 90) -> Iterator[Server]:
    """`streamlit run streamlit_app.py` on a free loopback port, instrumented; always killed after.

    The same options as tests/browser/conftest.py's `server` fixture. The output goes to a file,
    not a pipe: under load nothing reads a pipe, and a full one would block the server.
    """
    port = free_port()
    command = [sys.executable, "-c", INSTRUMENTED_STREAMLIT, "run", "streamlit_app.py"]
    command += ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
    # A classroom server's code does not change; without this, an edit in the working tree makes
    # Streamlit unload modules while sessions import them (KeyError in importlib under load).
    command += ["--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
    with open(log, "wb") as out:
        # Its own process group, so that closing it also ends any child it started.
        proc = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + start_timeout_s
        while True:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(
                        f"streamlit did not start:\n{log.read_text(errors='replace')}"
                    ) from None
                time.sleep(0.3)
        yield Server(base, proc.pid, log)
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group, SIGKILL if it lingers."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def wait_until_idle(pid: int, max_s: float, below_cores: float = 0.15, window_s: float = 2.0) -> float:
    """Wait until the server's process tree uses under `below_cores` CPU over `window_s`; seconds waited.

    The app warms its caches in a background thread that the first visit starts; a class arrives
    after that ("the server was started five minutes before class"), so sessions meet a quiet server.
    """
    started = time.perf_counter()

    def ticks() -> int:
        table = _proc_stats()
        return sum(table[p][2] for p in _tree(table, pid))

    before = ticks()
    while time.perf_counter() - started < max_s:
        time.sleep(window_s)
        now = ticks()
        if (now - before) / CLOCK_TICKS / window_s < below_cores:
            break
        before = now
    return time.perf_counter() - started


def server_log_findings(log: Path) -> tuple[int, list[str]]:
    """(training threads started, error excerpts) from an instrumented server's log."""
    text = log.read_text(errors="replace")
    threads = text.count(TRAINING_LINE)
    errors = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback") or " ERROR " in line or line.startswith("ERROR"):
            errors.append("server log: " + " | ".join(lines[i : i + 12])[:1500])
    return threads, errors


# ---------------------------------------------------------------- the browser sessions (async)


async def page_problems(page: Any) -> list[str]:
    """What tests/browser/conftest.py's assert_no_error rejects, as messages (async API)."""
    problems = []
    for text in await page.locator('[data-testid="stException"]').all_inner_texts():
        problems.append("exception box: " + " ".join(text.split())[:500])
    if await page.get_by_text("Page not found").count():
        problems.append("Page not found")
    for text in await page.locator('[data-testid="stAlertContentError"]').all_inner_texts():
        if "Exploding:" not in text and "梯度爆炸：" not in text:  # the heatmap's verdict, not an error
            problems.append("error box: " + " ".join(text.split())[:500])
    return problems


def _note(errors: list[str], problems: list[str]) -> None:
    """Add each distinct problem once: a box seen on every check is one error."""
    errors += [p for p in problems if p not in errors]


def _describe(err: BaseException) -> str:
    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {first[:300]}"


async def heatmap_session(
    browser: Any, base: str, result: SessionResult, launched: float, deadline: float, moves: int
) -> None:
    """At `result.arrived_s`, open the shared link, wait for the first heatmap, move T `moves` times."""
    rng = random.Random(result.index)  # each student thinks for a different while, reproducibly
    await asyncio.sleep(max(launched + result.arrived_s - time.perf_counter(), 0))
    arrived = time.perf_counter()
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = await context.new_page()
        page.on("pageerror", lambda err: result.js_errors.append(str(err)[:300]))
        await page.add_init_script(KEY_CLOCK_JS)
        wait_ms = max(deadline + GRACE_S - time.perf_counter(), 1) * 1000
        await page.goto(f"{base}/{SHARED_LINK}", timeout=wait_ms)
        await page.wait_for_function(SIGNATURE_JS, polling=POLL_MS * 4, timeout=wait_ms)
        result.first_draw_s = time.perf_counter() - arrived
        _note(result.errors, await page_problems(page))
        await page.locator(SLIDER).first.focus()
        # Down three steps, then back: later moves land on values others computed (the shared cache).
        keys = ["ArrowLeft"] * ((moves + 1) // 2) + ["ArrowRight"] * (moves // 2)
        for number, key in enumerate(keys):
            if number and time.perf_counter() > deadline:  # one move always: each session must repaint
                break
            before = await page.evaluate(SIGNATURE_JS)
            result.moves += 1
            await page.keyboard.press(key)
            left_ms = max(deadline + GRACE_S - time.perf_counter(), GRACE_S) * 1000  # the 1st move too
            handle = await page.wait_for_function(CHANGED_JS, arg=before, polling=POLL_MS, timeout=left_ms)
            result.latencies_ms.append(float(await handle.json_value()))
            _note(result.errors, await page_problems(page))
            await asyncio.sleep(rng.uniform(1.0, 3.0))  # a student looks at the picture
    except Exception as err:  # a timeout or a crash is this session's error, not the whole run's
        result.errors.append(_describe(err))
    finally:
        await context.close()


async def trainer_session(
    browser: Any, base: str, result: TrainerResult, launched: float, deadline: float, query: str, go: Any
) -> None:
    """Open the authorship page, press Train when every trainer is ready (`go`), follow the progress."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = await context.new_page()
        page.on("pageerror", lambda err: result.js_errors.append(str(err)[:300]))
        wait_ms = max(deadline + GRACE_S - time.perf_counter(), 1) * 1000
        await page.goto(f"{base}/authorship{query}", timeout=wait_ms)
        train = page.get_by_role("button", name="Train", exact=True)
        await train.wait_for(timeout=wait_ms)
        _note(result.errors, await page_problems(page))
        await go.ready()  # "some press train at the same moment"
        await train.click()
        result.pressed_at_s = time.perf_counter() - launched
        progress = page.get_by_text(PROGRESS).first
        table = page.locator('[data-testid="stDataFrame"]')
        while time.perf_counter() < deadline:
            if await table.count():
                result.finished = True
                break
            if await progress.count():
                match = PROGRESS.search(await progress.inner_text(timeout=5000))
                if match:
                    step, steps = int(match[1]), int(match[2])
                    result.progress.append((round(time.perf_counter() - launched, 2), step, steps))
            _note(result.errors, await page_problems(page))
            await asyncio.sleep(2.0)
        _note(result.errors, await page_problems(page))
    except Exception as err:
        result.errors.append(_describe(err))
    finally:
        await context.close()


async def _warm_up(browser: Any, base: str, timeout_s: float) -> float:
    """One visit that draws the shared link's heatmap (JAX compiles its bucket), like a teacher's check."""
    started = time.perf_counter()
    context = await browser.new_context()
    try:
        page = await context.new_page()
        await page.goto(f"{base}/{SHARED_LINK}", timeout=timeout_s * 1000)
        await page.wait_for_function(SIGNATURE_JS, polling=100, timeout=timeout_s * 1000)
    finally:
        await context.close()
    return time.perf_counter() - started


class _Gate:
    """Lets the trainers press Train together: each waits until all are ready, or 30 s at most."""

    def __init__(self, parties: int) -> None:
        self.parties, self.arrived, self.event = parties, 0, asyncio.Event()

    async def ready(self) -> None:
        self.arrived += 1
        if self.arrived >= self.parties:
            self.event.set()
        # A trainer that failed to load must not hold the others back.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.event.wait(), timeout=30)


def default_browsers(sessions: int) -> int:
    """Browser processes for a number of tabs: about ten contexts each, at most three processes."""
    return max(1, min(3, math.ceil(sessions / 10)))


async def _run_async(
    base: str,
    sessions: int,
    seconds: float,
    moves: int,
    trainers: int,
    train_query: str,
    browsers: int,
    warm_up: bool,
    server_pid: int | None,
    ramp_s: float,
    on_launch: Callable[[], None] | None = None,
) -> tuple[list[SessionResult], list[TrainerResult], float | None, float | None]:
    from playwright.async_api import async_playwright

    # Students arrive evenly over the ramp ("30 students open the same link within a minute").
    heatmap = [SessionResult(i, arrived_s=ramp_s * i / sessions) for i in range(sessions)]
    training = [TrainerResult(sessions + i) for i in range(trainers)]
    async with async_playwright() as pw:
        launched_browsers = []
        try:
            for _ in range(browsers):
                launched_browsers.append(
                    await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                )
            warmup_s = settle_s = None
            if warm_up:
                warmup_s = await _warm_up(launched_browsers[0], base, 120)
                if server_pid:  # the first visit started the app's warm-up thread: let it finish
                    settle_s = await asyncio.to_thread(wait_until_idle, server_pid, 300)
            if on_launch:
                on_launch()
            launched = time.perf_counter()
            deadline = launched + seconds
            go = _Gate(trainers)
            tasks = [
                heatmap_session(launched_browsers[s.index % browsers], base, s, launched, deadline, moves)
                for s in heatmap
            ]
            tasks += [
                trainer_session(
                    launched_browsers[t.index % browsers], base, t, launched, deadline, train_query, go
                )
                for t in training
            ]
            runner = asyncio.gather(*tasks)
            try:
                await asyncio.wait_for(runner, timeout=seconds + 2 * GRACE_S)
            except TimeoutError:  # the hard bound: whatever still runs is cut off and reported
                for item in [*heatmap, *training]:
                    if not item.errors:
                        item.errors.append(f"cut off by the {seconds + 2 * GRACE_S:.0f} s bound")
        finally:
            for browser in launched_browsers:
                await browser.close()
    return heatmap, training, warmup_s, settle_s


def run_load(
    base: str,
    sessions: int,
    seconds: float,
    *,
    moves: int = 6,
    trainers: int = 1,
    train_query: str = "",
    browsers: int | None = None,
    server_pid: int | None = None,
    warm_up: bool = False,
    ramp_s: float = 0.0,
) -> LoadResult:
    """Drive `sessions` heatmap sessions and `trainers` authorship tabs against a running server at `base`.

    Runs Playwright's async API in a thread of its own, so that it works from inside pytest next
    to the sync API the other browser tests use. `server_pid` enables the memory and CPU readings.
    """
    if CHROMIUM is None:
        raise RuntimeError("Debian's chromium is not installed (./lab test installs it)")
    if not 0 <= ramp_s < seconds:
        raise ValueError("the ramp must end before the bound")
    if not 0 < sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS}, not {sessions}")
    browsers = browsers or default_browsers(sessions + trainers)
    result = LoadResult(sessions, browsers, trainers, seconds, os.cpu_count() or 0, [], [], ramp_s=ramp_s)
    outcome: dict[str, Any] = {}

    def launch() -> None:  # the sessions' phase starts: the machine's state and the CPU reading
        memory.mark()
        result.load_before, result.mem_available_gib = os.getloadavg(), _mem_available_gib()

    def work() -> None:
        try:
            outcome["value"] = asyncio.run(
                _run_async(
                    base,
                    sessions,
                    seconds,
                    moves,
                    trainers,
                    train_query,
                    browsers,
                    warm_up,
                    server_pid,
                    ramp_s,
                    launch,
                )
            )
        except BaseException as err:  # re-raised in the caller's thread
            outcome["error"] = err

    started = time.perf_counter()
    with MemorySampler(server_pid) as memory:
        thread = threading.Thread(target=work, name="load-test-browsers")
        thread.start()
        thread.join()
    if "error" in outcome:
        raise outcome["error"]
    result.heatmap, result.training, result.warmup_s, result.settle_s = outcome["value"]
    result.wall_s = time.perf_counter() - started
    result.load_after = os.getloadavg()
    if server_pid:
        result.server_peak_rss_mib = memory.server_peak / 2**20
        result.server_cpu_cores = memory.server_cpu_cores()
    result.client_peak_pss_mib = memory.client_peak / 2**20
    return result


def run_with_own_server(sessions: int, seconds: float, **options: Any) -> LoadResult:
    """run_load against a fresh instrumented server (warmed up first); the server is always killed."""
    with tempfile.TemporaryDirectory(prefix="load-test-") as folder:
        log = Path(folder) / "streamlit.log"
        with streamlit_server(log) as server:
            result = run_load(server.base, sessions, seconds, server_pid=server.pid, warm_up=True, **options)
        threads, errors = server_log_findings(log)
        result.training_threads = threads
        result.server_errors = errors
        if errors:  # keep the evidence beside the numbers
            kept = ROOT / "test-artifacts" / f"load-test-N{sessions}-streamlit.log"
            kept.parent.mkdir(exist_ok=True)
            kept.write_text(log.read_text(errors="replace"))
    return result


# ---------------------------------------------------------------- the report


def _fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(results: list[LoadResult]) -> str:
    """The issue's table: one row per N."""
    head = (
        "  N  browsers  errors  moves  repainted  p50 ms  p95 ms  max ms  ramp s  all first maps s"
        "  first map p50/max s"
        "  server peak MiB  server cores  browsers PSS MiB  train threads  CPUs  load before/after"
    )
    rows = [head]
    for r in results:
        s = r.summary()
        rows.append(
            f"{r.sessions:>3}  {r.browsers:>8}  {s['errors']:>6}  {s['moves']:>5}  "
            f"{s['sessions_repainted']:>4}/{r.sessions:<4}  {_fmt(s['latency_p50_ms']):>6}  "
            f"{_fmt(s['latency_p95_ms']):>6}  {_fmt(s['latency_max_ms']):>6}  "
            f"{r.ramp_s:>6.0f}  {_fmt(s['all_first_heatmaps_s'], 1):>16}  "
            f"{_fmt(s['first_heatmap_p50_s'], 1):>10}/{_fmt(s['first_heatmap_max_s'], 1):<8}  "
            f"{_fmt(s['server_peak_rss_mib']):>15}  "
            f"{_fmt(s['server_cpu_cores'], 2):>12}  {_fmt(s['client_peak_pss_mib']):>16}  "
            f"{_fmt(s['training_threads']):>13}  {r.cpu_count:>4}  "
            f"{r.load_before[0] if r.load_before else 0:.1f}/{r.load_after[0] if r.load_after else 0:.1f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the load test for each N, print the table and the errors; exit 1 if any error."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30], help="N, one run each")
    parser.add_argument("--seconds", type=float, default=150, help="bound of each run's session phase")
    parser.add_argument("--moves", type=int, default=6, help="slider moves per session")
    parser.add_argument("--ramp", type=float, default=60, help="students arrive evenly over this many s")
    parser.add_argument("--trainers", type=int, default=2, help="authorship tabs pressing Train together")
    parser.add_argument("--browsers", type=int, default=None, help="Chromium processes (default: N/10, 1-3)")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be in (0, 600]")
    results = []
    for n in args.sessions:
        print(f"N = {n}: {args.seconds:.0f} s bound, {args.trainers} trainers ...", flush=True)
        results.append(
            run_with_own_server(
                n,
                args.seconds,
                moves=args.moves,
                trainers=args.trainers,
                browsers=args.browsers,
                ramp_s=args.ramp,
            )
        )
    print()
    print(table(results))
    for r in results:
        for t in r.training:
            last = t.progress[-1] if t.progress else None
            print(
                f"N = {r.sessions}: trainer {t.index} pressed at {_fmt(t.pressed_at_s, 1)} s, "
                f"last progress {last}, finished {t.finished}"
            )
        for error in r.errors:
            print(f"N = {r.sessions}: ERROR {error}")
    if args.json:
        machine = {"cpu_count": os.cpu_count(), "uname": " ".join(os.uname())}
        args.json.write_text(
            json.dumps({"machine": machine, "runs": [r.summary() for r in results]}, indent=1)
        )
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
