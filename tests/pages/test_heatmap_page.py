"""The heatmap page's lessons, read off what the page shows: badge, numbers, charts, in both languages.

Each preset's claim is checked against the page's own charts (the decay chart's data, the maps'
rows), fitted here with NumPy: the badge must say what the picture shows.
"""

import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.spectra import EDGE_TOLERANCE
from tests.pages.test_pages import plotly_array, start

PRESETS = ["vanishing", "exploding", "edge", "ffnn", "sigmoid"]


def chart(at: AppTest, key: str) -> dict:
    """The plotly spec of the chart with widget key `key` (heatmap_map_Ws, heatmap_decay, …)."""
    found = [c for c in at.get("plotly_chart") if c.key == key]
    return json.loads(found[0].proto.spec)


def badge(at: AppTest) -> tuple[str, str]:
    """(kind, text) of the verdict: info = vanishing, error = exploding, warning = edge."""
    boxes = [("vanishing", b.value) for b in at.info] + [("exploding", b.value) for b in at.error]
    boxes += [("edge", b.value) for b in at.warning]
    assert len(boxes) == 1, boxes
    return boxes[0]


def press(at: AppTest, preset: str) -> AppTest:
    at.sidebar.button(key=f"heatmap_preset_{preset}").click().run()
    assert not at.exception, at.exception
    return at


def measured_rise(at: AppTest) -> np.ndarray:
    """The decay chart's measured line: log10 ||dE_T/ds_k|| / ||dE_T/ds_T|| by lag (NaN: exactly 0)."""
    return plotly_array(chart(at, "heatmap_decay")["data"][0]["y"])


def fitted_slope(rise: np.ndarray) -> float:
    lags = np.arange(rise.size)
    ok = np.isfinite(rise)
    return float(np.polyfit(lags[ok], rise[ok], 1)[0])


