"""Stale facts and `s301 reextract`: documents are stamped with the extractor fingerprint their facts
were found under; after the rules change (the fingerprint monkeypatched, or a stamp cleared and a
stored fact edited), status and ingest say so, reextract gives exactly the facts a fresh ingest
gives, all or nothing per document, a second run does nothing, a warehouse of schema version 2
migrates with its documents unstamped, and score does not use stale stored facts."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import warehouse.fingerprint as fingerprint
import warehouse.ingest as ingest
from recommender.artifact import load_model
from recommender.cli import main
from recommender.score import score_each, score_paths
from warehouse.db import SCHEMA_VERSION, connect
from tests.test_ingest import fake_extract

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "warehouse" / "samples"
EVIDENCE = "SELECT * FROM evidence ORDER BY ALL"
STAMPS = "SELECT doc_id, fingerprint FROM extraction_stamps ORDER BY doc_id"
ORIGINALS = "SELECT doc_id FROM documents WHERE duplicate_of IS NULL ORDER BY doc_id"
NEW_RULES = "0123456789ab"


def rows(db: Path, q: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(q).fetchall()
    finally:
        con.close()


def execute(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for s in statements:
            con.execute(s)
    finally:
        con.close()


def cli(*argv: str) -> subprocess.CompletedProcess:
    """`s301 ARGV` in a process of its own, running this checkout's code."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "recommender.cli", *argv], capture_output=True, text=True,
                          timeout=300, env=env, cwd=PROJECT_ROOT)


@pytest.fixture
def ingested(db_path, capsys) -> Path:
    """The sample cables ingested with the real rules (two originals, two near-duplicates)."""
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    capsys.readouterr()
    return db_path


def test_documents_are_stamped_with_the_fingerprint_when_ingested(ingested):
    fp = fingerprint.extractor_fingerprint()
    assert len(fp) == 12 and int(fp, 16) >= 0
    originals = [r[0] for r in rows(ingested, ORIGINALS)]
    assert len(originals) == 2
    assert rows(ingested, STAMPS) == [(d, fp) for d in originals]   # near-duplicates hold no facts: no stamp


def test_the_fingerprint_covers_the_rules_and_the_ingest_functions():
    names = [name for name, _ in fingerprint.fingerprint_sources()]
    assert "extract/pipeline.py" in names and "extract/enforcement.py" in names and "countries.py" in names
    assert {"ingest.extract", "ingest.extracted_facts", "ingest.valid_facts", "ingest.evidence_rows",
            "ingest.TYPED_QUALIFIERS"} <= set(names)
    text = dict(fingerprint.fingerprint_sources())["ingest.valid_facts"].decode()
    assert text.startswith("def valid_facts(") and "char_start" in text


