"""What every page shares: the language from the URL and the translator for it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode, urlsplit

import streamlit as st

from visualizer.app import url_state
from visualizer.app.downloads import numbers_json
from visualizer.app.i18n import LANGUAGES, text
from visualizer.app.registry import PageInfo
from visualizer.app.settings import Settings

S = TypeVar("S", bound=Settings | None)
Translator = Callable[..., str]  # tr(key, **values): a string of the table in the page's language

# Plotly's camera button saves a projector-sized PNG.
PNG_EXPORT = {"toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1}}


def run_through_entrypoint() -> None:
    """Make sure this page runs inside streamlit_app.py's st.navigation, not on its own.

    Streamlit keeps its old multipage mode for an app with a pages/ folder until
    the entrypoint has called st.navigation once. So the very first request
    after a start, if it is a shared link like /heatmap?lang=zh, would run the
    page file alone, without the sidebar or the language. Leave that mode and
    rerun: the entrypoint then routes the same URL to this page.
    """
    from streamlit.runtime.pages_manager import PagesManager  # Streamlit internals: only where needed

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def language() -> str:
    """The language chosen in the sidebar, kept in the URL as lang=zh."""
    return st.session_state.get("lang", "en")


def translator() -> Callable[..., str]:
    """t(key, **values) in the current language."""
    lang = language()
    return lambda key, **values: text(lang, key, **values)


def language_picker() -> None:
    """The sidebar's language switch; starts from ?lang= on a session's first run.

    The choice lives in a plain session key, not in the widget's own state:
    Streamlit may give the widget a new identity when its label changes
    language or when the first run of a session was routed differently.
    """
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "en")
        st.session_state["lang"] = wanted if wanted in LANGUAGES else "en"
        if wanted not in LANGUAGES:  # shown by the page, with the other URL notes
            choices = ", ".join(LANGUAGES)
            st.session_state["lang__note"] = url_state.Fallback(
                "lang", wanted[: url_state.SHOWN], "choice", {"choices": choices}, "en"
            )
    options = list(LANGUAGES)
    st.session_state["lang"] = st.sidebar.selectbox(
        text(language(), "app.language"),
        options=options,
        index=options.index(language()),
        format_func=LANGUAGES.__getitem__,
    )


def language_notes() -> list[url_state.Fallback]:
    """The note about a ?lang= that was not understood, once per session (empty otherwise)."""
    note = st.session_state.pop("lang__note", None)
    return [note] if note else []


def share_link(url_path: str) -> None:
    """The sidebar's "link to this view": this page's address with every control in the query.

    st.code gives it a copy button. The host comes from the browser's own address.
    """
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    base = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    link = f"{base}/{url_path}?{urlencode(st.query_params.to_dict())}"
    st.sidebar.caption(text(language(), "app.share"))
    st.sidebar.code(link, language=None, wrap_lines=True)


@dataclass(frozen=True)
class PageStart(Generic[S]):
    """What a page's view needs after the shared preamble."""

    info: PageInfo
    settings: S  # the controls' values at the start of this run (None on a page without controls)
    tr: Translator
    projected: bool  # classroom mode: no explanations, no presets
    hidden: frozenset[str]  # the controls a projected page hides


def start_page(info: PageInfo) -> PageStart[Any]:
    """Every page's preamble: routing, translator, URL -> controls (with a note), classroom flag."""
    run_through_entrypoint()
    tr = translator()
    specs = info.specs()
    warn_fallbacks(language_notes() + (url_state.bind(info.name, specs) if specs else []), tr)
    projected, shown = url_state.classroom()
    hidden = frozenset(set(specs) - shown if projected and shown else ())
    settings = info.settings.from_session() if info.settings else None
    return PageStart(info, settings, tr, projected, hidden)


def page_link(info: PageInfo, label: str, query: Mapping[str, str], *, icon: str | None = None) -> None:
    """A link to another page that opens it on `query` (see PageInfo.link), in this page's language."""
    st.page_link(info.path, label=label, icon=icon, query_params={**query, "lang": language()})


def switch_to(info: PageInfo, query: Mapping[str, str]) -> None:
    """Go to another page now, opened on `query`, in this page's language."""
    st.switch_page(info.path, query_params={**query, "lang": language()})


def warn_fallbacks(notes: list[url_state.Fallback], t: Callable[..., str]) -> None:
    """One warning naming every link setting that was not understood (nothing if all were).

    st.warning renders Markdown; Fallback.describe escapes the link's text (safe_text), so a value
    such as [Log in](https://evil.example) shows as typed and is never a link or an image.
    """
    if notes:
        st.warning(t("app.url_note", notes="; ".join(note.describe(t) for note in notes)))


def finish_page(info: PageInfo, *, leave_out: frozenset[str] = frozenset()) -> None:
    """Every page's ending: controls -> URL, and the link to this view.

    `leave_out` names controls a link cannot carry right now (an uploaded corpus is not a URL value).
    """
    specs = {name: spec for name, spec in info.specs().items() if name not in leave_out}
    url_state.publish(info.name, specs, {"lang": language()})
    share_link(info.name)


def upload_limit(t: Callable[..., str], *, where: Any = st) -> None:
    """A caption with the upload size limit in the page's language, for beside an st.file_uploader.

    The uploader's own texts ("Drag and drop files here", "Upload", "20MB per file") are literals
    in Streamlit's frontend (1.67: static/js/FileUploader.*.js); the widget takes no parameter and
    the FileUploader message no field for them, so they stay English. This caption says the limit
    (server.maxUploadSize, from .streamlit/config.toml) in the student's language.
    """
    where.caption(t("app.upload_limit", mb=int(st.get_option("server.maxUploadSize"))))


def json_download(label: str, numbers: Mapping[str, Any], file_name: str, *, where: Any = st) -> None:
    """A download button for the numbers shown, as JSON built only when clicked."""
    where.download_button(
        label,
        data=lambda: numbers_json(numbers),
        file_name=file_name,
        mime="application/json",
        on_click="ignore",
    )
