"""Rolling-origin backtest against persistence and majority baselines.

For each test year Y (a year whose lists are all known), the model is trained on rows of years
< Y only and predicts the rows of Y; persistence and majority are scored on the same rows.

Baseline probabilities (needed for log-loss):
  persistence  predicts last year's status (else the last known status, else 'none') with
               probability p_stay = (stays + 1) / (n + 2), where stays/n are the rows of the training
               years whose status equalled the previous year's; the rest is spread evenly over the
               other three tiers.
  majority     the training years' tier frequencies with add-one smoothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, log_loss, mean_absolute_error, roc_auc_score

from warehouse.errors import S301Error
from warehouse.vocab import DEFAULT_LABEL_SOURCE, PROBABILITY_COLUMNS, TIER_RANK, TIERS

from .dataset import training_data
from .estimator import TrainedModel, fit
from .labels import agreement
from .predict import current_status, forecast_306, move_scores
from .queries import query

METRICS = ("accuracy", "macro_f1", "mae_tier", "log_loss", "change_recall", "change_precision", "n")
MIN_TRAIN_ROWS = 30
# A test year needs at least MIN_TRAIN_YEARS earlier "transition years": years with at least
# MIN_YEAR_ROWS labels of which at least half have a known previous-year status (the previous year's
# lists were known), since only those rows show how placements move from one year to the next.
MIN_TRAIN_YEARS = 2
MIN_YEAR_ROWS = 20
CAL_BINS = np.linspace(0.0, 1.0, 11)
CHANGE_BINS = np.array([0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0])
TOP_K = (5, 10)
RANKS = list(range(len(TIERS)))
PERSISTENCE_SMOOTHING = ("p_stay = (stays + 1) / (n + 2) over training rows with a known previous "
                         "status; the rest spread evenly over the other three tiers")


@dataclass
class Backtest:
    """The backtest of one learner: pooled and per-year metrics of the model and both baselines,
    confusion matrices, calibration, goals, the Section 306 rule's score and every predicted row.
    `models` and `tests` (each test year's model and rows) serve the permutation importance; they
    are not part of to_dict()."""
    learner: str
    label_source: str
    years: list[int]
    overall: dict
    per_year: list[dict]
    skipped: list[dict]
    confusion: list[list[int]]
    confusion_persistence: list[list[int]]
    calibration: list[dict]
    calibration_persistence: list[dict]
    change_reliability: list[dict]
    persistence_smoothing: str
    goals: dict
    agreement: dict
    section_306: dict
    rows: list[dict]
    models: dict[int, TrainedModel] = field(default_factory=dict, repr=False)
    tests: dict[int, pd.DataFrame] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        """The JSON of `s301 backtest --json` (everything but the models and test rows)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("models", "tests")}


# ----------------------------------------------------------------------------- metrics

def metrics(y: list[str], pred: list[str], proba: np.ndarray, prev: list[str], prev_known: np.ndarray) -> dict:
    """accuracy, macro_f1, mae_tier, log_loss, change_recall, change_precision, n."""
    y = np.asarray(y, dtype=object)
    pred = np.asarray(pred, dtype=object)
    prev = np.asarray(prev, dtype=object)
    n = len(y)
    if n == 0:
        return {m: None for m in METRICS} | {"n": 0}
    yi = np.array([TIER_RANK[v] for v in y])
    pi = np.array([TIER_RANK[v] for v in pred])
    labels = sorted(set(y) | set(pred), key=TIER_RANK.get)
    changed = prev_known & (y != prev)
    pred_change = prev_known & (pred != prev)
    hit = pred == y
    return {
        "accuracy": float(accuracy_score(yi, pi)),
        "macro_f1": float(f1_score(y, pred, labels=labels, average="macro", zero_division=0)),
        "mae_tier": float(mean_absolute_error(yi, pi)),
        "log_loss": float(log_loss(yi, proba, labels=RANKS)),
        "change_recall": float((changed & hit).sum() / changed.sum()) if changed.sum() else None,
        "change_precision": float((pred_change & hit).sum() / pred_change.sum()) if pred_change.sum() else None,
        "n_changes": int(changed.sum()),
        "n_predicted_changes": int(pred_change.sum()),
        "n": int(n),
    }


