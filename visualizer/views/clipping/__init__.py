"""Clipping lab: one network trained three ways (none, by norm, by value), live; then Pascanu's cliff.

`settings` holds the page's controls (the lab's in the sidebar, the cliff's in the main area),
`runs` the shared training jobs, `lab` and `cliff` the two halves of the page. Besides PAGE and
draw, the package names what the tests reach for: the runs, a config from control values, the
shared job of a config and a preset's control values.
"""

from __future__ import annotations

import itertools

import streamlit as st

from core.training import clipping_lab
from visualizer.app import controls
from visualizer.app.registry import PageInfo
from visualizer.app.shell import PageStart
from visualizer.views.clipping import cliff, lab
from visualizer.views.clipping.runs import RUNS, find
from visualizer.views.clipping.settings import ClippingSettings, LabSettings, config_from, preset_values

__all__ = ["PAGE", "RUNS", "config_from", "draw", "find", "preset_values"]


def warm(settings: ClippingSettings) -> None:
    """What a student sees first, into the shared caches: the cliff's surface and both descents.

    And the "none" run's first steps through its first held-out evaluation: they compile the
    training step and the evaluation, which a Train click would otherwise wait for.
    """
    config = settings.config()
    first_steps = config.train_config("none").eval_every
    list(itertools.islice(clipping_lab.run(config, "none"), first_steps))
    cliff.warm(settings.start())


PAGE = PageInfo(
    name="clipping",
    path="pages/clipping.py",
    settings=ClippingSettings,
    presets={name: preset_values(name) for name in clipping_lab.PRESETS},  # explodes, too_low, no_need
    warm=warm,
)


def draw(page: PageStart[ClippingSettings]) -> None:
    """The whole page: the lab's controls and presets in the sidebar, the lab, then the cliff."""
    tr, settings = page.tr, page.settings
    lab_specs = LabSettings.specs()
    controls.draw(PAGE.name, lab_specs, tr, hidden=page.hidden)
    if not page.projected:
        controls.presets(PAGE.name, PAGE.presets, tr, lab_specs)
    lab.draw(settings, tr, projected=page.projected)
    st.divider()
    cliff.draw(settings, tr, projected=page.projected, hidden=page.hidden)
