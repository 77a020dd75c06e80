"""The clipping page's cliff: Pascanu's single-unit loss surface, descended with and without clipping.

The page binds the URL for these controls with the lab's (one ClippingSettings) and calls `draw`;
the widgets live in the main area under keys "clipping_cliff_*".
"""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from core.training.cliff import descend, loss_surface, wall_b
from visualizer.app import controls
from visualizer.app.cache import read_only
from visualizer.app.keys import widget_key
from visualizer.app.shell import PNG_EXPORT, json_download
from visualizer.figures.cliff import cliff_contour, cliff_surface
from visualizer.views.clipping.settings import CliffSettings, CliffStart

W_RANGE = (1.0, 10.0)  # the window holds the whole wall for b in -6..-2 and the default landing
B_RANGE = (-6.0, 6.0)
GRID = 161  # points per side: about 0.06 apart, fine enough to show the wall as a crowd of contours
# The sliders in three columns, row by row: where to start and T, then how to descend.
SLIDERS = ("cliff_w0", "cliff_b0", "cliff_T", "cliff_lr", "cliff_threshold", "cliff_steps")
LOSS = "(sigmoid(x_T) - 0.7)^2, x_0 = 0.5"  # what the download's numbers are the loss of
CHART = widget_key(CliffSettings.page, "cliff_chart")
CLIFF_MAP = (
    r"x_t = w\,\sigma(x_{t-1}) + b,\quad x_0 = 0.5,\quad E = \big(\sigma(x_T) - 0.7\big)^2,"
    r"\qquad g \leftarrow g \cdot \min\!\Big(1, \frac{\theta}{\lVert g \rVert}\Big)"
)


@st.cache_resource(max_entries=16, show_spinner=False)
def cliff_surface_grid(n_steps: int) -> dict[str, np.ndarray]:
    """E and ‖∇E‖ (GRID, GRID) over the fixed window, and the wall line, for one T; read-only."""
    ws, bs = np.linspace(*W_RANGE, GRID), np.linspace(*B_RANGE, GRID)
    loss, grad_norm = loss_surface(ws, bs, n_steps=n_steps)
    # The wall exists where x_0 = 0.5 repels (w·σ'(0.5) > 1, w > 4.25); clip it to the window.
    wall_w = np.linspace(4.25, W_RANGE[1], 60)
    wall = wall_b(wall_w)
    inside = (wall >= B_RANGE[0]) & (wall <= B_RANGE[1])
    return {
        "ws": read_only(ws),
        "bs": read_only(bs),
        "loss": read_only(loss),
        "grad_norm": read_only(grad_norm),
        "wall_w": read_only(wall_w[inside]),
        "wall_b": read_only(wall[inside]),
    }


@st.cache_resource(max_entries=256, show_spinner=False)
def cliff_runs(
    w0: float, b0: float, lr: float, threshold: float, steps: int, n_steps: int
) -> dict[str, dict[str, object]]:
    """Both descents ("unclipped", "clipped") from one start, as dicts of read-only arrays."""
    runs = {}
    for name, clip in (("unclipped", False), ("clipped", True)):
        run = descend(w0, b0, lr=lr, threshold=threshold, steps=steps, clip=clip, n_steps=n_steps)
        runs[name] = {k: (read_only(v) if isinstance(v, np.ndarray) else v) for k, v in run._asdict().items()}
    return runs


def warm(start: CliffStart) -> None:
    """The cliff's view for one start into the shared caches (the warm-up's share of the page)."""
    cliff_surface_grid(start.n_steps)
    cliff_runs(*start)


def summary(run: dict[str, Any]) -> dict[str, object]:
    """One run's numbers for its caption: steps taken and clipped, the largest step, where it ended."""
    points, norms, steps = run["points"], run["grad_norms"], run["step_norms"]
    return {
        "taken": len(steps),
        "n_clipped": np.count_nonzero(run["clipped"]),
        "step": np.max(steps).item() if len(steps) else 0.0,
        "w": points[-1][0].item(),
        "b": points[-1][1].item(),
        "grad": norms[-1].item(),
    }


def draw(settings: CliffSettings, tr: Callable[..., str], *, projected: bool, hidden: Set[str]) -> None:
    """The whole cliff: title, explanation (not when projected), controls, figure, numbers, download."""
    st.subheader(tr("cliff.title"))
    if not projected:
        st.markdown(tr("cliff.what"))
        st.latex(CLIFF_MAP)
    specs = CliffSettings.specs()
    page = CliffSettings.page
    controls.draw(page, {name: specs[name] for name in SLIDERS}, tr, hidden=hidden, where=st.columns(3))
    controls.draw(page, {"cliff_3d": specs["cliff_3d"]}, tr, hidden=hidden, where=st)
    start = settings.start()
    with st.spinner(tr("app.computing")):
        grid = cliff_surface_grid(start.n_steps)
        runs = cliff_runs(*start)
    labels = {"unclipped": tr("cliff.unclipped"), "clipped": tr("cliff.clipped", threshold=start.threshold)}
    st.plotly_chart(_figure(settings.cliff_3d, grid, runs, labels, tr), config=PNG_EXPORT, key=CHART)
    for column, name in zip(st.columns(2), ("unclipped", "clipped"), strict=True):
        _summary(tr, labels[name], runs[name], column)
    numbers = {"settings": start._asdict(), "loss": LOSS, **runs}
    json_download(tr("cliff.download"), numbers, "cliff_trajectories.json")


def _figure(
    three_d: bool, grid: dict, runs: dict, labels: dict[str, str], tr: Callable[..., str]
) -> go.Figure:
    """The contour with both paths and the wall, or (three_d) the 3-D surface with both paths."""
    labels = {"x": tr("cliff.w"), "y": tr("cliff.b"), **labels}
    paths = {"ws": grid["ws"], "bs": grid["bs"], **{name: run["points"] for name, run in runs.items()}}
    if three_d:
        losses = {f"{name}_losses": run["losses"] for name, run in runs.items()}
        labels |= {"title": tr("cliff.surface"), "z": tr("cliff.colorbar")}
        return cliff_surface(grid["loss"], **paths, **losses, labels=labels)
    labels |= {name: tr(f"cliff.{name}") for name in ("colorbar", "start", "wall", "offscreen")}
    labels["title"] = tr("cliff.contour")
    return cliff_contour(grid["loss"], **paths, wall_w=grid["wall_w"], wall_b=grid["wall_b"], labels=labels)


def _summary(tr: Callable[..., str], label: str, run: dict[str, Any], where: Any) -> None:
    """One run's numbers: final E, the largest gradient norm, and a line of details."""
    where.metric(tr("cliff.final_loss", run=label), f"{run['losses'][-1]:.3g}")
    largest = f"{np.nanmax(run['grad_norms']):.3g}"
    where.metric(tr("cliff.max_grad", run=label), largest, help=tr("cliff.max_grad_help"))
    where.caption(tr("cliff.details", run=label, **summary(run)))
    if run["diverged_at"] is not None:
        where.warning(tr("cliff.diverged", run=label, step=run["diverged_at"]))
