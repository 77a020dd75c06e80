"""Click everything on the clipping page, in both languages: no exception and no error box anywhere."""

import pytest

from tests.pages.click_everything import preset_pairs, sweep
from tests.pages.test_clipping_page import PAGE, TINY, start, train_to_the_end


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_of_the_clipping_page_works_on_its_own(lang):
    result = sweep(PAGE, lang, query={"lang": lang})
    result.assert_clean()
    assert result.interactions >= 50  # 9 lab controls, the cliff's 5, the presets, train, language


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preset_after_every_other_preset(lang):
    result = preset_pairs(PAGE, lang)
    result.assert_clean()
    assert result.interactions == 3 * 2 + 1


def test_after_training_the_reach_controls_work_too():
    at = start(TINY | {"seed": "11"}, page=PAGE)
    train_to_the_end(at)  # a finished shared job: the reach map's run picker and step slider appear
    result = sweep(PAGE, "en", query=TINY | {"seed": "11"}, skip={"clipping_train"})
    result.assert_clean()
    touched = result.interactions
    assert touched >= 50 + 3  # the three runs of the reach picker, and the step slider's ends
