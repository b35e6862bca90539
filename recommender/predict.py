"""Forecasts for every country of one review year (the next report by default), and what is known of
the last report.

When the report before the forecast year is known only in part (its Priority Foreign Country named,
say, but not its other lists), a country whose placement in it is unknown is forecast in two steps:
first that year, from the year before it; then the forecast year once per tier it may have landed
on, each through the feature view of a scratch warehouse where it did (warehouse.scratch
.placements_assumed), weighted by the first step's probabilities. A placement that is not known is
never taken as known.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from warehouse.errors import S301Error
from warehouse.scratch import placements_assumed, scratch_copy
from warehouse.vocab import PROBABILITY_COLUMNS, TIER_NAMES, TIER_RANK, TIERS

from .estimator import TrainedModel
from .features import FROM_TIER, feature_matrix
from .queries import query

COLUMNS = ["country_iso3", "name", "year", "current_status", "current_status_year", "predicted_status",
           *PROBABILITY_COLUMNS.values(), "p_change", "p_up", "p_down", "change", "section_306", "chained"]


@dataclass(frozen=True)
class LastReport:
    """What is known of the newest Special 301 report in the warehouse: whether each list is known in
    full, the placements that are known, and the note and source of the year."""
    year: int
    complete: bool
    lists_complete: dict[str, bool]
    placements: list[dict]          # {country_iso3, name, status, source}
    note: str | None
    source: str | None

    def describe(self) -> str:
        """One paragraph for people."""
        if self.complete:
            return f"The {self.year} report is known in full ({len(self.placements)} trading partners listed)."
        known = [TIER_NAMES[t] for t, full in self.lists_complete.items() if full]
        missing = [TIER_NAMES[t] for t, full in self.lists_complete.items() if not full]
        names = ", ".join(f"{p['name']} ({p['status']})" for p in self.placements) or "no placement"
        text = (f"The {self.year} report is known only in part: {names}"
                f"{'; complete list(s): ' + ', '.join(known) if known else ''}; not known in full: "
                f"{', '.join(missing)}. A country whose {self.year} placement is not known is forecast for "
                f"{self.year} first, and that forecast is carried into the next review.")
        return text + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class Chain:
    """Rows of the forecast year whose previous year's placement is unknown: the probabilities of
    each tier in that previous year, and the forecast year's feature rows as they would be had the
    country landed on each tier."""
    year: int                                  # the previous year, known in part
    countries: list[str]
    previous: np.ndarray                       # (n, 4) P(tier in `year`)
    branches: dict[str, pd.DataFrame]          # tier -> rows of year + 1 (same order as countries)

    def probabilities(self, model: TrainedModel) -> np.ndarray:
        """(n, 4) forecast-year probabilities: the branches weighted by the previous year's."""
        return sum(self.previous[:, [TIER_RANK[t]]] * model.predict_proba(rows) for t, rows in self.branches.items())


def forecast_year(con) -> int:
    """The newest year of the feature view: the year after the newest report."""
    (_, year) = con.execute(query("feature_years")).fetchone()
    if year is None:
        raise S301Error("the warehouse has no countries yet; run `s301 init` (and `s301 ingest`) first")
    return int(year)


def last_report(con) -> LastReport | None:
    """The newest report with any known placement (None for a warehouse without listings)."""
    row = con.execute(query("last_report")).fetchone()
    if row is None:
        return None
    year, complete, pfc, pwl, wl, note, source = row
    placements = [{"country_iso3": c, "name": n, "status": s, "source": src}
                  for c, n, s, src in con.execute(query("report_placements"), {"year": year}).fetchall()]
    return LastReport(year=int(year), complete=bool(complete), lists_complete={"PFC": bool(pfc), "PWL": bool(pwl),
                                                                             "WL": bool(wl)},
                      placements=placements, note=note, source=source)


def current_status(frame: pd.DataFrame) -> pd.Series:
    """The status before the review: last year's, else the last known one, else None."""
    prev = frame["prev_status"].astype(object)
    known = frame["last_known_tier"].map(lambda v: TIERS[int(v)] if pd.notna(v) else None)
    return prev.where(prev != "unknown", known)


def forecast_306(frame: pd.DataFrame) -> pd.Series:
    """The Section 306 monitoring flag forecast: last year's flag (the rule the backtest scores)."""
    return frame["prev_306"].fillna(0).astype(bool)


