"""Click everything: drive one page through every control a person can touch, under AppTest.

`sweep` opens the page fresh (through streamlit_app.py's navigation, as a shared
link would) and then, one control at a time, presses every button, picks every
option of every select box, radio and select slider, moves every slider and number
input to both ends, and flips every toggle and checkbox. After each control it puts
that control back (a button press reopens the page), so every interaction happens
on an otherwise fresh page. Controls that only appear after another interaction
(the TDNN window after picking TDNN) are found and swept too.

`preset_pairs` presses the page's presets in an order that passes through every
ordered pair (a, b), a ≠ b, once: n(n-1) transitions for n presets.

Any exception, or an error element that `allowed_errors` does not accept, is a
failure, recorded with page, language and interaction. Both return a `Sweep`,
which counts its interactions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
TIMEOUT = 180  # JAX compiles on first use
TYPES = ("button", "selectbox", "radio", "select_slider", "slider", "number_input", "toggle", "checkbox")

AllowedErrors = Callable[[str, AppTest], bool]  # (error text, app) -> whether this error is the lesson
TALLY: list[Sweep] = []  # every sweep of this test session, summed up at the end (tests/conftest.py)


@dataclass
class Sweep:
    """What a sweep did: how many interactions, and every failure as one readable line."""

    page: str
    lang: str
    interactions: int = 0
    failures: list[str] = field(default_factory=list)

    def check(self, at: AppTest, what: str, allowed: AllowedErrors | None) -> None:
        self.interactions += 1
        where = f"{self.page} [{self.lang}] after {what}"
        for exc in at.exception:
            self.failures.append(f"{where}: exception {exc.value}")
        for error in at.error:
            if allowed is None or not allowed(error.value, at):
                self.failures.append(f"{where}: error box {error.value!r}")

    def assert_clean(self) -> None:
        assert not self.failures, f"{len(self.failures)} failures:\n" + "\n".join(self.failures[:40])


def open_page(page: str, lang: str, query: Mapping[str, str] | None = None) -> AppTest:
    """A fresh session on `page` ("pages/heatmap.py"), reached through the app's navigation."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at if page == "pages/home.py" else at.switch_page(page).run()


def widget_id(widget: Any) -> str:
    """A widget's name across reruns: its key, or its kind and label when it has none."""
    return widget.key or f"{widget.type}:{widget.label}"


def _widgets(at: AppTest) -> list[Any]:
    return [w for kind in TYPES for w in at.get(kind) if not getattr(w.proto, "disabled", False)]


def _find(at: AppTest, name: str) -> Any | None:
    return next((w for w in _widgets(at) if widget_id(w) == name), None)


def _pick_option(widget: Any, index: int) -> None:
    """Choose option `index` as a browser does: by its shown text, whatever format_func made of it."""
    shown = widget.options[index]

    class Picked(type(widget)):
        @property
        def _widget_state(self) -> WidgetState:
            state = WidgetState()
            state.id = self.id
            if self.type == "select_slider":
                state.string_array_value.data[:] = [shown]
            else:
                state.string_value = shown
            return state

    widget.__class__ = Picked


def _set_each(widget: Any, ends: Iterable[float]) -> list[tuple[str, Callable[[Any], None]]]:
    """Actions that set a numeric widget to each of `ends`, as ints when the widget holds ints."""
    cast = int if isinstance(widget.value, int) else float
    values = [cast(v) for v in ends]
    return [(f"set {v}", lambda w, v=v: w.set_value(v)) for v in values]


def _actions(widget: Any) -> list[tuple[str, Callable[[Any], None]]]:
    """(description, act) for every way of touching this widget; act(w) prepares w for the next run."""
    kind = widget.type
    if kind == "button":
        return [("press", lambda w: w.click())]
    if kind in ("selectbox", "radio", "select_slider"):
        return [(f"pick {o!r}", lambda w, i=i: _pick_option(w, i)) for i, o in enumerate(widget.options)]
    if kind == "slider":
        if isinstance(widget.value, list | tuple):
            return []  # range sliders: none in the lab
        return _set_each(widget, (widget.proto.min, widget.proto.max))
    if kind == "number_input":
        return _set_each(widget, [v for v in (widget.min, widget.max) if v is not None])
    return [("flip", lambda w: w.set_value(not w.value))]  # toggle, checkbox


def sweep(
    page: str,
    lang: str,
    *,
    query: Mapping[str, str] | None = None,
    allowed_errors: AllowedErrors | None = None,
    skip: Iterable[str] = (),
) -> Sweep:
    """Touch every control of `page`, one at a time from its fresh state (see the module docstring).

    skip: widget ids (keys, or "kind:label") not to touch, e.g. a button that starts a long training.
    """
    result = Sweep(page, lang)
    TALLY.append(result)
    at = open_page(page, lang, query)
    result.check(at, "opening", allowed_errors)
    done: set[str] = set(skip)
    while pending := [w for w in _widgets(at) if widget_id(w) not in done]:
        widget = pending[0]
        name = widget_id(widget)
        done.add(name)
        initial = widget.value if widget.type != "button" else None
        for what, act in _actions(widget):
            current = _find(at, name)
            if current is None:  # an earlier action of the same control hid it
                break
            act(current)
            at.run()
            result.check(at, f"{name}: {what}", allowed_errors)
        if widget.type == "button" or result.failures:
            at = open_page(page, lang, query)
        elif (current := _find(at, name)) is not None and current.value != initial:
            current.set_value(initial)
            at.run()
    return result


def preset_pairs(
    page: str,
    lang: str,
    *,
    query: Mapping[str, str] | None = None,
    allowed_errors: AllowedErrors | None = None,
    prefix: str | None = None,
) -> Sweep:
    """Press the presets (buttons keyed "{prefix}_preset_*") through every ordered pair once."""
    prefix = prefix or Path(page).stem
    result = Sweep(page, lang)
    TALLY.append(result)
    at = open_page(page, lang, query)
    names = [w.key for w in at.button if w.key and w.key.startswith(f"{prefix}_preset_")]
    for previous, name in zip([None, *_pair_walk(names)], _pair_walk(names), strict=False):
        button = _find(at, name)
        if button is None:
            result.failures.append(f"{page} [{lang}]: preset {name} missing after {previous}")
            continue
        button.click()
        at.run()
        result.check(at, f"preset {previous} then {name}", allowed_errors)
    return result


def _pair_walk(names: list[str]) -> list[str]:
    """A walk through the complete directed graph on `names` using every edge once (Hierholzer)."""
    if len(names) < 2:
        return list(names)
    unused = {a: [b for b in names if b != a] for a in names}
    stack, walk = [names[0]], []
    while stack:
        if unused[stack[-1]]:
            stack.append(unused[stack[-1]].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]
