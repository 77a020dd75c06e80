"""The heatmap page's formula view under AppTest: a cell chosen by link, by the controls and by a click.

Every number the formula states is checked against the map the page draws beside it (core.bptt in
float32; the view recomputes in float64 NumPy), so the formula and the map must agree to rounding.
"""

import json
import re

import numpy as np
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from tests.pages.test_pages import plotly_array, start

SHOWN = 0.0051  # the formula writes two decimals; float32 against float64 adds far less than that


def chart(at: AppTest, key: str) -> dict:
    return json.loads(next(c for c in at.get("plotly_chart") if c.key == key).proto.spec)


def map_cell(at: AppTest, weight: str, t: int, k: int) -> float:
    """The map's cell (t, k), 1-based, as the page plots it."""
    return float(plotly_array(chart(at, f"heatmap_map_{weight}")["data"][1]["z"])[t - 1, k - 1])


def formula_cell(at: AppTest) -> float:
    """The bold total of the 'sum = cell' line."""
    line = next(m.value for m in at.markdown if "= **" in m.value)
    return float(re.search(r"= \*\*(-?\d+\.\d+)\*\*", line).group(1).replace("−", "-"))


def frame(at: AppTest, weight: str) -> tuple[int, int] | None:
    """(t, k) of the selected-cell frame drawn on a map, or None."""
    traces = [d for d in chart(at, f"heatmap_map_{weight}")["data"] if d.get("hoverinfo") == "skip"]
    marks = [d for d in traces if d["type"] == "scatter"]
    return (int(marks[0]["y"][0]), int(marks[0]["x"][0])) if marks else None


def click(at: AppTest, weight: str, t: int, k: int) -> AppTest:
    """What Streamlit's frontend sends when a map marker is clicked: the chart's selection state.

    AppTest has no Plotly click, so the selection goes in as the widget state the browser would send;
    the page's own on_select callback then runs (the real click is in tests/browser/).
    """
    element = next(c for c in at.get("plotly_chart") if c.key == f"heatmap_map_{weight}")
    states = at._tree.get_widget_states()
    point = {"x": k, "y": t, "curve_number": 2, "point_number": 0, "point_index": 0}
    selection = {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}
    states.widgets.append(WidgetState(id=element.proto.id, string_value=json.dumps(selection)))
    at._run(states)
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def linked():
    return start({"T": "60", "cell_t": "49", "cell_k": "12"})


def test_a_linked_cell_is_written_out_with_the_maps_number(linked):
    at = linked
    assert not at.exception
    cell = map_cell(at, "Ws", 49, 12)
    assert formula_cell(at) == pytest.approx(cell, abs=SHOWN)
    assert frame(at, "Ws") == (49, 12) and frame(at, "Wx") is None
    assert any(r"\prod_{j=13}^{49}" in x.value for x in at.get("latex"))
    path = chart(at, "heatmap_formula_path")["data"]
    bars, bounds = plotly_array(path[0]["y"]), plotly_array(path[1]["y"])
    assert plotly_array(path[0]["x"]).tolist() == list(range(13, 50))  # j = k+1 .. t
    assert np.all(bars <= bounds + 1e-6)  # the exact gain never beats the operator norm
    terms = plotly_array(chart(at, "heatmap_formula_running")["data"][1]["y"])
    row = plotly_array(chart(at, "heatmap_map_Ws")["data"][1]["z"])[48, :49]
    ok = np.isfinite(row)
    np.testing.assert_allclose(terms[ok], row[ok], atol=1e-3)  # the running chart's terms are the map's row


def test_the_controls_choose_the_cell_and_the_link_follows(linked):
    at = linked
    at.number_input(key="heatmap_cell_k").set_value(30).run()
    assert formula_cell(at) == pytest.approx(map_cell(at, "Ws", 49, 30), abs=SHOWN)
    assert at.query_params["cell_k"] == "30"
    at.selectbox(key="heatmap_cell_w").set_value("Wx").run()
    assert formula_cell(at) == pytest.approx(map_cell(at, "Wx", 49, 30), abs=SHOWN)
    assert frame(at, "Wx") == (49, 30) and frame(at, "Ws") is None


def test_a_click_on_a_map_cell_selects_it(linked):
    at = click(linked, "Wx", 20, 5)
    state = at.session_state
    assert (state["heatmap_cell_t"], state["heatmap_cell_k"], state["heatmap_cell_w"]) == (20, 5, "Wx")
    assert formula_cell(at) == pytest.approx(map_cell(at, "Wx", 20, 5), abs=SHOWN)
    assert at.query_params["cell_t"] == "20" and at.query_params["cell_w"] == "Wx"


def test_defaults_clamps_and_a_row_without_loss_in_chinese():
    at = start({"lang": "zh", "T": "30", "loss": "last", "cell_t": "20", "cell_k": "25"})
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any("k = 25 晚于 t" in c for c in captions)  # k is capped at t, with a note
    assert any("E_20 不是损失" in c for c in captions)  # only E_T is a loss here
    at.number_input(key="heatmap_cell_t").set_value(0).run()  # 0 = the last step
    assert any("dE_30/dWs" in s.value for s in at.subheader)
    assert formula_cell(at) == pytest.approx(map_cell(at, "Ws", 30, 25), abs=SHOWN)
