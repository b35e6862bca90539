"""Batch scoring of reports: one row per document with the forecast for its country and review.

Each file is read, detected and extracted by the warehouse's own helpers (warehouse.ingest.prepare_file).
The features are computed by the same SQL view as everywhere else, over a scratch in-memory DuckDB
that holds a copy of the warehouse's tables (read once; the documents' texts are left out) plus the
scored report's document and evidence rows, written by warehouse.ingest.write_documents inside a
transaction that is rolled back after the row is read. The warehouse itself is never written.
A USTR report is published with its year's decision, so its facts (like the view's) count for the
following review: its row forecasts review_year + 1.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Callable, Iterable

import duckdb
import pandas as pd

from warehouse.errors import S301Error

from .contrib import contributions
from .features import feature_matrix, label_of
from .model import TIERS, TrainedModel

COLUMNS = ["path", "doc_id", "country_iso3", "review_year", "kind", "predicted_status", "p_none", "p_wl",
           "p_pwl", "p_pfc", "recommended_status_extracted", "top_reasons", "error"]
COPIED_TABLES = ["countries", "listings", "listing_years", "treaties", "wto_members", "piracy_rates",
                 "embassy_recommendations", "evidence"]
TOP_REASONS = 3


def scratch_warehouse(con) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the warehouse schema and views and a copy of `con`'s rows."""
    from warehouse.db import migrate
    scratch = duckdb.connect(":memory:")
    migrate(scratch)
    source = con.cursor()  # a cursor of its own: the caller's pending results stay untouched
    for table in COPIED_TABLES + ["documents"]:
        if table == "documents":
            data = source.sql("SELECT * EXCLUDE (text), '' AS text FROM documents").to_arrow_table()
        else:
            data = source.sql(f"SELECT * FROM {table}").to_arrow_table()
        if data.num_rows:
            scratch.register("copied_rows", data)
            cols = ", ".join(data.column_names)
            scratch.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM copied_rows")
            scratch.unregister("copied_rows")
    source.close()
    return scratch


def _expand(paths: Iterable[str | Path]) -> list[tuple[Path, str | None]]:
    from warehouse.ingest import iter_files
    return list(iter_files(paths))


def _recommended(facts) -> str | None:
    votes: dict[str, int] = {}
    for f in facts:
        if f.feature == "recommended_status" and f.value in TIERS:
            votes[f.value] = votes.get(f.value, 0) + 1
    return max(votes, key=lambda v: (votes[v], -TIERS.index(v))) if votes else None


def _reasons(model: TrainedModel, frame: pd.DataFrame, tier: str) -> str:
    contrib, _, _ = contributions(model, frame)
    k = TIERS.index(tier)
    order = sorted(range(len(model.feature_names)), key=lambda j: -abs(contrib[0, j, k]))[:TOP_REASONS]
    parts = []
    for j in order:
        f = model.feature_names[j]
        v = frame.iloc[0][f]
        shown = "missing" if (isinstance(v, float) and math.isnan(v)) else (
            f"{v:g}" if isinstance(v, float) else str(v))
        parts.append(f"{label_of(f)} = {shown} ({contrib[0, j, k]:+.2f})")
    return "; ".join(parts)


def _empty_row(path: str, error: str | None = None, **known) -> dict:
    row = {c: None for c in COLUMNS}
    row.update(known)
    row["path"], row["error"] = path, error
    return row


def score_document(model: TrainedModel, scratch, prepared) -> dict:
    """The score row of one prepared document (error filled when it cannot be scored)."""
    from warehouse.ingest import write_documents
    det = prepared.det
    row = _empty_row(prepared.path, None, doc_id=prepared.doc_id, country_iso3=det.country_iso3,
                     review_year=det.review_year, kind=det.kind,
                     recommended_status_extracted=_recommended(prepared.facts))
    if not det.country_iso3:
        row["error"] = f"{prepared.path}: the report's country could not be determined"
        return row
    if not det.review_year:
        row["error"] = f"{prepared.path}: the report's review year could not be determined"
        return row
    year = det.review_year + 1 if det.kind == "ustr_report" else det.review_year
    known = scratch.execute("SELECT count(*) FROM documents WHERE doc_id = ?", [prepared.doc_id]).fetchall()[0][0]
    scratch.execute("BEGIN TRANSACTION")
    try:
        if not known:
            write_documents(scratch, [prepared])
        frame = feature_matrix(scratch, year=year, country=det.country_iso3)
    finally:
        scratch.execute("ROLLBACK")
    if frame.empty:
        row["error"] = f"{prepared.path}: no feature row for {det.country_iso3} in {year}"
        return row
    proba = model.predict_proba(frame)[0]
    tier = TIERS[int(proba.argmax())]
    row.update({"predicted_status": tier, "top_reasons": _reasons(model, frame, tier),
                **{f"p_{t.lower()}": float(proba[j]) for j, t in enumerate(TIERS)}})
    return row


def score_paths(paths: Iterable[str | Path], model: TrainedModel, con,
                progress: Callable[[int, int], None] | bool | None = None) -> pd.DataFrame:
    """One row per document in the given files/folders (COLUMNS). A file that cannot be read or
    scored gives a row with `error` filled; nothing raises for a bad file. `progress` is a callback
    (done, total), or True for a tqdm bar on stderr."""
    from warehouse.ingest import prepare_file
    files = _expand(paths)
    scratch = scratch_warehouse(con)
    rows: list[dict] = []
    bar = None
    if progress is True:
        from tqdm import tqdm
        bar = tqdm(total=len(files), unit="file", file=sys.stderr, disable=len(files) < 2)
    try:
        for i, (path, problem) in enumerate(files):
            if problem:
                rows.append(_empty_row(str(path), f"{path}: {problem}"))
            else:
                try:
                    prepared = prepare_file(path)
                    if not prepared:
                        rows.append(_empty_row(str(path), f"{path}: no document found in the file"))
                    for p in prepared:
                        rows.append(score_document(model, scratch, p))
                except S301Error as exc:
                    rows.append(_empty_row(str(path), str(exc)))
                except Exception as exc:  # never crash a batch on one file
                    rows.append(_empty_row(str(path), f"{path}: {type(exc).__name__}: {exc}"))
            if bar is not None:
                bar.update(1)
            elif callable(progress):
                progress(i + 1, len(files))
    finally:
        if bar is not None:
            bar.close()
        scratch.close()
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["review_year"] = frame["review_year"].astype("Int64")
    return frame


def write_scores(frame: pd.DataFrame, out: str | Path) -> Path:
    """Write CSV or Parquet (by extension)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".parquet":
        frame.to_parquet(out, index=False)
    elif out.suffix.lower() == ".csv":
        frame.to_csv(out, index=False)
    else:
        raise S301Error(f"{out}: output must end in .csv or .parquet")
    return out


def cli_score(args) -> int:
    from warehouse.db import connect
    from .model import load_model
    if Path(args.out).suffix.lower() not in (".csv", ".parquet"):
        raise S301Error(f"{args.out}: output must end in .csv or .parquet")
    model = load_model(args.model)
    con = connect(args.db, read_only=True)
    try:
        frame = score_paths(args.paths, model, con, progress=not args.no_progress)
    finally:
        con.close()
    out = write_scores(frame, args.out)
    bad = int(frame["error"].notna().sum())
    print(f"scored {len(frame) - bad} report(s), {bad} error row(s) -> {out}")
    return 0
