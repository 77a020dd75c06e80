"""The chapter's equations worked with numbers: one forward step, the loss per step, one update.

The unrolled page shows, for its own network, what figures 5.4, 5.5 and 5.10 write (the state and
output at step t, and the FFNN's output at the same step, which is the RNN's with Ws = 0), the MSE
of figure 5.15 per step, E_t = ½‖y_t − target_t‖² (core.logspace.loss_terms's "mse"), summed over
the loss steps into E, and one step of figure 5.13, W ← W − α ∂E/∂W, on one weight only.

Steps are 0-based here, as in core.bptt. The loss and its gradient run through core.rnn.forward on
the sequence right-padded to core.buckets.bucket_steps(T) with a step mask and a loss mask as data,
so every T up to 32 and every set of loss steps share one compilation per activation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from core import checks
from core.activations import ACTIVATIONS, get_activation
from core.bptt import float_dtype
from core.buckets import bucket_steps, pad_steps
from core.experiment import ExperimentConfig, build
from core.rnn import RNNParams, forward

WEIGHTS = ("Wx", "Ws", "Wy")


class ForwardStep(NamedTuple):
    """Step t of the forward pass, every piece of s_t = f(a_t), y_t = Wy s_t + by (NumPy arrays)."""

    x: np.ndarray  # (I,) x_t
    s_prev: np.ndarray  # (H,) s_{t-1}; s_0 = 0 before the first step
    input_part: np.ndarray  # (H,) Wx x_t
    state_part: np.ndarray  # (H,) Ws s_{t-1}
    b: np.ndarray  # (H,)
    a: np.ndarray  # (H,) a_t = Wx x_t + Ws s_{t-1} + b
    s: np.ndarray  # (H,) s_t = f(a_t)
    y: np.ndarray  # (O,) y_t = Wy s_t + by
    target: np.ndarray  # (O,) the target of y_t
    h_ffnn: np.ndarray  # (H,) the FFNN's hidden vector h_t = f(Wx x_t + b): the RNN with Ws = 0
    y_ffnn: np.ndarray  # (O,) the FFNN's output Wy h_t + by
    loss: float  # ½‖y_t − target_t‖², whether or not step t carries a loss


class GradientStep(NamedTuple):
    """One gradient step W′ = W − α g on one weight, g = ∂E/∂W, and E before and after it."""

    weight: str  # "Wx", "Ws" or "Wy"
    alpha: float  # the learning rate α
    grad: np.ndarray  # g = ∂E/∂W, the weight's shape: Wx (H, I), Ws (H, H), Wy (O, H)
    grad_norm: float  # ‖g‖ (Frobenius)
    losses_before: np.ndarray  # (T,) E_t before the step; 0 at steps without a loss
    losses_after: np.ndarray  # (T,) E_t with W′ (a separate forward pass); 0 without a loss
    loss_before: float  # E = Σ E_t over the loss steps
    loss_after: float  # E with W′
    predicted: float  # the first-order change −α‖g‖² (Taylor: E(W − αg) ≈ E(W) − α g·g)


def _evaluate(params, xs, targets, step_mask, loss_mask, *, activation):
    """Per-step losses, states, outputs and ∂E/∂θ on the padded sequence, in one compiled call."""

    def loss(p):
        states, ys = forward(p, xs, activation=activation, mask=step_mask)
        per_step = 0.5 * jnp.sum((ys - targets) ** 2, axis=1)  # core.logspace.loss_terms's mse
        # where, not a product: a step that overflows to inf must not turn a masked-out 0 into NaN
        per_step = jnp.where(loss_mask, per_step, 0.0)
        return per_step.sum(), (per_step, states, ys)

    (_, aux), grads = jax.value_and_grad(loss, has_aux=True)(params)
    return (*aux, grads)


_jitted = jax.jit(_evaluate, static_argnames=("activation",))


def _check_step(name: str, step: int, n_steps: int) -> None:
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or not 0 <= step < n_steps:
        raise ValueError(f"{name} must be an int in 0..{n_steps - 1}, got {step!r}")


def _checked_loss_steps(loss_steps: Sequence[int], n_steps: int) -> np.ndarray:
    steps = list(loss_steps)
    if not steps:
        raise ValueError("loss_steps must name at least one step")
    for step in steps:
        _check_step("each loss step", step, n_steps)
    if len(set(steps)) != len(steps):
        raise ValueError(f"loss_steps must not repeat a step, got {steps}")
    return np.isin(np.arange(n_steps), steps)


def _checked(params: RNNParams, xs, targets, activation: str):
    checks.check_choice("activation", activation, ACTIVATIONS)
    n_in, _, n_out = checks.check_params(params)
    n_steps = checks.check_sequence(xs, n_in)
    checks.check_targets(targets, n_steps, n_out, "mse")
    dtype = float_dtype()
    params = RNNParams(*(np.asarray(p, dtype) for p in params))
    xs, targets = np.asarray(xs, dtype), np.asarray(targets, dtype)
    for name, value in (*zip(RNNParams._fields, params, strict=True), ("xs", xs), ("targets", targets)):
        checks.check_finite(name, value)
    return params, xs, targets, n_steps


def _run(params: RNNParams, xs, targets, loss_steps: Sequence[int], activation: str):
    """Checked arrays, then (per-step losses (T,), states (T, H), outputs (T, O), grads) unpadded."""
    params, xs, targets, n_steps = _checked(params, xs, targets, activation)
    loss_mask = _checked_loss_steps(loss_steps, n_steps)
    padded = bucket_steps(n_steps)
    per_step, states, outputs, grads = _jitted(
        params,
        pad_steps(xs, padded),
        pad_steps(targets, padded),
        np.arange(padded) < n_steps,
        pad_steps(loss_mask, padded),
        activation=activation,
    )
    cut = (np.asarray(a)[:n_steps] for a in (per_step, states, outputs))
    return (*cut, RNNParams(*(np.asarray(g) for g in grads)), params, xs, targets)


def step_losses(
    params: RNNParams, xs: np.ndarray, targets: np.ndarray, loss_steps: Sequence[int], *, activation: str
) -> tuple[np.ndarray, RNNParams]:
    """E_t (T,) on the loss steps (0 elsewhere) and ∂E/∂θ for E = Σ E_t, for xs (T, I), targets (T, O)."""
    losses, _, _, grads, *_ = _run(params, xs, targets, loss_steps, activation)
    return losses, grads


def forward_step(
    params: RNNParams, xs: np.ndarray, targets: np.ndarray, t: int, *, activation: str
) -> ForwardStep:
    """The numbers of step t (0-based) of the forward pass, and the FFNN's output at the same step."""
    n_steps = checks.check_sequence(xs, checks.check_params(params)[0])
    _check_step("t", t, n_steps)
    _, states, outputs, _, params, xs, targets = _run(params, xs, targets, [t], activation)
    s_prev = states[t - 1] if t > 0 else np.zeros_like(states[0])
    input_part, state_part = params.Wx @ xs[t], params.Ws @ s_prev
    h_ffnn = np.asarray(get_activation(activation).fn(input_part + params.b))
    y, target = outputs[t], targets[t]
    return ForwardStep(
        x=xs[t],
        s_prev=s_prev,
        input_part=input_part,
        state_part=state_part,
        b=params.b,
        a=input_part + state_part + params.b,
        s=states[t],
        y=y,
        target=target,
        h_ffnn=h_ffnn,
        y_ffnn=params.Wy @ h_ffnn + params.by,
        loss=float(0.5 * np.sum((y - target) ** 2)),
    )


