"""The log-space pieces of core.bptt: unit rows with a log10 scale, the scaled forward pass,
per-step loss gradients and one backward step, each finite where the true value is finite
(docs/ARCHITECTURE.md, "core.bptt: how the maps are computed").
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from core.activations import Activation
from core.rnn import RNNParams

LOG10_E = float(np.log10(np.e))


def unit_rows(v: jax.Array) -> tuple[jax.Array, jax.Array]:
    """Split v (..., H) into unit-norm rows and log10 of their norms (-inf for 0 rows).

    Rows are first divided by their largest entry: squaring 1e-160 underflows
    float64 (and 1e-20 float32), which would turn a tiny gradient into zero.
    """
    peak = jnp.max(jnp.abs(v), axis=-1, keepdims=True)
    v = v / jnp.where(peak > 0, peak, 1.0)
    norm = jnp.linalg.norm(v, axis=-1)
    safe = jnp.where(norm > 0, norm, 1.0)
    return v / safe[..., None], jnp.log10(peak[..., 0]) + jnp.log10(norm)


def log10_norm(v: jax.Array) -> jax.Array:
    """log10 of the 2-norm of each row of v (..., H), without underflow."""
    return unit_rows(v)[1]


def scaled_forward(params: RNNParams, xs, s0, hidden_mask, act: Activation):
    """Forward pass with states stored as s_t = 10^sig_t · s_hat_t, sig_t >= 0, |s_hat_t| <= 1.

    Returns s_hat (T, H), sig (T,), and the argument for f' (T, H): a_t for a
    bounded f, a_t / 10^sig_{t-1} for a homogeneous one (f' is scale-free there).
    """

    def to_scaled(s):
        direction, log_norm = unit_rows(s)
        sig = jnp.maximum(0.0, log_norm)
        return direction * 10.0 ** (log_norm - sig), sig

    def step(carry, x_t):
        s_hat, sig = carry
        drive = params.Wx @ x_t + params.b
        if act.homogeneous:  # f(a) = 10^sig f(a / 10^sig): never form the huge a
            pre = params.Ws @ s_hat + drive * 10.0 ** (-sig)
            base = sig
        else:  # bounded f: |s| <= sqrt(H), so 10^sig is small and a is exact
            pre = 10.0**sig * (params.Ws @ s_hat) + drive
            base = 0.0
        direction, log_norm = unit_rows(act.fn(pre) * hidden_mask)
        new_sig = jnp.maximum(0.0, base + log_norm)
        new_s_hat = direction * 10.0 ** (base + log_norm - new_sig)
        return (new_s_hat, new_sig), (new_s_hat, new_sig, pre)

    _, (s_hat, sig, pre) = lax.scan(step, to_scaled(s0), xs)
    return s_hat, sig, pre


def loss_terms(s_hat, sig, params: RNNParams, targets, loss: str):
    """Per-step losses and dE_t/dy_t, raw and as (unit-free g_hat, log10 scale).

    Returns E (T,), g_raw (T, O), g_hat (T, O), g_log (T,) with g = 10^g_log g_hat.
    """
    z_hat = s_hat @ params.Wy.T  # y = 10^sig z_hat + by
    scale = 10.0 ** sig[:, None]
    y = z_hat * scale + params.by  # raw; overflows honestly when the state does
    if loss == "mse":
        g_raw = y - targets
        g_hat = z_hat + (params.by - targets) * 10.0 ** (-sig[:, None])
        return 0.5 * jnp.sum(g_raw**2, axis=1), g_raw, g_hat, sig
    onehot = jax.nn.one_hot(targets, params.by.shape[0], dtype=z_hat.dtype)
    # Past float range the softmax is one-hot at argmax z_hat; 1e30 gets there.
    hard = (z_hat - z_hat.max(axis=1, keepdims=True)) * 1e30
    finite = jnp.all(jnp.isfinite(y), axis=1, keepdims=True)
    p = jax.nn.softmax(jnp.where(finite, y, hard), axis=1)
    # p_c - 1 rounds to 0 once p_c is within 1e-16 of 1; -(sum of the other p_j)
    # is the same number, computed without cancellation.
    g_raw = jnp.where(onehot > 0, -(p * (1 - onehot)).sum(1, keepdims=True), p)
    # E = logsumexp(y - y_target), with the target's own entry an exact 0.
    gap = (z_hat - (z_hat * onehot).sum(1, keepdims=True)) * scale
    gap = gap + params.by - (params.by * onehot).sum(1, keepdims=True)
    losses = jax.nn.logsumexp(jnp.where(onehot > 0, 0.0, gap), axis=1)
    return losses, g_raw, g_raw, jnp.zeros_like(sig)


def back_step(dirs, logs, phi, log_peak, Ws):
    """Move rows of dE_t/ds_k (dirs (R, H) times 10^logs (R,)) back through step k.

    f'(a_k) = 10^log_peak · phi with max(phi) = 1, so a saturated f' never
    underflows. Returns (log10 ||dE_t/ds_k||, log10 ||dE_t/da_k||, and rows
    and logs for dE_t/ds_{k-1}), all per row.
    """
    log_state = logs + log10_norm(dirs)
    u_dir, log_u = unit_rows(dirs * phi)
    log_u = logs + log_peak + log_u
    # The rows of u_dir @ Ws are Ws^T u; their norm is at most ||Ws||, so no overflow.
    return log_state, log_u, u_dir @ Ws, log_u
