"""The layers page's strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "layers.nav": "layers",
    },
    "zh": {
        "layers.nav": "layers",
    },
}
