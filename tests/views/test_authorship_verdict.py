"""Who wins a k-fold evaluation, as the page says it: the verdict, the recall rows, the chart points."""

from typing import NamedTuple

from visualizer.views.authorship.verdict import chart_points, paired_sentence, recall_rows, verdict

NAMES = {"rnn": "RNN", "ngram": "n-grams", "function_words": "function words"}


class Score(NamedTuple):  # the fields of core.authorship.evaluate.ModelScore that the verdict reads
    balanced_accuracy: float
    ci: tuple[float, float]
    recall: dict[str, float]


def models(rnn: float, ngram: float, words: float, half_width: float = 0.05) -> dict[str, Score]:
    def score(v: float) -> Score:
        return Score(v, (v - half_width, v + half_width), {"A": v, "B": 1 - v})

    return {"rnn": score(rnn), "ngram": score(ngram), "function_words": score(words)}


def test_the_rnn_is_set_against_the_better_baseline_with_the_gap_in_points():
    said = verdict(models(0.91, 0.84, 0.88), NAMES)
    assert said.key == "authorship.eval.verdict.rnn_wins"
    assert (said.values["rival"], said.values["gap"]) == ("function words", 3)  # 91 - 88, not 91 - 84
    said = verdict(models(0.70, 0.95, 0.60), NAMES)
    assert said.key == "authorship.eval.verdict.baseline_wins"
    assert (said.values["rival"], said.values["gap"], said.values["rnn_value"]) == ("n-grams", 25, 70)
    assert verdict(models(0.902, 0.898, 0.5), NAMES).key == "authorship.eval.verdict.tie"  # 90 % each


def test_baselines_that_tie_as_shown_are_named_together():
    said = verdict(models(0.93, 0.99, 0.9902), NAMES)  # 99 % and 99 %: the first by max, both by name
    assert said.values["rival"] == "n-grams / function words" and said.values["gap"] == 6


def test_the_verdict_says_whether_the_intervals_overlap():
    assert verdict(models(0.91, 0.84, 0.5, half_width=0.05), NAMES).values["overlap"]  # 0.86 <= 0.89
    assert not verdict(models(0.95, 0.80, 0.5, half_width=0.05), NAMES).values["overlap"]  # 0.90 > 0.85


def test_recall_rows_and_chart_points_keep_the_page_order():
    shown = models(0.9, 0.8, 0.7)
    rows = recall_rows(shown, ("A", "B"), NAMES, "model")
    assert [r["model"] for r in rows] == ["RNN", "n-grams", "function words"]
    assert rows[1] == {"model": "n-grams", "A": "80%", "B": "20%"}
    names, values, intervals = chart_points({"ngram": shown["ngram"], "rnn": shown["rnn"]}, NAMES)
    assert (names, values) == (["RNN", "n-grams"], [0.9, 0.8])
    assert intervals[0] == (0.9 - 0.05, 0.9 + 0.05)


def test_the_paired_sentence_calls_a_gap_luck_only_when_its_interval_holds_zero():
    assert paired_sentence(-0.065, (-0.153, -0.010)) == (
        "authorship.eval.paired.real_rival",
        {"lead": -6.5, "low": -15.3, "high": -1.0},
    )
    assert paired_sentence(0.02, (-0.01, 0.05))[0] == "authorship.eval.paired.luck"
    assert paired_sentence(0.0, (0.0, 0.0))[0] == "authorship.eval.paired.luck"  # 0 itself is inside
    assert paired_sentence(0.03, (0.01, 0.05))[0] == "authorship.eval.paired.real_rnn"
