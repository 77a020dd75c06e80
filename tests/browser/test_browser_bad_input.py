"""DESIGN.md section 8's upload cases through the real st.file_uploader in Chromium.

Each bad upload must give its message on the page, no traceback, and the same session must then
accept a good upload. tests/pages/test_bad_input.py covers the same files (and the URL, overflow and
model-file cases) under AppTest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.pages.test_bad_input import GOOD, UPLOADS

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
ERROR = '[data-testid="stAlertContentError"]'
INFO = '[data-testid="stAlertContentInfo"]'


def as_files(pairs: list[tuple[str, bytes]]) -> list[dict]:
    mime = {"zip": "application/zip", "txt": "text/plain"}
    return [{"name": n, "mimeType": mime[n.rsplit(".", 1)[-1]], "buffer": d} for n, d in pairs]


def open_authorship(page, server: str, lang: str = "en") -> None:
    page.goto(f"{server}/authorship?lang={lang}")
    page.get_by_role("button", name="训练" if lang == "zh" else "Train", exact=True).wait_for(
        timeout=TIMEOUT_MS
    )


def no_traceback(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def remove_all_files(page) -> None:
    delete = page.locator('[data-testid="stFileChips"] button[aria-label^="Remove "]')
    while delete.count():
        delete.first.click()
        page.wait_for_timeout(200)  # the row goes away after the rerun the click starts


def upload_good_files(page) -> None:
    """The session still works: a good corpus is accepted after the bad one."""
    remove_all_files(page)
    page.locator(ERROR).first.wait_for(state="detached", timeout=TIMEOUT_MS)
    page.locator("input[type=file]").set_input_files(as_files(GOOD))
    page.locator(INFO).filter(has_text="Using the uploaded corpus").wait_for(timeout=TIMEOUT_MS)
    no_traceback(page)
    assert page.locator(ERROR).count() == 0


@pytest.mark.parametrize("case", list(UPLOADS))
def test_a_bad_upload_shows_its_message_and_the_session_goes_on(case, server, page):
    files, expected = UPLOADS[case]
    open_authorship(page, server)
    page.locator("input[type=file]").set_input_files(as_files(files))
    error = page.locator(ERROR).filter(has_text=expected)
    error.wait_for(timeout=TIMEOUT_MS)
    no_traceback(page)
    assert page.locator(ERROR).count() == 1
    if case == "nested_zip_bomb":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "bad-upload-nested-zip.png"), full_page=True)
    upload_good_files(page)


def test_a_file_over_the_servers_upload_cap_is_refused_by_the_widget(server, page, tmp_path: Path):
    # .streamlit/config.toml caps one upload at 20 MB, the most core.uploads could ever accept.
    big = tmp_path / "alice__big.txt"
    big.write_bytes(b"word " * 4_300_000)  # 21.5 MB
    open_authorship(page, server)
    page.locator("input[type=file]").set_input_files(str(big))
    page.get_by_text("File must be 20.0MB or smaller.").wait_for(timeout=TIMEOUT_MS)
    no_traceback(page)
    remove_all_files(page)
    page.locator("input[type=file]").set_input_files(as_files(GOOD))
    page.locator(INFO).filter(has_text="Using the uploaded corpus").wait_for(timeout=TIMEOUT_MS)


def test_a_bad_upload_is_explained_in_chinese(server, page):
    open_authorship(page, server, lang="zh")
    page.locator("input[type=file]").set_input_files(as_files([("alice__one.txt", b"\x00\x01" * 100)]))
    page.locator(ERROR).filter(has_text="alice__one.txt 不是文本文件（看起来是二进制）。").wait_for(
        timeout=TIMEOUT_MS
    )
    no_traceback(page)
