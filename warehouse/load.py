"""Load the project's reference CSVs (warehouse/reference/*.csv) into the warehouse.

Each CSV is validated row by row before anything is written; a bad row raises
ReferenceDataError naming the file and the line. Rules that join two files (listings.ocr against
out_of_cycle_reviews) are checked next, with the same kind of message. Tables are replaced whole
inside one transaction, so loading twice leaves the same rows.
"""
from __future__ import annotations

import csv
import re
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
import pyarrow as pa

from .db import PACKAGE_DIR, transaction
from .errors import ReferenceDataError

REFERENCE_DIR = PACKAGE_DIR / "reference"
STATUSES = {"PFC", "PWL", "WL", "OO", "306"}
RECOMMENDED = {"none", "WL", "PWL", "PFC", "OCR"}      # OCR: the post asked only for an out-of-cycle review
EMBASSY_ACTIONS = {"maintain", "elevate", "lower", "add", "remove"}
EMBASSY_CONTEXTS = {"annual", "out_of_cycle"}
IIPA_STATUSES = {"PFC", "PWL", "WL", "306", "OCR_only", "not_listed"}
IIPA_ACTIONS = {"maintain", "elevate", "lower", "add", "remove", "unknown"}
IIPA_FOUND_BY = {"shared_file", "s301_search"}
OCR_LISTED = {"PFC", "PWL", "WL", "OO", "306", "none"}
IMF_ATTRIBUTION = "Source: International Monetary Fund, Direction of Trade Statistics (DOTS), https://data.imf.org"
TREATY_EVENTS = {"signed", "ratified", "acceded", "accepted", "continued", "succeeded", "in_force"}
SECTORS = {"software", "optical_disc", "music", "film", "books", "online", "overall", "other"}
FIRST_YEAR = 1980


def _int(v: str) -> int:
    return int(v)


def _year(v: str) -> int:
    y = int(v)
    if not FIRST_YEAR <= y <= dt.date.today().year + 1:
        raise ValueError(f"year {y} is out of range {FIRST_YEAR}..{dt.date.today().year + 1}")
    return y


def _percent(v: str) -> float:
    x = float(v)
    if not 0.0 <= x <= 100.0:
        raise ValueError(f"{x} is not a percentage between 0 and 100")
    return x


def _iso3(v: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", v):
        raise ValueError(f"{v!r} is not a three-letter upper-case code")
    return v


def _bool(v: str) -> bool:
    low = v.strip().lower()
    if low in {"true", "1", "yes"}:
        return True
    if low in {"false", "0", "no"}:
        return False
    raise ValueError(f"not a boolean: {v!r}")


def _date(v: str) -> dt.date:
    d = dt.date.fromisoformat(v)
    if d > dt.date.today():
        raise ValueError(f"date {v} is in the future")
    return d


def _past_year(v: str) -> int:
    """A year whose figures can exist: not after the current year."""
    y = _year(v)
    if y > dt.date.today().year:
        raise ValueError(f"year {y} is in the future")
    return y


def _usd(v: str) -> float:
    x = float(v)
    if not x >= 0.0:          # also rejects NaN
        raise ValueError(f"{v!r} is not a non-negative amount")
    return x


def _url_list(v: str) -> str:
    """One or more ' | '-separated http(s) URLs."""
    for part in v.split(" | "):
        if not re.fullmatch(r"https?://\S+", part.strip()):
            raise ValueError(f"{part.strip()!r} is not an http(s) URL")
    return v


def _imf_source(v: str) -> str:
    if IMF_ATTRIBUTION not in v:
        raise ValueError(f"IMF's required attribution is missing ({IMF_ATTRIBUTION!r})")
    return v


def _text(v: str) -> str:
    return v


def _choice(options: set[str]) -> Callable[[str], str]:
    def check(v: str) -> str:
        if v not in options:
            raise ValueError(f"{v!r} is not one of {sorted(options)}")
        return v
    return check


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], object] = _text
    required: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    file: str
    columns: tuple[Column, ...]
    iso3_column: str | None = "country_iso3"   # checked against countries.csv
    row_check: Callable[[dict], None] | None = None   # raises ValueError for a bad combination of values


