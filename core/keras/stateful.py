"""Exercise 24: the same network trained stateless and stateful on one long stream, over seeds.

The task is next-value prediction on a stream made of two sines (periods 7.3 and
19.1 steps), cut into consecutive chunks of `timesteps` values. The next value
of such a stream depends on its last four values, so at the start of a chunk a
stateless network, whose state is reset to 0 for every sample, has to guess; a
stateful one carries the state over from the previous chunk of the same stream.

Batch layout (figure 5.33, Keras's rule): the stream is split into `batch_size`
equal substreams; sample i of batch j is chunk j of substream i, so sample i of
batch j+1 continues sample i of batch j. The stateful run keeps the batches in
order (shuffle=False) and resets its state at the start of every epoch; the
stateless run visits its batches in a new random order every epoch, as Keras's
shuffle="batch" does (whole batches are permuted, each keeps its samples).
Keras's default, shuffle=True, shuffles single samples across batches instead; a
stateless network does not depend on either order, since every sample starts
from a zero state. Gradients stop at chunk boundaries (truncated BPTT), as in Keras.

Everything is deterministic per seed: the seed sets the stream's phases, the
initial weights and the batch order. Both arms and every seed train at once under
one jit (vmap over (seed, arm)); only the config's sizes are compiled into it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax

from core.checks import check_positive_ints
from core.keras.layers import Dense, DenseParams, SimpleRNN, SimpleRNNParams

ARMS = ("stateless", "stateful")
PERIODS = (7.3, 19.1)  # two incommensurate periods: the next value needs the last four
SEED_BUCKET = 5  # seeds are padded to a multiple of this, so the seed slider rarely recompiles


@dataclass(frozen=True)
class StatefulConfig:
    """One exercise-24 experiment; hashable, so it is a cache key."""

    timesteps: int = 10  # length of each sample (chunk), Keras's input_shape[0]
    batch_size: int = 4  # samples per batch = parallel substreams
    n_batches: int = 24  # consecutive chunks per substream used for training
    test_batches: int = 6  # the chunks after them, used to measure the error
    units: int = 16  # SimpleRNN(units)
    epochs: int = 20  # passes over the training batches
    learning_rate: float = 0.01  # Adam
    n_seeds: int = 5  # independent repeats (the box plot's points)
    shuffle_stateful: bool = False  # the stateful run's batch order permuted too: the mistake to show

    def __post_init__(self) -> None:
        sizes = ("timesteps", "batch_size", "n_batches", "test_batches", "units", "epochs", "n_seeds")
        check_positive_ints(self, sizes)
        if not (np.isfinite(self.learning_rate) and self.learning_rate > 0):
            raise ValueError(f"learning_rate must be a finite number > 0, got {self.learning_rate!r}")


class StatefulResult(NamedTuple):
    """Test RMSE per arm and seed, and the training curves; NumPy arrays."""

    seeds: np.ndarray  # (S,) the seeds used
    test_rmse: np.ndarray  # (2, S) rows in ARMS order: stateless, stateful
    train_loss: np.ndarray  # (2, S, epochs) mean training MSE per epoch
    rmse_by_step: np.ndarray  # (2, timesteps) test RMSE at each position in a chunk, over seeds
    params: tuple  # trained (SimpleRNNParams, DenseParams), NumPy leaves with leading axes (2, S)


def stream(config: StatefulConfig, seed: int) -> np.ndarray:
    """The seed's stream cut as Keras's stateful layout wants it: (B, n_chunks, timesteps + 1).

    Row i is substream i; its chunk j holds timesteps + 1 values, so inputs are [:-1]
    and next-value targets [1:]. Chunks n_batches.. are the test continuation.
    """
    n_chunks = config.n_batches + config.test_batches
    per_stream = n_chunks * config.timesteps
    phases = np.random.default_rng(seed).uniform(0, 2 * np.pi, size=len(PERIODS))
    t = np.arange(config.batch_size * per_stream + 1, dtype=float)
    x = 0.5 * np.sin(2 * np.pi * t / PERIODS[0] + phases[0]) + 0.4 * np.sin(
        2 * np.pi * t / PERIODS[1] + phases[1]
    )
    starts = (
        np.arange(config.batch_size)[:, None] * per_stream + np.arange(n_chunks)[None, :] * config.timesteps
    )
    return x[starts[..., None] + np.arange(config.timesteps + 1)]


class _Sizes(NamedTuple):
    """What is compiled into the jitted functions: sizes only, so epochs, seeds and shuffle are data."""

    timesteps: int
    batch_size: int
    n_batches: int
    test_batches: int
    units: int
    learning_rate: float


def _sizes(config: StatefulConfig) -> _Sizes:
    return _Sizes(
        config.timesteps,
        config.batch_size,
        config.n_batches,
        config.test_batches,
        config.units,
        config.learning_rate,
    )


def _layers(sizes: _Sizes) -> tuple[SimpleRNN, Dense]:
    return SimpleRNN(sizes.units, return_sequences=True, stateful=True), Dense(1)


def _predict(sizes: _Sizes, params: tuple, x: jax.Array, state: jax.Array) -> tuple[jax.Array, jax.Array]:
    """x (B, T) from state (B, U) -> predictions (B, T) and the final state (B, U)."""
    rnn, dense = _layers(sizes)
    outs, final = rnn.run(params[0], x[..., None], initial_state=state)
    return dense(params[1], outs)[..., 0], final


def _mse(
    sizes: _Sizes, params: tuple, x: jax.Array, y: jax.Array, state: jax.Array
) -> tuple[jax.Array, jax.Array]:
    pred, final = _predict(sizes, params, x, state)
    return jnp.mean((pred - y) ** 2), final


def _init(sizes: _Sizes, seeds: list[int]) -> tuple[SimpleRNNParams, DenseParams]:
    """Keras's initial weights for each seed, stacked: params with a leading axis len(seeds).

    Op by op, not jitted: compiling the orthogonal initialiser's QR under vmap took
    seconds, while the eager ops are compiled once per process and reused.
    """
    rnn, dense = _layers(sizes)
    one = []
    for seed in seeds:
        k_rnn, k_dense = jax.random.split(jax.random.PRNGKey(seed))
        one.append((rnn.init(k_rnn, 1), dense.init(k_dense, sizes.units)))
    return jax.tree.map(lambda *leaves: jnp.stack(leaves), *one)


@partial(jax.jit, static_argnums=0)
def _train_epoch(sizes: _Sizes, params, opt_state, chunks, carry, shuffle, key):
    """One epoch for every run r (a seed and an arm) at once, vmapped over r.

    chunks (R, B, n_chunks, T+1); carry (R,) 1.0 = state carried, 0.0 = reset per batch;
    shuffle (R,) bool: permute the order of the batches (shuffle="batch"), never the samples in one;
    key (R, 2); params and opt_state have a leading R axis.
    Returns them updated and the epoch's mean training MSE (R,).
    """
    optimiser = optax.adam(sizes.learning_rate)

    def one_run(params, opt_state, chunks, carry, shuffle, key):
        order = jnp.where(shuffle, jax.random.permutation(key, sizes.n_batches), jnp.arange(sizes.n_batches))

        def train_step(c, j):
            params, opt_state, state = c
            batch = chunks[:, order[j]]  # (B, T+1): sample i is chunk order[j] of substream i
            (loss, final), grads = jax.value_and_grad(partial(_mse, sizes), has_aux=True)(
                params, batch[:, :-1], batch[:, 1:], state * carry
            )
            updates, opt_state = optimiser.update(grads, opt_state, params)
            # Truncated BPTT: the carried state is a constant to the next batch's gradient.
            return (optax.apply_updates(params, updates), opt_state, jax.lax.stop_gradient(final)), loss

        state0 = jnp.zeros((sizes.batch_size, sizes.units), chunks.dtype)  # reset_states() per epoch
        (params, opt_state, _), losses = jax.lax.scan(
            train_step, (params, opt_state, state0), jnp.arange(sizes.n_batches)
        )
        return params, opt_state, losses.mean()

    return jax.vmap(one_run)(params, opt_state, chunks, carry, shuffle, key)


@partial(jax.jit, static_argnums=0)
def _test_errors(sizes: _Sizes, params, chunks, carry):
    """Squared errors (R, B, test_batches, T) on the test chunks, each run in its own mode.

    A stateful run reads the training chunks in order first, so it enters the test
    continuation with the state Keras would hold after fit(); a stateless run starts
    every chunk at 0 whatever came before.
    """

    def one_run(params, chunks, carry):
        def step(state, chunk):
            pred, final = _predict(sizes, params, chunk[:, :-1], state * carry)
            return final, (pred - chunk[:, 1:]) ** 2

        state0 = jnp.zeros((sizes.batch_size, sizes.units), chunks.dtype)
        _, errors = jax.lax.scan(step, state0, jnp.moveaxis(chunks, 1, 0))  # (n_chunks, B, T)
        return jnp.moveaxis(errors[sizes.n_batches :], 0, 1)

    return jax.vmap(one_run)(params, chunks, carry)


def run_experiment(
    config: StatefulConfig, on_epoch: Callable[[int, np.ndarray], None] | None = None
) -> StatefulResult:
    """Train both arms for seeds 0..n_seeds-1; on_epoch(epoch, mean MSE (2, S)) reports progress."""
    sizes = _sizes(config)
    n_padded = -(-config.n_seeds // SEED_BUCKET) * SEED_BUCKET
    seeds = np.arange(n_padded)
    runs = [(seed, arm) for seed in seeds for arm in ARMS]  # row r = 2·seed + arm
    chunks = jnp.asarray(np.stack([stream(config, int(seed)) for seed, _ in runs]), jnp.float32)
    carry = jnp.asarray([float(arm == "stateful") for _, arm in runs], jnp.float32)
    # Batch order permuted per epoch (Keras's shuffle="batch") for the stateless run, which does not
    # care; the stateful run needs shuffle=False. (Keras's default shuffle=True permutes samples.)
    shuffle = jnp.asarray([arm == "stateless" or config.shuffle_stateful for _, arm in runs])
    # Both arms of a seed start from the same weights, so only statefulness differs.
    params = _init(sizes, [int(seed) for seed, _ in runs])
    opt_state = jax.jit(jax.vmap(optax.adam(sizes.learning_rate).init))(params)
    losses = []
    for epoch in range(config.epochs):
        keys = jnp.stack([jax.random.fold_in(jax.random.PRNGKey(int(seed)), epoch + 1) for seed, _ in runs])
        params, opt_state, loss = _train_epoch(sizes, params, opt_state, chunks, carry, shuffle, keys)
        loss = np.asarray(loss, dtype=float).reshape(n_padded, len(ARMS)).T[:, : config.n_seeds]
        losses.append(loss)
        if on_epoch is not None:
            on_epoch(epoch, loss)
    errors = np.asarray(_test_errors(sizes, params, chunks, carry), dtype=float)
    errors = errors.reshape(n_padded, len(ARMS), *errors.shape[1:])[: config.n_seeds]  # (S, 2, B, n, T)
    return StatefulResult(
        seeds=seeds[: config.n_seeds],
        test_rmse=np.sqrt(errors.mean(axis=(2, 3, 4))).T,
        train_loss=np.stack(losses, axis=-1),
        rmse_by_step=np.sqrt(errors.mean(axis=(0, 2, 3))),
        params=jax.tree.map(
            lambda a: np.swapaxes(np.asarray(a).reshape(n_padded, len(ARMS), *a.shape[1:]), 0, 1)[
                :, : config.n_seeds
            ],
            params,
        ),
    )
