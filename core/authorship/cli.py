"""Command line of the authorship demo, so a teacher can train before class.

    python -m core.authorship train --corpus federalist --seed 0 --out models/federalist.npz
    python -m core.authorship predict --model models/federalist.npz --json
    python -m core.authorship predict --model models/federalist.npz --corpus textbook
    python -m core.authorship predict --model models/federalist.npz --files paper1.txt paper2.txt
    python -m core.authorship evaluate --corpus federalist --folds 10 --seed 0 --json

predict --json prints {"documents": [{"id", "true_author", "predicted", "probabilities",
"window_vote"}], "heldout": {"balanced_accuracy", "documents"}}; heldout is what the
model measured on its test documents when it was trained.
evaluate runs the RNN and the baselines on the same folds by document (--folds 0: leave
one document out) and prints core.authorship.evaluate.to_json's object with --json
({"corpus", "folds", "documents", "models": {"rnn", "ngram", "function_words"}, ...}),
else a table; --out FILE writes the JSON too, --models picks some of the three.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from core.authorship import corpus as corpora
from core.authorship.config import PRESETS, AuthorshipConfig
from core.authorship.corpus import Document, clean
from core.authorship.evaluate import MODELS, EvalProgress, Evaluation, evaluate, to_json
from core.authorship.fit import fit
from core.authorship.io import ModelFileError, load, save
from core.authorship.model import TrainedModel, predict, summary
from core.authorship.uploads import UploadError, decode_text, parse_upload

# Command-line flag -> AuthorshipConfig field, for the settings a teacher may change.
OVERRIDES = {
    "steps": int,
    "window": int,
    "stride": int,
    "readout": str,
    "n_hidden": int,
    "n_embed": int,
    "batch": int,
    "learning_rate": float,
    "balance": str,
    "split": str,
    "clip": str,
    "threshold": float,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core.authorship", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="train a model and save it (.npz + .json)")
    source = train.add_mutually_exclusive_group()
    source.add_argument("--corpus", choices=corpora.CORPORA, default="federalist")
    source.add_argument("--files", nargs="+", type=Path, help="author__title.txt files, or one .zip")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--out", type=Path, required=True)
    for name, kind in OVERRIDES.items():
        train.add_argument(f"--{name.replace('_', '-')}", dest=name, type=kind, default=None)
    guess = commands.add_parser("predict", help="attribute documents with a saved model")
    guess.add_argument("--model", type=Path, required=True)
    source = guess.add_mutually_exclusive_group()
    source.add_argument(
        "--corpus", choices=corpora.CORPORA, help="its unknown documents (default: the model's)"
    )
    source.add_argument("--files", nargs="+", type=Path, help="text files to attribute")
    guess.add_argument("--json", action="store_true", help="print JSON instead of a table")
    check = commands.add_parser("evaluate", help="k-fold by document: the RNN against two baselines")
    check.add_argument("--corpus", choices=corpora.CORPORA, default="federalist")
    check.add_argument("--folds", type=int, default=10, help="k >= 2, or 0 for leave one document out")
    check.add_argument("--seed", type=int, default=0)
    check.add_argument("--models", default=",".join(MODELS), help="comma-separated, of " + ",".join(MODELS))
    check.add_argument("--preset", choices=sorted(PRESETS), help="start from a page preset")
    check.add_argument("--json", action="store_true", help="print JSON instead of a table")
    check.add_argument("--out", type=Path, help="also write the JSON to this file")
    for name, kind in OVERRIDES.items():
        check.add_argument(f"--{name.replace('_', '-')}", dest=name, type=kind, default=None)
    return parser


def _evaluate(args: argparse.Namespace) -> int:
    changes = {name: getattr(args, name) for name in OVERRIDES if getattr(args, name) is not None}
    preset = PRESETS[args.preset] if args.preset else {}
    config = dataclasses.replace(AuthorshipConfig(corpus=args.corpus, seed=args.seed), **preset, **changes)
    models = tuple(m.strip() for m in args.models.split(",") if m.strip())

    def progress(p: EvalProgress) -> None:
        if p.step == p.steps:
            print(f"fold {p.fold + 1}/{p.folds} {p.model} done", file=sys.stderr, flush=True)

    result = evaluate(
        corpora.load(args.corpus), config, folds=args.folds, seed=args.seed, models=models, progress=progress
    )
    data = to_json(result)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json else table(result))
    return 0


def table(result: Evaluation) -> str:
    """The evaluation as a plain-text table: one row per model."""
    folds = "leave-one-out" if result.folds == 0 else f"{result.folds}-fold"
    lines = [
        f"{result.corpus}: {result.documents} documents, {folds} by {result.grouping} "
        f"({len(result.fold_records)} folds), {result.seconds:.0f} s",
        f"{'model':<16} {'balanced acc':>12} {'95% CI':>15} {'uncalibrated':>12}  recall",
    ]
    for name, s in result.models.items():
        raw = "" if s.uncalibrated_balanced_accuracy is None else f"{s.uncalibrated_balanced_accuracy:.3f}"
        recall = ", ".join(f"{a} {v:.2f}" for a, v in s.recall.items())
        ci = f"[{s.ci[0]:.3f}, {s.ci[1]:.3f}]"
        lines.append(f"{name:<16} {s.balanced_accuracy:>12.3f} {ci:>15} {raw:>12}  {recall}")
    return "\n".join(lines)


def _train(args: argparse.Namespace) -> int:
    changes = {name: getattr(args, name) for name in OVERRIDES if getattr(args, name) is not None}
    if args.files:
        uploaded = parse_upload([(p.name, p.read_bytes()) for p in args.files])
        source, name = uploaded, "upload"
    else:
        source, name = corpora.load(args.corpus), args.corpus
    config = dataclasses.replace(AuthorshipConfig(corpus=name, seed=args.seed), **changes)
    for progress in fit(config, source):
        if progress.heldout == progress.heldout:  # not nan: an evaluation step
            print(f"step {progress.step}/{progress.steps} loss {progress.loss:.3f}", file=sys.stderr)
    model = progress.model
    if model is None or not model.metrics.get("finite", True):
        print("training diverged; nothing was saved", file=sys.stderr)
        return 1
    path = save(model, args.out)
    print(f"{summary(model)}; saved {path}")
    return 0


def _documents(args: argparse.Namespace, model: TrainedModel) -> list[Document]:
    if args.files:
        docs = []
        for path in args.files:
            raw = decode_text(path.name, path.read_bytes())
            author = path.stem.split("__")[0] if "__" in path.stem else None
            true = author if author in model.authors else None
            docs.append(
                Document(id=path.stem, author=None, text=clean(raw, model.authors), raw=raw, true_author=true)
            )
        return docs
    name = args.corpus or model.config.corpus
    if name not in corpora.CORPORA:
        raise ModelFileError(
            f"the model was trained on {name!r}; name --corpus or --files to predict",
            key="no_corpus",
            name=name,
        )
    loaded = corpora.load(name)
    if loaded.authors != model.authors:
        raise ModelFileError(
            f"the model knows {', '.join(model.authors)} but corpus {name} has {', '.join(loaded.authors)}",
            key="authors",
            name=name,
        )
    return list(loaded.unknown)


def report(model: TrainedModel, documents: list[Document]) -> dict:
    """The predict --json object for documents."""
    rows = predict(model, documents)
    heldout = model.metrics.get("heldout", {})
    return {
        "documents": [
            {
                "id": r.id,
                "true_author": r.true_author,
                "predicted": r.predicted,
                "probabilities": r.probabilities,
                "window_vote": r.window_vote,
            }
            for r in rows
        ],
        "heldout": {
            "balanced_accuracy": heldout.get("balanced_accuracy"),
            "documents": heldout.get("documents", []),
        },
    }


def _predict(args: argparse.Namespace) -> int:
    model = load(args.model)
    result = report(model, _documents(args, model))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for row in result["documents"]:
        probabilities = "  ".join(f"{a} {p:.2f}" for a, p in row["probabilities"].items())
        truth, vote = row["true_author"] or "?", row["window_vote"]
        print(f"{row['id']:<40} {row['predicted']:<18} {probabilities}  vote {vote:.2f}  ({truth})")
    print(f"held-out balanced accuracy: {result['heldout']['balanced_accuracy']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 with a message for bad input)."""
    args = _parser().parse_args(argv)
    try:
        commands = {"train": _train, "predict": _predict, "evaluate": _evaluate}
        return commands[args.command](args)
    except (ModelFileError, UploadError, OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
