"""The model: two scikit-learn pipelines (glass-box and boosting), training, saving and safe loading.

- glassbox: multinomial logistic regression on imputed (+ missing indicators), standardised
  features, prev_status one-hot. Contributions are exact: coef * (z - z_reference), summed per
  raw feature, add up to each tier's logit minus the logit at the reference row.
- boosting: HistGradientBoostingClassifier (native missing values, prev_status ordinal).

A saved model is models/<name>.joblib with models/<name>.card.json beside it (plus the backtest
and importance JSON). Loading checks the card first: sha256 of the file and the scikit-learn
version must match, otherwise ModelError, and the pickle is never opened.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import time
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn
from threadpoolctl import threadpool_limits
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, OneHotEncoder, OrdinalEncoder,
                                   StandardScaler)

from warehouse.errors import S301Error

from .features import (CATEGORICAL, FEATURE_NAMES, KEYS, LOG_FEATURES, NUMERIC, PREV_STATUS_LEVELS,
                       TEXT_FEATURES, feature_matrix, typed)

TIERS = ["none", "WL", "PWL", "PFC"]
TIER_INDEX = {t: i for i, t in enumerate(TIERS)}
LEARNERS = ("glassbox", "boosting")
MISSING_CLASS_FLOOR = 1e-3  # probability given to a tier never seen in training, before renormalising
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# glass-box settings: L2 strength, and the scale of the previous-status one-hot columns (x3 = a 9x
# weaker penalty on them, i.e. a stronger prior that the status persists when few years are known)
GLASSBOX_C = 0.1
PRIOR_SCALE = 3.0


class ModelError(S301Error):
    """No usable model: missing, changed since training, or built with another scikit-learn."""


# ----------------------------------------------------------------------------- pipelines

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
            [("cat", OrdinalEncoder(categories=[TIERS], handle_unknown="use_encoded_value",
                                    unknown_value=np.nan), CATEGORICAL),
             ("num", EmptyToZero(), NUMERIC + LOG_FEATURES)],
            sparse_threshold=0.0)
        clf = HistGradientBoostingClassifier(max_iter=60, learning_rate=0.1, max_leaf_nodes=8,
                                             min_samples_leaf=20, l2_regularization=1.0,
                                             early_stopping=False, random_state=0)
    else:
        raise S301Error(f"unknown learner {learner!r}; use one of {', '.join(LEARNERS)}")
    return Pipeline([("prep", prep), ("clf", clf)])


class EmptyToZero(TransformerMixin, BaseEstimator):
    """Columns with no value at all in training become 0 (the boosting binner cannot bin them);
    every other missing value stays NaN for the trees' own missing-value handling."""

    def fit(self, X, y=None):
        arr = np.asarray(X, dtype=float)
        self.empty_ = np.isnan(arr).all(axis=0) if arr.size else np.zeros(arr.shape[1], dtype=bool)
        self.n_features_in_ = arr.shape[1]
        return self

    def transform(self, X):
        arr = np.array(X, dtype=float)
        arr[:, self.empty_] = 0.0
        return arr

    def get_feature_names_out(self, input_features=None):
        return np.asarray(input_features, dtype=object)


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
        self.path: Path | None = None

    # -- prediction
    def _frame(self, X: pd.DataFrame) -> pd.DataFrame:
        return typed(X)[self.feature_names]

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """(n, 4) probabilities in TIERS order; tiers unseen in training get a small floor."""
        with threadpool_limits(limits=1):  # OpenMP threads only add overhead at this size
            raw = self.pipeline.predict_proba(self._frame(X))
        out = np.full((raw.shape[0], len(TIERS)), 0.0)
        classes = list(self.pipeline.classes_)
        for j, c in enumerate(classes):
            out[:, TIER_INDEX[c]] = raw[:, j]
        if len(classes) < len(TIERS):
            for t in TIERS:
                if t not in classes:
                    out[:, TIER_INDEX[t]] = MISSING_CLASS_FLOOR
            out /= out.sum(axis=1, keepdims=True)
        return out

    def proba_from_output(self, output: np.ndarray) -> np.ndarray:
        """Probabilities from raw outputs (n, 4) in TIERS order, NaN for unseen tiers: the softmax that
        predict_proba applies, with the same floor for unseen tiers (saves a second transform)."""
        out = np.zeros_like(output, dtype=float)
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

    # -- glass-box internals used by recommender.explain
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


# ----------------------------------------------------------------------------- data

def training_data(con, label_source: str = "embassy-first") -> pd.DataFrame:
    """Feature rows joined with the chosen labels (one row per labelled country-year)."""
    from .labels import load_labels
    labels = load_labels(con, label_source)
    feats = feature_matrix(con)
    data = labels.merge(feats, on=KEYS, how="inner")
    return data.sort_values(KEYS).reset_index(drop=True)


