"""The clipping page's cliff panel: Pascanu's single-unit loss surface, descended with and without clipping.

The page binds the URL for these controls (start_page("clipping", SPECS | CLIFF_SPECS))
and calls draw_cliff_panel; the widgets live in the main area under keys "clipping_cliff_*".
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from core.training.cliff import MAX_STEPS, MAX_T, descend, loss_surface, wall_b
from visualizer.app import url_state
from visualizer.app.cache import read_only
from visualizer.app.shell import PNG_EXPORT, json_download
from visualizer.figures.cliff import cliff_contour, cliff_surface

PAGE = "clipping"
# Defaults found by scanning starts near the wall (see docs/ARCHITECTURE.md): from (4.5, -3) with
# α = 0.1 both runs cross the wall together, step 42 lands on it (‖∇E‖ ≈ 83) and the unclipped
# step throws (w, b) to about (8.9, 4.7); the clipped run stays and reaches E ≈ 1e-4. Same in float32.
CLIFF_SPECS: dict[str, url_state.Spec] = {
    "cliff_w0": url_state.FloatParam(4.5, 1.0, 10.0, step=0.05),
    "cliff_b0": url_state.FloatParam(-3.0, -6.0, 6.0, step=0.05),
    "cliff_lr": url_state.FloatParam(0.1, 0.01, 2.0, step=0.01),
    "cliff_threshold": url_state.FloatParam(1.0, 0.1, 10.0, step=0.1),
    "cliff_steps": url_state.IntParam(150, 1, MAX_STEPS),
    "cliff_T": url_state.IntParam(50, 5, MAX_T),
    "cliff_3d": url_state.BoolParam(False),
}
W_RANGE = (1.0, 10.0)  # the window holds the whole wall for b in -6..-2 and the default landing
B_RANGE = (-6.0, 6.0)
GRID = 161  # points per side: about 0.06 apart, fine enough to show the wall as a crowd of contours


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
        fields = {k: (read_only(v) if isinstance(v, np.ndarray) else v) for k, v in run._asdict().items()}
        runs[name] = fields
    return runs


def _draw_controls(t: Callable[..., str], hidden: set[str] | frozenset[str]) -> None:
    """Three columns of sliders in the main area, then the 3-D toggle; hidden ones keep their value."""
    columns = st.columns(3)
    layout = (("cliff_w0", "cliff_b0", "cliff_T"), ("cliff_lr", "cliff_threshold", "cliff_steps"))
    for row in layout:
        for column, name in zip(columns, row, strict=True):
            if name in hidden:
                continue
            spec, key = CLIFF_SPECS[name], f"{PAGE}_{name}"
            if isinstance(spec, url_state.FloatParam):
                column.slider(t(f"{PAGE}.{name}"), spec.lo, spec.hi, step=spec.step, key=key)
            else:
                column.slider(t(f"{PAGE}.{name}"), spec.lo, spec.hi, key=key)
    if "cliff_3d" not in hidden:
        st.toggle(t(f"{PAGE}.cliff_3d"), key=f"{PAGE}_cliff_3d")


def _summary(t: Callable[..., str], label: str, run: dict[str, object], where: object) -> None:
    """One run's numbers: final E, the largest gradient norm, and a line of details."""
    points, losses, norms = run["points"], run["losses"], run["grad_norms"]
    steps = run["step_norms"]
    where.metric(t("cliff.final_loss", run=label), f"{losses[-1]:.3g}")
    where.metric(t("cliff.max_grad", run=label), f"{np.nanmax(norms):.3g}", help=t("cliff.max_grad_help"))
    where.caption(
        t(
            "cliff.details",
            run=label,
            taken=len(steps),
            n_clipped=int(np.sum(run["clipped"])),
            step=float(np.max(steps)) if len(steps) else 0.0,
            w=float(points[-1][0]),
            b=float(points[-1][1]),
            grad=float(norms[-1]),
        )
    )
    if run["diverged_at"] is not None:
        where.warning(t("cliff.diverged", run=label, step=run["diverged_at"]))


def draw_cliff_panel(
    t: Callable[..., str], *, projected: bool = False, hidden: set[str] | frozenset[str] = frozenset()
) -> None:
    """The whole panel: title, explanation (not when projected), controls, figure, numbers, download."""
    for name, spec in CLIFF_SPECS.items():
        # Without a bound URL the sliders would start at their minimum, not at the teaching defaults.
        st.session_state.setdefault(f"{PAGE}_{name}", spec.default)
    st.subheader(t("cliff.title"))
    if not projected:
        st.markdown(t("cliff.what"))
        st.latex(
            r"x_t = w\,\sigma(x_{t-1}) + b,\quad x_0 = 0.5,\quad E = \big(\sigma(x_T) - 0.7\big)^2,"
            r"\qquad g \leftarrow g \cdot \min\!\Big(1, \frac{\theta}{\lVert g \rVert}\Big)"
        )
    _draw_controls(t, hidden)
    value = {name: st.session_state[f"{PAGE}_{name}"] for name in CLIFF_SPECS}
    settings = dict(
        w0=round(float(value["cliff_w0"]), 6),  # slider floats carry binary noise; round for the cache key
        b0=round(float(value["cliff_b0"]), 6),
        lr=round(float(value["cliff_lr"]), 6),
        threshold=round(float(value["cliff_threshold"]), 6),
        steps=int(value["cliff_steps"]),
        n_steps=int(value["cliff_T"]),
    )
    with st.spinner(t("app.computing")):
        grid = cliff_surface_grid(settings["n_steps"])
        runs = cliff_runs(**settings)

    labels = {
        "unclipped": t("cliff.unclipped"),
        "clipped": t("cliff.clipped", threshold=settings["threshold"]),
    }
    axes = dict(ws=grid["ws"], bs=grid["bs"], x_title=t("cliff.w"), y_title=t("cliff.b"))
    if value["cliff_3d"]:
        fig = cliff_surface(
            grid["loss"],
            unclipped=runs["unclipped"]["points"],
            unclipped_losses=runs["unclipped"]["losses"],
            clipped=runs["clipped"]["points"],
            clipped_losses=runs["clipped"]["losses"],
            title=t("cliff.surface"),
            z_title=t("cliff.colorbar"),
            unclipped_label=labels["unclipped"],
            clipped_label=labels["clipped"],
            **axes,
        )
    else:
        fig = cliff_contour(
            grid["loss"],
            unclipped=runs["unclipped"]["points"],
            clipped=runs["clipped"]["points"],
            wall_w=grid["wall_w"],
            wall_b=grid["wall_b"],
            title=t("cliff.contour"),
            colorbar_title=t("cliff.colorbar"),
            unclipped_label=labels["unclipped"],
            clipped_label=labels["clipped"],
            start_label=t("cliff.start"),
            wall_label=t("cliff.wall"),
            offscreen_label=t("cliff.offscreen"),
            **axes,
        )
    st.plotly_chart(fig, config=PNG_EXPORT, key=f"{PAGE}_cliff_chart")

    for column, name in zip(st.columns(2), ("unclipped", "clipped"), strict=True):
        _summary(t, labels[name], runs[name], column)
    json_download(
        t("cliff.download"),
        {"settings": settings, "loss": "(sigmoid(x_T) - 0.7)^2, x_0 = 0.5", **runs},
        "cliff_trajectories.json",
    )
