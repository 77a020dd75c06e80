"""The one place that names session keys, so no page builds a key string of its own."""

from __future__ import annotations


def widget_key(page: str, name: str) -> str:
    """The session key of a page's control: "{page}_{name}" (the URL's name is the control's name)."""
    return f"{page}_{name}"


def page_key(page: str, name: str) -> str:
    """A session key a page keeps for itself, not a widget: "{page}__{name}" (never in the URL)."""
    return f"{page}__{name}"
