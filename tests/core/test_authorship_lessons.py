"""Each authorship preset's lesson, on the numbers the page shows, over seeds 0-2 with a margin.

The page trains AuthorshipConfig(**PRESETS[name], seed=s) on the Federalist papers (a preset sets
window, stride, readout, H and steps; the rest are the defaults) and shows: the held-out balanced
accuracy of the test papers, the held-out window accuracy, and the strip of log10 ||dE/dx_k|| for a
window of an unknown paper (core.authorship.gradient_flow, as the authorship view does).

Lessons (core.authorship.PRESETS and the page's text):
- works_best (L = 100, mean of all states): attributes the test papers (>= 80%) and beats both
  last-state presets, on documents and on windows;
- last_fails (L = 100, last state): the gradient of the first character is >= 4 decades below the
  last one's (it must cross 100 steps and vanishes), and its windows are at chance;
- chapter (L = 30, last state): the chapter's own setup; its windows are near chance too, and the
  mean readout beats it on windows on every seed.
Measured on a 2-core CPU (seeds 0, 1, 2): works_best held-out 0.90/0.95/1.00, windows 0.60;
last_fails 0.68/0.65/0.70, windows 0.50-0.51, gap 4.4-10 decades; chapter windows 0.49-0.52.
About 5 s per run once compiled.
"""

from __future__ import annotations

import functools
import json

import jax
import numpy as np
import pytest

from core.authorship import (
    PRESETS,
    READOUTS,
    AuthorshipConfig,
    TrainedModel,
    document_windows,
    fit,
    gradient_flow,
    init_model,
    predict,
    readout_weights,
)
from core.authorship import corpus as corpora
from core.authorship.model import logits_of_inputs, reach_length, readout_reach
from core.authorship.windows import Vocabulary

SEEDS = (0, 1, 2)
pytestmark = pytest.mark.float32  # the page trains in JAX's default float32


@functools.cache
def federalist() -> corpora.Corpus:
    return corpora.load("federalist")


@functools.cache
def trained(preset: str, seed: int) -> TrainedModel:
    *_, last = fit(AuthorshipConfig(**PRESETS[preset], seed=seed), federalist())
    return last.model


def heldout(preset: str, seed: int) -> float:
    return trained(preset, seed).metrics["heldout"]["balanced_accuracy"]


def windows(preset: str, seed: int) -> float:
    return trained(preset, seed).metrics["window_accuracy"]


def gradient_gap(preset: str, seed: int) -> float:
    """Median over 4 unknown papers of log10 ||dE/dx_L|| - log10 ||dE/dx_1|| in their first window
    (the strip the page draws first), the loss taken against the predicted author as on the page."""
    model = trained(preset, seed)
    gaps = []
    for doc in federalist().unknown[:4]:
        ids = document_windows(model.vocab, doc.text, model.config.window)[0]
        author = model.authors.index(predict(model, [doc])[0].predicted)
        flow = gradient_flow(model, ids, author)["log10_input_grad"]
        gaps.append(flow[-1] - flow[0])
    return float(np.median(gaps))


@pytest.mark.parametrize("seed", SEEDS)
def test_works_best_attributes_the_test_papers_and_beats_the_last_state(seed):
    assert heldout("works_best", seed) >= 0.8
    assert heldout("works_best", seed) >= heldout("last_fails", seed) + 0.15
    assert windows("works_best", seed) >= windows("last_fails", seed) + 0.05
    assert abs(gradient_gap("works_best", seed)) <= 2.5  # every character has a short path


@pytest.mark.parametrize("seed", SEEDS)
def test_last_fails_because_the_gradient_vanishes_across_the_window(seed):
    assert gradient_gap("last_fails", seed) >= 4.0  # decades between the last and the first character
    assert windows("last_fails", seed) <= 0.55  # two balanced authors: chance is 0.5


