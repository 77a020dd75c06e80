"""The lab's one figure style: palette, colour scales, decade ticks and value ranges (numpy + plotly only).

Every figure builder takes its colours from here, so a chart on one page reads like a chart on
the next. The palette is Okabe & Ito's (2008), which stays distinguishable with every common
colour-vision deficiency; the sequential scale is Cividis for the same reason.
"""

from __future__ import annotations

import math
import os

import numpy as np
import plotly.colors
import plotly.graph_objects as go

# Okabe–Ito, by name. Lines and markers pick from these, never from Plotly's defaults.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
# Series in a fixed order: the n-th line of any chart has the same colour everywhere.
SERIES = (BLUE, ORANGE, GREEN, PURPLE, SKY_BLUE, VERMILION, YELLOW, BLACK)

# Neutrals for frames, text and things that are on a path but carry no magnitude.
INK = "#1a1a1a"
DARK_GREY = "#404040"
MID_GREY = "#7f7f7f"
LIGHT_GREY = "#c8c8c8"
PALE_GREY = "#f0f0f0"  # a shaded node or box, behind black text
ZERO_COLOR = "#d9d9d9"
# Two ends of Cividis for lines beside a Cividis map: its dark blue, and its yellow darkened to read on white.
CIVIDIS_BLUE = "#00224e"
CIVIDIS_GOLD = "#c4a000"  # cells whose term is exactly zero (log10 = -inf)

# Plotly checks every layout property a builder sets; on a page rerun that check was most of a
# small chart's build time (σ(Ws) bars: 22 ms, 4 ms without). What the builders set is known
# good: the test suite builds every figure with the check on (tests/conftest.py sets
# LAB_PLOTLY_VALIDATE=1), and tests/figures/test_unvalidated.py asserts that the JSON a page
# sends is the same either way. Traces (go.Heatmap(...), go.Scatter(...)) are always checked.
VALIDATE = os.environ.get("LAB_PLOTLY_VALIDATE", "0") == "1"


def figure(data: object = None, **kwargs: object) -> go.Figure:
    """A go.Figure(data, **kwargs) whose layout is checked only under the tests (VALIDATE)."""
    return go.Figure(data, _validate=VALIDATE, **kwargs)


COLORSCALE = "Cividis"  # magnitudes: readable with every common colour-vision deficiency
# ColorBrewer RdBu (colour-blind safe), reversed: blue = vanishing, white = 1, red = exploding.
DIVERGING = plotly.colors.make_colorscale(plotly.colors.diverging.RdBu[::-1])


def decade_ticks(zmin: float, zmax: float, max_ticks: int = 9) -> tuple[list[float], list[str]]:
    """Ticks on whole decades inside [zmin, zmax], a nice stride apart, labelled 1e-8 … 1e+8."""
    span = max(zmax - zmin, 1.0)
    stride = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / s < max_ticks - 1)
    first, last = math.ceil(zmin / stride) * stride, math.floor(zmax / stride) * stride
    values = list(range(first, last + 1, stride)) or [round(zmin)]
    return [float(v) for v in values], [f"1e{v:+d}" if v else "1" for v in values]


def value_range(*maps: np.ndarray) -> tuple[float, float]:
    """The finite min and max over several log10 maps; (-1, 1) if none is finite."""
    finite = np.concatenate([m[np.isfinite(m)].ravel() for m in maps])
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    return (lo - 0.5, hi + 0.5) if hi - lo < 1e-9 else (lo, hi)
