"""Keras's SimpleRNN and Dense layers with Keras's semantics, in JAX (no TensorFlow).

Shapes follow Keras: a recurrent layer reads (batch, timesteps, input_dim). Params
are NamedTuple pytrees; layers are frozen dataclasses (hashable configs) whose
methods are pure functions of (params, inputs). Random keys are explicit.
core.keras.sequential stacks them.

Weight mapping to `core.rnn.RNNParams`: kernel = Wx.T (I, U), recurrent_kernel =
Ws.T (U, U), bias = b (U,), so one step is s_t = f(x_t @ kernel + s_{t-1} @
recurrent_kernel + bias), the chapter's s_t = f(Wx x_t + Ws s_{t-1} + b).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar, NamedTuple

import jax
import jax.numpy as jnp
from jax import lax

from core.activations import get_activation
from core.checks import check_choice, check_positive_int
from core.rnn import INITIALISERS, init_params

Shape = tuple[int | None, ...]
BIAS_INITIALISERS = ("zeros", "ones")
DENSE_ACTIVATIONS = ("linear", "tanh", "sigmoid", "relu", "softmax")


class SimpleRNNParams(NamedTuple):
    """One SimpleRNN layer's weights, named as Keras names them."""

    kernel: jax.Array  # (I, U) = Wx.T
    recurrent_kernel: jax.Array  # (U, U) = Ws.T
    bias: jax.Array | None  # (U,) = b; None when use_bias=False


class DenseParams(NamedTuple):
    """One Dense layer's weights."""

    kernel: jax.Array  # (I, U)
    bias: jax.Array | None  # (U,); None when use_bias=False


def _rate(label: str, rate: float) -> None:
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"{label} must be in [0, 1), got {rate!r}")


def _dropout_mask(key: jax.Array, rate: float, shape: tuple[int, ...]) -> jax.Array:
    """Keras's inverted dropout: keep with probability 1 - rate, scale the kept by 1 / (1 - rate)."""
    return jax.random.bernoulli(key, 1.0 - rate, shape) / (1.0 - rate)


def format_shape(shape: Shape | list[Shape]) -> str:
    """A shape as model.summary() prints it: (None, 10, 64), or a list for return_state."""
    if isinstance(shape, list):
        return "[" + ", ".join(format_shape(s) for s in shape) + "]"
    return "(" + ", ".join("None" if n is None else str(n) for n in shape) + ")"


