"""visualizer.app.url_state.parse and the string table: pure functions, no Streamlit run."""

from visualizer.app.i18n import STRINGS, text
from visualizer.app.url_state import BoolParam, ChoiceParam, FloatParam, IntParam, parse

SPECS = {
    "T": IntParam(30, 1, 500),
    "sigma": FloatParam(1.0, 0.0, 3.0),
    "act": ChoiceParam("tanh", ("tanh", "relu")),
}


def test_good_values_are_read_and_missing_ones_default():
    values, notes = parse({"T": "120", "sigma": "2.5"}, SPECS)
    assert values == {"T": 120, "sigma": 2.5, "act": "tanh"}
    assert notes == []


def test_bad_values_fall_back_with_a_note_each():
    values, notes = parse({"T": "9999", "sigma": "nan", "act": "<script>"}, SPECS)
    assert values == {"T": 30, "sigma": 1.0, "act": "tanh"}
    assert [n.why for n in notes] == ["range", "range", "choice"]
    english = [n.describe(lambda key, **v: text("en", key, **v)) for n in notes]
    assert english[0] == "T='9999' (outside 1..500; using 30)"
    assert english[2] == "act='<script>' (not one of tanh, relu; using tanh)"
    chinese = notes[0].describe(lambda key, **v: text("zh", key, **v))
    assert chinese == "T='9999'（不在 1..500 范围内；改用 30）"


def test_wrong_types_and_huge_values_fall_back():
    values, notes = parse({"T": "12.5", "sigma": "1e400"}, SPECS)
    assert values["T"] == 30 and values["sigma"] == 1.0
    assert [n.why for n in notes] == ["integer", "range"]  # 1e400 parses, to inf
    _, long_notes = parse({"act": "x" * 10_000}, SPECS)
    assert len(long_notes[0].describe(lambda key, **v: text("en", key, **v))) < 200  # no flooding


def test_every_string_has_a_chinese_entry():
    assert set(STRINGS["en"]) == set(STRINGS["zh"])
    assert all(STRINGS["zh"][key].strip() for key in STRINGS["zh"])


def test_bool_params_read_one_zero_and_words_and_reject_the_rest():
    specs = {"seq": BoolParam(False), "state": BoolParam(True)}
    values, notes = parse({"seq": "1", "state": "False"}, specs)
    assert values == {"seq": True, "state": False} and not notes
    values, notes = parse({"seq": "maybe"}, specs)
    assert values == {"seq": False, "state": True} and notes[0].name == "seq" and notes[0].why == "bool"
