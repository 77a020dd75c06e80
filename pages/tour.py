"""The chapter tour: the learning goals as a lesson path, each step opening a page on the right preset."""

from visualizer.app.shell import start_page
from visualizer.views import tour as view

view.draw(start_page(view.PAGE))
