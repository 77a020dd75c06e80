"""The rule of every shared cache: what one session computed, no session can change.

Each view keeps its page's cached core calls (`st.cache_resource`: one copy for all
sessions, keyed by frozen settings and plain numbers, never JAX arrays) and returns
their arrays through `read_only`, so no session can change what another one sees.
"""

from __future__ import annotations

import numpy as np


def read_only(a: object) -> np.ndarray:
    """A copy of a as a NumPy array that no session can write to (for shared caches)."""
    a = np.array(a)
    a.flags.writeable = False
    return a
