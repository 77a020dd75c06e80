"""T×T heatmaps of log10 gradient magnitudes (numpy + plotly only)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import COLORSCALE, ZERO_COLOR, decade_ticks, figure, value_range

LABELS = {"colorbar": "‖·‖", "zero": "exactly 0", "lag": "lag", "pooled": "each cell: max over {f}×{f} steps"}


def pool_max(z: np.ndarray, factor: int) -> np.ndarray:
    """Max over factor×factor blocks of z (T, T), ignoring NaN; an all-NaN block stays NaN.

    The max keeps what a student looks for: the strongest term in the block.
    """
    rows, cols = -(-z.shape[0] // factor), -(-z.shape[1] // factor)
    padded = np.full((rows * factor, cols * factor), np.nan)
    padded[: z.shape[0], : z.shape[1]] = z
    blocks = padded.reshape(rows, factor, cols, factor)
    return np.fmax.reduce(np.fmax.reduce(blocks, axis=3), axis=1)


def log10_heatmap(
    z: np.ndarray,
    *,
    labels: Mapping[str, str],
    zmin: float | None = None,
    zmax: float | None = None,
    max_side: int = 250,
) -> go.Figure:
    """Heatmap of a (T, T) log10 map indexed [t, k], 1-based on the axes, log ticks on the colour bar.

    labels: title, x, y, and optionally colorbar, zero (an exactly-0 cell), lag (the hover's
    t − k) and pooled ("{f}" is the pooling factor); the optional ones default to LABELS.
    Above max_side cells per side, blocks are pooled by their max to keep the page light.
    """
    labels = {**LABELS, **labels}
    title, x_title, y_title = labels["title"], labels["x"], labels["y"]
    colorbar_title, zero_label, lag_label = labels["colorbar"], labels["zero"], labels["lag"]
    pooled_note = labels["pooled"]
    z = np.asarray(z, dtype=float)
    factor = -(-max(z.shape) // max_side)
    if factor > 1:
        z = pool_max(z, factor)
        title = f"{title} ({pooled_note.format(f=factor)})"
    n_rows, n_cols = z.shape
    if zmin is None or zmax is None:
        lo, hi = value_range(z)
        zmin, zmax = (lo if zmin is None else zmin), (hi if zmax is None else zmax)
    tickvals, ticktext = decade_ticks(zmin, zmax)
    t_idx, k_idx = np.indices(z.shape) * factor
    x, y = 1 + factor * np.arange(n_cols), 1 + factor * np.arange(n_rows)
    # NaN (k > t, no term) stays a gap; -inf (a term that is exactly 0) gets its own grey layer.
    zero_cells = np.where(z == -np.inf, 0.0, np.nan).astype(np.float32)
    hover_axes = f"{y_title} = %{{y}}<br>{x_title} = %{{x}}"
    fig = figure()
    fig.add_trace(
        go.Heatmap(
            z=zero_cells,
            x=x,
            y=y,
            colorscale=[[0, ZERO_COLOR], [1, ZERO_COLOR]],
            showscale=False,
            hovertemplate=f"{hover_axes}<br>{zero_label}<extra></extra>",
            hoverongaps=False,
            name=zero_label,
        )
    )
    fig.add_trace(
        go.Heatmap(
            z=np.where(np.isfinite(z), z, np.nan).astype(np.float32),  # half the payload
            x=x,
            y=y,
            customdata=(t_idx - k_idx).astype(np.int32),
            zmin=zmin,
            zmax=zmax,
            colorscale=COLORSCALE,
            colorbar=dict(title=colorbar_title, tickvals=tickvals, ticktext=ticktext),
            hovertemplate=f"{hover_axes}<br>{lag_label} = %{{customdata}}<br>10^%{{z:.2f}}<extra></extra>",
            hoverongaps=False,
            name=title,
        )
    )
    fig.update_layout(
        title_text=title,
        xaxis=dict(title=dict(text=x_title), constrain="domain"),
        yaxis=dict(title=dict(text=y_title), autorange="reversed", scaleanchor="x"),
        margin=dict(l=60, r=20, t=60, b=50),
    )
    return fig
