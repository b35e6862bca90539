"""The warehouse file through the real CLI: schema, idempotent init, status, bad files."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from recommender.cli import main
from warehouse.load import TABLES

S301 = Path(sys.executable).with_name("s301")
REFERENCE_TABLES = [t.name for t in TABLES]


def _counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in REFERENCE_TABLES}
    finally:
        con.close()


def test_init_creates_the_schema(db_path, capsys):
    assert main(["init", "--db", str(db_path)]) == 0
    con = duckdb.connect(str(db_path), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    assert set(REFERENCE_TABLES) | {"documents", "evidence", "runs", "schema_version"} <= tables
    assert "warehouse ready" in capsys.readouterr().out


def test_init_twice_changes_nothing(db_path):
    assert main(["init", "--db", str(db_path)]) == 0
    first = _counts(db_path)
    assert main(["init", "--db", str(db_path)]) == 0
    assert _counts(db_path) == first
    assert all(n > 0 for n in first.values()), first
    con = duckdb.connect(str(db_path), read_only=True)
    dupes = con.execute("SELECT count(*) FROM (SELECT year, country_iso3 FROM listings "
                        "GROUP BY 1, 2 HAVING count(*) > 1)").fetchone()[0]
    versions = con.execute("SELECT count(*) FROM schema_version").fetchone()[0]
    con.close()
    assert dupes == 0 and versions == 1


def test_status_reports_counts_coverage_sources_and_piracy(db_path, capsys):
    main(["init", "--db", str(db_path)])
    capsys.readouterr()
    assert main(["status", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    counts = _counts(db_path)
    assert f"listings {counts['listings']:>7}".replace(" ", "") in out.replace(" ", "")
    assert "1989:" in out and "complete years (" in out
    assert "country-years" in out
    for table in REFERENCE_TABLES:
        assert f"  {table}: " in out, table
    assert "pycountry" in out


def test_status_without_a_warehouse_is_one_clear_line(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    assert main(["status", "--db", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "s301 init" in err and not missing.exists()


def test_status_on_a_foreign_duckdb_file(tmp_path, capsys):
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    assert main(["status", "--db", str(other)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a usable s301 warehouse" in err and "Traceback" not in err


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(S301), *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("command", ["status", "init"])
def test_corrupt_file_gives_a_one_line_message(tmp_path, command):
    bad = tmp_path / "corrupt.duckdb"
    bad.write_bytes(b"this is not a database\x00\xff" * 2000)
    result = _run(command, "--db", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "not a readable DuckDB database" in lines[0]


def test_locked_file_gives_a_one_line_message(tmp_path):
    db = tmp_path / "locked.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db)!r})
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for command in ("status", "init"):
            result = _run(command, "--db", str(db))
            assert result.returncode == 2, result.stderr
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "locked by another process" in lines[0], result.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    # once released the file is fine and unchanged
    time.sleep(0.1)
    assert _run("status", "--db", str(db)).returncode == 0


def test_evidence_qualifiers_are_typed_columns_also_in_older_warehouses(db_path):
    """Facts keep their qualifier for people and store its parts as columns; a warehouse made before
    those columns gets them, filled from the qualifier, at its next migration."""
    from warehouse.db import migrate, open_warehouse
    con = open_warehouse(db_path)
    for col in ("status", "sector", "currency", "scope", "action", "about_country"):
        con.execute(f"ALTER TABLE evidence DROP COLUMN {col}")
    con.execute("INSERT INTO evidence (doc_id, feature, value_text, qualifier, sentence, char_start, char_end, "
                "extractor) VALUES ('d', 'treaty', 'WCT', 'status=ratified;country=CHN', 's', 0, 1, 't'), "
                "('d', 'fines', '10', 'currency=USD', 's', 0, 1, 't'), "
                "('d', 'criminal_convictions', '5', 'unit=persons', 's', 0, 1, 't')")
    migrate(con)
    rows = con.execute("SELECT feature, status, about_country, currency, unit FROM evidence ORDER BY feature").fetchall()
    assert rows == [("criminal_convictions", None, None, None, "persons"), ("fines", None, None, "USD", None),
                    ("treaty", "ratified", "CHN", None, None)]
    con.close()
