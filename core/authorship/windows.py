"""Characters to ids, texts to fixed-length windows, and documents to train/validation/test.

Id 0 is the unknown character: a letter never seen in training (an accent in
an uploaded text, say) still has a row in the embedding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

UNKNOWN_ID = 0
UNKNOWN_CHAR = "\ufffd"  # what decode writes for id 0


@dataclass(frozen=True)
class Vocabulary:
    """The characters of the training text; character chars[i] has id i + 1."""

    chars: str  # sorted, no repeats

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        """Every character that occurs in texts."""
        seen: set[str] = set()
        for text in texts:
            seen |= set(text)
        return cls("".join(sorted(seen)))

    @property
    def size(self) -> int:
        """Number of ids, the unknown id included."""
        return len(self.chars) + 1

    def encode(self, text: str) -> np.ndarray:
        """Ids (n,) int32 of a text; characters outside the vocabulary get UNKNOWN_ID."""
        table = {c: i + 1 for i, c in enumerate(self.chars)}
        return np.fromiter((table.get(c, UNKNOWN_ID) for c in text), dtype=np.int32, count=len(text))

    def decode(self, ids: Sequence[int] | np.ndarray) -> str:
        """The text of ids (n,); UNKNOWN_ID becomes U+FFFD."""
        return "".join(self.chars[i - 1] if i > 0 else UNKNOWN_CHAR for i in np.asarray(ids).tolist())


def windows(ids: np.ndarray, length: int, stride: int) -> np.ndarray:
    """Windows (N, length) of ids (n,), starting every `stride` characters; a short tail is dropped.

    N = 1 + (n - length) // stride, or 0 when the text is shorter than one window.
    """
    if length < 1 or stride < 1:
        raise ValueError(f"window length and stride must be >= 1, got {length} and {stride}")
    ids = np.asarray(ids)
    if ids.shape[0] < length:
        return np.zeros((0, length), dtype=np.int32)
    view = np.lib.stride_tricks.sliding_window_view(ids, length)[::stride]
    return np.ascontiguousarray(view, dtype=np.int32)


def window_starts(n_chars: int, length: int, stride: int) -> np.ndarray:
    """Start offsets (N,) of the windows `windows` cuts from a text of n_chars."""
    return np.arange(0, max(n_chars - length + 1, 0), stride)


def split_documents(
    labels: Sequence[int], *, validation_fraction: float, test_fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices (train, validation, test) of documents, whole documents on each side.

    Per class, round(fraction * n) documents go to validation and to test, at least
    one each when the class has three or more (so every author is on every side),
    and training always keeps one; which ones is drawn by `seed`.
    """
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train, validation, test = [], [], []
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        n = len(members)
        n_test = min(max(round(test_fraction * n), 1), max(n - 1, 0))
        n_val = min(max(round(validation_fraction * n), 1), max(n - n_test - 1, 0))
        test += members[:n_test].tolist()
        validation += members[n_test : n_test + n_val].tolist()
        train += members[n_test + n_val :].tolist()
    return tuple(np.array(sorted(side), dtype=int) for side in (train, validation, test))


def random_window_split(n_windows: int, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Window indices (train, test) drawn at random, ignoring which document a window came from.

    This is the chapter's split, kept to show its leak: overlapping windows of one
    paper land on both sides, so the test windows are half-seen text.
    """
    order = np.random.default_rng(seed).permutation(n_windows)
    n_test = round(test_fraction * n_windows)
    return np.sort(order[n_test:]), np.sort(order[:n_test])


def balanced_accuracy(true: Sequence[int], predicted: Sequence[int], n_classes: int) -> float:
    """Mean over classes of the fraction of that class predicted right (classes present only)."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    recalls = [np.mean(predicted[true == c] == c) for c in range(n_classes) if np.any(true == c)]
    return float(np.mean(recalls)) if recalls else float("nan")
