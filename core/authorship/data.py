"""The data half of an authorship run: split, vocabulary, windows, batches, and the final scoring.

`prepare` turns a corpus and a config into training batches and held-out
windows; `Prepared.finish` turns trained weights into a `TrainedModel`: it
chooses the decision offsets on the validation documents and measures the
test documents, which took part in no choice. The split is drawn from the
config's seed, or given whole as a `DocumentSplit` (an evaluation fold).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from core.authorship.config import LIVE_WINDOWS, AuthorshipConfig
from core.authorship.corpus import Corpus, Document
from core.authorship.model import (
    AuthorshipParams,
    TrainedModel,
    balanced_doc_accuracy,
    calibrate,
    decide,
    document_scores,
    predict,
    readout_weights,
    window_log_probs,
)
from core.authorship.windows import (
    Vocabulary,
    balanced_accuracy,
    random_window_split,
    split_documents,
    windows,
)


class DocumentSplit(NamedTuple):
    """Document ids on each side of a run, chosen by the caller (core.authorship.evaluate's folds)."""

    train: tuple[str, ...]  # the model is fitted on these
    validation: tuple[str, ...]  # the decision offsets are chosen on these (may be empty: no offsets)
    test: tuple[str, ...]  # scored only (may be empty)


def _given_split(corpus: Corpus, split: DocumentSplit) -> tuple[list[int], list[int], list[int]]:
    """Indices into corpus.known of split's three sides; unknown, repeated or shared ids raise."""
    position = {d.id: i for i, d in enumerate(corpus.known)}
    sides = (split.train, split.validation, split.test)
    unknown = [i for side in sides for i in side if i not in position]
    if unknown:
        raise ValueError(f"not a known document of {corpus.name}: {', '.join(map(str, unknown[:5]))}")
    named = [i for side in sides for i in side]
    if len(set(named)) != len(named):
        raise ValueError("a document is named twice in the split: the sides must be disjoint")
    if not split.train:
        raise ValueError("the split has no training document")
    return tuple([position[i] for i in side] for side in sides)


def _cut(vocab: Vocabulary, docs: list[Document], labels: list[int], length: int, stride: int):
    """Windows (N, L) of several documents and their labels (N,)."""
    parts = [windows(vocab.encode(d.text), length, stride) for d in docs]
    ids = np.concatenate(parts) if parts else np.zeros((0, length), dtype=np.int32)
    return ids, np.repeat(np.asarray(labels, dtype=np.int32), [len(p) for p in parts])


def batches(ids: np.ndarray, labels: np.ndarray, n_classes: int, config: AuthorshipConfig) -> Iterator[dict]:
    """Endless training batches: ids (B, L), labels (B,), weights (B,), readout (L,).

    "sampling" gives every author the same share of each batch (slot i is author
    i mod K); "weights" samples uniformly and weights each window n / (K n_c), so
    each author's total weight is the same on average; "none" samples uniformly.
    """
    rng = np.random.default_rng(config.seed + 1)
    members = [np.flatnonzero(labels == c) for c in range(n_classes)]
    counts = np.array([len(m) for m in members], dtype=float)
    weight_of = np.ones(len(labels), dtype=np.float32)
    if config.balance == "weights":
        weight_of = (len(labels) / (n_classes * counts))[labels].astype(np.float32)
    readout = readout_weights(config.readout, config.window)
    slots = np.arange(config.batch) % n_classes
    while True:
        if config.balance == "sampling":
            idx = np.array([members[c][rng.integers(len(members[c]))] for c in slots])
        else:
            idx = rng.integers(0, len(labels), config.batch)
        yield {"ids": ids[idx], "labels": labels[idx], "weights": weight_of[idx], "readout": readout}


@dataclass
class Prepared:
    """Everything a run needs besides the weights."""

    config: AuthorshipConfig
    corpus: Corpus
    vocab: Vocabulary
    batches: Iterator[dict]
    live_windows: tuple[np.ndarray, np.ndarray]  # (ids (M, L), labels (M,)) scored during training
    validation: list[Document]  # choose the offsets (document split only)
    test: list[Document]  # report the accuracy (document split only)
    test_windows: tuple[np.ndarray, np.ndarray]  # the held-out windows for the window accuracy

    def finish(
        self, params: AuthorshipParams, history: dict[str, list[float]], *, stopped_at: int | None
    ) -> TrainedModel:
        """The trained model with offsets from validation and metrics from test documents only."""
        config, authors = self.config, self.corpus.authors
        model = TrainedModel(config, self.vocab, authors, params, np.zeros(len(authors)))
        ids, labels = self.test_windows
        raw_windows = np.argmax(window_log_probs(params, ids, config.readout), axis=1)
        window_accuracy = balanced_accuracy(labels, raw_windows, len(authors))
        metrics: dict[str, Any] = {
            "split": config.split,
            "steps": stopped_at or len(history["loss"]),
            "stopped_at": stopped_at,
            "loss": [round(x, 5) for x in history["loss"]],
            "heldout_curve": [None if np.isnan(x) else round(x, 4) for x in history["heldout"]],
            "window_accuracy": window_accuracy,
        }
        if config.split == "document":
            index = {a: i for i, a in enumerate(authors)}
            val_scores = document_scores(model, self.validation)
            means = np.array([s.mean(axis=0) for s in val_scores])
            val_labels = np.array([index[d.author] for d in self.validation])
            model.offsets = calibrate(means, val_labels, len(authors))
            val_predicted = [decide(s, model.offsets)[0] for s in val_scores]
            rows = predict(model, self.test)
            raw = [authors[decide(s, np.zeros(len(authors)))[0]] for s in document_scores(model, self.test)]
            metrics["validation"] = {
                "balanced_accuracy": balanced_accuracy(val_labels, val_predicted, len(authors)),
                "documents": [d.id for d in self.validation],
            }
            metrics["heldout"] = {
                "balanced_accuracy": balanced_doc_accuracy(rows, authors),
                "uncalibrated_balanced_accuracy": balanced_accuracy(
                    [index[r.true_author] for r in rows], [index[p] for p in raw], len(authors)
                ),
                "documents": [
                    {"id": r.id, "true_author": r.true_author, "predicted": r.predicted} for r in rows
                ],
            }
        else:
            # Windows, not documents, were held out: the only honest-looking number is the leaky one.
            metrics["heldout"] = {"balanced_accuracy": window_accuracy, "documents": []}
        model.metrics = metrics
        return model


def _sample(ids: np.ndarray, labels: np.ndarray, limit: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    if len(ids) <= limit:
        return ids, labels
    keep = np.sort(np.random.default_rng(seed).choice(len(ids), limit, replace=False))
    return ids[keep], labels[keep]


def prepare(config: AuthorshipConfig, corpus: Corpus, split: DocumentSplit | None = None) -> Prepared:
    """Split the corpus, build the vocabulary from the training text, cut windows, start batches.

    With `split`, its documents are used as given (config.split must be "document");
    otherwise config's fractions and seed draw the split.
    """
    authors = corpus.authors
    known = list(corpus.known)
    labels = [authors.index(d.author) for d in known]
    length = config.window
    if split is not None and config.split != "document":
        raise ValueError(f"an explicit document split needs split='document', not {config.split!r}")
    if config.split == "document":
        train_i, val_i, test_i = (
            _given_split(corpus, split)
            if split is not None
            else split_documents(
                labels,
                validation_fraction=config.validation_fraction,
                test_fraction=config.test_fraction,
                seed=config.seed,
            )
        )
        train_docs = [known[i] for i in train_i]
        vocab = Vocabulary.from_texts(d.text for d in train_docs)
        train_ids, train_labels = _cut(vocab, train_docs, [labels[i] for i in train_i], length, config.stride)
        test_docs = [known[i] for i in test_i]
        test_windows = _cut(vocab, test_docs, [labels[i] for i in test_i], length, length)
        validation = [known[i] for i in val_i]
    else:
        vocab = Vocabulary.from_texts(d.text for d in known)
        all_ids, all_labels = _cut(vocab, known, labels, length, config.stride)
        train_w, test_w = random_window_split(len(all_ids), config.test_fraction, config.seed)
        train_ids, train_labels = all_ids[train_w], all_labels[train_w]
        test_windows = (all_ids[test_w], all_labels[test_w])
        validation, test_docs = [], []
    missing = [a for c, a in enumerate(authors) if not np.any(train_labels == c)]
    if missing:
        raise ValueError(f"no training window for {', '.join(missing)}: shorten the window or add text")
    return Prepared(
        config=config,
        corpus=corpus,
        vocab=vocab,
        batches=batches(train_ids, train_labels, len(authors), config),
        live_windows=_sample(*test_windows, LIVE_WINDOWS, config.seed),
        validation=validation,
        test=test_docs,
        test_windows=test_windows,
    )
