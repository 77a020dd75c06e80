"""Backpropagation through time with every per-timestep term, in log space.

For each loss step t and earlier step k, BPTT's term k of dE_t/dW (the flow through
step k's copy of W; docs/ARCHITECTURE.md, "The core's contract") is an outer product,
so its Frobenius norm factorises:

    term k of dE_t/dWs = u_{t,k} s_{k-1}^T,   term k of dE_t/dWx = u_{t,k} x_k^T
    u_{t,k} = dE_t/da_k = f'(a_k) ⊙ dE_t/ds_k,   dE_t/ds_{k-1} = Ws^T u_{t,k}

One backward scan over k carries dE_t/ds_k for all loss steps t at once, as a
(R, H) matrix of unit rows plus a log10 scale per row, so each step costs one
(R, H) @ (H, H) product and the T×T maps cost about T²H² multiply-adds. The
log scale keeps magnitudes like 3^500 finite in float32. The same scan also
runs the ordinary raw BPTT for the total and per-step gradients.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from core import checks
from core.activations import get_activation
from core.buckets import bucket_hidden, bucket_steps, loss_layout, pad_params, pad_steps
from core.logspace import LOG10_E, back_step, log10_norm, loss_terms, scaled_forward, unit_rows
from core.rnn import RNNParams

CHUNKS = 4  # the all-steps backward scan runs in this many chunks (see _all_rows_scan)
_trace_count = 0


class BPTTResult(NamedTuple):
    """Everything BPTT knows about one sequence; every field is a NumPy array.

    Indices are 0-based: [t, k] is loss step t and earlier step k <= t.
    """

    losses: np.ndarray  # (T,) E_t; 0 at steps that carry no loss
    grads: RNNParams  # dE/dθ for E = sum of E_t; equals jax.grad of E
    step_grads: RNNParams  # each field (T, ...): the untied gradient through step k
    log10_contrib_Wx: np.ndarray  # (T, T) log10 ||term k of dE_t/dWx||_F; NaN where k > t
    log10_contrib_Ws: np.ndarray  # (T, T) the same for Ws; -inf where a term is exactly 0
    log10_contrib_Wy: np.ndarray  # (T,) log10 ||dE_t/dWy||_F
    log10_state_grad: np.ndarray  # (T, T) log10 ||dE_t/ds_k||_2; NaN where k > t


def compile_count() -> int:
    """How many times the BPTT kernel has been traced (= compiled) in this process."""
    return _trace_count


def _all_rows_scan(per_step, raw_step, Ws, n_hidden):
    """The backward scan carrying a row for every step t, in CHUNKS chunks of steps.

    At steps k in [c, c + C) only rows t >= c can be non-zero, so each chunk
    carries just those rows: 10/16 of the work of the full T×T square. More
    chunks would save a little more work but cost compile time: with 7 chunks
    T = 200 ran 4% faster and compiled 1.6x slower (measured).
    Returns log_state and log_u (T, T) indexed [k, t], and raw_u (T, H).
    """
    n_steps, dtype = per_step[0].shape[0], per_step[1].dtype
    chunk = n_steps // CHUNKS  # T buckets are multiples of 32
    dirs, logs = jnp.zeros((0, n_hidden), dtype), jnp.zeros((0,), dtype)
    raw = jnp.zeros((n_hidden,), dtype)
    outputs = []
    for start in range(n_steps - chunk, -1, -chunk):
        dirs = jnp.concatenate([jnp.zeros((chunk, n_hidden), dtype), dirs])
        logs = jnp.concatenate([jnp.full((chunk,), -jnp.inf, dtype), logs])

        def back(carry, inp, start=start):
            dirs, logs, raw = carry
            k, inj_dir, inj_log, phi, log_peak, fprime, inj_raw = inp
            dirs = lax.dynamic_update_slice(dirs, inj_dir[None], (k - start, 0))
            logs = lax.dynamic_update_slice(logs, inj_log[None], (k - start,))
            log_state, log_u, dirs, logs = back_step(dirs, logs, phi, log_peak, Ws)
            raw, raw_u = raw_step(raw, inj_raw, fprime)
            return (dirs, logs, raw), (log_state, log_u, raw_u)

        inputs = jax.tree.map(lambda a, start=start: a[start : start + chunk], per_step)
        (dirs, logs, raw), (log_state, log_u, raw_u) = lax.scan(back, (dirs, logs, raw), inputs, reverse=True)
        no_rows = jnp.full((chunk, start), jnp.nan, dtype)  # rows t < start: no term yet
        padded = (jnp.concatenate([no_rows, log_state], 1), jnp.concatenate([no_rows, log_u], 1))
        outputs.append((*padded, raw_u))
    log_state, log_u, raw_u = (jnp.concatenate(parts[::-1]) for parts in zip(*outputs, strict=True))
    return log_state, log_u, raw_u


def _kernel(params, xs, targets, s0, hidden_mask, loss_mask, rows, *, activation, loss):
    """BPTT on padded arrays (T_pad steps, H_pad units).

    rows (R,) lists the loss steps whose maps we carry, or is None for every
    step; then the scan runs in chunks that skip rows t < k, which have no term.
    """
    act = get_activation(activation)
    n_steps, n_hidden = xs.shape[0], hidden_mask.shape[0]
    s_hat, sig, pre = scaled_forward(params, xs, s0, hidden_mask, act)
    losses, g_raw, g_hat, g_log = loss_terms(s_hat, sig, params, targets, loss)
    g_raw = jnp.where(loss_mask[:, None] > 0, g_raw, 0.0)  # not g * 0: an overflowed step is inf
    inject_dir, inject_log = unit_rows(g_hat @ params.Wy)  # dE_t/ds_t = Wy^T g_t
    inject_log = jnp.where(loss_mask > 0, inject_log + g_log, -jnp.inf)
    log_fprime = jnp.where(hidden_mask, act.log_derivative(pre), -jnp.inf)  # natural log
    peak = log_fprime.max(axis=1, keepdims=True)
    phi = jnp.exp(log_fprime - jnp.where(jnp.isfinite(peak), peak, 0.0))
    per_step = (
        jnp.arange(n_steps),
        inject_dir,
        inject_log,
        phi,
        peak[:, 0] * LOG10_E,
        jnp.exp(log_fprime),
        g_raw @ params.Wy,
    )

    def raw_step(raw, inj_raw, fprime):
        raw_u = fprime * (raw + inj_raw)  # ordinary BPTT: dE/da_k
        return raw_u @ params.Ws, raw_u

    if rows is None:
        log_state, log_u, raw_u = _all_rows_scan(per_step, raw_step, params.Ws, n_hidden)
        rows = jnp.arange(n_steps)
    else:

        def back(carry, inp):
            dirs, logs, raw = carry
            k, inj_dir, inj_log, phi, log_peak, fprime, inj_raw = inp
            hit = rows == k
            dirs = jnp.where(hit[:, None], inj_dir, dirs)
            logs = jnp.where(hit, inj_log, logs)
            log_state, log_u, dirs, logs = back_step(dirs, logs, phi, log_peak, params.Ws)
            raw, raw_u = raw_step(raw, inj_raw, fprime)
            return (dirs, logs, raw), (log_state, log_u, raw_u)

        init = (
            jnp.zeros((rows.shape[0], n_hidden), xs.dtype),
            jnp.full(rows.shape, -jnp.inf, xs.dtype),
            jnp.zeros((n_hidden,), xs.dtype),
        )
        _, (log_state, log_u, raw_u) = lax.scan(back, init, per_step, reverse=True)

    s = s_hat * 10.0 ** sig[:, None]
    s_prev = jnp.concatenate([s0[None], s[:-1]])
    log_s = sig + log10_norm(s_hat)
    log_s_prev = jnp.concatenate([log10_norm(s0)[None], log_s[:-1]])
    log_x = log10_norm(xs)
    no_term = jnp.arange(n_steps)[None, :] > rows[:, None]  # (R, T): k > t
    log_g = jnp.where(loss_mask > 0, g_log + log10_norm(g_hat), -jnp.inf)
    return {
        "losses": jnp.where(loss_mask > 0, losses, 0.0),
        "grads": RNNParams(raw_u.T @ xs, raw_u.T @ s_prev, raw_u.sum(0), g_raw.T @ s, g_raw.sum(0)),
        "step_grads": RNNParams(
            Wx=raw_u[:, :, None] * xs[:, None, :],
            Ws=raw_u[:, :, None] * s_prev[:, None, :],
            b=raw_u,
            Wy=g_raw[:, :, None] * s[:, None, :],
            by=g_raw,
        ),
        "log10_contrib_Wx": jnp.where(no_term, jnp.nan, log_u.T + log_x),
        "log10_contrib_Ws": jnp.where(no_term, jnp.nan, log_u.T + log_s_prev),
        "log10_contrib_Wy": log_g + log_s,
        "log10_state_grad": jnp.where(no_term, jnp.nan, log_state.T),
    }


def _counted_kernel(*args, **kwargs):
    global _trace_count
    _trace_count += 1  # runs only while tracing, i.e. once per compilation
    return _kernel(*args, **kwargs)


_jitted_kernel = jax.jit(_counted_kernel, static_argnames=("activation", "loss"))


def float_dtype() -> np.dtype:
    """JAX's default float: float32, or float64 once jax_enable_x64 is on."""
    return np.dtype(jax.dtypes.canonicalize_dtype(np.float64))


