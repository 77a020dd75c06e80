"""The comparison: the three cells' maps of ‖dE_t/dh_k‖ on one scale, the LSTM's cell path, the decay.

`compare_maps` is the page's cached call (one result per CompareConfig for every session);
`verdict` turns a cell's reach into the numbers of its verdict line.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from core.gated.compare import CELL_KINDS, CellMaps, CompareConfig, compare
from visualizer.app.cache import read_only
from visualizer.app.downloads import matrix_csv
from visualizer.app.keys import widget_key
from visualizer.app.shell import PNG_EXPORT, Translator, json_download
from visualizer.figures.gates import decay_by_cell
from visualizer.figures.heatmap import log10_heatmap
from visualizer.figures.style import value_range
from visualizer.views.gates.settings import GatesSettings

PAGE = GatesSettings.page


@st.cache_resource(max_entries=256, show_spinner=False)
def compare_maps(config: CompareConfig) -> dict[str, CellMaps]:
    """core.gated.compare for one config, every array read-only: {cell: CellMaps}, cells in CELL_KINDS."""
    maps = compare(config)
    return {
        cell: CellMaps(*(read_only(np.asarray(v)) if isinstance(v, np.ndarray) else v for v in maps[cell]))
        for cell in CELL_KINDS
    }


def verdict(reach: float, n_steps: int) -> tuple[str, dict[str, object]]:
    """A cell's verdict line: its string key's last part and values, from its reach (decades) over T − 1 lags.

    "reach": 10^reach over the lags, with the decades per step; "zero": the gradient at step 1 is
    exactly 0; "none": nothing to measure (T = 1 or no finite value).
    """
    lags = n_steps - 1
    if lags < 1 or math.isnan(reach) or reach == math.inf:
        return "none", {"lags": lags}
    if reach == -math.inf:
        return "zero", {"lags": lags}
    # The typographic minus, as the chapter prints 10^−x; "+" stays for a gradient that grows.
    values = {"exponent": f"{reach:+.1f}", "lags": lags, "per_step": f"{reach / lags:+.3f}"}
    return "reach", {k: v.replace("-", "−") if isinstance(v, str) else v for k, v in values.items()}


def shared_range(maps: dict[str, CellMaps]) -> tuple[float, float]:
    """One colour range for every map the page draws: the three state maps and the LSTM's cell map."""
    arrays = [maps[cell].log10_state_grad for cell in CELL_KINDS] + [maps["lstm"].log10_cell_grad]
    return value_range(*arrays)


def draw(settings: GatesSettings, tr: Translator) -> dict[str, CellMaps]:
    """The verdict lines, the three maps, the LSTM's cell map beside the decay curves, and the downloads."""
    with st.spinner(tr("app.computing")):
        maps = compare_maps(settings.config())
    names = {cell: tr(f"gates.cell.{cell}") for cell in CELL_KINDS}
    for cell in CELL_KINDS:
        kind, values = verdict(maps[cell].reach, settings.T)
        st.markdown(f"**{names[cell]}** · {tr(f'gates.verdict.{kind}', **values)}")
    zmin, zmax = shared_range(maps)
    axis = {"x": tr("gates.k"), "y": tr("gates.t"), "zero": tr("app.zero"), "lag": tr("gates.lag")}
    # One colour scale, so one colour bar (on the last map, whose column is wider by the bar's width):
    # three bars would take a third of each map's width.
    for column, cell in zip(st.columns([1, 1, 1.3]), CELL_KINDS, strict=True):
        labels = {"title": tr("gates.map.state", cell=names[cell]), **axis}
        fig = log10_heatmap(maps[cell].log10_state_grad, labels=labels, zmin=zmin, zmax=zmax)
        fig.update_yaxes(constrain="domain")  # a third of the page: square cells shrink the plot
        if cell != CELL_KINDS[-1]:
            fig.update_traces(showscale=False)
        column.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(PAGE, f"map_{cell}"))
    st.caption(tr("gates.maps_legend"))
    left, right = st.columns(2)
    cell_labels = {"title": tr("gates.map.cell"), **axis}
    fig = log10_heatmap(maps["lstm"].log10_cell_grad, labels=cell_labels, zmin=zmin, zmax=zmax)
    fig.update_yaxes(constrain="domain")
    left.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(PAGE, "map_cell"))
    decay_labels = {"title": tr("gates.decay"), "x": tr("gates.lag_T"), "y": tr("gates.rise")}
    decay = decay_by_cell({names[cell]: maps[cell].rise for cell in CELL_KINDS}, labels=decay_labels)
    right.plotly_chart(decay, config=PNG_EXPORT, key=widget_key(PAGE, "decay"))
    st.caption(tr("gates.cell_legend"))
    _downloads(maps, settings, tr)
    return maps


def _downloads(maps: dict[str, CellMaps], settings: GatesSettings, tr: Translator) -> None:
    columns = st.columns(len(CELL_KINDS) + 1)
    for column, cell in zip(columns, CELL_KINDS, strict=False):
        grad = maps[cell].log10_state_grad
        column.download_button(
            tr("gates.download_csv", cell=tr(f"gates.cell.{cell}")),
            data=lambda grad=grad: matrix_csv(grad, header="log10 ||dE_t/dh_k||, row t, column k"),
            file_name=f"log10_state_grad_{cell}.csv",
            mime="text/csv",
            on_click="ignore",
            key=widget_key(PAGE, f"csv_{cell}"),
        )
    numbers = {"settings": settings.values(), **{cell: maps[cell] for cell in CELL_KINDS}}
    json_download(tr("gates.download_json"), numbers, "gates_maps.json", where=columns[-1])
