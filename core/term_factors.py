"""One BPTT term written out factor by factor, as the chapter's figures 5.23 and 5.28 write it.

Term k of dE_t/dW (docs/DESIGN.md, "core.bptt: how the maps are computed") is

    dE_t/dy_t · dy_t/ds_t · Π_{j=k+1..t} ds_j/ds_{j-1} · ∂⁺s_k/∂W
    = (f'(a_k) ⊙ v_k) s_{k-1}^T   (x_k^T for Wx),   v_t = Wy^T g,  v_{j-1} = Ws^T (f'(a_j) ⊙ v_j)

with g = dE_t/dy_t. Each factor has two sizes. Its operator norm (‖Wy‖₂, ‖diag(f'(a_j)) Ws‖₂,
max |f'(a_k)|) bounds what it can do to any vector, so their product is only an upper bound
of the term (submultiplicativity). Its exact gain on the vector it actually meets
(‖v_t‖/‖g‖, ‖v_{j-1}‖/‖v_j‖, ‖f'(a_k) ⊙ v_k‖/‖v_k‖) telescopes: the exact gains times ‖g‖
times ‖s_{k-1}‖ are the term's Frobenius norm, i.e. the heatmap's cell.

Everything is NumPy float64 on one row t, in log10 with renormalisation (a unit vector and a
log10 scale), so T = 500 in the exploding regime stays finite. Steps are 0-based, as in
`core.experiment.backward_walk`: t and k count from 0, and s_{k-1} at k = 0 is s0 = 0.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from core.activations import get_activation
from core.experiment import ExperimentConfig, build

WEIGHTS = ("Ws", "Wx")
_FORWARD = {
    "tanh": np.tanh,
    "sigmoid": lambda a: 0.5 * (1.0 + np.tanh(0.5 * a)),  # no overflow in exp for large |a|
    "relu": lambda a: np.maximum(a, 0.0),
    "linear": lambda a: a,
}


class TermFactors(NamedTuple):
    """Term k of dE_t/dW, factor by factor, in log10 (−inf: exactly 0; NaN: no vector left to act on).

    t, k are 0-based (the UI adds 1). Per-step arrays run over j = k+1 .. t in that order, (t − k,).
    """

    t: int
    k: int
    weight: str  # "Ws" or "Wx"
    has_loss: bool  # False for rows t < T−1 when loss_steps="last": E_t is not a loss, every term is 0
    loss_grad: float  # log10 ‖dE_t/dy_t‖ (the vector the chain starts from: exact = bound)
    readout_gain: float  # exact: log10 ‖Wy^T g‖ / ‖g‖
    readout_bound: float  # log10 ‖Wy‖₂
    steps: np.ndarray  # (t − k,) int: the steps j on the path, 0-based
    step_gain: np.ndarray  # (t − k,) exact: log10 ‖v_{j−1}‖ / ‖v_j‖
    step_bound: np.ndarray  # (t − k,) log10 ‖diag(f'(a_j)) Ws‖₂
    fprime_gain: float  # exact: log10 ‖f'(a_k) ⊙ v_k‖ / ‖v_k‖
    fprime_bound: float  # log10 max_i |f'(a_k)_i|
    input_norm: float  # log10 ‖s_{k−1}‖ (Ws) or ‖x_k‖ (Wx); exact = bound for an outer product
    cell: float  # log10 ‖term k of dE_t/dW‖_F, from the propagated vectors
    exact_sum: float  # loss_grad + every exact gain + input_norm: the cell to rounding
    bound_sum: float  # loss_grad + every bound + input_norm: >= cell
    terms: np.ndarray  # (t + 1,) log10 ‖term i of dE_t/dW‖_F for i = 0..t (the heatmap's row t)
    running: np.ndarray  # (t + 1,) log10 ‖Σ_{i=k'..t} term i‖_F; entry 0 is ‖dE_t/dW‖_F (the chapter's Σ)


def _split(v: np.ndarray) -> tuple[np.ndarray, float]:
    """v (...) as a unit-norm array and log10 ‖v‖ (−inf and zeros for v = 0), without underflow."""
    peak = float(np.max(np.abs(v))) if v.size else 0.0
    if not peak > 0:
        return np.zeros_like(v), -np.inf
    scaled = v / peak  # squaring 1e-200 would underflow: divide by the largest entry first
    norm = float(np.sqrt(np.sum(scaled * scaled)))
    return scaled / norm, float(np.log10(peak) + np.log10(norm))


def _forward(config: ExperimentConfig, t: int):
    """Scaled states up to step t: directions (t+1, H), log10 norms (t+1,), f' split, y_t's error.

    States are s_i = 10^{log_s[i]} · dirs[i]. For homogeneous f (relu, linear) the huge
    pre-activation is never formed: a_i / ‖s_{i−1}‖ has the same f' (as core.logspace does).
    Returns dirs, log_s, phi (t+1, H) and log_peak (t+1,) with f'(a_i) = 10^{log_peak[i]} phi[i]
    and max phi[i] = 1, g_hat (O,) and g_log with dE_t/dy_t = 10^{g_log} g_hat.
    """
    params, xs, targets = build(config)
    Wx, Ws, b, Wy, by = (np.asarray(p, dtype=np.float64) for p in params)
    xs, targets = np.asarray(xs, np.float64), np.asarray(targets, np.float64)
    act = get_activation(config.activation)
    f = _FORWARD[config.activation]
    H = Ws.shape[0]
    dirs, log_s, pre = np.zeros((t + 1, H)), np.empty(t + 1), np.empty((t + 1, H))
    s_dir, s_log = np.zeros(H), -np.inf  # s0 = 0
    for i in range(t + 1):
        drive = Wx @ xs[i] + b
        if act.homogeneous and s_log > 0:  # f(c·a) = c·f(a): work with a / 10^{s_log}
            a, base = Ws @ s_dir + drive * 10.0 ** (-s_log), s_log
        else:  # a bounded state, or one at most 1 long: a itself is exact and finite (10^−inf = 0)
            a, base = (Ws @ s_dir) * 10.0**s_log + drive, 0.0
        s_dir, s_log = _split(f(a))
        s_log += base
        dirs[i], log_s[i], pre[i] = s_dir, s_log, a
    with jax.enable_x64(True):  # the core's stable ln f', evaluated in float64
        log_fprime = np.asarray(act.log_derivative(jnp.asarray(pre)), dtype=np.float64) / np.log(10.0)
    peak = log_fprime.max(axis=1)
    phi = 10.0 ** (log_fprime - np.where(np.isfinite(peak), peak, 0.0)[:, None])
    scale = max(log_s[t], 0.0)  # y_t − target = 10^scale (Wy s_t / 10^scale + (by − target) / 10^scale)
    g = Wy @ (dirs[t] * 10.0 ** (log_s[t] - scale)) + (by - targets[t]) * 10.0 ** (-scale)
    g_hat, g_log = _split(g)
    return Ws, Wy, xs, dirs, log_s, phi, peak, g_hat, g_log + scale


def _add(acc: tuple[np.ndarray, float], term: tuple[np.ndarray, float]) -> tuple[np.ndarray, float]:
    """The sum of two scaled arrays (unit part, log10 scale), renormalised."""
    (a, la), (b, lb) = acc, term
    if lb == -np.inf:
        return acc
    if la == -np.inf:
        return term
    top = max(la, lb)
    direction, log_norm = _split(a * 10.0 ** (la - top) + b * 10.0 ** (lb - top))
    return direction, log_norm + top


def _spectral(m: np.ndarray) -> float:
    """log10 of the largest singular value of one matrix m; −inf for a zero matrix."""
    with np.errstate(divide="ignore"):
        return float(np.log10(np.linalg.svd(m, compute_uv=False)[0]))


def _step_norms(phi: np.ndarray, Ws: np.ndarray, chunk: int = 64) -> np.ndarray:
    """log10 ‖diag(phi_j) Ws‖₂ for each row phi_j of phi (n, H); −inf where phi_j Ws = 0.

    ‖D Ws‖₂² is the top eigenvalue of D (Ws Ws^T) D, which is an elementwise product with the
    one Gram matrix, so each step costs a symmetric eigensolve (eigvalsh): about 8x faster than
    an SVD at H = 128 and as accurate for the largest value (measured: 1e-15 relative).
    """
    gram = Ws @ Ws.T
    tops = [
        np.linalg.eigvalsh(rows[:, :, None] * gram[None] * rows[:, None, :])[:, -1]
        for rows in (phi[i : i + chunk] for i in range(0, phi.shape[0], chunk))
    ]
    top = np.concatenate(tops) if tops else np.zeros(0)
    with np.errstate(divide="ignore"):
        return 0.5 * np.log10(np.maximum(top, 0.0))  # rounding may leave −1e-17 for a zero matrix


def step_bounds(config: ExperimentConfig) -> np.ndarray:
    """(T,) log10 ‖diag(f'(a_j)) Ws‖₂ for every step j = 0..T−1: the per-step bounds of every cell.

    They depend on the step alone, not on t or k, so a page computes them once per config and
    passes them to `term_factors` (they are the costly part: one H×H eigensolve per step).
    """
    Ws, _, _, _, _, phi, peak, _, _ = _forward(config, config.n_steps - 1)
    return _step_norms(phi, Ws) + peak


def term_factors(
    config: ExperimentConfig, t: int, k: int, weight: str, *, bounds: np.ndarray | None = None
) -> TermFactors:
    """Term k of dE_t/dW (weight "Ws" or "Wx"; t, k 0-based, k <= t) factor by factor, and row t's sums.

    bounds: `step_bounds(config)` if already known (T,); otherwise the path's bounds are computed.
    Raises ValueError naming t, k or weight when it is out of range or unknown.
    """
    if weight not in WEIGHTS:
        raise ValueError(f"unknown weight {weight!r}; expected Ws or Wx")
    if not 0 <= t < config.n_steps:
        raise ValueError(f"t must lie in 0..{config.n_steps - 1}, got {t}")
    if not 0 <= k <= t:
        raise ValueError(f"k must lie in 0..t = 0..{t}, got {k}")
    Ws, Wy, xs, dirs, log_s, phi, peak, g_hat, g_log = _forward(config, t)
    has_loss = config.loss_steps == "all" or t == config.n_steps - 1
    if not has_loss:
        g_hat, g_log = np.zeros_like(g_hat), -np.inf
    # v_i = dE_t/ds_i as (unit, log10 scale); u_i = f'(a_i) ⊙ v_i = dE_t/da_i.
    v_dir, v_log = _split(Wy.T @ g_hat)
    v_log += g_log
    with np.errstate(invalid="ignore"):
        readout_gain = v_log - g_log  # NaN when g = 0: no vector to act on
    log_v, log_u = np.full(t + 1, np.nan), np.full(t + 1, -np.inf)
    u_dirs = np.zeros_like(dirs)
    for i in range(t, -1, -1):
        log_v[i] = v_log
        u_dir, u_rel = _split(phi[i] * v_dir)
        u_dirs[i], log_u[i] = u_dir, v_log + peak[i] + u_rel
        v_dir, v_log = _split(Ws.T @ u_dir)
        v_log += log_u[i]
    s_prev = np.concatenate([[-np.inf], log_s[:-1]])  # ‖s_{i−1}‖, s0 = 0
    inputs = s_prev if weight == "Ws" else _split_rows(xs[: t + 1])
    terms = log_u + inputs  # log_u is never NaN and never +inf, so neither is a term
    running = _running(u_dirs, log_u, dirs, log_s, xs, weight)
    steps = np.arange(k + 1, t + 1)
    with np.errstate(invalid="ignore"):
        step_gain = log_v[steps - 1] - log_v[steps]  # −inf once v is 0; NaN after (0/0)
        fprime_gain = log_u[k] - log_v[k]
    if bounds is None:
        step_bound = _step_norms(phi[steps], Ws) + peak[steps]
    elif np.shape(bounds) != (config.n_steps,):
        raise ValueError(f"bounds must have shape ({config.n_steps},), got {np.shape(bounds)}")
    else:
        step_bound = np.asarray(bounds, dtype=np.float64)[steps]
    exact = [g_log, readout_gain, *step_gain, fprime_gain, inputs[k]]
    bound = [g_log, _spectral(Wy), *step_bound, peak[k], inputs[k]]
    return TermFactors(
        t=t,
        k=k,
        weight=weight,
        has_loss=has_loss,
        loss_grad=float(g_log),
        readout_gain=float(readout_gain),
        readout_bound=float(bound[1]),
        steps=steps,
        step_gain=step_gain,
        step_bound=step_bound,
        fprime_gain=float(fprime_gain),
        fprime_bound=float(peak[k]),
        input_norm=float(inputs[k]),
        cell=float(terms[k]),
        exact_sum=_log_sum(exact),
        bound_sum=_log_sum(bound),
        terms=terms,
        running=running,
    )


def _log_sum(parts: list[float]) -> float:
    """Σ of log10 factors: a product with an exactly-zero factor is 0 (−inf) whatever follows."""
    values = np.asarray(parts, dtype=float)
    if np.any(values == -np.inf):
        return -np.inf
    return float(values.sum())


def _split_rows(rows: np.ndarray) -> np.ndarray:
    """log10 ‖row‖ for each row of rows (n, d)."""
    return np.array([_split(row)[1] for row in rows])


def _running(u_dirs, log_u, dirs, log_s, xs, weight: str) -> np.ndarray:
    """log10 ‖Σ_{i=k..t} term i‖_F for k = 0..t, each term u_i ⊗ (s_{i−1} or x_i), summed from t down."""
    n = log_u.shape[0]
    width = xs.shape[1] if weight == "Wx" else dirs.shape[1]
    acc: tuple[np.ndarray, float] = (np.zeros((u_dirs.shape[1], width)), -np.inf)
    running = np.empty(n)
    for i in range(n - 1, -1, -1):
        if weight == "Wx":
            right, right_log = _split(xs[i])
        elif i > 0:
            right, right_log = dirs[i - 1], log_s[i - 1]
        else:  # s0 = 0: term 0 of dE_t/dWs is exactly 0
            right, right_log = np.zeros(width), -np.inf
        acc = _add(acc, (np.outer(u_dirs[i], right), log_u[i] + right_log))
        running[i] = acc[1]
    return running
