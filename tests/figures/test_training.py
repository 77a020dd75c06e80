"""visualizer.figures.training: the clipping lab's panels and the per-row reach map."""

import numpy as np

from visualizer.figures.training import PANELS, per_row_relative, reach_heatmap, training_panels


def run(n: int, cosine: float) -> dict[str, np.ndarray]:
    steps = np.arange(1, n + 1)
    return {
        "step": steps,
        "loss": np.linspace(1.4, 0.1, n),
        "heldout": np.where(steps % 5 == 0, 0.5, np.nan),
        "cosine": np.full(n, cosine) + np.random.default_rng(0).normal(0, 1e-7, n),
        "grad_norm": np.full(n, 3.0),
        "clipped_norm": np.full(n, 1.0),
        "clipped": np.ones(n),
    }


def test_the_cosine_axis_is_fixed_so_rounding_noise_around_one_is_not_drawn_as_a_swing():
    labels = {p: p for p in PANELS} | {"step": "step", "threshold": "θ"}
    fig = training_panels({"a": run(20, 1.0)}, labels=labels, threshold=1.0)
    cosine_axis = fig.layout[f"yaxis{PANELS.index('cosine') + 1}"]
    assert tuple(cosine_axis.range) == (-0.05, 1.05)


def test_each_row_is_shown_relative_to_its_own_largest_term():
    z = np.array([[-20.0, -25.0, -np.inf], [3.0, 1.0, 2.0], [np.nan, np.nan, np.nan]])
    relative = per_row_relative(z)
    np.testing.assert_allclose(relative[0, :2], [0.0, -5.0])
    assert relative[0, 2] == -np.inf
    np.testing.assert_allclose(relative[1], [0.0, -2.0, -1.0])
    assert np.isnan(relative[2]).all()


def test_the_reach_map_draws_the_markers_it_names_and_a_zero_topped_scale():
    z = np.array([[-20.0, -25.0, -22.0], [3.0, 1.0, 2.0]])
    labels = {"title": "r", "x": "k", "y": "step", "markers": "markers"}
    fig = reach_heatmap(z, steps=[10, 20], labels=labels, markers=(1, 3))
    heat = fig.data[0]
    assert heat.zmax == 0.0 and heat.zmin < 0
    assert np.nanmax(np.asarray(heat.z, dtype=float), axis=1).tolist() == [0.0, 0.0]
    lines = [s for s in fig.layout.shapes if s.type == "line" and s.x0 == s.x1]
    assert sorted(s.x0 for s in lines) == [1, 3]
    assert [a.text for a in fig.layout.annotations] == ["markers"]  # one label, no placeholder text


def test_the_threshold_label_sits_at_theta_on_the_log_axes_and_does_not_stretch_them():
    labels = {p: p for p in PANELS} | {"step": "s", "threshold": "θ = 100"}
    fig = training_panels({"a": run(20, 1.0)}, labels=labels, threshold=100.0)
    labels = [a for a in fig.layout.annotations if a.text == "θ = 100"]
    assert len(labels) == 2  # on ‖g‖ before and after clipping
    assert all(a.y == 2.0 for a in labels)  # log10(100): a log axis reads annotation y in decades
    axes = {f"y{PANELS.index(p) + 1}" for p in ("grad_norm", "clipped_norm")}
    assert {a.yref for a in labels} == axes
    lines = [s for s in fig.layout.shapes if s.y0 == s.y1 == 100.0]
    assert len(lines) == 2
