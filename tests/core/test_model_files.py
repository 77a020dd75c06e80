"""Hostile model files in models/: shapes are read from the .npy headers before any array is, huge
claims are refused without allocating, and links that leave the folder are never followed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import jax
import numpy as np
import pytest

from core.authorship import AuthorshipConfig, TrainedModel, init_model
from core.authorship import io as authorship_io
from core.authorship.io import ModelFileError
from core.authorship.windows import Vocabulary


def small_model() -> TrainedModel:
    """Random weights of a 2-author model over a 27-character vocabulary (nothing here is about accuracy)."""
    vocab = Vocabulary("abcdefghijklmnopqrstuvwxyz ")
    config = AuthorshipConfig(corpus="federalist", window=20, stride=10, n_hidden=4, n_embed=3, steps=2)
    params = jax.tree_util.tree_map(np.asarray, init_model(jax.random.PRNGKey(0), vocab.size, 3, 4, 2))
    metrics = {"heldout": {"balanced_accuracy": 0.5}, "loss": [0.7], "heldout_curve": []}
    return TrainedModel(config, vocab, ("Hamilton", "Madison"), params, np.zeros(2), metrics)


def npy_header(shape: tuple[int, ...], descr: str = "<f4") -> bytes:
    """A version 1.0 .npy header claiming shape; no array bytes follow it."""
    out = io.BytesIO()
    np.lib.format.write_array_header_1_0(out, {"descr": descr, "fortran_order": False, "shape": shape})
    return out.getvalue()


def replace_member(path: Path, name: str, data: bytes) -> None:
    """Rewrite the .npz at path with member name.npy replaced by data (the other members kept)."""
    with zipfile.ZipFile(path) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members[f"{name}.npy"] = data
    with zipfile.ZipFile(path, "w") as archive:
        for member, body in members.items():
            archive.writestr(member, body)


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    return authorship_io.save(small_model(), tmp_path / "models" / "good.npz")


def test_a_header_claiming_72_tib_is_refused_without_allocating(saved):
    rows = 1_250_000_000_000  # x 16 float32 = 80 TB, the tester's "Unable to allocate 72.8 TiB"
    replace_member(saved, "embed", npy_header((rows, 16)) + b"\0" * 64)
    with pytest.raises(ModelFileError) as info:
        authorship_io.load(saved)
    assert info.value.key == "huge"
    assert info.value.values["array"] == "embed" and info.value.values["size"] == rows * 16 * 4
    assert info.value.values["shape"] == (rows, 16)


def test_a_header_that_lies_about_its_small_size_is_refused(saved):
    # A (4, 4) float32 header over 8 floats of data: the real size betrays the header.
    replace_member(saved, "Ws", npy_header((4, 4)) + np.zeros(8, np.float32).tobytes())
    with pytest.raises(ModelFileError) as info:
        authorship_io.load(saved)
    assert info.value.key == "huge" and info.value.values["array"] == "Ws"


def test_a_too_big_embedding_is_refused_before_any_array_is_read(saved, monkeypatch):
    """A real file whose embedding has 5,000 rows for 28 vocabulary ids: refused from headers alone."""
    big = io.BytesIO()
    np.lib.format.write_array(big, np.zeros((5_000, 3), np.float32))
    replace_member(saved, "embed", big.getvalue())
    read = []
    original = np.lib.format.read_array
    monkeypatch.setattr(np.lib.format, "read_array", lambda *a, **k: read.append(1) or original(*a, **k))
    with pytest.raises(ModelFileError) as info:
        authorship_io.load(saved)
    assert (info.value.key, info.value.values["rows"], info.value.values["ids"]) == ("vocabulary", 5_000, 28)
    assert len(read) == 1  # the metadata (capped by its header) and no weight array


def test_an_object_array_is_refused_without_unpickling(saved):
    replace_member(saved, "b", npy_header((4,), descr="|O") + b"\x80\x04N.")
    with pytest.raises(ModelFileError) as info:
        authorship_io.load(saved)
    assert (info.value.key, info.value.values["array"]) == ("values", "b")


def test_a_link_leaving_the_models_folder_is_listed_but_never_loaded(saved, tmp_path):
    outside = authorship_io.save(small_model(), tmp_path / "elsewhere" / "secret.npz")
    folder = saved.parent
    (folder / "escape.npz").symlink_to(outside)
    (folder / "escape.json").symlink_to(outside.with_suffix(".json"))
    (folder / "alias.npz").symlink_to(saved)  # a link that stays inside is fine
    (folder / "dangling.npz").symlink_to(tmp_path / "nothing.npz")
    listed = {m["name"]: m for m in authorship_io.list_models(folder)}
    assert set(listed) == {"good", "escape", "alias", "dangling"}
    assert "corpus" not in listed["escape"]  # its sidecar lies outside too: not read
    with pytest.raises(ModelFileError) as info:
        authorship_io.load(folder / "escape.npz", root=folder)
    assert (info.value.key, info.value.values) == ("outside", {"name": "escape.npz"})
    with pytest.raises(ModelFileError) as info:
        authorship_io.load(folder / "dangling.npz", root=folder)
    assert info.value.key == "outside"
    assert authorship_io.load(folder / "alias.npz", root=folder).vocab == small_model().vocab
    # Without a root (the command line's own path), the same file loads: the rule is the folder's.
    assert authorship_io.load(folder / "escape.npz").authors == ("Hamilton", "Madison")


def test_every_new_model_error_key_is_translated():
    from visualizer.app.i18n import STRINGS

    for key in ("huge", "outside", "values", "authors", "no_corpus"):
        for lang in ("en", "zh"):
            assert f"authorship.model_error.{key}" in STRINGS[lang], (key, lang)
