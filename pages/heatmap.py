"""Gradient heatmap: log10 ||dE_t/ds_k|| over every loss step t and earlier step k."""

import streamlit as st

from core.experiment import ExperimentConfig
from visualizer.app import url_state
from visualizer.app.cache import bptt_maps
from visualizer.app.downloads import matrix_csv
from visualizer.app.shell import language, run_through_entrypoint, translator
from visualizer.figures.heatmap import log10_heatmap

PAGE = "heatmap"
SPECS = {
    "T": url_state.IntParam(30, 1, 500),
    "sigma": url_state.FloatParam(1.0, 0.0, 3.0),
    "act": url_state.ChoiceParam("tanh", ("tanh", "sigmoid", "relu", "linear")),
    "H": url_state.IntParam(16, 1, 128),
    "seed": url_state.IntParam(0, 0, 9999),
}
PNG_EXPORT = {"toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1}}

run_through_entrypoint()
t = translator()
notes = url_state.bind(PAGE, SPECS)
if notes:
    st.warning(t("app.url_note", notes="; ".join(notes)))

st.title(t("heatmap.title"))
st.markdown(t("heatmap.what"))
st.latex(
    r"\frac{\partial E_t}{\partial s_k} = \frac{\partial E_t}{\partial s_t}"
    r"\prod_{j=k+1}^{t} \frac{\partial s_j}{\partial s_{j-1}}, \qquad"
    r"\frac{\partial s_j}{\partial s_{j-1}} = \operatorname{diag}\big(f'(a_j)\big)\, W_s"
)

with st.sidebar:
    st.slider(t("heatmap.steps"), 1, 500, key=f"{PAGE}_T")
    st.slider(t("heatmap.sigma"), 0.0, 3.0, step=0.05, key=f"{PAGE}_sigma")
    st.selectbox(t("heatmap.activation"), SPECS["act"].choices, key=f"{PAGE}_act")
    st.slider(t("heatmap.hidden"), 1, 128, key=f"{PAGE}_H")
    st.number_input(t("heatmap.seed"), 0, 9999, key=f"{PAGE}_seed")

state = st.session_state
config = ExperimentConfig(
    n_steps=state[f"{PAGE}_T"],
    n_hidden=state[f"{PAGE}_H"],
    sigma_max=float(state[f"{PAGE}_sigma"]),
    activation=state[f"{PAGE}_act"],
    seed=int(state[f"{PAGE}_seed"]),
)
try:
    maps = bptt_maps(config)
except ValueError as err:
    st.error(t("heatmap.error", error=err))
    st.stop()

log_map = maps["log10_state_grad"]
fig = log10_heatmap(
    log_map,
    title=t("heatmap.map_title"),
    x_title=t("heatmap.x"),
    y_title=t("heatmap.y"),
    zero_label=t("heatmap.zero"),
)
st.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_chart")
st.download_button(
    t("heatmap.download"),
    data=lambda: matrix_csv(log_map, header="log10 ||dE_t/ds_k||, row t = 1..T, column k = 1..T"),
    file_name="log10_state_grad.csv",
    mime="text/csv",
    on_click="ignore",
)
url_state.publish(PAGE, SPECS, {"lang": language()})
