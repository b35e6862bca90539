"""The domain's words, written once: tiers, label sources, document kinds, label features and the
rule that says which review a document's facts count for.

The warehouse is the lowest layer: the recommender and the app import this module, never the
reverse. The SQL views use the same rules through the macros of warehouse/sql/macros.sql
(tests/test_vocab.py checks that both say the same).
"""
from __future__ import annotations

TIERS = ("none", "WL", "PWL", "PFC")
"""The Special 301 statuses, lowest first (their index is the tier's rank)."""
TIER_RANK = {tier: rank for rank, tier in enumerate(TIERS)}
TIER_NAMES = {"none": "not listed", "WL": "Watch List", "PWL": "Priority Watch List",
              "PFC": "Priority Foreign Country"}
PROBABILITY_COLUMNS = {tier: f"p_{tier.lower()}" for tier in TIERS}
"""The column holding each tier's probability in forecast and score tables."""

LISTING_TIERS = {"OO": "WL", "306": "PWL"}
"""Listing codes that are not tiers, and the tier each counts as (the rest are tiers already):
'other observations' (1994, 1996) count as the Watch List; Section 306 monitoring on no list as the
Priority Watch List, with the Section 306 flag."""

LABEL_SOURCES = ("ustr", "embassy-first", "embassy")
"""Which labels train the model (`--label-source`): USTR's placements (the default: the forecast is
of USTR's report, and the posts' requests are leading signals among its inputs); the post's
recommendation where there is one, else USTR's placement; the posts' recommendations only (with
either of the last two, the posts' requests are labels and so are left out of the inputs)."""

DEFAULT_LABEL_SOURCE = "ustr"

NTE_CHAPTER = "nte_chapter"
"""A chapter of USTR's National Trade Estimate (published about 31 March, before the report)."""

DOC_KINDS = ("cable", NTE_CHAPTER, "ustr_report", "iipa_report", "wto_checklist", "other")
"""Kinds of documents: embassy cables, chapters of USTR's National Trade Estimate, USTR Special 301
reports, IIPA submissions, WTO TRIPS checklists, anything else."""

REPORT_KIND = "ustr_report"
"""A USTR Special 301 report is published with its year's decision: its facts are evidence for the
following review only (every other kind comes before the report of its own review year)."""

LABEL_FEATURES = frozenset({"recommended_status", "listed_status_mentioned", "out_of_cycle_review"})
"""Extracted facts that are labels or placement history (what a list is or should be, an out-of-cycle
review announced or held), never same-year model inputs."""


def tier_of_listing(code: str) -> str:
    """The tier a USTR listing code counts as ('OO' -> 'WL', '306' -> 'PWL', a tier stays itself)."""
    return LISTING_TIERS.get(code, code)


def evidence_year(kind: str, review_year: int) -> int:
    """The review year whose forecast a document's facts feed: the next one for a USTR Special 301
    report, the document's own review year for every other kind."""
    return review_year + 1 if kind == REPORT_KIND else review_year
