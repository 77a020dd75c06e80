"""Authorship attribution with a character-level SimpleRNN (the chapter's activity 6, figure 5.35).

Submodules, each importing only those before it: corpus, uploads, windows (the texts and
their windows) <- config (AuthorshipConfig, PRESETS) <- model (weights, logits, scoring,
calibration, predict, gradient_flow) <- data (split, batches, final scoring) <- fit (the
training loop); folds (evaluation folds by document), baselines (character n-grams and
function-word rates, scikit-learn) <- evaluate (the RNN and the baselines on the same folds);
store (writes .npz + JSON) <- io (checked load, list_models) <- cli
(`python -m core.authorship train|predict|evaluate`).
This package re-exports the names other code uses; the submodules import each other
by submodule path, never through this file. core.authorship.evaluate is imported by its
path only, so that importing the package does not import scikit-learn.
"""

from core.authorship.config import BALANCES, LIVE_WINDOWS, PRESETS, READOUTS, SPLITS, AuthorshipConfig
from core.authorship.data import DocumentSplit
from core.authorship.fit import Progress, fit
from core.authorship.model import (
    EVAL_CHUNK,
    AuthorshipParams,
    DocumentPrediction,
    Documents,
    TrainedModel,
    balanced_doc_accuracy,
    calibrate,
    decide,
    document_scores,
    document_windows,
    gradient_flow,
    init_model,
    logits,
    logits_of_inputs,
    predict,
    readout_weights,
    summary,
    window_log_probs,
    window_loss,
)

__all__ = [
    "BALANCES",
    "EVAL_CHUNK",
    "LIVE_WINDOWS",
    "PRESETS",
    "READOUTS",
    "SPLITS",
    "AuthorshipConfig",
    "AuthorshipParams",
    "DocumentPrediction",
    "DocumentSplit",
    "Documents",
    "Progress",
    "TrainedModel",
    "balanced_doc_accuracy",
    "calibrate",
    "decide",
    "document_scores",
    "document_windows",
    "fit",
    "gradient_flow",
    "init_model",
    "logits",
    "logits_of_inputs",
    "predict",
    "readout_weights",
    "summary",
    "window_log_probs",
    "window_loss",
]
