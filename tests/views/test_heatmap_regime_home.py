"""Pure decisions of the heatmap, regime, home and tour views, without Streamlit running."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.spectra import classify_regime
from visualizer.app.url_state import parse
from visualizer.views import heatmap, home, regime, tour
from visualizer.views.heatmap import HeatmapSettings
from visualizer.views.regime import RegimeSettings


def test_heatmap_settings_map_one_to_one_onto_the_core_experiment():
    settings = HeatmapSettings.from_values({"T": 12, "sigma": 1.25, "act": "relu", "H": 5, "loss": "last"})
    config = settings.config()
    assert (config.n_steps, config.sigma_max, config.activation, config.n_hidden) == (12, 1.25, "relu", 5)
    assert (config.loss_steps, config.recurrent_init, config.input_scale, config.seed) == (
        "last",
        "orthogonal",
        1.0,
        0,
    )


@pytest.mark.parametrize(
    "row, kind",
    [(np.array([-9.0, -6.0, -3.0, 0.0]), "vanishing"), (np.array([9.0, 6.0, 3.0, 0.0]), "exploding")],
)
def test_the_verdict_names_the_regime_core_finds_and_its_numbers(row, kind):
    view = {"regime": classify_regime(row, 1.2, "linear")}
    said, text = heatmap.verdict(view, 4, lambda key, **values: f"{key}|{sorted(values.items())}")
    assert said == kind == view["regime"].kind
    assert text.startswith(f"heatmap.badge.{kind}.") and "('tol', 0.01)" in text


def test_a_click_on_the_regime_map_opens_the_heatmap_on_that_cell():
    settings = RegimeSettings.from_values({"act": "sigmoid", "H": 8, "seed": 3})
    assert regime.clicked_heatmap([], settings) is None
    assert regime.clicked_heatmap([{"x": 1.0}], settings) is None  # beside the cells: no point
    link = regime.clicked_heatmap([{"x": 2.35, "y": 41.6}], settings)
    values, notes = parse(link, HeatmapSettings.specs())
    assert not notes
    opened = HeatmapSettings.from_values(values)
    assert (opened.T, opened.sigma, opened.act, opened.H, opened.seed) == (42, 2.35, "sigmoid", 8, 3)


@pytest.mark.parametrize("card", [c for c in home.CARDS if c[1] is heatmap.PAGE], ids=lambda c: c[0])
def test_each_heatmap_card_opens_exactly_its_preset(card):
    key, info, query = card
    values, notes = parse(query, info.specs())
    assert not notes and info.settings.from_values(values) == info.preset(key)


def test_tour_steps_parse_cleanly_on_their_pages():
    pages = {info.path: info for info in (heatmap.PAGE, regime.PAGE)}
    checked = 0
    for step in tour.STEPS:
        if step.page in pages:
            values, notes = parse(step.query, pages[step.page].specs())
            assert not notes, (step.key, notes)
            checked += 1
    assert checked >= 4
    vanishing = next(s for s in tour.STEPS if s.key == "vanishing")
    values, _ = parse(vanishing.query, HeatmapSettings.specs())
    assert HeatmapSettings.from_values(values) == heatmap.PAGE.preset("vanishing")
    assert dataclasses.asdict(heatmap.PAGE.defaults()) == {
        n: s.default for n, s in HeatmapSettings.specs().items()
    }
