"""The authorship model: learning, decisions, calibration, persistence and the command line."""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import jax
import numpy as np
import pytest

from core.authorship import (
    AuthorshipConfig,
    calibrate,
    decide,
    document_windows,
    fit,
    gradient_flow,
    init_model,
    logits,
    predict,
    readout_weights,
    window_log_probs,
)
from core.authorship import io as authorship_io
from core.authorship.corpus import Corpus, Document
from core.authorship.data import batches
from core.rnn import forward

ROOT = Path(__file__).resolve().parents[2]


def synthetic_corpus(n_docs: int = 6, n_chars: int = 300, seed: int = 0) -> Corpus:
    """Author "abc" writes only from "abc ", author "xyz" only from "xyz "."""
    rng = np.random.default_rng(seed)

    def text(alphabet: str) -> str:
        return "".join(rng.choice(list(alphabet), n_chars))

    known = tuple(
        Document(id=f"{a}{i}", author=a, text=text(f"{a} "), raw="")
        for a in ("abc", "xyz")
        for i in range(n_docs)
    )
    unknown = (
        Document(id="u1", author=None, text=text("xyz "), raw="", true_author="xyz"),
        Document(id="u2", author=None, text=text("abc "), raw="", true_author="abc"),
    )
    return Corpus("synthetic", ("abc", "xyz"), known, unknown)


TINY = AuthorshipConfig(
    corpus="synthetic",
    window=12,
    stride=6,
    readout="mean",
    n_hidden=8,
    n_embed=4,
    batch=16,
    steps=200,
    learning_rate=1e-2,
    eval_every=50,
    validation_fraction=0.2,
    test_fraction=0.34,
)


def train_tiny(config: AuthorshipConfig = TINY, corpus: Corpus | None = None):
    reports = list(fit(config, corpus or synthetic_corpus()))
    return reports, reports[-1].model


@pytest.fixture(scope="module")
def tiny():
    with jax.enable_x64(False):
        return train_tiny()


@pytest.mark.float32
def test_two_alphabets_are_learned_perfectly_and_deterministically(tiny):
    reports, model = tiny
    assert len(reports) == TINY.steps and reports[-1].model is model
    assert model.metrics["heldout"]["balanced_accuracy"] == 1.0
    assert len(model.metrics["heldout"]["documents"]) == 4  # two per author, used for nothing else
    assert reports[-1].loss < 0.1 * reports[0].loss
    again, model_again = train_tiny()
    assert [r.loss for r in again] == [r.loss for r in reports]
    assert all(
        np.array_equal(a, b)
        for a, b in zip(jax.tree.leaves(model.params), jax.tree.leaves(model_again.params), strict=True)
    )
    rows = predict(model, synthetic_corpus().unknown)
    assert [r.predicted for r in rows] == ["xyz", "abc"]
    assert all(r.window_vote == 1.0 and r.confidence > 0.9 for r in rows)


@pytest.mark.float32
def test_validation_test_and_training_documents_are_disjoint(tiny):
    _, model = tiny
    test_ids = {d["id"] for d in model.metrics["heldout"]["documents"]}
    validation_ids = set(model.metrics["validation"]["documents"])
    assert test_ids and validation_ids and not test_ids & validation_ids


def test_readout_weights_pick_the_last_state_or_the_mean():
    params = init_model(jax.random.PRNGKey(1), 5, 3, 4, 2)
    ids = np.array([1, 4, 2, 0, 3])
    states, _ = forward(params.rnn, params.embed[ids])
    for readout, pooled in (("last", states[-1]), ("mean", states.mean(axis=0))):
        expected = params.rnn.Wy @ pooled + params.rnn.by
        got = logits(params, ids, readout_weights(readout, 5))
        np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_chunked_log_probs_match_one_window_at_a_time():
    params = init_model(jax.random.PRNGKey(2), 6, 3, 4, 3)
    ids = np.random.default_rng(0).integers(0, 6, (300, 7)).astype(np.int32)  # more than one chunk
    got = window_log_probs(params, ids, "mean")
    weights = readout_weights("mean", 7)
    for i in (0, 255, 256, 299):
        expected = jax.nn.log_softmax(logits(params, ids[i], weights))
        np.testing.assert_allclose(got[i], expected, rtol=1e-10)


