"""The clipping page under AppTest: renders in both languages, follows URLs and presets, trains live."""

import dataclasses
import json

import numpy as np
import pytest

from core.training import clipping_lab
from tests.pages.test_pages import plotly_array, start
from visualizer.views import clipping as clipping_runs

PAGE = "pages/clipping.py"
LABELS = {"none": "no clipping", "global_norm": "clip by norm", "value": "clip by value"}  # English legend
TINY = {"task": "temporal_order", "T": "20", "H": "16", "steps": "60", "lr": "0.1", "theta": "1", "seed": "5"}


def panels_spec(at) -> dict:
    """The six-panel training figure's JSON (its traces carry {"run", "panel"} in meta)."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if any(isinstance(d.get("meta"), dict) and "panel" in d["meta"] for d in spec["data"]):
            return spec
    raise AssertionError("no training panels on the page")


def panel_line(spec: dict, run_label: str, panel: str) -> np.ndarray:
    trace = next(d for d in spec["data"] if d.get("meta") == {"run": run_label, "panel": panel})
    return plotly_array(trace["y"])


def train_to_the_end(at, timeout_s: float = 240):
    at.button(key="clipping_train").click().run()
    names = [*TINY, "sigma", "opt"]
    config = clipping_runs.config_from({k: at.session_state[f"clipping_{k}"] for k in names})
    job = clipping_runs.find(config)
    assert job is not None, "pressing train started no job"
    assert job.finished.wait(timeout_s), "training did not finish"
    return at.run(), config


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_clipping_page_renders_in_both_languages_with_the_cliff_panel(lang):
    at = start({"lang": lang}, page=PAGE)
    assert not at.exception and not at.error
    assert at.title[0].value == (
        "梯度裁剪能挽救训练吗？" if lang == "zh" else "Does gradient clipping rescue training?"
    )
    metas = [d.get("meta") for c in at.get("plotly_chart") for d in json.loads(c.proto.spec)["data"]]
    assert "unclipped" in metas and "clipped" in metas  # the cliff panel's two descents are drawn


def test_a_shared_url_restores_the_controls_and_the_url_follows_them():
    at = start({**TINY, "task": "adding", "sigma": "1.5"}, page=PAGE)
    state = at.session_state
    assert (state["clipping_task"], state["clipping_T"], state["clipping_sigma"]) == ("adding", 20, 1.5)
    assert (state["clipping_H"], state["clipping_lr"], state["clipping_theta"]) == ("16", "0.1", "1")
    assert not at.warning
    at.sidebar.slider(key="clipping_T").set_value(33).run()
    assert at.query_params["T"] == "33"


def test_a_bad_url_falls_back_with_a_note():
    at = start({"T": "5000", "lr": "huge", "H": "7"}, page=PAGE)
    assert not at.exception
    assert at.session_state["clipping_T"] == 40 and at.session_state["clipping_lr"] == "0.1"
    assert "T=" in at.warning[0].value and "lr=" in at.warning[0].value


def test_presets_set_the_controls_of_the_core_presets():
    at = start(page=PAGE)
    at.sidebar.button(key="clipping_preset_no_need").click().run()
    expected = clipping_lab.PRESETS["no_need"]
    names = [*TINY, "sigma", "opt"]
    assert clipping_runs.config_from({k: at.session_state[f"clipping_{k}"] for k in names}) == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_preset_states_its_own_lesson_and_only_while_its_settings_hold(lang):
    at = start({"lang": lang}, page=PAGE)  # the defaults are the "explodes" preset
    lessons: dict[str, list[str]] = {}
    for name in clipping_lab.PRESETS:
        at.sidebar.button(key=f"clipping_preset_{name}").click().run()
        assert not at.exception and not at.error
        lessons[name] = [info.value for info in at.info if info.value.startswith(("Lesson", "要点"))]
        assert len(lessons[name]) == 1, f"{name}: {lessons[name]}"
    assert len({text for texts in lessons.values() for text in texts}) == len(clipping_lab.PRESETS)
    at.sidebar.slider(key="clipping_T").set_value(33).run()  # off the preset: no lesson claimed
    assert not [info for info in at.info if info.value.startswith(("Lesson", "要点"))]


def train_preset(name: str, timeout_s: float = 240):
    """Press a preset, then train its three runs to the end on the page."""
    at = start(page=PAGE)
    at.sidebar.button(key=f"clipping_preset_{name}").click().run()
    at.button(key="clipping_train").click().run()
    job = clipping_runs.find(clipping_lab.PRESETS[name])
    assert job is not None and job.finished.wait(timeout_s), f"{name}: training did not finish"
    return panels_spec(at.run())


def test_no_need_lesson_on_the_page_norm_clipping_idle_value_clipping_rare_all_learn():
    panels = train_preset("no_need")
    lines = {run: panel_line(panels, LABELS[run], "loss") for run in clipping_runs.RUNS}
    np.testing.assert_array_equal(lines["none"], lines["global_norm"])  # the same run, line for line
    assert panel_line(panels, LABELS["global_norm"], "clipped_share").max() == 0.0
    assert panel_line(panels, LABELS["value"], "clipped_share")[-1] < 0.05
    for run in clipping_runs.RUNS:
        assert panel_line(panels, LABELS[run], "heldout")[-1] > 0.9


def test_too_low_lesson_on_the_page_every_step_clipped_and_the_clipped_runs_stay_near_chance():
    panels = train_preset("too_low")
    for run in ("global_norm", "value"):
        share = panel_line(panels, LABELS[run], "clipped_share")
        assert share.min() == 1.0  # clipped from the first step to the last
        assert panel_line(panels, LABELS[run], "clipped_norm").max() <= 0.01 * (1 + 1e-5)
    assert panel_line(panels, LABELS["global_norm"], "heldout")[-1] < 0.5


def test_training_draws_three_runs_whose_numbers_are_the_core_runs():
    at = start(TINY | {"sigma": "1.3", "opt": "sgd"}, page=PAGE)
    at, config = train_to_the_end(at)
    assert not at.exception and not at.error
    panels = panels_spec(at)
    for run in clipping_runs.RUNS:
        reference = list(clipping_lab.run(config, run))  # the same run, computed again outside the page
        loss, norm = panel_line(panels, LABELS[run], "loss"), panel_line(panels, LABELS[run], "grad_norm")
        np.testing.assert_allclose(loss, [r.loss for r in reference], rtol=1e-6)
        np.testing.assert_allclose(norm, [r.grad_norm for r in reference], rtol=1e-6)
    assert at.radio[0].label == "Run"  # the reach heatmap's run picker appears after training
    assert at.select_slider(key="clipping_reach_step").value == 60


def test_a_second_session_with_the_same_settings_shares_the_finished_run():
    settings = TINY | {"seed": "6"}
    at = start(settings, page=PAGE)
    at, config = train_to_the_end(at)
    job = clipping_runs.find(config)
    other = start(settings, page=PAGE)  # another student, same link
    assert clipping_runs.find(config) is job
    assert other.radio and other.radio[0].label == "Run"  # results shown without pressing train
    assert not other.exception


def test_train_trains_what_the_controls_hold_at_the_click_not_what_the_button_was_drawn_with():
    at = start(page=PAGE)  # the button was drawn with the defaults ("explodes")
    # The controls change before the button is drawn again: in a browser, a preset's callback has
    # run and its rerun is still drawing when the train click arrives.
    wanted = dataclasses.replace(clipping_lab.PRESETS["no_need"], seed=17)  # a seed no other test trains
    for name, value in (clipping_runs.preset_values("no_need") | {"seed": 17}).items():
        at.session_state[f"clipping_{name}"] = value
    at.button(key="clipping_train").click().run()
    job = clipping_runs.find(wanted)
    assert job is not None, "the click trained the settings the button was drawn with"
    assert job.finished.wait(120)
