"""Held-out evaluation of the RNN and two baselines on the same folds by document.

    evaluate(corpus, config, folds=10, seed=0) -> Evaluation

Per fold (core.authorship.folds): the RNN is fitted on the fold's training documents,
its decision offsets are chosen on its calibration documents, and its test documents
are predicted twice, with the offsets and without (argmax of the mean window
log-probabilities). The baselines (core.authorship.baselines) are fitted on training
and calibration documents together, since they choose no offsets. Every known document
is predicted once, by the fold that held it out; the scores pool those predictions:
balanced accuracy, a 95 % interval from a bootstrap over documents (stratified by
author, the same resamples for every model, so intervals compare like with like),
recall per author and the confusion matrix. The interval covers which documents
happen to be in the corpus, not the spread between training runs.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from core.authorship.baselines import fit_predict
from core.authorship.config import AuthorshipConfig
from core.authorship.corpus import Corpus, Document
from core.authorship.data import DocumentSplit
from core.authorship.fit import fit
from core.authorship.folds import RESAMPLES, FoldRecord, ModelScore, grouping, make_folds, paired, score
from core.authorship.model import decide, document_scores

MODELS = ("rnn", "ngram", "function_words")
FITTED_ON = {"rnn": "train", "ngram": "train+calibrate", "function_words": "train+calibrate"}


class Evaluation(NamedTuple):
    """A whole evaluation: the scores, the folds they came from, and how it was run."""

    corpus: str
    folds: int  # as asked: k, or 0 for leave one document (group) out; len(fold_records) folds ran
    documents: int  # known documents, each tested once
    authors: tuple[str, ...]
    models: dict[str, ModelScore]
    fold_records: tuple[FoldRecord, ...]
    seconds: float  # wall-clock time of the whole evaluation
    grouping: str = "document"  # "novel": Brontë chapters of one novel never straddle a fold
    timings: dict[str, float] | None = None  # model -> seconds spent on it over all folds
    config: AuthorshipConfig | None = None  # the RNN's configuration (its calibration fraction too)
    truth: dict[str, str] | None = None  # doc id -> its author, for `compare`


def compare(evaluation: Evaluation, a: str, b: str) -> tuple[float, tuple[float, float]]:
    """Model a's balanced accuracy minus model b's, and its 95 % interval (paired bootstrap).

    Both models are resampled on the same documents, so the interval is that of the
    difference itself: it can exclude 0 while the two models' own intervals overlap.
    """
    if evaluation.truth is None:
        raise ValueError("this evaluation does not record the documents' authors")
    first, second = evaluation.models[a], evaluation.models[b]
    return paired(evaluation.truth, first.predictions, second.predictions, evaluation.authors)


class EvalProgress(NamedTuple):
    """Reported while an evaluation runs, for a progress bar."""

    fold: int  # 0-based
    folds: int  # folds in total
    model: str
    step: int  # training step of the RNN; 1 of 1 for a baseline
    steps: int


class EvaluationStoppedError(Exception):
    """should_stop() returned True: the evaluation ended early and has no result."""


def _rnn_fold(
    config: AuthorshipConfig,
    corpus: Corpus,
    record: FoldRecord,
    test: list[Document],
    report: Callable[[int, int], None],
    should_stop: Callable[[], bool] | None,
) -> tuple[list[str], list[str]]:
    """Calibrated and uncalibrated predictions of the fold's test documents by an RNN fitted on train."""
    stopped = False

    def stop() -> bool:
        nonlocal stopped
        stopped = should_stop is not None and should_stop()
        return stopped

    split = DocumentSplit(record.train, record.calibrate, record.test)
    progress = None
    for progress in fit(config, corpus, should_stop=stop, split=split):
        report(progress.step, progress.steps)
    if stopped or progress is None or progress.model is None:
        raise EvaluationStoppedError(f"stopped in fold {record.index + 1}")
    model = progress.model
    scores = document_scores(model, test)
    zeros = np.zeros(len(model.authors))
    calibrated = [model.authors[decide(s, model.offsets)[0]] for s in scores]
    return calibrated, [model.authors[decide(s, zeros)[0]] for s in scores]


