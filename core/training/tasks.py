"""Two long-range tasks that need memory over T steps, as seeded NumPy batch generators.

- Adding problem (Hochreiter & Schmidhuber 1997; Le et al. 2015's layout): each
  step carries a value in [0, 1) and a marker bit; exactly two steps are marked,
  one in each half, and the target is the sum of their two values. Always
  answering 1 scores a mean squared error of 1/6 (the variance of the sum).
- Temporal order (Hochreiter & Schmidhuber 1997, as in Pascanu et al. 2013):
  a sequence of distractors a, b, c, d with one marker X or Y at a step in
  [10%, 20%) of T and another in [50%, 60%); the class is the markers' order
  XX, XY, YX or YY. Inputs are one-hot over the 6 symbols.

A batch is (xs (B, T, I), targets (B,)): float sums for adding, int classes for
temporal order. The same seed always gives the same batches.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from core.checks import check_choice, check_positive_int

TASKS = ("adding", "temporal_order")
SYMBOLS = ("a", "b", "c", "d", "X", "Y")  # temporal order's one-hot alphabet: 4 distractors, 2 markers
N_DISTRACTORS = 4
CLASSES = ("XX", "XY", "YX", "YY")
MIN_STEPS = 10  # both tasks need room for two marker windows


def n_inputs(task: str) -> int:
    """I, the input size of a task: (value, marker) for adding, one-hot symbols for temporal order."""
    return {"adding": 2, "temporal_order": len(SYMBOLS)}[_check_task(task)]


def n_outputs(task: str) -> int:
    """O: one regression output for adding, one logit per class for temporal order."""
    return {"adding": 1, "temporal_order": len(CLASSES)}[_check_task(task)]


def _check_task(task: str) -> str:
    check_choice("task", task, TASKS)
    return task


def _check_size(n_steps: int, batch: int) -> None:
    if not isinstance(n_steps, int) or n_steps < MIN_STEPS:
        raise ValueError(f"n_steps must be an int >= {MIN_STEPS}, got {n_steps!r}")
    check_positive_int("batch", batch, allow_bool=True)


def adding_batch(rng: np.random.Generator, batch: int, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """xs (B, T, 2) float32 = (value, marker) per step and targets (B,) float32, the marked sum."""
    _check_size(n_steps, batch)
    values = rng.random((batch, n_steps), dtype=np.float32)
    half = n_steps // 2
    first = rng.integers(0, half, size=batch)
    second = rng.integers(half, n_steps, size=batch)
    markers = np.zeros((batch, n_steps), np.float32)
    rows = np.arange(batch)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    targets = values[rows, first] + values[rows, second]
    return np.stack([values, markers], axis=-1), targets.astype(np.float32)


def marker_windows(n_steps: int) -> tuple[range, range]:
    """The steps where temporal order's first and second marker may fall: [10%, 20%) and [50%, 60%) of T."""
    first = range(n_steps // 10, max(n_steps // 5, n_steps // 10 + 1))
    second = range(n_steps // 2, max(6 * n_steps // 10, n_steps // 2 + 1))
    return first, second


def temporal_order_batch(rng: np.random.Generator, batch: int, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """xs (B, T, 6) float32 one-hot symbols and targets (B,) int32 in 0..3 (XX, XY, YX, YY)."""
    _check_size(n_steps, batch)
    symbols = rng.integers(0, N_DISTRACTORS, size=(batch, n_steps))
    first_window, second_window = marker_windows(n_steps)
    first = rng.integers(first_window.start, first_window.stop, size=batch)
    second = rng.integers(second_window.start, second_window.stop, size=batch)
    first_is_y = rng.integers(0, 2, size=batch)
    second_is_y = rng.integers(0, 2, size=batch)
    rows = np.arange(batch)
    symbols[rows, first] = N_DISTRACTORS + first_is_y  # X = 4, Y = 5
    symbols[rows, second] = N_DISTRACTORS + second_is_y
    xs = np.eye(len(SYMBOLS), dtype=np.float32)[symbols]
    return xs, (2 * first_is_y + second_is_y).astype(np.int32)


def batch(task: str, rng: np.random.Generator, size: int, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """One batch of either task (see the module docstring for shapes)."""
    make = {"adding": adding_batch, "temporal_order": temporal_order_batch}[_check_task(task)]
    return make(rng, size, n_steps)


def batches(task: str, seed: int, size: int, n_steps: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """An endless, seeded stream of training batches: the same seed gives the same stream."""
    rng = np.random.default_rng(seed)
    while True:
        yield batch(task, rng, size, n_steps)


def heldout(task: str, seed: int, size: int, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """A held-out batch, drawn from a stream that training never sees."""
    # A different entropy tuple, not seed + 1, so no training seed can collide with it.
    return batch(task, np.random.default_rng((seed, 0xE7A1)), size, n_steps)
