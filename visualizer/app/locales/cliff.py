"""The clipping page's cliff panel strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {},
    "zh": {},
}
