"""The authorship page's parts: the corpus shown, the models in the sidebar, training, results, flow."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from core.authorship import corpus as corpora
from core.authorship.config import AuthorshipConfig
from core.authorship.model import TrainedModel
from visualizer.app import controls
from visualizer.app.shell import PNG_EXPORT
from visualizer.figures.authorship import character_gradients, prediction_bars, training_curves
from visualizer.figures.heatmap import log10_heatmap
from visualizer.figures.style import value_range
from visualizer.views.authorship.corpora import Chosen, corpus_for
from visualizer.views.authorship.files import choose_saved, list_saved, load_model, save_trained
from visualizer.views.authorship.runs import find, finished_twin, last_point, start_as_set, stop
from visualizer.views.authorship.scores import (
    kept_document,
    n_windows,
    prediction_rows,
    slider_top,
    window_flow,
    window_out_of_range,
)
from visualizer.views.authorship.settings import LOADED, SAVE_NOTE, key
from visualizer.views.authorship.tables import (
    Translator,
    agreement,
    counts_text,
    explain,
    heldout_points,
    percent,
    probabilities,
    say,
    table,
)


def upload_note(chosen: Chosen, tr: Translator) -> None:
    """What became of the upload: its authors' counts, or why it was not used (nothing without one)."""
    if chosen.error is not None:
        st.error(explain(chosen.error, "authorship.upload", tr))
    elif chosen.corpus.name == "upload":
        counts = counts_text(chosen.corpus.counts(), tr)
        st.info(tr("authorship.using_upload", counts=counts, unknown=len(chosen.corpus.unknown)))


def cleaning(corpus: corpora.Corpus, balance: str, tr: Translator) -> None:
    """The cleaning expander (raw text shown with st.text, never as Markdown) and the balance note."""
    with st.expander(tr("authorship.cleaning")):
        before, after = corpora.preview(corpus.known[0], 500)
        left, right = st.columns(2)
        left.caption(tr("authorship.before"))
        left.text(before)
        right.caption(tr("authorship.after"))
        right.text(after)
    counts = counts_text(corpus.counts(), tr)
    st.caption(tr("authorship.balance_note", balance=tr(f"authorship.choice.{balance}"), counts=counts))


def saved_models(tr: Translator) -> None:
    """The sidebar's saved models: a picker and Load, or a note that there are none."""
    saved = list_saved()
    with st.sidebar.expander(tr("authorship.models")):
        if saved:
            names = {m["path"]: m["name"] for m in saved}
            st.selectbox(tr("authorship.models"), list(names), key=key("saved"), format_func=names.get)
            st.button(tr("authorship.load"), key=key("load"), on_click=choose_saved)
        else:
            st.caption(tr("authorship.no_models"))


def train_buttons(config: AuthorshipConfig, uploads: Sequence[Any] | None, tr: Translator) -> None:
    """Train (what the controls hold at the click) and Stop (leave the run shown)."""
    left, right = st.columns(2)
    # Callbacks run before the next script run, so a click survives the URL rerun that follows it.
    left.button(
        tr("authorship.train"), key=key("train"), type="primary", on_click=start_as_set, args=(uploads,)
    )
    right.button(tr("authorship.stop"), key=key("stop"), on_click=stop, args=(config,))


@st.fragment(run_every=1.0)
def progress(config: AuthorshipConfig, tr: Translator) -> None:
    """The running job's progress bar, redrawn every second; the whole page reruns when it ends.

    While the job waits for a free trainer, the notice says its place in line (Stop leaves the line).
    """
    job = find(config)
    if not job.running:
        st.rerun()  # the whole page, now with the trained model
    controls.queued_notice(job.queue_position, tr)
    step, loss = last_point(job.items())
    st.progress(step / config.steps, text=tr("authorship.training", step=step, steps=config.steps, loss=loss))
    st.caption(tr("authorship.shared"))


def loaded(corpus: corpora.Corpus, tr: Translator) -> tuple[TrainedModel | None, corpora.Corpus]:
    """(loaded model, the corpus to show it with), or (None, corpus) with the reason when it cannot be.

    A model is shown only with the documents of the corpus it was trained on (see corpus_for).
    """
    path = st.session_state.get(LOADED)
    if not path:
        return None, corpus
    name = Path(path).name
    model, problem = load_model(path, tr)
    if model is not None:
        shown, problem = corpus_for(model, corpus, tr, name)
    if problem:
        st.error(tr("authorship.load_failed", reason=problem))
        st.session_state.pop(LOADED)  # nothing was loaded: the page goes on as before the click
        return None, corpus
    st.info(say(tr, "authorship.loaded", name=name))
    return model, shown


