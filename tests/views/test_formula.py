"""The formula view's pure decisions and its figures, without Streamlit: cells, clicks, LaTeX, charts."""

import json

import numpy as np
import pytest

from core.term_factors import TermFactors
from visualizer.app.downloads import numbers_json
from visualizer.figures.formula import MAX_MARKERS, marker_stride, path_gains, running_sum, selectable_map
from visualizer.figures.heatmap import log10_heatmap
from visualizer.views.formula import (
    chain_latex,
    chosen_cell,
    clicked_cell,
    log_sum_text,
    power,
    shown,
    sizes_latex,
)

LABELS = {"title": "m", "x": "k", "y": "t", "lag": "lag", "zero": "zero", "selected": "sel"}


def test_the_chosen_cell_follows_t_and_is_capped_with_notes():
    assert chosen_cell(0, 1, "Ws", 60) == chosen_cell(60, 1, "Ws", 60)  # t = 0 is the last step
    cell = chosen_cell(80, 70, "Wx", 60)
    assert (cell.t, cell.k, cell.weight) == (60, 60, "Wx")
    assert [key for key, _ in cell.notes] == ["formula.note.t", "formula.note.k"]
    assert cell.notes[0][1] == {"t": 80, "T": 60} and cell.notes[1][1] == {"k": 70, "t": 60}
    assert chosen_cell(49, 12, "Ws", 60).notes == ()


def test_a_click_reads_t_from_y_and_k_from_x():
    assert clicked_cell([]) is None
    assert clicked_cell([{"curve_number": 0}]) is None  # beside the cells
    assert clicked_cell([{"x": 12, "y": 49}, {"x": 1, "y": 2}]) == (49, 12)
    assert clicked_cell([{"x": 30.0, "y": 20.0}]) == (20, 20)  # above the diagonal: no term, k = t


def factors(**changes) -> TermFactors:
    """A term worked by hand: t = 4, k = 2 (0-based), log10 sizes chosen so the sum is easy."""
    values = dict(
        t=4,
        k=2,
        weight="Ws",
        has_loss=True,
        loss_grad=0.5,
        readout_gain=-0.25,
        readout_bound=0.0,
        steps=np.array([3, 4]),
        step_gain=np.array([-1.0, -0.5]),
        step_bound=np.array([-0.5, 0.0]),
        fprime_gain=-0.125,
        fprime_bound=0.0,
        input_norm=0.25,
        cell=-1.125,  # 0.5 − 0.25 − 1.5 − 0.125 + 0.25
        exact_sum=-1.125,
        bound_sum=0.25,  # 0.5 + 0 − 0.5 + 0 + 0.25
        terms=np.array([-np.inf, -2.0, -1.125, -0.5, 0.0]),
        running=np.array([0.1, 0.1, 0.05, 0.02, 0.0]),
    )
    return TermFactors(**{**values, **changes})


def test_the_sizes_are_written_with_this_cells_numbers():
    exact, bound = sizes_latex(factors())
    assert r"\text{term}_{3}" in exact and exact.endswith("= 10^{-1.12}")  # -1.125 to two decimals
    assert r"\underbrace{10^{-1.50}}_{\prod_{j=4}^{5}" in exact  # the path: −1 − 0.5
    assert r"\lVert s_{2} \rVert" in exact and bound.startswith(r"\le") and bound.endswith("= 10^{0.25}")
    assert log_sum_text(factors()) == "0.50 + (-0.25) + (-1.50) + (-0.12) + 0.25"
    assert shown(-0.001) == "0.00" and shown(-np.inf) == "−∞"
    assert power(-np.inf) == "0" and power(np.nan) == r"\text{—}"
    zero = factors(step_gain=np.array([-np.inf, np.nan]), cell=-np.inf)
    assert r"\underbrace{0}_{\prod" in sizes_latex(zero)[0]  # one zero step makes the product 0
    assert r"\lVert x_{3} \rVert" in sizes_latex(factors(weight="Wx"))[0]


def test_short_chains_are_written_out_long_ones_as_a_product():
    short = chain_latex(5, 3, "Ws")
    assert r"\frac{\partial s_{5}}{\partial s_{4}}" in short and r"\prod" not in short
    long = chain_latex(49, 12, "Wx")
    assert r"\prod_{j=13}^{49}" in long and r"\partial^+ s_{12}}{\partial W_x}" in long


