"""The estimators: two scikit-learn pipelines (glass-box and boosting) that forecast the move from
the current tier, the project's own transformer and classifier, and the fitted model that gives
probabilities in tier order.

Both pipelines end in a TransitionClassifier: a classifier of the move (down / stay / up) from the
current tier (`from_tier`: last year's tier, else the last known one), turned into tier
probabilities by where moves from that tier have gone in training (P(PWL | up from WL) ...).
- glassbox: multinomial logistic regression of the move on imputed (+ missing indicators),
  standardised features, prev_status one-hot. Contributions are exact: coef * (z - z_reference),
  summed per raw feature, add up to each move's logit minus the logit at the reference row (the
  mean training row of the same start tier).
- boosting: HistGradientBoostingClassifier of the move (native missing values, prev_status ordinal).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, OneToOneFeatureMixin, TransformerMixin, clone
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
from warehouse.vocab import DEFAULT_LABEL_SOURCE, TIER_RANK, TIERS

from .features import (BY_NAME, CATEGORICAL, FROM_TIER, LOG_FEATURES, NUMERIC, PREV_STATUS_LEVELS,
                       TEXT_FEATURES, feature_names, typed)

LEARNERS = ("glassbox", "boosting")
MOVES = ("down", "stay", "up")
# glass-box settings, chosen on the rolling-origin backtest (results/ablation.md): the L2 strength
# (0.03 among 0.01-0.3), the scale of the previous-status one-hot columns (1: no special prior), and
# the scale of the covariates that describe a country's level rather than a change (treaties, WTO,
# piracy rates, trade, text figures): x0.3 = an 11x stronger penalty, since at full weight they
# lowered the change AUC from 0.78 to 0.76 (they fit the training years' levels, not the moves).
GLASSBOX_C = 0.03
PRIOR_SCALE = 1.0
COVARIATE_SCALE = 0.3
CHANGE_GROUPS = ("history", "ocr", "iipa", "embassy")
"""The feature groups at full weight: where the country stands and what leads a move."""
# destination smoothing: pseudo-counts for a one-tier move and for a longer one
ADJACENT_PRIOR = 1.0
JUMP_PRIOR = 0.1
MIN_TRANSITIONS = 30   # fewer rows with a known previous tier: train on every row (from_tier as start)


def build_pipeline(learner: str, names: list[str]) -> Pipeline:
    """An unfitted pipeline for `learner` (glassbox or boosting) over the features `names` (in that
    order) followed by from_tier, which the transition classifier receives as its last column."""
    numeric = [f for f in names if f in NUMERIC]
    logged = [f for f in names if f in LOG_FEATURES]
    if learner == "glassbox":
        def scaled(*steps, scaler=None, weight=1.0):
            return Pipeline([*steps,
                             ("impute", SimpleImputer(strategy="median", add_indicator=True,
                                                      keep_empty_features=True)),
                             ("scale", scaler or StandardScaler()),
                             ("weight", FunctionTransformer(_times, kw_args={"k": weight},
                                                            feature_names_out="one-to-one"))])
        log1p = ("log1p", FunctionTransformer(_log1p, feature_names_out="one-to-one"))
        core = [f for f in names if BY_NAME[f].group in CHANGE_GROUPS]
        # text features are missing in most rows: scaled by their largest observed value, not by
        # a standard deviation that the many imputed rows would shrink (and so blow up the few values)
        blocks = [
            ("cat", Pipeline([("onehot", OneHotEncoder(categories=[PREV_STATUS_LEVELS], handle_unknown="ignore",
                                                       sparse_output=False)),
                              ("prior", FunctionTransformer(_times, kw_args={"k": PRIOR_SCALE},
                                                            feature_names_out="one-to-one"))]),
             CATEGORICAL),
            ("num", scaled(), [f for f in numeric if f in core]),
            ("log", scaled(log1p), [f for f in logged if f in core]),
            ("cov", scaled(weight=COVARIATE_SCALE), [f for f in numeric if f not in core and f not in TEXT_FEATURES]),
            ("covlog", scaled(log1p, weight=COVARIATE_SCALE),
             [f for f in logged if f not in core and f not in TEXT_FEATURES]),
            ("text", scaled(scaler=MaxAbsScaler(), weight=COVARIATE_SCALE), [f for f in numeric if f in TEXT_FEATURES]),
            ("textlog", scaled(log1p, scaler=MaxAbsScaler(), weight=COVARIATE_SCALE),
             [f for f in logged if f in TEXT_FEATURES]),
        ]
        prep = ColumnTransformer([b for b in blocks if b[2]] + [("from", "passthrough", [FROM_TIER])],
                                 sparse_threshold=0.0)
        clf = TransitionClassifier(LogisticRegression(C=GLASSBOX_C, max_iter=5000))
    elif learner == "boosting":
        prep = ColumnTransformer(
            [("cat", OrdinalEncoder(categories=[list(TIERS)], handle_unknown="use_encoded_value",
                                    unknown_value=np.nan), CATEGORICAL),
             ("num", EmptyToZero(), numeric + logged),
             ("from", "passthrough", [FROM_TIER])],
            sparse_threshold=0.0)
        clf = TransitionClassifier(HistGradientBoostingClassifier(
            max_iter=60, learning_rate=0.05, max_leaf_nodes=8, min_samples_leaf=20, l2_regularization=1.0,
            early_stopping=False, random_state=0))
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


class TransitionClassifier(ClassifierMixin, BaseEstimator):
    """Tier probabilities through the move from the current tier.

    The last column of X is the current tier's rank (0 none .. 3 PFC); the others are features.
    `estimator` classifies the move (0 down, 1 stay, 2 up); a move that cannot happen (down from
    none, up from PFC) gets probability 0 and the rest is renormalised. P(tier) = P(stay) at the
    current tier + P(up) x destinations_[from, up, tier] + P(down) x destinations_[from, down, tier],
    where destinations_ are the training moves' frequencies from that tier, with ADJACENT_PRIOR
    pseudo-counts for a one-tier move and JUMP_PRIOR for a longer one (so no tier is impossible).
    """

    def __init__(self, estimator=None):
        self.estimator = estimator

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        start = _start(X)
        end = np.array([TIER_RANK[v] for v in np.asarray(y, dtype=object)])
        move = np.sign(end - start) + 1
        self.move_estimator_ = clone(self.estimator if self.estimator is not None else LogisticRegression())
        self.move_estimator_.fit(X[:, :-1], move)
        self.destinations_ = _destinations(start, end)
        self.classes_ = np.array(TIERS, dtype=object)
        self.n_features_in_ = X.shape[1]
        return self

    def move_proba(self, X) -> np.ndarray:
        """(n, 3) probabilities of down / stay / up from each row's current tier."""
        check_is_fitted(self)
        X = np.asarray(X, dtype=float)
        raw = self.move_estimator_.predict_proba(X[:, :-1])
        return self.moves_from_proba(raw, _start(X))

    def moves_from_proba(self, raw: np.ndarray, start: np.ndarray) -> np.ndarray:
        """The move estimator's probabilities (its classes' columns) as (n, 3) down / stay / up,
        with the impossible moves of each start tier removed and the rest renormalised."""
        out = np.zeros((raw.shape[0], len(MOVES)))
        out[:, np.asarray(self.move_estimator_.classes_, dtype=int)] = raw
        out[start == 0, 0] = 0.0
        out[start == len(TIERS) - 1, 2] = 0.0
        return out / out.sum(axis=1, keepdims=True)

    def tiers_from_moves(self, moves: np.ndarray, start: np.ndarray) -> np.ndarray:
        """(n, 4) tier probabilities from (n, 3) move probabilities and the start tiers."""
        return np.einsum("nk,nkt->nt", moves, self.destinations_[start])

    def predict_proba(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return self.tiers_from_moves(self.move_proba(X), _start(X))

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


def _start(X: np.ndarray) -> np.ndarray:
    """The start tiers (ranks) held in the last column."""
    return np.clip(np.nan_to_num(X[:, -1]), 0, len(TIERS) - 1).astype(int)


def _destinations(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """(from tier, move, to tier) -> probability of landing on `to` given a move from `from`."""
    n = len(TIERS)
    table = np.zeros((n, len(MOVES), n))
    for f in range(n):
        table[f, 1, f] = 1.0
        for m, sign in ((0, -1), (2, 1)):
            targets = [t for t in range(n) if np.sign(t - f) == sign]
            if not targets:
                continue
            counts = np.array([((start == f) & (end == t)).sum() + (ADJACENT_PRIOR if abs(t - f) == 1 else JUMP_PRIOR)
                               for t in targets], dtype=float)
            table[f, m, targets] = counts / counts.sum()
    return table


def _times(x, k: float = 1.0):
    return np.asarray(x, dtype=float) * k


def _log1p(x):
    return np.log1p(np.clip(np.asarray(x, dtype=float), 0, None))


class TrainedModel:
    """A fitted pipeline with its feature list; probabilities always in TIERS order. The pipeline's
    input is the features followed by from_tier (the tier a move starts from)."""

    def __init__(self, pipeline: Pipeline, learner: str, feature_names: list[str], label_source: str,
                 reference: np.ndarray | None = None):
        self.pipeline = pipeline
        self.learner = learner
        self.feature_names = list(feature_names)
        self.label_source = label_source
        self.reference = reference          # (4, columns): mean transformed training row per start tier (glassbox)
        self.card: dict = {}
        self.path = None                    # the file it was loaded from (recommender.artifact)

    # -- prediction
    def _frame(self, X: pd.DataFrame) -> pd.DataFrame:
        return typed(X)[[*self.feature_names, FROM_TIER]]

    @property
    def clf(self) -> "TransitionClassifier":
        return self.pipeline.named_steps["clf"]

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """(n, 4) probabilities in TIERS order."""
        with threadpool_limits(limits=1):  # OpenMP threads only add overhead at this size
            return self.pipeline.predict_proba(self._frame(X))

    def move_proba(self, X: pd.DataFrame) -> np.ndarray:
        """(n, 3) probabilities of moving down / staying / moving up from the current tier."""
        with threadpool_limits(limits=1):
            return self.clf.move_proba(self.transformed(X))

    def proba_from_output(self, output: np.ndarray, start: np.ndarray) -> np.ndarray:
        """Tier probabilities from the move estimator's raw outputs (n, 3; NaN for a move never seen
        in training) and the start tiers: the softmax predict_proba applies, then the same removal
        of impossible moves and the same destinations (saves a second transform)."""
        seen = ~np.isnan(output)
        z = np.where(seen, output, -np.inf)
        z = np.exp(z - z.max(axis=1, keepdims=True))
        moves = z / z.sum(axis=1, keepdims=True)
        raw = moves[:, np.asarray(self.clf.move_estimator_.classes_, dtype=int)]
        start = np.asarray(start, dtype=int)
        return self.clf.tiers_from_moves(self.clf.moves_from_proba(raw, start), start)

    def predict(self, X: pd.DataFrame) -> list[str]:
        return [TIERS[i] for i in self.predict_proba(X).argmax(axis=1)]

    @property
    def classes(self) -> list[str]:
        return list(self.pipeline.classes_)

    @property
    def moves(self) -> list[str]:
        """The moves the move estimator saw in training (MOVES order)."""
        return [MOVES[int(k)] for k in self.clf.move_estimator_.classes_]

    # -- internals used by recommender.contrib and recommender.importance
    def transformed(self, X: pd.DataFrame) -> np.ndarray:
        """The preprocessed rows: the features' columns, then from_tier as the last column."""
        return np.asarray(self.pipeline.named_steps["prep"].transform(self._frame(X)), dtype=float)

    def column_features(self) -> list[str]:
        """For each transformed column but the last (from_tier), the raw feature it comes from."""
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
            if not isinstance(trans, Pipeline):     # passthrough (fitted: a FunctionTransformer), EmptyToZero
                names = cols
            else:
                imputer = trans.named_steps["impute"]
                names = cols + ([cols[i] for i in imputer.indicator_.features_] if imputer.indicator_ else [])
            for i, n in zip(range(sl.start, sl.stop), names):
                owner[i] = n
        return [o or "?" for o in owner][:-1]

    def __getstate__(self):
        state = dict(self.__dict__)
        state["card"] = {}
        state["path"] = None
        return state


def fit(frame: pd.DataFrame, y: pd.Series, learner: str, label_source: str = DEFAULT_LABEL_SOURCE) -> TrainedModel:
    """Fit `learner` on the typed feature frame (features + from_tier) and labels (tier names), with
    the features of `label_source` (recommender.features.feature_names)."""
    names = feature_names(label_source)
    X = typed(frame)[[*names, FROM_TIER]]
    y = np.asarray(y, dtype=object)
    seen = (X["prev_status"] != "unknown").to_numpy()
    if seen.sum() >= MIN_TRANSITIONS:   # a move is observed only where last year's tier is known
        X, y = X[seen], y[seen]
    pipe = build_pipeline(learner, names)
    with threadpool_limits(limits=1):  # small data: threads only add overhead (and spin on a busy machine)
        pipe.fit(X, y)
    model = TrainedModel(pipe, learner, names, label_source)
    if learner == "glassbox":
        model.reference = peer_means(model.transformed(X))
    return model


def peer_means(z: np.ndarray) -> np.ndarray:
    """(4, columns): the mean transformed row of each start tier (the last column of z), or of all
    rows for a tier with none."""
    start = _start(z)
    return np.vstack([z[start == t, :-1].mean(axis=0) if (start == t).any() else z[:, :-1].mean(axis=0)
                      for t in range(len(TIERS))])
