"""Batch scoring at corpus scale (recommender.score.score_paths) gives the same rows as scoring each
report alone (score_each), row for row: reports of the same country and year, a duplicate file,
an unreadable file, reports the warehouse holds already, with and without worker processes, with
and without a stated country and year. And --country / --year on score, ingest and extract."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.expect import one_error_line
from recommender.cli import main
from recommender.score import COLUMNS, _Doc, _rounds, score_each, score_paths
from warehouse.ingest import make_pool
from warehouse.nte import EMBEDDED_PACKAGE, read_package

SAMPLES = Path(__file__).resolve().parent.parent / "warehouse" / "samples"
PROBABILITIES = ["p_none", "p_wl", "p_pwl", "p_pfc"]
# NTE chapters (edition, country) written as single chapter files: three countries over several
# editions (a report's facts feed growth figures of its country's later years) and single ones
CHAPTERS = [(2005, "CHN"), (2006, "CHN"), (2007, "CHN"), (2007, "RUS"), (2008, "RUS"), (2009, "RUS"),
            (2006, "BRA"), (2009, "BRA"), (2007, "MEX"), (2008, "IND"), (2006, "THA"), (2005, "UKR"),
            (2009, "ARG"), (2009, "CAN"), (2007, "EGY"), (2008, "COL"), (2009, "CRI"), (2006, "IDN"),
            (2008, "PAK"), (2007, "TUR")]
# added to a copy of the RUS 2008 chapter: another report of the same country and year whose
# facts move that country-year's features
MORE_FACTS = ("\n\nIn 2007 the courts convicted 9,876 people of copyright crimes, compared to 1,234 in 2006. "
              "Police carried out 4,321 raids on markets selling pirated optical discs.\n")


SAVED_BY = "\nSaved from the National Trade Estimate for the country desk's files.\n"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """About 30 report files: NTE chapters, one of them twice (a duplicate), a second report of
    RUS 2008, the four sample cables (all in the warehouse already: two originals, two stored as
    near-duplicates), an unreadable PDF and a text that names no country."""
    folder = tmp_path_factory.mktemp("reports")
    chapters, _ = read_package(EMBEDDED_PACKAGE)
    text = {(c.year, c.country_iso3): c.text for c in chapters}
    # an analyst's copy of each chapter (a line added): new reports, though the warehouse holds the chapters
    for year, iso in CHAPTERS:
        (folder / f"nte_{year}_{iso}.txt").write_text(text[(year, iso)] + SAVED_BY, encoding="utf-8")
    (folder / "nte_2006_CHN_copy.txt").write_text(text[(2006, "CHN")] + SAVED_BY, encoding="utf-8")
    (folder / "nte_2008_RUS_more.txt").write_text(text[(2008, "RUS")] + MORE_FACTS, encoding="utf-8")
    for f in SAMPLES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf \x00\x01\x02")
    (folder / "no_country.txt").write_text("Nothing here names a country or a year. " * 20, encoding="utf-8")
    return folder


def assert_same_rows(batch: pd.DataFrame, each: pd.DataFrame) -> None:
    """Every column equal, the probabilities to 1e-12 (one matrix product for all rows rounds the
    last bit differently from one per row)."""
    assert list(batch.columns) == COLUMNS and len(batch) == len(each)
    others = [c for c in COLUMNS if c not in PROBABILITIES]
    pd.testing.assert_frame_equal(batch[others], each[others])
    diff = (batch[PROBABILITIES].astype(float) - each[PROBABILITIES].astype(float)).abs().max().max()
    assert not diff > 1e-12, diff
    assert (batch[PROBABILITIES].isna() == each[PROBABILITIES].isna()).all().all()


def test_batch_equals_one_by_one(model_con, reports):
    model, con = model_con
    each = score_each([reports], model, con)
    batch = score_paths([reports], model, con)
    assert_same_rows(batch, each)
    # the set holds what it should: errors, stored reports, the same country-year twice, a duplicate
    assert len(batch) == len(CHAPTERS) + 2 + 4 + 2
    by_name = batch.set_index(batch["path"].map(lambda p: Path(p).name))
    assert by_name.loc["garbage.pdf", "error"] and by_name.loc["no_country.txt", "error"]
    good = batch[batch["error"].isna()]
    assert len(good) == len(CHAPTERS) + 2 + 4
    stored = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
    assert good["doc_id"].isin(stored).sum() == 4       # the sample cables; the chapters' copies are new
    rus = by_name.loc[["nte_2008_RUS.txt", "nte_2008_RUS_more.txt"]]
    assert (rus["country_iso3"] == "RUS").all() and (rus["review_year"] == 2008).all()
    # the second report's facts move the forecast: had the two seen each other, rows would differ
    assert (rus[PROBABILITIES].iloc[0] - rus[PROBABILITIES].iloc[1]).abs().max() > 1e-6
    copy = by_name.loc[["nte_2006_CHN.txt", "nte_2006_CHN_copy.txt"]]
    assert copy["doc_id"].nunique() == 1 and copy["top_reasons"].nunique() == 1


def test_batch_in_worker_processes_equals_one_by_one(model_con, reports):
    model, con = model_con
    pool = make_pool(2)
    try:
        seen = []
        batch = score_paths([reports], model, con, pool=pool, progress=lambda d, t: seen.append((d, t)))
    finally:
        pool.terminate()
    assert_same_rows(batch, score_each([reports], model, con))
    n = len(list(reports.iterdir()))
    assert [d for d, _ in seen] == list(range(n + 1)) and {t for _, t in seen} == {n}


def test_batch_equals_one_by_one_with_a_stated_country_and_year(model_con, reports):
    """Every report stated as Brazil's for the 2010 review: all share one country-year (a round
    each), and the stored reports, read otherwise than stored, are extracted again."""
    model, con = model_con
    each = score_each([reports], model, con, country="Brazil", review_year=2010)
    batch = score_paths([reports], model, con, country="Brazil", review_year=2010)
    assert_same_rows(batch, each)
    good = batch[batch["error"].isna()]
    assert (good["country_iso3"] == "BRA").all() and (good["review_year"] == 2010).all()
    assert batch["error"].notna().sum() == 1   # only the unreadable file


def test_a_loader_is_called_once_reading_has_started(model_con, reports):
    model, con = model_con
    calls = []
    batch = score_paths([reports / "nte_2005_CHN.txt"], lambda: calls.append(1) or model, con)
    assert calls == [1] and batch["predicted_status"].notna().all()


def test_rounds_never_share_a_country_or_a_document():
    def doc(iso, year, doc_id):
        class P:
            pass
        p = P()
        p.doc_id = doc_id
        return _Doc(row=None, prepared=p, key=(iso, year), new=True)
    docs = [doc("CHN", 2005, "a"), doc("CHN", 2006, "b"), doc("RUS", 2006, "c"), doc("CHN", 2006, "d"),
            doc("BRA", 2006, "a"), doc("MEX", 2006, "c"), doc("RUS", 2007, "e")]
    rounds = _rounds(docs)
    assert [[d.prepared.doc_id for d in r] for r in rounds] == [["a", "c"], ["b", "a", "c", "e"], ["d"]]
    for r in rounds:
        assert len({d.key[0] for d in r}) == len(r) and len({d.prepared.doc_id for d in r}) == len(r)


def test_an_unknown_stated_country_raises_before_reading(model_con, reports):
    from warehouse.errors import S301Error
    model, con = model_con
    with pytest.raises(S301Error, match="unknown country 'Narnia'"):
        score_paths([reports], model, con, country="Narnia")


# ----------------------------------------------------------------------------- the commands

@pytest.fixture
def note(tmp_path) -> Path:
    """A report that names neither its country nor its year."""
    f = tmp_path / "note.txt"
    f.write_text("Notes on enforcement: in 2010 the courts convicted 1,250 people of copyright crimes, "
                 "compared to 300 in 2009. Customs officials continue to lack ex officio authority.\n",
                 encoding="utf-8")
    return f


def test_score_with_a_stated_country_and_year(model_env, note, tmp_path, capsys):
    db, _ = model_env
    out = tmp_path / "s.csv"
    assert main(["score", str(note), "--db", str(db), "--out", str(out), "--no-progress"]) == 0
    assert pd.read_csv(out)["error"].iloc[0].endswith("the report's country could not be determined")
    assert main(["score", str(note), "--db", str(db), "--out", str(out), "--no-progress",
                 "--country", "Republic of Korea", "--year", "2011", "--jobs", "2"]) == 0
    row = pd.read_csv(out).iloc[0]
    assert (row["country_iso3"], row["review_year"]) == ("KOR", 2011) and pd.isna(row["error"])
    assert row["predicted_status"] in ("none", "WL", "PWL", "PFC")


@pytest.mark.parametrize("options, words", [
    (["--country", "Narnia"], ["unknown country 'Narnia'"]),
    (["--year", "soon"], ["review year 'soon'"]),
    (["--country", "PER", "--year", "1200"], ["review year '1200'"]),
])
@pytest.mark.parametrize("command", ["score", "ingest", "extract"])
def test_a_bad_stated_country_or_year_is_one_line(command, options, words, model_env, note, tmp_path, capsys):
    """Checked before anything else: no warehouse is opened (nor created), no output written."""
    db = tmp_path / "none.duckdb"
    argv = {"score": ["score", str(note), "--out", str(tmp_path / "s.csv"), "--db", str(db)],
            "ingest": ["ingest", str(note), "--db", str(db)],
            "extract": ["extract", str(note), "--out", str(tmp_path / "f.csv")]}[command]
    assert main(argv + options + ["--no-progress"]) == 2
    one_error_line(capsys.readouterr().err, *words)
    assert not db.exists() and not (tmp_path / "s.csv").exists() and not (tmp_path / "f.csv").exists()


def test_ingest_with_a_stated_country_and_year(model_env, note, tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    shutil.copy(model_env[0], db)
    assert main(["ingest", str(note), "--db", str(db), "--no-progress", "--country", "Peru", "--year", "2011"]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT country_iso3, review_year FROM documents WHERE path LIKE '%note.txt'").fetchall()
    finally:
        con.close()
    assert rows == [("PER", 2011)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_with_a_stated_country_and_year(note, tmp_path, jobs, capsys):
    out = tmp_path / "f.jsonl"
    assert main(["extract", str(note), "--out", str(out), "--no-progress", "--country", "per",
                 "--year", "2011", "--jobs", jobs]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {(r["country_iso3"], r["review_year"]) for r in rows} == {("PER", 2011)}
