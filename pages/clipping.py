"""Clipping lab: one network trained three ways (none, by norm, by value), live; then Pascanu's cliff."""

from visualizer.app.shell import finish_page, start_page
from visualizer.views import clipping as view

page = start_page(view.PAGE)
view.draw(page)
finish_page(view.PAGE)
