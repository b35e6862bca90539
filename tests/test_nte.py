"""NTE chapters: the embedded package through `s301 ingest`, label resolution, the near-duplicate
rule, single chapter files, and what callers may state about a file."""
from __future__ import annotations

import ast
import csv
import datetime as dt
import gzip
import io
import subprocess
import tomllib
from collections import Counter
from pathlib import Path

import duckdb
import pytest

import warehouse.ingest as ingest
from recommender.cli import main
from tests.test_ingest import fake_extract
from warehouse import nte
from warehouse.errors import DocumentError, S301Error

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "warehouse" / "corpus" / "nte_ip_sections.csv.gz"

# Every row whose label the country index does not read as it stands: how it is resolved (by hand).
BROKEN_LABELS = {
    160: ("Switzerland Is One Of The Signatories Of The Information Technology Agreement Of 1997", "CHE", "label-name"),
    523: ("Southern African Customs Union", None, None),
    644: ("Southern African Customs Union", None, None),
    829: ("U.s. Fdi In China Is Led By The Manufacturing And", "CHN", "label-name"),
    830: ("U.s. Fdi In Ecuador Is Led By The Mining And Manufacturing", "ECU", "label-name"),
    831: ("U.s. Fdi In Malaysia Is Led By The Manufacturing", "MYS", "label-name"),
    1352: ("Expand Access For", "CAN", "text"),
    1388: ("U.s. Foreign Direct Investment (Fdi) In Taiwan (Stock) Was 17.5 Billion In 2018", "TWN", "label-name"),
    1440: ("Purchases", "PHL", "text"),
}
# Label spellings the index must read (the brief's list).
ALIASES = {"Korea": "KOR", "Republic Of Korea": "KOR", "Philippines": "PHL", "The Philippines": "PHL",
           "China": "CHN", "People\u2019s Republic Of China": "CHN", "Cote D\u2019ivoire": "CIV",
           "European Union": "EUU", "The Dominican Republic": "DOM", "Burma": "MMR"}


@pytest.fixture
def fake_facts(monkeypatch):
    monkeypatch.setattr(ingest, "extract", fake_extract)


def query(db, q):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(q).fetchall()
    finally:
        con.close()


def write_package(path: Path, rows: list[tuple], header=("year", "country", "text")) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


# ---------------------------------------------------------------- the embedded package

def test_the_package_is_embedded_and_read_without_shared():
    """It sits in the project (no ../shared), is packaged, and gives 1,518 chapters."""
    assert PACKAGE.is_file() and PACKAGE.resolve().is_relative_to(ROOT)
    assert nte.EMBEDDED_PACKAGE == PACKAGE.resolve()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "corpus/*" in data["tool"]["setuptools"]["package-data"]["warehouse"]
    chapters, warnings = nte.read_package(PACKAGE)
    assert len(chapters) == 1518
    years = Counter(c.year for c in chapters)
    assert min(years) == 1995 and max(years) == 2022 and 2010 not in years and len(years) == 27
    assert sum(c.country_iso3 is not None for c in chapters) == 1516
    assert len({c.country_iso3 for c in chapters} - {None}) == 77
    assert len(warnings) == 2 and all("Southern African Customs Union" in w for w in warnings)
    assert Counter(c.country_source for c in chapters) == {"label": 1509, "label-name": 5, "text": 2, None: 2}


def test_every_label_is_mapped_or_resolved_as_written_down():
    chapters, _ = nte.read_package(PACKAGE)
    odd = {c.row: (c.label, c.country_iso3, c.country_source) for c in chapters if c.country_source != "label"}
    assert odd == BROKEN_LABELS
    by_label = {c.label: c.country_iso3 for c in chapters if c.country_source == "label"}
    for label, iso in ALIASES.items():
        assert by_label[label] == iso, label
    # one chapter per country and edition once the labels are resolved
    pairs = Counter((c.country_iso3, c.year) for c in chapters if c.country_iso3)
    assert max(pairs.values()) == 1


def test_each_chapter_starts_with_its_header_line():
    chapters, _ = nte.read_package(PACKAGE)
    c = next(c for c in chapters if c.row == 1352)
    assert c.title == "Canada: National Trade Estimate Report 2020, Intellectual Property Rights"
    assert c.text.startswith(c.title + "\n\nCanada was moved to the Watch List")
    korea = next(c for c in chapters if c.label == "Republic Of Korea")
    assert korea.title.startswith("South Korea: National Trade Estimate Report ")
    sacu = next(c for c in chapters if c.row == 523)
    assert sacu.title == "Southern African Customs Union: National Trade Estimate Report 2005, Intellectual Property Rights"


