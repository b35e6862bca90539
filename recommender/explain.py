"""Explanations of one forecast: probabilities, exact contributions, evidence, words, what-if and a
counterfactual (the smallest set of realistic changes that moves the forecast one tier down)."""
from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from warehouse.errors import S301Error
from warehouse.vocab import TIER_NAMES, TIERS

from .contrib import contributions
from .estimator import TrainedModel
from .features import BY_NAME, CATEGORICAL, FROM_TIER, feature_matrix, label_of, typed
from .predict import chain, move_scores
from .queries import query

EDITABLE = ["prev_status", "treaty_wct", "treaty_wppt", "treaty_berne", "treaty_rome", "wto_member",
            "piracy_software", "piracy_other", "txt_exofficio_customs", "txt_exofficio_police", "txt_cases",
            "txt_convictions", "txt_raids", "txt_seizures", "txt_piracy_software"]
MAX_COUNTERFACTUAL_SIZE = 5
# the tiers in a sentence: "forecast for ...: the Watch List", "one tier down (not listed)"
TIER_PHRASES = {t: f"the {name}" if t in ("WL", "PWL") else name for t, name in TIER_NAMES.items()}


MOVE_WORDS = {"up": "elevation", "down": "lowering"}


@dataclass(frozen=True)
class Forecast:
    """One country-year's forecast: the predicted tier, every tier's probability, and each feature's
    contribution to the log-odds of each possible move against staying (base value + contributions
    = output, for "up" and "down")."""
    predicted_status: str
    probabilities: dict[str, float]
    base_value: dict[str, float]
    output: dict[str, float]
    contributions: list[dict]          # {feature, label, value, contribution, move}


@dataclass(frozen=True)
class Explanation:
    """Everything behind one forecast: the Forecast's fields, the kind of raw output, the evidence
    sentences, the explanation in words and the counterfactual with how it was searched."""
    country_iso3: str
    name: str
    year: int
    predicted_status: str
    probabilities: dict[str, float]
    current_status: str | None         # the tier a move starts from (last year's, else the last known)
    move_probabilities: dict[str, float]   # {"down", "stay", "up"}
    base_value: dict[str, float]
    output: dict[str, float]
    output_kind: str
    contributions: list[dict]
    evidence: list[dict]               # {feature, evidence_feature, value, qualifier, ref_year, doc_id, sentence, ...}
    signals: list[dict]                # leading signals: {feature, kind, text, source}
    previous_forecast: dict | None     # the previous year's tier probabilities when its placement is not known
    summary: str
    counterfactual: dict | None        # {changes, actions, new_status, probabilities}
    counterfactual_search: dict        # {tried, actions, strongest}

    def to_dict(self) -> dict:
        """Plain JSON-safe data (what `s301 explain --json` prints)."""
        return asdict(self)


# ----------------------------------------------------------------------------- lookups

def resolve_country(con, text: str) -> str:
    """ISO3 for a code, name or alias; S301Error when unknown or ambiguous."""
    rows = con.execute(query("country_lookup"), {"q": text.strip()}).fetchall()
    if not rows:
        raise S301Error(f"unknown country {text!r}: give an ISO3 code (e.g. BRA) or a name")
    return rows[0][0]


def _row(con, iso3: str, year: int) -> pd.DataFrame:
    row = feature_matrix(con, year=int(year), country=iso3)
    if row.empty:
        (lo, hi) = con.execute(query("feature_years")).fetchone()
        raise S301Error(f"no forecast row for {iso3} in {year}: the country must have been listed or named in an "
                        f"ingested report, and the year must lie in {lo}-{hi}")
    return row


