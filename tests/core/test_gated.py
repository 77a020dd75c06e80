"""core.gated.bptt against untied-weight autodiff, jax.grad, Keras 3's layers and cases worked by hand."""

import os
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from core import gated
from core.gated import GRUParams, LSTMParams, bptt, forward
from core.gated.cells import GATES
from core.rnn import RNNParams
from tests.core.reference import scaled_norm, softmax_ce

I, O = 2, 2  # every test uses these, so the kernel compiles once per (cell, loss, bucket)


def make_case(seed, cell, T, H, loss="mse", keep_bias=0.5):
    """Random weights (orthonormal recurrent rows, non-zero biases everywhere) in NumPy, plus data."""
    rng = np.random.default_rng(seed)
    width = GATES[cell] * H
    kernel = rng.normal(size=(I, width)) * 0.8
    recurrent = np.linalg.qr(rng.normal(size=(width, H)))[0].T * 1.2
    bias = rng.normal(size=(2, width) if cell == "gru" else width) * 0.3
    if cell == "gru":  # the keep dial: the GRU's update gate z, the LSTM's forget gate f
        bias[0, :H] += keep_bias
    else:
        bias[H : 2 * H] += keep_bias
    params_type = GRUParams if cell == "gru" else LSTMParams
    p = params_type(kernel, recurrent, bias, rng.normal(size=(O, H)) * 0.8, rng.normal(size=O) * 0.1)
    xs = rng.normal(size=(T, I))
    targets = rng.normal(size=(T, O)) if loss == "mse" else rng.integers(0, O, size=T)
    return p, xs, targets


@partial(jax.jit, static_argnames=("cell", "loss"))
def untied_jacobians(p, xs, targets, *, cell, loss):
    """d E_t / d(step k's own kernel, recurrent_kernel, bias, nudge to h_k, nudge to c_k), and
    d E_t / d(Wy, by): leading axes (t, k) or (t,). The cells' equations, written out again here;
    the nudges are added to h_k and to c_k (before h_k reads it), so they give total derivatives.
    """
    T, H = xs.shape[0], p.Wy.shape[1]
    sig, tanh = jax.nn.sigmoid, jnp.tanh

    def losses(K, R, B, nudge_h, nudge_c, Wy, by):
        def step(carry, inp):
            h, c = carry
            x, k_w, r_w, b, n_h, n_c = inp
            if cell == "gru":
                xp, mp = x @ k_w + b[0], h @ r_w + b[1]
                z, r = sig(xp[:H] + mp[:H]), sig(xp[H : 2 * H] + mp[H : 2 * H])
                h = z * h + (1 - z) * tanh(xp[2 * H :] + r * mp[2 * H :]) + n_h
            else:
                a = x @ k_w + h @ r_w + b
                c = sig(a[H : 2 * H]) * c + sig(a[:H]) * tanh(a[2 * H : 3 * H]) + n_c
                h = sig(a[3 * H :]) * tanh(c) + n_h
            return (h, c), Wy @ h + by

        _, ys = lax.scan(step, (jnp.zeros(H), jnp.zeros(H)), (xs, K, R, B, nudge_h, nudge_c))
        if loss == "mse":
            return 0.5 * jnp.sum((ys - targets) ** 2, axis=1)
        return softmax_ce(ys, targets)

    copies = [jnp.broadcast_to(w, (T, *w.shape)) for w in (p.kernel, p.recurrent_kernel, p.bias)]
    nudges = [jnp.zeros((T, H)), jnp.zeros((T, H))]
    return jax.jacrev(losses, argnums=tuple(range(7)))(*copies, *nudges, p.Wy, p.by)


def untied_reference(p, xs, targets, cell, loss):
    """Reference norms {name: (T, T) [t, k]} and the jacobians they come from."""
    jac = untied_jacobians(p, jnp.asarray(xs), jnp.asarray(targets), cell=cell, loss=loss)
    T = xs.shape[0]
    names = ("kernel", "recurrent_kernel", "bias", "state", "cell")
    norms = {
        name: scaled_norm(np.asarray(d).reshape(T, T, -1)) for name, d in zip(names, jac[:5], strict=True)
    }
    return norms, [np.asarray(d) for d in jac]


