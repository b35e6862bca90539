"""Forecasts for every country of one review year (the next report by default)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from warehouse.errors import S301Error
from warehouse.vocab import PROBABILITY_COLUMNS, TIER_RANK, TIERS

from .estimator import TrainedModel
from .features import feature_matrix
from .queries import query

COLUMNS = ["country_iso3", "name", "year", "current_status", "predicted_status",
           *PROBABILITY_COLUMNS.values(), "change", "section_306"]


def forecast_year(con) -> int:
    """The newest year of the feature view: the year after the newest report."""
    (_, year) = con.execute(query("feature_years")).fetchone()
    if year is None:
        raise S301Error("the warehouse has no countries yet; run `s301 init` (and `s301 ingest`) first")
    return int(year)


def current_status(frame: pd.DataFrame) -> pd.Series:
    """The status before the review: last year's, else the last known one, else None."""
    prev = frame["prev_status"].astype(object)
    known = frame["last_known_tier"].map(lambda v: TIERS[int(v)] if pd.notna(v) else None)
    return prev.where(prev != "unknown", known)


def forecast_306(frame: pd.DataFrame) -> pd.Series:
    """The Section 306 monitoring flag forecast: last year's flag (the rule the backtest scores)."""
    return frame["prev_306"].fillna(0).astype(bool)


def predict_frame(model: TrainedModel, frame: pd.DataFrame) -> pd.DataFrame:
    """Probabilities and predicted tier for typed feature rows (keys kept)."""
    proba = model.predict_proba(frame) if len(frame) else np.zeros((0, len(TIERS)))
    out = frame[["country_iso3", "year"]].copy()
    for j, t in enumerate(TIERS):
        out[PROBABILITY_COLUMNS[t]] = proba[:, j]
    out["predicted_status"] = [TIERS[i] for i in proba.argmax(axis=1)] if len(frame) else []
    return out


def forecast_table(model: TrainedModel, con, *, year: int | None = None) -> pd.DataFrame:
    """country_iso3, name, year, current_status, predicted_status, p_none..p_pfc, change
    (up / down / same, None where the current status is unknown) and section_306 (the Section 306
    monitoring flag, forecast as last year's: see section_306_backtest), most likely listed first."""
    year = forecast_year(con) if year is None else int(year)
    frame = feature_matrix(con, year=year)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    out = predict_frame(model, frame)
    out["current_status"] = current_status(frame).to_numpy()
    out["section_306"] = forecast_306(frame).to_numpy()
    names = con.execute(query("country_names")).df()
    out = out.merge(names, on="country_iso3", how="left")
    out["name"] = out["name"].fillna(out["country_iso3"])

    def change(row):
        if row["current_status"] is None or pd.isna(row["current_status"]):
            return None
        d = TIER_RANK[row["predicted_status"]] - TIER_RANK[row["current_status"]]
        return "up" if d > 0 else "down" if d < 0 else "same"

    out["change"] = out.apply(change, axis=1)
    out["_listed"] = 1.0 - out[PROBABILITY_COLUMNS["none"]]
    out = out.sort_values(["_listed", "country_iso3"], ascending=[False, True])
    return out[COLUMNS].reset_index(drop=True)
