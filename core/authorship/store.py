"""Writing a trained authorship model: .npz weights plus JSON metadata, never pickle.

`save` writes `name.npz` (the weights and, inside it, the metadata as UTF-8 JSON
bytes) and a readable `name.json` next to it. Each is written to a temporary
file in the same folder and then renamed over the target (os.replace is atomic),
so a failed or stopped run never leaves a half-written model. core.authorship.io
reads them back.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from core.authorship.model import AuthorshipParams, TrainedModel

FORMAT = "rnn-gradient-flow-lab/authorship/1"
ARRAYS = ("embed", "Wx", "Ws", "b", "Wy", "by")


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
