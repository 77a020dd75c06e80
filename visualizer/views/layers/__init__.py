"""Keras layers: exercise 23's model.summary(), SimpleRNN's shapes and options, exercise 24's stateful run.

logic: the typed settings, presets and pure decisions; cache: the shared core.keras calls;
panels: one draw function per section, each returning the numbers it showed.
"""

from __future__ import annotations

import streamlit as st

from visualizer.app import controls
from visualizer.app.registry import PageInfo
from visualizer.app.shell import PageStart, json_download
from visualizer.views.layers import cache, panels
from visualizer.views.layers.logic import NAME, PRESETS, LayersSettings

PAGE = PageInfo(
    name=NAME,
    path="pages/layers.py",
    settings=LayersSettings,
    presets=PRESETS,
    warm=lambda settings: cache.stateful_arms(settings.epochs, settings.seeds, settings.shuffle),
)


def draw(page: PageStart[LayersSettings]) -> None:
    """The whole page: presets, controls, exercise 23, shapes, stacking, the worked example, exercise 24."""
    tr, settings = page.tr, page.settings
    if not page.projected:
        controls.presets(PAGE.name, PAGE.presets, tr, PAGE.specs())
    controls.draw(PAGE.name, PAGE.specs(), tr, hidden=page.hidden)
    st.title(tr("layers.title"))
    if not page.projected:
        st.markdown(tr("layers.what"))
    numbers = {
        "settings": settings.values(),
        "summary": panels.builder(settings, tr, page.projected),
        "shapes": panels.shapes(settings, tr, page.projected),
        "stacked": panels.stacking(settings, tr, page.projected),
        "worked_example": panels.worked(settings, tr, page.projected),
        "stateful": panels.stateful(settings, tr, page.projected),
    }
    panels.links(tr)
    json_download(tr("layers.download_json"), numbers, "keras_layers.json")
