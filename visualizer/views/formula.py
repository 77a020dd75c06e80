"""The formula view under the heatmaps: one cell's BPTT term written out with that cell's numbers.

Chapter figures 5.23 and 5.28 write term k of dE_t/dW as a chain of factors; this view puts each
factor's size beside it, twice: the exact gain on the gradient it meets (these multiply to the
cell) and its operator norm (these only bound it). The numbers come from core.term_factors,
cached per (config, t, k, weight) for every session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from core.experiment import ExperimentConfig
from core.term_factors import TermFactors, step_bounds, term_factors
from visualizer.app.cache import FrozenFigure, read_only
from visualizer.app.i18n import text
from visualizer.app.keys import widget_key
from visualizer.app.shell import PNG_EXPORT, Translator, language
from visualizer.figures.formula import path_gains, running_sum
from visualizer.views.unrolled.formulas import term_latex

ARRAYS = ("steps", "step_gain", "step_bound", "terms", "running")
WRITTEN_OUT = 3  # chains of at most this many steps are written factor by factor, longer ones as Π
MISMATCH = 0.005  # decades between the float32 map and this float64 view worth a note


@dataclass(frozen=True)
class Cell:
    """The cell the view shows, 1-based, and why it differs from what was asked (note keys and values)."""

    t: int
    k: int
    weight: str
    notes: tuple[tuple[str, Mapping[str, int]], ...] = ()


def chosen_cell(cell_t: int, cell_k: int, weight: str, n_steps: int) -> Cell:
    """The cell to show for the controls' values: t = 0 means t = T; t is capped at T and k at t."""
    notes: list[tuple[str, Mapping[str, int]]] = []
    t = n_steps if cell_t == 0 else cell_t
    if t > n_steps:
        notes.append(("formula.note.t", {"t": t, "T": n_steps}))
        t = n_steps
    k = cell_k
    if k > t:
        notes.append(("formula.note.k", {"k": k, "t": t}))
        k = t
    return Cell(t, k, weight, tuple(notes))


def clicked_cell(points: Sequence[Mapping[str, Any]]) -> tuple[int, int] | None:
    """(t, k) 1-based of the first selected map marker, or None; a point without x and y is no click."""
    cells = [p for p in points if "x" in p and "y" in p]
    if not cells:
        return None
    t, k = round(float(cells[0]["y"])), round(float(cells[0]["x"]))
    return t, min(k, t)


@st.cache_resource(max_entries=64, show_spinner=False)
def config_bounds(config: ExperimentConfig) -> np.ndarray:
    """Every step's ‖diag(f'(a_j)) Ws‖₂ (T,), read-only: the costly part, shared by every cell of a config."""
    return read_only(step_bounds(config))


@st.cache_resource(max_entries=256, show_spinner=False)
def cell_factors(config: ExperimentConfig, t: int, k: int, weight: str) -> TermFactors:
    """core.term_factors for one cell (t, k 0-based), its arrays read-only: one copy for every session."""
    factors = term_factors(config, t, k, weight, bounds=config_bounds(config))
    return factors._replace(**{name: read_only(getattr(factors, name)) for name in ARRAYS})


def power(value: float) -> str:
    """A log10 size as LaTeX: 10^{x}, 0 for an exactly-zero factor, a dash where no vector arrived."""
    if np.isnan(value):
        return r"\text{—}"
    return "0" if value == -np.inf else rf"10^{{{shown(value)}}}"


def product(values: np.ndarray) -> float:
    """The log10 of a product of factors given in log10 (n,): −inf once one factor is 0, 0 when empty."""
    values = np.asarray(values, dtype=float)
    return -np.inf if np.any(values == -np.inf) else float(np.sum(values))


def chain_latex(t: int, k: int, weight: str) -> str:
    """Term k of dE_t/dW as the chapter writes it (t, k 1-based); a long chain as a product over j."""
    if t - k <= WRITTEN_OUT:
        return term_latex(t, k, weight)
    w = "W_s" if weight == "Ws" else "W_x"
    return (
        rf"\text{{term}}_{{{k}}} = \frac{{\partial E_{{{t}}}}}{{\partial y_{{{t}}}}}"
        rf"\frac{{\partial y_{{{t}}}}}{{\partial s_{{{t}}}}}"
        rf"\prod_{{j={k + 1}}}^{{{t}}} \frac{{\partial s_j}}{{\partial s_{{j-1}}}}"
        rf"\frac{{\partial^+ s_{{{k}}}}}{{\partial {w}}}"
    )


