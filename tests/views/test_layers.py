"""visualizer.views.layers without Streamlit running: settings, presets, links, warm-up and pure decisions."""

import pytest

from core.keras.stateful import StatefulConfig
from visualizer.views import layers
from visualizer.views.layers import cache, logic
from visualizer.views.layers.logic import LayersSettings


def tr(key: str, **values: object) -> str:
    """A stand-in translator: the key and its values, so a test sees what was asked for."""
    return key + "".join(f" {name}={value}" for name, value in sorted(values.items()))


def test_the_defaults_are_the_chapters_exercise_23_and_a_short_exercise_24():
    settings = layers.PAGE.defaults()
    assert isinstance(settings, LayersSettings)
    assert settings.model() == (64, 10, 100, False, False)
    assert (settings.stack_seq, settings.backwards, settings.unroll) == (True, False, False)
    assert settings.config() == StatefulConfig(epochs=20, n_seeds=5)
    assert settings.n_runs() == 2 * 5


def test_settings_keep_todays_widget_keys():
    assert LayersSettings.key("input_dim") == "layers_input_dim"
    assert list(LayersSettings.specs()) == [
        "units",
        "T",
        "input_dim",
        "seq",
        "state",
        "stack_seq",
        "backwards",
        "unroll",
        "epochs",
        "seeds",
        "shuffle",
    ]


def test_values_from_a_widget_come_back_typed():
    settings = LayersSettings.from_values({"units": 32.0, "seq": 1, "shuffle": 0})
    assert settings.units == 32 and isinstance(settings.units, int)
    assert settings.seq is True and settings.shuffle is False


@pytest.mark.parametrize(("preset", "steps", "seq"), [("ex23", 10, False), ("ex23_seq", 10, True)])
def test_the_exercise_23_presets_set_the_whole_model(preset, steps, seq):
    assert layers.PAGE.preset(preset).model() == (64, steps, 100, seq, False)


def test_presets_put_every_other_control_back_to_its_default():
    stack = layers.PAGE.preset("stack_error")
    assert stack == LayersSettings(stack_seq=False)
    shuffled = layers.PAGE.preset("shuffle")
    assert shuffled.shuffle and shuffled.n_runs() == 3 * 5 and shuffled.stack_seq
    assert layers.PAGE.preset("ex23_1000").model() == (64, 1000, 100, True, False)
    assert set(layers.PAGE.presets) == {"ex23", "ex23_seq", "ex23_1000", "stack_error", "shuffle"}


def test_the_tours_links_name_this_pages_controls():
    assert layers.PAGE.link(units=64, T=1000, input_dim=100) == {
        "units": "64",
        "T": "1000",
        "input_dim": "100",
    }
    assert layers.PAGE.link(shuffle=False, epochs=20) == {"shuffle": "0", "epochs": "20"}
    with pytest.raises(ValueError, match="timesteps"):
        layers.PAGE.link(timesteps=10)


def test_the_warm_up_trains_exercise_24_on_the_defaults(monkeypatch):
    calls = []
    monkeypatch.setattr(cache, "stateful_arms", lambda *args: calls.append(args))
    layers.PAGE.warm(layers.PAGE.defaults())
    assert calls == [(20, 5, False)]


def test_the_keras_code_shows_the_chosen_settings():
    code = logic.exercise_23_source(LayersSettings(units=32, T=500, input_dim=20, seq=True))
    assert "SimpleRNN(32, input_shape=(500, 20)," in code
    assert "return_sequences=True, return_state=False))" in code
    assert code.endswith("model.summary()")
    assert "return_sequences=False))" in logic.stack_source(False)


def test_the_layout_is_in_order_unless_shuffled_and_the_shuffle_is_fixed():
    assert logic.layout_order(6, False) == [0, 1, 2, 3, 4, 5]
    shuffled = logic.layout_order(6, True)
    assert sorted(shuffled) == list(range(6)) and shuffled != list(range(6))
    assert shuffled == logic.layout_order(6, True) and all(isinstance(c, int) for c in shuffled)


def test_the_wrong_rule_is_crossed_out_only_in_batch_order():
    assert logic.layout_labels(False, tr)["wrong"] == "layers.layout.wrong"
    assert "wrong" not in logic.layout_labels(True, tr)
    assert set(logic.layout_labels(True, tr)) == {"title", "batch", "sample"}


def test_worked_rows_count_steps_from_one():
    assert logic.worked_rows([4.0, 3.0], [4.0, 5.0]) == [(1, 4.0, 4.0), (2, 3.0, 5.0)]
    with pytest.raises(ValueError):
        logic.worked_rows([1.0], [1.0, 2.0])


def test_the_verdict_names_the_shuffled_arm_only_when_it_ran():
    two = logic.verdict([0.13, 0.01], 5, tr)
    assert two == "layers.experiment.verdict n=5 stateful=0.01 stateless=0.13"
    three = logic.verdict([0.13, 0.01, 0.2], 5, tr)
    assert three == two + " layers.experiment.verdict_shuffled shuffled=0.2"


def test_figure_labels_come_from_the_settings_and_the_string_table():
    labels = logic.shape_labels(LayersSettings(units=8, T=3, input_dim=2), tr)
    assert labels["layer"] == "SimpleRNN(8)" and labels["title"] == "layers.shapes.figure I=2 T=3 units=8"
    assert logic.arm_labels(["stateless", "shuffled"], tr) == ["layers.arm.stateless", "layers.arm.shuffled"]
