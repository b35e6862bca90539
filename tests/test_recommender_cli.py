"""The recommender's subcommands through recommender.cli.main."""
from __future__ import annotations

import json
import shutil

import pandas as pd

from recommender.cli import main
from recommender.model import artifact_path


def test_train_backtest_explain_importance_score(trained_model, tmp_path, capsys, monkeypatch):
    db, model = trained_model
    work_db = tmp_path / "w.duckdb"
    shutil.copy(db, work_db)
    models = tmp_path / "models"
    assert main(["train", "--db", str(work_db), "--models-dir", str(models), "--name", "cli",
                 "--learner", "glassbox", "--label-source", "ustr"]) == 0
    out = capsys.readouterr().out
    assert "vs persistence" in out and "full table: s301 backtest" in out
    path = models / "cli.joblib"
    card = json.loads(artifact_path(path, "card").read_text())
    assert card["label_source"] == "ustr" and card["learner"] == "glassbox"
    monkeypatch.setenv("S301_MODEL", str(path))

    out_json = tmp_path / "bt.json"
    assert main(["backtest", "--db", str(work_db), "--from", "2018", "--json", str(out_json)]) == 0
    text = capsys.readouterr().out
    assert "model" in text and "persistence" in text and "majority" in text
    bt = json.loads(out_json.read_text())
    assert set(bt["overall"]) == {"model", "persistence", "majority"}
    assert min(p["year"] for p in bt["per_year"]) >= 2018

    assert main(["explain", "BRA", "2012", "--db", str(work_db), "--json"]) == 0
    ex = json.loads(capsys.readouterr().out)
    assert ex["country_iso3"] == "BRA" and "contributions" in ex
    assert main(["explain", "Brazil", "2012", "--db", str(work_db)]) == 0
    assert "probabilities" in capsys.readouterr().out

    # a country-year with extracted evidence (the Astana sample cables): strict JSON (no NaN), and the
    # text output names each evidence line's value and year
    assert main(["explain", "KAZ", "2008", "--db", str(work_db), "--json"]) == 0
    def no_nan(token):
        raise AssertionError(f"explain --json printed {token}")
    ex = json.loads(capsys.readouterr().out, parse_constant=no_nan)
    assert ex["evidence"] and all(isinstance(e["qualifier"], str) for e in ex["evidence"])
    assert main(["explain", "KAZ", "2008", "--db", str(work_db)]) == 0
    assert "criminal_cases_initiated = 658 (2007)" in capsys.readouterr().out

    assert main(["importance", "--json"]) == 0
    imp = json.loads(capsys.readouterr().out)
    assert imp["permutation"] and imp["model"]["features"]

    bad = tmp_path / "bad.txt"
    bad.write_text("")
    out_csv, out_pq = tmp_path / "s.csv", tmp_path / "s.parquet"
    assert main(["score", str(bad), "--db", str(work_db), "--out", str(out_csv), "--no-progress"]) == 0
    assert main(["score", str(bad), "--db", str(work_db), "--out", str(out_pq), "--no-progress"]) == 0
    assert pd.read_csv(out_csv)["error"].notna().all() and len(pd.read_parquet(out_pq)) == 1


def test_user_errors_are_one_line(trained_model, tmp_path, capsys, monkeypatch):
    db, model = trained_model
    monkeypatch.setenv("S301_MODEL", str(model))
    assert main(["explain", "Atlantis", "2010", "--db", str(db)]) == 2
    assert "unknown country" in capsys.readouterr().err
    monkeypatch.setenv("S301_MODEL", str(tmp_path / "none.joblib"))
    assert main(["explain", "BRA", "2010", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "s301 train" in err and "Traceback" not in err
    assert main(["score", "x.txt", "--db", str(db), "--out", str(tmp_path / "s.xlsx")]) == 2