def data_hash(data: pd.DataFrame) -> str:
    """sha256 of the training rows (keys, label, source, features) as CSV."""
    cols = KEYS + ["status", "source"] + FEATURE_NAMES
    text = data[cols].sort_values(KEYS).to_csv(index=False, float_format="%.10g")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------- artifacts

def default_model_path() -> Path:
    """$S301_MODEL if set, else models/s301.joblib under the project."""
    env = os.environ.get("S301_MODEL")
    return Path(env) if env else PROJECT_ROOT / "models" / "s301.joblib"


def artifact_path(model_path: str | Path, kind: str) -> Path:
    """<model>.card.json, <model>.backtest.json, <model>.importance.json beside the .joblib."""
    p = Path(model_path)
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    return p.with_name(f"{stem}.{kind}.json")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def library_versions() -> dict:
    import duckdb
    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": np.__version__, "pandas": pd.__version__, "joblib": joblib.__version__,
            "duckdb": duckdb.__version__}


def save_model(model: TrainedModel, path: str | Path, card: dict) -> dict:
    """Write the joblib file, then its card (with the file's sha256). Returns the card."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    joblib.dump(model, tmp)
    os.replace(tmp, path)
    card = dict(card)
    card.update({"model_file": path.name, "sha256": _sha256(path), "libraries": library_versions(),
                 "learner": model.learner, "features": model.feature_names,
                 "label_source": model.label_source, "classes": model.classes})
    write_json(artifact_path(path, "card"), card)
    model.card, model.path = card, path
    return card


def write_json(path: Path, payload) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(payload, indent=2, default=_json_default), encoding="utf-8")
    os.replace(tmp, path)


def _json_default(obj):
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return None if np.isnan(obj) else float(obj)
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, (dt.date, dt.datetime, Path)):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def read_card(path: str | Path | None = None) -> dict:
    """The model card beside `path` (default model); ModelError when absent or unreadable."""
    path = Path(path) if path else default_model_path()
    card_path = artifact_path(path, "card")
    if not card_path.exists():
        raise ModelError(f"{card_path}: model card missing; run `s301 train` to build the model")
    try:
        return json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{card_path}: unreadable model card ({exc}); run `s301 train` again") from None


def load_model(path: str | Path | None = None) -> TrainedModel:
    """Load a model after checking its card: same file (sha256) and same scikit-learn version."""
    path = Path(path) if path else default_model_path()
    if not path.exists():
        raise ModelError(f"{path}: no model there; run `s301 train` first")
    card = read_card(path)
    digest = _sha256(path)
    if card.get("sha256") != digest:
        raise ModelError(f"{path}: the file does not match its model card (sha256 {digest[:12]}... "
                         f"!= {str(card.get('sha256'))[:12]}...); it changed after training and will not be "
                         f"loaded; run `s301 train` to rebuild it")
    trained_with = (card.get("libraries") or {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise ModelError(f"{path}: trained with scikit-learn {trained_with}, but {sklearn.__version__} is "
                         f"installed; run `s301 train` to retrain with this version")
    if card.get("features") != FEATURE_NAMES:
        raise ModelError(f"{path}: trained on another feature list than this version computes; run `s301 train` "
                         f"to retrain")
    try:
        model = joblib.load(path)
    except Exception as exc:  # a damaged file that still matches its card
        raise ModelError(f"{path}: cannot be loaded ({type(exc).__name__}); run `s301 train` again") from None
    if not isinstance(model, TrainedModel):
        raise ModelError(f"{path}: not an s301 model; run `s301 train`")
    model.card, model.path = card, path
    return model


# ----------------------------------------------------------------------------- training

def choose_learner(comparison: dict) -> tuple[str, str]:
    """The better learner on the backtest (lower log-loss; glass-box unless boosting is clearly better)."""
    gb = comparison.get("glassbox", {})
    bo = comparison.get("boosting", {})
    if not bo or bo.get("log_loss") is None:
        return "glassbox", "only the glass-box model could be backtested"
    if not gb or gb.get("log_loss") is None:
        return "boosting", "only the boosting model could be backtested"
    d_ll = gb["log_loss"] - bo["log_loss"]
    d_acc = bo["accuracy"] - gb["accuracy"]
    text = (f"backtest log-loss glassbox {gb['log_loss']:.4f} vs boosting {bo['log_loss']:.4f}, "
            f"accuracy {gb['accuracy']:.4f} vs {bo['accuracy']:.4f}")
    if d_ll > 0.01 and d_acc >= -0.005:
        return "boosting", (f"{text}: boosting is better by more than 0.01 in log-loss without losing "
                            f"accuracy; contributions are exact per-tree path decompositions (Saabas)")
    if d_ll <= 0:
        why = "the glass-box model has the lower (better) log-loss"
    elif d_ll <= 0.01:
        why = "boosting is better in log-loss by less than 0.01"
    else:
        why = "boosting's better log-loss comes with lower accuracy"
    return "glassbox", (f"{text}: {why}, so the glass-box model is kept (its contributions are exact "
                        f"and simple: coefficient x distance from the average training row)")


def train(con, label_source: str = "embassy-first", learner: str | None = None, year_from: int = 2000,
          progress: bool = False) -> tuple[TrainedModel, dict, dict]:
    """Backtest, choose the learner, fit on every labelled row. Returns (model, card, backtest)."""
    from .evaluate import backtest, importance_report
    from .labels import agreement
    t0 = time.perf_counter()
    data = training_data(con, label_source)
    if data.empty or data["status"].nunique() < 2:
        raise S301Error(f"not enough labelled rows to train ({len(data)} rows, "
                        f"{data['status'].nunique() if len(data) else 0} tiers) with label source "
                        f"{label_source!r}; run `s301 init` (and ingest reports) first")
    learners = [learner] if learner else list(LEARNERS)
    try:
        results = {l: backtest(con, year_from=year_from, label_source=label_source, learner=l, data=data,
                               keep_models=True) for l in learners}
    except S301Error as exc:  # e.g. embassy labels only: too few years to backtest; still train
        results, backtest_error = {}, str(exc)
    else:
        backtest_error = None
    comparison = {l: r["overall"]["model"] for l, r in results.items()}
    if learner:
        chosen, reason = learner, f"chosen by the user (--learner {learner})"
    elif results:
        chosen, reason = choose_learner(comparison)
    else:
        chosen, reason = "glassbox", f"no backtest possible ({backtest_error}); glass-box by default"
    bt = results.get(chosen) or {"learner": chosen, "label_source": label_source, "overall": None,
                                  "per_year": [], "years": [], "error": backtest_error}
    model = fit(data[FEATURE_NAMES], data["status"], chosen, label_source)
    seconds = time.perf_counter() - t0
    card = {
        "name": None,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "training_data_hash": data_hash(data),
        "training_rows": int(len(data)),
        "training_years": sorted(int(y) for y in data["year"].unique()),
        "label_counts": {k: int(v) for k, v in data["status"].value_counts().items()},
        "label_source_counts": {k: int(v) for k, v in data["source"].value_counts().items()},
        "agreement": {k: v for k, v in agreement(con).items() if k != "pairs"},
        "learner_reason": reason,
        "learner_comparison": comparison,
        "metrics": bt["overall"],
        "backtest_years": [p["year"] for p in bt["per_year"]],
        "backtest_error": backtest_error,
        "persistence_smoothing": bt.get("persistence_smoothing"),
        "train_seconds": round(seconds, 2),
    }
    imp = importance_report(model, bt, data) if results else {"learner": chosen, "permutation": [],
                                                                "model": {"kind": "", "features": []}}
    bt_public = {k: v for k, v in bt.items() if not k.startswith("_")}
    bt_public["learner_comparison"] = comparison
    return model, card, {"backtest": bt_public, "importance": imp}


def train_and_save(con, path: str | Path, label_source: str = "embassy-first", learner: str | None = None,
                   year_from: int = 2000) -> tuple[TrainedModel, dict, dict]:
    """Train, then write <name>.joblib, .card.json, .backtest.json and .importance.json."""
    path = Path(path)
    model, card, extra = train(con, label_source=label_source, learner=learner, year_from=year_from)
    card["name"] = path.stem
    card = save_model(model, path, card)
    write_json(artifact_path(path, "backtest"), extra["backtest"])
    write_json(artifact_path(path, "importance"), extra["importance"])
    return model, card, extra


def cli_train(args) -> int:
    from warehouse.db import connect
    models_dir = Path(args.models_dir) if args.models_dir else default_model_path().parent
    path = models_dir / f"{args.name}.joblib"
    con = connect(args.db, read_only=True)
    try:
        model, card, extra = train_and_save(con, path, label_source=args.label_source, learner=args.learner)
    finally:
        con.close()
    print(f"trained {card['learner']} on {card['training_rows']} country-years "
          f"(label source {card['label_source']}: {card['label_source_counts']}) in {card['train_seconds']} s")
    print(f"learner: {card['learner_reason']}")
    ag = card["agreement"]
    if ag.get("n_compared"):
        print(f"embassy vs USTR agreement: {ag['n_agree']}/{ag['n_compared']} = {ag['rate']:.0%}")
    overall = extra["backtest"].get("overall")
    if overall:
        m, p = overall["model"], overall["persistence"]
        print(f"backtest of the chosen learner: log-loss {m['log_loss']:.3f} vs persistence {p['log_loss']:.3f}, "
              f"accuracy {m['accuracy']:.3f} vs {p['accuracy']:.3f} (full table: s301 backtest)")
    else:
        print(f"no backtest: {card['backtest_error']}")
    print(f"saved {path} (+ .card.json, .backtest.json, .importance.json)")
    return 0
