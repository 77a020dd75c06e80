"""Home: what the lab is, and where to start."""

import streamlit as st

from visualizer.app.shell import run_through_entrypoint, translator

run_through_entrypoint()
t = translator()
st.title(t("app.title"))
st.markdown(t("home.what"))
st.page_link("pages/heatmap.py", label=t("home.start_heatmap"), icon="🔥")
