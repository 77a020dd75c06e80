"""core.bptt against jax.grad, finite differences, untied autodiff and the chapter's E3 by hand."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jax.test_util import check_grads

from core import bptt as bptt_module
from core.bptt import bptt
from core.buckets import bucket_steps
from core.rnn import RNNParams, forward, init_params
from tests.core.reference import softmax_ce, untied_norms

ACTIVATIONS = ["tanh", "sigmoid", "relu", "linear"]


def make_case(seed, T, H, I=3, O=2, gain=0.9, loss="mse", input_scale=1.0):
    key = jax.random.PRNGKey(seed)
    p = init_params(key, I, H, O, recurrent_gain=gain)
    rng = np.random.default_rng(seed)
    p = p._replace(b=jnp.asarray(rng.normal(size=H) * 0.1), by=jnp.asarray(rng.normal(size=O) * 0.1))
    xs = rng.normal(size=(T, I)) * input_scale
    if loss == "mse":
        return p, xs, rng.normal(size=(T, O))
    return p, xs, rng.integers(0, O, size=T)


def total_loss(p, xs, targets, activation, loss, loss_steps, s0=None):
    """E from the plain forward pass: the reference for every gradient."""
    _, ys = forward(p, jnp.asarray(xs), s0=s0, activation=activation)
    if loss == "mse":
        per_step = 0.5 * jnp.sum((ys - targets) ** 2, axis=1)
    else:
        per_step = softmax_ce(ys, jnp.asarray(targets))
    return per_step.sum() if loss_steps == "all" else per_step[-1]


def assert_tree_close(a, b, rtol=1e-9):
    for name, x, y in zip(RNNParams._fields, a, b, strict=True):
        x, y = np.asarray(x), np.asarray(y)
        scale = max(np.abs(y).max(), 1e-30)
        np.testing.assert_allclose(x, y, rtol=rtol, atol=rtol * scale, err_msg=name)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss", ["mse", "softmax_ce"])
@pytest.mark.parametrize("loss_steps", ["all", "last"])
def test_step_grads_sum_to_grads_which_equal_jax_grad(activation, loss, loss_steps):
    # T = 37 crosses a bucket edge (padded to 64) and H = 5 is padded to 8.
    p, xs, targets = make_case(0, T=37, H=5, gain=1.1, loss=loss)
    r = bptt(p, xs, targets, activation=activation, loss=loss, loss_steps=loss_steps)
    summed = RNNParams(*(g.sum(axis=0) for g in r.step_grads))
    assert_tree_close(summed, r.grads)
    reference = jax.grad(total_loss)(p, xs, targets, activation, loss, loss_steps)
    assert_tree_close(r.grads, reference)
    e_ref = total_loss(p, xs, targets, activation, loss, loss_steps)
    assert r.losses.sum() == pytest.approx(float(e_ref), rel=1e-12)
    if loss_steps == "last":
        assert not np.any(r.losses[:-1])


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_grads_pass_finite_difference_check(activation):
    p, xs, targets = make_case(1, T=6, H=4, gain=1.2)
    if activation == "relu":  # keep pre-activations away from relu's kink at 0
        p = p._replace(b=p.b + 0.5)

    @jax.custom_vjp
    def energy(params):
        return total_loss(params, xs, targets, activation, "mse", "all")

    def energy_fwd(params):
        return energy(params), params

    def energy_bwd(params, ct):
        g = bptt(params, xs, targets, activation=activation).grads
        return (RNNParams(*(ct * jnp.asarray(x) for x in g)),)

    energy.defvjp(energy_fwd, energy_bwd)
    check_grads(energy, (p,), order=1, modes=["rev"], atol=1e-6, rtol=1e-6)


def assert_log_map_matches(log_map, norms, rtol=1e-9):
    """10**log_map equals the reference norms below the diagonal; NaN above it."""
    T = norms.shape[0]
    lower = np.tri(T, dtype=bool)
    assert np.all(np.isnan(log_map[~lower]))
    assert not np.any(np.isnan(log_map[lower]))
    with np.errstate(over="ignore"):
        np.testing.assert_allclose(10.0 ** log_map[lower], norms[lower], rtol=rtol, atol=1e-300)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss", ["mse", "softmax_ce"])
@pytest.mark.parametrize("T,H,seed", [(1, 3, 2), (12, 6, 3), (40, 4, 4)])
def test_log10_maps_equal_untied_autodiff_norms(activation, loss, T, H, seed):
    p, xs, targets = make_case(seed, T=T, H=H, gain=1.3, loss=loss)
    s0 = np.random.default_rng(seed).normal(size=H) * 0.5  # non-zero, so the k = 1 Ws term exists
    r = bptt(p, xs, targets, activation=activation, loss=loss, s0=s0)
    ref = untied_norms(p, jnp.asarray(xs), jnp.asarray(targets), activation, loss, s0=s0)
    assert_log_map_matches(r.log10_contrib_Wx, ref["Wx"])
    assert_log_map_matches(r.log10_contrib_Ws, ref["Ws"])
    assert_log_map_matches(r.log10_state_grad, ref["state"])
    np.testing.assert_allclose(10.0**r.log10_contrib_Wy, ref["Wy"], rtol=1e-9)


def test_last_step_maps_are_the_last_row_of_the_all_step_maps():
    p, xs, targets = make_case(5, T=30, H=7)
    every = bptt(p, xs, targets)
    last = bptt(p, xs, targets, loss_steps="last")
    for name in ("log10_contrib_Wx", "log10_contrib_Ws", "log10_state_grad"):
        np.testing.assert_allclose(getattr(last, name)[-1], getattr(every, name)[-1], rtol=1e-12)
        lower_rows = getattr(last, name)[:-1][np.tri(30, dtype=bool)[:-1]]
        assert np.all(lower_rows == -np.inf)  # no loss on those steps: exactly zero
    assert np.all(last.log10_contrib_Wy[:-1] == -np.inf)


def test_chapter_E3_example_by_hand():
    """T = 3, H = 1: the chapter's figures 5.23 and 5.28, each term a closed-form product."""
    wx, ws, b, wy, by = 0.7, 0.9, 0.1, 1.3, -0.2
    x = [0.5, -1.0, 2.0]
    d3, s0 = 0.4, 0.3
    s, fp = [s0], [None]
    for t in range(3):
        s.append(math.tanh(wx * x[t] + ws * s[-1] + b))
        fp.append(1 - s[-1] ** 2)  # tanh'(a_t) = 1 - s_t²
    e = wy * s[3] + by - d3  # dE3/dy3 for E3 = ½ (y3 - d3)²
    ds3 = e * wy  # dE3/ds3
    ds2 = ds3 * fp[3] * ws
    ds1 = ds2 * fp[2] * ws
    ws_terms = [ds1 * fp[1] * s[0], ds2 * fp[2] * s[1], ds3 * fp[3] * s[2]]  # k = 1, 2, 3
    wx_terms = [ds1 * fp[1] * x[0], ds2 * fp[2] * x[1], ds3 * fp[3] * x[2]]

    p = RNNParams(*(jnp.array(v) for v in ([[wx]], [[ws]], [b], [[wy]], [by])))
    xs, targets = np.array(x)[:, None], np.full((3, 1), d3)
    r = bptt(p, xs, targets, loss_steps="last", s0=np.array([s0]))
    np.testing.assert_allclose(10 ** r.log10_contrib_Ws[2], np.abs(ws_terms), rtol=1e-12)
    np.testing.assert_allclose(10 ** r.log10_contrib_Wx[2], np.abs(wx_terms), rtol=1e-12)
    np.testing.assert_allclose(10 ** r.log10_state_grad[2], np.abs([ds1, ds2, ds3]), rtol=1e-12)
    np.testing.assert_allclose(r.step_grads.Ws[:, 0, 0], ws_terms, rtol=1e-12)
    assert r.grads.Ws[0, 0] == pytest.approx(sum(ws_terms), rel=1e-12)
    assert r.grads.Wy[0, 0] == pytest.approx(e * s[3], rel=1e-12)
    # With the usual s_0 = 0 the k = 1 term of dE3/dWs is exactly zero.
    r0 = bptt(p, xs, targets, loss_steps="last")
    assert r0.log10_contrib_Ws[2, 0] == -np.inf and np.isfinite(r0.log10_contrib_Ws[2, 1:]).all()


