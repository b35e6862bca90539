"""The feature matrix: rows of the country_year_features view, typed for the model.

The view (warehouse/sql/view_country_year_features.sql) does all the aggregation; this module only
reads it, names the features for people and types the columns (numbers as float with NaN for
missing, the one categorical column as text with 'unknown' for missing).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from warehouse.errors import S301Error
from warehouse.vocab import TIER_RANK, TIERS

from .queries import query

KEYS = ["country_iso3", "year"]
PREV_STATUS_LEVELS = [*TIERS, "unknown"]


@dataclass(frozen=True)
class Feature:
    name: str
    label: str
    group: str            # history, ocr, iipa, embassy, trade, treaty, wto, piracy, text
    kind: str = "number"  # number, bool, choice
    log: bool = False     # counts: the model sees log(1 + x)
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple[str, ...] | None = None


FEATURES: tuple[Feature, ...] = (
    Feature("prev_status", "Status in the previous year's report", "history", "choice",
            options=tuple(PREV_STATUS_LEVELS)),
    Feature("last_known_tier", "Last known tier (0 none .. 3 PFC)", "history", min=0, max=3, step=1),
    Feature("years_since_known", "Years since the last known placement", "history", min=1, max=40, step=1, log=True),
    Feature("trend", "Tier change over the previous two reports", "history", min=-3, max=3, step=1),
    Feature("years_listed", "Years on any list so far", "history", min=0, max=40, step=1, log=True),
    Feature("years_at_tier", "Consecutive years at the previous tier", "history", min=1, max=40, step=1, log=True),
    Feature("years_since_listed", "Years since last listed", "history", min=1, max=40, step=1, log=True),
    Feature("max_tier", "Highest tier ever (0 none .. 3 PFC)", "history", min=0, max=3, step=1),
    Feature("tier_changes_5y", "Tier changes in the previous five reports", "history", min=0, max=5, step=1),
    Feature("prev_306", "Under Section 306 monitoring last year", "history", "bool"),
    Feature("ever_306", "Ever under Section 306 monitoring", "history", "bool"),
    Feature("prev_ocr", "Out-of-cycle review announced in last year's report", "ocr", "bool"),
    Feature("iipa_asks_up", "IIPA asks for a higher tier than the current one", "iipa", "bool"),
    Feature("iipa_asks_down", "IIPA asks for a lower tier than the current one", "iipa", "bool"),
    Feature("iipa_asks_ocr", "IIPA asks for an out-of-cycle review", "iipa", "bool"),
    Feature("embassy_asks_up", "The US post asks for a higher tier than the current one", "embassy", "bool"),
    Feature("embassy_asks_down", "The US post asks for a lower tier than the current one", "embassy", "bool"),
    Feature("embassy_asks_ocr", "The US post asks for an out-of-cycle review", "embassy", "bool"),
    Feature("trade_volume", "US goods trade with the country the year before (USD; IMF DOTS)", "trade",
            log=True, min=0, max=1e12, step=1e8),
    Feature("trade_balance", "US trade balance with the country, share of trade (IMF DOTS)", "trade",
            min=-1, max=1, step=0.05),
    Feature("trade_balance_change", "Change of that balance share over three years (IMF DOTS)", "trade",
            min=-2, max=2, step=0.05),
    Feature("treaty_wct", "WIPO Copyright Treaty (WCT) in force", "treaty", "bool"),
    Feature("treaty_wppt", "WIPO Performances and Phonograms Treaty (WPPT) in force", "treaty", "bool"),
    Feature("treaty_berne", "Berne Convention in force", "treaty", "bool"),
    Feature("treaty_rome", "Rome Convention in force", "treaty", "bool"),
    Feature("n_treaties", "WIPO treaties in force", "treaty", min=0, max=30, step=1),
    Feature("recent_treaty_accessions", "WIPO treaties entered into force in the last 3 years", "treaty",
            min=0, max=10, step=1),
    Feature("wto_member", "WTO member", "wto", "bool"),
    Feature("wto_years", "Years in the WTO", "wto", min=0, max=40, step=1, log=True),
    Feature("piracy_software", "Software piracy rate, latest published (%)", "piracy", min=0, max=100, step=1),
    Feature("piracy_software_change", "Change of the software piracy rate (points)", "piracy",
            min=-50, max=50, step=1),
    Feature("piracy_software_age", "Age of the latest software piracy rate (years)", "piracy", min=1, max=20, step=1),
    Feature("piracy_other", "Other piracy rates, latest published (mean %)", "piracy", min=0, max=100, step=1),
    Feature("txt_cases", "Criminal IPR cases initiated (reports)", "text", log=True, min=0, max=100000, step=10),
    Feature("txt_cases_growth", "Growth of criminal cases (log ratio)", "text", min=-3, max=3, step=0.1),
    Feature("txt_convictions", "Criminal convictions (reports)", "text", log=True, min=0, max=100000, step=10),
    Feature("txt_convictions_growth", "Growth of convictions (log ratio)", "text", min=-3, max=3, step=0.1),
    Feature("txt_raids", "Raids (reports)", "text", log=True, min=0, max=100000, step=10),
    Feature("txt_raids_growth", "Growth of raids (log ratio)", "text", min=-3, max=3, step=0.1),
    Feature("txt_seizures", "Seizures (reports)", "text", log=True, min=0, max=1e9, step=100),
    Feature("txt_exofficio_customs", "Customs ex officio authority (0 lacks, 1 pending, 2 has)", "text",
            min=0, max=2, step=1),
    Feature("txt_exofficio_police", "Police ex officio action (0 lacks, 1 pending, 2 has)", "text",
            min=0, max=2, step=1),
    Feature("txt_treaty_steps", "Treaty steps reported (joined, ratified, signed, announced, pending)", "text",
            min=0, max=10, step=1),
    Feature("txt_treaty_not_member", "Treaties reported as not joined", "text", min=0, max=10, step=1),
    Feature("txt_piracy_software", "Software piracy rate stated in reports (%)", "text", min=0, max=100, step=1),
    Feature("txt_piracy_other", "Other piracy rates stated in reports (mean %)", "text", min=0, max=100, step=1),
    Feature("txt_exofficio_change", "Ex officio authority stated now against the last review that stated it "
            "(-2 .. +2)", "text", min=-2, max=2, step=1),
)
FROM_TIER = "from_tier"
"""The view's column of the tier a move starts from (last year's, else the last known, else none):
the transition classifier's reference, not a feature of its own."""

