"""Home: what the lab is, and cards that open a page on a teachable preset."""

from visualizer.app.shell import start_page
from visualizer.views import home as view

view.draw(start_page(view.PAGE))
