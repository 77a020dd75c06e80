"""The authorship page's glue: one shared training job per config, corpora, models, table rows.

30 students pressing "train" on the default preset share one job (visualizer.app.jobs,
keyed by the frozen AuthorshipConfig). It publishes (step, loss, held-out) per step and
returns the trained model. A session's stop button leaves the job; it stops when no
session watches it any more, so one student cannot stop everyone's run.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import threading
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from core.authorship import AuthorshipConfig, TrainedModel, fit, gradient_flow, predict
from core.authorship import corpus as corpora
from core.authorship.io import ModelFileError, list_models, load, save
from core.authorship.uploads import parse_upload
from core.checks import ExplainedError
from visualizer.app import jobs
from visualizer.app.safe_text import escape_markdown

MODELS = Path(__file__).resolve().parents[2] / "models"


def _train(
    config: AuthorshipConfig, corpus: corpora.Corpus, publish: jobs.Publish, stop: threading.Event
) -> TrainedModel | None:
    """The job's work: publishes (step, loss, held-out or nan) per step, returns the TrainedModel."""
    model = None
    for progress in fit(config, corpus, should_stop=stop.is_set):
        publish((progress.step, progress.loss, progress.heldout))
        model = progress.model or model  # only the last progress carries the model
    return model


def session_id() -> str:
    """This browser session's id: the job's watcher."""
    return st.session_state.setdefault("authorship__sid", uuid.uuid4().hex)


def start(config: AuthorshipConfig, loaded: corpora.Corpus) -> jobs.Job:
    """The shared training job for config, started if new (or if an earlier one was stopped or failed)."""
    st.session_state.pop("authorship__loaded", None)  # training replaces a loaded model on the page
    work = functools.partial(_train, config, loaded)
    return jobs.start(("authorship", config), work, watcher=session_id(), name=f"authorship-{config.seed}")


def find(config: AuthorshipConfig) -> jobs.Job | None:
    """The job for config if any session started one."""
    return jobs.find(("authorship", config))


def stop(config: AuthorshipConfig) -> None:
    """This session stops watching; the job stops at its next step once nobody watches it."""
    job = find(config)
    if job is not None:
        job.leave(session_id())


@st.cache_resource(show_spinner=False)
def builtin_corpus(name: str) -> corpora.Corpus:
    """A built-in corpus, read and cleaned once per server."""
    return corpora.load(name)


@st.cache_resource(max_entries=16, show_spinner=False)
def _uploaded(digest: str, _files: tuple[tuple[str, bytes], ...], min_chars: int) -> corpora.Corpus:
    return parse_upload(list(_files), min_chars=min_chars)


def uploaded_corpus(files: list[Any], window: int) -> tuple[str, corpora.Corpus]:
    """(corpus key "upload:<hash>", Corpus) of st.file_uploader files; raises UploadError."""
    pairs = tuple((f.name, f.getvalue()) for f in files)
    digest = hashlib.sha256(b"".join(n.encode() + b"\0" + d for n, d in pairs)).hexdigest()[:16]
    return f"upload:{digest}", _uploaded(digest, pairs, window + 1)


def say(t: Any, key: str, **values: Any) -> str:
    """t(key, **values) with every text value Markdown-escaped (names, titles, file names, reasons).

    Numbers keep their type, so "{size:,}" still formats; anything else is shown as its str().
    """
    return t(
        key, **{k: v if isinstance(v, int | float) else escape_markdown(str(v)) for k, v in values.items()}
    )


def explain(err: ExplainedError, strings: str, t: Any) -> str:
    """err in the page's language, from the string "<strings>.<err.key>" (its English message if none).

    The values come from file names and contents, so they are escaped for Markdown.
    """
    try:
        return say(t, f"{strings}.{err.key}", **err.values)
    except (KeyError, IndexError, ValueError):
        return escape_markdown(str(err))


def counts_text(counts: dict[str, int], t: Any) -> str:
    """{"Hamilton": 51, "Madison": 14} as "Hamilton (51), Madison (14)" in the page's language, escaped."""
    return t("authorship.count_sep").join(
        say(t, "authorship.count_item", author=a, n=n) for a, n in counts.items()
    )


