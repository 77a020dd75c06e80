"""visualizer.app.shell's small helpers: the upload caption, and why it exists."""

from pathlib import Path

import pytest
import streamlit
from streamlit.proto.FileUploader_pb2 import FileUploader
from streamlit.testing.v1 import AppTest


def uploader_page() -> None:
    import streamlit as st

    from visualizer.app import shell
    from visualizer.app.i18n import text

    lang = st.query_params.get("lang", "en")
    shell.upload_limit(lambda key, **v: text(lang, key, **v))


@pytest.mark.parametrize(("lang", "expected"), [("en", "Up to 20 MB per file"), ("zh", "每个文件最大 20 MB")])
def test_the_upload_limit_caption_is_in_the_pages_language(lang, expected):
    at = AppTest.from_function(uploader_page)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert [c.value for c in at.caption] and at.caption[0].value.startswith(expected)


def test_the_uploaders_own_texts_are_streamlit_literals_we_cannot_translate():
    # The evidence for the caption: Streamlit 1.67's widget takes no text parameter, its message
    # has no field for them, and the frontend bundle writes them as English literals.
    fields = {f.name for f in FileUploader.DESCRIPTOR.fields}
    assert not fields & {"placeholder", "button_text", "instructions", "drop_text"}
    bundles = list((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("FileUploader.*.js"))
    source = "".join(path.read_text(encoding="utf-8", errors="replace") for path in bundles)
    assert "Drag and drop files here" in source and "per file" in source and "`Upload`" in source
