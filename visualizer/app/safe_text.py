"""Text from outside (URL values, file names, author and model names) made safe to show as Markdown.

Streamlit renders st.markdown, st.warning, st.info, st.caption and friends as Markdown (GitHub's
flavour, plus $math$ and :colour[...] directives). A value copied from a link must show as the
characters it is, never become a link, an image (an outside request from every visitor's browser),
HTML, a heading or a formula. `escape_markdown` backslash-escapes every ASCII punctuation mark that
Markdown or Streamlit gives a meaning to (CommonMark lets any ASCII punctuation be escaped, and an
escaped mark shows as itself), so [text](url), ![](url), <http://…> and <tags> cannot form.

Bare URLs need more: Streamlit's renderer (remark-gfm) finds www.x.com, https://… and a@b.com in
the text *after* the escapes are resolved, so escaped dots and colons are still linked (seen in
Chromium). A WORD JOINER (U+2060, invisible, no line break) goes between "www" and its dot, before
every colon and after every @, which is where GFM's autolink patterns need two characters side by
side; the note reads the same, nothing in it is a link.

Control and invisible formatting characters (newlines, bidi overrides, a user's own zero-width
marks) are written as \\xNN / \\uNNNN, as repr() would, so the value cannot start a new block or hide
what it says. Letters, digits, spaces and CJK text are untouched.
"""

from __future__ import annotations

import unicodedata

# Every ASCII punctuation mark with a meaning somewhere in Markdown, GFM or Streamlit's extensions:
# links/images []()!, emphasis *_~, code `, headings #, lists -+.), tables |, HTML and entities <>&,
# math $, directives and emoji :name:, autolinks :/@ and the escape character itself.
SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~=$:&/@^")
JOINER = "\u2060"  # WORD JOINER: splits an autolink pattern without a visible mark or a line break


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
    text = str(text)
    for i, char in enumerate(text):
        if char == "." and text[max(0, i - 3) : i].lower() == "www":
            out.append(JOINER + "\\.")  # "www" + joiner + "." is not GFM's www. autolink
        elif char == ":":
            out.append(JOINER + "\\:")  # nor "https" + joiner + "://" (nor mailto:)
        elif char == "@":
            out.append("\\@" + JOINER)  # nor "a@" + joiner + "b.com", an e-mail autolink
        elif char in SPECIAL:
            out.append("\\" + char)
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append("\\" + _visible(char))  # the code's own backslash, escaped
        else:
            out.append(char)
    return "".join(out)


def quoted(text: str) -> str:
    """A value in quotes for a note, escaped: 'fr' stays 'fr', '[x](y)' shows as typed."""
    return f"'{escape_markdown(text)}'"
