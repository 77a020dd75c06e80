"""Cached core calls shared by every session.

Results are computed once per config and held by `st.cache_resource`, one copy
for all sessions; their arrays are made read-only so no session can change what
another one sees. Keys are frozen dataclasses and plain numbers, never JAX arrays.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.experiment import ExperimentConfig, backward_walk


def read_only(a: object) -> np.ndarray:
    """A copy of a as a NumPy array that no session can write to (for shared caches)."""
    a = np.array(a)
    a.flags.writeable = False
    return a


@st.cache_resource(max_entries=512, show_spinner=False)
def walk(config: ExperimentConfig, loss_step: int, weight: str) -> dict[str, np.ndarray]:
    """core.experiment.backward_walk, shared by every session, arrays read-only."""
    return {name: read_only(a) for name, a in backward_walk(config, loss_step, weight).items()}