def test_balanced_sampling_and_weights():
    labels = np.array([0] * 90 + [1] * 10, dtype=np.int32)
    ids = np.arange(100, dtype=np.int32)[:, None].repeat(12, axis=1)
    sampled = next(batches(ids, labels, 2, dataclasses.replace(TINY, batch=16)))
    assert np.sum(sampled["labels"] == 1) == 8 and np.all(sampled["weights"] == 1)
    assert np.array_equal(labels[sampled["ids"][:, 0]], sampled["labels"])  # windows carry their labels
    weighted = next(batches(ids, labels, 2, dataclasses.replace(TINY, balance="weights", batch=64)))
    # n / (K n_c): 100 / (2·90) for the big class, 100 / (2·10) for the small one.
    expected = np.where(weighted["labels"] == 0, 100 / 180, 100 / 20)
    np.testing.assert_allclose(weighted["weights"], expected, rtol=1e-6)


def test_calibration_puts_the_threshold_halfway_between_the_authors():
    # Two authors' mean log-probs; author 1 is under-scored by a constant bias, as with class imbalance.
    scores = np.array([[-0.1, -2.0], [-0.2, -1.8], [-0.6, -0.9], [-0.5, -1.1], [-0.55, -0.95]])
    labels = np.array([0, 0, 1, 1, 1])
    offsets = calibrate(scores, labels, 2)
    diff = scores[:, 1] - scores[:, 0]
    midpoint = (diff[labels == 0].mean() + diff[labels == 1].mean()) / 2
    assert offsets[0] - offsets[1] == pytest.approx(midpoint)
    raw = [decide(s[None, :], np.zeros(2))[0] for s in scores]
    calibrated = [decide(s[None, :], offsets)[0] for s in scores]
    assert raw == [0, 0, 0, 0, 0] and calibrated == [0, 0, 1, 1, 1]


def test_decision_uses_the_mean_log_probability_and_reports_the_vote():
    windows = np.log(np.array([[0.9, 0.1], [0.4, 0.6], [0.45, 0.55]]))
    winner, probabilities, vote = decide(windows, np.zeros(2))
    mean = windows.mean(axis=0)
    assert winner == int(np.argmax(mean)) == 0  # one confident window outweighs two unsure ones
    np.testing.assert_allclose(probabilities, np.exp(mean) / np.exp(mean).sum())
    assert vote == pytest.approx(1 / 3)


def test_document_windows_cover_the_text_and_pad_short_ones():
    from core.authorship.windows import Vocabulary

    vocab = Vocabulary.from_texts(["ab "])
    assert document_windows(vocab, "abababab", 3).shape == (2, 3)
    short = document_windows(vocab, "ab", 4)
    assert vocab.decode(short[0]) == "  ab"


@pytest.mark.float32
def test_gradient_flow_matches_autodiff_of_the_window_loss(tiny):
    _, model = tiny
    ids = document_windows(model.vocab, synthetic_corpus().unknown[0].text, model.config.window)[0]
    flow = gradient_flow(model, ids, 1)
    weights = readout_weights("mean", len(ids))

    def loss(embed):
        params = model.params._replace(embed=embed)
        return -jax.nn.log_softmax(logits(params, ids, weights))[1]

    grad_embed = np.asarray(jax.grad(loss)(np.asarray(model.params.embed)))
    # Each character id appears at several steps; sum ||dE/dx_k|| per id is at least ||dE/d embed[id]||.
    per_step = 10 ** flow["log10_input_grad"]
    for char_id in np.unique(ids):
        assert per_step[ids == char_id].sum() >= np.linalg.norm(grad_embed[char_id]) * (1 - 1e-5)
    assert flow["log10_contrib_Ws"].shape == (len(ids), len(ids))


