"""The chapter tour: it renders in both languages, and every step's link opens its page cleanly."""

import json
from pathlib import Path

import numpy as np
import pytest

from core.training import clipping_lab
from tests.pages import test_heatmap_page as heatmap_page
from tests.pages.click_everything import sweep
from tests.pages.test_layers_page import summary_text
from tests.pages.test_pages import start
from visualizer.app.i18n import text
from visualizer.locales.tour import STRINGS
from visualizer.views import clipping as clipping_runs
from visualizer.views.home import CARDS as HOME_CARDS
from visualizer.views.tour import STEPS

ROOT = Path(__file__).resolve().parents[2]
CHAPTER_FIGURES = ["5.1", "5.3", "5.4", "5.6", "5.8", "5.9", "5.10", "5.11", "5.12", "5.13", "5.29", "5.30"]
CHAPTER_FIGURES += ["5.32", "5.33", "5.34", "5.35"]


# The home view's cards as (key, page file, query).
CARDS = [(key, info.path, query) for key, info, query in HOME_CARDS]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tour_renders_every_step_with_a_link(lang):
    at = start({"lang": lang}, page="pages/tour.py")
    assert not at.exception
    assert at.title[0].value == ("本章导览" if lang == "zh" else "A guided tour of the chapter")
    links = at.get("page_link")
    assert len(links) == len(STEPS) and 8 <= len(STEPS) <= 12
    for link, (*_, page, query) in zip(links, STEPS, strict=True):
        assert link.proto.page == page.removeprefix("pages/").removesuffix(".py")  # the url_path
        assert link.proto.query_string.startswith("&".join(f"{k}={v}" for k, v in query.items()))


def test_every_chapter_figure_is_on_the_tour():
    named = " ".join(figures for _, figures, _, _ in STEPS)
    missing = [figure for figure in CHAPTER_FIGURES if figure not in named]
    assert not missing, f"figures without a tour step: {missing}"
    assert all((ROOT / page).exists() for *_, page, _ in STEPS)


@pytest.mark.parametrize("key,figures,page,query", STEPS, ids=[step[0] for step in STEPS])
def test_each_tour_link_opens_its_page_without_error_or_fallback(key, figures, page, query):
    at = start(dict(query), page=page)
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]  # every setting in the link was understood


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_step_is_labelled_in_the_pages_language(lang):
    at = start({"lang": lang}, page="pages/tour.py")
    headings = [m.value for m in at.markdown if m.value.startswith("**")]
    assert len(headings) == len(STEPS)
    assert not any("§" in h for h in headings)  # "图 § vanishing" was the bug
    for heading, (_key, figures, *_) in zip(headings, STEPS, strict=True):
        if figures:
            assert heading.endswith(("图 " if lang == "zh" else "figures ") + figures)
        else:
            assert ("小节：" if lang == "zh" else "section: ") in heading


def _step(key: str):
    return next(step for step in STEPS if step[0] == key)


def _open_step(key: str):
    *_, page, query = _step(key)
    at = start(dict(query), page=page)
    assert not at.exception
    return at


def test_tour_ffnn_step_shows_only_the_diagonal_and_says_why():
    at = _open_step("ffnn")
    assert "Ws = 0" in at.info[0].value
    z = heatmap_page.plotly_array(heatmap_page.chart(at, "heatmap_map_Ws")["data"][1]["z"])
    assert np.isnan(z[np.tri(30, k=-1, dtype=bool)]).all()


def test_tour_vanishing_step_opens_a_vanishing_badge_below_one_over_gamma():
    at = _open_step("vanishing")
    assert at.info[0].value.startswith("Vanishing: γ·σ_max = 0.80 < 1")
    assert heatmap_page.fitted_slope(heatmap_page.measured_rise(at)) < np.log10(0.8)


def test_tour_exploding_step_text_matches_its_maps():
    at = _open_step("exploding")
    assert at.error[0].value.startswith("Exploding:")
    ws = heatmap_page.plotly_array(heatmap_page.chart(at, "heatmap_map_Ws")["data"][1]["z"])[59, 1:]
    wx = heatmap_page.plotly_array(heatmap_page.chart(at, "heatmap_map_Wx")["data"][1]["z"])[59, :]
    text = STRINGS["en"]["tour.exploding.text"]
    assert "about 7 decades" in text and "rows stay flat" in text
    assert 6 <= wx[0] - wx[-1] <= 8  # "about 7 decades larger than the recent ones"
    assert np.nanmax(ws) - np.nanmin(ws) < 1.5  # "the Ws map's rows stay flat"


def test_tour_regime_step_opens_the_map_with_its_line():
    at = _open_step("regime")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["shapes"][0]["x0"] == 1.0
    assert spec["data"][0]["zmid"] == 0


def test_tour_parameters_step_shows_the_chapters_param_counts_at_1000_steps():
    at = _open_step("parameters")
    summary = summary_text(at)
    assert at.session_state["layers_T"] == 1000
    units, inputs = 64, 100  # SimpleRNN(64) on (1000, 100), then Dense(64), Dense(100): counted by hand
    rnn, dense_1, dense_2 = units * (inputs + units) + units, units * units + units, units * 100 + 100
    rows = {line.split()[0]: line.split()[-1] for line in summary.splitlines() if "(None" in line}
    assert rows == {"simple_rnn_1": str(rnn), "dense_1": str(dense_1), "dense_2": str(dense_2)}
    assert f"Total params: {rnn + dense_1 + dense_2:,}" in summary
    assert "21,220" in STRINGS["en"]["tour.parameters.text"] and rnn + dense_1 + dense_2 == 21_220


def test_tour_clipping_step_opens_the_explodes_preset_and_states_its_lesson():
    at = _open_step("clipping")
    names = ("task", "T", "H", "sigma", "opt", "lr", "theta", "steps", "seed")
    config = clipping_runs.config_from({name: at.session_state[f"clipping_{name}"] for name in names})
    assert config == clipping_lab.PRESETS["explodes"]  # whose lesson tests/core/test_clipping_lab.py holds
    lessons = [i.value for i in at.info if i.value.startswith("Lesson")]
    assert lessons == [text("en", "clipping.lesson.explodes")]
    tour_text = STRINGS["en"]["tour.clipping.text"]
    assert "stays at chance" in tour_text and "clipped by norm, the same network learns" in tour_text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_cards_open_their_pages_without_error_or_fallback(lang):
    at = start({"lang": lang}, page="pages/home.py")
    links = at.get("page_link")
    assert len(links) == len(CARDS) + 1  # the tour link and one per card
    for link, (_, page, query) in zip(links[1:], CARDS, strict=True):
        assert link.proto.page == Path(page).stem  # the url_path streamlit_app.py gives the page
        opened = start({**query, "lang": lang}, page=page)
        assert not opened.exception and not opened.warning, (page, query)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", ["pages/home.py", "pages/tour.py"])
def test_click_everything_on_the_text_pages(page, lang):
    result = sweep(page, lang)
    result.assert_clean()
    assert result.interactions >= 3  # opening, and both languages of the picker
