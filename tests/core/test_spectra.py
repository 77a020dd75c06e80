"""core.spectra: γ, singular values, Jacobian-product norms and the regime map."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core.bptt import bptt
from core.experiment import ExperimentConfig, build, run
from core.rnn import forward, init_params
from core.spectra import (
    EDGE_TOLERANCE,
    Regime,
    badge_numbers,
    classify_regime,
    decay_slope,
    gamma,
    log10_jacobian_norms,
    log10_state_norms,
    regime_map,
    singular_values,
    slope_direction,
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
    for sigma, activation, kind in [(0.8, "tanh", "vanishing"), (1.3, "linear", "exploding")]:
        result = run(ExperimentConfig(n_steps=60, sigma_max=sigma, activation=activation, loss_steps="last"))
        assert classify_regime(result.log10_state_grad[-1], sigma, activation).kind == kind


def _last_row(sigma, activation, n_steps=60, **kwargs):
    config = ExperimentConfig(n_steps=n_steps, sigma_max=sigma, activation=activation, **kwargs)
    return np.asarray(run(config).log10_state_grad[-1], dtype=float)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("sigma", [0.98, 1.0, 1.02])
def test_near_one_over_gamma_a_decaying_gradient_is_called_vanishing_not_edge(activation, sigma):
    # The tester saw "edge" here with 7 decades of decay on the chart beside the badge.
    row = _last_row(sigma, activation)
    regime = classify_regime(row, sigma, activation)
    decades_lost = row[-1] - row[0]  # read straight off the row, no fit
    assert decades_lost > 3
    assert regime.kind == "vanishing"
    # Below 1/γ the bound decides; at or above it the measured slope does.
    assert regime.reason == ("bound" if sigma < 1.0 else "saturation")
    assert regime.measured_slope < -EDGE_TOLERANCE


def test_the_edge_is_a_flat_measured_gradient_within_the_stated_tolerance():
    # Linear f and orthogonal Ws at σ = 1: each step back is a rotation, so ||dE_T/ds_k|| is constant.
    row = _last_row(1.0, "linear")
    np.testing.assert_allclose(row, row[-1], atol=1e-9)
    assert classify_regime(row, 1.0, "linear")[:2] == ("edge", "measured")
    lags = 19 - np.arange(20)
    for slope, kind in [(0.9, "edge"), (-0.9, "edge"), (1.1, "exploding"), (-1.1, "vanishing")]:
        assert classify_regime(slope * EDGE_TOLERANCE * lags, 1.0, "tanh").kind == kind


def test_no_recurrence_cut_and_unmeasured_are_told_apart():
    ffnn = classify_regime(_last_row(0.0, "tanh", n_steps=30), 0.0, "tanh")
    assert ffnn[:2] == ("vanishing", "no_recurrence") and ffnn.measured_slope == -np.inf
    # relu with every unit off at the last step: above 1/γ, yet nothing reaches back.
    assert classify_regime(np.array([-np.inf, -np.inf, 0.0]), 1.5, "relu")[:2] == ("vanishing", "cut")
    assert classify_regime(np.array([0.0]), 1.5, "tanh")[:2] == ("edge", "unmeasured")
    assert classify_regime(np.array([0.0]), 0.5, "tanh")[:2] == ("vanishing", "bound")


def _numpy_regime_cell(gain, n_steps, dtype, *, n_hidden=16, seed=0):
    """The regime map's cell by a plain loop in `dtype`: raw tanh forward pass, raw backward pass."""
    key_params, key_xs, key_targets = jax.random.split(jax.random.PRNGKey(seed), 3)
    p = init_params(key_params, n_hidden, n_hidden, 1)
    xs = np.asarray(jax.random.normal(key_xs, (n_steps, n_hidden))).astype(dtype)
    target = np.asarray(jax.random.normal(key_targets, (n_steps, 1)))[-1].astype(dtype)
    Wx, Ws, Wy = (np.asarray(a).astype(dtype) for a in (p.Wx, p.Ws, p.Wy))
    Ws = Ws * dtype(gain)
    s, pre = np.zeros(n_hidden, dtype), []
    for x in xs:
        pre.append(Wx @ x + Ws @ s)
        s = np.tanh(pre[-1])
    g = Wy.T @ (Wy @ s - target)
    top = np.linalg.norm(g)
    for a in pre[:0:-1]:
        g = Ws.T @ ((1 - np.tanh(a) ** 2) * g)
    return float(np.log10(np.linalg.norm(g)) - np.log10(top))


