"""Placeholder while the authorship page is built (replaced before it is committed)."""

import streamlit as st

from visualizer.app.shell import start_page

t, projected, hidden = start_page("authorship", {})
st.title(t("authorship.nav"))