@settings(max_examples=25, deadline=None)
@given(
    activation=st.sampled_from(ACTIVATIONS),
    fraction=st.floats(0.05, 0.98),
    T=st.integers(2, 40),
    H=st.integers(1, 12),
    seed=st.integers(0, 10_000),
    input_scale=st.floats(0.1, 3.0),
)
def test_pascanu_bound_holds_below_one_over_gamma(activation, fraction, T, H, seed, input_scale):
    """σ_max(Ws) < 1/γ: log10 ||dE_t/ds_k|| - log10 ||dE_t/ds_t|| <= (t - k) log10(γ σ_max)."""
    gamma = {"sigmoid": 0.25}.get(activation, 1.0)
    sigma = fraction / gamma
    with jax.enable_x64(True):
        p, xs, targets = make_case(seed, T=T, H=H, gain=sigma, input_scale=input_scale)
        r = bptt(p, xs, targets, activation=activation)
    sg = r.log10_state_grad
    t, k = np.tril_indices(T)
    lag = t - k
    rise = sg[t, k] - sg[t, t]
    ok = ~np.isfinite(sg[t, t]) | (rise <= lag * np.log10(gamma * sigma) + 1e-9)
    assert ok.all(), (rise[~ok], lag[~ok])


def test_ffnn_case_ws_zero_leaves_only_the_diagonal():
    p, xs, targets = make_case(6, T=15, H=6)
    p = p._replace(Ws=jnp.zeros_like(p.Ws))
    r = bptt(p, xs, targets)
    off = np.tri(15, k=-1, dtype=bool)
    for m in (r.log10_contrib_Wx, r.log10_contrib_Ws, r.log10_state_grad):
        assert np.all(m[off] == -np.inf)
    assert np.isfinite(np.diag(r.log10_contrib_Wx)).all() and np.isfinite(np.diag(r.log10_state_grad)).all()
    # dE_t/dWs keeps its k = t term u_t s_{t-1}^T (Ws = 0 is a value, not a zero gradient); s_0 = 0.
    assert np.isfinite(np.diag(r.log10_contrib_Ws)[1:]).all() and r.log10_contrib_Ws[0, 0] == -np.inf


