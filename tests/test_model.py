"""Training, the model card check before unpickling, and the rolling-origin backtest."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from recommender import artifact, evaluate
from recommender.artifact import ModelError, artifact_path, load_model
from recommender.dataset import training_data
from recommender.estimator import EmptyToZero
from recommender.features import FEATURE_NAMES, feature_matrix
from recommender.training import choose_learner
from warehouse.db import connect
from warehouse.vocab import TIERS


@pytest.fixture
def model_copy(trained_model, tmp_path):
    """A private copy of the session model (joblib + card) that a test may damage."""
    _, path = trained_model
    dst = tmp_path / "m.joblib"
    shutil.copy(path, dst)
    shutil.copy(artifact_path(path, "card"), artifact_path(dst, "card"))
    return dst


def test_saved_model_has_card_and_artifacts(trained_model):
    db, path = trained_model
    card = json.loads(artifact_path(path, "card").read_text())
    for key in ("sha256", "training_data_hash", "libraries", "features", "label_source", "metrics", "created",
                "learner", "learner_reason", "agreement", "learner_comparison"):
        assert key in card, key
    assert card["features"] == FEATURE_NAMES
    assert set(card["metrics"]) == {"model", "persistence", "majority"}
    bt = json.loads(artifact_path(path, "backtest").read_text())
    assert set(bt["overall"]) == {"model", "persistence", "majority"}
    for metric in evaluate.METRICS:
        assert metric in bt["overall"]["model"]
    assert bt["per_year"] and all(len(p["confusion"]) == 4 for p in bt["per_year"])
    imp = json.loads(artifact_path(path, "importance").read_text())
    assert {r["feature"] for r in imp["permutation"]} == set(FEATURE_NAMES)
    model = load_model(path)
    con = connect(db, read_only=True)
    try:
        X = feature_matrix(con, year=2020)
    finally:
        con.close()
    p = model.predict_proba(X)
    assert p.shape == (len(X), 4) and np.allclose(p.sum(axis=1), 1.0)
    assert model.feature_names == FEATURE_NAMES and model.card["sha256"] == card["sha256"]


def test_changed_model_file_is_refused_before_unpickling(model_copy, monkeypatch):
    load_model(model_copy)  # intact: loads
    with model_copy.open("ab") as fh:
        fh.write(b"\0")
    calls = []
    monkeypatch.setattr(artifact.joblib, "load", lambda *a, **k: calls.append(a))
    with pytest.raises(ModelError, match="does not match its model card.*s301 train"):
        load_model(model_copy)
    assert calls == []


def test_other_sklearn_version_is_refused(model_copy, monkeypatch):
    card_path = artifact_path(model_copy, "card")
    card = json.loads(card_path.read_text())
    card["libraries"]["scikit-learn"] = "0.0.1"
    card_path.write_text(json.dumps(card))
    calls = []
    monkeypatch.setattr(artifact.joblib, "load", lambda *a, **k: calls.append(a))
    with pytest.raises(ModelError, match="scikit-learn 0.0.1.*s301 train"):
        load_model(model_copy)
    assert calls == []


def test_other_feature_list_is_refused(model_copy):
    card_path = artifact_path(model_copy, "card")
    card = json.loads(card_path.read_text())
    card["features"] = card["features"][:-1]
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match="feature list"):
        load_model(model_copy)


def test_missing_model_or_card(tmp_path, model_copy):
    with pytest.raises(ModelError, match="s301 train"):
        load_model(tmp_path / "nothing.joblib")
    artifact_path(model_copy, "card").unlink()
    with pytest.raises(ModelError, match="card missing"):
        load_model(model_copy)


def test_backtest_trains_only_on_earlier_years(trained_model, monkeypatch):
    db, _ = trained_model
    seen = []
    real_fit = evaluate.fit

    def spy(frame, y, learner, label_source="ustr"):
        seen.append(frame.index)
        return real_fit(frame, y, learner, label_source)

    con = connect(db, read_only=True)
    try:
        data = training_data(con)
        monkeypatch.setattr(evaluate, "fit", spy)
        bt = evaluate.backtest(con, year_from=2015, year_to=2018, data=data)
    finally:
        con.close()
    assert [p["year"] for p in bt.per_year] == [2015, 2016, 2017, 2018]
    assert len(seen) == 4
    for p, index in zip(bt.per_year, seen):
        years = data.loc[index, "year"]
        assert years.max() < p["year"] and p["train_years"][1] < p["year"]
        assert len(index) == p["n_train"] == int((data["year"] < p["year"]).sum())
    for p in bt.per_year:   # the same rows for the model and both baselines
        assert p["model"]["n"] == p["persistence"]["n"] == p["majority"]["n"] == p["n"]


def test_metrics_by_hand():
    y = ["WL", "WL", "none", "PWL"]
    pred = ["WL", "PWL", "none", "WL"]
    prev = ["WL", "WL", "WL", "PWL"]
    proba = np.array([[0.1, 0.7, 0.1, 0.1], [0.1, 0.4, 0.4, 0.1], [0.5, 0.3, 0.1, 0.1], [0.1, 0.5, 0.3, 0.1]])
    m = evaluate.metrics(y, pred, proba, prev, np.array([True] * 4))
    assert m["accuracy"] == 0.5 and m["n"] == 4
    assert m["mae_tier"] == pytest.approx(0.5)
    assert m["log_loss"] == pytest.approx(-np.mean(np.log([0.7, 0.4, 0.5, 0.3])))
    # changes: row 3 (WL -> none, caught) and row 4 (PWL -> PWL, no change); predicted changes: rows 2, 3, 4
    assert m["change_recall"] == 1.0 and m["change_precision"] == pytest.approx(1 / 3)


def test_persistence_probabilities_are_smoothed():
    import pandas as pd
    train = pd.DataFrame({"prev_status": ["WL", "WL", "none", "unknown"], "status": ["WL", "PWL", "none", "WL"]})
    proba, p_stay = evaluate.persistence_proba(train, ["WL", "PFC"])
    assert p_stay == pytest.approx((2 + 1) / (3 + 2))
    assert np.allclose(proba.sum(axis=1), 1) and proba[0, TIERS.index("WL")] == p_stay


def test_learner_choice_rule():
    gb = {"log_loss": 0.20, "change_auc": 0.78, "precision_at_10": 0.2}
    def boosting(ll, auc):
        return {"log_loss": ll, "change_auc": auc, "precision_at_10": 0.2}
    assert choose_learner({"glassbox": gb, "boosting": boosting(0.19, 0.76)})[0] == "glassbox"   # ranks worse
    assert choose_learner({"glassbox": gb, "boosting": boosting(0.20, 0.782)})[0] == "glassbox"  # a tie
    choice, reason = choose_learner({"glassbox": gb, "boosting": boosting(0.205, 0.80)})
    assert choice == "boosting" and "change AUC" in reason
    assert choose_learner({"glassbox": gb, "boosting": boosting(0.25, 0.80)})[0] == "glassbox"   # worse log-loss


def test_section_306_flag_backtest_by_hand():
    data = pd.DataFrame({
        "country_iso3": ["CHN", "CHN", "PRY", "PRY", "BRA", "BRA", "RUS"],
        "year": [2010, 2011, 2010, 2011, 2010, 2011, 2011],
        "section_306": [True, True, True, False, False, False, None],   # RUS: embassy label, flag unknown
        "prev_306": [0, 1, 1, 1, 0, 0, 0],
    })
    s = evaluate.section_306_backtest(data, [2010, 2011])
    assert s["n"] == 6 and s["n_flagged"] == 3
    assert s["flagged_caught"] == 2          # CHN 2011, PRY 2010
    assert s["entries"] == 1 and s["exits"] == 1   # CHN 2010 entered, PRY 2011 left
    assert s["accuracy"] == pytest.approx(4 / 6)
    assert s["flagged"] == ["CHN 2010", "CHN 2011", "PRY 2010"]


def test_fast_scores_are_sklearns_log_loss_and_accuracy():
    from sklearn.metrics import accuracy_score, log_loss

    from recommender.importance import fast_scores

    rng = np.random.default_rng(0)
    proba = rng.dirichlet(np.ones(4), size=200)
    proba[:5] = [1.0, 0.0, 0.0, 0.0]           # certain rows: clipped the same way
    y = rng.integers(0, 4, size=200)

    class Fixed:
        def predict_proba(self, X):
            return proba

    scores = fast_scores(Fixed(), None, y)
    assert scores["log_loss"] == pytest.approx(-log_loss(y, proba, labels=[0, 1, 2, 3]), rel=1e-12)
    assert scores["accuracy"] == accuracy_score(y, proba.argmax(axis=1))


@parametrize_with_checks([EmptyToZero()])
def test_project_transformers_pass_sklearns_checks(estimator, check):
    check(estimator)
