"""core.worked against a case worked by hand, a separate forward pass, core.bptt, and second-order Taylor.

Float64 throughout (tests/core/conftest.py). The references share no code with core.worked: plain
Python floats for the hand case, NumPy loops for the forward pass, and jax.jvp of jax.grad for the
curvature term of E(W − αg).
"""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core import worked as worked_module
from core.bptt import bptt
from core.experiment import ExperimentConfig, build
from core.rnn import RNNParams
from core.worked import forward_step, gradient_step, step_losses, worked

# H = I = O = 1, T = 2: every number below follows from these by hand.
WX, WS, B, WY, BY = 0.5, 0.8, 0.1, 2.0, -0.5
X1, X2, D1, D2 = 1.0, -1.0, 0.3, 0.2  # inputs and targets


def hand_params() -> tuple[RNNParams, np.ndarray, np.ndarray]:
    params = RNNParams(*(np.array(v) for v in ([[WX]], [[WS]], [B], [[WY]], [BY])))
    return params, np.array([[X1], [X2]]), np.array([[D1], [D2]])


def numpy_losses(params: RNNParams, xs, targets, activation: str) -> np.ndarray:
    """½‖y_t − target_t‖² per step by a NumPy loop (tanh or relu only, all the tests need)."""
    f = np.tanh if activation == "tanh" else (lambda a: np.maximum(a, 0.0))
    s, out = np.zeros(params.Ws.shape[0]), []
    for x, target in zip(xs, targets, strict=True):
        s = f(params.Wx @ x + params.Ws @ s + params.b)
        out.append(0.5 * np.sum((params.Wy @ s + params.by - target) ** 2))
    return np.array(out)


def test_the_hand_case_forward_losses_and_gradients():
    params, xs, targets = hand_params()
    s1 = math.tanh(WX * X1 + B)  # s_0 = 0: Ws s_0 adds nothing
    a2 = WX * X2 + WS * s1 + B
    s2 = math.tanh(a2)
    y1, y2 = WY * s1 + BY, WY * s2 + BY
    step = forward_step(params, xs, targets, 1, activation="tanh")
    assert step.input_part[0] == pytest.approx(WX * X2) and step.state_part[0] == pytest.approx(WS * s1)
    assert (
        step.a[0] == pytest.approx(a2) and step.s[0] == pytest.approx(s2) and step.y[0] == pytest.approx(y2)
    )
    assert step.s_prev[0] == pytest.approx(s1) and step.target[0] == D2
    assert step.h_ffnn[0] == pytest.approx(math.tanh(WX * X2 + B))
    assert step.y_ffnn[0] == pytest.approx(WY * math.tanh(WX * X2 + B) + BY)
    assert step.loss == pytest.approx(0.5 * (y2 - D2) ** 2)
    first = forward_step(params, xs, targets, 0, activation="tanh")
    assert first.s_prev[0] == 0 and first.y_ffnn[0] == pytest.approx(first.y[0])  # Ws s_0 = 0

    losses, grads = step_losses(params, xs, targets, [0, 1], activation="tanh")
    np.testing.assert_allclose(losses, [0.5 * (y1 - D1) ** 2, 0.5 * (y2 - D2) ** 2], rtol=1e-12)
    # dE/da_2 and dE/da_1 (E_1 reaches a_1 directly, E_2 through Ws), by the chain rule on paper
    u2 = (y2 - D2) * WY * (1 - s2**2)
    u1 = ((y1 - D1) * WY + u2 * WS) * (1 - s1**2)
    assert grads.Ws[0, 0] == pytest.approx(u2 * s1, rel=1e-12)  # term 1 is u_1 s_0 = 0
    assert grads.Wx[0, 0] == pytest.approx(u1 * X1 + u2 * X2, rel=1e-12)
    assert grads.Wy[0, 0] == pytest.approx((y1 - D1) * s1 + (y2 - D2) * s2, rel=1e-12)
    only_last, grads = step_losses(params, xs, targets, [1], activation="tanh")
    assert only_last[0] == 0 and grads.Wy[0, 0] == pytest.approx((y2 - D2) * s2, rel=1e-12)

    update = gradient_step(params, xs, targets, [0, 1], "Ws", 0.5, activation="tanh")
    ws_after = WS - 0.5 * u2 * s1
    s2_after = math.tanh(WX * X2 + ws_after * s1 + B)
    assert update.loss_after == pytest.approx(0.5 * (y1 - D1) ** 2 + 0.5 * (WY * s2_after + BY - D2) ** 2)
    assert update.grad_norm == pytest.approx(abs(u2 * s1)) and update.predicted == pytest.approx(
        -0.5 * (u2 * s1) ** 2
    )