class Rows(list):
    """Parsed rows of one file, with the file line of each row (for messages about the whole table)."""
    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.lines: list[int] = []


def _one_amount(row: dict) -> None:
    if row["exports_usd"] is None and row["imports_usd"] is None:
        raise ValueError("neither exports_usd nor imports_usd is given (a year without data has no row)")


TABLES: tuple[Table, ...] = (
    Table("countries", "countries.csv", (
        Column("iso3", _iso3), Column("name"), Column("aliases", required=False), Column("source"),
    ), iso3_column=None),
    Table("listings", "listings.csv", (
        Column("year", _year), Column("country_iso3"), Column("status", _choice(STATUSES)),
        Column("section_306", _bool), Column("ocr", _bool), Column("source"),
    )),
    Table("listing_years", "listing_years.csv", (
        Column("year", _year), Column("complete", _bool), Column("pfc_complete", _bool),
        Column("pwl_complete", _bool), Column("wl_complete", _bool),
        Column("announced_pwl", _int, required=False), Column("announced_wl", _int, required=False),
        Column("note", required=False), Column("source"),
    ), iso3_column=None),
    Table("treaties", "treaties.csv", (
        Column("country_iso3"), Column("treaty"), Column("event", _choice(TREATY_EVENTS)), Column("date", _date), Column("source"),
    )),
    Table("wto_members", "wto_members.csv", (
        Column("country_iso3"), Column("accession_date", _date), Column("source"),
    )),
    Table("piracy_rates", "piracy_rates.csv", (
        Column("country_iso3"), Column("year", _year), Column("sector", _choice(SECTORS)),
        Column("rate", _percent), Column("source"),
    )),
    Table("embassy_recommendations", "embassy_recommendations.csv", (
        Column("country_iso3"), Column("review_year", _year), Column("recommended_status", _choice(RECOMMENDED)),
        Column("action", _choice(EMBASSY_ACTIONS), required=False),
        Column("context", _choice(EMBASSY_CONTEXTS), required=False), Column("refid", required=False),
        Column("evidence", required=False), Column("source_url", _url_list, required=False),
        Column("note", required=False), Column("source"),
    )),
    Table("iipa_requests", "iipa_requests.csv", (
        Column("year", _year), Column("country_iso3"), Column("status", _choice(IIPA_STATUSES)),
        Column("action", _choice(IIPA_ACTIONS)), Column("ocr", _bool), Column("found_by", _choice(IIPA_FOUND_BY)),
        Column("source", _url_list), Column("note", required=False),
    )),
    Table("us_trade", "us_trade.csv", (
        Column("country_iso3"), Column("year", _past_year), Column("exports_usd", _usd, required=False),
        Column("imports_usd", _usd, required=False), Column("source", _imf_source),
    ), row_check=_one_amount),
    Table("out_of_cycle_reviews", "out_of_cycle_reviews.csv", (
        Column("year", _year), Column("country_iso3"), Column("listed_status", _choice(OCR_LISTED), required=False),
        Column("source"), Column("note", required=False),
    )),
)


def read_table(table: Table, directory: Path = REFERENCE_DIR, known_iso3: set[str] | None = None) -> Rows:
    """Parse and validate one reference CSV; raise ReferenceDataError naming file and line."""
    path = directory / table.file
    if not path.exists():
        raise ReferenceDataError(f"{path}: reference file is missing")
    try:
        return _read_rows(table, path, known_iso3)
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise ReferenceDataError(f"{path}: malformed CSV ({exc})") from None


