"""Classroom load test (issue 13): N protocol-level students on one server, and 2 real browsers beside.

    .venv/bin/python benchmarks/load_test.py [--users 10 30 60 120] [--seconds 120] [--ramp 60]
        [--trainers 1] [--browsers 2] [--base URL [--server-pids PID ...]] [--json out.json]

For each N it starts a fresh `streamlit run` on a free 127.0.0.1 port (instrumented to log every
authorship training thread it starts), opens the shared heatmap link once over the protocol (JAX
compiles its bucket) and waits until the app's start-up warm-up has gone quiet: the server was
started before class. Then, for `--seconds`:

- Locust, in a process of its own (`locust --headless`, benchmarks/locustfile.py), runs N
  HeatmapStudents arriving evenly over `--ramp` seconds: each opens the heatmap's shared link at
  T = 100 and moves σ every 2-4 s; beside them `--trainers` TrainerStudents press Train on a tiny
  authorship config. They speak Streamlit's WebSocket protocol (benchmarks/streamlit_client.py):
  no browser runs for them, so a client costs a few milliseconds of CPU per rerun, not a browser.
- `--browsers` real headless Chromium tabs (Debian's chromium through Playwright) open the same
  link and move σ with the keyboard; their slider-to-repaint latency, measured inside the page,
  is the check that the protocol users' numbers are what a student sees.

`--base URL` runs against a server that is already up (a `./lab serve --replicas N` behind nginx,
say) instead; `--server-pids` names its processes for the CPU and memory columns.

Reports, per N: errors (Locust failures: exception boxes, red alerts, no or unchanged heatmap,
time-outs; browser errors; server tracebacks), p50/p95/p99 of the σ rerun (from sending the rerun
to its `script_finished`, Locust's percentiles) and the p95 until its Ws heatmap arrived (what the
browsers time), the first open's p95, reruns served per second, server CPU in cores
(utime + stime of its process tree from /proc over the run), server peak RSS, Locust's own CPU
(it shares the machine: near 1 core, it is the bottleneck and the latencies are the client's),
and the browsers' CPU and p50/p95 (two Chromium tabs drawing 100 × 100 heatmaps took 0.6-0.75
of the 2 development cores: `--browsers 0` leaves the machine to the server and Locust).
Bounded: at most MAX_USERS users and 600 s per N; every process started here is stopped at the
end. Exit status 1 if any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.streamlit_client import Session  # noqa: E402 (needs ROOT on the path)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

# The sidebar's "link to this view" for the heatmap's defaults, at T = 100 (locustfile.py's default).
HEATMAP_QUERY = "T=100&sigma=0.8&act=tanh&init=orthogonal&H=16&scale=1.0&loss=all&seed=0&lang=en"
# Tiny, and a seed no other test uses: trains in seconds, one shared job for all trainers.
TRAIN_QUERY = "corpus=textbook&window=20&H=4&steps=15&seed=23"
LOCUSTFILE = ROOT / "benchmarks" / "locustfile.py"
MAX_USERS = 300
GRACE_S = 30.0  # after the bound: the last reruns finish (Locust's --stop-timeout), browsers close
SIGMA_MOVES = 100  # a browser moves σ up from 0.8 by 0.05: 100 moves stay below the slider's 6.0
POLL_MS = 50  # how often a browser tab checks for the repaint: that latency's resolution

SLIDERS = '[data-testid="stSlider"]'  # the σ one is the slider whose label holds "σ" (σ_max(Ws))
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
# `python -m streamlit`, plus a log line for every authorship training thread: the shared job's
# registry is inside the server, so counting its threads checks that one config trains once.
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


@dataclass
class BrowserResult:
    """One real Chromium tab: its first heatmap, each σ move's repaint latency, what went wrong."""

    index: int
    first_draw_s: float | None = None
    latencies_ms: list[float] = field(default_factory=list)
    moves: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def repainted(self) -> bool:
        """Every move was followed by new heatmap data (and there was at least one)."""
        return self.moves > 0 and len(self.latencies_ms) == self.moves