def sizes_latex(f: TermFactors) -> tuple[str, str]:
    """The term's size as the product of the exact gains, and the product of operator norms above it."""
    t, k = f.t + 1, f.k + 1
    last = rf"\lVert s_{{{k - 1}}} \rVert" if f.weight == "Ws" else rf"\lVert x_{{{k}}} \rVert"
    dy = rf"\lVert \partial E_{{{t}}} / \partial y_{{{t}}} \rVert"
    path = rf"\prod_{{j={k + 1}}}^{{{t}}}"

    def line(parts: list[tuple[float, str]], total: float, lead: str) -> str:
        braces = r" \cdot ".join(rf"\underbrace{{{power(v)}}}_{{{name}}}" for v, name in parts)
        return rf"{lead} {braces} = {power(total)}"

    exact = [
        (f.loss_grad, dy),
        (f.readout_gain, r"W_y^{\top}"),
        (product(f.step_gain), rf"{path} \lVert v_{{j-1}} \rVert / \lVert v_j \rVert"),
        (f.fprime_gain, rf"f'(a_{{{k}}})\odot"),
        (f.input_norm, last),
    ]
    bound = [
        (f.loss_grad, dy),
        (f.readout_bound, r"\lVert W_y \rVert_2"),
        (product(f.step_bound), rf"{path} \lVert \operatorname{{diag}}(f'(a_j)) W_s \rVert_2"),
        (f.fprime_bound, rf"\max \lvert f'(a_{{{k}}}) \rvert"),
        (f.input_norm, last),
    ]
    return (
        line(exact, f.cell, rf"\lVert \text{{term}}_{{{k}}} \rVert_F ="),
        line(bound, f.bound_sum, r"\le"),
    )


def log_sum_text(f: TermFactors) -> str:
    """The exact factors' log10 values joined by + (the 'sum = cell' equation's left side)."""
    parts = [f.loss_grad, f.readout_gain, product(f.step_gain), f.fprime_gain, f.input_norm]
    return " + ".join(f"({shown(v)})" if shown(v).startswith(("-", "−")) else shown(v) for v in parts)


def shown(value: float) -> str:
    """A log10 value as the page writes it beside 10^: two decimals (never −0.00), −∞ for an exact 0."""
    if value == -np.inf:
        return "−∞"
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


@st.cache_resource(max_entries=256, show_spinner=False)
def formula_figures(
    config: ExperimentConfig, t: int, k: int, weight: str, lang: str
) -> tuple[go.Figure, go.Figure]:
    """The path's gains and the row's running sum for one cell (t, k 1-based), in one language.

    Built once for every session (Streamlit copies a figure when it draws it).
    """
    f = cell_factors(config, t - 1, k - 1, weight)

    def tr(key: str, **values: object) -> str:
        return text(lang, key, **values)

    path_labels = {
        "title": tr("formula.path.title", t=t, k=k),
        "x": "j",
        "y": "log10",
        "exact": tr("formula.path.exact"),
        "bound": tr("formula.path.bound"),
        "zero": tr("app.zero"),
        "none": tr("formula.path.none"),
        "empty": tr("formula.path.empty"),
    }
    sum_labels = {
        "title": tr("formula.running.title", t=t),
        "x": "k",
        "y": "log10 ‖·‖_F",
        "running": tr("formula.running.sum", t=t),
        "terms": tr("formula.running.terms"),
        "selected": tr("formula.running.selected", k=k),
        "zero": tr("app.zero"),
    }
    return (
        FrozenFigure(path_gains(f.steps + 1, f.step_gain, f.step_bound, labels=path_labels)),
        FrozenFigure(running_sum(f.running, f.terms, k=k, labels=sum_labels)),
    )


def draw(config: ExperimentConfig, cell: Cell, map_value: float, tr: Translator, *, page: str) -> TermFactors:
    """The formula for one cell: the chain, its sizes exact and bounded, the path's gains and the row's Σ.

    Returns the numbers shown, for the page's JSON download.
    """
    for key, values in cell.notes:
        st.caption(tr(key, **values))
    with st.spinner(tr("app.computing")):
        f = cell_factors(config, cell.t - 1, cell.k - 1, cell.weight)
    st.latex(chain_latex(cell.t, cell.k, cell.weight))
    if not f.has_loss:
        st.caption(tr("formula.no_loss", t=cell.t, T=config.n_steps))
        return f
    exact, bound = sizes_latex(f)
    st.latex(exact)
    st.latex(bound)
    st.caption(tr("formula.premise"))
    if f.cell == -np.inf:  # a sum of logs ending in "−∞ = −∞" teaches nothing: say why it is 0
        st.caption(tr("formula.zero"))
    else:
        st.markdown(tr("formula.sum", parts=log_sum_text(f), cell=shown(f.cell), bound=shown(f.bound_sum)))
    if np.isfinite(f.cell) and np.isfinite(map_value) and abs(f.cell - map_value) > MISMATCH:
        st.caption(tr("formula.float32", map=shown(map_value), view=shown(f.cell)))
    path, running = formula_figures(config, cell.t, cell.k, cell.weight, language())
    left, right = st.columns(2)
    left.plotly_chart(path, config=PNG_EXPORT, key=widget_key(page, "formula_path"))
    right.plotly_chart(running, config=PNG_EXPORT, key=widget_key(page, "formula_running"))
    st.caption(tr("formula.running.note", t=cell.t, total=shown(f.running[0])))
    return f
