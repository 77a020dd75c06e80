"""Spectral views of the recurrence: γ, σ(Ws), Jacobian-product norms, the regime map.

Pascanu, Mikolov & Bengio (2013): with ||f'|| <= γ, σ_max(Ws) < 1/γ is
sufficient for gradients to vanish and σ_max(Ws) > 1/γ necessary to explode.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from core import bptt as _bptt
from core import checks
from core.activations import ACTIVATIONS, get_activation
from core.buckets import bucket_hidden, bucket_steps, pad_params, pad_steps
from core.logspace import LOG10_E, scaled_forward
from core.rnn import RNNParams, init_params


def gamma(activation: str) -> float:
    """The bound γ on |f'|: 1 for tanh, relu and linear, 1/4 for the sigmoid."""
    return get_activation(activation).gamma


def singular_values(Ws: jax.Array | np.ndarray) -> np.ndarray:
    """Singular values (H,) of a square Ws, largest first."""
    Ws = np.asarray(Ws, dtype=float)
    if Ws.ndim != 2 or Ws.shape[0] != Ws.shape[1]:
        raise ValueError(f"Ws must be a square (H, H) matrix, got shape {Ws.shape}")
    checks.check_finite("Ws", Ws)
    return np.linalg.svd(Ws, compute_uv=False)


def _padded_network(
    params: RNNParams, xs: jax.Array | np.ndarray, activation: str, s0: jax.Array | np.ndarray | None
) -> tuple[int, tuple[RNNParams, np.ndarray, np.ndarray, np.ndarray]]:
    """T and the checked network padded to its buckets: (params, xs (T_pad, I), s0 (H_pad,), unit mask)."""
    checks.check_choice("activation", activation, ACTIVATIONS)
    n_in, n_hidden, n_out = checks.check_params(params)
    n_steps = checks.check_sequence(xs, n_in)
    dummy_targets = np.zeros((n_steps, n_out))
    params, xs, _, s0 = _bptt._validated_arrays(params, xs, dummy_targets, activation, "mse", "all", s0)
    n_hidden_pad = bucket_hidden(n_hidden)
    padded = (
        pad_params(params, n_hidden_pad),
        pad_steps(xs, bucket_steps(n_steps)),
        np.pad(s0, (0, n_hidden_pad - n_hidden)),
        np.arange(n_hidden_pad) < n_hidden,
    )
    return n_steps, padded


def _jacobian_norms_kernel(params, xs, s0, hidden_mask, last, *, activation):
    """log10 ||ds_last/ds_k||_2 for every k (T_pad,), 0 for k >= last."""
    act = get_activation(activation)
    _, _, pre = scaled_forward(params, xs, s0, hidden_mask, act)
    log_fprime = jnp.where(hidden_mask, act.log_derivative(pre), -jnp.inf)
    peak = log_fprime.max(axis=1, keepdims=True)
    phi = jnp.exp(log_fprime - jnp.where(jnp.isfinite(peak), peak, 0.0))
    n_steps = xs.shape[0]

    def back(carry, k):
        # carry: P = 10^log_p · p_hat = ds_last/ds_k with ||p_hat||_F = 1.
        p_hat, log_p = carry
        out = log_p + jnp.log10(jnp.linalg.norm(p_hat, ord=2))
        # ds_last/ds_{k-1} = P · diag(f'(a_k)) · Ws, for k <= last only.
        step = (p_hat * phi[k]) @ params.Ws
        norm = jnp.linalg.norm(step)
        moved = (step / jnp.where(norm > 0, norm, 1.0), log_p + peak[k, 0] * LOG10_E + jnp.log10(norm))
        keep = k > last
        return jax.tree.map(lambda a, b: jnp.where(keep, a, b), (p_hat, log_p), moved), out

    eye = jnp.diag(hidden_mask.astype(xs.dtype)) / jnp.sqrt(hidden_mask.sum())
    init = (eye, 0.5 * jnp.log10(hidden_mask.sum().astype(xs.dtype)))
    _, out = lax.scan(back, init, jnp.arange(n_steps), reverse=True)
    # `out` at index k holds the norm *before* stepping past k, i.e. ds_last/ds_k.
    return out


_jitted_jacobian_norms = jax.jit(_jacobian_norms_kernel, static_argnames=("activation",))


def log10_jacobian_norms(
    params: RNNParams,
    xs: jax.Array | np.ndarray,
    *,
    activation: str = "tanh",
    s0: jax.Array | np.ndarray | None = None,
) -> np.ndarray:
    """log10 ||ds_T/ds_k||_2 for k = 1..T (array index k-1), shape (T,); the last entry is 0.

    The spectral norm of the Jacobian product diag(f'(a_T)) Ws ⋯ diag(f'(a_{k+1})) Ws.
    """
    n_steps, padded = _padded_network(params, xs, activation, s0)
    out = _jitted_jacobian_norms(*padded, n_steps - 1, activation=activation)
    return np.asarray(out)[:n_steps]


