"""visualizer.app.safe_text.escape_markdown: user text shows as typed, never as a link, image or HTML.

The check is CommonMark's own rule, applied independently of the escaper: after escaping, every
Markdown mark is preceded by a backslash (an odd run of them), so no construct can start; and
removing those backslashes gives the text back. The browser test
(tests/browser/test_browser_bad_input.py) checks what Streamlit's renderer makes of it.
"""

import re

import pytest

from visualizer.app.safe_text import JOINER, escape_markdown, quoted

MARKS = set("\\`*_{}[]()#+-.!|<>~=$:&/@^")
HOSTILE = [
    "[Log in here](https://evil.example/)",
    "![](https://evil.example/p.png)",
    "[![x](https://evil.example/a.png)](https://evil.example/b)",  # nested brackets
    "[a [b] c](javascript:alert(1))",
    "<http://evil.example/>",
    "<img src=https://evil.example/p.png onerror=alert(1)>",
    "<script>alert(1)</script>",
    "www.evil.example/login",
    "https://evil.example/x?y=1",
    "mail me: bad@evil.example",
    "`code` and ```fence```",
    "**bold** _it_ ~~gone~~ # heading",
    "$\\href{https://evil.example}{x}$",
    ":red[coloured] :material/home: :smile:",
    "&lt;img&gt; &#91;x&#93;",
    "[ref]: https://evil.example/",
    "1. list\n- item\n> quote\n---",
]


# GFM's autolink literals as remark-gfm finds them: in the text after escapes are resolved.
AUTOLINK = re.compile(r"(https?://|www(?=\.))|[-.\w+]+@[-\w]+(\.[-\w]+)+", re.IGNORECASE)


def unescape(text: str) -> str:
    """CommonMark's backslash escape, undone: a backslash before ASCII punctuation is dropped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def shown(text: str) -> str:
    """What the reader sees: the escapes resolved, the invisible word joiners gone."""
    return unescape(text).replace(JOINER, "")


def unescaped_marks(text: str) -> list[int]:
    """Positions of Markdown marks not protected by a backslash (an even run of backslashes before)."""
    positions, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            i += 2  # an escape pair: the next character is literal
            continue
        if text[i] in MARKS:
            positions.append(i)
        i += 1
    return positions


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_mark_is_escaped_and_the_text_comes_back(hostile):
    escaped = escape_markdown(hostile.replace("\n", " "))
    assert unescaped_marks(escaped) == [], escaped
    assert shown(escaped) == hostile.replace("\n", " ")
    assert not AUTOLINK.search(unescape(escaped)), unescape(escaped)  # a renderer's linkify finds nothing


def test_links_images_autolinks_and_html_cannot_form():
    for hostile in HOSTILE:
        escaped = escape_markdown(hostile)
        # Each construct needs its marks side by side; escaping puts a backslash between them.
        for construct in ("](", "![", "www.", "://", "@evil.", "&#"):
            assert construct not in escaped, (construct, escaped)
        assert not re.search(r"(?<!\\)[<&]", escaped), escaped  # no HTML tag or entity can open


def test_newlines_and_invisible_characters_are_shown_not_obeyed():
    # A newline could start a heading or a list; a bidi override could hide what the text says.
    assert escape_markdown("a\n# b") == "a\\\\n\\# b"
    assert escape_markdown("x\u202ey\x1b") == "x\\\\u202ey\\\\x1b"
    assert "\n" not in escape_markdown("\n\r\t") and "\u200b" not in escape_markdown("a\u200bb")


def test_plain_text_and_cjk_are_untouched():
    for plain in ("fr", "hello world 42", "中文：梯度消失、梯度爆炸（展开）", "Ünïcödé ß", "T 500"):
        assert escape_markdown(plain) == plain
    assert quoted("fr") == "'fr'"
    assert quoted("[x](y)") == "'\\[x\\]\\(y\\)'"
    escaped = escape_markdown("梯度[链接](https://evil.example)")
    assert escaped == f"梯度\\[链接\\]\\(https{JOINER}\\:\\/\\/evil\\.example\\)"
    assert shown(escaped) == "梯度[链接](https://evil.example)"


def test_backticks_and_existing_backslashes_are_escaped():
    assert escape_markdown("`x`") == "\\`x\\`"
    assert escape_markdown("\\[x]") == "\\\\\\[x\\]"  # a user's own backslash cannot cancel ours
    assert unescaped_marks(escape_markdown("\\\\](")) == []