@dataclass(frozen=True)
class SimpleRNN:
    """keras.layers.SimpleRNN: every option of the chapter's signature except regularisers/constraints."""

    units: int  # U, the state size
    activation: str = "tanh"  # tanh, sigmoid, relu or linear
    use_bias: bool = True
    kernel_initializer: str = "glorot_uniform"  # for kernel (I, U)
    recurrent_initializer: str = "orthogonal"  # for recurrent_kernel (U, U)
    bias_initializer: str = "zeros"  # zeros or ones
    dropout: float = 0.0  # on the inputs, one mask per sequence, training only
    recurrent_dropout: float = 0.0  # on the previous state, one mask per sequence, training only
    return_sequences: bool = False  # every step's output (B, T, U), or only the last (B, U)
    return_state: bool = False  # also return the final state (B, U)
    go_backwards: bool = False  # read the sequence reversed; outputs stay in processing order
    stateful: bool = False  # carry the final states into the next batch (see call_stateful)
    unroll: bool = False  # a Python loop over time instead of lax.scan: same numbers
    name: str | None = None

    recurrent: ClassVar[bool] = True  # Sequential checks that a recurrent layer gets a 3-D input

    def __post_init__(self) -> None:
        check_positive_int("units", self.units)
        get_activation(self.activation)
        check_choice("kernel_initializer", self.kernel_initializer, INITIALISERS)
        check_choice("recurrent_initializer", self.recurrent_initializer, INITIALISERS)
        check_choice("bias_initializer", self.bias_initializer, BIAS_INITIALISERS)
        _rate("dropout", self.dropout)
        _rate("recurrent_dropout", self.recurrent_dropout)

    def init(self, key: jax.Array, input_dim: int) -> SimpleRNNParams:
        """Weights as Keras initialises them, drawn by `core.rnn.init_params` and transposed."""
        check_positive_int("input_dim", input_dim)
        inits = dict(kernel_init=self.kernel_initializer, recurrent_init=self.recurrent_initializer)
        p = init_params(key, input_dim, self.units, 1, **inits)
        bias_init = jnp.ones if self.bias_initializer == "ones" else jnp.zeros
        bias = bias_init(self.units) if self.use_bias else None
        return SimpleRNNParams(p.Wx.T, p.Ws.T, bias)

    def count_params(self, input_dim: int) -> int:
        """Param # in model.summary(): U·(I + U) + U. No timesteps in it: the weights are shared."""
        return self.units * (input_dim + self.units) + (self.units if self.use_bias else 0)

    def output_shape(self, input_shape: Shape) -> Shape | list[Shape]:
        """Keras's output shape for input (batch, timesteps, input_dim); a list with return_state."""
        if len(input_shape) != 3:
            raise ValueError(
                f"expected ndim=3 (batch, timesteps, input_dim), found ndim={len(input_shape)}. "
                f"Full shape received: {format_shape(tuple(input_shape))}"
            )
        batch, steps, _ = input_shape
        out: Shape = (batch, steps, self.units) if self.return_sequences else (batch, self.units)
        return [out, (batch, self.units)] if self.return_state else out

    def _masks(
        self, key: jax.Array | None, training: bool, batch: int, input_dim: int
    ) -> tuple[jax.Array | None, jax.Array | None]:
        if not training or (self.dropout == 0.0 and self.recurrent_dropout == 0.0):
            return None, None  # dropout is off at inference, exactly as in Keras
        if key is None:
            raise ValueError("training with dropout or recurrent_dropout needs a PRNG key")
        k_in, k_rec = jax.random.split(key)
        # One mask per sequence, reused at every step (Keras's DropoutRNNCellMixin).
        rate_in, rate_rec = self.dropout, self.recurrent_dropout
        in_mask = _dropout_mask(k_in, rate_in, (batch, input_dim)) if rate_in else None
        rec_mask = _dropout_mask(k_rec, rate_rec, (batch, self.units)) if rate_rec else None
        return in_mask, rec_mask

    def _run_one(
        self,
        params: SimpleRNNParams,
        xs: jax.Array,
        s0: jax.Array,
        in_mask: jax.Array | None,
        rec_mask: jax.Array | None,
    ) -> tuple[jax.Array, jax.Array]:
        """One sequence xs (T, I) from state s0 (U,): (outputs (T, U) in processing order, final (U,))."""
        f = get_activation(self.activation).fn
        if self.go_backwards:
            xs = xs[::-1]
        if in_mask is not None:
            xs = xs * in_mask
        drive = xs @ params.kernel  # the input part of every step at once: (T, U)
        if params.bias is not None:
            drive = drive + params.bias

        def step(s_prev: jax.Array, drive_t: jax.Array) -> tuple[jax.Array, jax.Array]:
            h = s_prev * rec_mask if rec_mask is not None else s_prev
            s_t = f(drive_t + h @ params.recurrent_kernel)
            return s_t, s_t

        if self.unroll:  # Keras's unroll=True: one traced copy of the step per timestep
            s, outs = s0, []
            for t in range(xs.shape[0]):
                s, out = step(s, drive[t])
                outs.append(out)
            return jnp.stack(outs), s
        final, outs = lax.scan(step, s0, drive)
        return outs, final

    def run(
        self,
        params: SimpleRNNParams,
        x: jax.Array,
        *,
        initial_state: jax.Array | None = None,
        training: bool = False,
        key: jax.Array | None = None,
    ) -> tuple[jax.Array, jax.Array]:
        """x (B, T, I) -> (every output (B, T, U) in processing order, final state (B, U))."""
        x = jnp.asarray(x)
        if x.ndim != 3:
            raise ValueError(f"SimpleRNN expects (batch, timesteps, input_dim), got shape {x.shape}")
        batch, _, input_dim = x.shape
        if params.kernel.shape != (input_dim, self.units):
            raise ValueError(f"kernel has shape {params.kernel.shape}, expected {(input_dim, self.units)}")
        if initial_state is None:
            initial_state = jnp.zeros((batch, self.units), dtype=jnp.result_type(x, params.kernel))
        if initial_state.shape != (batch, self.units):
            raise ValueError(f"state must have shape {(batch, self.units)}, got {initial_state.shape}")
        in_mask, rec_mask = self._masks(key, training, batch, input_dim)
        return _run_batch(self, params, x, initial_state, in_mask, rec_mask)

    def _result(self, outs: jax.Array, final: jax.Array) -> jax.Array | tuple[jax.Array, jax.Array]:
        output = outs if self.return_sequences else final
        return (output, final) if self.return_state else output

    def __call__(
        self, params: SimpleRNNParams, x: jax.Array, **options: Any
    ) -> jax.Array | tuple[jax.Array, jax.Array]:
        """What Keras returns: output (B, T, U) or (B, U), and with return_state also the state (B, U).

        Takes `run`'s keywords (initial_state, training, key).
        """
        return self._result(*self.run(params, x, **options))

    def reset_states(self, batch_size: int, dtype: jnp.dtype = jnp.float32) -> jax.Array:
        """The zero states (B, U) a stateful layer starts from and returns to on layer.reset_states()."""
        check_positive_int("batch_size", batch_size)
        return jnp.zeros((batch_size, self.units), dtype=dtype)

    def call_stateful(
        self,
        params: SimpleRNNParams,
        x: jax.Array,
        states: jax.Array,
        *,
        training: bool = False,
        key: jax.Array | None = None,
    ) -> tuple[jax.Array | tuple[jax.Array, jax.Array], jax.Array]:
        """One batch of a stateful layer: (what __call__ returns, the states for the next batch (B, U)).

        Sample i of this batch starts from states[i], the final state of sample i of the
        previous batch (Keras's rule); the batch size must stay fixed.
        """
        if not self.stateful:
            raise ValueError("call_stateful needs SimpleRNN(stateful=True); a stateless layer starts at 0")
        if states.shape[0] != jnp.shape(x)[0]:
            raise ValueError(
                f"a stateful layer needs a fixed batch size: states hold {states.shape[0]} samples, "
                f"the batch has {jnp.shape(x)[0]}"
            )
        outs, final = self.run(params, x, initial_state=states, training=training, key=key)
        return self._result(outs, final), final


