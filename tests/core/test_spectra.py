"""core.spectra: γ, singular values, Jacobian-product norms and the regime map."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core.bptt import bptt
from core.rnn import forward, init_params
from core.spectra import (
    classify_regime,
    decay_slope,
    gamma,
    log10_jacobian_norms,
    regime_map,
    singular_values,
)

ACTIVATIONS = ["tanh", "sigmoid", "relu", "linear"]


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gamma_is_the_largest_derivative_on_a_fine_grid(activation):
    a = jnp.linspace(-8.0, 8.0, 160_001)
    f = {"tanh": jnp.tanh, "sigmoid": jax.nn.sigmoid, "relu": jax.nn.relu, "linear": lambda v: v}[activation]
    slope = jax.vmap(jax.grad(f))(a)
    assert gamma(activation) == pytest.approx(float(slope.max()), rel=1e-9)


def test_singular_values_match_eigenvalues_of_ws_transpose_ws():
    Ws = np.random.default_rng(0).normal(size=(6, 6))
    eig = np.sort(np.linalg.eigvalsh(Ws.T @ Ws))[::-1]
    np.testing.assert_allclose(singular_values(Ws), np.sqrt(eig), rtol=1e-10)
    with pytest.raises(ValueError, match="square"):
        singular_values(np.ones((2, 3)))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_jacobian_norms_equal_spectral_norm_of_autodiff_jacobian(activation):
    p = init_params(jax.random.PRNGKey(1), 3, 5, 2, recurrent_gain=1.2)
    xs = np.random.default_rng(1).normal(size=(9, 3))
    ours = log10_jacobian_norms(p, xs, activation=activation)
    states, _ = forward(p, jnp.asarray(xs), activation=activation)
    for k in range(8):
        # ds_T/ds_k by differentiating the rest of the run with respect to its start state.
        rest = lambda s, k=k: forward(p, jnp.asarray(xs[k + 1 :]), s0=s, activation=activation)[0][-1]  # noqa: E731
        jac = np.asarray(jax.jacrev(rest)(states[k]))
        with np.errstate(divide="ignore"):  # a dead relu layer gives a zero Jacobian: -inf
            expected = np.log10(np.linalg.norm(jac, 2))
        assert ours[k] == pytest.approx(expected, abs=1e-10)
    assert ours[-1] == pytest.approx(0.0, abs=1e-12)  # ds_T/ds_T = I


def test_linear_regime_map_is_lag_times_log_gain():
    # Linear f and Ws = g·Q: dE_T/ds_1 = (g Q^T)^(T-1) dE_T/ds_T, so the ratio is g^(T-1).
    gains, lengths = [0.5, 1.0, 2.0, 3.0], [1, 2, 10, 300]
    out = regime_map(gains, lengths, n_hidden=8, activation="linear", seed=3)
    expected = np.outer(np.log10(gains), np.array(lengths) - 1)
    np.testing.assert_allclose(out, expected, atol=1e-9)


def test_regime_map_cell_equals_a_direct_bptt_run():
    out = regime_map([0.7, 1.4], [5, 17], n_hidden=6, activation="tanh", seed=4)
    key_params, key_xs, key_targets = jax.random.split(jax.random.PRNGKey(4), 3)
    base = init_params(key_params, 6, 6, 1)
    for i, gain in enumerate([0.7, 1.4]):
        for j, T in enumerate([5, 17]):
            xs = jax.random.normal(key_xs, (17, 6))[:T]
            targets = jax.random.normal(key_targets, (17, 1))[:T]
            r = bptt(base._replace(Ws=gain * base.Ws), xs, targets, loss_steps="last")
            ratio = r.log10_state_grad[-1, 0] - r.log10_state_grad[-1, -1]
            assert out[i, j] == pytest.approx(ratio, abs=1e-9)


def test_regime_map_vanishes_below_and_explodes_above_one_over_gamma():
    out = regime_map([0.5, 8.0], [60], n_hidden=16, activation="sigmoid", seed=0)
    assert out[0, 0] < -30  # γσ = 1/8: at least 59 · log10(8) ≈ 53 decades down
    assert out[1, 0] > out[0, 0] + 20


def test_regime_map_and_jacobian_norms_reject_bad_input():
    with pytest.raises(ValueError, match="gains must be"):
        regime_map([], [3], n_hidden=4, activation="tanh", seed=0)
    with pytest.raises(ValueError, match="lengths must be"):
        regime_map([1.0], [0], n_hidden=4, activation="tanh", seed=0)
    with pytest.raises(ValueError, match="unknown activation"):
        regime_map([1.0], [3], n_hidden=4, activation="gelu", seed=0)
    p = init_params(jax.random.PRNGKey(0), 2, 3, 1)
    with pytest.raises(ValueError, match="xs contains NaN"):
        log10_jacobian_norms(p, np.full((4, 2), np.nan))


def test_decay_slope_fits_a_straight_line_and_flags_zero_terms():
    row = 2.0 - 0.3 * (9 - np.arange(10))  # rises 0.3 decades per step towards k = T
    assert decay_slope(row) == pytest.approx(-0.3, abs=1e-12)
    assert decay_slope(np.array([-np.inf, -np.inf, 1.0])) == -np.inf  # Ws = 0
    assert np.isnan(decay_slope(np.array([0.5])))


def test_regime_follows_the_pascanu_conditions():
    flat = np.zeros(20)
    rising = 0.2 * (19 - np.arange(20))  # grows 0.2 decades per step back in time
    falling = -rising
    assert classify_regime(rising, 0.8, "tanh").kind == "vanishing"  # the bound decides alone
    assert classify_regime(rising, 0.8, "tanh").reason == "bound"
    assert classify_regime(rising, 1.3, "linear").kind == "exploding"
    assert classify_regime(flat, 1.0, "tanh").kind == "edge"
    saturated = classify_regime(falling, 2.0, "tanh")
    assert (saturated.kind, saturated.reason) == ("vanishing", "saturation")
    # Sigmoid: γ = 1/4, so σ_max = 3 still satisfies σ_max < 1/γ.
    assert classify_regime(rising, 3.0, "sigmoid").bound_slope == pytest.approx(np.log10(0.75))
    assert classify_regime(np.array([-np.inf, 0.0]), 0.0, "tanh").kind == "vanishing"


def test_regime_of_real_runs_agrees_with_the_measured_maps():
    from core.experiment import ExperimentConfig, run

    for sigma, activation, kind in [(0.8, "tanh", "vanishing"), (1.3, "linear", "exploding")]:
        result = run(ExperimentConfig(n_steps=60, sigma_max=sigma, activation=activation, loss_steps="last"))
        assert classify_regime(result.log10_state_grad[-1], sigma, activation).kind == kind
