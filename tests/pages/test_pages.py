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
    assert before.shape == (60, 60) and after.shape == (12, 12)
    assert at.query_params["T"] == "12"  # the URL follows the control


def test_sigma_changes_the_values_not_just_the_shape():
    at = start({"T": "20"})
    low = heatmap_z(at)
    at.sidebar.slider(key="heatmap_sigma").set_value(2.5).run()
    high = heatmap_z(at)
    assert high[19, 1] > low[19, 1]  # a larger σ_max lets the gradient reach further back


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
    assert at.session_state["heatmap_T"] == 60
    assert heatmap_z(at).shape == (60, 60)


def test_the_sidebar_language_switch_translates_the_page_and_the_url():
    at = start()
    at.sidebar.selectbox[0].set_value("zh").run()
    assert at.title[0].value == "梯度能向前传播多远？"
    assert at.query_params["lang"] == "zh"


def test_a_preset_sets_the_controls_and_the_verdict():
    at = start({"T": "20"})
    assert "Vanishing" in at.info[0].value
    at.sidebar.button(key="heatmap_preset_exploding").click().run()
    state = at.session_state
    assert (state["heatmap_act"], state["heatmap_sigma"], state["heatmap_T"]) == ("linear", 1.3, 60)
    assert "Exploding" in at.error[0].value
    assert at.query_params["act"] == "linear"


def test_ffnn_preset_leaves_only_the_diagonal():
    at = start()
    at.sidebar.button(key="heatmap_preset_ffnn").click().run()
    z = heatmap_z(at)
    off_diagonal = z[np.tri(30, k=-1, dtype=bool)]
    assert np.isnan(off_diagonal).all()  # exactly-zero terms leave the coloured layer empty


def test_every_chart_and_both_downloads_are_there():
    at = start({"T": "25"})
    # Ws map, Wx map, path gains, running sum, decay, singular values, Wy, ‖s_k‖
    assert len(at.get("plotly_chart")) == 8
    assert len(at.get("download_button")) == 2


def test_classroom_mode_hides_the_text_and_all_but_the_chosen_control():
    at = start({"classroom": "1", "show": "sigma"})
    assert not at.exception
    assert [s.label for s in at.sidebar.slider] == ["σ_max(Ws)"]
    assert not at.markdown or all("BPTT writes" not in m.value for m in at.markdown)
    assert not at.sidebar.button  # no presets on a projected page
    at.sidebar.slider[0].set_value(1.5).run()
    assert at.query_params["classroom"] == "1" and at.query_params["show"] == "sigma"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_regime_page_renders_with_the_one_over_gamma_line(lang):
    at = start({"lang": lang, "act": "tanh", "maxT": "60", "H": "8"}, page="pages/regime.py")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["shapes"][0]["x0"] == 1.0  # tanh: 1/γ = 1
    z = plotly_array(spec["data"][0]["z"])
    assert z.shape[1] == 60  # σ_max from 0.05 to 3 in steps of 0.05
    assert z[-1, 0] < -30  # σ = 0.05 over 59 steps: at most 59 · log10(0.05) ≈ -77
    assert z[-1, -1] > z[-1, 0] + 20


def test_regime_page_changes_with_the_activation():
    at = start({"maxT": "60", "H": "8"}, page="pages/regime.py")
    before = plotly_array(json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["z"])
    at.sidebar.selectbox(key="regime_act").set_value("sigmoid").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    after = plotly_array(spec["data"][0]["z"])
    assert np.nanmax(after) < np.nanmax(before)  # γ = 1/4: nothing can explode below σ = 4
    assert spec["layout"]["shapes"][0]["x0"] == 4.0  # the sigmoid's σ axis reaches past 1/γ = 4


def graph_edges(at: AppTest) -> list[dict]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    metas = [trace.get("meta") for trace in spec["data"]]
    return [m for m in metas if isinstance(m, dict) and "lit" in m]  # edges, not nodes or legends


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unrolled_page_lights_the_paths_of_the_chosen_loss(lang):
    at = start({"lang": lang, "T": "5", "t": "4", "weight": "Ws"}, page="pages/unrolled.py")
    assert not at.exception
    lit_terms = [e for e in graph_edges(at) if e["lit"] and e["role"] == "term"]
    assert sorted(e["step"] for e in lit_terms) == [0, 1, 2, 3]  # term k for k = 1..4 of dE_4/dWs
    assert r"\partial E_{4}" in at.get("latex")[0].value


