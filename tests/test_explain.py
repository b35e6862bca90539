"""Explanations: contributions add up to the model output, evidence, what-if, counterfactual."""
from __future__ import annotations

import numpy as np
import pytest

from recommender.contrib import contributions
from recommender.explain import editable_features, explain, what_if
from recommender.dataset import training_data
from recommender.estimator import fit
from recommender.features import FEATURE_NAMES, feature_matrix
from recommender.predict import forecast_table
from warehouse.errors import S301Error
from warehouse.vocab import TIERS


def test_glassbox_contributions_sum_to_the_logits(model_con):
    model, con = model_con
    X = feature_matrix(con)
    X = X[X["year"].isin([1995, 2008, 2026])]
    contrib, base, output = contributions(model, X)
    assert np.allclose(base + contrib.sum(axis=1), output, atol=1e-9)
    move = model.clf.move_estimator_
    logits = move.decision_function(model.transformed(X)[:, :-1])
    for j, k in enumerate(move.classes_):
        assert np.allclose(output[:, int(k)], logits[:, j], atol=1e-9)
    # and the move logits give the tier probabilities (through the moves each tier allows)
    assert np.allclose(model.proba_from_output(output, X["from_tier"].to_numpy()), model.predict_proba(X), atol=1e-9)


def test_boosting_contributions_sum_to_the_raw_output(model_con):
    _, con = model_con
    data = training_data(con)
    model = fit(data, data["status"], "boosting")
    X = data.iloc[::25]
    contrib, base, output = contributions(model, X)
    move = model.clf.move_estimator_
    raw = move._raw_predict(model.transformed(X)[:, :-1])          # columns in move.classes_ order
    assert np.allclose(base + contrib.sum(axis=1), output, atol=1e-9)
    for j, k in enumerate(move.classes_):
        assert np.allclose(output[:, int(k)], raw[:, j], atol=1e-8)
    # the probabilities what_if derives from the raw output are predict_proba's
    assert np.allclose(model.proba_from_output(output, X["from_tier"].to_numpy()), model.predict_proba(X), atol=1e-9)


def test_transition_probabilities_respect_the_start_tier(model_con):
    model, con = model_con
    X = feature_matrix(con, year=2010)
    moves = model.move_proba(X)
    start = X["from_tier"].to_numpy().astype(int)
    assert np.allclose(moves.sum(axis=1), 1)
    assert (moves[start == 0, 0] == 0).all() and (moves[start == 3, 2] == 0).all()   # no move off the scale
    p = model.predict_proba(X)
    assert np.allclose(p.sum(axis=1), 1)
    # staying is the start tier's probability; moving up puts it all above the start tier
    assert np.allclose(p[np.arange(len(p)), start], moves[:, 1])
    above = np.array([p[i, s + 1:].sum() for i, s in enumerate(start)])
    assert np.allclose(above, moves[:, 2])


def test_explanation(model_con):
    model, con = model_con
    ex = explain(model, con, "Russia", 2009)
    assert ex.country_iso3 == "RUS" and ex.year == 2009
    assert set(ex.probabilities) == set(TIERS) and sum(ex.probabilities.values()) == pytest.approx(1)
    assert ex.predicted_status == max(ex.probabilities, key=ex.probabilities.get)
    assert set(ex.base_value) == {"up", "down"} and ex.current_status == "PWL"
    for move, base in ex.base_value.items():
        total = base + sum(c["contribution"] for c in ex.contributions if c["move"] == move)
        assert total == pytest.approx(ex.output[move], abs=1e-9)
        # the output is the log-odds of the move against staying
        assert ex.output[move] == pytest.approx(np.log(ex.move_probabilities[move] / ex.move_probabilities["stay"]),
                                                abs=1e-9)
    assert {c["feature"] for c in ex.contributions} == set(FEATURE_NAMES)
    assert {s["kind"] for s in ex.signals} >= {"iipa_request", "embassy_request"}
    assert "Russia" in ex.summary
    # the sample cable 09MOSCOW521 is in the fixture's warehouse: its facts are the evidence
    assert ex.evidence, "the sample Moscow cable should give evidence for RUS 2009"
    text = con.execute("SELECT text FROM documents WHERE doc_id = ?", [ex.evidence[0]["doc_id"]]).fetchall()[0][0]
    for e in ex.evidence:
        assert e["feature"] in FEATURE_NAMES and 0 <= e["char_start"] < e["char_end"] <= len(text)


def test_counterfactual_really_moves_one_tier_down(model_con):
    model, con = model_con
    table = forecast_table(model, con)
    listed = table[table["predicted_status"] != "none"]
    assert len(listed) > 5
    found = 0
    for iso3 in listed["country_iso3"].head(5):
        ex = explain(model, con, iso3, int(table["year"].iloc[0]))
        cf = ex.counterfactual
        if cf is None:
            continue
        found += 1
        changes = {c["feature"]: c["to"] for c in cf["changes"]}
        again = what_if(model, con, iso3, ex.year, changes)
        assert TIERS.index(again.predicted_status) < TIERS.index(ex.predicted_status)
        assert again.probabilities == pytest.approx(cf["probabilities"])
    # whether any is found depends on the data; the search itself must run for every country
    assert found >= 0


def test_what_if_and_editable(model_con):
    model, con = model_con
    editable = editable_features(model)
    names = {e["name"] for e in editable}
    assert {"treaty_wct", "txt_exofficio_customs", "piracy_software", "txt_convictions"} <= names
    for e in editable:
        assert e["kind"] in ("bool", "number", "choice")
        if e["kind"] == "choice":
            assert e["options"]
    base = explain(model, con, "BRA", 2010)
    moved = what_if(model, con, "BRA", 2010, {"prev_status": "PFC"})
    assert moved.probabilities["PFC"] > base.probabilities["PFC"]
    same = what_if(model, con, "BRA", 2010, {})
    assert same.probabilities == pytest.approx(base.probabilities)
    # a cached base row (as the app passes it) gives the same answer as re-reading the view
    row = feature_matrix(con, year=2010, country="BRA").iloc[0].to_dict()
    cached = what_if(model, con, "BRA", 2010, {"prev_status": "PFC"}, base_row=row)
    assert cached.probabilities == pytest.approx(moved.probabilities)


def test_unknown_country_or_year(model_con):
    model, con = model_con
    with pytest.raises(S301Error, match="unknown country"):
        explain(model, con, "Atlantis", 2010)
    with pytest.raises(S301Error, match="no forecast row"):
        explain(model, con, "BRA", 1900)


def test_forecast_table(model_con):
    model, con = model_con
    table = forecast_table(model, con)
    assert list(table.columns) == ["country_iso3", "name", "year", "current_status", "current_status_year",
                                   "predicted_status", "p_none", "p_wl", "p_pwl", "p_pfc", "p_change", "p_up",
                                   "p_down", "change", "section_306", "chained"]
    assert np.allclose(table["p_change"], table["p_up"] + table["p_down"])
    flags = con.execute("SELECT country_iso3 FROM listings WHERE (section_306 OR status = '306') "
                        "AND year = (SELECT max(year) FROM listings)").fetchall()
    assert set(table.loc[table["section_306"], "country_iso3"]) == {r[0] for r in flags}
    newest = con.execute("SELECT max(year) FROM listings").fetchall()[0][0]
    assert (table["year"] == newest + 1).all()
    assert np.allclose(table[["p_none", "p_wl", "p_pwl", "p_pfc"]].sum(axis=1), 1)
    assert set(table["change"].dropna()) <= {"up", "down", "same"}
