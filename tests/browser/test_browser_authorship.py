"""The authorship page in real Chromium: train a tiny preset live and see figure 5.35's predictions."""

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error

pytestmark = pytest.mark.browser

TINY = "corpus=textbook&window=20&H=4&steps=15&seed=11"


def test_training_a_tiny_preset_shows_the_predictions(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/authorship?{TINY}")
    train = page.get_by_role("button", name="Train", exact=True)
    train.wait_for(timeout=60_000)
    assert_no_error(page)
    train.click()
    # The table of figure 5.35 appears once the shared run has finished and the page reran.
    table = page.locator('[data-testid="stDataFrame"]')
    table.wait_for(timeout=180_000)
    page.get_by_text("Held-out balanced accuracy").first.wait_for(timeout=30_000)
    assert page.locator(".js-plotly-plot").count() >= 2
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "authorship-trained.png"), full_page=True)
