"""An RNN unrolled in time, the edges that carry one dE_t/dW coloured by size (numpy + plotly only).

Coordinates: step k (0-based) sits in column k + 1 (the initial state s_0 in column 0); rows are x (0),
s^(1..L) (1..L), y (L + 1) and E (L + 2). Every edge is its own go.Scatter trace, so each can have its
own colour and dash, and its `meta` dict says what it is (kind, step, layer, lag, role, lit, value, zero):
the page and the tests read that rather than pixels.

Two things light up for a selected loss step t and weight W. The *term* edges are the forward edges whose
weight receives term k of dE_t/dW (coloured by term_log10[k]). The *chain* is drawn as a separate track of
backward arrows beside the forward edges (E_t -> y_t -> s_t -> s_{t-1} ...), coloured by
||dE_t/ds_k||: for Ws the chain runs along the very edges that are the terms, and two numbers cannot share
one line.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.colors as pc
import plotly.graph_objects as go

from visualizer.figures.style import COLORSCALE, decade_ticks, value_range

WEIGHTS = ("Wx", "Ws", "Wy")
UNLIT_COLOR = "#c8c8c8"
ZERO_EDGE_COLOR = "#8c8c8c"  # darker than unlit grey: a lit edge that is exactly 0 is still on the path
NEUTRAL_COLOR = "#404040"  # E_t -> y_t is on the path, but no magnitude of dE_t/dy_t is passed in
ZERO_DASH = "6px,4px"  # plotly's "dash" is too fine to see on an edge only ~30 px long
LIT_WIDTH, UNLIT_WIDTH = 5.0, 1.2
# Data units cut from each end of an edge so the arrowhead stops near the node's rim. A column is narrower on
# screen than a row is tall (about 55 px against 110 px at T = 12), so the cut is an ellipse in data units.
PAD_X, PAD_Y = 0.27, 0.2
CHAIN_DX, CHAIN_DY = 0.18, 0.15  # how far the backward track runs beside its forward edge
CHAIN_WIDTH = 3.0  # the backward track is thinner than the term edges, so the two read apart
TAP_DX = 0.5  # spacing of a folded TDNN's delayed inputs x_t, x_{t-1}, ...
MIN_DECADES = 2  # the colour bar spans at least this many whole decades, so it has 3 or more ticks
LEGEND = {  # English defaults; the page passes its own language's texts
    "forward": "forward pass (grey: not on this gradient's path)",
    "term": "edge whose weight gets term k of ∂E_t/∂W (colour: its size)",
    "chain": "backward pass: ∂E_t/∂s_k flowing back (colour: its size)",
    "zero": "exactly 0",
    "no_ws": "Ws = 0: nothing flows between steps",
}
MAX_LAYERS = 3

_W_HTML = {"Wx": "W<sub>x</sub>", "Ws": "W<sub>s</sub>", "Wy": "W<sub>y</sub>"}


def _w_label(weight: str, layer: int, layers: int) -> str:
    """W<sub>s</sub>, or W<sub>s</sub><sup>(2)</sup> when layers are stacked."""
    return _W_HTML[weight] + (f"<sup>({layer})</sup>" if layers > 1 and weight != "Wy" else "")


def _node_label(name: str, index: str, layer: int, layers: int) -> str:
    return f"{name}<sub>{index}</sub>" + (f"<sup>({layer})</sup>" if layers > 1 and name == "s" else "")


def _edge(kind: str, src: tuple[float, float], dst: tuple[float, float], step: int, **extra) -> dict:
    """One edge: geometry plus the `meta` that ends up on its trace."""
    dash = extra.pop("dash", "solid")
    meta = dict(kind=kind, step=step, layer=1, lag=0, role=None, lit=False, value=None, zero=False)
    return dict(src=src, dst=dst, dash=dash, meta=meta | extra)


def _steps(name: str, values: Sequence[int], n_steps: int) -> list[int]:
    """Sorted 0-based steps, or ValueError if one lies outside 0..n_steps-1."""
    steps = sorted({operator.index(k) for k in values})
    if any(not 0 <= k < n_steps for k in steps):
        raise ValueError(f"{name} must lie in 0..{n_steps - 1} (0-based), got {list(values)}")
    return steps


def _validate(
    n_steps, loss_steps, selected, weight, state_log10, term_log10, reveal_from, folded, window, layers
):
    """Normalise the arguments or raise ValueError saying which one is wrong."""
    n_steps = operator.index(n_steps)
    if n_steps < 1:
        raise ValueError(f"n_steps must be at least 1, got {n_steps}")
    steps = _steps("loss_steps", loss_steps, n_steps)
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {WEIGHTS}, got {weight!r}")
    if not 1 <= layers <= MAX_LAYERS:
        raise ValueError(f"layers must be 1..{MAX_LAYERS}, got {layers}")
    if window is not None and (window < 1 or layers > 1):
        raise ValueError("window must be >= 1, with one layer")
    if selected is None:
        if state_log10 is not None or term_log10 is not None or reveal_from is not None:
            raise ValueError("state_log10, term_log10 and reveal_from need a `selected` loss step")
        return n_steps, steps, None, None
    if selected not in steps:
        raise ValueError(f"selected = {selected} is not one of the loss steps {steps}")
    if folded or window is not None or layers > 1:
        raise ValueError("gradient paths are drawn only for the unrolled single-layer RNN")
    if reveal_from is not None and not 0 <= reveal_from <= selected:
        raise ValueError(f"reveal_from must lie in 0..{selected} (the selected step), got {reveal_from}")
    arrays = {"term_log10": term_log10} | ({} if weight == "Wy" else {"state_log10": state_log10})
    checked = {}
    for name, arr in arrays.items():
        if arr is None:
            raise ValueError(f"{name} is needed to draw the paths of weight {weight}")
        arr = np.asarray(arr, dtype=float)
        if arr.shape != (n_steps,):
            raise ValueError(f"{name} must have shape ({n_steps},), got {arr.shape}")
        used = arr[selected : selected + 1] if weight == "Wy" else arr[: selected + 1]
        if np.isnan(used).any():
            raise ValueError(f"{name} is NaN at a step k <= selected, where a term exists")
        checked[name] = arr
    return n_steps, steps, checked["term_log10"], checked.get("state_log10")


def _structure(
    n_steps: int, steps: list[int], inputs: list[int], *, folded: bool, recurrent: bool, window, layers: int
):
    """Nodes (name -> list of (x, y, label)) and forward edges of the network, nothing lit yet.

    Only the `inputs` steps get an x, and only the loss `steps` get a y and an E: an output that
    carries no loss is not part of the network being trained (many-to-one, delay).
    """
    top = layers + 1
    columns = [0] if folded else list(range(n_steps))
    nodes: dict[tuple[str, int], list] = {}
    edges: list[dict] = []
    ws_dash = "solid" if recurrent else "dot"  # a feed-forward net is an RNN with Ws = 0
    for k in columns:
        c, idx = k + 1, ("t" if folded else str(k + 1))
        if folded and window is not None:
            _folded_taps(nodes, edges, c, window)
        elif (folded and inputs) or k in inputs:
            nodes.setdefault(("x", 1), []).append((c, 0, _node_label("x", idx, 1, layers)))
        for layer in range(1, layers + 1):
            nodes.setdefault(("s", layer), []).append((c, layer, _node_label("s", idx, layer, layers)))
        if (folded and steps) or k in steps:
            nodes.setdefault(("y", 1), []).append((c, top, _node_label("y", idx, 1, layers)))
            nodes.setdefault(("E", 1), []).append((c, top + 1, _node_label("E", idx, 1, layers)))
            edges.append(_edge("Wy", (c, layers), (c, top), k, layer=layers))
            edges.append(_edge("E", (c, top), (c, top + 1), k))
        first = k if window is None else max(0, k - window + 1)
        taps = [] if folded and window is not None else [j for j in range(first, k + 1) if j in inputs]
        edges += [_edge("Wx", (j + 1, 0), (c, 1), k, lag=k - j) for j in taps]
        for layer in range(2, layers + 1):
            edges.append(_edge("Wx", (c, layer - 1), (c, layer), k, layer=layer))
        if window is not None:
            continue
        for layer in range(1, layers + 1):
            if folded:
                edges.append(_edge("Ws", (c, layer), (c, layer), k, layer=layer, loop=True, dash=ws_dash))
                continue
            if k == 0:
                nodes.setdefault(("s0", layer), []).append((0, layer, _node_label("s", "0", layer, layers)))
            edges.append(_edge("Ws", (c - 1, layer), (c, layer), k, layer=layer, dash=ws_dash))
    return nodes, edges


def _folded_taps(nodes: dict, edges: list[dict], c: int, window: int) -> None:
    """A folded TDNN: x_t, x_{t-1}, ..., x_{t-w+1} side by side, all feeding s_t, and no loop on s."""
    for lag in range(window):
        x = c - lag * TAP_DX
        nodes.setdefault(("x", 1), []).append((x, 0, "x<sub>t</sub>" if lag == 0 else f"x<sub>t−{lag}</sub>"))
        edges.append(_edge("Wx", (x, 0), (c, 1), 0, lag=lag))


def _light(edges, *, selected: int, weight: str, state, term, reveal_from: int) -> list[dict]:
    """Mark the term edges of dE_t/dW as lit in place; return the backward chain as extra edges."""
    t = selected
    for e in edges:
        m = e["meta"]
        if m["kind"] == weight and reveal_from <= m["step"] <= t and (weight != "Wy" or m["step"] == t):
            m.update(role="term", lit=True, value=float(term[m["step"]]))
    c, top, o = t + 1, 2, CHAIN_DX  # one layer: s on row 1, y on row 2
    chain = [_edge("chain", (c + o, top + 1), (c + o, top), t, into="y", role="chain", lit=True)]
    if weight == "Wy":
        return chain  # dE_t/dWy = dE_t/dy_t s_t^T: nothing flows back into the states
    chain.append(_edge("chain", (c + o, top), (c + o, 1), t, into="s", role="chain", lit=True))
    for j in range(t - 1, reveal_from - 1, -1):  # s_{j+1} -> s_j, carrying dE_t/ds_j
        chain.append(
            _edge("chain", (j + 2, 1 - CHAIN_DY), (j + 1, 1 - CHAIN_DY), j, into="s", role="chain", lit=True)
        )
    for e in chain[1:]:
        e["meta"]["value"] = float(state[e["meta"]["step"]])
    return chain


def _points(e: dict) -> tuple[list[float], list[float]]:
    """Start, middle (a hover target) and end of an edge, both ends cut back; a loop right of the node."""
    (x0, y0), (x1, y1) = e["src"], e["dst"]
    if e["meta"].get("loop"):
        angles = np.radians(np.linspace(150, -150, 25))
        cx, r = x0 + 0.3, 0.22
        return list(cx + r * np.cos(angles)), list(y0 + r * np.sin(angles))
    dx, dy = x1 - x0, y1 - y0
    ux, uy = dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)
    xs, ys, xe, ye = x0 + PAD_X * ux, y0 + PAD_Y * uy, x1 - PAD_X * ux, y1 - PAD_Y * uy
    return [xs, (xs + xe) / 2, xe], [ys, (ys + ye) / 2, ye]


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
    xs, ys = _points(e)
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


def _hover(e: dict, *, t: int, weight: str, step_label: str, term_label: str, zero_label: str) -> str | None:
    m = e["meta"]
    if not m["lit"]:
        return None
    v, k = m["value"], m["step"] + 1
    size = "" if v is None else " = " + (zero_label if v == -np.inf else f"10^{v:.2f}")
    if m["role"] == "term":
        w = _W_HTML[weight]
        return f"{step_label} {k} · {w}<br>{term_label} {k} · ‖∂E<sub>{t + 1}</sub>/∂{w}‖{size}"
    return f"{step_label} {k}<br>‖∂E<sub>{t + 1}</sub>/∂{m['into']}<sub>{k}</sub>‖{size}"


def _label(e: dict, layers: int) -> dict | None:
    """An annotation naming the edge's weight, left of vertical edges and above horizontal ones."""
    m = e["meta"]
    if m["kind"] not in WEIGHTS or m["lag"] > 0:
        return None  # TDNN delay taps stay unlabelled; their lag is in the meta
    text = _w_label(m["kind"], m["layer"], layers)
    (x0, y0), (x1, y1) = e["src"], e["dst"]
    if m.get("loop"):
        return dict(x=x0 + 0.56, y=y0, text=text, xanchor="left", showarrow=False)
    if y0 == y1:
        return dict(x=(x0 + x1) / 2, y=y0 + 0.08, text=text, yanchor="bottom", showarrow=False)
    return dict(x=x1 - 0.07, y=(y0 + y1) / 2, text=text, xanchor="right", showarrow=False)


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


