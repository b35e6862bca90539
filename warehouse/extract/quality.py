"""How well the extractors did on text they were never written on: the held-out figures of
unseen_quality.csv (measured by bench.eval_nte; tests/test_extract_quality.py re-measures them
against today's rules), for the app to show beside every fact."""
from __future__ import annotations

import csv
import functools
from pathlib import Path

QUALITY_CSV = Path(__file__).with_name("unseen_quality.csv")
GROUP_NAMES = {"enforcement": "enforcement numbers", "ex_officio": "ex officio authority",
               "treaty": "treaty acts", "piracy_rate": "piracy rates"}


def unseen_quality(path: Path = QUALITY_CSV) -> list[dict]:
    """One row per fact group: sample, chapters, tp/fp/fn, precision and recall (loose)."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        for k in ("chapters", "tp", "fp", "fn"):
            r[k] = int(r[k])
        r["precision"] = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 1.0
        r["recall"] = r["tp"] / (r["tp"] + r["fn"]) if r["tp"] + r["fn"] else 1.0
        r["name"] = GROUP_NAMES.get(r["group"], r["group"])
    return rows


@functools.lru_cache(maxsize=1)
def _packaged_rows() -> tuple[dict, ...]:
    return tuple(unseen_quality())


def caveat(rows: list[dict] | None = None) -> str:
    """A short paragraph for readers of extracted facts: what share the extractors find and get right
    (the package's figures are read once per process: the app calls this on every rerun)."""
    rows = _packaged_rows() if rows is None else rows
    parts = [f"{r['name']}: found {r['recall']:.0%} of those stated, {r['precision']:.0%} of those given right"
             for r in rows]
    chapters = sorted({r["chapters"] for r in rows})
    return ("How far to trust these facts: on NTE chapters the extractors had never seen ("
            + " and ".join(str(n) for n in chapters) + " chapters, annotated by hand), "
            + "; ".join(parts) + ". A fact that is not listed here may still be in the report: open the document.")
