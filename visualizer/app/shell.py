"""What every page shares: the language from the URL and the translator for it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from visualizer.app.i18n import LANGUAGES, text


def language() -> str:
    """The language chosen in the sidebar, kept in the URL as lang=zh."""
    return st.session_state.get("app_lang", "en")


def translator() -> Callable[..., str]:
    """t(key, **values) in the current language."""
    lang = language()
    return lambda key, **values: text(lang, key, **values)


def language_picker() -> None:
    """The sidebar's language switch; starts from ?lang= on a session's first run."""
    if "app_lang" not in st.session_state:
        wanted = st.query_params.get("lang", "en")
        st.session_state["app_lang"] = wanted if wanted in LANGUAGES else "en"
    st.sidebar.selectbox(
        text(language(), "app.language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="app_lang",
    )
