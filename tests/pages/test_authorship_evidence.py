"""The authorship page's evidence under AppTest: the readouts' reach and "Does it stand up?".

The numbers come from the JSON files in visualizer/views/authorship/ (read with core.authorship.evaluate.
from_json); the page must show exactly those, and its sentences must follow from what it shows.
"""

import json
import re
import time

import numpy as np
import pytest
from sklearn.metrics import balanced_accuracy_score

from core.authorship import corpus as corpora
from core.authorship.evaluate import from_json
from tests.pages.test_authorship_page import TINY, start
from visualizer.app import jobs
from visualizer.views.authorship import evidence, precomputed
from visualizer.views.authorship.evidence import live_key
from visualizer.views.authorship.precomputed import EVALUATION_FILE, REACH_FILE
from visualizer.views.authorship.settings import AuthorshipSettings

NAMES = {
    "en": {
        "rnn": "RNN (calibrated)",
        "ngram": "character n-grams",
        "function_words": "function words (Mosteller & Wallace)",
    },
    "zh": {
        "rnn": "循环神经网络（已校准）",
        "ngram": "字符 n-gram",
        "function_words": "功能词（Mosteller 与 Wallace）",
    },
}
RAW = {"en": "RNN before calibration", "zh": "循环神经网络（校准前）"}


def stored():
    return from_json(json.loads(EVALUATION_FILE.read_text(encoding="utf-8")))


def test_the_stored_evaluation_is_of_the_pages_default_run():
    """A file left from an older default config would show numbers of a model the page no longer trains."""
    evaluation = stored()
    assert evaluation.config == AuthorshipSettings().config()
    assert evaluation.corpus == "federalist" and evaluation.folds >= 10
    ids = [i for record in evaluation.fold_records for i in record.test]
    assert len(ids) == len(set(ids)) == evaluation.documents  # every known paper tested once


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_section_shows_the_files_numbers_and_says_who_wins_by_what_it_shows(lang):
    at = start({"lang": lang})
    assert not at.exception
    evaluation = stored()
    shown = {m.label: m.value for m in at.metric}
    for model, name in NAMES[lang].items():
        assert shown[name] == f"{evaluation.models[model].balanced_accuracy:.0%}", model
    raw = evaluation.models["rnn"].uncalibrated_balanced_accuracy
    assert shown[RAW[lang]] == f"{raw:.0%}"
    # Who wins, from the percentages shown: the RNN against the better of the two baselines.
    percent = {m: int(shown[n].rstrip("%")) for m, n in NAMES[lang].items()}
    best = max(percent["ngram"], percent["function_words"])
    rivals = [m for m in ("ngram", "function_words") if percent[m] == best]  # a tie as shown: both named
    gap = percent["rnn"] - best
    text = " ".join(m.value for m in at.markdown)
    if lang == "en":
        winner = NAMES["en"]["rnn"] if gap > 0 else " / ".join(NAMES["en"][m] for m in rivals)
        expected = f"Winner: the {winner}," if gap else "A tie"
        assert expected in text, text
        if gap:
            assert f"{abs(gap)} points ahead" in text
        # The paired lead over the best baseline, recomputed from the file's predictions with sklearn.
        rival = max(("ngram", "function_words"), key=lambda m: evaluation.models[m].balanced_accuracy)
        ids = sorted(evaluation.truth)
        truth = [evaluation.truth[i] for i in ids]
        accuracy = {
            m: balanced_accuracy_score(truth, [evaluation.models[m].predictions[i] for i in ids])
            for m in ("rnn", rival)
        }
        number = r"(-?[\d.]+)"
        said = re.search(rf"lead over .*? is {number} points \(95 % interval {number} to {number}\)", text)
        assert said, text
        lead, low, high = map(float, said.groups())
        assert lead == round(100 * (accuracy["rnn"] - accuracy[rival]), 1)
        assert low <= lead <= high
        assert ("could be luck" in text) == (low <= 0 <= high)
    else:
        assert (f"领先 {abs(gap)} 个百分点" if gap else "平手") in text


def test_the_reach_sentence_counts_what_the_chart_shows():
    curves = {
        r: np.mean(c, axis=0) for r, c in json.loads(REACH_FILE.read_text(encoding="utf-8"))["curves"].items()
    }
    # characters at the end of the window whose gradient is within 2 decades of the last one's, by hand
    within = {}
    for readout, curve in curves.items():
        run = 0
        for value in curve[::-1]:
            if value < -2:
                break
            run += 1
        within[readout] = run
    at = start()
    text = " ".join(m.value for m in at.markdown)
    sentence = re.search(r"With the mean of all states, (\d+) of (\d+) characters.*?only, (\d+) do", text)
    assert sentence, text
    assert tuple(map(int, sentence.groups())) == (within["mean"], len(curves["mean"]), within["last"])
    assert within["mean"] >= within["last"] + 50  # the lesson, on the numbers drawn
    chart = next(c for c in at.get("plotly_chart") if "characters back" in c.proto.spec)
    assert chart is not None


def test_the_live_evaluation_of_a_small_corpus_runs_in_the_background_and_shows_its_numbers(monkeypatch):
    monkeypatch.setattr(evidence, "LIVE_FOLDS", 2)  # the page's 10 folds, as 2: the same code, a fifth of it
    at = start(TINY)
    at.button(key="authorship_eval_live").click().run()
    deadline = time.time() + 300
    while not any(m.value.startswith("**Live evaluation on Textbook split") for m in at.markdown):
        assert time.time() < deadline and not at.exception and not at.error, "the live evaluation did not end"
        time.sleep(1)
        at.run()
    job = jobs.find(
        live_key(AuthorshipSettings(corpus="textbook", window=20, H=4, steps=12, seed=7).config())
    )
    evaluation = job.result
    assert evaluation.corpus == "textbook" and len(evaluation.fold_records) == 2
    truth = {d.id: d.author for d in corpora.load("textbook").known}
    for model, score in evaluation.models.items():
        # balanced accuracy of the pooled predictions, by hand: the mean of the two authors' recalls
        recalls = [
            np.mean([score.predictions[i] == author for i, a in truth.items() if a == author])
            for author in ("A", "B")
        ]
        assert score.balanced_accuracy == pytest.approx(np.mean(recalls)), model
    shown = [m.value for m in at.metric if m.label == NAMES["en"]["rnn"]]
    assert shown[-1] == f"{evaluation.models['rnn'].balanced_accuracy:.0%}"  # the live one, below the stored


def test_a_broken_precomputed_file_is_a_message_and_the_page_goes_on(tmp_path, monkeypatch):
    broken = tmp_path / "broken.json"
    broken.write_text('{"curves": {"mean": [[0.0, "x"]]}, "models": 3}', encoding="utf-8")
    monkeypatch.setattr(precomputed, "REACH_FILE", broken)
    monkeypatch.setattr(evidence, "EVALUATION_FILE", tmp_path / "missing.json")
    precomputed.reach.clear()
    evidence.stored_evaluation.clear()
    try:
        at = start()
        assert not at.exception
        errors = [e.value for e in at.error]
        assert len(errors) == 2 and all(
            e.startswith("The pre-computed numbers could not be read") for e in errors
        )
        assert at.button(key="authorship_train")  # the rest of the page is there
    finally:
        precomputed.reach.clear()  # the next test reads the real files again
        evidence.stored_evaluation.clear()
