"""CSV cells a spreadsheet will not run: formula injection (CWE-1236) escaped as spreadsheet-safe
exporters do.

A spreadsheet program that opens a CSV file takes a cell beginning with `=`, `+`, `-` or `@` (and,
in some programs, a tab or carriage return before them) as a formula: a report sentence such as
`=HYPERLINK("http://...")` or `-- 2+3` would be evaluated, or offer to run a command. Every text
cell beginning with one of those characters is written with a single quote in front (OWASP's
advice; the quote shows the cell as text and Excel hides it). Numbers are written as they are.

`s301 extract --out FILE.csv`, `s301 score --out FILE.csv` and the app's CSV downloads escape;
`--raw-csv` (and JSON lines, Parquet) keep the values as they are, for programs.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """A text that a spreadsheet would take as a formula, with a quote in front; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def escape_row(row: dict) -> dict:
    """escape_cell for every value of a row."""
    return {k: escape_cell(v) for k, v in row.items()}


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with escape_cell applied to its text columns (numbers stay numbers)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(escape_cell)
    return out
