"""The clipping page's glue: controls -> LabConfig, one shared job training the three runs, their history.

The three runs (no clipping, clip by norm, clip by value) train round-robin in
one background job per config, so they advance together on screen and every
session asking for the same config watches the same job.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import streamlit as st

from core.training.clipping_lab import PRESETS, LabConfig, contributions, run
from core.training.train import StepReport
from visualizer.app import jobs
from visualizer.app.cache import read_only
from visualizer.app.controls import preset_state

RUNS = ("none", "global_norm", "value")  # the page's three runs, in legend order
FIELDS = ("step", "loss", "heldout", "cosine", "grad_norm", "clipped_norm", "clipped")
STEPS_PER_TURN = 5  # steps a run takes before the next run's turn: smooth on screen, cheap to switch


class Snapshot(NamedTuple):
    """A run's weights at one step, kept for the "how far back" heatmap (NumPy, read-only)."""

    run: str
    step: int
    params: tuple[np.ndarray, ...]


def config_from(values: Mapping[str, Any]) -> LabConfig:
    """The LabConfig the page's controls describe (names as in the page's SPECS)."""
    return LabConfig(
        task=str(values["task"]),
        n_steps=int(values["T"]),
        n_hidden=int(values["H"]),
        sigma_max=float(values["sigma"]),
        optimizer=str(values["opt"]),
        learning_rate=float(values["lr"]),
        threshold=float(values["theta"]),
        steps=int(values["steps"]),
        seed=int(values["seed"]),
    )


def preset_values(name: str) -> dict[str, object]:
    """Widget values of a preset of core.training.clipping_lab.PRESETS (choices as the widgets hold them)."""
    c = PRESETS[name]
    return {
        "task": c.task,
        "T": c.n_steps,
        "H": str(c.n_hidden),
        "sigma": c.sigma_max,
        "opt": c.optimizer,
        "lr": f"{c.learning_rate:g}",
        "theta": f"{c.threshold:g}",
        "steps": c.steps,
        "seed": c.seed,
    }


def presets_matching(values: Mapping[str, Any], specs: Mapping[str, Any]) -> list[str]:
    """The presets whose whole page state equals `values` (so the page can state that preset's lesson)."""
    return [
        name
        for name in PRESETS
        if preset_state(specs, preset_values(name)) == {key: values[key] for key in specs}
    ]


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
    z.flags.writeable = False
    return z


def find(config: LabConfig) -> jobs.Job | None:
    """The shared job for config, if some session already started it."""
    return jobs.find(("clipping", config))


def start_training_as_set(page: str, names: tuple[str, ...]) -> None:
    """The train button's callback: train what the page's controls hold at the moment of the click.

    Arguments bound when the button was drawn could be a previous rerun's settings: a click that
    arrives while a preset's rerun is still drawing reaches the callback registered before it.
    """
    start_training(config_from({name: st.session_state[f"{page}_{name}"] for name in names}))


def start_training(config: LabConfig) -> None:
    """The train button's callback: start (or join) the shared job and watch it from this session."""
    training_job(config)
    st.session_state["clipping__watching"] = True
