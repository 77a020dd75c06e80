"""Regime map: where gradients vanish or explode, over σ_max(Ws) × T; a click opens the heatmaps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import streamlit as st

from core.spectra import gamma, regime_map
from visualizer.app import controls
from visualizer.app.cache import read_only
from visualizer.app.keys import widget_key
from visualizer.app.registry import PageInfo
from visualizer.app.settings import Settings, control
from visualizer.app.shell import PNG_EXPORT, PageStart, Translator, json_download, switch_to
from visualizer.app.url_state import ChoiceParam, IntParam
from visualizer.figures.regime import regime_heatmap
from visualizer.views import heatmap

REGIME_SUM = (
    r"\log_{10}\frac{\lVert \partial E_T / \partial s_1 \rVert}"
    r"{\lVert \partial E_T / \partial s_T \rVert}"
    r"\;\le\; (T-1)\,\log_{10}(\gamma\,\sigma_{\max})"
)


@dataclass(frozen=True)
class RegimeSettings(Settings):
    page: ClassVar[str] = "regime"
    act: str = control(ChoiceParam("tanh", heatmap.ACTIVATIONS))
    H: int = control(IntParam(16, 2, 64))
    maxT: int = control(IntParam(200, 20, 500))
    seed: int = control(IntParam(0, 0, 9999, widget="number"))


@st.cache_resource(max_entries=32, show_spinner=False)
def regime_grid(activation: str, n_hidden: int, seed: int, max_steps: int) -> dict[str, np.ndarray]:
    """The regime map over 60 values of σ_max up to max(3, 1.5/γ) and T up to max_steps (float64).

    σ_max reaches 3 = 3/γ for tanh, relu and linear, and 6 = 1.5/γ for the sigmoid,
    so both sides of every activation's 1/γ line are on the map. z is (60, len(lengths)).
    """
    top = max(3.0, 1.5 / gamma(activation))
    gains = np.round(np.linspace(top / 60, top, 60), 2)
    lengths = np.unique(np.geomspace(2, max_steps, 24).astype(int))
    return {
        "gains": read_only(gains),
        "lengths": read_only(lengths),
        "z": read_only(regime_map(gains, lengths, n_hidden=n_hidden, activation=activation, seed=seed)),
        "one_over_gamma": np.float64(1.0 / gamma(activation)),
    }


def grid_for(settings: RegimeSettings) -> dict[str, np.ndarray]:
    """The cached map for these settings."""
    return regime_grid(settings.act, settings.H, settings.seed, settings.maxT)


PAGE = PageInfo(name="regime", path="pages/regime.py", settings=RegimeSettings, warm=grid_for)


def clicked_heatmap(points: Sequence[Mapping[str, Any]], settings: RegimeSettings) -> dict[str, str] | None:
    """The heatmap link for the first clicked cell (σ_max across, T up), or None without a click.

    A selection point without x and y (a click beside the cells) is no click.
    """
    cells = [p for p in points if "x" in p and "y" in p]
    if not cells:
        return None
    sigma, steps = float(cells[0]["x"]), round(float(cells[0]["y"]))
    return heatmap.PAGE.link(T=steps, sigma=sigma, act=settings.act, H=settings.H, seed=settings.seed)


def draw(page: PageStart[RegimeSettings]) -> None:
    """Controls, the map with its 1/γ line, and a click on a cell that opens the heatmaps there."""
    tr, settings = page.tr, page.settings
    controls.draw(PAGE.name, PAGE.specs(), tr, hidden=page.hidden)
    st.title(tr("regime.title"))
    if not page.projected:
        st.markdown(tr("regime.what"))
        st.latex(REGIME_SUM)
    with st.spinner(tr("app.computing")):
        grid = grid_for(settings)
    # Heatmap traces cannot be selected; the figure's invisible marker on each cell can: one click, one point.
    event = st.plotly_chart(
        _figure(grid, tr),
        config=PNG_EXPORT,
        key=widget_key(PAGE.name, "map"),
        on_select="rerun",
        selection_mode="points",
    )
    st.caption(tr("regime.click"))
    st.caption(tr("regime.scale_note"))
    link = clicked_heatmap(event.selection.points if event and event.selection else [], settings)
    if link is not None:
        switch_to(heatmap.PAGE, link)
    json_download(tr("regime.download_json"), {"settings": settings.values(), **grid}, "regime_map.json")


def _figure(grid: Mapping[str, np.ndarray], tr: Translator) -> Any:
    labels = {
        "title": tr("regime.map_title"),
        "x": "σ_max(Ws)",
        "y": "T",
        "line": tr("regime.line"),
        "colorbar": tr("regime.colorbar"),
        "zero": tr("app.zero"),
    }
    return regime_heatmap(
        grid["z"],
        gains=grid["gains"],
        lengths=grid["lengths"],
        one_over_gamma=float(grid["one_over_gamma"]),
        labels=labels,
    )
