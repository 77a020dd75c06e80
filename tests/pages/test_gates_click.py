"""Click everything on the gates page, in both languages: no exception and no error box anywhere."""

import dataclasses

import pytest

from core.gated import compare
from tests.pages.click_everything import preset_pairs, sweep
from tests.pages.test_gates_page import PAGE, TINY, start, tiny_lab
from visualizer.views import gates


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_of_the_gates_page_works_on_its_own_before_and_after_training(lang, monkeypatch):
    # Train trains a tiny lab here (the page's own would train for minutes). In English the page
    # has trained before the sweep, so the results' section and Train on a finished job are swept too.
    tiny_lab(monkeypatch)
    if lang == "en":
        at = start({"seed": "21", "steps": "30"}, page=PAGE)
        at.button(key="gates_train").click().run()
        job = gates.find(TINY)
        assert job is not None and job.finished.wait(240), "training did not finish"
    query = {"lang": lang, "seed": "21", "steps": "30"} if lang == "en" else {"lang": lang, "steps": "30"}
    result = sweep(PAGE, lang, query=query)
    result.assert_clean()
    assert result.interactions >= 4 + 6 * 2 + 2 + 2 + 1  # presets, six sliders' ends, two choices, Train
    job = gates.find(dataclasses.replace(TINY, seed=0 if lang == "zh" else 21))
    assert job is not None and job.finished.wait(240) and not job.error  # what Train started ended well


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preset_after_every_other_preset(lang):
    result = preset_pairs(PAGE, lang)
    result.assert_clean()
    n = len(compare.PRESETS)
    assert result.interactions == n * (n - 1) + 1