@partial(jax.jit, static_argnums=0)
def _run_batch(
    layer: SimpleRNN,
    params: SimpleRNNParams,
    x: jax.Array,
    s0: jax.Array,
    in_mask: jax.Array | None,
    rec_mask: jax.Array | None,
) -> tuple[jax.Array, jax.Array]:
    """SimpleRNN._run_one vmapped over the batch, compiled once per layer config and shape.

    One program per shape compiles faster than dispatching the vmapped scan op by op.
    """
    axes = (None, 0, 0, None if in_mask is None else 0, None if rec_mask is None else 0)
    return jax.vmap(layer._run_one, in_axes=axes)(params, x, s0, in_mask, rec_mask)


def _dense_activation(name: str) -> Callable[[jax.Array], jax.Array]:
    # softmax is over the last axis, so it is not an elementwise core activation
    return jax.nn.softmax if name == "softmax" else get_activation(name).fn


@dataclass(frozen=True)
class Dense:
    """keras.layers.Dense: acts on the last axis, so on 3-D input it applies at every timestep."""

    units: int
    activation: str = "linear"  # linear (Keras's None), tanh, sigmoid, relu or softmax
    use_bias: bool = True
    kernel_initializer: str = "glorot_uniform"
    name: str | None = None

    recurrent: ClassVar[bool] = False

    def __post_init__(self) -> None:
        check_positive_int("units", self.units)
        check_choice("activation", self.activation, DENSE_ACTIVATIONS)
        check_choice("kernel_initializer", self.kernel_initializer, INITIALISERS)

    def init(self, key: jax.Array, input_dim: int) -> DenseParams:
        """kernel (I, U) from the named initialiser (core.rnn's), bias zeros."""
        check_positive_int("input_dim", input_dim)
        # init_params draws Wx (U, I) with Keras's kernel initialisers; Ws is unused here.
        inits = dict(kernel_init=self.kernel_initializer, recurrent_init="zeros")
        p = init_params(key, input_dim, self.units, 1, **inits)
        return DenseParams(p.Wx.T, jnp.zeros(self.units) if self.use_bias else None)

    def count_params(self, input_dim: int) -> int:
        """I·U + U: with 3-D input the same weights serve every timestep."""
        return input_dim * self.units + (self.units if self.use_bias else 0)

    def output_shape(self, input_shape: Shape) -> Shape:
        """Every axis of the input but the last, then units."""
        if len(input_shape) < 2:
            raise ValueError(f"Dense needs at least 2-D input, got {format_shape(tuple(input_shape))}")
        return (*input_shape[:-1], self.units)

    def __call__(self, params: DenseParams, x: jax.Array) -> jax.Array:
        """x (..., I) -> (..., U)."""
        y = jnp.asarray(x) @ params.kernel
        if params.bias is not None:
            y = y + params.bias
        return _dense_activation(self.activation)(y)
