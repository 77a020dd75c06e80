"""Exact BPTT maps for the GRU and the LSTM, in log space, from one backward scan.

For loss step t and earlier step k, term k of dE_t/dW is the gradient through step k's own
copy of W (weights untied across time). Every such term is an outer product, so its
Frobenius norm factorises into two vector norms:

    term k of dE_t/d kernel           = x_k ⊗ δx_{t,k},       ||·||_F = ||x_k|| ||δx_{t,k}||
    term k of dE_t/d recurrent_kernel = h_{k-1} ⊗ δm_{t,k},   ||·||_F = ||h_{k-1}|| ||δm_{t,k}||

with δx, δm = dE_t/d(the input and recurrent parts of step k's gate pre-activations); they
are equal for the LSTM and differ in the GRU's candidate block, where the recurrent part is
multiplied by the reset gate. One reverse scan over k carries dE_t/dh_k (and the LSTM's
dE_t/dc_k) for every loss step t at once as unit rows with a log10 scale, pulled back through
one vmapped jax.vjp of the cell per step (core.gated.kernel). Gates keep the forward pass
bounded, but products of gate values underflow float32 after a few hundred steps, which the
log scale absorbs. T is padded to core.buckets.bucket_steps and H to bucket_hidden: padded
hidden units of both cells stay exactly 0 (zero weights: z = r = 1/2 and a zero candidate in
the GRU, a zero candidate and cell in the LSTM), padded steps carry no loss.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import numpy as np

from core import checks
from core.bptt import float_dtype
from core.buckets import bucket_hidden, bucket_steps, loss_layout, pad_steps
from core.gated.cells import GATES, GatedParams, check_gated
from core.gated.kernel import jitted_kernel, trace_count


class GatedBPTTResult(NamedTuple):
    """Everything BPTT knows about one sequence through a GRU or LSTM; fields are NumPy arrays.

    Indices are 0-based: [t, k] is loss step t and earlier step k <= t; NaN where k > t,
    -inf where a quantity is exactly 0 (e.g. every row t of a step without a loss).
    """

    losses: np.ndarray  # (T,) E_t; 0 at steps that carry no loss
    grads: GatedParams  # dE/dθ for E = sum of E_t, same type as params; equals jax.grad of E
    log10_state_grad: np.ndarray  # (T, T) log10 ||dE_t/dh_k||_2, total derivative
    log10_cell_grad: np.ndarray  # (T, T) log10 ||dE_t/dc_k||_2 (LSTM; all NaN for the GRU)
    log10_contrib: dict  # {"kernel", "recurrent_kernel", "bias"}: (T, T) log10 ||term k of dE_t/dW||_F


def compile_count() -> int:
    """How many times the gated BPTT kernel has been traced (= compiled) in this process."""
    return trace_count()


def _pad_blocks(w: np.ndarray, gates: int, n_hidden: int, n_hidden_pad: int) -> np.ndarray:
    """Zero-pad each of the gate blocks on w's last axis (gates·H) to gates·H_pad."""
    lead = w.shape[:-1]
    blocks = w.reshape(*lead, gates, n_hidden)
    blocks = np.pad(blocks, [(0, 0)] * (len(lead) + 1) + [(0, n_hidden_pad - n_hidden)])
    return blocks.reshape(*lead, gates * n_hidden_pad)


def _pad_params(params: GatedParams, cell: str, n_hidden_pad: int) -> GatedParams:
    gates, n_hidden = GATES[cell], params.Wy.shape[1]
    extra = n_hidden_pad - n_hidden
    return type(params)(
        kernel=_pad_blocks(params.kernel, gates, n_hidden, n_hidden_pad),
        recurrent_kernel=_pad_blocks(
            np.pad(params.recurrent_kernel, ((0, extra), (0, 0))), gates, n_hidden, n_hidden_pad
        ),
        bias=_pad_blocks(params.bias, gates, n_hidden, n_hidden_pad),
        Wy=np.pad(params.Wy, ((0, 0), (0, extra))),
        by=params.by,
    )