def test_ingest_of_the_package_and_again(db_path, capsys, fake_facts):
    assert main(["ingest", str(PACKAGE), "--db", str(db_path), "--no-progress"]) == 0
    out = capsys.readouterr()
    assert "ingested 1518, duplicate 0, failed 0" in out.out
    warned = [ln for ln in out.err.splitlines() if ln.startswith("s301 ingest: warning:")]
    assert len(warned) == 2 and "row 523 (2005)" in warned[0] and "row 644 (2007)" in warned[1]
    rows = query(db_path, "SELECT kind, count(*), count(country_iso3), count(DISTINCT country_iso3), "
                          "count(duplicate_of), min(review_year), max(review_year) FROM documents GROUP BY kind")
    assert rows == [("nte_chapter", 1518, 1516, 77, 0, 1995, 2022)]
    assert query(db_path, "SELECT count(*) FROM documents WHERE report_date <> make_date(review_year, 3, 31) "
                          "OR NOT starts_with(text, title || chr(10) || chr(10)) OR path NOT LIKE '%#row=%'") == [(0,)]
    # the 9 chapters whose text repeats an earlier edition's word for word are documents of their own
    qatar = query(db_path, "SELECT review_year, doc_id, duplicate_of FROM documents WHERE country_iso3 = 'QAT' "
                           "AND review_year >= 2020 ORDER BY 1")
    assert [(y, d) for y, _, d in qatar] == [(2020, None), (2021, None), (2022, None)]
    assert len({doc for _, doc, _ in qatar}) == 3
    n_docs, n_ev = query(db_path, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM evidence)")[0]
    # again: nothing new
    assert main(["ingest", str(PACKAGE), "--db", str(db_path), "--no-progress"]) == 0
    assert "ingested 0, duplicate 0, failed 0 (unchanged 1518" in capsys.readouterr().out
    assert query(db_path, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM evidence)")[0] == (n_docs, n_ev)


def test_real_extraction_of_the_package_feeds_the_same_review_year(db_path, capsys):
    assert main(["ingest", str(PACKAGE), "--db", str(db_path), "--no-progress"]) == 0
    assert "failed 0" in capsys.readouterr().out
    (facts,) = query(db_path, "SELECT count(*) FROM evidence")[0]
    assert facts > 1000
    # an NTE chapter's facts belong to its edition's review (the feature view shifts only USTR reports)
    rows = query(db_path, "SELECT count(*) FROM country_year_features WHERE year = 2009 AND country_iso3 = 'CRI'")
    assert rows == [(1,)]


# ---------------------------------------------------------------- packages in general

def test_broken_labels_resolved_from_label_or_text_and_never_guessed(tmp_path, db_path, capsys, fake_facts):
    kenya = "Kenya has made progress. Kenya enacted a copyright law. Officials in Kenya raided markets."
    tie = "Chile and Peru signed an agreement on enforcement of intellectual property rights."
    package = write_package(tmp_path / "mine.csv", [
        (2012, "Expand Access For", kenya),                      # no name in the label: the text's country
        (2012, "U.s. Fdi In Peru Is Led By Mining", tie),        # one name in the label
        (2013, "Purchases", tie),                                # text with a tie: no country, warned
        (2013, "Chile And Peru Trade", kenya),                   # two names in the label: no country, warned
        (2014, "Andean Community", kenya),                       # a group: no country, warned
        (2014, "Cote D\u2019ivoire", "Cote d\u2019Ivoire is a party to the Bangui Agreement."),
        ("20x4", "Kenya", kenya),                                # broken year: skipped, warned
        (2015, "Kenya", "   "),                                  # no text: skipped, warned
    ])
    assert main(["ingest", str(package), "--db", str(db_path), "--no-progress"]) == 0
    err = capsys.readouterr().err
    got = query(db_path, "SELECT path, country_iso3, review_year FROM documents ORDER BY path")
    assert [(p.rsplit("=", 1)[1], c, y) for p, c, y in got] == [
        ("1", "KEN", 2012), ("2", "PER", 2012), ("3", None, 2013), ("4", None, 2013), ("5", None, 2014),
        ("6", "CIV", 2014)]
    warnings = [ln for ln in err.splitlines() if "warning:" in ln]
    assert len(warnings) == 5
    for row, words in ((3, "names no one country"), (4, "several countries"), (5, "group of countries"),
                       (7, "not an NTE edition year"), (8, "no text")):
        assert any(f"row {row}:" in w or f"row {row} (" in w for w in warnings if words in w), (row, warnings)


