"""Gradient heatmaps: every BPTT term k of dE_t/dWs and dE_t/dWx, the decay by lag, σ(Ws)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from core.experiment import ExperimentConfig, build, run
from core.spectra import EDGE_TOLERANCE, badge_numbers, classify_regime, gamma, log10_state_norms
from core.spectra import singular_values as ws_singular_values
from core.term_factors import TermFactors
from visualizer.app import controls
from visualizer.app.cache import FrozenFigure, read_only
from visualizer.app.downloads import matrix_csv
from visualizer.app.i18n import LANGUAGES, text
from visualizer.app.keys import widget_key
from visualizer.app.registry import PageInfo
from visualizer.app.settings import Settings, control
from visualizer.app.shell import PNG_EXPORT, PageStart, Translator, json_download, language
from visualizer.app.url_state import ChoiceParam, FloatParam, IntParam
from visualizer.figures.curves import decay_by_lag, per_step_line, singular_value_bars
from visualizer.figures.formula import selectable_map
from visualizer.figures.heatmap import log10_heatmap
from visualizer.figures.style import value_range
from visualizer.views import formula

ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")
INITS = ("orthogonal", "normal", "glorot_uniform")


@dataclass(frozen=True)
class HeatmapSettings(Settings):
    page: ClassVar[str] = "heatmap"
    T: int = control(IntParam(60, 1, 500))
    sigma: float = control(FloatParam(0.8, 0.0, 6.0))  # past the sigmoid's 1/γ = 4
    act: str = control(ChoiceParam("tanh", ACTIVATIONS))
    init: str = control(ChoiceParam("orthogonal", INITS))
    H: int = control(IntParam(16, 1, 128))
    scale: float = control(FloatParam(1.0, 0.0, 5.0, step=0.1))
    loss: str = control(ChoiceParam("all", ("all", "last")))
    seed: int = control(IntParam(0, 0, 9999, widget="number"))
    # The cell whose term the formula view writes out (1-based; cell_t = 0 is the last step, T).
    cell_t: int = control(IntParam(0, 0, 500, widget="number"))
    cell_k: int = control(IntParam(2, 1, 500, widget="number"))  # k = 1 of Ws is 0 (s_0 = 0): start at 2
    cell_w: str = control(ChoiceParam("Ws", ("Ws", "Wx")))

    def config(self) -> ExperimentConfig:
        """The core's experiment for these settings."""
        return ExperimentConfig(
            n_steps=self.T,
            n_hidden=self.H,
            sigma_max=self.sigma,
            activation=self.act,
            recurrent_init=self.init,
            input_scale=self.scale,
            loss_steps=self.loss,
            seed=self.seed,
        )


@st.cache_resource(max_entries=256, show_spinner=False)
def bptt_maps(config: ExperimentConfig) -> dict[str, object]:
    """Everything the heatmap page draws for one experiment, as read-only NumPy arrays.

    log10 maps (T, T) and (T,), Ws's singular values (H,), the last loss row's rise
    over lag (T,) = log10 ||dE_T/ds_k|| - log10 ||dE_T/ds_T|| indexed by T - k, the
    states' log10 ||s_k|| (T,), and the regime.
    """
    result = run(config)
    params, xs, _ = build(config)
    last_row = np.asarray(result.log10_state_grad[-1], dtype=float)
    with np.errstate(invalid="ignore"):
        rise = (last_row - last_row[-1])[::-1]
    return {
        "losses": read_only(result.losses),
        "log10_contrib_Wx": read_only(result.log10_contrib_Wx),
        "log10_contrib_Ws": read_only(result.log10_contrib_Ws),
        "log10_contrib_Wy": read_only(result.log10_contrib_Wy),
        "log10_state_grad": read_only(result.log10_state_grad),
        "log10_state_norm": read_only(log10_state_norms(params, xs, activation=config.activation)),
        "singular_values": read_only(ws_singular_values(params.Ws)),
        "rise": read_only(rise),
        "regime": classify_regime(last_row, config.sigma_max, config.activation),
        "one_over_gamma": 1.0 / gamma(config.activation),
    }


def _warm(settings: HeatmapSettings) -> None:
    """What the page draws for these settings, in both languages, so the first students find it built."""
    config = settings.config()
    bptt_maps(config)
    cell = formula.chosen_cell(settings.cell_t, settings.cell_k, settings.cell_w, settings.T)
    for lang in LANGUAGES:
        page_figures(config, lang, (cell.t, cell.k, cell.weight))
        formula.formula_figures(config, cell.t, cell.k, cell.weight, lang)


