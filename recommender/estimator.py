"""The estimators: two scikit-learn pipelines (glass-box and boosting), the project's own
transformer, and the fitted model that gives probabilities in tier order.

- glassbox: multinomial logistic regression on imputed (+ missing indicators), standardised
  features, prev_status one-hot. Contributions are exact: coef * (z - z_reference), summed per
  raw feature, add up to each tier's logit minus the logit at the reference row.
- boosting: HistGradientBoostingClassifier (native missing values, prev_status ordinal).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, OneHotEncoder, OrdinalEncoder,
                                   StandardScaler)
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

from warehouse.errors import S301Error
from warehouse.vocab import TIER_RANK, TIERS

from .features import (CATEGORICAL, FEATURE_NAMES, LOG_FEATURES, NUMERIC, PREV_STATUS_LEVELS, TEXT_FEATURES,
                       typed)

LEARNERS = ("glassbox", "boosting")
MISSING_CLASS_FLOOR = 1e-3  # probability given to a tier never seen in training, before renormalising
# glass-box settings: L2 strength, and the scale of the previous-status one-hot columns (x3 = a 9x
# weaker penalty on them, i.e. a stronger prior that the status persists when few years are known)
GLASSBOX_C = 0.1
PRIOR_SCALE = 3.0


def build_pipeline(learner: str) -> Pipeline:
    """An unfitted pipeline for `learner` (glassbox or boosting)."""
    if learner == "glassbox":
        def scaled(*steps, scaler=None):
            return Pipeline([*steps,
                             ("impute", SimpleImputer(strategy="median", add_indicator=True,
                                                      keep_empty_features=True)),
                             ("scale", scaler or StandardScaler())])
        log1p = ("log1p", FunctionTransformer(_log1p, feature_names_out="one-to-one"))
        dense = [f for f in NUMERIC if f not in TEXT_FEATURES]
        dense_log = [f for f in LOG_FEATURES if f not in TEXT_FEATURES]
        text = [f for f in NUMERIC if f in TEXT_FEATURES]
        text_log = [f for f in LOG_FEATURES if f in TEXT_FEATURES]
        # text features are missing in most rows: scaled by their largest observed value, not by
        # a standard deviation that the many imputed rows would shrink (and so blow up the few values)
        prep = ColumnTransformer(
            [("cat", Pipeline([("onehot", OneHotEncoder(categories=[PREV_STATUS_LEVELS], handle_unknown="ignore",
                                                        sparse_output=False)),
                               ("prior", FunctionTransformer(_prior_scale, feature_names_out="one-to-one"))]),
              CATEGORICAL),
             ("num", scaled(), dense),
             ("log", scaled(log1p), dense_log),
             ("text", scaled(scaler=MaxAbsScaler()), text),
             ("textlog", scaled(log1p, scaler=MaxAbsScaler()), text_log)],
            sparse_threshold=0.0)
        clf = LogisticRegression(C=GLASSBOX_C, max_iter=5000)
    elif learner == "boosting":
        prep = ColumnTransformer(
            [("cat", OrdinalEncoder(categories=[list(TIERS)], handle_unknown="use_encoded_value",
                                    unknown_value=np.nan), CATEGORICAL),
             ("num", EmptyToZero(), NUMERIC + LOG_FEATURES)],
            sparse_threshold=0.0)
        clf = HistGradientBoostingClassifier(max_iter=60, learning_rate=0.1, max_leaf_nodes=8,
                                             min_samples_leaf=20, l2_regularization=1.0,
                                             early_stopping=False, random_state=0)
    else:
        raise S301Error(f"unknown learner {learner!r}; use one of {', '.join(LEARNERS)}")
    return Pipeline([("prep", prep), ("clf", clf)])


class EmptyToZero(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Columns with no value at all in training become 0 (the boosting binner cannot bin them);
    every other missing value stays NaN for the trees' own missing-value handling."""

    def fit(self, X, y=None):
        arr = validate_data(self, X, dtype=float, ensure_all_finite="allow-nan")
        self.empty_ = np.isnan(arr).all(axis=0)
        return self

    def transform(self, X):
        check_is_fitted(self)
        arr = validate_data(self, X, dtype=float, ensure_all_finite="allow-nan", reset=False, copy=True)
        arr[:, self.empty_] = 0.0
        return arr

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags


def _prior_scale(x):
    return np.asarray(x, dtype=float) * PRIOR_SCALE


