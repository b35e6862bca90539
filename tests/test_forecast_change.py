"""The change forecast (issue 10): leading signals without leakage, the chained forecast through a
report known in part, the backtest's ranking metrics, watch alerts and the delta brief."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from recommender.alerts import alerts
from recommender.brief import brief
from recommender.cli import main
from recommender.evaluate import change_metrics
from recommender.features import FEATURE_NAMES, feature_matrix
from recommender.predict import chain, forecast_table, last_report
from tests.test_features import add_document
from warehouse.errors import S301Error
from warehouse.vocab import TIERS


# ----------------------------------------------------------------------------- no leakage

def test_a_placement_sentence_never_becomes_a_feature(warehouse):
    """An NTE chapter of year Y that states Y's (or any year's) placement leaves every feature as it was;
    its other facts count for Y itself (the NTE comes out before the report)."""
    con = warehouse
    before = feature_matrix(con, year=2009)
    add_document(con, "nte09", "BRA", 2009, [("listed_status_mentioned", None, "PFC", "", 2009),
                                              ("listed_status_mentioned", None, "none", "", 2008),
                                              ("recommended_status", None, "PFC", "action=elevate", 2009),
                                              ("out_of_cycle_review", None, "announced", "", 2009)],
                 kind="nte_chapter")
    after = feature_matrix(con, year=2009)
    pd.testing.assert_frame_equal(before, after)
    add_document(con, "nte09b", "BRA", 2009, [("criminal_convictions", 12, "12", "unit=persons", 2008)],
                 kind="nte_chapter")
    row = feature_matrix(con, year=2009, country="BRA").iloc[0]
    assert row["txt_convictions"] == 12
    assert feature_matrix(con, year=2008, country="BRA").iloc[0]["txt_convictions"] != 12


def test_requests_count_only_for_their_own_review(warehouse):
    """IIPA's February request and the post's cable precede the report of their year: they set that
    year's signals and no other year's."""
    con = warehouse
    con.execute("DELETE FROM iipa_requests WHERE country_iso3 = 'NOR'")
    con.execute("INSERT INTO iipa_requests VALUES (2012, 'NOR', 'PWL', 'elevate', false, 's301_search', 'test', NULL)")
    rows = feature_matrix(con, country="NOR").set_index("year")
    assert rows.loc[2012, "iipa_asks_up"] == 1 and rows.loc[2012, "iipa_asks_down"] == 0
    assert rows.drop(index=2012)["iipa_asks_up"].isna().all()


# ----------------------------------------------------------------------------- the chained forecast

def test_the_forecast_year_follows_a_report_known_in_part(model_con):
    model, con = model_con
    report = last_report(con)
    assert report is not None and not report.complete and report.lists_complete["PFC"]
    assert any(p["country_iso3"] == "VNM" and p["status"] == "PFC" for p in report.placements)
    assert "known only in part" in report.describe()
    table = forecast_table(model, con).set_index("country_iso3")
    assert (table["year"] == report.year + 1).all()
    # Vietnam's placement is known: no chain; the others' is not: forecast first, and the current tier
    # shown is the last known one (never presented as a placement of the partial year)
    assert not table.loc["VNM", "chained"] and table.loc["VNM", "current_status"] == "PFC"
    assert table.loc["VNM", "current_status_year"] == report.year
    assert table.loc["CHN", "chained"] and table.loc["CHN", "current_status_year"] == report.year - 1
    assert np.allclose(table[["p_none", "p_wl", "p_pwl", "p_pfc"]].sum(axis=1), 1)


def test_the_chain_weights_each_branch_by_the_first_step(model_con):
    model, con = model_con
    year = last_report(con).year + 1
    found = chain(model, con, year, ["CHN", "BRA"])
    assert found is not None and found.year == year - 1
    assert np.allclose(found.previous.sum(axis=1), 1)
    # the branch where the country landed on WL has last year's status WL, and so on
    for tier, rows in found.branches.items():
        assert list(rows["prev_status"]) == [tier, tier]
    by_hand = sum(found.previous[:, [j]] * model.predict_proba(found.branches[t]) for j, t in enumerate(TIERS))
    assert np.allclose(found.probabilities(model), by_hand)
    # a complete previous year needs no chain
    assert chain(model, con, 2015, ["CHN"]) is None


# ----------------------------------------------------------------------------- metrics

def test_change_metrics_by_hand():
    rows = pd.DataFrame({
        "year": [2010] * 4 + [2011] * 4,
        "prev": [1, 1, 2, 0, 1, 2, 0, 3],
        "status": [1, 2, 1, 0, 0, 2, 0, 3],      # 2010: one up, one down; 2011: one down
        "known": [True] * 8,
        "p_change": [0.1, 0.9, 0.8, 0.2, 0.7, 0.1, 0.3, 0.2],
        "p_up": [0.05, 0.8, 0.1, 0.2, 0.1, 0.05, 0.3, 0.0],
        "p_down": [0.05, 0.1, 0.7, 0.0, 0.6, 0.05, 0.0, 0.2],
    })
    m = change_metrics(rows)
    assert m["n_change"] == 3 and m["n_up"] == 1 and m["n_down"] == 2
    assert m["change_auc"] == 1.0                         # every move ranked above every stay
    assert m["precision_at_5"] == pytest.approx(3 / 10)   # 2 hits of 5 in 2010 (4 rows), 1 of 5 in 2011
    assert m["recall_at_5"] == 1.0
    assert m["up_auc"] == 1.0 and m["down_auc"] == 1.0


def test_backtest_json_has_the_change_metrics(trained_model):
    db, model = trained_model
    bt = json.loads(model.with_name("s301.backtest.json").read_text())
    row = bt["rows"][0]
    for key in ("country_iso3", "year", "status", "prev_status", "p_none", "p_wl", "p_pwl", "p_pfc",
                "predicted_status", "p_change", "p_up", "p_down"):
        assert key in row
    for where in [bt["overall"]["model"], bt["per_year"][0]["model"]]:
        for key in ("change_auc", "precision_at_5", "recall_at_5", "precision_at_10", "recall_at_10",
                    "up_auc", "down_auc", "precision_at_10_up", "recall_at_10_down"):
            assert key in where
    assert bt["change_reliability"] and bt["goals"]


# ----------------------------------------------------------------------------- alerts and brief

def test_alerts_rank_by_p_change_with_reasons(model_con):
    model, con = model_con
    found = alerts(model, con, year=2008, top=5)
    assert len(found.alerts) == 5 and [a.rank for a in found.alerts] == [1, 2, 3, 4, 5]
    p = [a.p_change for a in found.alerts]
    assert p == sorted(p, reverse=True)
    table = forecast_table(model, con, year=2008)
    assert p[0] == pytest.approx(table["p_change"].max())
    # Spain 2008: the post asked for an out-of-cycle review and IIPA for the Watch List; Spain was listed
    spain = next(a for a in found.alerts if a.country_iso3 == "ESP")
    assert spain.direction == "up"
    reasons = {r["feature"]: r for r in spain.reasons}
    assert "iipa_asks_up" in reasons and reasons["iipa_asks_up"]["evidence"]
    assert all(r["contribution"] > 0 and r["value"] != "missing" for a in found.alerts for r in a.reasons)


def test_brief_compares_two_reviews_fact_by_fact(model_con):
    _, con = model_con
    b = brief(con, "China", 2009)
    assert b.previous_year == 2008 and b.documents >= 1
    kinds = {c.change for c in b.changes}
    assert kinds <= {"new", "gone", "up", "down", "changed", "same"} and kinds - {"same"}
    for c in b.changes:
        if c.change == "new":
            assert c.before is None and c.sentence_after
        if c.change == "gone":
            assert c.after is None and c.sentence_before
    with pytest.raises(S301Error, match="no report of"):
        brief(con, "China", 1950)


def test_alerts_and_brief_commands(trained_model, monkeypatch, capsys):
    db, model = trained_model
    monkeypatch.setenv("S301_MODEL", str(model))
    assert main(["alerts", "--db", str(db), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "known only in part" in out and "watch alerts for the" in out and " 3. " in out
    assert main(["alerts", "--db", str(db), "--top", "2", "--year", "2008", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2008 and len(data["alerts"]) == 2
    assert main(["alerts", "--db", str(db), "--top", "0"]) == 2
    assert "--top must be at least 1" in capsys.readouterr().err
    assert main(["brief", "China", "2009", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("China (CHN), 2009 review") and "against the 2008 review" in out
    assert main(["brief", "Atlantis", "--db", str(db)]) == 2
    assert "unknown country" in capsys.readouterr().err


def test_features_of_an_embassy_label_model_leave_out_the_embassy(model_con):
    from recommender.features import feature_names
    assert feature_names("ustr") == FEATURE_NAMES
    for source in ("embassy-first", "embassy"):
        names = feature_names(source)
        assert not [n for n in names if n.startswith("embassy_")] and "iipa_asks_up" in names
