"""The views framework without Streamlit running: typed settings, keys, the page registry, the catalog."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from visualizer.app.i18n import STRINGS
from visualizer.app.keys import page_key, widget_key
from visualizer.app.registry import PageInfo
from visualizer.app.settings import Settings, control
from visualizer.app.url_state import BoolParam, ChoiceParam, FloatParam, IntParam, parse
from visualizer.views import catalog

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Toy(Settings):
    page: ClassVar[str] = "toy"
    T: int = control(IntParam(5, 1, 9))
    sigma: float = control(FloatParam(0.5, 0.0, 2.0))
    act: str = control(ChoiceParam("tanh", ("tanh", "relu")))
    on: bool = control(BoolParam(False))


TOY = PageInfo(name="toy", path="pages/toy.py", settings=Toy, presets={"hot": {"sigma": 1.5, "on": True}})


def test_settings_are_typed_frozen_and_default_from_their_specs():
    toy = Toy.from_values({"T": 7.0, "sigma": 1, "on": 1})  # as Streamlit's number widgets may hand them
    assert (toy.T, toy.sigma, toy.act, toy.on) == (7, 1.0, "tanh", True)
    assert type(toy.T) is int and type(toy.sigma) is float and type(toy.on) is bool
    with pytest.raises(dataclasses.FrozenInstanceError):
        toy.T = 3  # type: ignore[misc]
    assert list(Toy.specs()) == ["T", "sigma", "act", "on"]
    with pytest.raises(ValueError, match="no controls"):
        Toy.from_values({"tau": 1})


def test_keys_are_built_in_one_place():
    assert Toy.key("sigma") == widget_key("toy", "sigma") == "toy_sigma"
    assert page_key("toy", "loaded") == "toy__loaded"
    with pytest.raises(KeyError):
        Toy.key("tau")


def test_a_link_is_a_preset_plus_overrides_that_the_url_parser_reads_back_to_the_preset():
    query = TOY.link("hot", T=3)
    assert query == {"sigma": "1.5", "on": "1", "T": "3"}
    values, notes = parse(query, Toy.specs())
    assert not notes and Toy.from_values(values) == dataclasses.replace(TOY.preset("hot"), T=3)
    with pytest.raises(ValueError, match="does not have"):
        TOY.link(tau=1)


def test_a_preset_naming_a_missing_control_is_refused_when_the_page_is_declared():
    with pytest.raises(ValueError, match="does not have"):
        PageInfo(name="toy", path="pages/toy.py", settings=Toy, presets={"bad": {"tau": 1}})
    with pytest.raises(ValueError, match="warm_presets"):
        PageInfo(name="toy", path="pages/toy.py", settings=Toy, warm_presets=("hot",))


def test_the_catalog_names_every_page_file_once_and_every_page_has_a_title():
    paths = [info.path for info in catalog.PAGES]
    assert len(set(paths)) == len(paths) == len(list((ROOT / "pages").glob("*.py")))
    assert all(info.title_key in STRINGS["en"] and info.title_key in STRINGS["zh"] for info in catalog.PAGES)


def test_the_warm_up_covers_every_pages_defaults_and_named_presets():
    names = [name for name, _ in catalog.warm_tasks()]
    warmed = [info for info in catalog.PAGES if info.warm]
    assert names[: len(warmed)] == [f"{info.name} default" for info in warmed]
    assert {"heatmap ffnn", "heatmap exploding", "heatmap sigmoid", "unrolled e3"} <= set(names)
