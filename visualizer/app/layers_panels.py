"""The layers page's panels: each draws one section and returns the numbers it showed (for the JSON)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from core.keras.stateful import StatefulConfig
from visualizer.app import layers_cache
from visualizer.app.shell import PNG_EXPORT
from visualizer.figures.layers import (
    batch_layout,
    error_by_position,
    sequence_table,
    shape_boxes,
    stateful_boxplot,
)

PAGE = "layers"
LAYOUT_BATCHES = 6  # the diagram shows the first batches of the experiment's layout


def builder(t: Callable[..., str], value: Mapping[str, Any], projected: bool) -> dict[str, object]:
    """Exercise 23: the Keras code for the chosen settings and its model.summary()."""
    units, steps, dim = int(value["units"]), int(value["T"]), int(value["input_dim"])
    seq, state = bool(value["seq"]), bool(value["state"])
    st.header(t("layers.builder.title"))
    if not projected:
        st.markdown(t("layers.builder.what"))
        st.latex(
            r"\text{Param\#}_{\text{SimpleRNN}} = U\,(I + U) + U \qquad"
            r"\text{Param\#}_{\text{Dense}} = I\,U + U"
        )
    source = (
        "model = Sequential()\n"
        f"model.add(SimpleRNN({units}, input_shape=({steps}, {dim}),\n"
        f"                    return_sequences={seq}, return_state={state}))\n"
        "model.add(Dense(64, activation='relu'))\n"
        "model.add(Dense(100, activation='softmax'))\n"
        "model.summary()"
    )
    st.code(source, language="python")
    numbers = layers_cache.summary(units, steps, dim, seq, state)
    st.code(numbers["text"], language=None)  # figures 5.30-5.32
    st.success(t("layers.builder.total", total=f"{numbers['total']:,}", T=f"{steps:,}"))
    if state:
        st.info(t("layers.builder.return_state"))
    return {"rows": numbers["rows"], "total": numbers["total"]}


def shapes(t: Callable[..., str], value: Mapping[str, Any], projected: bool) -> dict[str, object]:
    """Input -> output boxes for every (return_sequences, return_state), the chosen one highlighted."""
    units, steps, dim = int(value["units"]), int(value["T"]), int(value["input_dim"])
    st.header(t("layers.shapes.title"))
    if not projected:
        st.markdown(t("layers.shapes.what"))
    numbers = layers_cache.shapes(units, steps, dim)
    combos = numbers["combos"]
    fig = shape_boxes(
        numbers["input"],
        numbers["outputs"],
        row_labels=[t("layers.shapes.row", seq=seq, state=state) for seq, state in combos],
        layer_label=f"SimpleRNN({units})",
        output_names=(t("layers.shapes.output"), t("layers.shapes.state")),
        selected=combos.index((bool(value["seq"]), bool(value["state"]))),
        title=t("layers.shapes.figure", units=units, T=steps, I=dim),
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_shapes")
    return {"input": numbers["input"], "combos": combos, "outputs": numbers["outputs"]}


def stacking(t: Callable[..., str], value: Mapping[str, Any], projected: bool) -> dict[str, object]:
    """SimpleRNN(16) on SimpleRNN(32): its summary, or the clear error when the lower one returns 2-D."""
    lower = bool(value["stack_seq"])
    st.subheader(t("layers.stack.title"))
    if not projected:
        st.markdown(t("layers.stack.what"))
    st.code(
        "model = Sequential()\n"
        f"model.add(SimpleRNN(32, input_shape=(10, 8), return_sequences={lower}))\n"
        "model.add(SimpleRNN(16))",
        language="python",
    )
    numbers = layers_cache.stacked(lower)
    if "error" in numbers:
        st.error(t("layers.stack.error", message=numbers["error"]), icon="⛔")
    else:
        st.code(numbers["text"], language=None)
    return dict(numbers)


def worked(t: Callable[..., str], value: Mapping[str, Any], projected: bool) -> dict[str, object]:
    """The go_backwards / unroll example as a table of what is read and returned at each step."""
    backwards, unroll = bool(value["backwards"]), bool(value["unroll"])
    st.header(t("layers.worked.title"))
    if not projected:
        st.markdown(t("layers.worked.what"))
        st.latex(r"s_t = f(x_t\,\mathrm{kernel} + s_{t-1}\,\mathrm{recurrent\_kernel} + \mathrm{bias})")
    numbers = layers_cache.worked_example(backwards, unroll)
    rows = [
        (k + 1, float(x), float(y))
        for k, (x, y) in enumerate(zip(numbers["read"], numbers["output"], strict=True))
    ]
    fig = sequence_table(
        [t("layers.worked.step"), t("layers.worked.read"), t("layers.worked.output")],
        rows,
        title=t("layers.worked.table", backwards=backwards, unroll=unroll),
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_worked")
    gap, final = float(numbers["unroll_gap"]), float(numbers["state"][0])
    st.caption(t("layers.worked.unroll_gap", gap=gap, state=final))
    return {name: numbers[name] for name in ("inputs", "read", "output", "state", "unroll_gap")}


def stateful(t: Callable[..., str], value: Mapping[str, Any], projected: bool) -> dict[str, object]:
    """Figure 5.33's layout (Keras's i -> i rule) and exercise 24's box plot, trained live."""
    shuffle, n_seeds = bool(value["shuffle"]), int(value["seeds"])
    st.header(t("layers.stateful.title"))
    if not projected:
        st.markdown(t("layers.stateful.what"))
    order = layers_cache.layout_order(LAYOUT_BATCHES, shuffle)
    layout = batch_layout(
        StatefulConfig().batch_size,
        LAYOUT_BATCHES,
        order=order,
        title=t("layers.layout.title"),
        batch_label=t("layers.layout.batch"),
        sample_label=t("layers.layout.sample"),
        wrong_label=None if shuffle else t("layers.layout.wrong"),
    )
    st.plotly_chart(layout, config=PNG_EXPORT, key=f"{PAGE}_layout")
    st.info(t("layers.layout.note"), icon="ℹ️")
    if shuffle:
        st.warning(t("layers.layout.shuffled"))
    if not projected:
        st.markdown(t("layers.experiment.what"))
    with st.spinner(t("layers.experiment.running", n=(3 if shuffle else 2) * n_seeds)):
        numbers = layers_cache.stateful_arms(int(value["epochs"]), n_seeds, shuffle)
    labels = [t(f"layers.arm.{arm}") for arm in numbers["arms"]]
    median = numbers["median"]
    verdict = t("layers.experiment.verdict", stateless=median[0], stateful=median[1], n=n_seeds)
    if shuffle:
        verdict += " " + t("layers.experiment.verdict_shuffled", shuffled=median[2])
    st.success(verdict)
    left, right = st.columns(2)
    box = stateful_boxplot(
        numbers["test_rmse"],
        arm_labels=labels,
        seeds=numbers["seeds"],
        title=t("layers.box.title"),
        y_title=t("layers.box.y"),
    )
    left.plotly_chart(box, config=PNG_EXPORT, key=f"{PAGE}_box")
    lines = error_by_position(
        numbers["rmse_by_step"],
        arm_labels=labels,
        title=t("layers.position.title"),
        x_title=t("layers.position.x"),
        y_title=t("layers.box.y"),
    )
    right.plotly_chart(lines, config=PNG_EXPORT, key=f"{PAGE}_position")
    if not projected:
        st.markdown(t("layers.experiment.why"))
    return {"layout_order": order, **numbers}


def links(t: Callable[..., str], lang: str) -> None:
    """The unrolled-graph page's architectures: many-to-one, many-to-many (figure 5.11), stacked (5.12)."""
    st.subheader(t("layers.links.title"))
    for arch, label in (
        ("many_to_one", "layers.link.many_to_one"),
        ("many_to_many", "layers.link.many_to_many"),
        ("stacked", "layers.link.stacked"),
    ):
        st.page_link(
            "pages/unrolled.py", label=t(label), icon="🔗", query_params={"arch": arch, "lang": lang}
        )
