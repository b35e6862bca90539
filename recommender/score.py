"""Batch scoring of reports: one row per document with the forecast for its country and review.

Each file is read, detected and extracted by the warehouse (warehouse.ingest.prepare_file). Its
features come from the same SQL view as everywhere else, over a scratch copy of the warehouse
(warehouse.scratch) to which the report is added for the time of one query; the warehouse itself is
never written. The forecast is for the review the report's facts count for
(warehouse.vocab.evidence_year: a USTR report's facts count for the following review).
"""
from __future__ import annotations

import math
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from warehouse.errors import S301Error, printable, shown
from warehouse.ingest import Prepared, iter_files, prepare_file
from warehouse.safe_csv import escape_frame
from warehouse.scratch import documents_added, scratch_copy
from warehouse.vocab import TIER_RANK, TIERS, evidence_year

from .contrib import contributions
from .estimator import TrainedModel
from .features import feature_matrix, label_of

TOP_REASONS = 3


@dataclass
class ScoreRow:
    """One scored document, or a file that could not be scored (then `error` says why)."""
    path: str
    doc_id: str | None = None
    country_iso3: str | None = None
    review_year: int | None = None
    kind: str | None = None
    predicted_status: str | None = None
    p_none: float | None = None
    p_wl: float | None = None
    p_pwl: float | None = None
    p_pfc: float | None = None
    recommended_status_extracted: str | None = None
    top_reasons: str | None = None
    error: str | None = None


COLUMNS = [f.name for f in fields(ScoreRow)]


def _recommended(facts) -> str | None:
    votes: dict[str, int] = {}
    for f in facts:
        if f.feature == "recommended_status" and f.value in TIERS:
            votes[f.value] = votes.get(f.value, 0) + 1
    return max(votes, key=lambda v: (votes[v], -TIER_RANK[v])) if votes else None


def _reasons(model: TrainedModel, frame: pd.DataFrame, tier: str) -> str:
    contrib, _, _ = contributions(model, frame)
    k = TIER_RANK[tier]
    order = sorted(range(len(model.feature_names)), key=lambda j: -abs(contrib[0, j, k]))[:TOP_REASONS]
    parts = []
    for j in order:
        f = model.feature_names[j]
        v = frame.iloc[0][f]
        shown = "missing" if (isinstance(v, float) and math.isnan(v)) else (
            f"{v:g}" if isinstance(v, float) else str(v))
        parts.append(f"{label_of(f)} = {shown} ({contrib[0, j, k]:+.2f})")
    return "; ".join(parts)


def score_document(model: TrainedModel, scratch, prepared: Prepared) -> ScoreRow:
    """The score row of one prepared document (error filled when it cannot be scored)."""
    det = prepared.det
    row = ScoreRow(path=prepared.path, doc_id=prepared.doc_id, country_iso3=det.country_iso3,
                   review_year=det.review_year, kind=det.kind,
                   recommended_status_extracted=_recommended(prepared.facts))
    if not det.country_iso3:
        row.error = f"{prepared.path}: the report's country could not be determined"
        return row
    if not det.review_year:
        row.error = f"{prepared.path}: the report's review year could not be determined"
        return row
    year = evidence_year(det.kind, det.review_year)
    with documents_added(scratch, [prepared]) as warehouse:
        frame = feature_matrix(warehouse, year=year, country=det.country_iso3)
    if frame.empty:
        row.error = f"{prepared.path}: no feature row for {det.country_iso3} in {year}"
        return row
    proba = model.predict_proba(frame)[0]
    row.predicted_status = TIERS[int(proba.argmax())]
    row.top_reasons = _reasons(model, frame, row.predicted_status)
    row.p_none, row.p_wl, row.p_pwl, row.p_pfc = (float(p) for p in proba)
    return row


def score_file(model: TrainedModel, scratch, path: Path, problem: str | None = None) -> list[ScoreRow]:
    """The rows of one file: one per document, or one error row (a listed `problem`, an unreadable
    file, no document in it, an unexpected failure); never raises for a bad file."""
    name = shown(path)   # a file name that is not UTF-8 is shown escaped (bad\xff.txt), never a crash
    if problem:
        return [ScoreRow(path=name, error=f"{name}: {problem}")]
    try:
        prepared = prepare_file(path)
        if not prepared:
            return [ScoreRow(path=name, error=f"{name}: no document found in the file")]
        return [score_document(model, scratch, p) for p in prepared]
    except S301Error as exc:
        return [ScoreRow(path=name, error=printable(str(exc)))]
    except Exception as exc:  # never crash a batch on one file
        return [ScoreRow(path=name, error=printable(f"{name}: {type(exc).__name__}: {exc}"))]


def score_paths(paths: Iterable[str | Path], model: TrainedModel, con, *,
                progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """One row per document in the given files/folders (COLUMNS). A file that cannot be read or
    scored gives a row with `error` filled; nothing raises for a bad file. `progress(done, total)`
    is called after each file."""
    files = list(iter_files(paths))
    scratch = scratch_copy(con)
    rows: list[ScoreRow] = []
    try:
        for i, (path, problem) in enumerate(files):
            rows.extend(score_file(model, scratch, path, problem))
            if progress is not None:
                progress(i + 1, len(files))
    finally:
        scratch.close()
    frame = pd.DataFrame([astuple(r) for r in rows], columns=COLUMNS)
    frame["review_year"] = frame["review_year"].astype("Int64")
    return frame


def write_scores(frame: pd.DataFrame, out: str | Path, raw: bool = False) -> Path:
    """Write CSV or Parquet (by extension). CSV cells that a spreadsheet would run as a formula
    (a path or error beginning with = + - @) get a ' in front unless `raw` (warehouse.safe_csv);
    Parquet keeps the values as they are."""
    out = Path(out)
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise S301Error(f"{shown(out)}: output must end in .csv or .parquet")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".parquet":
        frame.to_parquet(out, index=False)
    else:
        (frame if raw else escape_frame(frame)).to_csv(out, index=False, errors="backslashreplace")
    return out
