"""Real Chromium: a click on a regime-map cell opens the heatmaps there; screenshots of both pages, en + zh.

The click is a real mouse click at the cell's pixel, worked out from Plotly's own axes.
"""

import re

import numpy as np
import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error, wait_for
from visualizer.app.i18n import text

pytestmark = pytest.mark.browser

REGIME = {"act": "tanh", "maxT": "60", "H": "8", "seed": "0"}
# The map's grid, as visualizer/app/cache.regime_grid builds it for tanh and maxT = 60.
GAINS = np.round(np.linspace(0.05, 3.0, 60), 2)
LENGTHS = np.unique(np.geomspace(2, 60, 24).astype(int))
PRESETS = ["vanishing", "exploding", "edge", "ffnn", "sigmoid"]


REGIME_PLOT_JS = """
    [...document.querySelectorAll('.js-plotly-plot')]
        .find(plot => plot._fullData && plot._fullData.length && plot._fullData[0].type === 'heatmap')
"""


def cell_pixel(page, sigma: float, steps: int) -> tuple[float, float]:
    """Where on the screen Plotly draws the cell (σ, T), from the plot's own axes."""
    return wait_for(
        page,
        f"""() => {{
            const gd = {REGIME_PLOT_JS};
            if (!gd || !gd._fullLayout.xaxis.d2p) return null;
            const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
            const x = gd._fullLayout.xaxis.d2p({sigma}), y = gd._fullLayout.yaxis.d2p({steps});
            return [box.left + x, box.top + y];
        }}""",
        "the regime map",
    )


def slider_value(page, label: str) -> float:
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=label)
    return float(slider.locator('[data-testid="stSliderThumbValue"]').inner_text())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_clicking_a_regime_cell_opens_the_heatmaps_at_that_sigma_and_length(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    query = "&".join(f"{k}={v}" for k, v in {**REGIME, "lang": lang}.items())
    page.goto(f"{server}/regime?{query}")
    sigma, steps = float(GAINS[39]), int(LENGTHS[15])  # σ = 2.0, T = 33: right of the line
    x, y = cell_pixel(page, sigma, steps)
    page.wait_for_timeout(500)  # let the plot settle after its first draw
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / f"regime-{lang}.png"), full_page=True)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r".*/heatmap\?.*"), timeout=60_000)
    wait_for(
        page,
        f"() => /[?&]T={steps}(&|$)/.test(location.search) && /[?&]sigma={sigma}(&|$)/.test(location.search)",
        "the heatmap URL",
    )
    wait_for(page, "() => document.querySelectorAll('.js-plotly-plot').length >= 6", "the heatmap charts")
    assert f"lang={lang}" in page.url and "act=tanh" in page.url and "H=8" in page.url
    assert slider_value(page, "σ_max(Ws)") == pytest.approx(sigma)
    assert slider_value(page, "序列长度 T" if lang == "zh" else "Sequence length T") == steps
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / f"regime-click-heatmap-{lang}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heatmap_presets_screenshots(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/heatmap?lang={lang}")
    wait_for(page, "() => document.querySelectorAll('.js-plotly-plot').length >= 6", "the heatmap charts")
    for index, name in enumerate(PRESETS):
        label = text(lang, f"heatmap.preset.{name}")
        before = page.url
        page.get_by_role("button", name=label, exact=True).click()
        if index:  # the first preset is the default view: the URL does not change
            wait_for(page, f"() => location.href !== {before!r}", f"preset {label}")
        page.wait_for_timeout(1500)  # charts redraw after the URL
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / f"heatmap-preset-{name}-{lang}.png"))
        # The page scrolls inside Streamlit's own container: bring the lower charts into view too.
        page.locator('[data-testid="stPlotlyChart"]').nth(4).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / f"heatmap-preset-{name}-{lang}-lower.png"))
        page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()


HOME_CARDS = ["e3", "ffnn", "vanishing", "exploding", "sigmoid", "regime"]
CARD_PATHS = {"e3": "unrolled", "regime": "regime"}  # the others open the heatmaps


def test_every_home_card_opens_its_page_in_chinese(server, page):
    for card in HOME_CARDS:
        page.goto(f"{server}/?lang=zh")
        page.get_by_role("link", name=text("zh", f"home.card.{card}")).click()
        path = CARD_PATHS.get(card, "heatmap")
        page.wait_for_url(re.compile(rf".*/{path}\?.*lang=zh.*"), timeout=60_000)
        wait_for(page, "() => document.querySelectorAll('.js-plotly-plot').length >= 1", f"card {card}")
        assert_no_error(page)


def test_tour_steps_carry_translated_section_labels(server, page):
    page.goto(f"{server}/tour?lang=zh")
    step = page.get_by_text("6. " + text("zh", "tour.exploding.title"), exact=True).first
    step.wait_for(timeout=60_000)
    step.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "tour-zh-exploding.png"))
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "§" not in body and text("zh", "tour.section.exploding") in body
