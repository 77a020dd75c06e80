"""Keras's SimpleRNN, Dense and Sequential in JAX (layers, sequential), and exercise 24 (stateful).

This package re-exports the layer API so `from core.keras import SimpleRNN` reads as Keras
does; the submodules import each other by submodule path, never through this file.
"""

from core.keras.layers import (
    BIAS_INITIALISERS,
    DENSE_ACTIVATIONS,
    Dense,
    DenseParams,
    Shape,
    SimpleRNN,
    SimpleRNNParams,
    format_shape,
)
from core.keras.sequential import Layer, Sequential, SummaryRow

__all__ = [
    "BIAS_INITIALISERS",
    "DENSE_ACTIVATIONS",
    "Dense",
    "DenseParams",
    "Layer",
    "Sequential",
    "Shape",
    "SimpleRNN",
    "SimpleRNNParams",
    "SummaryRow",
    "format_shape",
]
