"""Figures of the gates page: decay by lag per cell, live accuracy per cell, the reach of three cells.

numpy + plotly only. Each cell keeps one colour on every chart: the n-th cell takes style.SERIES[n].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from visualizer.figures.style import COLORSCALE, MID_GREY, SERIES, VERMILION, decade_ticks, value_range

CHANCE_COLOUR = MID_GREY
MARK_COLOUR = VERMILION  # the held-out sequence's marker steps on the reach map


def decay_by_cell(rises: Mapping[str, np.ndarray], *, labels: Mapping[str, str]) -> go.Figure:
    """log10 ‖dE_T/dh_{T−lag}‖ − log10 ‖dE_T/dh_T‖ against the lag, one line (T,) per cell.

    rises maps a cell's label to its rise (T,), index = lag. labels: title, x, y. Lags whose
    gradient is exactly 0 (−inf) or unmeasured (NaN) are gaps in the line.
    """
    fig = go.Figure()
    for colour, (name, rise) in zip(SERIES, rises.items(), strict=False):
        rise = np.asarray(rise, dtype=float)
        fig.add_trace(
            go.Scatter(
                x=np.arange(rise.size),
                y=np.where(np.isfinite(rise), rise, np.nan),
                mode="lines+markers" if rise.size <= 60 else "lines",
                name=name,
                line={"color": colour, "width": 3},
                meta={"cell": name},
                hovertemplate=f"{name}<br>{labels['x']} = %{{x}}<br>10^%{{y:.2f}}<extra></extra>",
            )
        )
    fig.update_layout(
        title=labels["title"],
        xaxis_title=labels["x"],
        yaxis_title=labels["y"],
        legend={"orientation": "h", "y": -0.25},
        margin={"l": 60, "r": 20, "t": 60, "b": 80},
    )
    return fig


def accuracy_by_cell(
    runs: Mapping[str, Mapping[str, np.ndarray]],
    *,
    labels: Mapping[str, str],
    chance: float,
    height: int = 340,
) -> go.Figure:
    """Held-out accuracy over training steps, one panel per cell side by side, each with the chance line.

    runs maps a cell's label to arrays (S,) "step" and "heldout" (NaN on steps without an
    evaluation). labels: step (the x-axis), accuracy (the y-axis) and chance (the line's label).
    """
    names = list(runs)
    fig = make_subplots(rows=1, cols=max(len(names), 1), subplot_titles=names, shared_yaxes=True)
    for index, (colour, name) in enumerate(zip(SERIES, names, strict=False), start=1):
        steps = np.asarray(runs[name]["step"], dtype=float)
        accuracy = np.asarray(runs[name]["heldout"], dtype=float)
        measured = np.isfinite(accuracy)
        fig.add_trace(
            go.Scatter(
                x=steps[measured],
                y=accuracy[measured],
                mode="lines+markers",
                name=name,
                line={"color": colour, "width": 3},
                meta={"cell": name, "panel": "heldout"},
                hovertemplate=f"{name}<br>{labels['step']} %{{x}}<br>%{{y:.0%}}<extra></extra>",
            ),
            row=1,
            col=index,
        )
        fig.add_hline(y=chance, line={"dash": "dash", "color": CHANCE_COLOUR}, row=1, col=index)
        fig.update_xaxes(title_text=labels["step"], row=1, col=index)
    if names:
        fig.add_annotation(
            x=0, xref="x domain", y=chance, yref="y", text=labels["chance"], showarrow=False,
            xanchor="left", yanchor="bottom", font={"color": CHANCE_COLOUR},
        )  # fmt: skip
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    fig.update_yaxes(title_text=labels["accuracy"], row=1, col=1)
    fig.update_layout(height=height, showlegend=False, margin={"t": 60, "b": 50})
    return fig


def reach_by_cell(
    before: np.ndarray,
    after: np.ndarray,
    *,
    cells: Sequence[str],
    labels: Mapping[str, str],
    markers: Sequence[int] = (),
) -> go.Figure:
    """log10 ‖dE_T/dh_k‖ (C, T) before and after training, side by side: rows = cells, columns = k.

    One colour range over both maps, so a row that grew or shrank in training shows it.
    labels: before, after (the two titles), x (k's axis), colorbar, and optionally markers
    (one label for the dotted lines at the 1-based marker steps).
    """
    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    zmin, zmax = value_range(before, after)
    tick_values, tick_text = decade_ticks(zmin, zmax)
    fig = make_subplots(rows=1, cols=2, subplot_titles=[labels["before"], labels["after"]], shared_yaxes=True)
    for col, z in ((1, before), (2, after)):
        fig.add_trace(
            go.Heatmap(
                z=np.where(np.isfinite(z), z, np.nan),
                x=np.arange(1, z.shape[1] + 1),
                y=list(cells),
                zmin=zmin,
                zmax=zmax,
                colorscale=COLORSCALE,
                showscale=col == 2,
                colorbar={"title": labels["colorbar"], "tickvals": tick_values, "ticktext": tick_text},
                meta={"map": "before" if col == 1 else "after"},
                hovertemplate="%{y}<br>k = %{x}<br>10^%{z:.2f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(title_text=labels["x"], row=1, col=col)
        for index, step in enumerate(markers):
            # One label for all markers; a None label would still draw Plotly's placeholder "new text".
            note = {"annotation_text": labels["markers"], "annotation_position": "top"}
            label = note if index == 0 and col == 1 and labels.get("markers") else {}
            fig.add_vline(
                x=step, line={"color": MARK_COLOUR, "width": 2, "dash": "dot"}, row=1, col=col, **label
            )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=300, margin={"t": 60, "b": 50})
    return fig
