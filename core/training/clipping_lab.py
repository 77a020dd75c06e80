"""The clipping lab: one SimpleRNN trained on a long-range task, the same way but for the clipping.

Every run of a `LabConfig` starts from the same weights and sees the same
batches, so the runs differ only in how the gradient is clipped. The network is
`core.rnn.forward` (tanh), read out at the last step, vmapped over the batch.
Sequences are right-padded to a bucket length with a mask, so moving the
length slider compiles once per bucket, not once per value.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

from core.bptt import BPTTResult, bptt
from core.buckets import bucket_steps
from core.checks import check_choice
from core.rnn import RNNParams, forward, init_params
from core.training import tasks
from core.training.train import CLIPS, OPTIMIZERS, StepReport, TrainConfig, train

HELDOUT_SIZE = 256  # sequences in the held-out batch
ADDING_TOLERANCE = 0.04  # an adding answer counts as right within this (Hochreiter & Schmidhuber 1997)


@dataclass(frozen=True)
class LabConfig:
    """One clipping experiment: the task, the network, and how it is trained (all but the clipping)."""

    task: str = "adding"  # "adding" or "temporal_order" (core.training.tasks)
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
        check_choice("task", self.task, tasks.TASKS)
        if not isinstance(self.n_steps, int) or not tasks.MIN_STEPS <= self.n_steps <= 1000:
            raise ValueError(f"n_steps must be an int in {tasks.MIN_STEPS}..1000, got {self.n_steps!r}")
        if not (np.isfinite(self.sigma_max) and self.sigma_max >= 0):
            raise ValueError(f"sigma_max must be a finite number >= 0, got {self.sigma_max!r}")
        check_choice("optimizer", self.optimizer, OPTIMIZERS)

    @property
    def n_params(self) -> int:
        """P, the number of trained numbers: Wx (H, I), Ws (H, H), b (H,), Wy (O, H), by (O,)."""
        n_in, n_out, h = tasks.n_inputs(self.task), tasks.n_outputs(self.task), self.n_hidden
        return h * n_in + h * h + h + n_out * h + n_out

    @property
    def value_threshold(self) -> float:
        """The per-entry bound of "clip by value": θ/√P.

        Clipping each entry to [-θ/√P, θ/√P] keeps the clipped gradient inside a box whose
        corners lie at norm θ, so both clippings bound the step by the same θ and differ only
        in direction. Clipping entries at θ itself would almost never act: a gradient of norm
        10θ spread over P = 4,600 weights has entries far below θ.
        """
        return self.threshold / math.sqrt(self.n_params)

    def train_config(self, clip: str) -> TrainConfig:
        """The trainer's settings for one run of this experiment."""
        return TrainConfig(
            optimizer=self.optimizer,
            learning_rate=self.learning_rate,
            clip=clip,
            threshold=self.value_threshold if clip == "value" else self.threshold,
            steps=self.steps,
            eval_every=max(1, self.steps // 30),
        )


# The page's presets. Each lesson is tested over seeds 0-9 (tests/core/test_clipping_lab.py), not on one
# seed: a training run is chaotic, and one seed's outcome can change with a CPU's float rounding.
PRESETS: dict[str, LabConfig] = {
    # Unclipped SGD meets gradients many times θ and stays at chance; clipped by norm, it learns.
    # Measured over seeds 0-9: norm clipping reaches 90 % by step 100-300 of 600 and value clipping by
    # step 80-160; no clipping never does, and meets a largest ‖g‖ of 6θ to 29θ.
    "explodes": LabConfig(task="temporal_order", n_steps=40, sigma_max=1.1, learning_rate=0.1, steps=600),
    # θ far below the usual gradient norm: every step is clipped to α·θ = 0.001, so training crawls.
    "too_low": LabConfig(
        task="temporal_order", n_steps=40, sigma_max=1.1, learning_rate=0.1, threshold=0.01, steps=600
    ),
    # A short sequence with Adam: ‖g‖ stays far below θ, so norm clipping never acts; value clipping's
    # per-entry bound θ/√P is touched on a few steps (< 5 %); every run learns within 20 steps.
    "no_need": LabConfig(
        task="temporal_order",
        n_steps=20,
        sigma_max=1.0,
        optimizer="adam",
        learning_rate=0.01,
        threshold=100.0,
        steps=200,
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


def pad_batch(xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    padded, mask = pad_batch(xs)
    return float(_accuracy(params, padded, mask, targets, task=config.task))


def training_batches(config: LabConfig) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The seeded batches (xs padded (B, T_pad, I), mask (T_pad,), targets (B,)), the same for every run."""
    for xs, targets in tasks.batches(config.task, config.seed, config.batch, config.n_steps):
        padded, mask = pad_batch(xs)
        yield padded, mask, targets


def run(config: LabConfig, clip: str) -> Iterator[StepReport]:
    """Train one run with clipping `clip` (a name in core.training.train.CLIPS), reporting every step."""
    check_choice("clip", clip, CLIPS)
    return train(
        LOSSES[config.task],
        initial_params(config),
        training_batches(config),
        config.train_config(clip),
        evaluate=functools.partial(heldout_accuracy, config),
    )


def marker_steps(config: LabConfig, index: int = 0) -> tuple[int, ...]:
    """The 1-based steps that carry held-out sequence `index`'s two markers (what the answer depends on)."""
    xs, _ = tasks.heldout(config.task, config.seed, index + 1, config.n_steps)
    if config.task == "adding":
        marked = xs[index, :, 1] > 0.5
    else:
        marked = xs[index, :, tasks.N_DISTRACTORS :].sum(axis=1) > 0.5
    return tuple(int(k) + 1 for k in np.flatnonzero(marked))


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