def _state_norms_kernel(params, xs, s0, hidden_mask, *, activation):
    """log10 ||s_t|| for every step (T_pad,), from the scaled forward pass (never overflows)."""
    s_hat, sig, _ = scaled_forward(params, xs, s0, hidden_mask, get_activation(activation))
    return sig + jnp.log10(jnp.linalg.norm(s_hat, axis=1))


_jitted_state_norms = jax.jit(_state_norms_kernel, static_argnames=("activation",))


def log10_state_norms(
    params: RNNParams,
    xs: jax.Array | np.ndarray,
    *,
    activation: str = "tanh",
    s0: jax.Array | np.ndarray | None = None,
) -> np.ndarray:
    """log10 ||s_k|| for k = 1..T (array index k-1), shape (T,); -inf for a state that is exactly 0.

    Term k of dE_t/dWs is u_{t,k} s_{k-1}^T, so its norm is ||u_{t,k}|| ||s_{k-1}||: where
    the states grow forward as fast as the gradient grows backward, the Ws terms stay flat.
    Computed in log scale, so 1.3^500 is the finite number 57.
    """
    n_steps, padded = _padded_network(params, xs, activation, s0)
    with np.errstate(divide="ignore"):
        out = _jitted_state_norms(*padded, activation=activation)
    return np.asarray(out, dtype=float)[:n_steps]


def _regime_kernel(Ws_all, params, xs, targets, s0, hidden_mask, loss_mask, rows, *, activation):
    """log10 ||dE_T/ds_1|| - log10 ||dE_T/ds_T|| for each gain (G,) and T in rows + 1 (R,)."""

    def one_gain(Ws):
        out = _bptt._kernel(
            params._replace(Ws=Ws),
            xs,
            targets,
            s0,
            hidden_mask,
            loss_mask,
            rows,
            activation=activation,
            loss="mse",
        )
        log_state = out["log10_state_grad"]  # (R, T_pad)
        return log_state[:, 0] - jnp.take_along_axis(log_state, rows[:, None], axis=1)[:, 0]

    return jax.vmap(one_gain)(Ws_all)


_jitted_regime = jax.jit(_regime_kernel, static_argnames=("activation",))


def regime_map(
    gains: np.ndarray | list[float],
    lengths: np.ndarray | list[int],
    *,
    n_hidden: int,
    activation: str,
    seed: int,
) -> np.ndarray:
    """log10 of ||dE_T/ds_1|| / ||dE_T/ds_T||, shape (len(gains), len(lengths)), computed in float64.

    One network per gain: Ws = gain · Q for one orthogonal Q (so σ_max(Ws) = gain),
    Wx glorot_uniform with I = H, O = 1, inputs and targets standard normal, the
    loss on step T only. All lengths come from one sequence of the longest length.
    The weights and data are drawn in JAX's default float (the same numbers as a
    float32 run), then the map is computed in float64: above σ_max ≈ 2.5 the tanh
    network is chaotic and float32 rounding moves cells by decades (tests/core).
    """
    checks.check_choice("activation", activation, ACTIVATIONS)
    gains = np.asarray(gains, dtype=float)
    lengths = np.asarray(lengths)
    if gains.ndim != 1 or gains.size == 0 or not np.all(np.isfinite(gains)) or np.any(gains < 0):
        raise ValueError("gains must be a non-empty 1-D list of finite values >= 0")
    int_lengths = lengths.ndim == 1 and lengths.size > 0 and np.issubdtype(lengths.dtype, np.integer)
    if not int_lengths or lengths.min() < 1:
        raise ValueError("lengths must be a non-empty 1-D list of ints >= 1")
    checks.check_positive_int("n_hidden", n_hidden, allow_bool=True)
    key_params, key_xs, key_targets = jax.random.split(jax.random.PRNGKey(seed), 3)
    n_steps = int(lengths.max())
    base = init_params(key_params, n_hidden, n_hidden, 1)
    xs = jax.random.normal(key_xs, (n_steps, n_hidden))
    targets = jax.random.normal(key_targets, (n_steps, 1))
    f64 = np.float64
    base = RNNParams(*(np.asarray(p, f64) for p in base))
    xs, targets = np.asarray(xs, f64), np.asarray(targets, f64)
    n_steps_pad, n_hidden_pad = bucket_steps(n_steps), bucket_hidden(n_hidden)
    padded = pad_params(base, n_hidden_pad)
    rows = lengths.astype(np.int32) - 1
    loss_mask = np.zeros(n_steps_pad, f64)
    loss_mask[rows] = 1.0
    # A thread-local switch: other sessions' float32 work in this process is unaffected.
    with jax.enable_x64(True):
        out = _jitted_regime(
            gains[:, None, None] * padded.Ws[None],
            padded,
            pad_steps(xs, n_steps_pad),
            pad_steps(targets, n_steps_pad),
            np.zeros(n_hidden_pad, f64),
            np.arange(n_hidden_pad) < n_hidden,
            loss_mask,
            rows,
            activation=activation,
        )
        return np.asarray(out, dtype=f64)


