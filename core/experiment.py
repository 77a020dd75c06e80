"""A whole BPTT experiment described by one hashable config: what a page's controls set.

The config is a frozen dataclass, so it serves as a cache key; `run` turns it
into a network, an input sequence and targets, and calls `core.bptt.bptt`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import jax
import numpy as np

from core import checks
from core.activations import ACTIVATIONS
from core.bptt import BPTTResult, bptt, float_dtype
from core.rnn import INITIALISERS, RNNParams, init_params


@dataclass(frozen=True)
class ExperimentConfig:
    """One network, one random sequence and its targets."""

    n_steps: int = 30  # T, the sequence length
    n_hidden: int = 16  # H, the state size
    n_in: int = 4  # I, the input size
    n_out: int = 2  # O, the output size
    sigma_max: float = 1.0  # Ws is rescaled so its largest singular value is exactly this
    activation: str = "tanh"  # f: tanh, sigmoid, relu or linear
    recurrent_init: str = "orthogonal"  # how Ws is drawn before the rescaling
    input_scale: float = 1.0  # standard deviation of the inputs x_t
    loss_steps: str = "all"  # "all" (many-to-many) or "last" (many-to-one)
    seed: int = 0  # one seed for weights, inputs and targets
    inputs: str = (
        "all"  # "all"; "first": x_1 only (one-to-many); "first_half": x_1..x_{T//2} (encoder-decoder)
    )

    def __post_init__(self) -> None:
        checks.check_positive_ints(self, ("n_steps", "n_hidden", "n_in", "n_out"), allow_bool=True)
        if not (np.isfinite(self.sigma_max) and self.sigma_max >= 0):
            raise ValueError(f"sigma_max must be a finite number >= 0, got {self.sigma_max!r}")
        if not (np.isfinite(self.input_scale) and self.input_scale >= 0):
            raise ValueError(f"input_scale must be a finite number >= 0, got {self.input_scale!r}")
        checks.check_choice("activation", self.activation, ACTIVATIONS)
        checks.check_choice("recurrent_init", self.recurrent_init, INITIALISERS)
        checks.check_choice("loss_steps", self.loss_steps, checks.LOSS_STEPS)
        checks.check_choice("inputs", self.inputs, ("all", "first", "first_half"))


def build(config: ExperimentConfig) -> tuple[RNNParams, np.ndarray, np.ndarray]:
    """The network, inputs xs (T, I) and mse targets (T, O) that a config describes, read-only.

    Drawn once per (config, float type) and kept: a page draws the same config's maps, its
    formula cell and its bounds from one build (each draw is a few ms of JAX dispatch).
    """
    return _build(config, np.dtype(float_dtype()).name)


@functools.lru_cache(maxsize=128)
def _build(config: ExperimentConfig, dtype: str) -> tuple[RNNParams, np.ndarray, np.ndarray]:
    key_params, key_xs, key_targets = jax.random.split(jax.random.PRNGKey(config.seed), 3)
    params = init_params(
        key_params, config.n_in, config.n_hidden, config.n_out, recurrent_init=config.recurrent_init
    )
    params = RNNParams(*(np.asarray(p, float_dtype()) for p in params))
    top = np.linalg.svd(params.Ws, compute_uv=False)[0]
    # Rescale whatever the initialiser drew, so the σ_max slider means exactly σ_max.
    Ws = params.Ws * (config.sigma_max / top) if top > 0 else params.Ws
    xs = config.input_scale * np.asarray(jax.random.normal(key_xs, (config.n_steps, config.n_in)))
    if config.inputs == "first":
        xs[1:] = 0.0
    elif config.inputs == "first_half":  # the encoder reads, the decoder (the loss steps T//2..T) does not
        xs[max(1, config.n_steps // 2) :] = 0.0
    targets = np.asarray(jax.random.normal(key_targets, (config.n_steps, config.n_out)))
    params = params._replace(Ws=Ws.astype(params.Ws.dtype))
    return RNNParams(*map(_read_only, params)), _read_only(xs), _read_only(targets)


def _read_only(a: np.ndarray) -> np.ndarray:
    """a, unwritable: a kept build is shared by every caller."""
    a = np.array(a)
    a.flags.writeable = False
    return a


def run(config: ExperimentConfig) -> BPTTResult:
    """BPTT of the experiment a config describes."""
    params, xs, targets = build(config)
    return bptt(params, xs, targets, activation=config.activation, loss_steps=config.loss_steps)


def backward_walk(config: ExperimentConfig, loss_step: int, weight: str) -> dict[str, np.ndarray]:
    """BPTT's sum for one loss E_t, term by term, as the chapter's figures 5.23 and 5.28 walk it.

    loss_step is t (0-based). Returns log10 norms over k = 0..t, each (t+1,): "term"
    (term k of dE_t/dW), "running" (the partial sum of terms t down to k; its entry 0 is
    the whole of dE_t/dW) and "state" (dE_t/ds_k).
    """
    if weight not in ("Wx", "Ws", "Wy"):
        raise ValueError(f"unknown weight {weight!r}; expected Wx, Ws or Wy")
    if not 0 <= loss_step < config.n_steps:
        raise ValueError(f"loss_step must lie in 0..{config.n_steps - 1}, got {loss_step}")
    params, xs, targets = build(config)
    end = loss_step + 1  # E_t depends on steps up to t only
    result = bptt(params, xs[:end], targets[:end], activation=config.activation, loss_steps="last")
    terms = np.asarray(getattr(result.step_grads, weight), dtype=float).reshape(end, -1)
    running = np.cumsum(terms[::-1], axis=0)[::-1]
    with np.errstate(divide="ignore"):
        return {
            "term": np.log10(np.linalg.norm(terms, axis=1)),
            "running": np.log10(np.linalg.norm(running, axis=1)),
            "state": np.asarray(result.log10_state_grad[-1], dtype=float),
        }