def quantile(values: list[float], q: float) -> float | None:
    """The q-quantile (0..1) by the nearest-rank rule; None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


@dataclass
class LoadResult:
    """Everything measured for one N."""

    users: int
    trainers: int
    seconds: float
    ramp_s: float
    cpu_count: int
    # From locustfile.py's report: Locust's stats (type, name, requests, failures, p50/p95/p99_ms),
    # its failures (type, name, error, occurrences) and one record per user
    stats: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    locust_cpu_warning: bool = False  # Locust itself warned that its CPU was saturated
    browsers: list[BrowserResult] = field(default_factory=list)
    server_cpu_cores: float | None = None
    server_peak_rss_gib: float | None = None
    locust_cpu_cores: float | None = None
    locust_peak_rss_gib: float | None = None
    browsers_cpu_cores: float | None = None
    browsers_peak_pss_gib: float | None = None
    training_threads: int | None = None
    server_errors: list[str] = field(default_factory=list)
    locust_errors: list[str] = field(default_factory=list)  # the Locust process itself failed
    warmup_s: float | None = None
    settle_s: float | None = None
    wall_s: float = 0.0
    load_before: tuple[float, float, float] | None = None
    load_after: tuple[float, float, float] | None = None

    def row(self, kind: str, name: str) -> dict[str, Any]:
        """Locust's stats for one request type and name ({} if there was none)."""
        return next((r for r in self.stats if r["type"] == kind and r["name"] == name), {})

    def ms(self, kind: str, name: str, column: str) -> float | None:
        return self.row(kind, name).get(column)

    @property
    def errors(self) -> list[str]:
        """Locust's failures (with counts), the browsers' errors, the server's tracebacks."""
        found = list(self.server_errors) + list(self.locust_errors)
        found += [f"{f['occurrences']}× {f['name']}: {f['error']}" for f in self.failures]
        for b in self.browsers:
            found += [f"browser {b.index}: {e}" for e in b.errors]
        return found

    def error_count(self) -> int:
        """Failed requests (each counted), plus each browser, server and Locust error."""
        failed = sum(f["occurrences"] for f in self.failures)
        return (
            failed
            + len(self.server_errors)
            + len(self.locust_errors)
            + sum(len(b.errors) for b in self.browsers)
        )

    def by_replica(self) -> dict[str, int]:
        """Heatmap students per replica (nginx's X-Lab-Replica header; {} without one)."""
        found: dict[str, int] = {}
        for record in self.records:
            if record["kind"] == "heatmap" and record.get("replica"):
                found[record["replica"]] = found.get(record["replica"], 0) + 1
        return found

    def summary(self) -> dict[str, Any]:
        """The table row, plus the details, as plain JSON values."""
        reruns = sum(r["requests"] for r in self.stats if r["type"] == "rerun")
        browser_ms = [v for b in self.browsers for v in b.latencies_ms]
        trained = [r["trained_s"] for r in self.records if r.get("trained_s") is not None]
        return {
            "users": self.users,
            "trainers": self.trainers,
            "seconds": self.seconds,
            "ramp_s": self.ramp_s,
            "cpu_count": self.cpu_count,
            "errors": self.error_count(),
            "error_list": self.errors,
            "sigma_moves": self.row("rerun", "heatmap σ").get("requests", 0),
            "rerun_p50_ms": self.ms("rerun", "heatmap σ", "p50_ms"),
            "rerun_p95_ms": self.ms("rerun", "heatmap σ", "p95_ms"),
            "rerun_p99_ms": self.ms("rerun", "heatmap σ", "p99_ms"),
            "figure_p95_ms": self.ms("figure", "heatmap σ", "p95_ms"),  # until the Ws map arrived
            "open_p95_ms": self.ms("rerun", "heatmap open", "p95_ms"),
            "reruns_per_s": reruns / self.seconds,
            "server_cpu_cores": self.server_cpu_cores,
            "server_peak_rss_gib": self.server_peak_rss_gib,
            "locust_cpu_cores": self.locust_cpu_cores,
            "locust_peak_rss_gib": self.locust_peak_rss_gib,
            "locust_cpu_warning": self.locust_cpu_warning,
            "browsers_cpu_cores": self.browsers_cpu_cores,
            "browsers_peak_pss_gib": self.browsers_peak_pss_gib,
            "browser_moves": sum(b.moves for b in self.browsers),
            "browser_p50_ms": quantile(browser_ms, 0.5),
            "browser_p95_ms": quantile(browser_ms, 0.95),
            "train_s": max(trained) if trained else None,
            "students_by_replica": self.by_replica(),
            "training_threads": self.training_threads,
            "warmup_s": self.warmup_s,
            "settle_s": self.settle_s,
            "wall_s": self.wall_s,
            "load_before": self.load_before,
            "load_after": self.load_after,
            "locust_stats": self.stats,
            "users_detail": self.records,
            "browser_sessions": [asdict(b) for b in self.browsers],
        }


