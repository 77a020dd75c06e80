"""The rule of every shared cache: what one session computed, no session can change.

Each view keeps its page's cached core calls (`st.cache_resource`: one copy for all
sessions, keyed by frozen settings and plain numbers, never JAX arrays) and returns
their arrays through `read_only`, so no session can change what another one sees.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go


def read_only(a: object) -> np.ndarray:
    """A copy of a as a NumPy array that no session can write to (for shared caches)."""
    a = np.array(a)
    a.flags.writeable = False
    return a


class FrozenFigure(go.Figure):
    """A figure for a shared cache: its JSON-ready dict is made once, then handed out as it is.

    st.plotly_chart calls `to_dict()` on every draw, and Plotly's to_dict deep-copies the figure
    and walks every array to encode it (most of a cached page's rerun: 3,000 calls for the
    heatmap page at T = 100). This figure returns the dict it made when it was frozen; nothing
    downstream writes to it (Streamlit only serialises it), so every session reads one copy.
    """

    def __init__(self, fig: go.Figure) -> None:
        super().__init__()  # empty: the frozen dict is what gets drawn
        self._frozen = fig.to_dict()

    def to_dict(self) -> dict[str, Any]:
        return self._frozen
