"""The Elman RNN of the chapter (Keras SimpleRNN, PyTorch nn.RNN), for one sequence.

    s_t = f(Wx x_t + Ws s_{t-1} + b),   y_t = Wy s_t + by

`forward` is the plain, differentiable definition: use it under `jax.jit`,
`jax.vmap` (batches) and `jax.grad` (training). Time is axis 0.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import lax

from core.activations import get_activation
from core.checks import check_choice, check_params, check_positive_int, check_sequence, check_state

INITIALISERS = ("glorot_uniform", "orthogonal", "normal", "zeros")


class RNNParams(NamedTuple):
    """Weights of one SimpleRNN layer plus its dense readout (a pytree).

    Keras SimpleRNN: kernel = Wx.T, recurrent_kernel = Ws.T, bias = b.
    PyTorch nn.RNN:  weight_ih = Wx, weight_hh = Ws, bias_ih + bias_hh = b.
    """

    Wx: jax.Array  # (H, I) input -> state
    Ws: jax.Array  # (H, H) state -> state, shared by every step
    b: jax.Array  # (H,)
    Wy: jax.Array  # (O, H) state -> output
    by: jax.Array  # (O,)


def _init_matrix(key: jax.Array, name: str, shape: tuple[int, int], gain: float) -> jax.Array:
    """One weight matrix of `shape` = (fan_out, fan_in) from a named initialiser times `gain`."""
    check_choice("initialiser", name, INITIALISERS)
    fan_out, fan_in = shape
    if name == "glorot_uniform":  # Keras's default kernel initialiser
        limit = jnp.sqrt(6.0 / (fan_in + fan_out))
        return gain * jax.random.uniform(key, shape, minval=-limit, maxval=limit)
    if name == "orthogonal":  # Keras's default recurrent initialiser
        # QR of a Gaussian matrix, signs fixed so Q is Haar-distributed. Every
        # singular value of a square Q is 1, so σ_max(gain·Q) = gain.
        big, small = max(shape), min(shape)
        q, r = jnp.linalg.qr(jax.random.normal(key, (big, small)))
        q = q * jnp.sign(jnp.diag(r))
        return gain * (q if fan_out >= fan_in else q.T)
    if name == "normal":
        # Variance gain²/fan_in: the spectral radius of a square matrix is then
        # about `gain` (circular law), its σ_max about 2·gain.
        return gain * jax.random.normal(key, shape) / jnp.sqrt(fan_in)
    if name == "zeros":
        return jnp.zeros(shape)
    raise AssertionError(name)  # unreachable: check_choice above admits only the names handled


def init_params(
    key: jax.Array,
    n_in: int,
    n_hidden: int,
    n_out: int,
    *,
    kernel_init: str = "glorot_uniform",
    recurrent_init: str = "orthogonal",
    recurrent_gain: float = 1.0,
) -> RNNParams:
    """Random parameters as Keras initialises SimpleRNN + Dense; biases start at zero.

    With recurrent_init="orthogonal", σ_max(Ws) = recurrent_gain exactly, which is
    how the lab dials a network into the vanishing or exploding regime.
    """
    for label, n in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        check_positive_int(label, n, allow_bool=True)
    k_x, k_s, k_y = jax.random.split(key, 3)
    return RNNParams(
        Wx=_init_matrix(k_x, kernel_init, (n_hidden, n_in), 1.0),
        Ws=_init_matrix(k_s, recurrent_init, (n_hidden, n_hidden), recurrent_gain),
        b=jnp.zeros(n_hidden),
        Wy=_init_matrix(k_y, "glorot_uniform", (n_out, n_hidden), 1.0),
        by=jnp.zeros(n_out),
    )


def forward(
    params: RNNParams,
    xs: jax.Array,
    *,
    s0: jax.Array | None = None,
    activation: str = "tanh",
    mask: jax.Array | None = None,
) -> tuple[jax.Array, jax.Array]:
    """Run the RNN over one sequence xs (T, I); return (states (T, H), outputs (T, O)).

    s0 (H,) is the state before step 1, zero unless given. mask (T,), if given,
    marks real steps with 1 and padding with 0: a padded step keeps the state
    as it was, so right-padding a sequence to a bucket length leaves its last
    state, and every gradient, exactly as without the padding. Values are raw: a
    network in the exploding regime overflows here; `core.bptt` keeps log scale.
    """
    f = get_activation(activation).fn
    check_params(params)
    check_sequence(xs, params.Wx.shape[1])
    if s0 is None:
        s0 = jnp.zeros(params.Ws.shape[0], dtype=jnp.result_type(params.Ws))
    check_state(s0, params.Ws.shape[0])

    if mask is None:
        mask = jnp.ones(xs.shape[0], dtype=bool)

    def step(s_prev: jax.Array, inputs: tuple[jax.Array, jax.Array]) -> tuple[jax.Array, jax.Array]:
        x_t, real = inputs
        s_t = jnp.where(real, f(params.Wx @ x_t + params.Ws @ s_prev + params.b), s_prev)
        return s_t, s_t

    _, states = lax.scan(step, s0, (xs, jnp.asarray(mask, dtype=bool)))
    outputs = states @ params.Wy.T + params.by
    return states, outputs
