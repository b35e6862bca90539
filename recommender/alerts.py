"""Watch alerts: the countries most likely to move at a report, ranked by P(change), each with its
direction and the two or three reasons behind it, with their evidence.

A reason is a feature whose exact contribution pushes the log-odds of the likely move (up or down,
against staying) the most; its evidence is what the warehouse holds for it: the sentences of the
review's reports behind a text feature, the request or announcement (with its source) behind a
leading signal.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from warehouse.vocab import TIERS

from .contrib import contributions, toward_move
from .estimator import TrainedModel
from .explain import evidence, show_value, signals
from .features import feature_matrix, label_of
from .predict import LastReport, forecast_probabilities, forecast_year, last_report, move_scores
from .queries import query

REASONS = 3
EVIDENCE_PER_REASON = 2


@dataclass(frozen=True)
class Alert:
    """One country at risk of moving: its current tier (and the report that set it), the likely
    direction, the probabilities, and the reasons with their evidence."""
    rank: int
    country_iso3: str
    name: str
    year: int
    current_status: str
    current_status_year: int | None
    direction: str                      # up or down
    p_change: float
    p_up: float
    p_down: float
    predicted_status: str
    probabilities: dict[str, float]
    chained: bool                       # the previous placement was unknown and forecast first
    reasons: list[dict]                 # {feature, label, value, contribution, evidence: [{text, source}]}


@dataclass(frozen=True)
class Alerts:
    """The alerts of one review year and what is known of the last report."""
    year: int
    last_report: LastReport | None
    alerts: list[Alert]

    def to_dict(self) -> dict:
        return {"year": self.year, "last_report": asdict(self.last_report) if self.last_report else None,
                "alerts": [asdict(a) for a in self.alerts]}


def alerts(model: TrainedModel, con, *, year: int | None = None, top: int = 10) -> Alerts:
    """The `top` countries of `year` (default: the next report) by P(change), with reasons."""
    year = forecast_year(con) if year is None else int(year)
    frame = feature_matrix(con, year=year)
    if frame.empty:
        return Alerts(year=year, last_report=last_report(con), alerts=[])
    proba, start, found = forecast_probabilities(model, con, frame)
    p_change, p_up, p_down = move_scores(proba, start)
    order = np.argsort(-p_change, kind="stable")[:top]
    rows = frame.iloc[order].reset_index(drop=True)
    if found is not None:   # a chained row's reasons are those of its most likely previous tier
        likely = {c: TIERS[int(p.argmax())] for c, p in zip(found.countries, found.previous)}
        for i, iso3 in enumerate(rows["country_iso3"]):
            if iso3 in likely:
                branch = found.branches[likely[iso3]]
                rows.iloc[i] = branch[branch["country_iso3"] == iso3].iloc[0][rows.columns]
    contrib, _, _ = contributions(model, rows)
    toward = toward_move(contrib, p_up[order] >= p_down[order])
    names = dict(con.execute(query("country_names")).fetchall())
    since = (year - frame["years_since_known"]).where(frame["years_since_known"].notna())
    out = []
    for rank, (i, row) in enumerate(zip(order, rows.itertuples(index=False)), 1):
        direction = "up" if p_up[i] >= p_down[i] else "down"
        iso3 = row.country_iso3
        known = frame.iloc[i]["prev_status"] != "unknown"
        out.append(Alert(
            rank=rank, country_iso3=iso3, name=names.get(iso3, iso3), year=year,
            current_status=TIERS[int(start[i])],
            current_status_year=year - 1 if known else (None if pd.isna(since.iloc[i]) else int(since.iloc[i])),
            direction=direction, p_change=float(p_change[i]), p_up=float(p_up[i]), p_down=float(p_down[i]),
            predicted_status=TIERS[int(proba[i].argmax())],
            probabilities={t: float(proba[i, j]) for j, t in enumerate(TIERS)},
            chained=bool(found is not None and iso3 in found.countries),
            reasons=_reasons(model, con, iso3, year, rows.iloc[rank - 1], toward[rank - 1])))
    return Alerts(year=year, last_report=last_report(con), alerts=out)


def _reasons(model: TrainedModel, con, iso3: str, year: int, row: pd.Series, toward: np.ndarray) -> list[dict]:
    """The features pushing the move the most, each with the warehouse's evidence for it."""
    facts = evidence(con, iso3, year)
    asks = signals(con, iso3, year)
    out = []
    for j in np.argsort(-toward, kind="stable"):
        if toward[j] <= 0 or len(out) == REASONS:
            break
        f = model.feature_names[j]
        if _plain(row[f]) is None:     # "unknown" is no reason a user can act on or check
            continue
        lines = [{"text": s["text"], "source": s["source"]} for s in asks if s["feature"] == f]
        lines += [{"text": e["sentence"], "source": f"document {e['doc_id']} ({e['title'] or e['kind']}), "
                                                   f"characters {e['char_start']}-{e['char_end']}"}
                  for e in facts if e["feature"] == f]
        out.append({"feature": f, "label": label_of(f), "value": show_value(_plain(row[f])),
                    "contribution": float(toward[j]), "evidence": lines[:EVIDENCE_PER_REASON]})
    return out


def _plain(v):
    if isinstance(v, (float, np.floating)):
        return None if np.isnan(v) else float(v)
    return v
