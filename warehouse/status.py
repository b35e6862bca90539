"""Making a warehouse ready (`s301 init`) and what a warehouse holds (`s301 status`)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import duckdb

from .db import connect, default_db_path, open_warehouse, sql
from .errors import WarehouseError
from .fingerprint import Staleness, staleness
from .load import load_reference


class YearCoverage(NamedTuple):
    """One listing year: how many countries on each list, whether every list is known."""
    year: int
    pfc: int
    pwl: int
    wl: int
    other: int       # OO and Section 306 entries
    complete: bool


class PiracyCoverage(NamedTuple):
    """Piracy rates of one sector ('all': every sector)."""
    sector: str
    rows: int
    country_years: int
    countries: int
    first_year: int
    last_year: int


class SourceRows(NamedTuple):
    """One source of a reference table: its rank by rows among the table's n_sources."""
    table: str
    n_sources: int
    rank: int
    rows: int
    source: str


@dataclass(frozen=True)
class Status:
    path: Path
    counts: list[tuple[str, int]]       # rows per table
    coverage: list[YearCoverage]
    piracy: list[PiracyCoverage]
    sources: list[SourceRows]
    staleness: Staleness                # original documents whose facts other rules found

    @property
    def complete_years(self) -> list[int]:
        return [c.year for c in self.coverage if c.complete]


@dataclass(frozen=True)
class InitResult:
    path: Path
    counts: dict[str, int]              # rows loaded per reference table


def init_warehouse(path: str | Path | None = None) -> InitResult:
    """Create or migrate the warehouse file and (re)load every reference table."""
    path = Path(path) if path else default_db_path()
    con = open_warehouse(path)
    try:
        return InitResult(path=path, counts=load_reference(con))
    finally:
        con.close()


def warehouse_status(path: str | Path | None = None) -> Status:
    """Row counts, listing-year coverage, piracy-rate coverage, the sources of the reference tables
    and the documents with stale facts, of the warehouse file (opened read-only)."""
    path = Path(path) if path else default_db_path()
    con = connect(path, read_only=True)
    try:
        return Status(path=path,
                      counts=[tuple(r) for r in con.execute(sql("status_counts")).fetchall()],
                      coverage=[YearCoverage(*r) for r in con.execute(sql("status_coverage")).fetchall()],
                      piracy=[PiracyCoverage(*r) for r in con.execute(sql("status_piracy")).fetchall()],
                      sources=[SourceRows(*r) for r in con.execute(sql("status_sources")).fetchall()],
                      staleness=staleness(con))
    except duckdb.Error as exc:
        raise WarehouseError(f"{path}: not a usable s301 warehouse ({str(exc).splitlines()[0]}); "
                             "run `s301 init` on it") from None
    finally:
        con.close()
