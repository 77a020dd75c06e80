"""The authorship page's texts and tables from numbers (pure: no Streamlit), user text escaped.

Every function takes the translator `tr(key, **values)` of the page's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from core.checks import ExplainedError
from visualizer.app.safe_text import escape_markdown

Translator = Callable[..., str]


def say(tr: Translator, key: str, **values: Any) -> str:
    """tr(key, **values) with every text value Markdown-escaped (names, titles, file names, reasons).

    Numbers keep their type, so "{size:,}" still formats; anything else is shown as its str().
    """
    return tr(
        key, **{k: v if isinstance(v, int | float) else escape_markdown(str(v)) for k, v in values.items()}
    )


def explain(err: ExplainedError, strings: str, tr: Translator) -> str:
    """err in the page's language, from the string "<strings>.<err.key>" (its English message if none).

    The values come from file names and contents, so they are escaped for Markdown.
    """
    try:
        return say(tr, f"{strings}.{err.key}", **err.values)
    except (KeyError, IndexError, ValueError):
        return escape_markdown(str(err))


def counts_text(counts: Mapping[str, int], tr: Translator) -> str:
    """{"Hamilton": 51, "Madison": 14} as "Hamilton (51), Madison (14)" in the page's language, escaped."""
    return tr("authorship.count_sep").join(
        say(tr, "authorship.count_item", author=a, n=n) for a, n in counts.items()
    )


def title_key(kind: str) -> str:
    """The page title's string for a corpus kind (a built-in corpus name or "upload")."""
    return "authorship.title" if kind == "federalist" else f"authorship.title.{kind}"


def heldout_points(metrics: Mapping[str, Any]) -> tuple[list[int], list[float]]:
    """(steps, held-out window accuracies) of the live evaluations in a model's metrics."""
    points = [(i + 1, v) for i, v in enumerate(metrics.get("heldout_curve", [])) if v is not None]
    return [p[0] for p in points], [p[1] for p in points]


def table(rows: list[dict[str, Any]], authors: tuple[str, ...], tr: Translator) -> list[dict[str, Any]]:
    """Figure 5.35's table as display rows: document, truth, Mosteller & Wallace, prediction, P, vote."""
    shown = []
    for r in rows:
        row = {tr("authorship.col.document"): r["id"]}
        if any(x["true_author"] for x in rows):
            row[tr("authorship.col.truth")] = r["true_author"] or "?"
        if any(x["reference"] for x in rows):
            row[tr("authorship.col.mw")] = r["reference"] or ""
        row[tr("authorship.col.predicted")] = r["predicted"]
        row |= {f"P({a})": round(r["probabilities"][a], 3) for a in authors}
        row[tr("authorship.col.vote")] = round(r["window_vote"], 3)
        row[tr("authorship.col.confidence")] = round(r["confidence"], 3)
        shown.append(row)
    return shown


def agreement(rows: list[dict[str, Any]], against: str) -> tuple[int, int]:
    """(documents whose prediction equals their `against` field, documents that have one)."""
    having = [r for r in rows if r[against]]
    return sum(r["predicted"] == r[against] for r in having), len(having)


def probabilities(rows: list[dict[str, Any]], authors: tuple[str, ...]) -> list[list[float]]:
    """The rows' probabilities as (documents, authors), for the bars."""
    return [[r["probabilities"][a] for a in authors] for r in rows]


def percent(value: float) -> str:
    """An accuracy as the metrics show it: 0.8333 -> "83%"."""
    return f"{value:.0%}"
