"""The clipping page's cliff under AppTest, through a tiny app that binds its URL and draws it (cliff_app)."""

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.test_pages import plotly_array
from visualizer.locales.cliff import STRINGS
from visualizer.views.clipping.settings import CliffSettings

CLIFF_SPECS = CliffSettings.specs()
APP = str(Path(__file__).resolve().parent / "cliff_app.py")
TIMEOUT = 120  # JAX compiles on first use


def start(query: dict[str, str] | None = None, lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def traces(at: AppTest) -> dict[str, dict]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {trace["meta"]: trace for trace in spec["data"]}


def path(at: AppTest, role: str) -> np.ndarray:
    trace = traces(at)[role]
    return np.column_stack([plotly_array(trace["x"]), plotly_array(trace["y"])])


def test_string_tables_have_the_same_keys_and_a_label_for_every_control():
    assert STRINGS["en"].keys() == STRINGS["zh"].keys()
    assert {f"clipping.{name}" for name in CLIFF_SPECS} <= STRINGS["en"].keys()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_panel_renders_in_both_languages(lang):
    at = start(lang=lang)
    assert not at.exception
    assert at.subheader[0].value == STRINGS[lang]["cliff.title"]
    assert at.slider(key="clipping_cliff_w0").label == STRINGS[lang]["clipping.cliff_w0"]
    assert len(at.get("download_button")) == 1
    assert [trace["meta"] for trace in traces(at).values()] == [
        "surface",
        "wall",
        "unclipped",
        "clipped",
        "start",
    ]


def test_defaults_show_the_unclipped_run_thrown_off_the_wall_and_the_clipped_one_not():
    at = start()
    unclipped, clipped = path(at, "unclipped"), path(at, "clipped")
    lr, threshold = CLIFF_SPECS["cliff_lr"].default, CLIFF_SPECS["cliff_threshold"].default
    assert unclipped.shape == clipped.shape == (CLIFF_SPECS["cliff_steps"].default + 1, 2)
    assert np.linalg.norm(np.diff(unclipped, axis=0), axis=1).max() > 5  # one step lands far away
    assert np.linalg.norm(np.diff(clipped, axis=0), axis=1).max() <= lr * threshold * (1 + 1e-5)
    final_loss = {m.label: float(m.value) for m in at.metric}
    assert final_loss["no clipping: final E"] > 0.05 > 1e-2 > final_loss["clipped by norm at 1: final E"]


def test_moving_a_slider_changes_the_paths_and_the_url():
    at = start()
    before = path(at, "unclipped")
    at.slider(key="clipping_cliff_w0").set_value(6.0).run()
    after = path(at, "unclipped")
    assert tuple(after[0]) == (6.0, -3.0) and not np.array_equal(before, after)
    assert at.query_params["cliff_w0"] == "6.0"
    at.slider(key="clipping_cliff_steps").set_value(20).run()
    assert path(at, "clipped").shape == (21, 2)


def test_the_sequence_length_changes_the_surface():
    at = start()
    before = plotly_array(traces(at)["surface"]["z"])
    at.slider(key="clipping_cliff_T").set_value(10).run()
    after = plotly_array(traces(at)["surface"]["z"])
    assert before.shape == after.shape and not np.allclose(before, after, equal_nan=True)


def test_the_3d_toggle_draws_the_surface():
    at = start()
    at.toggle(key="clipping_cliff_3d").set_value(True).run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [trace["type"] for trace in spec["data"]] == ["surface", "scatter3d", "scatter3d"]
    assert at.query_params["cliff_3d"] == "1"


def test_a_shared_url_restores_the_panel_and_a_bad_one_falls_back():
    at = start({"cliff_w0": "5.5", "cliff_b0": "-2.5", "cliff_lr": "0.05", "cliff_steps": "30"})
    assert path(at, "clipped")[0].tolist() == [5.5, -2.5] and path(at, "clipped").shape == (31, 2)
    at = start({"cliff_lr": "-1", "cliff_T": "abc"})
    assert not at.exception
    assert at.session_state["clipping_cliff_lr"] == CLIFF_SPECS["cliff_lr"].default
    assert at.session_state["clipping_cliff_T"] == 50


def test_projected_panel_hides_the_explanation_but_keeps_the_numbers():
    at = start({"classroom": "1"})
    assert not at.markdown and not at.latex
    assert len(at.metric) == 4
