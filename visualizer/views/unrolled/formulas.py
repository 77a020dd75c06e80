"""LaTeX for the chapter's equations with concrete step numbers (strings only, no maths)."""

from __future__ import annotations

from core.worked import ForwardStep, GradientStep

_PLUS = {"Ws": r"\frac{\partial^+ s_{%d}}{\partial W_s}", "Wx": r"\frac{\partial^+ s_{%d}}{\partial W_x}"}


def term_latex(t: int, k: int, weight: str) -> str:
    """Term k of dE_t/dW written out as in figures 5.23 and 5.28 (t, k 1-based)."""
    head = rf"\frac{{\partial E_{{{t}}}}}{{\partial y_{{{t}}}}}"
    if weight == "Wy":
        lhs = rf"\frac{{\partial E_{{{t}}}}}{{\partial W_y}}"
        return rf"{lhs} = {head} \frac{{\partial y_{{{t}}}}}{{\partial W_y}}"
    chain = "".join(rf"\frac{{\partial s_{{{j}}}}}{{\partial s_{{{j - 1}}}}}" for j in range(t, k, -1))
    plus = _PLUS[weight] % k
    return rf"\text{{term}}_{{{k}}} = {head} \frac{{\partial y_{{{t}}}}}{{\partial s_{{{t}}}}} {chain} {plus}"


def magnitude_latex(name: str, log10_value: float) -> str:
    """‖name‖ = 10^x, or = 0 for an exactly-zero term."""
    if log10_value == float("-inf"):
        return rf"\lVert {name} \rVert = 0"
    return rf"\lVert {name} \rVert = 10^{{{log10_value:.2f}}}"


def walk_latex(t: int, k: int, weight: str, term_log10: float, running_log10: float) -> str:
    """Term k of dE_t/dW (t, k 1-based), its size, and the size of the sum of terms k..t so far."""
    term = rf"\text{{term}}_{{{k}}}"
    running = rf"\textstyle\sum_{{j={k}}}^{{{t}}}\text{{term}}_j"
    return (
        term_latex(t, k, weight)
        + r"\qquad "
        + magnitude_latex(term, term_log10)
        + r",\quad "
        + magnitude_latex(running, running_log10)
    )


# ------------------------------------------------ the chapter's panel (figures 5.4, 5.5, 5.10, 5.13, 5.15)

F_NAMES = {
    "tanh": r"\tanh",
    "sigmoid": r"\sigma",
    "relu": r"\operatorname{relu}",
    "linear": r"\operatorname{id}",
}
NESTED = 3  # levels of figure 5.5's nesting written out before the rest is left to s_{t-3}


def number(value: float, digits: int = 2) -> str:
    """One number for LaTeX: fixed `digits` decimals while it reads well, else a power of ten.

    A state in the exploding regime (relu, σ_max = 3, T = 12) reaches 1e5; an overflowed one is ∞.
    """
    value = float(value)
    if value != value:  # NaN: an overflow upstream
        return r"\text{NaN}"
    if abs(value) == float("inf"):
        return r"\infty" if value > 0 else r"-\infty"
    if value == 0 or 10.0 ** (-digits) <= abs(value) < 1e4:
        return f"{value:.{digits}f}"
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return rf"{mantissa}\times 10^{{{int(exponent)}}}"


def vector(values: object, digits: int = 2) -> str:
    """A vector (n,) as a transposed row, so four entries fit on one projected line."""
    entries = " & ".join(number(v, digits) for v in values)  # type: ignore[union-attr]
    return rf"\begin{{bmatrix}} {entries} \end{{bmatrix}}^{{\top}}"


def aligned(*rows: str) -> str:
    """Rows of one display, aligned at their first &: long sums stay readable on a projector."""
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def state_latex(t: int, activation: str, step: ForwardStep) -> str:
    """Figure 5.4 at step t (1-based): a_t = Wx x_t + Ws s_{t-1} + b, its three parts, and s_t = f(a_t)."""
    f = F_NAMES[activation]
    parts = " + ".join(vector(v) for v in (step.input_part, step.state_part, step.b))
    return aligned(
        rf"a_{{{t}}} &= W_x x_{{{t}}} + W_s s_{{{t - 1}}} + b",
        rf"&= {parts}",
        rf"&= {vector(step.a)}",
        rf"s_{{{t}}} &= {f}(a_{{{t}}}) = {vector(step.s)}",
    )


def output_latex(t: int, activation: str, step: ForwardStep) -> str:
    """Figure 5.5: y_t written back through the earlier steps (NESTED levels), with its value and target."""
    f = F_NAMES[activation]
    depth = min(t, NESTED)
    inner = rf"W_s s_{{{t - depth}}}"
    for j in range(t - depth + 1, t + 1):  # from the innermost step out to step t
        inner = rf"{f}(W_x x_{{{j}}} + {inner} + b)"
        if j < t:
            inner = rf"W_s {inner}"
    return aligned(
        rf"y_{{{t}}} &= W_y {inner} + b_y",
        rf"&= {vector(step.y)}, \qquad \hat y_{{{t}}} = {vector(step.target)}",
    )


def ffnn_latex(t: int, activation: str, step: ForwardStep) -> str:
    """Figure 5.10: the FFNN's h_t and output beside the RNN's s_t and output, at step t."""
    f = F_NAMES[activation]
    return aligned(
        rf"\text{{FFNN: }} h_{{{t}}} &= {f}(W_x x_{{{t}}} + b) = {vector(step.h_ffnn)}",
        rf"y^{{\text{{FFNN}}}}_{{{t}}} &= W_y h_{{{t}}} + b_y = {vector(step.y_ffnn)}",
        rf"\text{{RNN: }} s_{{{t}}} &= {f}(W_x x_{{{t}}} + W_s s_{{{t - 1}}} + b) = {vector(step.s)}",
        rf"y^{{\text{{RNN}}}}_{{{t}}} &= W_y s_{{{t}}} + b_y = {vector(step.y)}",
    )


def loss_latex(t: int, step_loss: float, loss_steps: list[int], total: float) -> str:
    """Figure 5.15: E_t = ½‖y_t − ŷ_t‖² at step t, and E = Σ E_t over the loss steps (0-based list)."""
    first, last = loss_steps[0] + 1, loss_steps[-1] + 1
    total_sum = rf"E_{{{first}}}" if first == last else rf"\sum_{{t={first}}}^{{{last}}} E_t"
    return (
        rf"E_{{{t}}} = \tfrac12 \lVert y_{{{t}}} - \hat y_{{{t}}} \rVert^2 = {number(step_loss, 3)},"
        rf"\qquad E = {total_sum} = {number(total, 3)}"
    )


def update_latex(weight: str, update: GradientStep) -> str:
    """Figure 5.13 for one weight: the rule with α, ‖∂E/∂W‖, E before → after, and the first-order change."""
    w = {"Ws": "W_s", "Wx": "W_x", "Wy": "W_y"}[weight]
    grad = rf"\frac{{\partial E}}{{\partial {w}}}"
    change = update.loss_after - update.loss_before
    return aligned(
        rf"{w} &\leftarrow {w} - \alpha\,{grad}, \quad \alpha = {update.alpha:g}, \quad "
        rf"\left\lVert {grad} \right\rVert = {number(update.grad_norm, 3)}",
        rf"E &: {number(update.loss_before, 3)} \;\to\; {number(update.loss_after, 3)}, \quad "
        rf"\Delta E = {number(change, 3)}, \quad "
        rf"-\alpha \left\lVert {grad} \right\rVert^2 = {number(update.predicted, 3)}",
    )