BY_NAME = {f.name: f for f in FEATURES}
FEATURE_NAMES = [f.name for f in FEATURES]
CATEGORICAL = [f.name for f in FEATURES if f.kind == "choice"]
LOG_FEATURES = [f.name for f in FEATURES if f.log]
NUMERIC = [f.name for f in FEATURES if f.kind != "choice" and not f.log]
TEXT_FEATURES = [f.name for f in FEATURES if f.group == "text"]
# The view's text_reports (how many reports were ingested for the review) is shown but is not a model
# feature: reports exist mostly for listed countries (and embassy labels come with their cables),
# so their mere presence would teach the model a selection effect, not a fact about the country.


def feature_names(label_source: str) -> list[str]:
    """The model's features for a label source: the post's request is a leading signal of USTR's
    placement, but where the posts' requests are the labels it would be the answer itself, so
    the embassy features are left out of models trained on them."""
    if label_source == "ustr":
        return list(FEATURE_NAMES)
    return [n for n in FEATURE_NAMES if BY_NAME[n].group != "embassy"]


def label_of(name: str) -> str:
    return BY_NAME[name].label if name in BY_NAME else name


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as float64 (NaN = missing), prev_status as text ('unknown' = missing); a missing
    from_tier is derived as the view derives it (last year's tier, else the last known, else none)."""
    out = frame.copy()
    for name in [*FEATURE_NAMES, FROM_TIER]:
        if name not in out.columns:
            out[name] = np.nan
        if name in CATEGORICAL:
            out[name] = out[name].astype(object).where(out[name].notna(), "unknown").astype(str)
        else:
            out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64")
    derived = out["prev_status"].map(TIER_RANK).astype("float64").fillna(out["last_known_tier"]).fillna(0.0)
    out[FROM_TIER] = out[FROM_TIER].fillna(derived)
    if "year" in out.columns:
        out["year"] = out["year"].astype("int64")
    return out


def feature_matrix(con, *, year: int | None = None, country: str | None = None) -> pd.DataFrame:
    """country_iso3, year and every feature column, from the country_year_features view."""
    frame = con.execute(query("feature_matrix"), {"year": year, "country": country}).df()
    missing = [n for n in [*FEATURE_NAMES, FROM_TIER] if n not in frame.columns]
    if missing:
        raise S301Error(f"country_year_features lacks column(s) {', '.join(missing)}: run `s301 init` to migrate")
    return typed(frame[KEYS + FEATURE_NAMES + [FROM_TIER]])