@pytest.mark.float32  # draw the weights in float32, as the app does
@pytest.mark.parametrize("gain,n_steps", [(2.7, 200), (3.0, 109)])
def test_regime_map_is_computed_in_float64_where_float32_rounding_is_amplified(gain, n_steps):
    ours = float(regime_map([gain], [n_steps], n_hidden=16, activation="tanh", seed=0)[0, 0])
    wide = _numpy_regime_cell(gain, n_steps, np.longdouble)
    assert ours == pytest.approx(wide, abs=0.01)
    # The same cell in float32 is off by a lot: chaotic dynamics amplify rounding.
    assert abs(_numpy_regime_cell(gain, n_steps, np.float32) - wide) > 0.1


def test_state_norms_match_the_raw_forward_pass():
    for sigma, activation in [(0.8, "tanh"), (1.3, "linear"), (1.5, "relu"), (2.0, "sigmoid")]:
        params, xs, _ = build(ExperimentConfig(n_steps=40, sigma_max=sigma, activation=activation))
        states, _ = forward(params, jnp.asarray(xs), activation=activation)
        expected = np.log10(np.linalg.norm(np.asarray(states), axis=1))
        np.testing.assert_allclose(log10_state_norms(params, xs, activation=activation), expected, atol=1e-9)


def test_linear_states_grow_forward_as_fast_as_the_gradient_grows_back():
    # Why the Ws map's rows are flat on the exploding preset: term k = u_{t,k} s_{k-1}^T.
    config = ExperimentConfig(n_steps=60, sigma_max=1.3, activation="linear")
    params, xs, _ = build(config)
    states = log10_state_norms(params, xs, activation="linear")
    result = run(config)
    ws_row, wx_row = result.log10_contrib_Ws[59, 1:], result.log10_contrib_Wx[59, 1:]
    assert np.polyfit(np.arange(20, 59), states[20:59], 1)[0] == pytest.approx(np.log10(1.3), abs=0.01)
    assert ws_row.max() - ws_row.min() < 1.5  # flat: growth forward cancels growth back
    assert wx_row[0] - wx_row[-1] > 5  # the Wx terms from early steps dominate by > 5 decades
    # ||term k of dE_t/dWs|| = ||u_{t,k}|| ||s_{k-1}|| and ||term k of dE_t/dWx|| = ||u_{t,k}|| ||x_k||.
    log_x = np.log10(np.linalg.norm(xs, axis=1))
    np.testing.assert_allclose(ws_row - wx_row, states[:59] - log_x[1:60], atol=1e-6)


@pytest.mark.parametrize("activation", ["sigmoid", "linear"])
def test_bptt_stays_finite_at_the_largest_sigma_on_the_sliders(activation):
    result = run(ExperimentConfig(n_steps=500, sigma_max=6.0, activation=activation, loss_steps="last"))
    row = result.log10_state_grad[-1]
    assert np.all(np.isfinite(row))
    gains = np.linspace(0.1, 6.0, 60)
    assert np.all(np.isfinite(regime_map(gains, [2, 500], n_hidden=16, activation=activation, seed=0)))


def test_slope_direction_gives_positive_sizes_and_words():
    assert slope_direction(-0.0969) == ("shrinks", pytest.approx(0.0969))
    assert slope_direction(0.114) == ("grows", pytest.approx(0.114))
    assert slope_direction(-np.inf) == ("zero", 0.0) and slope_direction(np.nan) == ("none", 0.0)


def test_badge_numbers_are_positive_magnitudes_of_the_regime():
    regime = Regime("vanishing", "bound", float(np.log10(0.8)), -0.2)
    n = badge_numbers(regime, 61)
    assert (n["direction"], n["lags"]) == ("shrinks", 60)
    assert n["per_step"] == pytest.approx(0.2) and n["total"] == pytest.approx(12.0)
    assert n["bound"] == pytest.approx(-np.log10(0.8)) and n["gs"] == pytest.approx(0.8)
