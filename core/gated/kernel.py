"""The jitted kernel of core.gated.bptt: one forward pass, then one backward scan of the cell's VJP.

The scan carries, for every loss step t at once, the row dE_t/d(state_k) as a unit direction
and a log10 scale. The state is h_k (H,) for the GRU and [h_k | c_k] (2H,) for the LSTM, where
the c part is the flow into c_k through c_{k+1} only (what lstm_step's VJP takes and gives).
Each step pulls all rows back through one jax.vjp of the cell w.r.t. the previous state and the
bias: the bias's cotangent is the gradient w.r.t. the gates' pre-activations (the GRU's row 0
for the input part, row 1 for the recurrent part), from which the term norms follow.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax import lax

from core.activations import get_activation
from core.gated.cells import GatedParams, gru_step, lstm_step
from core.logspace import log10_norm, loss_terms, unit_rows

CHUNKS = 4  # beyond CHUNKED_FROM steps the all-steps scan runs in chunks that skip rows t < k
CHUNKED_FROM = 256  # (as core.bptt); each chunk is one more scan body to compile (see _scan_rows)
MAPS = ("state", "cell", "kernel", "recurrent_kernel", "bias")
_trace_count = 0


def trace_count() -> int:
    """How many times the kernel has been traced (= compiled) in this process."""
    return _trace_count


def _step_fn(cell: str, params: GatedParams, n_hidden: int):
    """f(prev (D,), bias, x (I,)) -> state (D,): one cell step on the flat state."""
    if cell == "gru":
        return lambda prev, bias, x: gru_step(params._replace(bias=bias), prev, x)

    def lstm(prev, bias, x):
        h, c = lstm_step(params._replace(bias=bias), (prev[:n_hidden], prev[n_hidden:]), x)
        return jnp.concatenate([h, c])

    return lstm


def _make_back(cell: str, params: GatedParams, n_hidden: int):
    """The body of the backward scan over k, for rows with ids row_ids (R,)."""
    step = _step_fn(cell, params, n_hidden)
    lstm = cell == "lstm"

    def back(carry, inp, row_ids):
        dirs, logs, raw = carry  # (R, D) unit rows, (R,) log10 scales, (D,) raw sum over all t
        k, x, prev, inj_dir, inj_log, inj_raw, dh_dc = inp
        hit = row_ids == k  # E_k enters its own row at step k; the row was zero before
        dirs = jnp.where(hit[:, None], inj_dir, dirs)
        logs = jnp.where(hit, inj_log, logs)
        raw = raw + inj_raw
        out = {"state": logs + log10_norm(dirs[:, :n_hidden])}
        if lstm:  # total dE_t/dc_k: through c_{k+1}, and through h_k = o_k tanh(c_k)
            out["cell"] = logs + log10_norm(dirs[:, n_hidden:] + dirs[:, :n_hidden] * dh_dc)
        _, pullback = jax.vjp(lambda s, b: step(s, b, x), prev, params.bias)
        d_prev, d_bias = jax.vmap(pullback)(jnp.concatenate([dirs, raw[None]]))
        d_x, d_m = (d_bias[:, 0], d_bias[:, 1]) if not lstm else (d_bias, d_bias)
        out["kernel"] = logs + log10_norm(d_x[:-1])
        out["recurrent_kernel"] = logs + log10_norm(d_m[:-1])
        out["bias"] = logs + log10_norm(d_bias[:-1].reshape(d_bias.shape[0] - 1, -1))
        # The VJP of a unit row is at most ||Jacobian|| long, so nothing overflows before this.
        new_dirs, new_logs = unit_rows(d_prev[:-1])
        return (new_dirs, logs + new_logs, d_prev[-1]), (out, d_x[-1], d_m[-1])

    return back


def _scan_rows(back, per_step, rows, width: int):
    """Run back over k = T-1 .. 0; return maps {name: (T, R) [k, row]} and raw d_x, d_m (T, ·).

    rows (R,) names the rows to carry, or None for every step t. Beyond CHUNKED_FROM steps
    the scan then runs in CHUNKS chunks and the chunk starting at step c carries only rows
    t >= c (10/16 of the square), filling rows t < c with NaN (no term). Measured (LSTM,
    H = 32, CPU seconds on a shared machine): 4 chunks compile in 5 s instead of 1.7 s and
    run T = 500 in 82 ms instead of 142 ms; at T = 100, 6 ms instead of 11 ms, not worth
    the compile.
    """
    n_steps, dtype = per_step[1].shape[0], per_step[1].dtype
    if rows is not None:
        init = (jnp.zeros((rows.shape[0], width), dtype), jnp.full(rows.shape, -jnp.inf, dtype))
        init = (*init, jnp.zeros((width,), dtype))
        _, ys = lax.scan(lambda c, i: back(c, i, rows), init, per_step, reverse=True)
        return ys
    chunk = n_steps // (CHUNKS if n_steps > CHUNKED_FROM else 1)  # T buckets are multiples of 32
    dirs, logs = jnp.zeros((0, width), dtype), jnp.zeros((0,), dtype)
    raw = jnp.zeros((width,), dtype)
    parts = []
    for start in range(n_steps - chunk, -1, -chunk):
        dirs = jnp.concatenate([jnp.zeros((chunk, width), dtype), dirs])
        logs = jnp.concatenate([jnp.full((chunk,), -jnp.inf, dtype), logs])
        ids = jnp.arange(start, n_steps)
        inputs = jax.tree.map(lambda a, start=start: a[start : start + chunk], per_step)
        (dirs, logs, raw), (out, d_x, d_m) = lax.scan(
            lambda c, i, ids=ids: back(c, i, ids), (dirs, logs, raw), inputs, reverse=True
        )
        no_rows = jnp.full((chunk, start), jnp.nan, dtype)
        parts.append(({key: jnp.concatenate([no_rows, v], 1) for key, v in out.items()}, d_x, d_m))
    parts = parts[::-1]
    out = {key: jnp.concatenate([p[0][key] for p in parts]) for key in parts[0][0]}
    return out, jnp.concatenate([p[1] for p in parts]), jnp.concatenate([p[2] for p in parts])


def kernel(params: GatedParams, xs, targets, loss_mask, rows, *, cell: str, loss: str) -> dict:
    """BPTT on padded arrays: xs (T_pad, I), targets (T_pad, O) or (T_pad,), loss_mask (T_pad,).

    rows (R,) lists the loss steps whose maps are carried, or is None for every step.
    Returns losses, grads, and the maps {name: (R, T_pad) [row, k]} with NaN where k > t.
    """
    global _trace_count
    _trace_count += 1  # runs only while tracing, i.e. once per compilation
    n_steps, n_hidden = xs.shape[0], params.Wy.shape[1]
    step = _step_fn(cell, params, n_hidden)
    width = n_hidden * (2 if cell == "lstm" else 1)
    zero = jnp.zeros((width,), xs.dtype)

    def fwd(prev, x):
        state = step(prev, params.bias, x)
        return state, state

    _, states = lax.scan(fwd, zero, xs)
    prev = jnp.concatenate([zero[None], states[:-1]])
    h, h_prev = states[:, :n_hidden], prev[:, :n_hidden]
    # Gates are bounded, so |h| <= 1 and the state needs no log scale of its own (sig = 0).
    losses, g_raw, g_hat, g_log = loss_terms(h, jnp.zeros(n_steps, xs.dtype), params, targets, loss)
    g_raw = jnp.where(loss_mask[:, None] > 0, g_raw, 0.0)
    to_state = jnp.zeros((n_steps, width - n_hidden), xs.dtype)  # losses read h only, not c
    inj_dir, inj_log = unit_rows(jnp.concatenate([g_hat @ params.Wy, to_state], 1))
    inj_log = jnp.where(loss_mask > 0, inj_log + g_log, -jnp.inf)
    inj_raw = jnp.concatenate([g_raw @ params.Wy, to_state], 1)
    if cell == "lstm":  # dh_k/dc_k = o_k tanh'(c_k), tanh' from its stable closed form
        a_o = (xs @ params.kernel + h_prev @ params.recurrent_kernel + params.bias)[:, 3 * n_hidden :]
        dh_dc = jax.nn.sigmoid(a_o) * jnp.exp(get_activation("tanh").log_derivative(states[:, n_hidden:]))
    else:
        dh_dc = jnp.zeros_like(h)
    per_step = (jnp.arange(n_steps), xs, prev, inj_dir, inj_log, inj_raw, dh_dc)
    out, d_x, d_m = _scan_rows(_make_back(cell, params, n_hidden), per_step, rows, width)

    row_ids = jnp.arange(n_steps) if rows is None else rows
    no_term = jnp.arange(n_steps)[None, :] > row_ids[:, None]  # (R, T): k > t
    log_x, log_h_prev = log10_norm(xs), log10_norm(h_prev)
    maps = {
        "state": out["state"].T,
        "cell": out["cell"].T if cell == "lstm" else jnp.full(no_term.shape, jnp.nan, xs.dtype),
        # Terms are outer products x_k ⊗ δ and h_{k-1} ⊗ δ', so their norms factorise.
        "kernel": out["kernel"].T + log_x,
        "recurrent_kernel": out["recurrent_kernel"].T + log_h_prev,
        "bias": out["bias"].T,
    }
    bias = jnp.stack([d_x.sum(0), d_m.sum(0)]) if cell == "gru" else d_x.sum(0)
    grads = type(params)(xs.T @ d_x, h_prev.T @ d_m, bias, g_raw.T @ h, g_raw.sum(0))
    return {
        "losses": jnp.where(loss_mask > 0, losses, 0.0),
        "grads": grads,
        "maps": {key: jnp.where(no_term, jnp.nan, value) for key, value in maps.items()},
    }


jitted_kernel = jax.jit(kernel, static_argnames=("cell", "loss"))
