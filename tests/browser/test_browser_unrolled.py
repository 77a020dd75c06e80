"""The unrolled-graph page in real headless Chromium: the ▶ walk plays to its end, TDNN folds, one-to-many.

Fixtures (server, browser, page) and assert_no_error live in conftest.py. Screenshots go to
test-artifacts/unrolled-*.png for a person to look at.
"""

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error
from visualizer.app.i18n import text

pytestmark = pytest.mark.browser

# Plotly's own data in the page: the x of every node trace named `name` (the graph is the only plot).
NODE_XS_JS = """
    (name) => {
        const plot = document.querySelector('.js-plotly-plot');
        if (!plot || !plot.data) return null;
        const trace = plot.data.find(tr => tr.meta && tr.meta.node === name);
        return trace ? Array.from(trace.x) : [];
    }
"""


def open_unrolled(page, server: str, query: str) -> None:
    page.goto(f"{server}/unrolled?{query}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    page.wait_for_timeout(500)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_walk_plays_to_term_one_and_the_page_stays_whole(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    open_unrolled(page, server, f"T=3&t=3&k=3&weight=Ws&lang={lang}")
    assert_no_error(page)
    page.get_by_role("button", name=text(lang, "unrolled.play")).click()
    # the last frame (term 1) says why term 1 of dE/dWs is 0: the walk reached its end
    note = text(lang, "unrolled.term1_zero", t=3)
    page.get_by_text(note[:20]).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # the run finishes after its last frame: download and link follow
    assert_no_error(page)
    assert page.locator('[data-testid="stDownloadButton"]').count() == 1
    share = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').all_inner_texts()
    assert any("/unrolled?" in code for code in share), share
    page.screenshot(path=str(ARTIFACTS / f"unrolled-walk-end-{lang}.png"), full_page=True)


def test_tdnn_folded_one_to_many_and_delay_draw_cleanly(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    open_unrolled(page, server, "arch=tdnn&view=folded&window=3")
    assert_no_error(page)
    assert len(page.evaluate(NODE_XS_JS, "x")) == 3 and len(page.evaluate(NODE_XS_JS, "s")) == 1
    page.screenshot(path=str(ARTIFACTS / "unrolled-tdnn-folded.png"), full_page=True)

    open_unrolled(page, server, "arch=one_to_many&T=5&t=5&k=1")
    assert_no_error(page)
    assert page.evaluate(NODE_XS_JS, "x") == [1]  # x_1 only
    assert len(page.evaluate(NODE_XS_JS, "y")) == 5
    page.screenshot(path=str(ARTIFACTS / "unrolled-one-to-many.png"), full_page=True)

    open_unrolled(page, server, "arch=delay&T=6&t=6&k=1&lang=zh")
    assert_no_error(page)
    assert page.evaluate(NODE_XS_JS, "y") == [4, 5, 6]  # outputs only where the losses are
    page.screenshot(path=str(ARTIFACTS / "unrolled-delay-zh.png"), full_page=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chapter_panel_opens_and_alpha_moves_from_lowering_e_to_raising_it(server, page, lang):
    """Open "the chapter's equations, live", step α from 0.1 up to 3: the verdict turns from fell to rose."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 3000})  # tall enough for the open panel's screenshot
    open_unrolled(page, server, f"T=4&t=3&weight=Ws&lang={lang}")
    page.get_by_text(text(lang, "chapter.title")).first.click()
    panel = page.locator('[data-testid="stExpander"]')
    panel.locator(".katex").first.wait_for(timeout=30_000)
    panel.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=30_000)  # α = 0.1: E fell
    assert panel.locator(".katex-display").count() >= 5  # 5.4, 5.5, 5.10, 5.15 and 5.13
    for alpha in ("0.3", "1", "3"):  # one notch at a time: a key pressed during the rerun may be lost
        panel.locator('input[type="range"]').first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_url(f"**&alpha={alpha}&**", timeout=30_000)  # the URL follows the control
    rose = text(lang, "chapter.verdict.rose", alpha="3", before="", after="", change="", predicted="")
    panel.get_by_text(rose.split("(")[0].split("（")[0][:12]).first.wait_for(timeout=30_000)
    assert panel.locator('[data-testid="stAlertContentWarning"]').count() == 1
    assert_no_error(page)
    panel.screenshot(path=str(ARTIFACTS / f"unrolled-chapter-{lang}.png"))
