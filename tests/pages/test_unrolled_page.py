"""The unrolled-graph page: its pure decisions, each defect issue 11 (item 2) found, its lessons, and a
click-everything sweep in both languages.

Numbers are read from what the page shows (the figure's edge `meta`, the LaTeX) and checked against
tests/core/reference.py (untied weights differentiated with jax.jacrev), which shares no code with
core.bptt.
"""

import json

import numpy as np
import pytest

from core.experiment import build
from tests.core.reference import untied_norms
from tests.pages.click_everything import open_page, sweep
from visualizer.app.i18n import text
from visualizer.views.unrolled import logic

PAGE = "pages/unrolled.py"
TOUR_LINKS = [  # visualizer/views/tour.py's links to this page
    {"arch": "tdnn", "view": "unrolled", "T": "6", "window": "3"},
    {"arch": "many_to_one", "T": "5", "t": "5"},
    {"T": "3", "t": "3", "weight": "Ws", "k": "1"},
]


@pytest.fixture(autouse=True)
def instant_walk(monkeypatch):
    """The ▶ walk waits 0.7 s per step for a person; a test needs no pauses (the page reads it per step)."""
    monkeypatch.setattr(logic, "WALK_DELAY_S", 0.0)


def figure(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def metas(at, kind: str | None = None) -> list[dict]:
    found = [tr.get("meta") for tr in figure(at)["data"]]
    return [m for m in found if isinstance(m, dict) and (kind is None or m.get("kind") == kind)]


def lit_terms(at) -> dict[int, dict]:
    return {m["step"]: m for m in metas(at) if m.get("lit") and m.get("role") == "term"}


def node_xs(at, name: str) -> list[float]:
    (trace,) = [tr for tr in figure(at)["data"] if (tr.get("meta") or {}).get("node") == name]
    return list(trace["x"])


def clean(at, what: str) -> None:
    assert not at.exception, f"{what}: {[e.value for e in at.exception]}"
    assert not at.error, f"{what}: {[e.value for e in at.error]}"


def reference_terms(query: dict, weight: str) -> np.ndarray:
    """log10 ||term k of dE_t/dW|| for k = 1..t by untied-weight autodiff, on the page's own network."""
    view = logic.plan(DEFAULTS | query)
    params, xs, targets = build(view.config)
    norms = untied_norms(params, xs, targets, view.config.activation, "mse")[weight]
    with np.errstate(divide="ignore"):
        return np.log10(norms[view.selected, : view.t])


# The page's defaults (pages/unrolled.py's SPECS; the page is a script, so it is not imported).
DEFAULTS = {"arch": "many_to_many", "view": "unrolled", "T": 4, "t": 4, "weight": "Ws", "k": 1}
DEFAULTS |= {"sigma": 0.9, "act": "tanh", "layers": 2, "window": 3, "seed": 0}


# ---------------------------------------------------------------- the pure decisions


def test_loss_steps_per_architecture():
    assert logic.loss_steps("many_to_many", 4) == [0, 1, 2, 3]
    assert logic.loss_steps("many_to_one", 4) == [3]
    assert logic.loss_steps("delay", 6) == [3, 4, 5] and logic.loss_steps("delay", 1) == [0]
    assert logic.input_steps("one_to_many", 5) == [0] and logic.input_steps("delay", 6) == [0, 1, 2]
    assert logic.input_steps("delay", 1) == [0] and logic.input_steps("many_to_many", 3) == [0, 1, 2]
    for arch in logic.ARCHS:  # t's slider needs one run of steps
        for n in range(1, 13):
            steps = logic.loss_steps(arch, n)
            assert steps == list(range(steps[0], steps[-1] + 1)) and steps[-1] == n - 1


def test_t_and_k_snap_into_what_the_architecture_allows():
    assert logic.t_bounds("many_to_many", 7) == (1, 7) and logic.t_bounds("delay", 7) == (4, 7)
    assert logic.snap_t("many_to_many", 4, 12) == 4  # T shrank under t
    assert logic.snap_t("many_to_one", 5, 2) == 5  # the only loss
    assert logic.snap_t("delay", 6, 2) == 4 and logic.snap_t("delay", 6, 5) == 5
    assert logic.snap_k(3, 12) == 3 and logic.snap_k(3, 0) == 1 and logic.snap_k(3, 2) == 2
    assert logic.walk_steps(2) == [2, 1, 0]


def test_plan_of_the_defaults_and_of_a_link_beyond_T():
    defaults = dict(DEFAULTS)
    view = logic.plan(defaults)
    assert (view.t, view.k, view.selected, view.reveal, view.snapped) == (4, 1, 3, 0, False)
    assert view.paths and not view.folded and view.config.n_steps == 4
    view = logic.plan(defaults | {"T": 3, "t": 12, "k": 12, "arch": "one_to_many"})
    assert (view.t, view.k, view.snapped, view.inputs, view.config.inputs) == (3, 3, True, [0], "first")
    assert logic.plan(defaults | {"arch": "ffnn"}).config.sigma_max == 0.0
    assert not logic.plan(defaults | {"arch": "tdnn"}).paths
    assert not logic.plan(defaults | {"view": "folded"}).paths


def test_unused_controls_are_hidden_only_where_they_change_nothing():
    assert logic.unused_controls("many_to_many", "unrolled") == {"layers", "window"}
    assert logic.unused_controls("stacked", "unrolled") >= {"window", "t", "k", "weight"}
    assert "layers" not in logic.unused_controls("stacked", "folded")
    assert "window" not in logic.unused_controls("tdnn", "folded")
    assert logic.term_one_is_zero("Ws", 0) and not logic.term_one_is_zero("Wx", 0)
    assert not logic.term_one_is_zero("Ws", 1)
    assert logic.padded([1.0, 2.0], 4)[:2] == [1.0, 2.0] and np.isnan(logic.padded([1.0], 3)[2])


# ---------------------------------------------------------------- the defects, one test each


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_walk_plays_to_term_one_and_the_page_survives(lang):
    at = open_page(PAGE, lang, {"T": "3", "t": "3", "k": "1"})
    at.button(key="unrolled_play").click().run()
    clean(at, "after the walk")
    latex = [e.value for e in at.get("latex") if r"\text{term}" in e.value][-1]  # the walk's, not the panel's
    assert r"\text{term}_{1}" in latex and r"\lVert \text{term}_{1} \rVert = 0" in latex
    assert [i.value for i in at.info] == [text(lang, "unrolled.term1_zero", t=3)]
    assert len(at.get("download_button")) == 1  # the page ran to its end
    assert any("/unrolled?" in c.value for c in at.sidebar.get("code"))  # the share link


@pytest.mark.parametrize("window", ["1", "3", "6"])
def test_tdnn_folded_draws_one_state_with_its_window_of_inputs(window):
    at = open_page(PAGE, "en", {"arch": "tdnn", "view": "folded", "window": window})
    clean(at, "TDNN folded")
    taps = metas(at, "Wx")
    assert sorted(m["lag"] for m in taps) == list(range(int(window)))
    assert not metas(at, "Ws") and len(node_xs(at, "s")) == 1


def test_one_to_many_draws_its_one_input_and_many_to_one_its_one_output():
    at = open_page(PAGE, "en", {"arch": "one_to_many", "T": "5", "t": "5", "weight": "Wx"})
    clean(at, "one-to-many")
    assert node_xs(at, "x") == [1] and len(node_xs(at, "y")) == 5
    assert list(lit_terms(at)) == [0]  # the one Wx edge carries the one nonzero Wx term
    ref = reference_terms({"arch": "one_to_many", "T": 5, "t": 5}, "Wx")
    assert np.isfinite(ref[0]) and np.all(np.isneginf(ref[1:]))  # x_k = 0 after step 1
    at = open_page(PAGE, "en", {"arch": "many_to_one", "T": "5", "t": "5"})
    assert node_xs(at, "y") == [5] == node_xs(at, "E") and [m["step"] for m in metas(at, "Wy")] == [4]
    at = open_page(PAGE, "en", {"arch": "delay", "T": "6", "t": "5"})
    assert node_xs(at, "y") == [4, 5, 6] == node_xs(at, "E")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_colour_bar_has_labelled_decades_a_title_and_the_edges_a_legend(lang):
    at = open_page(PAGE, lang, {"T": "4", "t": "4"})
    (bar,) = metas(at, "colorbar")
    (trace,) = [tr for tr in figure(at)["data"] if tr.get("meta") == bar]
    colorbar = trace["marker"]["colorbar"]
    assert len(colorbar["ticktext"]) >= 3 and all(
        t == "1" or t.startswith("1e") for t in colorbar["ticktext"]
    )
    assert colorbar["title"]["text"] == text(lang, "unrolled.colorbar")
    legend = {
        m["key"]: tr["name"]
        for tr in figure(at)["data"]
        if (m := tr.get("meta") or {}).get("kind") == "legend"
    }
    expected = {key: text(lang, f"unrolled.legend.{key}") for key in ("forward", "term", "chain")}
    assert legend == expected | {"zero": text(lang, "app.zero")}  # term 1 of dE/dWs is exactly 0


def test_t_and_k_sliders_follow_T():
    at = open_page(PAGE, "en", {"T": "5", "t": "5", "k": "5"})
    assert (at.sidebar.slider(key="unrolled_t").max, at.sidebar.slider(key="unrolled_k").max) == (5, 5)
    at.sidebar.slider(key="unrolled_T").set_value(3).run()
    clean(at, "T 5 -> 3")
    t, k = at.sidebar.slider(key="unrolled_t"), at.sidebar.slider(key="unrolled_k")
    assert (t.value, t.max, k.value, k.max) == (3, 3, 3, 3)
    at.sidebar.slider(key="unrolled_t").set_value(2).run()
    clean(at, "t 3 -> 2")
    assert (at.sidebar.slider(key="unrolled_k").value, at.sidebar.slider(key="unrolled_k").max) == (2, 2)
    at = open_page(PAGE, "en", {"arch": "delay", "T": "8", "t": "8"})
    assert (at.sidebar.slider(key="unrolled_t").min, at.sidebar.slider(key="unrolled_t").max) == (5, 8)
    at = open_page(PAGE, "zh", {"arch": "many_to_one", "T": "5", "t": "5"})
    clean(at, "many-to-one")
    assert not [s for s in at.sidebar.slider if s.key == "unrolled_t"]  # one value: said, not slid
    assert text("zh", "unrolled.only_t", t=5, T=5) in [c.value for c in at.sidebar.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_term_one_of_dE_dWs_says_why_it_is_zero_and_only_there(lang):
    at = open_page(PAGE, lang, {"T": "3", "t": "3", "k": "1", "weight": "Ws"})
    assert [i.value for i in at.info] == [text(lang, "unrolled.term1_zero", t=3)]
    assert "s₀" in at.info[0].value and "Wx" in at.info[0].value
    at.sidebar.selectbox(key="unrolled_weight").set_value("Wx").run()
    assert not at.info  # term 1 of dE/dWx is u_1 x_1^T: not zero
    assert np.isfinite(lit_terms(at)[0]["value"])


# ---------------------------------------------------------------- the lessons, on the numbers shown


def test_e3_preset_three_ws_terms_term_one_exactly_zero_and_each_the_true_size():
    at = open_page(PAGE, "en", {"T": "8", "t": "6", "k": "4", "weight": "Wx"})
    at.sidebar.button(key="unrolled_preset_e3").click().run()
    clean(at, "e3 preset")
    terms = lit_terms(at)
    assert sorted(terms) == [0, 1, 2] and {m["kind"] for m in terms.values()} == {"Ws"}
    assert terms[0]["zero"] and terms[0]["value"] is None  # exactly 0, drawn dashed grey
    ref = reference_terms({"T": 3, "t": 3}, "Ws")
    assert np.isneginf(ref[0])  # s_0 = 0, independently
    np.testing.assert_allclose([terms[1]["value"], terms[2]["value"]], ref[1:], atol=1e-4)
    assert r"\partial E_{3}" in at.get("latex")[0].value and r"\lVert \text{term}_{1} \rVert = 0" in (
        at.get("latex")[0].value
    )


@pytest.mark.parametrize("window", [2, 3])
def test_tdnn_gradient_of_E_t_reaches_only_w_inputs_back(window):
    """Follow the drawn edges backwards from E_t: the inputs it reaches are x_{t-w+1} .. x_t."""
    n = 6
    at = open_page(PAGE, "en", {"arch": "tdnn", "view": "unrolled", "T": str(n), "window": str(window)})
    clean(at, "TDNN")
    assert not metas(at, "Ws")  # no recurrence: the only way back is a tap
    for t in range(n):
        states = {m["step"] for m in metas(at, "Wy") if m["step"] == t}  # E_t <- y_t <- s_t
        reached = {m["step"] - m["lag"] for m in metas(at, "Wx") if m["step"] in states}
        assert reached == set(range(max(0, t - window + 1), t + 1)), (t, reached)


def test_ffnn_every_term_but_k_equals_t_is_exactly_zero():
    at = open_page(PAGE, "en", {"arch": "ffnn", "T": "5", "t": "4", "weight": "Wx"})
    clean(at, "FFNN")
    terms = lit_terms(at)
    assert sorted(terms) == [0, 1, 2, 3]
    assert [terms[k]["zero"] for k in range(4)] == [True, True, True, False]  # only k = t is nonzero
    chain = [m for m in metas(at, "chain") if m["into"] == "s" and m["step"] < 3]
    assert chain and all(m["zero"] for m in chain)  # dE_4/ds_k = 0 for k < 4: Ws = 0 passes nothing
    ref = reference_terms({"arch": "ffnn", "T": 5, "t": 4}, "Wx")
    assert np.all(np.isneginf(ref[:3])) and abs(terms[3]["value"] - ref[3]) < 1e-4


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("query", TOUR_LINKS, ids=["tdnn", "architectures", "e3"])
def test_the_tours_links_open_cleanly(query, lang):
    at = open_page(PAGE, lang, query)
    clean(at, f"tour link {query}")
    assert not at.warning, [w.value for w in at.warning]  # every setting understood
    assert all(
        at.session_state[f"unrolled_{name}"] == int(v) if v.isdigit() else v for name, v in query.items()
    )


# ---------------------------------------------------------------- click everything


SWEPT_ONCE = {"arch", "view", "sigma", "act", "seed", "alpha", "preset_e3"}  # the same in every view


def combo_skip(lang: str) -> set[str]:
    """Per architecture × view: T, t, k, the weight, layers, window and ▶ (the rest is swept once)."""
    return {f"unrolled_{name}" for name in SWEPT_ONCE} | {f"selectbox:{text(lang, 'app.language')}"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_click_everything(lang, capsys):
    results = [sweep(PAGE, lang)]  # every control of the default view, both ends, every option, presets, ▶
    for arch in logic.ARCHS:
        for view in ("unrolled", "folded"):
            query = {"arch": arch, "view": view, "T": "4", "t": "4", "k": "2"}
            results.append(sweep(PAGE, lang, query=query, skip=combo_skip(lang)))
    failures = [line for r in results for line in r.failures]
    count = sum(r.interactions for r in results)
    with capsys.disabled():
        print(f"\nunrolled [{lang}]: {count} interactions in {len(results)} sweeps, {len(failures)} failures")
        print(" ".join(f"{r.interactions}" for r in results))
    # default: 7 architectures + 2 views + 4 activations + 3 weights + 6 slider/number ends + e3 + ▶ + 2
    # languages + opening; then per view at least opening and T's two ends (paths: t, k, weights, ▶ too)
    assert results[0].interactions >= 27 and all(r.interactions >= 3 for r in results[1:])
    assert not failures, "\n".join(failures[:40])
