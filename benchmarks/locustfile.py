"""Locust users for the classroom load test: students who speak Streamlit's protocol, no browser.

    .venv/bin/locust -f benchmarks/locustfile.py --headless -u 30 -r 1 -t 120s --host http://127.0.0.1:8501

benchmarks/load_test.py runs this for each N and reads the stats back; it is also usable alone.
Each user is one `streamlit_client.Session` (one tab). Every rerun is reported to Locust as a
request of type "rerun" (its time: from sending the rerun to the run's `script_finished`; its
length: the bytes received), and each σ move also as type "figure" (until the Ws heatmap, the
page's first chart, arrived: what the check browsers time), so Locust's stats give p50/p95/p99
and failures per kind of rerun.

- HeatmapStudent opens the heatmap page's shared link at T = 100, checks that its figures came,
  then every 2-4 s moves the σ slider (key `heatmap_sigma`, 0..6 by 0.05) to a value it did not
  show last; a move fails when the run ends without its heatmap or with the same heatmap.
- TrainerStudent (`LOAD_TEST_TRAINERS` of them, default 1) opens the authorship page on a tiny
  config, presses Train once and watches the progress fragment rerun every second, as a tab does,
  until the trained model's page is drawn ("train": press to trained), then idles.

Locust monkey-patches the process with gevent when it is imported: import this file only in a
Locust process (load_test.py starts one), never in a test process.

Environment: LOAD_TEST_HEATMAP_QUERY, LOAD_TEST_TRAIN_QUERY, LOAD_TEST_TRAINERS, LOAD_TEST_TIMEOUT
(s per rerun), LOAD_TEST_REPORT (a JSON file written when the test stops: Locust's stats and
failures, and one record per user).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from locust import User, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.streamlit_client import RerunStats, Session  # needs the repo on the path (above)

# load_test.HEATMAP_QUERY: the sidebar's shared link for the heatmap's defaults, at T = 100.
HEATMAP_QUERY = os.environ.get(
    "LOAD_TEST_HEATMAP_QUERY",
    "T=100&sigma=0.8&act=tanh&init=orthogonal&H=16&scale=1.0&loss=all&seed=0&lang=en",
)
# Tiny, and a seed no other test uses: trains in seconds, one shared job for every trainer.
TRAIN_QUERY = os.environ.get("LOAD_TEST_TRAIN_QUERY", "corpus=textbook&window=20&H=4&steps=15&seed=23")
TIMEOUT_S = float(os.environ.get("LOAD_TEST_TIMEOUT", "120"))
SIGMAS = [round(0.05 * i, 2) for i in range(121)]  # the σ slider's values: 0..6, step 0.05
HEATMAP = "heatmap_map_Ws"  # the chart that must change with σ
RECORDS: list[dict[str, Any]] = []  # one per user, updated as it runs; in the report at test stop
_numbers = itertools.count()


def _fire(user: User, kind: str, name: str, seconds: float, length: int, error: str | None) -> None:
    """One request in Locust's stats (milliseconds, bytes, a failure when `error` is set)."""
    user.environment.events.request.fire(
        request_type=kind,
        name=name,
        response_time=seconds * 1000,
        response_length=length,
        exception=RuntimeError(error) if error else None,
        context={},
    )


def _report(
    user: User, name: str, started: float, stats: RerunStats | None, error: str | None = None
) -> None:
    """A rerun to Locust: its time to script_finished, or the time until it failed."""
    if stats is not None and stats.latency_s is not None:
        seconds = stats.latency_s
    else:
        seconds = time.perf_counter() - started
    error = error or (stats.error if stats else None)
    _fire(user, "rerun", name, seconds, stats.bytes if stats else 0, error)


