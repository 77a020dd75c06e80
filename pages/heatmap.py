"""Gradient heatmaps: every BPTT term k of dE_t/dWs and dE_t/dWx, the decay by lag, σ(Ws)."""

from visualizer.app.shell import finish_page, start_page
from visualizer.views import heatmap as view

page = start_page(view.PAGE)
view.draw(page)
finish_page(view.PAGE)