@pytest.mark.parametrize("weight", ["Wx", "Ws", "Wy"])
def test_e_after_the_step_is_a_separate_forward_pass_with_the_new_weight(weight):
    config = ExperimentConfig(n_steps=6, n_hidden=4, sigma_max=1.2, inputs="first_half", seed=3)
    loss_steps = [3, 4, 5]  # the delay architecture's decoder
    params, xs, targets = build(config)
    result = worked(config, 4, loss_steps, weight, 0.3)
    grad = result.update.grad
    assert grad.shape == np.shape(getattr(params, weight)) and np.any(grad != 0)
    stepped = params._replace(**{weight: getattr(params, weight) - 0.3 * grad})
    after = numpy_losses(stepped, xs, targets, "tanh")
    before = numpy_losses(params, xs, targets, "tanh")
    mask = np.isin(np.arange(6), loss_steps)
    np.testing.assert_allclose(result.update.losses_after, np.where(mask, after, 0.0), rtol=1e-10)
    np.testing.assert_allclose(result.update.losses_before, np.where(mask, before, 0.0), rtol=1e-10)
    assert result.update.loss_after == pytest.approx(after[mask].sum(), rel=1e-10)
    assert result.step.loss == pytest.approx(before[4], rel=1e-10)
    others = [name for name in ("Wx", "Ws", "Wy") if name != weight]  # only the selected weight moves
    assert all(np.array_equal(getattr(stepped, n), getattr(params, n)) for n in others)


def test_the_gradient_is_core_bptts():
    config = ExperimentConfig(n_steps=9, n_hidden=4, sigma_max=1.5, seed=1)
    params, xs, targets = build(config)
    _, grads = step_losses(params, xs, targets, [8], activation="tanh")
    reference = bptt(params, xs, targets, activation="tanh", loss_steps="last").grads
    for name in RNNParams._fields:
        np.testing.assert_allclose(getattr(grads, name), getattr(reference, name), rtol=1e-9, atol=1e-12)


def test_small_steps_follow_taylor_to_second_order():
    """E(W − αg) = E − α‖g‖² + ½α² gᵀHg + O(α³): the first-order prediction is off by the curvature term."""
    config = ExperimentConfig(n_steps=5, n_hidden=4, sigma_max=0.9, seed=2)
    params, xs, targets = build(config)
    steps = [0, 1, 2, 3, 4]

    def loss_of_ws(ws):  # the reference E through jnp, independent of core.worked
        s, total = jnp.zeros(4), 0.0
        for x, target in zip(xs, targets, strict=True):
            s = jnp.tanh(params.Wx @ x + ws @ s + params.b)
            total = total + 0.5 * jnp.sum((params.Wy @ s + params.by - target) ** 2)
        return total

    grad = jax.jit(jax.grad(loss_of_ws))
    g = np.asarray(grad(jnp.asarray(params.Ws)))
    curvature = float(
        np.sum(g * np.asarray(jax.jit(lambda w, v: jax.jvp(grad, (w,), (v,))[1])(params.Ws, g)))
    )
    for alpha in (1e-3, 1e-4):
        update = gradient_step(params, xs, targets, steps, "Ws", alpha, activation="tanh")
        np.testing.assert_allclose(update.grad, g, rtol=1e-9)
        assert update.predicted == pytest.approx(-alpha * np.sum(g**2), rel=1e-12)
        residual = (update.loss_after - update.loss_before) - update.predicted
        assert residual == pytest.approx(0.5 * alpha**2 * curvature, rel=2e-2)  # the O(α³) rest: ~α


