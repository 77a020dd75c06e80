"""Every page under streamlit.testing.v1.AppTest: renders, reacts to controls, restores URLs."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
TIMEOUT = 120  # JAX compiles on first use


def start(query: dict[str, str] | None = None, page: str = "pages/heatmap.py") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run() if page != "pages/home.py" else at


def plotly_array(value) -> np.ndarray:
    """Plotly JSON holds NumPy arrays as {"dtype", "bdata" (base64), "shape"}; lists stay lists."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = [int(n) for n in str(value.get("shape", len(flat))).split(",")]
        return flat.reshape(shape).astype(float)
    return np.array(value, dtype=float)


def heatmap_z(at: AppTest) -> np.ndarray:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return plotly_array(spec["data"][1]["z"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_page_renders_in_both_languages(lang):
    at = start({"lang": lang}, page="pages/home.py")
    assert not at.exception
    assert at.title[0].value == ("循环神经网络梯度流实验室" if lang == "zh" else "RNN Gradient Flow Lab")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heatmap_page_renders_in_both_languages(lang):
    at = start({"lang": lang})
    assert not at.exception
    assert not at.error
    expected = "梯度能向前传播多远？" if lang == "zh" else "How far back does the gradient reach?"
    assert at.title[0].value == expected


def test_moving_the_length_slider_changes_the_plotted_map():
    at = start()
    before = heatmap_z(at)
    at.sidebar.slider(key="heatmap_T").set_value(12).run()
    after = heatmap_z(at)
    assert before.shape == (30, 30) and after.shape == (12, 12)
    assert at.query_params["T"] == "12"  # the URL follows the control


def test_sigma_changes_the_values_not_just_the_shape():
    at = start({"T": "20"})
    low = heatmap_z(at)
    at.sidebar.slider(key="heatmap_sigma").set_value(2.5).run()
    high = heatmap_z(at)
    lag_19 = (low[19, 0], high[19, 0])
    assert lag_19[1] > lag_19[0]  # a larger σ_max lets the gradient reach further back


def test_a_shared_url_restores_the_controls():
    at = start({"T": "40", "sigma": "0.5", "act": "relu", "H": "8", "seed": "3"})
    state = at.session_state
    assert (state["heatmap_T"], state["heatmap_sigma"], state["heatmap_act"]) == (40, 0.5, "relu")
    assert (state["heatmap_H"], state["heatmap_seed"]) == (8, 3)
    assert heatmap_z(at).shape == (40, 40)
    assert not at.warning


def test_a_malformed_url_falls_back_with_a_visible_note():
    at = start({"T": "-5", "act": "softmax", "sigma": "abc"})
    assert not at.exception
    assert at.warning and "T=" in at.warning[0].value and "act=" in at.warning[0].value
    assert at.session_state["heatmap_T"] == 30
    assert heatmap_z(at).shape == (30, 30)


def test_the_sidebar_language_switch_translates_the_page_and_the_url():
    at = start()
    at.sidebar.selectbox[0].set_value("zh").run()
    assert at.title[0].value == "梯度能向前传播多远？"
    assert at.query_params["lang"] == "zh"
