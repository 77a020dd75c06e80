"""Unrolled graph: the network folded and unrolled, and the BPTT paths that carry dE_t/dW."""

import time

import streamlit as st

from core.experiment import ExperimentConfig
from visualizer.app import controls, url_state
from visualizer.app.cache import walk
from visualizer.app.formulas import magnitude_latex, term_latex
from visualizer.app.shell import PNG_EXPORT, finish_page, json_download, start_page
from visualizer.figures.unrolled import unrolled_graph

PAGE = "unrolled"
ARCHS = ("many_to_many", "many_to_one", "one_to_many", "delay", "ffnn", "stacked", "tdnn")
SPECS = {
    "arch": url_state.ChoiceParam("many_to_many", ARCHS),
    "view": url_state.ChoiceParam("unrolled", ("unrolled", "folded")),
    "T": url_state.IntParam(4, 1, 12),
    "t": url_state.IntParam(4, 1, 12),
    "weight": url_state.ChoiceParam("Ws", ("Ws", "Wx", "Wy")),
    "k": url_state.IntParam(1, 1, 12),
    "sigma": url_state.FloatParam(0.9, 0.0, 3.0),
    "act": url_state.ChoiceParam("tanh", ("tanh", "sigmoid", "relu", "linear")),
    "layers": url_state.IntParam(2, 2, 3),
    "window": url_state.IntParam(3, 1, 6),
    "seed": url_state.IntParam(0, 0, 9999, widget="number"),
}
PRESETS = {"e3": {"arch": "many_to_many", "view": "unrolled", "T": 3, "t": 3, "weight": "Ws", "k": 1}}

t, projected, hidden = start_page(PAGE, SPECS)
value = {name: st.session_state[f"{PAGE}_{name}"] for name in SPECS}  # widget changes land before a rerun
arch = value["arch"]
unused = {"layers"} if arch != "stacked" else set()
unused |= {"window"} if arch != "tdnn" else set()
if not projected:
    controls.presets(PAGE, PRESETS, t, SPECS)
controls.draw(PAGE, SPECS, t, hidden=hidden | unused)

T = int(value["T"])
loss_steps = {"many_to_one": [T - 1], "delay": list(range(T // 2, T))}.get(arch, list(range(T)))
earlier = [s for s in loss_steps if s <= min(int(value["t"]), T) - 1]
selected = earlier[-1] if earlier else loss_steps[0]  # snap to a step that carries a loss
reveal = min(int(value["k"]), selected + 1) - 1
paths = arch not in ("stacked", "tdnn") and value["view"] == "unrolled"
config = ExperimentConfig(
    n_steps=T,
    n_hidden=4,
    sigma_max=0.0 if arch == "ffnn" else float(value["sigma"]),
    activation=value["act"],
    inputs="first" if arch == "one_to_many" else "all",
    seed=int(value["seed"]),
)

st.title(t("unrolled.title"))
if not projected:
    st.markdown(t("unrolled.what"))
if (selected + 1, reveal + 1) != (value["t"], value["k"]) and paths:
    st.caption(t("unrolled.snapped", t=selected + 1, k=reveal + 1))
numbers = walk(config, selected, value["weight"]) if paths else None
chart, formula = st.empty(), st.empty()


def draw(reveal_from: int) -> None:
    """The graph with the walk revealed from step reveal_from back to t, and its LaTeX."""
    pad = [float("nan")] * (T - selected - 1)
    fig = unrolled_graph(
        T,
        loss_steps=loss_steps,
        selected=selected if paths else None,
        weight=value["weight"],
        state_log10=[*numbers["state"], *pad] if paths else None,
        term_log10=[*numbers["term"], *pad] if paths else None,
        reveal_from=reveal_from if paths else None,
        folded=value["view"] == "folded",
        recurrent=arch != "ffnn",
        window=int(value["window"]) if arch == "tdnn" else None,
        layers=int(value["layers"]) if arch == "stacked" else 1,
        title=t(f"choice.{arch}"),
        step_label=t("unrolled.step"),
        term_label=t("unrolled.term"),
        zero_label=t("app.zero"),
    )
    chart.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_graph_{reveal_from}")
    if paths:
        k = reveal_from
        formula.latex(
            term_latex(selected + 1, k + 1, value["weight"])
            + r"\qquad "
            + magnitude_latex(rf"\text{{term}}_{{{k + 1}}}", numbers["term"][k])
            + r",\quad "
            + magnitude_latex(
                rf"\textstyle\sum_{{j={k + 1}}}^{{{selected + 1}}}\text{{term}}_j", numbers["running"][k]
            )
        )
    else:
        formula.caption(t("unrolled.structure_only"))


draw(reveal)
if paths and st.button(t("unrolled.play"), key=f"{PAGE}_play"):
    for step in range(selected, -1, -1):  # walk back from t to 1, as the chapter's figures do
        draw(step)
        time.sleep(0.7)
if paths:
    walk_numbers = {"settings": value, "loss_step": selected + 1, **numbers}
    json_download(t("unrolled.download_json"), walk_numbers, "bptt_walk.json")
finish_page(PAGE, SPECS)
