"""visualizer.figures.layers: assertions on fig.data and fig.layout, never pixels."""

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.layers import (
    BROKEN_COLOR,
    OK_COLOR,
    batch_layout,
    error_by_position,
    sequence_table,
    shape_boxes,
    shape_text,
    stateful_boxplot,
)

LAYOUT = {"title": "5.33", "batch": "batch", "sample": "sample"}


def arrows(fig):
    return [a for a in fig.layout.annotations if a.showarrow]


def texts(fig):
    return [a.text for a in fig.layout.annotations if a.text]


def test_shape_text_prints_none_for_the_batch():
    assert shape_text((None, 1000, 64)) == "(None, 1000, 64)"


def test_shape_boxes_label_every_shape_and_highlight_the_chosen_row():
    outputs = [[(None, 64)], [(None, 10, 64)], [(None, 64), (None, 64)], [(None, 10, 64), (None, 64)]]
    fig = shape_boxes(
        (None, 10, 100),
        outputs,
        row_labels=["a", "b", "c", "d"],
        labels={"title": "t", "layer": "SimpleRNN(64)", "output": "output", "state": "state"},
        selected=1,
    )
    labels = texts(fig)
    assert labels.count("(None, 10, 100)") == 4
    assert labels.count("SimpleRNN(64)") == 4
    assert labels.count("output (None, 10, 64)") == 2
    assert labels.count("state (None, 64)") == 2
    assert "<b>b</b>" in labels  # the chosen row's label is bold
    outlines = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    assert len(outlines) == 1 and outlines[0].y0 < 2 < outlines[0].y1  # row 1 of 4 sits at y = 2
    # Boxes: 4 inputs (3-D: 2 shadows each), 4 layers, 6 outputs of which 2 are 3-D.
    assert len(fig.layout.shapes) == 4 * 3 + 4 + (6 + 2 * 2) + 1
    assert len(arrows(fig)) == 4 + 6


def test_batch_layout_in_order_hands_sample_i_to_sample_i():
    fig = batch_layout(3, 4, labels=LAYOUT)
    (cells,) = fig.data
    assert list(cells.text) == [f"{s}{j}" for s in "abc" for j in range(1, 5)]
    found = arrows(fig)
    assert len(found) == 3 * 3
    for a in found:
        assert a.y == a.ay  # Keras's rule: same index i in the next batch, never i + 1
        assert a.x - a.ax < 1 and a.x > a.ax
        assert a.arrowcolor == OK_COLOR


def test_batch_layout_marks_every_link_a_shuffle_broke():
    order = [2, 0, 1, 3]  # only 0 -> 1 stays consecutive
    fig = batch_layout(2, 4, order=order, labels=LAYOUT)
    colors = [a.arrowcolor for a in arrows(fig)]
    consecutive = sum(order[j + 1] == order[j] + 1 for j in range(3))
    assert colors.count(OK_COLOR) == 2 * consecutive == 2
    assert colors.count(BROKEN_COLOR) == 2 * (3 - consecutive)
    assert list(fig.data[0].text)[:4] == ["a3", "a1", "a2", "a4"]


def test_batch_layout_can_show_the_translations_wrong_rule_crossed_out():
    fig = batch_layout(3, 3, labels={**LAYOUT, "wrong": "not i → i+1"})
    wrong = [a for a in arrows(fig) if a.ay != a.y]
    assert len(wrong) == 1 and wrong[0].arrowcolor == BROKEN_COLOR
    assert "✗ not i → i+1" in texts(fig)
    assert not [a for a in arrows(batch_layout(3, 3, labels=LAYOUT)) if a.ay != a.y]


def test_stateful_boxplot_has_one_box_per_arm_with_every_seed():
    rmse = np.array([[0.13, 0.12, 0.14], [0.01, 0.02, 0.015]])
    labels = {"title": "5.34", "y": "test RMSE"}
    fig = stateful_boxplot(rmse, arm_labels=["stateless", "stateful"], seeds=[0, 1, 2], labels=labels)
    assert [type(tr) for tr in fig.data] == [go.Box, go.Box]
    assert [tr.name for tr in fig.data] == ["stateless", "stateful"]
    for tr, row in zip(fig.data, rmse, strict=True):
        np.testing.assert_array_equal(tr.y, row)
        assert tr.boxpoints == "all"
        np.testing.assert_array_equal(tr.customdata, [0, 1, 2])


def test_error_by_position_counts_steps_from_one():
    labels = {"title": "by position", "x": "position", "y": "test RMSE"}
    fig = error_by_position(
        np.array([[0.3, 0.1, 0.05], [0.01, 0.01, 0.01]]), arm_labels=["a", "b"], labels=labels
    )
    assert len(fig.data) == 2
    np.testing.assert_array_equal(fig.data[0].x, [1, 2, 3])
    np.testing.assert_array_equal(fig.data[1].y, [0.01, 0.01, 0.01])


def test_sequence_table_shows_columns_and_rounded_numbers():
    fig = sequence_table(["step", "read", "output"], [(1, 4.0, 4.0), (2, 3.0, 5.0)], title="x")
    (table,) = fig.data
    assert list(table.header.values) == ["step", "read", "output"]
    assert [list(col) for col in table.cells.values] == [
        ["1", "2"],
        ["4.0000", "3.0000"],
        ["4.0000", "5.0000"],
    ]
