"""Real Chromium: a click on a cell of the Ws map writes that cell's term out below, in English and 中文.

The click is a real mouse click at the cell's pixel, worked out from Plotly's own axes; the number
the formula then states must be the clicked cell's value in the map's own data.
"""

import re
import time

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error, wait_for

pytestmark = pytest.mark.browser

T, CELL_T, CELL_K = 30, 20, 5
# The Ws map: the first plot whose second trace is a heatmap (the maps come first on the page).
WS_MAP_JS = """
    [...document.querySelectorAll('.js-plotly-plot')]
        .find(gd => gd._fullData && gd._fullData.length > 2 && gd._fullData[1].type === 'heatmap')
"""


def cell_pixel(page, t: int, k: int) -> tuple[float, float]:
    """Where Plotly draws the Ws map's cell (t, k), 1-based, on the screen."""
    return wait_for(
        page,
        f"""() => {{
            const gd = {WS_MAP_JS};
            if (!gd || !gd._fullLayout.xaxis.d2p) return null;
            const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
            return [box.left + gd._fullLayout.xaxis.d2p({k}), box.top + gd._fullLayout.yaxis.d2p({t})];
        }}""",
        "the Ws map",
    )


def formula_number(page) -> float | None:
    """The bold total of the formula's 'sum = cell' line, once it is on the page."""
    strong = page.locator('[data-testid="stMarkdownContainer"] strong').all_inner_texts()
    numbers = [s for s in strong if re.fullmatch(r"-?\d+\.\d+", s)]
    return float(numbers[0]) if numbers else None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_clicking_a_ws_cell_writes_out_its_term(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/heatmap?T={T}&lang={lang}")
    x, y = cell_pixel(page, CELL_T, CELL_K)
    wait_for(page, "() => document.querySelectorAll('.js-plotly-plot').length >= 8", "every chart")
    page.wait_for_timeout(500)  # let the plot settle after its first draw
    assert_no_error(page)
    before = formula_number(page)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    wait_for(
        page, f"() => /[?&]cell_t={CELL_T}&cell_k={CELL_K}&cell_w=Ws/.test(location.search)", "the cell's URL"
    )
    expected = page.evaluate(f"() => ({WS_MAP_JS})._fullData[1].z[{CELL_T - 1}][{CELL_K - 1}]")
    deadline = time.time() + 30
    while (shown := formula_number(page)) is None or shown == before:
        if time.time() > deadline:
            pytest.fail(f"the formula still shows {shown} (before the click: {before})")
        page.wait_for_timeout(250)
    assert shown == pytest.approx(expected, abs=0.0051)
    assert_no_error(page)
    heading = page.get_by_text(re.compile(rf"dE_{CELL_T}/dWs")).first
    heading.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"heatmap-formula-{lang}.png"))
    page.locator('[data-testid="stPlotlyChart"]').nth(2).scroll_into_view_if_needed()  # the path's gains
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"heatmap-formula-{lang}-charts.png"))
