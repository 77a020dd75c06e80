"""The clipping page's strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "clipping.nav": "clipping",
    },
    "zh": {
        "clipping.nav": "clipping",
    },
}
