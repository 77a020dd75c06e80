"""visualizer.views.clipping without Streamlit: settings -> the core's configs, presets, lessons, warm-up."""

import dataclasses
import threading

import numpy as np
import pytest

from core.training import clipping_lab
from visualizer.app.url_state import parse
from visualizer.views import clipping
from visualizer.views.clipping import cliff, runs
from visualizer.views.clipping.settings import (
    CliffSettings,
    ClippingSettings,
    LabSettings,
    config_from,
    lessons,
    preset_values,
)


def test_the_page_binds_the_labs_controls_then_the_cliffs_under_one_settings_class():
    assert clipping.PAGE.settings is ClippingSettings
    assert list(ClippingSettings.specs()) == [*LabSettings.specs(), *CliffSettings.specs()]
    assert (
        ClippingSettings.key("cliff_w0") == "clipping_cliff_w0" and ClippingSettings.key("T") == "clipping_T"
    )
    assert set(cliff.SLIDERS) | {"cliff_3d"} == set(CliffSettings.specs())


def test_the_defaults_are_the_explodes_preset_and_hold_its_lesson():
    defaults = clipping.PAGE.defaults()
    assert defaults.config() == clipping_lab.PRESETS["explodes"]
    assert lessons(defaults) == ["explodes"]


@pytest.mark.parametrize("name", list(clipping_lab.PRESETS))
def test_each_preset_is_the_core_preset_and_states_only_its_own_lesson(name):
    settings = clipping.PAGE.preset(name)
    assert settings.config() == clipping_lab.PRESETS[name]
    assert config_from(preset_values(name)) == clipping_lab.PRESETS[name]
    assert lessons(settings) == [name]
    assert lessons(dataclasses.replace(settings, T=settings.T + 1)) == []  # off the preset: no lesson


def test_the_cliff_controls_do_not_change_the_lesson():
    moved = dataclasses.replace(clipping.PAGE.defaults(), cliff_w0=6.0, cliff_3d=True)
    assert lessons(moved) == ["explodes"]


def test_every_number_choice_reaches_the_core_as_its_number():
    for h in LabSettings.specs()["H"].choices:
        assert LabSettings.from_values({"H": h}).config().n_hidden == int(h)
    for lr in LabSettings.specs()["lr"].choices:
        assert LabSettings.from_values({"lr": lr}).config().learning_rate == float(lr)
    for theta in LabSettings.specs()["theta"].choices:
        assert LabSettings.from_values({"theta": theta}).config().threshold == float(theta)


def test_the_tours_link_names_controls_that_parse():
    query = clipping.PAGE.link(task="temporal_order", sigma=1.1, theta=1)
    values, notes = parse(query, ClippingSettings.specs())
    assert not notes
    assert (values["task"], values["sigma"], values["theta"]) == ("temporal_order", 1.1, "1")


def test_the_cliff_start_is_rounded_for_the_cache_and_named_like_the_descent():
    settings = CliffSettings.from_values({"cliff_w0": 4.500000000001, "cliff_steps": 20, "cliff_T": 10})
    start = settings.start()
    assert start == (4.5, -3.0, 0.1, 1.0, 20, 10)
    assert list(start._asdict()) == ["w0", "b0", "lr", "threshold", "steps", "n_steps"]


def test_a_cliff_summary_names_what_its_caption_shows():
    run = {
        "points": np.array([[4.5, -3.0], [4.6, -2.9]]),
        "grad_norms": np.array([2.0, 0.5]),
        "step_norms": np.array([0.14]),
        "clipped": np.array([True]),
    }
    assert cliff.summary(run) == {"taken": 1, "n_clipped": 1, "step": 0.14, "w": 4.6, "b": -2.9, "grad": 0.5}


def test_the_three_runs_advance_in_turns_and_the_history_gathers_them():
    config = dataclasses.replace(clipping_lab.PRESETS["no_need"], n_steps=10, n_hidden=4, steps=12, seed=3)
    items: list = []
    runs._train_three(config, items.append, threading.Event())
    firsts = [item[0] for item in items if not isinstance(item, runs.Snapshot)][:: runs.STEPS_PER_TURN]
    assert firsts[:3] == list(runs.RUNS)  # one turn each, in legend order

    class Done:  # a finished job holding those items
        def items(self):
            return items

    hist = runs.history(Done())
    for name in runs.RUNS:
        assert hist.runs[name]["step"].tolist() == list(range(1, 13))
        assert [s.step for s in hist.snapshots[name]] == sorted(s.step for s in hist.snapshots[name])
    assert not hist.diverged


def test_warm_takes_the_none_runs_first_steps_through_its_first_evaluation_and_the_cliff(monkeypatch):
    taken: list = []
    warmed: list = []

    def counted_run(config, clip):
        for step in range(1, 1000):
            taken.append((config, clip, step))
            yield step

    monkeypatch.setattr(clipping_lab, "run", counted_run)
    monkeypatch.setattr(cliff, "warm", warmed.append)
    clipping.PAGE.warm(clipping.PAGE.defaults())
    explodes = clipping_lab.PRESETS["explodes"]
    assert [(config, clip) for config, clip, _ in taken] == [(explodes, "none")] * explodes.train_config(
        "none"
    ).eval_every
    assert warmed == [CliffSettings().start()]
    assert not clipping.PAGE.warm_presets
