"""visualizer.views.unrolled without AppTest: settings, snapping, figure arguments, LaTeX and warm-up."""

import math

import pytest

from core.experiment import ExperimentConfig
from visualizer.app.keys import page_key, widget_key
from visualizer.views import unrolled
from visualizer.views.unrolled import chapter, logic
from visualizer.views.unrolled.formulas import magnitude_latex, term_latex, walk_latex
from visualizer.views.unrolled.logic import UnrolledSettings


def test_settings_keep_the_pages_controls_keys_and_defaults():
    assert list(UnrolledSettings.specs()) == [
        "arch", "view", "T", "t", "weight", "k", "sigma", "act", "layers", "window", "seed", "alpha",
    ]  # fmt: skip
    assert UnrolledSettings.key("t") == "unrolled_t" == widget_key("unrolled", "t")
    assert unrolled.WALK == "unrolled__walk" == page_key("unrolled", "walk")
    defaults = UnrolledSettings()
    assert (defaults.arch, defaults.T, defaults.t, defaults.k) == ("many_to_many", 4, 4, 1)
    assert defaults.sigma == 0.9 and defaults.window == 3 and defaults.layers == 2
    assert defaults.config() == ExperimentConfig(n_steps=4, n_hidden=4, sigma_max=0.9)
    typed = UnrolledSettings.from_values({"T": "6", "window": "3"})
    assert typed.T == 6 and isinstance(typed.window, int)


def test_config_follows_the_architecture():
    assert UnrolledSettings(arch="ffnn").config().sigma_max == 0.0  # Ws = 0
    assert UnrolledSettings(arch="one_to_many").config().inputs == "first"
    assert UnrolledSettings(arch="delay").config().inputs == "first_half"
    assert UnrolledSettings(act="relu", seed=7).config() == ExperimentConfig(
        n_steps=4, n_hidden=4, sigma_max=0.9, activation="relu", seed=7
    )


def test_snap_returns_new_settings_with_t_on_a_loss_step_and_k_in_range():
    asked = UnrolledSettings(T=3, t=12, k=12)
    shown = logic.snap(asked)
    assert (shown.t, shown.k) == (3, 3) and (asked.t, asked.k) == (12, 12)  # the asked ones unchanged
    assert logic.snap(UnrolledSettings(arch="many_to_one", T=5, t=2)).t == 5
    assert logic.snap(UnrolledSettings(arch="delay", T=6, t=2, k=9)) == UnrolledSettings(
        arch="delay", T=6, t=4, k=4
    )
    same = UnrolledSettings()
    assert logic.snap(same) == same and not logic.plan(same).snapped


def test_plan_takes_settings_or_control_values():
    by_values = logic.plan({"arch": "one_to_many", "T": 3, "t": 12, "k": 12})
    by_settings = logic.plan(UnrolledSettings(arch="one_to_many", T=3, t=12, k=12))
    assert by_values == by_settings and by_values.snapped
    assert (by_values.t, by_values.k, by_values.selected, by_values.reveal) == (3, 3, 2, 2)
    assert by_values.inputs == [0] and by_values.loss_steps == [0, 1, 2]
    assert by_values.config == by_values.settings.config()
    folded = logic.plan(UnrolledSettings(view="folded"))
    assert folded.folded and not folded.paths


def test_e3_preset_and_the_tours_links_are_the_pages_controls():
    e3 = unrolled.PAGE.preset("e3")
    assert (e3.T, e3.t, e3.k, e3.weight, e3.arch, e3.view) == (3, 3, 1, "Ws", "many_to_many", "unrolled")
    assert unrolled.PAGE.link(arch="tdnn", view="unrolled", T=6, window=3) == {
        "arch": "tdnn", "view": "unrolled", "T": "6", "window": "3",
    }  # fmt: skip
    assert unrolled.PAGE.link(arch="many_to_one", T=5, t=5) == {"arch": "many_to_one", "T": "5", "t": "5"}
    with pytest.raises(ValueError):
        unrolled.PAGE.link(depth=3)


def test_warm_computes_the_default_walk_and_e3s(monkeypatch):
    calls, panels = [], []
    monkeypatch.setattr(unrolled, "walk", lambda *args: calls.append(args))
    monkeypatch.setattr(chapter, "chapter_numbers", lambda *args: panels.append(args))
    unrolled.PAGE.warm(unrolled.PAGE.defaults())
    for preset in unrolled.PAGE.warm_presets:
        unrolled.PAGE.warm(unrolled.PAGE.preset(preset))
    assert calls == [
        (ExperimentConfig(n_steps=4, n_hidden=4, sigma_max=0.9), 3, "Ws"),
        (ExperimentConfig(n_steps=3, n_hidden=4, sigma_max=0.9), 2, "Ws"),
    ]
    config = ExperimentConfig(n_steps=4, n_hidden=4, sigma_max=0.9)
    assert panels[0] == (config, 3, (0, 1, 2, 3), "Ws", 0.1)  # the chapter's panel at its default α
    calls.clear()
    panels.clear()
    unrolled.PAGE.warm(UnrolledSettings(arch="tdnn"))  # structure only: nothing to compute
    assert not calls and not panels


def test_graph_args_give_the_structure_and_with_numbers_the_paths():
    view = logic.plan(UnrolledSettings(T=3, t=3, weight="Wx"))
    numbers = {"state": [-1.0, -0.5, 0.0], "term": [-2.0, -1.0, 0.5], "running": [0.6, 0.5, 0.5]}
    args = logic.graph_args(view, numbers, 1)
    assert args["selected"] == 2 and args["reveal_from"] == 1 and args["weight"] == "Wx"
    assert args["term_log10"] == [-2.0, -1.0, 0.5] and args["layers"] == 1 and args["window"] is None
    short = logic.plan(UnrolledSettings(T=5, t=2))
    padded = logic.graph_args(short, {"state": [0.0, 1.0], "term": [0.0, 1.0]}, 0)["state_log10"]
    assert padded[:2] == [0.0, 1.0] and all(math.isnan(v) for v in padded[2:])
    tdnn = logic.graph_args(logic.plan(UnrolledSettings(arch="tdnn", window=2)), None, 0)
    assert tdnn["window"] == 2 and "selected" not in tdnn
    stacked = logic.graph_args(logic.plan(UnrolledSettings(arch="stacked", layers=3)), None, 0)
    assert stacked["layers"] == 3 and stacked["window"] is None
    assert logic.graph_args(logic.plan(UnrolledSettings(arch="ffnn")), None, 0)["recurrent"] is False


def test_unused_controls_and_the_walks_frames():
    assert logic.unused_controls("many_to_many", "unrolled") == {"layers", "window"}
    assert logic.unused_controls("tdnn", "unrolled") == {
        "layers", "t", "k", "weight", "sigma", "act", "seed", "alpha",
    }  # fmt: skip
    assert logic.walk_steps(0) == [0] and logic.walk_steps(3) == [3, 2, 1, 0]


def test_the_walks_latex_names_term_k_and_both_sizes():
    assert term_latex(3, 3, "Wy").startswith(r"\frac{\partial E_{3}}{\partial W_y}")
    assert r"\frac{\partial s_{3}}{\partial s_{2}}" in term_latex(3, 1, "Ws")
    assert magnitude_latex("a", float("-inf")) == r"\lVert a \rVert = 0"
    latex = walk_latex(3, 1, "Ws", float("-inf"), 0.25)
    assert latex.startswith(term_latex(3, 1, "Ws"))
    assert (
        r"\lVert \text{term}_{1} \rVert = 0" in latex and r"\sum_{j=1}^{3}" in latex and "10^{0.25}" in latex
    )
