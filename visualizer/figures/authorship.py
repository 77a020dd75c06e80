"""Figures of the authorship demo: predictions (figure 5.35), characters by gradient, training curves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import COLORSCALE, MID_GREY, SERIES, decade_ticks

CELL_PX = 34  # one row of characters in the strip
# Room for the title above and a horizontal colour bar below; Plotly's default (t 100, b 80) would leave
# a 2-row strip a drawing area of -22 px (shown as 2 px).
STRIP_MARGIN = {"t": 48, "b": 64, "l": 8, "r": 8}


def plain(text: str) -> str:
    """Text from a user (an author, a document title, a character) shown as itself in a Plotly label.

    Plotly reads a small HTML subset in labels (<a href>, <b>, <br>, entities), so < > & are written as
    entities: an author folder named '<a href="https://x">' shows those characters and links nowhere.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def prediction_bars(
    ids: Sequence[str],
    authors: Sequence[str],
    probabilities: Sequence[Sequence[float]],
    *,
    labels: Mapping[str, str],
) -> go.Figure:
    """One horizontal stacked bar per document: the probability of each author (rows (n, K)).

    labels: title and x (the probability axis). Authors take the style's series colours in turn.
    """
    p = np.asarray(probabilities, dtype=float).reshape(len(ids), len(authors))
    fig = go.Figure()
    for k, author in enumerate(authors):
        fig.add_bar(
            y=[plain(i) for i in ids],
            x=p[:, k],
            name=plain(author),
            orientation="h",
            text=[f"{v:.0%}" for v in p[:, k]],
            textposition="inside",
            marker_color=SERIES[k % len(SERIES)],
        )
    fig.update_layout(
        title=labels["title"],
        barmode="stack",
        xaxis={"title": labels["x"], "range": [0, 1], "tickformat": ".0%"},
        yaxis={"autorange": "reversed", "type": "category"},
        height=max(260, 32 * len(ids) + 120),
        legend={"orientation": "h", "y": -0.25, "yanchor": "top"},  # below the axis title
    )
    return fig


def character_gradients(
    chars: Sequence[str], log10_norms: Sequence[float], *, labels: Mapping[str, str], per_row: int = 50
) -> go.Figure:
    """The window's characters in rows of per_row, each cell coloured by log10 ||dE/dx_k|| (values (n,)).

    labels: title.

    The drawing area is CELL_PX per row of characters, on top of STRIP_MARGIN: the height is set
    with the margins, so a 2-row strip does not vanish under Plotly's default 180 px of margins.
    """
    values = np.asarray(log10_norms, dtype=float)
    n = len(chars)
    rows = -(-n // per_row)
    z = np.full((rows, per_row), np.nan)
    text = np.full((rows, per_row), "", dtype=object)
    hover = np.full((rows, per_row), "", dtype=object)
    for k in range(n):
        r, c = divmod(k, per_row)
        z[r, c] = values[k] if np.isfinite(values[k]) else np.nan
        text[r, c] = "␣" if chars[k] == " " else plain(chars[k])
        hover[r, c] = f"k = {k + 1}: '{plain(chars[k])}'  log10 ‖dE/dx_k‖ = {values[k]:.2f}"
    finite = values[np.isfinite(values)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 1.0)
    ticks, tick_text = decade_ticks(lo, hi if hi > lo else lo + 1)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            colorscale=COLORSCALE,
            zmin=lo,
            zmax=hi if hi > lo else lo + 1,
            # Horizontal, under the strip: a vertical bar would be squeezed into the strip's few rows.
            colorbar={
                "title": {"text": "‖dE/dx_k‖", "side": "right"},
                "tickvals": ticks,
                "ticktext": tick_text,
                "orientation": "h",
                "thickness": 10,
                "len": 0.5,
                "x": 1.0,
                "xanchor": "right",
                "y": -8 / (CELL_PX * rows),
                "yanchor": "top",
            },
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        title={"text": labels["title"], "y": 1.0, "yanchor": "top", "yref": "container", "pad": {"t": 8}},
        height=STRIP_MARGIN["t"] + STRIP_MARGIN["b"] + CELL_PX * rows,
        margin=STRIP_MARGIN,
        xaxis={"visible": False},
        yaxis={"visible": False, "autorange": "reversed"},
    )
    return fig


