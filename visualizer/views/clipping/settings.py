"""The clipping page's controls: the lab's (sidebar) and the cliff's (main area), one settings class.

`LabSettings` holds the nine controls of the training lab and `CliffSettings` the cliff's seven;
`ClippingSettings` is both, the page's settings. Each part reads on its own from the session
(`LabSettings.from_session()` at the Train click, `CliffSettings` in the cliff's test app).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from core.training.cliff import MAX_STEPS, MAX_T
from core.training.clipping_lab import PRESETS, LabConfig
from visualizer.app.controls import preset_state
from visualizer.app.settings import Settings, control
from visualizer.app.url_state import BoolParam, ChoiceParam, FloatParam, IntParam

# Choices that are numbers: the widgets and the URL hold their text ("0.1"), the core the number.
HIDDEN = {f"{n}": n for n in (16, 32, 64, 128)}
LEARNING_RATES = {f"{x:g}": x for x in (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.5, 1.0)}
THRESHOLDS = {f"{x:g}": x for x in (0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)}


@dataclass(frozen=True)
class LabSettings(Settings):
    """The lab's controls; the defaults are the "explodes" preset of core.training.clipping_lab.PRESETS."""

    page: ClassVar[str] = "clipping"
    task: str = control(ChoiceParam("temporal_order", ("temporal_order", "adding")))
    T: int = control(IntParam(40, 10, 200))
    H: str = control(ChoiceParam("64", tuple(HIDDEN)))
    sigma: float = control(FloatParam(1.1, 0.5, 2.0, step=0.05))
    opt: str = control(ChoiceParam("sgd", ("sgd", "momentum", "adam")))
    lr: str = control(ChoiceParam("0.1", tuple(LEARNING_RATES), "slider"))
    theta: str = control(ChoiceParam("1", tuple(THRESHOLDS), "slider"))
    steps: int = control(IntParam(600, 50, 2000))
    seed: int = control(IntParam(0, 0, 9999, widget="number"))

    def config(self) -> LabConfig:
        """The core's experiment for these controls."""
        return LabConfig(
            task=self.task,
            n_steps=self.T,
            n_hidden=HIDDEN[self.H],
            sigma_max=self.sigma,
            optimizer=self.opt,
            learning_rate=LEARNING_RATES[self.lr],
            threshold=THRESHOLDS[self.theta],
            steps=self.steps,
            seed=self.seed,
        )

    def lab_values(self) -> dict[str, object]:
        """The lab's controls by name (without the cliff's), as the lab's download writes them."""
        return {name: getattr(self, name) for name in LabSettings.specs()}


class CliffStart(NamedTuple):
    """One pair of descents on the cliff: where from, how, and for which T (the cache's key)."""

    w0: float
    b0: float
    lr: float
    threshold: float
    steps: int
    n_steps: int


# Defaults found by scanning starts near the wall (see docs/ARCHITECTURE.md): from (4.5, -3) with
# α = 0.1 both runs cross the wall together, step 42 lands on it (‖∇E‖ ≈ 83) and the unclipped
# step throws (w, b) to about (8.9, 4.7); the clipped run stays and reaches E ≈ 1e-4. Same in float32.
@dataclass(frozen=True)
class CliffSettings(Settings):
    """The cliff's controls, drawn in the main area under keys "clipping_cliff_*"."""

    page: ClassVar[str] = "clipping"
    cliff_w0: float = control(FloatParam(4.5, 1.0, 10.0, step=0.05))
    cliff_b0: float = control(FloatParam(-3.0, -6.0, 6.0, step=0.05))
    cliff_lr: float = control(FloatParam(0.1, 0.01, 2.0, step=0.01))
    cliff_threshold: float = control(FloatParam(1.0, 0.1, 10.0, step=0.1))
    cliff_steps: int = control(IntParam(150, 1, MAX_STEPS))
    cliff_T: int = control(IntParam(50, 5, MAX_T))
    cliff_3d: bool = control(BoolParam(False))

    def start(self) -> CliffStart:
        """The descents these controls ask for (slider floats carry binary noise: rounded for the cache)."""
        return CliffStart(
            w0=round(self.cliff_w0, 6),
            b0=round(self.cliff_b0, 6),
            lr=round(self.cliff_lr, 6),
            threshold=round(self.cliff_threshold, 6),
            steps=self.cliff_steps,
            n_steps=self.cliff_T,
        )


@dataclass(frozen=True)
class ClippingSettings(CliffSettings, LabSettings):
    """The whole page: the lab's controls, then the cliff's (the URL's order)."""


def preset_values(name: str) -> dict[str, object]:
    """Widget values of a preset of core.training.clipping_lab.PRESETS (choices as the widgets hold them)."""
    c = PRESETS[name]
    return {
        "task": c.task,
        "T": c.n_steps,
        "H": f"{c.n_hidden}",
        "sigma": c.sigma_max,
        "opt": c.optimizer,
        "lr": f"{c.learning_rate:g}",
        "theta": f"{c.threshold:g}",
        "steps": c.steps,
        "seed": c.seed,
    }


def config_from(values: Mapping[str, object]) -> LabConfig:
    """The LabConfig that the lab's control values by name describe (missing ones at their defaults)."""
    return LabSettings.from_values(values).config()


def lessons(settings: LabSettings) -> list[str]:
    """The presets whose whole lab state the settings hold (so the page can state that preset's lesson)."""
    specs, held = LabSettings.specs(), settings.lab_values()
    return [name for name in PRESETS if preset_state(specs, preset_values(name)) == held]
