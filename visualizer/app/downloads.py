"""The numbers behind a figure, as files to download."""

from __future__ import annotations

import io

import numpy as np


def matrix_csv(values: np.ndarray, *, header: str) -> bytes:
    """A 2-D array as CSV: one row per t, one column per k, NaN and ±inf spelled out."""
    buffer = io.StringIO()
    np.savetxt(buffer, np.asarray(values, dtype=float), delimiter=",", fmt="%.6g", header=header)
    return buffer.getvalue().encode()
