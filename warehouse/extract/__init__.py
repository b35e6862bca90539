"""Extractors: from cleaned document text to facts in the vocabulary of GOLD_SCHEMA.md.

Contract used by warehouse.ingest:
    extract_facts(text, context) -> list[Fact]
Every Fact carries the sentence it came from and its character span in `text`.
"""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt


@dataclass(frozen=True)
class DocContext:
    """What is known about the document before extraction."""
    country_iso3: str | None = None
    report_date: dt.date | None = None
    review_year: int | None = None
    kind: str = "other"


@dataclass(frozen=True)
class Fact:
    feature: str                 # recommended_status, criminal_convictions, ex_officio_customs, treaty, piracy_rate, ...
    value: str                   # as in gold.csv: a number ("1812"), a status ("WL"), a treaty code ("WCT"), "has" ...
    qualifier: str = ""          # "k=v;k=v" as in gold.csv: unit=persons, status=ratified, sector=software, action=maintain, country=CHN
    ref_year: int | None = None  # the year the figure refers to, where the text says it
    sentence: str = ""           # the sentence that states the fact
    char_start: int = 0          # span of the sentence (or tighter) in the document text
    char_end: int = 0
    extractor: str = ""          # module/rule name
    confidence: float = 1.0
    unit: str | None = None

    @property
    def value_num(self) -> float | None:
        try:
            return float(self.value)
        except (TypeError, ValueError):
            return None


LABEL_FEATURES = frozenset({"recommended_status", "listed_status_mentioned", "out_of_cycle_review"})
"""Features that are labels or placement history, never model inputs (out_of_cycle_review: a
Special 301 out-of-cycle review announced or conducted, a project extension of the gold schema)."""


def extract_facts(text: str, context: DocContext | None = None) -> list[Fact]:
    """Run every extractor over the text. Never raises on any input text."""
    from .pipeline import run_all  # implemented in warehouse/extract/pipeline.py
    return run_all(text, context or DocContext())
