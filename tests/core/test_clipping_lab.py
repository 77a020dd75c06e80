"""core.clipping_lab: padding is exact, the heatmap's loss is the training loss, and the presets' facts."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core import clipping_lab as lab
from core import tasks
from core.rnn import RNNParams, forward

pytestmark = pytest.mark.float32  # the lab trains in float32, as the page does


def test_padding_to_the_bucket_changes_neither_the_loss_nor_the_gradient():
    config = lab.LabConfig(task="temporal_order", n_steps=37, n_hidden=16)
    params = lab.initial_params(config)
    xs, targets = tasks.heldout(config.task, 0, 8, config.n_steps)
    padded, mask = lab._padded(xs)
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
    padded, mask = lab._padded(xs)
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


def summary(reports) -> dict[str, float]:
    return {
        "max_norm": max(r.grad_norm for r in reports),
        "final_loss": float(np.mean([r.loss for r in reports[-50:]])),
        "accuracy": [r.heldout for r in reports if not np.isnan(r.heldout)][-1],
    }


def test_explodes_preset_spikes_unclipped_and_learns_only_when_clipped():
    config = lab.PRESETS["explodes"]
    plain = summary(list(lab.run(config, "none")))
    clipped = summary(list(lab.run(config, "global_norm")))
    assert plain["max_norm"] > 10 * config.threshold
    assert plain["final_loss"] > clipped["final_loss"]
    assert clipped["accuracy"] > 0.9 > 0.5 > plain["accuracy"]  # four classes: chance is 0.25


def test_no_need_preset_never_clips_so_every_run_is_the_same():
    config = lab.PRESETS["no_need"]
    runs = {clip: list(lab.run(config, clip)) for clip in ("none", "global_norm", "value")}
    assert not any(r.clipped for reports in runs.values() for r in reports)
    for clip in ("global_norm", "value"):
        assert [r.loss for r in runs[clip]] == [r.loss for r in runs["none"]]
        last, reference = runs[clip][-1].params, runs["none"][-1].params
        assert all(np.array_equal(x, y) for x, y in zip(last, reference, strict=True))


def test_bad_configs_are_rejected():
    with pytest.raises(ValueError, match="task"):
        lab.LabConfig(task="copy")
    with pytest.raises(ValueError, match="n_steps"):
        lab.LabConfig(n_steps=3)
    with pytest.raises(ValueError, match="clip"):
        lab.run(lab.LabConfig(), "sometimes")
    assert isinstance(lab.initial_params(lab.LabConfig(n_hidden=8)), RNNParams)
