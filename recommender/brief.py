"""The delta brief: what changed in a country's reports since the last review, fact by fact.

The facts of the documents written for a review (evidence_year, as the feature view counts them)
are compared with those of the latest earlier review that has any: each fact is keyed by what it is
about (an enforcement figure by its feature and unit, a treaty by its name, ex officio authority by
customs/police and scope, a piracy rate by its sector, a market by its name), and the brief says
whether it is new, gone, up, down, changed or the same, with the sentence and document on each side.
Label facts (placements stated, recommendations) are left out: they are not about the country's IP
protection.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from warehouse.errors import S301Error
from warehouse.vocab import LABEL_FEATURES

from .explain import resolve_country
from .queries import query

NUMERIC_FEATURES = ("criminal_cases_initiated", "criminal_cases_to_court", "criminal_convictions", "raids",
                    "administrative_cases", "seizures", "fines", "websites_closed", "piracy_rate",
                    "copyright_term_years")
KEY_COLUMNS = ("unit", "currency", "sector", "scope", "about_country")
STATE_ORDER = {"lacks": 0, "not_member": 0, "pending": 1, "announced": 1, "signed": 2, "has": 3, "ratified": 3,
               "joined": 3, "member": 3}


@dataclass(frozen=True)
class Change:
    """One fact compared across two reviews."""
    feature: str
    subject: str                 # what the fact is about: "criminal_convictions (persons)", "WCT", ...
    change: str                  # new, gone, up, down, changed, same
    before: str | None
    after: str | None
    before_year: int | None      # the year the figure refers to, where stated
    after_year: int | None
    sentence_before: str | None
    sentence_after: str | None
    doc_before: str | None
    doc_after: str | None


@dataclass(frozen=True)
class Brief:
    country_iso3: str
    name: str
    year: int
    previous_year: int | None
    documents: int
    previous_documents: int
    changes: list[Change]

    def to_dict(self) -> dict:
        return asdict(self)


def brief(con, country: str, year: int | None = None) -> Brief:
    """The facts of `country`'s reports for review `year` (default: the latest review with reports)
    against those of the latest earlier review with reports."""
    iso3 = resolve_country(con, country)
    years = [int(y) for (y,) in con.execute(query("review_years_with_facts"), {"country": iso3}).fetchall()]
    if not years:
        raise S301Error(f"no report of {iso3} in the warehouse has facts; ingest its reports first")
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise S301Error(f"no report of {iso3} for the {year} review has facts; reviews with facts: "
                        f"{', '.join(map(str, years))}")
    earlier = [y for y in years if y < year]
    previous = earlier[-1] if earlier else None
    now = _facts(con, iso3, year)
    before = _facts(con, iso3, previous) if previous is not None else pd.DataFrame(columns=now.columns)
    names = dict(con.execute(query("country_names")).fetchall())
    return Brief(country_iso3=iso3, name=names.get(iso3, iso3), year=year, previous_year=previous,
                 documents=int(now["doc_id"].nunique()), previous_documents=int(before["doc_id"].nunique()),
                 changes=compare(before, now))


def _facts(con, iso3: str, year: int) -> pd.DataFrame:
    frame = con.execute(query("review_facts"), {"country": iso3, "year": int(year)}).df()
    frame = frame[~frame["feature"].isin(LABEL_FEATURES)]
    return frame.assign(subject=[subject(r) for _, r in frame.iterrows()])


def subject(fact: pd.Series) -> str:
    """What a fact is about, so that the same thing can be found in another review."""
    if fact["feature"] == "treaty":
        return f"treaty {fact['value_text']}"
    if fact["feature"] == "notorious_market":
        return f"notorious market {fact['value_text']}"
    parts = [str(fact[k]) for k in KEY_COLUMNS if isinstance(fact[k], str) and fact[k]]
    return fact["feature"].replace("_", " ") + (f" ({', '.join(parts)})" if parts else "")


def _value(fact: pd.Series) -> str:
    if fact["feature"] == "treaty":
        return fact["status"] if isinstance(fact["status"], str) else "mentioned"
    return fact["value_text"]


def _latest(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """The fact that speaks for each subject: the one with the latest reference year (then the
    latest in the text)."""
    out: dict[str, pd.Series] = {}
    key = frame.assign(_y=frame["ref_year"].fillna(-1)).sort_values(["_y", "doc_id", "char_start"])
    for _, row in key.iterrows():
        out[row["subject"]] = row
    return out


def compare(before: pd.DataFrame, now: pd.DataFrame) -> list[Change]:
    """The changes from `before`'s facts to `now`'s, new and moved ones first."""
    old, new = _latest(before), _latest(now)
    out = []
    for subj in sorted(set(old) | set(new)):
        a, b = old.get(subj), new.get(subj)
        feature = (b if b is not None else a)["feature"]
        va = _value(a) if a is not None else None
        vb = _value(b) if b is not None else None
        if a is None:
            kind = "new"
        elif b is None:
            kind = "gone"
        elif va == vb:
            kind = "same"
        elif feature in NUMERIC_FEATURES:
            kind = "up" if float(vb) > float(va) else "down"
        elif va in STATE_ORDER and vb in STATE_ORDER and STATE_ORDER[va] != STATE_ORDER[vb]:
            kind = "up" if STATE_ORDER[vb] > STATE_ORDER[va] else "down"
        else:
            kind = "changed"
        out.append(Change(
            feature=feature, subject=subj, change=kind, before=va, after=vb,
            before_year=_year(a), after_year=_year(b),
            sentence_before=a["sentence"] if a is not None else None,
            sentence_after=b["sentence"] if b is not None else None,
            doc_before=a["doc_id"] if a is not None else None, doc_after=b["doc_id"] if b is not None else None))
    rank = {"new": 0, "up": 1, "down": 1, "changed": 1, "gone": 2, "same": 3}
    return sorted(out, key=lambda c: (rank[c.change], c.subject))


def _year(row) -> int | None:
    if row is None or pd.isna(row["ref_year"]):
        return None
    return int(row["ref_year"])
