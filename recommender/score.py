"""Batch scoring of reports: one row per document with the forecast for its country and review.

Each file is read, detected and extracted by the warehouse (warehouse.ingest.prepare_file). Its
features come from the same SQL view as everywhere else, over a scratch copy of the warehouse
(warehouse.scratch) to which the report is added; the warehouse itself is never written. The
forecast is for the review the report's facts count for (warehouse.vocab.evidence_year: a USTR
report's facts count for the following review).

Two paths give the same rows (tests/test_score_batch.py compares them row for row):
- score_each, one report at a time: the report is added to the scratch copy, its country-year's
  feature row read, the model run on that row, the report rolled back; about 0.1 s a report.
- score_paths, at corpus scale (hundreds of reports a second; results/bench.md, bench.score):
  * files are read, detected and extracted in worker processes (`pool`, from
    warehouse.ingest.make_pool) while this process loads the model (scikit-learn takes a second
    or more to import); meanwhile a thread copies the warehouse into the scratch copy and reads
    the view's rows of the warehouse as it is (DuckDB works without holding the GIL);
  * a report the warehouse holds already (same doc_id) is scored as stored: not added again (no
    fact counted twice), and when it reads as it was stored (same kind, country, review year and
    date) its facts are not extracted again either: its stored recommended_status facts give the
    extracted recommendation. Not so for an original whose stored facts are stale (found by other
    extraction rules, warehouse.fingerprint): it is extracted again like a new report, and its
    facts replace its stored ones in the scratch copy for its round (score_each does the same);
  * new reports are added to ONE scratch copy in rounds in which no two reports share a country
    (nor a doc_id), and rolled back after each round: a report's features never see another report
    of the batch, exactly as when it is scored alone (a report of a country feeds that country's
    rows only; its other years' rows too, through growth figures, hence a country per round);
  * the feature rows of a round come from ONE query of the view for all its (country, year) keys;
    the model predicts and explains every row in one call, and the top reasons are picked with
    numpy.
"""
from __future__ import annotations

import math
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa

from warehouse import fingerprint
from warehouse.detect import stated_fields
from warehouse.errors import S301Error, printable, shown
from warehouse.ingest import Prepared, extraction_key, iter_files, prepare_file, prepared_files
from warehouse.safe_csv import escape_frame
from warehouse.scratch import documents_added, documents_stored, scratch_copy
from warehouse.vocab import TIER_RANK, TIERS, evidence_year

from .contrib import likely_move
from .features import FEATURE_NAMES, KEYS, feature_matrix, label_of, typed
from .queries import query

if TYPE_CHECKING:   # not imported at run time: scikit-learn loads while the workers read (score_paths)
    from .estimator import TrainedModel

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
_as_tuple = attrgetter(*COLUMNS)
"""A row's values in COLUMNS order (dataclasses.astuple deep-copies every value: 30 times slower)."""


def _recommended(facts) -> str | None:
    return _vote(f.value for f in facts if f.feature == "recommended_status")


def _vote(values: Iterable) -> str | None:
    """The tier most often recommended (the lower one on a tie); None when none is."""
    votes: dict[str, int] = {}
    for v in values:
        if v in TIERS:
            votes[v] = votes.get(v, 0) + 1
    return max(votes, key=lambda v: (votes[v], -TIER_RANK[v])) if votes else None


def _reasons(model: TrainedModel, frame: pd.DataFrame) -> str:
    """The top reasons of a one-row frame (_top_reasons)."""
    return _top_reasons(model, frame)[0]


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
    row.top_reasons = _reasons(model, frame)
    row.p_none, row.p_wl, row.p_pwl, row.p_pfc = (float(p) for p in proba)
    return row


