"""Shared fixtures: a real DuckDB warehouse in a temp dir, and ../shared when it is present."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from recommender.artifact import load_model
from recommender.training import train_and_save
from warehouse.db import connect, open_warehouse
from warehouse.ingest import ingest_paths
from warehouse.nte import EMBEDDED_PACKAGE
from warehouse.load import load_reference

# A broken extraction rule raises under the tests instead of being skipped (warehouse.extract.pipeline):
# users never get a traceback from a rule, the suite always does. Set before any test imports the rules.
os.environ.setdefault("S301_STRICT_RULES", "1")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("S301_SHARED", PROJECT_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or skip the test cleanly where it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not present")
    return SHARED


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def warehouse(db_path):
    """A fresh warehouse with every reference table loaded; yields an open connection."""
    con = open_warehouse(db_path)
    load_reference(con)
    yield con
    con.close()


def _build_trained(root: Path) -> tuple[Path, Path]:
    """The demo's warehouse under `root` (the reference tables, warehouse/samples and the embedded NTE
    chapters ingested) and the glass-box model trained on it with its card, backtest and importance
    files."""
    db, model = root / "s301.duckdb", root / "models" / "s301.joblib"
    con = open_warehouse(db)
    try:
        load_reference(con)
        ingest_paths(con, [PROJECT_ROOT / "warehouse" / "samples", EMBEDDED_PACKAGE])
        train_and_save(con, model, learner="glassbox")
    finally:
        con.close()
    return db, model


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory, worker_id) -> tuple[Path, Path]:
    """(db_path, model_path) of _build_trained, built once per test run: under pytest-xdist the
    first worker builds it in the run's shared temp folder while the others wait on a file lock
    (the pattern of the pytest-xdist documentation). Treat both files as read-only."""
    if worker_id == "master":   # not under xdist
        return _build_trained(tmp_path_factory.mktemp("trained"))
    root = tmp_path_factory.getbasetemp().parent / "trained"
    with FileLock(str(root) + ".lock"):
        if not (root / "done").exists():
            root.mkdir(exist_ok=True)
            _build_trained(root)
            (root / "done").touch()
    return root / "s301.duckdb", root / "models" / "s301.joblib"


@pytest.fixture
def model_env(trained_model, monkeypatch):
    """The session's model as the default model ($S301_MODEL); returns (db, model path)."""
    db, model = trained_model
    monkeypatch.setenv("S301_MODEL", str(model))
    return db, model


@pytest.fixture
def work_db(trained_model, tmp_path) -> Path:
    """A private copy of the session's warehouse that a test may write."""
    db = tmp_path / "work.duckdb"
    shutil.copy(trained_model[0], db)
    return db


@pytest.fixture(scope="module")
def model_con(trained_model):
    """(the trained model, a read-only connection to its warehouse)."""
    db, path = trained_model
    con = connect(db, read_only=True)
    yield load_model(path), con
    con.close()
