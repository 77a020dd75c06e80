"""The clipping page in real headless Chromium: train three small runs live and see the results.

Fixtures (server, browser, page) and assert_no_error live in conftest.py.
"""

import pytest

from core import clipping_lab
from tests.browser.conftest import ARTIFACTS, assert_no_error
from visualizer.app.i18n import text

pytestmark = pytest.mark.browser

SMALL = "task=temporal_order&T=20&H=16&steps=80&seed=11&sigma=1.3"


def panel_points(page) -> int:
    """How many loss points the six-panel figure holds, summed over its runs (-1 before it exists)."""
    return page.evaluate(
        """() => {
            for (const plot of document.querySelectorAll('.js-plotly-plot')) {
                const data = plot.data || [];
                // calcdata holds the decoded points of each trace, whatever the JSON's array encoding.
                const loss = data.map((d, i) => i).filter(i => data[i].meta && data[i].meta.panel === 'loss');
                if (loss.length) return loss.reduce((n, i) => n + plot.calcdata[i].length, 0);
            }
            return -1;
        }"""
    )


def test_clipping_page_trains_three_runs_live_and_shows_the_reach_map(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/clipping?{SMALL}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)  # the cliff panel
    assert_no_error(page)
    page.get_by_role("button", name="Train the three runs").click()
    page.get_by_text("Mark training step").first.wait_for(timeout=180_000)  # training ended, results drawn
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=30_000)
    assert panel_points(page) == 3 * 80
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "clipping-trained.png"), full_page=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preset_trains_to_its_end_and_states_its_lesson(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/clipping?lang={lang}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    for name, config in clipping_lab.PRESETS.items():
        page.get_by_role("button", name=text(lang, f"clipping.preset.{name}")).click()
        # This preset's own lesson: the page has rerun on its settings (the previous results are gone).
        lesson = text(lang, f"clipping.lesson.{name}")[:40]
        page.locator('[data-testid="stAlertContentInfo"]').filter(has_text=lesson).first.wait_for(
            timeout=60_000
        )
        page.get_by_role("button", name=text(lang, "clipping.train")).click()
        last = f"{text(lang, 'clipping.run.value')}: {config.steps}/{config.steps}"
        page.get_by_text(last).first.wait_for(timeout=240_000)  # all three runs ended
        page.get_by_text(text(lang, "clipping.reach_step")).first.wait_for(timeout=60_000)  # results drawn
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / f"clipping-{name}-{lang}.png"), full_page=True)
        plots = page.locator(".js-plotly-plot")  # the six panels, the reach map, the cliff
        for index, part in ((0, "panels"), (1, "reach")):
            plots.nth(index).scroll_into_view_if_needed()
            plots.nth(index).screenshot(path=str(ARTIFACTS / f"clipping-{name}-{lang}-{part}.png"))
