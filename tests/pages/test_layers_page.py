"""The layers page under AppTest: both languages, the chapter's summaries, URL round-trip, clear errors."""

import json
import string

import numpy as np
import pytest

from tests.pages.test_pages import plotly_array, start
from visualizer.app.downloads import numbers_json
from visualizer.app.i18n import STRINGS as MERGED
from visualizer.figures.layers import BROKEN_COLOR
from visualizer.locales.layers import STRINGS
from visualizer.views.layers import cache as layers_cache

PAGE = "pages/layers.py"
SHAPES, WORKED, LAYOUT, BOX, POSITION = range(5)  # the page's charts, in order


def chart(at, index: int) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def summary_text(at) -> str:
    (text,) = [c.value for c in at.code if "Total params" in c.value and "dense_2 (Dense)" in c.value]
    return text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_layers_page_renders_in_both_languages(lang):
    at = start({"lang": lang}, page=PAGE)
    assert not at.exception
    assert not at.error
    expected = (
        "Keras SimpleRNN：形状、共享权重与有状态训练" if lang == "zh" else "The Keras SimpleRNN: shapes"
    )
    assert at.title[0].value.startswith(expected)
    assert len(at.get("plotly_chart")) == 5
    assert len(at.get("page_link")) == 3 and len(at.get("download_button")) == 1


@pytest.mark.parametrize("timesteps", [10, 1000])
@pytest.mark.parametrize("seq", [False, True])
def test_summary_shows_the_chapters_numbers(timesteps, seq):
    at = start({"T": str(timesteps), "seq": str(int(seq))}, page=PAGE)
    text = summary_text(at)
    lines = {line.split()[0]: line for line in text.splitlines() if line.startswith(("simple_rnn", "dense"))}
    steps = f"{timesteps}, " if seq else ""  # figure 5.30 without, 5.31 / 5.32 with return_sequences
    assert f"(None, {steps}64)" in lines["simple_rnn_1"] and lines["simple_rnn_1"].endswith("10560")
    assert f"(None, {steps}64)" in lines["dense_1"] and lines["dense_1"].endswith("4160")
    assert f"(None, {steps}100)" in lines["dense_2"] and lines["dense_2"].endswith("6500")
    assert "Total params: 21,220" in text
    assert "21,220" in at.success[0].value and f"{timesteps:,}" in at.success[0].value


def test_moving_timesteps_changes_shapes_but_not_param_counts():
    at = start({"seq": "1"}, page=PAGE)
    before = summary_text(at)
    at.sidebar.slider(key="layers_T").set_value(250).run()
    after = summary_text(at)
    assert "(None, 10, 64)" in before and "(None, 250, 64)" in after
    counts = [line.split()[-1] for line in after.splitlines() if line.startswith(("simple_rnn", "dense"))]
    assert counts == ["10560", "4160", "6500"]
    assert at.query_params["T"] == "250"
    boxes = [a["text"] for a in chart(at, SHAPES)["layout"]["annotations"] if a.get("text")]
    assert "(None, 250, 100)" in boxes and "output (None, 250, 64)" in boxes


def test_a_shared_url_restores_every_control():
    query = {
        "units": "32",
        "T": "500",
        "input_dim": "20",
        "seq": "1",
        "state": "1",
        "stack_seq": "0",
        "backwards": "1",
        "unroll": "1",
        "epochs": "10",
        "seeds": "3",
        "shuffle": "1",
    }
    at = start(query, page=PAGE)
    assert not at.exception
    (note,) = at.warning  # the layout's note on shuffling; no URL setting fell back
    assert note.value.startswith("Shuffled")
    state = at.session_state
    assert (state["layers_units"], state["layers_T"], state["layers_input_dim"]) == (32, 500, 20)
    assert all(state[f"layers_{k}"] for k in ("seq", "state", "backwards", "unroll", "shuffle"))
    assert not state["layers_stack_seq"]
    assert (state["layers_epochs"], state["layers_seeds"]) == (10, 3)
    assert {k: at.query_params[k] for k in query} == query  # and the URL is written back unchanged
    assert "simple_rnn_1 (SimpleRNN)     [(None, 500, 32), (None, 32)]" in summary_text(at)
    assert summary_text(at).splitlines()[3].endswith(str(32 * (20 + 32) + 32))  # U(I + U) + U
    boxes = chart(at, BOX)["data"]
    assert len(boxes) == 3 and all(len(plotly_array(b["y"])) == 3 for b in boxes)