def test_unrolled_page_step_slider_and_weight_change_the_drawing():
    at = start({"T": "5", "t": "4", "k": "1"}, page="pages/unrolled.py")
    before = [e for e in graph_edges(at) if e["lit"]]
    at.sidebar.slider(key="unrolled_k").set_value(3).run()
    after = [e for e in graph_edges(at) if e["lit"]]
    assert len(after) < len(before)  # the walk has only reached step 3
    at.sidebar.selectbox(key="unrolled_weight").set_value("Wy").run()
    lit = [e for e in graph_edges(at) if e["lit"] and e["role"] == "term"]
    assert [e["kind"] for e in lit] == ["Wy"] and lit[0]["step"] == 3


@pytest.mark.parametrize("arch", ["many_to_one", "one_to_many", "delay", "ffnn", "stacked", "tdnn"])
def test_every_architecture_renders(arch):
    at = start({"arch": arch, "T": "6", "t": "6"}, page="pages/unrolled.py")
    assert not at.exception and not at.error
    graphs = [c for c in at.get("plotly_chart") if "unrolled_graph" in c.proto.id]
    assert len(graphs) == 1  # one graph; the chapter panel's loss bars come beside it


def test_e3_preset_sets_the_chapter_example():
    at = start(page="pages/unrolled.py")
    at.sidebar.button(key="unrolled_preset_e3").click().run()
    assert (at.session_state["unrolled_T"], at.session_state["unrolled_t"]) == (3, 3)
    assert r"\partial E_{3}" in at.get("latex")[0].value


def test_a_link_with_new_settings_rebinds_a_page_already_visited():
    at = start({"T": "20"})
    at.sidebar.slider(key="heatmap_sigma").set_value(2.0).run()  # the user moves a slider...
    assert at.session_state["heatmap_sigma"] == 2.0  # ...and the old URL does not undo it
    at.switch_page("pages/home.py").run()
    at.query_params.update({"act": "linear", "sigma": "1.3", "T": "60"})  # a home card's link
    at.switch_page("pages/heatmap.py").run()
    state = at.session_state
    assert (state["heatmap_act"], state["heatmap_sigma"], state["heatmap_T"]) == ("linear", 1.3, 60)


@pytest.mark.parametrize(
    "page,query,key,default",
    [
        ("pages/unrolled.py", {"T": "99", "weight": "Wq"}, "unrolled_T", 4),
        ("pages/regime.py", {"maxT": "1e9", "act": "<b>x</b>"}, "regime_maxT", 200),
    ],
)
def test_other_pages_fall_back_from_a_malformed_url_with_a_note(page, query, key, default):
    at = start(query, page=page)
    assert not at.exception
    assert at.warning and "=" in at.warning[0].value
    assert at.session_state[key] == default


def test_unrolled_page_restores_a_shared_url_and_offers_its_numbers():
    at = start(
        {"arch": "many_to_one", "T": "7", "t": "7", "weight": "Wx", "k": "2"}, page="pages/unrolled.py"
    )
    state = at.session_state
    assert (state["unrolled_arch"], state["unrolled_T"], state["unrolled_weight"]) == ("many_to_one", 7, "Wx")
    assert len(at.get("download_button")) == 1


def test_controls_survive_a_visit_to_another_page():
    at = start({"T": "33", "act": "sigmoid"})
    at.sidebar.slider(key="heatmap_sigma").set_value(1.25).run()
    at.query_params.clear()  # the sidebar navigation drops the URL's settings
    at.switch_page("pages/regime.py").run()
    at.query_params.clear()
    at.switch_page("pages/heatmap.py").run()
    state = at.session_state
    assert (state["heatmap_T"], state["heatmap_act"], state["heatmap_sigma"]) == (33, "sigmoid", 1.25)
