"""Benchmark the gates lab: the three trainings of the default preset, their time and what they learn.

Prints one table: for each cell (SimpleRNN, GRU, LSTM) the wall time of the default preset's
training for seed 0 cold (compiling) and for seeds 1..N-1 warm (median), that time as a ratio of
the SimpleRNN's, measured in the same run, the step at which the held-out accuracy first passed
90 % and the final held-out accuracy for every seed. Goal: the three cold trainings of seed 0
together in at most 60 s on the 2-core CPU the lab is served from.

    .venv/bin/python benchmarks/bench_gates_lab.py [--seeds 5] [--preset default]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.gated.compare import CELL_KINDS
from core.training import gates_lab


def one_training(config: gates_lab.GatesLabConfig, cell: str) -> tuple[float, float, float]:
    """(wall seconds, first step above 90 % held-out accuracy or nan, final held-out accuracy)."""
    start = time.perf_counter()
    scored = [(r.step, r.heldout) for r in gates_lab.run(config, cell) if not np.isnan(r.heldout)]
    seconds = time.perf_counter() - start
    passed = [step for step, accuracy in scored if accuracy > 0.9]
    return seconds, float(passed[0]) if passed else float("nan"), scored[-1][1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--preset", default="default", choices=sorted(gates_lab.PRESETS))
    args = parser.parse_args()
    preset = gates_lab.PRESETS[args.preset]
    results = {cell: [] for cell in CELL_KINDS}
    for seed in range(args.seeds):
        config = dataclasses.replace(preset, seed=seed)
        for cell in CELL_KINDS:
            results[cell].append(one_training(config, cell))

    print(
        f"Gates lab, preset {args.preset!r}: temporal order, T = {preset.n_steps}, H = {preset.n_hidden}, "
        f"{preset.steps} steps of {preset.optimizer} (α = {preset.learning_rate}), batch {preset.batch}, "
        f"forget bias {preset.forget_bias}, update bias {preset.update_bias}"
    )
    base_cold = results["simple_rnn"][0][0]
    base_warm = float(np.median([r[0] for r in results["simple_rnn"][1:]])) if args.seeds > 1 else np.nan
    seeds = " ".join(f"{s:>5d}" for s in range(args.seeds))
    head = f"{'cell':12s}{'cold s':>8s}{'ratio':>7s}{'warm s':>8s}{'ratio':>7s}"
    print(f"\n{head}   >90 % at step / final accuracy, seeds {seeds}")
    for cell in CELL_KINDS:
        runs = results[cell]
        cold = runs[0][0]
        warm = float(np.median([r[0] for r in runs[1:]])) if args.seeds > 1 else np.nan
        at = " ".join("    -" if np.isnan(r[1]) else f"{int(r[1]):5d}" for r in runs)
        final = " ".join(f"{r[2]:5.2f}" for r in runs)
        print(f"{cell:12s}{cold:8.2f}{cold / base_cold:7.2f}{warm:8.2f}{warm / base_warm:7.2f}   {at}")
        print(f"{'':42s}   {final}")
    total = sum(results[cell][0][0] for cell in CELL_KINDS)
    print(f"\nthe page's three trainings of seed 0, cold: {total:.1f} s in all (goal <= 60 s)")


if __name__ == "__main__":
    main()