def gradient_step(
    params: RNNParams,
    xs: np.ndarray,
    targets: np.ndarray,
    loss_steps: Sequence[int],
    weight: str,
    alpha: float,
    *,
    activation: str,
) -> GradientStep:
    """W′ = W − α ∂E/∂W on `weight` alone (the others stay), with E recomputed by a forward pass with W′.

    Raises ValueError for an unknown weight or an α that is not a finite number > 0.
    """
    checks.check_choice("weight", weight, WEIGHTS)
    if (
        isinstance(alpha, bool)
        or not isinstance(alpha, (int, float))
        or not (np.isfinite(alpha) and alpha > 0)
    ):
        raise ValueError(f"alpha must be a finite number > 0, got {alpha!r}")
    before, grads = step_losses(params, xs, targets, loss_steps, activation=activation)
    grad = getattr(grads, weight)
    stepped = params._replace(**{weight: np.asarray(getattr(params, weight)) - alpha * grad})
    after, _ = step_losses(stepped, xs, targets, loss_steps, activation=activation)
    norm = float(np.linalg.norm(grad))
    return GradientStep(
        weight=weight,
        alpha=float(alpha),
        grad=grad,
        grad_norm=norm,
        losses_before=before,
        losses_after=after,
        loss_before=float(before.sum()),
        loss_after=float(after.sum()),
        predicted=-float(alpha) * float(np.sum(grad.astype(float) ** 2)),
    )


class Worked(NamedTuple):
    """Everything the page's panel shows for one experiment, step, weight and α."""

    step: ForwardStep
    update: GradientStep


def worked(config: ExperimentConfig, t: int, loss_steps: Sequence[int], weight: str, alpha: float) -> Worked:
    """The chapter's equations on the network, inputs and targets `config` describes (t 0-based)."""
    params, xs, targets = build(config)
    _check_step("t", t, config.n_steps)
    step = forward_step(params, xs, targets, t, activation=config.activation)
    update = gradient_step(params, xs, targets, loss_steps, weight, alpha, activation=config.activation)
    return Worked(step, update)
