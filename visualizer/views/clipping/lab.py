"""The clipping lab's drawing: the lesson, the Train button, the live panels and the reach map."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from core.training import clipping_lab
from core.training.clipping_lab import LabConfig
from visualizer.app import controls, jobs
from visualizer.app.keys import widget_key
from visualizer.app.safe_text import escape_markdown
from visualizer.app.shell import PNG_EXPORT, json_download
from visualizer.figures.training import PANELS, reach_heatmap, training_panels
from visualizer.views.clipping.runs import RUNS, WATCHING, find, history, reach, start_training_as_set
from visualizer.views.clipping.settings import LabSettings, lessons

PAGE = LabSettings.page
CLIPPING_RULES = (
    r"\text{norm: } g \leftarrow g\cdot\min\!\Big(1,\frac{\theta}{\lVert g\rVert}\Big)"
    r"\qquad \text{value: } g_i \leftarrow \max\!\Big(-\frac{\theta}{\sqrt{P}},"
    r" \min\!\Big(\frac{\theta}{\sqrt{P}}, g_i\Big)\Big)"
)


def intro(settings: LabSettings, tr: Callable[..., str], *, projected: bool) -> None:
    """Title, explanation and the clipping rules (not when projected), and the lesson of a preset held."""
    config = settings.config()
    st.title(tr("clipping.title"))
    if not projected:
        st.markdown(tr("clipping.what"))
        st.latex(CLIPPING_RULES)
        st.caption(tr("clipping.value_rule", n_params=config.n_params, bound=config.value_threshold))
    for name in lessons(settings):
        st.info(tr(f"clipping.lesson.{name}"))


def train_button(config: LabConfig, tr: Callable[..., str]) -> jobs.Job | None:
    """The Train button; returns the shared job for config once some session started it."""
    label, hint = tr("clipping.train"), tr("clipping.press_train")
    return controls.train_button(PAGE, label, hint, lambda: find(config), start_training_as_set)


def live_view(job: jobs.Job, config: LabConfig, names: Mapping[str, str], tr: Callable[..., str]) -> None:
    """Progress and the six panels, redrawn twice a second while the job runs."""
    done = job.finished.is_set()
    hist = history(job)
    steps_done = {run: len(hist.runs[run]["step"]) for run in RUNS}
    controls.training_progress(
        job, steps_done, hist.diverged, total=config.steps, names=names, t=tr, prefix="clipping"
    )
    labels = {panel: tr(f"clipping.panel.{panel}") for panel in PANELS}
    labels |= {"step": tr("clipping.step"), "threshold": f"θ = {config.threshold:g}"}
    fig = training_panels(
        {names[run]: hist.runs[run] for run in RUNS}, labels=labels, threshold=config.threshold
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(PAGE, "panels"))
    if job.error:
        st.error(tr("clipping.failed", error=escape_markdown(str(job.error))))
    if done and st.session_state.pop(WATCHING, False):
        st.rerun(scope="app")  # training ended: redraw the page once, with the sections that need the results


def reach_section(
    job: jobs.Job, settings: LabSettings, names: Mapping[str, str], tr: Callable[..., str], *, projected: bool
) -> None:
    """After training: how far back the gradient reaches at each saved step of one run, and the download."""
    config, hist = settings.config(), history(job)
    st.subheader(tr("clipping.reach_title"))
    if not projected:
        st.markdown(tr("clipping.reach_what"))
    picked = st.radio(tr("clipping.reach_run"), RUNS, format_func=names.get, horizontal=True)
    snapshots = hist.snapshots[picked]
    if snapshots:
        steps = tuple(s.step for s in snapshots)
        key = widget_key(PAGE, "reach_step")
        marked = st.select_slider(tr("clipping.reach_step"), steps, value=steps[-1], key=key)
        z = reach(config, picked, steps, tuple(snapshots))
        labels = {
            "title": tr("clipping.reach_map", run=names[picked]),
            "x": "k",
            "y": tr("clipping.step"),
            "colorbar": tr("clipping.reach_colorbar"),
            "marked": tr("clipping.reach_marked", step=marked),
            "markers": tr("clipping.reach_markers"),
        }
        markers = clipping_lab.marker_steps(config)
        fig = reach_heatmap(z, steps=steps, labels=labels, marked_step=marked, markers=markers)
        st.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(PAGE, "reach"))
    numbers = {"settings": settings.lab_values(), **hist.runs}
    json_download(tr("clipping.download_json"), numbers, "clipping_runs.json")


def draw(settings: LabSettings, tr: Callable[..., str], *, projected: bool) -> None:
    """The lab's main area: intro and lesson, Train, the live panels, and after training the reach map."""
    config = settings.config()
    names = {run: tr(f"clipping.run.{run}") for run in RUNS}
    intro(settings, tr, projected=projected)
    job = train_button(config, tr)
    if job is not None:

        def live() -> None:  # a fragment: only this part reruns twice a second while the job trains
            live_view(job, config, names, tr)

        st.fragment(live, run_every=0.5 if job.running else None)()
    if job is not None and not job.running and not job.error:
        reach_section(job, settings, names, tr, projected=projected)
