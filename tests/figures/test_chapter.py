"""visualizer.figures.chapter: the E_t bars before and after one step, asserted on fig.data."""

import numpy as np

from visualizer.figures.chapter import AFTER_COLOR, BEFORE_COLOR, loss_bars

LABELS = {"title": "E", "x": "t", "y": "E_t", "before": "before", "after": "after"}


def test_bars_only_at_the_loss_steps_with_the_selected_step_outlined():
    before, after = np.array([0.0, 0.0, 2.0, 1.0]), np.array([0.0, 0.0, 1.5, np.inf])
    fig = loss_bars(before, after, [2, 3], 3, labels=LABELS)
    first, second = fig.data
    assert (first.meta, second.meta) == ({"kind": "before"}, {"kind": "after"})
    assert (first.name, second.name, first.marker.color, second.marker.color) == (
        "before", "after", BEFORE_COLOR, AFTER_COLOR,
    )  # fmt: skip
    assert list(first.x) == [1, 2, 3, 4] and fig.layout.barmode == "group"
    assert np.isnan(first.y[:2]).all() and list(first.y[2:]) == [2.0, 1.0]  # no loss: a gap, not a 0
    assert list(second.y[2:3]) == [1.5] and np.isnan(second.y[3])  # an overflowed E_t is left out
    assert list(first.marker.line.width) == [0, 0, 0, 3]
    assert fig.layout.title.text == "E" and fig.layout.xaxis.title.text == "t"
