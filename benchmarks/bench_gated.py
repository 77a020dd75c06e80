"""Benchmark core.gated.bptt's maps against untied-weight autodiff of the same cells.

Prints a table: for each cell and (T, H) the median time of `bptt` (every loss step, all
maps) after warm-up, the median time of the baseline run in this same process (jax.jacrev
of every E_t w.r.t. one copy of kernel, recurrent_kernel and bias per step, jitted, the
norms of the T×T terms taken inside the same program), their ratio, the largest difference
between the two recurrent_kernel maps in decades, and the first call's time (the compile).
The baseline holds T²·(I + H + 1)·G·H numbers, so it is run only up to --baseline-max-steps.

    .venv/bin/python benchmarks/bench_gated.py [--repeats 10] [--baseline-max-steps 100]
"""

from __future__ import annotations

import argparse
import sys
import time
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jax
import jax.numpy as jnp
from jax import lax

from core.gated import bptt, init_params
from core.gated.cells import gru_step, lstm_step

SIZES = [(100, 32), (500, 32)]
N_IN = N_OUT = 32


@partial(jax.jit, static_argnames=("cell",))
def untied_maps(params, xs, targets, *, cell: str):
    """log10 ||term k of dE_t/dW||_F (T, T) for kernel and recurrent_kernel, by jax.jacrev (mse)."""
    n_steps, n_hidden = xs.shape[0], params.Wy.shape[1]

    def losses(kernels, recurrents, biases):
        def step(state, inp):
            x, kernel, recurrent, bias = inp
            p = params._replace(kernel=kernel, recurrent_kernel=recurrent, bias=bias)
            if cell == "gru":
                state = gru_step(p, state, x)
                h = state
            else:
                state = lstm_step(p, state, x)
                h = state[0]
            return state, p.Wy @ h + p.by

        zero = jnp.zeros(n_hidden)
        _, ys = lax.scan(step, zero if cell == "gru" else (zero, zero), (xs, kernels, recurrents, biases))
        return 0.5 * jnp.sum((ys - targets) ** 2, axis=1)

    copies = [jnp.broadcast_to(w, (n_steps, *w.shape)) for w in params[:3]]
    d_kernel, d_recurrent, _ = jax.jacrev(losses, argnums=(0, 1, 2))(*copies)
    lower = jnp.tri(n_steps, dtype=bool)

    def log_norms(d):
        return jnp.where(lower, jnp.log10(jnp.linalg.norm(d.reshape(n_steps, n_steps, -1), axis=-1)), jnp.nan)

    return log_norms(d_kernel), log_norms(d_recurrent)


def median_seconds(fn, repeats: int) -> tuple[float, float]:
    """(first call incl. compile, median of the following calls), in seconds."""
    start = time.perf_counter()
    jax.block_until_ready(fn())
    first = time.perf_counter() - start
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        jax.block_until_ready(fn())
        times.append(time.perf_counter() - start)
    return first, float(np.median(times))


def case(cell: str, T: int, H: int, seed: int = 0):
    p = init_params(jax.random.PRNGKey(seed), cell, N_IN, H, N_OUT)
    rng = np.random.default_rng(seed)
    return p, rng.normal(size=(T, N_IN)).astype(np.float32), rng.normal(size=(T, N_OUT)).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--baseline-max-steps", type=int, default=100)
    args = parser.parse_args()
    print(
        f"JAX {jax.__version__} on {jax.devices()[0].platform}; I = O = {N_IN}; mse, all loss steps, float32"
    )
    header = (
        f"{'cell':>5} {'T':>5} {'H':>4} {'bptt ms':>9} {'autodiff ms':>12} {'ratio':>7} {'max |Δlog10|':>13}"
    )
    print(f"\n{header} {'1st call s':>11}")
    for cell in ("gru", "lstm"):
        for steps, H in SIZES:
            p, xs, targets = case(cell, steps, H)
            first, ours = median_seconds(
                lambda p=p, xs=xs, tg=targets, c=cell: bptt(p, xs, tg, cell=c), args.repeats
            )
            row = f"{cell:>5} {steps:>5} {H:>4} {ours * 1e3:>9.1f}"
            if steps <= args.baseline_max_steps:
                ref = partial(untied_maps, p, jnp.asarray(xs), jnp.asarray(targets), cell=cell)
                _, theirs = median_seconds(ref, max(3, args.repeats // 3))
                got = bptt(p, xs, targets, cell=cell).log10_contrib["recurrent_kernel"]
                want = np.asarray(ref()[1])
                both = np.isfinite(got) & np.isfinite(want)
                error = float(np.abs(got[both] - want[both]).max())
                row += f" {theirs * 1e3:>12.1f} {theirs / ours:>6.0f}x {error:>13.1e}"
            else:
                row += f" {'-':>12} {'-':>7} {'-':>13}"
            print(f"{row} {first:>11.1f}")


if __name__ == "__main__":
    main()
