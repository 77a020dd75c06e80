"""visualizer.app.training_queue without Streamlit: the cap from the environment, ordinals, the FIFO pool."""

import threading

import pytest

from visualizer.app import training_queue
from visualizer.app.training_queue import SlotPool, cap_from_env, ordinal

WAIT_S = 30  # generous: only a broken pool makes a test wait this long


def test_the_cap_is_one_per_core_unless_the_environment_says_otherwise():
    assert cap_from_env({}, 16) == 16
    assert cap_from_env({}, None) == 1  # os.cpu_count() may not know
    assert cap_from_env({"LAB_MAX_TRAININGS": " 3 "}, 16) == 3
    for bad in ("0", "-2", "two", "1.5"):
        with pytest.raises(ValueError, match="LAB_MAX_TRAININGS"):
            cap_from_env({"LAB_MAX_TRAININGS": bad}, 16)


def test_ordinals_follow_english_usage():
    said = [ordinal(n) for n in (1, 2, 3, 4, 10, 11, 12, 13, 14, 21, 22, 23, 101, 111, 112)]
    assert said == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "14th",
        "21st", "22nd", "23rd", "101st", "111th", "112th",
    ]  # fmt: skip


def wait_in_line(pool: SlotPool, ticket: object, stop: threading.Event | None = None) -> threading.Thread:
    """acquire() in a thread of its own, as a job does; the thread's .admitted says how it ended."""
    thread = threading.Thread(target=lambda: setattr(thread, "admitted", pool.acquire(ticket, stop)))
    pool.enter(ticket)  # in line before the thread runs, so the order is the test's
    thread.start()
    return thread


def test_tickets_start_first_come_first_served_and_their_places_count_down():
    pool = SlotPool(lambda: 1)
    assert pool.try_acquire()
    tickets = [object() for _ in range(4)]
    threads = [wait_in_line(pool, t) for t in tickets]
    assert [pool.place(t) for t in tickets] == [1, 2, 3, 4] and pool.running == 1
    for done, (ticket, thread) in enumerate(zip(tickets, threads, strict=True)):
        pool.release()  # the holder ends: the first in line, and only it, starts
        thread.join(WAIT_S)
        assert thread.admitted and pool.place(ticket) is None and pool.running == 1
        assert [pool.place(t) for t in tickets[done + 1 :]] == list(range(1, len(tickets) - done))
    pool.release()
    assert pool.running == 0 and pool.waiting == 0


def test_a_stopped_ticket_leaves_the_line_and_those_behind_move_up():
    pool = SlotPool(lambda: 1)
    assert pool.try_acquire()
    stop = threading.Event()
    first, second = object(), object()
    leaving, staying = wait_in_line(pool, first, stop), wait_in_line(pool, second)
    stop.set()
    pool.wake()
    leaving.join(WAIT_S)
    assert leaving.admitted is False and pool.place(first) is None and pool.place(second) == 1
    assert pool.running == 1  # leaving took no slot
    pool.release()
    staying.join(WAIT_S)
    assert staying.admitted and pool.running == 1


def test_try_acquire_never_jumps_the_line():
    pool = SlotPool(lambda: 2)
    assert pool.try_acquire() and pool.try_acquire() and not pool.try_acquire()
    waiting = wait_in_line(pool, object())
    pool.release()
    waiting.join(WAIT_S)
    assert waiting.admitted and not pool.try_acquire()  # the freed slot went to the one in line


def test_on_wait_hears_the_place_and_an_error_from_it_leaves_the_line(monkeypatch):
    monkeypatch.setattr(training_queue, "POLL_S", 0.01)
    pool = SlotPool(lambda: 1)
    assert pool.try_acquire()
    pool.enter(ahead := object())
    heard: list[int] = []

    def on_wait(place: int) -> None:
        heard.append(place)
        raise KeyboardInterrupt("the page reran")  # what a Streamlit rerun does to a waiting script

    ticket = object()
    with pytest.raises(KeyboardInterrupt):
        pool.acquire(ticket, on_wait=on_wait)
    assert heard == [2] and pool.place(ticket) is None and pool.place(ahead) == 1


def test_releasing_a_slot_nobody_holds_is_an_error():
    with pytest.raises(RuntimeError, match="not held"):
        SlotPool(lambda: 1).release()
