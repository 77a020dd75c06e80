"""One heatmap cell's term, factor by factor: a clickable map, the path's gains, the row's running sum.

numpy + plotly only. Plotly heatmaps cannot be selected, so `selectable_map` lays an invisible
marker on the cells that have a term (as the regime map does); a click selects that marker and
the page reads t and k from it. The markers carry the hover, so the map's own traces stop hovering.
Each marker is one SVG node in the browser: up to MAX_MARKERS per map every cell gets one, above
that one cell in every stride × stride block does (the hover names the cell it reports).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import BLUE, CIVIDIS_BLUE, CIVIDIS_GOLD, INK, MID_GREY, VERMILION, figure

# The decay chart's colours: measured (here the exact gain) dark blue, the bound gold.
EXACT_COLOR, BOUND_COLOR, ZERO_MARK = CIVIDIS_BLUE, CIVIDIS_GOLD, MID_GREY
SELECTED = VERMILION  # the chosen cell's frame on the map and its k on the running sum
# Measured in Chromium (median slider move to repaint on the heatmap page, bench_pages.py's
# method): a marker on each cell took 5.4 s at T = 500 (31k pooled cells per map) and 845 ms at
# T = 100; 1,500 per map 400 and 590 ms; 600 per map 320 and 350 ms; no markers 330 and 220 ms.
# With 600, every cell up to T = 34 (the default T is 30) is clickable, and at T = 100 every third
# step: a click lands within about 6 px of its cell, and the cell controls reach any cell.
MAX_MARKERS = 600


def marker_stride(n_cells: int) -> int:
    """The smallest stride s whose s × s grid puts at most MAX_MARKERS markers on n_cells cells."""
    return max(1, math.ceil(math.sqrt(n_cells / MAX_MARKERS)))


def selectable_map(
    fig: go.Figure, *, selected: tuple[int, int] | None, labels: Mapping[str, str]
) -> go.Figure:
    """A figures.heatmap.log10_heatmap figure made clickable, with the selected cell (t, k) 1-based framed.

    labels: x, y, lag and zero (as given to log10_heatmap) and selected (the frame's legend name).
    Adds trace 2 (one invisible marker per cell with a term, hover t, k, lag, value), trace 3
    (the same for exactly-zero cells) and, when selected is given, trace 4 (the frame).
    Traces 0 and 1 keep their data; only their hover is switched off. Above MAX_MARKERS cells,
    only the cells in every stride-th row (counted from the last, t = T) and column get markers.
    """
    zero_layer, values = fig.data[0], fig.data[1]
    x, y = np.asarray(values.x, dtype=int), np.asarray(values.y, dtype=int)
    z, zero = np.asarray(values.z, dtype=float), np.asarray(zero_layer.z, dtype=float)
    stride = marker_stride(int(np.isfinite(z).sum() + np.isfinite(zero).sum()))
    on_grid = np.zeros(z.shape, bool)
    on_grid[(z.shape[0] - 1) % stride :: stride, ::stride] = True
    rows, cols = np.nonzero(np.isfinite(z) & on_grid)
    zero_rows, zero_cols = np.nonzero(np.isfinite(zero) & on_grid)
    hover = f"{labels['y']} = %{{y}}<br>{labels['x']} = %{{x}}<br>{labels['lag']} = %{{customdata[0]}}"
    # The markers below carry the hover (and the lag), so the maps' own lag grid is not sent.
    fig.update_traces(hoverinfo="skip", hovertemplate=None, customdata=None, selector=dict(type="heatmap"))
    for r, c, extra, tail in (
        (rows, cols, z[rows, cols], "<br>10^%{customdata[1]:.2f}"),
        (zero_rows, zero_cols, np.zeros(zero_rows.size), f"<br>{labels['zero']}"),
    ):
        fig.add_trace(
            go.Scatter(
                x=x[c].astype(np.int16),  # T <= 500: int16 keeps the 31k markers of a pooled map light
                y=y[r].astype(np.int16),
                mode="markers",
                marker=dict(size=10, opacity=0, symbol="square"),
                customdata=np.stack([y[r] - x[c], extra], axis=1).astype(np.float32),
                hovertemplate=hover + tail + "<extra></extra>",
                showlegend=False,
            )
        )
    if selected is not None:
        t, k = selected
        fig.add_trace(
            go.Scatter(
                x=[k],
                y=[t],
                mode="markers",
                marker=dict(size=14, symbol="square-open", color=SELECTED, line=dict(width=3)),
                hoverinfo="skip",
                name=labels["selected"],
                showlegend=False,
            )
        )
    fig.update_layout(clickmode="event+select", hovermode="closest")
    return fig


def path_gains(
    steps: np.ndarray, exact: np.ndarray, bound: np.ndarray, *, labels: Mapping[str, str]
) -> go.Figure:
    """Bars of each step's exact log10 gain on the gradient (n,) over steps j (n,) 1-based, bounds as markers.

    labels: title, x, y, exact, bound, zero (a step whose gain is exactly 0), none (a step left
    with no vector, after a zero) and empty (the note when there is no step: k = t).
    −inf exact gains are drawn as crosses one decade below the lowest bar; NaN ones as nothing.
    """
    steps, exact, bound = (np.asarray(a, dtype=float) for a in (steps, exact, bound))
    fig = figure()
    fig.add_trace(
        go.Bar(
            x=steps,
            y=np.where(np.isfinite(exact), exact, np.nan),
            marker_color=EXACT_COLOR,
            name=labels["exact"],
            hovertemplate="j = %{x}<br>10^%{y:.3f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=steps,
            y=np.where(np.isfinite(bound), bound, np.nan),
            mode="markers",
            marker=dict(symbol="line-ew-open", size=14, color=BOUND_COLOR, line=dict(width=3)),
            name=labels["bound"],
            hovertemplate="j = %{x}<br>10^%{y:.3f}<extra></extra>",
        )
    )
    finite = np.concatenate([exact[np.isfinite(exact)], bound[np.isfinite(bound)]])
    floor = float(finite.min()) - 1.0 if finite.size else -1.0
    for mask, name, symbol in (
        (exact == -np.inf, labels["zero"], "x"),
        (np.isnan(exact), labels["none"], "circle-open"),
    ):
        if mask.any():
            fig.add_trace(
                go.Scatter(
                    x=steps[mask],
                    y=np.full(int(mask.sum()), min(floor, 0.0)),
                    mode="markers",
                    marker=dict(symbol=symbol, size=8, color=ZERO_MARK),
                    name=name,
                    hovertemplate=f"j = %{{x}}<br>{name}<extra></extra>",
                )
            )
    if steps.size == 0:
        fig.add_annotation(text=labels["empty"], x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    fig.update_layout(
        title_text=labels["title"],
        xaxis_title_text=labels["x"],
        yaxis_title_text=labels["y"],
        barmode="overlay",
        legend=dict(orientation="h", y=-0.25),
        margin=dict(l=60, r=20, t=60, b=50),
    )
    return fig


def running_sum(running: np.ndarray, terms: np.ndarray, *, k: int, labels: Mapping[str, str]) -> go.Figure:
    """The row's partial sums Σ_{i=k'..t} term i (t,) and the terms themselves over k' = 1..t, k marked.

    running and terms are log10 norms, 0-based over k'; k is 1-based. labels: title, x, y,
    running, terms, selected and zero (exactly-0 entries, drawn as crosses below the lowest value).
    """
    running, terms = np.asarray(running, dtype=float), np.asarray(terms, dtype=float)
    ks = np.arange(1, running.size + 1)
    fig = figure()
    for values, name, colour, width in (
        (running, labels["running"], INK, 3),
        (terms, labels["terms"], BLUE, 1.5),
    ):
        fig.add_trace(
            go.Scatter(
                x=ks,
                y=np.where(np.isfinite(values), values, np.nan),
                mode="lines",
                line=dict(color=colour, width=width),
                name=name,
                hovertemplate=f"{labels['x']} = %{{x}}<br>10^%{{y:.2f}}<extra></extra>",
            )
        )
    finite = np.concatenate([v[np.isfinite(v)] for v in (running, terms)])
    floor = float(finite.min()) - 1.0 if finite.size else -1.0
    zeros = running == -np.inf
    if zeros.any():
        fig.add_trace(
            go.Scatter(
                x=ks[zeros],
                y=np.full(int(zeros.sum()), floor),
                mode="markers",
                marker=dict(symbol="x", size=8, color=ZERO_MARK),
                name=labels["zero"],
                hovertemplate=f"{labels['x']} = %{{x}}<br>{labels['zero']}<extra></extra>",
            )
        )
    if 1 <= k <= running.size:
        mark = running[k - 1] if np.isfinite(running[k - 1]) else floor
        fig.add_trace(
            go.Scatter(
                x=[k],
                y=[mark],
                mode="markers",
                marker=dict(symbol="circle-open", size=14, color=SELECTED, line=dict(width=3)),
                name=labels["selected"],
                hovertemplate=f"{labels['x']} = %{{x}}<br>10^%{{y:.2f}}<extra></extra>",
            )
        )
    fig.update_layout(
        title_text=labels["title"],
        xaxis_title_text=labels["x"],
        yaxis_title_text=labels["y"],
        legend=dict(orientation="h", y=-0.25),
        margin=dict(l=60, r=20, t=60, b=50),
    )
    return fig
