"""Keras layers: exercise 23's model.summary(), SimpleRNN's shapes and options, exercise 24's stateful run."""

import streamlit as st

from visualizer.app import controls, layers_panels, url_state
from visualizer.app.shell import finish_page, json_download, language, start_page

PAGE = "layers"
SPECS = {
    "units": url_state.IntParam(64, 1, 256),
    "T": url_state.IntParam(10, 1, 1000),
    "input_dim": url_state.IntParam(100, 1, 1000, widget="number"),
    "seq": url_state.BoolParam(False),
    "state": url_state.BoolParam(False),
    "stack_seq": url_state.BoolParam(True),
    "backwards": url_state.BoolParam(False),
    "unroll": url_state.BoolParam(False),
    "epochs": url_state.IntParam(20, 5, 40),
    "seeds": url_state.IntParam(5, 2, 10),
    "shuffle": url_state.BoolParam(False),
}
EXERCISE_23 = {"units": 64, "input_dim": 100, "state": False}
PRESETS = {
    "ex23": {**EXERCISE_23, "T": 10, "seq": False},
    "ex23_seq": {**EXERCISE_23, "T": 10, "seq": True},
    "ex23_1000": {**EXERCISE_23, "T": 1000, "seq": True},
    "stack_error": {"stack_seq": False},
    "shuffle": {"shuffle": True},
}

t, projected, hidden = start_page(PAGE, SPECS)
if not projected:
    controls.presets(PAGE, PRESETS, t, SPECS)
controls.draw(PAGE, SPECS, t, hidden=hidden)
value = {name: st.session_state[f"{PAGE}_{name}"] for name in SPECS}

st.title(t("layers.title"))
if not projected:
    st.markdown(t("layers.what"))
numbers = {
    "settings": value,
    "summary": layers_panels.builder(t, value, projected),
    "shapes": layers_panels.shapes(t, value, projected),
    "stacked": layers_panels.stacking(t, value, projected),
    "worked_example": layers_panels.worked(t, value, projected),
    "stateful": layers_panels.stateful(t, value, projected),
}
layers_panels.links(t, language())
json_download(t("layers.download_json"), numbers, "keras_layers.json")
finish_page(PAGE, SPECS)
