"""SimpleRNN, GRU and LSTM side by side: the same inputs, targets and T, their BPTT maps on one scale.

`compare(config)` builds the three networks from one seed (Keras's initialisers for each:
glorot kernels, orthogonal recurrent kernels; the SimpleRNN's Ws has σ_max = 1), feeds all
three the same xs (T, I) of standard deviation `input_scale` and the same mse targets, and
returns each cell's log10 maps: ‖dE_t/dh_k‖, the LSTM's ‖dE_t/dc_k‖, the terms of the input
and recurrent weights' gradients, and the decay by lag of the last loss's state gradient.
The SimpleRNN is core.experiment's network (drawn shape-stably, see build_networks) through
core.bptt, the gated cells go through core.gated.bptt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import jax
import numpy as np

from core.bptt import bptt as simple_bptt
from core.bptt import float_dtype
from core.buckets import bucket_steps
from core.experiment import ExperimentConfig
from core.gated.bptt import GatedBPTTResult, bptt
from core.gated.cells import GatedParams, _glorot_uniform, _orthogonal, init_params
from core.rnn import RNNParams

CELL_KINDS = ("simple_rnn", "gru", "lstm")
Network = RNNParams | GatedParams


@dataclass(frozen=True)
class CompareConfig:
    """One comparison: the task all three cells see and the gated cells' keep-gate biases (hashable)."""

    n_steps: int = 60  # T, the sequence length (the default preset's lesson holds by 3 decades here)
    n_hidden: int = 32  # H, the state size of every cell
    n_in: int = 4  # I, the input size
    n_out: int = 2  # O, the readout size
    forget_bias: float = 1.0  # LSTM forget-gate bias at init (Keras's unit_forget_bias = 1)
    update_bias: float = 1.0  # GRU update-gate z bias at init (z = share of h_{t-1} kept)
    # Standard deviation of the inputs x_t. At 2 the SimpleRNN's tanh saturates (tanh' well below 1
    # on most steps), as it does on a strongly driven task; the gated cells' keep paths barely notice.
    input_scale: float = 2.0
    loss_steps: str = "all"  # "all" (a loss on every step) or "last"
    seed: int = 0  # one seed: the same xs, targets and kernels' draws for the three cells

    def __post_init__(self) -> None:
        self.experiment()  # validates the sizes, input_scale and loss_steps as core.experiment does
        for name in ("forget_bias", "update_bias"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and np.isfinite(value)):
                raise ValueError(f"{name} must be a finite number, got {value!r}")

    def experiment(self) -> ExperimentConfig:
        """The SimpleRNN's experiment: Keras's defaults (orthogonal Ws, σ_max = 1, tanh)."""
        return ExperimentConfig(
            n_steps=self.n_steps,
            n_hidden=self.n_hidden,
            n_in=self.n_in,
            n_out=self.n_out,
            sigma_max=1.0,
            activation="tanh",
            recurrent_init="orthogonal",
            input_scale=self.input_scale,
            loss_steps=self.loss_steps,
            seed=self.seed,
        )


class CellMaps(NamedTuple):
    """One cell's maps (NumPy). [t, k] is loss step t, earlier step k (0-based); NaN where k > t."""

    log10_state_grad: np.ndarray  # (T, T) log10 ‖dE_t/dh_k‖
    log10_cell_grad: np.ndarray  # (T, T) the LSTM's log10 ‖dE_t/dc_k‖; all NaN for the others
    log10_contrib_recurrent: np.ndarray  # (T, T) log10 ‖term k of dE_t/d(Ws | recurrent_kernel)‖_F
    log10_contrib_input: np.ndarray  # (T, T) log10 ‖term k of dE_t/d(Wx | kernel)‖_F
    rise: np.ndarray  # (T,) log10 ‖dE_T/dh_{T−lag}‖ − log10 ‖dE_T/dh_T‖, index = lag
    reach: float  # rise[T−1] = log10 ‖dE_T/dh_1‖ / ‖dE_T/dh_T‖


# The page's presets; each lesson is tested over seeds 0-4 (tests/core/test_gates_compare.py), and the
# numbers in the comments are the measured ranges of `reach` (decades) over those seeds, in float32.
PRESETS: dict[str, CompareConfig] = {
    # Keras's biases (forget 1, update 1): the SimpleRNN's saturated tanh loses 9.8-13.4 decades from
    # step T back to step 1, the GRU 6.0-7.0 and the LSTM 6.0-7.5, so on every seed the GRU reaches
    # 3.8 or more decades and the LSTM 3.2 or more further than the SimpleRNN.
    "default": CompareConfig(),
    # Keep gates shut (bias -3: σ = 0.05): each step keeps about 5 % of h and c, and the gated cells
    # vanish far faster than the SimpleRNN: GRU 30.6-35.7 decades, LSTM 45.6-49.2 decades.
    "closed_gates": CompareConfig(forget_bias=-3.0, update_bias=-3.0),
    # Keep gates wide open (bias 5: σ = 0.993): the long path through c (LSTM) and through z ⊙ h (GRU)
    # opens, and step 1's gradient stays within about a decade of step T's (GRU 0.19-0.23, LSTM 0.18-1.05).
    "open_gates": CompareConfig(forget_bias=5.0, update_bias=5.0),
    # Gentle inputs (std 0.25): the SimpleRNN hardly saturates and, with σ_max(Ws) = 1, loses only 1.8-2.0
    # decades, at least 2.9 decades less than the GRU (5.4-6.0) and the LSTM (4.8-5.9) at bias 1 on every
    # seed: gates help through their biases, not by being gates.
    "gentle_inputs": CompareConfig(input_scale=0.25),
}


