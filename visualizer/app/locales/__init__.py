"""String tables of the later pages, one module per page, merged into `visualizer.app.i18n.STRINGS`.

Each module defines STRINGS = {"en": {...}, "zh": {...}} with keys "{page}.{name}".
"""
