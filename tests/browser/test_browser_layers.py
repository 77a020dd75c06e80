"""The layers page in real headless Chromium: it opens, draws, and follows a toggle.

Fixtures (server, browser, page) and assert_no_error live in conftest.py.
"""

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error

pytestmark = pytest.mark.browser


def plot_count(page) -> int:
    return page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")


def test_layers_page_opens_draws_every_plot_and_follows_a_toggle(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/layers")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    page.get_by_text("Total params: 21,220").first.wait_for(timeout=90_000)
    page.get_by_text("Median test RMSE").first.wait_for(timeout=120_000)  # exercise 24 trained
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 5", timeout=60_000)
    assert plot_count(page) == 5  # shapes, worked example, layout, box plot, error by position
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "layers-default.png"), full_page=True)

    page.get_by_text("return_sequences", exact=True).first.click()  # the sidebar toggle
    page.wait_for_url("**seq=1**", timeout=30_000)
    page.get_by_text("(None, 10, 64)").first.wait_for(timeout=30_000)
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "layers-return-sequences.png"), full_page=True)


def test_layers_page_in_chinese_at_1000_timesteps(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/layers?lang=zh&T=1000&seq=1")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    page.get_by_text("(None, 1000, 100)").first.wait_for(timeout=90_000)
    page.get_by_text("测试 RMSE 中位数").first.wait_for(timeout=120_000)
    assert page.get_by_text("Keras SimpleRNN：形状、共享权重与有状态训练").count() == 1
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "layers-zh-T1000.png"), full_page=True)


def test_layers_shuffle_preset_in_chinese_names_the_batch_order(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/layers?lang=zh")
    page.get_by_text("测试 RMSE 中位数").first.wait_for(timeout=120_000)
    page.get_by_role("button", name="有状态却打乱批次顺序（错误做法）").click()
    page.wait_for_url("**shuffle=1**", timeout=30_000)
    page.get_by_text("批次被打乱的有状态训练").first.wait_for(timeout=120_000)  # the third arm trained
    page.get_by_text("有状态（批次顺序打乱）").first.wait_for(timeout=60_000)  # in the box plot
    assert page.get_by_text('Keras 的 shuffle="batch"').count() >= 1
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "layers-zh-shuffle.png"), full_page=True)
    warning = page.locator('[data-testid="stAlert"]').filter(has_text="打乱后")
    warning.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "layers-zh-shuffle-layout.png"))
    box = page.locator(".js-plotly-plot").nth(3)  # the box plot of figure 5.34
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "layers-zh-shuffle-box.png"))
