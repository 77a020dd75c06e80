"""core.training.train: clipping invariants, one step against a hand-worked update, reports, divergence,
no retrace."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.training.train import CLIPS, TrainConfig, clip_gradients, train

# XLA on CPU flushes subnormals to zero, which is not what these invariants are about.
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, allow_subnormal=False)
trees = st.tuples(arrays(np.float64, (3, 4), elements=finite), arrays(np.float64, (5,), elements=finite))
thresholds = st.floats(0.01, 100.0)


# Compiled once per kind, as inside the train step: run eagerly, each call would trace lax.switch anew.
clip = jax.jit(clip_gradients, static_argnums=1)


def as_tree(pair):
    return {"W": jnp.asarray(pair[0]), "b": jnp.asarray(pair[1])}


def flat(tree) -> np.ndarray:
    return np.concatenate([np.ravel(tree["W"]), np.ravel(tree["b"])])


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    # Scaled to a largest |entry| of 1 first: squares of entries near 1e-160 would underflow.
    a, b = a / np.max(np.abs(a)), b / np.max(np.abs(b))
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


# Found by Hypothesis: ||g|| = θ. optax scales there (its test is ||g|| < θ) by θ/||g||, one ulp from 1.
TINY_AT_THRESHOLD = (np.full((3, 4), 1.432727146981868e-133), np.array([0.01, 0.0, 0.0, 0.0, 0.0]))


@settings(max_examples=60, deadline=None)
@given(trees, thresholds)
@example(TINY_AT_THRESHOLD, 0.01)
@example((np.full((3, 4), 1e-160), np.full(5, 1e-160)), 0.01)
def test_clip_by_global_norm_bounds_the_norm_keeps_the_direction_and_is_idempotent(pair, threshold):
    g = as_tree(pair)
    once = clip(g, "global_norm", threshold)
    norm = np.linalg.norm(flat(g))
    expected = flat(g) * min(1.0, threshold / norm) if norm > 0 else flat(g)  # Pascanu's rule by hand
    np.testing.assert_allclose(flat(once), expected, rtol=1e-12, atol=1e-12)
    assert np.linalg.norm(flat(once)) <= threshold * (1 + 1e-12)
    np.testing.assert_allclose(flat(clip(once, "global_norm", threshold)), flat(once), rtol=1e-12)
    if norm > 0:
        assert cosine(flat(g), flat(once)) == pytest.approx(1.0, abs=1e-12)
    if norm < threshold * (1 - 1e-12):
        np.testing.assert_array_equal(flat(once), flat(g))  # identity below the threshold, bit for bit


@settings(max_examples=60, deadline=None)
@given(trees, thresholds)
def test_clip_by_value_clamps_each_element_and_is_idempotent(pair, threshold):
    g = as_tree(pair)
    once = clip(g, "value", threshold)
    np.testing.assert_array_equal(flat(once), np.clip(flat(g), -threshold, threshold))
    np.testing.assert_array_equal(flat(clip(once, "value", threshold)), flat(once))
    if np.max(np.abs(flat(g))) <= threshold:
        np.testing.assert_array_equal(flat(once), flat(g))


@settings(max_examples=40, deadline=None)
@given(trees, thresholds)
def test_per_parameter_norm_clips_each_array_on_its_own(pair, threshold):
    g = as_tree(pair)
    clipped = clip(g, "per_param_norm", threshold)
    for name in ("W", "b"):
        norm = np.linalg.norm(np.ravel(g[name]))
        scale = min(1.0, threshold / norm) if norm > 0 else 1.0
        np.testing.assert_allclose(np.ravel(clipped[name]), np.ravel(g[name]) * scale, rtol=1e-12, atol=1e-12)


def test_value_clipping_turns_the_gradient_norm_clipping_does_not():
    g = {"W": jnp.array([[10.0, 0.1], [0.2, -0.3]]), "b": jnp.array([0.05, 3.0])}
    by_value = flat(clip_gradients(g, "value", 1.0))
    by_norm = flat(clip_gradients(g, "global_norm", 1.0))
    assert cosine(flat(g), by_norm) == pytest.approx(1.0, abs=1e-12)
    assert cosine(flat(g), by_value) < 0.9  # the large entries were cut, the small ones kept: a new direction


def test_none_is_the_identity_and_unknown_names_are_rejected():
    g = {"W": jnp.ones((2, 2)) * 1e6, "b": jnp.zeros(2)}
    np.testing.assert_array_equal(flat(clip_gradients(g, "none", 1.0)), flat(g))
    with pytest.raises(ValueError, match="clip"):
        TrainConfig(clip="sometimes")
    with pytest.raises(ValueError, match="learning_rate"):
        TrainConfig(learning_rate=float("nan"))
    with pytest.raises(ValueError, match="steps"):
        TrainConfig(steps=0)


def quadratic_loss(params, batch):
    """0.5 ||A w + c - y||², whose gradient is worked out by hand in the test."""
    a, y = batch
    r = a @ params["w"] + params["c"] - y
    return 0.5 * jnp.sum(r**2)


def quadratic_batches(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(6, 3)) * 3, rng.normal(size=6)) for _ in range(n)]


@pytest.mark.parametrize("clip", CLIPS)
def test_sgd_steps_equal_the_hand_worked_update_and_the_reports_measure_it(clip):
    batches = quadratic_batches(4)
    params = {"w": jnp.array([0.5, -1.0, 2.0]), "c": jnp.array(0.3)}
    config = TrainConfig(optimizer="sgd", learning_rate=0.01, clip=clip, threshold=2.0, steps=4)
    reports = list(train(quadratic_loss, params, batches, config))
    w, c = np.array([0.5, -1.0, 2.0]), 0.3
    for report, (a, y) in zip(reports, batches, strict=True):
        r = a @ w + c - y
        g = np.concatenate([a.T @ r, [r.sum()]])  # dE/dw = Aᵀr, dE/dc = Σr
        if clip == "global_norm":
            h = g * min(1.0, 2.0 / np.linalg.norm(g))
        elif clip == "value":
            h = np.clip(g, -2.0, 2.0)
        elif clip == "per_param_norm":
            h = np.concatenate([g[:3] * min(1.0, 2.0 / np.linalg.norm(g[:3])), np.clip(g[3:], -2.0, 2.0)])
        else:
            h = g
        assert report.loss == pytest.approx(0.5 * r @ r, rel=1e-10)
        assert report.grad_norm == pytest.approx(np.linalg.norm(g), rel=1e-10)
        assert report.clipped_norm == pytest.approx(np.linalg.norm(h), rel=1e-10)
        assert report.clipped == (not np.allclose(g, h, rtol=0, atol=0))
        assert report.cosine == pytest.approx(cosine(g, h), abs=1e-10)
        w, c = w - 0.01 * h[:3], c - 0.01 * h[3]
        np.testing.assert_allclose(report.params["w"], w, rtol=1e-10)
        assert float(report.params["c"]) == pytest.approx(c, rel=1e-10)
        assert report.finite


def test_adam_matches_a_plain_numpy_adam():
    batches = quadratic_batches(5, seed=3)
    params = {"w": jnp.zeros(3), "c": jnp.array(0.0)}
    reports = list(train(quadratic_loss, params, batches, TrainConfig(learning_rate=0.1, steps=5)))
    theta, m, v = np.zeros(4), np.zeros(4), np.zeros(4)
    for step, (a, y) in enumerate(batches, start=1):
        r = a @ theta[:3] + theta[3] - y
        g = np.concatenate([a.T @ r, [r.sum()]])
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
        m_hat, v_hat = m / (1 - 0.9**step), v / (1 - 0.999**step)
        theta = theta - 0.1 * m_hat / (np.sqrt(v_hat) + 1e-8)
    np.testing.assert_allclose(reports[-1].params["w"], theta[:3], rtol=1e-9)


def test_a_non_finite_gradient_stops_the_run_cleanly_without_applying_it():
    batches = quadratic_batches(6)
    batches[3] = (batches[3][0], np.full(6, np.inf))  # step 4 sees an infinite target
    params = {"w": jnp.ones(3), "c": jnp.array(0.0)}
    reports = list(train(quadratic_loss, params, batches, TrainConfig(optimizer="sgd", learning_rate=0.01)))
    assert [r.finite for r in reports] == [True, True, True, False]
    np.testing.assert_array_equal(
        reports[3].params["w"], reports[2].params["w"]
    )  # the bad step was not applied


def test_evaluate_runs_every_eval_every_steps_and_after_the_last():
    seen = []

    def evaluate(params):
        seen.append(float(params["c"]))
        return 0.5

    config = TrainConfig(optimizer="sgd", learning_rate=0.01, steps=7, eval_every=3)
    reports = list(
        train(
            quadratic_loss,
            {"w": jnp.ones(3), "c": jnp.array(0.0)},
            quadratic_batches(7),
            config,
            evaluate=evaluate,
        )
    )
    assert [r.step for r in reports if not math.isnan(r.heldout)] == [3, 6, 7]
    assert len(seen) == 3


def test_learning_rate_threshold_and_clipping_kind_do_not_recompile():
    traces = []

    def counted_loss(params, batch):
        traces.append(1)  # runs once per trace, not per call
        return quadratic_loss(params, batch)

    params = {"w": jnp.ones(3), "c": jnp.array(0.0)}
    for clip in CLIPS:
        for learning_rate in (0.1, 0.01):
            config = TrainConfig(
                optimizer="momentum", learning_rate=learning_rate, clip=clip, threshold=0.5, steps=2
            )
            list(train(counted_loss, params, quadratic_batches(2), config))
    assert len(traces) == 1
    assert jax.tree.leaves(params)  # the caller's params were not consumed
