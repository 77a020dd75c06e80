"""The layers page's typed settings, presets and pure decisions: no Streamlit calls, tested on their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from core.keras.stateful import StatefulConfig
from visualizer.app.settings import Settings, control
from visualizer.app.shell import Translator
from visualizer.app.url_state import BoolParam, IntParam

NAME = "layers"
LAYOUT_BATCHES = 6  # the layout diagram shows the first batches of the experiment's layout
EXERCISE_23 = {"units": 64, "input_dim": 100, "state": False}
PRESETS = {
    "ex23": {**EXERCISE_23, "T": 10, "seq": False},
    "ex23_seq": {**EXERCISE_23, "T": 10, "seq": True},
    "ex23_1000": {**EXERCISE_23, "T": 1000, "seq": True},
    "stack_error": {"stack_seq": False},
    "shuffle": {"shuffle": True},
}
UNROLLED_LINKS = (  # the unrolled page's architectures: many-to-one, many-to-many (5.11), stacked (5.12)
    ("many_to_one", "layers.link.many_to_one"),
    ("many_to_many", "layers.link.many_to_many"),
    ("stacked", "layers.link.stacked"),
)


@dataclass(frozen=True)
class LayersSettings(Settings):
    """Exercise 23's model (units, T, input_dim, return_sequences/state), the stacking and worked
    examples' options, and exercise 24's experiment (epochs, seeds, shuffled batches)."""

    page: ClassVar[str] = NAME
    units: int = control(IntParam(64, 1, 256))
    T: int = control(IntParam(10, 1, 1000))
    input_dim: int = control(IntParam(100, 1, 1000, widget="number"))
    seq: bool = control(BoolParam(False))
    state: bool = control(BoolParam(False))
    stack_seq: bool = control(BoolParam(True))
    backwards: bool = control(BoolParam(False))
    unroll: bool = control(BoolParam(False))
    epochs: int = control(IntParam(20, 5, 40))
    seeds: int = control(IntParam(5, 2, 10))
    shuffle: bool = control(BoolParam(False))

    def model(self) -> tuple[int, int, int, bool, bool]:
        """Exercise 23's model as the cache takes it: (units, T, input_dim, seq, state)."""
        return self.units, self.T, self.input_dim, self.seq, self.state

    def config(self) -> StatefulConfig:
        """The core's exercise 24 experiment for these settings (its stateful arm in batch order)."""
        return StatefulConfig(epochs=self.epochs, n_seeds=self.seeds)

    def n_runs(self) -> int:
        """How many trainings exercise 24 runs: two arms, three with the shuffled one, per seed."""
        return (3 if self.shuffle else 2) * self.seeds


def exercise_23_source(settings: LayersSettings) -> str:
    """The Keras code of exercise 23 for the chosen settings, as the page prints it."""
    return (
        "model = Sequential()\n"
        f"model.add(SimpleRNN({settings.units}, input_shape=({settings.T}, {settings.input_dim}),\n"
        f"                    return_sequences={settings.seq}, return_state={settings.state}))\n"
        "model.add(Dense(64, activation='relu'))\n"
        "model.add(Dense(100, activation='softmax'))\n"
        "model.summary()"
    )


def stack_source(lower_returns_sequences: bool) -> str:
    """The Keras code of SimpleRNN(16) stacked on SimpleRNN(32)."""
    return (
        "model = Sequential()\n"
        f"model.add(SimpleRNN(32, input_shape=(10, 8), return_sequences={lower_returns_sequences}))\n"
        "model.add(SimpleRNN(16))"
    )


def layout_order(n_batches: int, shuffle: bool) -> list[int]:
    """The chunk each batch of the layout diagram holds: in order, or a (fixed) shuffle of them."""
    if not shuffle:
        return list(range(n_batches))
    return [int(c) for c in np.random.default_rng(1).permutation(n_batches)]


def worked_rows(read: Sequence[float], output: Sequence[float]) -> list[tuple[int, float, float]]:
    """The worked example's table: (step from 1, the input read, the output returned) per step."""
    return [(k + 1, float(x), float(y)) for k, (x, y) in enumerate(zip(read, output, strict=True))]


def verdict(median: Sequence[float], n_seeds: int, tr: Translator) -> str:
    """Exercise 24's result line: the arms' median test RMSE (the shuffled one's if it ran)."""
    text = tr("layers.experiment.verdict", stateless=median[0], stateful=median[1], n=n_seeds)
    if len(median) > 2:
        text += " " + tr("layers.experiment.verdict_shuffled", shuffled=median[2])
    return text


def shape_labels(settings: LayersSettings, tr: Translator) -> dict[str, str]:
    """The shapes figure's labels (see visualizer.figures.layers.shape_boxes)."""
    return {
        "title": tr("layers.shapes.figure", units=settings.units, T=settings.T, I=settings.input_dim),
        "layer": f"SimpleRNN({settings.units})",
        "output": tr("layers.shapes.output"),
        "state": tr("layers.shapes.state"),
    }


def layout_labels(shuffle: bool, tr: Translator) -> dict[str, str]:
    """The layout diagram's labels; "wrong" (the translation's i -> i+1, crossed out) only in batch order."""
    labels = {
        "title": tr("layers.layout.title"),
        "batch": tr("layers.layout.batch"),
        "sample": tr("layers.layout.sample"),
    }
    return labels if shuffle else {**labels, "wrong": tr("layers.layout.wrong")}


def arm_labels(arms: Sequence[str], tr: Translator) -> list[str]:
    """Each arm's name in the page's language (stateless, stateful, shuffled)."""
    return [tr(f"layers.arm.{arm}") for arm in arms]
