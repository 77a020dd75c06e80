"""The layers page's panels: each draws one section and returns the numbers it showed (for the JSON)."""

from __future__ import annotations

import streamlit as st

import visualizer.views.layers.cache as cache  # the module, not the package: no cycle back through it
from visualizer.app import controls, jobs
from visualizer.app.keys import widget_key
from visualizer.app.shell import PNG_EXPORT, Translator, page_link
from visualizer.figures.layers import (
    batch_layout,
    error_by_position,
    sequence_table,
    shape_boxes,
    stateful_boxplot,
)
from visualizer.views import unrolled
from visualizer.views.layers.logic import (
    LAYOUT_BATCHES,
    NAME,
    UNROLLED_LINKS,
    LayersSettings,
    arm_labels,
    exercise_23_source,
    layout_labels,
    layout_order,
    shape_labels,
    stack_source,
    verdict,
    worked_rows,
)


def builder(settings: LayersSettings, tr: Translator, projected: bool) -> dict[str, object]:
    """Exercise 23: the Keras code for the chosen settings and its model.summary()."""
    st.header(tr("layers.builder.title"))
    if not projected:
        st.markdown(tr("layers.builder.what"))
        st.latex(
            r"\text{Param\#}_{\text{SimpleRNN}} = U\,(I + U) + U \qquad"
            r"\text{Param\#}_{\text{Dense}} = I\,U + U"
        )
    st.code(exercise_23_source(settings), language="python")
    numbers = cache.summary(*settings.model())
    st.code(numbers["text"], language=None)  # figures 5.30-5.32
    st.success(tr("layers.builder.total", total=f"{numbers['total']:,}", T=f"{settings.T:,}"))
    if settings.state:
        st.info(tr("layers.builder.return_state"))
    return {"rows": numbers["rows"], "total": numbers["total"]}


def shapes(settings: LayersSettings, tr: Translator, projected: bool) -> dict[str, object]:
    """Input -> output boxes for every (return_sequences, return_state), the chosen one highlighted."""
    st.header(tr("layers.shapes.title"))
    if not projected:
        st.markdown(tr("layers.shapes.what"))
    numbers = cache.shapes(settings.units, settings.T, settings.input_dim)
    combos = numbers["combos"]
    fig = shape_boxes(
        numbers["input"],
        numbers["outputs"],
        row_labels=[tr("layers.shapes.row", seq=seq, state=state) for seq, state in combos],
        labels=shape_labels(settings, tr),
        selected=combos.index((settings.seq, settings.state)),
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(NAME, "shapes"))
    return {"input": numbers["input"], "combos": combos, "outputs": numbers["outputs"]}


def stacking(settings: LayersSettings, tr: Translator, projected: bool) -> dict[str, object]:
    """SimpleRNN(16) on SimpleRNN(32): its summary, or the clear error when the lower one returns 2-D."""
    st.subheader(tr("layers.stack.title"))
    if not projected:
        st.markdown(tr("layers.stack.what"))
    st.code(stack_source(settings.stack_seq), language="python")
    numbers = cache.stacked(settings.stack_seq)
    if "error" in numbers:
        st.error(tr("layers.stack.error", message=numbers["error"]), icon="⛔")
    else:
        st.code(numbers["text"], language=None)
    return dict(numbers)


def worked(settings: LayersSettings, tr: Translator, projected: bool) -> dict[str, object]:
    """The go_backwards / unroll example as a table of what is read and returned at each step."""
    st.header(tr("layers.worked.title"))
    if not projected:
        st.markdown(tr("layers.worked.what"))
        st.latex(r"s_t = f(x_t\,\mathrm{kernel} + s_{t-1}\,\mathrm{recurrent\_kernel} + \mathrm{bias})")
    numbers = cache.worked_example(settings.backwards, settings.unroll)
    fig = sequence_table(
        [tr("layers.worked.step"), tr("layers.worked.read"), tr("layers.worked.output")],
        worked_rows(numbers["read"], numbers["output"]),
        title=tr("layers.worked.table", backwards=settings.backwards, unroll=settings.unroll),
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=widget_key(NAME, "worked"))
    st.caption(tr("layers.worked.unroll_gap", gap=numbers["unroll_gap"], state=float(numbers["state"][0])))
    return {name: numbers[name] for name in ("inputs", "read", "output", "state", "unroll_gap")}


def stateful(settings: LayersSettings, tr: Translator, projected: bool) -> dict[str, object]:
    """Figure 5.33's layout (Keras's i -> i rule) and exercise 24's box plot, trained live."""
    st.header(tr("layers.stateful.title"))
    if not projected:
        st.markdown(tr("layers.stateful.what"))
    order = layout_order(LAYOUT_BATCHES, settings.shuffle)
    layout = batch_layout(
        settings.config().batch_size, LAYOUT_BATCHES, order=order, labels=layout_labels(settings.shuffle, tr)
    )
    st.plotly_chart(layout, config=PNG_EXPORT, key=widget_key(NAME, "layout"))
    st.info(tr("layers.layout.note"), icon="ℹ️")
    if settings.shuffle:
        st.warning(tr("layers.layout.shuffled"))
    if not projected:
        st.markdown(tr("layers.experiment.what"))
    numbers = experiment(settings, tr)
    labels = arm_labels(numbers["arms"], tr)
    st.success(verdict(numbers["median"], settings.seeds, tr))
    left, right = st.columns(2)
    box = stateful_boxplot(
        numbers["test_rmse"],
        arm_labels=labels,
        seeds=numbers["seeds"],
        labels={"title": tr("layers.box.title"), "y": tr("layers.box.y")},
    )
    left.plotly_chart(box, config=PNG_EXPORT, key=widget_key(NAME, "box"))
    lines = error_by_position(
        numbers["rmse_by_step"],
        arm_labels=labels,
        labels={"title": tr("layers.position.title"), "x": tr("layers.position.x"), "y": tr("layers.box.y")},
    )
    right.plotly_chart(lines, config=PNG_EXPORT, key=widget_key(NAME, "position"))
    if not projected:
        st.markdown(tr("layers.experiment.why"))
    return {"layout_order": order, **numbers}


def experiment(settings: LayersSettings, tr: Translator) -> dict[str, object]:
    """Exercise 24's numbers: stored, or trained here in one of the server's training slots.

    The training runs in this script (seconds), so it waits in the same line as the pages' background
    trainings, with the notice of its place; a stored result never waits. A control moved while it
    waits reruns the page, and the notice's redraw is where that rerun leaves the line.
    """
    args = (settings.epochs, settings.seeds, settings.shuffle)
    running = tr("layers.experiment.running", n=settings.n_runs())
    try:
        with st.spinner(running):
            return cache.stateful_arms(*args)  # stored, or a slot was free at once
    except jobs.NoFreeSlotError:
        pass
    notice = st.empty()
    with jobs.training_slot(on_wait=lambda place: controls.queued_notice(place, tr, where=notice)):
        notice.empty()
        with st.spinner(running):
            return cache.stateful_arms(*args)  # in this slot (nested slots take nothing more)


def links(tr: Translator) -> None:
    """The unrolled-graph page's architectures: many-to-one, many-to-many (figure 5.11), stacked (5.12)."""
    st.subheader(tr("layers.links.title"))
    for arch, label in UNROLLED_LINKS:
        page_link(unrolled.PAGE, tr(label), unrolled.PAGE.link(arch=arch), icon="🔗")
