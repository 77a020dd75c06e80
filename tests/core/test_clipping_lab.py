"""core.training.clipping_lab: padding is exact, the heatmap's loss is the training loss, presets' facts."""

import dataclasses
import functools
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from core.rnn import RNNParams, forward
from core.training import clipping_lab as lab
from core.training import tasks
from core.training.train import clip_gradients

pytestmark = pytest.mark.float32  # the lab trains in float32, as the page does


def test_padding_to_the_bucket_changes_neither_the_loss_nor_the_gradient():
    config = lab.LabConfig(task="temporal_order", n_steps=37, n_hidden=16)
    params = lab.initial_params(config)
    xs, targets = tasks.heldout(config.task, 0, 8, config.n_steps)
    padded, mask = lab.pad_batch(xs)
    assert padded.shape[1] == 64 and mask.sum() == 37

    def unpadded_loss(p):  # the loss written directly on the raw sequences
        ys = jax.vmap(lambda x: forward(p, x)[1][-1])(jnp.asarray(xs))
        log_p = jax.nn.log_softmax(ys)
        return -jnp.mean(log_p[jnp.arange(8), targets])

    loss, grads = jax.value_and_grad(lab.order_loss)(params, (padded, mask, targets))
    ref_loss, ref_grads = jax.value_and_grad(unpadded_loss)(params)
    assert float(loss) == pytest.approx(float(ref_loss), rel=1e-5)
    for g, r in zip(grads, ref_grads, strict=True):
        np.testing.assert_allclose(g, r, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("task", tasks.TASKS)
def test_the_heatmap_bptt_sees_the_same_loss_and_gradient_as_training(task):
    config = lab.LabConfig(task=task, n_steps=20, n_hidden=8)
    params = lab.initial_params(config)
    result = lab.contributions(config, params, index=0)
    xs, targets = tasks.heldout(task, config.seed, 1, config.n_steps)
    padded, mask = lab.pad_batch(xs)
    loss, grads = jax.value_and_grad(lab.LOSSES[task])(params, (padded, mask, targets))
    assert result.losses.sum() == pytest.approx(float(loss), rel=1e-4)
    np.testing.assert_allclose(result.grads.Ws, grads.Ws, rtol=1e-3, atol=1e-6)
    assert np.isfinite(result.log10_contrib_Ws[-1, 1:]).all()  # term 1 is -inf: s_0 = 0


def test_every_run_starts_from_the_same_weights_and_batches():
    config = lab.LabConfig(n_steps=12, n_hidden=8, steps=3)
    a, b = lab.initial_params(config), lab.initial_params(config)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert np.linalg.svd(np.asarray(a.Ws), compute_uv=False)[0] == pytest.approx(config.sigma_max, rel=1e-5)
    first = next(lab.training_batches(config))
    second = next(lab.training_batches(config))
    assert all(np.array_equal(x, y) for x, y in zip(first, second, strict=True))


# A training run is chaotic: one seed's outcome can flip with a CPU's float rounding (the "explodes"
# preset once failed on an AMD EPYC machine for seed 0 alone). So each preset's lesson is asserted
# over ten seeds and must hold for at least eight of them.
SEEDS = range(10)
REQUIRED = 8


class Outcome(NamedTuple):
    max_norm: float  # the largest ‖g‖ before clipping
    clipped_share: float  # the share of steps that clipping changed
    accuracy: float  # held-out accuracy after the last step
    losses: tuple[float, ...]  # the training loss of every step


@functools.cache
def outcome(preset: str, clip: str, seed: int) -> Outcome:
    reports = list(lab.run(dataclasses.replace(lab.PRESETS[preset], seed=seed), clip))
    return Outcome(
        max_norm=max(r.grad_norm for r in reports),
        clipped_share=float(np.mean([r.clipped for r in reports])),
        accuracy=[r.heldout for r in reports if not np.isnan(r.heldout)][-1],
        losses=tuple(r.loss for r in reports),
    )


def assert_holds(lesson, preset: str, clips: tuple[str, ...]) -> None:
    table = {seed: {clip: outcome(preset, clip, seed) for clip in clips} for seed in SEEDS}
    held = [seed for seed, runs in table.items() if lesson(**runs)]
    rows = "\n".join(
        f"seed {seed}: "
        + ", ".join(
            f"{c} max‖g‖ {o.max_norm:.3g} clipped {o.clipped_share:.2f} acc {o.accuracy:.2f}"
            for c, o in runs.items()
        )
        for seed, runs in table.items()
    )
    assert len(held) >= REQUIRED, f"{preset}: the lesson held for {len(held)} of {len(SEEDS)} seeds\n{rows}"


def test_explodes_preset_unclipped_meets_big_gradients_and_stays_at_chance_while_norm_clipping_learns():
    theta = lab.PRESETS["explodes"].threshold

    def lesson(none: Outcome, global_norm: Outcome) -> bool:
        return none.max_norm > 3 * theta and none.accuracy < 0.5 and global_norm.accuracy > 0.9

    assert_holds(lesson, "explodes", ("none", "global_norm"))


def test_explodes_preset_value_clipping_acts_turns_the_step_and_learns_too():
    def lesson(none: Outcome, value: Outcome) -> bool:
        gap = np.max(np.abs(np.subtract(none.losses, value.losses)))
        return value.clipped_share > 0.2 and gap > 0.1 and value.accuracy > 0.9

    assert_holds(lesson, "explodes", ("none", "value"))


def test_too_low_preset_clips_every_step_and_training_crawls():
    def lesson(global_norm: Outcome, value: Outcome) -> bool:
        return min(global_norm.clipped_share, value.clipped_share) == 1.0 and global_norm.accuracy < 0.5

    assert_holds(lesson, "too_low", ("global_norm", "value"))


def test_no_need_preset_norm_clipping_never_acts_value_clipping_barely_and_every_run_learns():
    def lesson(none: Outcome, global_norm: Outcome, value: Outcome) -> bool:
        norm_idle = global_norm.clipped_share == 0 and global_norm.losses == none.losses
        return (
            norm_idle
            and value.clipped_share < 0.05
            and min(r.accuracy for r in (none, global_norm, value)) > 0.9
        )

    assert_holds(lesson, "no_need", ("none", "global_norm", "value"))


def test_value_clipping_bounds_each_entry_by_theta_over_root_p_so_its_norm_is_at_most_theta():
    config = lab.LabConfig(n_hidden=16, threshold=2.0)
    params = lab.initial_params(config)
    assert config.n_params == sum(int(np.size(p)) for p in params)
    assert config.train_config("value").threshold == pytest.approx(2.0 / np.sqrt(config.n_params))
    assert config.train_config("global_norm").threshold == 2.0
    huge = jax.tree.map(lambda p: 1e3 * jnp.ones_like(p), params)
    clipped = clip_gradients(huge, "value", config.value_threshold)
    assert float(optax.tree.norm(clipped)) == pytest.approx(2.0, rel=1e-5)  # every entry at the bound


def test_marker_steps_are_where_the_held_out_sequence_carries_its_markers():
    for task in tasks.TASKS:
        config = lab.LabConfig(task=task, n_steps=30)
        steps = lab.marker_steps(config)
        xs, _ = tasks.heldout(task, config.seed, 1, config.n_steps)
        assert len(steps) == 2
        for k in steps:  # 1-based: step k is row k - 1
            row = xs[0, k - 1]
            assert (row[1] == 1.0) if task == "adding" else (row[tasks.N_DISTRACTORS :].sum() == 1.0)


def test_bad_configs_are_rejected():
    with pytest.raises(ValueError, match="task"):
        lab.LabConfig(task="copy")
    with pytest.raises(ValueError, match="n_steps"):
        lab.LabConfig(n_steps=3)
    with pytest.raises(ValueError, match="clip"):
        lab.run(lab.LabConfig(), "sometimes")
    assert isinstance(lab.initial_params(lab.LabConfig(n_hidden=8)), RNNParams)
