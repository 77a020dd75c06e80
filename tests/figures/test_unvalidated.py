"""The figures a page sends are the same with Plotly's layout checks off (as the server runs) and on.

visualizer.figures.style.figure() skips the layout checks outside the tests, for speed; a
builder that relied on them (a bare string where Plotly wants {"text": ...}, say) would send
the browser something else. Each builder here is built both ways and the JSON compared.
"""

import json

import numpy as np
import plotly.io as pio
import pytest

from visualizer.figures import curves, formula, heatmap, style

LABELS = {"title": "T", "x": "X", "y": "Y", "zero": "0", "lag": "lag", "selected": "sel"}
LABELS |= {"measured": "m", "bound": "b", "no_reach": "none reaches", "line": "1/γ", "all_zero": "all 0"}
LABELS |= {"exact": "e", "none": "n", "empty": "nothing", "running": "Σ", "terms": "terms"}


def lower_triangle(n: int, seed: int) -> np.ndarray:
    """A (n, n) log10 map with NaN above the diagonal and a few exactly-zero (-inf) terms."""
    z = np.random.default_rng(seed).normal(-3, 2, (n, n))
    z[np.triu_indices(n, 1)] = np.nan
    z[n - 1, 0] = -np.inf
    return z


def builders():
    rng = np.random.default_rng(0)
    rise = np.concatenate([[0.0], -0.3 * np.arange(1, 30), [-np.inf]])
    values = np.concatenate([rng.normal(-2, 1, 20), [-np.inf]])
    return {
        "map": lambda: heatmap.log10_heatmap(lower_triangle(40, 1), labels=LABELS, zmin=-8, zmax=2),
        "pooled map": lambda: heatmap.log10_heatmap(lower_triangle(300, 2), labels=LABELS),
        "selectable map": lambda: formula.selectable_map(
            heatmap.log10_heatmap(lower_triangle(40, 3), labels=LABELS), selected=(30, 4), labels=LABELS
        ),
        "decay": lambda: curves.decay_by_lag(rise, bound_slope=-0.2, labels=LABELS),
        "decay, no reach": lambda: curves.decay_by_lag(
            np.array([0.0, -np.inf, -np.inf]), bound_slope=np.nan, labels=LABELS
        ),
        "σ bars": lambda: curves.singular_value_bars(
            rng.uniform(0, 2, 16), one_over_gamma=1.0, labels=LABELS
        ),
        "σ bars, all 0": lambda: curves.singular_value_bars(np.zeros(4), one_over_gamma=4.0, labels=LABELS),
        "per step": lambda: curves.per_step_line(values, labels=LABELS, symbol="k"),
        "path": lambda: formula.path_gains(
            np.arange(3, 10), rng.normal(0, 0.3, 7), rng.normal(0.1, 0.3, 7), labels=LABELS
        ),
        "empty path": lambda: formula.path_gains(np.arange(0), np.zeros(0), np.zeros(0), labels=LABELS),
        "running": lambda: formula.running_sum(np.cumsum(values)[::-1], values, k=5, labels=LABELS),
    }


@pytest.mark.parametrize("name", list(builders()))
def test_a_figure_sends_the_same_json_with_and_without_layout_checks(name, monkeypatch):
    monkeypatch.setattr(style, "VALIDATE", True)
    checked = json.loads(pio.to_json(builders()[name]().to_dict(), validate=False))
    monkeypatch.setattr(style, "VALIDATE", False)
    fast = builders()[name]()
    assert fast._validate is False  # the fast path was taken
    # The same object once parsed, as the browser sees it (key order may differ).
    assert json.loads(pio.to_json(fast.to_dict(), validate=False)) == checked
