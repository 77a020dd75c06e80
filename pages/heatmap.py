"""Gradient heatmaps: every BPTT term k of dE_t/dWs and dE_t/dWx, the decay by lag, σ(Ws)."""

import streamlit as st

from core.experiment import ExperimentConfig
from core.spectra import EDGE_TOLERANCE, badge_numbers
from visualizer.app import controls, url_state
from visualizer.app.cache import bptt_maps
from visualizer.app.downloads import matrix_csv
from visualizer.app.shell import PNG_EXPORT, finish_page, json_download, start_page
from visualizer.figures.curves import decay_by_lag, per_step_line, singular_value_bars
from visualizer.figures.heatmap import log10_heatmap, value_range

PAGE = "heatmap"
SPECS = {
    "T": url_state.IntParam(60, 1, 500),
    "sigma": url_state.FloatParam(0.8, 0.0, 6.0),  # past the sigmoid's 1/γ = 4
    "act": url_state.ChoiceParam("tanh", ("tanh", "sigmoid", "relu", "linear")),
    "init": url_state.ChoiceParam("orthogonal", ("orthogonal", "normal", "glorot_uniform")),
    "H": url_state.IntParam(16, 1, 128),
    "scale": url_state.FloatParam(1.0, 0.0, 5.0, step=0.1),
    "loss": url_state.ChoiceParam("all", ("all", "last")),
    "seed": url_state.IntParam(0, 0, 9999, widget="number"),
}
PRESETS = {
    "vanishing": {"act": "tanh", "sigma": 0.8, "init": "orthogonal", "T": 60},
    "exploding": {"act": "linear", "sigma": 1.3, "init": "orthogonal", "T": 60},
    "edge": {"act": "tanh", "sigma": 1.0, "init": "orthogonal", "T": 100, "scale": 0.5},
    "ffnn": {"sigma": 0.0, "T": 30},
    "sigmoid": {"act": "sigmoid", "sigma": 1.0, "init": "orthogonal", "T": 60},
}

t, projected, hidden = start_page(PAGE, SPECS)
if not projected:
    controls.presets(PAGE, PRESETS, t, SPECS)
controls.draw(PAGE, SPECS, t, hidden=hidden)

state = st.session_state
value = {name: state[f"{PAGE}_{name}"] for name in SPECS}
config = ExperimentConfig(
    n_steps=int(value["T"]),
    n_hidden=int(value["H"]),
    sigma_max=float(value["sigma"]),
    activation=value["act"],
    recurrent_init=value["init"],
    input_scale=float(value["scale"]),
    loss_steps=value["loss"],
    seed=int(value["seed"]),
)
with st.spinner(t("app.computing")):
    view = bptt_maps(config)

st.title(t("heatmap.title"))
if not projected:
    st.markdown(t("heatmap.what"))
    st.latex(
        r"\frac{\partial E_t}{\partial W_s} = \sum_{k=1}^{t} \frac{\partial E_t}{\partial y_t}"
        r"\frac{\partial y_t}{\partial s_t} \Big(\prod_{j=k+1}^{t} \operatorname{diag}(f'(a_j))\, W_s\Big)"
        r"\frac{\partial^+ s_k}{\partial W_s}"
    )
regime = view["regime"]
n = badge_numbers(regime, config.n_steps)
measured = t(f"heatmap.slope.{n['direction']}", per_step=n["per_step"], total=n["total"], lags=n["lags"])
badge = {"vanishing": st.info, "exploding": st.error, "edge": st.warning}[regime.kind]
key = f"heatmap.badge.{regime.kind}.{regime.reason}"
verdict = t(key, bound=n["bound"], gs=n["gs"], measured=measured, tol=EDGE_TOLERANCE)
badge(verdict, icon={"vanishing": "📉", "exploding": "💥", "edge": "⚖️"}[regime.kind])
st.caption(t("heatmap.rule", tol=EDGE_TOLERANCE))

zmin, zmax = value_range(view["log10_contrib_Ws"], view["log10_contrib_Wx"])
axis = {
    "x_title": t("heatmap.k"),
    "y_title": t("heatmap.t"),
    "zero_label": t("app.zero"),
    "lag_label": t("heatmap.lag"),
}
left, right = st.columns(2)
for column, weight in ((left, "Ws"), (right, "Wx")):
    fig = log10_heatmap(
        view[f"log10_contrib_{weight}"], title=t(f"heatmap.map.{weight}"), zmin=zmin, zmax=zmax, **axis
    )
    column.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_map_{weight}")
st.caption(t("heatmap.legend"))
st.caption(t("heatmap.why_flat"))

left, right = st.columns(2)
decay = decay_by_lag(
    view["rise"],
    bound_slope=regime.bound_slope,
    title=t("heatmap.decay"),
    x_title=t("heatmap.lag"),
    y_title=t("heatmap.rise"),
    measured_label=t("heatmap.measured"),
    bound_label=t("heatmap.bound"),
    zero_label=t("app.zero"),
    no_reach_note=t("heatmap.no_reach"),
)
left.plotly_chart(decay, config=PNG_EXPORT, key=f"{PAGE}_decay")
bars = singular_value_bars(
    view["singular_values"],
    one_over_gamma=view["one_over_gamma"],
    title=t("heatmap.sv"),
    x_title=t("heatmap.sv_index"),
    y_title="σ",
    all_zero_note=t("heatmap.sv_zero"),
)
right.plotly_chart(bars, config=PNG_EXPORT, key=f"{PAGE}_sv")
left, right = st.columns(2)
line = {"y_title": "log10 ‖·‖", "zero_label": t("app.zero")}
wy = per_step_line(view["log10_contrib_Wy"], title=t("heatmap.map.Wy"), x_title=t("heatmap.t"), **line)
left.plotly_chart(wy, config=PNG_EXPORT, key=f"{PAGE}_wy")
states = per_step_line(
    view["log10_state_norm"], title=t("heatmap.states"), x_title=t("heatmap.states_x"), symbol="k", **line
)
right.plotly_chart(states, config=PNG_EXPORT, key=f"{PAGE}_states")

left, right = st.columns(2)
left.download_button(
    t("heatmap.download_csv"),
    data=lambda: matrix_csv(view["log10_contrib_Ws"], header="log10 ||term k of dE_t/dWs||, row t, column k"),
    file_name="log10_contrib_Ws.csv",
    mime="text/csv",
    on_click="ignore",
)
json_download(t("heatmap.download_json"), {"settings": value, **view}, "bptt_heatmaps.json", where=right)
finish_page(PAGE, SPECS)
