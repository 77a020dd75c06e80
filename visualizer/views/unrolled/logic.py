"""The unrolled-graph page's settings and decisions, without Streamlit: loss steps, where t and k go.

Steps are 0-based in the lists this module returns (as core and the figure count them) and 1-based in
the page's controls (t and k, as the chapter writes them). Everything here is plain Python on the
page's typed settings, so it is unit-tested without a browser (tests/views/test_unrolled.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from core.experiment import ExperimentConfig
from visualizer.app.settings import Settings, control
from visualizer.app.url_state import ChoiceParam, FloatParam, IntParam

ARCHS = ("many_to_many", "many_to_one", "one_to_many", "delay", "ffnn", "stacked", "tdnn")
WEIGHTS = ("Ws", "Wx", "Wy")
ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")
WALK_DELAY_S = 0.7  # seconds per step of the ▶ walk; tests set it to 0 (read at call time)
N_HIDDEN = 4  # a small network: the page is about paths, not capacity
INPUTS = {"one_to_many": "first", "delay": "first_half"}  # ExperimentConfig.inputs per architecture
# The learning rates of the panel's one step W ← W − α ∂E/∂W, a decade in two notches: on the defaults
# 0.1 lowers E for every weight and 3 overshoots (E rises), so both sides of the lesson are one slide away.
ALPHAS = ("0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3")


@dataclass(frozen=True)
class UnrolledSettings(Settings):
    page: ClassVar[str] = "unrolled"
    arch: str = control(ChoiceParam("many_to_many", ARCHS))
    view: str = control(ChoiceParam("unrolled", ("unrolled", "folded")))
    T: int = control(IntParam(4, 1, 12))
    t: int = control(IntParam(4, 1, 12))  # the loss step E_t, 1-based
    weight: str = control(ChoiceParam("Ws", WEIGHTS))
    k: int = control(IntParam(1, 1, 12))  # how far back the walk has reached, 1-based
    sigma: float = control(FloatParam(0.9, 0.0, 3.0))
    act: str = control(ChoiceParam("tanh", ACTIVATIONS))
    layers: int = control(IntParam(2, 2, 3))
    window: int = control(IntParam(3, 1, 6))
    seed: int = control(IntParam(0, 0, 9999, widget="number"))
    alpha: str = control(ChoiceParam("0.1", ALPHAS, widget="slider"))  # α of the chapter's panel (5.13)

    def config(self) -> ExperimentConfig:
        """The core's experiment for these settings (a feed-forward net is an RNN with Ws = 0)."""
        return ExperimentConfig(
            n_steps=self.T,
            n_hidden=N_HIDDEN,
            sigma_max=0.0 if self.arch == "ffnn" else self.sigma,
            activation=self.act,
            inputs=INPUTS.get(self.arch, "all"),
            seed=self.seed,
        )


