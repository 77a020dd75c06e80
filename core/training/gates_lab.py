"""The gates lab: a SimpleRNN, a GRU and an LSTM trained the same way on temporal order.

The three runs of a `GatesLabConfig` see the same batches, the same held-out set and the same
trainer (core.training.train, the config's optimiser, no clipping), so they differ only in the
cell. The SimpleRNN is the clipping lab's network (core.training.clipping_lab with σ_max = 1,
Keras's default); the GRU and LSTM are core.gated's cells with their keep-gate biases set at init.
Each network reads its class at the last step; sequences are right-padded to a bucket length
with a step mask, so moving the length slider compiles once per bucket.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
import optax

from core.checks import check_choice, check_positive_ints
from core.gated.bptt import bptt as gated_bptt
from core.gated.cells import GatedParams, cell_of, forward, init_params
from core.gated.compare import CELL_KINDS
from core.rnn import RNNParams
from core.training import clipping_lab as lab
from core.training import tasks
from core.training.train import StepReport, TrainConfig, train

TASK = "temporal_order"
Params = RNNParams | GatedParams


@dataclass(frozen=True)
class GatesLabConfig:
    """One comparison run on temporal order: the task's length, the networks' size, the training."""

    n_steps: int  # T, the sequence length
    n_hidden: int  # H, the state size of every cell
    optimizer: str  # "sgd", "momentum" or "adam"
    learning_rate: float  # α
    steps: int  # training steps per run
    batch: int  # sequences per step
    seed: int  # weights, batches and the held-out batch
    forget_bias: float = 1.0  # the LSTM's forget-gate bias at init (Keras's unit_forget_bias = 1)
    update_bias: float = 1.0  # the GRU's update-gate z bias at init (z = share of h_{t-1} kept)

    def __post_init__(self) -> None:
        self.lab_config()  # validates n_steps, optimizer and the task as the clipping lab does
        check_positive_ints(self, ("n_hidden", "steps", "batch"), allow_bool=True)
        self.train_config()  # validates the learning rate
        if not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(f"seed must be an int >= 0, got {self.seed!r}")
        for name in ("forget_bias", "update_bias"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and np.isfinite(value)):
                raise ValueError(f"{name} must be a finite number, got {value!r}")

    def lab_config(self) -> lab.LabConfig:
        """The clipping lab's experiment with the same task, sizes and training: the SimpleRNN's run."""
        return lab.LabConfig(
            task=TASK,
            n_steps=self.n_steps,
            n_hidden=self.n_hidden,
            sigma_max=1.0,
            optimizer=self.optimizer,
            learning_rate=self.learning_rate,
            steps=self.steps,
            batch=self.batch,
            seed=self.seed,
        )

    def train_config(self) -> TrainConfig:
        """The trainer's settings, the same for the three cells: no clipping."""
        return self.lab_config().train_config("none")


# The page's presets. Each lesson is tested over seeds 0-4 (tests/core/test_gates_lab.py).
PRESETS: dict[str, GatesLabConfig] = {
    # T = 60: the SimpleRNN stays at chance (25 %) while the LSTM, its forget gate opened to σ(3) = 0.95,
    # learns. Measured over seeds 0-9 (600 steps of Adam at 0.01, batch 32): the LSTM ends at 100 %
    # held-out accuracy on every seed, first above 90 % between step 140 and 440; the SimpleRNN ends at
    # 20-30 % on every seed. The GRU (update bias 1) learns too, above 90 % by step 100-180 on seeds 0-4.
    # At Keras's forget bias 1 the LSTM stays near chance in these 600 steps ("forget_bias_1").
    "default": GatesLabConfig(
        n_steps=60,
        n_hidden=32,
        optimizer="adam",
        learning_rate=0.01,
        steps=600,
        batch=32,
        seed=0,
        forget_bias=3.0,
    ),
    # Keras's forget bias 1 (σ = 0.73 kept per step): the LSTM's path to the markers is too short to
    # start learning from in these 600 steps. Measured over seeds 0-4: it ends at 23-39 %.
    "forget_bias_1": GatesLabConfig(
        n_steps=60, n_hidden=32, optimizer="adam", learning_rate=0.01, steps=600, batch=32, seed=0
    ),
}


