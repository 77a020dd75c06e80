"""Long computations shared by every session: started once per key, run in a background thread.

Thirty students pressing "train" on the same settings share one job: the
registry is an `st.cache_resource`, so there is one per server. A job appends
progress items under a lock; readers take copies, so no session sees another's
half-written state. Pages poll a job from an `st.fragment(run_every=...)`, so
the page is not rerun from the top while it trains.

A job may be watched: sessions that started it (or joined it) are its
watchers, and a session's stop button only leaves it. The job is asked to
stop when its last watcher leaves, so one student cannot stop everyone's run.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

MAX_JOBS = 64  # finished jobs beyond this are forgotten, oldest first

Publish = Callable[[Any], None]
Work = Callable[[Publish, threading.Event], Any]  # (publish, stop) -> result


def lower_priority() -> None:
    """Give the calling thread the lowest CPU priority (Linux schedules threads as tasks).

    Training is a background job: on a small server, students' clicks and slider moves
    must be served first, and training takes whatever CPU is left.
    """
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


class Job:
    """One computation in a daemon thread: its published items, its result or its error."""

    def __init__(self, work: Work, name: str = "job") -> None:
        self._items: list[Any] = []
        self._lock = threading.Lock()
        self.stop = threading.Event()  # the work checks it between steps
        self.finished = threading.Event()
        self.result: Any = None
        self.error: str | None = None
        self.stopped = False  # finished because it was asked to stop: its result, if any, is partial
        self._watchers: set[Hashable] = set()
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True, name=name)
        self._thread.start()

    def _run(self, work: Work) -> None:
        lower_priority()
        try:
            self.result = work(self._publish, self.stop)
        except Exception as err:  # the page shows it; the server goes on
            self.error = f"{type(err).__name__}: {err}"
        finally:
            self.stopped = self.stop.is_set()  # read now: a stop pressed after the end changes nothing
            self.finished.set()

    def _publish(self, item: Any) -> None:
        with self._lock:
            self._items.append(item)

    def items(self) -> list[Any]:
        """A copy of everything published so far."""
        with self._lock:
            return list(self._items)

    @property
    def running(self) -> bool:
        return not self.finished.is_set()

    def watch(self, session: Hashable) -> None:
        """Count session among the job's watchers; a job asked to stop but still running goes on."""
        with self._lock:
            self._watchers.add(session)
            self.stop.clear()

    def leave(self, session: Hashable) -> None:
        """Session stops watching; the job is asked to stop when nobody watches any more."""
        with self._lock:
            self._watchers.discard(session)
            if not self._watchers:
                self.stop.set()


@st.cache_resource(show_spinner=False)
def _registry() -> tuple[OrderedDict[Hashable, Job], threading.Lock]:
    return OrderedDict(), threading.Lock()


def find(key: Hashable) -> Job | None:
    """The job for key, if one was started on this server."""
    jobs, lock = _registry()
    with lock:
        return jobs.get(key)


def start(key: Hashable, work: Work, watcher: Hashable | None = None, name: str = "job") -> Job:
    """The job for key: the running or finished one if it exists, else a new one.

    A job that failed, or that finished because it was stopped, is started afresh.
    With a watcher, that session is added to the job's watchers. The name is its thread's,
    for logs (the load test counts "authorship-" threads).
    """
    jobs, lock = _registry()
    with lock:
        job = jobs.get(key)
        if job is None or job.error is not None or job.stopped:
            jobs[key] = job = Job(work, name)
            finished = [k for k, j in jobs.items() if not j.running and k != key]
            for old in finished[: max(0, len(jobs) - MAX_JOBS)]:
                del jobs[old]
        else:
            jobs.move_to_end(key)
        if watcher is not None:
            job.watch(watcher)
        return job
