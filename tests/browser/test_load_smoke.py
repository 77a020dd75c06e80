"""A small run of the classroom load test (benchmarks/load_test.py) against the browser tests' server.

Five protocol-level students (Locust, in its own process: its gevent monkey-patching never reaches
this one) move σ for about 20 s beside one authorship trainer and one real Chromium tab. No timing
assertions (the benchmark reports the numbers): nothing failed, every move was a finished rerun
whose heatmap changed, and Locust counted the same moves the students did. The client itself is
checked first against what the page publishes (its URL) and against its own earlier figure.
"""

import importlib.util

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = pytest.mark.browser

# Tiny, and a seed no other test uses: its run trains in seconds and shares with no other test's.
TINY_TRAINING = "corpus=textbook&window=20&H=4&steps=15&seed=23"


def test_the_protocol_client_moves_sigma_and_gets_the_page_a_browser_would(server):
    pytest.importorskip("websocket")
    from benchmarks.load_test import HEATMAP_QUERY
    from benchmarks.streamlit_client import Session

    session = Session(server)
    try:
        first = session.open("heatmap", HEATMAP_QUERY)
        assert first.errors == [] and first.latency_s is not None
        assert session.find("heatmap_sigma").value == [0.8]
        assert "heatmap_map_Ws" in first.figures and "heatmap_map_Wx" in first.figures

        moved = session.set_widget("heatmap_sigma", 1.25)
        # The page itself says the server read the move: it publishes the new σ in its link.
        assert "sigma=1.25" in session.query_string.split("&")
        assert moved.errors == [] and moved.latency_s is not None
        assert moved.figures["heatmap_map_Ws"] != first.figures["heatmap_map_Ws"]
        # The Ws map is the page's first chart, its last chart comes later, script_finished last.
        assert moved.figure_at["heatmap_map_Ws"] <= moved.figure_s <= moved.latency_s

        back = session.set_widget("heatmap_sigma", 0.8)
        # Back at 0.8 the server computes nothing new and may refer to the figure this tab holds
        # (ref_hash): either way it is the first figure, spec for spec, in far fewer bytes.
        assert back.errors == [] and "sigma=0.8" in session.query_string.split("&")
        assert back.figures["heatmap_map_Ws"] == first.figures["heatmap_map_Ws"]
        assert back.bytes < moved.bytes
    finally:
        session.close()


def test_five_protocol_students_and_a_browser_follow_sigma_without_an_error(server):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (./lab test installs it)")
    pytest.importorskip("playwright.async_api")
    # Only looked up, not imported: importing locust monkey-patches this whole test process with gevent.
    if importlib.util.find_spec("locust") is None:
        pytest.skip("locust is not installed (requirements.txt's test tools)")
    from benchmarks.load_test import run_load

    result = run_load(server, 5, seconds=20, trainers=1, browsers=1, train_query=TINY_TRAINING)

    assert result.errors == []
    students = [r for r in result.records if r["kind"] == "heatmap"]
    assert len(students) == 5, result.records
    for student in students:
        assert student["opened"] and student["errors"] == [], student
        assert student["moves"] >= 1, student
        assert student["reruns"] >= student["moves"], student  # every move's run finished
        assert student["changed"] == student["moves"], student  # and changed the heatmap
    # Locust's stats and the students' own records are two tallies of the same moves.
    assert result.row("rerun", "heatmap σ")["requests"] == sum(s["moves"] for s in students)
    assert [r["pressed"] for r in result.records if r["kind"] == "trainer"] == [True]
    assert all(b.repainted for b in result.browsers), [(b.moves, b.latencies_ms) for b in result.browsers]
