"""visualizer.figures.heatmap: assertions on fig.data and fig.layout, never pixels."""

import numpy as np

from visualizer.figures.heatmap import log10_heatmap, pool_max
from visualizer.figures.style import decade_ticks, value_range

AXES = {"title": "m", "x": "k", "y": "t"}


def sample_map():
    z = np.full((4, 4), np.nan)
    z[np.tril_indices(4)] = [0.0, -1.0, 0.5, -2.0, -1.5, 1.0, -np.inf, -3.0, -2.5, 2.0]
    return z


def test_heatmap_keeps_shape_and_one_based_axes():
    fig = log10_heatmap(sample_map(), labels=AXES)
    main = fig.data[1]
    assert np.asarray(main.z).shape == (4, 4)
    assert list(main.x) == [1, 2, 3, 4] and list(main.y) == [1, 2, 3, 4]
    assert fig.layout.yaxis.autorange == "reversed"  # t = 1 on top, as in the chapter's figures


def test_no_term_cells_are_gaps_and_zero_cells_get_their_own_layer():
    z = sample_map()
    fig = log10_heatmap(z, labels=AXES)
    zero_layer, main = np.asarray(fig.data[0].z, float), np.asarray(main_z := fig.data[1].z, float)
    assert np.isnan(main[0, 3]) and np.isnan(zero_layer[0, 3])  # k > t: nothing drawn
    assert np.isnan(main[3, 0]) and zero_layer[3, 0] == 0.0  # exactly 0: only the grey layer
    assert main_z is not None and np.isfinite(main[np.isfinite(z)]).all()
    assert main.shape == zero_layer.shape


def test_colour_bar_has_labelled_decade_ticks_and_a_colour_blind_safe_scale():
    fig = log10_heatmap(sample_map(), labels=AXES)
    main = fig.data[1]
    assert main.zmin == -3.0 and main.zmax == 2.0
    assert list(main.colorbar.tickvals) == [-3, -2, -1, 0, 1, 2]
    assert list(main.colorbar.ticktext) == ["1e-3", "1e-2", "1e-1", "1", "1e+1", "1e+2"]
    assert main.colorscale[0][1] == "#00224e"  # cividis: dark blue to yellow


def test_hover_shows_lag_per_cell():
    fig = log10_heatmap(sample_map(), labels=AXES)
    lag = np.asarray(fig.data[1].customdata)
    assert lag[3, 1] == 2 and lag[2, 2] == 0
    assert "lag" in fig.data[1].hovertemplate
    translated = log10_heatmap(sample_map(), labels={**AXES, "lag": "间隔"})
    assert "间隔 = " in translated.data[1].hovertemplate and "lag" not in translated.data[1].hovertemplate


def test_decade_ticks_thin_out_over_wide_ranges():
    values, labels = decade_ticks(-240.0, 3.0)
    assert 2 <= len(values) <= 9
    assert all(-240 <= v <= 3 for v in values)
    assert values == [-200.0, -150.0, -100.0, -50.0, 0.0]
    assert labels == ["1e-200", "1e-150", "1e-100", "1e-50", "1"]


def test_value_range_ignores_non_finite_and_widens_a_flat_map():
    assert value_range(np.array([[np.nan, -np.inf], [1.0, 3.0]])) == (1.0, 3.0)
    assert value_range(np.array([[2.0]])) == (1.5, 2.5)
    assert value_range(np.array([[np.nan]])) == (-1.0, 1.0)


def test_large_maps_are_pooled_by_block_max():
    z = np.full((600, 600), np.nan)
    z[np.tril_indices(600)] = -5.0
    z[599, 0] = 3.0  # one strong term must survive pooling
    fig = log10_heatmap(z, labels=AXES, max_side=250)
    main = np.asarray(fig.data[1].z, float)
    assert main.shape == (200, 200)  # factor 3
    assert main[199, 0] == 3.0 and main[0, 0] == -5.0 and np.isnan(main[0, 199])
    assert list(fig.data[1].x[:3]) == [1, 4, 7]
    assert "3×3" in fig.layout.title.text


def test_pool_max_keeps_minus_inf_blocks():
    z = np.array([[-np.inf, np.nan], [-np.inf, -np.inf]])
    assert pool_max(z, 2)[0, 0] == -np.inf
