"""Click everything on the authorship page, in English and 中文 (tests/pages/click_everything.py).

A tiny model is trained once (the shared job every session joins) and saved, so the sweep starts on
the trained page and reaches every control there: presets, corpus, every slider end, the saved-model
picker and Load, Train and Stop, the document picker and window slider of the gradient flow, Save.
Train on the fresh page joins the finished job, so the sweep starts no further training; every job
is asked to stop at the end.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pages.click_everything import open_page, preset_pairs, sweep
from visualizer.app import jobs
from visualizer.views.authorship import files as authorship_state

PAGE = "pages/authorship.py"
QUERY = {"corpus": "textbook", "window": "20", "H": "4", "steps": "12", "seed": "21"}


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """models/ (a temporary folder) holding the tiny model, trained once through the page."""
    folder = tmp_path_factory.mktemp("models")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(authorship_state, "MODELS", folder)
        at = open_page(PAGE, "en", QUERY)
        at.button(key="authorship_train").click().run()
        deadline = time.time() + 180
        while not at.dataframe and not at.exception and time.time() < deadline:
            time.sleep(0.5)
            at.run()
        assert at.dataframe and not at.exception, "the tiny model did not train"
        at.button(key="authorship_save").click().run()
        assert list(folder.glob("*.npz"))
        yield folder
    registry, lock = jobs._registry()
    with lock:
        started = [job for key, job in registry.items() if key[0] == "authorship"]
    for job in started:  # nothing keeps running after the tests
        job.stop.set()
    assert all(job.finished.wait(60) for job in started)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_of_the_trained_page(trained, lang):
    result = sweep(PAGE, lang, query=QUERY)
    result.assert_clean()
    # Both ends of 6 sliders/number inputs, 3 presets, the choices, Train/Stop/Load/Save, the flow's
    # document (5 unknown papers) and window: far more than the sidebar alone.
    assert result.interactions >= 35, result.interactions  # the sidebar alone is 24


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preset_after_every_other(trained, lang):
    result = preset_pairs(PAGE, lang, query=QUERY)
    result.assert_clean()
    assert result.interactions == 3 * 2 + 1  # the first press, then every ordered pair once


def test_every_control_with_a_hostile_upload(trained, monkeypatch):
    """The same sweep while the uploader holds a corpus with hostile author and file names (AppTest
    cannot drive st.file_uploader: the widget is replaced by one returning these files)."""
    import streamlit

    from tests.pages.test_authorship_bad_input import hostile_upload

    monkeypatch.setattr(streamlit, "file_uploader", lambda *args, **kwargs: hostile_upload())
    result = sweep(PAGE, "en", query=QUERY)
    result.assert_clean()
    assert result.interactions >= 24, result.interactions
