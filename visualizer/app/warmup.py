"""Fast cold starts: JAX's persistent compilation cache, and a warm-up of the common views at start-up.

On this 2-core server a fresh process spends most of a first page view
compiling XLA programs. Two things take that off the first student:

- the persistent compilation cache (a folder under the project, ignored by
  git) keeps compiled programs across restarts, so a restart compiles nothing
  it compiled before;
- a background thread, started once per server, computes the views a lesson
  opens with into the shared caches: every page's defaults, then the presets the
  pages name (visualizer.views.catalog.warm_tasks builds the list).

Set LAB_WARMUP=0 to skip the warm-up (the tests do) and LAB_JAX_CACHE to move the cache folder.
`python -m visualizer.views.catalog` fills the cache ahead of time (before class, or in a Docker build).
"""

from __future__ import annotations

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


Tasks = list[tuple[str, Callable[[], object]]]


def warm_now(tasks: Tasks) -> list[tuple[str, float]]:
    """Run every (name, task) in order, here and now; returns the (name, seconds) log."""
    report: list[tuple[str, float]] = []
    _warm(tasks, report)
    return report


def _warm(tasks: Tasks, report: list[tuple[str, float]], *, background: bool = False) -> None:
    if background:
        jobs.lower_priority()  # the first students' own requests go first on a 2-core server
    for name, task in tasks:
        start = time.perf_counter()
        try:
            task()
        except Exception:  # a warm-up failure must never take the server down; the page will say more
            log.exception("warm-up of %s failed", name)
        report.append((name, time.perf_counter() - start))


@st.cache_resource(show_spinner=False)
def start(_tasks: Callable[[], Tasks]) -> list[tuple[str, float]]:
    """Start the warm-up thread once per server; returns its (task, seconds) log as it fills.

    `_tasks` builds the list when the thread starts (the leading underscore: Streamlit does not hash it).
    """
    report: list[tuple[str, float]] = []
    if os.environ.get("LAB_WARMUP", "1") != "0":
        warm = threading.Thread(
            target=lambda: _warm(_tasks(), report, background=True), name="warmup", daemon=True
        )
        warm.start()
    return report