class HeatmapStudent(User):
    """Opens the shared heatmap link, then moves σ every 2-4 s and checks the heatmap followed."""

    wait_time = between(2, 4)
    weight = 1

    def on_start(self) -> None:
        self.record: dict[str, Any] = {"kind": "heatmap", "user": next(_numbers), "opened": False}
        self.record.update(moves=0, reruns=0, changed=0, latencies_ms=[], errors=[])
        RECORDS.append(self.record)
        self.rng = random.Random(self.record["user"])
        self.session = Session(self.host, timeout_s=TIMEOUT_S)
        started = time.perf_counter()
        try:
            stats = self.session.open("heatmap", HEATMAP_QUERY)
        except Exception as err:  # no page, no socket: this student is out
            self._failed("heatmap open", started, None, f"{type(err).__name__}: {err}")
            return
        self.record["replica"] = self.session.replica
        problem = None if HEATMAP in stats.figures else "the first run drew no heatmap"
        self.record["opened"] = stats.latency_s is not None and problem is None and not stats.errors
        self.record["open_s"] = stats.latency_s
        self._failed("heatmap open", started, stats, problem)

    def _failed(self, name: str, started: float, stats: RerunStats | None, problem: str | None) -> None:
        """Report the rerun; keep its errors in the user's record."""
        errors = ([problem] if problem else []) + (stats.errors if stats else [])
        self.record["errors"] += errors
        _report(self, name, started, stats, "; ".join(errors) or None)

    @task
    def move_sigma(self) -> None:
        if not self.record["opened"]:
            return  # an unopened page has no slider; its failure is already counted
        shown = self.session.find("heatmap_sigma").value[0]
        value = self.rng.choice([s for s in SIGMAS if abs(s - shown) > 1e-9])
        before = self.session.figures.get(HEATMAP)
        started = time.perf_counter()
        try:
            stats = self.session.set_widget("heatmap_sigma", value)
        except Exception as err:
            self.record["moves"] += 1
            self._failed("heatmap σ", started, None, f"{type(err).__name__}: {err}")
            return
        self.record["moves"] += 1
        self.record["reruns"] += stats.latency_s is not None
        after = stats.figures.get(HEATMAP)
        problem = None
        if after is None:
            problem = f"σ = {value}: the rerun drew no heatmap"
        elif after == before:
            problem = f"σ = {value}: the heatmap did not change"
        else:
            self.record["changed"] += 1
        if stats.latency_s is not None:
            self.record["latencies_ms"].append(round(stats.latency_s * 1000, 1))
        self._failed("heatmap σ", started, stats, problem)
        if HEATMAP in stats.figure_at:
            _fire(self, "figure", "heatmap σ", stats.figure_at[HEATMAP], 0, None)

    def on_stop(self) -> None:
        self.session.close()


class TrainerStudent(User):
    """Opens the authorship page on a tiny config, presses Train once, watches it train, then idles."""

    fixed_count = int(os.environ.get("LOAD_TEST_TRAINERS", "1"))
    wait_time = between(2, 4)

    def on_start(self) -> None:
        self.record: dict[str, Any] = {"kind": "trainer", "user": next(_numbers), "opened": False}
        self.record.update(pressed=False, trained_s=None, progress_reruns=0, errors=[])
        RECORDS.append(self.record)
        self.session = Session(self.host, timeout_s=TIMEOUT_S)
        self.pressed_at: float | None = None
        started = time.perf_counter()
        try:
            stats = self.session.open("authorship", TRAIN_QUERY)
        except Exception as err:
            self._note("authorship open", started, None, f"{type(err).__name__}: {err}")
            return
        self.record["opened"] = stats.latency_s is not None and not stats.errors
        self._note("authorship open", started, stats, None)

    def _note(self, name: str, started: float, stats: RerunStats | None, problem: str | None) -> None:
        errors = ([problem] if problem else []) + (stats.errors if stats else [])
        self.record["errors"] += errors
        _report(self, name, started, stats, "; ".join(errors) or None)

    @task
    def train_and_watch(self) -> None:
        if not self.record["opened"]:
            return
        if self.record["trained_s"] is not None:  # idle with the page open: the socket stays read
            for stats in self.session.watch(3.0):
                self._note("authorship idle", time.perf_counter(), stats, None)
            return
        if self.pressed_at is None:
            started = time.perf_counter()
            try:
                stats = self.session.press_button("authorship_train")
            except Exception as err:
                self._note("authorship Train", started, None, f"{type(err).__name__}: {err}")
                self.record["opened"] = False
                return
            self.pressed_at, self.record["pressed"] = started, True
            self._note("authorship Train", started, stats, None)
        else:
            for stats in self.session.watch(5.0):
                self.record["progress_reruns"] += 1
                self._note("authorship progress", time.perf_counter(), stats, None)
        if not self.session.fragments:  # no progress fragment left: the trained page is drawn
            self.record["trained_s"] = time.perf_counter() - self.pressed_at
            _fire(self, "train", "authorship press → trained", self.record["trained_s"], 0, None)

    def on_stop(self) -> None:
        self.session.close()


@events.test_stop.add_listener
def _write_report(environment: Any, **_: Any) -> None:
    """Locust's stats, its failures and each user's record, once every user has stopped.

    Written here rather than read from `--csv`: Locust writes those files once a second while it
    runs and not again at the end, so the reruns finished during the stop would be missing.
    """
    path = os.environ.get("LOAD_TEST_REPORT")
    if not path:
        return
    stats = [
        {
            "type": entry.method,
            "name": entry.name,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            # Locust's own percentiles (response times kept rounded to 2 significant digits)
            **{f"p{q}_ms": entry.get_response_time_percentile(q / 100) for q in (50, 95, 99)},
            "avg_bytes": entry.avg_content_length,
        }
        for entry in environment.stats.entries.values()
    ]
    failures = [
        {"type": e.method, "name": e.name, "error": str(e.error), "occurrences": e.occurrences}
        for e in environment.stats.errors.values()
    ]
    cpu_warning = bool(getattr(environment.runner, "cpu_warning_emitted", False))
    report = {"stats": stats, "failures": failures, "users": RECORDS, "locust_cpu_warning": cpu_warning}
    Path(path).write_text(json.dumps(report, indent=1))
