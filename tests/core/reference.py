"""Independent reference computations for the core tests.

Each quantity is obtained the slow, obvious way: by untying the weights (one
copy per timestep) and differentiating each loss E_t with jax.jacrev. Nothing
here shares code with core.bptt's scan.
"""

import jax
import jax.numpy as jnp
import numpy as np

ACT = {
    "tanh": jnp.tanh,
    "sigmoid": jax.nn.sigmoid,
    "relu": jax.nn.relu,
    "linear": lambda a: a,
}


def step_losses(params, xs, targets, activation, loss, Wx_copies, Ws_copies, state_nudges, s0):
    """E_t for every t (T,), with step k using Wx_copies[k], Ws_copies[k] and s_k + state_nudges[k]."""
    f = ACT[activation]
    s = s0
    outs = []
    for k in range(xs.shape[0]):
        s = f(Wx_copies[k] @ xs[k] + Ws_copies[k] @ s + params.b) + state_nudges[k]
        outs.append(params.Wy @ s + params.by)
    ys = jnp.stack(outs)
    if loss == "mse":
        return 0.5 * jnp.sum((ys - targets) ** 2, axis=1)
    return softmax_ce(ys, targets)


def softmax_ce(ys, targets):
    """Cross-entropy per row, as logsumexp over {0} and {y_j - y_c : j != c}.

    Equal to -log softmax(y)_c, but autodiff's gradient at the target is then
    minus a sum of positive weights, rather than p_c - 1, which cancels to 0
    once p_c rounds to 1.
    """
    gaps = ys - jnp.take_along_axis(ys, targets[:, None], axis=1)
    gaps = jnp.where(jnp.arange(ys.shape[1]) == targets[:, None], 0.0, gaps)
    return jax.nn.logsumexp(gaps, axis=1)


def untied_norms(params, xs, targets, activation, loss, s0=None):
    """Reference norms: dict of (T, T) [t, k] arrays for Wx, Ws, state and (T,) for Wy."""
    T, H = xs.shape[0], params.Ws.shape[0]
    s0 = jnp.zeros(H) if s0 is None else jnp.asarray(s0)
    Wx_c = jnp.broadcast_to(params.Wx, (T, *params.Wx.shape))
    Ws_c = jnp.broadcast_to(params.Ws, (T, H, H))
    nudges = jnp.zeros((T, H))

    def E(wx, ws, nu, wy):
        return step_losses(params._replace(Wy=wy), xs, targets, activation, loss, wx, ws, nu, s0)

    d_wx, d_ws, d_nu, d_wy = jax.jacrev(E, argnums=(0, 1, 2, 3))(Wx_c, Ws_c, nudges, params.Wy)
    return {
        "Wx": scaled_norm(np.asarray(d_wx).reshape(T, T, -1)),
        "Ws": scaled_norm(np.asarray(d_ws).reshape(T, T, -1)),
        "state": scaled_norm(np.asarray(d_nu)),
        "Wy": scaled_norm(np.asarray(d_wy).reshape(T, -1)),
    }


def scaled_norm(a):
    """2-norm over the last axis; entries like 1e-160 would underflow when squared."""
    peak = np.abs(a).max(axis=-1, keepdims=True)
    safe = np.where(peak > 0, peak, 1.0)
    return peak[..., 0] * np.linalg.norm(a / safe, axis=-1)