# ---------------------------------------------------------------- processes (/proc only)

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stats() -> dict[int, tuple[int, int, int]]:
    """pid -> (ppid, rss bytes, CPU ticks: utime + stime) for every process we can read."""
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


def _tree(table: dict[int, tuple[int, int, int]], roots: set[int]) -> set[int]:
    """The roots and all their descendants."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in table and pid not in found:
            found.add(pid)
            todo += children.get(pid, [])
    return found


class ProcessMeter:
    """CPU (cores) and peak memory of the server's, Locust's and the browsers' process trees.

    A thread samples /proc every `interval_s`. "browsers" is every other descendant of this
    process (Playwright's driver and Chromium), measured by PSS since Chromium shares its pages.
    """

    def __init__(self, server_pids: set[int], interval_s: float = 0.5) -> None:
        self.roots: dict[str, set[int]] = {"server": set(server_pids), "locust": set()}
        self.interval_s = interval_s
        self.peak = {"server": 0, "locust": 0, "browsers": 0}
        self.first: dict[int, int] | None = None
        self.ticks: dict[str, dict[int, int]] = {"server": {}, "locust": {}, "browsers": {}}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="load-test-meter")
        self._marked = self._ended = time.perf_counter()

    def _sample(self) -> None:
        table = _proc_stats()
        trees = {name: _tree(table, roots) for name, roots in self.roots.items()}
        trees["browsers"] = _tree(table, {os.getpid()}) - trees["server"] - trees["locust"] - {os.getpid()}
        for name, pids in trees.items():
            size = sum(_pss(p) for p in pids) if name == "browsers" else sum(table[p][1] for p in pids)
            self.peak[name] = max(self.peak[name], size)
            self.ticks[name].update({p: table[p][2] for p in pids})
        if self.first is None:
            self.first = {p: t for ticks in self.ticks.values() for p, t in ticks.items()}

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval_s)

    def __enter__(self) -> ProcessMeter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self._ended = time.perf_counter()

    def mark(self) -> None:
        """Start the CPU reading here (the students' phase) and the peaks afresh."""
        self.first, self._marked = None, time.perf_counter()
        self.peak = dict.fromkeys(self.peak, 0)
        for ticks in self.ticks.values():
            ticks.clear()

    def cores(self, name: str) -> float | None:
        """CPU seconds of that tree since the mark, per second of wall time."""
        elapsed = self._ended - self._marked
        if not self.ticks[name] or self.first is None or elapsed <= 0:
            return None
        used = sum(t - self.first.get(p, 0) for p, t in self.ticks[name].items())
        return used / CLOCK_TICKS / elapsed

    def peak_gib(self, name: str) -> float | None:
        return self.peak[name] / 2**30 if self.peak[name] else None


@contextmanager
def streamlit_server(log: Path, start_timeout_s: float = 90) -> Iterator[tuple[str, int]]:
    """`streamlit run streamlit_app.py` on a free loopback port, instrumented: (base URL, pid); always
    stopped after. The output goes to a file: under load nothing reads a pipe, and a full one blocks."""
    port = free_port()
    command = [sys.executable, "-c", INSTRUMENTED_STREAMLIT, "run", "streamlit_app.py"]
    command += ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
    # A classroom server's code does not change; with the watcher on, an edit in the working tree
    # made Streamlit unload modules while sessions imported them (KeyError in importlib).
    command += ["--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
    with open(log, "wb") as out:  # its own process group: stopping it ends its children too
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
        yield base, proc.pid
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process's own group, SIGKILL if it lingers."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def wait_until_idle(pids: set[int], max_s: float, below_cores: float = 0.15, window_s: float = 2.0) -> float:
    """Wait until the processes' trees use under `below_cores` CPU over `window_s`; seconds waited.

    The app warms its caches in a background thread that its first visit starts; a class arrives
    after that ("the server was started five minutes before class"), so students meet a quiet server.
    """
    started = time.perf_counter()

    def ticks() -> int:
        table = _proc_stats()
        return sum(table[p][2] for p in _tree(table, pids))

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
    lines = log.read_text(errors="replace").splitlines()
    errors = [
        "server log: " + " | ".join(lines[i : i + 12])[:1500]
        for i, line in enumerate(lines)
        if line.startswith("Traceback") or " ERROR " in line or line.startswith("ERROR")
    ]
    return sum(TRAINING_LINE in line for line in lines), errors


# ---------------------------------------------------------------- the check browsers (async)


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


async def browser_session(browser: Any, base: str, result: BrowserResult, deadline: float) -> None:
    """Open the shared link, wait for the first heatmap, move σ up one step every 2-4 s until the deadline.

    The latency of a move runs from the key press (taken inside the page, before the slider sees
    it) until the first heatmap's data differs: Playwright's round trips are not in it.
    """
    rng = random.Random(1000 + result.index)
    started = time.perf_counter()
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = await context.new_page()
        page.on("pageerror", lambda err: result.errors.append(f"page error: {str(err)[:300]}"))
        await page.add_init_script(KEY_CLOCK_JS)
        wait_ms = max(deadline + GRACE_S - time.perf_counter(), 1) * 1000
        await page.goto(f"{base}/heatmap?{HEATMAP_QUERY}", timeout=wait_ms)
        await page.wait_for_function(SIGNATURE_JS, polling=POLL_MS * 4, timeout=wait_ms)
        result.first_draw_s = time.perf_counter() - started
        _note(result.errors, await page_problems(page))
        await page.locator(SLIDERS).filter(has_text="σ").locator('input[type="range"]').focus()
        while result.moves < SIGMA_MOVES and (result.moves == 0 or time.perf_counter() < deadline):
            before = await page.evaluate(SIGNATURE_JS)
            result.moves += 1
            await page.keyboard.press("ArrowRight")
            left_ms = max(deadline + GRACE_S - time.perf_counter(), GRACE_S) * 1000
            handle = await page.wait_for_function(CHANGED_JS, arg=before, polling=POLL_MS, timeout=left_ms)
            result.latencies_ms.append(float(await handle.json_value()))
            _note(result.errors, await page_problems(page))
            await asyncio.sleep(rng.uniform(2.0, 4.0))  # the same pace as the protocol students
    except Exception as err:  # a timeout or a crash is this tab's error, not the whole run's
        first = str(err).strip().splitlines()[0] if str(err).strip() else ""
        result.errors.append(f"{type(err).__name__}: {first[:300]}")
    finally:
        await context.close()


async def _browsers(base: str, count: int, deadline: float) -> list[BrowserResult]:
    from playwright.async_api import async_playwright

    results = [BrowserResult(i) for i in range(count)]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(*(browser_session(browser, base, r, deadline) for r in results))
        finally:
            await browser.close()
    return results


# ---------------------------------------------------------------- Locust, in its own process


def locust_command(base: str, users: int, trainers: int, seconds: float, ramp_s: float) -> list[str]:
    """`locust --headless` for N students plus the trainers, ramping over `ramp_s`, for `seconds`."""
    total = users + trainers
    rate = total / ramp_s if ramp_s > 0 else total
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", base]
    command += ["-u", str(total), "-r", f"{rate:.3f}", "-t", f"{seconds:.0f}s", "--only-summary"]
    command += ["--stop-timeout", f"{GRACE_S:.0f}", "--exit-code-on-error", "0"]
    return command + ["HeatmapStudent"] + (["TrainerStudent"] if trainers else [])


def run_load(
    base: str,
    users: int,
    seconds: float,
    *,
    trainers: int = 1,
    ramp_s: float = 0.0,
    browsers: int = 2,
    server_pids: set[int] | None = None,
    train_query: str = TRAIN_QUERY,
) -> LoadResult:
    """N protocol students (Locust) and `browsers` Chromium tabs against the server at `base`.

    The browsers run Playwright's async API in a thread of their own (so this works inside pytest
    beside the sync API); Locust runs as a subprocess, so its gevent monkey-patching stays there.
    `server_pids` enables the server's CPU and memory columns.
    """
    if not 0 < users <= MAX_USERS:
        raise ValueError(f"users must be 1..{MAX_USERS}, not {users}")
    if not 0 < seconds <= 600 or not 0 <= ramp_s < seconds:
        raise ValueError("seconds must be in (0, 600] and the ramp must end before them")
    if browsers and CHROMIUM is None:
        raise RuntimeError("Debian's chromium is not installed (./lab test installs it)")
    result = LoadResult(users, trainers, seconds, ramp_s, os.cpu_count() or 0)
    outcome: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="locust-") as folder, ProcessMeter(server_pids or set()) as meter:
        env = dict(os.environ, LOAD_TEST_REPORT=f"{folder}/report.json", LOAD_TEST_TRAINERS=str(trainers))
        env.update(LOAD_TEST_HEATMAP_QUERY=HEATMAP_QUERY, LOAD_TEST_TRAIN_QUERY=train_query)
        command = locust_command(base, users, trainers, seconds, ramp_s)
        meter.mark()
        result.load_before = os.getloadavg()
        started = time.perf_counter()
        deadline = started + seconds
        with open(Path(folder) / "locust.log", "wb") as log:
            locust = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        meter.roots["locust"].add(locust.pid)

        def work() -> None:
            try:
                outcome["browsers"] = asyncio.run(_browsers(base, browsers, deadline)) if browsers else []
            except BaseException as err:  # re-raised in the caller's thread
                outcome["error"] = err

        thread = threading.Thread(target=work, name="load-test-browsers")
        thread.start()
        try:
            code = locust.wait(timeout=seconds + 2 * GRACE_S + 60)
        except subprocess.TimeoutExpired:
            locust.kill()
            code = locust.wait()
            result.locust_errors.append("Locust ran past its bound and was killed")
        thread.join()
        result.wall_s = time.perf_counter() - started
        result.load_after = os.getloadavg()
        if code != 0:
            tail = (Path(folder) / "locust.log").read_text(errors="replace")[-3000:]
            result.locust_errors.append(f"Locust exited with {code}: {tail}")
        report = Path(folder) / "report.json"
        if report.exists():
            written = json.loads(report.read_text())
            result.stats, result.failures = written["stats"], written["failures"]
            result.records, result.locust_cpu_warning = written["users"], written["locust_cpu_warning"]
        elif not result.locust_errors:
            result.locust_errors.append("Locust wrote no report")
    if "error" in outcome:
        raise outcome["error"]
    result.browsers = outcome.get("browsers", [])
    result.server_cpu_cores = meter.cores("server") if server_pids else None
    result.server_peak_rss_gib = meter.peak_gib("server") if server_pids else None
    result.locust_cpu_cores, result.locust_peak_rss_gib = meter.cores("locust"), meter.peak_gib("locust")
    result.browsers_cpu_cores = meter.cores("browsers") if browsers else None
    result.browsers_peak_pss_gib = meter.peak_gib("browsers") if browsers else None
    return result


def run_with_own_server(users: int, seconds: float, **options: Any) -> LoadResult:
    """run_load against a fresh instrumented server, warmed up and quiet first; always stopped after."""
    with tempfile.TemporaryDirectory(prefix="load-test-") as folder:
        log = Path(folder) / "streamlit.log"
        with streamlit_server(log) as (base, pid):
            started = time.perf_counter()
            warm = Session(base)  # the teacher's check before class: the shared link's bucket compiles
            try:
                warm.open("heatmap", HEATMAP_QUERY)
            finally:
                warm.close()
            warmup_s = time.perf_counter() - started
            settle_s = wait_until_idle({pid}, 300)  # the app's start-up warm-up thread, if on
            result = run_load(base, users, seconds, server_pids={pid}, **options)
        result.warmup_s, result.settle_s = warmup_s, settle_s
        result.training_threads, result.server_errors = server_log_findings(log)
        if result.server_errors:  # keep the evidence beside the numbers
            kept = ROOT / "test-artifacts" / f"load-test-N{users}-streamlit.log"
            kept.parent.mkdir(exist_ok=True)
            kept.write_text(log.read_text(errors="replace"))
    return result


# ---------------------------------------------------------------- the report


def _fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(results: list[LoadResult]) -> str:
    """One row per N: the σ rerun's percentiles, throughput, the server's and the client's cost."""
    head = (
        "    N  errors  σ moves  p50 ms  p95 ms  p99 ms  heatmap p95  open p95  reruns/s"
        "  server cores  server GiB  locust cores  browser cores  browser moves  browser p50/p95 ms  train s"
        "  threads  CPUs  load before/after"
    )
    rows = [head]
    for r in results:
        s = r.summary()
        load = f"{r.load_before[0] if r.load_before else 0:.1f}/{r.load_after[0] if r.load_after else 0:.1f}"
        rows.append(
            f"{r.users:>5}  {s['errors']:>6}  {s['sigma_moves']:>7}  {_fmt(s['rerun_p50_ms']):>6}  "
            f"{_fmt(s['rerun_p95_ms']):>6}  {_fmt(s['rerun_p99_ms']):>6}  {_fmt(s['figure_p95_ms']):>11}  "
            f"{_fmt(s['open_p95_ms']):>8}  {s['reruns_per_s']:>8.2f}  {_fmt(s['server_cpu_cores'], 2):>12}  "
            f"{_fmt(s['server_peak_rss_gib'], 2):>10}  {_fmt(s['locust_cpu_cores'], 2):>12}  "
            f"{_fmt(s['browsers_cpu_cores'], 2):>13}  "
            f"{s['browser_moves']:>13}  {_fmt(s['browser_p50_ms']):>8}/{_fmt(s['browser_p95_ms']):<9}  "
            f"{_fmt(s['train_s'], 1):>7}  {_fmt(s['training_threads']):>7}  {r.cpu_count:>4}  {load}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the load test for each N, print the table and the errors; exit 1 if any error."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, nargs="+", default=[10, 30, 60, 120], help="N, one run each")
    parser.add_argument("--seconds", type=float, default=120, help="each run's length, the ramp included")
    parser.add_argument("--ramp", type=float, default=60, help="students arrive evenly over this many s")
    parser.add_argument("--trainers", type=int, default=1, help="authorship students pressing Train")
    parser.add_argument(
        "--train-query", default=TRAIN_QUERY, help="the trainers' authorship settings (default: tiny)"
    )
    parser.add_argument("--browsers", type=int, default=2, help="real Chromium tabs beside, as the check")
    parser.add_argument("--base", default=None, help="a running server or load balancer instead of our own")
    parser.add_argument("--server-pids", type=int, nargs="*", default=[], help="with --base: its processes")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600 or not 0 <= args.ramp < args.seconds:
        parser.error("--seconds must be in (0, 600] and --ramp shorter")
    results = []
    for n in args.users:
        print(f"N = {n}: {args.seconds:.0f} s, ramp {args.ramp:.0f} s, {args.trainers} trainers, "
              f"{args.browsers} browsers ...", flush=True)  # fmt: skip
        options = dict(trainers=args.trainers, ramp_s=args.ramp, browsers=args.browsers)
        options["train_query"] = args.train_query
        if args.base:
            results.append(
                run_load(args.base.rstrip("/"), n, args.seconds, server_pids=set(args.server_pids), **options)
            )
        else:
            results.append(run_with_own_server(n, args.seconds, **options))
        print(table(results[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    for r in results:
        for error in r.errors:
            print(f"N = {r.users}: ERROR {error}")
        if r.locust_cpu_cores is not None and r.locust_cpu_cores > 0.8:
            print(
                f"N = {r.users}: Locust used {r.locust_cpu_cores:.2f} cores: the client may be the bottleneck"
            )
        if r.by_replica():
            print(f"N = {r.users}: students per replica {r.by_replica()}")
        if r.locust_cpu_warning:
            print(f"N = {r.users}: Locust warned that its own CPU use was high")
    if args.json:
        machine = {"cpu_count": os.cpu_count(), "uname": " ".join(os.uname())}
        args.json.write_text(
            json.dumps({"machine": machine, "runs": [r.summary() for r in results]}, indent=1)
        )
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