def _validated_arrays(params, xs, targets, activation, loss, loss_steps, s0):
    """Check every argument; return them as NumPy arrays in JAX's default float."""
    checks.check_choice("activation", activation, ("tanh", "sigmoid", "relu", "linear"))
    checks.check_choice("loss", loss, checks.LOSSES)
    checks.check_choice("loss_steps", loss_steps, checks.LOSS_STEPS)
    n_in, n_hidden, n_out = checks.check_params(params)
    n_steps = checks.check_sequence(xs, n_in)
    checks.check_targets(targets, n_steps, n_out, loss)
    dtype = float_dtype()
    params = RNNParams(*(np.asarray(p, dtype) for p in params))
    xs = np.asarray(xs, dtype)
    targets = np.asarray(targets, dtype if loss == "mse" else np.int32)
    s0 = np.zeros(n_hidden, dtype) if s0 is None else np.asarray(s0, dtype)
    checks.check_state(s0, n_hidden)
    named = (*zip(RNNParams._fields, params, strict=True), ("xs", xs), ("targets", targets), ("s0", s0))
    for name, value in named:
        checks.check_finite(name, value)
    return params, xs, targets, s0


def bptt(
    params: RNNParams,
    xs: jax.Array | np.ndarray,
    targets: jax.Array | np.ndarray,
    *,
    activation: str = "tanh",
    loss: str = "mse",
    loss_steps: str = "all",
    s0: jax.Array | np.ndarray | None = None,
) -> BPTTResult:
    """BPTT for one sequence xs (T, I): losses, gradients and the per-step log10 maps.

    targets is (T, O) floats for loss="mse" (E_t = 0.5 ||y_t - target_t||²) or
    (T,) int class ids for loss="softmax_ce". loss_steps="all" puts a loss on
    every step (many-to-many), "last" only on step T (many-to-one). s0 (H,) is
    the state before step 1, zero unless given.
    Raises ValueError naming the problem for bad shapes, names or NaN input.
    """
    params, xs, targets, s0 = _validated_arrays(params, xs, targets, activation, loss, loss_steps, s0)
    (n_steps, _), n_hidden = xs.shape, s0.shape[0]
    n_steps_pad, n_hidden_pad = bucket_steps(n_steps), bucket_hidden(n_hidden)
    loss_mask, rows = loss_layout(n_steps, loss_steps)
    out = _jitted_kernel(
        pad_params(params, n_hidden_pad),
        pad_steps(xs, n_steps_pad),
        pad_steps(targets, n_steps_pad),
        np.pad(s0, (0, n_hidden_pad - n_hidden)),
        np.arange(n_hidden_pad) < n_hidden,
        loss_mask.astype(xs.dtype),
        rows,
        activation=activation,
        loss=loss,
    )
    return _unpad(jax.tree.map(np.asarray, out), n_steps, n_hidden, loss_steps)


