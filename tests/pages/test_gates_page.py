"""The gates page under AppTest: draws, states each preset's lesson on its numbers, follows URLs, trains."""

import dataclasses
import json
import re

import numpy as np
import pytest

from core.gated import compare
from core.training import gates_lab, tasks
from tests.pages.test_pages import plotly_array, start
from visualizer.views import gates
from visualizer.views.gates import settings as gates_settings

PAGE = "pages/gates.py"
CELLS = {"simple_rnn": "SimpleRNN", "gru": "GRU", "lstm": "LSTM"}  # the names on the page, both languages
LESSON = ("Lesson", "要点")


def verdicts(at) -> dict[str, float]:
    """The exponent x of each cell's verdict line "**Cell** · reaches back 10^x …", as the page prints it."""
    found = {}
    for block in at.markdown:
        match = re.match(r"\*\*(SimpleRNN|GRU|LSTM)\*\* · .*?10\^([+−]\d+\.\d)", block.value)
        if match:
            found[match.group(1)] = float(match.group(2).replace("−", "-"))
    return found


def charts(at) -> dict[str, dict]:
    """The page's titled Plotly figures by their title text (JSON specs)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return {spec["layout"]["title"]["text"]: spec for spec in specs if "title" in spec["layout"]}


def chart_with(at, meta_key: str) -> dict:
    """The one figure whose traces carry meta_key in their meta (the accuracy panels, the reach map)."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if any(meta_key in (d.get("meta") or {}) for d in spec["data"]):
            return spec
    raise AssertionError(f"no figure with {meta_key} traces on the page")


