"""Click everything on the gradient-heatmaps page, in both languages: no exception, no stray error box.

The only error box allowed is the page's own "exploding" verdict (an st.error by design).
"""

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.click_everything import preset_pairs, sweep

PAGE = "pages/heatmap.py"
EXPLODING = {"en": "Exploding:", "zh": "梯度爆炸："}  # as tests/browser/conftest.py allows


def verdict_only(lang: str):
    """Accept an error box only when it is the exploding verdict, in the page's language."""

    def allowed(text: str, at: AppTest) -> bool:
        return text.startswith(EXPLODING[lang])

    return allowed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_of_the_heatmap_page_works_on_its_own(lang):
    result = sweep(PAGE, lang, allowed_errors=verdict_only(lang))
    result.assert_clean()
    # 5 presets, T/σ/H/scale/seed at both ends (10), 4 activations, 3 initialisers, 2 loss modes, 2 languages
    assert result.interactions >= 1 + 5 + 10 + 4 + 3 + 2 + 2, result.interactions
    print(f"heatmap [{lang}]: {result.interactions} interactions")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_heatmap_preset_after_every_other_preset(lang):
    result = preset_pairs(PAGE, lang, allowed_errors=verdict_only(lang))
    result.assert_clean()
    assert result.interactions == 5 * 4 + 1
