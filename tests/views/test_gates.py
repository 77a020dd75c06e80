"""visualizer.views.gates and figures.gates without Streamlit: settings, presets, verdicts, figures."""

import dataclasses
import math

import numpy as np
import pytest

from core.gated import compare
from core.training import gates_lab
from visualizer.app.url_state import parse
from visualizer.figures import gates as figures
from visualizer.figures.style import SERIES
from visualizer.views import catalog, gates, home, tour
from visualizer.views.gates.maps import verdict
from visualizer.views.gates.settings import GatesSettings, lessons, preset_values


def test_the_defaults_are_the_cores_default_comparison_and_hold_its_lesson():
    defaults = gates.PAGE.defaults()
    assert defaults.config() == compare.PRESETS["default"]
    assert lessons(defaults) == ["default"]


@pytest.mark.parametrize("name", list(compare.PRESETS))
def test_each_preset_is_the_core_preset_and_states_only_its_own_lesson(name):
    settings = gates.PAGE.preset(name)
    assert settings.config() == compare.PRESETS[name]
    assert GatesSettings.from_values(preset_values(name)).config() == compare.PRESETS[name]
    assert lessons(settings) == [name]
    assert lessons(dataclasses.replace(settings, T=settings.T + 1)) == []  # off the preset: no lesson
    assert lessons(dataclasses.replace(settings, steps=settings.steps + 10)) == [name]  # the lab's own


def test_the_lab_trains_the_chosen_core_lab_with_the_pages_seed_and_steps():
    assert gates.PAGE.defaults().lab_config() == gates_lab.PRESETS["default"]  # opens on the core's lab
    for name, base in gates_lab.PRESETS.items():
        settings = GatesSettings.from_values({"lab": name, "seed": 7, "steps": 40, "T": 30, "forget": -2.0})
        assert settings.lab_config() == dataclasses.replace(base, seed=7, steps=40)  # not the maps' T or bias


def test_slider_noise_is_rounded_away_so_one_setting_is_one_cache_entry():
    noisy = GatesSettings.from_values({"forget": 0.1 + 0.2, "scale": 0.30000000000000004})
    clean = GatesSettings.from_values({"forget": 0.3, "scale": 0.3})
    assert noisy.config() == clean.config() and hash(noisy.config()) == hash(clean.config())


@pytest.mark.parametrize(
    ("reach", "n_steps", "expected"),
    [
        (-3.0, 31, ("reach", {"exponent": "−3.0", "lags": 30, "per_step": "−0.100"})),  # 3 decades / 30
        (0.25, 2, ("reach", {"exponent": "+0.2", "lags": 1, "per_step": "+0.250"})),  # round half to even
        (-math.inf, 10, ("zero", {"lags": 9})),
        (math.nan, 10, ("none", {"lags": 9})),
        (-1.0, 1, ("none", {"lags": 0})),
    ],
)
def test_a_verdict_names_the_reach_in_decades_over_the_lags(reach, n_steps, expected):
    assert verdict(reach, n_steps) == expected


def test_the_page_sits_after_the_regime_map_and_is_on_the_tour_and_the_home_page():
    names = [info.name for info in catalog.PAGES]
    assert names.index("gates") == names.index("regime") + 1
    assert any(info is gates.PAGE for _, info, _ in home.CARDS)
    keys = [s.key for s in tour.STEPS]
    assert keys.index("gates") > max(keys.index(k) for k in ("vanishing", "exploding", "regime"))
    step = next(s for s in tour.STEPS if s.key == "gates")
    values, notes = parse(step.query, GatesSettings.specs())
    assert not notes and GatesSettings.from_values(values).config() == compare.PRESETS["open_gates"]


def test_decay_by_cell_draws_one_line_per_cell_in_the_series_colours_with_gaps_for_no_value():
    rises = {"a": np.array([0.0, -1.0, -np.inf]), "b": np.array([0.0, np.nan, -0.5]), "c": np.zeros(3)}
    fig = figures.decay_by_cell(rises, labels={"title": "t", "x": "lag", "y": "rise"})
    assert [d.name for d in fig.data] == ["a", "b", "c"]
    assert [d.line.color for d in fig.data] == list(SERIES[:3])
    np.testing.assert_array_equal(fig.data[0].y, [0.0, -1.0, np.nan])
    np.testing.assert_array_equal(fig.data[1].x, [0, 1, 2])


def test_accuracy_by_cell_plots_only_measured_steps_beside_the_chance_line_in_every_panel():
    runs = {
        name: {"step": np.arange(1, 6), "heldout": np.array([np.nan, 0.3, np.nan, 0.6, 0.9])}
        for name in ("SimpleRNN", "GRU", "LSTM")
    }
    labels = {"step": "step", "accuracy": "acc", "chance": "chance"}
    fig = figures.accuracy_by_cell(runs, labels=labels, chance=0.25)
    assert len(fig.data) == 3
    for trace in fig.data:
        np.testing.assert_array_equal(trace.x, [2, 4, 5])
        np.testing.assert_array_equal(trace.y, [0.3, 0.6, 0.9])
    chance_lines = [s for s in fig.layout.shapes if s.y0 == 0.25 and s.y1 == 0.25]
    assert len(chance_lines) == 3


def test_reach_by_cell_puts_before_and_after_on_one_colour_range_rows_as_cells():
    before = np.array([[-6.0, -3.0, 0.0], [-2.0, -1.0, 0.0]])
    after = np.array([[-9.0, -4.0, 1.0], [-np.inf, -1.0, 0.5]])
    fig = figures.reach_by_cell(
        before, after, cells=["A", "B"], labels={"before": "b", "after": "a", "x": "k", "colorbar": "c"}
    )
    assert [(d.zmin, d.zmax) for d in fig.data] == [(-9.0, 1.0), (-9.0, 1.0)]
    assert list(fig.data[0].y) == ["A", "B"] and list(fig.data[1].x) == [1, 2, 3]
    assert np.isnan(np.asarray(fig.data[1].z, dtype=float)[1, 0])  # an exactly-zero gradient is a gap
