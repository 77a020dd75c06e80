"""Model files: the models/ folder, its listing, Save (write-then-rename) and Load (checked, cached).

The pages' tests point `MODELS` at a temporary folder; every function reads it when called.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import streamlit as st

from core.authorship.config import AuthorshipConfig
from core.authorship.io import ModelFileError, list_models, load, save
from core.authorship.model import TrainedModel
from visualizer.views.authorship.settings import LOADED, SAVE_NOTE, key
from visualizer.views.authorship.tables import Translator, explain, say

MODELS = Path(__file__).resolve().parents[3] / "models"


def list_saved() -> list[dict[str, Any]]:
    """The models in models/, newest first (see core.authorship.io.list_models)."""
    return list_models(MODELS)


def model_file_name(config: AuthorshipConfig) -> str:
    """A file name that says what was trained and differs per config: federalist-mean-w100-s0-1a2b3c.npz."""
    corpus = re.sub(r"[^a-z0-9]+", "-", config.corpus.lower()).strip("-")
    digest = hashlib.sha256(repr(config).encode()).hexdigest()[:6]
    return f"{corpus}-{config.readout}-w{config.window}-s{config.seed}-{digest}.npz"


def save_trained(model: TrainedModel) -> None:
    """The Save button's callback: write the model into models/ (write-then-rename) and note how it went.

    The same config always gets the same name, so thirty students saving the shared run write one file.
    """
    try:
        path = save(model, MODELS / model_file_name(model.config))
        st.session_state[SAVE_NOTE] = ("saved", path.name)
    except OSError as err:  # a read-only models/ folder (docs/DEPLOY.md), a full disk
        st.session_state[SAVE_NOTE] = ("save_failed", f"{type(err).__name__}: {err.strerror or err}")


def choose_saved() -> None:
    """The Load button's callback: show the model picked in the saved-models list.

    A callback runs before the script, so the click survives a rerun that follows it (an in-script
    `if st.button(...)` is False again in that rerun and the click is lost).
    """
    st.session_state[LOADED] = st.session_state[key("saved")]


@st.cache_resource(max_entries=8, show_spinner=False)
def _load(path: str, mtime: float, root: str) -> TrainedModel:
    return load(path, root=root)


def load_model(path: str, tr: Translator) -> tuple[TrainedModel | None, str | None]:
    """(model, None) or (None, why it cannot be loaded, in the page's language).

    Only files inside models/ are read: a link that leads elsewhere is refused by core.authorship.io.
    """
    try:
        # The link's own time and its target's: a dangling link is then "outside", not "missing".
        times = [Path(path).lstat().st_mtime] + ([Path(path).stat().st_mtime] if Path(path).exists() else [])
        return _load(path, max(times), str(MODELS)), None
    except ModelFileError as err:
        return None, explain(err, "authorship.model_error", tr)
    except OSError:  # gone between the listing and the click
        return None, say(tr, "authorship.model_error.missing", name=Path(path).name)
