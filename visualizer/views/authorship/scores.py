"""A model's predictions and gradient flow, computed once per model and documents for every session."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from core.authorship import corpus as corpora
from core.authorship.model import TrainedModel, gradient_flow, predict


@st.cache_resource(max_entries=64, show_spinner=False)
def _rows(key: str, _model: TrainedModel, _docs: tuple[corpora.Document, ...]) -> list[dict[str, Any]]:
    return [r._asdict() for r in predict(_model, _docs)]


def model_key(model: TrainedModel) -> str:
    """A stable name for a model's cache entries."""
    return f"{model.config}|{hash(np.asarray(model.params.rnn.Wy).tobytes())}"


def prediction_rows(model: TrainedModel, docs: tuple[corpora.Document, ...]) -> list[dict[str, Any]]:
    """Figure 5.35's rows (core.authorship.DocumentPrediction as dicts), once per model and documents."""
    return _rows(model_key(model) + "|" + ",".join(d.id for d in docs), model, docs)


@st.cache_resource(max_entries=64, show_spinner=False)
def _flow(key: str, _model: TrainedModel, text: str, start: int, author: int) -> dict[str, Any]:
    length = _model.config.window
    ids = _model.vocab.encode(text[start : start + length])
    flow = gradient_flow(_model, ids, author)
    for value in flow.values():
        value.flags.writeable = False
    return {**flow, "chars": list(_model.vocab.decode(ids))}


def window_flow(model: TrainedModel, doc: corpora.Document, index: int, author: str) -> dict[str, Any]:
    """Gradient flow of window number `index` of doc against `author`, cached for every session."""
    start = index * model.config.window
    return _flow(
        f"{model_key(model)}|{doc.id}|{start}|{author}", model, doc.text, start, model.authors.index(author)
    )


def n_windows(text_length: int, window: int) -> int:
    """How many whole windows a document of text_length characters has (at least 1)."""
    return max(text_length // window, 1)


def slider_top(count: int) -> int:
    """The window slider's top: the count, but at least 2 (a slider needs two ends)."""
    return max(count, 2)


def window_out_of_range(current: int, count: int) -> bool:
    """Whether the window slider's value, kept from the last model, is past this model's slider top."""
    return current > slider_top(count)


def kept_document(current: str | None, ids: list[str]) -> str | None:
    """The document picked before, if this model's documents still have it (another corpus may not)."""
    return current if current in ids else None
