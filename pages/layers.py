"""Keras layers: exercise 23's model.summary(), SimpleRNN's shapes and options, exercise 24's stateful run."""

from visualizer.app.shell import finish_page, start_page
from visualizer.views import layers as view

page = start_page(view.PAGE)
view.draw(page)
finish_page(view.PAGE)
