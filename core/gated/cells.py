"""GRU and LSTM cells with Keras 3's semantics and weight layout, for one sequence.

GRU (keras.layers.GRU, reset_after=True), gates in Keras's column order z, r, h:

    [x_z, x_r, x_h] = x_t kernel + bias[0],   [m_z, m_r, m_h] = h_{t-1} recurrent_kernel + bias[1]
    z = σ(x_z + m_z),  r = σ(x_r + m_r),  ĥ = tanh(x_h + r ⊙ m_h),  h_t = z ⊙ h_{t-1} + (1 - z) ⊙ ĥ

LSTM (keras.layers.LSTM), gates in Keras's column order i, f, c, o:

    [a_i, a_f, a_c, a_o] = x_t kernel + h_{t-1} recurrent_kernel + bias
    c_t = σ(a_f) ⊙ c_{t-1} + σ(a_i) ⊙ tanh(a_c),   h_t = σ(a_o) ⊙ tanh(c_t)

Both read out y_t = Wy h_t + by, as the SimpleRNN does (core.rnn). Keras's
`layer.set_weights([kernel, recurrent_kernel, bias])` with these arrays gives the same cell.
z is the share of h_{t-1} a GRU step keeps and σ(a_f) the share of c_{t-1} an LSTM step keeps:
their biases are the "keep" dials of the gates page (init_params's forget_bias).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from core.buckets import bucket_hidden
from core.checks import check_choice, check_positive_int

CELLS = ("gru", "lstm")
GATES = {"gru": 3, "lstm": 4}  # blocks of H columns in kernel and recurrent_kernel


class GRUParams(NamedTuple):
    """Weights of one Keras GRU (reset_after=True) plus its dense readout (a pytree)."""

    kernel: jax.Array  # (I, 3H) input -> gates z, r, h
    recurrent_kernel: jax.Array  # (H, 3H) state -> gates z, r, h
    bias: jax.Array  # (2, 3H) row 0 added to the input part, row 1 to the recurrent part
    Wy: jax.Array  # (O, H) state -> output
    by: jax.Array  # (O,)


class LSTMParams(NamedTuple):
    """Weights of one Keras LSTM plus its dense readout (a pytree)."""

    kernel: jax.Array  # (I, 4H) input -> gates i, f, c, o
    recurrent_kernel: jax.Array  # (H, 4H) state -> gates i, f, c, o
    bias: jax.Array  # (4H,)
    Wy: jax.Array  # (O, H) state -> output
    by: jax.Array  # (O,)


GatedParams = GRUParams | LSTMParams


@jax.custom_jvp
def _sigmoid(a: jax.Array) -> jax.Array:
    return jax.nn.sigmoid(a)


@_sigmoid.defjvp
def _sigmoid_jvp(primals, tangents):
    # σ'(a) = σ(a)σ(-a): JAX's σ(1 - σ) rounds to 0 once σ(a) rounds to 1 (a > 17 in float32),
    # which would cut a saturated gate's path to an exact zero in the BPTT maps.
    (a,), (da,) = primals, tangents
    return jax.nn.sigmoid(a), jax.nn.sigmoid(a) * jax.nn.sigmoid(-a) * da


@jax.custom_jvp
def _tanh(a: jax.Array) -> jax.Array:
    return jnp.tanh(a)


@_tanh.defjvp
def _tanh_jvp(primals, tangents):
    # tanh'(a) = 4e^{-2|a|} / (1 + e^{-2|a|})², not 1 - tanh², which rounds to 0 for |a| > 9 in float32.
    (a,), (da,) = primals, tangents
    e = jnp.exp(-2.0 * jnp.abs(a))
    return jnp.tanh(a), 4.0 * e / (1.0 + e) ** 2 * da


def _draw_sliced(draw, key: jax.Array, rows: int, blocks: int, cols: int) -> np.ndarray:
    """The (rows, blocks·cols) float32 matrix `draw(key, (rows, blocks·cols))` gives, without its compile.

    An eager jax.random call compiles one kernel per shape, so we draw one flat vector of
    bucket_hidden(rows)·blocks·bucket_hidden(cols) numbers (one compile per bucket) and keep the
    first rows·blocks·cols. With JAX's partitionable threefry each number depends only on the key
    and its row-major index, so these are the exact-shape draw's numbers, value for value (and
    slicing iid draws would keep them iid anyway: the distribution is exact).
    """
    size = bucket_hidden(rows) * blocks * bucket_hidden(cols)
    flat = np.asarray(draw(key, (size,)), dtype=np.float32)
    return flat[: rows * blocks * cols].reshape(rows, blocks * cols)


def _glorot_uniform(key: jax.Array, fan_in: int, fan_out: int, blocks: int = 1) -> np.ndarray:
    """Keras's default kernel initialiser: a (fan_in, fan_out) matrix U(±√(6 / (fan_in + fan_out))).

    fan_out = blocks · units, one block of units per gate. Scaled in NumPy (float32, as
    jax.random.uniform scales) by the exact limit, so nothing here compiles per shape.
    """
    limit = np.sqrt(np.float32(6.0 / (fan_in + fan_out)))
    unit = _draw_sliced(jax.random.uniform, key, fan_in, blocks, fan_out // blocks)  # U[0, 1)
    # In float64, rounded once: on our CPU this is jax.random.uniform's own u·(2·limit) − limit bit for
    # bit (XLA fuses the multiply-add); elsewhere it differs by at most one float32 rounding.
    return np.maximum(-limit, (unit.astype(np.float64) * (limit + limit) - limit).astype(np.float32))


def _orthogonal(key: jax.Array, units: int, blocks: int = 1) -> np.ndarray:
    """Keras's default recurrent initialiser: (units, blocks·units), orthonormal rows, signs fixed (Haar).

    QR in NumPy of a (blocks·units, units) standard normal matrix, Q's columns signed by R's
    diagonal so that Q is Haar-distributed, as Keras does; transposed.
    """
    normal = _draw_sliced(jax.random.normal, key, units, blocks, units).reshape(blocks * units, units)
    q, r = np.linalg.qr(normal.astype(np.float64))  # float64: orthonormal to float32's last bit
    return (q * np.sign(np.diag(r))).T.astype(np.float32)


def init_params(
    key: jax.Array, cell: str, n_in: int, n_hidden: int, n_out: int, *, forget_bias: float = 1.0
) -> GatedParams:
    """Random parameters as Keras initialises the cell, plus a Dense readout (float32).

    kernel glorot-uniform, recurrent_kernel orthogonal, biases zero, except the keep gate:
    the LSTM's forget gate f (Keras's unit_forget_bias=True is forget_bias = 1) and the GRU's
    update gate z (bias[0], z block; Keras starts it at 0) start at forget_bias. The random
    numbers are drawn at core.buckets.bucket_hidden shapes and sliced, so moving H inside one
    bucket compiles nothing.
    """
    check_choice("cell", cell, CELLS)
    for label, n in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        check_positive_int(label, n)
    if not np.isfinite(forget_bias):
        raise ValueError(f"forget_bias must be a finite number, got {forget_bias!r}")
    gates = GATES[cell]
    width = gates * n_hidden
    k_x, k_s, k_y = jax.random.split(key, 3)
    kernel = _glorot_uniform(k_x, n_in, width, gates)
    recurrent = _orthogonal(k_s, n_hidden, gates)
    wy = _glorot_uniform(k_y, n_hidden, n_out).T
    by = np.zeros(n_out, np.float32)
    # NumPy, then one transfer each (device_put: jnp.zeros().at[].set and jnp.asarray compile per shape).
    if cell == "gru":
        bias = np.zeros((2, width), np.float32)
        bias[0, :n_hidden] = forget_bias
        return GRUParams(*(jax.device_put(p) for p in (kernel, recurrent, bias, wy, by)))
    bias = np.zeros(width, np.float32)
    bias[n_hidden : 2 * n_hidden] = forget_bias
    return LSTMParams(*(jax.device_put(p) for p in (kernel, recurrent, bias, wy, by)))


def cell_of(params: GatedParams) -> str:
    """ "gru" or "lstm", read from the params' type."""
    if isinstance(params, GRUParams):
        return "gru"
    if isinstance(params, LSTMParams):
        return "lstm"
    raise ValueError(f"params must be GRUParams or LSTMParams, got {type(params).__name__}")


