"""core.term_factors against core.bptt's maps, untied autodiff, jax.grad of E_t alone and cases by hand.

The exact gains telescope by construction, so every check here compares with something computed
another way: the heatmap's cells (core.experiment.run), the untied-weight jacobians of
tests/core/reference.py, jax.grad of one loss, spectral norms from f' by autodiff.
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core.experiment import ExperimentConfig, build, run
from core.rnn import forward
from core.term_factors import step_bounds, term_factors
from tests.core.reference import ACT, untied_norms

ROUNDING = 1e-9  # decades: float64 rounding over a few hundred factors


def same_log(a, b, tol=ROUNDING):
    """Equal log10 values: both -inf (an exactly-zero term), or within tol decades."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert np.array_equal(a == -np.inf, b == -np.inf), (a, b)
    finite = np.isfinite(b)
    np.testing.assert_allclose(a[finite], b[finite], atol=tol, rtol=0)


def random_configs(seed=7):
    """Four configs: every activation, two with a loss on every step and two with the last only.

    σ, the initialiser, the input scale and the seed are drawn; T (41 or 60) and H (5 or 8)
    come from two values each, all in one bucket, so the BPTT kernel compiles once per config.
    """
    rng = np.random.default_rng(seed)
    kinds = [("tanh", "all"), ("sigmoid", "last"), ("relu", "all"), ("linear", "last")]
    for activation, loss_steps in kinds:
        yield ExperimentConfig(
            n_steps=int(rng.choice([41, 60])),
            n_hidden=int(rng.choice([5, 8])),
            sigma_max=float(rng.uniform(0.3, 2.5)),
            activation=activation,
            recurrent_init=str(rng.choice(["orthogonal", "normal"])),
            loss_steps=loss_steps,
            input_scale=float(rng.uniform(0.5, 2.0)),
            seed=int(rng.integers(0, 1000)),
        )


CONFIGS = list(random_configs())
maps = functools.lru_cache(run)  # one BPTT run per config for the whole module (arrays only read)


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.activation}-{c.loss_steps}")
def test_exact_factors_multiply_to_the_maps_cell_and_the_bound_lies_above(config):
    result = maps(config)
    rng = np.random.default_rng(config.seed)
    T = config.n_steps
    for weight in ("Ws", "Wx"):
        cells = getattr(result, f"log10_contrib_{weight}")
        pairs = [(T - 1, 0), (T - 1, rng.integers(0, T)), *(rng.integers(0, T, 2) for _ in range(2))]
        for t, k in ((int(max(a, b)), int(min(a, b))) for a, b in pairs):
            f = term_factors(config, t, k, weight)
            same_log(f.terms, cells[t, : t + 1])  # the whole row is the map's row
            same_log(f.cell, cells[t, k])
            exact = [f.loss_grad, f.readout_gain, *f.step_gain, f.fprime_gain, f.input_norm]
            if f.cell > -np.inf:
                assert sum(exact) == pytest.approx(f.cell, abs=ROUNDING)
                assert f.exact_sum == pytest.approx(f.cell, abs=ROUNDING)
            bound = f.loss_grad + f.readout_bound + f.step_bound.sum() + f.fprime_bound + f.input_norm
            same_log(f.bound_sum, bound)
            assert f.bound_sum >= f.cell - ROUNDING
            assert np.all(np.isnan(f.step_gain) | (f.step_gain <= f.step_bound + ROUNDING))


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_each_exact_gain_and_bound_against_untied_autodiff(activation):
    config = ExperimentConfig(n_steps=7, n_hidden=5, sigma_max=1.4, activation=activation, seed=3)
    params, xs, targets = build(config)
    ref = untied_norms(params, xs, targets, activation, "mse")
    states, _ = forward(params, jnp.asarray(xs), activation=activation)
    s_prev = np.vstack([np.zeros(5), np.asarray(states)[:-1]])
    pre = xs @ np.asarray(params.Wx).T + s_prev @ np.asarray(params.Ws).T + np.asarray(params.b)
    fprime = np.asarray(jax.vmap(jax.vmap(jax.grad(ACT[activation])))(jnp.asarray(pre)))
    t, k = 6, 2
    f = term_factors(config, t, k, "Ws")
    state = np.log10(ref["state"][t])  # ‖dE_t/ds_j‖ for j = 0..t, none of them 0 for tanh or sigmoid
    same_log(f.step_gain, state[k:t] - state[k + 1 : t + 1], tol=1e-7)
    same_log(f.cell, np.log10(ref["Ws"][t, k]), tol=1e-7)
    norms = [np.linalg.norm(np.diag(fprime[j]) @ np.asarray(params.Ws), 2) for j in range(k + 1, t + 1)]
    same_log(f.step_bound, np.log10(norms), tol=1e-9)
    assert f.readout_bound == pytest.approx(np.log10(np.linalg.norm(np.asarray(params.Wy), 2)), abs=1e-12)
    assert f.fprime_bound == pytest.approx(np.log10(np.abs(fprime[k]).max()), abs=1e-12)
    assert f.input_norm == pytest.approx(np.log10(np.linalg.norm(s_prev[k])), abs=1e-12)