def _unpad_blocks(w: np.ndarray, gates: int, n_hidden: int) -> np.ndarray:
    lead = w.shape[:-1]
    return w.reshape(*lead, gates, -1)[..., :n_hidden].reshape(*lead, gates * n_hidden)


def _validated(params, xs, targets, cell, loss, loss_steps):
    """Check every argument; return params, xs, targets as NumPy arrays in JAX's default float."""
    n_in, _, n_out = check_gated(params, cell)
    checks.check_choice("loss", loss, checks.LOSSES)
    checks.check_choice("loss_steps", loss_steps, checks.LOSS_STEPS)
    n_steps = checks.check_sequence(xs, n_in)
    checks.check_targets(targets, n_steps, n_out, loss)
    dtype = float_dtype()
    params = type(params)(*(np.asarray(p, dtype) for p in params))
    xs = np.asarray(xs, dtype)
    targets = np.asarray(targets, dtype if loss == "mse" else np.int32)
    for name, value in (*zip(params._fields, params, strict=True), ("xs", xs), ("targets", targets)):
        checks.check_finite(name, value)
    return params, xs, targets


def bptt(
    params: GatedParams,
    xs: jax.Array | np.ndarray,
    targets: jax.Array | np.ndarray,
    *,
    cell: str,
    loss: str = "mse",
    loss_steps: str = "all",
) -> GatedBPTTResult:
    """BPTT for one sequence xs (T, I) through a GRU or LSTM from a zero state: losses, grads, maps.

    cell is "gru" or "lstm" and must match params' type. targets is (T, O) floats for
    loss="mse" (E_t = ½ ||y_t - target_t||²) or (T,) int class ids for loss="softmax_ce",
    as in core.bptt; loss_steps "all" puts a loss on every step, "last" on step T only.
    float32 unless jax_enable_x64 is on. Raises ValueError naming the bad argument.
    """
    params, xs, targets = _validated(params, xs, targets, cell, loss, loss_steps)
    n_steps, n_hidden = xs.shape[0], params.Wy.shape[1]
    n_steps_pad, n_hidden_pad = bucket_steps(n_steps), bucket_hidden(n_hidden)
    loss_mask, rows = loss_layout(n_steps, loss_steps)
    out = jitted_kernel(
        _pad_params(params, cell, n_hidden_pad),
        pad_steps(xs, n_steps_pad),
        pad_steps(targets, n_steps_pad),
        loss_mask.astype(xs.dtype),
        rows,
        cell=cell,
        loss=loss,
    )
    return _unpad(jax.tree.map(np.asarray, out), cell, n_steps, n_hidden, loss_steps)


def _unpad(out: dict, cell: str, n_steps: int, n_hidden: int, loss_steps: str) -> GatedBPTTResult:
    """Cut padded kernel output back to T steps and H units; grow 'last' rows to T×T."""
    T, H, gates = n_steps, n_hidden, GATES[cell]
    g = out["grads"]

    def square(rows: np.ndarray) -> np.ndarray:
        rows = rows[:, :T]
        if loss_steps == "all":
            return rows[:T]
        # Steps without a loss contribute exactly 0 (-inf); k > t has no term (NaN).
        full = np.where(np.tri(T, dtype=bool), -np.inf, np.nan).astype(rows.dtype)
        full[T - 1] = rows[0]
        return full

    maps = {key: square(value) for key, value in out["maps"].items()}
    if cell == "gru":
        maps["cell"] = np.full((T, T), np.nan, maps["state"].dtype)  # the GRU has no cell
    grads = type(g)(
        kernel=_unpad_blocks(g.kernel, gates, H),
        recurrent_kernel=_unpad_blocks(g.recurrent_kernel[:H], gates, H),
        bias=_unpad_blocks(g.bias, gates, H),
        Wy=g.Wy[:, :H],
        by=g.by,
    )
    contrib = {key: maps[key] for key in ("kernel", "recurrent_kernel", "bias")}
    return GatedBPTTResult(out["losses"][:T], grads, maps["state"], maps["cell"], contrib)
