"""country_year_features and labels: no information from the future, missing stays missing,
label features never used, text facts aggregated per country-year."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from warehouse.extract import Fact
from recommender.features import FEATURE_NAMES, feature_matrix

CUT = 2010


def add_document(con, doc_id, iso3, review_year, facts, kind="cable"):
    """A document row and its evidence rows (feature, value_num, value_text, qualifier, ref_year)."""
    con.execute(
        "INSERT INTO documents (doc_id, path, sha256, kind, country_iso3, review_year, title, text, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())",
        [doc_id, f"/tmp/{doc_id}.txt", doc_id * 4, kind, iso3, review_year, f"test {doc_id}", "x" * 200])
    for i, (feature, num, text, qualifier, ref_year) in enumerate(facts):
        q = Fact(feature=feature, value=text or "", qualifier=qualifier or "").qualifiers   # typed as ingest does
        con.execute(
            "INSERT INTO evidence (doc_id, feature, value_num, value_text, qualifier, ref_year, sentence, "
            "char_start, char_end, extractor, unit, status, sector, currency, scope, action, about_country) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?, ?, ?, ?, ?, ?, ?)",
            [doc_id, feature, num, text, qualifier, ref_year, f"sentence {i}", i, i + 10, q.get("unit"),
             q.get("status"), q.get("sector"), q.get("currency"), q.get("scope"), q.get("action"), q.get("country")])


def until(frame: pd.DataFrame, year: int, countries) -> pd.DataFrame:
    sel = frame[(frame["year"] <= year) & frame["country_iso3"].isin(countries)]
    return sel.sort_values(["country_iso3", "year"]).reset_index(drop=True)


@pytest.mark.parametrize("CUT", [2004, 2010])
def test_changing_later_years_leaves_earlier_rows_unchanged(warehouse, CUT):
    con = warehouse
    add_document(con, "d2009", "BRA", 2009, [("criminal_convictions", 40, "40", "", 2008)])
    before = feature_matrix(con)
    countries = sorted(before["country_iso3"].unique())
    assert len(before) > 1000 and set(FEATURE_NAMES) <= set(before.columns)

    # everything from CUT + 1 on changes: lists, treaties, WTO, piracy rates, reports and evidence
    con.execute(f"UPDATE listings SET status = 'PFC' WHERE year > {CUT}")
    con.execute(f"DELETE FROM listings WHERE year > {CUT} AND country_iso3 = 'CHN'")
    con.execute(f"INSERT INTO listings VALUES ({CUT + 1}, 'FRA', 'PWL', true, true, 'test')")
    con.execute(f"INSERT OR REPLACE INTO treaties VALUES ('BRA', 'WCT', 'in_force', DATE '{CUT}-06-01', 'test')")
    con.execute(f"INSERT OR REPLACE INTO treaties VALUES ('IND', 'WPPT', 'in_force', DATE '{CUT + 2}-01-01', 'test')")
    con.execute(f"UPDATE wto_members SET accession_date = DATE '{CUT + 1}-01-01' WHERE country_iso3 = 'RUS'")
    con.execute(f"INSERT OR REPLACE INTO piracy_rates VALUES ('BRA', {CUT - 1}, 'software', 99, 'BSA test')")
    con.execute(f"INSERT OR REPLACE INTO piracy_rates VALUES ('IND', {CUT}, 'music', 99, 'IIPA test')")
    add_document(con, "d2011", "BRA", CUT + 1, [("criminal_convictions", 5000, "5000", "", CUT),
                                                  ("ex_officio_customs", None, "has", "", None),
                                                  ("piracy_rate", 10, "10", "sector=software", CUT)])
    add_document(con, "d2011usa", "USA", CUT + 1, [("raids", 7, "7", "", None)])
    add_document(con, "ustr2010", "IND", CUT, [("raids", 9, "9", "", None)], kind="ustr_report")
    # leading signals and trade of later years: requests and reviews of CUT + 1, trade of CUT (known in CUT + 1)
    con.execute(f"INSERT OR REPLACE INTO out_of_cycle_reviews VALUES ({CUT + 1}, 'FRA', 'PWL', 'test', NULL)")
    con.execute(f"INSERT OR REPLACE INTO iipa_requests VALUES ({CUT + 1}, 'BRA', 'PFC', 'elevate', true, "
                "'s301_search', 'test', NULL)")
    con.execute(f"INSERT OR REPLACE INTO embassy_recommendations (country_iso3, review_year, recommended_status, "
                f"action, context, refid, evidence, source) VALUES ('BRA', {CUT + 1}, 'none', 'remove', 'annual', "
                "NULL, NULL, 'test')")
    con.execute(f"UPDATE us_trade SET exports_usd = 1, imports_usd = 1e12 WHERE year >= {CUT}")
    con.execute(f"UPDATE listing_years SET complete = NOT complete WHERE year > {CUT}")
    after = feature_matrix(con)

    pd.testing.assert_frame_equal(until(before, CUT, countries), until(after, CUT, countries))
    # and the changes do show up later, so the comparison above is not vacuous
    later_b, later_a = (f[(f["year"] == CUT + 1) & (f["country_iso3"] == "BRA")].iloc[0] for f in (before, after))
    assert later_a["treaty_wct"] == 1 and later_a["txt_convictions"] == 5000
    assert later_a["iipa_asks_up"] == 1 and later_a["embassy_asks_down"] == 1 and later_a["trade_balance"] < -0.99
    assert not later_b.equals(later_a)
    fra = after[(after["country_iso3"] == "FRA") & (after["year"] == CUT + 2)].iloc[0]
    assert fra["prev_status"] == "PWL" and fra["prev_ocr"] == 1


def test_a_years_own_list_does_not_enter_its_row(warehouse):
    con = warehouse
    before = feature_matrix(con, year=CUT)
    con.execute(f"UPDATE listings SET status = 'PFC' WHERE year = {CUT}")
    after = feature_matrix(con, year=CUT)
    pd.testing.assert_frame_equal(before, after)
    nxt = feature_matrix(con, year=CUT + 1)
    listed = con.execute(f"SELECT country_iso3 FROM listings WHERE year = {CUT}").fetchall()
    assert set(nxt[nxt["country_iso3"].isin([r[0] for r in listed])]["prev_status"]) == {"PFC"}


def test_piracy_rates_wait_until_published(warehouse):
    con = warehouse
    con.execute("DELETE FROM piracy_rates WHERE country_iso3 = 'BRA'")
    con.execute("INSERT INTO piracy_rates VALUES ('BRA', 2007, 'software', 59, 'BSA test')")
    con.execute("INSERT INTO piracy_rates VALUES ('BRA', 2008, 'software', 58, 'BSA test')")
    rows = feature_matrix(con, country="BRA").set_index("year")
    assert math.isnan(rows.loc[2008, "piracy_software"])        # the 2007 study is public mid-2008
    assert rows.loc[2009, "piracy_software"] == 59
    assert rows.loc[2010, "piracy_software"] == 58 and rows.loc[2010, "piracy_software_change"] == -1


def test_missing_stays_missing_and_labels_are_not_features(warehouse):
    con = warehouse
    base = feature_matrix(con, country="KAZ")
    assert base["txt_convictions"].isna().all() and base["txt_exofficio_customs"].isna().all()
    add_document(con, "kaz", "KAZ", 2008, [("recommended_status", None, "WL", "action=add", 2008),
                                           ("listed_status_mentioned", None, "PWL", "", None)])
    after = feature_matrix(con, country="KAZ")
    text = [f for f in FEATURE_NAMES if f.startswith("txt_")]
    pd.testing.assert_frame_equal(base[text], after[text])


def test_text_facts_aggregate_per_country_year(warehouse):
    con = warehouse
    add_document(con, "a", "RUS", 2008, [("criminal_convictions", 100, "100", "unit=persons", 2007),
                                         ("criminal_convictions", 50, "50", "unit=persons", 2006),
                                         ("ex_officio_customs", None, "lacks", "", None),
                                         ("ex_officio_customs", None, "pending", "", None),
                                         ("treaty", None, "WCT", "status=announced", None),
                                         ("treaty", None, "WPPT", "status=not_member", None),
                                         ("raids", 12, "12", "country=UKR", None)])
    row = feature_matrix(con, year=2008, country="RUS").iloc[0]
    assert row["txt_convictions"] == 100
    assert row["txt_convictions_growth"] == pytest.approx(math.log(101 / 51))
    assert row["txt_exofficio_customs"] == 1          # pending beats lacks
    assert row["txt_treaty_steps"] == 1 and row["txt_treaty_not_member"] == 1
    assert math.isnan(row["txt_raids"])                # a fact about another country
    assert feature_matrix(con, year=2009, country="RUS")["txt_convictions"].isna().all()


def test_labels_view_rules(warehouse):
    con = warehouse
    labels = con.execute("SELECT l.*, ly.complete FROM labels l LEFT JOIN listing_years ly USING (year)").df()
    ustr = labels[labels["source"] == "ustr"]
    assert set(ustr["status"]) <= {"none", "WL", "PWL", "PFC"}
    assert ustr[ustr["status"] == "none"]["complete"].all()
    codes = con.execute("SELECT year, country_iso3, status FROM listings WHERE status IN ('OO', '306')").fetchall()
    for year, iso3, status in codes:
        row = ustr[(ustr["year"] == year) & (ustr["country_iso3"] == iso3)].iloc[0]
        assert row["status"] == ("WL" if status == "OO" else "PWL")
        assert bool(row["section_306"]) == (status == "306")
    assert (labels[labels["source"] == "embassy"].groupby(["country_iso3", "year"]).size() == 1).all()
    assert not labels.duplicated(["country_iso3", "year", "source"]).any()


def test_every_label_has_a_feature_row(warehouse):
    con = warehouse
    con.execute("INSERT INTO embassy_recommendations (country_iso3, review_year, recommended_status, source) "
                "VALUES ('ISL', 2012, 'none', 'test')")
    missing = con.execute("""
        SELECT l.country_iso3, l.year FROM labels l
        LEFT JOIN country_year_features f USING (country_iso3, year)
        WHERE l.year >= 1990 AND f.country_iso3 IS NULL""").fetchall()
    assert missing == []
    assert ("ISL", 2012) in {(r[0], r[1]) for r in con.execute("SELECT country_iso3, year FROM labels").fetchall()}


def test_every_fact_feeds_a_model_feature_or_none(warehouse):
    """The text_feature macro (shared by the feature view and `s301 explain`'s evidence) names
    only text features of the model."""
    from recommender.features import TEXT_FEATURES
    facts = [("criminal_cases_initiated", ""), ("criminal_convictions", "unit=persons"), ("raids", None),
             ("seizures", ""), ("ex_officio_customs", ""), ("ex_officio_police", ""), ("fines", ""),
             ("treaty", "status=ratified"), ("treaty", "status=not_member"), ("treaty", "status=member"),
             ("piracy_rate", "sector=software"), ("piracy_rate", "sector=music"), ("piracy_rate", "sector=other"),
             ("piracy_rate", ""), ("recommended_status", ""), ("listed_status_mentioned", "")]
    typed = [(f, Fact(feature=f, value="", qualifier=q or "").qualifiers) for f, q in facts]
    named = [warehouse.execute("SELECT text_feature(?, ?, ?)", [f, q.get("status"), q.get("sector")]).fetchone()[0]
             for f, q in typed]
    assert {n for n in named if n} <= set(TEXT_FEATURES)
    assert named[-2:] == [None, None] and named[6] is None and named[9] is None
    assert named[10:14] == ["txt_piracy_software", "txt_piracy_other", None, None]
