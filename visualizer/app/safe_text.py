"""Text from outside (URL values, file names, author and model names) made safe to show as Markdown.

Streamlit renders st.markdown, st.warning, st.info, st.caption and friends as Markdown (GitHub's
flavour, plus $math$ and :colour[...] directives). A value copied from a link must show as the
characters it is, never become a link, an image (an outside request from every visitor's browser),
HTML, a heading or a formula. `escape_markdown` backslash-escapes every ASCII punctuation mark that
Markdown or Streamlit gives a meaning to (CommonMark lets any ASCII punctuation be escaped, and an
escaped mark shows as itself), which also breaks bare URLs and autolinks (www.x.com, https://…,
<http://…>, a@b.com: their dots, colons and brackets are escaped, so no autolink rule matches).
Control and invisible formatting characters (newlines, bidi overrides) are written as \\xNN / \\uNNNN,
as repr() would, so the value cannot start a new block or hide what it says. Letters, digits,
spaces and CJK text are untouched.
"""

from __future__ import annotations

import unicodedata

# Every ASCII punctuation mark with a meaning somewhere in Markdown, GFM or Streamlit's extensions:
# links/images []()!, emphasis *_~, code `, headings #, lists -+.), tables |, HTML and entities <>&,
# math $, directives and emoji :name:, autolinks :/@ and the escape character itself.
SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~=$:&/@^")


def _visible(char: str) -> str:
    """A control or invisible format character as repr() writes it (\\n, \\x1b, \\u202e)."""
    code = ord(char)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape_markdown(text: str) -> str:
    """`text` written so that Markdown shows exactly these characters: no link, image, HTML or format.

    Readable: escapes are backslashes, which the rendered page does not show. Characters that
    cannot be seen (controls, bidi overrides, zero-width marks) are shown as their \\x / \\u code.
    """
    out = []
    for char in str(text):
        if char in SPECIAL:
            out.append("\\" + char)
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append("\\" + _visible(char))  # the code's own backslash, escaped
        else:
            out.append(char)
    return "".join(out)


def quoted(text: str) -> str:
    """A value in quotes for a note, escaped: 'fr' stays 'fr', '[x](y)' shows as typed."""
    return f"'{escape_markdown(text)}'"