def change_metrics(rows: pd.DataFrame) -> dict:
    """How well P(change) ranks the country-years that moved: rows hold year, prev and status (tier
    ranks), known (last year's tier known) and p_change / p_up / p_down. AUC of P(change) for any
    move, of P(up) for elevations (rows that can go up) and of P(down) for lowerings (rows that can go
    down); and, for the top k rows of each year by the same scores, precision (mean over the years
    of hits / k) and recall (hits / moves, pooled)."""
    r = rows[rows["known"]]
    moved = {"": r["status"] != r["prev"], "_up": r["status"] > r["prev"], "_down": r["status"] < r["prev"]}
    score = {"": "p_change", "_up": "p_up", "_down": "p_down"}
    can = {"": np.ones(len(r), dtype=bool), "_up": (r["prev"] < len(TIERS) - 1).to_numpy(),
           "_down": (r["prev"] > 0).to_numpy()}
    out: dict = {}
    for kind in ("", "_up", "_down"):
        y, p = moved[kind].to_numpy()[can[kind]], r[score[kind]].to_numpy()[can[kind]]
        name = "change" if kind == "" else kind[1:]
        out[f"n_{name}"] = int(y.sum())
        out[f"{name}_auc"] = float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else None
        for k in TOP_K:
            hits, years = 0, 0
            for _, g in r.assign(_y=moved[kind]).groupby("year"):
                hits += int(g.nlargest(k, score[kind])["_y"].sum())
                years += 1
            out[f"precision_at_{k}{kind}"] = hits / (k * years) if years else None
            out[f"recall_at_{k}{kind}"] = hits / int(y.sum()) if y.sum() else None
    return out


def change_reliability(rows: pd.DataFrame) -> list[dict]:
    """Reliability of P(change): bins of the predicted probability of a move against how often a
    move happened."""
    r = rows[rows["known"]]
    moved = (r["status"] != r["prev"]).to_numpy()
    p = r["p_change"].to_numpy()
    out = []
    for lo, hi in zip(CHANGE_BINS[:-1], CHANGE_BINS[1:]):
        sel = (p >= lo) & ((p < hi) | (hi == 1.0))
        if sel.any():
            out.append({"bin": [float(lo), float(hi)], "n": int(sel.sum()), "mean_p_change": float(p[sel].mean()),
                        "changed": float(moved[sel].mean())})
    return out


def confusion(y, pred) -> list[list[int]]:
    """Rows: true tier, columns: predicted tier (TIERS order)."""
    return confusion_matrix(y, pred, labels=list(TIERS)).tolist()


def calibration(y, proba: np.ndarray) -> list[dict]:
    """Top-label calibration: bins of the predicted tier's probability vs how often it was right, with
    the number of predictions per bin (which sklearn's calibration_curve does not give)."""
    yi = np.array([TIER_RANK[v] for v in y])
    conf = proba.max(axis=1)
    right = proba.argmax(axis=1) == yi
    out = []
    for lo, hi in zip(CAL_BINS[:-1], CAL_BINS[1:]):
        sel = (conf >= lo) & ((conf < hi) | (hi == 1.0))
        if sel.any():
            out.append({"bin": [float(lo), float(hi)], "n": int(sel.sum()),
                        "mean_confidence": float(conf[sel].mean()), "accuracy": float(right[sel].mean())})
    return out


# ----------------------------------------------------------------------------- baselines

def persistence_proba(train: pd.DataFrame, prev: list[str]) -> tuple[np.ndarray, float]:
    known = train["prev_status"] != "unknown"
    stays = int((train.loc[known, "status"] == train.loc[known, "prev_status"]).sum())
    p_stay = (stays + 1) / (int(known.sum()) + 2)
    proba = np.full((len(prev), len(TIERS)), (1 - p_stay) / (len(TIERS) - 1))
    for i, p in enumerate(prev):
        proba[i, TIER_RANK[p]] = p_stay
    return proba, p_stay


