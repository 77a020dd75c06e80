"""Authorship attribution with a character-level SimpleRNN: the chapter's activity 6 (figure 5.35).

    ids (L,) -> embedding (L, D) -> core.rnn SimpleRNN -> states (L, H)
             -> readout: last state s_L, or the mean over all states -> dense -> softmax over authors

Documents are split whole into train / validation / test. Training windows are
drawn with every author equally often (or weighted), and `core.training.train` runs one
jitted step on a vmapped batch. A document's score for author c is the mean of
log p(c | window) over its windows; per-author offsets chosen on the
validation documents only (see `calibrate`) turn scores into a decision, and
the test documents, used for nothing else, give the reported accuracy.

This module holds the model and its scoring; core.authorship.data the split and batches,
core.authorship.fit the training loop, core.authorship.io the files.
Command line: `python -m core.authorship train|predict ...` (see core.authorship.cli).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from core import checks
from core.authorship.config import READOUTS, AuthorshipConfig
from core.authorship.corpus import Document
from core.authorship.windows import Vocabulary, balanced_accuracy, windows
from core.bptt import bptt
from core.rnn import RNNParams, forward, init_params

EVAL_CHUNK = 256  # windows per evaluation call; the last chunk is padded, so one compile per length


class AuthorshipParams(NamedTuple):
    """The model's weights (a pytree): embedding plus core.rnn's SimpleRNN and dense readout."""

    embed: Any  # (V, D) one row per character id, row 0 the unknown character
    rnn: RNNParams  # Wx (H, D), Ws (H, H), b (H,), Wy (K, H), by (K,) with K authors


def init_model(
    key: jax.Array, vocab_size: int, n_embed: int, n_hidden: int, n_authors: int
) -> AuthorshipParams:
    """Random weights: N(0, 1) embeddings, Keras's SimpleRNN + Dense initialisers."""
    k_embed, k_rnn = jax.random.split(key)
    return AuthorshipParams(
        embed=jax.random.normal(k_embed, (vocab_size, n_embed)),
        rnn=init_params(k_rnn, n_embed, n_hidden, n_authors),
    )


def readout_weights(readout: str, length: int) -> np.ndarray:
    """Weights (L,) that pool the states: one-hot on the last step, or 1/L everywhere.

    The readout is data, not a static switch, so "last" and "mean" share one compiled step.
    """
    checks.check_choice("readout", readout, READOUTS)
    if readout == "mean":
        return np.full(length, 1.0 / length)  # float64; JAX narrows it unless x64 is on
    weights = np.zeros(length)
    weights[-1] = 1.0
    return weights


def logits_of_inputs(params: AuthorshipParams, xs: jax.Array, readout: jax.Array) -> jax.Array:
    """Author logits (K,) of one embedded window xs (L, D), states pooled by readout (L,)."""
    states, _ = forward(params.rnn, xs)
    return params.rnn.Wy @ (readout @ states) + params.rnn.by


def logits(params: AuthorshipParams, ids: jax.Array, readout: jax.Array) -> jax.Array:
    """Author logits (K,) of one window of character ids (L,)."""
    return logits_of_inputs(params, params.embed[ids], readout)


def window_loss(params: AuthorshipParams, batch: dict[str, jax.Array]) -> jax.Array:
    """Weighted mean cross-entropy of a batch: ids (B, L), labels (B,), weights (B,), readout (L,)."""
    out = jax.vmap(logits, in_axes=(None, 0, None))(params, batch["ids"], batch["readout"])
    log_p = jax.nn.log_softmax(out)
    nll = -jnp.take_along_axis(log_p, batch["labels"][:, None], axis=1)[:, 0]
    return jnp.sum(batch["weights"] * nll) / jnp.sum(batch["weights"])


@jax.jit
def _log_probs_chunk(params: AuthorshipParams, ids: jax.Array, readout: jax.Array) -> jax.Array:
    return jax.nn.log_softmax(jax.vmap(logits, in_axes=(None, 0, None))(params, ids, readout))


def window_log_probs(params: AuthorshipParams, ids: np.ndarray, readout: str) -> np.ndarray:
    """log p(author | window) (N, K) for windows ids (N, L), in padded chunks of EVAL_CHUNK."""
    n, length = ids.shape
    weights = readout_weights(readout, length)
    n_out = np.shape(params.rnn.by)[0]
    out = np.zeros((n, n_out))
    for start in range(0, n, EVAL_CHUNK):
        chunk = ids[start : start + EVAL_CHUNK]
        padded = np.zeros((EVAL_CHUNK, length), dtype=np.int32)
        padded[: len(chunk)] = chunk
        out[start : start + len(chunk)] = np.asarray(_log_probs_chunk(params, padded, weights))[: len(chunk)]
    return out


