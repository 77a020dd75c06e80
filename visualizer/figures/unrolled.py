"""An RNN unrolled in time, the edges that carry one dE_t/dW coloured by size (numpy + plotly only).

visualizer.figures.unrolled_layout places the nodes and edges; this module draws them. Every edge is
its own go.Scatter trace, so each can have its own colour and dash, and its `meta` dict says what it is
(kind, step, layer, lag, role, lit, value, zero): the page and the tests read that rather than pixels.

Two things light up for a selected loss step t and weight W. The *term* edges are the forward edges whose
weight receives term k of dE_t/dW (coloured by term_log10[k]). The *chain* is drawn as a separate track of
backward arrows beside the forward edges (E_t -> y_t -> s_t -> s_{t-1} ...), coloured by
||dE_t/ds_k||: for Ws the chain runs along the very edges that are the terms, and two numbers cannot share
one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.colors as pc
import plotly.graph_objects as go

from visualizer.figures.style import (
    COLORSCALE,
    DARK_GREY,
    LIGHT_GREY,
    MID_GREY,
    PALE_GREY,
    decade_ticks,
    value_range,
)
from visualizer.figures.unrolled_layout import (
    W_HTML,
    decade_range,
    edge_label,
    light,
    points,
    step_list,
    structure,
    validate,
)

__all__ = ["LABELS", "UNLIT_COLOR", "ZERO_EDGE_COLOR", "decade_range", "unrolled_graph"]

UNLIT_COLOR = LIGHT_GREY
ZERO_EDGE_COLOR = MID_GREY  # darker than unlit grey: a lit edge that is exactly 0 is still on the path
NEUTRAL_COLOR = DARK_GREY  # E_t -> y_t is on the path, but no magnitude of dE_t/dy_t is passed in
NODE_LINE, NODE_FILL, NODE_SHADED = DARK_GREY, "white", PALE_GREY  # E and s_0 are shaded
ZERO_DASH = "6px,4px"  # plotly's "dash" is too fine to see on an edge only ~30 px long
LIT_WIDTH, UNLIT_WIDTH = 5.0, 1.2
CHAIN_WIDTH = 3.0  # the backward track is thinner than the term edges, so the two read apart
LABELS = {  # English defaults; the page passes its own language's texts (see unrolled_graph)
    "title": "",
    "colorbar": "‖·‖",
    "step": "step",
    "term": "term",
    "zero": "exactly 0",
    "legend.forward": "forward pass (grey: not on this gradient's path)",
    "legend.term": "edge whose weight gets term k of ∂E_t/∂W (colour: its size)",
    "legend.chain": "backward pass: ∂E_t/∂s_k flowing back (colour: its size)",
    "legend.no_ws": "Ws = 0: nothing flows between steps",
}


def _colour(v: float, zmin: float, zmax: float) -> str:
    """The Cividis colour of log10 value v, clipped to [zmin, zmax]."""
    frac = min(max((v - zmin) / (zmax - zmin), 0.0), 1.0)
    return pc.sample_colorscale(pc.get_colorscale(COLORSCALE), frac)[0]


def _edge_trace(e: dict, zrange: tuple[float, float], hover: str | None) -> go.Scatter:
    m = e["meta"]
    v = m["value"]
    zero = m["lit"] and v is not None and v == -np.inf
    if not m["lit"]:
        colour, width, dash = UNLIT_COLOR, UNLIT_WIDTH, e["dash"]
    elif zero:
        colour, width, dash = ZERO_EDGE_COLOR, LIT_WIDTH, ZERO_DASH
    else:
        colour, width, dash = (NEUTRAL_COLOR if v is None else _colour(v, *zrange)), LIT_WIDTH, "solid"
    if m["lit"] and m["role"] == "chain":
        width = CHAIN_WIDTH
    # the value goes into meta JSON-safe: -inf becomes value None, zero True
    meta = {**m, "value": (None if v is None or zero else v), "zero": bool(zero)}
    xs, ys = points(e)
    sizes = [0] * (len(xs) - 1) + [13 if m["lit"] else 8]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        line=dict(color=colour, width=width, dash=dash),
        marker=dict(symbol="arrow", angleref="previous", size=sizes, color=colour),
        hovertemplate=None if hover is None else f"{hover}<extra></extra>",
        hoverinfo="skip" if hover is None else None,
        showlegend=False,
        meta=meta,
        name=f"{m['kind']} {m['step'] + 1}",
    )


def _hover(e: dict, *, t: int, weight: str, labels: Mapping[str, str]) -> str | None:
    m = e["meta"]
    if not m["lit"]:
        return None
    v, k, step = m["value"], m["step"] + 1, labels["step"]
    size = "" if v is None else " = " + (labels["zero"] if v == -np.inf else f"10^{v:.2f}")
    if m["role"] == "term":
        w = W_HTML[weight]
        return f"{step} {k} · {w}<br>{labels['term']} {k} · ‖∂E<sub>{t + 1}</sub>/∂{w}‖{size}"
    return f"{step} {k}<br>‖∂E<sub>{t + 1}</sub>/∂{m['into']}<sub>{k}</sub>‖{size}"


def _colour_bar(zmin: float, zmax: float, title: str) -> go.Scatter:
    """An invisible trace that only carries the colour bar, with decade ticks like 1e-3."""
    tickvals, ticktext = decade_ticks(zmin, zmax)
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker=dict(
            colorscale=COLORSCALE,
            cmin=zmin,
            cmax=zmax,
            color=[zmin],
            showscale=True,
            colorbar=dict(
                title=dict(text=title, side="right", font=dict(size=13)),
                tickvals=tickvals,
                ticktext=ticktext,
                tickfont=dict(size=12),
            ),
        ),
        hoverinfo="skip",
        showlegend=False,
        meta=dict(kind="colorbar"),
    )


def _legend_entry(key: str, text: str, colour: str, width: float, dash: str = "solid") -> go.Scatter:
    """A line in the legend only (no data): says what one edge style means."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        line=dict(color=colour, width=width, dash=dash),
        name=text,
        showlegend=True,
        hoverinfo="skip",
        meta=dict(kind="legend", key=key),
    )