def decade_range(lo: float, hi: float) -> tuple[float, float]:
    """[lo, hi] widened to whole decades, at least MIN_DECADES apart (centred), for a readable colour bar.

    A walk's values often span less than one decade; a bar from 10^-0.6 to 10^0.3 would have the
    single tick "1". On whole decades every tick is a labelled 1e-k … 1e+k.
    """
    zmin, zmax = math.floor(lo), math.ceil(hi)
    missing = MIN_DECADES - (zmax - zmin)
    if missing > 0:
        zmin, zmax = zmin - missing // 2, zmax + missing - missing // 2
    return float(zmin), float(zmax)


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


def _legend(edges: list[dict], *, lit: bool, recurrent: bool, texts: Mapping[str, str]) -> list[go.Scatter]:
    """Legend entries for the edge styles in this figure: forward, term, backward chain, exactly 0, Ws = 0."""
    mid = pc.sample_colorscale(pc.get_colorscale(COLORSCALE), 0.6)[0]
    entries = [_legend_entry("forward", texts["forward"], UNLIT_COLOR, 2.0)]
    if not recurrent:
        entries.append(_legend_entry("no_ws", texts["no_ws"], UNLIT_COLOR, 2.0, "dot"))
    if lit:
        entries.append(_legend_entry("term", texts["term"], mid, LIT_WIDTH))
        entries.append(_legend_entry("chain", texts["chain"], mid, CHAIN_WIDTH))
    if any(e["meta"]["lit"] and e["meta"]["value"] == -np.inf for e in edges):
        entries.append(_legend_entry("zero", texts["zero"], ZERO_EDGE_COLOR, LIT_WIDTH, ZERO_DASH))
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
            color="#f0f0f0" if name in ("E", "s0") else "white",
            line=dict(color="#404040", width=1.5),
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
    title: str = "",
    colorbar_title: str = "‖·‖",
    step_label: str = "step",
    term_label: str = "term",
    zero_label: str = "exactly 0",
    legend: Mapping[str, str] | None = None,
) -> go.Figure:
    """The RNN unrolled over n_steps (or folded), lighting the edges of dE_t/dW for a `selected` loss step.

    Steps are 0-based here and 1-based on screen. loss_steps: the steps whose y carries a loss (only
    they get a y and an E); inputs: the steps that read an x (default every step; one-to-many: [0]).
    state_log10 (T,): log10 ||dE_t/ds_k|| (NaN for k > t); term_log10 (T,): log10 ||term k of dE_t/dW||
    (for Wy only entry t is read). -inf (exactly 0) edges are dashed grey. reveal_from lights only the
    terms k >= reveal_from and the chain down to s_k. Without zmin/zmax the colour bar spans whole
    decades around the values. Paths are drawn for the unrolled single-layer RNN (recurrent or not);
    folded, TDNN (`window`) and stacked (`layers` > 1) views draw the structure only. legend: texts
    for the keys of LEGEND (the zero entry uses zero_label).
    """
    n_steps, steps, term, state = _validate(
        n_steps, loss_steps, selected, weight, state_log10, term_log10, reveal_from, folded, window, layers
    )
    inputs = list(range(n_steps)) if inputs is None else _steps("inputs", inputs, n_steps)
    nodes, edges = _structure(
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
        edges += _light(edges, selected=selected, weight=weight, state=state, term=term, reveal_from=start)
        fig.add_trace(_colour_bar(zmin, zmax, colorbar_title))
    texts = dict(step_label=step_label, term_label=term_label, zero_label=zero_label)
    for e in edges:
        fig.add_trace(_edge_trace(e, (zmin, zmax), _hover(e, t=selected, weight=weight, **texts)))
    legend_texts = {**LEGEND, **(legend or {}), "zero": zero_label}
    for entry in _legend(edges, lit=selected is not None, recurrent=recurrent, texts=legend_texts):
        fig.add_trace(entry)
    for (name, layer), pts in nodes.items():
        fig.add_trace(_node_trace(name, layer, pts))
    annotations = [dict(a, font=dict(size=11)) for a in map(_label, edges, [layers] * len(edges)) if a]
    # the folded view keeps about the unrolled view's scale, so its self-loop stays round
    left, right = (-2.0, 4.0) if folded else (0.5 if window is not None else -0.5, n_steps + 0.5)
    fig.update_layout(
        title=title or None,
        annotations=annotations,
        xaxis=dict(visible=False, range=[left, right], fixedrange=True),
        yaxis=dict(visible=False, range=[-0.5, layers + 2.5], fixedrange=True),
        height=110 * (layers + 3) + 100,
        margin=dict(l=10, r=10, t=50 if title else 10, b=70),
        plot_bgcolor="white",
        legend=dict(orientation="h", x=0, y=-0.02, yanchor="top", font=dict(size=12)),
    )
    return fig
