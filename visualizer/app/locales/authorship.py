"""The authorship page's strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "authorship.nav": "authorship",
    },
    "zh": {
        "authorship.nav": "authorship",
    },
}
