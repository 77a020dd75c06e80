"""Fast cold starts: JAX's persistent compilation cache, and a warm-up of the common views at start-up.

On this 2-core server a fresh process spends most of a first page view
compiling XLA programs. Two things take that off the first student:

- the persistent compilation cache (a folder under the project, ignored by
  git) keeps compiled programs across restarts, so a restart compiles nothing
  it compiled before;
- a background thread, started once per server, computes the views a lesson
  opens with (the heatmap presets of the home cards, the regime map, the first
  steps of the clipping lab, the cliff, exercise 24) into the shared caches, in
  the order students are likely to need them.

Set LAB_WARMUP=0 to skip the warm-up (the tests do) and LAB_JAX_CACHE to move the cache folder.
`python -m visualizer.app.warmup` fills the cache ahead of time (before class, or in a Docker build).
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jax
import streamlit as st

from visualizer.app import jobs

ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where compiled programs are kept: LAB_JAX_CACHE, or .jax_cache/ in the project."""
    return Path(os.environ.get("LAB_JAX_CACHE", ROOT / ".jax_cache"))


def enable_compile_cache() -> None:
    """Turn on JAX's persistent compilation cache; call before the first compile (idempotent)."""
    jax.config.update("jax_compilation_cache_dir", str(cache_dir()))
    # Keep every program, even quick ones: on 2 cores dozens of 0.2 s compiles add up at start.
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)


def _tasks() -> list[tuple[str, Callable[[], object]]]:
    """What to compute, most wanted first. Imported here so the entry point stays light."""
    from core import clipping_lab
    from core.experiment import ExperimentConfig
    from visualizer.app import cache, cliff_panel, layers_cache

    heatmaps = [
        ExperimentConfig(n_steps=60, n_hidden=16, sigma_max=0.8),  # the heatmap page's default
        ExperimentConfig(n_steps=30, n_hidden=16, sigma_max=0.0),  # home card: FFNN
        ExperimentConfig(n_steps=60, n_hidden=16, sigma_max=1.3, activation="linear"),
        ExperimentConfig(n_steps=60, n_hidden=16, sigma_max=1.0, activation="sigmoid"),
    ]
    clipping = clipping_lab.PRESETS["explodes"]
    first_steps = clipping.train_config("none").eval_every  # through the first held-out evaluation
    defaults = {name: spec.default for name, spec in cliff_panel.CLIFF_SPECS.items()}
    return [
        *[
            (f"heatmap {c.activation} σ={c.sigma_max} T={c.n_steps}", lambda c=c: cache.bptt_maps(c))
            for c in heatmaps
        ],
        (
            "unrolled default",
            lambda: cache.walk(ExperimentConfig(n_steps=4, n_hidden=4, sigma_max=0.9), 3, "Ws"),
        ),
        ("unrolled E3", lambda: cache.walk(ExperimentConfig(n_steps=3, n_hidden=4, sigma_max=0.9), 2, "Ws")),
        ("regime map", lambda: cache.regime_grid("tanh", 16, 0, 200)),
        ("clipping step", lambda: list(itertools.islice(clipping_lab.run(clipping, "none"), first_steps))),
        ("cliff surface", lambda: cliff_panel.cliff_surface_grid(int(defaults["cliff_T"]))),
        (
            "cliff runs",
            lambda: cliff_panel.cliff_runs(
                float(defaults["cliff_w0"]),
                float(defaults["cliff_b0"]),
                float(defaults["cliff_lr"]),
                float(defaults["cliff_threshold"]),
                int(defaults["cliff_steps"]),
                int(defaults["cliff_T"]),
            ),
        ),
        ("exercise 24", lambda: layers_cache.stateful_arms(20, 5, False)),
    ]


def _warm(report: list[tuple[str, float]], *, background: bool = False) -> None:
    if background:
        jobs.lower_priority()  # the first students' own requests go first on a 2-core server
    for name, task in _tasks():
        start = time.perf_counter()
        try:
            task()
        except Exception:  # a warm-up failure must never take the server down; the page will say more
            log.exception("warm-up of %s failed", name)
        report.append((name, time.perf_counter() - start))


@st.cache_resource(show_spinner=False)
def start() -> list[tuple[str, float]]:
    """Start the warm-up thread once per server; returns its (task, seconds) log as it fills."""
    report: list[tuple[str, float]] = []
    if os.environ.get("LAB_WARMUP", "1") != "0":
        warm = threading.Thread(target=_warm, args=(report,), kwargs={"background": True}, daemon=True)
        warm.start()
    return report


if __name__ == "__main__":
    # `python -m visualizer.app.warmup`: fill the compilation cache before class, and say what it cost.
    enable_compile_cache()
    done: list[tuple[str, float]] = []
    _warm(done)
    for name, seconds in done:
        print(f"{name:40s}{seconds:8.2f} s")