def _unpad(out: dict, n_steps: int, n_hidden: int, loss_steps: str) -> BPTTResult:
    """Cut padded kernel output back to T steps and H units; grow 'last' rows to T×T."""
    T, H = n_steps, n_hidden
    g, sg = out["grads"], out["step_grads"]

    def square(key: str) -> np.ndarray:
        rows = out[key][:, :T]
        if loss_steps == "all":
            return rows[:T]
        # Steps without a loss contribute exactly 0 (-inf); k > t has no term (NaN).
        full = np.where(np.tri(T, dtype=bool), -np.inf, np.nan).astype(rows.dtype)
        full[T - 1] = rows[0]
        return full

    return BPTTResult(
        losses=out["losses"][:T],
        grads=RNNParams(g.Wx[:H], g.Ws[:H, :H], g.b[:H], g.Wy[:, :H], g.by),
        step_grads=RNNParams(sg.Wx[:T, :H], sg.Ws[:T, :H, :H], sg.b[:T, :H], sg.Wy[:T, :, :H], sg.by[:T]),
        log10_contrib_Wx=square("log10_contrib_Wx"),
        log10_contrib_Ws=square("log10_contrib_Ws"),
        log10_contrib_Wy=out["log10_contrib_Wy"][:T],
        log10_state_grad=square("log10_state_grad"),
    )
