"""A tiny app around the cliff panel alone, for AppTest (the clipping page embeds the same panel)."""

from visualizer.app import url_state
from visualizer.app.cliff_panel import CLIFF_SPECS, PAGE, draw_cliff_panel
from visualizer.app.shell import language, translator

t = translator()
url_state.bind(PAGE, CLIFF_SPECS)
projected, shown = url_state.classroom()
draw_cliff_panel(t, projected=projected, hidden=set(CLIFF_SPECS) - shown if projected and shown else set())
url_state.publish(PAGE, CLIFF_SPECS, {"lang": language()})
