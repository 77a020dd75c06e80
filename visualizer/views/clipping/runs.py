"""The lab's training: one shared job per config training the three runs, their history, the reach map.

The three runs (no clipping, clip by norm, clip by value) train round-robin in
one background job per config, so they advance together on screen and every
session asking for the same config watches the same job.
"""

from __future__ import annotations

import functools
import threading
from typing import NamedTuple

import numpy as np
import streamlit as st

from core.training.clipping_lab import LabConfig, contributions, run
from core.training.train import StepReport
from visualizer.app import jobs
from visualizer.app.cache import read_only
from visualizer.app.keys import page_key
from visualizer.views.clipping.settings import LabSettings

RUNS = ("none", "global_norm", "value")  # the page's three runs, in legend order
FIELDS = ("step", "loss", "heldout", "cosine", "grad_norm", "clipped_norm", "clipped")
STEPS_PER_TURN = 5  # steps a run takes before the next run's turn: smooth on screen, cheap to switch
WATCHING = page_key(LabSettings.page, "watching")  # this session pressed Train and waits for the end


class Snapshot(NamedTuple):
    """A run's weights at one step, kept for the "how far back" heatmap (NumPy, read-only)."""

    run: str
    step: int
    params: tuple[np.ndarray, ...]


def _train_three(config: LabConfig, publish: jobs.Publish, stop: threading.Event) -> None:
    """The job's work: the three runs round-robin, STEPS_PER_TURN steps per turn, until all end."""
    live = {name: run(config, name) for name in RUNS}
    while live and not stop.is_set():
        for name in list(live):
            for _ in range(STEPS_PER_TURN):
                report: StepReport | None = next(live[name], None)
                if report is None:
                    del live[name]
                    break
                publish((name, tuple(getattr(report, f) for f in FIELDS), report.finite))
                if not np.isnan(report.heldout) or not report.finite:
                    publish(Snapshot(name, report.step, tuple(read_only(p) for p in report.params)))


def training_job(config: LabConfig) -> jobs.Job:
    """The shared job training config's three runs (started on first request)."""
    work = functools.partial(_train_three, config)
    return jobs.start(("clipping", config), work, name="clipping")


class History(NamedTuple):
    """What the three runs have done so far."""

    runs: dict[str, dict[str, np.ndarray]]  # run -> FIELDS -> (S,)
    diverged: dict[str, int]  # run -> the step where it stopped on a non-finite gradient
    snapshots: dict[str, list[Snapshot]]  # run -> its saved weights, in step order


def history(job: jobs.Job) -> History:
    """The job's items so far, gathered per run."""
    rows: dict[str, list[tuple]] = {name: [] for name in RUNS}
    diverged: dict[str, int] = {}
    snapshots: dict[str, list[Snapshot]] = {name: [] for name in RUNS}
    for item in job.items():
        if isinstance(item, Snapshot):
            if item.run in snapshots:
                snapshots[item.run].append(item)
            continue
        name, values, finite = item
        rows[name].append(values)
        if not finite:
            diverged[name] = int(values[0])
    runs = {
        name: {f: np.array([r[i] for r in rows[name]], dtype=float) for i, f in enumerate(FIELDS)}
        for name in RUNS
    }
    return History(runs, diverged, snapshots)


@st.cache_resource(max_entries=64, show_spinner=False)
def reach(config: LabConfig, run_name: str, snapshot_steps: tuple[int, ...], _snapshots: tuple) -> np.ndarray:
    """log10 ‖term k of dE_T/dWs‖ (S, T) of one held-out sequence at each saved step of one run.

    Keyed on the config, the run and the steps (the weights follow from those); read-only.
    """
    z = np.stack([contributions(config, s.params).log10_contrib_Ws[-1] for s in _snapshots])
    return read_only(z)


def find(config: LabConfig) -> jobs.Job | None:
    """The shared job for config, if some session already started it."""
    return jobs.find(("clipping", config))


def start_training_as_set() -> None:
    """The train button's callback: train what the lab's controls hold at the moment of the click.

    Arguments bound when the button was drawn could be a previous rerun's settings: a click that
    arrives while a preset's rerun is still drawing reaches the callback registered before it.
    """
    start_training(LabSettings.from_session().config())


def start_training(config: LabConfig) -> None:
    """Start (or join) the shared job and watch it from this session."""
    training_job(config)
    st.session_state[WATCHING] = True