def majority_proba(train: pd.DataFrame, n: int) -> np.ndarray:
    counts = train["status"].value_counts()
    freq = np.array([counts.get(t, 0) + 1 for t in TIERS], dtype=float)
    return np.tile(freq / freq.sum(), (n, 1))


# ----------------------------------------------------------------------------- backtest

def complete_years(con) -> list[int]:
    return [int(r[0]) for r in con.execute(query("years_complete")).fetchall()]


def rolling_origin(data: pd.DataFrame, test_years: list[int]):
    """Yield (year, train rows, test rows): train strictly on years before the test year."""
    for year in test_years:
        yield year, data[data["year"] < year], data[data["year"] == year]


def transition_years(train: pd.DataFrame) -> int:
    """Training years with enough labels, most of them with a known previous-year status."""
    g = train.assign(known=train["prev_status"] != "unknown").groupby("year")["known"].agg(["size", "mean"])
    return int(((g["size"] >= MIN_YEAR_ROWS) & (g["mean"] >= 0.5)).sum())


def backtest(con, *, year_from: int = 2000, year_to: int | None = None, label_source: str = DEFAULT_LABEL_SOURCE,
             learner: str = "glassbox", data: pd.DataFrame | None = None) -> Backtest:
    """Overall and per-year metrics of the model, persistence and majority (S301Error when no year
    can be backtested). `data` (training_data of the same label source) saves reading it again."""
    if data is None:
        data = training_data(con, label_source)
    complete = set(complete_years(con))
    candidates = sorted(int(y) for y in data["year"].unique()
                        if y >= year_from and (year_to is None or y <= year_to))
    test_years = [y for y in candidates if y in complete]
    skipped = [{"year": y, "reason": "lists of that year are not complete"} for y in candidates if y not in complete]
    pooled = {k: [] for k in ("y", "prev", "known", "model", "pm", "persistence", "pp", "majority", "pj",
                              "country", "year", "moves")}
    per_year, models, tests = [], {}, {}
    for year, train, test in rolling_origin(data, test_years):
        full_years = transition_years(train)
        if len(train) < MIN_TRAIN_ROWS or train["status"].nunique() < 2 or full_years < MIN_TRAIN_YEARS:
            skipped.append({"year": year, "reason": f"too little training data before {year} ({len(train)} rows, "
                                                    f"{full_years} transition year(s); need {MIN_TRAIN_YEARS})"})
            continue
        model = fit(train, train["status"], learner, label_source)
        pm = model.predict_proba(test)
        pred_m = [TIERS[i] for i in pm.argmax(axis=1)]
        prev = current_status(test).fillna("none").tolist()   # nothing known: none
        known = (test["prev_status"] != "unknown").to_numpy()
        pp, p_stay = persistence_proba(train, prev)
        pj = majority_proba(train, len(test))
        pred_j = [TIERS[int(pj[0].argmax())]] * len(test)
        y = test["status"].tolist()
        p_change, p_up, p_down = move_scores(pm, [TIER_RANK[v] for v in prev])
        year_rows = pd.DataFrame({"year": int(year), "status": [TIER_RANK[v] for v in y],
                                  "prev": [TIER_RANK[v] for v in prev], "known": known,
                                  "p_change": p_change, "p_up": p_up, "p_down": p_down})
        per_year.append({
            "year": int(year),
            "n": int(len(test)),
            "n_train": int(len(train)),
            "train_years": [int(train["year"].min()), int(train["year"].max())],
            "model": metrics(y, pred_m, pm, prev, known) | change_metrics(year_rows),
            "persistence": metrics(y, prev, pp, prev, known),
            "majority": metrics(y, pred_j, pj, prev, known),
            "confusion": confusion(y, pred_m),
            "calibration": calibration(y, pm),
            "p_stay": p_stay,
        })
        for k, v in (("y", y), ("prev", prev), ("known", list(known)), ("model", pred_m), ("persistence", prev),
                     ("majority", pred_j), ("country", test["country_iso3"].tolist()),
                     ("year", [int(year)] * len(test))):
            pooled[k].extend(v)
        pooled["pm"].append(pm)
        pooled["moves"].append(year_rows)
        pooled["pp"].append(pp)
        pooled["pj"].append(pj)
        models[year], tests[year] = model, test
    if not per_year:
        raise S301Error(f"no year between {year_from} and {year_to or 'the last'} can be backtested "
                        f"(test years need complete lists and at least {MIN_TRAIN_YEARS} earlier transition years)")
    known = np.array(pooled["known"], dtype=bool)
    pm, pp, pj = (np.vstack(pooled[k]) for k in ("pm", "pp", "pj"))
    y = pooled["y"]
    moves = pd.concat(pooled["moves"], ignore_index=True)
    overall = {
        "model": metrics(y, pooled["model"], pm, pooled["prev"], known) | change_metrics(moves),
        "persistence": metrics(y, pooled["persistence"], pp, pooled["prev"], known),
        "majority": metrics(y, pooled["majority"], pj, pooled["prev"], known),
    }
    rows = [{"country_iso3": c, "year": yr, "status": s, "prev_status": pv, "predicted_status": m,
             **{PROBABILITY_COLUMNS[t]: float(pm[i, j]) for j, t in enumerate(TIERS)},
             "p_change": float(moves["p_change"][i]), "p_up": float(moves["p_up"][i]),
             "p_down": float(moves["p_down"][i])}
            for i, (c, yr, s, pv, m) in enumerate(zip(pooled["country"], pooled["year"], y, pooled["prev"],
                                                      pooled["model"]))]
    years = [p["year"] for p in per_year]
    return Backtest(
        learner=learner, label_source=label_source, years=years, overall=overall, per_year=per_year,
        skipped=skipped, confusion=confusion(y, pooled["model"]),
        confusion_persistence=confusion(y, pooled["persistence"]),
        calibration=calibration(y, pm), calibration_persistence=calibration(y, pp),
        change_reliability=change_reliability(moves),
        persistence_smoothing=PERSISTENCE_SMOOTHING, goals=goals(overall), agreement=agreement(con),
        section_306=section_306_backtest(data, years), rows=rows, models=models, tests=tests)


