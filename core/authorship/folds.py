"""Evaluation folds by document (which documents test, which choose the offsets, which train),
and the scores of the predictions pooled over them.

Every known document is tested exactly once, in the fold where it is held out; the
fold's other documents are split again into calibration documents (the RNN's decision
offsets are chosen on them) and training documents. Nothing of a test document is used
for any choice in its fold.

Documents that share a source are kept on one side: `document_groups` puts the
chapters of one Brontë novel into one group whenever the author has another novel to
train on, and the folds are built over groups (scikit-learn's StratifiedGroupKFold).
Charlotte and Emily have one novel each in the corpus, so their chapters can only be
grouped one by one: for them the evaluation is within a novel, and the report says so.

Scores: balanced accuracy, recall per author, the confusion matrix, and a 95 % interval from
a bootstrap over documents stratified by author (each author's documents are resampled
with replacement; the same seed draws the same resamples for every model, so intervals
compare like with like and `paired` gives the interval of a difference).
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from typing import NamedTuple

import numpy as np
from sklearn.model_selection import LeaveOneGroupOut, StratifiedGroupKFold, StratifiedKFold

from core.authorship.corpus import Corpus, novel

RESAMPLES = 2000  # bootstrap resamples for the 95 % interval


class FoldRecord(NamedTuple):
    """One fold's documents by id; the three sides are disjoint."""

    index: int
    train: tuple[str, ...]  # document ids the RNN was fitted on
    calibrate: tuple[str, ...]  # ids used to choose the offsets (a subset of the fold's non-test docs)
    test: tuple[str, ...]  # ids scored for the reported numbers, and never used for any choice


def document_groups(corpus: Corpus) -> tuple[str, ...]:
    """A group name per known document (corpus.known order); a group never straddles a fold's sides.

    Brontë chapters are grouped by novel for an author with two or more novels (Anne:
    Agnes Grey and The Tenant of Wildfell Hall), so her test chapters come from a novel
    the model never read; every other document is its own group.
    """
    if corpus.name != "bronte":
        return tuple(d.id for d in corpus.known)
    novels: dict[str, set[str]] = defaultdict(set)
    for d in corpus.known:
        novels[d.author].add(novel(d.id))
    return tuple(novel(d.id) if len(novels[d.author]) > 1 else d.id for d in corpus.known)


def grouping(corpus: Corpus) -> str:
    """How `document_groups` groups this corpus: "document" or "novel"."""
    return "novel" if len(set(document_groups(corpus))) < len(corpus.known) else "document"


def _test_sets(labels: np.ndarray, groups: np.ndarray, folds: int, seed: int) -> list[np.ndarray]:
    """Test indices per fold: stratified by author, whole groups, or one group per fold if folds = 0."""
    n_groups = len(np.unique(groups))
    if folds == 0:
        splitter = LeaveOneGroupOut()
    elif folds < 2 or folds > n_groups:
        raise ValueError(f"folds must be 0 (leave one out) or between 2 and {n_groups}, got {folds}")
    elif n_groups == len(groups):
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    else:
        splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        # An author with fewer documents than folds is simply absent from some test sets.
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        # StratifiedKFold takes no groups (it warns that it ignores them); the others need them.
        given = None if isinstance(splitter, StratifiedKFold) else groups
        return [test for _, test in splitter.split(np.zeros(len(labels)), labels, given)]


def _calibration(labels: np.ndarray, rest: np.ndarray, fraction: float, rng: np.random.Generator) -> set[int]:
    """Calibration indices drawn from `rest` (a fold's non-test indices), per author.

    round(fraction * n) of each author's n non-test documents, at least one when the
    author has three or more (so every author is calibrated), and always two left to train.
    """
    chosen: set[int] = set()
    for label in np.unique(labels[rest]):
        members = rng.permutation(rest[labels[rest] == label])
        n = len(members)
        n_cal = min(max(round(fraction * n), 1 if n >= 3 else 0), max(n - 2, 0))
        chosen |= set(members[:n_cal].tolist())
    return chosen


