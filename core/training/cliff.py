"""Pascanu's cliff: the single-unit recurrence of Pascanu, Mikolov & Bengio (2013), figure 6.

    x_t = w·σ(x_{t-1}) + b,   x_0 = 0.5,   E = (σ(x_T) - 0.7)²,   σ the logistic sigmoid

For w > 4 the map has two stable fixed points and an unstable one between them.
Where x_0 = 0.5 is that unstable point, the line w·σ(0.5) + b = 0.5, a tiny
change in (w, b) decides which stable point x_T falls to: the loss jumps, and
across a band about (w·σ'(0.5))^-T wide the gradient is (w·σ'(0.5))^T times
larger than on either side. Gradient descent with and without
`optax.clip_by_global_norm` shows what a step that lands on that wall does.

Everything is jitted once: T, the start, learning rate and threshold are traced
values, T is masked inside a fixed MAX_T scan and the descent always runs
MAX_STEPS steps (callers slice), so no slider value recompiles.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax import lax

X0 = 0.5  # the paper's initial state
TARGET = 0.7  # the paper's target for σ(x_T)
MAX_T = 100  # longest sequence; shorter ones are masked inside one compiled scan
MAX_STEPS = 500  # most descent steps; every run computes all of them and is sliced


def _check_length(n_steps: int) -> int:
    if not 1 <= int(n_steps) <= MAX_T:
        raise ValueError(f"n_steps must be in 1..{MAX_T}, got {n_steps}")
    return int(n_steps)


def _loss(p: jax.Array, n_steps: jax.Array) -> jax.Array:
    """E at p = (w, b) for a traced T = n_steps (masked: steps t >= T leave x unchanged)."""
    w, b = p[0], p[1]

    def step(x, t):
        return jnp.where(t < n_steps, w * jax.nn.sigmoid(x) + b, x), None

    x_T, _ = lax.scan(step, jnp.asarray(X0, p.dtype), jnp.arange(MAX_T))
    return (jax.nn.sigmoid(x_T) - TARGET) ** 2


_value_and_grad = jax.value_and_grad(_loss)


@jax.jit
def _surface_kernel(points: jax.Array, n_steps: jax.Array) -> tuple[jax.Array, jax.Array]:
    losses, grads = jax.vmap(_value_and_grad, in_axes=(0, None))(points, n_steps)
    return losses, jnp.linalg.norm(grads, axis=1)


def _dtype() -> np.dtype:
    """JAX's default float: float32, or float64 once jax_enable_x64 is on."""
    return np.dtype(jnp.zeros(()).dtype)


