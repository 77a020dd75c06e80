"""The regime map: log10 ||dE_T/ds_1|| / ||dE_T/ds_T|| over σ_max × T, with the 1/γ line.

The colour is diverging and centred on a ratio of 1 (10^0): blue where the
gradient vanishes, red where it explodes, white where it neither shrinks nor
grows. The raw map spans hundreds of decades, so the colour is clipped at
±CLIP decades (every cell still hovers its true value). Plotly heatmaps cannot
be selected, so an invisible marker sits on every cell: clicking a cell
selects its marker, and the page reads σ_max and T from that point.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import BLACK, DIVERGING

CLIP = 10.0  # decades either side of 10^0 that the colour resolves; beyond, the end colours
COLORSCALE = DIVERGING  # blue = vanishing, white = 1, red = exploding
EDGE_LINE = BLACK  # the 1/γ line: black reads on white, blue and red alike


def clipped_ticks(clip: float = CLIP) -> tuple[list[float], list[str]]:
    """Decade ticks from -clip to +clip, the end labels marked ≤ and ≥ (the colour is clipped there)."""
    values = [float(v) for v in np.linspace(-clip, clip, 5)]
    labels = [f"1e{int(v):+d}" if v else "1" for v in values]
    labels[0], labels[-1] = f"≤ {labels[0]}", f"≥ {labels[-1]}"
    return values, labels


def regime_heatmap(
    z: np.ndarray,
    *,
    gains: np.ndarray,
    lengths: np.ndarray,
    one_over_gamma: float,
    labels: Mapping[str, str],
    clip: float = CLIP,
) -> go.Figure:
    """Heatmap of z (len(gains), len(lengths)) with σ_max across and T up (log axis), a line at 1/γ.

    labels: title, x, y, line (the 1/γ line), colorbar and zero (an exactly-0 cell's hover).
    Trace 0 is the coloured map (no hover of its own); trace 1 holds one invisible,
    clickable marker per cell at (σ_max, T) whose hover shows the true, unclipped value.
    """
    title, x_title, y_title = labels["title"], labels["x"], labels["y"]
    line_label, colorbar_title, zero_label = labels["line"], labels["colorbar"], labels["zero"]
    z = np.asarray(z, dtype=float).T  # rows: lengths, columns: gains
    gains, lengths = np.asarray(gains, dtype=float), np.asarray(lengths)
    tickvals, ticktext = clipped_ticks(clip)
    # -inf (exactly zero gradient) takes the darkest blue; NaN stays a gap.
    colour = np.where(z == -np.inf, -clip, np.where(np.isfinite(z), z, np.nan))
    fig = go.Figure(
        go.Heatmap(
            z=colour,
            x=gains,
            y=lengths,
            zmin=-clip,
            zmax=clip,
            zmid=0.0,
            colorscale=COLORSCALE,
            colorbar=dict(title=colorbar_title, tickvals=tickvals, ticktext=ticktext),
            hoverinfo="skip",
        )
    )
    grid_x, grid_y = np.meshgrid(gains, lengths)
    shown = np.where(np.isfinite(z), np.char.add("10^", np.char.mod("%.1f", z)), zero_label)
    shown = np.where(np.isnan(z), "–", shown)
    fig.add_trace(
        go.Scatter(
            x=grid_x.ravel(),
            y=grid_y.ravel(),
            mode="markers",
            marker=dict(size=14, opacity=0, symbol="square"),
            customdata=shown.ravel(),
            hovertemplate=f"{x_title} = %{{x:.2f}}<br>{y_title} = %{{y}}<br>%{{customdata}}<extra></extra>",
            showlegend=False,
        )
    )
    if float(np.min(gains)) <= one_over_gamma <= float(np.max(gains)):
        fig.add_vline(
            x=one_over_gamma,
            line=dict(color=EDGE_LINE, width=3, dash="dash"),
            annotation=dict(text=line_label, bgcolor="rgba(255,255,255,0.85)", font=dict(color=EDGE_LINE)),
        )
    else:  # an edge off the map: say where it is rather than draw nothing
        fig.add_annotation(
            x=1.0,
            y=1.02,
            xref="paper",
            yref="paper",
            xanchor="right",
            showarrow=False,
            text=f"{line_label} = {one_over_gamma:g} →",
        )
    # The invisible markers would widen the axes by their size: pin them to the cells' edges.
    x_half = (gains[-1] - gains[0]) / (2 * max(gains.size - 1, 1)) if gains.size > 1 else 0.5
    log_t = np.log10(lengths.astype(float))
    y_half = (log_t[-1] - log_t[0]) / (2 * max(lengths.size - 1, 1)) if lengths.size > 1 else 0.5
    y_ticks = [v for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if lengths[0] <= v <= lengths[-1]]
    fig.update_layout(
        title=title,
        xaxis=dict(title=x_title, range=[gains[0] - x_half, gains[-1] + x_half]),
        yaxis=dict(
            title=y_title,
            type="log",
            range=[log_t[0] - y_half, log_t[-1] + y_half],
            tickvals=y_ticks,
            ticktext=[str(v) for v in y_ticks],
        ),
        clickmode="event+select",
        hovermode="closest",
        dragmode=False,
        margin=dict(l=60, r=20, t=60, b=50),
    )
    return fig