@pytest.mark.float32
def test_extreme_setting_stays_finite_and_grows_linearly_in_lag():
    """T = 500, σ_max = 3, linear, float32: 3^499 overflows, its log10 does not."""
    T, H = 500, 16
    p = init_params(jax.random.PRNGKey(7), 4, H, 2, recurrent_gain=3.0)
    rng = np.random.default_rng(7)
    xs = rng.normal(size=(T, 4)).astype(np.float32)
    targets = rng.normal(size=(T, 2)).astype(np.float32)
    r = bptt(p, xs, targets, activation="linear")
    lower = np.tri(T, dtype=bool)
    assert np.isfinite(r.log10_state_grad[lower]).all()
    assert np.isfinite(r.log10_contrib_Wx[lower]).all()
    assert np.isfinite(r.log10_contrib_Ws[lower & (np.arange(T) > 0)]).all()  # k = 1 sees s_0 = 0
    assert np.isfinite(r.log10_contrib_Wy).all()
    # Ws = 3Q with Q orthogonal and f' = 1: ||dE_t/ds_k|| = 3^(t-k) ||dE_t/ds_t|| exactly.
    row = r.log10_state_grad[T - 1]
    rise = row - row[T - 1]
    lag = T - 1 - np.arange(T)
    # float32 holds a log10 near 200 to ~1e-5, and 500 steps add their rounding.
    np.testing.assert_allclose(rise, lag * np.log10(3.0), rtol=1e-4, atol=1e-3)
    assert rise[0] > 200  # the true ratio is about 1e238
    assert not np.isfinite(r.grads.Ws).all()  # raw float32 overflows: why the maps are log10
    last = bptt(p, xs, targets, activation="linear", loss_steps="last")
    assert np.all(last.losses[:-1] == 0.0)  # steps without a loss are 0, not inf · 0 = NaN
    assert np.isfinite(last.log10_state_grad[-1]).all()