def step_losses(p, xs, targets, cell, loss):
    """E_t (T,) from core.gated.forward, for jax.grad to differentiate."""
    _, ys = forward(p, jnp.asarray(xs), cell=cell)
    if loss == "mse":
        return 0.5 * jnp.sum((ys - targets) ** 2, axis=1)
    return softmax_ce(ys, jnp.asarray(targets))


def assert_map(log_map, norms, rows, rtol=1e-9):
    """10**log_map equals the reference norms for rows t in `rows`, k <= t; -inf on other rows; NaN above."""
    T = norms.shape[0]
    lower = np.tri(T, dtype=bool)
    assert np.all(np.isnan(log_map[~lower]))
    carried = lower & np.isin(np.arange(T), rows)[:, None]
    assert np.all(log_map[lower & ~carried] == -np.inf)  # no loss on those steps: exactly zero
    assert not np.any(np.isnan(log_map[carried]))
    np.testing.assert_allclose(10.0 ** log_map[carried], norms[carried], rtol=rtol, atol=1e-300)


@pytest.mark.parametrize("cell", ["gru", "lstm"])
@pytest.mark.parametrize("loss", ["mse", "softmax_ce"])
@pytest.mark.parametrize("T,H,seed", [(1, 3, 0), (7, 4, 1), (32, 3, 2)])
def test_maps_and_grads_equal_untied_autodiff(cell, loss, T, H, seed):
    p, xs, targets = make_case(seed, cell, T, H, loss)
    ref, jac = untied_reference(p, xs, targets, cell, loss)
    for loss_steps, rows in (("all", np.arange(T)), ("last", [T - 1])):
        r = bptt(p, xs, targets, cell=cell, loss=loss, loss_steps=loss_steps)
        assert_map(r.log10_state_grad, ref["state"], rows)
        for name in ("kernel", "recurrent_kernel", "bias"):
            assert_map(r.log10_contrib[name], ref[name], rows)
        if cell == "lstm":
            assert_map(r.log10_cell_grad, ref["cell"], rows)
        else:
            assert np.all(np.isnan(r.log10_cell_grad))
        assert r.log10_contrib["recurrent_kernel"][T - 1, 0] == -np.inf  # h_0 = 0: exactly no term
        # Tied weights: dE/dW is the sum of every untied term over t (the loss steps) and k.
        d_k, d_r, d_b, _, _, d_wy, d_by = (d[np.asarray(rows)].sum(0) for d in jac)
        want = type(p)(d_k.sum(0), d_r.sum(0), d_b.sum(0), d_wy, d_by)
        assert type(r.grads) is type(p)
        for name, got, exp in zip(p._fields, r.grads, want, strict=True):
            np.testing.assert_allclose(got, exp, rtol=1e-9, atol=1e-12, err_msg=name)


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_grads_and_losses_equal_jax_grad_through_forward(cell):
    p, xs, targets = make_case(8, cell, 7, 3, "softmax_ce")
    losses = np.asarray(step_losses(p, xs, targets, cell, "softmax_ce"))
    per_step = jax.jacrev(step_losses)(p, xs, targets, cell, "softmax_ce")  # leading axis t
    for loss_steps, pick in (("all", slice(None)), ("last", slice(-1, None))):
        r = bptt(p, xs, targets, cell=cell, loss="softmax_ce", loss_steps=loss_steps)
        for name, got, exp in zip(p._fields, r.grads, per_step, strict=True):
            np.testing.assert_allclose(got, np.asarray(exp)[pick].sum(0), rtol=1e-9, atol=1e-12, err_msg=name)
        np.testing.assert_allclose(r.losses[pick], losses[pick], rtol=1e-12)
        assert np.all(r.losses[: 0 if loss_steps == "all" else -1] == 0.0)


