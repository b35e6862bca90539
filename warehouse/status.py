"""`s301 init` and `s301 status`: create the warehouse, load references, report what is in it."""
from __future__ import annotations

from .db import connect, default_db_path, open_warehouse, sql
from .load import load_reference


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
        print(f"warehouse: {path}")
        print("\nrows per table")
        for name, n in con.execute(sql("status_counts")).fetchall():
            print(f"  {name:<26} {n:>7}")
        print("\nlisting history (year: PFC/PWL/WL/other, complete?)")
        for year, pfc, pwl, wl, other, complete in con.execute(sql("status_coverage")).fetchall():
            flag = "complete" if complete else "partial"
            print(f"  {year}: {pfc:>2} / {pwl:>2} / {wl:>2} / {other:>2}  {flag}")
        (n_pr, n_c, y0, y1) = con.execute(
            "SELECT count(*), count(DISTINCT country_iso3), min(year), max(year) FROM piracy_rates"
        ).fetchone()
        print(f"\npiracy rates: {n_pr} country-year-sector rows, {n_c} countries, years {y0}-{y1}")
        print("\nsources")
        for table, source, n in con.execute(sql("status_sources")).fetchall():
            print(f"  {table:<26} {n:>6}  {source}")
    finally:
        con.close()
    return 0