def test_edited_and_unstamped_facts_are_restored_exactly(ingested, capsys):
    before = rows(ingested, EVIDENCE)
    moscow, astana = (r[0] for r in rows(ingested, "SELECT doc_id FROM documents WHERE duplicate_of IS NULL "
                                                   "ORDER BY refid DESC"))
    execute(ingested,
            f"UPDATE evidence SET value_text = 'PFC' WHERE doc_id = '{moscow}' AND feature = 'recommended_status'",
            f"DELETE FROM extraction_stamps WHERE doc_id = '{moscow}'",
            f"DELETE FROM evidence WHERE doc_id = '{astana}' AND feature = 'fines'",
            f"UPDATE extraction_stamps SET fingerprint = 'olderrules00' WHERE doc_id = '{astana}'")
    assert rows(ingested, EVIDENCE) != before
    assert main(["status", "--db", str(ingested)]) == 0
    out = capsys.readouterr().out
    assert "2 of 2 document(s) hold stale facts (1 extracted by other rules, 1 with no record" in out
    assert f"s301 reextract --db {ingested}" in out

    assert main(["reextract", "--db", str(ingested), "--no-progress"]) == 0
    assert capsys.readouterr().out.startswith("2 documents re-extracted (46 facts stored), 0 up to date;")
    assert rows(ingested, EVIDENCE) == before
    fp = fingerprint.extractor_fingerprint()
    assert {f for _, f in rows(ingested, STAMPS)} == {fp}

    assert main(["reextract", "--db", str(ingested), "--no-progress"]) == 0
    assert capsys.readouterr().out.startswith("0 documents re-extracted, 2 up to date;")
    assert rows(ingested, EVIDENCE) == before
    assert rows(ingested, "SELECT count(*) FROM runs WHERE command = 'reextract'") == [(1,)]
    assert main(["status", "--db", str(ingested)]) == 0
    assert "2 document(s), all extracted by the current rules" in capsys.readouterr().out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_new_rules_make_stored_facts_stale_and_reextract_gives_a_fresh_ingest(ingested, tmp_path, jobs,
                                                                            monkeypatch, capsys):
    """A new version of the rules (fake_extract, fingerprint NEW_RULES): the stored facts are stale
    until reextract, which leaves the warehouse with exactly the evidence an ingest by the new rules
    into an empty warehouse gives."""
    old = rows(ingested, EVIDENCE)
    monkeypatch.setattr(fingerprint, "extractor_fingerprint", lambda: NEW_RULES)
    monkeypatch.setattr(ingest, "extract", fake_extract)
    assert main(["status", "--db", str(ingested)]) == 0
    out = capsys.readouterr().out
    assert "2 of 2 document(s) hold stale facts (2 extracted by other rules, 0 with no record" in out
    # ingest of stored content changes nothing, and says once that the warehouse holds stale facts
    assert main(["ingest", str(SAMPLES), "--db", str(ingested), "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert "unchanged 4" in out and rows(ingested, EVIDENCE) == old
    notes = [line for line in err.splitlines() if "s301 reextract" in line]
    assert notes == [f"s301 ingest: note: 2 stored document(s) hold facts found by other (or unrecorded) extraction "
                     f"rules: "
                     f"run `s301 reextract --db {ingested}`"], err

    assert main(["reextract", "--db", str(ingested), "--no-progress", "--jobs", jobs]) == 0
    assert capsys.readouterr().out.startswith("2 documents re-extracted (")
    fresh = tmp_path / "fresh.duckdb"
    assert main(["ingest", str(SAMPLES), "--db", str(fresh), "--no-progress"]) == 0
    capsys.readouterr()
    assert rows(ingested, EVIDENCE) == rows(fresh, EVIDENCE) != old
    assert rows(ingested, STAMPS) == rows(fresh, STAMPS) == [(d, NEW_RULES) for (d,) in rows(fresh, ORIGINALS)]
    assert main(["reextract", "--db", str(ingested), "--no-progress"]) == 0
    assert capsys.readouterr().out.startswith("0 documents re-extracted, 2 up to date;")


def test_a_document_that_fails_keeps_its_old_facts(ingested, monkeypatch, capsys):
    """Extraction failing for one document, writing failing halfway for the other: each keeps its
    old facts and stays stale (exit status 1, one error line each); a later run does them."""
    old = rows(ingested, EVIDENCE)
    monkeypatch.setattr(fingerprint, "extractor_fingerprint", lambda: NEW_RULES)
    monkeypatch.setattr(ingest, "extract", fake_extract)
    moscow = rows(ingested, "SELECT doc_id FROM documents WHERE refid = '09MOSCOW521'")[0][0]

    def failing_extract(text, det):
        if det.refid == "09MOSCOW521":
            raise ValueError("a rule broke")
        return fake_extract(text, det)
    real_rows = ingest.evidence_rows

    def failing_rows(p):   # runs after the old evidence was deleted and the stamp written
        raise OSError("disk full")

    monkeypatch.setattr(ingest, "extract", failing_extract)
    monkeypatch.setattr(ingest, "evidence_rows", lambda p: failing_rows(p) if p.doc_id != moscow else real_rows(p))
    assert main(["reextract", "--db", str(ingested), "--no-progress"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("0 documents re-extracted, 0 up to date, 2 failed (they keep their old facts)")
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "extraction failed (ValueError: a rule broke)" in lines[0], err
    assert "cannot store the facts of document" in lines[1] and "disk full" in lines[1], err
    assert rows(ingested, EVIDENCE) == old
    assert NEW_RULES not in {f for _, f in rows(ingested, STAMPS)}

    monkeypatch.setattr(ingest, "extract", fake_extract)
    monkeypatch.setattr(ingest, "evidence_rows", real_rows)
    assert main(["reextract", "--db", str(ingested), "--no-progress"]) == 0
    assert capsys.readouterr().out.startswith("2 documents re-extracted")
    assert {f for _, f in rows(ingested, STAMPS)} == {NEW_RULES}


def test_interrupted_reextract_leaves_the_old_facts(ingested, monkeypatch, capsys):
    old, stamps = rows(ingested, EVIDENCE), rows(ingested, STAMPS)
    monkeypatch.setattr(fingerprint, "extractor_fingerprint", lambda: NEW_RULES)
    calls = []

    def second_interrupts(text, det):
        calls.append(det.refid)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return fake_extract(text, det)

    monkeypatch.setattr(ingest, "extract", second_interrupts)
    assert main(["reextract", "--db", str(ingested), "--no-progress"]) == 130
    assert capsys.readouterr().err.strip() == "s301 reextract: interrupted"
    assert rows(ingested, EVIDENCE) == old and rows(ingested, STAMPS) == stamps


def test_a_warehouse_of_schema_version_2_migrates_with_its_documents_unstamped(ingested):
    """What a warehouse made before the stamps looks like: no extraction_stamps table, version 2.
    Real `s301` processes: read-only commands ask for init; init migrates; status counts every
    original as having no record of its rules; reextract stamps them without changing a fact."""
    old = rows(ingested, EVIDENCE)
    execute(ingested, "DROP TABLE extraction_stamps", "DELETE FROM schema_version",
            "INSERT INTO schema_version VALUES (2, now())")
    status = cli("status", "--db", str(ingested))
    assert status.returncode == 2 and f"schema version 2 < {SCHEMA_VERSION}" in status.stderr
    assert cli("init", "--db", str(ingested)).returncode == 0
    status = cli("status", "--db", str(ingested))
    assert status.returncode == 0, status.stderr
    assert "2 of 2 document(s) hold stale facts (0 extracted by other rules, 2 with no record of their rules)" \
        in status.stdout
    done = cli("reextract", "--db", str(ingested), "--no-progress")
    assert done.returncode == 0 and done.stdout.startswith("2 documents re-extracted"), done.stderr
    assert rows(ingested, EVIDENCE) == old
    again = cli("reextract", "--db", str(ingested), "--no-progress")
    assert again.returncode == 0 and again.stdout.startswith("0 documents re-extracted, 2 up to date;")
    assert "all extracted by the current rules" in cli("status", "--db", str(ingested)).stdout


def test_reextract_of_a_fresh_warehouse_is_a_no_op(db_path, capsys):
    assert main(["reextract", "--db", str(db_path), "--no-progress"]) == 0
    assert capsys.readouterr().out.startswith("0 documents re-extracted, 0 up to date;")
    assert rows(db_path, "SELECT count(*) FROM runs") == [(0,)]


# ----------------------------------------------------------------------------- score

@pytest.fixture(scope="module")
def stale_copies(trained_model, tmp_path_factory) -> dict[str, Path]:
    """Copies of the trained warehouse in which the stored facts of the Moscow cable are replaced by
    one made-up fact (recommended_status PFC): 'current' keeps its stamp (the made-up fact counts as
    found by the current rules), 'stale' has its stamp cleared."""
    db = trained_model[0]
    moscow = rows(db, "SELECT doc_id FROM documents WHERE refid = '09MOSCOW521'")[0][0]
    out = {"as_stored": db}
    for name in ("current", "stale"):
        copy = tmp_path_factory.mktemp(name) / "w.duckdb"
        shutil.copy(db, copy)
        execute(copy, f"DELETE FROM evidence WHERE doc_id = '{moscow}'",
                "INSERT INTO evidence (doc_id, feature, value_text, sentence, char_start, char_end, extractor) "
                f"VALUES ('{moscow}', 'recommended_status', 'PFC', 'made up', 0, 7, 'test')",
                *([f"DELETE FROM extraction_stamps WHERE doc_id = '{moscow}'"] if name == "stale" else []))
        out[name] = copy
    return out


def scores(db: Path, model, path: Path, each: bool = False) -> pd.DataFrame:
    con = connect(db, read_only=True)
    try:
        return (score_each if each else score_paths)([path], model, con)
    finally:
        con.close()


def test_score_extracts_a_stale_stored_report_again(stale_copies, trained_model):
    model = load_model(trained_model[1])
    report = SAMPLES / "09MOSCOW521.txt"
    as_stored = scores(stale_copies["as_stored"], model, report)
    current = scores(stale_copies["current"], model, report)
    stale = scores(stale_copies["stale"], model, report)
    # stamped as current, the stored (made-up) facts are used: the recommendation and the features
    assert current.loc[0, "recommended_status_extracted"] == "PFC"
    probabilities = ["p_none", "p_wl", "p_pwl", "p_pfc"]
    assert (current[probabilities] - as_stored[probabilities]).abs().max().max() > 1e-6
    # stale, they are not: the report is extracted again and scored as with its true facts
    assert as_stored.loc[0, "recommended_status_extracted"] == stale.loc[0, "recommended_status_extracted"] == "PWL"
    assert (stale[probabilities] - as_stored[probabilities]).abs().max().max() < 1e-12
    others = [c for c in stale.columns if c not in probabilities]
    pd.testing.assert_frame_equal(stale[others], as_stored[others])
    # one report at a time does the same
    each = scores(stale_copies["stale"], model, report, each=True)
    pd.testing.assert_frame_equal(each[others], stale[others])
    assert (each[probabilities] - stale[probabilities]).abs().max().max() < 1e-12
