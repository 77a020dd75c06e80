"""Cached core.keras and core.keras.stateful calls for the layers page, shared by every session.

As in visualizer.app.cache: `st.cache_resource` on plain numbers and frozen configs, arrays read-only.
"""

from __future__ import annotations

import dataclasses

import jax.numpy as jnp
import numpy as np
import streamlit as st

from core.keras import Dense, Sequential, SimpleRNN, SimpleRNNParams
from core.keras.stateful import ARMS, StatefulConfig, run_experiment
from visualizer.app import jobs
from visualizer.app.cache import read_only

WORKED_INPUTS = (1.0, 2.0, 3.0, 4.0)  # x_1..x_4 of the go_backwards / unroll example
WORKED_RECURRENT = 0.5  # s_t = x_t + 0.5 s_{t-1}: linear, one unit, so the sums can be checked by hand


def exercise_23(units: int, timesteps: int, input_dim: int, seq: bool, state: bool) -> Sequential:
    """The chapter's model: SimpleRNN(units) -> Dense(64, relu) -> Dense(100, softmax)."""
    rnn = SimpleRNN(units, return_sequences=seq, return_state=state)
    return Sequential(
        (rnn, Dense(64, activation="relu"), Dense(100, activation="softmax")), (timesteps, input_dim)
    )


@st.cache_resource(max_entries=512, show_spinner=False)
def summary(units: int, timesteps: int, input_dim: int, seq: bool, state: bool) -> dict[str, object]:
    """model.summary() of exercise 23's model: rows (name, type, shape, Param #), total and the text."""
    model = exercise_23(units, timesteps, input_dim, seq, state)
    rows = [row._asdict() for row in model.summary_rows()]
    return {"rows": rows, "total": model.count_params(), "text": model.summary()}


@st.cache_resource(max_entries=512, show_spinner=False)
def shapes(units: int, timesteps: int, input_dim: int) -> dict[str, object]:
    """Input (None, T, I) and SimpleRNN(units)'s output shapes per (return_sequences, return_state)."""
    combos = [(False, False), (True, False), (False, True), (True, True)]
    outputs = []
    for seq, state in combos:
        out = SimpleRNN(units, return_sequences=seq, return_state=state).output_shape(
            (None, timesteps, input_dim)
        )
        outputs.append(out if isinstance(out, list) else [out])
    return {"input": (None, timesteps, input_dim), "combos": combos, "outputs": outputs}


@st.cache_resource(max_entries=8, show_spinner=False)
def stacked(lower_returns_sequences: bool) -> dict[str, object]:
    """SimpleRNN(16) on SimpleRNN(32) over (10, 8): the summary, or the error when it can't stack."""
    try:
        model = Sequential((SimpleRNN(32, return_sequences=lower_returns_sequences), SimpleRNN(16)), (10, 8))
    except ValueError as err:
        return {"error": str(err)}
    return {"text": model.summary(), "total": model.count_params()}


@st.cache_resource(max_entries=8, show_spinner=False)
def worked_example(go_backwards: bool, unroll: bool) -> dict[str, object]:
    """SimpleRNN(1, linear), kernel 1, recurrent 0.5 on x = 1, 2, 3, 4: what it reads and returns per step.

    "read" (T,) is the input in processing order, "output" (T,) what return_sequences gives,
    "state" the final state, "unroll_gap" max |unroll=True - unroll=False|.
    """
    weights = SimpleRNNParams(jnp.ones((1, 1)), jnp.full((1, 1), WORKED_RECURRENT), jnp.zeros(1))
    x = jnp.asarray(WORKED_INPUTS).reshape(1, -1, 1)
    options = dict(activation="linear", return_sequences=True, return_state=True, go_backwards=go_backwards)
    outs, final = SimpleRNN(1, unroll=unroll, **options)(weights, x)
    other, _ = SimpleRNN(1, unroll=not unroll, **options)(weights, x)
    read = np.asarray(WORKED_INPUTS)[::-1] if go_backwards else np.asarray(WORKED_INPUTS)
    return {
        "inputs": read_only(WORKED_INPUTS),
        "read": read_only(read),
        "output": read_only(np.asarray(outs)[0, :, 0]),
        "state": read_only(np.asarray(final)[0]),
        "unroll_gap": float(np.max(np.abs(np.asarray(outs) - np.asarray(other)))),
    }


@st.cache_resource(max_entries=64, show_spinner=False)
def stateful_experiment(config: StatefulConfig) -> dict[str, np.ndarray]:
    """core.keras.stateful.run_experiment's numbers, rows in ARMS order (stateless, stateful), read-only.

    Training 2 x n_seeds models takes one of the server's training slots; with none free it raises
    jobs.NoFreeSlotError (nothing is cached), and the page waits in line and asks again.
    """
    with jobs.training_slot(wait=False):
        result = run_experiment(config)
    return {
        "seeds": read_only(result.seeds),
        "test_rmse": read_only(result.test_rmse),
        "rmse_by_step": read_only(result.rmse_by_step),
        "train_loss": read_only(result.train_loss),
    }


def stateful_arms(epochs: int, n_seeds: int, shuffle: bool) -> dict[str, object]:
    """The box plot's arms: stateless and stateful, plus stateful with shuffled batches if asked.

    The shuffled run is a second experiment whose stateless arm is the same as the first's
    (same seeds, same batches); only its stateful arm is shown.
    """
    config = StatefulConfig(epochs=epochs, n_seeds=n_seeds)
    base = stateful_experiment(config)
    arms = list(ARMS)
    rows = {name: [base[name][0], base[name][1]] for name in ("test_rmse", "rmse_by_step", "train_loss")}
    if shuffle:
        shuffled = stateful_experiment(dataclasses.replace(config, shuffle_stateful=True))
        arms.append("shuffled")
        for name, value in rows.items():
            value.append(shuffled[name][1])
    numbers = {name: read_only(np.stack(value)) for name, value in rows.items()}
    median = read_only(np.median(numbers["test_rmse"], axis=1))
    return {"arms": arms, "seeds": base["seeds"], **numbers, "median": median}
