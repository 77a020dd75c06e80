"""The authorship page in real Chromium: train a tiny preset live, see figure 5.35 and a visible
character strip (en and 中文), and hostile upload names shown as text, never a link or an image."""

import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_error
from tests.browser.test_browser_bad_input import INFO, as_files, outside

pytestmark = pytest.mark.browser

TINY = "corpus=textbook&window=20&H=4&steps=15&seed=11"
STRIP = {"en": "Characters coloured by", "zh": "按 ‖dE/dx_k‖ 着色的字符"}
TRAIN = {"en": "Train", "zh": "训练"}


def train_and_wait(page, lang: str) -> None:
    train = page.get_by_role("button", name=TRAIN[lang], exact=True)
    train.wait_for(timeout=60_000)
    assert_no_error(page)
    train.click()
    # The table of figure 5.35 appears once the shared run has finished and the page reran.
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=180_000)


def strip_height(page, lang: str) -> float:
    """Height in px of the character strip's drawing area (Plotly's drag layer covers exactly it)."""
    strip = page.locator(".js-plotly-plot").filter(has_text=STRIP[lang]).first
    strip.locator(".nsewdrag").first.wait_for(timeout=30_000)
    return strip.locator(".nsewdrag").first.bounding_box()["height"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_training_a_tiny_preset_shows_the_predictions_and_a_visible_strip(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/authorship?{TINY}&lang={lang}")
    train_and_wait(page, lang)
    heldout = "留出集平衡准确率" if lang == "zh" else "Held-out balanced accuracy"
    page.get_by_text(heldout).first.wait_for(timeout=30_000)
    page.locator(".js-plotly-plot").nth(4).wait_for(timeout=30_000)  # curves, bars, strip, Ws and Wx maps
    assert strip_height(page, lang) >= 30  # one row of 20 characters; it was 2 px
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / f"authorship-trained-{lang}.png"))
    page.locator(".js-plotly-plot").filter(has_text=STRIP[lang]).first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"authorship-strip-{lang}.png"))


HOSTILE_FILES = [
    (
        "[Log in](https:evil.example)__www.evil.example.txt",
        b"It was the best of times, it was the worst. " * 12,
    ),
    ("<img src=https:evil.example%2Fp.png>__![](https:evil.example%2Fq.png).txt", b"Call me Ishmael. " * 30),
    ("unknown__[x](https:evil.example).txt", b"It was the age of wisdom, call me Ishmael. " * 12),
]


def test_hostile_upload_names_render_as_text_never_a_link_or_an_image(server, page):
    asked = []  # every request the browser makes: an image from a name would show up here
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{server}/authorship?{TINY}")
    page.get_by_role("button", name="Train", exact=True).wait_for(timeout=60_000)
    page.locator("input[type=file]").set_input_files(
        [{**f, "mimeType": "text/plain"} for f in as_files([(n, d) for n, d in HOSTILE_FILES])]
    )
    note = page.locator(INFO).filter(has_text="Using the uploaded corpus")
    note.first.wait_for(timeout=60_000)
    text = note.first.inner_text().replace("\u2060", "")
    assert "[Log in](https:evil.example) (1)" in text and "<img src=https:evil.example%2Fp.png> (1)" in text
    train_and_wait(page, "en")  # the table, the bars and the strip now hold the hostile titles too
    page.locator(".js-plotly-plot").nth(2).wait_for(timeout=30_000)
    assert_no_error(page)
    assert outside(page) == []
    assert not [url for url in asked if "evil.example" in url]
    assert page.locator("img[src]").evaluate_all(
        "(imgs, host) => imgs.map(i => i.src).filter(s => s.startsWith('http') && new URL(s).host !== host)",
        server.split("//", 1)[1],
    ) == []  # fmt: skip
    page.locator(INFO).first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "authorship-hostile-upload.png"))
    page.locator(".js-plotly-plot").nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "authorship-hostile-bars.png"))


EVIDENCE = {"en": "Does it stand up?", "zh": "经得起检验吗？"}
EVAL_CHART = {"en": "Balanced accuracy, 95 % interval", "zh": "平衡准确率，95% 区间"}
REACH_AXIS = {"en": "characters back from the window", "zh": "距窗口末尾的字符数"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_evidence_shows_the_reach_and_the_three_models_with_their_intervals(server, page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/authorship?lang={lang}")
    reach = page.locator(".js-plotly-plot").filter(has_text=REACH_AXIS[lang]).first
    reach.locator(".nsewdrag").first.wait_for(timeout=60_000)
    reach.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"authorship-reach-{lang}.png"))
    chart = page.locator(".js-plotly-plot").filter(has_text=EVAL_CHART[lang]).first
    chart.locator(".nsewdrag").first.wait_for(timeout=30_000)
    assert chart.locator(".errorbar").count() == 3  # the RNN and both baselines, each with its interval
    page.get_by_text(EVIDENCE[lang]).first.scroll_into_view_if_needed()
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / f"authorship-evidence-{lang}.png"))
    # the verdict and the recall table under the error bars
    page.locator('[data-testid="stTable"]').first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"authorship-verdict-{lang}.png"))