def document_windows(vocab: Vocabulary, text: str, length: int) -> np.ndarray:
    """Non-overlapping windows (N, L) covering a document; a text shorter than L is padded in front."""
    ids = vocab.encode(text)
    if len(ids) < length:
        pad = vocab.encode(" ") if " " in vocab.chars else np.zeros(1, dtype=np.int32)
        ids = np.concatenate([np.full(length - len(ids), pad[0], dtype=np.int32), ids])
    return windows(ids, length, length)


@dataclass
class TrainedModel:
    """A trained attribution model: everything `predict` and `core.authorship.io.save` need."""

    config: AuthorshipConfig
    vocab: Vocabulary
    authors: tuple[str, ...]  # class id i is authors[i]
    params: AuthorshipParams  # NumPy arrays
    offsets: np.ndarray  # (K,) added to the mean log-probabilities; chosen on validation documents
    metrics: dict[str, Any] = field(default_factory=dict)  # JSON-able: held-out accuracy and its documents


class DocumentPrediction(NamedTuple):
    """One row of figure 5.35."""

    id: str
    true_author: str | None  # known for held-out and manifest-labelled documents, else None
    reference: str | None  # a published attribution (Mosteller & Wallace), else None
    predicted: str
    probabilities: dict[str, float]  # softmax of the calibrated mean log-probabilities
    window_vote: float  # fraction of windows whose own calibrated decision is `predicted`
    confidence: float  # the largest probability
    n_windows: int


Documents = list[Document] | tuple[Document, ...]


def document_scores(model: TrainedModel, documents: Documents) -> list[np.ndarray]:
    """Per document, the window log-probabilities (N_d, K), scored in one pass over all windows."""
    cut = [document_windows(model.vocab, d.text, model.config.window) for d in documents]
    if not cut:
        return []
    scores = window_log_probs(model.params, np.concatenate(cut), model.config.readout)
    bounds = np.cumsum([0] + [len(c) for c in cut])
    return [scores[a:b] for a, b in itertools.pairwise(bounds)]


