"""Shared fixtures: a real DuckDB warehouse in a temp dir, and ../shared when it is present."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# A broken extraction rule raises under the tests instead of being skipped (warehouse.extract.pipeline):
# users never get a traceback from a rule, the suite always does. Set before any test imports the rules.
os.environ.setdefault("S301_STRICT_RULES", "1")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("S301_SHARED", PROJECT_ROOT.parent / "shared"))


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
    from warehouse.db import open_warehouse
    from warehouse.load import load_reference
    con = open_warehouse(db_path)
    load_reference(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory) -> tuple[Path, Path]:
    """(db_path, model_path): a warehouse with the reference tables and warehouse/samples ingested,
    and the glass-box model trained on it with its card, backtest and importance files. Built once
    per test session; treat both files as read-only."""
    from recommender.model import train_and_save
    from warehouse.db import open_warehouse
    from warehouse.load import load_reference
    root = tmp_path_factory.mktemp("trained")
    db, model = root / "s301.duckdb", root / "models" / "s301.joblib"
    con = open_warehouse(db)
    try:
        load_reference(con)
        samples = PROJECT_ROOT / "warehouse" / "samples"
        if samples.is_dir():
            from warehouse.ingest import ingest_paths
            ingest_paths(con, [samples])
        train_and_save(con, model, learner="glassbox")
    finally:
        con.close()
    return db, model


@pytest.fixture(scope="module")
def model_con(trained_model):
    """(the trained model, a read-only connection to its warehouse)."""
    from recommender.model import load_model
    from warehouse.db import connect
    db, path = trained_model
    con = connect(db, read_only=True)
    yield load_model(path), con
    con.close()