def test_a_malformed_url_falls_back_with_a_visible_note():
    at = start({"T": "5000", "seq": "maybe", "units": "x"}, page=PAGE)
    assert not at.exception
    assert at.warning and "T=" in at.warning[0].value and "seq=" in at.warning[0].value
    assert (at.session_state["layers_T"], at.session_state["layers_seq"]) == (10, False)
    assert "Total params: 21,220" in summary_text(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stacking_without_return_sequences_shows_the_error_clearly(lang):
    at = start({"lang": lang}, page=PAGE)
    assert not at.error
    at.sidebar.button(key="layers_preset_stack_error").click().run()
    assert not at.exception
    (error,) = at.error
    assert "expected ndim=3, found ndim=2" in error.value and "return_sequences=True" in error.value
    assert error.value.startswith("无法构建这个模型" if lang == "zh" else "This model cannot be built")
    at.sidebar.toggle(key="layers_stack_seq").set_value(True).run()
    assert not at.error


def test_go_backwards_reads_reversed_and_returns_in_reading_order():
    at = start(page=PAGE)
    forward = chart(at, WORKED)["data"][0]["cells"]["values"]
    assert forward[1] == ["1.0000", "2.0000", "3.0000", "4.0000"]
    assert forward[2] == ["1.0000", "2.5000", "4.2500", "6.1250"]  # s_t = x_t + 0.5 s_(t-1), by hand
    at.sidebar.toggle(key="layers_backwards").set_value(True).run()
    cells = chart(at, WORKED)["data"][0]["cells"]["values"]
    assert cells[1] == ["4.0000", "3.0000", "2.0000", "1.0000"]
    assert cells[2] == ["4.0000", "5.0000", "4.5000", "3.2500"]  # not flipped back
    at.sidebar.toggle(key="layers_unroll").set_value(True).run()
    assert chart(at, WORKED)["data"][0]["cells"]["values"][2] == cells[2]
    assert any("unroll=False: 0.0e+00" in c.value for c in at.caption)


def test_presets_reach_figure_5_32_and_the_shuffled_mistake():
    at = start(page=PAGE)
    at.sidebar.button(key="layers_preset_ex23_1000").click().run()
    assert "(None, 1000, 100)" in summary_text(at)
    assert at.query_params["T"] == "1000" and at.query_params["seq"] == "1"
    before = chart(at, BOX)["data"]
    at.sidebar.button(key="layers_preset_shuffle").click().run()
    after = chart(at, BOX)["data"]
    assert len(before) == 2 and len(after) == 3
    np.testing.assert_array_equal(plotly_array(after[0]["y"]), plotly_array(before[0]["y"]))  # stateless
    assert np.median(plotly_array(after[2]["y"])) > 2 * np.median(plotly_array(after[1]["y"]))
    assert at.warning  # the layout's note on shuffling
    arrows = [a for a in chart(at, LAYOUT)["layout"]["annotations"] if a.get("showarrow")]
    assert BROKEN_COLOR in {a["arrowcolor"] for a in arrows}  # the diagram shows the broken hand-overs


def test_links_open_the_unrolled_architectures():
    at = start({"lang": "zh"}, page=PAGE)
    links = at.get("page_link")
    assert [link.proto.page for link in links] == ["unrolled"] * 3
    assert [link.proto.query_string for link in links] == [
        "arch=many_to_one&lang=zh",
        "arch=many_to_many&lang=zh",
        "arch=stacked&lang=zh",
    ]


def test_classroom_mode_hides_the_explanations():
    at = start({"classroom": "1", "show": "T"}, page=PAGE)
    assert not at.exception
    assert not at.markdown or all("exercise 23 and read" not in m.value for m in at.markdown)
    assert [s.key for s in at.sidebar.slider] == ["layers_T"]
    assert "Total params: 21,220" in summary_text(at)


def test_the_string_table_has_the_same_keys_and_placeholders_in_both_languages():
    assert STRINGS["en"].keys() == STRINGS["zh"].keys()
    assert all(key.startswith("layers.") for key in STRINGS["en"])
    fields = {
        lang: {k: {f for _, f, _, _ in string.Formatter().parse(v) if f} for k, v in table.items()}
        for lang, table in STRINGS.items()
    }
    assert fields["en"] == fields["zh"]
    assert all(value.strip() for value in STRINGS["zh"].values())
    assert all(MERGED[lang][key] == value for lang in STRINGS for key, value in STRINGS[lang].items())


def test_every_panels_numbers_download_as_json():
    numbers = {
        "summary": layers_cache.summary(64, 10, 100, True, True),
        "shapes": layers_cache.shapes(64, 10, 100),
        "stacked": layers_cache.stacked(False),
        "worked_example": layers_cache.worked_example(True, True),
        "stateful": layers_cache.stateful_arms(20, 5, False),
    }
    document = json.loads(numbers_json(numbers))
    assert document["summary"]["total"] == 21_220
    assert document["shapes"]["outputs"][3] == [[None, 10, 64], [None, 64]]
    assert (
        document["worked_example"]["output"] == [4.0, 5.0, 4.5, 3.25]
        and document["worked_example"]["unroll_gap"] == 0
    )
    assert len(document["stateful"]["test_rmse"]) == 2 and len(document["stateful"]["test_rmse"][0]) == 5


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_says_which_keras_shuffle_the_experiment_uses(lang):
    # The stateless arm permutes whole batches: Keras's shuffle="batch", not its default shuffle=True.
    what, shuffled = STRINGS[lang]["layers.experiment.what"], STRINGS[lang]["layers.layout.shuffled"]
    assert 'shuffle="batch"' in what and "shuffle=True" in what and 'shuffle="batch"' in shuffled
    assert "Keras's default)" not in what and "按 Keras 默认打乱" not in what
    assert ("batch order" if lang == "en" else "批次顺序") in STRINGS[lang]["layers.arm.shuffled"]


# ---------------------------------------------------------------- the presets' lessons, on the numbers shown


def param_counts(at) -> tuple[dict[str, int], int]:
    """Param # per layer and the total, read from the summary the page prints."""
    text = summary_text(at)
    rows = {
        line.split()[0]: int(line.split()[-1].replace(",", ""))
        for line in text.splitlines()
        if line.startswith(("simple_rnn", "dense"))
    }
    (total,) = [int(ln.split()[-1].replace(",", "")) for ln in text.splitlines() if "Total params" in ln]
    return rows, total


def press(at, preset: str):
    return at.sidebar.button(key=f"layers_preset_{preset}").click().run()


def test_exercise_23_presets_show_the_chapters_param_counts_independent_of_t():
    # By hand: SimpleRNN U(I + U) + U, Dense I·U + U, for U = 64, I = 100, then Dense(64) -> Dense(100).
    units, dim = 64, 100
    expected = {
        "simple_rnn_1": units * (dim + units) + units,  # 10,560
        "dense_1": units * 64 + 64,  # 4,160
        "dense_2": 64 * 100 + 100,  # 6,500
    }
    at = start({"units": "7", "T": "3"}, page=PAGE)  # start elsewhere: the preset must set everything
    for preset, steps in (("ex23", 10), ("ex23_seq", 10), ("ex23_1000", 1000)):
        press(at, preset)
        assert not at.exception and not at.error
        rows, total = param_counts(at)
        assert rows == expected and total == sum(expected.values()) == 21_220, preset
        assert f"Total params: {total:,} at timesteps = {steps:,}" in at.success[0].value


def test_the_return_sequences_preset_adds_the_time_axis_to_every_shape():
    at = press(start(page=PAGE), "ex23_seq")
    text = summary_text(at)
    assert "(None, 10, 64)" in text and "(None, 10, 100)" in text
    boxes = [a["text"] for a in chart(at, SHAPES)["layout"]["annotations"] if a.get("text")]
    assert "output (None, 10, 64)" in boxes  # the highlighted row of the shapes figure
    press(at, "ex23")
    assert "(None, 64)" in summary_text(at) and "(None, 10, 64)" not in summary_text(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_after_the_stacking_error_every_other_preset_shows_no_error(lang):
    at = start({"lang": lang, "epochs": "5", "seeds": "2"}, page=PAGE)
    for other in ("ex23", "ex23_seq", "ex23_1000", "shuffle"):
        press(at, "stack_error")
        (error,) = at.error
        assert "expected ndim=3, found ndim=2" in error.value and "return_sequences=True" in error.value
        press(at, other)
        assert not at.exception
        assert not at.error, (other, [e.value for e in at.error])
        assert at.session_state["layers_stack_seq"] is True


def test_the_shuffle_preset_loses_the_stateful_advantage_on_every_seed():
    at = press(start(page=PAGE), "shuffle")
    boxes = chart(at, BOX)["data"]
    stateless, stateful, shuffled = (plotly_array(b["y"]) for b in boxes)
    assert len(stateless) == at.session_state["layers_seeds"] == 5
    # Each seed on its own, with a margin: carrying the state cuts the error at least 4-fold (about 15x
    # measured), and shuffling the batches gives back most of it (at least 4x the stateful error).
    assert np.all(stateful * 4 < stateless), (stateful, stateless)
    assert np.all(shuffled > 4 * stateful), (shuffled, stateful)
    # The "why" text: past the first steps of a sample the shuffled state is worse than no state.
    lines = chart(at, POSITION)["data"]
    by_step = {line["name"]: plotly_array(line["y"]) for line in lines}
    none, wrong = by_step["stateless"], by_step["stateful, batch order shuffled"]
    assert wrong[0] < none[0] / 2 and np.all(wrong[-3:] > 1.2 * none[-3:]), (wrong, none)
