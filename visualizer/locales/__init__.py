"""The app's strings, one module per page, merged into `visualizer.app.i18n.STRINGS`.

Each module defines TEXTS = {"{page}.{name}": {"en": ..., "zh": ...}}, English and 中文 side by side per
key, and STRINGS = by_language(TEXTS), the same table per language: {"en": {key: text}, "zh": {...}}.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

LANGUAGES = {"en": "English", "zh": "中文"}


def by_language(texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """{key: {lang: text}} turned round into {lang: {key: text}}; raises on a key missing a language."""
    for key, versions in texts.items():
        if versions.keys() != LANGUAGES.keys():
            missing = sorted(LANGUAGES.keys() - versions.keys())
            unknown = sorted(versions.keys() - LANGUAGES.keys())
            raise ValueError(f"string {key!r}: missing languages {missing}, unknown languages {unknown}")
    return {lang: {key: versions[lang] for key, versions in texts.items()} for lang in LANGUAGES}


def merge(modules: Iterable[ModuleType]) -> dict[str, dict[str, str]]:
    """Every module's TEXTS in one table per language; raises on a key that two modules define."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for module in modules:
        for key, versions in module.TEXTS.items():
            if key in merged:
                raise ValueError(f"string {key!r} is defined in both {origin[key]} and {module.__name__}")
            merged[key], origin[key] = versions, module.__name__
    return by_language(merged)
