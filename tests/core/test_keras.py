"""core.keras against the chapter's summaries (figures 5.30-5.32), core.rnn.forward and NumPy loops."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core.keras import Dense, DenseParams, Sequential, SimpleRNN, SimpleRNNParams, format_shape
from core.rnn import RNNParams, forward

NP_ACT = {
    "tanh": np.tanh,
    "sigmoid": lambda a: 1 / (1 + np.exp(-a)),
    "relu": lambda a: np.maximum(a, 0),
    "linear": lambda a: a,
}


def exercise_23(timesteps: int, return_sequences: bool) -> Sequential:
    layers = (
        SimpleRNN(64, return_sequences=return_sequences),
        Dense(64, activation="relu"),
        Dense(100, activation="softmax"),
    )
    return Sequential(layers, (timesteps, 100))


def random_rnn(rng, n_in=3, n_hidden=5, scale=0.6) -> RNNParams:
    return RNNParams(
        Wx=rng.normal(size=(n_hidden, n_in)) * scale,
        Ws=rng.normal(size=(n_hidden, n_hidden)) * scale,
        b=rng.normal(size=n_hidden) * scale,
        Wy=np.zeros((1, n_hidden)),
        by=np.zeros(1),
    )


def keras_weights(p: RNNParams) -> SimpleRNNParams:
    """The contract's Keras mapping: kernel = Wx.T, recurrent_kernel = Ws.T, bias = b."""
    return SimpleRNNParams(jnp.asarray(p.Wx.T), jnp.asarray(p.Ws.T), jnp.asarray(p.b))


# --- exercise 23: model.summary() ------------------------------------------------------------


@pytest.mark.parametrize("timesteps", [10, 1000])
@pytest.mark.parametrize("return_sequences", [False, True])
def test_summary_matches_the_chapters_figures(timesteps, return_sequences):
    rows = exercise_23(timesteps, return_sequences).summary_rows()
    # Worked out from the formulas: U(I + U) + U and I·U + U.
    assert [r.params for r in rows] == [64 * (100 + 64) + 64, 64 * 64 + 64, 64 * 100 + 100]
    assert [r.params for r in rows] == [10_560, 4_160, 6_500]
    assert [r.name for r in rows] == ["simple_rnn_1", "dense_1", "dense_2"]
    assert [r.kind for r in rows] == ["SimpleRNN", "Dense", "Dense"]
    if return_sequences:  # figures 5.31 and 5.32
        expected = [f"(None, {timesteps}, 64)", f"(None, {timesteps}, 64)", f"(None, {timesteps}, 100)"]
    else:  # figure 5.30
        expected = ["(None, 64)", "(None, 64)", "(None, 100)"]
    assert [r.output_shape for r in rows] == expected
    text = exercise_23(timesteps, return_sequences).summary()
    assert "Total params: 21,220" in text and "Trainable params: 21,220" in text
    assert "Non-trainable params: 0" in text


def test_param_count_is_the_number_of_weights_drawn():
    for model in (exercise_23(10, True), exercise_23(7, False)):
        params = jax.eval_shape(model.init, jax.random.PRNGKey(0))  # the arrays init would draw
        drawn = sum(int(np.prod(leaf.shape)) for leaf in jax.tree.leaves(params))
        assert drawn == model.count_params() == 21_220


def test_param_count_does_not_depend_on_timesteps():
    counts = {exercise_23(t, True).count_params() for t in (1, 2, 10, 999, 1000)}
    assert counts == {21_220}


def test_use_bias_false_drops_the_bias():
    layer = SimpleRNN(4, use_bias=False)
    params = layer.init(jax.random.PRNGKey(0), 3)
    assert params.bias is None
    assert layer.count_params(3) == 4 * (3 + 4) == sum(np.size(x) for x in jax.tree.leaves(params))
    assert Dense(5, use_bias=False).count_params(3) == 15


# --- shapes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("return_state", [False, True])
def test_output_shapes_match_the_keras_rules_and_the_arrays(return_sequences, return_state):
    layer = SimpleRNN(6, return_sequences=return_sequences, return_state=return_state)
    declared = layer.output_shape((None, 7, 3))
    out_shape = (None, 7, 6) if return_sequences else (None, 6)
    assert declared == ([out_shape, (None, 6)] if return_state else out_shape)
    result = layer(layer.init(jax.random.PRNGKey(1), 3), jnp.ones((2, 7, 3)))
    arrays = result if return_state else (result,)
    shapes = declared if return_state else [declared]
    assert [a.shape for a in arrays] == [(2, *s[1:]) for s in shapes]


