"""One shared training job per config (visualizer.app.jobs), started and left from this session.

30 students pressing "train" on the default preset share one job, keyed by the frozen
AuthorshipConfig. It publishes (step, loss, held-out) per step and returns the trained model.
A session's stop button leaves the job; it stops when no session watches it any more, so one
student cannot stop everyone's run.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
import uuid
from collections.abc import Sequence
from typing import Any

import streamlit as st

from core.authorship import corpus as corpora
from core.authorship.config import AuthorshipConfig
from core.authorship.fit import fit
from core.authorship.model import TrainedModel
from visualizer.app import jobs
from visualizer.views.authorship.corpora import chosen
from visualizer.views.authorship.settings import LOADED, NAME, SESSION_ID, AuthorshipSettings


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
    return st.session_state.setdefault(SESSION_ID, uuid.uuid4().hex)


def start(config: AuthorshipConfig, corpus: corpora.Corpus) -> jobs.Job:
    """The shared training job for config, started if new (or if an earlier one was stopped or failed)."""
    st.session_state.pop(LOADED, None)  # training replaces a loaded model on the page
    work = functools.partial(_train, config, corpus)
    return jobs.start((NAME, config), work, watcher=session_id(), name=f"{NAME}-{config.seed}")


def start_as_set(files: Sequence[Any] | None) -> None:
    """The Train button's callback: train what the controls hold at the moment of the click.

    Arguments bound when the button was drawn could be a previous rerun's settings: a click that
    arrives while a preset's rerun is still drawing reaches the callback registered before it.
    The uploaded files are bound (no preset changes them); the corpus is chosen from them again.
    """
    settings = AuthorshipSettings.from_session()
    name, corpus, _ = chosen(files, settings)  # an upload that does not parse: the page says why
    start(settings.config(name), corpus)


def find(config: AuthorshipConfig) -> jobs.Job | None:
    """The job for config if any session started one."""
    return jobs.find((NAME, config))


def stop(config: AuthorshipConfig) -> None:
    """This session stops watching; the job stops at its next step once nobody watches it."""
    job = find(config)
    if job is not None:
        job.leave(session_id())


def twin(config: AuthorshipConfig) -> AuthorshipConfig:
    """The same settings with the other split, to set the leaky number beside the honest one."""
    other = "document" if config.split == "random_window" else "random_window"
    return dataclasses.replace(config, split=other)


def finished_twin(config: AuthorshipConfig) -> TrainedModel | None:
    """The model of config's twin (the other split) if some session trained it to the end."""
    other = find(twin(config))
    return other.result if other is not None and not other.running else None


def last_point(curve: list[tuple[int, float, float]]) -> tuple[int, float]:
    """(step, loss) of a job's latest progress, (0, nan) before the first step."""
    return (curve[-1][0], curve[-1][1]) if curve else (0, float("nan"))