@pytest.mark.parametrize("seed", SEEDS)
def test_the_chapter_setup_is_near_chance_on_windows_and_the_mean_beats_it(seed):
    assert windows("chapter", seed) <= 0.56
    assert windows("works_best", seed) >= windows("chapter", seed) + 0.05
    assert gradient_gap("chapter", seed) >= 1.0  # 30 steps: it vanishes less, but it vanishes


def test_the_mean_readout_reaches_further_back_than_the_last_state():
    """The page's reach chart (visualizer/views/authorship/readout_reach.json): on every seed, the mean
    readout's first character gets at least the last one's gradient / 10 (here more: it feeds every
    state), the last state's first character >= 4 decades less; and the file is what these runs give.

    Measured (seeds 0-2): mean +1.24..+1.28 decades at the first character, 100 of 100 characters
    within 1 %; last -7.9..-9.0 decades, 23-27 characters within 1 %.
    """
    # The page's pre-computed numbers are checked against the core's runs here, where they are trained.
    from visualizer.views.authorship.precomputed import (
        REACH_FILE,
        REACH_SEEDS,
        parse_reach,
        reach_config,
        reach_of,
    )

    shown = parse_reach(json.loads(REACH_FILE.read_text(encoding="utf-8")))
    for i, seed in enumerate(REACH_SEEDS):
        mean = reach_of(trained("works_best", seed), federalist())
        last = reach_of(trained("last_fails", seed), federalist())
        assert reach_config("mean", seed) == trained("works_best", seed).config
        assert mean[0] >= -1.0 and last[0] <= -4.0, (seed, mean[0], last[0])
        assert reach_length(mean) >= reach_length(last) + 50, seed
        # float32 training on another CPU may differ in the last digits. The mean readout's curve
        # stays within half a decade; the last state's is a product over 100 steps, at 8 decades
        # down, and moves by up to 0.73 decades between CPUs (seen in CI), so it gets 1.5.
        for curve, file_curve, margin in ((mean, shown["mean"][i], 0.5), (last, shown["last"][i], 1.5)):
            assert np.max(np.abs(curve - file_curve)) <= margin, seed
        assert shown["mean"][i][0] - shown["last"][i][0] >= 4.0, seed


def test_readout_reach_is_the_mean_log10_input_gradient_relative_to_the_last_step():
    """readout_reach against central finite differences of the loss in each embedded character."""
    with jax.enable_x64(True):
        vocab = Vocabulary.from_texts(["abcde"])
        params = init_model(jax.random.PRNGKey(3), vocab.size, 3, 4, 2)
        params = jax.tree.map(lambda a: np.asarray(a, dtype=np.float64), params)
        for readout in READOUTS:
            config = AuthorshipConfig(window=6, stride=3, readout=readout, n_hidden=4, n_embed=3)
            model = TrainedModel(config, vocab, ("A", "B"), params, np.zeros(2))
            ids = np.array([[1, 2, 3, 4, 5, 1], [5, 5, 4, 2, 1, 3]], dtype=np.int32)
            authors = np.array([0, 1], dtype=np.int32)
            weights = readout_weights(readout, 6)
            logs = []
            for window, author in zip(ids, authors, strict=True):
                xs = np.asarray(params.embed)[window]
                steps = np.eye(xs.size).reshape(xs.size, *xs.shape) * 1e-6  # one input element each
                out = np.asarray(
                    jax.vmap(logits_of_inputs, in_axes=(None, 0, None))(
                        params, np.concatenate([xs + steps, xs - steps]), weights
                    )
                )
                losses = np.log(np.sum(np.exp(out), axis=1)) - out[:, author]  # cross-entropy, by hand
                grad = ((losses[: xs.size] - losses[xs.size :]) / 2e-6).reshape(xs.shape)
                norms = np.log10(np.linalg.norm(grad, axis=1))
                logs.append(norms - norms[-1])
            np.testing.assert_allclose(readout_reach(model, ids, authors), np.mean(logs, axis=0), atol=1e-5)
    assert reach_length(np.array([-3.0, -2.5, -1.0, 0.0])) == 2  # the last 2 are within 2 decades
    assert reach_length(np.array([-1.0, 0.0])) == 2
