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


def preset_state(specs: Mapping[str, Spec], values: Mapping[str, object]) -> dict[str, object]:
    """The whole page's settings under a preset: every control at its default, then the preset's values.

    A preset names only the controls that make its point; the others go back to their
    defaults, so the same button always gives the same picture, whatever was pressed before.
    """
    unknown = set(values) - set(specs)
    if unknown:
        raise ValueError(f"preset names controls the page does not have: {', '.join(sorted(unknown))}")
    return {name: values.get(name, spec.default) for name, spec in specs.items()}


def _apply(page: str, specs: Mapping[str, Spec], values: Mapping[str, object]) -> None:
    for name, value in preset_state(specs, values).items():
        st.session_state[f"{page}_{name}"] = value


def presets(
    page: str,
    table: Mapping[str, Mapping[str, object]],
    t: Callable[..., str],
    specs: Mapping[str, Spec],
) -> None:
    """A row of sidebar buttons, one per preset; a click puts every control of `specs` into a known state."""
    st.sidebar.caption(t("app.presets"))
    for name, values in table.items():
        st.sidebar.button(
            t(f"{page}.preset.{name}"),
            key=f"{page}_preset_{name}",
            on_click=_apply,
            args=(page, specs, values),
            width="stretch",
        )
