"""A tiny app around the clipping page's cliff alone, for AppTest (the page draws the same cliff)."""

from visualizer.app import url_state
from visualizer.app.shell import language, translator
from visualizer.views.clipping import PAGE, cliff
from visualizer.views.clipping.settings import CliffSettings

tr = translator()
specs = CliffSettings.specs()
url_state.bind(PAGE.name, specs)
projected, shown = url_state.classroom()
hidden = set(specs) - shown if projected and shown else set()
cliff.draw(CliffSettings.from_session(), tr, projected=projected, hidden=hidden)
url_state.publish(PAGE.name, specs, {"lang": language()})