def check_gated(params: GatedParams, cell: str) -> tuple[int, int, int]:
    """Check that the params are a `cell` whose arrays fit together; return (I, H, O)."""
    check_choice("cell", cell, CELLS)
    if cell_of(params) != cell:
        raise ValueError(f"cell={cell!r} but params are {type(params).__name__}")
    kernel, recurrent = jnp.shape(params.kernel), jnp.shape(params.recurrent_kernel)
    if len(recurrent) != 2 or recurrent[1] != GATES[cell] * recurrent[0]:
        raise ValueError(f"recurrent_kernel must be (H, {GATES[cell]}H), got {recurrent}")
    n_hidden = recurrent[0]
    if len(kernel) != 2 or kernel[1] != recurrent[1]:
        raise ValueError(f"kernel must be (I, {recurrent[1]}), got {kernel}")
    want_bias = (2, recurrent[1]) if cell == "gru" else (recurrent[1],)
    if jnp.shape(params.bias) != want_bias:
        raise ValueError(f"bias must be {want_bias}, got {jnp.shape(params.bias)}")
    wy = jnp.shape(params.Wy)
    if len(wy) != 2 or wy[1] != n_hidden or jnp.shape(params.by) != (wy[0],):
        raise ValueError(f"Wy must be (O, {n_hidden}) and by (O,), got {wy} and {jnp.shape(params.by)}")
    return kernel[0], n_hidden, wy[0]


