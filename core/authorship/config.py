"""What one authorship run is: the frozen, hashable AuthorshipConfig, its choices, and the page's presets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core import checks
from core.training.train import CLIPS, TrainConfig

READOUTS = ("last", "mean")
BALANCES = ("sampling", "weights", "none")
SPLITS = ("document", "random_window")
LIVE_WINDOWS = 512  # held-out windows scored during training (display only, never for a choice)


@dataclass(frozen=True)
class AuthorshipConfig:
    """One training run: data, model, optimiser. Hashable, so one run serves every session."""

    corpus: str = "federalist"  # a core.authorship.corpus name, or "upload:<hash>" for an uploaded corpus
    window: int = 100  # L, characters per window (the chapter uses 30; 10..200)
    stride: int = 50  # training windows start every `stride` characters (overlap = L - stride)
    readout: str = "mean"  # "last": the last state only (as in the chapter); "mean": mean of all states
    n_hidden: int = 64  # H, the SimpleRNN's state size
    n_embed: int = 16  # D, the character embedding size
    batch: int = 64  # windows per training step
    steps: int = 600  # training steps
    learning_rate: float = 3e-3  # Adam's step size
    clip: str = "global_norm"  # gradient clipping kind (core.training.train.CLIPS)
    threshold: float = 1.0  # clipping threshold
    balance: str = "sampling"  # "sampling": each author equally often; "weights": loss weights; "none"
    split: str = "document"  # "document": whole papers held out; "random_window": the chapter's leaky split
    validation_fraction: float = 0.15  # of each author's documents, to choose the decision offsets
    test_fraction: float = 0.2  # of each author's documents, used only for the reported accuracy
    seed: int = 0  # one seed for the split, the initial weights and the batches
    eval_every: int = 50  # steps between live held-out accuracies

    def __post_init__(self) -> None:
        sizes = ("window", "stride", "n_hidden", "n_embed", "batch", "steps", "eval_every")
        checks.check_positive_ints(self, sizes, allow_bool=True)
        checks.check_choice("readout", self.readout, READOUTS)
        checks.check_choice("balance", self.balance, BALANCES)
        checks.check_choice("split", self.split, SPLITS)
        checks.check_choice("clip", self.clip, CLIPS)
        for name in ("validation_fraction", "test_fraction"):
            if not 0.0 < getattr(self, name) < 0.5:
                raise ValueError(f"{name} must lie in (0, 0.5), got {getattr(self, name)!r}")

    def train_config(self) -> TrainConfig:
        """What core.training.train needs: Adam, this run's clipping and length."""
        return TrainConfig(
            optimizer="adam",
            learning_rate=self.learning_rate,
            clip=self.clip,
            threshold=self.threshold,
            steps=self.steps,
            eval_every=self.eval_every,
        )


# The page's presets (and the benchmark's): the fields they set on top of AuthorshipConfig().
PRESETS: dict[str, dict[str, Any]] = {
    # The chapter's activity: 30-character windows, the last state feeds the classifier.
    "chapter": {"window": 30, "stride": 15, "readout": "last", "n_hidden": 64, "steps": 600},
    # Long windows and the mean over all states: every step gets a short gradient path.
    "works_best": {"window": 100, "stride": 50, "readout": "mean", "n_hidden": 64, "steps": 600},
    # The same long windows through the last state only: the gradient must cross 100 steps.
    "last_fails": {"window": 100, "stride": 50, "readout": "last", "n_hidden": 64, "steps": 600},
}
