"""The lab's one trainer: a jitted optax step for any loss, with the chapter's gradient clipping.

`train` is a generator. It yields a `StepReport` after every step, so a page
can draw progress while the core knows nothing of Streamlit (minGPT's trainer
callbacks, as a generator). What clipping did is measured on every step: the
gradient norm before and after, whether anything changed, and the cosine
between the raw and the clipped gradient (norm clipping keeps the direction,
value clipping does not).

The step is compiled once per (loss function, optimiser kind, shapes): the
learning rate lives in the optimiser state (optax.inject_hyperparams) and the
clipping kind and threshold are traced arguments, so neither a slider nor a
switch between the clipping modes recompiles.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import optax
from jax import lax

from core.checks import check_choice, check_positive_ints

CLIPS = ("none", "global_norm", "value", "per_param_norm")
OPTIMIZERS = ("sgd", "momentum", "adam")
MOMENTUM = 0.9  # SGD + momentum's β, the common textbook value

Params = Any  # a pytree of arrays
LossFn = Callable[[Params, Any], jax.Array]  # (params, batch) -> scalar


@dataclass(frozen=True)
class TrainConfig:
    """How to train: optimiser, clipping and length. Hashable, so it can key a cache."""

    optimizer: str = "adam"  # "sgd", "momentum" (SGD with β = 0.9) or "adam"
    learning_rate: float = 1e-3  # α in W <- W - α·g
    clip: str = "none"  # "none", "global_norm", "value" (element-wise) or "per_param_norm"
    threshold: float = 1.0  # the clipping threshold (a norm, or |g_i| for "value")
    steps: int = 300  # how many updates
    eval_every: int = 25  # run `evaluate` every this many steps (and after the last)

    def __post_init__(self) -> None:
        check_choice("optimizer", self.optimizer, OPTIMIZERS)
        check_choice("clip", self.clip, CLIPS)
        for name in ("learning_rate", "threshold"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
        check_positive_ints(self, ("steps", "eval_every"), allow_bool=True)


class StepReport(NamedTuple):
    """What one training step did. Norms are global L2 norms over every parameter."""

    step: int  # 1-based
    loss: float  # the training batch's loss before this step's update
    grad_norm: float  # ||g|| of the raw gradient
    clipped_norm: float  # ||clip(g)||, the norm of what the optimiser received
    clipped: bool  # whether clipping changed the gradient at all
    cosine: float  # cos(g, clip(g)); 1 when the direction is kept
    heldout: float  # `evaluate(params)` after this step, nan on steps without an evaluation
    finite: bool  # False once the loss or the gradient is inf or nan: the run stopped here
    params: Params  # the parameters after this step (before it, when finite is False)


def clip_gradients(grads: Params, kind: str | int | jax.Array, threshold: float | jax.Array) -> Params:
    """The gradient after clipping of `kind` (a name in CLIPS, or its index) at `threshold`.

    global_norm: g · min(1, θ/||g||) over all parameters (Pascanu et al. 2013).
    value: each element clamped to [-θ, θ] (Mikolov's element-wise clipping).
    per_param_norm: global_norm applied to each parameter array on its own.
    All three are optax's transformations; an index kind may be traced (lax.switch).
    """
    index = CLIPS.index(kind) if isinstance(kind, str) else kind

    def by_norm(tree: Params) -> Params:
        return optax.clip_by_global_norm(threshold).update(tree, optax.EmptyState())[0]

    branches = (
        lambda g: g,
        by_norm,
        lambda g: optax.clip(threshold).update(g, optax.EmptyState())[0],
        lambda g: jax.tree.map(by_norm, g),
    )
    return lax.switch(index, branches, grads)


def _scaled_cosine(a: Params, b: Params) -> jax.Array:
    """cos(a, b) over whole pytrees; dividing by the largest |entry| first keeps huge gradients finite."""
    flat_a = jnp.concatenate([x.ravel() for x in jax.tree.leaves(a)])
    flat_b = jnp.concatenate([x.ravel() for x in jax.tree.leaves(b)])
    flat_a = flat_a / jnp.maximum(jnp.max(jnp.abs(flat_a)), jnp.finfo(flat_a.dtype).tiny)
    flat_b = flat_b / jnp.maximum(jnp.max(jnp.abs(flat_b)), jnp.finfo(flat_b.dtype).tiny)
    return jnp.vdot(flat_a, flat_b) / (jnp.linalg.norm(flat_a) * jnp.linalg.norm(flat_b))


@functools.cache
def optimizer(kind: str) -> optax.GradientTransformation:
    """The optax optimiser of `kind`, its learning rate a hyperparameter held in the state."""
    factories = {
        "sgd": optax.sgd,
        "momentum": lambda learning_rate: optax.sgd(learning_rate, momentum=MOMENTUM),
        "adam": optax.adam,
    }
    return optax.inject_hyperparams(factories[kind])(learning_rate=1.0)


def init_state(kind: str, params: Params, learning_rate: float) -> Any:
    """The optimiser state for params, with the learning rate set (a traced value, not a constant)."""
    state = optimizer(kind).init(params)
    state.hyperparams["learning_rate"] = jnp.asarray(learning_rate, dtype=_dtype(params))
    return state


def _dtype(params: Params) -> jnp.dtype:
    """The parameters' float type: hyperparameters match it, so float32 weights stay float32."""
    return jnp.result_type(*jax.tree.leaves(params))


@functools.partial(jax.jit, static_argnames=("loss_fn", "kind"))
def train_step(
    params: Params,
    opt_state: Any,
    batch: Any,
    clip_index: jax.Array,
    threshold: jax.Array,
    *,
    loss_fn: LossFn,
    kind: str,
) -> tuple[Params, Any, dict[str, jax.Array]]:
    """One update: gradient, clipping, optimiser. Returns (params, opt_state, measurements)."""
    loss, grads = jax.value_and_grad(loss_fn)(params, batch)
    clipped = clip_gradients(grads, clip_index, threshold)
    changed = jax.tree.leaves(jax.tree.map(lambda g, c: jnp.any(g != c), grads, clipped))
    updates, opt_state = optimizer(kind).update(clipped, opt_state, params)
    measured = {
        "loss": loss,
        "grad_norm": optax.tree.norm(grads),
        "clipped_norm": optax.tree.norm(clipped),
        "clipped": jnp.any(jnp.stack(changed)),
        # Untouched gradients point the same way, zero ones included (where the formula is 0/0).
        "cosine": jnp.where(jnp.any(jnp.stack(changed)), _scaled_cosine(grads, clipped), 1.0),
    }
    return optax.apply_updates(params, updates), opt_state, measured


def train(
    loss_fn: LossFn,
    params: Params,
    batches: Iterable[Any],
    config: TrainConfig,
    *,
    evaluate: Callable[[Params], float] | None = None,
) -> Iterator[StepReport]:
    """Train for config.steps steps (or until `batches` runs out), yielding a report after each.

    loss_fn(params, batch) -> scalar must be a stable function (module level or
    cached), since the jitted step is compiled per loss_fn. A step whose loss or
    gradient norm is not finite is not applied: its report has finite=False and
    the generator ends there ("diverged at step N").
    """
    # Strongly typed copies: a weakly typed leaf (jnp.array(0.0)) would come back strong after the
    # first update and make the second step compile again.
    params = jax.tree.map(lambda x: jnp.array(x, dtype=jnp.asarray(x).dtype), params)
    opt_state = init_state(config.optimizer, params, config.learning_rate)
    clip_index = jnp.asarray(CLIPS.index(config.clip))
    threshold = jnp.asarray(config.threshold, dtype=_dtype(params))
    for step, batch in zip(range(1, config.steps + 1), batches, strict=False):
        new_params, new_state, measured = train_step(
            params, opt_state, batch, clip_index, threshold, loss_fn=loss_fn, kind=config.optimizer
        )
        m = jax.device_get(measured)
        finite = math.isfinite(float(m["loss"])) and math.isfinite(float(m["grad_norm"]))
        if finite:
            params, opt_state = new_params, new_state
        due = step == config.steps or step % config.eval_every == 0
        score = evaluate(params) if evaluate is not None and finite and due else math.nan
        yield StepReport(
            step=step,
            loss=float(m["loss"]),
            grad_norm=float(m["grad_norm"]),
            clipped_norm=float(m["clipped_norm"]),
            clipped=bool(m["clipped"]),
            cosine=float(m["cosine"]),
            heldout=float(score),
            finite=finite,
            params=params,
        )
        if not finite:
            return
