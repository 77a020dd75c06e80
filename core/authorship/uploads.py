"""A teacher's own corpus: several author__title.txt files, or one .zip with a folder per author.

Every way an upload can be wrong raises an UploadError (a ValueError) whose
message says what to fix. `key` and `values` let a page show the same message
in its own language. Nothing is written to disk: zip members are read into
memory with a cap on their count and on their total uncompressed size, so a
zip bomb stops at the cap whatever its headers claim.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import PurePosixPath

from core.authorship.corpus import Corpus, Document, clean
from core.checks import ExplainedError

MAX_FILE_BYTES = 2_000_000  # one text file, as uploaded or inside the zip
MAX_TOTAL_BYTES = 20_000_000  # all texts together, uncompressed
MAX_FILES = 400  # files in one upload or one zip
UNKNOWN = "unknown"  # the folder (zip) or author part (txt) of documents to attribute
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))  # not tab, newline, carriage return


class UploadError(ExplainedError):
    """A rejected upload (the page's strings: "authorship.upload.<key>")."""


class EmptyFileError(UploadError):
    key = "empty"


class BinaryFileError(UploadError):
    key = "binary"


class EncodingError(UploadError):
    key = "encoding"


class TooLargeError(UploadError):
    key = "too_large"


class UnsafeArchiveError(UploadError):
    key = "zip_unreadable"  # or a finer key: too_many_files, zip_path, zip_nested


class FileNameError(UploadError):
    key = "file_name"


class TooFewAuthorsError(UploadError):
    key = "one_author"


class TooLittleTextError(UploadError):
    key = "too_little"


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 text of one file, or a clear error for empty, binary, non-UTF-8 or oversized data."""
    if len(data) > MAX_FILE_BYTES:
        raise TooLargeError(
            f"{name} is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} per file",
            name=name,
            size=len(data),
            limit=MAX_FILE_BYTES,
        )
    if not data.strip():
        raise EmptyFileError(f"{name} is empty", name=name)
    sample = data[:4096]
    # NUL bytes or many control bytes: an image, a PDF, a Word file renamed .txt.
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) // 20:
        raise BinaryFileError(f"{name} is not a text file (it looks binary)", name=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise EncodingError(
            f"{name} is not UTF-8 (byte {err.start}); save it as UTF-8 text", name=name, position=err.start
        ) from err
    if not text.strip():
        raise EmptyFileError(f"{name} is empty", name=name)
    return text


def _author_and_title(name: str) -> tuple[str, str]:
    """ "hamilton__federalist_1.txt" -> ("hamilton", "federalist_1")."""
    stem = PurePosixPath(name).name
    match = re.fullmatch(r"(.+?)__(.+)\.txt", stem, flags=re.IGNORECASE)
    if not match or not match.group(1).strip() or not match.group(2).strip():
        raise FileNameError(
            f"{stem}: name text files author__title.txt (two underscores), or unknown__title.txt",
            name=stem,
        )
    return match.group(1).strip(), match.group(2).strip()


def _check_total(total: int) -> None:
    if total > MAX_TOTAL_BYTES:
        raise TooLargeError(
            f"the texts add up to more than {MAX_TOTAL_BYTES:,} bytes",
            key="total_too_large",
            size=total,
            limit=MAX_TOTAL_BYTES,
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """A member's bytes, stopping at the per-file cap and the remaining total budget.

    The header's file_size can lie, so the stream itself is cut off.
    """
    limit = min(MAX_FILE_BYTES, budget)
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(
            f"{info.filename} unpacks to more than {limit:,} bytes (a zip bomb?)",
            name=info.filename,
            size=len(data),
            limit=limit,
        )
    return data


def _zip_members(data: bytes) -> list[tuple[str, str, bytes]]:
    """(folder, file title, bytes) for each text file in a zip with one folder per author."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UnsafeArchiveError(f"the .zip file cannot be read ({err})", key="zip_unreadable") from err
    files = [i for i in infos if not i.is_dir()]
    if len(files) > MAX_FILES:
        raise UnsafeArchiveError(
            f"the zip holds {len(files)} files; the limit is {MAX_FILES}",
            key="too_many_files",
            count=len(files),
            limit=MAX_FILES,
        )
    members, total = [], 0
    for info in files:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise UnsafeArchiveError(
                f"the zip holds an unsafe path {info.filename!r}", key="zip_path", name=info.filename
            )
        parts = [p for p in path.parts if p not in ("", ".")]
        if parts[0].startswith("__MACOSX") or parts[-1].startswith("."):
            continue  # macOS and editor litter, not texts
        if parts[-1].lower().endswith((".zip", ".gz", ".bz2", ".xz", ".7z", ".rar", ".tar")):
            raise UnsafeArchiveError(
                f"the zip holds another archive ({info.filename}); nested archives are not opened",
                key="zip_nested",
                name=info.filename,
            )
        if not parts[-1].lower().endswith(".txt"):
            continue
        if len(parts) < 2:
            raise FileNameError(
                f"{info.filename}: put each text in a folder named after its author, or in unknown/",
                name=info.filename,
            )
        body = _read_member(archive, info, MAX_TOTAL_BYTES - total)
        total += len(body)
        members.append((parts[-2], PurePosixPath(parts[-1]).stem, body))
    return members


def parse_upload(files: Sequence[tuple[str, bytes]], *, min_chars: int = 31) -> Corpus:
    """A Corpus from uploaded files: (file name, bytes) pairs, either .txt files or one .zip.

    Texts are cleaned like the built-in corpora (author names removed). Needs two
    authors or more, each with at least min_chars cleaned characters (one window
    plus its next character); every document must hold min_chars too.
    """
    if not files:
        raise EmptyFileError("no files were uploaded", key="no_files")
    if len(files) > MAX_FILES:
        raise UploadError(
            f"{len(files)} files; the limit is {MAX_FILES}",
            key="too_many_files",
            count=len(files),
            limit=MAX_FILES,
        )
    zips = [f for f in files if f[0].lower().endswith(".zip")]
    if zips and len(files) > 1:
        raise FileNameError("upload either one .zip or several .txt files, not both", key="mixed")
    entries: list[tuple[str, str, str]] = []  # (author or unknown, title, text)
    if zips:
        name, data = zips[0]
        if not data:
            raise EmptyFileError(f"{name} is empty", name=name)
        for folder, title, body in _zip_members(data):
            entries.append((folder, title, decode_text(f"{folder}/{title}.txt", body)))
    else:
        _check_total(sum(len(data) for _, data in files))
        for name, data in files:
            author, title = _author_and_title(name)
            entries.append((author, title, decode_text(name, data)))
    return _corpus(entries, min_chars)


def _corpus(entries: list[tuple[str, str, str]], min_chars: int) -> Corpus:
    authors = tuple(sorted({a for a, _, _ in entries if a.lower() != UNKNOWN}))
    if len(authors) < 2:
        raise TooFewAuthorsError(
            f"found {len(authors)} author(s) ({', '.join(authors) or 'none'}); attribution needs two or more",
            count=len(authors),
            authors=", ".join(authors),
        )
    known, unknown = [], []
    for author, title, raw in entries:
        is_unknown = author.lower() == UNKNOWN
        text = clean(raw, authors)
        if len(text) < min_chars:
            raise TooLittleTextError(
                f"{author}/{title} has {len(text)} characters after cleaning; one window needs {min_chars}",
                name=f"{author}/{title}",
                chars=len(text),
                needed=min_chars,
            )
        # "author/title": two authors may each have a "chapter1"; only one author's titles must differ.
        document = Document(id=f"{author}/{title}", author=None if is_unknown else author, text=text, raw=raw)
        (unknown if is_unknown else known).append(document)
    ids = [d.id for d in known + unknown]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        message = f"two files are both {duplicate!r}; give each of an author's files a different title"
        raise FileNameError(message, key="duplicate_title", name=duplicate)
    return Corpus("upload", authors, tuple(known), tuple(unknown))