def _value(v):
    """A plain JSON-safe Python value: None for NULL / NaN / pd.NA."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    return v


# ----------------------------------------------------------------------------- core pieces


def contribution_rows(model: TrainedModel, frame: pd.DataFrame) -> tuple[list[dict], dict, dict, np.ndarray]:
    """For the first row: [{feature, label, value, contribution, move}] for each move ("up", "down")
    the model knows and the row's tier allows, as contributions to log(P(move) / P(stay)); the base
    value and output of each such move; and the move estimator's raw outputs (1, 3) in MOVES order,
    from which model.proba_from_output gives the probabilities."""
    contrib, base, output = contributions(model, frame)
    start = int(frame.iloc[0][FROM_TIER])
    rows, base_d, out_d = [], {}, {}
    for move, k in (("up", 2), ("down", 0)):
        if np.isnan(base[0, k]) or np.isnan(base[0, 1]) or (move == "up" and start == len(TIERS) - 1) or \
                (move == "down" and start == 0):
            continue
        base_d[move] = float(base[0, k] - base[0, 1])
        out_d[move] = float(output[0, k] - output[0, 1])
        for j, f in enumerate(model.feature_names):
            rows.append({"feature": f, "label": label_of(f), "value": _value(frame.iloc[0][f]),
                         "contribution": float(contrib[0, j, k] - contrib[0, j, 1]), "move": move})
    return rows, base_d, out_d, output[:1]


def evidence(con, iso3: str, year: int) -> list[dict]:
    """The sentences behind the text features of this country and review year."""
    frame = con.execute(query("evidence_for"), {"country": iso3, "year": int(year)}).df()
    return [{"feature": r.model_feature, "evidence_feature": r.feature, "value": _value(r.value),
             "qualifier": _value(r.qualifier) or "", "ref_year": _value(r.ref_year), "doc_id": r.doc_id,
             "sentence": r.sentence, "char_start": int(r.char_start), "char_end": int(r.char_end),
             "title": _value(r.title), "kind": r.kind}
            for r in frame.itertuples(index=False)]


def signals(con, iso3: str, year: int) -> list[dict]:
    """The leading signals of this country and review year behind the ocr / iipa / embassy features:
    what was asked or announced before the report, each with its source."""
    frame = con.execute(query("signals_for"), {"country": iso3, "year": int(year)}).df()
    return [{"feature": _value(r.feature), "kind": r.kind, "text": r.text, "source": _value(r.source) or ""}
            for r in frame.itertuples(index=False)]


# ----------------------------------------------------------------------------- counterfactual

def _actions(row: pd.Series) -> list[tuple[str, str, dict]]:
    """(key, description, {feature: new value}) for each realistic change not already true."""
    acts = []
    for treaty, name in (("wct", "WIPO Copyright Treaty (WCT)"), ("wppt", "WIPO Performances and Phonograms Treaty (WPPT)")):
        if row[f"treaty_{treaty}"] != 1:
            acts.append((f"join_{treaty}", f"join the {name}",
                         {f"treaty_{treaty}": 1.0, "n_treaties": (row["n_treaties"] or 0) + 1,
                          "recent_treaty_accessions": (row["recent_treaty_accessions"] or 0) + 1}))
    if pd.isna(row["txt_exofficio_customs"]) or row["txt_exofficio_customs"] < 2:
        acts.append(("grant_ex_officio", "grant customs ex officio authority", {"txt_exofficio_customs": 2.0}))
    old = row["txt_convictions"]
    if pd.isna(old):
        new, growth = 100.0, math.log(2.0)
    else:
        new = max(2 * old, old + 50)
        growth = math.log((1 + new) / (1 + old))
    acts.append(("raise_convictions", f"raise criminal convictions to {new:,.0f}",
                 {"txt_convictions": new, "txt_convictions_growth": growth}))
    if not pd.isna(row["piracy_software"]) and row["piracy_software"] > 10:
        ch = row["piracy_software_change"]
        acts.append(("lower_piracy", f"lower the software piracy rate by 10 points to {row['piracy_software'] - 10:.0f}%",
                     {"piracy_software": row["piracy_software"] - 10,
                      "piracy_software_change": (ch if not pd.isna(ch) else 0.0) - 10}))
    elif not pd.isna(row["txt_piracy_software"]) and row["txt_piracy_software"] > 10:
        acts.append(("lower_piracy", f"lower the software piracy rate by 10 points to "
                                     f"{row['txt_piracy_software'] - 10:.0f}%",
                     {"txt_piracy_software": row["txt_piracy_software"] - 10}))
    return acts


def counterfactual_search(model: TrainedModel, frame: pd.DataFrame) -> tuple[dict | None, dict]:
    """(counterfactual, search): the smallest combination of realistic changes whose forecast is at
    least one tier lower (among equally small ones, the one giving the lower tiers the most
    probability), None when the forecast is already 'none' or no combination moves it; `search`
    says how many combinations were tried and what the strongest one did to the current tier."""
    row = frame.iloc[0]
    p0 = model.predict_proba(frame)[0]
    k0 = int(p0.argmax())
    acts = _actions(row)
    search = {"tried": 0, "actions": [a[1] for a in acts], "strongest": None}
    if k0 == 0:
        return None, search
    combos = [c for size in range(1, min(len(acts), MAX_COUNTERFACTUAL_SIZE) + 1)
              for c in itertools.combinations(range(len(acts)), size)]
    if not combos:
        return None, search
    batch = pd.concat([frame] * len(combos), ignore_index=True)
    for i, combo in enumerate(combos):
        for a in combo:
            for f, v in acts[a][2].items():
                batch.at[i, f] = v
    proba = model.predict_proba(batch)
    search["tried"] = len(combos)
    strongest = int(proba[:, :k0].sum(axis=1).argmax())
    search["strongest"] = {"actions": [acts[a][1] for a in combos[strongest]],
                           "tier": TIERS[k0], "p_before": float(p0[k0]),
                           "p_after": float(proba[strongest, k0]),
                           "p_lower_before": float(p0[:k0].sum()),
                           "p_lower_after": float(proba[strongest, :k0].sum())}
    best = None
    for i, combo in enumerate(combos):
        k = int(proba[i].argmax())
        if k >= k0:
            continue
        score = (len(combo), -float(proba[i, :k0].sum()))
        if best is None or score < best[0]:
            best = (score, i, combo)
    if best is None:
        return None, search
    _, i, combo = best
    changes = []
    for a in combo:
        key, desc, feats = acts[a]
        for f, v in feats.items():
            changes.append({"action": key, "description": desc, "feature": f, "label": label_of(f),
                            "from": _value(row[f]), "to": _value(v)})
    return ({"changes": changes, "actions": [acts[a][1] for a in combo],
             "new_status": TIERS[int(proba[i].argmax())],
             "probabilities": {t: float(proba[i, j]) for j, t in enumerate(TIERS)}}, search)


# ----------------------------------------------------------------------------- summary

def summary(iso3: str, name: str, year: int, pred: str, probs: dict, moves: dict, contribs: list[dict],
            row: pd.Series, cf: dict | None, n_evidence: int, search: dict | None = None) -> str:
    """A short explanation in words."""
    tier_names = TIER_PHRASES
    prev = row["prev_status"]
    prev_text = "unknown" if prev == "unknown" else tier_names[prev]
    words = [f"Forecast for {name} ({iso3}) in the {year} review: {tier_names[pred]} "
             f"(probability {probs[pred]:.0%}); last year's status: {prev_text}."]
    possible = [m for m in ("up", "down") if any(c["move"] == m for c in contribs)]
    if possible:
        words.append("Chance of a move: " + ", ".join(f"{moves[m]:.0%} {m}" for m in possible) + ".")
    for move in possible:
        pushes = sorted((c for c in contribs if c["move"] == move and c["contribution"] > 0),
                        key=lambda c: -c["contribution"])[:3]
        if pushes:
            words.append(f"Toward {MOVE_WORDS[move]}: "
                         + "; ".join(f"{_lower(c['label'])} = {show_value(c['value'])}" for c in pushes) + ".")
    words.append(f"{n_evidence} extracted fact(s) from this review's reports feed the text features."
                 if n_evidence else "No facts from this review's reports are in the warehouse; the forecast rests "
                                    "on placement history, leading signals and reference data.")
    if pred != "none":
        if cf:
            words.append(f"One tier down ({tier_names[cf['new_status']]}) would need: " + "; ".join(cf["actions"]) + ".")
        else:
            words.append("No combination of the realistic changes (join WCT/WPPT, customs ex officio authority, more "
                         "convictions, lower piracy) moves the forecast one tier down.")
            strongest = (search or {}).get("strongest")
            if strongest:
                words.append(f"The strongest ({'; '.join(strongest['actions'])}) takes the probability of "
                             f"{tier_names[pred]} from {strongest['p_before']:.0%} to {strongest['p_after']:.0%}.")
    return " ".join(words)


def _lower(label: str) -> str:
    """First letter in lower case unless the first word is an acronym (WIPO, WTO)."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() else label[:1].lower() + label[1:]


