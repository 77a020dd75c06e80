"""What helps the authorship RNN: variants of the default config under one held-out evaluation.

Every variant is evaluated on the same folds (stratified k-fold by document, seed --seed, the
RNN calibrated inside each fold), beside the character n-gram baseline of those very folds.
Prints one row per variant: balanced accuracy calibrated with its 95 % interval, before
calibration, the lead over the n-gram baseline with its paired interval, and the run time
as a ratio of the default's. Asserts nothing.

    .venv/bin/python benchmarks/sweep_authorship.py [--corpus federalist] [--folds 10] [--seed 0]
        [--only default steps_3000 ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.authorship import corpus
from core.authorship.config import AuthorshipConfig
from core.authorship.evaluate import evaluate
from core.authorship.folds import paired

# name -> the fields changed from AuthorshipConfig() (the page's default: L = 100, mean, H = 64, 600 steps)
VARIANTS: dict[str, dict[str, object]] = {
    "default": {},
    "steps_1500": {"steps": 1500},
    "steps_3000": {"steps": 3000},
    "lr_0.01": {"learning_rate": 0.01},
    "steps_1500_lr_0.01": {"steps": 1500, "learning_rate": 0.01},
    "hidden_128": {"n_hidden": 128},
    "hidden_128_steps_1500": {"n_hidden": 128, "steps": 1500},
    "window_50": {"window": 50, "stride": 25},
    "window_200": {"window": 200, "stride": 100},
    "window_200_steps_3000": {"window": 200, "stride": 100, "steps": 3000},
    "stride_25": {"stride": 25},
    "last_state": {"readout": "last"},
}


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--corpus", default="federalist", choices=corpus.CORPORA)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="+", choices=sorted(VARIANTS), help="variants to run (default: all)")
    args = parser.parse_args()
    loaded = corpus.load(args.corpus)
    names = args.only or list(VARIANTS)
    baseline = evaluate(loaded, AuthorshipConfig(), folds=args.folds, seed=args.seed, models=("ngram",))
    ngram = baseline.models["ngram"]
    folds = len(baseline.fold_records)
    print(f"{args.corpus}, {folds} folds, seed {args.seed}, {baseline.documents} documents")
    print(f"character n-grams: {ngram.balanced_accuracy:.3f} [{ngram.ci[0]:.3f}, {ngram.ci[1]:.3f}]")
    header = f"{'variant':<24} {'calibrated':>22} {'uncalibrated':>12} {'lead over n-grams':>26} {'time':>7}"
    print(header)
    print("-" * len(header))
    default_seconds = None
    for name in names:
        config = dataclasses.replace(AuthorshipConfig(), **VARIANTS[name])
        run = evaluate(loaded, config, folds=args.folds, seed=args.seed, models=("rnn",))
        assert run.fold_records == baseline.fold_records  # the same folds, so the comparison is paired
        rnn = run.models["rnn"]
        lead, (low, high) = paired(run.truth, rnn.predictions, ngram.predictions, run.authors)
        default_seconds = default_seconds or (run.seconds if name == "default" else None)
        ratio = f"{run.seconds / default_seconds:.1f}x" if default_seconds else f"{run.seconds:.0f} s"
        calibrated = f"{rnn.balanced_accuracy:.3f} [{rnn.ci[0]:.3f}, {rnn.ci[1]:.3f}]"
        paired_text = f"{lead:+.3f} [{low:+.3f}, {high:+.3f}]"
        raw_score = rnn.uncalibrated_balanced_accuracy
        print(f"{name:<24} {calibrated:>22} {raw_score:>12.3f} {paired_text:>26} {ratio:>7}", flush=True)


if __name__ == "__main__":
    main()