@pytest.mark.float32
def test_saturated_tanh_keeps_a_finite_magnitude():
    # Inputs of size ~1e2 push tanh to |a| > 50 where 1 - tanh² rounds to 0 in float32.
    p, xs, targets = make_case(8, T=20, H=4, I=3)
    r = bptt(p, np.asarray(xs * 100.0, np.float32), np.asarray(targets, np.float32))
    lower = np.tri(20, dtype=bool)
    assert np.isfinite(r.log10_state_grad[lower]).all()
    assert r.log10_state_grad[19, 0] < -30  # vanished, but measured


def test_padded_buckets_compile_once_per_bucket():
    # I = 5, O = 1 and H = 20 are shapes no other test uses, so nothing is cached yet.
    p, _, _ = make_case(9, T=1, H=20, I=5, O=1)
    rng = np.random.default_rng(9)
    before = bptt_module.compile_count()
    lengths = range(1, 70)
    for T in lengths:
        bptt(p, rng.normal(size=(T, 5)), rng.normal(size=(T, 1)), activation="sigmoid")
    assert bptt_module.compile_count() - before == len({bucket_steps(T) for T in lengths}) == 3
    assert len({bucket_steps(T) for T in range(1, 257)}) <= 12


BAD_INPUTS = [
    (dict(xs=np.ones(5)), r"xs must have shape \(T, I\)"),
    (dict(xs=np.ones((0, 3))), r"at least one timestep"),
    (dict(targets=np.ones((5, 3))), r"mse targets must have shape \(T, O\) = \(5, 2\)"),
    (dict(activation="elu"), "unknown activation 'elu'"),
    (dict(loss="hinge"), "unknown loss 'hinge'"),
    (dict(loss_steps="first"), "unknown loss_steps 'first'"),
    (dict(xs=np.full((5, 3), np.nan)), r"xs contains NaN or inf \(first at index \(0, 0\)\)"),
    (dict(targets=np.array([[0.0, 1.0]] * 4 + [[np.inf, 0.0]])), r"targets contains NaN or inf"),
    (dict(s0=np.ones(3)), r"s0 must have shape \(H,\) = \(4,\)"),
    (dict(loss="softmax_ce", targets=np.array([0, 1, 2, 0, 1])), r"must lie in \[0, 2\)"),
    (dict(loss="softmax_ce", targets=np.zeros(5)), "must be integer class ids"),
]


@pytest.mark.parametrize("change,message", BAD_INPUTS)
def test_bad_input_raises_value_error_naming_the_problem(change, message):
    p, xs, targets = make_case(10, T=5, H=4)
    args = dict(xs=xs, targets=targets) | change
    xs, targets = args.pop("xs"), args.pop("targets")
    with pytest.raises(ValueError, match=message):
        bptt(p, xs, targets, **args)


def test_bad_params_raise_value_error():
    p, xs, targets = make_case(11, T=5, H=4)
    with pytest.raises(ValueError, match=r"Wy must have shape \(O, H\) with H = 4"):
        bptt(p._replace(Wy=jnp.ones((2, 3))), xs, targets)
    with pytest.raises(ValueError, match="Ws contains NaN"):
        bptt(p._replace(Ws=p.Ws.at[1, 2].set(jnp.nan)), xs, targets)