PAGE = PageInfo(
    name="heatmap",
    path="pages/heatmap.py",
    settings=HeatmapSettings,
    presets={
        "vanishing": {"act": "tanh", "sigma": 0.8, "init": "orthogonal", "T": 60},
        "exploding": {"act": "linear", "sigma": 1.3, "init": "orthogonal", "T": 60},
        "edge": {"act": "tanh", "sigma": 1.0, "init": "orthogonal", "T": 100, "scale": 0.5},
        "ffnn": {"sigma": 0.0, "T": 30},
        "sigmoid": {"act": "sigmoid", "sigma": 1.0, "init": "orthogonal", "T": 60},
    },
    warm=_warm,
    warm_presets=("ffnn", "exploding", "sigmoid"),  # the home cards; "vanishing" is the default
)
CELL = ("cell_t", "cell_k", "cell_w")  # drawn beside the formula, not in the sidebar
BADGES = {"vanishing": (st.info, "📉"), "exploding": (st.error, "💥"), "edge": (st.warning, "⚖️")}
BPTT_SUM = (
    r"\frac{\partial E_t}{\partial W_s} = \sum_{k=1}^{t} \frac{\partial E_t}{\partial y_t}"
    r"\frac{\partial y_t}{\partial s_t} \Big(\prod_{j=k+1}^{t} \operatorname{diag}(f'(a_j))\, W_s\Big)"
    r"\frac{\partial^+ s_k}{\partial W_s}"
)


def verdict(view: dict[str, object], n_steps: int, tr: Translator) -> tuple[str, str]:
    """The badge's kind (vanishing, exploding or edge) and its text in the page's language."""
    regime = view["regime"]
    n = badge_numbers(regime, n_steps)
    measured = tr(f"heatmap.slope.{n['direction']}", per_step=n["per_step"], total=n["total"], lags=n["lags"])
    key = f"heatmap.badge.{regime.kind}.{regime.reason}"
    return regime.kind, tr(key, bound=n["bound"], gs=n["gs"], measured=measured, tol=EDGE_TOLERANCE)


def draw(page: PageStart[HeatmapSettings]) -> None:
    """The whole page: presets and controls, the verdict, both maps, decay, σ(Ws), Wy and states."""
    tr, settings = page.tr, page.settings
    if not page.projected:
        controls.presets(PAGE.name, PAGE.presets, tr, PAGE.specs())
    specs = PAGE.specs()
    controls.draw(PAGE.name, {n: s for n, s in specs.items() if n not in CELL}, tr, hidden=page.hidden)
    with st.spinner(tr("app.computing")):
        view = bptt_maps(settings.config())
    st.title(tr("heatmap.title"))
    if not page.projected:
        st.markdown(tr("heatmap.what"))
        st.latex(BPTT_SUM)
    kind, text = verdict(view, settings.T, tr)
    badge, icon = BADGES[kind]
    badge(text, icon=icon)
    st.caption(tr("heatmap.rule", tol=EDGE_TOLERANCE))
    cell = formula.chosen_cell(settings.cell_t, settings.cell_k, settings.cell_w, settings.T)
    figures = page_figures(settings.config(), language(), (cell.t, cell.k, cell.weight))
    _maps(figures, tr)
    factors = _formula(view, settings, cell, page)
    _curves(figures)
    _downloads(view, settings, tr, factors)


