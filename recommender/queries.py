"""The recommender's SQL: every query lives in recommender/sql/<name>.sql."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"


@lru_cache(maxsize=None)
def query(name: str) -> str:
    """The text of recommender/sql/<name>.sql."""
    path = SQL_DIR / f"{name}.sql"
    if not path.exists():
        raise FileNotFoundError(f"no SQL file named {name}.sql in {SQL_DIR}")
    return path.read_text(encoding="utf-8")
