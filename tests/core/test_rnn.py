"""core.rnn: forward semantics against Keras's and PyTorch's documented equations; initialisers."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core.rnn import RNNParams, forward, init_params

NP_ACT = {
    "tanh": np.tanh,
    "sigmoid": lambda a: 1 / (1 + np.exp(-a)),
    "relu": lambda a: np.maximum(a, 0),
    "linear": lambda a: a,
}


def random_params(rng, n_in=3, n_hidden=5, n_out=2, scale=0.6):
    return RNNParams(
        Wx=rng.normal(size=(n_hidden, n_in)) * scale,
        Ws=rng.normal(size=(n_hidden, n_hidden)) * scale,
        b=rng.normal(size=n_hidden) * scale,
        Wy=rng.normal(size=(n_out, n_hidden)) * scale,
        by=rng.normal(size=n_out) * scale,
    )


def keras_simple_rnn(x, kernel, recurrent_kernel, bias, act, h0):
    """Keras SimpleRNNCell: h = act(x @ kernel + bias + h_prev @ recurrent_kernel)."""
    h, out = h0, []
    for x_t in x:
        h = act(x_t @ kernel + bias + h @ recurrent_kernel)
        out.append(h)
    return np.stack(out)


def torch_rnn(x, weight_ih, weight_hh, bias_ih, bias_hh, act, h0):
    """PyTorch nn.RNN: h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)."""
    h, out = h0, []
    for x_t in x:
        h = act(x_t @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh)
        out.append(h)
    return np.stack(out)


@pytest.mark.parametrize("activation", list(NP_ACT))
def test_forward_matches_keras_and_pytorch_conventions(activation):
    rng = np.random.default_rng(1)
    p = random_params(rng)
    xs = rng.normal(size=(9, 3))
    s0 = rng.normal(size=5) * 0.3
    jp = RNNParams(*map(jnp.asarray, p))
    states, outputs = forward(jp, jnp.asarray(xs), s0=jnp.asarray(s0), activation=activation)
    act = NP_ACT[activation]
    keras = keras_simple_rnn(xs, p.Wx.T, p.Ws.T, p.b, act, s0)
    half = p.b / 2  # PyTorch splits the bias in two; only the sum matters
    torch = torch_rnn(xs, p.Wx, p.Ws, half, p.b - half, act, s0)
    np.testing.assert_allclose(states, keras, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(states, torch, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(outputs, keras @ p.Wy.T + p.by, rtol=1e-12, atol=1e-12)


def test_forward_batches_with_vmap_and_jit():
    p = init_params(jax.random.PRNGKey(0), 2, 4, 3)
    batch = jax.random.normal(jax.random.PRNGKey(1), (6, 7, 2))
    states, outputs = jax.jit(jax.vmap(lambda xs: forward(p, xs)))(batch)
    assert states.shape == (6, 7, 4) and outputs.shape == (6, 7, 3)
    one_states, _ = forward(p, batch[4])
    np.testing.assert_allclose(states[4], one_states, rtol=1e-12)


@pytest.mark.parametrize("gain", [0.0, 0.5, 1.0, 1.7, 3.0])
def test_orthogonal_recurrent_init_has_sigma_max_equal_gain(gain):
    p = init_params(jax.random.PRNGKey(3), 4, 16, 2, recurrent_gain=gain)
    sv = np.linalg.svd(np.asarray(p.Ws), compute_uv=False)
    np.testing.assert_allclose(sv, gain, atol=1e-12)


def test_glorot_uniform_matches_keras_limit_and_variance():
    # Keras: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)); variance l²/3.
    p = init_params(jax.random.PRNGKey(4), 300, 200, 100)
    limit = np.sqrt(6 / (300 + 200))
    wx = np.asarray(p.Wx)
    assert np.abs(wx).max() <= limit
    assert wx.var() == pytest.approx(limit**2 / 3, rel=0.02)
    assert not np.any(np.asarray(p.b)) and not np.any(np.asarray(p.by))


def test_normal_and_zeros_initialisers():
    p = init_params(jax.random.PRNGKey(5), 8, 400, 2, recurrent_init="normal", recurrent_gain=0.9)
    # Entries N(0, gain²/H): the spectral radius is close to the gain (circular law).
    assert np.asarray(p.Ws).std() == pytest.approx(0.9 / np.sqrt(400), rel=0.02)
    radius = np.abs(np.linalg.eigvals(np.asarray(p.Ws))).max()
    assert radius == pytest.approx(0.9, rel=0.1)
    z = init_params(jax.random.PRNGKey(5), 8, 4, 2, kernel_init="zeros", recurrent_init="zeros")
    assert not np.any(np.asarray(z.Wx)) and not np.any(np.asarray(z.Ws))


def test_init_params_rejects_unknown_initialiser_and_bad_sizes():
    with pytest.raises(ValueError, match="unknown initialiser 'he'"):
        init_params(jax.random.PRNGKey(0), 2, 3, 1, recurrent_init="he")
    with pytest.raises(ValueError, match="n_hidden must be a positive int"):
        init_params(jax.random.PRNGKey(0), 2, 0, 1)


def test_forward_rejects_wrong_shapes_and_unknown_activation():
    p = init_params(jax.random.PRNGKey(0), 2, 3, 1)
    with pytest.raises(ValueError, match=r"xs must have shape \(T, I\) with I = 2"):
        forward(p, jnp.ones((5, 3)))
    with pytest.raises(ValueError, match="unknown activation 'softplus'"):
        forward(p, jnp.ones((5, 2)), activation="softplus")
    with pytest.raises(ValueError, match=r"Ws must have shape \(H, H\)"):
        forward(p._replace(Ws=jnp.ones((3, 2))), jnp.ones((5, 2)))


def test_masked_padding_steps_keep_the_state_so_the_last_state_is_unchanged():
    params = init_params(jax.random.PRNGKey(3), 3, 5, 2)
    xs = jax.random.normal(jax.random.PRNGKey(4), (7, 3))
    padded = jnp.concatenate([xs, jnp.ones((5, 3))])  # padding that would move the state if it ran
    mask = jnp.arange(12) < 7
    states, _ = forward(params, xs)
    padded_states, _ = forward(params, padded, mask=mask)
    np.testing.assert_allclose(padded_states[:7], states, rtol=1e-12)
    np.testing.assert_allclose(padded_states[7:], jnp.broadcast_to(states[-1], (5, 5)), rtol=1e-12)
