"""Cached core calls shared by every session.

Results are computed once per config and held by `st.cache_resource`, one copy
for all sessions; their arrays are made read-only so no session can change what
another one sees. Keys are frozen dataclasses and plain numbers, never JAX arrays.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.experiment import ExperimentConfig, backward_walk, build, run
from core.spectra import classify_regime, gamma, log10_state_norms, regime_map, singular_values


def read_only(a: object) -> np.ndarray:
    """A copy of a as a NumPy array that no session can write to (for shared caches)."""
    a = np.array(a)
    a.flags.writeable = False
    return a


@st.cache_resource(max_entries=256, show_spinner=False)
def bptt_maps(config: ExperimentConfig) -> dict[str, object]:
    """Everything the heatmap page draws for one experiment, as read-only NumPy arrays.

    log10 maps (T, T) and (T,), Ws's singular values (H,), the last loss row's rise
    over lag (T,) = log10 ||dE_T/ds_k|| - log10 ||dE_T/ds_T|| indexed by T - k, the
    states' log10 ||s_k|| (T,), and the regime.
    """
    result = run(config)
    params, xs, _ = build(config)
    last_row = np.asarray(result.log10_state_grad[-1], dtype=float)
    with np.errstate(invalid="ignore"):
        rise = (last_row - last_row[-1])[::-1]
    return {
        "losses": read_only(result.losses),
        "log10_contrib_Wx": read_only(result.log10_contrib_Wx),
        "log10_contrib_Ws": read_only(result.log10_contrib_Ws),
        "log10_contrib_Wy": read_only(result.log10_contrib_Wy),
        "log10_state_grad": read_only(result.log10_state_grad),
        "log10_state_norm": read_only(log10_state_norms(params, xs, activation=config.activation)),
        "singular_values": read_only(singular_values(params.Ws)),
        "rise": read_only(rise),
        "regime": classify_regime(last_row, config.sigma_max, config.activation),
        "one_over_gamma": 1.0 / gamma(config.activation),
    }


@st.cache_resource(max_entries=32, show_spinner=False)
def regime_grid(activation: str, n_hidden: int, seed: int, max_steps: int) -> dict[str, np.ndarray]:
    """The regime map over 60 values of σ_max up to max(3, 1.5/γ) and T up to max_steps (float64).

    σ_max reaches 3 = 3/γ for tanh, relu and linear, and 6 = 1.5/γ for the sigmoid,
    so both sides of every activation's 1/γ line are on the map.
    """
    top = max(3.0, 1.5 / gamma(activation))
    gains = np.round(np.linspace(top / 60, top, 60), 2)
    lengths = np.unique(np.geomspace(2, max_steps, 24).astype(int))
    return {
        "gains": read_only(gains),
        "lengths": read_only(lengths),
        "z": read_only(regime_map(gains, lengths, n_hidden=n_hidden, activation=activation, seed=seed)),
        "one_over_gamma": np.float64(1.0 / gamma(activation)),
    }


@st.cache_resource(max_entries=512, show_spinner=False)
def walk(config: ExperimentConfig, loss_step: int, weight: str) -> dict[str, np.ndarray]:
    """core.experiment.backward_walk, shared by every session, arrays read-only."""
    return {name: read_only(a) for name, a in backward_walk(config, loss_step, weight).items()}