def metrics(model: TrainedModel, tr: Translator) -> None:
    """Held-out accuracy (calibrated and raw), the leaky split beside the honest one, training curves."""
    numbers = model.metrics
    if numbers.get("stopped_at"):
        st.warning(tr("authorship.stopped", step=numbers["stopped_at"]))
    heldout = numbers["heldout"]["balanced_accuracy"]
    cols = st.columns(2)
    if model.config.split == "document":
        cols[0].metric(tr("authorship.heldout"), percent(heldout))
        cols[1].metric(tr("authorship.window_acc"), percent(numbers["window_accuracy"]))
        raw = numbers["heldout"].get("uncalibrated_balanced_accuracy")
        if raw is not None:  # a plain sentence, not a metric delta: its arrow read like a gain
            cols[0].caption(tr("authorship.uncalibrated", value=percent(raw)))
    else:
        cols[0].metric(tr("authorship.leaky_metric"), percent(heldout))
        honest = finished_twin(model.config)
        shown = percent(honest.metrics["window_accuracy"]) if honest else tr("authorship.leaky_missing")
        cols[1].caption(tr("authorship.leaky_compare", leaky=heldout, honest=shown))
    labels = {
        "title": tr("authorship.curves"),
        "loss": tr("authorship.loss"),
        "heldout": tr("authorship.heldout_label"),
        "x": tr("authorship.step"),
    }
    fig = training_curves(numbers["loss"], *heldout_points(numbers), labels=labels)
    st.plotly_chart(fig, config=PNG_EXPORT, key=key("curves"))


def predictions(model: TrainedModel, docs: tuple[corpora.Document, ...], tr: Translator) -> list[dict]:
    """Figure 5.35: the table, the probability bars, Mosteller & Wallace's agreement; returns the rows."""
    rows = prediction_rows(model, docs)
    st.subheader(tr("authorship.table"))
    st.dataframe(table(rows, model.authors, tr), hide_index=True, key=key("table"))
    labels = {"title": tr("authorship.table"), "x": tr("authorship.probability")}
    fig = prediction_bars(
        [r["id"] for r in rows], model.authors, probabilities(rows, model.authors), labels=labels
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=key("bars"))
    agree, total = agreement(rows, "reference")
    if total:
        st.success(tr("authorship.agreement", agree=agree, total=total))
    right, total = agreement(rows, "true_author")
    if total:
        st.caption(tr("authorship.correct", right=right, total=total))
    return rows


def flow(model: TrainedModel, docs: tuple[corpora.Document, ...], rows: list[dict], tr: Translator) -> None:
    """Pick a document and a window: characters by ||dE/dx_k|| and the Ws/Wx BPTT maps of that window."""
    by_id = {d.id: d for d in docs}
    state, doc_key, window_key = st.session_state, key("flow_doc"), key("flow_window")
    # Another model (another corpus) may have left a document or window this one lacks.
    if kept_document(state.get(doc_key), list(by_id)) is None:
        state.pop(doc_key, None)
    left, right = st.columns(2)
    doc = by_id[left.selectbox(tr("authorship.flow_doc"), list(by_id), key=doc_key)]
    count = n_windows(len(doc.text), model.config.window)
    if window_out_of_range(state.get(window_key, 1), count):
        state[window_key] = 1
    index = right.slider(tr("authorship.flow_window"), 1, slider_top(count), key=window_key)
    author = next(r["predicted"] for r in rows if r["id"] == doc.id)
    with st.spinner(tr("app.computing")):
        view = window_flow(model, doc, min(index, count) - 1, author)
    chars = character_gradients(
        view["chars"], view["log10_input_grad"], labels={"title": tr("authorship.chars")}
    )
    st.plotly_chart(chars, config=PNG_EXPORT, key=key("chars"))
    zmin, zmax = value_range(view["log10_contrib_Ws"], view["log10_contrib_Wx"])
    axes = {
        "x": tr("authorship.k"),
        "y": tr("authorship.t"),
        "zero": tr("app.zero"),
        "lag": tr("heatmap.lag"),
    }
    for column, weight in zip(st.columns(2), ("Ws", "Wx"), strict=True):
        labels = {"title": tr(f"authorship.map.{weight}"), **axes}
        fig = log10_heatmap(view[f"log10_contrib_{weight}"], labels=labels, zmin=zmin, zmax=zmax)
        column.plotly_chart(fig, config=PNG_EXPORT, key=key(f"map_{weight}"))


def save_button(model: TrainedModel, tr: Translator) -> None:
    """Save (a model trained here can be kept for the next lesson), and how this session's last Save went."""
    st.button(tr("authorship.save"), key=key("save"), on_click=save_trained, args=(model,))
    note = st.session_state.pop(SAVE_NOTE, None)
    if note is not None:
        kind, value = note
        (st.success if kind == "saved" else st.error)(say(tr, f"authorship.{kind}", value=value))
