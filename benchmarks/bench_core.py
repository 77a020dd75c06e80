"""Benchmark core.bptt against the chapter's formula walked step by step in NumPy.

Prints a table: for each (T, H) the median time of `bptt` after warm-up, the
median time of a plain NumPy implementation (one backward walk per loss step t,
the same T×T maps) run in this same process, and their ratio; then the compile
count and total time of a sweep over every T from 1 to 256.

    .venv/bin/python benchmarks/bench_core.py [--repeats 20] [--sweep-hidden 64]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jax

from core import bptt as bptt_module
from core.bptt import bptt
from core.rnn import RNNParams, init_params

SIZES = [(50, 32), (200, 64), (500, 128)]
N_IN = N_OUT = 32


def numpy_maps(params: RNNParams, xs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """log10 ||term k of dE_t/dWs|| by the chapter's sum over k, one backward walk per t (tanh, mse)."""
    Wx, Ws, b, Wy, by = (np.asarray(p, np.float64) for p in params)
    T, H = xs.shape[0], Ws.shape[0]
    states, s = np.zeros((T + 1, H)), np.zeros(H)
    for k in range(T):
        s = np.tanh(Wx @ xs[k] + Ws @ s + b)
        states[k + 1] = s
    fprime = 1.0 - states[1:] ** 2
    out = np.full((T, T), np.nan)
    with np.errstate(divide="ignore"):
        for t in range(T):
            delta = Wy.T @ (Wy @ states[t + 1] + by - targets[t])  # dE_t/ds_t
            for k in range(t, -1, -1):
                u = fprime[k] * delta  # dE_t/da_k
                out[t, k] = np.log10(np.linalg.norm(u) * np.linalg.norm(states[k]))
                delta = Ws.T @ u
    return out


def median_seconds(fn, repeats: int) -> float:
    fn()  # warm-up (and compile)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def case(T: int, H: int, seed: int = 0):
    p = init_params(jax.random.PRNGKey(seed), N_IN, H, N_OUT)
    rng = np.random.default_rng(seed)
    return p, rng.normal(size=(T, N_IN)).astype(np.float32), rng.normal(size=(T, N_OUT)).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--sweep-hidden", type=int, default=64)
    parser.add_argument("--skip-sweep", action="store_true")
    args = parser.parse_args()
    print(f"JAX {jax.__version__} on {jax.devices()[0].platform}; I = O = {N_IN}; tanh, mse, all loss steps")
    if not args.skip_sweep:  # first, so that no bucket is compiled yet
        H = args.sweep_hidden
        p, xs, targets = case(256, H, seed=1)
        before = bptt_module.compile_count()
        start = time.perf_counter()
        for T in range(1, 257):
            bptt(p, xs[:T], targets[:T])
        total = time.perf_counter() - start
        count = bptt_module.compile_count() - before
        print(f"sweep T = 1..256 at H = {H}: {count} compilations, {total:.1f} s in all (compiles included)")

    print(f"\n{'T':>5} {'H':>5} {'bptt ms':>10} {'numpy ms':>10} {'ratio':>8} {'max |Δlog10|':>13}")
    for T, H in SIZES:
        p, xs, targets = case(T, H)
        ours = median_seconds(lambda p=p, xs=xs, tg=targets: bptt(p, xs, tg), args.repeats)
        numpy_repeats = max(1, min(args.repeats, int(2.0 / max(T * T * 1e-5, 1e-3))))
        theirs = median_seconds(lambda p=p, xs=xs, tg=targets: numpy_maps(p, xs, tg), numpy_repeats)
        ref = numpy_maps(p, xs, targets)
        got = bptt(p, xs, targets).log10_contrib_Ws
        both = np.isfinite(ref) & np.isfinite(got)
        error = float(np.abs(ref[both] - got[both]).max())
        ratio = theirs / ours
        print(f"{T:>5} {H:>5} {ours * 1e3:>10.2f} {theirs * 1e3:>10.1f} {ratio:>7.0f}x {error:>13.1e}")


if __name__ == "__main__":
    main()
