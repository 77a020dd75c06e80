"""core.keras.stateful (exercise 24): the batch layout, determinism, and the lesson it teaches.

Run in float32, the page's precision, so that one compilation serves the module.
"""

import numpy as np
import pytest

from core.keras.stateful import ARMS, PERIODS, StatefulConfig, run_experiment, stream
from core.rnn import RNNParams, forward

pytestmark = pytest.mark.float32
CONFIG = StatefulConfig(n_batches=16, test_batches=4, epochs=15, n_seeds=3)


@pytest.fixture(scope="module")
def result():
    return run_experiment(CONFIG)


def test_the_stream_is_cut_in_keras_stateful_layout():
    config = StatefulConfig(timesteps=5, batch_size=3, n_batches=4, test_batches=2)
    chunks = stream(config, seed=7)
    assert chunks.shape == (3, 6, 6)  # (B, n_batches + test_batches, T + 1)
    # Rebuild the whole stream from its formula and the seed's phases, independently.
    phases = np.random.default_rng(7).uniform(0, 2 * np.pi, size=2)
    t = np.arange(3 * 6 * 5 + 1)
    whole = 0.5 * np.sin(2 * np.pi * t / PERIODS[0] + phases[0]) + 0.4 * np.sin(
        2 * np.pi * t / PERIODS[1] + phases[1]
    )
    for i in range(3):  # substream i is the i-th third of the stream
        np.testing.assert_allclose(chunks[i, :, :-1].ravel(), whole[i * 30 : (i + 1) * 30])
        for j in range(5):  # sample i of batch j+1 continues sample i of batch j
            assert chunks[i, j + 1, 0] == chunks[i, j, -1]


def test_the_experiment_is_deterministic_per_seed(result):
    again = run_experiment(CONFIG)
    np.testing.assert_array_equal(again.test_rmse, result.test_rmse)
    np.testing.assert_array_equal(again.train_loss, result.train_loss)
    assert result.test_rmse.shape == (2, 3) and result.train_loss.shape == (2, 3, 15)
    assert result.rmse_by_step.shape == (2, CONFIG.timesteps)
    assert np.unique(result.test_rmse[0]).size == 3  # and the seeds differ from each other
    fewer = run_experiment(StatefulConfig(n_batches=16, test_batches=4, epochs=15, n_seeds=2))
    np.testing.assert_array_equal(fewer.test_rmse, result.test_rmse[:, :2])  # seed s is seed s


def test_carrying_the_state_beats_resetting_it(result):
    stateless, stateful = result.test_rmse
    assert np.all(stateful < 0.5 * stateless)
    # Without a state, the first step of every chunk is the hardest; with one, it is not.
    by_step = result.rmse_by_step[ARMS.index("stateless")]
    assert by_step[0] > 2 * by_step[-1]
    assert result.rmse_by_step[ARMS.index("stateful"), 0] < 0.5 * by_step[0]
    # rmse_by_step is the same errors grouped by position: its mean square is the test MSE.
    np.testing.assert_allclose(
        np.mean(result.rmse_by_step**2, axis=1), np.mean(result.test_rmse**2, axis=1), rtol=1e-5
    )


def test_shuffling_a_stateful_run_breaks_it(result):
    shuffled = run_experiment(
        StatefulConfig(n_batches=16, test_batches=4, epochs=15, n_seeds=3, shuffle_stateful=True)
    )
    np.testing.assert_array_equal(shuffled.test_rmse[0], result.test_rmse[0])  # stateless: unchanged
    assert np.all(shuffled.test_rmse[1] > 2 * result.test_rmse[1])
    # The page's claim: late in a sample, a wrong carried state is worse than a zero one.
    assert shuffled.rmse_by_step[1, -1] > result.rmse_by_step[0, -1]


def test_test_errors_match_core_rnn_forward_with_the_trained_weights(result):
    """Stateful: one pass over each whole substream; stateless: every chunk from s = 0."""
    chunks = stream(CONFIG, seed=1)
    for arm in ARMS:
        a = ARMS.index(arm)
        rnn, dense = (type(p)(*(None if x is None else x[a, 1] for x in p)) for p in result.params)
        p = RNNParams(
            Wx=rnn.kernel.T, Ws=rnn.recurrent_kernel.T, b=rnn.bias, Wy=dense.kernel.T, by=dense.bias
        )
        squared = []
        for i in range(CONFIG.batch_size):
            if arm == "stateful":
                xs = chunks[i, :, :-1].ravel()
                _, ys = forward(p, xs[:, None])
                tail = slice(CONFIG.n_batches * CONFIG.timesteps, None)
                squared.append((ys[tail, 0] - chunks[i, :, 1:].ravel()[tail]) ** 2)
            else:
                for j in range(CONFIG.n_batches, CONFIG.n_batches + CONFIG.test_batches):
                    _, ys = forward(p, chunks[i, j, :-1, None])
                    squared.append((ys[:, 0] - chunks[i, j, 1:]) ** 2)
        rmse = np.sqrt(np.mean(np.concatenate(squared)))
        np.testing.assert_allclose(result.test_rmse[a, 1], rmse, rtol=1e-4)


def test_progress_is_reported_every_epoch():
    seen = []
    out = run_experiment(
        StatefulConfig(n_batches=16, test_batches=4, epochs=3, n_seeds=3),
        on_epoch=lambda epoch, loss: seen.append((epoch, loss.shape)),
    )
    assert seen == [(0, (2, 3)), (1, (2, 3)), (2, (2, 3))]
    np.testing.assert_array_equal(out.train_loss[..., -1], out.train_loss[..., 2])


@pytest.mark.parametrize("bad", [dict(timesteps=0), dict(n_seeds=-1), dict(learning_rate=float("nan"))])
def test_bad_configs_raise_value_error(bad):
    with pytest.raises(ValueError):
        StatefulConfig(**bad)


def test_the_docs_name_keras_batch_shuffling_correctly():
    # Keras's shuffle=True shuffles samples; permuting whole batches is shuffle="batch". The module
    # permutes whole batches (order[j] picks a batch, all B samples of it), so it must not call that
    # the default.
    import inspect

    import core.keras.stateful as module

    source = inspect.getsource(module)
    assert 'shuffle="batch"' in module.__doc__ and "shuffle=True, shuffles single samples" in module.__doc__
    assert "batches every epoch (Keras's default)" not in source
    assert "Keras's default shuffle=True for the stateless run" not in source
