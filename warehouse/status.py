"""`s301 init` and `s301 status`: create the warehouse, load references, report what is in it."""
from __future__ import annotations

import duckdb

from .db import connect, default_db_path, open_warehouse, sql
from .errors import WarehouseError
from .load import load_reference

SOURCES_SHOWN = 3   # per reference table, the sources backing the most rows


def cli_init(args) -> int:
    path = args.db or default_db_path()
    con = open_warehouse(path)
    try:
        counts = load_reference(con)
    finally:
        con.close()
    print(f"warehouse ready: {path}")
    for name, n in counts.items():
        print(f"  {name:<26} {n:>6} rows")
    return 0


def cli_status(args) -> int:
    path = args.db or default_db_path()
    con = connect(path, read_only=True)
    try:
        for line in status_lines(con, path):
            print(line)
    except duckdb.Error as exc:
        raise WarehouseError(f"{path}: not a usable s301 warehouse ({str(exc).splitlines()[0]}); "
                             "run `s301 init` on it") from None
    finally:
        con.close()
    return 0


def status_lines(con: duckdb.DuckDBPyConnection, path) -> list[str]:
    """The report `s301 status` prints, as lines."""
    out = [f"warehouse: {path}", "", "rows per table"]
    out += [f"  {name:<26} {n:>7}" for name, n in con.execute(sql("status_counts")).fetchall()]

    out += ["", "listing history (year: PFC / PWL / WL / other listed; complete = every list known)"]
    complete = []
    for year, pfc, pwl, wl, other, is_complete in con.execute(sql("status_coverage")).fetchall():
        flag = "complete" if is_complete else "partial"
        if is_complete:
            complete.append(year)
        out.append(f"  {year}: {pfc:>2} / {pwl:>2} / {wl:>2} / {other:>2}  {flag}")
    out.append(f"  complete years ({len(complete)}): {_ranges(complete) or 'none'}")

    out += ["", "piracy rates (country-years covered)"]
    rows = con.execute(sql("status_piracy")).fetchall()
    if not rows:
        out.append("  none loaded")
    for sector, n, cy, nc, y0, y1 in rows:
        label = "all sectors" if sector == "all" else sector
        out.append(f"  {label:<14} {cy:>5} country-years, {nc:>3} countries, years {y0}-{y1} ({n} rows)")

    out += ["", f"sources per reference table (top {SOURCES_SHOWN} by rows)"]
    for table, n_sources, rank, n, source in con.execute(sql("status_sources")).fetchall():
        if rank == 1:
            out.append(f"  {table}: {n_sources} source(s)")
        if rank <= SOURCES_SHOWN:
            out.append(f"    {n:>5}  {source}")
    return out


def _ranges(years: list[int]) -> str:
    """[1991, 2005, 2006, 2007] -> '1991, 2005-2007'."""
    parts, start, prev = [], None, None
    for y in sorted(years):
        if start is None:
            start = prev = y
        elif y == prev + 1:
            prev = y
        else:
            parts.append(f"{start}-{prev}" if prev != start else str(start))
            start = prev = y
    if start is not None:
        parts.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(parts)
