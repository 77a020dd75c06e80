"""The chapter's loss (figure 5.15) per step: E_t before and after one gradient step (numpy + plotly only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import BLUE, INK, ORANGE

BEFORE_COLOR, AFTER_COLOR = BLUE, ORANGE


def loss_bars(
    before: np.ndarray,
    after: np.ndarray,
    loss_steps: Sequence[int],
    selected: int,
    *,
    labels: Mapping[str, str],
) -> go.Figure:
    """Grouped bars of E_t (T,) before and after one step W ← W − α ∂E/∂W, at the steps t = 1..T.

    loss_steps are the 0-based steps that carry a loss: the others get no bar (a gap, not a 0), so an
    architecture's missing losses stay visible. The bars of step `selected` (0-based, the page's E_t)
    are outlined. A value that overflowed (inf, NaN) is left out of its bar rather than drawn.
    labels: title, x, y, before, after. Each trace's meta gives its kind ("before" or "after").
    """
    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    steps = np.arange(1, before.size + 1)
    carries = np.isin(np.arange(before.size), list(loss_steps))
    outline = np.where(np.arange(before.size) == selected, 3.0, 0.0).tolist()
    fig = go.Figure()
    for kind, values, color in (("before", before, BEFORE_COLOR), ("after", after, AFTER_COLOR)):
        shown = np.where(carries & np.isfinite(values), values, np.nan)
        fig.add_trace(
            go.Bar(
                x=steps.tolist(),
                y=shown.tolist(),
                name=labels[kind],
                marker=dict(color=color, line=dict(color=INK, width=outline)),
                hovertemplate="E_%{x} = %{y:.4g}<extra>" + labels[kind] + "</extra>",
                meta={"kind": kind},
            )
        )
    fig.update_layout(
        title=labels["title"],
        barmode="group",
        xaxis=dict(title=labels["x"], tickmode="array", tickvals=steps.tolist()),
        yaxis_title=labels["y"],
        legend=dict(orientation="h", y=-0.3),
        margin=dict(l=60, r=20, t=60, b=90),
        height=340,
    )
    return fig
