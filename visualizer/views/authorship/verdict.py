"""Which model wins a k-fold evaluation, and the texts and rows that say it (pure: no Streamlit).

The evaluation (core.authorship.evaluate.Evaluation) scores the RNN and two baselines on the same
folds; these functions turn its numbers into what the page says, so the sentence can be tested on
the numbers shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

SHOWN = ("rnn", "ngram", "function_words")  # core.authorship.evaluate.MODELS, in the page's order


class Verdict(NamedTuple):
    """Who wins: the string's key and its values (models by their page names, gaps in points)."""

    key: str  # authorship.eval.verdict.{rnn_wins, baseline_wins, tie}
    values: dict[str, Any]


def verdict(models: Mapping[str, Any], names: Mapping[str, str]) -> Verdict:
    """The RNN against the better baseline, by balanced accuracy; a gap inside the intervals is said.

    models: name -> a ModelScore (balanced_accuracy, ci); names: model -> its name on the page.
    "tie" when the two are equal to the point. The gap is in percentage points, between the rounded
    percentages the page shows.
    """
    rnn = models["rnn"]
    rival = max((m for m in SHOWN[1:] if m in models), key=lambda m: models[m].balanced_accuracy)
    best = models[rival]
    # The gap between the rounded percentages the page shows, so the sentence agrees with the metrics.
    rnn_value, rival_value = round(100 * rnn.balanced_accuracy), round(100 * best.balanced_accuracy)
    gap = rnn_value - rival_value
    overlap = rnn.ci[0] <= best.ci[1] and best.ci[0] <= rnn.ci[1]
    # Baselines that tie with the best one, as shown, are named together: the page picks no favourite.
    rivals = [m for m in SHOWN[1:] if m in models and round(100 * models[m].balanced_accuracy) == rival_value]
    values = {
        "rnn": names["rnn"],
        "rival": " / ".join(names[m] for m in rivals),
        "rnn_value": rnn_value,
        "rival_value": rival_value,
        "gap": abs(gap),
        "overlap": overlap,
        "rival_model": rival,  # the best baseline's model name, for the paired interval
    }
    key = "tie" if gap == 0 else ("rnn_wins" if gap > 0 else "baseline_wins")
    return Verdict(f"authorship.eval.verdict.{key}", values)


def paired_sentence(lead: float, interval: tuple[float, float]) -> tuple[str, dict[str, float]]:
    """The string key and values that say whether the RNN's paired lead (a fraction) could be luck.

    The two models' own intervals can overlap while the interval of their difference, resampled on the
    same documents, excludes 0: only the paired interval says whether the gap is luck.
    """
    low, high = interval
    key = "luck" if low <= 0.0 <= high else ("real_rnn" if low > 0 else "real_rival")
    points = {"lead": round(100 * lead, 1), "low": round(100 * low, 1), "high": round(100 * high, 1)}
    return f"authorship.eval.paired.{key}", points


def recall_rows(
    models: Mapping[str, Any], authors: tuple[str, ...], names: Mapping[str, str], model_column: str
) -> list[dict[str, Any]]:
    """Per-author recall as rows: the model's page name, then one column per author (a percentage)."""
    return [
        {model_column: names[m], **{a: f"{models[m].recall[a]:.0%}" for a in authors}}
        for m in SHOWN
        if m in models
    ]


def chart_points(models: Mapping[str, Any], names: Mapping[str, str]) -> tuple[list, list, list]:
    """(names, balanced accuracies, intervals) of the models shown, in SHOWN order, for the error bars."""
    shown = [m for m in SHOWN if m in models]
    return (
        [names[m] for m in shown],
        [models[m].balanced_accuracy for m in shown],
        [tuple(models[m].ci) for m in shown],
    )
