"""Unrolled graph: the network folded and unrolled, and the BPTT paths that carry dE_t/dW."""

import time

import streamlit as st

from visualizer.app import controls, url_state
from visualizer.app import unrolled_logic as logic
from visualizer.app.cache import walk
from visualizer.app.formulas import magnitude_latex, term_latex
from visualizer.app.shell import PNG_EXPORT, finish_page, json_download, start_page
from visualizer.figures.unrolled import unrolled_graph

PAGE = "unrolled"
SPECS = {
    "arch": url_state.ChoiceParam("many_to_many", logic.ARCHS),
    "view": url_state.ChoiceParam("unrolled", ("unrolled", "folded")),
    "T": url_state.IntParam(4, 1, 12),
    "t": url_state.IntParam(4, 1, 12),
    "weight": url_state.ChoiceParam("Ws", logic.WEIGHTS),
    "k": url_state.IntParam(1, 1, 12),
    "sigma": url_state.FloatParam(0.9, 0.0, 3.0),
    "act": url_state.ChoiceParam("tanh", ("tanh", "sigmoid", "relu", "linear")),
    "layers": url_state.IntParam(2, 2, 3),
    "window": url_state.IntParam(3, 1, 6),
    "seed": url_state.IntParam(0, 0, 9999, widget="number"),
}
PRESETS = {"e3": {"arch": "many_to_many", "view": "unrolled", "T": 3, "t": 3, "weight": "Ws", "k": 1}}
WALK = f"{PAGE}__walk"  # set by the ▶ button's callback, so the click survives any rerun before the run

t, projected, hidden = start_page(PAGE, SPECS)
state = st.session_state
value = {name: state[f"{PAGE}_{name}"] for name in SPECS}  # widget changes land before a rerun
view = logic.plan(value)
state[f"{PAGE}_t"], state[f"{PAGE}_k"] = view.t, view.k  # into range before their sliders are drawn
hidden = hidden | logic.unused_controls(value["arch"], value["view"])
if not projected:
    controls.presets(PAGE, PRESETS, t, SPECS)


def part(*names: str) -> dict[str, url_state.Spec]:
    return {name: SPECS[name] for name in names}


def bounded_slider(name: str, lo: int, hi: int) -> None:
    """A slider whose range follows T (Streamlit refuses lo == hi: then the one value is only said)."""
    if name in hidden:
        return
    if lo < hi:
        st.sidebar.slider(t(f"{PAGE}.{name}"), lo, hi, key=f"{PAGE}_{name}")
    elif name == "t":
        st.sidebar.caption(t("unrolled.only_t", t=view.t, T=view.n_steps))


controls.draw(PAGE, part("arch", "view", "T"), t, hidden=hidden)
bounded_slider("t", *logic.t_bounds(value["arch"], view.n_steps))
controls.draw(PAGE, part("weight"), t, hidden=hidden)
bounded_slider("k", 1, view.t)
controls.draw(PAGE, part("sigma", "act", "layers", "window", "seed"), t, hidden=hidden)

st.title(t("unrolled.title"))
if not projected:
    st.markdown(t("unrolled.what"))
if view.snapped and view.paths:
    st.caption(t("unrolled.snapped", t=view.t, k=view.k))
numbers = walk(view.config, view.selected, value["weight"]) if view.paths else None
chart, formula = st.empty(), st.empty()
legend = {key: t(f"unrolled.legend.{key}") for key in ("forward", "term", "chain", "no_ws")}


def draw(reveal_from: int, key: str) -> None:
    """The graph with the walk revealed from step reveal_from back to t, and its LaTeX (+ why term 1 is 0)."""
    fig = unrolled_graph(
        view.n_steps,
        loss_steps=view.loss_steps,
        inputs=view.inputs,
        selected=view.selected if view.paths else None,
        weight=value["weight"],
        state_log10=logic.padded(numbers["state"], view.n_steps) if view.paths else None,
        term_log10=logic.padded(numbers["term"], view.n_steps) if view.paths else None,
        reveal_from=reveal_from if view.paths else None,
        folded=view.folded,
        recurrent=value["arch"] != "ffnn",
        window=int(value["window"]) if value["arch"] == "tdnn" else None,
        layers=int(value["layers"]) if value["arch"] == "stacked" else 1,
        title=t(f"choice.{value['arch']}"),
        colorbar_title=t("unrolled.colorbar"),
        step_label=t("unrolled.step"),
        term_label=t("unrolled.term"),
        zero_label=t("app.zero"),
        legend=legend,
    )
    chart.plotly_chart(fig, config=PNG_EXPORT, key=key)
    if not view.paths:
        formula.caption(t("unrolled.structure_only"))
        return
    k = reveal_from
    term = rf"\text{{term}}_{{{k + 1}}}"
    running = rf"\textstyle\sum_{{j={k + 1}}}^{{{view.t}}}\text{{term}}_j"
    box = formula.container()
    box.latex(
        term_latex(view.t, k + 1, value["weight"])
        + r"\qquad "
        + magnitude_latex(term, numbers["term"][k])
        + r",\quad "
        + magnitude_latex(running, numbers["running"][k])
    )
    if logic.term_one_is_zero(value["weight"], k):
        box.info(t("unrolled.term1_zero", t=view.t), icon="ℹ️")


draw(view.reveal, key=f"{PAGE}_graph")
if view.paths:
    st.button(t("unrolled.play"), key=f"{PAGE}_play", on_click=state.__setitem__, args=(WALK, True))
    if state.pop(WALK, False):
        for step in logic.walk_steps(view.selected):  # walk back from t to 1, as the chapter's figures do
            time.sleep(logic.WALK_DELAY_S)
            draw(step, key=f"{PAGE}_walk_{step}")  # one key per frame: keys must be unique in a run
    walk_numbers = {"settings": {**value, "t": view.t, "k": view.k}, "loss_step": view.t, **numbers}
    json_download(t("unrolled.download_json"), walk_numbers, "bptt_walk.json")
finish_page(PAGE, SPECS)
