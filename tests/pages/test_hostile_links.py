"""Shared links with hostile values (issue 11, item 9), under AppTest on every page.

Markdown links, images and HTML go through every URL parameter of every page (its own settings,
lang, classroom, show and a key it does not know); no Markdown element the page sends may carry
them unescaped. A 90 kB link is read only up to the parser's caps. The real browser's DOM is
checked in tests/browser/test_browser_bad_input.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.test_pages import start
from tests.pages.test_safe_text import AUTOLINK, unescape
from visualizer.app.url_state import MAX_PARAMS, MAX_VALUE

PAGES = ["home", "tour", "unrolled", "heatmap", "regime", "gates", "clipping", "layers", "authorship"]
PAYLOADS = (  # each under the 40 characters a note repeats, so nothing is cut off before the check
    "[Log in here](https://evil.example/)",
    "![](https://evil.example/p.png)",
    "<img src=https://evil.example/q.png>",
    "<https://evil.example/> www.evil.example",
)
# Anything of these in a Markdown body would render as a link, an image, HTML or an autolink.
UNSAFE = re.compile(r"\]\(|!\[|(?<!\\)<(img|https?)|evil\.example|https?://|www\.evil")


def markdown_bodies(at: AppTest) -> Iterator[str]:
    """Every text the page sent that Streamlit renders as Markdown: bodies, labels, help texts."""
    for node in at._tree:
        proto = getattr(node, "proto", None)
        for field in ("body", "label", "help", "caption", "title"):
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                yield value


def spec_names(page: str) -> list[str]:
    """The page's URL settings, as its last publish wrote them (home and tour have none)."""
    at = start(page=f"pages/{page}.py")
    return sorted(at.session_state[f"{page}__published"]) if f"{page}__published" in at.session_state else []


def hostile_query(names: list[str], turn: int) -> dict[str, str]:
    """Every setting, the shell's keys and an unknown key, each with a payload (rotated by turn)."""
    keys = [*names, "lang", "classroom", "show", PAYLOADS[0]]
    return {key: PAYLOADS[(i + turn) % len(PAYLOADS)] for i, key in enumerate(keys)}


@pytest.mark.parametrize("page", PAGES)
def test_markdown_in_any_url_parameter_is_shown_escaped(page):
    names = spec_names(page)
    for turn in range(len(PAYLOADS)):  # every parameter gets every payload once
        query = hostile_query(names, turn)
        at = start(query, page=f"pages/{page}.py")
        assert not at.exception, (page, turn, [e.value for e in at.exception])
        assert at.title, (page, turn)  # the page ran to its content, not just to the note
        unsafe = [body for body in markdown_bodies(at) if UNSAFE.search(body)]
        assert not unsafe, (page, turn, unsafe)
        # remark-gfm links bare URLs in the text after the escapes are resolved: none may be left.
        linked = [body for body in markdown_bodies(at) if AUTOLINK.search(unescape(body))]
        assert not linked, (page, turn, linked)
        if names:  # the settings fell back, and the note names them, escaped
            notes = [w.value for w in at.warning if "link settings were not understood" in w.value]
            assert len(notes) == 1 and "evil\\.example" in notes[0], (page, turn, notes)


def test_the_language_note_escapes_a_hostile_lang():
    at = start({"lang": "[Log in here](https://evil.example/)"}, page="pages/home.py")
    (note,) = [w.value for w in at.warning]
    assert "lang='\\[Log in here\\]\\(https\u2060\\:\\/\\/evil\\.example\\/\\)'" in note
    assert not [body for body in markdown_bodies(at) if UNSAFE.search(body)]


def test_a_90_kB_link_is_read_only_up_to_the_caps():
    # The tester's 90 kB URL: one huge value, and thousands of small parameters after it.
    query = {"window": "9" * 90_000, **{f"k{i}": "x" * 20 for i in range(900)}}
    at = start(query, page="pages/authorship.py")
    assert not at.exception
    (note,) = [w.value for w in at.warning if "link settings were not understood" in w.value]
    assert f"window='{'9' * 40}' (longer than {MAX_VALUE} characters, not read; using 100)" in note
    assert f"more than {MAX_PARAMS} parameters; the rest were not read" in note
    assert len(note) < 200 * MAX_PARAMS  # each read key is named once, briefly
    assert at.session_state["authorship_window"] == 100
    assert len(at.query_params) < 30  # the next publish wrote a clean link: the page's settings and lang


def test_a_huge_classroom_show_list_is_not_kept_in_the_link():
    at = start({"classroom": "1", "show": "T," * 50_000}, page="pages/heatmap.py")
    assert not at.exception
    assert "show" not in at.query_params and at.query_params["classroom"] == "1"
    assert len(at.sidebar.slider) > 1  # an unreadable show list hides nothing


def test_the_apps_own_links_never_get_a_note():
    # Every link the app makes (the tour's steps, the home cards) names only its page's settings,
    # so the note about unknown keys can only ever be about a hand-made or hostile link.
    from visualizer.views.tour import STEPS

    at = start({"lang": "en"}, page="pages/home.py")
    cards = [(link.proto.page, link.proto.query_string) for link in at.get("page_link")]
    links = [(page, query) for _, _, page, query in STEPS]
    links += [(f"pages/{page or 'home'}.py", dict(parse_qsl(query))) for page, query in cards if page]
    assert len(links) >= len(STEPS) + 6  # the tour's steps, six cards and the tour link
    for page, query in links:
        opened = start(query, page=page)
        notes = [w.value for w in opened.warning if "link settings were not understood" in w.value]
        assert not notes, (page, query, notes)
