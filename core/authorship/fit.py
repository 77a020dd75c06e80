"""The training loop of an authorship run: `fit` yields Progress per step, the last with the TrainedModel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

import jax
import numpy as np

from core.authorship.config import AuthorshipConfig
from core.authorship.corpus import Corpus
from core.authorship.data import DocumentSplit, prepare
from core.authorship.model import AuthorshipParams, TrainedModel, init_model, window_log_probs, window_loss
from core.authorship.windows import balanced_accuracy
from core.training.train import train


class Progress(NamedTuple):
    """What `fit` yields after each step; the last one carries the trained model."""

    step: int
    steps: int
    loss: float
    heldout: float  # balanced accuracy of held-out windows every eval_every steps, else nan
    finite: bool
    model: TrainedModel | None = None  # set on the final report only


def fit(
    config: AuthorshipConfig,
    corpus: Corpus,
    *,
    should_stop: Callable[[], bool] | None = None,
    split: DocumentSplit | None = None,
) -> Iterator[Progress]:
    """Train on corpus as config says, yielding Progress per step; the last carries the model.

    should_stop() is polled between steps (a page's stop button); the model is then
    the one reached so far, with metrics["stopped_at"] set. `split` names the train,
    validation and test documents instead of drawing them (see data.prepare).
    """
    data = prepare(config, corpus, split)
    key = jax.random.PRNGKey(config.seed)
    params = init_model(key, data.vocab.size, config.n_embed, config.n_hidden, len(corpus.authors))
    live_ids, live_labels = data.live_windows

    def live_accuracy(p: AuthorshipParams) -> float:
        predicted = np.argmax(window_log_probs(p, live_ids, config.readout), axis=1)
        return balanced_accuracy(live_labels, predicted, len(corpus.authors))

    history: dict[str, list[float]] = {"loss": [], "heldout": []}
    report, stopped = None, False
    for report in train(window_loss, params, data.batches, config.train_config(), evaluate=live_accuracy):
        history["loss"].append(report.loss)
        history["heldout"].append(report.heldout)
        stopped = should_stop is not None and should_stop()
        last = report.step == config.steps or not report.finite or stopped
        if not last:
            yield Progress(report.step, config.steps, report.loss, report.heldout, report.finite)
            continue
        final = jax.tree.map(np.asarray, report.params)
        model = data.finish(final, history, stopped_at=report.step if stopped else None)
        model.metrics["finite"] = report.finite
        yield Progress(report.step, config.steps, report.loss, report.heldout, report.finite, model)
        return
