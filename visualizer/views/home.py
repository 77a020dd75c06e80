"""Home: what the lab is, and cards that open a page on a teachable preset."""

from __future__ import annotations

import streamlit as st

from visualizer.app.registry import PageInfo
from visualizer.app.shell import PageStart, page_link
from visualizer.views import gates, heatmap, regime, tour, unrolled

PAGE = PageInfo(name="home", path="pages/home.py")

# (string key "home.card.<key>", page, its link): each card is a shareable starting point.
CARDS = (
    ("e3", unrolled.PAGE, unrolled.PAGE.link("e3")),
    ("ffnn", heatmap.PAGE, heatmap.PAGE.link("ffnn")),
    ("vanishing", heatmap.PAGE, heatmap.PAGE.link("vanishing")),
    ("exploding", heatmap.PAGE, heatmap.PAGE.link("exploding")),
    ("sigmoid", heatmap.PAGE, heatmap.PAGE.link("sigmoid")),
    ("regime", regime.PAGE, regime.PAGE.link(act="tanh")),
    ("gates", gates.PAGE, gates.PAGE.link("default")),
)


def draw(page: PageStart[None]) -> None:
    """The lab in a paragraph, the tour's link, and the cards three to a row."""
    tr = page.tr
    st.title(tr("app.title"))
    st.markdown(tr("home.what"))
    page_link(tour.PAGE, tr("home.tour"), {}, icon="🧭")
    st.subheader(tr("home.start"))
    for row in range(0, len(CARDS), 3):  # row by row, so the page reads the cards in their order
        for column, (key, info, query) in zip(st.columns(3), CARDS[row : row + 3], strict=False):
            with column.container(border=True):
                page_link(info, tr(f"home.card.{key}"), query)
