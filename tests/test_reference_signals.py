"""The leading-signal reference tables: IIPA requests, embassy recommendations, US trade (IMF DOTS),
out-of-cycle reviews, and the 2001-2002 / 2025 / 2026 listing updates (warehouse/reference/SOURCES.md)."""
from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from warehouse.db import open_warehouse
from warehouse.errors import ReferenceDataError
from warehouse.load import IMF_ATTRIBUTION, REFERENCE_DIR, TABLES, load_reference, read_table

TODAY = dt.date.today()
SHARED = Path(os.environ.get("S301_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
TABLE = {t.name: t for t in TABLES}


def _rows(name: str) -> list[dict]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def ref():
    countries = read_table(TABLES[0])
    known = {r[0] for r in countries}
    return {t.name: (countries if t.name == "countries" else read_table(t, known_iso3=known)) for t in TABLES}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    con = open_warehouse(tmp_path_factory.mktemp("wh") / "signals.duckdb")
    counts = load_reference(con)
    yield con, counts
    con.close()


def _broken(tmp_path: Path, file: str, line: int, mutate) -> Path:
    """A copy of the reference folder with one line of one file changed."""
    broken = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, broken)
    path = broken / file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = mutate(lines[line - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return broken


# ---- row counts and mapping --------------------------------------------------------------------

def test_row_counts(loaded):
    _con, counts = loaded
    assert counts["iipa_requests"] >= 384          # 385 shared facts, one of two disagreeing rows dropped
    assert counts["embassy_recommendations"] >= 75  # every post of the shared file
    assert counts["us_trade"] == 5527
    assert counts["out_of_cycle_reviews"] >= 87


def test_every_country_code_is_in_the_country_index(ref):
    known = {r[0] for r in ref["countries"]}
    for name in ("iipa_requests", "embassy_recommendations", "us_trade", "out_of_cycle_reviews"):
        col = [c.name for c in TABLE[name].columns].index("country_iso3")
        assert {r[col] for r in ref[name]} <= known, name


def test_iso3_mapping_of_names_the_sources_spell_differently(ref):
    iipa = {(r[0], r[1]): r[2] for r in ref["iipa_requests"]}
    assert iipa[(2006, "SCG")] == "WL"            # Serbia and Montenegro (ISO 3166-3 SCG)
    assert iipa[(2006, "MMR")] == "not_listed"    # Burma
    trade = {(r[0], r[1]) for r in ref["us_trade"]}
    # IMF names: 'Taiwan Province of China', 'Korea, Rep. of', 'China, P.R.: Hong Kong', 'Türkiye, Rep of'
    assert {("TWN", 2000), ("KOR", 2000), ("HKG", 2000), ("TUR", 2000), ("CHN", 2000), ("SCG", 2000)} <= trade
    assert ("PRK", 2000) in trade and ("COD", 2000) in trade and ("VEN", 2000) in trade


def test_every_embassy_post_of_the_shared_file_and_the_old_table_is_kept(ref):
    got = {(r[0], r[1]) for r in ref["embassy_recommendations"]}
    old_table = {("KAZ", 2008), ("RUS", 2009), ("BRA", 2003), ("CRI", 2007), ("CRI", 2009), ("TUR", 2004),
                 ("TUR", 2005), ("IDN", 2006), ("IDN", 2008), ("PHL", 2006), ("PAK", 2008)}
    assert old_table <= got
    if (SHARED / "data" / "embassy_recommendations.csv").exists():
        from warehouse.countries import get_index
        with (SHARED / "data" / "embassy_recommendations.csv").open(encoding="utf-8") as fh:
            shared = {(get_index().lookup(r["country"]), int(r["review_year"])) for r in csv.DictReader(fh)}
        assert shared <= got


# ---- no future years, no zeros for unknown years -------------------------------------------------

def test_no_future_years(ref):
    assert max(r[1] for r in ref["us_trade"]) <= 2022       # IMF DOTS extract ends in 2022
    assert max(r[0] for r in ref["iipa_requests"]) <= TODAY.year
    newest_report = max(r[0] for r in ref["listings"])
    assert max(r[0] for r in ref["out_of_cycle_reviews"]) <= newest_report
    assert max(r[1] for r in ref["embassy_recommendations"]) <= TODAY.year


def test_trade_years_without_data_have_no_rows(ref):
    for iso, year, exports, imports, _src in ref["us_trade"]:
        assert exports is not None or imports is not None, (iso, year)
    assert not [r for r in ref["us_trade"] if r[1] >= 2023]


# ---- IMF attribution ------------------------------------------------------------------------------

def test_imf_attribution_in_every_trade_row_and_in_sources_md(ref):
    assert all(IMF_ATTRIBUTION in r[4] for r in ref["us_trade"])
    assert IMF_ATTRIBUTION in (REFERENCE_DIR / "SOURCES.md").read_text(encoding="utf-8")


# ---- IIPA: facts and URLs, never IIPA's text -------------------------------------------------------

def test_iipa_rows_are_facts_with_urls_and_say_how_they_were_found(ref):
    header = next(csv.reader((REFERENCE_DIR / "iipa_requests.csv").open(encoding="utf-8")))
    assert "evidence" not in header
    found = {r[5] for r in ref["iipa_requests"]}
    assert found == {"shared_file", "s301_search"}
    for r in ref["iipa_requests"]:
        assert all(u.startswith(("http://", "https://")) for u in r[6].split(" | ")), r


def test_iipa_notes_do_not_copy_the_shared_evidence_text():
    path = SHARED / "data" / "iipa_recommendations.csv"
    if not path.exists():
        pytest.skip("../shared is not present")
    with path.open(encoding="utf-8") as fh:
        evidence = [r["evidence"] for r in csv.DictReader(fh) if len(r["evidence"]) > 40]
    notes = [r["note"] for r in _rows("iipa_requests.csv") if r["note"]]
    for note in notes:
        assert not any(e in note or note in e for e in evidence), note


def test_iipa_judgement_calls(ref):
    iipa = {(r[0], r[1]): r for r in ref["iipa_requests"]}
    assert iipa[(2019, "ZAF")][2] == "PWL" and "disagreed" in iipa[(2019, "ZAF")][7]   # PFC row dropped
    assert iipa[(2003, "UKR")][2] == "PFC" and iipa[(2003, "UKR")][5] == "s301_search"
    assert iipa[(2007, "RUS")][4] is True                                              # OCR asked too
    assert iipa[(2014, "ESP")][2] == "OCR_only"


# ---- embassy recommendations and the labels view ----------------------------------------------------

def test_ocr_only_embassy_rows_are_kept_but_never_labels(loaded):
    con, _counts = loaded
    assert con.execute("SELECT recommended_status FROM embassy_recommendations "
                       "WHERE country_iso3 = 'ESP' AND review_year = 2008").fetchone() == ("OCR",)
    assert con.execute("SELECT count(*) FROM labels WHERE source = 'embassy' AND status NOT IN "
                       "('none', 'WL', 'PWL', 'PFC')").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM labels WHERE source = 'embassy' AND country_iso3 = 'ESP' "
                       "AND year = 2008").fetchone() == (0,)
    n_tiers = con.execute("SELECT count(*) FROM embassy_recommendations WHERE recommended_status "
                          "IN ('none', 'WL', 'PWL', 'PFC')").fetchone()[0]
    assert con.execute("SELECT count(*) FROM labels WHERE source = 'embassy'").fetchone() == (n_tiers,)


def test_an_added_ocr_only_row_changes_no_label(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    try:
        load_reference(con)
        before = con.execute("SELECT * FROM labels ORDER BY ALL").fetchall()
        con.execute("INSERT INTO embassy_recommendations (country_iso3, review_year, recommended_status, source) "
                    "VALUES ('CHL', 2011, 'OCR', 'test')")
        assert con.execute("SELECT * FROM labels ORDER BY ALL").fetchall() == before
    finally:
        con.close()


def test_embassy_rows_carry_the_recommending_sentence(ref):
    rows = {(r[0], r[1]): r for r in ref["embassy_recommendations"]}
    assert "Costa Rica remain on the Watch List" in rows[("CRI", 2007)][6]
    assert "maintain Russia's Priority Watch List status" in rows[("RUS", 2009)][6]
    assert rows[("ARG", 2006)][7] == "https://archive.org/"
    with_sentence = sum(1 for r in ref["embassy_recommendations"] if r[6])
    assert with_sentence >= 70


# ---- out-of-cycle reviews ---------------------------------------------------------------------------

def test_out_of_cycle_reviews_agree_with_listings(ref):
    listings = {(r[0], r[1]): r for r in ref["listings"]}
    ocr = {(r[0], r[1]): r for r in ref["out_of_cycle_reviews"]}
    for key, r in listings.items():
        assert r[4] == (key in ocr), key
    for key, r in ocr.items():
        if key in listings:
            assert r[2] == listings[key][2], key
        else:
            assert r[2] in (None, "none"), key


def test_a_not_listed_country_can_have_an_out_of_cycle_review(ref):
    ocr = {(r[0], r[1]): r for r in ref["out_of_cycle_reviews"]}
    assert ocr[(2014, "ESP")][2] == "none"
    assert not [r for r in ref["listings"] if r[0] == 2014 and r[1] == "ESP"]
    assert {(2015, "HND"), (2015, "ESP"), (2007, "CZE"), (2005, "RUS"), (2004, "ISR")} <= set(ocr)


# ---- listings currency --------------------------------------------------------------------------------

def test_listing_updates(ref):
    got = {(r[0], r[1]): r[2] for r in ref["listings"]}
    assert got[(2001, "RUS")] == "PWL" and got[(2002, "RUS")] == "PWL"
    assert got[(2026, "VNM")] == "PFC"
    wl_2025 = {r[1] for r in ref["listings"] if r[0] == 2025 and r[2] == "WL"}
    assert wl_2025 == {"DZA", "BRB", "BLR", "BOL", "BRA", "BGR", "CAN", "COL", "ECU", "EGY", "GTM", "PAK",
                       "PRY", "PER", "THA", "TTO", "TUR", "VNM"}
    years = {r[0]: r for r in ref["listing_years"]}
    y2026 = years[2026]
    assert y2026[1] is False and y2026[2] is True and y2026[3] is False and y2026[4] is False
    assert "secondary" in next(r for r in ref["listings"] if r[0] == 2026)[5].lower()


# ---- the loader rejects bad rows with the file and line ---------------------------------------------

def _first_line(file: str, needle: str) -> int:
    lines = (REFERENCE_DIR / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, s in enumerate(lines, start=1) if i > 1 and needle in s)


@pytest.mark.parametrize("file,needle,mutate,message", [
    ("iipa_requests.csv", ",PWL,", lambda s: s.replace(",PWL,", ",PWX,", 1), "column 'status'"),
    ("iipa_requests.csv", ",shared_file,", lambda s: s.replace(",shared_file,", ",guessed,", 1), "column 'found_by'"),
    ("iipa_requests.csv", "https://", lambda s: s.replace("https://", "www.", 1), "column 'source'.*URL"),
    ("us_trade.csv", ",1995,", lambda s: ",".join(s.split(",")[:2] + ["", ""] + s.split(",")[4:]),
     "neither exports_usd nor imports_usd"),
    ("us_trade.csv", ",1996,", lambda s: s.replace("Source: International Monetary Fund", "IMF", 1),
     "column 'source': IMF's required attribution"),
    ("us_trade.csv", ",1997,", lambda s: s.replace(",1997,", f",{TODAY.year + 1},", 1), "column 'year'"),
    ("us_trade.csv", ",1998,", lambda s: s.replace(",1998,", ",1998,-", 1), "column 'exports_usd'"),
    ("embassy_recommendations.csv", ",PWL,", lambda s: s.replace(",PWL,", ",PWLX,", 1), "column 'recommended_status'"),
    ("out_of_cycle_reviews.csv", ",PWL,", lambda s: s.replace(",PWL,", ",XX,", 1), "column 'listed_status'"),
])
def test_bad_rows_are_reported_with_file_and_line(tmp_path, file, needle, mutate, message):
    line = _first_line(file, needle)
    broken = _broken(tmp_path, file, line, mutate)
    con = open_warehouse(tmp_path / "w.duckdb")
    try:
        with pytest.raises(ReferenceDataError, match=rf"{file.replace('.', chr(92) + '.')}:{line}: {message}"):
            load_reference(con, directory=broken)
    finally:
        con.close()


def test_listing_ocr_flag_without_a_review_row_is_reported(tmp_path):
    lines = (REFERENCE_DIR / "listings.csv").read_text(encoding="utf-8").splitlines()
    n = next(i for i, s in enumerate(lines, start=1) if s.startswith("2012,") and ",false,false," in s)
    broken = _broken(tmp_path, "listings.csv", n, lambda s: s.replace(",false,false,", ",false,true,", 1))
    con = open_warehouse(tmp_path / "w.duckdb")
    try:
        with pytest.raises(ReferenceDataError, match=rf"listings\.csv:{n}: ocr is true but out_of_cycle_reviews"):
            load_reference(con, directory=broken)
    finally:
        con.close()


def test_a_bad_row_leaves_the_loaded_tables_as_they_were(loaded, tmp_path):
    con, counts = loaded
    line = _first_line("iipa_requests.csv", ",PWL,")
    broken = _broken(tmp_path, "iipa_requests.csv", line, lambda s: s.replace(",PWL,", ",PWX,", 1))
    with pytest.raises(ReferenceDataError):
        load_reference(con, directory=broken)
    for name in ("iipa_requests", "us_trade", "out_of_cycle_reviews", "embassy_recommendations"):
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == counts[name]


# ---- build.py regenerates the committed CSVs -------------------------------------------------------

def test_build_regenerates_the_committed_derived_csvs(tmp_path):
    if not (SHARED / "data" / "iipa_recommendations.csv").exists():
        pytest.skip("../shared is not present")
    from warehouse.reference import build
    build.main(["--shared", str(SHARED), "--out", str(tmp_path),
                "--only", "listings", "embassy", "iipa", "trade"])
    for name in ("listings.csv", "out_of_cycle_reviews.csv", "embassy_recommendations.csv",
                 "iipa_requests.csv", "us_trade.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (REFERENCE_DIR / name).read_text(encoding="utf-8"), name
