"""Sidebar controls drawn from URL specs, and presets that set them."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Any

import streamlit as st

from visualizer.app.i18n import has
from visualizer.app.keys import widget_key
from visualizer.app.url_state import BoolParam, ChoiceParam, FloatParam, IntParam, Spec


def draw(
    page: str,
    specs: Mapping[str, Spec],
    t: Callable[..., str],
    *,
    hidden: Set[str] = frozenset(),
    where: Any = None,
    choice_labels: str = "choice",
) -> None:
    """One widget per spec, labelled from the string table as "{page}.{name}", unless hidden.

    `where` is a container (the sidebar by default) or a sequence of them, such as st.columns(3):
    the widgets are then dealt out across it in turn. Named choices are labelled from
    "{choice_labels}.{choice}" where the table has that key; numbers such as "0.1" show as they are.
    Hidden controls keep their value: it lives in the session, set from the URL.
    """
    where = st.sidebar if where is None else where
    places = itertools.cycle(where if isinstance(where, Sequence) else [where])
    shown = [(name, spec) for name, spec in specs.items() if name not in hidden]
    for (name, spec), place in zip(shown, places, strict=False):  # places cycle
        key, label = widget_key(page, name), t(f"{page}.{name}")
        if isinstance(spec, BoolParam):
            place.toggle(label, key=key)
        elif isinstance(spec, ChoiceParam):
            labels = functools.partial(_choice_label, t, choice_labels)
            widget = place.select_slider if spec.widget == "slider" else place.selectbox
            widget(label, spec.choices, key=key, format_func=labels)
        elif isinstance(spec, FloatParam):
            place.slider(label, spec.lo, spec.hi, step=spec.step, key=key)
        elif isinstance(spec, IntParam) and spec.widget == "number":
            place.number_input(label, spec.lo, spec.hi, key=key)
        else:
            place.slider(label, spec.lo, spec.hi, key=key)


def _choice_label(t: Callable[..., str], prefix: str, choice: str) -> str:
    key = f"{prefix}.{choice}"
    return t(key) if has(key) else choice


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
        st.session_state[widget_key(page, name)] = value


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
            key=widget_key(page, f"preset_{name}"),
            on_click=_apply,
            args=(page, specs, values),
            width="stretch",
        )
