"""visualizer.figures.cliff: assertions on fig.data and fig.layout, never pixels."""

import numpy as np

from visualizer.figures.cliff import LOG_FLOOR, cliff_contour, cliff_surface

WS = np.linspace(1.0, 10.0, 4)
BS = np.linspace(-6.0, 6.0, 3)
LOSS = np.array(
    [
        [0.49, 0.45, 0.4, 0.3],
        [0.2, 1e-3, 0.0, 0.09],  # an exact 0: the valley floor
        [0.09, 0.09, np.nan, 0.09],  # NaN: not computed, left a gap
    ]
)
UNCLIPPED = np.array([[4.5, -3.0], [4.6, -2.3], [8.9, 4.7], [30.0, 40.0]])  # thrown out of the window
CLIPPED = np.array([[4.5, -3.0], [4.6, -2.3], [4.55, -2.25], [np.nan, np.nan]])


def contour(**overrides):
    kwargs = dict(
        ws=WS,
        bs=BS,
        unclipped=UNCLIPPED,
        clipped=CLIPPED,
        wall_w=np.array([5.0, 9.0]),
        wall_b=np.array([-2.6, -5.1]),
        labels={"title": "cliff", "unclipped": "plain", "clipped": "clipped at 1"},
    )
    return cliff_contour(LOSS, **{**kwargs, **overrides})


def by_role(fig):
    return {trace.meta: trace for trace in fig.data}


def test_contour_colours_log10_loss_with_a_labelled_floor():
    fig = contour()
    surface = by_role(fig)["surface"]
    z = np.asarray(surface.z, dtype=float)
    assert z.shape == (3, 4) and list(surface.x) == list(WS) and list(surface.y) == list(BS)
    np.testing.assert_allclose(z[0], np.log10(LOSS[0]), rtol=1e-6)
    assert z[1, 2] == LOG_FLOOR  # E = 0 is drawn at the floor colour, not dropped
    assert np.isnan(z[2, 2])  # NaN stays a gap
    assert surface.colorscale[0][1] == "#00224e"  # cividis
    assert surface.colorbar.ticktext[0] == f"≤1e{int(LOG_FLOOR):+d}"  # the floor says it is a floor
    assert surface.colorbar.ticktext[-1] == "1" and surface.zmax == 0


def test_contour_draws_both_paths_the_start_and_the_wall():
    fig = contour()
    traces = by_role(fig)
    assert [t.meta for t in fig.data] == ["surface", "wall", "unclipped", "clipped", "start"]
    np.testing.assert_array_equal(np.column_stack([traces["unclipped"].x, traces["unclipped"].y]), UNCLIPPED)
    # The clipped path's non-finite last row is left out, not drawn as a jump to nowhere.
    np.testing.assert_array_equal(np.column_stack([traces["clipped"].x, traces["clipped"].y]), CLIPPED[:3])
    assert (traces["start"].x[0], traces["start"].y[0]) == (4.5, -3.0)
    assert list(traces["wall"].x) == [5.0, 9.0] and traces["wall"].line.dash == "dash"
    assert traces["unclipped"].name == "plain" and traces["clipped"].name == "clipped at 1"
    assert traces["unclipped"].line.color != traces["clipped"].line.color


def test_a_path_that_leaves_the_window_gets_an_arrow_to_where_it_ended():
    fig = contour()
    assert tuple(fig.layout.xaxis.range) == (1.0, 10.0) and tuple(fig.layout.yaxis.range) == (-6.0, 6.0)
    (arrow,) = [a for a in fig.layout.annotations if a.name == "offscreen"]
    assert (arrow.x, arrow.y) == (10.0, 6.0)  # clamped to the frame's corner nearest (30, 40)
    assert arrow.text == "plain: ends at (30, 40)"
    inside = contour(unclipped=UNCLIPPED[:3])
    assert not [a for a in inside.layout.annotations if a.name == "offscreen"]


def test_surface_keeps_linear_loss_and_only_the_paths_inside_its_window():
    fig = cliff_surface(
        LOSS,
        ws=WS,
        bs=BS,
        unclipped=UNCLIPPED,
        unclipped_losses=np.array([0.4, 0.01, 0.09, 0.09]),
        clipped=CLIPPED,
        clipped_losses=np.array([0.4, 0.01, 0.005, np.nan]),
        labels={"title": "surface"},
    )
    traces = by_role(fig)
    np.testing.assert_allclose(np.asarray(traces["surface"].z, dtype=float)[0], LOSS[0], rtol=1e-6)
    assert len(traces["unclipped"].x) == 3  # (30, 40) is outside the window
    assert len(traces["clipped"].x) == 3  # the NaN row is dropped
    lift = np.asarray(traces["clipped"].z) - np.array([0.4, 0.01, 0.005])
    assert np.all(lift > 0) and np.allclose(lift, lift[0])  # one small lift, so the path shows above E
    assert fig.layout.scene.zaxis.title.text == "E"
