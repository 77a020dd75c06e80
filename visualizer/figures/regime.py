"""The regime map: log10 ||dE_T/ds_1|| / ||dE_T/ds_T|| over σ_max × T, with the 1/γ line."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.heatmap import COLORSCALE, decade_ticks, value_range


def regime_heatmap(
    z: np.ndarray,
    *,
    gains: np.ndarray,
    lengths: np.ndarray,
    one_over_gamma: float,
    title: str,
    x_title: str,
    y_title: str,
    line_label: str = "σ_max = 1/γ",
) -> go.Figure:
    """Heatmap of z (len(gains), len(lengths)) with σ_max across and T up, and a line at 1/γ."""
    z = np.asarray(z, dtype=float).T  # rows: lengths, columns: gains
    zmin, zmax = value_range(z)
    tickvals, ticktext = decade_ticks(zmin, zmax)
    fig = go.Figure(
        go.Heatmap(
            z=np.where(np.isfinite(z), z, np.nan),
            x=np.asarray(gains, dtype=float),
            y=np.asarray(lengths),
            zmin=zmin,
            zmax=zmax,
            colorscale=COLORSCALE,
            colorbar=dict(title="ratio", tickvals=tickvals, ticktext=ticktext),
            hovertemplate=f"{x_title} = %{{x:.2f}}<br>{y_title} = %{{y}}<br>10^%{{z:.1f}}<extra></extra>",
        )
    )
    if float(np.min(gains)) <= one_over_gamma <= float(np.max(gains)):
        fig.add_vline(
            x=one_over_gamma, line=dict(color="white", width=3, dash="dash"), annotation_text=line_label
        )
    else:  # e.g. the sigmoid's 1/γ = 4: say where the edge is rather than draw nothing
        fig.add_annotation(
            x=1.0,
            y=1.02,
            xref="paper",
            yref="paper",
            xanchor="right",
            showarrow=False,
            text=f"{line_label} = {one_over_gamma:g} →",
        )
    fig.update_layout(
        title=title, xaxis_title=x_title, yaxis_title=y_title, margin=dict(l=60, r=20, t=60, b=50)
    )
    return fig
