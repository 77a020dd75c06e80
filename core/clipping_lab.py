"""The clipping lab: one SimpleRNN trained on a long-range task, the same way but for the clipping.

Every run of a `LabConfig` starts from the same weights and sees the same
batches, so the runs differ only in how the gradient is clipped. The network is
`core.rnn.forward` (tanh), read out at the last step, vmapped over the batch.
Sequences are right-padded to a bucket length with a mask, so moving the
length slider compiles once per bucket, not once per value.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

from core import tasks
from core.bptt import BPTTResult, bptt
from core.buckets import bucket_steps
from core.rnn import RNNParams, forward, init_params
from core.train import CLIPS, OPTIMIZERS, StepReport, TrainConfig, train

HELDOUT_SIZE = 256  # sequences in the held-out batch
ADDING_TOLERANCE = 0.04  # an adding answer counts as right within this (Hochreiter & Schmidhuber 1997)


@dataclass(frozen=True)
class LabConfig:
    """One clipping experiment: the task, the network, and how it is trained (all but the clipping)."""

    task: str = "adding"  # "adding" or "temporal_order" (core.tasks)
    n_steps: int = 50  # T, the sequence length
    n_hidden: int = 64  # H
    sigma_max: float = 1.0  # σ_max(Ws) at initialisation (orthogonal Ws, so exactly this)
    optimizer: str = "sgd"  # "sgd", "momentum" or "adam"
    learning_rate: float = 0.01  # α
    threshold: float = 1.0  # the clipping threshold θ
    steps: int = 300  # training steps per run
    batch: int = 64  # sequences per step
    seed: int = 0  # weights, batches and the held-out batch

    def __post_init__(self) -> None:
        if self.task not in tasks.TASKS:
            raise ValueError(f"unknown task {self.task!r}; expected one of {', '.join(tasks.TASKS)}")
        if not isinstance(self.n_steps, int) or not tasks.MIN_STEPS <= self.n_steps <= 1000:
            raise ValueError(f"n_steps must be an int in {tasks.MIN_STEPS}..1000, got {self.n_steps!r}")
        if not (np.isfinite(self.sigma_max) and self.sigma_max >= 0):
            raise ValueError(f"sigma_max must be a finite number >= 0, got {self.sigma_max!r}")
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {self.optimizer!r}; expected one of {', '.join(OPTIMIZERS)}")

    def train_config(self, clip: str) -> TrainConfig:
        """The trainer's settings for one run of this experiment."""
        return TrainConfig(
            optimizer=self.optimizer,
            learning_rate=self.learning_rate,
            clip=clip,
            threshold=self.threshold,
            steps=self.steps,
            eval_every=max(1, self.steps // 30),
        )


# The page's presets, and the facts the tests hold them to (seed 0).
PRESETS: dict[str, LabConfig] = {
    # Unclipped SGD is thrown off by a gradient spike (‖g‖ > 10θ) and stays at chance;
    # clipped by norm, the same network learns the task.
    "explodes": LabConfig(task="temporal_order", n_steps=50, sigma_max=1.1, learning_rate=0.1, steps=600),
    # θ far below the usual gradient norm: every step is clipped, so training crawls.
    "too_low": LabConfig(
        task="temporal_order", n_steps=50, sigma_max=1.1, learning_rate=0.1, threshold=0.01, steps=600
    ),
    # Small, steady gradients and a generous θ: clipping never acts, all runs are identical.
    "no_need": LabConfig(
        task="adding", n_steps=50, sigma_max=1.0, learning_rate=0.05, threshold=20.0, steps=300
    ),
}


def initial_params(config: LabConfig) -> RNNParams:
    """The weights every run starts from: Keras's initialisers, Ws orthogonal times σ_max (float32)."""
    params = init_params(
        jax.random.PRNGKey(config.seed),
        tasks.n_inputs(config.task),
        config.n_hidden,
        tasks.n_outputs(config.task),
        recurrent_gain=config.sigma_max,
    )
    return RNNParams(*(jnp.asarray(p, jnp.float32) for p in params))


def _padded(xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """xs (B, T, I) right-padded with zeros to the bucket length, and the step mask (T_pad,)."""
    n_steps = xs.shape[1]
    padded = bucket_steps(n_steps)
    mask = np.arange(padded) < n_steps
    return np.pad(xs, ((0, 0), (0, padded - n_steps), (0, 0))), mask


def _last_outputs(params: RNNParams, xs: jax.Array, mask: jax.Array) -> jax.Array:
    """The readout y_T (B, O) at each sequence's last real step."""

    def one(x: jax.Array) -> jax.Array:
        return forward(params, x, mask=mask)[1][-1]  # padding keeps the state, so y[-1] = y_T

    return jax.vmap(one)(xs)


def adding_loss(params: RNNParams, batch: tuple[jax.Array, jax.Array, jax.Array]) -> jax.Array:
    """Mean over the batch of ½(y_T - target)², the adding problem's squared error."""
    xs, mask, targets = batch
    return 0.5 * jnp.mean((_last_outputs(params, xs, mask)[:, 0] - targets) ** 2)


def order_loss(params: RNNParams, batch: tuple[jax.Array, jax.Array, jax.Array]) -> jax.Array:
    """Mean softmax cross-entropy of the order class at the last step."""
    xs, mask, targets = batch
    log_p = jax.nn.log_softmax(_last_outputs(params, xs, mask))
    return -jnp.mean(jnp.take_along_axis(log_p, targets[:, None], axis=1))


LOSSES = {"adding": adding_loss, "temporal_order": order_loss}


@functools.partial(jax.jit, static_argnames="task")
def _accuracy(params: RNNParams, xs: jax.Array, mask: jax.Array, targets: jax.Array, *, task: str):
    y = _last_outputs(params, xs, mask)
    if task == "adding":
        return jnp.mean(jnp.abs(y[:, 0] - targets) < ADDING_TOLERANCE)
    return jnp.mean(jnp.argmax(y, axis=1) == targets)


def heldout_accuracy(config: LabConfig, params: RNNParams) -> float:
    """The share of held-out sequences answered right (adding: within 0.04 of the sum)."""
    xs, targets = tasks.heldout(config.task, config.seed, HELDOUT_SIZE, config.n_steps)
    padded, mask = _padded(xs)
    return float(_accuracy(params, padded, mask, targets, task=config.task))


def training_batches(config: LabConfig) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The seeded batches (xs padded (B, T_pad, I), mask (T_pad,), targets (B,)), the same for every run."""
    for xs, targets in tasks.batches(config.task, config.seed, config.batch, config.n_steps):
        padded, mask = _padded(xs)
        yield padded, mask, targets


def run(config: LabConfig, clip: str) -> Iterator[StepReport]:
    """Train one run with clipping `clip` (a name in core.train.CLIPS), reporting every step."""
    if clip not in CLIPS:
        raise ValueError(f"unknown clip {clip!r}; expected one of {', '.join(CLIPS)}")
    return train(
        LOSSES[config.task],
        initial_params(config),
        training_batches(config),
        config.train_config(clip),
        evaluate=functools.partial(heldout_accuracy, config),
    )


def contributions(config: LabConfig, params: RNNParams, index: int = 0) -> BPTTResult:
    """BPTT maps of held-out sequence `index` through `params`: how far back its gradient reaches."""
    xs, targets = tasks.heldout(config.task, config.seed, index + 1, config.n_steps)
    params = RNNParams(*(np.asarray(p) for p in params))  # bptt takes NumPy, in its own float type
    if config.task == "adding":
        step_targets = np.zeros((config.n_steps, 1))
        step_targets[-1, 0] = targets[index]
        return bptt(params, xs[index], step_targets, loss="mse", loss_steps="last")
    step_classes = np.zeros(config.n_steps, dtype=int)
    step_classes[-1] = targets[index]
    return bptt(params, xs[index], step_classes, loss="softmax_ce", loss_steps="last")