def _legend(edges: list[dict], *, lit: bool, recurrent: bool, labels: Mapping[str, str]) -> list[go.Scatter]:
    """Legend entries for the edge styles in this figure: forward, term, backward chain, exactly 0, Ws = 0."""
    mid = pc.sample_colorscale(pc.get_colorscale(COLORSCALE), 0.6)[0]
    entries = [_legend_entry("forward", labels["legend.forward"], UNLIT_COLOR, 2.0)]
    if not recurrent:
        entries.append(_legend_entry("no_ws", labels["legend.no_ws"], UNLIT_COLOR, 2.0, "dot"))
    if lit:
        entries.append(_legend_entry("term", labels["legend.term"], mid, LIT_WIDTH))
        entries.append(_legend_entry("chain", labels["legend.chain"], mid, CHAIN_WIDTH))
    if any(e["meta"]["lit"] and e["meta"]["value"] == -np.inf for e in edges):
        entries.append(_legend_entry("zero", labels["zero"], ZERO_EDGE_COLOR, LIT_WIDTH, ZERO_DASH))
    return entries


def _node_trace(name: str, layer: int, pts: list) -> go.Scatter:
    """All nodes of one row (x, s of one layer, s_0, y or E) as circles with their labels inside."""
    xs, ys, texts = zip(*pts, strict=True)
    return go.Scatter(
        x=list(xs),
        y=list(ys),
        mode="markers+text",
        text=list(texts),
        textposition="middle center",
        textfont=dict(size=11),
        marker=dict(
            size=28,
            color=NODE_SHADED if name in ("E", "s0") else NODE_FILL,
            line=dict(color=NODE_LINE, width=1.5),
        ),
        hoverinfo="skip",
        showlegend=False,
        meta=dict(node=name, layer=layer),
        name=name,
    )


