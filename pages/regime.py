"""Regime map: where gradients vanish or explode, over σ_max(Ws) × T; a click opens the heatmaps."""

import streamlit as st

from visualizer.app import controls, url_state
from visualizer.app.cache import regime_grid
from visualizer.app.shell import PNG_EXPORT, finish_page, json_download, language, start_page
from visualizer.figures.regime import regime_heatmap

PAGE = "regime"
SPECS = {
    "act": url_state.ChoiceParam("tanh", ("tanh", "sigmoid", "relu", "linear")),
    "H": url_state.IntParam(16, 2, 64),
    "maxT": url_state.IntParam(200, 20, 500),
    "seed": url_state.IntParam(0, 0, 9999, widget="number"),
}

t, projected, hidden = start_page(PAGE, SPECS)
controls.draw(PAGE, SPECS, t, hidden=hidden)
value = {name: st.session_state[f"{PAGE}_{name}"] for name in SPECS}

st.title(t("regime.title"))
if not projected:
    st.markdown(t("regime.what"))
    st.latex(
        r"\log_{10}\frac{\lVert \partial E_T / \partial s_1 \rVert}"
        r"{\lVert \partial E_T / \partial s_T \rVert}"
        r"\;\le\; (T-1)\,\log_{10}(\gamma\,\sigma_{\max})"
    )
with st.spinner(t("app.computing")):
    grid = regime_grid(value["act"], int(value["H"]), int(value["seed"]), int(value["maxT"]))
fig = regime_heatmap(
    grid["z"],
    gains=grid["gains"],
    lengths=grid["lengths"],
    one_over_gamma=float(grid["one_over_gamma"]),
    title=t("regime.map_title"),
    x_title="σ_max(Ws)",
    y_title="T",
    line_label=t("regime.line"),
    colorbar_title=t("regime.colorbar"),
    zero_label=t("app.zero"),
)
# Heatmap traces cannot be selected; the figure's invisible marker on each cell can (one click = one point).
event = st.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_map", on_select="rerun", selection_mode="points")
st.caption(t("regime.click"))
st.caption(t("regime.scale_note"))
points = [p for p in (event.selection.points if event and event.selection else []) if "x" in p and "y" in p]
if points:
    sigma, steps = float(points[0]["x"]), round(float(points[0]["y"]))
    chosen = {
        "T": steps,
        "sigma": sigma,
        "act": value["act"],
        "H": int(value["H"]),
        "seed": int(value["seed"]),
    }
    st.switch_page(
        "pages/heatmap.py", query_params={**{k: str(v) for k, v in chosen.items()}, "lang": language()}
    )

json_download(t("regime.download_json"), {"settings": value, **grid}, "regime_map.json")
finish_page(PAGE, SPECS)
