"""Controls that round-trip through the URL, so a copied link reopens the exact view.

`parse` is pure: it reads a query mapping against typed specs and falls back to
the default, with a note, for anything missing, malformed or out of range.
`bind` and `publish` connect it to Streamlit's widgets and `st.query_params`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import streamlit as st

from visualizer.app.keys import page_key, widget_key
from visualizer.app.safe_text import escape_markdown, quoted

MAX_VALUE = 300  # characters: no setting needs more, and a longer value is not read at all
MAX_PARAMS = 64  # query parameters read per page; a link with more is cut, with a note
SHOWN = 40  # characters of a bad value repeated in the note: a hostile URL must not flood the page
SHARED_KEYS = frozenset({"lang", "classroom", "show"})  # read by the shell, valid on every page


class BadValueError(ValueError):
    """Why a URL value was rejected: a reason key ("url.why.<key>" in the string table) and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


class Fallback(NamedTuple):
    """A URL parameter that was not understood, and the default used instead."""

    name: str
    raw: str  # cut to SHOWN characters: a hostile URL must not flood the page
    why: str  # range, choice, integer, number, bool, long, unknown or count
    values: Mapping[str, object]  # for the reason's text, e.g. lo and hi
    default: object

    def describe(self, t: Callable[..., str]) -> str:
        """One line in the page's language: name='raw' (why; using default), safe to render as Markdown.

        The name and the raw text come from the link, so both are escaped (no link, image or HTML
        can be smuggled into the note); the reason and the default are the app's own.
        """
        why = t(f"url.why.{self.why}", **self.values)
        if not self.name:  # about the link as a whole (too many parameters)
            return why
        name, raw = escape_markdown(self.name), quoted(self.raw)
        if self.default is None:  # nothing to fall back to: the parameter is ignored
            return t("url.ignored", name=name, raw=raw, why=why)
        return t("url.fallback", name=name, raw=raw, why=why, default=url_text(self.default))


@dataclass(frozen=True)
class IntParam:
    """An int control in [lo, hi], drawn as a slider or a number box."""

    default: int
    lo: int
    hi: int
    widget: str = "slider"  # or "number"

    def parse(self, raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise BadValueError("integer") from None
        if not self.lo <= value <= self.hi:
            raise BadValueError("range", lo=self.lo, hi=self.hi)
        return value


@dataclass(frozen=True)
class FloatParam:
    """A float control in [lo, hi], on a slider with the given step."""

    default: float
    lo: float
    hi: float
    step: float = 0.05

    def parse(self, raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise BadValueError("number") from None
        if not (math.isfinite(value) and self.lo <= value <= self.hi):
            raise BadValueError("range", lo=self.lo, hi=self.hi)
        return value


@dataclass(frozen=True)
class ChoiceParam:
    """One of a fixed set of strings."""

    default: str
    choices: tuple[str, ...]
    widget: str = "select"  # or "slider" (a select_slider, for ordered values such as 0.01 … 1)

    def parse(self, raw: str) -> str:
        if raw not in self.choices:
            raise BadValueError("choice", choices=", ".join(self.choices))
        return raw


@dataclass(frozen=True)
class BoolParam:
    """An on/off control, written to the URL as 1 or 0."""

    default: bool

    def parse(self, raw: str) -> bool:
        lowered = raw.strip().lower()
        if lowered in ("1", "true", "on", "yes"):
            return True
        if lowered in ("0", "false", "off", "no"):
            return False
        raise BadValueError("bool")


Spec = IntParam | FloatParam | ChoiceParam | BoolParam


def url_text(value: object) -> str:
    """How a control's value is written into the URL (booleans as 1/0)."""
    return str(int(value)) if isinstance(value, bool) else str(value)


def parse(
    query: Mapping[str, str], specs: Mapping[str, Spec], *, known: frozenset[str] = SHARED_KEYS
) -> tuple[dict[str, object], list[Fallback]]:
    """Values for every spec from the query, and a Fallback for each one that fell back to its default.

    The parser reads little: the first MAX_PARAMS parameters, values up to MAX_VALUE characters
    (a longer one is not parsed at all), and it names, once each, keys that are neither a spec nor
    one of `known` (they are ignored and dropped from the URL by the next publish).
    """
    values: dict[str, object] = {}
    notes: list[Fallback] = []
    items = list(itertools.islice(query.items(), MAX_PARAMS + 1))
    if len(items) > MAX_PARAMS:
        notes.append(Fallback("", "", "count", {"n": MAX_PARAMS}, None))
        items = items[:MAX_PARAMS]
    read = dict(items)
    for name, spec in specs.items():
        raw = read.get(name)
        if raw is None:
            values[name] = spec.default
            continue
        raw = str(raw)
        try:
            if len(raw) > MAX_VALUE:
                raise BadValueError("long", n=MAX_VALUE)
            values[name] = spec.parse(raw)
        except BadValueError as err:
            values[name] = spec.default
            notes.append(Fallback(name, raw[:SHOWN], err.key, err.values, spec.default))
    for name, raw in items:
        if name not in specs and name not in known:
            notes.append(Fallback(str(name)[:SHOWN], str(raw)[:SHOWN], "unknown", {}, None))
    return values, notes


def bind(page: str, specs: Mapping[str, Spec]) -> list[Fallback]:
    """Set the page's widget keys ("{page}_{name}") from the URL when the URL is new to it.

    New means: the session's first run of the page, or a link (a home card, the
    regime map, a pasted URL) whose settings differ from what this page last
    wrote to the URL. Otherwise the widgets keep their values, so moving a
    slider is never undone by the URL it is about to replace, and a page left
    through the sidebar comes back as it was. Returns the fallback notes of a
    bind (empty otherwise).
    """
    query = st.query_params.to_dict()
    from_link = {name: query[name] for name in specs if name in query}
    seen = st.session_state.get(page_key(page, "from_url"), False)
    published = st.session_state.get(page_key(page, "published"), {})
    if seen and (not from_link or from_link == published):
        # Streamlit drops a widget's state while another page runs; bring it back.
        for name, spec in specs.items():
            if widget_key(page, name) not in st.session_state and name in published:
                st.session_state[widget_key(page, name)] = spec.parse(published[name])
        return []
    values, notes = parse(query, specs)
    for name, value in values.items():
        st.session_state[widget_key(page, name)] = value
    st.session_state[page_key(page, "from_url")] = True
    return notes


def classroom() -> tuple[bool, set[str]]:
    """The classroom flag: ?classroom=1 hides the explanations, ?show=T,sigma keeps those controls.

    Without show=, classroom mode keeps every control.
    """
    on = st.query_params.get("classroom") == "1"
    raw = st.query_params.get("show", "")
    show = {name for name in raw.split(",") if name} if len(raw) <= MAX_VALUE else set()
    return on, show


def publish(page: str, specs: Mapping[str, Spec], extra: Mapping[str, str] | None = None) -> None:
    """Write the page's current widget values (and extra keys such as lang) to the URL.

    The classroom keys already in the URL are kept, so a projected link stays projected.
    """
    wanted = {name: url_text(st.session_state[widget_key(page, name)]) for name in specs}
    st.session_state[page_key(page, "published")] = dict(wanted)
    kept = {key: st.query_params[key] for key in ("classroom", "show") if key in st.query_params}
    wanted.update({key: value for key, value in kept.items() if len(value) <= MAX_VALUE})  # no 90 kB link
    wanted.update(extra or {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
