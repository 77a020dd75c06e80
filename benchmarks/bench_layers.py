"""Benchmark the layers page's computations, each against a baseline run in this same process.

1. core.keras.SimpleRNN forward over a batch: lax.scan (unroll=False), Python-unrolled
   (unroll=True) and a NumPy loop, after warm-up; the ratio is against the NumPy loop.
2. core.keras.stateful.run_experiment: the first call (compiles) and a second call with other
   epochs / seeds / shuffle (no recompile), against the time of the second call.

    .venv/bin/python benchmarks/bench_layers.py [--repeats 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jax

from core.keras import SimpleRNN
from core.keras.stateful import StatefulConfig, run_experiment

SIZES = [(10, 32, 64), (100, 32, 64), (1000, 32, 64)]  # (timesteps, batch, units)
INPUT_DIM = 16


def numpy_rnn(kernel: np.ndarray, rec: np.ndarray, bias: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Keras's SimpleRNNCell as a NumPy loop over time: x (B, T, I) -> outputs (B, T, U)."""
    h = np.zeros((x.shape[0], rec.shape[0]))
    out = np.empty((x.shape[0], x.shape[1], rec.shape[0]))
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ kernel + bias + h @ rec)
        out[:, t] = h
    return out


def median_time(fn, repeats: int, *args: object) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        jax.block_until_ready(fn(*args))
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def bench_forward(repeats: int) -> None:
    print(
        f"{'T':>6} {'B':>4} {'U':>4} {'numpy ms':>10} {'scan ms':>10} {'unroll ms':>10} "
        f"{'unroll compile s':>17} {'numpy/scan':>11} {'numpy/unroll':>13}"
    )
    for steps, batch, units in SIZES:
        x = np.random.default_rng(0).normal(size=(batch, steps, INPUT_DIM)).astype(np.float32)
        layer = SimpleRNN(units, return_sequences=True)
        params = layer.init(jax.random.PRNGKey(0), INPUT_DIM)
        kernel, rec, bias = (np.asarray(p, np.float64) for p in params)
        unrolled = SimpleRNN(units, return_sequences=True, unroll=True)
        jax.block_until_ready(layer(params, x))  # warm-up: compile
        start = time.perf_counter()
        if steps <= 100:  # tracing 1,000 copies of the step takes minutes: that is unroll's cost
            jax.block_until_ready(unrolled(params, x))
        compile_s = time.perf_counter() - start
        t_np = median_time(numpy_rnn, max(3, repeats // 4), kernel, rec, bias, x)
        t_scan = median_time(layer, repeats, params, x)
        t_unroll = median_time(unrolled, repeats, params, x) if steps <= 100 else float("nan")
        print(
            f"{steps:>6} {batch:>4} {units:>4} {1e3 * t_np:>10.2f} {1e3 * t_scan:>10.2f} "
            f"{1e3 * t_unroll:>10.2f} {compile_s if steps <= 100 else float('nan'):>17.2f} "
            f"{t_np / t_scan:>11.1f} {t_np / t_unroll:>13.1f}"
        )


def bench_stateful() -> None:
    start = time.perf_counter()
    first = run_experiment(StatefulConfig())
    t_first = time.perf_counter() - start
    start = time.perf_counter()
    run_experiment(StatefulConfig(epochs=25, n_seeds=4, shuffle_stateful=True))
    t_again = time.perf_counter() - start
    print(f"\n{'exercise 24 (5 seeds x 2 arms, 20 epochs)':<44} {'s':>7} {'ratio':>7}")
    print(f"{'first call (compiles)':<44} {t_first:>7.2f} {t_first / t_again:>7.1f}")
    print(f"{'another call: 25 epochs, 4 seeds, shuffled':<44} {t_again:>7.2f} {1.0:>7.1f}")
    stateless, stateful = np.median(first.test_rmse, axis=1)
    print(f"median test RMSE: stateless {stateless:.4f}, stateful {stateful:.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    print(f"jax {jax.__version__} on {jax.devices()[0].platform}\n")
    bench_forward(args.repeats)
    bench_stateful()
