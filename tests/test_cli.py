"""Every `s301` command through recommender.cli.main: its success and each of its error exits
(missing warehouse, locked warehouse, bad arguments, no model, interrupted), one test each; its
--help; and a few runs of the installed command in a real subprocess."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import recommender.evaluate
import recommender.training
import warehouse.ingest
from tests.expect import one_error_line
from recommender.artifact import artifact_path
from recommender.cli import COMMANDS, main

SAMPLES = Path(__file__).resolve().parent.parent / "warehouse" / "samples"
S301 = Path(sys.executable).with_name("s301")
DB_COMMANDS = ["init", "status", "ingest", "reextract", "train", "backtest", "explain", "score"]


def args_for(command: str, db: Path, tmp_path: Path) -> list[str]:
    """A valid call of `command` on the warehouse `db`."""
    return {"init": ["init"], "status": ["status"], "ingest": ["ingest", str(SAMPLES), "--no-progress"],
            "reextract": ["reextract", "--no-progress"],
            "train": ["train", "--learner", "glassbox", "--models-dir", str(tmp_path / "models")],
            "backtest": ["backtest", "--from", "2024"], "explain": ["explain", "BRA", "2012"],
            "score": ["score", str(SAMPLES / "09MOSCOW521.txt"), "--out", str(tmp_path / "s.csv"), "--no-progress"],
            }[command] + ["--db", str(db)]


@pytest.fixture
def no_model(tmp_path, monkeypatch):
    monkeypatch.setenv("S301_MODEL", str(tmp_path / "none.joblib"))


# ----------------------------------------------------------------------------- help

@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(name, capsys):
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"usage: s301 {name}" in out
    summary, _, example = out.partition("Example:")
    assert f"s301 {name} " in example, out
    assert len(summary.split("\n\n")) >= 3, "a summary and a description"


def test_top_level_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


# ----------------------------------------------------------------------------- bad arguments

@pytest.mark.parametrize("argv", [
    [], ["nosuchcommand"], ["init", "--bogus"], ["status", "extra"], ["ingest"], ["ingest", "x", "--jobs", "two"],
    ["extract"], ["train", "--label-source", "nobody"], ["backtest", "--from", "last"], ["importance", "--bogus"],
    ["explain", "BRA"], ["explain", "BRA", "next-year"], ["score", "x.txt"],
])
def test_bad_arguments_exit_2_with_usage(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "usage: s301" in err and "error:" in err


# ----------------------------------------------------------------------------- missing and locked warehouse

@pytest.mark.parametrize("command", ["status", "train", "backtest", "explain", "score"])
def test_missing_warehouse_is_one_line(command, tmp_path, model_env, capsys):
    missing = tmp_path / "missing.duckdb"
    assert main(args_for(command, missing, tmp_path)) == 2
    one_error_line(capsys.readouterr().err, f"s301 {command}: error:", str(missing), "s301 init")
    assert not missing.exists()


@pytest.fixture(scope="module")
def locked_db(tmp_path_factory):
    """A warehouse file held open for writing by another process for the module's tests."""
    db = tmp_path_factory.mktemp("locked") / "locked.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(db)!r})
            print("held", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    yield db
    holder.stdin.close()
    holder.wait(timeout=30)


@pytest.mark.parametrize("command", DB_COMMANDS)
def test_locked_warehouse_is_one_line(command, locked_db, tmp_path, model_env, capsys):
    assert main(args_for(command, locked_db, tmp_path)) == 2
    one_error_line(capsys.readouterr().err, f"s301 {command}: error:", "locked by another process")


# ----------------------------------------------------------------------------- no model

@pytest.mark.parametrize("command", ["explain", "score", "importance"])
def test_no_model_is_one_line(command, trained_model, tmp_path, no_model, capsys):
    argv = ["importance"] if command == "importance" else args_for(command, trained_model[0], tmp_path)
    assert main(argv) == 2
    one_error_line(capsys.readouterr().err, f"s301 {command}: error:", "s301 train")


def test_backtest_without_a_model_uses_the_glassbox_learner(trained_model, tmp_path, no_model, capsys):
    assert main(args_for("backtest", trained_model[0], tmp_path)) == 0
    assert "backtest: glassbox model" in capsys.readouterr().out


# ----------------------------------------------------------------------------- interrupted

def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("command, target", [
    ("ingest", (warehouse.ingest, "read_file")),
    ("train", (recommender.training, "backtest")),
    ("backtest", (recommender.evaluate, "fit")),
    ("score", (warehouse.ingest, "read_file")),
])
def test_interrupted_is_one_line_and_130(command, target, work_db, tmp_path, model_env, monkeypatch, capsys):
    monkeypatch.setattr(*target, interrupt)
    assert main(args_for(command, work_db, tmp_path)) == 130
    one_error_line(capsys.readouterr().err, f"s301 {command}: interrupted")


def test_extract_interrupted(monkeypatch, capsys):
    monkeypatch.setattr(warehouse.ingest, "read_file", interrupt)
    assert main(["extract", str(SAMPLES), "--no-progress"]) == 130
    assert capsys.readouterr().err.strip().endswith("s301 extract: interrupted")


def test_interrupted_ingest_stores_nothing(db_path, monkeypatch, capsys):
    real = warehouse.ingest.read_file
    seen = []

    def second_file_interrupts(path):
        seen.append(path)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return real(path)

    monkeypatch.setattr(warehouse.ingest, "read_file", second_file_interrupts)
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 130
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    finally:
        con.close()


# ----------------------------------------------------------------------------- success of each command

def test_init(db_path, capsys):
    assert main(["init", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"warehouse ready: {db_path}\n") and "  listings " in out


def test_status(trained_model, capsys):
    assert main(["status", "--db", str(trained_model[0])]) == 0
    out = capsys.readouterr().out
    assert "rows per table" in out and "complete years (" in out and "sources per reference table" in out


def test_ingest(db_path, capsys):
    assert main(["ingest", str(SAMPLES), "--db", str(db_path), "--no-progress"]) == 0
    assert capsys.readouterr().out.startswith("ingested 2, duplicate 2, failed 0 (unchanged 0, files 4, facts stored")


def test_extract_to_stdout(capsys):
    assert main(["extract", str(SAMPLES / "09MOSCOW521.txt"), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("path,doc_id,refid,country_iso3,")
    assert captured.err.startswith("extracted ") and "failed 0" in captured.err


def test_extract_bad_out_is_one_line(tmp_path, capsys):
    assert main(["extract", str(SAMPLES), "--out", str(tmp_path / "facts.xlsx")]) == 2
    one_error_line(capsys.readouterr().err, "--out must end in .csv or .jsonl")


def test_train(work_db, tmp_path, capsys):
    models = tmp_path / "models"
    assert main(["train", "--db", str(work_db), "--models-dir", str(models), "--name", "cli",
                 "--learner", "glassbox", "--label-source", "ustr"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("trained glassbox on ") and "vs persistence" in out and "full table: s301 backtest" in out
    path = models / "cli.joblib"
    assert f"saved {path}" in out
    card = json.loads(artifact_path(path, "card").read_text())
    assert card["label_source"] == "ustr" and card["learner"] == "glassbox"
    for kind in ("backtest", "importance"):
        assert artifact_path(path, kind).exists()


def test_train_without_labels_is_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.duckdb"
    assert main(["ingest", str(SAMPLES / "09MOSCOW521.txt"), "--db", str(empty), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["train", "--db", str(empty), "--models-dir", str(tmp_path / "m")]) == 2
    one_error_line(capsys.readouterr().err, "not enough labelled rows", "s301 init")


def test_backtest(model_env, tmp_path, capsys):
    db, _ = model_env
    out_json = tmp_path / "bt.json"
    assert main(["backtest", "--db", str(db), "--from", "2023", "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "\nbacktest: glassbox model, label source ustr, test years 2023-" in out
    assert all(f"  {name:<12}" in out for name in ("model", "persistence", "majority"))
    assert out.rstrip().endswith(f"wrote {out_json}")
    bt = json.loads(out_json.read_text())
    assert set(bt["overall"]) == {"model", "persistence", "majority"} and "models" not in bt
    assert min(p["year"] for p in bt["per_year"]) >= 2023


def test_backtest_of_no_year_is_one_line(model_env, capsys):
    assert main(["backtest", "--db", str(model_env[0]), "--from", "2100"]) == 2
    one_error_line(capsys.readouterr().err, "can be backtested")


def test_importance(model_env, capsys):
    assert main(["importance"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("permutation importance on the backtest (") and "the model's own (" in out
    assert main(["importance", "--json"]) == 0
    imp = json.loads(capsys.readouterr().out)
    assert imp["permutation"] and imp["model"]["features"]


def test_importance_file_missing_is_one_line(model_env, tmp_path, monkeypatch, capsys):
    _, model = model_env
    copy = tmp_path / "m.joblib"
    for src, dst in ((model, copy), (artifact_path(model, "card"), artifact_path(copy, "card"))):
        shutil.copy(src, dst)
    assert main(["importance", "--model", str(copy)]) == 2
    one_error_line(capsys.readouterr().err, "importance file missing")


def test_explain(model_env, capsys):
    db, _ = model_env
    assert main(["explain", "Brazil", "2012", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Forecast for Brazil (BRA) in the 2012 review" in out and "\nprobabilities: none " in out
    # a country-year with extracted evidence (the Astana sample cables): each line names its value and year
    assert main(["explain", "KAZ", "2008", "--db", str(db)]) == 0
    assert "criminal_cases_initiated = 658 (2007)" in capsys.readouterr().out


def test_explain_json_is_strict(model_env, capsys):
    assert main(["explain", "KAZ", "2008", "--db", str(model_env[0]), "--json"]) == 0

    def no_nan(token):
        raise AssertionError(f"explain --json printed {token}")
    ex = json.loads(capsys.readouterr().out, parse_constant=no_nan)
    assert list(ex)[:4] == ["country_iso3", "name", "year", "predicted_status"] and ex["country_iso3"] == "KAZ"
    assert ex["evidence"] and all(isinstance(e["qualifier"], str) for e in ex["evidence"])


def test_explain_unknown_country_is_one_line(model_env, capsys):
    assert main(["explain", "Atlantis", "2010", "--db", str(model_env[0])]) == 2
    one_error_line(capsys.readouterr().err, "unknown country")


def test_score_csv_and_parquet(model_env, tmp_path, capsys):
    db, _ = model_env
    bad = tmp_path / "bad.txt"
    bad.write_text("")
    out_csv, out_pq = tmp_path / "s.csv", tmp_path / "s.parquet"
    assert main(["score", str(SAMPLES), str(bad), "--db", str(db), "--out", str(out_csv), "--no-progress"]) == 0
    assert capsys.readouterr().out.strip().endswith(f"1 error row(s) -> {out_csv}")
    scores = pd.read_csv(out_csv)
    assert scores["error"].notna().sum() == 1 and scores["predicted_status"].notna().sum() >= 1
    assert main(["score", str(bad), "--db", str(db), "--out", str(out_pq), "--no-progress"]) == 0
    assert len(pd.read_parquet(out_pq)) == 1


def test_score_bad_out_is_one_line(model_env, tmp_path, capsys):
    assert main(["score", "x.txt", "--db", str(model_env[0]), "--out", str(tmp_path / "s.xlsx")]) == 2
    one_error_line(capsys.readouterr().err, "must end in .csv or .parquet")


# ----------------------------------------------------------------------------- the installed command

def run(*argv: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([str(S301), *argv], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def test_subprocess_help_and_bad_arguments():
    assert run("--help").returncode == 0
    result = run("explain", "BRA")
    assert result.returncode == 2 and "usage: s301 explain" in result.stderr


def test_subprocess_explain(model_env):
    db, model = model_env
    result = run("explain", "BRA", "2012", "--db", str(db), S301_MODEL=str(model))
    assert result.returncode == 0 and "Forecast for Brazil (BRA)" in result.stdout and not result.stderr


def test_subprocess_status_of_a_missing_warehouse(tmp_path):
    result = run("status", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and not result.stdout
    one_error_line(result.stderr, "s301 status: error:", "s301 init")


def test_a_warehouse_of_an_older_version_asks_for_init(work_db, model_env, capsys):
    con = duckdb.connect(str(work_db))
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.close()
    assert main(["explain", "BRA", "2012", "--db", str(work_db)]) == 2
    one_error_line(capsys.readouterr().err, "older s301", f"s301 init --db {work_db}")
    assert main(["init", "--db", str(work_db)]) == 0
    assert main(["explain", "BRA", "2012", "--db", str(work_db)]) == 0
