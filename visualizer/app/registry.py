"""What the app knows about a page: its file, URL, title, typed settings, presets and warm-up.

Each view declares its page's `PageInfo` beside its presets; `visualizer.views.catalog` lists
them in menu order, and the entry point, the home cards, the tour, every page switch and the
warm-up read that one list. A link to a page is built from its settings (`link`), never typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from visualizer.app.controls import preset_state
from visualizer.app.settings import Settings
from visualizer.app.url_state import Spec, url_text


@dataclass(frozen=True)
class PageInfo:
    """One page of the app.

    `name` is its URL path and the prefix of its strings ("{name}.nav" is its menu title) and of
    its session keys. `presets` maps a preset's name to the controls it sets (the others go back
    to their defaults). `warm` computes what the page shows for given settings into the shared
    caches; the warm-up calls it on the defaults and on `warm_presets`.
    """

    name: str
    path: str
    settings: type[Settings] | None = None
    presets: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    warm: Callable[[Any], object] | None = None
    warm_presets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for values in self.presets.values():
            preset_state(self.specs(), values)  # raises on a control the page does not have
        unknown = set(self.warm_presets) - set(self.presets)
        if unknown:
            raise ValueError(f"{self.name}: warm_presets names no preset {', '.join(sorted(unknown))}")

    @property
    def title_key(self) -> str:
        """The menu title's string key."""
        return f"{self.name}.nav"

    def specs(self) -> dict[str, Spec]:
        """The page's controls (empty for a page without settings)."""
        return self.settings.specs() if self.settings else {}

    def defaults(self) -> Settings:
        """The page's settings when nothing was chosen."""
        if self.settings is None:
            raise ValueError(f"{self.name} has no settings")
        return self.settings.from_values({})

    def preset(self, name: str) -> Settings:
        """The page's whole settings under one of its presets."""
        if self.settings is None:
            raise ValueError(f"{self.name} has no settings")
        return self.settings.from_values(preset_state(self.specs(), self.presets[name]))

    def link(self, preset: str | None = None, **values: object) -> dict[str, str]:
        """Query parameters that open this page on a preset and/or given controls (URL text).

        Only the named controls are written: the page fills the rest with its defaults, so the
        link is short and opens the same state a preset button gives.
        """
        chosen = {**(self.presets[preset] if preset else {}), **values}
        preset_state(self.specs(), chosen)  # raises on a control the page does not have
        return {name: url_text(value) for name, value in chosen.items()}
