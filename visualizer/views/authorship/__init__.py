"""Authorship: a character-level RNN trained live, attributing the disputed Federalist papers (fig. 5.35).

settings (the controls, presets, session keys) <- tables (texts and tables, pure) <- corpora (built-in
and uploaded corpora, cached) <- files (models/: save, list, load) and runs (the shared training job)
<- scores (a model's predictions and gradient flow, cached) <- panels (drawing) <- this file (the page).
"""

from __future__ import annotations

import streamlit as st

from core.authorship.config import AuthorshipConfig
from core.authorship.corpus import Corpus
from core.authorship.model import TrainedModel
from visualizer.app import controls
from visualizer.app.registry import PageInfo
from visualizer.app.shell import PageStart, finish_page, json_download, upload_limit
from visualizer.views.authorship import evidence, panels, runs
from visualizer.views.authorship.corpora import chosen, corpus_kind
from visualizer.views.authorship.settings import (
    LOADED,
    MODEL_SPECS,
    NAME,
    PRESETS_SHOWN,
    AuthorshipSettings,
    key,
    left_out_of_link,
)
from visualizer.views.authorship.tables import say, title_key

PAGE = PageInfo(name=NAME, path="pages/authorship.py", settings=AuthorshipSettings, presets=PRESETS_SHOWN)
RULE = r"\hat a(d) = \arg\max_a \Big(\tfrac{1}{N_d}\sum_{w \in d} \log p(a \mid w) + \delta_a\Big)"


def draw(page: PageStart[AuthorshipSettings]) -> bool:
    """The whole page: controls, corpus, training, figure 5.35, the gradient flow, then the evidence.

    Returns whether an upload is shown (its link then leaves the corpus out: see `finish`).
    """
    tr, settings = page.tr, page.settings
    if not page.projected:
        controls.presets(PAGE.name, PAGE.presets, tr, MODEL_SPECS)  # a preset keeps corpus and seed
    controls.draw(PAGE.name, PAGE.specs(), tr, hidden=page.hidden, choice_labels="authorship.choice")
    heading = st.empty()  # the title names the corpus, known only once uploads and a loaded model are read
    if not page.projected:
        st.markdown(tr("authorship.what"))
        st.latex(RULE)
    uploads = st.file_uploader(
        tr("authorship.upload"), type=["txt", "zip"], accept_multiple_files=True, key=key("files")
    )
    upload_limit(tr)  # the uploader's own texts are Streamlit's English; the limit, in the page's language
    picked = chosen(uploads, settings)
    panels.upload_note(picked, tr)
    if not page.projected:
        panels.cleaning(picked.corpus, settings.balance, tr)
    split_note = st.empty()  # what the split is, once the corpus shown is known
    config = settings.config(picked.name)
    panels.saved_models(tr)
    panels.train_buttons(config, uploads, tr)

    model, corpus = panels.loaded(picked.corpus, tr)  # a saved model picked in the sidebar, if any
    kind = corpus_kind(corpus)
    heading.title(tr(title_key(kind)))
    split_note.caption(tr(f"authorship.split.{kind}"))
    results(page, model, corpus, config)
    evidence.reach_section(tr, page.projected)
    evidence.evaluation_section(config, picked.corpus, tr)
    return bool(uploads) and corpus.name == "upload"


def results(
    page: PageStart[AuthorshipSettings], model: TrainedModel | None, corpus: Corpus, config: AuthorshipConfig
) -> None:
    """A trained (or loaded) model's numbers, figure 5.35 and its gradient flow; a note if there is none."""
    tr = page.tr
    if model is None and (job := runs.find(config)) is not None:
        if job.error:
            st.error(say(tr, "authorship.failed", error=job.error))
        model = None if job.running else job.result
        if job.running:
            panels.progress(config, tr)
    if model is None:
        st.info(tr("authorship.not_trained"))
        return
    panels.metrics(model, tr)
    rows = panels.predictions(model, corpus.unknown, tr)
    if not rows:  # an upload without an unknown/ folder: nothing to attribute, nothing to trace
        st.info(tr("authorship.no_unknown"))
        return
    st.subheader(tr("authorship.flow"))
    if not page.projected:
        st.caption(tr("authorship.flow_what") + " " + tr(f"authorship.flow_note.{model.config.readout}"))
    panels.flow(model, corpus.unknown, rows, tr)
    numbers = {"documents": rows, "heldout": model.metrics["heldout"]}
    json_download(tr("authorship.download"), numbers, "authorship.json")
    if not st.session_state.get(LOADED):  # a model trained here can be kept for the next lesson
        panels.save_button(model, tr)


def finish(page: PageStart[AuthorshipSettings], upload_shown: bool) -> None:
    """shell.finish_page; while an upload is shown the link leaves the corpus out, and says so.

    An upload cannot travel in a link: the link leaves the corpus out rather than claim a built-in one.
    """
    finish_page(PAGE, leave_out=left_out_of_link(upload_shown))
    if upload_shown:
        st.sidebar.caption(page.tr("authorship.upload_link"))