@pytest.mark.float32
def test_save_load_round_trip_gives_identical_predictions(tiny, tmp_path):
    _, model = tiny
    path = authorship_io.save(model, tmp_path / "m.npz")
    loaded = authorship_io.load(path)
    docs = synthetic_corpus().unknown
    assert predict(loaded, docs) == predict(model, docs)
    assert loaded.config == model.config and loaded.vocab == model.vocab
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["m.json", "m.npz"]  # no temporary files left
    listed = authorship_io.list_models(tmp_path)
    assert listed[0]["corpus"] == "synthetic" and listed[0]["balanced_accuracy"] == 1.0


@pytest.mark.float32
def test_truncated_and_mismatched_model_files_say_what_is_wrong(tiny, tmp_path):
    _, model = tiny
    path = authorship_io.save(model, tmp_path / "m.npz")
    data = path.read_bytes()
    (tmp_path / "cut.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(authorship_io.ModelFileError, match="corrupt or truncated") as info:
        authorship_io.load(tmp_path / "cut.npz")
    assert (info.value.key, info.value.values) == ("corrupt", {"name": "cut.npz"})
    other = dataclasses.replace(model, vocab=type(model.vocab)(model.vocab.chars + "q"))
    authorship_io.save(other, tmp_path / "other.npz")
    with pytest.raises(authorship_io.ModelFileError, match="another vocabulary") as info:
        authorship_io.load(tmp_path / "other.npz")
    vocab_ids = len(model.vocab.chars) + 1
    assert info.value.key == "vocabulary" and info.value.values["ids"] == vocab_ids + 1
    assert info.value.values["rows"] == vocab_ids
    np.savez(tmp_path / "plain.npz", x=np.zeros(3))
    with pytest.raises(authorship_io.ModelFileError, match="lacks"):
        authorship_io.load(tmp_path / "plain.npz")
    with pytest.raises(authorship_io.ModelFileError, match="no model file"):
        authorship_io.load(tmp_path / "missing.npz")


@pytest.mark.float32
def test_a_failed_save_leaves_the_old_model_in_place(tiny, tmp_path, monkeypatch):
    _, model = tiny
    path = authorship_io.save(model, tmp_path / "m.npz")
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", broken)
    with pytest.raises(OSError, match="disk full"):
        authorship_io.save(model, path)
    assert (
        path.read_bytes() == before and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    )


def test_cli_trains_saves_and_predicts_end_to_end(tmp_path):
    out = tmp_path / "textbook.npz"
    small = ["--steps", "20", "--window", "20", "--stride", "40", "--n-hidden", "8", "--n-embed", "4"]
    command = [sys.executable, "-m", "core.authorship"]
    trained = subprocess.run(
        [*command, "train", "--corpus", "textbook", "--seed", "0", "--out", str(out), *small],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert trained.returncode == 0, trained.stderr
    assert out.exists() and out.with_suffix(".json").exists()
    predicted = subprocess.run(
        [*command, "predict", "--model", str(out), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert predicted.returncode == 0, predicted.stderr
    result = json.loads(predicted.stdout)
    ids = [d["id"] for d in result["documents"]]
    assert ids == ["federalist_43", "federalist_38", "federalist_60", "federalist_17", "federalist_30"]
    for doc in result["documents"]:
        assert set(doc) == {"id", "true_author", "predicted", "probabilities", "window_vote"}
        assert sum(doc["probabilities"].values()) == pytest.approx(1.0)
        assert doc["predicted"] in ("A", "B") and 0.0 <= doc["window_vote"] <= 1.0
    assert 0.0 <= result["heldout"]["balanced_accuracy"] <= 1.0 and result["heldout"]["documents"]
    bad = subprocess.run(
        [*command, "predict", "--model", str(tmp_path / "nope.npz")], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "no model file" in bad.stderr
