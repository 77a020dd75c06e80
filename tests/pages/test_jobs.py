"""visualizer.app.jobs: one shared job per key, restarts after failure or stop, watchers."""

import threading
import uuid

from visualizer.app import jobs

WAIT_S = 30  # generous: only a broken job makes a test wait this long


def new_key() -> str:
    return uuid.uuid4().hex  # the registry lives for the whole test process


def until_stopped(publish, stop: threading.Event) -> str:
    """Work that publishes once, then waits to be asked to stop."""
    publish("started")
    assert stop.wait(WAIT_S), "nobody stopped the job"
    return "partial"


def test_the_same_key_shares_one_job_and_one_computation():
    calls = []
    key = new_key()
    first = jobs.start(key, lambda publish, stop: calls.append(1) or 42)
    assert first.finished.wait(WAIT_S)
    second = jobs.start(key, lambda publish, stop: calls.append(2) or 0)
    assert second is first and jobs.find(key) is first
    assert first.result == 42 and calls == [1] and not first.stopped


def test_a_failed_job_reports_its_error_and_is_started_afresh():
    key = new_key()

    def fail(publish, stop):
        publish(1)
        raise ZeroDivisionError("no luck")

    failed = jobs.start(key, fail)
    assert failed.finished.wait(WAIT_S)
    assert failed.error == "ZeroDivisionError: no luck" and failed.items() == [1]
    again = jobs.start(key, lambda publish, stop: "ok")
    assert again is not failed and again.finished.wait(WAIT_S) and again.result == "ok"


def test_a_job_stops_only_when_its_last_watcher_leaves():
    key = new_key()
    job = jobs.start(key, until_stopped, watcher="ann")
    assert jobs.start(key, until_stopped, watcher="bob") is job
    job.leave("ann")
    assert not job.stop.is_set() and job.running  # bob still watches
    job.leave("bob")
    assert job.finished.wait(WAIT_S)
    assert job.stopped and job.result == "partial"
    fresh = jobs.start(key, lambda publish, stop: "whole", watcher="ann")
    assert fresh is not job and fresh.finished.wait(WAIT_S) and fresh.result == "whole"


def test_a_watcher_who_joins_before_the_stop_is_seen_keeps_the_job_going():
    release = threading.Event()

    def slow_step(publish, stop):
        release.wait(WAIT_S)  # one long step: the stop is only read after it
        return "stopped" if stop.is_set() else "whole"

    key = new_key()
    job = jobs.start(key, slow_step, watcher="ann")
    job.leave("ann")
    assert job.stop.is_set()
    assert jobs.start(key, slow_step, watcher="bob") is job
    release.set()
    assert job.finished.wait(WAIT_S)
    assert job.result == "whole" and not job.stopped


def test_leaving_a_finished_job_keeps_its_result_for_everyone():
    key = new_key()
    job = jobs.start(key, lambda publish, stop: "whole", watcher="ann")
    assert job.finished.wait(WAIT_S)
    job.leave("ann")
    assert not job.stopped
    assert jobs.start(key, until_stopped, watcher="bob") is job


def test_finished_jobs_beyond_the_cap_are_forgotten_oldest_first(monkeypatch):
    monkeypatch.setattr(jobs, "MAX_JOBS", 3)
    keys = [new_key() for _ in range(5)]
    for key in keys:
        assert jobs.start(key, lambda publish, stop: None).finished.wait(WAIT_S)
    assert [jobs.find(k) is not None for k in keys] == [False, False, True, True, True]
