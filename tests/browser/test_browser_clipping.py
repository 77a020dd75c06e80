"""The clipping page in real headless Chromium: train three small runs live and see the results.

Fixtures (server, browser, page) and assert_no_error live in conftest.py.
"""

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from core.training import clipping_lab
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


def settle(page, quiet_ms: int = 1500, timeout_s: float = 90) -> None:
    """Wait until Streamlit has shown no "running" indicator for quiet_ms: every rerun has landed.

    When the last run ends, the page reruns once more to draw the results; an element found
    before that rerun is detached by it, and a click sent during it can be lost.
    """
    deadline, quiet_since = time.time() + timeout_s, None
    while time.time() < deadline:
        if page.locator('[data-testid="stStatusWidget"]').count():
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif (time.time() - quiet_since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(100)
    pytest.fail("the page never stopped running")


def press_preset(page, lang: str, name: str) -> None:
    """Press a preset until its own lesson shows (a press during a rerun can be lost; it is idempotent)."""
    lesson = page.locator('[data-testid="stAlertContentInfo"]').filter(
        has_text=text(lang, f"clipping.lesson.{name}")[:40]
    )
    for _ in range(3):
        settle(page)
        page.get_by_role("button", name=text(lang, f"clipping.preset.{name}")).click()
        try:
            lesson.first.wait_for(timeout=20_000)
            return
        except PlaywrightTimeout:
            continue
    pytest.fail(f"preset {name} never showed its lesson")


def train(page, lang: str, steps: int) -> None:
    """Press train once the page has settled, again if no run started, and wait for all three to end.

    A click sent while a rerun is still drawing can reach the button's callback of the run
    before (the previous preset's settings), so the page is settled first and the press checked.
    """
    progress = page.get_by_text(f"{text(lang, 'clipping.run.value')}: ")
    for _ in range(3):
        settle(page)
        page.get_by_role("button", name=text(lang, "clipping.train")).click()
        try:
            progress.first.wait_for(timeout=30_000)
            break
        except PlaywrightTimeout:
            continue
    else:
        pytest.fail("pressing train started no run")
    last = page.get_by_text(f"{text(lang, 'clipping.run.value')}: {steps}/{steps}")
    try:
        last.first.wait_for(timeout=240_000)  # all three runs ended
    except PlaywrightTimeout:
        page.screenshot(path=str(ARTIFACTS / f"clipping-timeout-{lang}.png"))
        raise


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preset_trains_to_its_end_and_states_its_lesson(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/clipping?lang={lang}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    for name, config in clipping_lab.PRESETS.items():
        press_preset(page, lang, name)  # the page has rerun on its settings: the previous results are gone
        train(page, lang, config.steps)
        page.get_by_text(text(lang, "clipping.reach_step")).first.wait_for(timeout=60_000)  # results drawn
        settle(page)
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / f"clipping-{name}-{lang}.png"), full_page=True)
        plots = page.locator(".js-plotly-plot")  # the six panels, the reach map, the cliff
        for index, part in ((0, "panels"), (1, "reach")):
            plots.nth(index).scroll_into_view_if_needed()
            plots.nth(index).screenshot(path=str(ARTIFACTS / f"clipping-{name}-{lang}-{part}.png"))
