"""Unrolled graph: the network folded and unrolled, and the BPTT paths that carry dE_t/dW.

logic.py holds the page's settings and its decisions (loss steps, t and k snapping, hidden
controls, the update's verdict), formulas.py the LaTeX with concrete step numbers, chapter.py the
panel of the chapter's equations with the page's numbers (figures 5.4, 5.5, 5.10, 5.15, 5.13); this
module holds the cached walk, the ▶ walk's animation and the drawing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.experiment import ExperimentConfig, backward_walk
from visualizer.app import controls
from visualizer.app.cache import read_only
from visualizer.app.keys import page_key, widget_key
from visualizer.app.registry import PageInfo
from visualizer.app.shell import PNG_EXPORT, PageStart, Translator, json_download
from visualizer.app.url_state import Spec
from visualizer.figures.unrolled import unrolled_graph
from visualizer.views.unrolled import chapter, logic
from visualizer.views.unrolled.formulas import walk_latex
from visualizer.views.unrolled.logic import Plan, UnrolledSettings

__all__ = ["PAGE", "UnrolledSettings", "draw", "walk"]


@st.cache_resource(max_entries=512, show_spinner=False)
def walk(config: ExperimentConfig, loss_step: int, weight: str) -> dict[str, np.ndarray]:
    """core.experiment.backward_walk, shared by every session, arrays read-only."""
    return {name: read_only(a) for name, a in backward_walk(config, loss_step, weight).items()}


def numbers_for(view: Plan) -> dict[str, np.ndarray] | None:
    """The cached walk back from E_t for the view's weight, or None where only the structure is drawn."""
    return walk(view.config, view.selected, view.settings.weight) if view.paths else None


PAGE = PageInfo(
    name="unrolled",
    path="pages/unrolled.py",
    settings=UnrolledSettings,
    presets={"e3": {"arch": "many_to_many", "view": "unrolled", "T": 3, "t": 3, "weight": "Ws", "k": 1}},
    warm=lambda settings: (numbers_for(logic.plan(settings)), chapter.numbers_for(logic.plan(settings))),
    warm_presets=("e3",),
)
WALK = page_key(PAGE.name, "walk")  # set by the ▶ button's callback, so the click survives any rerun
LEGEND = ("forward", "term", "chain", "no_ws")


@dataclass(frozen=True)
class Frame:
    """What one picture of the walk needs: where it goes, what it shows, and the page's strings."""

    chart: object  # st.empty() for the graph
    formula: object  # st.empty() for the LaTeX and the note under it
    view: Plan
    numbers: Mapping[str, np.ndarray] | None
    tr: Translator


def draw(page: PageStart[UnrolledSettings]) -> None:
    """The whole page: presets, controls, the graph, its formula, ▶, the download, the chapter's panel."""
    tr = page.tr
    view = logic.plan(page.settings)
    state = st.session_state
    state[PAGE.settings.key("t")], state[PAGE.settings.key("k")] = view.t, view.k  # before their sliders
    hidden = page.hidden | logic.unused_controls(view.settings.arch, view.settings.view)
    if not page.projected:
        controls.presets(PAGE.name, PAGE.presets, tr, PAGE.specs())
    _controls(view, tr, hidden)
    st.title(tr("unrolled.title"))
    if not page.projected:
        st.markdown(tr("unrolled.what"))
    if view.snapped and view.paths:
        st.caption(tr("unrolled.snapped", t=view.t, k=view.k))
    frame = Frame(st.empty(), st.empty(), view, numbers_for(view), tr)
    draw_frame(frame, view.reveal, widget_key(PAGE.name, "graph"))
    if view.paths:
        st.button(
            tr("unrolled.play"),
            key=widget_key(PAGE.name, "play"),
            on_click=state.__setitem__,
            args=(WALK, True),
        )
        if state.pop(WALK, False):
            play_walk(frame)
        walk_numbers = {"settings": view.settings.values(), "loss_step": view.t, **frame.numbers}
        json_download(tr("unrolled.download_json"), walk_numbers, "bptt_walk.json")
    chapter.draw_panel(view, tr, projected=page.projected, hidden=hidden)


def _controls(view: Plan, tr: Translator, hidden: Set[str]) -> None:
    """The sidebar in order: architecture, view, T, then t (its range follows T), the weight, k, the rest."""
    specs = PAGE.specs()

    def part(*names: str) -> dict[str, Spec]:
        return {name: specs[name] for name in names}

    controls.draw(PAGE.name, part("arch", "view", "T"), tr, hidden=hidden)
    _bounded_slider("t", *logic.t_bounds(view.settings.arch, view.n_steps), view, tr, hidden)
    controls.draw(PAGE.name, part("weight"), tr, hidden=hidden)
    _bounded_slider("k", 1, view.t, view, tr, hidden)
    controls.draw(PAGE.name, part("sigma", "act", "layers", "window", "seed"), tr, hidden=hidden)


def _bounded_slider(name: str, lo: int, hi: int, view: Plan, tr: Translator, hidden: Set[str]) -> None:
    """A slider whose range follows T (Streamlit refuses lo == hi: then the one value is only said)."""
    if name in hidden:
        return
    if lo < hi:
        st.sidebar.slider(tr(f"{PAGE.name}.{name}"), lo, hi, key=PAGE.settings.key(name))
    elif name == "t":
        st.sidebar.caption(tr("unrolled.only_t", t=view.t, T=view.n_steps))


def draw_frame(frame: Frame, reveal_from: int, key: str) -> None:
    """The graph with the walk revealed from step reveal_from (0-based) back to t, and its LaTeX.

    Under term 1 of dE_t/dWs the page says why it is exactly 0.
    """
    view, numbers, tr = frame.view, frame.numbers, frame.tr
    labels = {
        "title": tr(f"choice.{view.settings.arch}"),
        "colorbar": tr("unrolled.colorbar"),
        "step": tr("unrolled.step"),
        "term": tr("unrolled.term"),
        "zero": tr("app.zero"),
        **{f"legend.{key}": tr(f"unrolled.legend.{key}") for key in LEGEND},
    }
    fig = unrolled_graph(view.n_steps, **logic.graph_args(view, numbers, reveal_from), labels=labels)
    frame.chart.plotly_chart(fig, config=PNG_EXPORT, key=key)
    if numbers is None:
        frame.formula.caption(tr("unrolled.structure_only"))
        return
    weight = view.settings.weight
    box = frame.formula.container()
    box.latex(
        walk_latex(
            view.t, reveal_from + 1, weight, numbers["term"][reveal_from], numbers["running"][reveal_from]
        )
    )
    if logic.term_one_is_zero(weight, reveal_from):
        box.info(tr("unrolled.term1_zero", t=view.t), icon="ℹ️")


def play_walk(frame: Frame, pause: Callable[[float], None] = time.sleep) -> None:
    """The ▶ walk: redraw the frame from t back to step 1, one step per logic.WALK_DELAY_S.

    Walks back from t to 1, as the chapter's figures do. Each frame has its own chart key,
    because keys must be unique within one run.
    """
    for step in logic.walk_steps(frame.view.selected):
        pause(logic.WALK_DELAY_S)  # read per step, so a test can set it to 0
        draw_frame(frame, step, widget_key(PAGE.name, f"walk_{step}"))
