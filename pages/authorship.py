"""Authorship: a character-level RNN trained live, attributing the disputed Federalist papers (fig. 5.35)."""

from visualizer.app.shell import start_page
from visualizer.views import authorship as view

page = start_page(view.PAGE)
upload_shown = view.draw(page)
view.finish(page, upload_shown)  # shell.finish_page, but an upload's link leaves the corpus out
