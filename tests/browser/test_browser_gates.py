"""The gates page in real headless Chromium: a slider moves the maps, Train trains to the end, en and 中文.

Fixtures (server, browser, page) and assert_no_error live in conftest.py.
"""

import time

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error
from tests.browser.test_browser_clipping import settle
from visualizer.app.i18n import text

pytestmark = pytest.mark.browser

STEPS = 20  # a short training: the lab's own T and H, few steps
FIRST_MAP_JS = """
    [...document.querySelectorAll('.js-plotly-plot')]
        .find(plot => plot.data && plot.data.length > 1 && plot.data[1].type === 'heatmap')
"""


def map_signature(page) -> str | None:
    """A fingerprint of the first T×T map's numbers (None before it is drawn)."""
    return page.evaluate(
        f"""() => {{
            const plot = {FIRST_MAP_JS};
            if (!plot) return null;
            const z = plot.data[1].z;
            return (z.bdata || JSON.stringify(z)).slice(0, 4000);
        }}"""
    )


def wait_for_change(page, before: str | None, timeout_s: float = 60) -> str:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        now = map_signature(page)
        if now is not None and now != before:
            return now
        page.wait_for_timeout(200)
    pytest.fail("the map never changed")


def move_length(page, to: int) -> None:
    """One step left on the T slider, once the page has settled (a key sent mid-rerun can be lost)."""
    settle(page)
    before = map_signature(page)
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("ArrowLeft")
    wait_for_change(page, before)
    page.wait_for_url(f"**T={to}**", timeout=20_000)  # the URL follows the control
    assert_no_error(page)


def test_gates_page_follows_a_slider_and_trains_the_three_cells_in_both_languages(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/gates?lang=en&steps={STEPS}&T=40")
    page.get_by_text(text("en", "gates.title")).first.wait_for(timeout=90_000)
    wait_for_change(page, None, timeout_s=120)  # the first draw
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "gates-en.png"))
    move_length(page, 39)
    settle(page)
    page.get_by_role("button", name=text("en", "gates.train")).click()
    try:
        page.get_by_text(f"LSTM: {STEPS}/{STEPS}").first.wait_for(timeout=240_000)
        page.get_by_text(text("en", "gates.reach_title")).first.wait_for(timeout=60_000)  # results drawn
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "gates-timeout-en.png"))
        raise
    settle(page)
    assert_no_error(page)
    plots = page.locator(".js-plotly-plot")  # the maps, the decay, the accuracy panels, the reach map
    for index, part in ((-2, "accuracy"), (-1, "reach")):
        plots.nth(plots.count() + index).scroll_into_view_if_needed()
        plots.nth(plots.count() + index).screenshot(path=str(ARTIFACTS / f"gates-trained-en-{part}.png"))
    # The same link in 中文 joins the finished shared job: its results are drawn without training again.
    page.goto(f"{server}/gates?lang=zh&steps={STEPS}&T=39")
    page.get_by_text(text("zh", "gates.title")).first.wait_for(timeout=90_000)
    page.get_by_text(text("zh", "gates.reach_title")).first.wait_for(timeout=60_000)
    settle(page)
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "gates-zh.png"))
    plots.last.scroll_into_view_if_needed()
    plots.last.screenshot(path=str(ARTIFACTS / "gates-trained-zh-reach.png"))
    move_length(page, 38)
