"""Regime map: where gradients vanish or explode, over σ_max(Ws) × T; a click opens the heatmaps."""

from visualizer.app.shell import finish_page, start_page
from visualizer.views import regime as view

page = start_page(view.PAGE)
view.draw(page)
finish_page(view.PAGE)
