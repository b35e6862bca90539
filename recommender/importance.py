"""Global feature importance: permutation importance on the backtest, and the model's own.

Permutation importance uses sklearn.inspection.permutation_importance once per test year, with that
year's model and rows (a feature is shuffled among the rows of one year only, as the backtest
predicts them), and pools the years weighted by their rows: the increase of the pooled backtest
log-loss and the drop of its accuracy when one feature is shuffled.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance as sk_permutation_importance

from warehouse.vocab import TIER_RANK

from .contrib import contributions
from .estimator import TrainedModel
from .evaluate import Backtest
from .features import label_of

N_REPEATS = 3
PERMUTATION_NOTE = ("increase of the pooled backtest log-loss when the feature is shuffled within each test year "
                    f"({N_REPEATS} repeats), predicted by that year's model")


class _RowPicker:
    """The model of one test year seen by permutation_importance: its input X holds, for every raw
    feature (a column), the index of the row whose values of that feature to use. X starts as every
    row's own index; shuffling one column of it shuffles every transformed column the feature owns
    (value, missing flag, one-hot levels) together, and the rows are transformed only once."""

    def __init__(self, model: TrainedModel, test: pd.DataFrame):
        self.model = model
        self.z = model.transformed(test)
        owners = np.array(model.column_features())
        self.columns = [np.flatnonzero(owners == f) for f in model.feature_names]
        self.clf = model.pipeline.named_steps["clf"]

    def fit(self, X, y=None):  # permutation_importance wants an estimator; this one is fitted already
        return self

    def predict_proba(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=int)
        z = self.z.copy()
        for j in np.flatnonzero((X != np.arange(len(X))[:, None]).any(axis=0)):   # the shuffled features
            z[:, self.columns[j]] = self.z[X[:, j]][:, self.columns[j]]
        return self.clf.predict_proba(z)


def fast_scores(estimator, X, y) -> dict[str, float]:
    """Minus the log-loss and the accuracy of one prediction (higher is better, as
    permutation_importance wants), `y` being tier ranks. The same numbers as sklearn's log_loss
    (labels=RANKS) and accuracy_score (tests/test_model.py checks it), without their input checks,
    which cost milliseconds per call: ten times the whole importance run over its ~2,000 calls."""
    proba = estimator.predict_proba(X)
    eps = np.finfo(proba.dtype).eps
    p_true = np.clip(proba[np.arange(len(y)), y], eps, 1 - eps)
    return {"log_loss": float(np.log(p_true).mean()), "accuracy": float((proba.argmax(axis=1) == y).mean())}


def permutation_importance(bt: Backtest, *, n_repeats: int = N_REPEATS, seed: int = 0) -> list[dict]:
    """Per feature: the pooled backtest log-loss increase (mean and std over the repeats) and accuracy
    drop when the feature is shuffled within each test year; largest increase first."""
    rng = np.random.RandomState(seed)
    n_total = sum(len(t) for t in bt.tests.values())
    names = next(iter(bt.models.values())).feature_names
    loss = np.zeros((len(names), n_repeats))
    acc = np.zeros((len(names), n_repeats))
    for year, model in bt.models.items():
        test = bt.tests[year].reset_index(drop=True)
        rows = np.tile(np.arange(len(test)), (len(names), 1)).T
        y = np.array([TIER_RANK[s] for s in test["status"]])
        result = sk_permutation_importance(_RowPicker(model, test), rows, y, scoring=fast_scores, n_repeats=n_repeats,
                                           random_state=rng)
        loss += result["log_loss"].importances * len(test) / n_total
        acc += result["accuracy"].importances * len(test) / n_total
    out = [{"feature": f, "label": label_of(f), "log_loss_increase": float(loss[j].mean()),
            "log_loss_increase_std": float(loss[j].std()), "accuracy_drop": float(acc[j].mean())}
           for j, f in enumerate(names)]
    return sorted(out, key=lambda r: -r["log_loss_increase"])


def model_importance(model: TrainedModel, data: pd.DataFrame) -> dict:
    """The model's own importance: mean |contribution| over the training rows per feature to the log-odds
    of moving up and of moving down (against staying); for the glass-box model this is |coef| x spread
    of the standardised feature."""
    contrib, _, _ = contributions(model, data)
    toward = {"up": contrib[:, :, 2] - contrib[:, :, 1], "down": contrib[:, :, 0] - contrib[:, :, 1]}
    per = {m: np.abs(c).mean(axis=0) for m, c in toward.items() if m in model.moves}
    rows = []
    for j, f in enumerate(model.feature_names):
        rows.append({"feature": f, "label": label_of(f), "importance": float(np.mean([v[j] for v in per.values()])),
                     "per_move": {m: float(v[j]) for m, v in per.items()}})
    kind = ("mean |coef x (z - z_ref)| of the logistic regression" if model.learner == "glassbox"
            else "mean |tree-path contribution| of the boosted trees")
    out = {"kind": kind, "features": sorted(rows, key=lambda r: -r["importance"])}
    if model.learner == "glassbox":
        clf = model.clf.move_estimator_
        owners = model.column_features()
        names = model.pipeline.named_steps["prep"].get_feature_names_out()[:-1]
        out["coefficients"] = [
            {"column": str(c), "feature": owners[i], **{m: float(clf.coef_[k, i]) for k, m in enumerate(model.moves)}}
            for i, c in enumerate(names)] if clf.coef_.shape[0] == len(model.moves) else []
    return out


def importance_report(model: TrainedModel, bt: Backtest, data: pd.DataFrame) -> dict:
    """What <model>.importance.json holds: permutation importance on the backtest and the model's own."""
    return {"learner": model.learner,
            "permutation": permutation_importance(bt),
            "permutation_note": PERMUTATION_NOTE,
            "model": model_importance(model, data)}
