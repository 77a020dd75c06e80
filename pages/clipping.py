"""Clipping lab: one network trained three ways (none, by norm, by value), live; then Pascanu's cliff."""

import streamlit as st

from core.training import clipping_lab
from visualizer.app import clipping_runs, controls, url_state
from visualizer.app.cliff_panel import CLIFF_SPECS, draw_cliff_panel
from visualizer.app.safe_text import escape_markdown
from visualizer.app.shell import PNG_EXPORT, finish_page, json_download, start_page
from visualizer.figures.training import PANELS, reach_heatmap, training_panels

PAGE = "clipping"
SPECS = {  # defaults: the "explodes" preset of core.training.clipping_lab.PRESETS
    "task": url_state.ChoiceParam("temporal_order", ("temporal_order", "adding")),
    "T": url_state.IntParam(40, 10, 200),
    "H": url_state.ChoiceParam("64", ("16", "32", "64", "128")),
    "sigma": url_state.FloatParam(1.1, 0.5, 2.0, step=0.05),
    "opt": url_state.ChoiceParam("sgd", ("sgd", "momentum", "adam")),
    "lr": url_state.ChoiceParam(
        "0.1", ("0.001", "0.003", "0.01", "0.03", "0.05", "0.1", "0.2", "0.5", "1"), "slider"
    ),
    "theta": url_state.ChoiceParam(
        "1", ("0.01", "0.03", "0.1", "0.3", "0.5", "1", "2", "5", "10", "20", "50", "100"), "slider"
    ),
    "steps": url_state.IntParam(600, 50, 2000),
    "seed": url_state.IntParam(0, 0, 9999, widget="number"),
}
PRESETS = {name: clipping_runs.preset_values(name) for name in ("explodes", "too_low", "no_need")}

t, projected, hidden = start_page(PAGE, SPECS | CLIFF_SPECS)
controls.draw(PAGE, SPECS, t, hidden=hidden)
if not projected:
    controls.presets(PAGE, PRESETS, t, SPECS)
value = {name: st.session_state[f"{PAGE}_{name}"] for name in SPECS}
config = clipping_runs.config_from(value)
names = {run: t(f"clipping.run.{run}") for run in clipping_runs.RUNS}

st.title(t("clipping.title"))
if not projected:
    st.markdown(t("clipping.what"))
    st.latex(
        r"\text{norm: } g \leftarrow g\cdot\min\!\Big(1,\frac{\theta}{\lVert g\rVert}\Big)"
        r"\qquad \text{value: } g_i \leftarrow \max\!\Big(-\frac{\theta}{\sqrt{P}},"
        r" \min\!\Big(\frac{\theta}{\sqrt{P}}, g_i\Big)\Big)"
    )
    st.caption(t("clipping.value_rule", n_params=config.n_params, bound=config.value_threshold))
for name in clipping_runs.presets_matching(value, SPECS):
    st.info(t(f"clipping.lesson.{name}"))

job = clipping_runs.find(config)
st.button(
    t("clipping.train"),
    key=f"{PAGE}_train",
    type="primary",
    disabled=job is not None and job.running,
    # A callback runs before the rerun, so no click is lost; it reads the controls at click time,
    # so a click that lands while a preset's rerun is still drawing trains what the controls now say.
    on_click=clipping_runs.start_training_as_set,
    args=(PAGE, tuple(SPECS)),
)
job = clipping_runs.find(config)
if job is None:
    st.info(t("clipping.press_train"))


def live_view() -> None:
    """Progress and the six panels, redrawn twice a second while the job runs."""
    done = job.finished.is_set()
    hist = clipping_runs.history(job)
    if not done and not any(len(hist.runs[run]["step"]) for run in clipping_runs.RUNS):
        st.caption(t("clipping.compiling"))  # the first step of new shapes compiles for several seconds
    columns = st.columns(len(clipping_runs.RUNS))
    for column, run in zip(columns, clipping_runs.RUNS, strict=True):
        steps = len(hist.runs[run]["step"])
        column.progress(min(steps / config.steps, 1.0), text=f"{names[run]}: {steps}/{config.steps}")
        if run in hist.diverged:
            column.error(t("clipping.diverged", step=hist.diverged[run]))
    titles = {panel: t(f"clipping.panel.{panel}") for panel in PANELS}
    fig = training_panels(
        {names[run]: hist.runs[run] for run in clipping_runs.RUNS},
        titles=titles,
        threshold=config.threshold,
        threshold_label=f"θ = {config.threshold:g}",
        x_title=t("clipping.step"),
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_panels")
    if job.error:
        st.error(t("clipping.failed", error=escape_markdown(str(job.error))))
    if done and st.session_state.pop("clipping__watching", False):
        st.rerun(scope="app")  # training ended: redraw the page once, with the sections that need the results


if job is not None:
    st.fragment(live_view, run_every=0.5 if job.running else None)()

if job is not None and not job.running and not job.error:
    hist = clipping_runs.history(job)
    st.subheader(t("clipping.reach_title"))
    if not projected:
        st.markdown(t("clipping.reach_what"))
    picked = st.radio(t("clipping.reach_run"), clipping_runs.RUNS, format_func=names.get, horizontal=True)
    snapshots = hist.snapshots[picked]
    if snapshots:
        steps = tuple(s.step for s in snapshots)
        marked = st.select_slider(t("clipping.reach_step"), steps, value=steps[-1], key=f"{PAGE}_reach_step")
        z = clipping_runs.reach(config, picked, steps, tuple(snapshots))
        fig = reach_heatmap(
            z,
            steps=steps,
            title=t("clipping.reach_map", run=names[picked]),
            x_title="k",
            y_title=t("clipping.step"),
            colorbar_title=t("clipping.reach_colorbar"),
            marked_step=marked,
            marked_label=t("clipping.reach_marked", step=marked),
            markers=clipping_lab.marker_steps(config),
            marker_label=t("clipping.reach_markers"),
        )
        st.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_reach")
    json_download(t("clipping.download_json"), {"settings": value, **hist.runs}, "clipping_runs.json")

st.divider()
draw_cliff_panel(t, projected=projected, hidden=hidden)
finish_page(PAGE, SPECS | CLIFF_SPECS)
