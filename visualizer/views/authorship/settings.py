"""The authorship page's controls, its presets, and the session keys it keeps for itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from core.authorship.config import BALANCES, PRESETS, AuthorshipConfig
from core.authorship.corpus import CORPORA
from visualizer.app.keys import page_key, widget_key
from visualizer.app.settings import Settings, control
from visualizer.app.url_state import BoolParam, ChoiceParam, IntParam

NAME = "authorship"


@dataclass(frozen=True)
class AuthorshipSettings(Settings):
    page: ClassVar[str] = NAME
    corpus: str = control(ChoiceParam("federalist", CORPORA))
    window: int = control(IntParam(100, 10, 200))
    readout: str = control(ChoiceParam("mean", ("mean", "last")))
    H: int = control(IntParam(64, 4, 128))
    steps: int = control(IntParam(600, 10, 3000, widget="number"))
    balance: str = control(ChoiceParam("sampling", BALANCES))
    leaky: bool = control(BoolParam(False))
    seed: int = control(IntParam(0, 0, 9999, widget="number"))

    def config(self, corpus: str | None = None) -> AuthorshipConfig:
        """The core's training run for these settings, on `corpus` ("upload:<hash>") or the chosen one."""
        return AuthorshipConfig(
            corpus=corpus or self.corpus,
            window=self.window,
            stride=max(self.window // 2, 1),
            readout=self.readout,
            n_hidden=self.H,
            steps=self.steps,
            balance=self.balance,
            split="random_window" if self.leaky else "document",
            seed=self.seed,
        )


# The core's presets as the page's controls: each sets the model and takes the random split away.
PRESETS_SHOWN: dict[str, dict[str, object]] = {
    name: {
        "window": p["window"],
        "readout": p["readout"],
        "H": p["n_hidden"],
        "steps": p["steps"],
        "leaky": False,
    }
    for name, p in PRESETS.items()
}
# A preset sets the model; the corpus (and seed) a student picked stay.
KEPT_BY_PRESETS = ("corpus", "seed")
MODEL_SPECS = {name: spec for name, spec in AuthorshipSettings.specs().items() if name not in KEPT_BY_PRESETS}


def left_out_of_link(upload_shown: bool) -> frozenset[str]:
    """The controls a link to this view cannot carry: the corpus while an upload is shown.

    An upload cannot travel in a link, so the link leaves the corpus out rather than claim a built-in one.
    """
    return frozenset({"corpus"}) if upload_shown else frozenset()


def key(name: str) -> str:
    """The session key of one of the page's widgets that is not a control (buttons, pickers, charts)."""
    return widget_key(NAME, name)


LOADED = page_key(NAME, "loaded")  # the path of the saved model shown, if one was loaded
SAVE_NOTE = page_key(NAME, "save_note")  # how this session's last Save went, shown once
SESSION_ID = page_key(NAME, "sid")  # this browser session, a training job's watcher
