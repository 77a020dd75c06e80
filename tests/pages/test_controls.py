"""controls.preset_state: a preset puts the whole page into one known state."""

import pytest

from visualizer.app import url_state
from visualizer.app.controls import preset_state

SPECS = {
    "T": url_state.IntParam(60, 1, 500),
    "scale": url_state.FloatParam(1.0, 0.0, 5.0),
    "act": url_state.ChoiceParam("tanh", ("tanh", "linear")),
}


def test_a_preset_resets_every_control_it_does_not_name():
    assert preset_state(SPECS, {"scale": 0.5}) == {"T": 60, "scale": 0.5, "act": "tanh"}
    assert preset_state(SPECS, {"act": "linear"}) == {"T": 60, "scale": 1.0, "act": "linear"}


def test_the_same_preset_gives_the_same_state_whatever_came_before():
    first = preset_state(SPECS, {"T": 30})
    assert first == preset_state(SPECS, {"T": 30}) and first["scale"] == SPECS["scale"].default


def test_a_preset_naming_a_control_the_page_lacks_is_a_bug():
    with pytest.raises(ValueError, match="colour"):
        preset_state(SPECS, {"colour": "red"})
