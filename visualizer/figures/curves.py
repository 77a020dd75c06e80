"""Line and bar charts beside the heatmaps: decay by lag, singular values, per-step values."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import CIVIDIS_BLUE, CIVIDIS_GOLD, MID_GREY, figure

MEASURED_COLOR, BOUND_COLOR, EDGE_COLOR = CIVIDIS_BLUE, CIVIDIS_GOLD, MID_GREY


def decay_by_lag(
    rise: np.ndarray,
    *,
    bound_slope: float,
    labels: Mapping[str, str],
) -> go.Figure:
    """log10 ||dE_T/ds_k|| - log10 ||dE_T/ds_T|| against lag T - k (rise[lag]), with the bound's line.

    labels: title, x, y, measured, bound (the bound's line), zero (exactly-0 markers) and
    no_reach. Lags whose gradient is exactly 0 (-inf) are marked on the floor of the chart;
    when no lag > 0 is reached at all (Ws = 0), labels["no_reach"] says why in the middle.
    """
    title, x_title, y_title = labels["title"], labels["x"], labels["y"]
    measured_label, bound_label = labels["measured"], labels["bound"]
    zero_label, no_reach_note = labels["zero"], labels["no_reach"]
    rise = np.asarray(rise, dtype=float)
    lags = np.arange(rise.size)
    fig = figure()
    fig.add_trace(
        go.Scatter(
            x=lags,
            y=np.where(np.isfinite(rise), rise, np.nan),
            mode="lines+markers" if rise.size <= 60 else "lines",
            name=measured_label,
            line=dict(color=MEASURED_COLOR, width=3),
            hovertemplate=f"{x_title} = %{{x}}<br>10^%{{y:.2f}}<extra></extra>",
        )
    )
    if np.isfinite(bound_slope):
        fig.add_trace(
            go.Scatter(
                x=lags,
                y=lags * bound_slope,
                mode="lines",
                name=bound_label,
                line=dict(color=BOUND_COLOR, width=2, dash="dash"),
                hovertemplate=f"{x_title} = %{{x}}<br>{bound_label}: 10^%{{y:.2f}}<extra></extra>",
            )
        )
    _mark_zeros(fig, lags, rise, zero_label, hover_x=f"{x_title} = %{{x}}")
    if rise.size > 1 and not np.isfinite(rise[1:]).any() and no_reach_note:
        _note(fig, no_reach_note)
    fig.update_layout(
        title_text=title,
        xaxis_title_text=x_title,
        yaxis_title_text=y_title,
        legend=dict(orientation="h", y=-0.25),
        margin=dict(l=60, r=20, t=60, b=80),
    )
    return fig


def singular_value_bars(
    values: np.ndarray,
    *,
    one_over_gamma: float,
    labels: Mapping[str, str],
) -> go.Figure:
    """Bars of the singular values of Ws (H,), largest first, against a line at 1/γ.

    labels: title, x, y, line (the 1/γ line's name) and all_zero. When every singular value
    is 0 (Ws = 0) the bars have no height: labels["all_zero"] says so.
    """
    title, x_title, y_title = labels["title"], labels["x"], labels["y"]
    line_label, all_zero_note = labels["line"], labels["all_zero"]
    values = np.asarray(values, dtype=float)
    index = np.arange(1, values.size + 1)
    fig = figure(
        go.Bar(
            x=index,
            y=values,
            marker_color=np.where(values > one_over_gamma, BOUND_COLOR, MEASURED_COLOR).tolist(),
            hovertemplate="σ_%{x} = %{y:.3f}<extra></extra>",
            name="σ",
        )
    )
    fig.add_hline(
        y=one_over_gamma,
        line=dict(color=EDGE_COLOR, dash="dash"),
        annotation_text=f"{line_label} = {one_over_gamma:g}",
    )
    if not np.any(values) and all_zero_note:
        _note(fig, all_zero_note)
    fig.update_layout(
        title_text=title,
        xaxis_title_text=x_title,
        yaxis_title_text=y_title,
        showlegend=False,
        margin=dict(l=60, r=20, t=60, b=50),
    )
    return fig


def per_step_line(
    values: np.ndarray,
    *,
    labels: Mapping[str, str],
    symbol: str = "t",
) -> go.Figure:
    """A log10 value (T,) per step `symbol` = 1..T (e.g. ||dE_t/dWy||); exactly-zero steps on the floor.

    labels: title, x, y and zero (the exactly-0 markers).
    """
    title, x_title, y_title, zero_label = labels["title"], labels["x"], labels["y"], labels["zero"]
    values = np.asarray(values, dtype=float)
    steps = np.arange(1, values.size + 1)
    finite = np.isfinite(values)
    fig = figure(
        go.Scatter(
            x=steps,
            y=np.where(finite, values, np.nan),
            mode="lines+markers" if values.size <= 60 else "lines",
            line=dict(color=MEASURED_COLOR, width=3),
            hovertemplate=f"{symbol} = %{{x}}<br>10^%{{y:.2f}}<extra></extra>",
            name=y_title,
        )
    )
    _mark_zeros(fig, steps, values, zero_label, hover_x=f"{symbol} = %{{x}}")
    fig.update_layout(
        title_text=title,
        xaxis_title_text=x_title,
        yaxis_title_text=y_title,
        margin=dict(l=60, r=20, t=60, b=50),
    )
    return fig


def _mark_zeros(fig: go.Figure, x: np.ndarray, values: np.ndarray, label: str, hover_x: str) -> None:
    """Grey crosses one decade below the lowest finite value where values (n,) is -inf (exactly 0)."""
    zeros = values == -np.inf
    if not zeros.any():
        return
    finite = np.isfinite(values)
    floor = float(values[finite].min()) - 1.0 if finite.any() else -1.0
    fig.add_trace(
        go.Scatter(
            x=x[zeros],
            y=np.full(int(zeros.sum()), floor),
            mode="markers",
            marker=dict(symbol="x", color=EDGE_COLOR, size=8),
            name=label,
            hovertemplate=f"{hover_x}<br>{label}<extra></extra>",
        )
    )


def _note(fig: go.Figure, text: str) -> None:
    """A boxed note in the middle of the plot: why a chart has nothing to draw."""
    fig.add_annotation(
        text=text,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        align="center",
        bgcolor="rgba(255,255,255,0.9)",
        bordercolor=EDGE_COLOR,
        borderwidth=1,
    )
