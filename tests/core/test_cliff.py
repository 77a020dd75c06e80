"""core.training.cliff against plain-Python loops, finite differences, clipping invariants (float64)."""

import math

import numpy as np
import pytest

from core.training import cliff


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def python_loss(w: float, b: float, T: int = 50) -> float:
    """The paper's recurrence, one float at a time."""
    x = 0.5
    for _ in range(T):
        x = w * sigmoid(x) + b
    return (sigmoid(x) - 0.7) ** 2


def python_grad(w: float, b: float, T: int = 50, h: float = 1e-6) -> np.ndarray:
    """Central finite differences of python_loss."""
    dw = (python_loss(w + h, b, T) - python_loss(w - h, b, T)) / (2 * h)
    db = (python_loss(w, b + h, T) - python_loss(w, b - h, T)) / (2 * h)
    return np.array([dw, db])


def wall_w(b: float) -> float:
    """Where x_0 = 0.5 is a fixed point of x -> w·σ(x) + b, found by hand: w = (0.5 - b) / σ(0.5)."""
    return (0.5 - b) / sigmoid(0.5)


POINTS = [(1.0, 0.0), (3.0, -1.5), (4.5, -3.0), (6.0, -2.0), (8.0, -5.0), (2.0, 3.0)]


@pytest.mark.parametrize("T", [1, 7, 50, 100])
def test_loss_equals_a_plain_python_loop(T):
    for w, b in POINTS:
        loss, _ = cliff.loss_and_grad(w, b, n_steps=T)
        assert loss == pytest.approx(python_loss(w, b, T), rel=1e-12, abs=1e-15)


def test_surface_entries_are_the_loss_at_their_grid_point():
    ws, bs = np.array([1.0, 4.5, 8.0]), np.array([-5.0, -3.0, 0.0, 3.0])
    loss, grad_norm = cliff.loss_surface(ws, bs, n_steps=30)
    assert loss.shape == grad_norm.shape == (4, 3)  # rows follow b, columns w
    for i, b in enumerate(bs):
        for j, w in enumerate(ws):
            assert loss[i, j] == pytest.approx(python_loss(w, b, 30), rel=1e-12, abs=1e-15)
            assert grad_norm[i, j] == pytest.approx(np.linalg.norm(cliff.loss_and_grad(w, b, n_steps=30)[1]))


