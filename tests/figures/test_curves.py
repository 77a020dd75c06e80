"""visualizer.figures.curves and .regime: assertions on fig.data and fig.layout."""

import numpy as np

from visualizer.figures.curves import decay_by_lag, per_step_line, singular_value_bars
from visualizer.figures.regime import CLIP, regime_heatmap

DECAY = {"title": "d", "x": "lag", "y": "rise", "measured": "measured", "bound": "bound"}
DECAY |= {"zero": "exactly 0", "no_reach": ""}
BARS = {"title": "s", "x": "i", "y": "σ", "line": "1/γ", "all_zero": ""}
REGIME = {"title": "r", "x": "σ", "y": "T", "line": "σ_max = 1/γ", "colorbar": "ratio", "zero": "exactly 0"}


def test_decay_chart_draws_the_pascanu_line_with_the_given_slope():
    rise = -0.1 * np.arange(8)
    fig = decay_by_lag(rise, bound_slope=np.log10(0.8), labels=DECAY)
    measured, bound = fig.data
    np.testing.assert_allclose(measured.y, rise)
    slope = np.polyfit(bound.x, bound.y, 1)[0]
    assert slope == np.log10(0.8) or abs(slope - np.log10(0.8)) < 1e-12
    assert bound.line.dash == "dash"


def test_decay_chart_has_no_bound_line_when_ws_is_zero_and_gaps_for_zero_terms():
    fig = decay_by_lag(np.array([0.0, -np.inf, -np.inf]), bound_slope=-np.inf, labels=DECAY)
    measured, zeros = fig.data  # no bound line: log10(γ·0) = -inf
    assert np.isnan(measured.y[1])
    assert list(zeros.x) == [1, 2] and zeros.name == "exactly 0"  # the exact zeros are drawn, not left out


def test_decay_chart_says_why_nothing_reaches_back_when_ws_is_zero():
    kwargs = dict(bound_slope=-np.inf, labels={**DECAY, "x": "间隔", "no_reach": "Ws = 0: 无"})
    fig = decay_by_lag(np.array([0.0, -np.inf, -np.inf]), **kwargs)
    assert [a.text for a in fig.layout.annotations] == ["Ws = 0: 无"]
    assert "间隔" in fig.data[0].hovertemplate  # the hover speaks the page's language
    reached = decay_by_lag(np.array([0.0, -1.0, -np.inf]), **kwargs)
    assert not reached.layout.annotations  # one lag reached: nothing to explain


def test_singular_values_all_zero_get_a_note_instead_of_an_empty_chart():
    kwargs = dict(one_over_gamma=1.0, labels={**BARS, "all_zero": "all 0"})
    assert "all 0" in [a.text for a in singular_value_bars(np.zeros(4), **kwargs).layout.annotations]
    assert "all 0" not in [a.text for a in singular_value_bars(np.ones(4), **kwargs).layout.annotations]


def test_singular_values_marks_the_ones_above_one_over_gamma():
    fig = singular_value_bars(np.array([5.0, 3.0, 1.0]), one_over_gamma=4.0, labels=BARS)
    colors = list(fig.data[0].marker.color)
    assert colors[0] != colors[1] == colors[2]
    assert fig.layout.shapes[0].y0 == 4.0


def test_per_step_line_marks_exactly_zero_steps():
    fig = per_step_line(np.array([1.0, -np.inf, 0.5]), labels={"title": "w", "x": "t", "y": "v", "zero": "0"})
    assert list(fig.data[1].x) == [2]
    assert fig.data[1].y[0] < 0.5


def test_regime_map_puts_gains_across_and_draws_the_edge():
    z = np.array([[-3.0, -6.0], [0.0, 0.0], [2.0, 5.0]])  # (gains, lengths)
    fig = regime_heatmap(
        z,
        gains=np.array([0.5, 1.0, 2.0]),
        lengths=np.array([10, 20]),
        one_over_gamma=1.0,
        labels=REGIME,
    )
    assert np.asarray(fig.data[0].z).shape == (2, 3)
    assert fig.layout.shapes[0].x0 == 1.0
    assert fig.layout.shapes[0].line.color != "white"  # the scale's centre is white


def test_regime_colour_is_diverging_around_one_and_clipped_but_hover_is_true():
    z = np.array([[-250.0, -22.7], [0.0, 0.5], [8.4, 40.0]])  # (gains, lengths)
    fig = regime_heatmap(
        z,
        gains=np.array([0.5, 1.0, 2.95]),
        lengths=np.array([10, 200]),
        one_over_gamma=1.0,
        labels={**REGIME, "colorbar": "比值"},
    )
    colour, cells = fig.data
    assert (colour.zmin, colour.zmid, colour.zmax) == (-CLIP, 0.0, CLIP) and CLIP == 10
    assert colour.colorbar.title.text == "比值"
    assert list(colour.colorbar.ticktext) == ["≤ 1e-10", "1e-5", "1", "1e+5", "≥ 1e+10"]
    low, mid, high = (
        colour.colorscale[0][1],
        colour.colorscale[len(colour.colorscale) // 2][1],
        colour.colorscale[-1][1],
    )
    assert mid == "rgb(247,247,247)" and low != high  # white at a ratio of 1; blue and red at the ends
    # Every cell has a clickable point at its own (σ, T), hovering the unclipped value.
    assert list(zip(cells.x, cells.y, cells.customdata, strict=True))[:3] == [
        (0.5, 10, "10^-250.0"),
        (1.0, 10, "10^0.0"),
        (2.95, 10, "10^8.4"),
    ]
    assert cells.customdata[5] == "10^40.0" and colour.hoverinfo == "skip"
    assert fig.layout.clickmode == "event+select"


def test_regime_map_names_an_edge_that_lies_off_the_map():
    fig = regime_heatmap(
        np.zeros((3, 2)),
        gains=np.array([0.5, 1.0, 2.0]),
        lengths=np.array([2, 3]),
        one_over_gamma=4.0,
        labels={**REGIME, "line": "1/γ"},
    )
    assert not fig.layout.shapes
    assert fig.layout.annotations[0].text == "1/γ = 4 →"
