"""The clipping page in real headless Chromium: train three small runs live and see the results.

Fixtures (server, browser, page) and assert_no_error live in conftest.py.
"""

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error

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
