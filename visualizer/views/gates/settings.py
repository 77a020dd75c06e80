"""The gates page's controls, its presets and the lessons they state.

One settings class holds the comparison's seven controls and the lab's two: which of
`core.training.gates_lab.PRESETS` Train trains (its own T, H and gate biases: the lab's default
opens the LSTM's forget gate to bias 3, where it learns; Keras's bias 1 is the other choice) and
for how many steps. The comparison's seed is the lab's seed too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from core.gated import compare
from core.training import gates_lab
from visualizer.app.controls import preset_state
from visualizer.app.settings import Settings, control
from visualizer.app.url_state import ChoiceParam, FloatParam, IntParam, Spec

BASE = compare.PRESETS["default"]  # the page opens on it; n_in and n_out are not controls
LAB_PRESETS = gates_lab.PRESETS  # what Train may train (tests put a tiny lab here)
MAX_T = 200  # three T×T maps and their backward scans stay well under a second to draw
MAX_H = 64
LAB_CONTROLS = ("lab", "steps")


@dataclass(frozen=True)
class GatesSettings(Settings):
    """The comparison's controls; the defaults are core.gated.compare.PRESETS["default"]."""

    page: ClassVar[str] = "gates"
    T: int = control(IntParam(BASE.n_steps, 2, MAX_T))
    H: int = control(IntParam(BASE.n_hidden, 1, MAX_H))
    forget: float = control(FloatParam(BASE.forget_bias, -6.0, 6.0, step=0.25))
    update: float = control(FloatParam(BASE.update_bias, -6.0, 6.0, step=0.25))
    scale: float = control(FloatParam(BASE.input_scale, 0.0, 3.0, step=0.05))
    loss: str = control(ChoiceParam(BASE.loss_steps, ("all", "last")))
    seed: int = control(IntParam(BASE.seed, 0, 9999, widget="number"))
    lab: str = control(ChoiceParam("default", tuple(gates_lab.PRESETS)))  # the lab's preset
    steps: int = control(IntParam(gates_lab.PRESETS["default"].steps, 10, 2000))  # the lab's training steps

    def config(self) -> compare.CompareConfig:
        """The core's comparison for these controls (slider floats rounded: they carry binary noise)."""
        return compare.CompareConfig(
            n_steps=self.T,
            n_hidden=self.H,
            n_in=BASE.n_in,
            n_out=BASE.n_out,
            forget_bias=round(self.forget, 6),
            update_bias=round(self.update, 6),
            input_scale=round(self.scale, 6),
            loss_steps=self.loss,
            seed=self.seed,
        )

    def lab_config(self) -> gates_lab.GatesLabConfig:
        """What Train trains: the chosen lab preset (task, T, H, gate biases), this seed and these steps."""
        return dataclasses.replace(LAB_PRESETS[self.lab], seed=self.seed, steps=self.steps)


def preset_values(name: str) -> dict[str, object]:
    """The control values of core.gated.compare.PRESETS[name]."""
    c = compare.PRESETS[name]
    return {
        "T": c.n_steps,
        "H": c.n_hidden,
        "forget": c.forget_bias,
        "update": c.update_bias,
        "scale": c.input_scale,
        "loss": c.loss_steps,
        "seed": c.seed,
    }


def comparison_specs() -> dict[str, Spec]:
    """The controls a preset sets: the comparison's; the lab's two stay as they are."""
    return {name: spec for name, spec in GatesSettings.specs().items() if name not in LAB_CONTROLS}


def lessons(settings: GatesSettings) -> list[str]:
    """The presets whose whole comparison the settings hold (so the page states that preset's lesson)."""
    specs = comparison_specs()
    held = {name: getattr(settings, name) for name in specs}
    return [name for name in compare.PRESETS if preset_state(specs, preset_values(name)) == held]
