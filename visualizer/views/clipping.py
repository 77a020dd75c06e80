"""Placeholder until this page moves into the views layer."""

from visualizer.app.registry import PageInfo

PAGE = PageInfo(name="clipping", path="pages/clipping.py")
