"""Figures of training runs: the clipping lab's six panels and the gradient's reach during training."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from visualizer.figures.heatmap import COLORSCALE, decade_ticks, value_range

# Okabe–Ito: told apart by colour-blind students and on a washed-out projector.
RUN_COLOURS = ("#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7")
PANELS = ("loss", "heldout", "cosine", "grad_norm", "clipped_norm", "clipped_share")
LOG_PANELS = ("loss", "grad_norm", "clipped_norm")


def clipped_share(clipped: np.ndarray) -> np.ndarray:
    """Running share of the steps so far that were clipped, (S,) in [0, 1]."""
    clipped = np.asarray(clipped, dtype=float)
    return np.cumsum(clipped) / np.arange(1, len(clipped) + 1) if len(clipped) else clipped


def training_panels(
    runs: Mapping[str, Mapping[str, np.ndarray]],
    *,
    titles: Mapping[str, str],
    threshold: float,
    threshold_label: str,
    x_title: str,
    height: int = 560,
) -> go.Figure:
    """Six panels over training steps, one line per run (loss, accuracy, cosine, two norms, share clipped).

    runs maps a run's label to arrays (S,) named "step", "loss", "heldout" (nan where not
    measured), "cosine", "grad_norm", "clipped_norm" and "clipped"; titles maps PANELS to titles.
    """
    fig = make_subplots(rows=2, cols=3, subplot_titles=[titles[p] for p in PANELS], vertical_spacing=0.16)
    for colour, (label, run) in zip(RUN_COLOURS, runs.items(), strict=False):
        steps = np.asarray(run["step"])
        series = {name: np.asarray(run[name], dtype=float) for name in PANELS[:5]}
        series["clipped_share"] = clipped_share(run["clipped"])
        for index, name in enumerate(PANELS):
            y = series[name]
            x = steps
            if name == "heldout":  # measured every few steps only
                x, y = steps[np.isfinite(y)], y[np.isfinite(y)]
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines",
                    name=label,
                    legendgroup=label,
                    showlegend=index == 0,
                    line={"color": colour, "width": 2},
                    meta={"run": label, "panel": name},
                ),
                row=index // 3 + 1,
                col=index % 3 + 1,
            )
    for index, name in enumerate(PANELS):
        row, col = index // 3 + 1, index % 3 + 1
        if name in LOG_PANELS:
            fig.update_yaxes(type="log", exponentformat="power", row=row, col=col)
        if name in ("grad_norm", "clipped_norm"):
            fig.add_hline(
                y=threshold,
                line={"dash": "dash", "color": "#E69F00"},
                annotation_text=threshold_label,
                annotation_position="top left",
                row=row,
                col=col,
            )
        if name in ("heldout", "cosine", "clipped_share"):
            fig.update_yaxes(range=[-0.05 if name != "cosine" else None, 1.05], row=row, col=col)
        fig.update_xaxes(title_text=x_title if row == 2 else None, row=row, col=col)
    fig.update_layout(height=height, margin={"t": 60, "b": 40}, legend={"orientation": "h", "y": 1.12})
    return fig


def reach_heatmap(
    z: np.ndarray,
    *,
    steps: Sequence[int],
    title: str,
    x_title: str,
    y_title: str,
    colorbar_title: str = "‖·‖",
    marked_step: int | None = None,
    marked_label: str = "",
) -> go.Figure:
    """log10 ‖term k of dE_T/dW‖ (S, T) for S training steps (rows) and k = 1..T (columns)."""
    z = np.asarray(z, dtype=float)
    lo, hi = value_range(z)
    tick_values, tick_text = decade_ticks(lo, hi)
    fig = go.Figure(
        go.Heatmap(
            z=np.where(np.isfinite(z), z, np.nan).astype(np.float32),
            x=np.arange(1, z.shape[1] + 1),
            y=np.asarray(steps),
            zmin=lo,
            zmax=hi,
            colorscale=COLORSCALE,
            colorbar={"title": colorbar_title, "tickvals": tick_values, "ticktext": tick_text},
            hovertemplate=f"{y_title} %{{y}}<br>k = %{{x}}<br>log10 = %{{z:.2f}}<extra></extra>",
        )
    )
    if marked_step is not None:
        fig.add_hline(y=marked_step, line={"color": "#D55E00", "width": 2}, annotation_text=marked_label)
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title, height=420)
    return fig