@pytest.mark.parametrize(("w", "b"), [(1.0, 0.0), (3.0, -1.5), (5.0, -3.0), (7.0, -2.0), (6.0, -4.0)])
def test_gradient_equals_central_finite_differences_where_smooth(w, b):
    _, grad = cliff.loss_and_grad(w, b)
    np.testing.assert_allclose(grad, python_grad(w, b), rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("b", [-2.6, -3.0, -3.5, -4.5])
def test_the_loss_jumps_across_the_wall_and_the_gradient_with_it(b):
    w_star = wall_w(b)
    # The loss falls from the low fixed point's E ≈ 0.4 to the high one's E < 0.1 across the line...
    assert python_loss(w_star - 0.01, b) > 0.3 and python_loss(w_star + 0.01, b) < 0.1
    assert wall_w(b) == pytest.approx(b * -1 / sigmoid(0.5) + 0.5 / sigmoid(0.5))
    assert cliff.wall_b(np.array([w_star]))[0] == pytest.approx(b)
    # ...and on it the gradient is orders of magnitude larger than 0.05 to either side.
    on_wall = np.linalg.norm(cliff.loss_and_grad(w_star, b)[1])
    beside = max(np.linalg.norm(cliff.loss_and_grad(w_star + d, b)[1]) for d in (-0.05, 0.05))
    assert on_wall > 1e3 * beside
    # On the line x_t = 0.5 for every t, so by hand, with λ = w·σ'(0.5) the one-step derivative,
    # dx_T/d(w, b) = (σ(0.5), 1)·(λ^T - 1)/(λ - 1) and dE/dx_T = 2(σ(0.5) - 0.7)·σ'(0.5).
    s, ds = sigmoid(0.5), sigmoid(0.5) * (1 - sigmoid(0.5))
    lam = w_star * ds
    by_hand = 2 * (s - 0.7) * ds * (lam**50 - 1) / (lam - 1) * np.array([s, 1.0])
    # w_star's rounding (1e-16) is amplified by λ per step, so x drifts off 0.5 near t = T where λ^T ~ 1e13.
    np.testing.assert_allclose(cliff.loss_and_grad(w_star, b)[1], by_hand, rtol=0.1)


def test_a_fine_grid_across_the_wall_sees_the_gradient_norm_jump():
    # 12 points, the grid size of the test above, so the kernel is not compiled again.
    offsets = np.array([-1e-1, -1e-3, -1e-5, -1e-6, -1e-8, 0.0, 1e-8, 1e-6, 1e-5, 1e-3, 1e-1, 2e-1])
    _, norms = cliff.loss_surface(wall_w(-3.0) + offsets, np.array([-3.0]))
    norms = norms[0]
    assert norms[5] > 1e5 * max(norms[0], norms[-1])  # on the wall vs 0.1 to either side
    near, far = np.abs(offsets) <= 1e-6, np.abs(offsets) >= 1e-3
    assert norms[near].min() > 1e4 and norms[far].max() < 1  # a band about 1e-5 wide, 1e4 times steeper


def replay(w0, b0, *, lr, threshold, steps, clip):
    """The same descent by hand: p <- p - lr · g · min(1, threshold / ||g||) with g from loss_and_grad."""
    p = np.array([w0, b0], dtype=float)
    out = [p.copy()]
    for _ in range(steps):
        _, g = cliff.loss_and_grad(*p)
        scale = min(1.0, threshold / np.linalg.norm(g)) if clip else 1.0
        p = p - lr * scale * g
        out.append(p.copy())
    return np.array(out)


@pytest.mark.parametrize("clip", [False, True])
def test_descent_matches_a_step_by_step_replay(clip):
    run = cliff.descend(4.5, -3.0, lr=0.1, threshold=1.0, steps=60, clip=clip)
    np.testing.assert_allclose(
        run.points, replay(4.5, -3.0, lr=0.1, threshold=1.0, steps=60, clip=clip), rtol=1e-9
    )


@pytest.mark.parametrize(
    ("w0", "b0", "lr", "threshold"), [(4.5, -3.0, 0.1, 1.0), (5.5, -2.5, 0.05, 0.5), (5, -3, 1.0, 2.0)]
)
def test_clipped_steps_never_exceed_lr_times_threshold(w0, b0, lr, threshold):
    run = cliff.descend(w0, b0, lr=lr, threshold=threshold, steps=300, clip=True)
    moved = np.linalg.norm(np.diff(run.points, axis=0), axis=1)
    assert moved.max() <= lr * threshold * (1 + 1e-9)
    np.testing.assert_allclose(run.step_norms, moved, rtol=1e-9, atol=1e-15)
    # Below the threshold clipping is the identity: the step is lr times the raw gradient.
    below = ~run.clipped
    np.testing.assert_allclose(moved[below], lr * run.grad_norms[:-1][below], rtol=1e-9)
    np.testing.assert_array_equal(run.clipped, run.grad_norms[:-1] > threshold)


def test_the_defaults_throw_the_unclipped_run_off_the_wall_and_not_the_clipped_one():
    """The panel's defaults: start (4.5, -3), lr 0.1, threshold 1, 150 steps, T = 50."""
    plain = cliff.descend(4.5, -3.0, lr=0.1, threshold=1.0, steps=150, clip=False)
    clipped = cliff.descend(4.5, -3.0, lr=0.1, threshold=1.0, steps=150, clip=True)
    # Both take the same steps until the first one that lands on the wall.
    first = int(np.argmax(plain.grad_norms > 10))
    assert first > 0 and plain.grad_norms[first] > 10 * 1.0
    np.testing.assert_array_equal(plain.points[: first + 1], clipped.points[: first + 1])
    # Unclipped: one step of lr · ||g|| > 5 lands on the flat E ≈ 0.09 plateau, where it stays.
    assert plain.step_norms.max() > 5
    assert np.linalg.norm(plain.points[-1] - plain.points[first]) > 5
    assert plain.losses[-1] == pytest.approx(0.09, abs=1e-3) and plain.grad_norms[-1] < 1e-4
    # Clipped: never moves more than lr · threshold and ends near the valley floor beside the wall.
    assert np.linalg.norm(clipped.points[-1] - clipped.points[first]) < 0.5
    assert clipped.losses[-1] < 1e-3 < plain.losses[-1]


def test_a_non_finite_step_stops_the_run_cleanly():
    b = -3.0
    start = (wall_w(b), b)  # ||g|| ≈ 1e6 here, so lr = 1e308 overflows the very first step
    run = cliff.descend(*start, lr=1e308, threshold=1.0, steps=20, clip=False)
    assert run.diverged_at == 0
    assert run.points.shape == (1, 2) and np.isfinite(run.points).all()
    assert run.step_norms.shape == (0,)
    # The clipped run takes the same start in its stride: a step of at most lr · threshold.
    safe = cliff.descend(*start, lr=0.1, threshold=1.0, steps=20, clip=True)
    assert safe.diverged_at is None and safe.points.shape == (21, 2)


def test_a_non_finite_start_stops_at_step_zero():
    run = cliff.descend(float("nan"), -3.0, lr=0.1, threshold=1.0, steps=10, clip=True)
    assert run.diverged_at == 0 and len(run.step_norms) == 0


def test_slider_values_do_not_recompile():
    cliff.descend(4.5, -3.0, lr=0.1, threshold=1.0, steps=150, clip=True)
    cliff.loss_surface(np.linspace(1, 2, 4), np.linspace(-1, 0, 3), n_steps=50)
    sizes = (cliff._descend_jit[True]._cache_size(), cliff._surface_kernel._cache_size())
    for w0, b0, lr, threshold, steps, T in [
        (5, -2, 0.3, 0.5, 7, 20),
        (2, 1, 1.5, 9.0, 500, 100),
        (9, -6, 0.01, 0.1, 1, 5),
    ]:
        cliff.descend(w0, b0, lr=lr, threshold=threshold, steps=steps, clip=True, n_steps=T)
        cliff.loss_surface(np.linspace(1, 2, 4), np.linspace(-1, 0, 3), n_steps=T)
    assert (cliff._descend_jit[True]._cache_size(), cliff._surface_kernel._cache_size()) == sizes


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError, match="n_steps"):
        cliff.loss_and_grad(1.0, 0.0, n_steps=cliff.MAX_T + 1)
    with pytest.raises(ValueError, match="steps"):
        cliff.descend(1.0, 0.0, lr=0.1, threshold=1.0, steps=cliff.MAX_STEPS + 1, clip=True)
    with pytest.raises(ValueError, match="lr"):
        cliff.descend(1.0, 0.0, lr=0.0, threshold=1.0, steps=1, clip=True)