def make_folds(corpus: Corpus, folds: int, seed: int, calibration_fraction: float) -> tuple[FoldRecord, ...]:
    """The folds of an evaluation: folds >= 2 stratified k-fold by group, 0 leave one group out.

    Which documents calibrate is drawn from `seed` and the fold's index, among the
    fold's non-test documents only.
    """
    authors = corpus.authors
    ids = np.array([d.id for d in corpus.known])
    labels = np.array([authors.index(d.author) for d in corpus.known])
    groups = np.array(document_groups(corpus))
    records = []
    for index, test in enumerate(_test_sets(labels, groups, folds, seed)):
        rest = np.setdiff1d(np.arange(len(ids)), test)
        calibrate = _calibration(labels, rest, calibration_fraction, np.random.default_rng([seed, index]))
        train = [i for i in rest if i not in calibrate]
        records.append(
            FoldRecord(
                index=index,
                train=tuple(ids[train].tolist()),
                calibrate=tuple(ids[sorted(calibrate)].tolist()),
                test=tuple(ids[np.sort(test)].tolist()),
            )
        )
    return tuple(records)


class ModelScore(NamedTuple):
    """One model's pooled held-out predictions and what they add up to."""

    balanced_accuracy: float
    ci: tuple[float, float]  # 95 % bootstrap over documents
    recall: dict[str, float]  # author -> recall
    confusion: tuple[tuple[int, ...], ...]  # [true][predicted], authors in Evaluation.authors order
    predictions: dict[str, str]  # doc id -> predicted author
    uncalibrated_balanced_accuracy: float | None  # the RNN only (argmax of mean window log-probs)


def _resampled(correct: list[np.ndarray], seed: int, resamples: int) -> np.ndarray:
    """Balanced accuracy (resamples,) of each author's right/wrong (n_c,) resampled with replacement."""
    rng = np.random.default_rng(seed)
    return np.mean([c[rng.integers(0, len(c), (resamples, len(c)))].mean(axis=1) for c in correct], axis=0)


def _interval(values: np.ndarray) -> tuple[float, float]:
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def _correct(
    truth: dict[str, str], predictions: dict[str, str], authors: tuple[str, ...]
) -> list[np.ndarray]:
    """Per author present, right (1) or wrong (0) for each of its documents, in sorted id order."""
    ids = sorted(predictions)
    right = [[float(predictions[i] == a) for i in ids if truth[i] == a] for a in authors]
    return [np.array(r) for r in right if r]


def paired(
    truth: dict[str, str],
    first: dict[str, str],
    second: dict[str, str],
    authors: tuple[str, ...],
    *,
    seed: int = 0,
    resamples: int = RESAMPLES,
) -> tuple[float, tuple[float, float]]:
    """Balanced accuracy of predictions `first` minus `second` (same documents), with its 95 % interval."""
    if set(first) != set(second):
        raise ValueError("the two models were not scored on the same documents")
    a, b = _correct(truth, first, authors), _correct(truth, second, authors)
    point = float(np.mean([x.mean() for x in a]) - np.mean([x.mean() for x in b]))
    # The same seed resamples the same documents for both models: the difference is paired.
    return point, _interval(_resampled(a, seed, resamples) - _resampled(b, seed, resamples))


def score(
    truth: dict[str, str],
    predictions: dict[str, str],
    authors: tuple[str, ...],
    *,
    seed: int = 0,
    resamples: int = RESAMPLES,
    uncalibrated: dict[str, str] | None = None,
) -> ModelScore:
    """Balanced accuracy, its interval, recall and confusion of predictions {doc id: author}."""
    ids = sorted(predictions)
    true = np.array([authors.index(truth[i]) for i in ids])
    predicted = np.array([authors.index(predictions[i]) for i in ids])
    confusion = np.zeros((len(authors), len(authors)), dtype=int)
    np.add.at(confusion, (true, predicted), 1)
    correct = [(predicted == c)[true == c].astype(float) for c in range(len(authors))]
    recall = {a: float(c.mean()) if len(c) else float("nan") for a, c in zip(authors, correct, strict=True)}
    present = [r for r, c in zip(recall.values(), correct, strict=True) if len(c)]
    raw = None
    if uncalibrated is not None:
        raw_right = [[uncalibrated[i] == a for i in ids if truth[i] == a] for a in authors]
        raw = float(np.mean([np.mean(r) for r in raw_right if r]))
    return ModelScore(
        balanced_accuracy=float(np.mean(present)),
        ci=_interval(_resampled([c for c in correct if len(c)], seed, resamples)),
        recall=recall,
        confusion=tuple(tuple(int(x) for x in row) for row in confusion),
        predictions={i: predictions[i] for i in ids},
        uncalibrated_balanced_accuracy=raw,
    )