def training_curves(
    loss: Sequence[float],
    heldout_steps: Sequence[int],
    heldout: Sequence[float],
    *,
    labels: Mapping[str, str],
) -> go.Figure:
    """Training loss per step (loss (n,), left axis) and held-out window accuracy (right axis, 0-1).

    labels: title, x (the step axis), loss and heldout (each line's name and axis title).
    """
    loss_label, heldout_label = labels["loss"], labels["heldout"]
    fig = go.Figure()
    fig.add_scatter(
        x=np.arange(1, len(loss) + 1),
        y=np.asarray(loss, float),
        name=loss_label,
        mode="lines",
        line={"color": SERIES[0]},
    )
    fig.add_scatter(
        x=np.asarray(heldout_steps, float),
        y=np.asarray(heldout, float),
        name=heldout_label,
        mode="lines+markers",
        yaxis="y2",
        line={"color": SERIES[1]},
        marker={"color": SERIES[1]},
    )
    fig.update_layout(
        title=labels["title"],
        xaxis={"title": labels["x"]},
        yaxis={"title": loss_label, "rangemode": "tozero"},
        yaxis2={
            "title": heldout_label,
            "overlaying": "y",
            "side": "right",
            "range": [0, 1],
            "tickformat": ".0%",
        },
        height=320,
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def gradient_reach(curves: Mapping[str, Sequence[float]], *, labels: Mapping[str, str]) -> go.Figure:
    """How far back the gradient reaches: one line per readout, log10 ||dE/dx_k|| relative to the last step.

    curves: line name -> values (L,) for k = 1..L (0 at k = L). The x axis counts characters back from
    the window's end (L - k), so "further right" is "further back". labels: title, x, y, floor (the
    dashed line at -2: 1 % of the last character's gradient).
    """
    fig = go.Figure()
    for n, (name, values) in enumerate(curves.items()):
        y = np.asarray(values, dtype=float)
        fig.add_scatter(
            x=np.arange(len(y))[::-1],
            y=y,
            name=plain(name),
            mode="lines",
            line={"color": SERIES[n % len(SERIES)]},
        )
    fig.add_hline(y=-2.0, line={"dash": "dash", "color": MID_GREY}, annotation_text=labels["floor"])
    lo = min([float(np.nanmin(np.asarray(v, float))) for v in curves.values()] + [-3.0])
    hi = max([float(np.nanmax(np.asarray(v, float))) for v in curves.values()] + [0.5])
    ticks, tick_text = decade_ticks(lo, hi)
    fig.update_layout(
        title=labels["title"],
        xaxis={"title": labels["x"]},
        yaxis={"title": labels["y"], "tickvals": ticks, "ticktext": tick_text},
        height=340,
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def model_comparison(
    names: Sequence[str],
    values: Sequence[float],
    intervals: Sequence[tuple[float, float]],
    *,
    labels: Mapping[str, str],
    chance: float,
) -> go.Figure:
    """One point per model with its confidence interval as an error bar (values (n,), intervals (n, 2)).

    labels: title, y (the accuracy axis), chance (the dashed line at `chance`).
    """
    v = np.asarray(values, dtype=float)
    ci = np.asarray(intervals, dtype=float).reshape(len(v), 2)
    fig = go.Figure()
    fig.add_scatter(
        x=[plain(n) for n in names],
        y=v,
        mode="markers+text",
        text=[f"{x:.0%}" for x in v],
        textposition="middle right",
        marker={"size": 12, "color": [SERIES[k % len(SERIES)] for k in range(len(v))]},
        error_y={"type": "data", "symmetric": False, "array": ci[:, 1] - v, "arrayminus": v - ci[:, 0]},
        showlegend=False,
    )
    fig.add_hline(y=chance, line={"dash": "dash", "color": MID_GREY}, annotation_text=labels["chance"])
    fig.update_layout(
        title=labels["title"],
        yaxis={"title": labels["y"], "range": [0, 1.05], "tickformat": ".0%"},
        xaxis={"type": "category"},
        height=340,
    )
    return fig
