"""The queued-training notice on the pages (AppTest), with the server's cap lowered to one.

Other trainings hold the one slot (fake works held by events); the page's own job is a fake too,
so the test waits on nothing but the line. The notice's numbers are read off the page and checked
against the line itself: "2nd in line" means one job is ahead, and so on as the line moves.
"""

from __future__ import annotations

import re
import threading
import time
import uuid

import numpy as np
import pytest

from core.keras.stateful import StatefulConfig
from tests.pages.test_pages import start
from visualizer.app import controls, jobs, training_queue
from visualizer.views import clipping as clipping_views
from visualizer.views.authorship import runs as authorship_runs
from visualizer.views.authorship.settings import AuthorshipSettings
from visualizer.views.clipping import runs as clipping_runs
from visualizer.views.gates import runs as gates_runs
from visualizer.views.layers import cache as layers_cache

WAIT_S = 30  # generous: only a broken line makes a test wait this long
CLIPPING = {"task": "temporal_order", "T": "20", "H": "16", "steps": "60", "lr": "0.1", "theta": "1"}
AUTHORSHIP = {"corpus": "textbook", "window": "20", "H": "4", "steps": "12"}
# The English notice: place, running count, cap; and the Chinese one's place, running count, cap.
EN = re.compile(
    r"(\d+)(st|nd|rd|th) in line \((\d+) trainings? running on this server, at most (\d+) at once\)"
)
ZH = re.compile(r"排在第 (\d+) 位（本服务器正在运行 (\d+) 个训练，最多可同时运行 (\d+) 个）")


@pytest.fixture
def one_slot(monkeypatch: pytest.MonkeyPatch):
    """A cap of one and a fresh line: trainings of other tests in this process stay out of it."""
    monkeypatch.setattr(training_queue, "POLL_S", 0.02)
    monkeypatch.setattr(jobs, "MAX_TRAININGS", 1)
    monkeypatch.setattr(jobs, "_POOL", training_queue.SlotPool(lambda: jobs.MAX_TRAININGS))
    releases: list[threading.Event] = []
    yield releases
    for release in releases:  # nothing keeps holding a slot after the test
        release.set()


def held(releases: list[threading.Event], ran: list[str] | None = None, name: str = "held"):
    """A fake training that runs until its event is set (and notes that it ran)."""
    release = threading.Event()
    releases.append(release)

    def work(*args):  # (…the page's own arguments, publish, stop)
        if ran is not None:
            ran.append(name)
        release.wait(WAIT_S)
        return None

    return work, release


def notice(at, lang: str) -> tuple[int, int, int] | None:
    """(place in line, trainings running, cap) as the page's queued notice states them, or None."""
    pattern = ZH if lang == "zh" else EN
    found = [m for info in at.info if (m := pattern.search(info.value))]
    assert len(found) <= 1, "one notice per job"
    if not found:
        return None
    numbers = [int(g) for g in found[0].groups() if g.isdigit()]
    if lang == "en":  # "2nd", not "2th": the place as English says it
        assert f"{found[0].group(1)}{found[0].group(2)}" == training_queue.ordinal(numbers[0])
    return tuple(numbers)


def until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_clipping_page_says_its_place_in_line_until_its_training_starts(one_slot, monkeypatch, lang):
    first, release_first = held(one_slot)
    second, release_second = held(one_slot)
    mine, release_mine = held(one_slot)
    monkeypatch.setattr(clipping_runs, "_train_three", mine)  # the page's job: a fake held by an event
    running = jobs.start(uuid.uuid4().hex, first)
    until(lambda: jobs.running_trainings() == 1, "the first training should hold the slot")
    ahead = jobs.start(uuid.uuid4().hex, second)
    query = {**CLIPPING, "seed": str(3000 + (lang == "zh")), "lang": lang}  # a config no other test trains
    at = start(query, page="pages/clipping.py")
    at.button(key="clipping_train").click().run()
    names = [*CLIPPING, "seed", "sigma", "opt"]
    job = clipping_runs.find(
        clipping_views.config_from({k: at.session_state[f"clipping_{k}"] for k in names})
    )
    assert job is not None and not at.exception
    # "2nd in line": one job ahead of it, one running, a cap of one, as the line itself says.
    assert notice(at, lang) == (2, 1, 1)
    assert (job.queue_position, ahead.queue_position, jobs.running_trainings()) == (2, 1, 1)
    release_first.set()
    assert running.finished.wait(WAIT_S)
    until(lambda: job.queue_position == 1, "the page's job should move up")
    assert notice(at.run(), lang) == (1, 1, 1)  # next in line, the one ahead now running
    release_second.set()
    until(lambda: job.queue_position is None, "the page's job should start")
    at.run()
    assert notice(at, lang) is None and not at.exception  # the notice gave way to the training
    assert job.running and jobs.running_trainings() == 1
    release_mine.set()
    assert job.finished.wait(WAIT_S)


