"""Long computations shared by every session: started once per key, run in a background thread.

Thirty students pressing "train" on the same settings share one job: the
registry is an `st.cache_resource`, so there is one per server. A job appends
progress items under a lock; readers take copies, so no session sees another's
half-written state. Pages poll a job from an `st.fragment(run_every=...)`, so
the page is not rerun from the top while it trains.

A job may be watched: sessions that started it (or joined it) are its
watchers, and a session's stop button only leaves it. The job is asked to
stop when its last watcher leaves, so one student cannot stop everyone's run.

Trainings take turns: at most MAX_TRAININGS run at once on the server (one per
core, or LAB_MAX_TRAININGS), the others wait in one first-come line
(visualizer.app.training_queue) in their own threads, so no page waits for a
place. A page reads `job.queue_position` to say where its job stands; a job
asked to stop while it waits leaves the line without running. A page's own
training in its script thread takes a slot with `training_slot()`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any

import streamlit as st

from visualizer.app import training_queue

MAX_JOBS = 64  # finished jobs beyond this are forgotten, oldest first: their results are bounded
MAX_TRAININGS = training_queue.default_cap()  # trainings running at once on this server
# One line for the whole process: the cap is read at each decision, so tests can lower it.
_POOL = training_queue.SlotPool(lambda: MAX_TRAININGS)
_held = threading.local()  # .slot: this thread holds a slot (a job's thread, or inside training_slot)

Publish = Callable[[Any], None]
Work = Callable[[Publish, threading.Event], Any]  # (publish, stop) -> result


def lower_priority() -> None:
    """Give the calling thread the lowest CPU priority (Linux schedules threads as tasks).

    Training is a background job: on a small server, students' clicks and slider moves
    must be served first, and training takes whatever CPU is left.
    """
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


class NoFreeSlotError(RuntimeError):
    """training_slot(wait=False) found every training slot taken (or others waiting for one)."""


def running_trainings() -> int:
    """How many trainings hold a slot on this server now."""
    return _POOL.running


def training_cap() -> int:
    """The most trainings that run at once on this server (MAX_TRAININGS, read now)."""
    return _POOL.cap


@contextlib.contextmanager
def training_slot(*, wait: bool = True, on_wait: Callable[[int], None] | None = None) -> Iterator[None]:
    """Hold one of the server's training slots for the with-block: for a training run in this thread.

    Waits in the jobs' line, calling on_wait(place in line) about every training_queue.POLL_S, from
    this thread (a page may draw its notice there; a rerun raised from it leaves the line). With
    wait=False it takes a slot only if one is free now, else raises NoFreeSlotError: a cached computation
    asks that way, so that a stored result never waits, and its caller waits and calls again. In a
    thread that already holds a slot (a job's work, an outer training_slot) it takes nothing more.
    """
    if getattr(_held, "slot", False):
        yield
        return
    pool = _POOL
    if wait:
        pool.acquire(object(), on_wait=on_wait)  # no stop event: True once admitted
    elif not pool.try_acquire():
        raise NoFreeSlotError(f"all {pool.cap} training slots are taken")
    _held.slot = True
    try:
        yield
    finally:
        _held.slot = False
        pool.release()


class Job:
    """One computation in a daemon thread: its published items, its result or its error.

    A training job (the default) first waits in the server's line for a slot, in its thread.
    """

    def __init__(self, work: Work, name: str = "job", *, training: bool = True) -> None:
        self._items: list[Any] = []
        self._lock = threading.Lock()
        self.stop = threading.Event()  # the work checks it between steps
        self.finished = threading.Event()
        self.result: Any = None
        self.error: str | None = None
        self.stopped = False  # finished because it was asked to stop: its result, if any, is partial
        self._watchers: set[Hashable] = set()
        self._pool = _POOL if training else None  # kept: the slot goes back to the pool it came from
        if self._pool is not None:
            self._pool.enter(self)  # in line before start() returns: the page shows its place at once
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True, name=name)
        self._thread.start()

    def _run(self, work: Work) -> None:
        lower_priority()
        left_the_line = False
        try:
            if self._pool is not None and not self._pool.acquire(self, self.stop):
                left_the_line = True  # asked to stop while waiting: the work never ran
                return
            _held.slot = self._pool is not None
            try:
                self.result = work(self._publish, self.stop)
            finally:
                if self._pool is not None:
                    _held.slot = False
                    self._pool.release()  # also after an error: the next in line starts
        except Exception as err:  # the page shows it; the server goes on
            self.error = f"{type(err).__name__}: {err}"
        finally:
            # Read now: a stop pressed after the end changes nothing. A job that left the line is
            # stopped even if a watcher joined since: it has no result, so the next start() redoes it.
            self.stopped = left_the_line or self.stop.is_set()
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
        """Not finished yet: waiting for a slot or working."""
        return not self.finished.is_set()

    @property
    def queue_position(self) -> int | None:
        """Its place in the server's line for a training slot (1 = next); None once it runs or ended."""
        return None if self._pool is None else self._pool.place(self)

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
        if self._pool is not None:
            self._pool.wake()  # a job still in line leaves it now, not at the next poll


@st.cache_resource(show_spinner=False)
def _registry() -> tuple[OrderedDict[Hashable, Job], threading.Lock]:
    return OrderedDict(), threading.Lock()


def find(key: Hashable) -> Job | None:
    """The job for key, if one was started on this server."""
    jobs, lock = _registry()
    with lock:
        return jobs.get(key)


def start(
    key: Hashable, work: Work, watcher: Hashable | None = None, name: str = "job", *, training: bool = True
) -> Job:
    """The job for key: the running (or waiting) or finished one if it exists, else a new one.

    A job that failed, or that finished because it was stopped, is started afresh.
    With a watcher, that session is added to the job's watchers. The name is its thread's,
    for logs (the load test counts "authorship-" threads). A training waits for a slot first.
    """
    jobs, lock = _registry()
    with lock:
        job = jobs.get(key)
        if job is None or job.error is not None or job.stopped:
            jobs[key] = job = Job(work, name, training=training)
            finished = [k for k, j in jobs.items() if not j.running and k != key]
            for old in finished[: max(0, len(jobs) - MAX_JOBS)]:
                del jobs[old]
        else:
            jobs.move_to_end(key)
        if watcher is not None:
            job.watch(watcher)
        return job