def show_value(v) -> str:
    """A feature value in words: 'missing', '1,250', '0.35', 'WL'."""
    if v is None:
        return "missing"
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}"
    return str(v)


# ----------------------------------------------------------------------------- API

def explain(model: TrainedModel, con, country_iso3: str, year: int) -> Explanation:
    """Everything behind one forecast (see the module docstring); read-only on `con`."""
    iso3 = resolve_country(con, country_iso3)
    frame = _row(con, iso3, int(year))
    start_rank = int(frame.iloc[0][FROM_TIER])
    p = model.predict_proba(frame)[0]
    names = dict(con.execute(query("country_names")).fetchall())
    name = names.get(iso3, iso3)
    previous, chained_words = None, ""
    found = chain(model, con, int(year), [iso3]) if frame.iloc[0]["prev_status"] == "unknown" else None
    if found is not None:   # last year's placement is not known: forecast it first (recommender.predict)
        p = found.probabilities(model)[0]
        previous = {t: float(found.previous[0, j]) for j, t in enumerate(TIERS)}
        likely = max(previous, key=previous.get)
        frame = found.branches[likely]
        chained_words = (f"{name}'s placement in the {found.year} report is not known; forecast for {found.year}: "
                         f"{TIER_PHRASES[likely]} ({previous[likely]:.0%}), carried into {year}. The contributions "
                         f"below are those of that case. ")
    pred = TIERS[int(p.argmax())]
    probs = {t: float(p[j]) for j, t in enumerate(TIERS)}
    change, up, down = (float(v[0]) for v in move_scores(p[None, :], [start_rank]))
    moves = {"down": down, "stay": 1.0 - change, "up": up}
    contribs, base, output, _ = contribution_rows(model, frame)
    ev = evidence(con, iso3, int(year))
    cf, search = counterfactual_search(model, frame)
    start = TIERS[start_rank]
    kind = "logit" if model.learner == "glassbox" else "raw boosting score"
    return Explanation(
        country_iso3=iso3, name=name, year=int(year), predicted_status=pred, probabilities=probs,
        current_status=start, move_probabilities=moves, base_value=base, output=output,
        output_kind=f"log-odds of the move against staying ({kind})",
        contributions=contribs, evidence=ev, signals=signals(con, iso3, int(year)),
        summary=chained_words + summary(iso3, name, int(year), pred, probs, moves, contribs, frame.iloc[0], cf,
                                        len(ev), search),
        counterfactual=cf, counterfactual_search=search, previous_forecast=previous)


