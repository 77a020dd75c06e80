"""visualizer.app.jobs with a cap on trainings: fake works held by events, one fresh line per test."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from visualizer.app import jobs, training_queue

WAIT_S = 30  # generous: only a broken line makes a test wait this long


@pytest.fixture
def cap(monkeypatch: pytest.MonkeyPatch):
    """Set the server's cap; the line is a fresh one, so jobs of other tests in this process stay out."""
    monkeypatch.setattr(training_queue, "POLL_S", 0.02)
    monkeypatch.setattr(jobs, "_POOL", training_queue.SlotPool(lambda: jobs.MAX_TRAININGS))

    def set_cap(n: int) -> None:
        monkeypatch.setattr(jobs, "MAX_TRAININGS", n)

    return set_cap


class Works:
    """Fake trainings: each records when it starts and runs until its own event is set."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started: list[str] = []
        self.now = self.most = 0  # works inside their body now, and the most ever at once
        self.release: dict[str, threading.Event] = {}

    def work(self, name: str):
        self.release[name] = threading.Event()

        def body(publish, stop):
            with self.lock:
                self.started.append(name)
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                assert self.release[name].wait(WAIT_S), f"{name} was never released"
                return name
            finally:
                with self.lock:
                    self.now -= 1

        return body


def until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def key() -> str:
    return uuid.uuid4().hex  # the registry lives for the whole test process


def test_never_more_than_the_cap_run_under_many_concurrent_starts(cap):
    cap(3)
    works, names = Works(), [f"w{i}" for i in range(12)]
    bodies = {name: works.work(name) for name in names}
    gate = threading.Barrier(len(names))
    started: dict[str, jobs.Job] = {}

    def press(name: str) -> None:
        gate.wait()  # twelve students press Train at the same moment
        started[name] = jobs.start(key(), bodies[name], name=name)

    pressers = [threading.Thread(target=press, args=(n,)) for n in names]
    for t in pressers:
        t.start()
    for t in pressers:
        t.join(WAIT_S)
    until(lambda: len(works.started) == 3, "three trainings should start")
    queued = [j for j in started.values() if j.queue_position is not None]
    assert len(queued) == 9 and sorted(j.queue_position for j in queued) == list(range(1, 10))
    for i in range(len(names)):  # end them one at a time, oldest first: each end lets exactly one more in
        oldest = works.started[i]
        works.release[oldest].set()
        until(lambda o=oldest: not started[o].running, f"{oldest} should end")
        still = min(3, len(names) - i - 1)
        until(lambda s=still: works.now == s, f"{still} should run after {i + 1} ended")
        assert jobs.running_trainings() == still
    assert works.most == 3 and sorted(works.started) == sorted(names)
    assert all(j.result == n and not j.stopped for n, j in started.items())


def test_trainings_start_in_the_order_they_were_asked_for_and_places_count_down(cap):
    cap(1)
    works = Works()
    holder = jobs.start(key(), works.work("holder"))
    until(lambda: works.started == ["holder"], "the holder should start")
    line = [jobs.start(key(), works.work(name)) for name in "abcd"]
    assert [j.queue_position for j in line] == [1, 2, 3, 4] and holder.queue_position is None
    ends = [holder, *line]
    for done, name in enumerate(["holder", *"abcd"]):
        works.release[name].set()
        assert ends[done].finished.wait(WAIT_S)
        rest = line[done:]
        if rest:
            until(lambda r=rest[0]: r.queue_position is None, "the next in line should start")
        assert [j.queue_position for j in rest[1:]] == list(range(1, len(rest)))
    assert works.started == ["holder", "a", "b", "c", "d"] and works.most == 1


def test_a_job_stopped_while_queued_never_runs_and_frees_its_place(cap):
    cap(1)
    works = Works()
    jobs.start(key(), works.work("holder"))
    until(lambda: works.started == ["holder"], "the holder should start")
    left_key = key()
    leaving = jobs.start(left_key, works.work("left"), watcher="ann")
    behind = jobs.start(key(), works.work("behind"))
    assert (leaving.queue_position, behind.queue_position) == (1, 2)
    leaving.leave("ann")  # her stop button, while the job waits
    assert leaving.finished.wait(WAIT_S)
    assert leaving.stopped and leaving.result is None and leaving.error is None
    assert leaving.queue_position is None and behind.queue_position == 1
    works.release["holder"].set()
    works.release["behind"].set()
    assert behind.finished.wait(WAIT_S) and behind.result == "behind"
    assert "left" not in works.started
    again = jobs.start(left_key, works.work("again"), watcher="ann")  # pressed again: a fresh job
    works.release["again"].set()
    assert again is not leaving and again.finished.wait(WAIT_S) and again.result == "again"


def test_a_failed_training_frees_its_slot(cap):
    cap(1)

    def fail(publish, stop):
        raise ZeroDivisionError("no luck")

    failed = jobs.start(key(), fail)
    after = jobs.start(key(), lambda publish, stop: "ran")
    assert failed.finished.wait(WAIT_S) and failed.error == "ZeroDivisionError: no luck"
    assert after.finished.wait(WAIT_S) and after.result == "ran"
    assert jobs.running_trainings() == 0


def test_training_slot_waits_in_the_same_line_says_its_place_and_nests(cap):
    cap(1)
    works = Works()
    jobs.start(key(), works.work("holder"))
    until(lambda: works.started == ["holder"], "the holder should start")
    with pytest.raises(jobs.NoFreeSlotError), jobs.training_slot(wait=False):
        pass  # never reached: no slot is free
    heard: list[int] = []

    def on_wait(place: int) -> None:
        heard.append(place)
        works.release["holder"].set()  # the job ends while this one waits

    with jobs.training_slot(on_wait=on_wait):
        assert jobs.running_trainings() == 1
        with jobs.training_slot(wait=False):  # nested in a held slot: takes nothing more
            assert jobs.running_trainings() == 1
    assert heard[0] == 1 and jobs.running_trainings() == 0


def test_a_job_that_is_no_training_does_not_wait_for_a_slot(cap):
    cap(1)
    works = Works()
    jobs.start(key(), works.work("holder"))
    until(lambda: works.started == ["holder"], "the holder should start")
    other = jobs.start(key(), lambda publish, stop: "done", training=False)
    assert other.finished.wait(WAIT_S) and other.result == "done" and other.queue_position is None
    assert jobs.running_trainings() == 1  # it took no slot: the holder still has the only one
    works.release["holder"].set()


def test_waiting_and_running_jobs_are_never_forgotten_finished_ones_are(cap, monkeypatch):
    cap(1)
    monkeypatch.setattr(jobs, "MAX_JOBS", 2)
    works = Works()
    done = [key() for _ in range(3)]
    for k in done:
        assert jobs.start(k, lambda publish, stop: "old").finished.wait(WAIT_S)
    live = [key() for _ in range(4)]  # one runs, three wait: more than MAX_JOBS
    for i, k in enumerate(live):
        jobs.start(k, works.work(str(i)))
    assert [jobs.find(k) is None for k in done] == [True, True, True]  # finished results are bounded
    assert all(jobs.find(k) is not None and jobs.find(k).running for k in live)
    for i in range(4):
        works.release[str(i)].set()
    assert all(jobs.find(k).finished.wait(WAIT_S) for k in live)
