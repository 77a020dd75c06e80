"""The held-out evaluation: folds by document, baselines, scores, the JSON file and the CLI's evaluate."""

import dataclasses
import json
from collections import Counter

import numpy as np
import pytest
from sklearn.metrics import balanced_accuracy_score, confusion_matrix, recall_score

from core.authorship import cli
from core.authorship import corpus as corpora
from core.authorship import evaluate as ev
from core.authorship.baselines import FUNCTION_WORDS, fit_predict, word_rates
from core.authorship.config import AuthorshipConfig
from core.authorship.corpus import Corpus, Document
from core.authorship.data import DocumentSplit, prepare
from core.authorship.folds import document_groups, make_folds

pytestmark = pytest.mark.float32  # nothing here compares floats from JAX to a tolerance


def two_author_corpus(n_docs: int = 8, n_words: int = 300, seed: int = 0) -> Corpus:
    """Author "U" writes "upon" a lot, with vowels; author "W" writes "whilst", with consonants."""
    rng = np.random.default_rng(seed)
    pools = {
        "U": ["upon", "upon", "the", "of", "to", "enough", "aeiou", "oui", "a", "eau"],
        "W": ["whilst", "whilst", "by", "on", "an", "also", "xkcd", "brr", "tsk", "pfft"],
    }
    known = tuple(
        Document(id=f"{a}{i}", author=a, text=" ".join(rng.choice(pools[a], n_words)), raw="")
        for a in pools
        for i in range(n_docs)
    )
    return Corpus("two_authors", ("U", "W"), known, ())


TINY_RNN = AuthorshipConfig(
    corpus="two_authors",
    window=12,
    stride=12,
    n_hidden=8,
    n_embed=4,
    batch=16,
    steps=40,
    learning_rate=1e-2,
    eval_every=40,
    validation_fraction=0.2,
)


def check_folds(corpus: Corpus, records) -> None:
    ids = [d.id for d in corpus.known]
    tested = [i for r in records for i in r.test]
    assert sorted(tested) == sorted(ids) and len(set(tested)) == len(ids)  # each document tested once
    for r in records:
        train, calibrate, test = set(r.train), set(r.calibrate), set(r.test)
        assert not train & calibrate and not train & test and not calibrate & test
        assert train | calibrate | test == set(ids)  # nothing dropped
        author = {d.id: d.author for d in corpus.known}
        assert {author[i] for i in r.train} == set(corpus.authors)  # every author has training documents


@pytest.mark.parametrize(("name", "folds"), [("federalist", 10), ("textbook", 0), ("bronte", 10)])
def test_folds_split_whole_documents_and_test_each_exactly_once(name, folds):
    loaded = corpora.load(name)
    records = make_folds(loaded, folds, seed=3, calibration_fraction=0.15)
    check_folds(loaded, records)
    counts = loaded.counts()
    if folds == 0:
        assert len(records) == len(loaded.known) and all(len(r.test) == 1 for r in records)
    else:
        assert len(records) == folds
    for r in records:
        cal = Counter(d.author for d in loaded.known if d.id in r.calibrate)
        assert set(cal) == set(loaded.authors)  # every author calibrated, from non-test documents
        if name == "federalist":  # stratified: Madison's 14 papers spread over the 10 folds
            madison = sum(d.author == "Madison" for d in loaded.known if d.id in r.test)
            assert madison in (1, 2) and counts["Madison"] == 14


def test_bronte_folds_never_split_a_novel_of_an_author_with_two():
    loaded = corpora.load("bronte")
    groups = dict(zip((d.id for d in loaded.known), document_groups(loaded), strict=True))
    anne = {corpora.novel(d.id) for d in loaded.known if d.author == "Anne Brontë"}
    assert anne == {"Agnes_Grey", "Tenant_of_Wildfell_Hall"}
    for folds in (0, 5):
        records = make_folds(loaded, folds, seed=0, calibration_fraction=0.15)
        check_folds(loaded, records)
        for r in records:
            tested_novels = {corpora.novel(i) for i in r.test if groups[i] in anne}
            seen_novels = {corpora.novel(i) for i in r.train + r.calibrate}
            assert not tested_novels & seen_novels


def test_bad_fold_counts_say_what_is_allowed():
    with pytest.raises(ValueError, match="folds must be 0"):
        make_folds(two_author_corpus(), 1, seed=0, calibration_fraction=0.2)
    with pytest.raises(ValueError, match="between 2 and 16"):
        make_folds(two_author_corpus(), 17, seed=0, calibration_fraction=0.2)


