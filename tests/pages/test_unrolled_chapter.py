"""The unrolled page's panel "the chapter's equations, live" under AppTest, in both languages.

Every number the panel shows is read back from its LaTeX and its bars and checked against a forward
pass and a gradient written here in jax.numpy on the page's own network (build(config)), which shares
no code with core.worked. The page runs in float32 and prints three decimals: hence the tolerances.
"""

import json
import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from core.experiment import build
from tests.pages.click_everything import open_page
from visualizer.app.i18n import text
from visualizer.views.unrolled import logic

PAGE = "pages/unrolled.py"


def reference(query: dict[str, str]) -> dict[str, object]:
    """The page's network by hand: y_t at every step, E before, ∂E/∂W and E after one step of α."""
    view = logic.plan(logic.UnrolledSettings.from_values(query))
    params, xs, targets = (jax.tree.map(lambda a: np.asarray(a, np.float64), v) for v in build(view.config))
    weight, alpha = view.settings.weight, float(view.settings.alpha)
    f = {"tanh": jnp.tanh, "relu": jax.nn.relu}[view.settings.act]

    def outputs(w):
        p = params._replace(**{weight: w})
        s, ys = jnp.zeros(4), []
        for x in xs:
            s = f(p.Wx @ x + p.Ws @ s + p.b)
            ys.append(p.Wy @ s + p.by)
        return jnp.stack(ys)

    def loss(w):
        per_step = 0.5 * jnp.sum((outputs(w) - targets) ** 2, axis=1)
        return per_step[jnp.asarray(view.loss_steps)].sum()

    w = getattr(params, weight)
    g = np.asarray(jax.grad(loss)(w))
    return {
        "view": view,
        "ys": np.asarray(outputs(w)),
        "before": float(loss(w)),
        "after": float(loss(w - alpha * g)),
        "norm": float(np.linalg.norm(g)),
    }


def panel(at) -> dict[str, object]:
    """What the panel shows: its LaTeX by figure, the notes and the bar chart's traces."""
    latex = [e.value for e in at.get("latex")][1:]  # the first is the walk's term under the graph
    (chart,) = [c for c in at.get("plotly_chart") if c.proto.id and "chapter_losses" in c.proto.id]
    return {"latex": dict(zip(("5.4", "5.5", "5.10", "5.15", "5.13"), latex, strict=True)), "bars": chart}


def numbers_after(latex: str, marker: str) -> list[float]:
    """The numbers in `latex` after `marker` (LaTeX minus signs included), in order."""
    return [float(v) for v in re.findall(r"-?\d+\.\d+", latex.split(marker, 1)[1])]


def said(lang: str, verdict: str, shown: str, **known: str) -> bool:
    """Whether `shown` is the verdict's sentence in `lang`, with the `known` values and numbers elsewhere."""
    pattern = ""
    for i, part in enumerate(re.split(r"\{(\w+)\}", text(lang, f"chapter.verdict.{verdict}"))):
        if i % 2 == 0:  # the sentence's own words
            pattern += re.escape(part)
        elif part in known:
            pattern += re.escape(known[part])
        else:  # a number, or the weight's name
            pattern += r"W[sxy]" if part == "weight" else r"-?[0-9.e+]+"
    return re.fullmatch(pattern, shown) is not None


def clean(at, what: str) -> None:
    assert not at.exception, f"{what}: {[e.value for e in at.exception]}"
    assert not at.error, f"{what}: {[e.value for e in at.error]}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_panel_shows_cores_numbers_and_a_small_alpha_lowers_e_a_large_one_raises_it(lang):
    query = {"T": "4", "t": "3", "weight": "Ws"}
    at = open_page(PAGE, lang, query)
    clean(at, "defaults")
    assert [e.label for e in at.expander] == [text(lang, "chapter.title")]
    shown = panel(at)
    ref = reference(query)
    np.testing.assert_allclose(numbers_after(shown["latex"]["5.5"], "b_y")[:2], ref["ys"][2], atol=6e-3)
    rnn_y = numbers_after(shown["latex"]["5.10"], r"y^{\text{RNN}}_{3}")
    np.testing.assert_allclose(rnn_y, ref["ys"][2], atol=6e-3)
    norm, before, after, *_ = numbers_after(shown["latex"]["5.13"], r"\right\rVert =")
    assert norm == pytest.approx(ref["norm"], abs=2e-3) and before == pytest.approx(ref["before"], abs=2e-3)
    assert after == pytest.approx(ref["after"], abs=2e-3) and after < before - 0.1  # α = 0.1 helps
    assert numbers_after(shown["latex"]["5.15"], "E =")[-1] == pytest.approx(ref["before"], abs=2e-3)
    assert len(at.success) == 1 and said(lang, "fell", at.success[0].value, alpha="0.1")
    assert not at.warning

    at.select_slider(key="unrolled_alpha").set_value("3").run()  # too large: the step overshoots
    clean(at, "alpha 3")
    ref = reference(query | {"alpha": "3"})
    norm, before, after, *_ = numbers_after(panel(at)["latex"]["5.13"], r"\right\rVert =")
    assert after == pytest.approx(ref["after"], abs=2e-3) and after > before + 0.1 and ref["after"] > before
    (warning,) = at.warning
    assert said(lang, "rose", warning.value, alpha="3")
    assert not at.success
    assert at.session_state["unrolled_alpha"] == "3"


def test_the_bars_are_the_loss_steps_of_the_architecture():
    at = open_page(PAGE, "en", {"arch": "many_to_one", "T": "5", "t": "5", "weight": "Wy"})
    clean(at, "many-to-one")
    figure = json.loads(panel(at)["bars"].proto.spec)
    before, after = (tr["y"] for tr in figure["data"])
    assert [v is None for v in before] == [True] * 4 + [False]  # E_1..E_4 carry no loss here
    ref = reference({"arch": "many_to_one", "T": "5", "t": "5", "weight": "Wy"})
    assert before[4] == pytest.approx(ref["before"], rel=1e-5) and after[4] == pytest.approx(
        ref["after"], rel=1e-5
    )
    assert r"E = E_{5}" in panel(at)["latex"]["5.15"]


def test_ffnn_and_step_one_say_the_outputs_coincide_and_classroom_hides_the_explanation():
    lang = "en"
    at = open_page(PAGE, lang, {"arch": "ffnn", "T": "4", "t": "3"})
    clean(at, "ffnn")
    assert text(lang, "chapter.same_ffnn") in [c.value for c in at.caption]
    latex = panel(at)["latex"]["5.10"]
    ffnn, rnn = numbers_after(latex, r"y^{\text{FFNN}}_{3}"), numbers_after(latex, r"y^{\text{RNN}}_{3}")
    assert ffnn[:2] == rnn[:2]  # the same two printed numbers, with Ws = 0
    lang = "zh"
    at = open_page(PAGE, lang, {"T": "4", "t": "1", "classroom": "1"})
    clean(at, "t = 1, projected")
    assert text(lang, "chapter.same_at_one") in [c.value for c in at.caption]
    assert text(lang, "chapter.what") not in [m.value for m in at.markdown]
    assert at.select_slider(key="unrolled_alpha").value == "0.1"  # the control stays in the classroom
