"""A server-wide line for trainings: at most a few run at once, the others wait their turn, first come first.

Training shares the server's cores with every student's page views, and JAX's compiled steps use
more than one core each, so ten trainings at once make all ten slow and every page view with them.
A `SlotPool` lets `cap()` trainings hold a slot at a time; the rest wait in a FIFO line and can read
their place in it. No Streamlit here: visualizer.app.jobs puts its background jobs through one pool
for the whole server, and a page's own synchronous training can take a slot with
`jobs.training_slot()`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping

ENV = "LAB_MAX_TRAININGS"  # a deployment's cap on trainings running at once
POLL_S = 0.25  # how often a waiting training looks at its stop event, and tells its watcher its place


def cap_from_env(environ: Mapping[str, str], cores: int | None) -> int:
    """The cap: LAB_MAX_TRAININGS if set (a whole number ≥ 1), else one per core (at least 1).

    One per core because each training keeps about one core busy between its steps; a bad value
    raises, naming the variable, rather than quietly serving with a cap nobody chose.
    """
    raw = environ.get(ENV, "").strip()
    if not raw:
        return max(1, cores or 1)
    try:
        cap = int(raw)
    except ValueError:
        raise ValueError(f"{ENV}={raw!r} is not a whole number") from None
    if cap < 1:
        raise ValueError(f"{ENV}={raw!r}: at least one training must be able to run")
    return cap


def ordinal(n: int) -> str:
    """English ordinal of a place in line: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, …"""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class SlotPool:
    """At most cap() holders at once; the others wait in line, first come first served.

    A ticket is any object that identifies one waiting training (a Job, or a fresh object());
    it is compared by identity. `cap` is read at every decision, so a test or a deployment can
    change it while the server runs (a lower cap lets no new training in until enough finish).
    """

    def __init__(self, cap: Callable[[], int]) -> None:
        self._cap = cap
        self._changed = threading.Condition()
        self._line: list[object] = []  # waiting tickets; the first one is next to start
        self._running = 0

    def acquire(
        self,
        ticket: object,
        stop: threading.Event | None = None,
        on_wait: Callable[[int], None] | None = None,
    ) -> bool:
        """Wait in line for a slot: True once it is held (release it later), False if stop was set first.

        on_wait(place in line) is called every POLL_S while waiting, outside the pool's lock (it may
        draw on a page); an exception from it takes the ticket out of the line and propagates.
        """
        self.enter(ticket)
        try:
            while True:
                if stop is not None and stop.is_set():
                    return False
                with self._changed:
                    if self._admit(ticket):
                        return True
                    place = self._place(ticket) or 0  # in line until the finally below
                if on_wait is not None:
                    on_wait(place)
                with self._changed:
                    if not self._may_start(ticket):  # checked under the lock: no wake-up is missed
                        self._changed.wait(POLL_S)
        finally:
            self._withdraw(ticket)

    def enter(self, ticket: object) -> None:
        """Put ticket at the end of the line now, if it is not in it (acquire then waits from there)."""
        with self._changed:
            if self._place(ticket) is None:
                self._line.append(ticket)

    def try_acquire(self) -> bool:
        """Take a slot only if one is free and nobody waits for it; True if taken."""
        with self._changed:
            if self._line or self._running >= self._cap():
                return False
            self._running += 1
            return True

    def _may_start(self, ticket: object) -> bool:
        """Under the lock: ticket is first in line and a slot is free."""
        return bool(self._line) and self._line[0] is ticket and self._running < self._cap()

    def _place(self, ticket: object) -> int | None:
        """Under the lock: ticket's place in line, 1-based, or None."""
        return next((i + 1 for i, t in enumerate(self._line) if t is ticket), None)

    def _admit(self, ticket: object) -> bool:
        """Under the lock: give ticket a slot if it is first in line and one is free."""
        if not self._may_start(ticket):
            return False
        self._line.pop(0)
        self._running += 1
        self._changed.notify_all()  # the next in line moved up
        return True

    def _withdraw(self, ticket: object) -> None:
        with self._changed:
            if any(t is ticket for t in self._line):
                self._line = [t for t in self._line if t is not ticket]
                self._changed.notify_all()  # those behind it moved up

    def release(self) -> None:
        """Give a held slot back; the first in line starts."""
        with self._changed:
            if self._running <= 0:
                raise RuntimeError("released a training slot that was not held")
            self._running -= 1
            self._changed.notify_all()

    def wake(self) -> None:
        """Let waiting tickets look at their stop events now rather than at the next poll."""
        with self._changed:
            self._changed.notify_all()

    def place(self, ticket: object) -> int | None:
        """ticket's place in line (1 = next to start), None if it is not waiting."""
        with self._changed:
            return self._place(ticket)

    @property
    def running(self) -> int:
        """How many slots are held now."""
        with self._changed:
            return self._running

    @property
    def waiting(self) -> int:
        """How many tickets wait in line now."""
        with self._changed:
            return len(self._line)

    @property
    def cap(self) -> int:
        """The most slots held at once (read now)."""
        return self._cap()


def default_cap() -> int:
    """The cap of this process: from LAB_MAX_TRAININGS, else the number of cores."""
    return cap_from_env(os.environ, os.cpu_count())
