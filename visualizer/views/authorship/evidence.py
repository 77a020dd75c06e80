"""The page's evidence: how far back each readout's gradient reaches, and "Does it stand up?".

Both start from pre-computed JSON (visualizer.views.authorship.precomputed); the evaluation can also
run live for a small corpus, as one shared background job per (corpus, config) like the training.
"""

from __future__ import annotations

import functools
import json
import threading

import pandas as pd
import streamlit as st

from core.authorship import corpus as corpora
from core.authorship.config import AuthorshipConfig
from core.authorship.evaluate import EvalProgress, Evaluation, compare, evaluate, from_json, to_json
from core.authorship.model import reach_length
from visualizer.app import controls, jobs
from visualizer.app.shell import PNG_EXPORT, json_download
from visualizer.figures.authorship import gradient_reach, model_comparison
from visualizer.views.authorship.precomputed import EVALUATION_FILE, REACH_SEEDS, reach
from visualizer.views.authorship.runs import session_id
from visualizer.views.authorship.settings import NAME, key
from visualizer.views.authorship.tables import Translator, percent, say
from visualizer.views.authorship.verdict import SHOWN, chart_points, paired_sentence, recall_rows, verdict

LIVE_FOLDS = 10
LIVE_CHARS = 500_000  # a live evaluation trains LIVE_FOLDS models: only corpora this small (textbook)
MIN_DOCUMENTS = 3  # per author, for a live evaluation


def reach_section(tr: Translator, projected: bool) -> None:
    """The mean readout's and the last state's gradient reach, averaged over the pre-computed seeds."""
    st.subheader(tr("authorship.reach"))
    try:
        curves = {r: c.mean(axis=0) for r, c in reach().items()}
    except (OSError, ValueError) as err:  # a file missing or edited by hand: say so, the page goes on
        st.error(say(tr, "authorship.eval.missing", reason=f"{type(err).__name__}: {err}"))
        return
    if not projected:
        st.caption(tr("authorship.reach_what", seeds=", ".join(map(str, REACH_SEEDS))))
    labels = {k: tr(f"authorship.reach.{k}") for k in ("x", "y", "floor")}
    fig = gradient_reach(
        {tr(f"authorship.reach.{r}"): c for r, c in curves.items()}, labels={"title": "", **labels}
    )
    st.plotly_chart(fig, config=PNG_EXPORT, key=key("reach"))
    mean, last = curves["mean"], curves["last"]
    st.markdown(
        tr(
            "authorship.reach_verdict",
            mean=reach_length(mean),
            last=reach_length(last),
            length=len(mean),
            drop=float(mean[0] - last[0]),
        )
    )


@st.cache_resource(show_spinner=False)
def stored_evaluation() -> Evaluation:
    """The pre-computed evaluation of the default preset, read once per server (ValueError if broken)."""
    try:
        data = json.loads(EVALUATION_FILE.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"{type(err).__name__}: {err}") from err
    return from_json(data)


def corpus_label(tr: Translator, name: str) -> str:
    """A corpus as the corpus picker names it (a built-in one), else its own name."""
    return tr(f"authorship.choice.{name}") if name in corpora.CORPORA else name


def model_names(tr: Translator) -> dict[str, str]:
    """Each model's name on the page."""
    return {m: tr(f"authorship.eval.model.{m}") for m in SHOWN}


def show(evaluation: Evaluation, tr: Translator, name: str) -> None:
    """One evaluation: the metrics, the error bars, who wins and by how much, recall, the download."""
    names, models = model_names(tr), evaluation.models
    folds = evaluation.folds or tr("authorship.eval_loo")
    st.caption(
        say(
            tr,
            "authorship.eval_what",
            corpus=corpus_label(tr, evaluation.corpus),
            folds=folds,
            documents=evaluation.documents,
        )
    )
    cols = st.columns(len(models) + 1)
    for col, m in zip(cols, [m for m in SHOWN if m in models], strict=False):
        col.metric(names[m], percent(models[m].balanced_accuracy))
    raw = models["rnn"].uncalibrated_balanced_accuracy if "rnn" in models else None
    if raw is not None:
        cols[-1].metric(tr("authorship.eval.raw"), percent(raw))
        st.caption(tr("authorship.eval.raw_note", value=percent(raw)))
    labels = {
        "title": tr("authorship.eval.chart"),
        "y": tr("authorship.eval.y"),
        "chance": tr("authorship.eval.chance"),
    }
    fig = model_comparison(*chart_points(models, names), labels=labels, chance=1 / len(evaluation.authors))
    st.plotly_chart(fig, config=PNG_EXPORT, key=key(f"eval_chart_{name}"))
    if "rnn" in models and len(models) > 1:
        said = verdict(models, names)
        if evaluation.truth is not None:  # the paired interval says whether the gap is luck
            paired_key, points = paired_sentence(*compare(evaluation, "rnn", said.values["rival_model"]))
            after = tr(paired_key, rival=said.values["rival"], **points)
        else:  # a file without the documents' authors: only the two intervals can be compared
            after = tr("authorship.eval.overlap" if said.values["overlap"] else "authorship.eval.apart")
        st.markdown(tr(said.key, **said.values) + " " + after)
    st.caption(tr("authorship.eval.recall"))
    column = tr("authorship.eval.model")
    rows = recall_rows(models, evaluation.authors, names, column)
    # A static table: the page's one st.dataframe stays figure 5.35's (the page's tests wait for it).
    st.table(pd.DataFrame(rows).set_index(column))
    json_download(tr("authorship.eval.download"), to_json(evaluation), f"authorship-evaluation-{name}.json")


