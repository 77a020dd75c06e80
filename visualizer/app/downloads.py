"""The numbers behind a figure, as files to download."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping

import numpy as np


def matrix_csv(values: np.ndarray, *, header: str) -> bytes:
    """A 2-D array as CSV: one row per t, one column per k, NaN and ±inf spelled out."""
    buffer = io.StringIO()
    np.savetxt(buffer, np.asarray(values, dtype=float), delimiter=",", fmt="%.6g", header=header)
    return buffer.getvalue().encode()


def _plain(value: object) -> object:
    """JSON-safe: arrays to lists, NaN to null, ±inf to the strings "inf" / "-inf"."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return _plain(value._asdict())
    if isinstance(value, np.ndarray | list | tuple):
        return [_plain(v) for v in np.asarray(value, dtype=object).tolist()]
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return None
        return float(value) if np.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, np.integer):
        return int(value)
    return value


def numbers_json(numbers: Mapping[str, object]) -> bytes:
    """Several named arrays and values as one JSON document (NaN = null, ±inf as strings)."""
    return json.dumps(_plain(numbers), ensure_ascii=False).encode()
