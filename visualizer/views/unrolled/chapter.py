"""The unrolled page's panel "the chapter's equations, live": figures 5.4, 5.5, 5.10, 5.15 and 5.13
with the numbers of the page's own network, its step t, its selected weight and the panel's α.

The numbers come from core.worked (one cached call per experiment, step, loss steps, weight and α,
shared by every session); the LaTeX from formulas.py; the bars from visualizer.figures.chapter.
"""

from __future__ import annotations

from collections.abc import Set

import streamlit as st

from core.experiment import ExperimentConfig
from core.worked import Worked, worked
from visualizer.app import controls
from visualizer.app.cache import read_only
from visualizer.app.keys import widget_key
from visualizer.app.shell import PNG_EXPORT, Translator
from visualizer.figures.chapter import loss_bars
from visualizer.views.unrolled.formulas import ffnn_latex, loss_latex, output_latex, state_latex, update_latex
from visualizer.views.unrolled.logic import Plan, UnrolledSettings, first_step_is_shared, step_verdict

# st.error is kept for faults (the click-everything sweep fails on one); an overflow is a lesson, not a fault
NOTE = {"fell": "success", "rose": "warning", "flat": "info", "no_gradient": "info", "overflow": "warning"}


@st.cache_resource(max_entries=512, show_spinner=False)
def chapter_numbers(
    config: ExperimentConfig, t: int, loss_steps: tuple[int, ...], weight: str, alpha: float
) -> Worked:
    """core.worked.worked (t and loss_steps 0-based), shared by every session, arrays read-only."""
    result = worked(config, t, loss_steps, weight, alpha)

    def frozen(part):  # every array field read-only; the floats and names stay as they are
        return part._replace(**{k: read_only(v) for k, v in part._asdict().items() if hasattr(v, "shape")})

    return Worked(frozen(result.step), frozen(result.update))


def numbers_for(view: Plan) -> Worked | None:
    """The panel's numbers for the page's view, or None where the page draws only structure."""
    if not view.paths:
        return None
    settings = view.settings
    return chapter_numbers(
        view.config, view.selected, tuple(view.loss_steps), settings.weight, float(settings.alpha)
    )


def draw_panel(view: Plan, tr: Translator, *, projected: bool, hidden: Set[str]) -> None:
    """The panel in a collapsed expander under the graph; nothing where the page draws only structure."""
    numbers = numbers_for(view)
    if numbers is None:
        return
    settings, t = view.settings, view.t
    act, step, update = settings.act, numbers.step, numbers.update
    box = st.expander(tr("chapter.title"), expanded=False)
    if not projected:
        box.markdown(tr("chapter.what"))
    box.markdown(tr("chapter.fig_5_4", t=t))
    box.latex(state_latex(t, act, step))
    box.markdown(tr("chapter.fig_5_5", t=t))
    box.latex(output_latex(t, act, step))
    box.markdown(tr("chapter.fig_5_10", t=t))
    box.latex(ffnn_latex(t, act, step))
    if first_step_is_shared(settings.arch, t):
        box.caption(tr("chapter.same_ffnn" if settings.arch == "ffnn" else "chapter.same_at_one"))
    elif not projected:
        box.caption(tr("chapter.differ", t_prev=t - 1))
    box.markdown(tr("chapter.fig_5_15"))
    box.latex(loss_latex(t, step.loss, view.loss_steps, update.loss_before))
    box.markdown(tr("chapter.fig_5_13", weight=settings.weight))
    controls.draw(
        UnrolledSettings.page, {"alpha": UnrolledSettings.specs()["alpha"]}, tr, hidden=hidden, where=box
    )
    box.latex(update_latex(settings.weight, update))
    verdict = step_verdict(update.grad_norm, update.loss_before, update.loss_after)
    values = {"alpha": f"{update.alpha:g}", "weight": settings.weight}
    values |= {"before": f"{update.loss_before:.3g}", "after": f"{update.loss_after:.3g}"}
    values |= {
        "predicted": f"{update.predicted:.3g}",
        "change": f"{update.loss_after - update.loss_before:.3g}",
    }
    getattr(box, NOTE[verdict])(tr(f"chapter.verdict.{verdict}", **values))
    labels = {
        "title": tr(
            "chapter.bars.title", before=values["before"], after=values["after"], alpha=values["alpha"]
        ),
        "x": tr("chapter.bars.x"),
        "y": tr("chapter.bars.y"),
        "before": tr("chapter.bars.before"),
        "after": tr("chapter.bars.after", alpha=values["alpha"], weight=settings.weight),
    }
    fig = loss_bars(update.losses_before, update.losses_after, view.loss_steps, view.selected, labels=labels)
    box.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(UnrolledSettings.page, "chapter_losses"))
