"""Unrolled graph: the network folded and unrolled, and the BPTT paths that carry dE_t/dW."""

from visualizer.app.shell import finish_page, start_page
from visualizer.views import unrolled as view

page = start_page(view.PAGE)
view.draw(page)
finish_page(view.PAGE)
