"""Every visible string of the app, in English and 中文, from one table.

The strings live in visualizer/locales/, one module per page with both languages side by side;
STRINGS merges them into one table per language.

Technical terms follow the chapter: 循环神经网络, 通过时间的反向传播 (BPTT),
梯度消失, 梯度爆炸, 梯度裁剪, 展开, 有状态/无状态, 作者归属.
"""

from __future__ import annotations

from visualizer.locales import (
    LANGUAGES,
    app,
    authorship,
    authorship_eval,
    authorship_files,
    authorship_results,
    chapter,
    cliff,
    clipping,
    formula,
    gates,
    heatmap,
    home,
    layers,
    layers_model,
    merge,
    regime,
    tour,
    unrolled,
)

__all__ = ["LANGUAGES", "STRINGS", "has", "text"]

# Raises on a key that two modules define, and on a key without both languages.
STRINGS: dict[str, dict[str, str]] = merge(
    (
        app,
        home,
        heatmap,
        unrolled,
        regime,
        tour,
        clipping,
        cliff,
        layers,
        layers_model,
        authorship,
        authorship_results,
        authorship_files,
        authorship_eval,
        formula,
        chapter,
        gates,
    )
)


def text(lang: str, key: str, **values: object) -> str:
    """The string for key in lang (English if lang is unknown), with {names} filled in."""
    table = STRINGS.get(lang, STRINGS["en"])
    return table[key].format(**values) if values else table[key]


def has(key: str) -> bool:
    """Whether the table has a string for key."""
    return key in STRINGS["en"]
