"""core.training.tasks: shapes, ranges, determinism, and labels that depend on the marked steps only."""

import numpy as np
import pytest

from core.training import tasks


def adding_reference(xs: np.ndarray) -> np.ndarray:
    """The adding target read back from the inputs: the sum of the values at the two marked steps."""
    return np.array([seq[seq[:, 1] == 1, 0].sum() for seq in xs])


def order_reference(xs: np.ndarray) -> np.ndarray:
    """The temporal-order class read back from the inputs: X=4 / Y=5 at the two marker steps, in order."""
    symbols = xs.argmax(axis=-1)
    labels = []
    for seq in symbols:
        first, second = seq[seq >= 4] - 4
        labels.append(2 * first + second)
    return np.array(labels)


@pytest.mark.parametrize("n_steps", [10, 11, 50, 200])
def test_adding_batches_have_two_markers_one_per_half_and_the_marked_sum_as_target(n_steps):
    xs, targets = tasks.adding_batch(np.random.default_rng(1), 128, n_steps)
    assert xs.shape == (128, n_steps, 2) and xs.dtype == np.float32 and targets.shape == (128,)
    assert np.all((xs[..., 0] >= 0) & (xs[..., 0] < 1))
    markers = xs[..., 1]
    assert np.all(markers.sum(axis=1) == 2)
    assert np.all(markers[:, : n_steps // 2].sum(axis=1) == 1)
    np.testing.assert_allclose(targets, adding_reference(xs), rtol=1e-6)
    assert targets.min() >= 0 and targets.max() < 2


def test_adding_target_ignores_the_unmarked_values():
    xs, targets = tasks.adding_batch(np.random.default_rng(2), 64, 30)
    changed = xs.copy()
    unmarked = changed[..., 1] == 0
    changed[..., 0][unmarked] = np.random.default_rng(3).random(unmarked.sum())
    np.testing.assert_allclose(adding_reference(changed), targets, rtol=1e-6)


@pytest.mark.parametrize("n_steps", [10, 37, 100, 200])
def test_temporal_order_has_one_hot_symbols_markers_in_their_windows_and_four_classes(n_steps):
    xs, labels = tasks.temporal_order_batch(np.random.default_rng(4), 400, n_steps)
    assert xs.shape == (400, n_steps, 6) and labels.dtype == np.int32
    np.testing.assert_array_equal(xs.sum(axis=-1), 1.0)
    symbols = xs.argmax(axis=-1)
    first_window, second_window = tasks.marker_windows(n_steps)
    for seq in symbols:
        where = np.flatnonzero(seq >= 4)
        assert len(where) == 2 and where[0] in first_window and where[1] in second_window
    np.testing.assert_array_equal(labels, order_reference(xs))
    assert set(np.unique(labels)) == {0, 1, 2, 3}
    assert np.bincount(labels).min() > 400 / 4 * 0.6  # no class is rare


def test_temporal_order_label_is_unchanged_when_a_distractor_changes():
    xs, labels = tasks.temporal_order_batch(np.random.default_rng(5), 32, 40)
    symbols = xs.argmax(axis=-1)
    distractor = symbols < 4
    symbols[distractor] = (symbols[distractor] + 1) % 4  # every distractor becomes another distractor
    changed = np.eye(6, dtype=np.float32)[symbols]
    assert not np.array_equal(changed, xs)
    np.testing.assert_array_equal(order_reference(changed), labels)


@pytest.mark.parametrize("task", tasks.TASKS)
def test_streams_repeat_per_seed_and_the_heldout_batch_is_not_a_training_batch(task):
    first = [b[0] for b, _ in zip(tasks.batches(task, 7, 8, 20), range(3), strict=False)]
    again = [b[0] for b, _ in zip(tasks.batches(task, 7, 8, 20), range(3), strict=False)]
    other = next(tasks.batches(task, 8, 8, 20))[0]
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other)
    held, _ = tasks.heldout(task, 7, 8, 20)
    np.testing.assert_array_equal(held, tasks.heldout(task, 7, 8, 20)[0])
    assert all(not np.array_equal(held, a) for a in first)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="task"):
        tasks.n_inputs("copying")
    with pytest.raises(ValueError, match="n_steps"):
        tasks.adding_batch(np.random.default_rng(0), 4, 5)
    with pytest.raises(ValueError, match="batch"):
        tasks.temporal_order_batch(np.random.default_rng(0), 0, 20)