def live_folds(corpus: corpora.Corpus) -> int | None:
    """LIVE_FOLDS, 0 (leave one document out) for an author with fewer documents, None if not live.

    None when the corpus is too big for a live run (LIVE_FOLDS trainings on a small server) or an
    author has fewer than MIN_DOCUMENTS documents (a fold would leave it nothing to learn from).
    """
    fewest = min(corpus.counts().values(), default=0)
    if sum(len(d.text) for d in corpus.known) > LIVE_CHARS or fewest < MIN_DOCUMENTS:
        return None
    return LIVE_FOLDS if fewest >= LIVE_FOLDS else 0


def _evaluate(
    corpus: corpora.Corpus, config: AuthorshipConfig, folds: int, publish: jobs.Publish, stop: threading.Event
) -> Evaluation:
    return evaluate(corpus, config, folds=folds, seed=config.seed, progress=publish, should_stop=stop.is_set)


def live_key(config: AuthorshipConfig) -> tuple:
    """The shared job's key: one live evaluation per config (its corpus included) for every session."""
    return (NAME, "evaluate", config)


def start_live(config: AuthorshipConfig, corpus: corpora.Corpus, folds: int) -> None:
    """The live button's callback: the shared job for config, started if new."""
    work = functools.partial(_evaluate, corpus, config, folds)
    jobs.start(live_key(config), work, watcher=session_id(), name=f"{NAME}-evaluate")


@st.fragment(run_every=1.0)
def live_progress(config: AuthorshipConfig, tr: Translator) -> None:
    """The live evaluation's progress bar, redrawn every second; the page reruns when it ends."""
    job = jobs.find(live_key(config))
    if job is None or not job.running:
        st.rerun()
    controls.queued_notice(job.queue_position, tr)  # ten trainings: they wait their turn like any other
    items = job.items()
    if not items:
        st.progress(0.0)
        return
    p: EvalProgress = items[-1]
    done = (p.fold + p.step / max(p.steps, 1)) / max(p.folds, 1)
    text = tr(
        "authorship.eval.running", fold=p.fold + 1, folds=p.folds, model=p.model, step=p.step, steps=p.steps
    )
    st.progress(min(done, 1.0), text=text)


def evaluation_section(config: AuthorshipConfig, corpus: corpora.Corpus, tr: Translator) -> None:
    """Does it stand up? The stored evaluation, then the live one for a small corpus."""
    st.subheader(tr("authorship.eval"))
    try:
        stored = stored_evaluation()
    except ValueError as err:
        st.error(say(tr, "authorship.eval.missing", reason=err))
    else:
        st.caption(
            say(
                tr,
                "authorship.eval.precomputed",
                corpus=corpus_label(tr, stored.corpus),
                seconds=stored.seconds,
            )
        )
        show(stored, tr, "stored")
    folds = live_folds(corpus)
    if folds is None:
        st.caption(tr("authorship.eval.live_only_small", limit=LIVE_CHARS, documents=MIN_DOCUMENTS))
        return
    label = say(tr, "authorship.eval.live", corpus=corpus_label(tr, corpus.name))
    st.button(label, key=key("eval_live"), on_click=start_live, args=(config, corpus, folds))
    job = jobs.find(live_key(config))
    if job is None:
        return
    if job.running:
        live_progress(config, tr)
    elif job.error:
        st.error(say(tr, "authorship.eval.failed", error=job.error))
    elif job.result is not None:
        st.markdown(
            "**"
            + say(
                tr,
                "authorship.eval.live_result",
                corpus=corpus_label(tr, corpus.name),
                seconds=job.result.seconds,
            )
            + "**"
        )
        show(job.result, tr, "live")
