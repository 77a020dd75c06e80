"""Killing a run while it saves leaves no half-written model (core.authorship.io writes, then renames).

A subprocess saves a model with a writer slowed down at a chosen moment, announces that moment on
stdout, and is SIGKILLed there: nothing of Python's own cleanup runs, as when a server is killed.
The target must then be absent or a complete model (the one saved before), and the page's model
list must show only models that load. The command-line trainer is also killed at moments spread
over its run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jax
import numpy as np
import pytest

from core.authorship import AuthorshipConfig, TrainedModel, init_model
from core.authorship import io as authorship_io
from core.authorship.windows import Vocabulary

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "JAX_PLATFORMS": "cpu", "PYTHONPATH": str(ROOT)}

# Saves a model of seed argv[3] to argv[1], stopping (and announcing "PAUSED") at moment argv[2]:
# "npz-half" halfway through writing the .npz's bytes; "npz-renamed" after the .npz was renamed into
# place but before the .json sidecar was.
SAVER = textwrap.dedent(
    """
    import io, os, sys, time
    import numpy as np
    from core.authorship import io as authorship_io
    from tests.core.test_kill_during_save import model_of

    target, moment, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])

    def pause():
        print("PAUSED", flush=True)
        time.sleep(120)

    real_savez, real_replace = np.savez, os.replace

    def half_then_pause(stream, **arrays):
        buffer = io.BytesIO()
        real_savez(buffer, **arrays)
        data = buffer.getvalue()
        stream.write(data[: len(data) // 2])
        stream.flush()
        pause()

    def replace_then_pause(source, destination):
        real_replace(source, destination)
        if str(destination).endswith(".npz"):
            pause()

    if moment == "npz-half":
        np.savez = half_then_pause
    else:
        os.replace = replace_then_pause
    authorship_io.save(model_of(seed), target)
    print("SAVED", flush=True)
    """
)


def model_of(seed: int) -> TrainedModel:
    """A tiny model whose weights depend on seed, so two saves can be told apart."""
    vocab = Vocabulary("abcdefghij ")
    config = AuthorshipConfig(corpus="textbook", window=20, stride=10, n_hidden=4, steps=12, seed=seed)
    params = init_model(jax.random.PRNGKey(seed), vocab.size, config.n_embed, 4, 2)
    params = jax.tree_util.tree_map(np.asarray, params)
    metrics = {"heldout": {"balanced_accuracy": 0.5}, "seed": seed}
    return TrainedModel(config, vocab, ("A", "B"), params, np.zeros(2), metrics)


def listed_models_all_load(folder: Path) -> list[TrainedModel]:
    """Every model the authorship page would list loads; returns them."""
    return [authorship_io.load(entry["path"]) for entry in authorship_io.list_models(folder)]


def kill_when_paused(target: Path, moment: str, seed: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(target), moment, str(seed)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "PAUSED", f"the saver did not reach {moment}: {line!r} {proc.stderr.read()}"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("moment", ["npz-half", "npz-renamed"])
@pytest.mark.parametrize("earlier", [False, True], ids=["first-save", "over-a-saved-model"])
def test_a_save_killed_midway_leaves_the_old_model_or_nothing(tmp_path, moment, earlier):
    target = tmp_path / "m.npz"
    if earlier:
        authorship_io.save(model_of(1), target)
    kill_when_paused(target, moment, seed=2)
    if moment == "npz-half":
        # The half-written bytes are in a hidden temporary file, never at the target.
        if earlier:
            assert authorship_io.load(target).config.seed == 1
        else:
            assert not target.exists()
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert leftovers and all(name.startswith(".m.npz.") for name in leftovers)
    else:
        # The .npz is complete and new; its sidecar is the old one or missing, and load reads only the .npz.
        assert authorship_io.load(target).config.seed == 2
        assert target.with_suffix(".json").exists() == earlier
    models = listed_models_all_load(tmp_path)
    assert len(models) == (1 if earlier or moment == "npz-renamed" else 0)
    # The folder is still usable: the next save completes and is listed.
    authorship_io.save(model_of(3), tmp_path / "next.npz")
    assert len(listed_models_all_load(tmp_path)) == len(models) + 1


def test_a_saved_model_is_readable_by_the_servers_user(tmp_path):
    path = authorship_io.save(model_of(1), tmp_path / "m.npz")
    for file in (path, path.with_suffix(".json")):
        assert file.stat().st_mode & 0o044 == 0o044  # group and others may read (mkstemp gives 0600)


def test_the_trainer_killed_at_any_moment_leaves_a_loadable_model(tmp_path):
    """python -m core.authorship train, SIGKILLed at moments spread over its run, over a saved model."""
    targets, procs = [], []
    for index, delay in enumerate((1.0, 4.0, 9.0)):
        target = tmp_path / f"run{index}" / "m.npz"
        authorship_io.save(model_of(1), target)
        command = [sys.executable, "-m", "core.authorship", "train", "--corpus", "textbook", "--window", "20"]
        command += ["--n-hidden", "4", "--steps", "40", "--seed", "3", "--out", str(target)]
        proc = subprocess.Popen(
            command, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        targets.append(target)
        procs.append((time.monotonic() + delay, proc))
    for deadline, proc in procs:
        time.sleep(max(deadline - time.monotonic(), 0))
        proc.send_signal(signal.SIGKILL)  # a no-op if it already finished
        proc.wait(timeout=30)
    for target in targets:
        model = authorship_io.load(target)  # the old model, or the new one complete
        assert model.config.seed in (1, 3)
        assert listed_models_all_load(target.parent)
