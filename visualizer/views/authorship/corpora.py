"""The corpora the page shows: the built-in ones read once per server, uploads parsed once per content."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

import streamlit as st

from core.authorship import corpus as corpora
from core.authorship.model import TrainedModel
from core.authorship.uploads import UploadError, parse_upload
from visualizer.views.authorship.settings import AuthorshipSettings
from visualizer.views.authorship.tables import Translator, say


@st.cache_resource(show_spinner=False)
def builtin_corpus(name: str) -> corpora.Corpus:
    """A built-in corpus, read and cleaned once per server."""
    return corpora.load(name)


@st.cache_resource(max_entries=16, show_spinner=False)
def _uploaded(digest: str, _files: tuple[tuple[str, bytes], ...], min_chars: int) -> corpora.Corpus:
    return parse_upload(list(_files), min_chars=min_chars)


def uploaded_corpus(files: Sequence[Any], window: int) -> tuple[str, corpora.Corpus]:
    """(corpus key "upload:<hash>", Corpus) of st.file_uploader files; raises UploadError."""
    pairs = tuple((f.name, f.getvalue()) for f in files)
    digest = hashlib.sha256(b"".join(n.encode() + b"\0" + d for n, d in pairs)).hexdigest()[:16]
    return f"upload:{digest}", _uploaded(digest, pairs, window + 1)


class Chosen(NamedTuple):
    """The corpus the page trains on: its config name, the corpus, and why an upload was not used."""

    name: str
    corpus: corpora.Corpus
    error: UploadError | None


def chosen(files: Sequence[Any] | None, settings: AuthorshipSettings) -> Chosen:
    """The upload when there is one and it parses, else the built-in corpus the settings name."""
    error = None
    if files:
        try:
            return Chosen(*uploaded_corpus(files, settings.window), None)
        except UploadError as err:
            error = err
    return Chosen(settings.corpus, builtin_corpus(settings.corpus), error)


def corpus_kind(corpus: corpora.Corpus) -> str:
    """Which title and split note fit: a built-in corpus name, or "upload"."""
    return "upload" if corpus.name == "upload" else corpus.name


def corpus_for(
    model: TrainedModel, shown: corpora.Corpus, tr: Translator, name: str
) -> tuple[corpora.Corpus | None, str | None]:
    """The corpus a loaded model is shown with, or (None, why not): its own built-in corpus, or the
    uploaded one on the page when that has the model's authors. Never another corpus's documents.
    """
    trained_on = model.config.corpus
    authors = ", ".join(model.authors)
    if trained_on in corpora.CORPORA:
        candidate = builtin_corpus(trained_on)
    elif shown.name == "upload" and shown.authors == model.authors:
        candidate = shown
    else:
        return None, say(tr, "authorship.model_error.no_corpus", name=name, model_authors=authors)
    if candidate.authors != model.authors:
        return None, say(
            tr, "authorship.model_error.authors", name=name, corpus=trained_on, model_authors=authors,
            authors=", ".join(candidate.authors),
        )  # fmt: skip
    return candidate, None