def test_format_shape_prints_like_keras():
    assert format_shape((None, 10, 64)) == "(None, 10, 64)"
    assert format_shape([(None, 64), (None, 64)]) == "[(None, 64), (None, 64)]"


def test_stacking_on_a_2d_output_fails_clearly():
    with pytest.raises(
        ValueError, match=r"expected ndim=3, found ndim=2.*return_sequences=True on simple_rnn_1"
    ):
        Sequential((SimpleRNN(32), SimpleRNN(16)), (10, 8))
    rows = Sequential((SimpleRNN(32, return_sequences=True), SimpleRNN(16)), (10, 8)).summary_rows()
    assert [r.output_shape for r in rows] == ["(None, 10, 32)", "(None, 16)"]
    assert [r.params for r in rows] == [32 * (8 + 32) + 32, 16 * (32 + 16) + 16]


def test_return_state_passes_the_output_on_in_sequential():
    model = Sequential((SimpleRNN(5, return_sequences=True, return_state=True), Dense(2)), (4, 3))
    assert [r.output_shape for r in model.summary_rows()] == ["[(None, 4, 5), (None, 5)]", "(None, 4, 2)"]
    params = model.init(jax.random.PRNGKey(0))
    x = jax.random.normal(jax.random.PRNGKey(1), (2, 4, 3))
    outs, _ = model.layers[0](params[0], x)
    np.testing.assert_allclose(model(params, x), outs @ params[1].kernel + params[1].bias)


# --- weight mapping: core.rnn.forward is the reference ---------------------------------------


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
def test_simple_rnn_reproduces_core_rnn_forward(activation):
    rng = np.random.default_rng(0)
    p = random_rnn(rng)
    x = rng.normal(size=(3, 8, 3))
    layer = SimpleRNN(5, activation=activation, return_sequences=True, return_state=True)
    outs, final = layer(keras_weights(p), jnp.asarray(x))
    for i in range(3):
        states, _ = forward(p, x[i], activation=activation)
        np.testing.assert_allclose(outs[i], states, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(final[i], states[-1], rtol=1e-12, atol=1e-12)
    last = SimpleRNN(5, activation=activation)(keras_weights(p), jnp.asarray(x))
    np.testing.assert_allclose(last, outs[:, -1], rtol=1e-12, atol=1e-12)


def test_go_backwards_is_forward_on_the_reversed_sequence_in_processing_order():
    rng = np.random.default_rng(1)
    p = random_rnn(rng)
    x = rng.normal(size=(2, 6, 3))
    seqs, final = SimpleRNN(5, go_backwards=True, return_sequences=True, return_state=True)(
        keras_weights(p), jnp.asarray(x)
    )
    for i in range(2):
        states, _ = forward(p, x[i][::-1])
        np.testing.assert_allclose(seqs[i], states, rtol=1e-12, atol=1e-12)  # not flipped back
        np.testing.assert_allclose(final[i], states[-1], rtol=1e-12, atol=1e-12)
    assert not np.allclose(seqs[:, -1], SimpleRNN(5)(keras_weights(p), jnp.asarray(x)))


@pytest.mark.parametrize("go_backwards", [False, True])
def test_unroll_gives_the_same_numbers_as_scan(go_backwards):
    rng = np.random.default_rng(2)
    weights = keras_weights(random_rnn(rng))
    x = jnp.asarray(rng.normal(size=(2, 9, 3)))
    key = jax.random.PRNGKey(3)
    kwargs = dict(return_sequences=True, go_backwards=go_backwards, dropout=0.3, recurrent_dropout=0.2)
    for training in (False, True):
        scanned = SimpleRNN(5, **kwargs)(weights, x, training=training, key=key)
        unrolled = SimpleRNN(5, unroll=True, **kwargs)(weights, x, training=training, key=key)
        np.testing.assert_allclose(unrolled, scanned, rtol=1e-12, atol=1e-14)


def test_a_numpy_keras_cell_agrees():
    """Keras's SimpleRNNCell written out: h = act(x @ kernel + bias + h_prev @ recurrent_kernel)."""
    rng = np.random.default_rng(4)
    kernel, rec, bias = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)) * 0.5, rng.normal(size=4)
    x = rng.normal(size=(1, 5, 3))
    h, expected = np.zeros(4), []
    for x_t in x[0]:
        h = np.tanh(x_t @ kernel + bias + h @ rec)
        expected.append(h)
    got = SimpleRNN(4, return_sequences=True)(SimpleRNNParams(kernel, rec, bias), jnp.asarray(x))
    np.testing.assert_allclose(got[0], np.stack(expected), rtol=1e-12)


