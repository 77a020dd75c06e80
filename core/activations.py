"""Activation functions f, with the log of their derivative for log-space BPTT.

BPTT multiplies many factors f'(a_j); for a saturated tanh, 1 - tanh(a)^2 rounds
to 0 in float32 long before the true value leaves float range. Each activation
therefore also gives ln f'(a) in a form that stays accurate for any finite a.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp

from core.checks import check_choice

ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")


class Activation(NamedTuple):
    """One activation: f, ln f', the bound γ on |f'|, and whether f(c·a) = c·f(a) for c > 0."""

    fn: Callable[[jax.Array], jax.Array]
    log_derivative: Callable[[jax.Array], jax.Array]
    gamma: float
    homogeneous: bool


def _log_dtanh(a: jax.Array) -> jax.Array:
    # tanh'(a) = sech²(a) = 4 e^{-2|a|} / (1 + e^{-2|a|})²
    m = jnp.abs(a)
    return jnp.log(4.0) - 2.0 * m - 2.0 * jnp.log1p(jnp.exp(-2.0 * m))


def _log_dsigmoid(a: jax.Array) -> jax.Array:
    # σ'(a) = e^{-|a|} / (1 + e^{-|a|})²
    m = jnp.abs(a)
    return -m - 2.0 * jnp.log1p(jnp.exp(-m))


def _log_drelu(a: jax.Array) -> jax.Array:
    # Matches jax.nn.relu's derivative, which is 0 at a = 0.
    return jnp.where(a > 0, 0.0, -jnp.inf).astype(a.dtype)


_TABLE = {
    "tanh": Activation(jnp.tanh, _log_dtanh, 1.0, False),
    "sigmoid": Activation(jax.nn.sigmoid, _log_dsigmoid, 0.25, False),
    "relu": Activation(jax.nn.relu, _log_drelu, 1.0, True),
    "linear": Activation(lambda a: a, jnp.zeros_like, 1.0, True),
}


def get_activation(name: str) -> Activation:
    """Look up an activation by name; raise ValueError naming the allowed ones."""
    check_choice("activation", name, ACTIVATIONS)
    return _TABLE[name]
