"""Two classical baselines for the RNN, with scikit-learn: character n-grams and function-word rates.

Both are fitted on the documents they are given (in an evaluation: a fold's training
and calibration documents together, since they choose no offsets) and predict one
author per document. The one setting they tune, the logistic regression's inverse
regularisation C, is chosen by an inner cross-validation on those same documents
(balanced accuracy over C_GRID), so no test document influences it: scikit-learn's
default C = 1 is far too strong a penalty for tf-idf features (it leaves Madison's
recall at 0.79 on the Federalist 10-fold), and a baseline held back that way would
flatter the RNN.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from core.authorship.corpus import Document

BASELINES = ("ngram", "function_words")

# Words whose rates told Hamilton from Madison in Mosteller & Wallace (1964), "Inference and Disputed
# Authorship: The Federalist": their famous markers (upon, whilst / while, enough, although, ...) and
# frequent function words among their final discriminators (by, of, on, to, an, also, there, both). A
# short fixed list, as in their study; it is neither tuned here nor grown from the data.
FUNCTION_WORDS = (
    "upon",
    "whilst",
    "while",
    "by",
    "also",
    "an",
    "of",
    "on",
    "there",
    "to",
    "although",
    "enough",
    "both",
    "always",
    "though",
    "consequently",
    "considerable",
    "according",
    "apt",
    "kind",
    "language",
    "particularly",
    "probability",
    "innovation",
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MAX_ITER = 5000  # lbfgs converges in far fewer on these sizes; the cap only guards against a warning loop
C_GRID = (0.1, 1.0, 10.0, 100.0, 1000.0)  # inverse regularisation strengths the inner cross-validation tries
INNER_FOLDS = 4  # inner folds over the fitted documents (fewer when an author has fewer documents)


def word_rates(texts: Sequence[str], words: Sequence[str] = FUNCTION_WORDS) -> np.ndarray:
    """Rates (n_texts, n_words) per 1,000 words of each word in `words`, in lowercase texts."""
    column = {w: j for j, w in enumerate(words)}
    rates = np.zeros((len(texts), len(words)))
    for i, text in enumerate(texts):
        tokens = _WORD.findall(text.lower())
        for token in tokens:
            j = column.get(token)
            if j is not None:
                rates[i, j] += 1.0
        rates[i] *= 1000.0 / max(len(tokens), 1)
    return rates


def _classifier(authors: Sequence[str]) -> LogisticRegression | LogisticRegressionCV:
    """Balanced class weights (Hamilton wrote 51 papers, Madison 14: each author counts the same),
    C chosen by an inner stratified cross-validation when every author has two documents or more."""
    inner = min(INNER_FOLDS, *(list(authors).count(a) for a in set(authors)))
    if inner < 2:
        return LogisticRegression(class_weight="balanced", max_iter=_MAX_ITER)
    return LogisticRegressionCV(
        Cs=list(C_GRID),
        cv=StratifiedKFold(inner, shuffle=True, random_state=0),
        scoring="balanced_accuracy",
        class_weight="balanced",
        max_iter=_MAX_ITER,
        l1_ratios=(0.0,),  # plain L2, said explicitly: scikit-learn 1.10 changes the default
        use_legacy_attributes=False,  # the 1.10 fitted attributes now (only predict is used)
    )


def ngram_model(authors: Sequence[str]) -> Pipeline:
    """Character 1-3-gram tf-idf into a logistic regression, for training documents by `authors`."""
    return make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3)), _classifier(authors))


class FunctionWordModel:
    """Mosteller & Wallace's idea, simply: word rates per 1,000 words, standardised, logistic regression."""

    def __init__(self, words: Sequence[str] = FUNCTION_WORDS) -> None:
        self.words = tuple(words)

    def fit(self, texts: Sequence[str], authors: Sequence[str]) -> FunctionWordModel:
        """Fit on texts (n,) with their authors (n,)."""
        self.pipeline = make_pipeline(StandardScaler(), _classifier(authors))
        self.pipeline.fit(word_rates(texts, self.words), list(authors))
        return self

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """One author (n,) per text."""
        return self.pipeline.predict(word_rates(texts, self.words))


def fit_predict(name: str, train: Sequence[Document], test: Sequence[Document]) -> list[str]:
    """Baseline `name` fitted on the train documents; the predicted author of each test document."""
    if name not in BASELINES:
        raise ValueError(f"unknown baseline {name!r}; choose one of {', '.join(BASELINES)}")
    if len({d.author for d in train}) < 2:
        raise ValueError("a baseline needs training documents of at least two authors")
    authors = [d.author for d in train]
    model = ngram_model(authors) if name == "ngram" else FunctionWordModel()
    model.fit([d.text for d in train], authors)
    return [str(a) for a in model.predict([d.text for d in test])] if test else []
