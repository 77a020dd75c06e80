"""The chapter tour: it renders in both languages, and every step's link opens its page cleanly."""

from pathlib import Path

import pytest

from tests.pages.test_pages import start
from visualizer.app.tour import STEPS

ROOT = Path(__file__).resolve().parents[2]
CHAPTER_FIGURES = ["5.1", "5.3", "5.4", "5.6", "5.8", "5.9", "5.10", "5.11", "5.12", "5.13", "5.29", "5.30"]
CHAPTER_FIGURES += ["5.32", "5.33", "5.34", "5.35"]


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