def editable_features(model: TrainedModel) -> list[dict]:
    """The features an analyst may change in a what-if, with how to edit them."""
    out = []
    for name in EDITABLE:
        if name not in model.feature_names:
            continue
        f = BY_NAME[name]
        item = {"name": name, "label": f.label, "kind": f.kind, "group": f.group}
        if f.kind == "choice":
            item["options"] = list(f.options or ())
        elif f.kind == "number":
            item.update({"min": f.min, "max": f.max, "step": f.step})
        out.append(item)
    return out


def apply_changes(frame: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """A copy of the (one-row) frame with the changed values; None / '' = missing."""
    out = frame.copy()
    for name, value in (changes or {}).items():
        if name not in BY_NAME:
            raise S301Error(f"unknown feature {name!r} in the what-if changes")
        if name == "prev_status":
            out[FROM_TIER] = np.nan      # typed() derives it again from the new status
        if name in CATEGORICAL:
            out[name] = "unknown" if value in (None, "") else str(value)
        elif value is None or value == "":
            out[name] = np.nan
        else:
            out[name] = float(value)
    return typed(out)


def what_if(model: TrainedModel, con, country_iso3: str, year: int, changes: dict, *,
            base_row: dict | None = None) -> Forecast:
    """The forecast with some feature values changed.

    `base_row` (the country-year's feature row, e.g. cached by the app) saves re-reading the view;
    the probabilities come from the same raw output the contributions add up to."""
    iso3 = resolve_country(con, country_iso3)
    row = pd.DataFrame([base_row]) if base_row else _row(con, iso3, int(year))
    frame = apply_changes(row, changes)
    contribs, base, output, raw = contribution_rows(model, frame)
    p = model.proba_from_output(raw, frame[FROM_TIER].to_numpy())[0]
    return Forecast(predicted_status=TIERS[int(p.argmax())],
                    probabilities={t: float(p[j]) for j, t in enumerate(TIERS)},
                    base_value=base, output=output, contributions=contribs)