def embed(p, H_big):
    """The same cell with H_big units, the extra ones zero-weighted, each gate block padded."""
    H, gates = p.Wy.shape[1], p.kernel.shape[1] // p.Wy.shape[1]

    def blocks(w):
        w = np.asarray(w).reshape(*w.shape[:-1], gates, H)
        return np.concatenate([w, np.zeros((*w.shape[:-1], H_big - H))], -1).reshape(*w.shape[:-2], -1)

    rk = np.concatenate([np.asarray(p.recurrent_kernel), np.zeros((H_big - H, gates * H))])
    wy = np.concatenate([np.asarray(p.Wy), np.zeros((O, H_big - H))], 1)
    return type(p)(blocks(p.kernel), blocks(rk), blocks(p.bias), wy, np.asarray(p.by))


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_padding_inside_a_bucket_changes_nothing_and_never_retraces(cell):
    p, xs, targets = make_case(3, cell, 20, 3)
    small = bptt(p, xs[:7], targets[:7], cell=cell)  # T = 7, H = 3 -> bucket (32, 8)
    before = gated.compile_count()
    longer = bptt(p, xs, targets, cell=cell)  # T = 20: same bucket
    big = embed(p, 8)
    states, _ = forward(big, jnp.asarray(xs), cell=cell)
    assert np.all(np.asarray(states)[:, 3:] == 0.0)  # zero-weighted units stay exactly 0
    wide = bptt(big, xs[:7], targets[:7], cell=cell)  # H = 8: same bucket
    assert gated.compile_count() == before
    lower = np.tri(7, dtype=bool)
    for name in ("log10_state_grad", "log10_cell_grad"):
        a, b, c = (getattr(r, name)[:7, :7] for r in (small, longer, wide))
        np.testing.assert_allclose(b[lower], a[lower], rtol=1e-12)  # E_t, t < 7, ignores later steps
        np.testing.assert_allclose(c, a, rtol=1e-12)
    for name in ("kernel", "recurrent_kernel", "bias"):
        np.testing.assert_allclose(wide.log10_contrib[name], small.log10_contrib[name], rtol=1e-12)
    assert np.all(np.asarray(wide.grads.Wy)[:, 3:] == 0.0)


@pytest.mark.float32
@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_forward_equals_keras(cell):
    os.environ.setdefault("KERAS_BACKEND", "jax")  # read once, when keras is first imported
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != "jax":
        pytest.skip("keras was imported with another backend")
    T, H = 9, 5
    p, xs, _ = make_case(4, cell, T, H)
    layer_type = keras.layers.GRU if cell == "gru" else keras.layers.LSTM
    kwargs = {"reset_after": True} if cell == "gru" else {}
    layer = layer_type(H, return_sequences=True, **kwargs)
    layer.build((1, T, I))
    layer.set_weights([np.asarray(w, np.float32) for w in (p.kernel, p.recurrent_kernel, p.bias)])
    want = np.asarray(layer(np.asarray(xs, np.float32)[None]))[0]
    got, _ = forward(p, jnp.asarray(xs, jnp.float32), cell=cell)
    np.testing.assert_allclose(np.asarray(got), want, rtol=0, atol=2e-6)