def _read_rows(table: Table, path: Path, known_iso3: set[str] | None) -> Rows:
    rows = Rows(path)
    seen: dict[tuple, int] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        wanted = [c.name for c in table.columns]
        missing = [c for c in wanted if c not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError(f"{path}:1: missing column(s) {', '.join(missing)}")
        for record in reader:
            line = reader.line_num
            if None in record or any(v is None for v in record.values()):
                raise ReferenceDataError(f"{path}:{line}: wrong number of fields")
            values = []
            for col in table.columns:
                raw = (record.get(col.name) or "").strip()
                if raw == "":
                    if col.required:
                        raise ReferenceDataError(f"{path}:{line}: column {col.name!r} is empty")
                    values.append(None)
                    continue
                try:
                    values.append(col.parse(raw))
                except ValueError as exc:
                    raise ReferenceDataError(f"{path}:{line}: column {col.name!r}: {exc}") from None
            if table.row_check:
                try:
                    table.row_check(dict(zip(wanted, values)))
                except ValueError as exc:
                    raise ReferenceDataError(f"{path}:{line}: {exc}") from None
            if table.iso3_column and known_iso3 is not None:
                iso = values[wanted.index(table.iso3_column)]
                if iso not in known_iso3:
                    raise ReferenceDataError(f"{path}:{line}: unknown country code {iso!r} (not in countries.csv)")
            key = tuple(values[:_key_width(table)])
            if key in seen:
                raise ReferenceDataError(f"{path}:{line}: duplicate of line {seen[key]} ({key})")
            seen[key] = line
            rows.append(tuple(values))
            rows.lines.append(line)
    return rows


def check_consistency(parsed: dict[str, Rows]) -> None:
    """Rules that join two tables: listings.ocr agrees with out_of_cycle_reviews (both ways), and an
    out-of-cycle review's listed_status agrees with the listing of that year."""
    listings, ocr = parsed.get("listings"), parsed.get("out_of_cycle_reviews")
    if listings is None or ocr is None:
        return
    status = {(r[0], r[1]): r[2] for r in listings}
    reviewed = {(r[0], r[1]): (r[2], line) for r, line in zip(ocr, ocr.lines)}
    for r, line in zip(listings, listings.lines):
        flagged, key = r[4], (r[0], r[1])
        if flagged and key not in reviewed:
            raise ReferenceDataError(f"{listings.path}:{line}: ocr is true but {ocr.path.name} has no review "
                                     f"for {key[1]} {key[0]}")
        if not flagged and key in reviewed:
            raise ReferenceDataError(f"{listings.path}:{line}: ocr is false but {ocr.path.name} line "
                                     f"{reviewed[key][1]} records a review for {key[1]} {key[0]}")
    for (key, (listed, line)) in reviewed.items():
        if key in status and listed != status[key]:
            raise ReferenceDataError(f"{ocr.path}:{line}: listed_status {listed!r} but {listings.path.name} "
                                     f"has {status[key]!r} for {key[1]} {key[0]}")
        if key not in status and listed not in (None, "none"):
            raise ReferenceDataError(f"{ocr.path}:{line}: listed_status {listed!r} but {listings.path.name} "
                                     f"has no row for {key[1]} {key[0]}")


def _arrow(table: Table, rows: list[tuple]) -> pa.Table:
    """Validated rows as one Arrow table, so DuckDB inserts them in a single statement."""
    names = [c.name for c in table.columns]
    return pa.table({name: [r[i] for r in rows] for i, name in enumerate(names)})


def _key_width(table: Table) -> int:
    """How many leading columns form the table's key."""
    return {"countries": 1, "listings": 2, "listing_years": 1, "treaties": 3,
            "wto_members": 1, "piracy_rates": 3, "embassy_recommendations": 2, "iipa_requests": 2,
            "us_trade": 2, "out_of_cycle_reviews": 2}[table.name]


def load_reference(con: duckdb.DuckDBPyConnection, directory: Path = REFERENCE_DIR) -> dict[str, int]:
    """Validate every reference CSV, then replace the tables in one transaction. Returns row counts."""
    countries = read_table(TABLES[0], directory)
    known = {r[0] for r in countries}
    parsed = {TABLES[0].name: countries}
    for table in TABLES[1:]:
        parsed[table.name] = read_table(table, directory, known)
    check_consistency(parsed)
    with transaction(con):
        for table in TABLES:
            cols = ", ".join(c.name for c in table.columns)
            con.execute(f"DELETE FROM {table.name}")
            if parsed[table.name]:
                con.register("reference_batch", _arrow(table, parsed[table.name]))
                try:
                    con.execute(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM reference_batch")
                finally:
                    con.unregister("reference_batch")
    return {name: len(rows) for name, rows in parsed.items()}
