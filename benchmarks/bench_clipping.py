"""Benchmark the clipping lab: core.training.train's jitted step against a plain NumPy BPTT step,
and the page's work.

Prints two tables for the default preset ("explodes": batch 64, T = 50, H = 64,
temporal order, SGD with clip by global norm):

1. Per-step time of `core.training.train.train_step` and of the same step written in
   NumPy (forward, the chapter's backward pass through time, clipping, SGD),
   both run here, and their ratio. The NumPy gradient is first checked
   against the JAX one.
2. Wall time of the page's training job (three runs of 600 steps, round-robin),
   cold (compiling) and warm, and the time one live redraw takes (gathering the
   history and building the six-panel figure with all points), which must fit
   in the 0.5 s between redraws.

    .venv/bin/python benchmarks/bench_clipping.py [--repeats 200]
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jax
import jax.numpy as jnp

from benchmarks.bench_core import median_seconds
from core.training import clipping_lab as lab
from core.training.train import CLIPS, init_state, train_step
from visualizer.figures.training import training_panels
from visualizer.views.clipping.runs import FIELDS, RUNS, Snapshot, _train_three


def numpy_step(params: list[np.ndarray], xs: np.ndarray, labels: np.ndarray, lr: float, threshold: float):
    """One clipped SGD step, BPTT by hand: xs (B, T, I), labels (B,). Returns (loss, grads)."""
    Wx, Ws, b, Wy, by = params
    B, T, _ = xs.shape
    states = np.zeros((T + 1, B, Ws.shape[0]), np.float32)
    for t in range(T):
        states[t + 1] = np.tanh(xs[:, t] @ Wx.T + states[t] @ Ws.T + b)
    logits = states[-1] @ Wy.T + by
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(B), labels]))
    dlogits = p.copy()
    dlogits[np.arange(B), labels] -= 1.0
    dlogits /= B
    gWy, gby = dlogits.T @ states[-1], dlogits.sum(0)
    gWx, gWs, gb = np.zeros_like(Wx), np.zeros_like(Ws), np.zeros_like(b)
    ds = dlogits @ Wy  # dE/ds_T
    for t in range(T, 0, -1):  # the sum over k, one step back at a time
        da = ds * (1.0 - states[t] ** 2)
        gWx += da.T @ xs[:, t - 1]
        gWs += da.T @ states[t - 1]
        gb += da.sum(0)
        ds = da @ Ws
    grads = [gWx, gWs, gb, gWy, gby]
    norm = np.sqrt(sum(float(np.sum(g * g)) for g in grads))
    scale = min(1.0, threshold / norm)
    for param, g in zip(params, grads, strict=True):
        param -= lr * scale * g
    return loss, grads


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    config = lab.PRESETS["explodes"]
    params = lab.initial_params(config)
    padded, mask, labels = next(lab.training_batches(config))
    xs = padded[:, : config.n_steps]

    # The NumPy step computes the same gradient as JAX (checked once, before timing).
    jax_grads = jax.grad(lab.order_loss)(params, (padded, mask, labels))
    _, np_grads = numpy_step([np.array(p) for p in params], xs, labels, 0.0, config.threshold)
    worst = max(float(np.max(np.abs(a - b))) for a, b in zip(jax_grads, np_grads, strict=True))
    print(f"NumPy vs JAX gradient: max |difference| = {worst:.2e}")

    state = init_state(config.optimizer, params, config.learning_rate)
    index, threshold = jnp.asarray(CLIPS.index("global_norm")), jnp.asarray(config.threshold, jnp.float32)
    batch = (jnp.asarray(padded), jnp.asarray(mask), jnp.asarray(labels))

    def jax_step():
        kind = config.optimizer
        out = train_step(params, state, batch, index, threshold, loss_fn=lab.order_loss, kind=kind)
        jax.block_until_ready(out)

    numpy_params = [np.array(p) for p in params]
    jax_s = median_seconds(jax_step, args.repeats)
    numpy_repeats = max(20, args.repeats // 5)
    numpy_s = median_seconds(lambda: numpy_step(numpy_params, xs, labels, 1e-9, 1.0), numpy_repeats)
    print("\nTraining step, default preset (batch 64, T = 50, H = 64; T padded to 64 for JAX)")
    print(f"{'':24s}{'ms/step':>10s}{'steps/s':>10s}")
    print(f"{'core.training.train (JAX, jit)':24s}{jax_s * 1e3:10.2f}{1 / jax_s:10.0f}")
    print(f"{'NumPy BPTT':24s}{numpy_s * 1e3:10.2f}{1 / numpy_s:10.0f}")
    print(f"{'ratio NumPy / JAX':24s}{numpy_s / jax_s:10.1f}x")

    def job_seconds() -> tuple[float, list]:
        items: list = []
        start = time.perf_counter()
        _train_three(config, items.append, threading.Event())
        return time.perf_counter() - start, items

    cold, _ = job_seconds()
    warm, items = job_seconds()
    rows = {name: [] for name in RUNS}
    for item in items:
        if not isinstance(item, Snapshot):
            rows[item[0]].append(item[1])

    def redraw():
        runs = {n: {f: np.array([r[i] for r in rows[n]], float) for i, f in enumerate(FIELDS)} for n in RUNS}
        panels = ("loss", "heldout", "cosine", "grad_norm", "clipped_norm", "clipped_share")
        labels = {p: p for p in panels} | {"step": "step", "threshold": "θ"}
        training_panels(runs, labels=labels, threshold=1.0)

    redraw_s = median_seconds(redraw, 10)
    print(f"\nThe page's job: three runs × {config.steps} steps, round-robin (goal ≤ 20 s)")
    print(f"{'cold (compiles)':24s}{cold:10.2f} s")
    print(f"{'warm':24s}{warm:10.2f} s")
    print(f"{'one live redraw':24s}{redraw_s * 1e3:10.1f} ms  (one every 500 ms while training)")


if __name__ == "__main__":
    main()