def test_the_running_sum_starts_at_the_whole_gradient_of_that_loss_alone():
    config = ExperimentConfig(n_steps=41, n_hidden=5, sigma_max=1.2, activation="tanh", seed=5)
    params, xs, targets = build(config)
    t = 13

    def loss_t(Ws, Wx):
        _, ys = forward(params._replace(Ws=Ws, Wx=Wx), jnp.asarray(xs[: t + 1]), activation="tanh")
        return 0.5 * jnp.sum((ys[t] - targets[t]) ** 2)

    d_ws, d_wx = jax.grad(loss_t, argnums=(0, 1))(params.Ws, params.Wx)
    for weight, grad in (("Ws", d_ws), ("Wx", d_wx)):
        f = term_factors(config, t, 4, weight)
        assert f.running[0] == pytest.approx(np.log10(np.linalg.norm(np.asarray(grad))), abs=1e-10)
        assert f.running[t] == pytest.approx(f.terms[t], abs=1e-12)  # the sum of the last term alone


def test_k_equal_t_has_an_empty_product():
    config = CONFIGS[1]  # the sigmoid, loss on the last step
    t = config.n_steps - 1
    f = term_factors(config, t, t, "Wx")
    assert f.steps.shape == f.step_gain.shape == f.step_bound.shape == (0,)
    total = f.loss_grad + f.readout_gain + f.fprime_gain + f.input_norm
    assert total == pytest.approx(maps(config).log10_contrib_Wx[t, t], abs=ROUNDING)


def test_zero_terms_are_minus_infinity_and_the_map_agrees():
    # k = 0 of Ws meets s0 = 0; one-to-many feeds x_1 only, so x_k = 0 for every later k.
    config = ExperimentConfig(n_steps=41, n_hidden=5, sigma_max=1.1, inputs="first", seed=1)
    result = run(config)
    f = term_factors(config, 40, 0, "Ws")
    assert f.input_norm == f.cell == f.exact_sum == f.bound_sum == -np.inf
    assert np.isfinite(f.step_gain).all()  # the path itself is fine: only the last factor is 0
    g = term_factors(config, 40, 4, "Wx")
    assert g.input_norm == g.cell == -np.inf and result.log10_contrib_Wx[40, 4] == -np.inf
    # σ = 0 (no recurrence): the first step back is exactly 0 and nothing is left for the others.
    ffnn = ExperimentConfig(n_steps=41, n_hidden=5, sigma_max=0.0, seed=1)
    h = term_factors(ffnn, 7, 1, "Ws")
    assert h.step_gain[-1] == -np.inf and np.isnan(h.step_gain[:-1]).all() and h.cell == -np.inf
    same_log(h.terms, run(ffnn).log10_contrib_Ws[7, :8])


def test_rows_without_a_loss_carry_only_zeros():
    config = CONFIGS[1]  # loss on the last step only
    f = term_factors(config, 10, 3, "Ws")
    assert not f.has_loss and f.loss_grad == f.cell == -np.inf
    assert (f.terms == -np.inf).all() and (f.running == -np.inf).all()
    same_log(f.terms, maps(config).log10_contrib_Ws[10, :11])
    assert term_factors(config, config.n_steps - 1, 3, "Ws").has_loss


def test_one_unit_one_output_makes_the_bound_exact():
    # With H = O = 1 every factor is a scalar, so each operator norm is the exact gain.
    config = ExperimentConfig(n_steps=25, n_hidden=1, n_out=1, sigma_max=1.5, activation="tanh", seed=8)
    f = term_factors(config, 24, 5, "Wx")
    np.testing.assert_allclose(f.step_gain, f.step_bound, atol=1e-12)
    assert f.readout_gain == pytest.approx(f.readout_bound, abs=1e-12)
    assert f.bound_sum == pytest.approx(f.cell, abs=ROUNDING)


def test_five_hundred_exploding_steps_stay_finite_and_match_the_hand_value():
    # Linear f and an orthogonal Ws scaled to σ = 6: each step back multiplies ‖v‖ by exactly 6.
    config = ExperimentConfig(n_steps=500, n_hidden=5, sigma_max=6.0, activation="linear", seed=0)
    f = term_factors(config, 499, 0, "Wx")
    np.testing.assert_allclose(f.step_gain, np.log10(6.0), atol=1e-12)
    np.testing.assert_allclose(f.step_bound, np.log10(6.0), atol=1e-12)
    assert f.fprime_gain == f.fprime_bound == 0.0  # f' = 1
    assert np.isfinite(f.cell) and f.cell > 2 * 499 * np.log10(6.0) - 20  # ‖g‖ itself grows like 6^t
    assert np.isfinite(f.running).all() and np.isfinite(f.terms).all()


def test_bounds_computed_once_per_config_are_the_paths_bounds():
    config = CONFIGS[2]  # relu: some steps may have every unit off, a bound of exactly 0
    bounds = step_bounds(config)
    T = config.n_steps
    for t, k in ((T - 1, 0), (T // 2, 3)):
        alone, shared = term_factors(config, t, k, "Wx"), term_factors(config, t, k, "Wx", bounds=bounds)
        same_log(shared.step_bound, alone.step_bound, tol=1e-12)
        same_log(shared.bound_sum, alone.bound_sum, tol=1e-9)
    with pytest.raises(ValueError, match="bounds must have shape"):
        term_factors(config, 3, 1, "Ws", bounds=bounds[:-1])


def test_bad_cells_name_what_is_wrong():
    config = ExperimentConfig(n_steps=5, n_hidden=2)
    with pytest.raises(ValueError, match=r"t must lie in 0\.\.4"):
        term_factors(config, 5, 0, "Ws")
    with pytest.raises(ValueError, match=r"k must lie in 0\.\.t = 0\.\.2"):
        term_factors(config, 2, 3, "Ws")
    with pytest.raises(ValueError, match="k must"):
        term_factors(config, 2, -1, "Ws")
    with pytest.raises(ValueError, match="weight"):
        term_factors(config, 2, 1, "Wy")
