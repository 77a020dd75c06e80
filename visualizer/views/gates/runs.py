"""Train all three: one shared job per lab config trains the SimpleRNN, the GRU and the LSTM round-robin.

Every session asking for the same config watches the same job. The job publishes one row per
step of each cell and, when a cell's run ends, its final weights; the page turns the initial and
the final weights into the reach map (how far back ‖dE_T/dh_k‖ reaches on a held-out sequence).
"""

from __future__ import annotations

import functools
import threading
from typing import NamedTuple

import numpy as np
import streamlit as st

from core.gated.compare import CELL_KINDS
from core.training import gates_lab
from core.training.gates_lab import GatesLabConfig
from core.training.train import StepReport
from visualizer.app import jobs
from visualizer.app.cache import read_only
from visualizer.app.keys import page_key
from visualizer.views.gates.settings import GatesSettings

FIELDS = ("step", "loss", "heldout")
STEPS_PER_TURN = 5  # steps a cell takes before the next cell's turn: the three curves advance together
WATCHING = page_key(GatesSettings.page, "watching")  # this session pressed Train and waits for the end


class Final(NamedTuple):
    """A cell's weights when its run ended (NumPy, read-only), for the end-of-training reach."""

    cell: str
    step: int
    params: tuple[np.ndarray, ...]


def _train_three(config: GatesLabConfig, publish: jobs.Publish, stop: threading.Event) -> None:
    """The job's work: the three cells round-robin, STEPS_PER_TURN steps per turn, until all end."""
    live = {cell: gates_lab.run(config, cell) for cell in CELL_KINDS}
    last: dict[str, StepReport] = {}
    while live and not stop.is_set():
        for cell in list(live):
            for _ in range(STEPS_PER_TURN):
                report: StepReport | None = next(live[cell], None)
                if report is None or not report.finite:
                    if report is not None:
                        publish((cell, tuple(getattr(report, f) for f in FIELDS), False))
                    del live[cell]
                    if cell in last:  # the last finite step's weights: what the cell learned
                        kept = last[cell]
                        publish(Final(cell, kept.step, tuple(read_only(np.asarray(p)) for p in kept.params)))
                    break
                last[cell] = report
                publish((cell, tuple(getattr(report, f) for f in FIELDS), True))


def training_job(config: GatesLabConfig) -> jobs.Job:
    """The shared job training config's three cells (started on first request)."""
    return jobs.start(("gates", config), functools.partial(_train_three, config), name="gates")


def find(config: GatesLabConfig) -> jobs.Job | None:
    """The shared job for config, if some session already started it."""
    return jobs.find(("gates", config))


class History(NamedTuple):
    """What the three cells have done so far."""

    runs: dict[str, dict[str, np.ndarray]]  # cell -> FIELDS -> (S,)
    diverged: dict[str, int]  # cell -> the step where it stopped on a non-finite gradient
    finals: dict[str, Final]  # cell -> its weights at the end (once its run ended)


def history(job: jobs.Job) -> History:
    """The job's items so far, gathered per cell."""
    rows: dict[str, list[tuple]] = {cell: [] for cell in CELL_KINDS}
    diverged: dict[str, int] = {}
    finals: dict[str, Final] = {}
    for item in job.items():
        if isinstance(item, Final):
            finals[item.cell] = item
            continue
        cell, values, finite = item
        if finite:
            rows[cell].append(values)
        else:
            diverged[cell] = int(values[0])
    runs = {
        cell: {f: np.array([r[i] for r in rows[cell]], dtype=float) for i, f in enumerate(FIELDS)}
        for cell in CELL_KINDS
    }
    return History(runs, diverged, finals)


def rebuild(config: GatesLabConfig, cell: str, params: tuple[np.ndarray, ...]) -> object:
    """A cell's parameter pytree from the flat arrays a job published (the initial params' own type)."""
    template = gates_lab.initial_params(config, cell)
    return type(template)(*params)


@st.cache_resource(max_entries=64, show_spinner=False)
def start_reach(config: GatesLabConfig) -> np.ndarray:
    """log10 ‖dE_T/dh_k‖ (3, T) of the held-out sequence, one row per cell, before training (read-only)."""
    rows = [gates_lab.reach(config, cell, gates_lab.initial_params(config, cell)) for cell in CELL_KINDS]
    return read_only(np.stack([np.asarray(r, dtype=float) for r in rows]))


@st.cache_resource(max_entries=64, show_spinner=False)
def end_reach(config: GatesLabConfig, steps: tuple[int, ...], _finals: tuple[Final, ...]) -> np.ndarray:
    """log10 ‖dE_T/dh_k‖ (3, T) with each cell's final weights (keyed on the config and the final steps)."""
    rows = [gates_lab.reach(config, f.cell, rebuild(config, f.cell, f.params)) for f in _finals]
    return read_only(np.stack([np.asarray(r, dtype=float) for r in rows]))


def start_training_as_set() -> None:
    """The train button's callback: train what the controls hold at the moment of the click.

    Arguments bound when the button was drawn could be a previous rerun's settings: a click that
    arrives while a preset's rerun is still drawing reaches the callback registered before it.
    """
    training_job(GatesSettings.from_session().lab_config())
    st.session_state[WATCHING] = True