def chain(model: TrainedModel, con, year: int, countries: list[str]) -> Chain | None:
    """The two-step forecast of `countries` for `year` when their placement in the previous report
    is unknown because that report is known only in part (None when it is complete or absent)."""
    prev = int(year) - 1
    partial = con.execute(query("year_partial"), {"year": prev}).fetchone()
    if not countries or not partial or not partial[0]:
        return None
    before = feature_matrix(con, year=prev)
    before = before.set_index("country_iso3").reindex(countries).reset_index()
    previous = model.predict_proba(before)
    scratch = scratch_copy(con)
    try:
        branches = {}
        for tier in TIERS:
            with placements_assumed(scratch, prev, dict.fromkeys(countries, tier)) as assumed:
                rows = feature_matrix(assumed, year=int(year))
            branches[tier] = rows.set_index("country_iso3").reindex(countries).reset_index()
    finally:
        scratch.close()
    return Chain(year=prev, countries=list(countries), previous=previous, branches=branches)


def forecast_probabilities(model: TrainedModel, con, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, Chain | None]:
    """(tier probabilities (n, 4), start tier of each row, the chain used for rows whose previous
    placement is unknown in a report known in part, or None)."""
    proba = model.predict_proba(frame) if len(frame) else np.zeros((0, len(TIERS)))
    start = frame[FROM_TIER].to_numpy().astype(int) if len(frame) else np.zeros(0, dtype=int)
    unknown = (frame["prev_status"] == "unknown").to_numpy() if len(frame) else np.zeros(0, dtype=bool)
    years = frame["year"].unique() if len(frame) else []
    found = None
    if unknown.any() and len(years) == 1:
        found = chain(model, con, int(years[0]), frame.loc[unknown, "country_iso3"].tolist())
        if found is not None:
            proba = proba.copy()
            proba[unknown] = found.probabilities(model)
    return proba, start, found


def move_scores(proba: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(P(change), P(up), P(down)) of tier probabilities against each row's start tier (ranks)."""
    ranks = np.arange(len(TIERS))
    start = np.asarray(start, dtype=int)
    up = (proba * (ranks[None, :] > start[:, None])).sum(axis=1)
    down = (proba * (ranks[None, :] < start[:, None])).sum(axis=1)
    return up + down, up, down


def forecast_table(model: TrainedModel, con, *, year: int | None = None) -> pd.DataFrame:
    """COLUMNS for every country of `year` (default: the next report), most likely listed first:
    current_status (the tier a move starts from) and the year it was placed there, the predicted
    tier and every tier's probability, P(change) / P(up) / P(down) against the current status,
    change (up / down / same), section_306 (last year's flag, as the backtest scores it) and
    chained (the previous placement was unknown and forecast first)."""
    year = forecast_year(con) if year is None else int(year)
    frame = feature_matrix(con, year=year)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    proba, start, found = forecast_probabilities(model, con, frame)
    out = frame[["country_iso3", "year"]].copy()
    for j, t in enumerate(TIERS):
        out[PROBABILITY_COLUMNS[t]] = proba[:, j]
    out["predicted_status"] = [TIERS[i] for i in proba.argmax(axis=1)]
    out["current_status"] = [TIERS[i] for i in start]
    known = frame["prev_status"] != "unknown"
    since = (year - frame["years_since_known"]).where(frame["years_since_known"].notna())
    out["current_status_year"] = np.where(known, year - 1, since).astype("float")
    out["p_change"], out["p_up"], out["p_down"] = move_scores(proba, start)
    out["section_306"] = forecast_306(frame).to_numpy()
    out["chained"] = ~known.to_numpy() & (found is not None)
    names = con.execute(query("country_names")).df()
    out = out.merge(names, on="country_iso3", how="left")
    out["name"] = out["name"].fillna(out["country_iso3"])
    d = out["predicted_status"].map(TIER_RANK) - out["current_status"].map(TIER_RANK)
    out["change"] = np.where(d > 0, "up", np.where(d < 0, "down", "same"))
    out["current_status_year"] = out["current_status_year"].astype("Int64")
    out["_listed"] = 1.0 - out[PROBABILITY_COLUMNS["none"]]
    out = out.sort_values(["_listed", "country_iso3"], ascending=[False, True])
    return out[COLUMNS].reset_index(drop=True)