def evaluate(
    corpus: Corpus,
    config: AuthorshipConfig,
    *,
    folds: int = 10,
    seed: int = 0,
    models: tuple[str, ...] = MODELS,
    progress: Callable[[EvalProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Evaluation:
    """Every model on the same folds of corpus's known documents (see the module's docstring).

    folds >= 2: stratified k-fold by document (by novel group for Brontë), drawn from
    `seed`; folds = 0: leave one document (group) out. The RNN trains as `config`
    says, with a document split whatever config.split is. should_stop() is polled
    between steps; True raises EvaluationStoppedError.
    """
    unknown = [m for m in models if m not in MODELS]
    if unknown or not models:
        raise ValueError(f"models must be some of {', '.join(MODELS)}, got {', '.join(models) or 'none'}")
    start = time.perf_counter()
    config = dataclasses.replace(config, split="document")
    records = make_folds(corpus, folds, seed, config.validation_fraction)
    by_id = {d.id: d for d in corpus.known}
    chosen = tuple(m for m in MODELS if m in models)
    predicted: dict[str, dict[str, str]] = {m: {} for m in chosen}
    uncalibrated: dict[str, str] = {}
    timings = dict.fromkeys(chosen, 0.0)
    for record in records:
        test = [by_id[i] for i in record.test]
        fitted = [by_id[i] for i in record.train + record.calibrate]
        for name in chosen:

            def report(step: int, steps: int, name: str = name, fold: int = record.index) -> None:
                if progress is not None:
                    progress(EvalProgress(fold, len(records), name, step, steps))

            began = time.perf_counter()
            if name == "rnn":
                calibrated, raw = _rnn_fold(config, corpus, record, test, report, should_stop)
                uncalibrated.update(zip(record.test, raw, strict=True))
            else:
                if should_stop is not None and should_stop():
                    raise EvaluationStoppedError(f"stopped in fold {record.index + 1}")
                calibrated = fit_predict(name, fitted, test)
                report(1, 1)
            timings[name] += time.perf_counter() - began
            predicted[name].update(zip(record.test, calibrated, strict=True))
    truth = {d.id: d.author for d in corpus.known}
    scores = {
        m: score(
            truth, predicted[m], corpus.authors, seed=seed, uncalibrated=uncalibrated if m == "rnn" else None
        )
        for m in chosen
    }
    return Evaluation(
        corpus=corpus.name,
        folds=folds,
        documents=len(corpus.known),
        authors=corpus.authors,
        models=scores,
        fold_records=records,
        seconds=time.perf_counter() - start,
        grouping=grouping(corpus),
        timings=timings,
        config=config,
        truth=truth,
    )


def to_json(evaluation: Evaluation) -> dict[str, Any]:
    """The CLI's --json object: JSON-able, read back by from_json."""
    models = {}
    for name, s in evaluation.models.items():
        entry: dict[str, Any] = {
            "balanced_accuracy": s.balanced_accuracy,
            "ci": list(s.ci),
            "recall": dict(s.recall),
            "confusion": [list(row) for row in s.confusion],
            "predictions": dict(s.predictions),
            "fitted_on": FITTED_ON[name],
        }
        if s.uncalibrated_balanced_accuracy is not None:
            entry["uncalibrated_balanced_accuracy"] = s.uncalibrated_balanced_accuracy
        models[name] = entry
    config = evaluation.config
    return {
        "corpus": evaluation.corpus,
        "folds": evaluation.folds,
        "documents": evaluation.documents,
        "authors": list(evaluation.authors),
        "grouping": evaluation.grouping,
        "models": models,
        "fold_records": [
            {"index": r.index, "train": list(r.train), "calibrate": list(r.calibrate), "test": list(r.test)}
            for r in evaluation.fold_records
        ],
        "seconds": evaluation.seconds,
        "timings": evaluation.timings,
        "config": None if config is None else dataclasses.asdict(config),
        "truth": evaluation.truth,
        "resamples": RESAMPLES,
    }


def _model_from_json(name: str, entry: dict, authors: tuple[str, ...]) -> ModelScore:
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}")
    low, high = (float(x) for x in entry["ci"])
    confusion = tuple(tuple(int(x) for x in row) for row in entry["confusion"])
    if len(confusion) != len(authors) or any(len(row) != len(authors) for row in confusion):
        raise ValueError(f"{name}: the confusion matrix is not {len(authors)} x {len(authors)}")
    recall = {str(a): float(v) for a, v in entry["recall"].items()}
    predictions = {str(i): str(a) for i, a in entry["predictions"].items()}
    if set(recall) != set(authors) or not set(predictions.values()) <= set(authors):
        raise ValueError(f"{name}: recall or predictions name authors outside {', '.join(authors)}")
    raw = entry.get("uncalibrated_balanced_accuracy")
    return ModelScore(
        float(entry["balanced_accuracy"]),
        (low, high),
        recall,
        confusion,
        predictions,
        None if raw is None else float(raw),
    )


def from_json(data: dict) -> Evaluation:
    """The Evaluation that to_json wrote; anything malformed raises ValueError saying what."""
    try:
        authors = tuple(str(a) for a in data["authors"])
        sides = ("train", "calibrate", "test")
        records = tuple(
            FoldRecord(int(r["index"]), *(tuple(str(i) for i in r[k]) for k in sides))
            for r in data["fold_records"]
        )
        timings = data.get("timings")
        config, truth = data.get("config"), data.get("truth")
        return Evaluation(
            corpus=str(data["corpus"]),
            folds=int(data["folds"]),
            documents=int(data["documents"]),
            authors=authors,
            models={str(n): _model_from_json(n, e, authors) for n, e in data["models"].items()},
            fold_records=records,
            seconds=float(data["seconds"]),
            grouping=str(data.get("grouping", "document")),
            timings=None if timings is None else {str(k): float(v) for k, v in timings.items()},
            config=None if config is None else AuthorshipConfig(**config),
            truth=None if truth is None else {str(i): str(a) for i, a in truth.items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ValueError(f"not an authorship evaluation: {type(err).__name__}: {err}") from err
