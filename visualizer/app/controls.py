"""Sidebar controls drawn from URL specs, and presets that set them."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Any

import streamlit as st

from visualizer.app import jobs
from visualizer.app.i18n import has
from visualizer.app.keys import widget_key
from visualizer.app.training_queue import ordinal
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


def train_button(
    page: str, label: str, hint: str, find: Callable[[], Any], on_click: Callable[[], None]
) -> Any:
    """A page's Train button for a training that is one shared job; returns that job, or None.

    find() returns the shared job of the page's current settings, or None while no session has started
    it (then `hint` says what the button does). The button is disabled while the job runs. It acts
    through a callback, which runs before the rerun: no click is lost, and it reads the controls as they
    are at the click, so a click landing while a preset's rerun still draws trains what the controls say.
    """
    job = find()
    st.button(
        label,
        key=widget_key(page, "train"),
        type="primary",
        disabled=job is not None and job.running,
        on_click=on_click,
    )
    job = find()  # the callback may have started it
    if job is None:
        st.info(hint)
    return job


def training_progress(
    job: jobs.Job,
    steps_done: Mapping[str, int],
    diverged: Mapping[str, int],
    *,
    total: int,
    names: Mapping[str, str],
    t: Callable[..., str],
    prefix: str,
) -> None:
    """The live head of a multi-run training: the queue notice, or a compiling note, then one bar per run.

    steps_done and diverged map each run (in column order) to its steps so far and, once it stopped
    on a non-finite gradient, that step; `{prefix}.compiling` and `{prefix}.diverged` are the page's
    strings. Drawn from a polling fragment, so a waiting notice turns into progress.
    """
    queued = queued_notice(job.queue_position, t)
    if not queued and not job.finished.is_set() and not any(steps_done.values()):
        st.caption(t(f"{prefix}.compiling"))  # the first step of new shapes compiles for several seconds
    for column, (run, steps) in zip(st.columns(len(steps_done)), steps_done.items(), strict=True):
        column.progress(min(steps / total, 1.0), text=f"{names[run]}: {steps}/{total}")
        if run in diverged:
            column.error(t(f"{prefix}.diverged", step=diverged[run]))


def queued_notice(place: int | None, t: Callable[..., str], where: Any = None) -> bool:
    """While a training waits for a free slot: its place in line and the server's count; True if shown.

    place is the job's queue_position (None once it runs: nothing is drawn). The running count and
    the cap are read now, so a page polling from a fragment shows the line as it moves.
    """
    if place is None:
        return False
    running = jobs.running_trainings()
    key = "app.queued_one" if running == 1 else "app.queued"
    values = {"n": place, "place": ordinal(place), "running": running, "cap": jobs.training_cap()}
    (st if where is None else where).info(t(key, **values), icon="⏳")
    return True
