"""Input checks shared by the core's public functions.

Each failure is a ValueError whose message names the argument and what was
wrong with it, so a page can show it to a student as it is.
"""

from __future__ import annotations

import numpy as np

LOSSES = ("mse", "softmax_ce")
LOSS_STEPS = ("all", "last")


class ExplainedError(ValueError):
    """A ValueError a page can say in its own language: str(err) is the English message;
    key names the reason (a subclass's default, or a finer one from the caller) and values
    fill its string. Values hold names and numbers only, so a translation is whole.
    """

    key = "bad"

    def __init__(self, message: str, *, key: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.key = key or self.key
        self.values = values


def _shape(a: object) -> tuple[int, ...]:
    return tuple(np.shape(a))


def check_params(params: object) -> tuple[int, int, int]:
    """Check that RNNParams fit together; return (I, H, O)."""
    fields = ("Wx", "Ws", "b", "Wy", "by")
    if not all(hasattr(params, f) for f in fields):
        raise ValueError(f"params must be an RNNParams with fields {', '.join(fields)}")
    wx, ws, b, wy, by = (_shape(getattr(params, f)) for f in fields)
    if len(wx) != 2:
        raise ValueError(f"Wx must have shape (H, I), got {wx}")
    n_hidden, n_in = wx
    if ws != (n_hidden, n_hidden):
        raise ValueError(f"Ws must have shape (H, H) = {(n_hidden, n_hidden)}, got {ws}")
    if b != (n_hidden,):
        raise ValueError(f"b must have shape (H,) = {(n_hidden,)}, got {b}")
    if len(wy) != 2 or wy[1] != n_hidden:
        raise ValueError(f"Wy must have shape (O, H) with H = {n_hidden}, got {wy}")
    if by != (wy[0],):
        raise ValueError(f"by must have shape (O,) = {(wy[0],)}, got {by}")
    if min(n_in, n_hidden, wy[0]) < 1:
        raise ValueError(f"every dimension must be at least 1, got I={n_in}, H={n_hidden}, O={wy[0]}")
    return n_in, n_hidden, wy[0]


def check_sequence(xs: object, n_in: int) -> int:
    """Check that xs has shape (T, I) with T >= 1; return T."""
    shape = _shape(xs)
    if len(shape) != 2 or shape[1] != n_in:
        raise ValueError(f"xs must have shape (T, I) with I = {n_in}, got {shape}")
    if shape[0] < 1:
        raise ValueError("xs must hold at least one timestep (T >= 1)")
    return shape[0]


def check_state(s0: object, n_hidden: int) -> None:
    """Check that an initial state has shape (H,)."""
    if _shape(s0) != (n_hidden,):
        raise ValueError(f"s0 must have shape (H,) = {(n_hidden,)}, got {_shape(s0)}")


def check_choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    """Check that a string option is one of the allowed values."""
    if value not in allowed:
        raise ValueError(f"unknown {name} {value!r}; expected one of {', '.join(allowed)}")


def check_positive_int(name: str, value: object, *, allow_bool: bool = False) -> None:
    """Check that a size or count is an int >= 1 (a bool is refused unless allow_bool)."""
    if not isinstance(value, int) or (isinstance(value, bool) and not allow_bool) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")


def check_positive_ints(owner: object, names: tuple[str, ...], *, allow_bool: bool = False) -> None:
    """check_positive_int for each named attribute of owner (a config's size fields)."""
    for name in names:
        check_positive_int(name, getattr(owner, name), allow_bool=allow_bool)


def check_targets(targets: object, n_steps: int, n_out: int, loss: str) -> None:
    """mse wants float targets (T, O); softmax_ce wants int class ids (T,) in [0, O)."""
    shape = _shape(targets)
    if loss == "mse":
        if shape != (n_steps, n_out):
            raise ValueError(f"mse targets must have shape (T, O) = {(n_steps, n_out)}, got {shape}")
        return
    if shape != (n_steps,):
        raise ValueError(f"softmax_ce targets must have shape (T,) = {(n_steps,)}, got {shape}")
    ids = np.asarray(targets)
    if not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"softmax_ce targets must be integer class ids, got dtype {ids.dtype}")
    if ids.min() < 0 or ids.max() >= n_out:
        raise ValueError(f"softmax_ce targets must lie in [0, {n_out}), got {ids.min()}..{ids.max()}")


def check_finite(name: str, value: object) -> None:
    """Reject NaN or inf in a concrete array, saying where the first one is."""
    arr = np.asarray(value)
    if np.issubdtype(arr.dtype, np.inexact) and not np.all(np.isfinite(arr)):
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise ValueError(f"{name} contains NaN or inf (first at index {where})")
