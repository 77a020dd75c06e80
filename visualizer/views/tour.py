"""The chapter tour: the learning goals as a lesson path, each step opening a page on the right preset."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from visualizer.app.registry import PageInfo
from visualizer.app.shell import PageStart, Translator, language
from visualizer.views import authorship, clipping, gates, heatmap, layers, regime, unrolled

PAGE = PageInfo(name="tour", path="pages/tour.py")


class Step(NamedTuple):
    """One step: its string key ("tour.<key>.title/text"), the chapter's figures, the page's file and link."""

    key: str
    figures: str  # "" for a section without figures: it is labelled by "tour.section.<key>"
    page: str  # the page's file, as st.page_link takes it
    query: dict[str, str]


def step(key: str, figures: str, info: PageInfo, preset: str | None = None, **values: object) -> Step:
    """A step that opens `info` on a preset and/or given controls (checked against the page's controls)."""
    return Step(key, figures, info.path, info.link(preset, **values))


# In the chapter's order.
STEPS = (
    step("tdnn", "5.1–5.3, 5.6–5.8", unrolled.PAGE, arch="tdnn", view="unrolled", T=6, window=3),
    step("ffnn", "5.9–5.10", heatmap.PAGE, "ffnn", act="tanh"),
    step("architectures", "5.11–5.12", unrolled.PAGE, arch="many_to_one", T=5, t=5),
    step("e3", "5.4–5.5, 5.10, 5.13–5.29", unrolled.PAGE, "e3"),
    step("vanishing", "", heatmap.PAGE, "vanishing"),
    step("exploding", "", heatmap.PAGE, "exploding"),
    step("regime", "", regime.PAGE, act="tanh"),
    step("gates", "", gates.PAGE, "open_gates"),
    step("clipping", "", clipping.PAGE, task="temporal_order", sigma=1.1, theta=1),
    step("parameters", "5.30–5.32", layers.PAGE, units=64, T=1000, input_dim=100),
    step("stateful", "5.33–5.34", layers.PAGE, shuffle=False, epochs=20),
    step("federalist", "5.35", authorship.PAGE, corpus="federalist", window=100, readout="mean"),
)


def label(step: Step, tr: Translator) -> str:
    """Where a step sits in the chapter, in the page's language: its figures, or else its section."""
    return tr("tour.figures", figures=step.figures) if step.figures else tr(f"tour.section.{step.key}")


def draw(page: PageStart[None]) -> None:
    """The goals, then one bordered card per step with its place in the chapter and its link."""
    tr = page.tr
    st.title(tr("tour.title"))
    st.markdown(tr("tour.goals"))
    for number, step in enumerate(STEPS, start=1):
        with st.container(border=True):
            st.markdown(f"**{number}. {tr(f'tour.{step.key}.title')}** · {label(step, tr)}")
            st.markdown(tr(f"tour.{step.key}.text"))
            query = {**step.query, "lang": language()}
            st.page_link(step.page, label=tr("tour.open"), icon="▶", query_params=query)