def loss_surface(ws: np.ndarray, bs: np.ndarray, *, n_steps: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """E and ||dE/d(w, b)|| on the grid ws (W,) × bs (B,): two (B, W) arrays, row i is b = bs[i].

    Rows follow b so the arrays are Plotly's z[y][x] as they are. A grid shape
    compiles once; T is traced.
    """
    ws, bs = np.asarray(ws, dtype=_dtype()), np.asarray(bs, dtype=_dtype())
    if ws.ndim != 1 or bs.ndim != 1:
        raise ValueError(f"ws and bs must be 1-D, got shapes {ws.shape} and {bs.shape}")
    W, B = np.meshgrid(ws, bs)
    points = np.stack([W.ravel(), B.ravel()], axis=1)
    losses, norms = _surface_kernel(points, _check_length(n_steps))
    return np.asarray(losses).reshape(W.shape), np.asarray(norms).reshape(W.shape)


def loss_and_grad(w: float, b: float, *, n_steps: int = 50) -> tuple[float, np.ndarray]:
    """E at (w, b) and its gradient (2,) = (dE/dw, dE/db), by jax.grad."""
    loss, grad = _jit_value_and_grad(jnp.asarray([w, b], dtype=_dtype()), _check_length(n_steps))
    return float(loss), np.asarray(grad)


_jit_value_and_grad = jax.jit(_value_and_grad)


class Trajectory(NamedTuple):
    """One gradient-descent run on the cliff; S = the steps actually taken (≤ the steps asked)."""

    points: np.ndarray  # (S+1, 2) (w, b) from the start; ends early where the next step is non-finite
    losses: np.ndarray  # (S+1,) E at each point
    grad_norms: np.ndarray  # (S+1,) ||dE/d(w, b)|| at each point, before clipping
    step_norms: np.ndarray  # (S,) length of each update actually applied (lr · clipped gradient)
    clipped: np.ndarray  # (S,) whether the clip rescaled that step's gradient
    diverged_at: int | None  # the step whose gradient or update was non-finite; None if none was


def _descend_kernel(start, lr, threshold, n_steps, *, clip):
    """MAX_STEPS of SGD from start (2,); per step: point, E, raw norm, applied step, clipped, finite."""
    # Built inside the trace so lr and threshold are traced values, not compile-time constants.
    chain = [optax.clip_by_global_norm(threshold)] if clip else []
    optimiser = optax.chain(*chain, optax.sgd(lr))
    opt_state = optimiser.init(start)

    def step(carry, _):
        p, state, alive = carry
        loss, grad = _value_and_grad(p, n_steps)
        norm = optax.tree.norm(grad)
        update, new_state = optimiser.update(grad, state, p)
        moved = optax.apply_updates(p, update)
        ok = alive & jnp.isfinite(loss) & jnp.isfinite(norm) & jnp.all(jnp.isfinite(moved))
        # A dead run stays where it stopped, so the tail can be sliced off outside.
        p_next = jnp.where(ok, moved, p)
        state = jax.tree.map(lambda new, old: jnp.where(ok, new, old), new_state, state)
        record = (p, loss, norm, optax.tree.norm(update), norm > threshold, ok)
        return (p_next, state, ok), record

    init = (start, opt_state, jnp.asarray(True))
    (p_last, _, _), records = lax.scan(step, init, None, length=MAX_STEPS)
    loss_last, grad_last = _value_and_grad(p_last, n_steps)
    return records, (p_last, loss_last, optax.tree.norm(grad_last))


_descend_jit = {clip: jax.jit(_descend_kernel, static_argnames="clip") for clip in (False, True)}


def descend(
    w0: float,
    b0: float,
    *,
    lr: float,
    threshold: float,
    steps: int,
    clip: bool,
    n_steps: int = 50,
) -> Trajectory:
    """Gradient descent on E from (w0, b0): plain SGD, or SGD after clipping the gradient to norm ≤ threshold.

    With clip=False the threshold is only used for the `clipped` flags (would it have clipped?).
    Stops cleanly, with diverged_at set, at the first step whose gradient or update is non-finite.
    """
    if not 0 <= int(steps) <= MAX_STEPS:
        raise ValueError(f"steps must be in 0..{MAX_STEPS}, got {steps}")
    if not (np.isfinite(lr) and lr > 0 and np.isfinite(threshold) and threshold > 0):
        raise ValueError(f"lr and threshold must be finite and > 0, got {lr} and {threshold}")
    dtype = _dtype()
    start = jnp.asarray([w0, b0], dtype=dtype)
    records, last = _descend_jit[bool(clip)](
        start, jnp.asarray(lr, dtype), jnp.asarray(threshold, dtype), _check_length(n_steps), clip=bool(clip)
    )
    points, losses, norms, step_norms, clipped, ok = (np.asarray(r) for r in records)
    steps = int(steps)
    # Every step after the first bad one was frozen, so the first False (if any) ends the run.
    bad = np.flatnonzero(~ok[:steps])
    taken = int(bad[0]) if bad.size else steps
    if taken < MAX_STEPS:
        end_point, end_loss, end_norm = points[taken], losses[taken], norms[taken]
    else:
        end_point, end_loss, end_norm = (np.asarray(v) for v in last)
    return Trajectory(
        points=np.concatenate([points[:taken], end_point[None]]),
        losses=np.append(losses[:taken], end_loss),
        grad_norms=np.append(norms[:taken], end_norm),
        step_norms=step_norms[:taken],
        clipped=clipped[:taken],
        diverged_at=int(bad[0]) if bad.size else None,
    )


def wall_b(w: np.ndarray) -> np.ndarray:
    """The line where x_0 = 0.5 is the unstable fixed point, b = 0.5 - w·σ(0.5), for w (N,) -> (N,).

    It is the cliff only where that point repels, w·σ'(0.5) > 1, i.e. w > 4.25.
    """
    sig = 1.0 / (1.0 + np.exp(-X0))
    return X0 - np.asarray(w, dtype=float) * sig
