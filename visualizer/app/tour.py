"""The chapter tour's steps: each opens a page on the settings that make the step's point."""

from __future__ import annotations

from collections.abc import Callable

# (string key, the chapter's figures or "" for a section without figures, page, its URL settings),
# in the chapter's order. A step without figures is labelled by its section ("tour.section.<key>").
STEPS = [
    (
        "tdnn",
        "5.1–5.3, 5.6–5.8",
        "pages/unrolled.py",
        {"arch": "tdnn", "view": "unrolled", "T": "6", "window": "3"},
    ),
    ("ffnn", "5.9–5.10", "pages/heatmap.py", {"sigma": "0.0", "T": "30", "act": "tanh"}),
    ("architectures", "5.11–5.12", "pages/unrolled.py", {"arch": "many_to_one", "T": "5", "t": "5"}),
    ("e3", "5.4–5.5, 5.13–5.29", "pages/unrolled.py", {"T": "3", "t": "3", "weight": "Ws", "k": "1"}),
    ("vanishing", "", "pages/heatmap.py", {"act": "tanh", "sigma": "0.8", "T": "60"}),
    ("exploding", "", "pages/heatmap.py", {"act": "linear", "sigma": "1.3", "T": "60"}),
    ("regime", "", "pages/regime.py", {"act": "tanh"}),
    ("clipping", "", "pages/clipping.py", {"task": "temporal_order", "sigma": "1.1", "theta": "1"}),
    ("parameters", "5.30–5.32", "pages/layers.py", {"units": "64", "T": "1000", "input_dim": "100"}),
    ("stateful", "5.33–5.34", "pages/layers.py", {"shuffle": "0", "epochs": "20"}),
    (
        "federalist",
        "5.35",
        "pages/authorship.py",
        {"corpus": "federalist", "window": "100", "readout": "mean"},
    ),
]


def label(key: str, figures: str, t: Callable[..., str]) -> str:
    """Where a step sits in the chapter, in the page's language: its figures, or else its section."""
    return t("tour.figures", figures=figures) if figures else t(f"tour.section.{key}")