def test_an_explicit_split_is_used_as_given_and_checked():
    loaded = two_author_corpus()
    split = DocumentSplit(train=("U0", "U1", "W0", "W1"), validation=("U2", "W2"), test=("U3", "W7"))
    data = prepare(TINY_RNN, loaded, split)
    assert [d.id for d in data.validation] == ["U2", "W2"] and [d.id for d in data.test] == ["U3", "W7"]
    by_id = {d.id: d for d in loaded.known}
    assert len(data.test_windows[0]) == sum(len(by_id[i].text) // TINY_RNN.window for i in split.test)
    with pytest.raises(ValueError, match="named twice"):
        prepare(TINY_RNN, loaded, DocumentSplit(("U0", "W0"), ("U0",), ()))
    with pytest.raises(ValueError, match="not a known document"):
        prepare(TINY_RNN, loaded, DocumentSplit(("U0", "W0", "nope"), (), ()))
    with pytest.raises(ValueError, match="split='document'"):
        prepare(dataclasses.replace(TINY_RNN, split="random_window"), loaded, split)


def test_word_rates_are_counts_per_thousand_words():
    rates = word_rates(["Upon the hill, upon a time; whilst by", "nothing"], ("upon", "whilst", "by", "to"))
    assert rates.tolist() == [[2000 / 8, 1000 / 8, 1000 / 8, 0.0], [0.0, 0.0, 0.0, 0.0]]
    assert len(set(FUNCTION_WORDS)) == len(FUNCTION_WORDS)


def test_both_baselines_are_perfect_on_two_clearly_different_authors():
    loaded = two_author_corpus()
    result = ev.evaluate(loaded, TINY_RNN, folds=4, seed=1, models=("ngram", "function_words"))
    assert set(result.models) == {"ngram", "function_words"}
    for s in result.models.values():
        assert s.balanced_accuracy == 1.0 and s.ci == (1.0, 1.0)
        assert s.recall == {"U": 1.0, "W": 1.0} and s.confusion == ((8, 0), (0, 8))
        assert s.uncalibrated_balanced_accuracy is None
    check_folds(loaded, result.fold_records)
    assert fit_predict("ngram", loaded.known[:3] + loaded.known[8:11], loaded.known[5:6]) == ["U"]


def test_scores_match_sklearn_and_the_interval_matches_the_binomial_error():
    rng = np.random.default_rng(0)
    authors = ("a", "b", "c")
    truth = {f"d{i}": authors[i % 3] for i in range(90)}
    predicted = {i: (t if rng.random() < 0.7 else authors[rng.integers(3)]) for i, t in truth.items()}
    s = ev.score(truth, predicted, authors, seed=0, resamples=4000)
    ids = sorted(truth)
    y, p = [truth[i] for i in ids], [predicted[i] for i in ids]
    assert s.balanced_accuracy == pytest.approx(balanced_accuracy_score(y, p))
    assert list(s.recall.values()) == pytest.approx(recall_score(y, p, labels=authors, average=None))
    assert np.array_equal(s.confusion, confusion_matrix(y, p, labels=authors))
    # The stratified bootstrap of a mean of K recalls has the binomial standard error
    # sqrt(sum_c r_c (1 - r_c) / n_c) / K; a 95 % interval spans about 2 * 1.96 of it.
    r = np.array(list(s.recall.values()))
    se = np.sqrt(np.sum(r * (1 - r) / 30)) / 3
    assert s.ci[1] - s.ci[0] == pytest.approx(2 * 1.96 * se, rel=0.1)
    assert s.ci[0] < s.balanced_accuracy < s.ci[1]


def test_a_paired_difference_resamples_both_models_on_the_same_documents():
    authors = ("a", "b")
    truth = {f"{a}{i}": a for a in authors for i in range(10)}
    first = dict(truth)
    second = {**truth, "a3": "b"}  # wrong on one of author a's ten documents, right elsewhere
    # Balanced accuracy differs by (1/2)(1/10) times the times a3 is drawn among a's ten: Binomial(10, 0.1),
    # whose 2.5 % and 97.5 % quantiles are 0 and 3 (P(0) = 0.35, P(<= 2) = 0.93, P(<= 3) = 0.987).
    point, (low, high) = ev.paired(truth, first, second, authors, resamples=4000)
    assert point == pytest.approx(0.05) and (low, high) == pytest.approx((0.0, 0.15))
    evaluation = ev.Evaluation(
        "t", 2, 20, authors, {m: ev.score(truth, p, authors) for m, p in (("rnn", first), ("ngram", second))},
        (), 0.0, truth=truth,
    )  # fmt: skip
    assert ev.compare(evaluation, "rnn", "ngram")[0] == pytest.approx(0.05)
    with pytest.raises(ValueError, match="does not record"):
        ev.compare(evaluation._replace(truth=None), "rnn", "ngram")


def test_the_rnn_is_fitted_calibrated_and_tested_on_its_folds_documents_only(monkeypatch):
    loaded = two_author_corpus(n_docs=6, n_words=120)
    seen = []
    real_fit = ev.fit

    def spy(config, corpus, *, should_stop=None, split=None):
        for progress in real_fit(config, corpus, should_stop=should_stop, split=split):
            if progress.model is not None:
                seen.append((split, progress.model))
            yield progress

    monkeypatch.setattr(ev, "fit", spy)
    reports = []
    result = ev.evaluate(loaded, TINY_RNN, folds=3, seed=0, models=("rnn", "ngram"), progress=reports.append)
    assert len(seen) == 3 and [r.step for r in reports if r.model == "rnn"][-1] == TINY_RNN.steps
    for record, (split, model) in zip(result.fold_records, seen, strict=True):
        assert split == DocumentSplit(record.train, record.calibrate, record.test)
        assert model.metrics["validation"]["documents"] == list(record.calibrate)
        assert {d["id"] for d in model.metrics["heldout"]["documents"]} == set(record.test)
        assert not set(record.test) & set(record.train + record.calibrate)
    rnn = result.models["rnn"]
    assert set(rnn.predictions) == {d.id for d in loaded.known}
    assert 0.0 <= rnn.uncalibrated_balanced_accuracy <= 1.0 and rnn.ci[0] <= rnn.ci[1]
    assert set(result.timings) == {"rnn", "ngram"} and result.config.split == "document"
    assert result.truth == {d.id: d.author for d in loaded.known}
    again = ev.from_json(json.loads(json.dumps(ev.to_json(result))))
    assert again == result


def test_a_stop_request_ends_the_evaluation():
    with pytest.raises(ev.EvaluationStoppedError):
        ev.evaluate(two_author_corpus(), TINY_RNN, folds=2, models=("ngram",), should_stop=lambda: True)
    with pytest.raises(ValueError, match="models must be"):
        ev.evaluate(two_author_corpus(), TINY_RNN, models=("lstm",))


def test_a_malformed_evaluation_file_raises_value_error():
    result = ev.evaluate(two_author_corpus(), TINY_RNN, folds=2, models=("function_words",))
    good = json.loads(json.dumps(ev.to_json(result)))
    assert ev.from_json(good) == result
    broken = [
        [],
        {**good, "models": {"svm": good["models"]["function_words"]}},
        {**good, "authors": ["U"]},
        {k: v for k, v in good.items() if k != "fold_records"},
        {**good, "config": {"window": -3}},
    ]
    for data in broken:
        with pytest.raises(ValueError, match="not an authorship evaluation"):
            ev.from_json(data)


def test_cli_evaluate_end_to_end(tmp_path, capsys):
    out = tmp_path / "eval.json"
    small = ["--steps", "3", "--window", "40", "--stride", "400", "--n-hidden", "8", "--n-embed", "4"]
    args = ["evaluate", "--corpus", "textbook", "--folds", "2", "--seed", "0", "--json", "--out", str(out)]
    assert cli.main([*args, *small]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(out.read_text(encoding="utf-8"))
    assert (printed["corpus"], printed["folds"], printed["documents"]) == ("textbook", 2, 32)
    assert set(printed["models"]) == {"rnn", "ngram", "function_words"}
    for name, model in printed["models"].items():
        assert 0.0 <= model["balanced_accuracy"] <= 1.0 and len(model["ci"]) == 2
        assert set(model["recall"]) == {"A", "B"} and len(model["predictions"]) == 32
        assert ("uncalibrated_balanced_accuracy" in model) == (name == "rnn")
    assert ev.from_json(printed).models["rnn"].uncalibrated_balanced_accuracy is not None
    assert cli.main(["evaluate", "--corpus", "textbook", "--models", "ngram", "--folds", "1"]) == 2
    assert "folds must be 0" in capsys.readouterr().err
