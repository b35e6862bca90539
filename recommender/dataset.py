"""The training rows: the feature matrix joined with the chosen labels, and their hash."""
from __future__ import annotations

import hashlib

import pandas as pd

from warehouse.vocab import DEFAULT_LABEL_SOURCE

from .features import FEATURE_NAMES, FROM_TIER, KEYS, feature_matrix
from .labels import load_labels


def training_data(con, label_source: str = DEFAULT_LABEL_SOURCE) -> pd.DataFrame:
    """Feature rows joined with the chosen labels (one row per labelled country-year)."""
    labels = load_labels(con, label_source)
    feats = feature_matrix(con)
    data = labels.merge(feats, on=KEYS, how="inner")
    return data.sort_values(KEYS).reset_index(drop=True)


def data_hash(data: pd.DataFrame) -> str:
    """sha256 of the training rows (keys, label, source, features) as CSV."""
    cols = KEYS + ["status", "source"] + FEATURE_NAMES + [FROM_TIER]
    text = data[cols].sort_values(KEYS).to_csv(index=False, float_format="%.10g")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
