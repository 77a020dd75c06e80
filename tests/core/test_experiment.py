"""core.experiment: configs, one-to-many inputs, and the term-by-term backward walk."""

import numpy as np
import pytest

from core.experiment import ExperimentConfig, backward_walk, build, run


def test_sigma_max_is_exact_for_every_initialiser():
    for init in ("orthogonal", "normal", "glorot_uniform"):
        params, _, _ = build(ExperimentConfig(sigma_max=1.7, recurrent_init=init))
        assert np.linalg.svd(params.Ws, compute_uv=False)[0] == pytest.approx(1.7, rel=1e-5)


def test_one_to_many_feeds_only_the_first_input():
    _, xs, _ = build(ExperimentConfig(n_steps=6, inputs="first"))
    assert np.any(xs[0]) and not np.any(xs[1:])


def test_delay_feeds_the_encoder_half_only_so_decoder_steps_have_no_wx_term():
    config = ExperimentConfig(n_steps=6, inputs="first_half")
    _, xs, _ = build(config)
    assert np.all(np.any(xs[:3], axis=1)) and not np.any(xs[3:])
    _, xs_one, _ = build(ExperimentConfig(n_steps=1, inputs="first_half"))
    assert np.any(xs_one[0])  # T = 1: the one step still reads its input
    maps = run(config)
    assert np.all(np.isneginf(maps.log10_contrib_Wx[5, 3:]))  # x_k = 0: term k of dE/dWx is exactly 0
    assert np.all(np.isfinite(maps.log10_contrib_Wx[5, :3]))


def test_bad_configs_raise_value_errors():
    with pytest.raises(ValueError, match="n_steps must be a positive int"):
        ExperimentConfig(n_steps=0)
    with pytest.raises(ValueError, match="unknown activation"):
        ExperimentConfig(activation="swish")
    with pytest.raises(ValueError, match="sigma_max must be"):
        ExperimentConfig(sigma_max=float("nan"))


@pytest.mark.parametrize("weight", ["Wx", "Ws", "Wy"])
def test_backward_walk_terms_match_the_maps_and_sum_to_the_gradient(weight):
    config = ExperimentConfig(n_steps=9, n_hidden=5, sigma_max=1.2)
    t = 6
    walk = backward_walk(config, t, weight)
    maps = run(config)
    if weight == "Wy":  # only the k = t term exists
        assert walk["term"][t] == pytest.approx(maps.log10_contrib_Wy[t], abs=1e-5)
        assert np.all(walk["term"][:t] == -np.inf)
    else:
        np.testing.assert_allclose(
            walk["term"][1:], getattr(maps, f"log10_contrib_{weight}")[t, 1 : t + 1], atol=1e-5
        )
    np.testing.assert_allclose(walk["state"], maps.log10_state_grad[t, : t + 1], atol=1e-5)
    # The running sum at k = 0 is the whole dE_t/dW, never larger than the sum of the term norms.
    assert 10 ** walk["running"][0] <= np.sum(10 ** walk["term"]) * (1 + 1e-6)
    assert walk["running"][t] == pytest.approx(walk["term"][t], abs=1e-6)


def test_backward_walk_rejects_bad_steps_and_weights():
    with pytest.raises(ValueError, match=r"loss_step must lie in 0\.\.4"):
        backward_walk(ExperimentConfig(n_steps=5), 5, "Ws")
    with pytest.raises(ValueError, match="unknown weight"):
        backward_walk(ExperimentConfig(n_steps=5), 1, "Wz")
