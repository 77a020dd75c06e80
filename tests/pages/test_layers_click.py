"""Click everything on the Keras layers page, in both languages: no exception, no error box but the lesson.

The one error box the page means to show is the stacking error (SimpleRNN on a SimpleRNN that
returns 2-D); it is allowed only while the stacking toggle is off. Exercise 24 trains on every
open, so the sweep starts from a small setting (5 epochs, 2 seeds); its slider ends still train.
"""

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.click_everything import open_page, preset_pairs, sweep
from visualizer.app.i18n import text

PAGE = "pages/layers.py"
SMALL = {"epochs": "5", "seeds": "2"}


def fresh_settings() -> dict[str, str]:
    """Every setting of a freshly opened page, as its URL writes them."""
    return dict(open_page(PAGE, "en").session_state["layers__published"])


def stacking_lesson(lang: str, defaults: dict[str, str]):
    """Allow the stacking error box, and only it, and only when the stack setting alone calls for it.

    Only stack_seq may be off its default (exercise 24's sizes aside, which the sweep starts small):
    a preset after "stack_error" that left stack_seq off would fail here.
    """
    prefix = text(lang, "layers.stack.error", message="")

    def allowed(error: str, at: AppTest) -> bool:
        settings = at.session_state["layers__published"]
        others = {k for k in defaults if k not in ("stack_seq", "epochs", "seeds")}
        return (
            settings["stack_seq"] == "0"
            and all(settings[k] == defaults[k] for k in others)
            and error.startswith(prefix)
            and "expected ndim=3, found ndim=2" in error
        )

    return allowed


@pytest.fixture(scope="module")
def defaults() -> dict[str, str]:
    return fresh_settings()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_of_the_layers_page_works_on_its_own(lang, defaults):
    result = sweep(PAGE, lang, query=SMALL, allowed_errors=stacking_lesson(lang, defaults))
    result.assert_clean()
    # 5 presets, 5 sliders and 1 number input at both ends, 7 toggles, the language's 2 options, opening
    assert result.interactions >= 5 + 2 * 6 + 7 + 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preset_after_every_other_preset(lang, defaults):
    result = preset_pairs(PAGE, lang, query=SMALL, allowed_errors=stacking_lesson(lang, defaults))
    result.assert_clean()
    assert result.interactions == 5 * 4 + 1  # every ordered pair of the 5 presets, once
