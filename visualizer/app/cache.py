"""Cached core calls shared by every session.

Results are computed once per config and held by `st.cache_resource`, one copy
for all sessions; their arrays are made read-only so no session can change what
another one sees. Keys are frozen dataclasses and plain numbers, never JAX arrays.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.experiment import ExperimentConfig, run


def _read_only(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    a.flags.writeable = False
    return a


@st.cache_resource(max_entries=256, show_spinner=False)
def bptt_maps(config: ExperimentConfig) -> dict[str, np.ndarray]:
    """The log10 maps and per-step losses of one experiment, as read-only NumPy arrays."""
    result = run(config)
    return {
        "losses": _read_only(result.losses),
        "log10_contrib_Wx": _read_only(result.log10_contrib_Wx),
        "log10_contrib_Ws": _read_only(result.log10_contrib_Ws),
        "log10_contrib_Wy": _read_only(result.log10_contrib_Wy),
        "log10_state_grad": _read_only(result.log10_state_grad),
    }