def section_306_backtest(data: pd.DataFrame, years: list[int]) -> dict:
    """The Section 306 flag forecast (last year's flag carried forward) against USTR's flag, over
    the test years' rows whose flag is known (embassy labels do not state it)."""
    rows = data[data["year"].isin(years) & data["section_306"].notna()]
    actual = rows["section_306"].astype(bool).to_numpy()
    forecast = forecast_306(rows).to_numpy()
    flagged = rows.loc[actual, ["country_iso3", "year"]]
    return {
        "rule": "forecast = last year's Section 306 flag",
        "n": int(len(rows)),
        "accuracy": float((actual == forecast).mean()) if len(rows) else None,
        "n_flagged": int(actual.sum()),
        "flagged_caught": int((actual & forecast).sum()),
        # a carried-forward flag errs only at a change: a missed entry (flag set this year, not
        # last) or a missed exit (flag dropped this year: the forecast's only false flags)
        "entries": int((actual & ~forecast).sum()),
        "exits": int((~actual & forecast).sum()),
        "flagged": [f"{c} {y}" for c, y in zip(flagged["country_iso3"], flagged["year"])],
    }


GOALS = {"change_auc": 0.80, "precision_at_10": 0.30, "log_loss_below_persistence": 0.10}


def goals(overall: dict) -> dict:
    """The targets the forecaster is judged by, each with whether it is met: P(change) ranks the
    moves (AUC >= 0.80, precision of each year's top 10 >= 0.30), accuracy not below persistence,
    log-loss at least 10% below persistence."""
    m, p = overall["model"], overall["persistence"]
    return {
        "change_auc_at_least_0.80": bool((m["change_auc"] or 0) >= GOALS["change_auc"]),
        "precision_at_10_at_least_0.30": bool((m["precision_at_10"] or 0) >= GOALS["precision_at_10"]),
        "accuracy_not_below_persistence": bool(m["accuracy"] >= p["accuracy"]),
        "log_loss_10pct_below_persistence": bool(
            m["log_loss"] <= (1 - GOALS["log_loss_below_persistence"]) * p["log_loss"]),
    }