def initial_params(config: GatesLabConfig, cell: str) -> Params:
    """The weights a run of `cell` (one of CELL_KINDS) starts from: Keras's initialisers, float32."""
    check_choice("cell", cell, CELL_KINDS)
    if cell == "simple_rnn":
        return lab.initial_params(config.lab_config())
    bias = config.forget_bias if cell == "lstm" else config.update_bias
    n_in, n_out = tasks.n_inputs(TASK), tasks.n_outputs(TASK)
    params = init_params(
        jax.random.PRNGKey(config.seed), cell, n_in, config.n_hidden, n_out, forget_bias=bias
    )
    return type(params)(*(jnp.asarray(p, jnp.float32) for p in params))


def _gated_last_outputs(params: GatedParams, xs: jax.Array, mask: jax.Array) -> jax.Array:
    """The readout y_T (B, O) of a GRU or LSTM at each padded sequence's last real step."""
    cell = cell_of(params)

    def one(x: jax.Array) -> jax.Array:
        return forward(params, x, cell=cell, mask=mask)[1][-1]  # padding keeps the state

    return jax.vmap(one)(xs)


def gated_order_loss(params: GatedParams, batch: tuple[jax.Array, jax.Array, jax.Array]) -> jax.Array:
    """Mean softmax cross-entropy of the order class at the last step, for a GRU or an LSTM."""
    xs, mask, targets = batch
    logits = _gated_last_outputs(params, xs, mask)
    return optax.softmax_cross_entropy_with_integer_labels(logits, targets).mean()


@jax.jit
def _gated_accuracy(params: GatedParams, xs: jax.Array, mask: jax.Array, targets: jax.Array) -> jax.Array:
    return jnp.mean(jnp.argmax(_gated_last_outputs(params, xs, mask), axis=1) == targets)


def heldout_accuracy(config: GatesLabConfig, cell: str, params: Params) -> float:
    """The share of the held-out sequences (the clipping lab's set for this seed) whose order is right."""
    check_choice("cell", cell, CELL_KINDS)
    if cell == "simple_rnn":
        return lab.heldout_accuracy(config.lab_config(), params)
    xs, targets = tasks.heldout(TASK, config.seed, lab.HELDOUT_SIZE, config.n_steps)
    padded, mask = lab.pad_batch(xs)
    return float(_gated_accuracy(params, padded, mask, targets))


def run(config: GatesLabConfig, cell: str) -> Iterator[StepReport]:
    """Train `cell` (one of CELL_KINDS) on temporal order, reporting every step."""
    check_choice("cell", cell, CELL_KINDS)
    loss = lab.order_loss if cell == "simple_rnn" else gated_order_loss
    return train(
        loss,
        initial_params(config, cell),
        lab.training_batches(config.lab_config()),
        config.train_config(),
        evaluate=functools.partial(heldout_accuracy, config, cell),
    )


def reach(config: GatesLabConfig, cell: str, params: Params, index: int = 0) -> np.ndarray:
    """(T,) log10 ‖dE_T/dh_k‖ for k = 1..T, for held-out sequence `index` with its loss at step T.

    How far back the answer's gradient reaches through `params`: the page's maps at the start and
    the end of training. The sequence is the one the clipping lab's heatmap uses (clipping_lab.contributions).
    """
    check_choice("cell", cell, CELL_KINDS)
    if cell == "simple_rnn":
        return lab.contributions(config.lab_config(), params, index).log10_state_grad[-1]
    xs, targets = tasks.heldout(TASK, config.seed, index + 1, config.n_steps)
    step_classes = np.zeros(config.n_steps, dtype=int)
    step_classes[-1] = targets[index]  # only step T carries a loss ("last"), so the others are unused
    numpy_params = type(params)(*(np.asarray(p) for p in params))
    result = gated_bptt(
        numpy_params, xs[index], step_classes, cell=cell, loss="softmax_ce", loss_steps="last"
    )
    return result.log10_state_grad[-1]
