"""Train all three: the Train button, live accuracy of the three cells, then the reach before and after."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from core.gated.compare import CELL_KINDS
from core.training.clipping_lab import marker_steps
from core.training.gates_lab import GatesLabConfig
from visualizer.app import controls, jobs
from visualizer.app.keys import widget_key
from visualizer.app.safe_text import escape_markdown
from visualizer.app.shell import PNG_EXPORT, Translator, json_download
from visualizer.figures.gates import accuracy_by_cell, reach_by_cell
from visualizer.views.gates.runs import WATCHING, end_reach, find, history, start_reach, start_training_as_set
from visualizer.views.gates.settings import GatesSettings

PAGE = GatesSettings.page
CHANCE = 0.25  # temporal order has four classes


def live_view(job: jobs.Job, config: GatesLabConfig, names: Mapping[str, str], tr: Translator) -> None:
    """Progress and the three accuracy curves, redrawn twice a second while the job runs."""
    done = job.finished.is_set()
    hist = history(job)
    steps_done = {cell: len(hist.runs[cell]["step"]) for cell in CELL_KINDS}
    controls.training_progress(
        job, steps_done, hist.diverged, total=config.steps, names=names, t=tr, prefix="gates"
    )
    labels = {"step": tr("gates.step"), "accuracy": tr("gates.accuracy"), "chance": tr("gates.chance")}
    runs = {names[cell]: hist.runs[cell] for cell in CELL_KINDS}
    st.plotly_chart(
        accuracy_by_cell(runs, labels=labels, chance=CHANCE),
        config=PNG_EXPORT,
        key=widget_key(PAGE, "accuracy"),
    )
    if job.error:
        st.error(tr("gates.failed", error=escape_markdown(str(job.error))))
    if done and st.session_state.pop(WATCHING, False):
        st.rerun(scope="app")  # training ended: redraw the page once, with the reach map


def reach_section(job: jobs.Job, settings: GatesSettings, names: Mapping[str, str], tr: Translator) -> None:
    """After training: log10 ‖dE_T/dh_k‖ of a held-out sequence with the initial and the final weights."""
    config, hist = settings.lab_config(), history(job)
    finals = tuple(hist.finals[cell] for cell in CELL_KINDS if cell in hist.finals)
    if len(finals) == len(CELL_KINDS):
        st.subheader(tr("gates.reach_title"))
        before = start_reach(config)
        after = end_reach(config, tuple(f.step for f in finals), finals)
        labels = {
            "before": tr("gates.reach_before"),
            "after": tr("gates.reach_after", steps=config.steps),
            "x": "k",
            "colorbar": "‖dE_T/dh_k‖",
            "markers": tr("gates.reach_markers"),
        }
        cells = [names[cell] for cell in CELL_KINDS]
        # gates_lab.reach reads the clipping lab's held-out sequence 0, so its markers are these steps.
        markers = marker_steps(config.lab_config())
        fig = reach_by_cell(before, after, cells=cells, labels=labels, markers=markers)
        st.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(PAGE, "reach"))
        st.caption(tr("gates.reach_what"))
    numbers = {"settings": settings.values(), "lab": config, **hist.runs}
    json_download(tr("gates.download_runs"), numbers, "gates_runs.json")


def draw(settings: GatesSettings, tr: Translator, *, projected: bool) -> None:
    """The lab: what it trains, Train, the live curves, and after training the reach map."""
    config = settings.lab_config()
    names = {cell: tr(f"gates.cell.{cell}") for cell in CELL_KINDS}
    st.subheader(tr("gates.lab_title"))
    if not projected:
        st.markdown(
            tr(
                "gates.lab_what",
                T=config.n_steps,
                H=config.n_hidden,
                steps=config.steps,
                forget=config.forget_bias,
                update=config.update_bias,
            )
        )
    hint = tr("gates.press_train")
    job = controls.train_button(PAGE, tr("gates.train"), hint, lambda: find(config), start_training_as_set)
    if job is None:
        return

    def live() -> None:  # a fragment: only this part reruns twice a second while the job trains
        live_view(job, config, names, tr)

    st.fragment(live, run_every=0.5 if job.running else None)()
    if not job.running and not job.error:
        reach_section(job, settings, names, tr)
