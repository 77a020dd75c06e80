"""Pascanu's cliff: the loss over (w, b) with gradient-descent paths drawn on it (numpy + plotly only)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import BLACK, COLORSCALE, PURPLE, VERMILION, decade_ticks

# Okabe-Ito vermillion and reddish purple: apart from each other and from cividis's blue-to-yellow.
UNCLIPPED_COLOR = VERMILION
CLIPPED_COLOR = PURPLE
WALL_COLOR = BLACK
# The labels a caller may leave out (English; the page passes its own language's).
DEFAULT_LABELS = {
    "x": "w",
    "y": "b",
    "z": "E",
    "colorbar": "E",
    "unclipped": "no clipping",
    "clipped": "clipped",
    "start": "start",
    "wall": "cliff",
    "offscreen": "ends at ({w:.3g}, {b:.3g})",
}
LOG_FLOOR = -5.0  # log10 E below this (the valley floor, down to exactly 0) gets the lowest colour


def _finite_rows(points: np.ndarray) -> np.ndarray:
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    return points[np.isfinite(points).all(axis=1)]


def _offscreen_arrow(
    fig: go.Figure, end: np.ndarray, ws: np.ndarray, bs: np.ndarray, *, color: str, label: str
) -> None:
    """An arrow on the frame's edge pointing to where a path ended outside the drawn window."""
    w, b = float(end[0]), float(end[1])
    x = min(max(w, float(ws.min())), float(ws.max()))
    y = min(max(b, float(bs.min())), float(bs.max()))
    fig.add_annotation(
        x=x,
        y=y,
        text=label.format(w=w, b=b),
        showarrow=True,
        arrowhead=2,
        arrowcolor=color,
        ax=-40 if w > x else 40 if w < x else 0,
        ay=40 if b > y else -40 if b < y else 0,
        bgcolor="rgba(255,255,255,0.85)",
        font=dict(color=BLACK),
        name="offscreen",
    )


def cliff_contour(
    loss: np.ndarray,
    *,
    ws: np.ndarray,
    bs: np.ndarray,
    unclipped: np.ndarray,
    clipped: np.ndarray,
    wall_w: np.ndarray,
    wall_b: np.ndarray,
    labels: Mapping[str, str],
) -> go.Figure:
    """Contour of log10 E (B, W) over ws (W,) × bs (B,) with both descent paths (N, 2), start and wall.

    The colour is log10 E, ticked 1e-5 … 1 on whole decades; values below 1e-5
    (down to exactly 0) share the lowest colour, as the colour bar's first tick says.
    Paths that leave the window are cut at its frame, with an arrow to where they ended.
    labels' keys: "title"; optional (DEFAULT_LABELS) "x", "y", "colorbar", "unclipped", "clipped",
    "start", "wall" and "offscreen" (a format string of the end's w and b).
    """
    labels = {**DEFAULT_LABELS, **labels}
    x_title, y_title, colorbar_title = labels["x"], labels["y"], labels["colorbar"]
    ws, bs = np.asarray(ws, dtype=float), np.asarray(bs, dtype=float)
    loss = np.asarray(loss, dtype=float)
    hover_axes = f"{x_title} = %{{x:.4f}}<br>{y_title} = %{{y:.4f}}"
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.log10(loss)
    z = np.where(np.isnan(z), np.nan, np.maximum(z, LOG_FLOOR))  # NaN stays a gap, -inf joins the floor
    zmax = max(math.ceil(np.nanmax(z)) if np.isfinite(z).any() else 0.0, LOG_FLOOR + 1)
    tickvals, ticktext = decade_ticks(LOG_FLOOR, zmax)
    ticktext[0] = f"≤{ticktext[0]}"
    fig = go.Figure(
        go.Contour(
            z=z.astype(np.float32),  # half the payload; colours need no more
            x=ws,
            y=bs,
            zmin=LOG_FLOOR,
            zmax=zmax,
            colorscale=COLORSCALE,
            contours=dict(start=LOG_FLOOR, end=zmax, size=0.25),
            line=dict(width=0.5),
            colorbar=dict(title=colorbar_title, tickvals=tickvals, ticktext=ticktext),
            hovertemplate=f"{hover_axes}<br>E = 10^%{{z:.2f}}<extra></extra>",
            name=colorbar_title,
            meta="surface",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=np.asarray(wall_w, dtype=float),
            y=np.asarray(wall_b, dtype=float),
            mode="lines",
            line=dict(color=WALL_COLOR, width=2, dash="dash"),
            name=labels["wall"],
            meta="wall",
            hoverinfo="skip",
        )
    )
    paths = (
        (unclipped, UNCLIPPED_COLOR, labels["unclipped"], "unclipped", 3),
        (clipped, CLIPPED_COLOR, labels["clipped"], "clipped", 3),
    )
    for points, color, label, role, width in paths:
        points = _finite_rows(points)
        fig.add_trace(
            go.Scatter(
                x=points[:, 0],
                y=points[:, 1],
                mode="lines+markers",
                line=dict(color=color, width=width),
                marker=dict(size=4, color=color, line=dict(color=BLACK, width=0.5)),
                name=label,
                meta=role,
                customdata=np.arange(len(points)),
                hovertemplate=f"{label}<br>step %{{customdata}}<br>{hover_axes}<extra></extra>",
            )
        )
        if len(points) and not (
            ws.min() <= points[-1, 0] <= ws.max() and bs.min() <= points[-1, 1] <= bs.max()
        ):
            _offscreen_arrow(fig, points[-1], ws, bs, color=color, label=f"{label}: {labels['offscreen']}")
    start = _finite_rows(unclipped)[:1]
    fig.add_trace(
        go.Scatter(
            x=start[:, 0],
            y=start[:, 1],
            mode="markers",
            marker=dict(symbol="star", size=16, color=BLACK, line=dict(color="white", width=1.5)),
            name=labels["start"],
            meta="start",
        )
    )
    fig.update_layout(
        title=labels["title"],
        xaxis=dict(title=x_title, range=[ws.min(), ws.max()]),
        yaxis=dict(title=y_title, range=[bs.min(), bs.max()]),
        legend=dict(orientation="h", y=-0.18),
        margin=dict(l=60, r=20, t=60, b=80),
    )
    return fig