def test_the_ffnn_output_is_the_rnns_when_ws_is_zero():
    config = ExperimentConfig(n_steps=5, n_hidden=4, sigma_max=0.0, seed=4)
    params, xs, targets = build(config)
    assert not np.any(params.Ws)
    for t in range(5):
        step = forward_step(params, xs, targets, t, activation="tanh")
        np.testing.assert_allclose(step.h_ffnn, step.s, rtol=1e-14)  # + Ws s_{t-1} = + 0, in another order
        np.testing.assert_allclose(step.y_ffnn, step.y, rtol=1e-14)
        assert not np.any(step.state_part)
    with_memory = worked(ExperimentConfig(n_steps=5, n_hidden=4, sigma_max=0.9, seed=4), 3, [3], "Ws", 0.1)
    assert np.abs(with_memory.step.y_ffnn - with_memory.step.y).max() > 1e-3  # Ws s_3 changes the output


def test_bad_step_weight_alpha_and_loss_steps_are_refused():
    config = ExperimentConfig(n_steps=4, n_hidden=4)
    for t in (-1, 4, 1.0, True):
        with pytest.raises(ValueError, match="t must be"):
            worked(config, t, [3], "Ws", 0.1)
    with pytest.raises(ValueError, match="weight"):
        worked(config, 3, [3], "b", 0.1)
    for alpha in (0.0, -0.1, float("nan"), float("inf"), True, "0.1"):
        with pytest.raises(ValueError, match="alpha"):
            worked(config, 3, [3], "Ws", alpha)
    for steps, why in (([], "at least one"), ([4], "loss step"), ([1, 1], "repeat")):
        with pytest.raises(ValueError, match=why):
            worked(config, 3, steps, "Ws", 0.1)
    params, xs, targets = build(config)
    with pytest.raises(ValueError, match="activation"):
        step_losses(params, xs, targets, [0], activation="softsign")


@pytest.mark.float32  # the page's precision: build() draws other weights under x64
@pytest.mark.parametrize("weight", ["Wx", "Ws", "Wy"])
def test_the_panels_lesson_on_the_unrolled_pages_defaults(weight):
    """T = 4, σ_max 0.9, tanh, seed 0, every step a loss: α = 0.1 lowers E, α = 3 overshoots and raises it."""
    config = ExperimentConfig(n_steps=4, n_hidden=4, sigma_max=0.9)
    small, large = (worked(config, 3, [0, 1, 2, 3], weight, alpha).update for alpha in (0.1, 3.0))
    assert small.loss_after < small.loss_before - 0.5  # margins of 0.5 or more on E ≈ 5.6
    assert large.loss_after > large.loss_before + 0.5
    assert small.loss_after - small.loss_before > small.predicted  # curvature: less than first order


def test_no_recompile_per_length_loss_steps_weight_or_alpha():
    """T ≤ 32 share one padded length, loss steps are data, α is NumPy: one compilation in all."""
    seen = worked_module._jitted._cache_size()
    for n_steps, steps, weight, alpha in ((3, [2], "Ws", 0.1), (12, [6, 7, 8, 9, 10, 11], "Wy", 3.0)):
        config = ExperimentConfig(n_steps=n_steps, n_hidden=4, sigma_max=0.9, seed=5)
        worked(config, n_steps - 1, steps, weight, alpha)
    assert worked_module._jitted._cache_size() - seen <= 1
