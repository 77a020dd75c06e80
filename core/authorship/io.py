"""Saving and loading trained authorship models: .npz weights plus JSON metadata, never pickle.

`save` (core.authorship.store, re-exported here) writes `name.npz` and a readable
`name.json` beside it, atomically. `load` reads the metadata from inside the .npz,
so the two always match, and checks that the vocabulary, the authors and every
array shape fit together before any array is read.
"""

from __future__ import annotations

import contextlib
import json
import math
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from core.authorship.config import AuthorshipConfig
from core.authorship.model import AuthorshipParams, TrainedModel
from core.authorship.store import ARRAYS, FORMAT, metadata, save
from core.authorship.windows import Vocabulary
from core.checks import ExplainedError
from core.rnn import RNNParams

__all__ = ["ARRAYS", "FORMAT", "ModelFileError", "list_models", "load", "metadata", "save"]


class ModelFileError(ExplainedError):
    """A model file that cannot be used; the message says why and what to do.

    (The page's strings: "authorship.model_error.<key>".)
    """


MAX_METADATA_BYTES = 8_000_000  # the JSON inside the .npz: config, vocabulary, metrics per step
MAX_ARRAY_BYTES = 256_000_000  # one weight array; a page model's largest (Ws at H = 128) is 64 kB


def _inside(path: Path, root: Path) -> bool:
    """Whether path, with every link followed, lies in root (also followed)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def _header(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> tuple[tuple[int, ...], np.dtype]:
    """(shape, dtype) of one .npy member, from its header alone: no array byte is read.

    A header may claim any shape; the claim is checked against the member's real size, so a
    72 TiB "array" in a 1 kB file is refused here instead of being allocated.
    """
    with archive.open(info) as stream:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, _fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, _fortran, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise ValueError(f"unsupported .npy version {version}")
        offset = stream.tell()
    if dtype.hasobject:  # object arrays are pickles: never read
        raise ModelFileError(f"{name}: {info.filename} holds Python objects", key="values", name=name,
                             array=info.filename.removesuffix(".npy"))  # fmt: skip
    size = math.prod(shape) * dtype.itemsize
    if size > MAX_ARRAY_BYTES or size != info.file_size - offset:
        raise ModelFileError(
            f"{name}: {info.filename} claims shape {shape} ({size:,} bytes) in {info.file_size:,} bytes "
            f"of file; the limit is {MAX_ARRAY_BYTES:,} bytes",
            key="huge",
            name=name,
            array=info.filename.removesuffix(".npy"),
            shape=shape,
            size=size,
            limit=MAX_ARRAY_BYTES,
        )
    return tuple(shape), dtype


@contextlib.contextmanager
def _unusable_metadata(name: str) -> Iterator[None]:
    """Turn a KeyError, TypeError or ValueError from reading metadata into the file's ModelFileError."""
    try:
        yield
    except ModelFileError:
        raise
    except (KeyError, TypeError, ValueError) as err:
        raise ModelFileError(
            f"{name} has metadata this lab cannot use ({err})", key="metadata", name=name
        ) from err


def _read_array(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> np.ndarray:
    with archive.open(info) as stream:
        return np.lib.format.read_array(stream, allow_pickle=False)


def _read(path: Path, root: Path | None = None) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and metadata of a model file, every array's shape checked before it is read."""
    if root is not None and not _inside(path, root):  # a link in models/ that points elsewhere
        raise ModelFileError(
            f"{path.name} links outside {root.name}/; it is not read", key="outside", name=path.name
        )
    if not path.is_file():
        raise ModelFileError(f"no model file at {path}", key="missing", name=path.name)
    try:
        with zipfile.ZipFile(path) as archive:
            members = {i.filename.removesuffix(".npy"): i for i in archive.infolist()}
            missing = [name for name in (*ARRAYS, "metadata") if name not in members]
            if missing:
                raise ModelFileError(
                    f"{path.name} is not an authorship model: it lacks {', '.join(missing)}",
                    key="not_model",
                    name=path.name,
                    missing=", ".join(missing),
                )
            headers = {name: _header(archive, members[name], path.name) for name in (*ARRAYS, "metadata")}
            meta = _metadata(path.name, archive, members["metadata"], headers["metadata"])
            with _unusable_metadata(path.name):
                _check_shapes(path.name, {k: v[0] for k, v in headers.items()}, meta)
            arrays = {name: _read_array(archive, members[name]) for name in ARRAYS}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError, NotImplementedError) as err:
        if isinstance(err, ModelFileError):
            raise
        raise ModelFileError(
            f"{path.name} is corrupt or truncated ({type(err).__name__}: {err}); train the model again",
            key="corrupt",
            name=path.name,
        ) from err
    return arrays, meta


