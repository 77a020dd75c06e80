"""The unrolled page's chapter panel without Streamlit: α's control, the verdict, the LaTeX builders."""

import math

import numpy as np

from core.worked import ForwardStep, GradientStep
from visualizer.views.unrolled import formulas, logic
from visualizer.views.unrolled.logic import UnrolledSettings


def test_alpha_is_a_url_control_of_decades_with_01_by_default():
    spec = UnrolledSettings.specs()["alpha"]
    assert UnrolledSettings().alpha == "0.1" and spec.widget == "slider"
    values = [float(a) for a in logic.ALPHAS]
    assert values == sorted(values) and values[0] > 0 and values[-1] >= 3  # a step too large is reachable
    assert UnrolledSettings.from_values({"alpha": "3"}).query()["alpha"] == "3"
    assert "alpha" not in logic.unused_controls("ffnn", "unrolled")
    assert "alpha" in logic.unused_controls("many_to_many", "folded")  # no numbers, no panel


def test_the_verdict_follows_the_numbers():
    assert logic.step_verdict(2.0, 5.0, 4.0) == "fell" and logic.step_verdict(2.0, 5.0, 6.0) == "rose"
    assert logic.step_verdict(2.0, 5.0, 5.0) == "flat" and logic.step_verdict(0.0, 5.0, 5.0) == "no_gradient"
    assert logic.step_verdict(math.inf, 5.0, 4.0) == "overflow"
    assert logic.step_verdict(1.0, 5.0, math.nan) == "overflow"
    assert logic.first_step_is_shared("ffnn", 3) and logic.first_step_is_shared("many_to_many", 1)
    assert not logic.first_step_is_shared("many_to_many", 2)


def test_numbers_read_well_at_every_size():
    assert (
        formulas.number(0.123) == "0.12" and formulas.number(-1.0) == "-1.00" and formulas.number(0) == "0.00"
    )
    assert formulas.number(123456.0) == r"1.23\times 10^{5}"
    assert formulas.number(-0.0004) == r"-4.00\times 10^{-4}"
    assert formulas.number(math.inf) == r"\infty" and formulas.number(math.nan) == r"\text{NaN}"
    assert formulas.vector([1, -2]) == r"\begin{bmatrix} 1.00 & -2.00 \end{bmatrix}^{\top}"


def step_of(values: dict[str, list[float]]) -> ForwardStep:
    arrays = {
        name: np.array(values.get(name, [0.5, -0.25])) for name in ForwardStep._fields if name != "loss"
    }
    return ForwardStep(**arrays, loss=0.75)


def test_figure_5_5_nests_back_three_steps_and_ends_at_s0_early():
    step = step_of({"y": [1.5, -2.0]})
    early = formulas.output_latex(2, "tanh", step)
    assert r"\tanh(W_x x_{2} + W_s \tanh(W_x x_{1} + W_s s_{0} + b) + b)" in early
    late = formulas.output_latex(7, "relu", step)
    assert late.count(r"\operatorname{relu}(") == 3 and r"W_s s_{4} + b" in late and "x_{5}" in late
    assert r"\begin{bmatrix} 1.50 & -2.00 \end{bmatrix}^{\top}" in late
    state = formulas.state_latex(4, "sigmoid", step_of({"a": [3.0, 4.0]}))
    assert r"W_s s_{3}" in state and r"s_{4} &= \sigma(a_{4})" in state and "3.00 & 4.00" in state
    ffnn = formulas.ffnn_latex(1, "linear", step)
    assert r"h_{1} &= \operatorname{id}(W_x x_{1} + b)" in ffnn and r"W_s s_{0}" in ffnn


def test_figures_5_15_and_5_13_write_the_sum_and_the_update():
    assert formulas.loss_latex(3, 0.5, [0, 1, 2, 3], 2.25).endswith(r"E = \sum_{t=1}^{4} E_t = 2.250")
    assert r"E = E_{5} = 1.000" in formulas.loss_latex(5, 1.0, [4], 1.0)  # many-to-one: one loss
    update = GradientStep("Wx", 0.03, np.ones((2, 2)), 2.0, np.zeros(2), np.zeros(2), 5.0, 4.5, -0.12)
    latex = formulas.update_latex("Wx", update)
    assert r"W_x &\leftarrow W_x - \alpha\,\frac{\partial E}{\partial W_x}" in latex
    assert r"\alpha = 0.03" in latex and "5.000 \\;\\to\\; 4.500" in latex
    assert r"\Delta E = -0.500" in latex and r"\right\rVert^2 = -0.120" in latex