# --- stateful ----------------------------------------------------------------------------------


def test_consecutive_stateful_chunks_equal_one_pass():
    rng = np.random.default_rng(5)
    p = random_rnn(rng)
    weights = keras_weights(p)
    long = rng.normal(size=(3, 24, 3))  # three independent streams, one per batch index
    layer = SimpleRNN(5, return_sequences=True, stateful=True)
    states = layer.reset_states(3, dtype=jnp.float64)
    pieces = []
    for j in range(4):  # batch j holds chunk j of every stream: sample i continues sample i
        out, states = layer.call_stateful(weights, jnp.asarray(long[:, 6 * j : 6 * (j + 1)]), states)
        pieces.append(out)
    chunked = np.concatenate(pieces, axis=1)
    one_pass = SimpleRNN(5, return_sequences=True)(weights, jnp.asarray(long))
    np.testing.assert_array_equal(chunked, one_pass)
    np.testing.assert_array_equal(states, one_pass[:, -1])
    for i in range(3):  # and each row is its own stream, per core.rnn.forward
        np.testing.assert_allclose(chunked[i], forward(p, long[i])[0], rtol=1e-12, atol=1e-12)


def test_reset_returns_to_zeros_and_a_fresh_start():
    rng = np.random.default_rng(6)
    weights = keras_weights(random_rnn(rng))
    layer = SimpleRNN(5, stateful=True)
    x = jnp.asarray(rng.normal(size=(2, 4, 3)))
    _, carried = layer.call_stateful(weights, x, layer.reset_states(2, jnp.float64))
    assert np.abs(carried).max() > 0
    zeros = layer.reset_states(2, jnp.float64)
    np.testing.assert_array_equal(zeros, np.zeros((2, 5)))
    after_reset, _ = layer.call_stateful(weights, x, zeros)
    np.testing.assert_array_equal(after_reset, SimpleRNN(5)(weights, x))
    continued, _ = layer.call_stateful(weights, x, carried)
    assert not np.allclose(continued, after_reset)


def test_stateful_misuse_is_a_clear_error():
    weights = SimpleRNN(5).init(jax.random.PRNGKey(0), 3)
    with pytest.raises(ValueError, match="stateful=True"):
        SimpleRNN(5).call_stateful(weights, jnp.ones((2, 4, 3)), jnp.zeros((2, 5)))
    with pytest.raises(ValueError, match="fixed batch size"):
        SimpleRNN(5, stateful=True).call_stateful(weights, jnp.ones((2, 4, 3)), jnp.zeros((3, 5)))


# --- dropout -----------------------------------------------------------------------------------


def test_dropout_is_off_at_inference():
    rng = np.random.default_rng(7)
    weights = keras_weights(random_rnn(rng))
    x = jnp.asarray(rng.normal(size=(2, 5, 3)))
    plain = SimpleRNN(5, return_sequences=True)(weights, x)
    dropped = SimpleRNN(5, return_sequences=True, dropout=0.5, recurrent_dropout=0.5)
    np.testing.assert_array_equal(dropped(weights, x), plain)  # training=False, no key needed
    np.testing.assert_array_equal(dropped(weights, x, key=jax.random.PRNGKey(0)), plain)


def test_dropout_in_training_is_seeded_and_needs_a_key():
    rng = np.random.default_rng(8)
    weights = keras_weights(random_rnn(rng))
    x = jnp.asarray(rng.normal(size=(4, 5, 3)))
    layer = SimpleRNN(5, return_sequences=True, dropout=0.5, recurrent_dropout=0.3)
    with pytest.raises(ValueError, match="PRNG key"):
        layer(weights, x, training=True)
    a = layer(weights, x, training=True, key=jax.random.PRNGKey(1))
    b = layer(weights, x, training=True, key=jax.random.PRNGKey(1))
    c = layer(weights, x, training=True, key=jax.random.PRNGKey(2))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    assert not np.allclose(a, layer(weights, x))