def cliff_surface(
    loss: np.ndarray,
    *,
    ws: np.ndarray,
    bs: np.ndarray,
    unclipped: np.ndarray,
    unclipped_losses: np.ndarray,
    clipped: np.ndarray,
    clipped_losses: np.ndarray,
    labels: Mapping[str, str],
) -> go.Figure:
    """3-D surface of E (B, W) on a linear axis, as in Pascanu et al.'s figure 6, with both paths on it.

    Path points outside the surface's (w, b) window are left out, so the frame keeps the cliff in view.
    labels' keys: "title"; optional (DEFAULT_LABELS) "x", "y", "z" (E's axis), "unclipped", "clipped".
    """
    labels = {**DEFAULT_LABELS, **labels}
    x_title, y_title, z_title = labels["x"], labels["y"], labels["z"]
    ws, bs = np.asarray(ws, dtype=float), np.asarray(bs, dtype=float)
    loss = np.asarray(loss, dtype=float)
    hover_axes = f"{x_title} = %{{x:.4f}}<br>{y_title} = %{{y:.4f}}"
    fig = go.Figure(
        go.Surface(
            z=np.where(np.isfinite(loss), loss, np.nan).astype(np.float32),
            x=ws,
            y=bs,
            colorscale=COLORSCALE,
            colorbar=dict(title=z_title),
            name=z_title,
            meta="surface",
            hovertemplate=f"{hover_axes}<br>E = %{{z:.4f}}<extra></extra>",
        )
    )
    paths = (
        (unclipped, unclipped_losses, UNCLIPPED_COLOR, labels["unclipped"], "unclipped"),
        (clipped, clipped_losses, CLIPPED_COLOR, labels["clipped"], "clipped"),
    )
    # A hair above the surface, which would otherwise hide a path lying exactly on it.
    lift = 0.01 * float(np.nanmax(loss) - np.nanmin(loss)) if np.isfinite(loss).any() else 0.0
    for points, losses, color, label, role in paths:
        points = np.asarray(points, dtype=float).reshape(-1, 2)
        losses = np.asarray(losses, dtype=float)
        keep = (
            np.isfinite(points).all(axis=1)
            & np.isfinite(losses)
            & (points[:, 0] >= ws.min())
            & (points[:, 0] <= ws.max())
            & (points[:, 1] >= bs.min())
            & (points[:, 1] <= bs.max())
        )
        fig.add_trace(
            go.Scatter3d(
                x=points[keep, 0],
                y=points[keep, 1],
                z=losses[keep] + lift,
                mode="lines+markers",
                line=dict(color=color, width=6),
                marker=dict(size=3, color=color),
                name=label,
                meta=role,
            )
        )
    fig.update_layout(
        title=labels["title"],
        scene=dict(xaxis_title=x_title, yaxis_title=y_title, zaxis_title=z_title),
        legend=dict(orientation="h", y=-0.05),
        margin=dict(l=0, r=0, t=60, b=40),
    )
    return fig
