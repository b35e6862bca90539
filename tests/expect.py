"""Assertions shared by the command-line tests."""
from __future__ import annotations


def one_error_line(err: str, *words: str) -> None:
    """`err` is one line `s301 COMMAND: ...` (blank lines aside), no traceback, holding every word."""
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("s301 ") and "Traceback" not in err, err
    for w in words:
        assert w in lines[0], (w, err)