def gru_step(params: GRUParams, h_prev: jax.Array, x_t: jax.Array) -> jax.Array:
    """One GRU step: h_prev (H,), x_t (I,) -> h_t (H,)."""
    n = h_prev.shape[0]
    x_part = x_t @ params.kernel + params.bias[0]
    m_part = h_prev @ params.recurrent_kernel + params.bias[1]
    z = _sigmoid(x_part[:n] + m_part[:n])
    r = _sigmoid(x_part[n : 2 * n] + m_part[n : 2 * n])
    h_hat = _tanh(x_part[2 * n :] + r * m_part[2 * n :])
    return z * h_prev + (1.0 - z) * h_hat


def lstm_step(params: LSTMParams, state: tuple[jax.Array, jax.Array], x_t: jax.Array):
    """One LSTM step: state (h_prev, c_prev), each (H,), and x_t (I,) -> (h_t, c_t)."""
    h_prev, c_prev = state
    n = h_prev.shape[0]
    a = x_t @ params.kernel + h_prev @ params.recurrent_kernel + params.bias
    i, f, o = (_sigmoid(a[j * n : (j + 1) * n]) for j in (0, 1, 3))
    c = f * c_prev + i * _tanh(a[2 * n : 3 * n])
    return o * _tanh(c), c


def forward(
    params: GatedParams, xs: jax.Array, *, cell: str, mask: jax.Array | None = None
) -> tuple[jax.Array, jax.Array]:
    """Run the cell over one sequence xs (T, I) from a zero state; return (states (T, H), outputs (T, O)).

    states are h_t. mask (T,), if given, marks real steps with 1 and padding with 0: a padded
    step keeps the whole state (h and, for the LSTM, c), so right-padding to a bucket length
    leaves the last state and every gradient as without the padding (as core.rnn.forward).
    """
    n_in, n_hidden, _ = check_gated(params, cell)
    if jnp.ndim(xs) != 2 or jnp.shape(xs)[1] != n_in or jnp.shape(xs)[0] < 1:
        raise ValueError(f"xs must have shape (T, I) with T >= 1 and I = {n_in}, got {jnp.shape(xs)}")
    dtype = jnp.result_type(params.recurrent_kernel)
    keep = jnp.ones(xs.shape[0], dtype=bool) if mask is None else jnp.asarray(mask, dtype=bool)
    h0 = jnp.zeros(n_hidden, dtype)

    if cell == "gru":

        def step(h, inputs):
            x_t, real = inputs
            h = jnp.where(real, gru_step(params, h, x_t), h)
            return h, h

        _, states = lax.scan(step, h0, (xs, keep))
    else:

        def step(carry, inputs):
            x_t, real = inputs
            h, c = lstm_step(params, carry, x_t)
            carry = (jnp.where(real, h, carry[0]), jnp.where(real, c, carry[1]))
            return carry, carry[0]

        _, states = lax.scan(step, (h0, h0), (xs, keep))
    return states, states @ params.Wy.T + params.by
