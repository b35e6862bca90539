"""The vocabulary: the Python rules of warehouse.vocab and the SQL macros the views use agree."""
from __future__ import annotations

import duckdb
import pytest

from warehouse.db import migrate
from warehouse.vocab import (DOC_KINDS, LABEL_FEATURES, LISTING_TIERS, REPORT_KIND, TIER_RANK, TIERS,
                             evidence_year, tier_of_listing)


@pytest.fixture(scope="module")
def sql():
    con = duckdb.connect(":memory:")
    migrate(con)
    yield lambda q, *params: con.execute(q, list(params)).fetchone()[0]
    con.close()


@pytest.mark.parametrize("kind", [*DOC_KINDS, "unknown-kind"])
def test_evidence_year_rule_is_the_same_in_sql(sql, kind):
    for year in (1995, 2008, 2026):
        assert sql("SELECT evidence_year(?, ?)", kind, year) == evidence_year(kind, year)
    assert sql("SELECT evidence_year(?, NULL)", kind) is None


def test_the_report_year_rule():
    assert evidence_year(REPORT_KIND, 2008) == 2009          # USTR's report: evidence for the next review
    assert evidence_year("cable", 2008) == evidence_year("nte_chapter", 2008) == 2008
    assert "nte_chapter" in DOC_KINDS and REPORT_KIND in DOC_KINDS


@pytest.mark.parametrize("code", [*TIERS, *LISTING_TIERS, "XX"])
def test_listing_codes_and_tiers_are_the_same_in_sql(sql, code):
    assert sql("SELECT tier_of_listing(?)", code) == tier_of_listing(code)
    assert sql("SELECT tier_rank(?)", code) == TIER_RANK.get(code)


def test_tier_ranks_round_trip_in_sql(sql):
    assert [sql("SELECT tier_at_rank(?)", r) for r in range(len(TIERS))] == list(TIERS)
    assert sql("SELECT tier_at_rank(4)") is None


@pytest.mark.parametrize("feature", [*sorted(LABEL_FEATURES), "criminal_convictions", "treaty"])
def test_label_features_are_the_same_in_sql(sql, feature):
    assert sql("SELECT is_label_feature(?)", feature) == (feature in LABEL_FEATURES)
