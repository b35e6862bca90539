"""Opening, migrating and querying the DuckDB warehouse file."""
from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import duckdb

from .errors import WarehouseError, printable, shown

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
SCHEMA_VERSION = 3   # 2: the vocabulary's macros (sql/macros.sql), used by the views and the queries;
                     # 3: extraction_stamps (older documents stay unstamped: stale until `s301 reextract`)


def default_db_path() -> Path:
    """`$S301_DB` if set, else `data/s301.duckdb` under the project."""
    env = os.environ.get("S301_DB")
    return Path(env) if env else PROJECT_ROOT / "data" / "s301.duckdb"


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of `warehouse/sql/<name>.sql` (or `warehouse/<name>.sql`)."""
    for candidate in (PACKAGE_DIR / "sql" / f"{name}.sql", PACKAGE_DIR / f"{name}.sql"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no SQL file named {name}.sql in {PACKAGE_DIR}")


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a missing, locked or corrupt file raises WarehouseError with the reason."""
    path = Path(path) if path else default_db_path()
    if read_only and not path.exists():
        raise WarehouseError(f"{path}: no warehouse there yet; run `s301 init` first")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # /proc/nope/x.duckdb, a read-only or forbidden folder, a file in the way
            raise WarehouseError(f"{shown(path)}: cannot create the folder {shown(path.parent)} "
                                 f"({exc.strerror or type(exc).__name__})") from None
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:  # IOException, InvalidInputException, SerializationException ...
        message = str(exc)
        low = message.lower()
        if "lock" in low:
            reason = "it is locked by another process (close the app or the other s301 command and retry)"
        elif "not a valid duckdb" in low or "invalid" in low or "corrupt" in low or "magic" in low:
            reason = "it is not a readable DuckDB database (corrupt, truncated or another format)"
        else:
            reason = "DuckDB cannot open it"
        first_line = message.splitlines()[0] if message else type(exc).__name__
        raise WarehouseError(f"{shown(path)}: {reason} ({printable(first_line)})") from None
    version = migrated_version(con) if read_only else SCHEMA_VERSION   # a writer migrates it (open_warehouse)
    if 0 < version < SCHEMA_VERSION:
        con.close()
        raise WarehouseError(f"{path}: made by an older s301 (schema version {version} < {SCHEMA_VERSION}); "
                             f"run `s301 init --db {path}` to migrate it")
    return con


def migrated_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version the warehouse was migrated to; 0 when it records none (not an s301 file)."""
    try:
        return int(con.execute(sql("schema_version")).fetchone()[0])
    except duckdb.CatalogException:
        return 0


def migrate(con: duckdb.DuckDBPyConnection, path: str | Path | None = None) -> None:
    """Create every table that does not exist yet, (re)create the macros and the views, and record
    the schema version. A damaged file (`path`, for the message) is said to be damaged."""
    try:
        con.execute(sql("schema"))
        con.execute(sql("macros"))
        for view in sorted((PACKAGE_DIR / "sql").glob("view_*.sql")):
            con.execute(view.read_text(encoding="utf-8"))
        if migrated_version(con) < SCHEMA_VERSION:
            con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION])
    except duckdb.Error as exc:
        if is_damage(exc):
            raise damaged(path, exc) from None
        raise WarehouseError(f"cannot create or migrate the schema: {str(exc).splitlines()[0]}") from None


def open_warehouse(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open for writing and make sure the schema is there."""
    con = connect(path)
    try:
        migrate(con, path)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All-or-nothing: commit when the block ends, roll back when it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")


def damaged(path: str | Path | None, exc: Exception) -> WarehouseError:
    """The one-line error for a DuckDB error met while using a warehouse that did open: most often a
    truncated or corrupt file (DuckDB reads its blocks lazily, so damage shows at the first query
    that touches them)."""
    path = Path(path) if path else default_db_path()
    first_line = printable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if is_damage(exc):
        return WarehouseError(f"{shown(path)}: the warehouse file is damaged (truncated or corrupt: {first_line}); "
                              f"restore it from a copy, or rebuild it: s301 init --db NEWFILE, then s301 ingest")
    return WarehouseError(f"{shown(path)}: the warehouse cannot be used ({first_line})")


def is_damage(exc: Exception) -> bool:
    """Whether a DuckDB error says the file itself is truncated or corrupt."""
    low = (str(exc).splitlines() or [""])[0].lower()
    return (isinstance(exc, duckdb.IOException) or "could not read" in low or "corrupt" in low
            or "checksum" in low)


def interrupted(exc: BaseException) -> bool:
    """Whether an exception is Ctrl-C arriving while DuckDB ran a query: DuckDB stops the query and
    raises RuntimeError("Query interrupted") (or duckdb.InterruptException), not KeyboardInterrupt,
    so code that catches Exception must let these through as an interruption."""
    if isinstance(exc, KeyboardInterrupt):
        return True
    if isinstance(exc, getattr(duckdb, "InterruptException", ())):
        return True
    return isinstance(exc, RuntimeError) and str(exc).strip().lower() == "query interrupted"