def _metadata(
    name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, header: tuple[tuple[int, ...], np.dtype]
) -> dict[str, Any]:
    """The JSON metadata stored in the .npz as a 1-D uint8 array, size-capped before it is read."""
    shape, dtype = header
    if len(shape) != 1 or dtype != np.uint8 or shape[0] > MAX_METADATA_BYTES:
        raise ModelFileError(f"{name}: unusable metadata array {shape} {dtype}", key="metadata", name=name)
    try:
        meta = json.loads(_read_array(archive, info).tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelFileError(
            f"{name} has unreadable metadata ({err}); train the model again", key="metadata", name=name
        ) from err
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ModelFileError(
            f"{name} has format {found!r}; this lab reads {FORMAT!r}",
            key="format",
            name=name,
            found=repr(found)[:40],
            expected=repr(FORMAT),
        )
    return meta


def _check_shapes(name: str, shapes: dict[str, tuple[int, ...]], meta: dict[str, Any]) -> None:
    """Vocabulary, authors, config and array shapes (from the headers) must describe one model."""
    if not isinstance(meta["vocabulary"], str) or not all(isinstance(a, str) for a in meta["authors"]):
        raise TypeError("the vocabulary and the authors must be text")
    vocab_size = len(meta["vocabulary"]) + 1
    n_authors = len(meta["authors"])
    config = meta["config"]
    D, H = int(config["n_embed"]), int(config["n_hidden"])
    expected = {
        "embed": (vocab_size, D),
        "Wx": (H, D),
        "Ws": (H, H),
        "b": (H,),
        "Wy": (n_authors, H),
        "by": (n_authors,),
    }
    rows = shapes["embed"][0] if shapes["embed"] else None
    if rows != vocab_size:
        raise ModelFileError(
            f"{name}: the embedding has {rows} rows but the vocabulary has "
            f"{vocab_size} ids ({vocab_size - 1} characters + unknown): the weights come from "
            "another vocabulary",
            key="vocabulary",
            name=name,
            rows=rows,
            ids=vocab_size,
        )
    for key, shape in expected.items():
        if shapes[key] != shape:
            raise ModelFileError(
                f"{name}: {key} has shape {shapes[key]}, expected {shape} from its metadata",
                key="shape",
                name=name,
                array=key,
                shape=shapes[key],
                expected=shape,
            )
    if len(meta["offsets"]) != n_authors:
        raise ModelFileError(
            f"{name}: {len(meta['offsets'])} offsets for {n_authors} authors",
            key="offsets",
            name=name,
            offsets=len(meta["offsets"]),
            authors=n_authors,
        )


def _check_values(name: str, arrays: dict[str, np.ndarray]) -> None:
    for key in ARRAYS:
        if not np.issubdtype(arrays[key].dtype, np.floating) or not np.all(np.isfinite(arrays[key])):
            raise ModelFileError(
                f"{name}: {key} holds non-finite or non-float values", key="values", name=name, array=key
            )


def load(path: str | Path, *, root: str | Path | None = None) -> TrainedModel:
    """A saved model, checked; raises ModelFileError with the reason if it cannot be used.

    Every array's shape is read from its header and checked against the metadata before any
    array is read. With root (the models folder), a path that leads outside it (a link) is refused.
    """
    path = Path(path)
    arrays, meta = _read(path, None if root is None else Path(root))
    _check_values(path.name, arrays)
    with _unusable_metadata(path.name):
        config = AuthorshipConfig(**meta["config"])
    params = AuthorshipParams(
        embed=arrays["embed"], rnn=RNNParams(*(arrays[name] for name in ("Wx", "Ws", "b", "Wy", "by")))
    )
    return TrainedModel(
        config=config,
        vocab=Vocabulary(meta["vocabulary"]),
        authors=tuple(meta["authors"]),
        params=params,
        offsets=np.asarray(meta["offsets"], dtype=float),
        metrics=meta.get("metrics", {}),
    )


def list_models(folder: str | Path = "models") -> list[dict[str, Any]]:
    """Saved models in folder, newest first: path, corpus, readout, window, held-out accuracy.

    Reads the small .json sidecars only; a model without a readable sidecar is listed by name. A link
    that leads outside folder is listed (loading it says why it is refused) but never followed.
    """
    folder = Path(folder)
    found = []
    # lstat: a dangling link has no mtime of its own target, and must not break the listing.
    for path in sorted(folder.glob("*.npz"), key=lambda p: p.lstat().st_mtime, reverse=True):
        entry: dict[str, Any] = {"path": str(path), "name": path.stem}
        sidecar = path.with_suffix(".json")
        try:
            if not (_inside(path, folder) and _inside(sidecar, folder)):
                raise OSError("outside the models folder")
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            entry |= {
                "corpus": meta["config"]["corpus"],
                "readout": meta["config"]["readout"],
                "window": meta["config"]["window"],
                "balanced_accuracy": meta["metrics"]["heldout"]["balanced_accuracy"],
            }
        except (OSError, ValueError, KeyError, TypeError):
            pass
        found.append(entry)
    return found
