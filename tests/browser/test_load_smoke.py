"""A small run of the classroom load test (benchmarks/load_test.py) against the browser tests' server.

Three heatmap sessions at once plus one authorship tab pressing Train on a tiny config; no
timing assertions (the full benchmark reports the numbers), only that nothing failed and that
every session's heatmap followed its slider.
"""

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = pytest.mark.browser

# Tiny, and a seed no other test uses: its run trains in seconds and shares with no other test's.
TINY_TRAINING = "?corpus=textbook&window=20&H=4&steps=15&seed=23"


def test_three_sessions_at_once_follow_their_sliders_without_an_error(server):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (./lab test installs it)")
    pytest.importorskip("playwright.async_api")
    from benchmarks.load_test import run_load

    result = run_load(server, 3, seconds=8, moves=2, trainers=1, train_query=TINY_TRAINING, browsers=1)

    assert result.errors == []
    assert all(s.first_draw_s is not None for s in result.heatmap)
    assert all(s.repainted for s in result.heatmap), [(s.moves, s.latencies_ms) for s in result.heatmap]
    assert result.training[0].pressed_at_s is not None