def test_a_csv_that_is_not_a_package_is_a_clear_error_and_skipped_in_folders(tmp_path, db_path, capsys, fake_facts):
    folder = tmp_path / "in"
    folder.mkdir()
    other = write_package(folder / "index.csv", [("09LIMA1", "Peru")], header=("refid", "country"))
    write_package(folder / "chapters.csv.gz", [(2012, "Kenya", "Kenya enacted a new copyright law in 2011.")])
    assert main(["ingest", str(other), "--db", str(db_path), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "index.csv: a CSV file is read only as an NTE chapter package" in err
    assert "year, country, text (this one has: refid, country)" in err
    assert [p for p, _ in ingest.iter_files([folder])] == [folder / "chapters.csv.gz"]
    assert main(["ingest", str(folder), "--db", str(db_path), "--no-progress"]) == 0
    assert "ingested 1, duplicate 0, failed 0" in capsys.readouterr().out
    assert nte.is_package(folder / "chapters.csv.gz") and not nte.is_package(other)
    (folder / "broken.csv.gz").write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(DocumentError, match="broken.csv.gz: not a readable gzip file"):
        nte.read_package(folder / "broken.csv.gz")
    with pytest.raises(DocumentError, match="header names exactly the columns"):
        nte.read_package(other)


# ---------------------------------------------------------------- near-duplicates

def test_near_duplicates_only_within_kind_country_and_year(tmp_path, db_path, capsys, fake_facts):
    body = " ".join(f"Sentence number {i} about the enforcement of copyright in Kenya." for i in range(30))
    package = write_package(tmp_path / "p.csv", [(2020, "Kenya", body), (2021, "Kenya", body),
                                                 (2021, "Uganda", body)])
    assert main(["ingest", str(package), "--db", str(db_path), "--no-progress"]) == 0
    assert "ingested 3, duplicate 0" in capsys.readouterr().out       # other year, other country: own reports
    # the same chapter of 2021 saved by a user with a line more: a near-duplicate of the stored one
    mine = tmp_path / "mine.txt"
    mine.write_text("Kenya: National Trade Estimate Report 2021, Intellectual Property Rights\n\n"
                    + body + " A line the user added at the end of the chapter.\n", encoding="utf-8")
    # the same text as a document of another kind (no NTE header): not a duplicate of a chapter
    other = tmp_path / "other.txt"
    other.write_text(body + "\n", encoding="utf-8")
    assert main(["ingest", str(mine), str(other), "--db", str(db_path), "--no-progress"]) == 0
    assert "ingested 1, duplicate 1" in capsys.readouterr().out
    dup = query(db_path, "SELECT o.review_year, o.country_iso3, d.kind FROM documents d "
                         "JOIN documents o ON d.duplicate_of = o.doc_id")
    assert dup == [(2021, "KEN", "nte_chapter")]
    assert query(db_path, "SELECT kind FROM documents WHERE path LIKE '%other.txt'") == [("other",)]


def test_the_index_is_loaded_per_group_from_the_warehouse(tmp_path, db_path, capsys, fake_facts):
    """Across runs: a stored original is found again through its group only."""
    body = " ".join(f"Sentence number {i} about the enforcement of patents in Ghana." for i in range(30))
    assert main(["ingest", str(write_package(tmp_path / "a.csv", [(2016, "Ghana", body)])),
                 "--db", str(db_path), "--no-progress"]) == 0
    capsys.readouterr()
    again = write_package(tmp_path / "b.csv", [(2017, "Ghana", body), (2016, "Ghana", body + " One more.")])
    assert main(["ingest", str(again), "--db", str(db_path), "--no-progress"]) == 0
    assert "ingested 1, duplicate 1" in capsys.readouterr().out
    assert query(db_path, "SELECT review_year FROM documents WHERE duplicate_of IS NOT NULL") == [(2016,)]


# ---------------------------------------------------------------- a single chapter as a file

def test_single_chapter_files_are_detected(tmp_path):
    from bench.nte_files import evaluate, make_files
    files = make_files(tmp_path)
    assert len(files) >= 16
    assert {f.path.suffix for f in files} == {".txt", ".html"}
    res = evaluate(files)
    wrong = [r for r in res["rows"] if r[3:] != ("nte_chapter", r[1], r[2])]
    assert not wrong
    assert res["all"] == len(files) and res["refused"] == 0


@pytest.mark.parametrize("text", [
    "Peru: National Trade Estimate Report 2009\n\nPeru is a party to the agreement.",
    "PERU: 2009 NATIONAL TRADE ESTIMATE REPORT ON FOREIGN TRADE BARRIERS\n\nText about Peru.",
    "2009 National Trade Estimate Report\n\nPERU\n\nIntellectual Property Rights Protection\n\nText about Peru.",
])
def test_other_heading_forms(text):
    from warehouse.detect import detect
    det = detect(text)
    assert (det.kind, det.country_iso3, det.review_year, det.report_date) == \
        ("nte_chapter", "PER", 2009, dt.date(2009, 3, 31))


@pytest.mark.parametrize("text", [
    "A report that mentions the 2009 National Trade Estimate Report on Foreign Trade Barriers later on.",
    "Trade policy: National Trade Estimates in general\n\nNo year here.",
    "Subject: 2009 National Trade Estimate Report input from Peru\n\nPeru's post sends its input.",
    "UNCLAS LIMA 000123\n\nSUBJECT: PERU: 2009 NATIONAL TRADE ESTIMATE REPORT INPUT\n\n1. Post's input.",
])
def test_texts_that_are_not_chapters(text):
    from warehouse.detect import detect
    assert detect(text).kind != "nte_chapter"


def test_book_header_without_a_country_heading_keeps_the_year_and_finds_the_country_in_the_text():
    from warehouse.detect import detect
    det = detect("2011 NATIONAL TRADE ESTIMATE REPORT ON FOREIGN TRADE BARRIERS\n\n"
                 "Intellectual Property Rights Protection\n\nGhana has enacted laws. Ghana enforces them.")
    assert (det.kind, det.country_iso3, det.review_year) == ("nte_chapter", "GHA", 2011)


# ---------------------------------------------------------------- what a caller states

def test_a_caller_states_country_and_review_year(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(ingest, "extract", lambda text, det: seen.append(det) or [])
    f = tmp_path / "note.txt"
    f.write_text("Notes on enforcement: the customs office seized goods in several raids last year.\n",
                 encoding="utf-8")
    [p] = ingest.prepare_file(f)
    assert p.det.country_iso3 is None and p.det.review_year is None
    [p] = ingest.prepare_file(f, country="Republic of Korea", review_year=2011)
    assert (p.det.country_iso3, p.det.review_year, p.det.country_source) == ("KOR", 2011, "stated")
    assert (seen[-1].country_iso3, seen[-1].review_year) == ("KOR", 2011)   # extraction sees them
    [p] = ingest.prepare_file(f, review_year="2012")
    assert (p.det.country_iso3, p.det.review_year) == (None, 2012)
    [p] = ingest.prepare_file(f, country="PER")
    assert p.det.country_iso3 == "PER"
    with pytest.raises(S301Error, match="unknown country 'Atlantis'"):
        ingest.prepare_file(f, country="Atlantis")
    with pytest.raises(S301Error, match="review year 'soon'"):
        ingest.prepare_file(f, review_year="soon")
    with pytest.raises(DocumentError, match="states each row's country and year"):
        ingest.prepare_file(PACKAGE, country="Peru")


# ---------------------------------------------------------------- hygiene

def test_readers_import_no_circle():
    """cable_text imports nothing of the project; read_html takes nothing from read."""
    def imports(name):
        tree = ast.parse((ROOT / "warehouse" / f"{name}.py").read_text(encoding="utf-8"))
        return {(n.module or "") for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level}
    assert imports("cable_text") == set()
    if (ROOT / "warehouse" / "read_html.py").exists():
        assert "read" not in imports("read_html")


def _tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / p for p in out.decode().split("\0") if p]


def test_no_text_of_the_shared_corpus_is_committed(shared_dir):
    """No tracked file holds a passage of a ../shared/corpus cable (the corpus is not ours to
    publish): 3 snippets of 120 characters from the body of each cable are looked for."""
    snippets = []
    for f in sorted((shared_dir / "corpus" / "cables").glob("*.txt")):
        body = " ".join(f.read_text(encoding="utf-8", errors="replace").split())
        for frac in (0.3, 0.5, 0.7):
            at = int(len(body) * frac)
            snippets.append((f.name, body[at:at + 120]))
    hits = []
    for path in _tracked_files():
        if not path.is_file() or path.suffix in (".gz", ".png", ".joblib", ".duckdb"):
            continue
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        hits += [(path.name, name) for name, s in snippets if len(s) == 120 and s in text]
    assert not hits
