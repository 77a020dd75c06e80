"""LaTeX for the chapter's equations with concrete step numbers (strings only, no maths)."""

from __future__ import annotations

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