def loss_steps(arch: str, n_steps: int) -> list[int]:
    """The 0-based steps whose output y carries a loss E_t (the chapter's figure 5.11).

    many-to-one: the last step only; many-to-many with delay: the second half (the decoder reads
    the whole input first); every other architecture: every step.
    """
    if arch == "many_to_one":
        return [n_steps - 1]
    if arch == "delay":
        return list(range(n_steps // 2, n_steps))
    return list(range(n_steps))


def input_steps(arch: str, n_steps: int) -> list[int]:
    """The 0-based steps that read an input x (core feeds zeros at the others).

    one-to-many reads x_1 only; delay (encoder-decoder) reads the first half, before its loss steps.
    """
    if arch == "one_to_many":
        return [0]
    if arch == "delay":
        return list(range(max(1, n_steps // 2)))
    return list(range(n_steps))


def draws_paths(arch: str, view: str) -> bool:
    """Gradient paths are computed and drawn for the unrolled single-layer RNN (FFNN included)."""
    return arch not in ("stacked", "tdnn") and view == "unrolled"


def t_bounds(arch: str, n_steps: int) -> tuple[int, int]:
    """The 1-based range of the t control: the loss steps, which are always one run of steps."""
    steps = loss_steps(arch, n_steps)
    return steps[0] + 1, steps[-1] + 1


def snap_t(arch: str, n_steps: int, t: int) -> int:
    """The loss step (1-based) shown for a requested t: the last loss step at or before t, else the first."""
    steps = [s + 1 for s in loss_steps(arch, n_steps)]
    earlier = [s for s in steps if s <= t]
    return earlier[-1] if earlier else steps[0]


def snap_k(t: int, k: int) -> int:
    """k (1-based) clamped into 1..t: the walk back from E_t stops at step 1."""
    return min(max(k, 1), t)


def snap(settings: UnrolledSettings) -> UnrolledSettings:
    """The settings with t snapped onto a loss step of the architecture and k clamped into 1..t."""
    t = snap_t(settings.arch, settings.T, settings.t)
    return replace(settings, t=t, k=snap_k(t, settings.k))


def unused_controls(arch: str, view: str) -> set[str]:
    """Controls that change nothing in this view, so the sidebar hides them (they keep their values)."""
    unused = set() if arch == "stacked" else {"layers"}
    unused |= set() if arch == "tdnn" else {"window"}
    if not draws_paths(arch, view):  # no numbers are computed: only the structure is drawn
        unused |= {"t", "k", "weight", "sigma", "act", "seed", "alpha"}
    return unused


def step_verdict(grad_norm: float, loss_before: float, loss_after: float) -> str:
    """What one step W ← W − α g did to E: "fell", "rose", "flat" (E unchanged in the float's digits),
    "no_gradient" (g = 0, so the step moves nothing) or "overflow" (E is not a finite number).
    """
    if not (np.isfinite(loss_before) and np.isfinite(loss_after) and np.isfinite(grad_norm)):
        return "overflow"
    if grad_norm == 0:
        return "no_gradient"
    if loss_after < loss_before:
        return "fell"
    return "rose" if loss_after > loss_before else "flat"


def first_step_is_shared(arch: str, t: int) -> bool:
    """The FFNN's output equals the RNN's at step t (1-based): always when Ws = 0, and at t = 1,
    where Ws s_0 = 0 because s_0 = 0 (figure 5.10).
    """
    return arch == "ffnn" or t == 1


def term_one_is_zero(weight: str, k: int) -> bool:
    """Term 1 of dE_t/dWs is ∂⁺s_1/∂Ws = s_0 = 0 (k is 0-based here): the page says why it is 0."""
    return weight == "Ws" and k == 0


def walk_steps(selected: int) -> list[int]:
    """The ▶ walk's frames: reveal_from = t, t-1, ..., 1 (0-based selected .. 0), as figures 5.23, 5.28."""
    return list(range(selected, -1, -1))


@dataclass(frozen=True)
class Plan:
    """What the page draws for its settings (steps 0-based, except the 1-based t and k)."""

    settings: UnrolledSettings  # t and k snapped into range
    snapped: bool  # the requested t or k was moved (a link or a preset asked for a step not allowed)
    loss_steps: list[int]
    inputs: list[int]
    paths: bool
    folded: bool

    @property
    def n_steps(self) -> int:
        return self.settings.T

    @property
    def t(self) -> int:
        """The loss step, 1-based, snapped onto a loss step."""
        return self.settings.t

    @property
    def k(self) -> int:
        """The step the walk back has reached, 1-based, clamped into 1..t."""
        return self.settings.k

    @property
    def selected(self) -> int:
        """The loss step t, 0-based."""
        return self.t - 1

    @property
    def reveal(self) -> int:
        """The step the walk has reached, 0-based."""
        return self.k - 1

    @property
    def config(self) -> ExperimentConfig:
        return self.settings.config()


def plan(settings: UnrolledSettings | Mapping[str, object]) -> Plan:
    """The page's view for its settings (or a mapping of control values), t and k snapped into range."""
    if not isinstance(settings, UnrolledSettings):
        settings = UnrolledSettings.from_values(settings)
    shown = snap(settings)
    return Plan(
        settings=shown,
        snapped=shown != settings,
        loss_steps=loss_steps(shown.arch, shown.T),
        inputs=input_steps(shown.arch, shown.T),
        paths=draws_paths(shown.arch, shown.view),
        folded=shown.view == "folded",
    )


def padded(values: object, n_steps: int) -> list[float]:
    """A walk's (t+1,) log10 values padded with NaN to (T,): the figure takes one value per step."""
    values = [float(v) for v in values]  # type: ignore[union-attr]
    return values + [float("nan")] * (n_steps - len(values))


def graph_args(view: Plan, numbers: Mapping[str, object] | None, reveal_from: int) -> dict[str, object]:
    """visualizer.figures.unrolled.unrolled_graph's arguments (all but the labels) for one frame.

    `numbers` is the cached walk (None where no paths are drawn); reveal_from is 0-based.
    """
    settings = view.settings
    structure = {
        "loss_steps": view.loss_steps,
        "inputs": view.inputs,
        "folded": view.folded,
        "recurrent": settings.arch != "ffnn",
        "window": settings.window if settings.arch == "tdnn" else None,
        "layers": settings.layers if settings.arch == "stacked" else 1,
        "weight": settings.weight,
    }
    if not view.paths or numbers is None:
        return structure
    return structure | {
        "selected": view.selected,
        "state_log10": padded(numbers["state"], view.n_steps),
        "term_log10": padded(numbers["term"], view.n_steps),
        "reveal_from": reveal_from,
    }
