"""The authorship figures: the character strip has a real drawing area, user text is never HTML."""

import plotly.graph_objects as go

from visualizer.figures.authorship import (
    character_gradients,
    gradient_reach,
    model_comparison,
    prediction_bars,
)


def drawing_height(fig: go.Figure) -> float:
    """Plot-area height in px as Plotly lays it out: height minus top and bottom margins (default 100, 80)."""
    margin = fig.layout.margin
    top = 100 if margin.t is None else margin.t
    bottom = 80 if margin.b is None else margin.b
    return fig.layout.height - top - bottom


def test_the_character_strip_has_a_row_of_cells_per_row_of_characters():
    for n, rows in ((20, 1), (100, 2), (200, 4)):
        fig = character_gradients(
            list("ab " * 70)[:n], [-float(k) for k in range(n)], labels={"title": "chars"}
        )
        assert fig.data[0].z.shape[0] == rows
        assert drawing_height(fig) >= 30 * rows, (n, drawing_height(fig))  # was 158 - 180 px for 2 rows


def test_user_text_in_labels_is_shown_not_parsed_as_html():
    evil = '<a href="https://evil.example/">Log in</a>'
    bars = prediction_bars(
        [evil, "d2"], [evil, "<img src=x>"], [[0.5, 0.5], [0.2, 0.8]], labels={"title": "t", "x": "p"}
    )
    labels = [str(t.name) for t in bars.data] + [str(y) for t in bars.data for y in t.y]
    assert labels and not any("<" in label or ">" in label for label in labels), labels
    assert "&lt;a href=" in bars.data[0].name
    chars = character_gradients(list("<a>"), [0.0, -1.0, -2.0], labels={"title": "t"})
    cells = [c for row in chars.data[0].text for c in row if c]
    assert cells == ["&lt;", "a", "&gt;"]


def test_the_reach_chart_counts_characters_back_from_the_end():
    labels = {"title": "t", "x": "x", "y": "y", "floor": "1 %"}
    fig = gradient_reach({"mean": [1.0, 0.5, 0.0], "<b>last</b>": [-6.0, -3.0, 0.0]}, labels=labels)
    assert list(fig.data[0].x) == [2, 1, 0]  # k = 1 is 2 characters before the last one
    assert list(fig.data[1].y) == [-6.0, -3.0, 0.0] and "<" not in fig.data[1].name


def test_the_error_bars_span_each_interval():
    labels = {"title": "t", "y": "y", "chance": "chance"}
    fig = model_comparison(["a", "b"], [0.9, 0.6], [(0.8, 0.95), (0.4, 0.7)], labels=labels, chance=0.5)
    bars = fig.data[0].error_y
    # upper end = value + array, lower end = value - arrayminus: the intervals as given
    assert [round(v + d, 9) for v, d in zip((0.9, 0.6), bars.array, strict=True)] == [0.95, 0.7]
    assert [round(v - d, 9) for v, d in zip((0.9, 0.6), bars.arrayminus, strict=True)] == [0.8, 0.4]
