"""Gated recurrent cells (GRU, LSTM) with Keras's layout, and their exact BPTT maps."""

from core.gated.bptt import GatedBPTTResult, bptt, compile_count
from core.gated.cells import CELLS, GRUParams, LSTMParams, forward, init_params

__all__ = [
    "CELLS",
    "GRUParams",
    "GatedBPTTResult",
    "LSTMParams",
    "bptt",
    "compile_count",
    "forward",
    "init_params",
]
