"""One module per page: its typed settings, presets, cached calls, pure decisions and drawing.

A page file under pages/ only starts the page, hands its settings to its view's `draw`, and
finishes it. Views import the framework (visualizer.app), the figure builders and core.
"""
