"""Shape buckets, so that moving a slider reuses a compiled function.

XLA compiles one program per input shape. We pad the sequence length T and the
hidden size H up to a few bucket sizes and mask the padding, so a sweep over
every T from 1 to 256 compiles 8 programs instead of 256.
"""

from __future__ import annotations

import math

import numpy as np

from core.rnn import RNNParams

STEP_QUANTUM = 32  # T buckets are multiples of 32 up to 256 ...
STEP_DOUBLING_FROM = 256  # ... then four per doubling: 320, 384, 448, 512, 640, ...


def step_quantum(n_steps: int) -> int:
    """The spacing of T buckets around n_steps; every bucket is a multiple of it."""
    return STEP_QUANTUM * 2 ** max(0, math.ceil(math.log2(n_steps / STEP_DOUBLING_FROM)))


def bucket_steps(n_steps: int) -> int:
    """The padded length for T steps: at most 1.25x T beyond T = 256."""
    quantum = step_quantum(n_steps)
    return quantum * math.ceil(n_steps / quantum)


def bucket_hidden(n_hidden: int) -> int:
    """The padded hidden size: the next of 8, 12, 16, 24, 32, 48, 64, 96, 128, ..."""
    size = 8
    while size < n_hidden:
        size = size * 3 // 2 if size & (size - 1) == 0 else size * 4 // 3
    return size


def pad_params(params: RNNParams, n_hidden_padded: int) -> RNNParams:
    """Zero-pad (in NumPy) the hidden dimension of every weight to n_hidden_padded.

    Padded units get no input and feed nothing; the caller also masks their
    state, because f(0) = 0.5 for the sigmoid.
    """
    extra = n_hidden_padded - params.Ws.shape[0]
    return RNNParams(
        Wx=np.pad(params.Wx, ((0, extra), (0, 0))),
        Ws=np.pad(params.Ws, ((0, extra), (0, extra))),
        b=np.pad(params.b, (0, extra)),
        Wy=np.pad(params.Wy, ((0, 0), (0, extra))),
        by=np.asarray(params.by),
    )


def pad_steps(values: np.ndarray, n_steps_padded: int) -> np.ndarray:
    """Zero-pad axis 0 (time) of a NumPy array up to n_steps_padded."""
    extra = n_steps_padded - values.shape[0]
    return np.pad(values, [(0, extra)] + [(0, 0)] * (values.ndim - 1))


def loss_layout(n_steps: int, loss_steps: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Which padded steps carry a loss, and which rows the backward scan keeps.

    Returns the loss mask (T_pad,) over bucket_steps(n_steps) steps, and rows: None to keep a row per
    step ("all", many-to-many), or [T - 1] for the one loss of "last" (many-to-one).
    """
    steps = np.arange(bucket_steps(n_steps))
    if loss_steps == "all":
        return steps < n_steps, None
    return steps == n_steps - 1, np.array([n_steps - 1])
