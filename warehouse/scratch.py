"""A scratch warehouse: an in-memory copy of a warehouse to which reports are added for a moment
(batch scoring reads their features through the same views), while the warehouse itself is never
written. No view reads a document's text, so neither the copy nor the reports added to it hold
texts."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import duckdb

from . import fingerprint
from .db import migrate, sql
from .ingest import Prepared, replace_evidence, write_documents


def scratch_copy(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse (tables, macros, views) holding a copy of `con`'s rows; the
    documents' texts are left out. `con` is only read."""
    scratch = duckdb.connect(":memory:", config={"threads": 1})   # small queries: threads only add overhead
    migrate(scratch)
    source = con.cursor()  # a cursor of its own: the caller's pending results stay untouched
    try:
        for (table,) in source.execute(sql("scratch_tables")).fetchall():
            rows = source.sql(sql("scratch_documents") if table == "documents"
                              else f'SELECT * FROM "{table}"').to_arrow_table()
            if rows.num_rows:
                scratch.register("copied_rows", rows)
                cols = ", ".join(f'"{c}"' for c in rows.column_names)
                scratch.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM copied_rows')
                scratch.unregister("copied_rows")
    finally:
        source.close()
    return scratch


@contextmanager
def documents_stored(scratch: duckdb.DuckDBPyConnection, documents: list[Prepared],
                     replaced: list[Prepared] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """The scratch warehouse with these documents (distinct doc_ids, none stored yet) and their
    evidence stored for the time of the block, without their texts, and rolled back after it.
    `replaced`: stored originals whose stored (stale) evidence their facts replace meanwhile."""
    scratch.execute("BEGIN TRANSACTION")
    try:
        if documents:
            write_documents(scratch, documents, texts=False)
        if replaced:
            replace_evidence(scratch, list(replaced))
        yield scratch
    finally:
        scratch.execute("ROLLBACK")


@contextmanager
def documents_added(scratch: duckdb.DuckDBPyConnection,
                    documents: list[Prepared]) -> Iterator[duckdb.DuckDBPyConnection]:
    """The scratch warehouse with these documents and their evidence stored for the time of the
    block, and rolled back after it (a document it holds already is not stored again; an original
    whose stored facts are stale, warehouse.fingerprint, has them replaced by the document's)."""
    known = dict(scratch.execute(sql("scratch_known_ids"), {  # doc_id -> whether its stored facts are stale
        "ids": [d.doc_id for d in documents], "fingerprint": fingerprint.extractor_fingerprint()}).fetchall())
    with documents_stored(scratch, [d for d in documents if d.doc_id not in known],
                          [d for d in documents if known.get(d.doc_id)]) as stored:
        yield stored


@contextmanager
def placements_assumed(scratch: duckdb.DuckDBPyConnection, year: int,
                       tiers: dict[str, str]) -> Iterator[duckdb.DuckDBPyConnection]:
    """The scratch warehouse with the lists of `year` taken as complete and each given country
    placed at its given tier ('none': not listed), for the time of the block (rolled back after).
    A chained forecast reads the next year's features through it when `year`'s report is known
    only in part."""
    scratch.execute("BEGIN TRANSACTION")
    try:
        scratch.execute(sql("scratch_assume_placements"),
                        {"year": int(year), "countries": list(tiers), "tiers": list(tiers.values())})
        scratch.execute(sql("scratch_assume_complete"), {"year": int(year)})
        yield scratch
    finally:
        scratch.execute("ROLLBACK")
