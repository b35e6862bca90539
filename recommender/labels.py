"""Training labels from the `labels` view, and how often embassies and USTR agree.

Label sources (`--label-source`):
  ustr           USTR's placement, in years whose lists are all known (listing_years.complete).
  embassy        only posts' recommendations (reference table and ingested cables).
  embassy-first  the post's recommendation where one exists, else USTR's placement (complete years).
Every row keeps its `source`, and `ustr_status` holds USTR's outcome beside an embassy label.
"""
from __future__ import annotations

import pandas as pd

from warehouse.errors import S301Error
from warehouse.vocab import DEFAULT_LABEL_SOURCE, LABEL_SOURCES, TIER_RANK

from .queries import query


def all_labels(con) -> pd.DataFrame:
    """Every row of the labels view with the `complete` flag of its year."""
    return con.execute(query("labels_all")).df()


def _ustr_known(frame: pd.DataFrame) -> pd.DataFrame:
    """USTR rows whose status is known: any listed row, and 'none' rows (complete years only)."""
    return frame[frame["source"] == "ustr"]


def load_labels(con, source: str = DEFAULT_LABEL_SOURCE) -> pd.DataFrame:
    """(country_iso3, year, status, section_306, source, doc_id, ustr_status) chosen by `source`."""
    if source not in LABEL_SOURCES:
        raise S301Error(f"unknown label source {source!r}; use one of {', '.join(LABEL_SOURCES)}")
    frame = all_labels(con)
    ustr = _ustr_known(frame)[["country_iso3", "year", "status", "section_306", "complete"]]
    ustr_status = ustr.rename(columns={"status": "ustr_status"})[["country_iso3", "year", "ustr_status"]]
    ustr_train = ustr[ustr["complete"]].assign(source="ustr", doc_id=None)
    embassy = frame[frame["source"] == "embassy"][["country_iso3", "year", "status", "section_306", "source", "doc_id"]]
    cols = ["country_iso3", "year", "status", "section_306", "source", "doc_id"]
    if source == "ustr":
        chosen = ustr_train[cols]
    elif source == "embassy":
        chosen = embassy[cols]
    else:
        keys = set(zip(embassy["country_iso3"], embassy["year"]))
        has_embassy = pd.MultiIndex.from_frame(ustr_train[["country_iso3", "year"]]).isin(list(keys))
        rest = ustr_train[~has_embassy]
        chosen = pd.concat([embassy[cols], rest[cols]], ignore_index=True)
    chosen = chosen.merge(ustr_status, on=["country_iso3", "year"], how="left")
    return chosen.sort_values(["year", "country_iso3"]).reset_index(drop=True)


def agreement(con) -> dict:
    """How often a post's recommendation equals USTR's placement of the same country and year.

    Only pairs where USTR's outcome is known count (listed, or absent from a complete year).
    """
    frame = all_labels(con)
    embassy = frame[frame["source"] == "embassy"][["country_iso3", "year", "status", "doc_id"]]
    ustr = _ustr_known(frame)[["country_iso3", "year", "status"]]
    pairs = embassy.merge(ustr, on=["country_iso3", "year"], suffixes=("_embassy", "_ustr"))
    n = int(len(pairs))
    agree = int((pairs["status_embassy"] == pairs["status_ustr"]).sum())
    off_by = (pairs["status_embassy"].map(TIER_RANK) - pairs["status_ustr"].map(TIER_RANK))
    return {
        "n_embassy_labels": int(len(embassy)),
        "n_compared": n,
        "n_agree": agree,
        "rate": (agree / n) if n else None,
        "embassy_higher": int((off_by > 0).sum()),
        "embassy_lower": int((off_by < 0).sum()),
        "pairs": [
            {"country_iso3": r.country_iso3, "year": int(r.year), "embassy": r.status_embassy, "ustr": r.status_ustr}
            for r in pairs.sort_values(["year", "country_iso3"]).itertuples()
        ],
    }