@pytest.mark.float32
@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_long_sequence_stays_finite_past_float32_range(cell):
    """T = 500, keep bias -3: the maps fall hundreds of decades, and stay finite numbers."""
    T, H = 500, 8
    p, xs, targets = make_case(5, cell, T, H, keep_bias=-3.0)
    r = bptt(p, xs, targets, cell=cell)
    assert r.log10_state_grad.dtype == np.float32
    lower = np.tri(T, dtype=bool)
    maps = [r.log10_state_grad, r.log10_contrib["kernel"], r.log10_contrib["bias"]]
    maps += [r.log10_cell_grad] if cell == "lstm" else []
    for m in maps:
        assert np.isfinite(m[lower]).all() and np.all(m[lower] < 3)
    assert r.log10_state_grad[T - 1, 0] < -100  # far below float32's 1e-38, yet measured
    assert np.isfinite(r.log10_contrib["recurrent_kernel"][lower & (np.arange(T) > 0)]).all()

    # By hand: with kernel = recurrent_kernel = 0 every gate is a constant σ(bias) and h_k feeds only
    # its own readout, so dE_t/dh_k (GRU) and dE_t/dc_k (LSTM) are keep^(t-k) ⊙ their value at k = t.
    flat = p._replace(kernel=p.kernel * 0, recurrent_kernel=p.recurrent_kernel * 0)
    b, wy, by = (np.asarray(w, np.float64) for w in (flat.bias, flat.Wy, flat.by))
    s = 1 / (1 + np.exp(-b.reshape(-1, H)))  # each gate block's σ(bias), one row per block
    h = c = np.zeros(H)
    for _ in range(T):
        if cell == "gru":  # rows z, r, candidate of the input-part bias, then of the recurrent part
            keep = 1 / (1 + np.exp(-(b[0, :H] + b[1, :H])))
            r_gate = 1 / (1 + np.exp(-(b[0, H : 2 * H] + b[1, H : 2 * H])))
            h = keep * h + (1 - keep) * np.tanh(b[0, 2 * H :] + r_gate * b[1, 2 * H :])
        else:  # blocks i, f, c, o
            keep = s[1]
            c = keep * c + s[0] * np.tanh(b[2 * H : 3 * H])
            h = s[3] * np.tanh(c)
    last = wy.T @ (wy @ h + by - np.asarray(targets[T - 1], np.float64))  # dE_T/dh_T
    if cell == "lstm":
        last = last * s[3] * (1 - np.tanh(c) ** 2)  # dE_T/dc_T, through h_T = o tanh(c_T)
    lag = T - 1 - np.arange(T)
    # log10 ||keep^lag ⊙ last||, summed in log space: keep^lag underflows float64 at this length.
    terms = 2 * (np.log(np.abs(last))[None] + lag[:, None] * np.log(keep)[None])
    want = np.logaddexp.reduce(terms, axis=1) / 2 / np.log(10)
    got = bptt(flat, np.float32(xs), np.float32(targets), cell=cell)
    row = (got.log10_state_grad if cell == "gru" else got.log10_cell_grad)[T - 1]
    assert want[0] < -300
    np.testing.assert_allclose(row, want, rtol=0, atol=0.02)


BAD_INPUTS = [
    (dict(cell="rnn"), "unknown cell 'rnn'"),
    (dict(cell="lstm"), "cell='lstm' but params are GRUParams"),
    (dict(xs=np.ones((5, 3))), r"xs must have shape \(T, I\) with I = 2"),
    (dict(xs=np.ones((0, 2))), "at least one timestep"),
    (dict(targets=np.ones((5, 3))), r"mse targets must have shape \(T, O\) = \(5, 2\)"),
    (dict(loss="hinge"), "unknown loss 'hinge'"),
    (dict(loss_steps="first"), "unknown loss_steps 'first'"),
    (dict(loss="softmax_ce", targets=np.zeros(5)), "must be integer class ids"),
    (dict(xs=np.full((5, 2), np.nan)), r"xs contains NaN or inf \(first at index \(0, 0\)\)"),
]


@pytest.mark.parametrize("change,message", BAD_INPUTS)
def test_bad_input_raises_value_error_naming_the_argument(change, message):
    p, xs, targets = make_case(6, "gru", 5, 3)
    args = dict(xs=xs, targets=targets, cell="gru") | change
    with pytest.raises(ValueError, match=message):
        bptt(p, args.pop("xs"), args.pop("targets"), **args)


def test_bad_params_raise_value_error_naming_the_argument():
    gru, xs, targets = make_case(7, "gru", 5, 3)
    lstm, _, _ = make_case(7, "lstm", 5, 3)
    cases = [
        (gru._replace(kernel=gru.kernel[:, :-1]), "gru", "kernel must be"),
        (gru._replace(recurrent_kernel=gru.recurrent_kernel[:, :5]), "gru", "recurrent_kernel must be"),
        (gru._replace(by=np.ones(3)), "gru", r"by \(O,\)"),
        (gru._replace(bias=gru.bias[0]), "gru", "bias must be"),
        (lstm._replace(Wy=lstm.Wy[:, :2]), "lstm", "Wy must be"),
        (
            lstm._replace(bias=np.where(np.arange(12) == 4, np.inf, lstm.bias)),
            "lstm",
            "bias contains NaN or inf",
        ),
        (RNNParams(*(np.ones(1),) * 5), "gru", "params must be GRUParams or LSTMParams"),
        (LSTMParams(*gru), "gru", "cell='gru' but params are LSTMParams"),
        (GRUParams(*lstm), "gru", "recurrent_kernel must be"),
    ]
    for params, cell, message in cases:
        with pytest.raises(ValueError, match=message):
            bptt(params, xs, targets, cell=cell)
