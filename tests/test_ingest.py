"""Ingest and extract commands: idempotence, duplicates, bad files, all-or-nothing per document."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import pytest

import warehouse.ingest as ingest
from recommender.cli import main
from warehouse.extract import Fact
from tests.test_read import make_pdf

SAMPLES = Path(__file__).resolve().parent.parent / "warehouse" / "samples"


def fake_extract(text, det):
    """Deterministic stand-in for the extractors: one fact per sentence that names a list."""
    facts = []
    for m in re.finditer(r"[^.\n\s][^.\n]*(?:Watch List|raids)[^.\n]*\.", text):
        facts.append(Fact(feature="listed_status_mentioned", value="WL", sentence=m.group(0),
                          char_start=m.start(), char_end=m.end(), extractor="test.fake"))
    return facts


@pytest.fixture
def fake_facts(monkeypatch):
    monkeypatch.setattr(ingest, "extract", fake_extract)


def counts(db_path):
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return (con.execute("SELECT count(*) FROM documents").fetchone()[0],
                con.execute("SELECT count(*) FROM evidence").fetchone()[0])
    finally:
        con.close()


def query(db_path, q):
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(q).fetchall()
    finally:
        con.close()


def test_samples_ingest_dedup_and_reingest_is_idempotent(db_path, capsys, fake_facts):
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "ingested 2, duplicate 2, failed 0" in out
    docs = dict(query(db_path, "SELECT refid, coalesce(duplicate_of, '') FROM documents"))
    # files are read in name order: the first Astana transmission read is the original
    original = query(db_path, "SELECT doc_id FROM documents WHERE refid = '08ASTANA525'")[0][0]
    assert docs == {"08ASTANA525": "", "08ASTANA555": original, "08ASTANA584": original, "09MOSCOW521": ""}
    n_docs, n_ev = counts(db_path)
    assert n_docs == 4 and n_ev > 0
    # evidence of duplicates is not stored twice; offsets index documents.text
    rows = query(db_path, "SELECT d.text, e.sentence, e.char_start, e.char_end, d.duplicate_of FROM evidence e "
                          "JOIN documents d USING (doc_id)")
    assert all(dup is None for *_, dup in rows)
    assert all(text[s:e] == sentence for text, sentence, s, e, _ in rows)
    meta = query(db_path, "SELECT kind, country_iso3, review_year FROM documents WHERE refid = '09MOSCOW521'")
    assert meta == [("cable", "RUS", 2009)]
    # again: nothing changes
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    assert "ingested 0, duplicate 0, failed 0 (unchanged 4" in capsys.readouterr().out
    assert counts(db_path) == (n_docs, n_ev)
    assert query(db_path, "SELECT count(*) FROM runs WHERE command = 'ingest'")[0][0] == 2


def test_bad_files_fail_one_by_one_and_the_rest_is_stored(tmp_path, db_path, capsys, fake_facts):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((SAMPLES / "09MOSCOW521.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 200)
    (folder / "badutf8.txt").write_bytes(b"Ruritania remains on the Watch List this year \xff\xfe\xc3( after review. " * 20)
    pdf = make_pdf([["Ruritania remains on the Watch List in the 2009 review of the report."]])
    (folder / "truncated.pdf").write_bytes(pdf[:200])
    (folder / "empty.html").write_bytes(b"<html><body><div></div><script>var a = 1;</script></body></html>")
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (folder / "notes.docx").write_bytes(b"ignored: not a report format")
    rc = main(["ingest", str(folder), str(tmp_path / "missing-folder"), "--db", str(db_path), "--no-progress"])
    captured = capsys.readouterr()
    assert rc == 1
    assert "Traceback" not in captured.err + captured.out
    errors = [ln for ln in captured.err.splitlines() if ": error: " in ln]
    expected = {"empty.txt": "empty file", "binary.txt": "binary content", "truncated.pdf": "truncated PDF",
                "empty.html": "HTML page has no text", "huge.txt": "too large", "missing-folder": "no such file"}
    assert len(errors) == len(expected)
    for name, reason in expected.items():
        assert any(name in ln and reason in ln for ln in errors), (name, errors)
    assert "ingested 2, duplicate 0, failed 6" in captured.out
    paths = sorted(Path(p).name for (p,) in query(db_path, "SELECT path FROM documents"))
    assert paths == ["badutf8.txt", "good.txt"]       # a few broken bytes do not lose a report


def test_a_failing_write_rolls_back_that_document_only(tmp_path, db_path, capsys, monkeypatch, fake_facts):
    real_table = ingest._evidence_table
    calls = {"n": 0}

    def failing_evidence_table(rows):
        if any(r[7].startswith("Post recommends maintaining Russia") for r in rows):   # the Moscow cable's evidence
            calls["n"] += 1
            raise RuntimeError("disk full while writing evidence")
        return real_table(rows)

    monkeypatch.setattr(ingest, "_evidence_table", failing_evidence_table)
    rc = main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"])
    captured = capsys.readouterr()
    assert rc == 1 and calls["n"] == 2              # the batch, then the document on its own
    assert "09MOSCOW521.txt: cannot store document" in captured.err and "disk full" in captured.err
    assert "ingested 1, duplicate 2, failed 1" in captured.out
    assert query(db_path, "SELECT count(*) FROM documents WHERE refid = '09MOSCOW521'")[0][0] == 0
    assert query(db_path, "SELECT count(*) FROM evidence e LEFT JOIN documents d USING (doc_id) "
                          "WHERE d.doc_id IS NULL")[0][0] == 0
    assert counts(db_path)[0] == 3
    # once the fault is gone, the same command stores the missing document and nothing else
    monkeypatch.setattr(ingest, "_evidence_table", real_table)
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    assert "ingested 1, duplicate 0, failed 0 (unchanged 3" in capsys.readouterr().out


def test_extraction_failure_mid_document_stores_nothing_of_that_file(tmp_path, db_path, capsys, monkeypatch):
    def flaky(text, det):
        if det.country_iso3 == "RUS":
            raise ValueError("extractor bug on this text")
        return fake_extract(text, det)

    monkeypatch.setattr(ingest, "extract", flaky)
    rc = main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"])
    captured = capsys.readouterr()
    assert rc == 1 and "09MOSCOW521.txt: extraction failed (ValueError: extractor bug" in captured.err
    assert "Traceback" not in captured.err
    assert query(db_path, "SELECT DISTINCT country_iso3 FROM documents") == [("KAZ",)]


def test_extract_writes_csv_and_jsonl_without_a_warehouse(tmp_path, capsys, fake_facts, monkeypatch):
    monkeypatch.setenv("S301_DB", str(tmp_path / "must-not-exist.duckdb"))
    out = tmp_path / "facts.csv"
    assert main(["extract", str(SAMPLES / "09MOSCOW521.txt"), str(SAMPLES / "08ASTANA584.txt"),
                 "--out", str(out), "--no-progress"]) == 0
    with open(out, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["path", "doc_id", "refid", "country_iso3", "report_date", "review_year",
                                     "kind", "feature", "value", "qualifier", "ref_year", "sentence",
                                     "char_start", "char_end"]
        rows = list(reader)
    assert {r["refid"] for r in rows} == {"09MOSCOW521", "08ASTANA584"}
    from warehouse.read import read_file
    text = read_file(SAMPLES / "09MOSCOW521.txt")[0].text
    for r in rows:
        if r["refid"] == "09MOSCOW521":
            assert text[int(r["char_start"]):int(r["char_end"])] == r["sentence"]
            assert (r["country_iso3"], r["report_date"], r["review_year"], r["kind"]) == \
                ("RUS", "2009-03-04", "2009", "cable")
    jl = tmp_path / "facts.jsonl"
    assert main(["extract", str(SAMPLES), "--out", str(jl), "--no-progress"]) == 0
    lines = [json.loads(x) for x in jl.read_text(encoding="utf-8").splitlines()]
    assert lines and set(lines[0]) == set(ingest.EXTRACT_COLUMNS)
    assert not (tmp_path / "must-not-exist.duckdb").exists()
    assert main(["extract", str(SAMPLES), "--out", str(tmp_path / "facts.xlsx")]) == 2


def test_real_extractors_on_the_samples(db_path, capsys):
    pytest.importorskip("warehouse.extract.pipeline")
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    feats = {f for (f,) in query(db_path, "SELECT DISTINCT feature FROM evidence")}
    assert "recommended_status" in feats
    rows = query(db_path, "SELECT d.text, e.char_start, e.char_end FROM evidence e JOIN documents d USING (doc_id)")
    assert rows and all(0 <= s <= e <= len(t) for t, s, e in rows)


@pytest.mark.corpus
def test_corpus_txt_and_html_ingest_with_duplicates(shared_dir, db_path, capsys, fake_facts):
    corpus = shared_dir / "corpus"
    rc = main(["ingest", str(corpus / "cables"), str(corpus / "html"), "--db", str(db_path), "--no-progress"])
    out = capsys.readouterr().out
    assert rc == 0 and "failed 0" in out
    originals = query(db_path, "SELECT refid FROM documents WHERE duplicate_of IS NULL ORDER BY refid")
    refids = [r for (r,) in originals]
    assert len(refids) == 31 and "09SANJOSE138" not in refids   # 138 repeats 137; html repeats txt
    dup = query(db_path, "SELECT o.refid FROM documents d JOIN documents o ON d.duplicate_of = o.doc_id "
                         "WHERE d.refid = '09SANJOSE138' AND d.path LIKE '%.txt'")
    assert dup == [("09SANJOSE137",)]


def test_parallel_workers_give_the_same_warehouse(tmp_path, capsys, fake_facts):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SAMPLES.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(folder), "--db", str(one), "--no-progress"]) == 1
    assert main(["ingest", str(folder), "--db", str(two), "--no-progress", "--jobs", "2"]) == 1
    out = capsys.readouterr()
    assert out.err.count("empty.txt: empty file") == 2
    q = "SELECT doc_id, coalesce(duplicate_of, ''), refid FROM documents ORDER BY doc_id"
    assert query(one, q) == query(two, q)
    q = "SELECT doc_id, feature, char_start, char_end FROM evidence ORDER BY ALL"
    assert query(one, q) == query(two, q)


def test_reingest_does_not_extract_stored_documents_again(db_path, capsys, monkeypatch):
    calls = []

    def counting(text, det):
        calls.append(det.refid)
        return fake_extract(text, det)

    monkeypatch.setattr(ingest, "extract", counting)
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    assert len(calls) == 4
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    assert len(calls) == 4 and "unchanged 4" in capsys.readouterr().out


def _reference_sentence_keys(text):
    """The original paragraph-then-sentence loop that ingest.sentence_keys must match exactly."""
    keys = {}
    for para in text.lower().split("\n"):
        if len(para) < ingest.MIN_SENTENCE_CHARS:
            continue
        for s in para.split(". "):
            if len(s) >= ingest.MIN_SENTENCE_CHARS:
                keys[hash(s)] = len(s)
    return keys


def test_sentence_keys_match_the_paragraph_sentence_split_exactly():
    import random
    rnd = random.Random(7)
    parts = ["a", "B", ".", " ", "\n", ". ", ".\n", "\n ", " .", "..", "x" * 30, "Y" * 24, "É", "İ", "\n\n"]
    texts = [(SAMPLES / "09MOSCOW521.txt").read_text(encoding="utf-8"), "", ". ", "\n" * 5]
    texts += ["".join(rnd.choice(parts) for _ in range(rnd.randint(0, 80))) for _ in range(3000)]
    for t in texts:
        got, want = ingest.sentence_keys(t), _reference_sentence_keys(t)
        assert list(got.items()) == list(want.items()), repr(t)


class _ReferenceIndex:
    """The original loop-based near-duplicate index that NearDupIndex must match exactly."""

    def __init__(self):
        self.postings, self.sizes = {}, {}

    def add(self, doc_id, keys):
        self.sizes[doc_id] = sum(keys.values())
        for k in keys:
            v = self.postings.get(k)
            if v is None:
                self.postings[k] = doc_id
            elif isinstance(v, str):
                self.postings[k] = [v, doc_id]
            elif len(v) < ingest.NearDupIndex.MAX_POSTINGS:
                v.append(doc_id)

    def find(self, keys):
        total = sum(keys.values())
        if total == 0:
            return None
        shared = {}
        for k, length in keys.items():
            v = self.postings.get(k)
            for d in ([] if v is None else [v] if isinstance(v, str) else v):
                shared[d] = shared.get(d, 0) + length
        best, best_score = None, 0.0
        for d, common in shared.items():
            score = min(common / total, common / max(self.sizes[d], 1))
            if score >= ingest.NEAR_DUP_THRESHOLD and score > best_score:
                best, best_score = d, score
        return best


def test_near_duplicate_index_matches_the_reference_loop():
    """find() with its pruning, and find_or_add(), give the same originals and the same postings as
    the plain loop, with boilerplate sentences beyond the posting cap and near-identical texts."""
    import random
    rnd = random.Random(3)
    pool = [f"sentence number {i} about enforcement and the watch list" for i in range(60)]
    boiler = "this cable was cleared by the office of the united states trade representative"
    idx, ref, plain = ingest.NearDupIndex(), _ReferenceIndex(), ingest.NearDupIndex()
    found = 0
    for n in range(600):
        chosen = rnd.sample(pool, rnd.randint(0, 12)) + ([boiler] * rnd.randint(0, 2))
        keys = ingest.sentence_keys(". ".join(chosen))
        want = ref.find(keys)
        if want is None:
            ref.add(f"d{n}", keys)
        got = idx.find_or_add(f"d{n}", keys)
        assert got == want
        assert plain.find(keys) == want          # find() and add() on their own, as the lazy rebuild does
        if want is None:
            plain.add(f"d{n}", keys)
        found += got is not None
    assert found > 10
    assert idx.postings == ref.postings == plain.postings and idx.sizes == ref.sizes == plain.sizes


def test_nan_figures_are_stored_as_nan_not_null(db_path, monkeypatch, capsys):
    def nan_extract(text, det):
        return [Fact(feature="piracy_rate", value="nan", sentence=text[:20], char_start=0, char_end=20,
                     extractor="test.nan", confidence=float("nan")),
                Fact(feature="piracy_rate", value="41", sentence=text[:20], char_start=0, char_end=20,
                     extractor="test.nan")]

    monkeypatch.setattr(ingest, "extract", nan_extract)
    assert main(["ingest", str(SAMPLES / "09MOSCOW521.txt"), "--db", str(db_path), "--no-progress"]) == 0
    rows = query(db_path, "SELECT value_text, value_num IS NULL, isnan(value_num), isnan(confidence) "
                          "FROM evidence ORDER BY value_text")
    assert rows == [("41", False, False, False), ("nan", False, True, True)]


def test_documents_and_evidence_columns_round_trip(db_path, capsys):
    """Every column of a stored document and its evidence holds exactly what was prepared."""
    from warehouse.db import open_warehouse
    prepared = ingest.prepare_file(SAMPLES / "09MOSCOW521.txt")
    assert prepared and prepared[0].facts
    con = open_warehouse(db_path)
    try:
        store = ingest.Store(con)
        assert store.add(prepared[0]) == "ingested"
        assert store.flush() == []
        p, d = prepared[0], prepared[0].det
        row = con.execute("SELECT doc_id, path, sha256, kind, refid, country_iso3, report_date, review_year, "
                          "title, text, duplicate_of FROM documents").fetchall()
        assert row == [(p.doc_id, p.path, p.sha256, d.kind, d.refid, d.country_iso3, d.report_date,
                        d.review_year, d.title, p.doc.text, None)]
        got = con.execute("SELECT * FROM evidence ORDER BY char_start, feature, value_text").fetchall()
        want = sorted(ingest.evidence_rows(p), key=lambda r: (r[8], r[1], r[3]))
        assert got == want
    finally:
        con.close()


def test_iter_files_lists_what_sorted_rglob_listed(tmp_path):
    """The os.scandir walk gives the files, filters and order of the original sorted(rglob)."""
    from warehouse.read import READABLE_EXTENSIONS

    def reference(paths):
        out = []
        for p in map(Path, paths):
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if f.is_file() and f.suffix.lower() in READABLE_EXTENSIONS and f.name.lower() != "readme.md":
                    out.append((f, None))
        return out

    t = tmp_path / "t"
    for d in ["a", "a-b", "A", ".hid/sub", "sub.txt", "é", "z/deep/er"]:
        (t / d).mkdir(parents=True)
    for f in ["a/x.txt", "a-b/x.txt", "A/Y.TXT", ".hid/sub/f.txt", ".h.txt", "sub.txt/in.html", "é/ü.pdf",
              "z/deep/er/k.htm", "README.md", "readme.MD", "x.", "noext", "y.Txt", "w.docx", "a/b.txt.bak",
              "z/deep/q.txt", "a.b.c.TXT"]:
        (t / f).write_text("x", encoding="utf-8")
    (t / "z" / "linkdir").symlink_to(t / "a")
    (t / "z" / "link.txt").symlink_to(t / "a" / "x.txt")
    (t / "z" / "broken.txt").symlink_to(t / "nowhere.txt")
    got = list(ingest.iter_files([t]))
    assert got == reference([t]) and len(got) > 8
    assert got == reference([str(t) + "/"])
    assert list(ingest.iter_files([SAMPLES])) == reference([SAMPLES])