def test_the_map_gets_one_clickable_marker_per_cell_and_a_frame():
    z = np.full((6, 6), np.nan)
    z[np.tril_indices(6)] = np.arange(21, dtype=float) / 10
    z[3, 0] = -np.inf  # an exactly-zero term
    fig = selectable_map(log10_heatmap(z, labels=LABELS), selected=(5, 2), labels=LABELS)
    heat = [d for d in fig.data if d.type == "heatmap"]
    assert all(d.hoverinfo == "skip" for d in heat)  # the markers carry the hover now
    values, zeros, mark = fig.data[2], fig.data[3], fig.data[4]
    assert len(values.x) == np.isfinite(z).sum() == 20 and len(zeros.x) == 1
    assert (zeros.x[0], zeros.y[0]) == (1, 4)  # column k = 1, row t = 4, 1-based
    lookup = {(int(y), int(x)): c for x, y, c in zip(values.x, values.y, values.customdata, strict=True)}
    assert lookup[(6, 3)][1] == pytest.approx(z[5, 2]) and lookup[(6, 3)][0] == 3  # value and lag
    assert (mark.x[0], mark.y[0]) == (2, 5) and fig.layout.clickmode == "event+select"
    assert len(selectable_map(log10_heatmap(z, labels=LABELS), selected=None, labels=LABELS).data) == 4


def test_a_pooled_map_puts_its_markers_on_a_grid_of_the_pooled_cells_with_at_most_the_cap():
    z = np.tril(np.ones((300, 300)))
    z[z == 0] = np.nan
    fig = selectable_map(log10_heatmap(z, labels=LABELS), selected=None, labels=LABELS)
    xs, ys = np.asarray(fig.data[2].x), np.asarray(fig.data[2].y)
    # 2×2 pooled blocks: 150 × 151 / 2 = 11,325 cells, so a 5 × 5 grid of them (stride 10 steps).
    assert marker_stride(150 * 151 // 2) == 5 and len(xs) <= MAX_MARKERS
    assert xs.min() == 1 and set(np.diff(np.unique(xs))) == {10}
    assert set(np.diff(np.unique(ys))) == {10} and ys.max() == fig.data[1].y[-1]  # the last row has markers
    assert all(k <= t for k, t in zip(xs, ys, strict=True))


def test_a_map_up_to_the_cap_keeps_a_marker_on_every_cell():
    assert marker_stride(MAX_MARKERS) == 1 and marker_stride(MAX_MARKERS + 1) == 2
    n = 34  # 34 × 35 / 2 = 595 cells
    z = np.tril(np.ones((n, n)))
    z[z == 0] = np.nan
    fig = selectable_map(log10_heatmap(z, labels=LABELS), selected=None, labels=LABELS)
    assert len(fig.data[2].x) == n * (n + 1) // 2 <= MAX_MARKERS


PATH = {
    "title": "p",
    "x": "j",
    "y": "log10",
    "exact": "e",
    "bound": "b",
    "zero": "0",
    "none": "-",
    "empty": "∅",
}


def test_the_path_chart_draws_the_exact_gains_as_bars_and_the_bounds_as_markers():
    fig = path_gains(
        np.array([4, 5, 6]), np.array([-1.0, -np.inf, np.nan]), np.array([-0.5, 0, 0]), labels=PATH
    )
    bars, bounds = fig.data[0], fig.data[1]
    assert bars.type == "bar" and bars.y[0] == -1.0 and np.isnan(bars.y[1:]).all()
    assert list(bounds.y) == [-0.5, 0, 0]
    assert [d.name for d in fig.data[2:]] == ["0", "-"] and list(fig.data[2].x) == [5]
    empty = path_gains(np.array([]), np.array([]), np.array([]), labels=PATH)
    assert empty.layout.annotations[0].text == "∅"


def test_the_running_chart_marks_the_selected_k():
    labels = {"title": "r", "x": "k", "y": "y", "running": "Σ", "terms": "t", "selected": "k", "zero": "0"}
    running = np.array([0.3, 0.2, -np.inf])
    fig = running_sum(running, np.array([-1.0, 0.2, -np.inf]), k=2, labels=labels)
    assert list(fig.data[0].x) == [1, 2, 3] and fig.data[0].y[0] == 0.3
    zeros, mark = fig.data[2], fig.data[3]
    assert list(zeros.x) == [3] and (mark.x[0], mark.y[0]) == (2, 0.2)


def test_the_cells_numbers_go_into_the_pages_json_download():
    zero = factors(step_gain=np.array([-np.inf, np.nan]), cell=-np.inf)
    data = json.loads(numbers_json({"cell_term": zero}))["cell_term"]
    assert data["step_gain"] == ["-inf", None] and data["cell"] == "-inf" and data["steps"] == [3, 4]
    assert data["loss_grad"] == 0.5 and data["weight"] == "Ws"
