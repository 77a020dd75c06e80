"""Sidebar controls drawn from URL specs, and presets that set them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from visualizer.app.i18n import has
from visualizer.app.url_state import BoolParam, ChoiceParam, FloatParam, IntParam, Spec


def draw(
    page: str,
    specs: Mapping[str, Spec],
    t: Callable[..., str],
    *,
    hidden: set[str] = frozenset(),
) -> None:
    """One sidebar widget per spec (label from the string table as "{page}.{name}"), unless hidden.

    Hidden controls keep their value: it lives in the session, set from the URL.
    """
    for name, spec in specs.items():
        if name in hidden:
            continue
        key, label = f"{page}_{name}", t(f"{page}.{name}")
        if isinstance(spec, BoolParam):
            st.sidebar.toggle(label, key=key)
        elif isinstance(spec, ChoiceParam):
            # Named choices are translated; numbers such as "0.1" show as they are.
            shown = lambda c: t(f"choice.{c}") if has(f"choice.{c}") else c  # noqa: E731
            widget = st.sidebar.select_slider if spec.widget == "slider" else st.sidebar.selectbox
            widget(label, spec.choices, key=key, format_func=shown)
        elif isinstance(spec, FloatParam):
            st.sidebar.slider(label, spec.lo, spec.hi, step=spec.step, key=key)
        elif isinstance(spec, IntParam) and spec.widget == "number":
            st.sidebar.number_input(label, spec.lo, spec.hi, key=key)
        else:
            st.sidebar.slider(label, spec.lo, spec.hi, key=key)


def _apply(page: str, values: Mapping[str, object]) -> None:
    for name, value in values.items():
        st.session_state[f"{page}_{name}"] = value


def presets(page: str, table: Mapping[str, Mapping[str, object]], t: Callable[..., str]) -> None:
    """A row of sidebar buttons, one per preset; a click sets those controls before the rerun."""
    st.sidebar.caption(t("app.presets"))
    for name, values in table.items():
        st.sidebar.button(
            t(f"{page}.preset.{name}"),
            key=f"{page}_preset_{name}",
            on_click=_apply,
            args=(page, values),
            width="stretch",
        )
