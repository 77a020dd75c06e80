"""The layers page's pictures: tensor shapes as boxes, figure 5.33's batch layout, figure 5.34's box plot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from visualizer.figures.style import (
    BLACK,
    BLUE,
    DARK_GREY,
    GREEN,
    INK,
    MID_GREY,
    ORANGE,
    SERIES,
    SKY_BLUE,
    VERMILION,
)

STREAM_COLORS = SERIES  # one colour per stream of the batch layout
ARM_COLORS = (MID_GREY, BLUE, VERMILION)  # stateless, stateful, stateful with shuffled batches
OK_COLOR, BROKEN_COLOR = GREEN, VERMILION  # a state handed to the next chunk of its stream, or not


def _tint(color: str, white: float) -> str:
    """A "#rrggbb" colour mixed with `white` parts of white (0: the colour, 1: white), for pale fills."""
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + white * (255 - c)):02x}" for c in channels)


LAYER_COLOR, BOX_COLOR, SHADOW_COLOR = _tint(ORANGE, 0.7), _tint(SKY_BLUE, 0.8), _tint(SKY_BLUE, 0.9)


def shape_text(shape: Sequence[int | None]) -> str:
    """(None, 10, 64): a shape as Keras prints it."""
    return "(" + ", ".join("None" if n is None else str(n) for n in shape) + ")"


def _box(fig: go.Figure, x: float, y: float, w: float, h: float, text: str, *, ndim: int, fill: str) -> None:
    """A labelled box; a 3-D tensor gets two shadow boxes behind it: the time axis drawn as depth."""
    for k in range(2 * (ndim - 2), 0, -1):
        d = 0.06 * k
        fig.add_shape(
            type="rect",
            x0=x - w / 2 + d,
            x1=x + w / 2 + d,
            y0=y - h / 2 + d,
            y1=y + h / 2 + d,
            line=dict(color=DARK_GREY, width=1),
            fillcolor=SHADOW_COLOR,
            layer="below",
        )
    fig.add_shape(
        type="rect",
        x0=x - w / 2,
        x1=x + w / 2,
        y0=y - h / 2,
        y1=y + h / 2,
        line=dict(color=DARK_GREY, width=1.5),
        fillcolor=fill,
        layer="below",
    )
    fig.add_annotation(x=x, y=y, text=text, showarrow=False, font=dict(size=13, color=INK))


def _arrow(fig: go.Figure, x0: float, y0: float, x1: float, y1: float, **line: object) -> None:
    fig.add_annotation(
        x=x1,
        y=y1,
        ax=x0,
        ay=y0,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        text="",
        showarrow=True,
        arrowhead=2,
        arrowsize=1.2,
        arrowwidth=line.get("width", 2),
        arrowcolor=line.get("color", DARK_GREY),
    )


def shape_boxes(
    input_shape: Sequence[int | None],
    outputs: Sequence[Sequence[Sequence[int | None]]],
    *,
    row_labels: Sequence[str],
    labels: Mapping[str, str],
    selected: int | None = None,
) -> go.Figure:
    """One row per layer setting: input box -> layer -> its output boxes (one, or output and state).

    labels: title, layer (the layer's box), output and state (the names before the output shapes).
    """
    layer_label, output_names = labels["layer"], (labels["output"], labels["state"])
    fig = go.Figure()
    n = len(outputs)
    for row, (label, outs) in enumerate(zip(row_labels, outputs, strict=True)):
        y = n - 1 - row
        bold = row == selected
        fig.add_annotation(
            x=-0.95,
            y=y,
            text=f"<b>{label}</b>" if bold else label,
            showarrow=False,
            xanchor="left",
            font=dict(size=13, color=BLACK if bold else DARK_GREY),
        )
        _box(fig, 1.0, y, 0.9, 0.5, shape_text(input_shape), ndim=len(input_shape), fill=BOX_COLOR)
        _arrow(fig, 1.5, y, 1.85, y)
        _box(fig, 2.3, y, 0.8, 0.5, layer_label, ndim=2, fill=LAYER_COLOR)
        for k, shape in enumerate(outs):
            dy = 0.0 if len(outs) == 1 else (0.17 if k == 0 else -0.22)
            _arrow(fig, 2.7, y, 3.05, y + dy)
            name = output_names[k] if len(outs) > 1 else output_names[0]
            text = f"{name} {shape_text(shape)}"
            _box(fig, 3.65, y + dy, 1.1, 0.3 if len(outs) > 1 else 0.5, text, ndim=len(shape), fill=BOX_COLOR)
        if bold:
            fig.add_shape(
                type="rect",
                x0=-1.0,
                x1=4.35,
                y0=y - 0.45,
                y1=y + 0.45,
                line=dict(color=OK_COLOR, width=2, dash="dot"),
            )
    fig.update_xaxes(visible=False, range=[-1.05, 4.45])
    fig.update_yaxes(visible=False, range=[-0.6, n - 0.4])
    fig.update_layout(
        title=labels["title"], height=110 * n + 70, margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white"
    )
    return fig


def batch_layout(
    batch_size: int,
    n_batches: int,
    *,
    order: Sequence[int] | None = None,
    labels: Mapping[str, str],
) -> go.Figure:
    """Figure 5.33: cell (i, j) is chunk order[j] of stream i; an arrow hands sample i's state to batch j+1.

    labels: title, batch and sample (the axes' words), and optionally wrong. Keras's rule: sample i
    of batch j+1 continues sample i of batch j. An arrow is green where the next batch holds the
    next chunk of the same stream, red where a shuffle broke that. labels["wrong"], if given, draws
    the translation's i -> i+1 reading as a crossed arrow.
    """
    batch_label, sample_label, wrong_label = labels["batch"], labels["sample"], labels.get("wrong")
    order = list(range(n_batches)) if order is None else [int(c) for c in order]
    fig = go.Figure()
    x, y, text, color = [], [], [], []
    for i in range(batch_size):
        for j, chunk in enumerate(order):
            x.append(j)
            y.append(i)
            text.append(f"{chr(ord('a') + i % 26)}{chunk + 1}")
            color.append(STREAM_COLORS[i % len(STREAM_COLORS)])
            if j + 1 < n_batches:
                ok = order[j + 1] == chunk + 1
                _arrow(fig, j + 0.22, i, j + 0.78, i, color=OK_COLOR if ok else BROKEN_COLOR, width=2)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="markers+text",
            text=text,
            textfont=dict(color="white", size=14),
            marker=dict(symbol="square", size=38, color=color, line=dict(color=DARK_GREY, width=1)),
            hovertemplate=f"{sample_label} %{{y}}, {batch_label} %{{x}}: %{{text}}<extra></extra>",
            showlegend=False,
        )
    )
    if wrong_label and batch_size > 1 and n_batches > 1:
        _arrow(fig, 0.2, 0.2, 0.8, 0.8, color=BROKEN_COLOR, width=1)
        fig.add_annotation(
            x=0.5,
            y=0.5,
            text=f"✗ {wrong_label}",
            showarrow=False,
            font=dict(color=BROKEN_COLOR, size=11),
            bgcolor="rgba(255,255,255,0.8)",
        )
    fig.update_xaxes(
        tickvals=list(range(n_batches)),
        ticktext=[f"{batch_label} {j + 1}" for j in range(n_batches)],
        range=[-0.6, n_batches - 0.4],
        showgrid=False,
        zeroline=False,
        side="top",
    )
    fig.update_yaxes(
        tickvals=list(range(batch_size)),
        ticktext=[f"{sample_label} {i}" for i in range(batch_size)],
        range=[batch_size - 0.4, -0.6],
        showgrid=False,
        zeroline=False,
    )
    fig.update_layout(
        title=labels["title"],
        height=70 * batch_size + 120,
        margin=dict(l=90, r=20, t=90, b=20),
        plot_bgcolor="white",
    )
    return fig


def stateful_boxplot(
    test_rmse: np.ndarray,
    *,
    arm_labels: Sequence[str],
    seeds: Sequence[int],
    labels: Mapping[str, str],
) -> go.Figure:
    """Figure 5.34: one box per arm over seeds (rows of test_rmse (arms, S)), every seed drawn as a point.

    labels: title and y (the axis).
    """
    rmse = np.asarray(test_rmse, dtype=float)
    fig = go.Figure()
    for a, label in enumerate(arm_labels):
        fig.add_trace(
            go.Box(
                y=rmse[a],
                name=label,
                boxpoints="all",
                pointpos=0,
                jitter=0.3,
                marker=dict(color=ARM_COLORS[a % len(ARM_COLORS)]),
                customdata=np.asarray(seeds),
                hovertemplate="seed %{customdata}: %{y:.4f}<extra>" + label + "</extra>",
            )
        )
    fig.update_layout(
        title=labels["title"],
        yaxis_title=labels["y"],
        yaxis_rangemode="tozero",
        showlegend=False,
        margin=dict(l=60, r=20, t=60, b=40),
    )
    return fig


def error_by_position(
    rmse_by_step: np.ndarray,
    *,
    arm_labels: Sequence[str],
    labels: Mapping[str, str],
) -> go.Figure:
    """Test error at each position of a chunk (rows of rmse_by_step (arms, T)): where a reset state hurts.

    labels: title, x and y (the axes).
    """
    rmse = np.asarray(rmse_by_step, dtype=float)
    steps = np.arange(1, rmse.shape[1] + 1)
    fig = go.Figure()
    for a, label in enumerate(arm_labels):
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=rmse[a],
                mode="lines+markers",
                name=label,
                line=dict(color=ARM_COLORS[a % len(ARM_COLORS)], width=3),
            )
        )
    fig.update_layout(
        title=labels["title"],
        xaxis_title=labels["x"],
        yaxis_title=labels["y"],
        yaxis_rangemode="tozero",
        legend=dict(orientation="h", y=-0.25),
        margin=dict(l=60, r=20, t=60, b=80),
    )
    return fig


def sequence_table(columns: Sequence[str], rows: Sequence[Sequence[object]], *, title: str = "") -> go.Figure:
    """A small table (the go_backwards / unroll worked example): one row per step, numbers to 4 places."""
    cells = [[f"{v:.4f}" if isinstance(v, float) else str(v) for v in col] for col in zip(*rows, strict=True)]
    fig = go.Figure(
        go.Table(
            header=dict(values=list(columns), fill_color=LAYER_COLOR, align="center", font=dict(size=13)),
            cells=dict(values=cells, fill_color="white", align="center", font=dict(size=13), height=26),
        )
    )
    fig.update_layout(title=title, height=60 + 28 * (len(rows) + 1) + 40, margin=dict(l=10, r=10, t=50, b=10))
    return fig