def test_input_dropout_is_one_inverted_mask_per_sequence():
    # kernel = I, recurrent = 0, linear: each output is the masked input itself.
    n = 6
    weights = SimpleRNNParams(jnp.eye(n), jnp.zeros((n, n)), jnp.zeros(n))
    x = jnp.ones((3, 5, n))
    out = SimpleRNN(n, activation="linear", return_sequences=True, dropout=0.5)(
        weights, x, training=True, key=jax.random.PRNGKey(0)
    )
    assert set(np.unique(np.asarray(out))) <= {0.0, 2.0}  # kept inputs are scaled by 1 / (1 - 0.5)
    np.testing.assert_array_equal(out, np.broadcast_to(out[:, :1], out.shape))  # the same at every step


def test_recurrent_dropout_masks_the_previous_state_with_one_mask():
    # kernel = I, recurrent = I, linear, x = 1: s_t = 1 + m * s_{t-1}, m in {0, 1/(1-p)} per unit.
    n, p = 8, 0.5
    weights = SimpleRNNParams(jnp.eye(n), jnp.eye(n), jnp.zeros(n))
    out = SimpleRNN(n, activation="linear", return_sequences=True, recurrent_dropout=p)(
        weights, jnp.ones((2, 4, n)), training=True, key=jax.random.PRNGKey(5)
    )
    trajectories = np.moveaxis(np.asarray(out), 1, -1).reshape(-1, 4)  # one row per (sample, unit)
    dropped, kept = np.ones(4), np.cumsum(2.0 ** np.arange(4))  # m = 0: 1, 1, 1, 1; m = 2: 1, 3, 7, 15
    is_dropped = np.isclose(trajectories, dropped).all(axis=1)
    is_kept = np.isclose(trajectories, kept).all(axis=1)
    assert np.all(is_dropped | is_kept) and is_dropped.any() and is_kept.any()


# --- initialisers, Dense, bad arguments --------------------------------------------------------


def test_initialisers_follow_keras():
    params = SimpleRNN(16, bias_initializer="ones").init(jax.random.PRNGKey(0), 48)
    limit = np.sqrt(6 / (48 + 16))  # glorot_uniform on the (48, 16) kernel
    assert params.kernel.shape == (48, 16) and np.abs(params.kernel).max() <= limit
    assert np.abs(params.kernel).max() > 0.8 * limit
    np.testing.assert_allclose(params.recurrent_kernel.T @ params.recurrent_kernel, np.eye(16), atol=1e-10)
    np.testing.assert_array_equal(params.bias, np.ones(16))
    assert np.all(SimpleRNN(3).init(jax.random.PRNGKey(0), 2).bias == 0)


def test_dense_applies_at_every_timestep():
    rng = np.random.default_rng(9)
    layer = Dense(4, activation="softmax")
    params = DenseParams(rng.normal(size=(3, 4)), rng.normal(size=4))
    x = rng.normal(size=(2, 5, 3))
    y = np.asarray(layer(params, jnp.asarray(x)))
    for t in range(5):
        logits = x[:, t] @ params.kernel + params.bias
        expected = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(y[:, t], expected, rtol=1e-12)
    relu = Dense(4, activation="relu")(params, jnp.asarray(x))
    np.testing.assert_allclose(relu, NP_ACT["relu"](x @ params.kernel + params.bias))


@pytest.mark.parametrize(
    "make",
    [
        lambda: SimpleRNN(0),
        lambda: SimpleRNN(4, activation="softmax"),
        lambda: SimpleRNN(4, dropout=1.0),
        lambda: SimpleRNN(4, recurrent_dropout=-0.1),
        lambda: SimpleRNN(4, kernel_initializer="he"),
        lambda: Dense(3, activation="gelu"),
        lambda: Sequential((), (10, 3)),
        lambda: Sequential((Dense(3),), (10,)),
    ],
)
def test_bad_arguments_raise_value_error(make):
    with pytest.raises(ValueError):
        make()


def test_a_2d_input_to_simple_rnn_is_a_clear_error():
    layer = SimpleRNN(4)
    with pytest.raises(ValueError, match="timesteps"):
        layer(layer.init(jax.random.PRNGKey(0), 3), jnp.ones((2, 3)))