class Regime(NamedTuple):
    """What the gradient does over time, and why."""

    kind: str  # "vanishing", "exploding" or "edge"
    reason: str  # "bound", "no_recurrence", "saturation", "cut", "measured" or "unmeasured"
    bound_slope: float  # log10(γ σ_max): the Pascanu bound in decades per step of lag
    measured_slope: float  # least-squares decades per step of log10 ||dE_T/ds_k|| against lag


def decay_slope(state_grad_row: np.ndarray) -> float:
    """Decades per step of lag of log10 ||dE_T/ds_k|| (T,), k = 0..T-1, fitted by least squares.

    -inf when every earlier term is exactly zero (e.g. Ws = 0); NaN for T = 1.
    """
    row = np.asarray(state_grad_row, dtype=float)
    lags = row.size - 1 - np.arange(row.size)
    if row.size < 2:
        return float("nan")
    finite = np.isfinite(row)
    if not np.any(finite[:-1]):
        return float("-inf")
    if finite.sum() < 2:
        return float("nan")
    return float(np.polyfit(lags[finite], row[finite], 1)[0])


def slope_direction(slope: float) -> tuple[str, float]:
    """How a measured slope reads in words: ("grows" | "shrinks", its size >= 0), ("zero", 0) or ("none", 0).

    "zero": every earlier term is exactly 0 (slope -inf); "none": nothing to fit (NaN, T = 1).
    Pages state amounts as positive magnitudes and the direction in words.
    """
    if slope == -np.inf:
        return "zero", 0.0
    if not np.isfinite(slope):
        return "none", 0.0
    return ("grows" if slope > 0 else "shrinks"), float(abs(slope))


def badge_numbers(regime: Regime, n_steps: int) -> dict[str, object]:
    """What a regime badge states, as positive magnitudes: the measured direction, its size per step and
    over the T - 1 lags, the bound's decades per step and γ·σ_max = 10^bound_slope."""
    direction, per_step = slope_direction(regime.measured_slope)
    lags = n_steps - 1
    return {
        "direction": direction,
        "per_step": per_step,
        "total": per_step * lags,
        "lags": lags,
        "bound": abs(regime.bound_slope),
        "gs": 10**regime.bound_slope,
    }


EDGE_TOLERANCE = 0.01  # decades per step: within ±0.01 (under 1 decade per 100 steps) is "the edge"


def classify_regime(
    state_grad_row: np.ndarray, sigma_max: float, activation: str, *, tolerance: float = EDGE_TOLERANCE
) -> Regime:
    """Vanishing, exploding or at the edge, for the last loss step's row (T,) of log10 ||dE_T/ds_k||.

    σ_max(Ws) < 1/γ is sufficient for vanishing (Pascanu et al. 2013), so below 1/γ
    the bound decides alone: "vanishing" for the reason "bound", or "no_recurrence"
    when σ_max = 0 (Ws = 0: no term reaches an earlier step at all). At or above 1/γ
    exploding is only possible, so the measured slope (`decay_slope`, decades per step
    back) decides, with `tolerance` in decades per step: above +tolerance "exploding",
    below −tolerance "vanishing" for the reason "saturation" (f' < γ wherever a ≠ 0),
    within ±tolerance "edge". Two reasons need no slope: "cut" (every earlier term is
    exactly 0, e.g. relu with every unit off at one step) and "unmeasured" (T = 1).
    """
    with np.errstate(divide="ignore"):
        bound = float(np.log10(gamma(activation) * sigma_max))
    measured = decay_slope(state_grad_row)
    if sigma_max == 0:
        return Regime("vanishing", "no_recurrence", bound, measured)
    if bound < 0:
        return Regime("vanishing", "bound", bound, measured)
    if measured == -np.inf:
        return Regime("vanishing", "cut", bound, measured)
    if not np.isfinite(measured):
        return Regime("edge", "unmeasured", bound, measured)
    if measured > tolerance:
        return Regime("exploding", "measured", bound, measured)
    if measured < -tolerance:
        return Regime("vanishing", "saturation", bound, measured)
    return Regime("edge", "measured", bound, measured)