def amounts(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+\.\d+", text)]


@pytest.fixture(scope="module", params=["en", "zh"])
def lang_page(request):
    return request.param, start({"lang": request.param})


@pytest.mark.parametrize("preset", PRESETS)
def test_no_badge_states_a_negative_amount_or_minus_infinity(lang_page, preset):
    _lang, at = lang_page
    _kind, text = badge(press(at, preset))
    assert "inf" not in text and "nan" not in text.lower()
    assert all(v >= 0 for v in amounts(text)), text  # "shrinks by -0.10" was the bug


def test_vanishing_preset_shrinks_by_the_bound_and_by_what_the_chart_shows(lang_page):
    lang, at = lang_page
    kind, text = badge(press(at, "vanishing"))
    assert kind == "vanishing"
    gs, bound, per_step, total = amounts(text)[:4]
    assert gs == pytest.approx(0.8) and bound == pytest.approx(-np.log10(0.8), abs=0.005)
    slope = fitted_slope(measured_rise(at))
    assert slope < -bound  # the measured decay is at least the bound's
    assert per_step == pytest.approx(-slope, abs=0.0006)
    assert total == pytest.approx(-slope * 59, abs=0.06)
    assert ("shrinks" in text) if lang == "en" else ("缩小" in text)


def test_exploding_preset_wx_terms_rise_with_lag_ws_row_flat_and_states_say_why(lang_page):
    lang, at = lang_page
    kind, text = badge(press(at, "exploding"))
    assert kind == "exploding"
    per_step = amounts(text)[0]
    slope = fitted_slope(measured_rise(at))
    assert slope > EDGE_TOLERANCE and per_step == pytest.approx(slope, abs=0.0006)
    assert ("grows" in text) if lang == "en" else ("增大" in text)
    ws = plotly_array(chart(at, "heatmap_map_Ws")["data"][1]["z"])[59, 1:]  # row t = 60, k = 2..60
    wx = plotly_array(chart(at, "heatmap_map_Wx")["data"][1]["z"])[59, :]
    assert wx[0] - wx[-1] > 5  # early Wx terms of a late loss dominate by > 5 decades
    assert np.nanmax(ws) - np.nanmin(ws) < 1.5  # the Ws row is flat …
    states = plotly_array(chart(at, "heatmap_states")["data"][0]["y"])
    growth = np.polyfit(np.arange(20, 60), states[20:60], 1)[0]
    assert growth == pytest.approx(np.log10(1.3), abs=0.01)  # … because the states grow by 1.3 a step
    why = "s_{k−1}" if lang == "en" else "s_{k−1}ᵀ"
    assert any(why in c.value for c in at.caption)  # and the page says so


def test_edge_preset_at_one_over_gamma_is_called_vanishing_with_the_charts_decay(lang_page):
    _lang, at = lang_page
    kind, text = badge(press(at, "edge"))
    rise = measured_rise(at)
    assert rise[-1] < -5  # the chart beside the badge: more than 5 decades down over 99 steps
    assert kind == "vanishing"  # σ_max = 1/γ: the measured slope decides, and it shrinks
    per_step = amounts(text)[0]
    assert per_step == pytest.approx(-fitted_slope(rise), abs=0.0006) and per_step > EDGE_TOLERANCE


def test_ffnn_preset_leaves_the_diagonal_and_explains_the_empty_charts(lang_page):
    _lang, at = lang_page
    kind, text = badge(press(at, "ffnn"))
    assert kind == "vanishing" and "Ws = 0" in text
    z = plotly_array(chart(at, "heatmap_map_Ws")["data"][1]["z"])
    assert np.isnan(z[np.tri(30, k=-1, dtype=bool)]).all() and np.isfinite(np.diag(z)[1:]).all()
    decay, bars = chart(at, "heatmap_decay"), chart(at, "heatmap_sv")
    assert any("Ws = 0" in a["text"] for a in decay["layout"]["annotations"])
    assert any("Ws = 0" in a["text"] for a in bars["layout"]["annotations"])
    assert plotly_array(bars["data"][0]["y"]).max() == 0  # every singular value is 0


def test_sigmoid_preset_vanishes_by_the_bound_a_quarter_per_step(lang_page):
    _lang, at = lang_page
    kind, text = badge(press(at, "sigmoid"))
    assert kind == "vanishing"
    gs, bound = amounts(text)[:2]
    assert gs == pytest.approx(0.25) and bound == pytest.approx(np.log10(4), abs=0.005)
    assert fitted_slope(measured_rise(at)) < -np.log10(4)


def test_ffnn_after_edge_is_the_same_picture_as_ffnn_fresh():
    fresh = press(start(), "ffnn")
    after = press(press(start(), "edge"), "ffnn")
    specs = [[c.proto.spec for c in at.get("plotly_chart")] for at in (fresh, after)]
    assert specs[0] == specs[1]
    assert badge(fresh) == badge(after)
    keys = [f"heatmap_{name}" for name in ("T", "sigma", "act", "init", "H", "scale", "loss", "seed")]
    assert {k: fresh.session_state[k] for k in keys} == {k: after.session_state[k] for k in keys}


def test_a_flat_gradient_is_the_edge_with_the_tolerance_stated():
    at = start({"act": "linear", "sigma": "1.0", "T": "40"})  # orthogonal Ws, f' = 1: exactly flat
    kind, text = badge(at)
    assert kind == "edge" and str(EDGE_TOLERANCE) in text
    assert any(str(EDGE_TOLERANCE) in c.value for c in at.caption)  # the decision rule is on the page


def test_one_step_and_a_sigmoid_past_its_bound_render():
    kind, text = badge(start({"T": "1", "sigma": "1.5"}))
    assert kind == "edge" and "T = 1" in text
    at = start({"act": "sigmoid", "sigma": "6.0", "T": "200"})  # σ past 1/γ = 4: the measured slope decides
    assert not at.exception and badge(at)[0] in ("vanishing", "exploding", "edge")
    assert at.session_state["heatmap_sigma"] == 6.0