def score_file(model: TrainedModel, scratch, path: Path, problem: str | None = None, *,
               country: str | None = None, review_year: int | None = None) -> list[ScoreRow]:
    """The rows of one file: one per document, or one error row (a listed `problem`, an unreadable
    file, no document in it, an unexpected failure); never raises for a bad file."""
    name = shown(path)   # a file name that is not UTF-8 is shown escaped (bad\xff.txt), never a crash
    if problem:
        return [ScoreRow(path=name, error=f"{name}: {problem}")]
    try:
        prepared = prepare_file(path, country=country, review_year=review_year)
        if not prepared:
            return [ScoreRow(path=name, error=f"{name}: no document found in the file")]
        return [score_document(model, scratch, p) for p in prepared]
    except S301Error as exc:
        return [ScoreRow(path=name, error=printable(str(exc)))]
    except Exception as exc:  # never crash a batch on one file
        return [ScoreRow(path=name, error=printable(f"{name}: {type(exc).__name__}: {exc}"))]


def score_each(paths: Iterable[str | Path], model: TrainedModel, con, *, country: str | None = None,
               review_year: int | None = None, progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """score_paths one report at a time (score_file): the reference the batch path is tested
    against, and the slow path (about 90 ms a report)."""
    stated_fields(country, review_year)
    files = list(iter_files(paths))
    scratch = scratch_copy(con)
    rows: list[ScoreRow] = []
    try:
        for i, (path, problem) in enumerate(files):
            rows.extend(score_file(model, scratch, path, problem, country=country, review_year=review_year))
            if progress is not None:
                progress(i + 1, len(files))
    finally:
        scratch.close()
    return _frame(rows)


def _frame(rows: list[ScoreRow]) -> pd.DataFrame:
    frame = pd.DataFrame([_as_tuple(r) for r in rows], columns=COLUMNS)
    frame["review_year"] = frame["review_year"].astype("Int64")
    return frame


# ----------------------------------------------------------------------------- at corpus scale

def score_paths(paths: Iterable[str | Path], model: TrainedModel | Callable[[], TrainedModel], con, *,
                pool=None, country: str | None = None, review_year: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """One row per document in the given files/folders (COLUMNS), the same rows as score_each
    gives, in a handful of queries (see the module's docstring). A file that cannot be read or
    scored gives a row with `error` filled; nothing raises for a bad file.

    `model` is a TrainedModel, or a function that loads one: it is called once the workers of
    `pool` (warehouse.ingest.make_pool) have started reading, so that loading overlaps reading.
    `country` (a name, alias or ISO3 code) and `review_year` state every report's (prepare_file);
    S301Error before any file is read when they are not valid. `progress(done, total)` is called
    at the start (0), after each file has been read, and the last time once everything is scored."""
    stated_fields(country, review_year)
    files = list(iter_files(paths))
    if progress is not None and files:
        progress(0, len(files))   # the bar shows while the model loads
    stored, extracted, stale = _stored_documents(con)
    results = prepared_files(files, pool, extracted, country=country, review_year=review_year,
                             known_in_workers=True)   # the workers start reading now
    source = con.cursor()
    try:
        with _in_background(_scratch_and_rows, source) as ready:   # DuckDB's work, without the GIL
            if not hasattr(model, "predict_proba"):   # a loader: called while the workers read
                model = model()
            rows, docs, as_stored = _collect(results, len(files), stored, extracted, stale, progress)
            _recommended_as_stored(con, as_stored)
            scratch, as_is = ready.result()
            _score_documents(model, scratch, as_is, docs)
    finally:
        source.close()
    if progress is not None and files:
        progress(len(files), len(files))
    return _frame(rows)


@dataclass
class _Doc:
    """A document to score: its row (filled in by _score_documents), the report and its feature key."""
    row: ScoreRow
    prepared: Prepared
    key: tuple[str, int]
    new: bool               # not in the warehouse, or stale: added to the scratch copy for its round
    stale: bool = False     # stored with stale facts: its facts replace them in the scratch copy


@contextmanager
def _in_background(fn: Callable, *args) -> Iterator[Future]:
    """fn(*args) in a thread of its own (its future); the scratch warehouse it returns is closed
    when the block ends, however it ends."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        future = executor.submit(fn, *args)
        try:
            yield future
        finally:
            if future.exception() is None:   # waits for it
                future.result()[0].close()


def _scratch_and_rows(source) -> tuple:
    """(the scratch copy of the warehouse, every feature row of the warehouse as it is)."""
    scratch = scratch_copy(source)
    try:
        return scratch, _view_rows(scratch, None)
    except BaseException:
        scratch.close()
        raise


def _stored_documents(con) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(the doc_ids of the warehouse, the extraction_key of each original among them whose facts
    are current, the doc_ids of the originals whose facts are stale): a report read as a current
    original was stored needs no extraction (near-duplicates are stored without facts)."""
    cur = con.cursor()   # a cursor of its own: the caller's pending results stay untouched
    try:
        rows = cur.execute(query("score_stored_documents"),
                           {"fingerprint": fingerprint.extractor_fingerprint()}).fetchall()
    finally:
        cur.close()
    return (frozenset(r[0] for r in rows),
            frozenset(extraction_key(doc_id, *context) for doc_id, original, current, *context in rows
                      if original and current),
            frozenset(doc_id for doc_id, original, current, *_ in rows if original and not current))


def _collect(results: Iterator, total: int, stored: frozenset[str], extracted: frozenset[str],
             stale: frozenset[str],
             progress: Callable[[int, int], None] | None) -> tuple[list[ScoreRow], list[_Doc], list[ScoreRow]]:
    """(every output row in order, the documents to score, the rows of documents scored as stored
    whose recommendation is still to be read) from prepared_files' results."""
    rows: list[ScoreRow] = []
    docs: list[_Doc] = []
    as_stored: list[ScoreRow] = []
    for done, (path, prepared, error) in enumerate(results, 1):
        if error is not None:
            rows.append(ScoreRow(path=shown(path), error=error))
        elif not prepared:
            rows.append(ScoreRow(path=shown(path), error=f"{shown(path)}: no document found in the file"))
        else:
            for p in prepared:
                det = p.det
                row = ScoreRow(path=p.path, doc_id=p.doc_id, country_iso3=det.country_iso3,
                               review_year=det.review_year, kind=det.kind)
                rows.append(row)
                if extraction_key(p.doc_id, det.kind, det.country_iso3, det.review_year,
                                  det.report_date) in extracted:
                    as_stored.append(row)   # read as stored, not extracted again: its stored facts
                else:
                    row.recommended_status_extracted = _recommended(p.facts)
                if not det.country_iso3:
                    row.error = f"{p.path}: the report's country could not be determined"
                elif not det.review_year:
                    row.error = f"{p.path}: the report's review year could not be determined"
                else:
                    docs.append(_Doc(row, p, (det.country_iso3, evidence_year(det.kind, det.review_year)),
                                     new=p.doc_id not in stored or p.doc_id in stale, stale=p.doc_id in stale))
        if progress is not None and done < total:
            progress(done, total)
    return rows, docs, as_stored


def _recommended_as_stored(con, rows: list[ScoreRow]) -> None:
    """The extracted recommendation of reports scored as stored, from their stored facts."""
    if not rows:
        return
    values: dict[str, list[str]] = {}
    cur = con.cursor()
    try:
        for doc_id, value in cur.execute(query("score_stored_recommendations"),
                                         {"ids": sorted({r.doc_id for r in rows})}).fetchall():
            values.setdefault(doc_id, []).append(value)
    finally:
        cur.close()
    for row in rows:
        row.recommended_status_extracted = _vote(values.get(row.doc_id, ()))


def _rounds(docs: list[_Doc]) -> list[list[_Doc]]:
    """The new documents in rounds: no two of a round share a country or a doc_id; a country's
    documents in their order, one per round."""
    rounds: list[list[_Doc]] = []
    ids: list[set[str]] = []
    next_round: dict[str, int] = {}
    for d in docs:
        r = next_round.get(d.key[0], 0)
        while r < len(rounds) and d.prepared.doc_id in ids[r]:
            r += 1
        if r == len(rounds):
            rounds.append([])
            ids.append(set())
        rounds[r].append(d)
        ids[r].add(d.prepared.doc_id)
        next_round[d.key[0]] = r + 1
    return rounds


def _view_rows(con, docs: list[_Doc] | None) -> pa.Table:
    """The view's rows (KEYS and FEATURE_NAMES) for the keys of these documents, in one query; for
    every key when docs is None."""
    if docs is None:
        rows = con.sql(query("feature_rows_all")).to_arrow_table()
    else:
        con.register("wanted_keys", pd.DataFrame(sorted({d.key for d in docs}), columns=KEYS))
        try:
            rows = con.sql(query("feature_rows")).to_arrow_table()
        finally:
            con.unregister("wanted_keys")
    missing = [n for n in FEATURE_NAMES if n not in rows.column_names]
    if missing:
        raise S301Error(f"country_year_features lacks column(s) {', '.join(missing)}: run `s301 init` to migrate")
    return rows.select(KEYS + FEATURE_NAMES)


def _rows_of(rows: pa.Table, docs: list[_Doc]) -> tuple[list[_Doc], pa.Table]:
    """(the documents that have a row among `rows`, their rows in the same order); a document
    without one gets its error."""
    where = {key: i for i, key in enumerate(zip(rows.column("country_iso3").to_pylist(),
                                                 rows.column("year").to_pylist()))}
    found = []
    for d in docs:
        if d.key in where:
            found.append(d)
        else:
            d.row.error = f"{d.row.path}: no feature row for {d.key[0]} in {d.key[1]}"
    return found, rows.take(pa.array([where[d.key] for d in found], type=pa.int64()))


def _score_documents(model: TrainedModel, scratch, as_is: pa.Table, docs: list[_Doc]) -> None:
    """Fill in the forecast of every document: stored ones from the rows of the warehouse as it is
    (`as_is`), new ones in rounds (_rounds) on the scratch copy; then one prediction and one
    explanation for all rows."""
    stored = [d for d in docs if not d.new]
    scored, rows = _rows_of(as_is, stored)
    scored = list(scored)
    tables: list[pa.Table] = [rows]
    for batch in _rounds([d for d in docs if d.new]):
        try:
            with documents_stored(scratch, [d.prepared for d in batch if not d.stale],
                                  [d.prepared for d in batch if d.stale]) as warehouse:
                found, rows = _rows_of(_view_rows(warehouse, batch), batch)
        except Exception as exc:  # never crash a batch: its documents get the reason
            for d in batch:
                d.row.error = printable(f"{d.row.path}: {type(exc).__name__}: {exc}")
            continue
        scored.extend(found)
        tables.append(rows)
    if not scored:
        return
    try:
        X = typed(pa.concat_tables(tables).to_pandas())
        proba = model.predict_proba(X)
        tiers = proba.argmax(axis=1)
        reasons = _top_reasons(model, X)
    except Exception as exc:
        for d in scored:
            d.row.error = printable(f"{d.row.path}: {type(exc).__name__}: {exc}")
        return
    for d, p, k, why in zip(scored, proba.tolist(), tiers.tolist(), reasons):
        d.row.predicted_status = TIERS[k]
        d.row.p_none, d.row.p_wl, d.row.p_pwl, d.row.p_pfc = p
        d.row.top_reasons = why


def _top_reasons(model: TrainedModel, X: pd.DataFrame) -> list[str]:
    """For every row of X: its likelier move (up or down from its current tier) and the TOP_REASONS
    features whose contributions push that move the most (exact contributions to log(P(move) /
    P(stay)); ties in feature order)."""
    up, c = likely_move(model, X)
    top = np.argsort(-c, axis=1, kind="stable")[:, :TOP_REASONS]
    names = model.feature_names
    labels = [label_of(f) for f in names]
    values = [X[f].tolist() for f in names]
    out = []
    for i, order in enumerate(top.tolist()):
        parts = []
        for j in order:
            v = values[j][i]
            text = "missing" if (isinstance(v, float) and math.isnan(v)) else (
                f"{v:g}" if isinstance(v, float) else str(v))
            parts.append(f"{labels[j]} = {text} ({c[i, j]:+.2f})")
        out.append(f"toward moving {'up' if up[i] else 'down'}: " + "; ".join(parts))
    return out


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
