"""Why gates help: SimpleRNN, GRU and LSTM side by side, their gradients' reach, then trained live."""

from visualizer.app.shell import finish_page, start_page
from visualizer.views import gates as view

page = start_page(view.PAGE)
view.draw(page)
finish_page(view.PAGE)