def corpus_kind(corpus: corpora.Corpus) -> str:
    """Which title and split note fit: a built-in corpus name, or "upload"."""
    return "upload" if corpus.name == "upload" else corpus.name


def corpus_for(
    model: TrainedModel, shown: corpora.Corpus, t: Any, name: str
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
        return None, say(t, "authorship.model_error.no_corpus", name=name, model_authors=authors)
    if candidate.authors != model.authors:
        return None, say(
            t, "authorship.model_error.authors", name=name, corpus=trained_on, model_authors=authors,
            authors=", ".join(candidate.authors),
        )  # fmt: skip
    return candidate, None


def saved_models() -> list[dict[str, Any]]:
    """The models in models/, newest first (see core.authorship.io.list_models)."""
    return list_models(MODELS)


def model_file_name(config: AuthorshipConfig) -> str:
    """A file name that says what was trained and differs per config: federalist-mean-w100-s0-1a2b3c.npz."""
    corpus = re.sub(r"[^a-z0-9]+", "-", config.corpus.lower()).strip("-")
    digest = hashlib.sha256(repr(config).encode()).hexdigest()[:6]
    return f"{corpus}-{config.readout}-w{config.window}-s{config.seed}-{digest}.npz"


def save_trained(page: str, model: TrainedModel) -> None:
    """The Save button's callback: write the model into models/ (write-then-rename) and note how it went.

    The same config always gets the same name, so thirty students saving the shared run write one file.
    """
    try:
        path = save(model, MODELS / model_file_name(model.config))
        st.session_state[f"{page}__save_note"] = ("saved", path.name)
    except OSError as err:  # a read-only models/ folder (docs/DEPLOY.md), a full disk
        st.session_state[f"{page}__save_note"] = (
            "save_failed",
            f"{type(err).__name__}: {err.strerror or err}",
        )


def show_save_note(page: str, t: Any) -> None:
    """The outcome of this session's last Save click, once."""
    note = st.session_state.pop(f"{page}__save_note", None)
    if note is not None:
        kind, value = note
        (st.success if kind == "saved" else st.error)(say(t, f"authorship.{kind}", value=value))


def choose_saved(page: str) -> None:
    """The Load button's callback: show the model picked in the saved-models list.

    A callback runs before the script, so the click survives a rerun that follows it (an in-script
    `if st.button(...)` is False again in that rerun and the click is lost).
    """
    st.session_state[f"{page}__loaded"] = st.session_state[f"{page}_saved"]


@st.cache_resource(max_entries=8, show_spinner=False)
def _load(path: str, mtime: float, root: str) -> TrainedModel:
    return load(path, root=root)


def load_model(path: str, t: Any) -> tuple[TrainedModel | None, str | None]:
    """(model, None) or (None, why it cannot be loaded, in the page's language).

    Only files inside models/ are read: a link that leads elsewhere is refused by core.authorship.io.
    """
    try:
        # The link's own time and its target's: a dangling link is then "outside", not "missing".
        times = [Path(path).lstat().st_mtime] + ([Path(path).stat().st_mtime] if Path(path).exists() else [])
        return _load(path, max(times), str(MODELS)), None
    except ModelFileError as err:
        return None, explain(err, "authorship.model_error", t)
    except OSError:  # gone between the listing and the click
        return None, say(t, "authorship.model_error.missing", name=Path(path).name)


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


def n_windows(model: TrainedModel, doc: corpora.Document) -> int:
    """How many whole windows a document has (at least 1)."""
    return max(len(doc.text) // model.config.window, 1)


def draw_controls(page: str, specs: dict[str, Any], t: Any, hidden: set[str]) -> None:
    """controls.draw, but choices are labelled from this page's own table ("authorship.choice.*")."""
    from visualizer.app import controls
    from visualizer.app.url_state import ChoiceParam

    for name, spec in specs.items():
        if name in hidden:
            continue
        if isinstance(spec, ChoiceParam):
            label = t(f"{page}.{name}")
            st.sidebar.selectbox(
                label, spec.choices, key=f"{page}_{name}", format_func=lambda c: t(f"{page}.choice.{c}")
            )
        else:
            controls.draw(page, {name: spec}, t)


def twin(config: AuthorshipConfig) -> AuthorshipConfig:
    """The same settings with the other split, to set the leaky number beside the honest one."""
    other = "document" if config.split == "random_window" else "random_window"
    return dataclasses.replace(config, split=other)


def heldout_points(metrics: dict[str, Any]) -> tuple[list[int], list[float]]:
    """(steps, held-out window accuracies) of the live evaluations in a model's metrics."""
    points = [(i + 1, v) for i, v in enumerate(metrics.get("heldout_curve", [])) if v is not None]
    return [p[0] for p in points], [p[1] for p in points]


def table(rows: list[dict[str, Any]], authors: tuple[str, ...], t: Any) -> list[dict[str, Any]]:
    """Figure 5.35's table as display rows: document, truth, Mosteller & Wallace, prediction, P, vote."""
    shown = []
    for r in rows:
        row = {t("authorship.col.document"): r["id"]}
        if any(x["true_author"] for x in rows):
            row[t("authorship.col.truth")] = r["true_author"] or "?"
        if any(x["reference"] for x in rows):
            row[t("authorship.col.mw")] = r["reference"] or ""
        row[t("authorship.col.predicted")] = r["predicted"]
        row |= {f"P({a})": round(r["probabilities"][a], 3) for a in authors}
        row[t("authorship.col.vote")] = round(r["window_vote"], 3)
        row[t("authorship.col.confidence")] = round(r["confidence"], 3)
        shown.append(row)
    return shown


def show_metrics(model: TrainedModel, t: Any, page: str) -> None:
    """Held-out accuracy (calibrated and raw), the leaky split beside the honest one, training curves."""
    from visualizer.app.shell import PNG_EXPORT
    from visualizer.figures.authorship import training_curves

    metrics = model.metrics
    if metrics.get("stopped_at"):
        st.warning(t("authorship.stopped", step=metrics["stopped_at"]))
    heldout = metrics["heldout"]["balanced_accuracy"]
    cols = st.columns(2)
    if model.config.split == "document":
        cols[0].metric(t("authorship.heldout"), f"{heldout:.0%}")
        cols[1].metric(t("authorship.window_acc"), f"{metrics['window_accuracy']:.0%}")
        raw = metrics["heldout"].get("uncalibrated_balanced_accuracy")
        if raw is not None:  # a plain sentence, not a metric delta: its arrow read like a gain
            cols[0].caption(t("authorship.uncalibrated", value=f"{raw:.0%}"))
    else:
        cols[0].metric(t("authorship.leaky_metric"), f"{heldout:.0%}")
        other = find(twin(model.config))
        honest = other.result if other is not None and not other.running else None
        shown = f"{honest.metrics['window_accuracy']:.0%}" if honest else t("authorship.leaky_missing")
        cols[1].caption(t("authorship.leaky_compare", leaky=heldout, honest=shown))
    fig = training_curves(
        metrics["loss"],
        *heldout_points(metrics),
        title=t("authorship.curves"),
        loss_label=t("authorship.loss"),
        heldout_label=t("authorship.heldout_label"),
        x_title=t("authorship.step"),
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=f"{page}_curves")


def show_predictions(
    model: TrainedModel, docs: tuple[corpora.Document, ...], t: Any, page: str
) -> list[dict]:
    """Figure 5.35: the table, the probability bars, Mosteller & Wallace's agreement; returns the rows."""
    from visualizer.app.shell import PNG_EXPORT
    from visualizer.figures.authorship import prediction_bars

    rows = prediction_rows(model, docs)
    st.subheader(t("authorship.table"))
    st.dataframe(table(rows, model.authors, t), hide_index=True, key=f"{page}_table")
    probabilities = [[r["probabilities"][a] for a in model.authors] for r in rows]
    fig = prediction_bars(
        [r["id"] for r in rows],
        model.authors,
        probabilities,
        title=t("authorship.table"),
        x_title=t("authorship.probability"),
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=f"{page}_bars")
    referenced = [r for r in rows if r["reference"]]
    if referenced:
        agree = sum(r["predicted"] == r["reference"] for r in referenced)
        st.success(t("authorship.agreement", agree=agree, total=len(referenced)))
    scored = [r for r in rows if r["true_author"]]
    if scored:
        right = sum(r["predicted"] == r["true_author"] for r in scored)
        st.caption(t("authorship.correct", right=right, total=len(scored)))
    return rows


def show_flow(
    model: TrainedModel, docs: tuple[corpora.Document, ...], rows: list[dict], t: Any, page: str
) -> None:
    """Pick a document and a window: characters by ||dE/dx_k|| and the Ws/Wx BPTT maps of that window."""
    from visualizer.app.shell import PNG_EXPORT
    from visualizer.figures.authorship import character_gradients
    from visualizer.figures.heatmap import log10_heatmap, value_range

    by_id = {d.id: d for d in docs}
    # Another model (another corpus) may have left a document or window this one lacks.
    if st.session_state.get(f"{page}_flow_doc") not in by_id:
        st.session_state.pop(f"{page}_flow_doc", None)
    left, right = st.columns(2)
    doc = by_id[left.selectbox(t("authorship.flow_doc"), list(by_id), key=f"{page}_flow_doc")]
    count = n_windows(model, doc)
    if st.session_state.get(f"{page}_flow_window", 1) > max(count, 2):
        st.session_state[f"{page}_flow_window"] = 1
    index = right.slider(t("authorship.flow_window"), 1, max(count, 2), key=f"{page}_flow_window")
    author = next(r["predicted"] for r in rows if r["id"] == doc.id)
    with st.spinner(t("app.computing")):
        flow = window_flow(model, doc, min(index, count) - 1, author)
    chars = character_gradients(flow["chars"], flow["log10_input_grad"], title=t("authorship.chars"))
    st.plotly_chart(chars, config=PNG_EXPORT, key=f"{page}_chars")
    zmin, zmax = value_range(flow["log10_contrib_Ws"], flow["log10_contrib_Wx"])
    axes = {"x_title": t("authorship.k"), "y_title": t("authorship.t"), "zero_label": t("app.zero")}
    for column, weight in zip(st.columns(2), ("Ws", "Wx"), strict=True):
        title = t(f"authorship.map.{weight}")
        fig = log10_heatmap(flow[f"log10_contrib_{weight}"], title=title, zmin=zmin, zmax=zmax, **axes)
        column.plotly_chart(fig, config=PNG_EXPORT, key=f"{page}_map_{weight}")


def show_cleaning(corpus: corpora.Corpus, balance: str, t: Any) -> None:
    """The cleaning expander (raw text shown with st.text, never as Markdown) and the balance note."""
    with st.expander(t("authorship.cleaning")):
        before, after = corpora.preview(corpus.known[0], 500)
        left, right = st.columns(2)
        left.caption(t("authorship.before"))
        left.text(before)
        right.caption(t("authorship.after"))
        right.text(after)
    counts = counts_text(corpus.counts(), t)
    st.caption(t("authorship.balance_note", balance=t(f"authorship.choice.{balance}"), counts=counts))


def show_loaded(page: str, corpus: corpora.Corpus, t: Any) -> tuple[TrainedModel | None, corpora.Corpus]:
    """(loaded model, the corpus to show it with), or (None, corpus) with the reason when it cannot be.

    A model is shown only with the documents of the corpus it was trained on (see corpus_for).
    """
    path = st.session_state.get(f"{page}__loaded")
    if not path:
        return None, corpus
    name = Path(path).name
    model, problem = load_model(path, t)
    if model is not None:
        shown, problem = corpus_for(model, corpus, t, name)
    if problem:
        st.error(t("authorship.load_failed", reason=problem))
        st.session_state.pop(f"{page}__loaded")  # nothing was loaded: the page goes on as before the click
        return None, corpus
    st.info(say(t, "authorship.loaded", name=name))
    return model, shown


def finish(page: str, specs: dict[str, Any], t: Any) -> None:
    """shell.finish_page; when the corpus is an upload (left out of specs), say the link cannot carry it."""
    from visualizer.app.shell import finish_page

    finish_page(page, specs)
    if "corpus" not in specs:
        st.sidebar.caption(t("authorship.upload_link"))