def calibrate(mean_scores: np.ndarray, labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Offsets (K,) that centre each author's score, weighting every true author equally.

    mean_scores (n, K) are the validation documents' mean log-probabilities. With two
    authors this puts the threshold on the score difference halfway between the two
    authors' average differences, whatever the class imbalance.
    """
    class_means = [mean_scores[labels == c].mean(axis=0) for c in range(n_classes) if np.any(labels == c)]
    return -np.mean(class_means, axis=0) if class_means else np.zeros(n_classes)


def decide(window_scores: np.ndarray, offsets: np.ndarray) -> tuple[int, np.ndarray, float]:
    """(class id, probabilities (K,), window vote) of one document's window log-probs (N, K)."""
    calibrated = window_scores.mean(axis=0) + offsets
    probabilities = np.exp(calibrated - calibrated.max())
    probabilities /= probabilities.sum()
    winner = int(np.argmax(calibrated))
    vote = float(np.mean(np.argmax(window_scores + offsets, axis=1) == winner))
    return winner, probabilities, vote


def predict(model: TrainedModel, documents: Documents) -> list[DocumentPrediction]:
    """Figure 5.35's table: an author, probabilities and the window vote for each document."""
    rows = []
    for doc, scores in zip(documents, document_scores(model, documents), strict=True):
        winner, probabilities, vote = decide(scores, model.offsets)
        rows.append(
            DocumentPrediction(
                id=doc.id,
                true_author=doc.author or doc.true_author,
                reference=doc.reference,
                predicted=model.authors[winner],
                probabilities={a: float(p) for a, p in zip(model.authors, probabilities, strict=True)},
                window_vote=vote,
                confidence=float(probabilities.max()),
                n_windows=len(scores),
            )
        )
    return rows


def gradient_flow(model: TrainedModel, ids: np.ndarray, author: int) -> dict[str, np.ndarray]:
    """How far back the gradient of one window's loss reaches, for the model as trained.

    ids (L,) one window, author the class id its loss is taken against. Returns
    "log10_input_grad" (L,) = log10 ||dE/dx_k|| for the embedded character x_k, exact for
    either readout; and the bptt maps "log10_contrib_Wx", "log10_contrib_Ws" (L, L). The maps
    use a loss on the last step for the last-state readout (the model exactly); for the mean
    readout every state feeds the output, shown as a loss on every step (many-to-many).
    """
    params = jax.tree.map(jnp.asarray, model.params)
    xs = params.embed[jnp.asarray(ids)]
    readout = jnp.asarray(readout_weights(model.config.readout, len(ids)))

    def loss_of_inputs(x: jax.Array) -> jax.Array:
        return -jax.nn.log_softmax(logits_of_inputs(params, x, readout))[author]

    grad = np.asarray(jax.grad(loss_of_inputs)(xs))
    with np.errstate(divide="ignore"):
        log10_input = np.log10(np.linalg.norm(grad, axis=1))
    steps = "last" if model.config.readout == "last" else "all"
    maps = bptt(params.rnn, xs, np.full(len(ids), author), loss="softmax_ce", loss_steps=steps)
    return {
        "log10_input_grad": log10_input,
        "log10_contrib_Wx": np.asarray(maps.log10_contrib_Wx),
        "log10_contrib_Ws": np.asarray(maps.log10_contrib_Ws),
    }


@jax.jit
def _input_grad_norms(params: AuthorshipParams, ids: jax.Array, authors: jax.Array, readout: jax.Array):
    def one(window: jax.Array, author: jax.Array) -> jax.Array:
        def loss(x: jax.Array) -> jax.Array:
            return -jax.nn.log_softmax(logits_of_inputs(params, x, readout))[author]

        return jnp.linalg.norm(jax.grad(loss)(params.embed[window]), axis=1)

    return jax.vmap(one)(ids, authors)


def readout_reach(model: TrainedModel, ids: np.ndarray, authors: np.ndarray) -> np.ndarray:
    """How far back the gradient reaches: mean over windows of log10 ||dE/dx_k|| - log10 ||dE/dx_L||.

    ids (N, L) windows, authors (N,) the class each window's loss is taken against. Returns (L,):
    0 at the last character, -2 where the gradient is 1 % of the last character's. Windows whose
    gradient underflows to 0 somewhere count with the smallest finite log10 norm there (a floor, so
    the mean stays finite and errs towards reaching further back).
    """
    readout = jnp.asarray(readout_weights(model.config.readout, ids.shape[1]))
    params = jax.tree.map(jnp.asarray, model.params)
    norms = np.asarray(_input_grad_norms(params, jnp.asarray(ids), jnp.asarray(authors), readout), float)
    with np.errstate(divide="ignore"):
        logs = np.log10(norms)
    finite = logs[np.isfinite(logs)]
    logs = np.where(np.isfinite(logs), logs, finite.min() if finite.size else 0.0)
    return np.mean(logs - logs[:, -1:], axis=0)


def labelled_windows(
    model: TrainedModel, documents: Documents, per_document: int
) -> tuple[np.ndarray, np.ndarray]:
    """(ids (N, L), authors (N,)): the first per_document windows of each known-author document."""
    cut = [
        (document_windows(model.vocab, d.text, model.config.window)[:per_document], d.author)
        for d in documents
    ]
    ids = np.concatenate([c for c, _ in cut])
    return ids, np.concatenate([np.full(len(c), model.authors.index(a), dtype=np.int32) for c, a in cut])


def reach_length(reach: np.ndarray, decades: float = 2.0) -> int:
    """How many of the last characters get at least 10^-decades of the last one's gradient (reach (L,))."""
    below = np.flatnonzero(reach[::-1] < -decades)
    return int(below[0]) if below.size else len(reach)


def balanced_doc_accuracy(rows: list[DocumentPrediction], authors: tuple[str, ...]) -> float:
    """Balanced accuracy of predictions whose true author is one of `authors`."""
    scored = [r for r in rows if r.true_author in authors]
    true = [authors.index(r.true_author) for r in scored]
    return balanced_accuracy(true, [authors.index(r.predicted) for r in scored], len(authors))


def summary(model: TrainedModel) -> str:
    """One line for a log: held-out balanced accuracy and the steps trained."""
    heldout = model.metrics.get("heldout", {}).get("balanced_accuracy", math.nan)
    steps = model.metrics.get("steps")
    return f"{model.config.corpus}: held-out balanced accuracy {heldout:.0%} after {steps} steps"