def test_stop_on_the_authorship_page_leaves_the_line_and_nothing_trains(one_slot, monkeypatch):
    ran: list[str] = []
    first, release_first = held(one_slot)
    mine, _ = held(one_slot, ran, "authorship")
    monkeypatch.setattr(authorship_runs, "_train", mine)
    jobs.start(uuid.uuid4().hex, first)
    until(lambda: jobs.running_trainings() == 1, "the first training should hold the slot")
    at = start({**AUTHORSHIP, "seed": "3001"}, page="pages/authorship.py")
    at.button(key="authorship_train").click().run()
    assert notice(at, "en") == (1, 1, 1) and not at.exception
    job = authorship_runs.find(
        AuthorshipSettings(corpus="textbook", window=20, H=4, steps=12, seed=3001).config()
    )
    assert job is not None and job.queue_position == 1
    at.button(key="authorship_stop").click().run()
    assert job.finished.wait(WAIT_S) and job.stopped and job.result is None
    assert notice(at.run(), "en") is None and not at.exception
    release_first.set()
    until(lambda: jobs.running_trainings() == 0, "the slot should come free")
    assert ran == []  # left the line: its training never ran


def test_the_layers_experiment_waits_in_line_with_its_notice_then_trains(one_slot, monkeypatch):
    """Exercise 24 trains in the page's own script: it takes a slot, and says its place while it waits."""
    layers_cache.stateful_experiment.clear()  # these settings must really train here
    first, release_first = held(one_slot)
    jobs.start(uuid.uuid4().hex, first)
    until(lambda: jobs.running_trainings() == 1, "the first training should hold the slot")
    said: list[tuple[int, int, int]] = []

    def recording(place, t, where=None):  # the page's notice, as it draws it while waiting
        said.append((place, jobs.running_trainings(), jobs.training_cap()))
        return shown(place, t, where=where)

    shown = controls.queued_notice
    monkeypatch.setattr(controls, "queued_notice", recording)

    def free_the_slot_once_the_page_waits() -> None:
        until(lambda: jobs._POOL.waiting == 1, "the layers page should wait in line")
        release_first.set()

    freer = threading.Thread(target=free_the_slot_once_the_page_waits)
    freer.start()
    at = start({"epochs": "6", "seeds": "2"}, page="pages/layers.py")
    freer.join(WAIT_S)
    assert said and said[0] == (1, 1, 1)  # 1st in line behind the one running, at most one at once
    assert not at.exception and notice(at, "en") is None  # the notice gave way to the result
    trained = layers_cache.stateful_experiment(StatefulConfig(epochs=6, n_seeds=2))  # stored by the page
    medians = np.median(trained["test_rmse"], axis=1)
    verdict = f"Median test RMSE: stateless {medians[0]:.4f}, stateful {medians[1]:.4f} (over 2 seeds)."
    assert verdict in [s.value for s in at.success]
    assert jobs.running_trainings() == 0  # its slot went back


def test_the_gates_page_says_its_place_in_line_then_trains(one_slot, monkeypatch):
    first, release_first = held(one_slot)
    mine, release_mine = held(one_slot)
    monkeypatch.setattr(gates_runs, "_train_three", mine)
    jobs.start(uuid.uuid4().hex, first)
    until(lambda: jobs.running_trainings() == 1, "the first training should hold the slot")
    at = start({"seed": "3002", "steps": "30"}, page="pages/gates.py")  # a config no other test trains
    at.button(key="gates_train").click().run()
    registry = list(jobs._registry()[0].items())
    job = next(j for k, j in registry if isinstance(k, tuple) and k[0] == "gates" and k[1].seed == 3002)
    assert notice(at, "en") == (1, 1, 1) == (job.queue_position, jobs.running_trainings(), 1)
    release_first.set()
    until(lambda: job.queue_position is None, "the page's job should start")
    assert notice(at.run(), "en") is None and not at.exception and job.running
    release_mine.set()
    assert job.finished.wait(WAIT_S)