def build_networks(config: CompareConfig) -> tuple[dict[str, Network], np.ndarray, np.ndarray]:
    """The three networks (keys CELL_KINDS), the shared inputs xs (T, I) and mse targets (T, O).

    Nothing here compiles when T or H moves inside one bucket (core.buckets): every random
    number is drawn at a bucket shape and sliced. xs and targets are core.experiment.build's,
    value for value: with JAX's partitionable threefry an element's bits depend only on its
    row-major index, so the first T rows of a (bucket T, I) draw are the (T, I) draw.
    """
    key_params, key_xs, key_targets = jax.random.split(jax.random.PRNGKey(config.seed), 3)
    n_padded = bucket_steps(config.n_steps)
    xs = config.input_scale * np.asarray(jax.random.normal(key_xs, (n_padded, config.n_in)))
    targets = np.asarray(jax.random.normal(key_targets, (n_padded, config.n_out)))
    # The three cells draw their weights from the one key core.experiment gives the SimpleRNN's.
    networks: dict[str, Network] = {"simple_rnn": _simple_rnn(key_params, config)}
    for cell, bias in (("gru", config.update_bias), ("lstm", config.forget_bias)):
        params = init_params(key_params, cell, config.n_in, config.n_hidden, config.n_out, forget_bias=bias)
        networks[cell] = type(params)(*(np.asarray(p) for p in params))
    return networks, xs[: config.n_steps], targets[: config.n_steps]


def _simple_rnn(key: jax.Array, config: CompareConfig) -> RNNParams:
    """core.experiment's SimpleRNN (Keras's glorot Wx and Wy, orthogonal Ws: σ_max = 1), shape-stable.

    The same keys and draws as core.rnn.init_params, through the gated cells' bucketed draws:
    core.rnn's exact-shape draws would compile anew for every H. The values agree to float32
    rounding (the QR runs in NumPy, not XLA); Ws is left unrescaled, its σ_max is 1 to that rounding.
    """
    k_x, k_s, k_y = jax.random.split(key, 3)
    n_in, n_hidden, n_out = config.n_in, config.n_hidden, config.n_out
    dtype = float_dtype()
    return RNNParams(
        Wx=_glorot_uniform(k_x, n_hidden, n_in).astype(
            dtype
        ),  # core.rnn draws (H, I); the limit is symmetric
        Ws=_orthogonal(k_s, n_hidden).T.astype(dtype),  # core.rnn keeps Q, _orthogonal returns Qᵀ
        b=np.zeros(n_hidden, dtype),
        Wy=_glorot_uniform(k_y, n_out, n_hidden).astype(dtype),
        by=np.zeros(n_out, dtype),
    )


def cell_maps(
    log10_state_grad: np.ndarray,
    log10_cell_grad: np.ndarray,
    log10_contrib_recurrent: np.ndarray,
    log10_contrib_input: np.ndarray,
) -> CellMaps:
    """CellMaps from the four (T, T) maps, with the decay by lag read off the last row."""
    last = np.asarray(log10_state_grad[-1], dtype=float)  # (T,) log10 ‖dE_T/dh_k‖, k = 0..T-1
    rise = last[::-1] - last[-1]
    return CellMaps(
        log10_state_grad,
        log10_cell_grad,
        log10_contrib_recurrent,
        log10_contrib_input,
        rise,
        float(rise[-1]),
    )


def _gated_maps(result: GatedBPTTResult) -> CellMaps:
    contrib = result.log10_contrib
    return cell_maps(
        result.log10_state_grad, result.log10_cell_grad, contrib["recurrent_kernel"], contrib["kernel"]
    )


def compare(config: CompareConfig) -> dict[str, CellMaps]:
    """Each cell's maps (keys CELL_KINDS) for the same xs and targets, mse loss on config.loss_steps."""
    networks, xs, targets = build_networks(config)
    simple = simple_bptt(networks["simple_rnn"], xs, targets, activation="tanh", loss_steps=config.loss_steps)
    maps = {
        "simple_rnn": cell_maps(
            simple.log10_state_grad,
            np.full_like(simple.log10_state_grad, np.nan),  # a SimpleRNN has no cell state
            simple.log10_contrib_Ws,
            simple.log10_contrib_Wx,
        )
    }
    for cell in ("gru", "lstm"):
        result = bptt(networks[cell], xs, targets, cell=cell, loss="mse", loss_steps=config.loss_steps)
        maps[cell] = _gated_maps(result)
    return maps
