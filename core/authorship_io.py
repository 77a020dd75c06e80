"""Saving and loading trained authorship models: .npz weights plus JSON metadata, never pickle.

`save` writes `name.npz` (the weights and, inside it, the metadata as UTF-8 JSON
bytes) and a readable `name.json` next to it. Each is written to a temporary
file in the same folder and then renamed over the target (os.replace is atomic),
so a failed or stopped run never leaves a half-written model. `load` reads the
metadata from inside the .npz, so the two always match, and checks that the
vocabulary, the authors and every array shape fit together.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from core.authorship import AuthorshipConfig, AuthorshipParams, TrainedModel
from core.checks import ExplainedError
from core.rnn import RNNParams
from core.windows import Vocabulary

FORMAT = "rnn-gradient-flow-lab/authorship/1"
ARRAYS = ("embed", "Wx", "Ws", "b", "Wy", "by")


class ModelFileError(ExplainedError):
    """A model file that cannot be used; the message says why and what to do.

    (The page's strings: "authorship.model_error.<key>".)
    """


def _atomic_write(path: Path, write: Any) -> None:
    """Call write(file object) on a temporary file beside path, then rename it to path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            # mkstemp makes the file owner-only (0600); a model trained from the command line must
            # stay readable by the server's own user (a container, a shared models/ folder).
            os.chmod(temporary, 0o644)
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def metadata(model: TrainedModel) -> dict[str, Any]:
    """The JSON side of a model: config, vocabulary, authors, offsets, metrics and array shapes."""
    return {
        "format": FORMAT,
        "config": dataclasses.asdict(model.config),
        "vocabulary": model.vocab.chars,
        "authors": list(model.authors),
        "offsets": [float(x) for x in model.offsets],
        "metrics": model.metrics,
        "shapes": {name: list(np.shape(a)) for name, a in zip(ARRAYS, _arrays(model.params), strict=True)},
    }


def _arrays(params: AuthorshipParams) -> list[np.ndarray]:
    return [np.asarray(params.embed), *(np.asarray(a) for a in params.rnn)]


def save(model: TrainedModel, path: str | Path) -> Path:
    """Write path (.npz) and its .json sidecar atomically; returns the .npz path."""
    path = Path(path).with_suffix(".npz")
    meta = metadata(model)
    text = json.dumps(meta, ensure_ascii=False, indent=1, allow_nan=True)
    arrays = dict(zip(ARRAYS, _arrays(model.params), strict=True))
    arrays["metadata"] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    _atomic_write(path, lambda stream: np.savez(stream, **arrays))
    _atomic_write(path.with_suffix(".json"), lambda stream: stream.write(text.encode("utf-8")))
    return path


def _read(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    if not path.is_file():
        raise ModelFileError(f"no model file at {path}", key="missing", name=path.name)
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as err:
        raise ModelFileError(
            f"{path.name} is corrupt or truncated ({type(err).__name__}: {err}); train the model again",
            key="corrupt",
            name=path.name,
        ) from err
    missing = [name for name in (*ARRAYS, "metadata") if name not in arrays]
    if missing:
        raise ModelFileError(
            f"{path.name} is not an authorship model: it lacks {', '.join(missing)}",
            key="not_model",
            name=path.name,
            missing=", ".join(missing),
        )
    try:
        meta = json.loads(arrays.pop("metadata").tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelFileError(
            f"{path.name} has unreadable metadata ({err}); train the model again",
            key="metadata",
            name=path.name,
        ) from err
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ModelFileError(
            f"{path.name} has format {found!r}; this lab reads {FORMAT!r}",
            key="format",
            name=path.name,
            found=repr(found)[:40],
            expected=repr(FORMAT),
        )
    return arrays, meta


def _check_shapes(name: str, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Vocabulary, authors, config and arrays must describe one model; say which part disagrees."""
    vocab_size = len(meta["vocabulary"]) + 1
    n_authors = len(meta["authors"])
    config = meta["config"]
    D, H = config["n_embed"], config["n_hidden"]
    expected = {
        "embed": (vocab_size, D),
        "Wx": (H, D),
        "Ws": (H, H),
        "b": (H,),
        "Wy": (n_authors, H),
        "by": (n_authors,),
    }
    if arrays["embed"].shape[0] != vocab_size:
        raise ModelFileError(
            f"{name}: the embedding has {arrays['embed'].shape[0]} rows but the vocabulary has "
            f"{vocab_size} ids ({vocab_size - 1} characters + unknown): the weights come from "
            "another vocabulary",
            key="vocabulary",
            name=name,
            rows=arrays["embed"].shape[0],
            ids=vocab_size,
        )
    for key, shape in expected.items():
        if arrays[key].shape != shape:
            raise ModelFileError(
                f"{name}: {key} has shape {arrays[key].shape}, expected {shape} from its metadata",
                key="shape",
                name=name,
                array=key,
                shape=arrays[key].shape,
                expected=shape,
            )
        if not np.issubdtype(arrays[key].dtype, np.floating) or not np.all(np.isfinite(arrays[key])):
            raise ModelFileError(
                f"{name}: {key} holds non-finite or non-float values", key="values", name=name, array=key
            )
    if len(meta["offsets"]) != n_authors:
        raise ModelFileError(
            f"{name}: {len(meta['offsets'])} offsets for {n_authors} authors",
            key="offsets",
            name=name,
            offsets=len(meta["offsets"]),
            authors=n_authors,
        )


def load(path: str | Path) -> TrainedModel:
    """A saved model, checked; raises ModelFileError with the reason if it cannot be used."""
    path = Path(path)
    arrays, meta = _read(path)
    try:
        _check_shapes(path.name, arrays, meta)
        config = AuthorshipConfig(**meta["config"])
    except (KeyError, TypeError, ValueError) as err:
        if isinstance(err, ModelFileError):
            raise
        raise ModelFileError(
            f"{path.name} has metadata this lab cannot use ({err})", key="metadata", name=path.name
        ) from err
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

    Reads the small .json sidecars only; a model without a readable sidecar is listed by name.
    """
    found = []
    for path in sorted(Path(folder).glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True):
        entry: dict[str, Any] = {"path": str(path), "name": path.stem}
        try:
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
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