def _log1p(x):
    return np.log1p(np.clip(np.asarray(x, dtype=float), 0, None))


class TrainedModel:
    """A fitted pipeline with its feature list; probabilities always in TIERS order."""

    def __init__(self, pipeline: Pipeline, learner: str, feature_names: list[str], label_source: str,
                 reference: np.ndarray | None = None):
        self.pipeline = pipeline
        self.learner = learner
        self.feature_names = list(feature_names)
        self.label_source = label_source
        self.reference = reference          # mean transformed row of the training data (glassbox)
        self.card: dict = {}
        self.path = None                    # the file it was loaded from (recommender.artifact)

    # -- prediction
    def _frame(self, X: pd.DataFrame) -> pd.DataFrame:
        return typed(X)[self.feature_names]

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """(n, 4) probabilities in TIERS order; tiers unseen in training get a small floor."""
        with threadpool_limits(limits=1):  # OpenMP threads only add overhead at this size
            raw = self.pipeline.predict_proba(self._frame(X))
        return self.in_tier_order(raw)

    def in_tier_order(self, raw: np.ndarray) -> np.ndarray:
        """The classifier's probabilities (columns in its classes' order) as (n, 4) in TIERS order,
        with the floor for tiers unseen in training."""
        out = np.full((raw.shape[0], len(TIERS)), 0.0)
        classes = list(self.pipeline.classes_)
        for j, c in enumerate(classes):
            out[:, TIER_RANK[c]] = raw[:, j]
        if len(classes) < len(TIERS):
            for t in TIERS:
                if t not in classes:
                    out[:, TIER_RANK[t]] = MISSING_CLASS_FLOOR
            out /= out.sum(axis=1, keepdims=True)
        return out

    def proba_from_output(self, output: np.ndarray) -> np.ndarray:
        """Probabilities from raw outputs (n, 4) in TIERS order, NaN for unseen tiers: the softmax that
        predict_proba applies, with the same floor for unseen tiers (saves a second transform)."""
        seen = ~np.isnan(output)
        z = np.where(seen, output, -np.inf)
        z = np.exp(z - z.max(axis=1, keepdims=True))
        out = z / z.sum(axis=1, keepdims=True)
        if not seen.all():
            out = np.where(seen, out, MISSING_CLASS_FLOOR)
            out /= out.sum(axis=1, keepdims=True)
        return out

    def predict(self, X: pd.DataFrame) -> list[str]:
        return [TIERS[i] for i in self.predict_proba(X).argmax(axis=1)]

    @property
    def classes(self) -> list[str]:
        return list(self.pipeline.classes_)

    # -- glass-box internals used by recommender.contrib and recommender.importance
    def transformed(self, X: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.pipeline.named_steps["prep"].transform(self._frame(X)), dtype=float)

    def column_features(self) -> list[str]:
        """For each transformed column, the raw feature it comes from."""
        prep = self.pipeline.named_steps["prep"]
        owner: list[str | None] = [None] * sum(s.stop - s.start for s in prep.output_indices_.values())
        for name, trans, cols in prep.transformers_:
            if name == "remainder" or trans == "drop":
                continue
            sl = prep.output_indices_[name]
            cols = list(cols)
            if name == "cat":
                for i in range(sl.start, sl.stop):
                    owner[i] = cols[0]
                continue
            if trans == "passthrough" or isinstance(trans, EmptyToZero):
                names = cols
            else:
                imputer = trans.named_steps["impute"]
                names = cols + ([cols[i] for i in imputer.indicator_.features_] if imputer.indicator_ else [])
            for i, n in zip(range(sl.start, sl.stop), names):
                owner[i] = n
        return [o or "?" for o in owner]

    def __getstate__(self):
        state = dict(self.__dict__)
        state["card"] = {}
        state["path"] = None
        return state


def fit(frame: pd.DataFrame, y: pd.Series, learner: str, label_source: str = "embassy-first") -> TrainedModel:
    """Fit `learner` on the typed feature frame and labels (tier names)."""
    X = typed(frame)[FEATURE_NAMES]
    pipe = build_pipeline(learner)
    with threadpool_limits(limits=1):  # small data: threads only add overhead (and spin on a busy machine)
        pipe.fit(X, np.asarray(y, dtype=object))
    model = TrainedModel(pipe, learner, FEATURE_NAMES, label_source)
    if learner == "glassbox":
        model.reference = model.transformed(X).mean(axis=0)
    return model
