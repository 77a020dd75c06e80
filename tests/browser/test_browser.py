"""The real thing: `streamlit run` on loopback, driven by Debian's headless Chromium via Playwright.

Fixtures (server, browser, page) and assert_no_error live in conftest.py.
"""

import time

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error

pytestmark = pytest.mark.browser


# The first plot holding a map. While a rerun redraws the page, the first .js-plotly-plot can
# briefly be another chart (a CI run once read a line chart there), so the map is looked for.
FIRST_MAP_JS = """
    [...document.querySelectorAll('.js-plotly-plot')]
        .map(plot => plot.data && plot.data[1])
        .find(trace => trace && trace.z)
"""


def heatmap_rows(page) -> int:
    """Rows of the plotted map, read from Plotly's own data in the page (-1 while none is drawn)."""
    return page.evaluate(
        f"""() => {{
            const trace = {FIRST_MAP_JS};
            if (!trace) return -1;
            const z = trace.z;  // a typed array {{dtype, bdata, shape}} or nested lists
            return z.shape ? parseInt(String(z.shape).split(',')[0]) : z.length;
        }}"""
    )


def wait_for_rows(page, rows: int, timeout_s: float = 60) -> None:
    deadline = time.time() + timeout_s
    while heatmap_rows(page) != rows:
        if time.time() > deadline:
            pytest.fail(f"heatmap never showed {rows} rows (has {heatmap_rows(page)})")
        page.wait_for_timeout(200)


def test_heatmap_page_draws_and_follows_the_length_slider(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/heatmap")
    wait_for_rows(page, 60)
    before = heatmap_signature(page)
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "heatmap-default.png"))
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    for _ in range(5):  # 60 -> 55
        page.keyboard.press("ArrowLeft")
    wait_for_rows(page, 55)
    assert heatmap_signature(page) != before
    assert_no_error(page)
    page.wait_for_url("**T=55**", timeout=10_000)  # the URL follows the control
    page.screenshot(path=str(ARTIFACTS / "heatmap-T55.png"))


def heatmap_signature(page) -> str:
    """A fingerprint of the first heatmap's numbers, to tell that the data changed."""
    return page.evaluate(
        f"""() => {{
            const z = ({FIRST_MAP_JS}).z;
            return (z.bdata || JSON.stringify(z)).slice(0, 4000);
        }}"""
    )


PAGES = ["", "tour", "unrolled", "heatmap", "regime", "gates", "clipping", "layers", "authorship"]
WITHOUT_PLOTS = {"", "tour", "authorship"}  # authorship draws its plots after training


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_without_an_error(server, page, path):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/{path}")  # "" is the home page: the default page lives at the root
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    if path not in WITHOUT_PLOTS:
        page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    page.wait_for_timeout(500)
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / f"page-{path or 'home'}.png"), full_page=True)


def test_a_preset_changes_the_heatmap_data(server, page):
    page.goto(f"{server}/heatmap?T=40&sigma=0.8&act=tanh")
    wait_for_rows(page, 40)
    before = heatmap_signature(page)
    page.get_by_role("button", name="Exploding (linear, σ = 1.3)").click()
    wait_for_rows(page, 60)
    page.wait_for_url("**act=linear**", timeout=20_000)
    assert heatmap_signature(page) != before
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "heatmap-exploding-preset.png"))


def test_a_shared_link_reopens_the_same_view(server, page):
    page.goto(f"{server}/heatmap?T=44&sigma=0.5&act=relu&H=8&seed=2&lang=zh")
    wait_for_rows(page, 44)
    assert_no_error(page)
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    assert thumb.input_value() == "44"
    assert page.get_by_text("梯度能向前传播多远？").count() == 1
    page.screenshot(path=str(ARTIFACTS / "heatmap-shared-zh.png"))
