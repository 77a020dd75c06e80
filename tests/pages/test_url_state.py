"""visualizer.app.url_state.parse and the string table: pure functions, no Streamlit run."""

from visualizer.app.i18n import STRINGS, text
from visualizer.app.safe_text import JOINER
from visualizer.app.url_state import (
    MAX_PARAMS,
    MAX_VALUE,
    BoolParam,
    ChoiceParam,
    FloatParam,
    IntParam,
    parse,
)


def english(key: str, **values: object) -> str:
    return text("en", key, **values)


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
    assert english[2] == "act='\\<script\\>' (not one of tanh, relu; using tanh)"  # escaped: shows as typed
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


def test_a_value_longer_than_the_cap_is_not_parsed_and_is_noted():
    # 90 kB of digits would be a valid-looking number to a parser that read it all.
    values, notes = parse({"T": "1" * 90_000, "sigma": "2.5"}, SPECS)
    assert values == {"T": 30, "sigma": 2.5, "act": "tanh"}
    assert [(n.name, n.why, len(n.raw)) for n in notes] == [("T", "long", 40)]
    assert (
        notes[0].describe(english)
        == f"T='{'1' * 40}' (longer than {MAX_VALUE} characters, not read; using 30)"
    )
    values, notes = parse({"T": "1" * MAX_VALUE}, SPECS)  # at the cap it is read (and out of range)
    assert notes[0].why == "range"


def test_unknown_keys_are_named_once_and_shared_keys_are_not():
    values, notes = parse({"T": "40", "lang": "zh", "classroom": "1", "show": "T", "colour": "red"}, SPECS)
    assert values["T"] == 40
    assert [(n.name, n.why) for n in notes] == [("colour", "unknown")]
    assert notes[0].describe(english) == "colour='red' (not a setting of this page; ignored)"
    assert (
        notes[0].describe(lambda key, **v: text("zh", key, **v)) == "colour='red'（不是本页的设置；已忽略）"
    )


def test_only_the_first_parameters_are_read():
    query = {f"k{i}": "x" for i in range(5000)}
    query["T"] = "40"  # past the cap: not read
    values, notes = parse(query, SPECS)
    assert values["T"] == 30
    assert notes[0].why == "count" and notes[0].describe(english) == (
        f"the link has more than {MAX_PARAMS} parameters; the rest were not read"
    )
    assert len(notes) == 1 + MAX_PARAMS  # and each key it did read is named


def test_link_text_in_a_note_is_escaped_names_included():
    _, notes = parse({"act": "[Log in here](https://evil.example/)", "![](https://e.x/p.png)": "1"}, SPECS)
    described = [n.describe(english) for n in notes]
    assert described[0] == (
        f"act='\\[Log in here\\]\\(https{JOINER}\\:\\/\\/evil\\.example\\/\\)' "
        "(not one of tanh, relu; using tanh)"
    )
    assert described[1].startswith(f"\\!\\[\\]\\(https{JOINER}\\:")
