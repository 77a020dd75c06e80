"""Keras's Sequential over core.keras.layers: shape checks when built, summary() and count_params()."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import jax

from core.checks import check_positive_int
from core.keras.layers import Dense, Shape, SimpleRNN, format_shape

Layer = SimpleRNN | Dense
_KERAS_NAMES = {SimpleRNN: "simple_rnn", Dense: "dense"}


class SummaryRow(NamedTuple):
    """One line of model.summary()."""

    name: str  # e.g. simple_rnn_1
    kind: str  # SimpleRNN or Dense
    output_shape: str  # e.g. (None, 10, 64)
    params: int  # Param #


@dataclass(frozen=True)
class Sequential:
    """keras.models.Sequential built on input_shape = (timesteps, input_dim), batch None unless given.

    A layer with return_state passes its output (not the state) to the next layer, as
    `out, state = layer(x)` would in Keras's functional API.
    """

    layers: tuple[Layer, ...]
    input_shape: tuple[int, int]  # (timesteps, input_dim)
    batch_size: int | None = None  # stateful models fix it; summary prints None otherwise

    def __post_init__(self) -> None:
        if not self.layers:
            raise ValueError("a Sequential model needs at least one layer")
        if len(self.input_shape) != 2:
            raise ValueError(f"input_shape is (timesteps, input_dim), got {self.input_shape!r}")
        for n in self.input_shape:
            check_positive_int("input_shape entries", n)
        self.build()  # fail at construction, as model.add does in Keras

    def names(self) -> list[str]:
        """Each layer's name: its own, or Keras's simple_rnn_1, dense_1, dense_2, ..."""
        seen: dict[type, int] = {}
        names = []
        for layer in self.layers:
            seen[type(layer)] = seen.get(type(layer), 0) + 1
            names.append(layer.name or f"{_KERAS_NAMES[type(layer)]}_{seen[type(layer)]}")
        return names

    def build(self) -> list[tuple[Shape | list[Shape], int]]:
        """(output shape, Param #) per layer; ValueError if a recurrent layer gets a 2-D input."""
        shape: Shape = (self.batch_size, *self.input_shape)
        names = self.names()
        built = []
        for i, layer in enumerate(self.layers):
            if layer.recurrent and len(shape) != 3:
                below = f" on {names[i - 1]}" if i else ""
                raise ValueError(
                    f"Input 0 of layer {names[i]} is incompatible with the layer: expected ndim=3, "
                    f"found ndim={len(shape)}. Full shape received: {format_shape(shape)}. "
                    f"A recurrent layer reads a sequence (batch, timesteps, features): "
                    f"set return_sequences=True{below}."
                )
            out = layer.output_shape(shape)
            built.append((out, layer.count_params(shape[-1])))
            shape = out[0] if isinstance(out, list) else out
        return built

    def summary_rows(self) -> list[SummaryRow]:
        """The rows of model.summary()."""
        return [
            SummaryRow(name, type(layer).__name__, format_shape(out), n)
            for name, layer, (out, n) in zip(self.names(), self.layers, self.build(), strict=True)
        ]

    def count_params(self) -> int:
        """Total params: the sum of Param #."""
        return sum(n for _, n in self.build())

    def summary(self) -> str:
        """model.summary() as Keras prints it."""
        rows = self.summary_rows()
        rule, thick = "_" * 65, "=" * 65
        lines = [rule, f"{'Layer (type)':<29}{'Output Shape':<26}Param #", thick]
        for i, r in enumerate(rows):
            lines.append(f"{f'{r.name} ({r.kind})':<29}{r.output_shape:<26}{r.params}")
            lines.append(thick if i == len(rows) - 1 else rule)
        total = self.count_params()
        lines += [f"Total params: {total:,}", f"Trainable params: {total:,}", "Non-trainable params: 0", rule]
        return "\n".join(lines)

    def init(self, key: jax.Array) -> tuple:
        """Every layer's params, one key each."""
        keys = jax.random.split(key, len(self.layers))
        dims = [self.input_shape[1]] + [
            (out[0] if isinstance(out, list) else out)[-1] for out, _ in self.build()[:-1]
        ]
        return tuple(layer.init(k, d) for layer, k, d in zip(self.layers, keys, dims, strict=True))

    def __call__(
        self, params: tuple, x: jax.Array, *, training: bool = False, key: jax.Array | None = None
    ) -> jax.Array:
        """x (B, timesteps, input_dim) -> the last layer's output; recurrent layers start at 0."""
        keys = jax.random.split(key, len(self.layers)) if key is not None else [None] * len(self.layers)
        for layer, p, k in zip(self.layers, params, keys, strict=True):
            if layer.recurrent:
                x = layer(p, x, training=training, key=k)
                x = x[0] if layer.return_state else x
            else:
                x = layer(p, x)
        return x
