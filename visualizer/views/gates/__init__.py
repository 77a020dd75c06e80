"""Why gates help: SimpleRNN, GRU and LSTM side by side on one task and T, then trained on temporal order.

`settings` holds the page's controls, presets and lessons; `maps` the comparison (cached maps,
verdicts, the maps and the decay); `runs` the shared training job; `lab` its drawing.
"""

from __future__ import annotations

import itertools

import streamlit as st

from core.gated import compare
from core.training import gates_lab
from visualizer.app import controls
from visualizer.app.registry import PageInfo
from visualizer.app.shell import PageStart
from visualizer.views.gates import lab, maps
from visualizer.views.gates.runs import find
from visualizer.views.gates.settings import GatesSettings, comparison_specs, lessons, preset_values

__all__ = ["PAGE", "draw", "find", "preset_values"]

GATES = (
    r"\text{LSTM: } c_t = \sigma(a_f) \odot c_{t-1} + \sigma(a_i) \odot \tanh(a_c)"
    r"\qquad \text{GRU: } h_t = z \odot h_{t-1} + (1 - z) \odot \hat h_t"
)


def warm(settings: GatesSettings) -> None:
    """The maps of these settings, and the lab's first steps of each cell (they compile the training step)."""
    maps.compare_maps(settings.config())
    config = settings.lab_config()
    for cell in compare.CELL_KINDS:
        list(itertools.islice(gates_lab.run(config, cell), config.train_config().eval_every))


PAGE = PageInfo(
    name="gates",
    path="pages/gates.py",
    settings=GatesSettings,
    presets={name: preset_values(name) for name in compare.PRESETS},
    warm=warm,
    warm_presets=tuple(name for name in compare.PRESETS if name != "default"),
)


def draw(page: PageStart[GatesSettings]) -> None:
    """The whole page: presets and controls, the lesson of a preset held, the comparison, then the lab."""
    tr, settings = page.tr, page.settings
    if not page.projected:
        controls.presets(PAGE.name, PAGE.presets, tr, comparison_specs())
    controls.draw(PAGE.name, PAGE.specs(), tr, hidden=page.hidden, choice_labels="gates.choice")
    st.title(tr("gates.title"))
    if not page.projected:
        st.markdown(tr("gates.what"))
        st.latex(GATES)
    for name in lessons(settings):
        st.info(tr(f"gates.lesson.{name}"))
    maps.draw(settings, tr)
    st.divider()
    lab.draw(settings, tr, projected=page.projected)
