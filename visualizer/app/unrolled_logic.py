"""The unrolled-graph page's decisions, without Streamlit: which steps carry a loss, where t and k may go.

Steps are 0-based in the lists this module returns (as core and the figure count them) and 1-based in
the page's controls (t and k, as the chapter writes them). Everything here is plain Python on the
page's control values, so it is unit-tested without a browser (tests/pages/test_unrolled_page.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.experiment import ExperimentConfig

ARCHS = ("many_to_many", "many_to_one", "one_to_many", "delay", "ffnn", "stacked", "tdnn")
WEIGHTS = ("Ws", "Wx", "Wy")
WALK_DELAY_S = 0.7  # seconds per step of the ▶ walk; tests set it to 0 (read at call time)
N_HIDDEN = 4  # a small network: the page is about paths, not capacity


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


INPUTS = {"one_to_many": "first", "delay": "first_half"}  # ExperimentConfig.inputs per architecture


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
    return min(max(int(k), 1), int(t))


def unused_controls(arch: str, view: str) -> set[str]:
    """Controls that change nothing in this view, so the sidebar hides them (they keep their values)."""
    unused = set() if arch == "stacked" else {"layers"}
    unused |= set() if arch == "tdnn" else {"window"}
    if not draws_paths(arch, view):  # no numbers are computed: only the structure is drawn
        unused |= {"t", "k", "weight", "sigma", "act", "seed"}
    return unused


def term_one_is_zero(weight: str, k: int) -> bool:
    """Term 1 of dE_t/dWs is ∂⁺s_1/∂Ws = s_0 = 0 (k is 0-based here): the page says why it is 0."""
    return weight == "Ws" and k == 0


def walk_steps(selected: int) -> list[int]:
    """The ▶ walk's frames: reveal_from = t, t-1, ..., 1 (0-based selected .. 0), as figures 5.23, 5.28."""
    return list(range(selected, -1, -1))


@dataclass(frozen=True)
class Plan:
    """What the page draws for its control values (steps 0-based, except the 1-based t and k)."""

    n_steps: int
    loss_steps: list[int]
    inputs: list[int]
    t: int  # 1-based, snapped onto a loss step
    k: int  # 1-based, clamped into 1..t
    paths: bool
    folded: bool
    snapped: bool  # the requested t or k was moved (a link or a preset asked for a step not allowed)
    config: ExperimentConfig

    @property
    def selected(self) -> int:
        """The loss step t, 0-based."""
        return self.t - 1

    @property
    def reveal(self) -> int:
        """The step the walk has reached, 0-based."""
        return self.k - 1


def plan(value: Mapping[str, object]) -> Plan:
    """The page's view from its control values (the SPECS names), with t and k snapped into range."""
    arch, view, n_steps = str(value["arch"]), str(value["view"]), int(value["T"])
    t = snap_t(arch, n_steps, int(value["t"]))
    k = snap_k(t, int(value["k"]))
    config = ExperimentConfig(
        n_steps=n_steps,
        n_hidden=N_HIDDEN,
        sigma_max=0.0 if arch == "ffnn" else float(value["sigma"]),
        activation=str(value["act"]),
        inputs=INPUTS.get(arch, "all"),
        seed=int(value["seed"]),
    )
    return Plan(
        n_steps=n_steps,
        loss_steps=loss_steps(arch, n_steps),
        inputs=input_steps(arch, n_steps),
        t=t,
        k=k,
        paths=draws_paths(arch, view),
        folded=view == "folded",
        snapped=(t, k) != (int(value["t"]), int(value["k"])),
        config=config,
    )


def padded(values: object, n_steps: int) -> list[float]:
    """A walk's (t+1,) log10 values padded with NaN to (T,): the figure takes one value per step."""
    values = [float(v) for v in values]  # type: ignore[union-attr]
    return values + [float("nan")] * (n_steps - len(values))
