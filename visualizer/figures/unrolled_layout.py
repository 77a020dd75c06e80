"""Where the unrolled graph's nodes and edges go, and which edges one dE_t/dW lights (numpy only).

Coordinates: step k (0-based) sits in column k + 1 (the initial state s_0 in column 0); rows are x (0),
s^(1..L) (1..L), y (L + 1) and E (L + 2). An edge is a dict of its two ends, its dash and its `meta`
(kind, step, layer, lag, role, lit, value, zero); visualizer.figures.unrolled draws each as a trace.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

import numpy as np

WEIGHTS = ("Wx", "Ws", "Wy")
# Data units cut from each end of an edge so the arrowhead stops near the node's rim. A column is narrower on
# screen than a row is tall (about 55 px against 110 px at T = 12), so the cut is an ellipse in data units.
PAD_X, PAD_Y = 0.27, 0.2
CHAIN_DX, CHAIN_DY = 0.18, 0.15  # how far the backward track runs beside its forward edge
TAP_DX = 0.5  # spacing of a folded TDNN's delayed inputs x_t, x_{t-1}, ...
MIN_DECADES = 2  # the colour bar spans at least this many whole decades, so it has 3 or more ticks
MAX_LAYERS = 3

W_HTML = {"Wx": "W<sub>x</sub>", "Ws": "W<sub>s</sub>", "Wy": "W<sub>y</sub>"}


def w_label(weight: str, layer: int, layers: int) -> str:
    """W<sub>s</sub>, or W<sub>s</sub><sup>(2)</sup> when layers are stacked."""
    return W_HTML[weight] + (f"<sup>({layer})</sup>" if layers > 1 and weight != "Wy" else "")


def _node_label(name: str, index: str, layer: int, layers: int) -> str:
    return f"{name}<sub>{index}</sub>" + (f"<sup>({layer})</sup>" if layers > 1 and name == "s" else "")


def _edge(kind: str, src: tuple[float, float], dst: tuple[float, float], step: int, **extra) -> dict:
    """One edge: geometry plus the `meta` that ends up on its trace."""
    dash = extra.pop("dash", "solid")
    meta = dict(kind=kind, step=step, layer=1, lag=0, role=None, lit=False, value=None, zero=False)
    return dict(src=src, dst=dst, dash=dash, meta=meta | extra)


def step_list(name: str, values: Sequence[int], n_steps: int) -> list[int]:
    """Sorted 0-based steps, or ValueError if one lies outside 0..n_steps-1."""
    steps = sorted({operator.index(k) for k in values})
    if any(not 0 <= k < n_steps for k in steps):
        raise ValueError(f"{name} must lie in 0..{n_steps - 1} (0-based), got {list(values)}")
    return steps


def validate(
    n_steps, loss_steps, selected, weight, state_log10, term_log10, reveal_from, folded, window, layers
):
    """Normalise the arguments or raise ValueError saying which one is wrong."""
    n_steps = operator.index(n_steps)
    if n_steps < 1:
        raise ValueError(f"n_steps must be at least 1, got {n_steps}")
    steps = step_list("loss_steps", loss_steps, n_steps)
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


def structure(
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


def light(edges, *, selected: int, weight: str, state, term, reveal_from: int) -> list[dict]:
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


def points(e: dict) -> tuple[list[float], list[float]]:
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


def edge_label(e: dict, layers: int) -> dict | None:
    """An annotation naming the edge's weight, left of vertical edges and above horizontal ones."""
    m = e["meta"]
    if m["kind"] not in WEIGHTS or m["lag"] > 0:
        return None  # TDNN delay taps stay unlabelled; their lag is in the meta
    text = w_label(m["kind"], m["layer"], layers)
    (x0, y0), (x1, y1) = e["src"], e["dst"]
    if m.get("loop"):
        return dict(x=x0 + 0.56, y=y0, text=text, xanchor="left", showarrow=False)
    if y0 == y1:
        return dict(x=(x0 + x1) / 2, y=y0 + 0.08, text=text, yanchor="bottom", showarrow=False)
    return dict(x=x1 - 0.07, y=(y0 + y1) / 2, text=text, xanchor="right", showarrow=False)


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