@st.cache_resource(max_entries=256, show_spinner=False)
def page_figures(config: ExperimentConfig, lang: str, selected: tuple[int, int, str]) -> dict[str, go.Figure]:
    """The page's six charts for one experiment, language and selected cell (t, k 1-based, weight).

    Built once and drawn by every session: Streamlit copies a figure when it draws it, so no
    session changes what another sees. A class on one shared link mostly asks for figures built
    already, and a slider move then costs the copy and the JSON, not the build.
    """
    view = bptt_maps(config)

    def tr(key: str, **values: object) -> str:
        return text(lang, key, **values)

    figures = {}
    zmin, zmax = value_range(view["log10_contrib_Ws"], view["log10_contrib_Wx"])
    axis = {"x": tr("heatmap.k"), "y": tr("heatmap.t"), "zero": tr("app.zero"), "lag": tr("heatmap.lag")}
    t, k, weight = selected
    for name in ("Ws", "Wx"):
        labels = {"title": tr(f"heatmap.map.{name}"), **axis, "selected": tr("heatmap.cell")}
        fig = log10_heatmap(view[f"log10_contrib_{name}"], labels=labels, zmin=zmin, zmax=zmax)
        figures[f"map_{name}"] = selectable_map(
            fig, selected=(t, k) if name == weight else None, labels=labels
        )
    decay_labels = {
        "title": tr("heatmap.decay"),
        "x": tr("heatmap.lag"),
        "y": tr("heatmap.rise"),
        "measured": tr("heatmap.measured"),
        "bound": tr("heatmap.bound"),
        "zero": tr("app.zero"),
        "no_reach": tr("heatmap.no_reach"),
    }
    figures["decay"] = decay_by_lag(view["rise"], bound_slope=view["regime"].bound_slope, labels=decay_labels)
    bar_labels = {
        "title": tr("heatmap.sv"),
        "x": tr("heatmap.sv_index"),
        "y": "σ",
        "line": "1/γ",
        "all_zero": tr("heatmap.sv_zero"),
    }
    figures["sv"] = singular_value_bars(
        view["singular_values"], one_over_gamma=view["one_over_gamma"], labels=bar_labels
    )
    line = {"y": "log10 ‖·‖", "zero": tr("app.zero")}
    wy_labels = {"title": tr("heatmap.map.Wy"), "x": tr("heatmap.t"), **line}
    figures["wy"] = per_step_line(view["log10_contrib_Wy"], labels=wy_labels)
    state_labels = {"title": tr("heatmap.states"), "x": tr("heatmap.states_x"), **line}
    figures["states"] = per_step_line(view["log10_state_norm"], labels=state_labels, symbol="k")
    return {name: FrozenFigure(fig) for name, fig in figures.items()}


def _maps(figures: dict[str, go.Figure], tr: Translator) -> None:
    for column, weight in zip(st.columns(2), ("Ws", "Wx"), strict=True):
        column.plotly_chart(
            figures[f"map_{weight}"],
            config=PNG_EXPORT,
            key=widget_key(PAGE.name, f"map_{weight}"),
            on_select=functools.partial(_select_cell, weight),
            selection_mode="points",
        )
    st.caption(tr("heatmap.legend"))
    st.caption(tr("heatmap.why_flat"))


def _select_cell(weight: str) -> None:
    """A click on a map's cell: its t, k and weight become the formula's cell (and so the URL's)."""
    event = st.session_state.get(widget_key(PAGE.name, f"map_{weight}"))
    chosen = formula.clicked_cell(event["selection"]["points"] if event and event.get("selection") else [])
    if chosen is not None:
        state = st.session_state
        state[HeatmapSettings.key("cell_t")], state[HeatmapSettings.key("cell_k")] = chosen
        state[HeatmapSettings.key("cell_w")] = weight


def _formula(
    view: dict[str, object], settings: HeatmapSettings, cell: formula.Cell, page: PageStart
) -> TermFactors:
    tr = page.tr
    st.subheader(tr("heatmap.formula", t=cell.t, k=cell.k, weight=cell.weight))
    if not page.projected:
        st.caption(tr("heatmap.formula_how"))
    specs = PAGE.specs()
    controls.draw(PAGE.name, {n: specs[n] for n in CELL}, tr, hidden=page.hidden, where=st.columns(3))
    map_value = float(view[f"log10_contrib_{cell.weight}"][cell.t - 1, cell.k - 1])
    return formula.draw(settings.config(), cell, map_value, tr, page=PAGE.name)


def _curves(figures: dict[str, go.Figure]) -> None:
    for row in (("decay", "sv"), ("wy", "states")):
        for column, name in zip(st.columns(2), row, strict=True):
            column.plotly_chart(figures[name], config=PNG_EXPORT, key=widget_key(PAGE.name, name))


def _downloads(
    view: dict[str, object], settings: HeatmapSettings, tr: Translator, factors: TermFactors
) -> None:
    left, right = st.columns(2)
    left.download_button(
        tr("heatmap.download_csv"),
        data=lambda: matrix_csv(
            view["log10_contrib_Ws"], header="log10 ||term k of dE_t/dWs||, row t, column k"
        ),
        file_name="log10_contrib_Ws.csv",
        mime="text/csv",
        on_click="ignore",
    )
    numbers = {"settings": settings.values(), **view, "cell_term": factors}
    json_download(tr("heatmap.download_json"), numbers, "bptt_heatmaps.json", where=right)
