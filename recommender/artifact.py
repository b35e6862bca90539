"""Saved models: models/<name>.joblib with its model card (and the backtest and importance JSON)
beside it, and loading that checks the card first.

Loading refuses, with ModelError and before the pickle is opened, a file whose sha256 is not the
card's, a model trained with another scikit-learn, or one trained on another feature list; and,
before anything is unpickled, a file that would import anything a trained model does not contain
(recommender.safe_pickle: the card is not a security boundary).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
from pathlib import Path

import duckdb
import joblib
import numpy as np
import pandas as pd
import sklearn

from warehouse.vocab import DEFAULT_LABEL_SOURCE
from warehouse.errors import S301Error, shown

from . import safe_pickle

from .estimator import TrainedModel
from .features import feature_names

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ModelError(S301Error):
    """No usable model: missing, changed since training, or built with another scikit-learn."""


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


def write_json(path: str | Path, payload) -> None:
    """Write JSON atomically (numpy numbers, NaN as null, dates and paths as text)."""
    path = Path(path)
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


def read_json(path: str | Path, what: str) -> dict:
    """A JSON file written beside the model; ModelError naming `what` when absent or unreadable."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"{path}: {what} missing; run `s301 train` to build the model and its files")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable {what} ({exc}); run `s301 train` again") from None


def read_card(path: str | Path | None = None) -> dict:
    """The model card beside `path` (default model); ModelError when absent or unreadable."""
    return read_json(artifact_path(Path(path) if path else default_model_path(), "card"), "model card")


def load_model(path: str | Path | None = None) -> TrainedModel:
    """Load a model after checking its card: same file (sha256) and same scikit-learn version."""
    path = Path(path) if path else default_model_path()
    if not path.exists():
        raise ModelError(f"{path}: no model there; run `s301 train` first")
    card = read_card(path)
    try:
        data = path.read_bytes()   # read once: the checks and the unpickling see the same bytes
    except OSError as exc:
        raise ModelError(f"{shown(path)}: cannot read the model ({exc.strerror or type(exc).__name__})") from None
    digest = hashlib.sha256(data).hexdigest()
    if card.get("sha256") != digest:
        raise ModelError(f"{path}: the file does not match its model card (sha256 {digest[:12]}... "
                         f"!= {str(card.get('sha256'))[:12]}...); it changed after training and will not be "
                         f"loaded; run `s301 train` to rebuild it")
    trained_with = (card.get("libraries") or {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise ModelError(f"{path}: trained with scikit-learn {trained_with}, but {sklearn.__version__} is "
                         f"installed; run `s301 train` to retrain with this version")
    if card.get("features") != feature_names(card.get("label_source") or DEFAULT_LABEL_SOURCE):
        raise ModelError(f"{path}: trained on another feature list than this version computes; run `s301 train` "
                         f"to retrain")
    # The card is no security boundary (whoever can write the model can rewrite its sha256): every
    # global the pickle would import is checked against what a trained model contains before
    # anything is unpickled (recommender.safe_pickle).
    try:
        model = safe_pickle.load(data, str(path))
    except safe_pickle.UnsafePickle as exc:
        raise ModelError(f"{shown(path)}: refused to load: the file would import {exc}; no model trained by "
                         f"s301 does (it may have been replaced, card and all); run `s301 train` to rebuild it"
                         ) from None
    except Exception as exc:  # a damaged file that still matches its card
        raise ModelError(f"{path}: cannot be loaded ({type(exc).__name__}); run `s301 train` again") from None
    if not isinstance(model, TrainedModel):
        raise ModelError(f"{path}: not an s301 model; run `s301 train`")
    model.card, model.path = card, path
    return model
