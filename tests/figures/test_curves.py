"""visualizer.figures.curves and .regime: assertions on fig.data and fig.layout."""

import numpy as np

from visualizer.figures.curves import decay_by_lag, per_step_line, singular_value_bars
from visualizer.figures.regime import regime_heatmap


def test_decay_chart_draws_the_pascanu_line_with_the_given_slope():
    rise = -0.1 * np.arange(8)
    fig = decay_by_lag(rise, bound_slope=np.log10(0.8), title="d", x_title="lag", y_title="rise")
    measured, bound = fig.data
    np.testing.assert_allclose(measured.y, rise)
    slope = np.polyfit(bound.x, bound.y, 1)[0]
    assert slope == np.log10(0.8) or abs(slope - np.log10(0.8)) < 1e-12
    assert bound.line.dash == "dash"


def test_decay_chart_has_no_bound_line_when_ws_is_zero_and_gaps_for_zero_terms():
    fig = decay_by_lag(
        np.array([0.0, -np.inf, -np.inf]), bound_slope=-np.inf, title="d", x_title="l", y_title="r"
    )
    assert len(fig.data) == 1
    assert np.isnan(fig.data[0].y[1])


def test_singular_values_marks_the_ones_above_one_over_gamma():
    fig = singular_value_bars(
        np.array([5.0, 3.0, 1.0]), one_over_gamma=4.0, title="s", x_title="i", y_title="σ"
    )
    colors = list(fig.data[0].marker.color)
    assert colors[0] != colors[1] == colors[2]
    assert fig.layout.shapes[0].y0 == 4.0


def test_per_step_line_marks_exactly_zero_steps():
    fig = per_step_line(np.array([1.0, -np.inf, 0.5]), title="w", x_title="t", y_title="v")
    assert list(fig.data[1].x) == [2]
    assert fig.data[1].y[0] < 0.5


def test_regime_map_puts_gains_across_and_draws_the_edge():
    z = np.array([[-3.0, -6.0], [0.0, 0.0], [2.0, 5.0]])  # (gains, lengths)
    fig = regime_heatmap(
        z,
        gains=np.array([0.5, 1.0, 2.0]),
        lengths=np.array([10, 20]),
        one_over_gamma=1.0,
        title="r",
        x_title="σ",
        y_title="T",
    )
    assert np.asarray(fig.data[0].z).shape == (2, 3)
    assert fig.layout.shapes[0].x0 == 1.0
    assert fig.data[0].colorbar.ticktext[0].startswith("1e-")


def test_regime_map_names_an_edge_that_lies_off_the_map():
    fig = regime_heatmap(
        np.zeros((3, 2)),
        gains=np.array([0.5, 1.0, 2.0]),
        lengths=np.array([2, 3]),
        one_over_gamma=4.0,
        title="r",
        x_title="σ",
        y_title="T",
        line_label="1/γ",
    )
    assert not fig.layout.shapes
    assert fig.layout.annotations[0].text == "1/γ = 4 →"