def unrolled_graph(
    n_steps: int,
    *,
    loss_steps: Sequence[int],
    inputs: Sequence[int] | None = None,
    selected: int | None = None,
    weight: str = "Ws",
    state_log10: np.ndarray | None = None,
    term_log10: np.ndarray | None = None,
    reveal_from: int | None = None,
    folded: bool = False,
    recurrent: bool = True,
    window: int | None = None,
    layers: int = 1,
    zmin: float | None = None,
    zmax: float | None = None,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """The RNN unrolled over n_steps (or folded), lighting the edges of dE_t/dW for a `selected` loss step.

    Steps are 0-based here and 1-based on screen. loss_steps: the steps whose y carries a loss (only
    they get a y and an E); inputs: the steps that read an x (default every step; one-to-many: [0]).
    state_log10 (T,): log10 ||dE_t/ds_k|| (NaN for k > t); term_log10 (T,): log10 ||term k of dE_t/dW||
    (for Wy only entry t is read). -inf (exactly 0) edges are dashed grey. reveal_from lights only the
    terms k >= reveal_from and the chain down to s_k. Without zmin/zmax the colour bar spans whole
    decades around the values. Paths are drawn for the unrolled single-layer RNN (recurrent or not);
    folded, TDNN (`window`) and stacked (`layers` > 1) views draw the structure only.

    labels (each falls back to LABELS' English): title (none if empty), colorbar (the colour bar's
    title), step and term (words in the hover texts), zero ("exactly 0": hovers and its legend
    entry), and the legend's entries legend.forward, legend.term, legend.chain and legend.no_ws.
    """
    labels = {**LABELS, **(labels or {})}
    n_steps, steps, term, state = validate(
        n_steps, loss_steps, selected, weight, state_log10, term_log10, reveal_from, folded, window, layers
    )
    inputs = list(range(n_steps)) if inputs is None else step_list("inputs", inputs, n_steps)
    nodes, edges = structure(
        n_steps, steps, inputs, folded=folded, recurrent=recurrent, window=window, layers=layers
    )
    fig = go.Figure()
    if selected is not None:
        if zmin is None or zmax is None:
            # over the whole arrays, so colours hold still while reveal_from steps back
            lo, hi = decade_range(*value_range(*(a for a in (term, state) if a is not None)))
            zmin, zmax = (lo if zmin is None else zmin), (hi if zmax is None else zmax)
        if not zmin < zmax:
            raise ValueError(f"zmin must be below zmax, got {zmin} and {zmax}")
        start = 0 if reveal_from is None else reveal_from
        edges += light(edges, selected=selected, weight=weight, state=state, term=term, reveal_from=start)
        fig.add_trace(_colour_bar(zmin, zmax, labels["colorbar"]))
    for e in edges:
        fig.add_trace(_edge_trace(e, (zmin, zmax), _hover(e, t=selected, weight=weight, labels=labels)))
    for entry in _legend(edges, lit=selected is not None, recurrent=recurrent, labels=labels):
        fig.add_trace(entry)
    for (name, layer), pts in nodes.items():
        fig.add_trace(_node_trace(name, layer, pts))
    annotations = [dict(a, font=dict(size=11)) for a in map(edge_label, edges, [layers] * len(edges)) if a]
    # the folded view keeps about the unrolled view's scale, so its self-loop stays round
    left, right = (-2.0, 4.0) if folded else (0.5 if window is not None else -0.5, n_steps + 0.5)
    fig.update_layout(
        title=labels["title"] or None,
        annotations=annotations,
        xaxis=dict(visible=False, range=[left, right], fixedrange=True),
        yaxis=dict(visible=False, range=[-0.5, layers + 2.5], fixedrange=True),
        height=110 * (layers + 3) + 100,
        margin=dict(l=10, r=10, t=50 if labels["title"] else 10, b=70),
        plot_bgcolor="white",
        legend=dict(orientation="h", x=0, y=-0.02, yanchor="top", font=dict(size=12)),
    )
    return fig
