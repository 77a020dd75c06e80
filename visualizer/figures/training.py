"""Figures of training runs: the clipping lab's six panels and the gradient's reach during training."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from visualizer.figures.style import BLACK, BLUE, COLORSCALE, GREEN, ORANGE, PURPLE, VERMILION, decade_ticks

# Okabe–Ito: told apart by colour-blind students and on a washed-out projector.
RUN_COLOURS = (BLACK, BLUE, VERMILION, GREEN, PURPLE)
THRESHOLD_COLOUR = ORANGE  # θ on the two norm panels
MARK_COLOUR = VERMILION  # the reach map's marker steps and its marked step
PANELS = ("loss", "heldout", "cosine", "grad_norm", "clipped_norm", "clipped_share")
LOG_PANELS = ("loss", "grad_norm", "clipped_norm")


def clipped_share(clipped: np.ndarray) -> np.ndarray:
    """Running share of the steps so far that were clipped, (S,) in [0, 1]."""
    clipped = np.asarray(clipped, dtype=float)
    return np.cumsum(clipped) / np.arange(1, len(clipped) + 1) if len(clipped) else clipped


def training_panels(
    runs: Mapping[str, Mapping[str, np.ndarray]],
    *,
    labels: Mapping[str, str],
    threshold: float,
    height: int = 560,
) -> go.Figure:
    """Six panels over training steps, one line per run (loss, accuracy, cosine, two norms, share clipped).

    runs maps a run's label to arrays (S,) named "step", "loss", "heldout" (nan where not
    measured), "cosine", "grad_norm", "clipped_norm" and "clipped". labels' keys: each of
    PANELS (that panel's title), "step" (the x-axis title) and "threshold" (the label of θ's line).
    """
    titles = [labels[p] for p in PANELS]
    fig = make_subplots(rows=2, cols=3, subplot_titles=titles, vertical_spacing=0.16)
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
            fig.add_hline(y=threshold, line={"dash": "dash", "color": THRESHOLD_COLOUR}, row=row, col=col)
            # On a log axis an annotation's y is log10 of the value (a shape's is the value itself):
            # placed at y=θ, the label of θ = 100 stretched the axis up to 1e110.
            fig.add_annotation(
                x=0,
                xref=f"x{index + 1 if index else ''} domain",
                y=math.log10(threshold),
                yref=f"y{index + 1 if index else ''}",
                text=labels["threshold"],
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font={"color": THRESHOLD_COLOUR},
            )
        if name in ("heldout", "cosine", "clipped_share"):
            # Fixed ranges: a cosine of 1 ± 2e-7 is rounding, and an autoscaled axis would show it as a swing.
            fig.update_yaxes(range=[-0.05, 1.05], row=row, col=col)
        fig.update_xaxes(title_text=labels["step"] if row == 2 else None, row=row, col=col)
    fig.update_layout(height=height, margin={"t": 60, "b": 40}, legend={"orientation": "h", "y": 1.12})
    return fig


def per_row_relative(z: np.ndarray) -> np.ndarray:
    """Each row of z (S, T) minus its largest finite entry: 0 at the row's strongest term, negative elsewhere.

    Rows whose terms are all non-finite stay as they are (NaN or -inf).
    """
    z = np.asarray(z, dtype=float)
    finite = np.where(np.isfinite(z), z, -np.inf)
    peak = finite.max(axis=1, keepdims=True)
    return np.where(np.isfinite(peak), z - np.where(np.isfinite(peak), peak, 0.0), z)


def reach_heatmap(
    z: np.ndarray,
    *,
    steps: Sequence[int],
    labels: Mapping[str, str],
    marked_step: int | None = None,
    markers: Sequence[int] = (),
    decades: float = 8.0,
) -> go.Figure:
    """log10 ‖term k of dE_T/dW‖ (S, T), S training steps (rows) by k = 1..T, each row relative to its peak.

    A network that learned has a much larger gradient than one at chance, so one colour range
    over all rows would paint the interesting rows one shade. Relative to each row's largest
    term, every row shows its own shape: how far back, from the loss at the end, it reaches.
    markers: the 1-based steps that hold the sequence's markers, drawn as dotted lines.
    labels' keys: "title", "x" and "y" (the axes' titles); optional "colorbar" (default "‖·‖"),
    "marked" (the marked step's line) and "markers" (the marker lines' one label).
    """
    labels = {"colorbar": "‖·‖", "marked": "", "markers": "", **labels}
    y_title = labels["y"]
    relative = per_row_relative(z)
    tick_values, tick_text = decade_ticks(-decades, 0.0)
    fig = go.Figure(
        go.Heatmap(
            z=np.where(np.isfinite(relative), relative, np.nan).astype(np.float32),
            x=np.arange(1, relative.shape[1] + 1),
            y=np.asarray(steps),
            zmin=-decades,
            zmax=0.0,
            colorscale=COLORSCALE,
            colorbar={"title": labels["colorbar"], "tickvals": tick_values, "ticktext": tick_text},
            hovertemplate=f"{y_title} %{{y}}<br>k = %{{x}}<br>log10 (÷ row max) = %{{z:.2f}}<extra></extra>",
        )
    )
    for index, step in enumerate(markers):
        # One label for all markers; a None label would still draw Plotly's placeholder "new text".
        label = {"annotation_text": labels["markers"], "annotation_position": "top"} if index == 0 else {}
        fig.add_vline(x=step, line={"color": MARK_COLOUR, "width": 2, "dash": "dot"}, **label)
    if marked_step is not None:
        fig.add_hline(
            y=marked_step, line={"color": MARK_COLOUR, "width": 2}, annotation_text=labels["marked"]
        )
    fig.update_layout(title=labels["title"], xaxis_title=labels["x"], yaxis_title=y_title, height=420)
    return fig