def shown_lessons(at) -> list[str]:
    return [info.value for info in at.info if info.value.startswith(LESSON)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_draws_three_maps_on_one_scale_the_cell_path_and_the_decay_in_both_languages(lang):
    at = start({"lang": lang}, page=PAGE)
    assert not at.exception and not at.error
    assert at.title[0].value == (
        "门控为何有效：LSTM 的长路径" if lang == "zh" else "Why gates help: the LSTM's long path"
    )
    specs = charts(at)
    maps = [s for title, s in specs.items() if "‖dE_t/dh_k‖" in title or "‖dE_t/dc_k‖" in title]
    assert len(maps) == 4
    assert len({(s["data"][1]["zmin"], s["data"][1]["zmax"]) for s in maps}) == 1  # one colour scale
    expected = compare.compare(compare.PRESETS["default"])
    for cell, name in CELLS.items():
        spec = next(s for title, s in specs.items() if title.startswith(name) and "dh_k" in title)
        z = plotly_array(spec["data"][1]["z"])
        np.testing.assert_allclose(z, expected[cell].log10_state_grad, rtol=1e-5, atol=1e-5)
    assert len(verdicts(at)) == 3
    assert len(shown_lessons(at)) == 1  # the defaults are the "default" preset


def test_the_verdicts_are_the_cores_reach_of_each_cell():
    at = start({"T": "40"}, page=PAGE)
    expected = compare.compare(dataclasses.replace(compare.PRESETS["default"], n_steps=40))
    shown = verdicts(at)
    for cell, name in CELLS.items():
        assert shown[name] == pytest.approx(expected[cell].reach, abs=0.051)


def press(at, name: str):
    return at.sidebar.button(key=f"gates_preset_{name}").click().run()


def test_default_lesson_on_the_page_the_gated_cells_reach_three_decades_further():
    shown = verdicts(start(page=PAGE))
    assert shown["LSTM"] >= shown["SimpleRNN"] + 3.0 and shown["GRU"] >= shown["SimpleRNN"] + 3.0
    assert -12.5 < shown["SimpleRNN"] < -9.5 and -7.0 < shown["LSTM"] < -5.0  # "about 11", "about 6"


def test_closed_gates_lesson_on_the_page_the_gated_cells_vanish_tens_of_decades_faster():
    shown = verdicts(press(start(page=PAGE), "closed_gates"))
    assert shown["LSTM"] <= shown["SimpleRNN"] - 10.0 and shown["GRU"] <= shown["SimpleRNN"] - 10.0


def test_open_gates_lesson_and_tour_step_on_the_page_within_a_decade_while_the_simple_rnn_vanishes():
    shown = verdicts(press(start(page=PAGE), "open_gates"))
    assert shown["LSTM"] > -1.5 and shown["GRU"] > -1.5  # about a decade at most, over all T − 1 steps
    assert shown["SimpleRNN"] < -9.5
    assert shown["LSTM"] >= shown["SimpleRNN"] + 3.0 and shown["GRU"] >= shown["SimpleRNN"] + 3.0  # the tour


def test_gentle_inputs_lesson_on_the_page_the_simple_rnn_now_reaches_further_than_both():
    shown = verdicts(press(start(page=PAGE), "gentle_inputs"))
    assert shown["SimpleRNN"] >= max(shown["LSTM"], shown["GRU"]) + 2.5  # "by about 3 decades"
    assert -2.5 < shown["SimpleRNN"] < -1.5  # "about 2 decades"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_preset_states_its_own_lesson_and_only_while_its_settings_hold(lang):
    at = start({"lang": lang}, page=PAGE)
    seen = set()
    for name in compare.PRESETS:
        press(at, name)
        assert not at.exception and not at.error
        lessons = shown_lessons(at)
        assert len(lessons) == 1, f"{name}: {lessons}"
        seen.add(lessons[0])
    assert len(seen) == len(compare.PRESETS)
    at.sidebar.slider(key="gates_T").set_value(33).run()  # off the preset: no lesson claimed
    assert not shown_lessons(at)


def test_a_shared_url_restores_the_controls_and_the_url_follows_them():
    # T and H inside the default's buckets (64, 32): the same compiled maps, no new compile.
    at = start(
        {"T": "50", "H": "30", "forget": "2.5", "update": "-1", "loss": "last", "seed": "3"}, page=PAGE
    )
    state = at.session_state
    assert (state["gates_T"], state["gates_H"], state["gates_forget"]) == (50, 30, 2.5)
    assert (state["gates_update"], state["gates_loss"], state["gates_seed"]) == (-1.0, "last", 3)
    assert not at.warning
    at.sidebar.slider(key="gates_T").set_value(33).run()
    assert at.query_params["T"] == "33" and at.query_params["forget"] == "2.5"


def test_a_bad_url_falls_back_with_a_note():
    at = start({"T": "5000", "forget": "open"}, page=PAGE)
    assert not at.exception
    assert at.session_state["gates_T"] == compare.PRESETS["default"].n_steps
    assert "T=" in at.warning[0].value and "forget=" in at.warning[0].value


TINY = dataclasses.replace(gates_lab.PRESETS["default"], n_steps=12, n_hidden=8, steps=30, seed=21)


def tiny_lab(monkeypatch) -> None:
    """Train trains TINY (the page's seed 21 and 30 steps) in place of the core's default lab."""
    monkeypatch.setattr(gates_settings, "LAB_PRESETS", {**gates_lab.PRESETS, "default": TINY})


def test_train_runs_the_three_cells_to_the_end_and_draws_the_cores_numbers(monkeypatch):
    tiny_lab(monkeypatch)
    at = start({"seed": "21", "steps": "30"}, page=PAGE)
    at.button(key="gates_train").click().run()
    job = gates.find(TINY)
    assert job is not None, "pressing train started no job"
    assert job.finished.wait(240), "training did not finish"
    at.run()
    assert not at.exception and not at.error
    spec = chart_with(at, "panel")
    for cell, name in CELLS.items():
        reference = [r.heldout for r in gates_lab.run(TINY, cell)]  # the same run again, outside the page
        measured = [a for a in reference if np.isfinite(a)]
        trace = next(d for d in spec["data"] if d["meta"] == {"cell": name, "panel": "heldout"})
        np.testing.assert_allclose(plotly_array(trace["y"]), measured, rtol=1e-6)
    reach = chart_with(at, "map")
    xs, _ = tasks.heldout("temporal_order", TINY.seed, 1, TINY.n_steps)  # the sequence gates_lab.reach reads
    marked = 1 + np.flatnonzero(xs[0, :, tasks.N_DISTRACTORS :].sum(axis=1) > 0.5)
    lines = sorted({shape["x0"] for shape in reach["layout"]["shapes"]})
    assert lines == marked.tolist() and len(lines) == 2  # the two markers, dotted on both maps
    before = plotly_array(reach["data"][0]["z"])
    for row, cell in enumerate(CELLS):
        expected = gates_lab.reach(TINY, cell, gates_lab.initial_params(TINY, cell))
        np.testing.assert_allclose(before[row], expected, rtol=1e-5)
