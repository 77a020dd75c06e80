"""Typed page settings: one frozen dataclass per page declares its controls once.

A field made with `control(spec)` is a control: its URL spec (range, choices, widget) rides
in the field's metadata and its default is the spec's. From that one declaration the page gets
its URL parsing (`specs()`), its widgets' keys (`widget_key`), and a typed, frozen value read
from the session (`from_session()`), so a page never builds a key string or converts a value:

    @dataclass(frozen=True)
    class HeatmapSettings(Settings):
        page: ClassVar[str] = "heatmap"
        T: int = control(IntParam(60, 1, 500))
        sigma: float = control(FloatParam(0.8, 0.0, 6.0))

    settings = HeatmapSettings.from_session()   # settings.T is an int
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, field, fields
from typing import Any, ClassVar, Self

import streamlit as st

from visualizer.app.keys import widget_key
from visualizer.app.url_state import BoolParam, FloatParam, IntParam, Spec, url_text


def control(spec: Spec) -> Any:
    """A settings field that is a control: the spec's default, with the spec kept in the field."""
    return field(default=spec.default, metadata={"spec": spec})


def _typed(spec: Spec, value: object) -> object:
    """A widget's value as the spec's type (Streamlit's number widgets may hand back 3.0 for 3)."""
    if isinstance(spec, BoolParam):
        return bool(value)
    if isinstance(spec, IntParam):
        return int(value)  # type: ignore[call-overload]
    if isinstance(spec, FloatParam):
        return float(value)  # type: ignore[arg-type]
    return str(value)


class Settings:
    """Base of a page's settings: subclass as a frozen dataclass whose fields are `control(spec)`s."""

    page: ClassVar[str]

    @classmethod
    def specs(cls) -> dict[str, Spec]:
        """The page's controls in declaration order: name -> URL spec."""
        return {f.name: f.metadata["spec"] for f in fields(cls) if "spec" in f.metadata}  # type: ignore[arg-type]

    @classmethod
    def key(cls, name: str) -> str:
        """The session key of one of this page's controls."""
        if name not in cls.specs():
            raise KeyError(f"{cls.page} has no control {name!r}")
        return widget_key(cls.page, name)

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> Self:
        """Settings from a mapping of control values (missing ones take their defaults), typed by spec."""
        specs = cls.specs()
        unknown = set(values) - set(specs)
        if unknown:
            raise ValueError(f"{cls.page} has no controls {', '.join(sorted(unknown))}")
        return cls(**{name: _typed(spec, values.get(name, spec.default)) for name, spec in specs.items()})

    @classmethod
    def from_session(cls) -> Self:
        """The controls' current values in this session (set from the URL, a preset or a widget)."""
        state = st.session_state
        return cls.from_values({name: state[widget_key(cls.page, name)] for name in cls.specs()})

    def values(self) -> dict[str, object]:
        """Every control's value by name (for the JSON downloads and presets)."""
        return asdict(self)  # type: ignore[call-overload]

    def query(self) -> dict[str, str]:
        """The settings as a link's query parameters, as the URL writes them."""
        return {name: url_text(value) for name, value in self.values().items()}
