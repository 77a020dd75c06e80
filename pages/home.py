"""Home: what the lab is, and cards that open a page on a teachable preset."""

import streamlit as st

from visualizer.app.shell import language, start_text_page

# (string key, page, its URL settings): each card is a shareable starting point.
CARDS = [
    ("e3", "pages/unrolled.py", {"T": "3", "t": "3", "weight": "Ws", "k": "1"}),
    ("ffnn", "pages/heatmap.py", {"sigma": "0.0", "T": "30"}),
    ("vanishing", "pages/heatmap.py", {"act": "tanh", "sigma": "0.8", "T": "60"}),
    ("exploding", "pages/heatmap.py", {"act": "linear", "sigma": "1.3", "T": "60"}),
    ("sigmoid", "pages/heatmap.py", {"act": "sigmoid", "sigma": "1.0", "T": "60"}),
    ("regime", "pages/regime.py", {"act": "tanh"}),
]

t = start_text_page()
st.title(t("app.title"))
st.markdown(t("home.what"))
st.page_link("pages/tour.py", label=t("home.tour"), icon="🧭", query_params={"lang": language()})
st.subheader(t("home.start"))
columns = st.columns(3)
for index, (key, page, query) in enumerate(CARDS):
    with columns[index % 3].container(border=True):
        st.page_link(page, label=t(f"home.card.{key}"), query_params={**query, "lang": language()})
