"""Rolling-origin backtest against persistence and majority baselines, and global importance.

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

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

from warehouse.errors import S301Error

from .features import FEATURE_NAMES, label_of
from .model import MISSING_CLASS_FLOOR as MISSING_FLOOR, TIER_INDEX, TIERS, fit, training_data
from .predict import forecast_306
from .queries import query

METRICS = ("accuracy", "macro_f1", "mae_tier", "log_loss", "change_recall", "change_precision", "n")
MIN_TRAIN_ROWS = 30
# A test year needs at least MIN_TRAIN_YEARS earlier "transition years": years with at least
# MIN_YEAR_ROWS labels of which at least half have a known previous-year status (the previous year's
# lists were known), since only those rows show how placements move from one year to the next.
MIN_TRAIN_YEARS = 2
MIN_YEAR_ROWS = 20
EPS = 1e-15
CAL_BINS = np.linspace(0.0, 1.0, 11)


# ----------------------------------------------------------------------------- metrics

def previous_status(frame: pd.DataFrame) -> pd.Series:
    """Last year's status; where unknown the last known tier; where nothing is known, 'none'."""
    prev = frame["prev_status"].astype(str)
    known = frame["last_known_tier"].map(lambda v: TIERS[int(v)] if pd.notna(v) else "none")
    return prev.where(prev != "unknown", known)


def metrics(y: list[str], pred: list[str], proba: np.ndarray, prev: list[str], prev_known: np.ndarray) -> dict:
    """accuracy, macro_f1, mae_tier, log_loss, change_recall, change_precision, n."""
    y = np.asarray(y, dtype=object)
    pred = np.asarray(pred, dtype=object)
    prev = np.asarray(prev, dtype=object)
    n = len(y)
    if n == 0:
        return {m: None for m in METRICS} | {"n": 0}
    yi = np.array([TIER_INDEX[v] for v in y])
    pi = np.array([TIER_INDEX[v] for v in pred])
    labels = sorted(set(y) | set(pred), key=TIER_INDEX.get)
    p_true = np.clip(proba[np.arange(n), yi], EPS, 1.0)
    changed = prev_known & (y != prev)
    pred_change = prev_known & (pred != prev)
    hit = pred == y
    return {
        "accuracy": float(hit.mean()),
        "macro_f1": float(f1_score(y, pred, labels=labels, average="macro", zero_division=0)),
        "mae_tier": float(np.abs(yi - pi).mean()),
        "log_loss": float(-np.log(p_true).mean()),
        "change_recall": float((changed & hit).sum() / changed.sum()) if changed.sum() else None,
        "change_precision": float((pred_change & hit).sum() / pred_change.sum()) if pred_change.sum() else None,
        "n_changes": int(changed.sum()),
        "n_predicted_changes": int(pred_change.sum()),
        "n": int(n),
    }


def confusion(y, pred) -> list[list[int]]:
    """Rows: true tier, columns: predicted tier (TIERS order)."""
    m = np.zeros((len(TIERS), len(TIERS)), dtype=int)
    for a, b in zip(y, pred):
        m[TIER_INDEX[a], TIER_INDEX[b]] += 1
    return m.tolist()


def calibration(y, proba: np.ndarray) -> list[dict]:
    """Top-label calibration: bins of the predicted tier's probability vs how often it was right."""
    yi = np.array([TIER_INDEX[v] for v in y])
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
        proba[i, TIER_INDEX[p]] = p_stay
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


def backtest(con, year_from: int = 2000, year_to: int | None = None, label_source: str = "embassy-first",
             learner: str = "glassbox", data: pd.DataFrame | None = None, keep_models: bool = False) -> dict:
    """The backtest JSON: overall and per-year metrics of model, persistence and majority."""
    if data is None:
        data = training_data(con, label_source)
    complete = set(complete_years(con))
    candidates = sorted(int(y) for y in data["year"].unique()
                        if y >= year_from and (year_to is None or y <= year_to))
    test_years = [y for y in candidates if y in complete]
    skipped = [{"year": y, "reason": "lists of that year are not complete"} for y in candidates if y not in complete]
    pooled = {k: [] for k in ("y", "prev", "known", "model", "pm", "persistence", "pp", "majority", "pj",
                              "country", "year")}
    per_year, models, tests, smoothing = [], {}, {}, {}
    for year, train, test in rolling_origin(data, test_years):
        full_years = transition_years(train)
        if len(train) < MIN_TRAIN_ROWS or train["status"].nunique() < 2 or full_years < MIN_TRAIN_YEARS:
            skipped.append({"year": year, "reason": f"too little training data before {year} ({len(train)} rows, "
                                                    f"{full_years} transition year(s); need {MIN_TRAIN_YEARS})"})
            continue
        model = fit(train[FEATURE_NAMES], train["status"], learner, label_source)
        pm = model.predict_proba(test)
        pred_m = [TIERS[i] for i in pm.argmax(axis=1)]
        prev = previous_status(test).tolist()
        known = (test["prev_status"] != "unknown").to_numpy()
        pp, p_stay = persistence_proba(train, prev)
        pj = majority_proba(train, len(test))
        pred_j = [TIERS[int(pj[0].argmax())]] * len(test)
        y = test["status"].tolist()
        smoothing[year] = p_stay
        per_year.append({
            "year": int(year),
            "n": int(len(test)),
            "n_train": int(len(train)),
            "train_years": [int(train["year"].min()), int(train["year"].max())],
            "model": metrics(y, pred_m, pm, prev, known),
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
        pooled["pp"].append(pp)
        pooled["pj"].append(pj)
        if keep_models:
            models[year], tests[year] = model, test
    if not per_year:
        raise S301Error(f"no year between {year_from} and {year_to or 'the last'} can be backtested "
                        f"(test years need complete lists and at least {MIN_TRAIN_YEARS} earlier transition years)")
    known = np.array(pooled["known"], dtype=bool)
    pm, pp, pj = (np.vstack(pooled[k]) for k in ("pm", "pp", "pj"))
    y = pooled["y"]
    overall = {
        "model": metrics(y, pooled["model"], pm, pooled["prev"], known),
        "persistence": metrics(y, pooled["persistence"], pp, pooled["prev"], known),
        "majority": metrics(y, pooled["majority"], pj, pooled["prev"], known),
    }
    rows = [{"country_iso3": c, "year": yr, "status": s, "prev_status": pv, "predicted_status": m,
             **{f"p_{t.lower()}": float(pm[i, j]) for j, t in enumerate(TIERS)}}
            for i, (c, yr, s, pv, m) in enumerate(zip(pooled["country"], pooled["year"], y, pooled["prev"],
                                                      pooled["model"]))]
    result = {
        "learner": learner,
        "label_source": label_source,
        "years": [p["year"] for p in per_year],
        "overall": overall,
        "per_year": per_year,
        "skipped": skipped,
        "confusion": confusion(y, pooled["model"]),
        "confusion_persistence": confusion(y, pooled["persistence"]),
        "calibration": calibration(y, pm),
        "calibration_persistence": calibration(y, pp),
        "persistence_smoothing": ("p_stay = (stays + 1) / (n + 2) over training rows with a known previous "
                                  "status; the rest spread evenly over the other three tiers"),
        "goals": goals(overall),
        "agreement": _agreement(con),
        "section_306": section_306_backtest(data, [p["year"] for p in per_year]),
        "rows": rows,
    }
    if keep_models:
        result["_models"], result["_tests"] = models, tests
    return result


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


def _agreement(con) -> dict | None:
    from .labels import agreement
    try:
        return agreement(con)
    except Exception:  # a warehouse without the labels view: the backtest still stands
        return None


def goals(overall: dict) -> dict:
    """The issue's goals, each with whether it is met."""
    m, p = overall["model"], overall["persistence"]
    return {
        "beats_persistence_log_loss": bool(m["log_loss"] < p["log_loss"]),
        "accuracy_not_below_persistence": bool(m["accuracy"] >= p["accuracy"]),
        "change_recall_at_least_half": bool((m["change_recall"] or 0) >= 0.5),
        "change_precision_at_least_half": bool((m["change_precision"] or 0) >= 0.5),
    }


# ----------------------------------------------------------------------------- importance

def permutation_importance(bt: dict, n_repeats: int = 3, seed: int = 0) -> list[dict]:
    """Increase of the pooled backtest log-loss (and drop of accuracy) when one feature is shuffled
    within each test year, predicted by that year's model."""
    models, tests = bt.get("_models"), bt.get("_tests")
    if not models:
        return []
    rng = np.random.default_rng(seed)
    base_ll, base_acc, n_total = 0.0, 0.0, 0
    loss = {f: np.zeros(n_repeats) for f in FEATURE_NAMES}
    acc = {f: np.zeros(n_repeats) for f in FEATURE_NAMES}
    for year, model in models.items():
        test = tests[year].reset_index(drop=True)
        n = len(test)
        yi = np.array([TIER_INDEX[s] for s in test["status"]])
        # the preprocessing works row by row, so shuffling a raw feature = shuffling (together) the
        # transformed columns it owns; the classifier then predicts from the shuffled matrix
        z = model.transformed(test)
        owners = np.array(model.column_features())
        clf = model.pipeline.named_steps["clf"]
        cols = [TIER_INDEX[c] for c in clf.classes_]

        def proba(matrix):
            raw = clf.predict_proba(matrix)
            out = np.full((matrix.shape[0], len(TIERS)), MISSING_FLOOR)
            out[:, cols] = raw
            return out / out.sum(axis=1, keepdims=True)

        p = proba(z)
        base_ll += -np.log(np.clip(p[np.arange(n), yi], EPS, 1)).sum()
        base_acc += (p.argmax(1) == yi).sum()
        n_total += n
        for f in FEATURE_NAMES:
            mask = owners == f
            for r in range(n_repeats):
                zp = z.copy()
                zp[:, mask] = z[rng.permutation(n)][:, mask]
                q = proba(zp)
                loss[f][r] += -np.log(np.clip(q[np.arange(n), yi], EPS, 1)).sum()
                acc[f][r] += (q.argmax(1) == yi).sum()
    out = []
    for f in FEATURE_NAMES:
        d_ll = loss[f] / n_total - base_ll / n_total
        d_acc = base_acc / n_total - acc[f] / n_total
        out.append({"feature": f, "label": label_of(f), "log_loss_increase": float(d_ll.mean()),
                    "log_loss_increase_std": float(d_ll.std()), "accuracy_drop": float(d_acc.mean())})
    return sorted(out, key=lambda r: -r["log_loss_increase"])


def model_importance(model, data: pd.DataFrame) -> dict:
    """The model's own importance: mean |contribution| over the training rows per feature and tier
    (for the glass-box model this is |coef| x spread of the standardised feature)."""
    from .contrib import contributions
    contrib, _, _ = contributions(model, data)
    per = np.abs(contrib).mean(axis=0)          # (features, tiers)
    rows = []
    for j, f in enumerate(model.feature_names):
        rows.append({"feature": f, "label": label_of(f), "importance": float(per[j].mean()),
                     "per_tier": {t: float(per[j, k]) for k, t in enumerate(TIERS)}})
    kind = ("mean |coef x (z - z_ref)| of the logistic regression" if model.learner == "glassbox"
            else "mean |tree-path contribution| of the boosted trees")
    out = {"kind": kind, "features": sorted(rows, key=lambda r: -r["importance"])}
    if model.learner == "glassbox":
        clf = model.pipeline.named_steps["clf"]
        owners = model.column_features()
        names = model.pipeline.named_steps["prep"].get_feature_names_out()
        out["coefficients"] = [
            {"column": str(c), "feature": owners[i],
             **{cls: float(clf.coef_[k, i]) for k, cls in enumerate(clf.classes_)}}
            for i, c in enumerate(names)] if clf.coef_.shape[0] == len(clf.classes_) else []
    return out


def importance_report(model, bt: dict, data: pd.DataFrame) -> dict:
    return {"learner": model.learner,
            "permutation": permutation_importance(bt),
            "permutation_note": ("increase of the pooled backtest log-loss when the feature is shuffled within "
                                 "each test year (3 repeats), predicted by that year's model"),
            "model": model_importance(model, data)}


# ----------------------------------------------------------------------------- output

def print_headline(bt: dict, title: str = "backtest", out=None) -> None:
    """The headline table: model vs persistence vs majority, and where the model falls short."""
    out = out or sys.stdout
    years = bt.get("years") or [p["year"] for p in bt["per_year"]]
    print(f"\n{title}: {bt.get('learner', '')} model, label source {bt.get('label_source', '')}, "
          f"test years {min(years)}-{max(years)} ({len(years)} years, trained on earlier years only)", file=out)
    head = f"  {'':<12}{'accuracy':>9}{'macro_f1':>9}{'mae_tier':>9}{'log_loss':>9}{'chg_rec':>9}{'chg_prec':>9}{'n':>7}"
    print(head, file=out)
    for name in ("model", "persistence", "majority"):
        m = bt["overall"][name]
        cells = [_fmt(m[k]) for k in ("accuracy", "macro_f1", "mae_tier", "log_loss", "change_recall",
                                      "change_precision")]
        print(f"  {name:<12}" + "".join(f"{c:>9}" for c in cells) + f"{m['n']:>7}", file=out)
    m, p = bt["overall"]["model"], bt["overall"]["persistence"]
    print(f"  status changes: {m.get('n_changes')} of {m['n']} rows; the model predicted "
          f"{m.get('n_predicted_changes')} changes", file=out)
    s306 = bt.get("section_306")
    if s306 and s306.get("n"):
        print(f"  Section 306 flag (last year's flag carried forward): {s306['accuracy']:.3f} of {s306['n']} "
              f"USTR rows right; {s306['flagged_caught']} of {s306['n_flagged']} flagged rows caught, "
              f"{s306['entries']} entries and {s306['exits']} exits missed", file=out)
    short = []
    if m["log_loss"] >= p["log_loss"]:
        short.append(f"log-loss {m['log_loss']:.3f} does not beat persistence {p['log_loss']:.3f}")
    if m["accuracy"] < p["accuracy"]:
        short.append(f"accuracy {m['accuracy']:.3f} is below persistence {p['accuracy']:.3f}")
    if (m["change_recall"] or 0) < 0.5:
        short.append(f"catches {_fmt(m['change_recall'])} of status changes (goal 0.5)")
    if (m["change_precision"] or 0) < 0.5:
        short.append(f"change precision {_fmt(m['change_precision'])} (goal 0.5)")
    if short:
        print("  falls short: " + "; ".join(short), file=out)
    else:
        print("  meets every goal: beats persistence on log-loss without losing accuracy, change recall and "
              "precision >= 0.5", file=out)


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.3f}"


def cli_backtest(args) -> int:
    from warehouse.db import connect
    from .model import default_model_path, read_card
    learner = getattr(args, "learner", None)
    if not learner:
        try:
            learner = read_card(default_model_path()).get("learner") or "glassbox"
        except S301Error:
            learner = "glassbox"
    con = connect(args.db, read_only=True)
    try:
        bt = backtest(con, year_from=args.year_from, year_to=args.year_to, label_source=args.label_source,
                      learner=learner)
    finally:
        con.close()
    print_headline(bt)
    ag = bt.get("agreement") or {}
    if ag.get("n_compared"):
        print(f"  embassy recommendations vs USTR placements: {ag['n_agree']}/{ag['n_compared']} agree "
              f"({ag['rate']:.0%}); embassy higher {ag['embassy_higher']}, lower {ag['embassy_lower']}")
    for p in bt["per_year"]:
        m, q = p["model"], p["persistence"]
        print(f"    {p['year']}: n={p['n']:>3}  acc {m['accuracy']:.3f} vs {q['accuracy']:.3f}  "
              f"log-loss {m['log_loss']:.3f} vs {q['log_loss']:.3f}  changes {m['n_changes']}")
    if args.json_out:
        path = Path(args.json_out)
        path.parent.mkdir(parents=True, exist_ok=True)
        from .model import write_json
        write_json(path, bt)
        print(f"wrote {path}")
    return 0


def cli_importance(args) -> int:
    from .model import artifact_path, default_model_path, load_model
    model = load_model(args.model)
    path = artifact_path(model.path or default_model_path(), "importance")
    if not path.exists():
        raise S301Error(f"{path}: importance file missing; run `s301 train` to rebuild the model and its files")
    report = json.loads(path.read_text(encoding="utf-8"))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"permutation importance on the backtest ({report['permutation_note']}):")
    for r in report["permutation"][:15]:
        print(f"  {r['log_loss_increase']:+.4f} ± {r['log_loss_increase_std']:.4f}  acc -{r['accuracy_drop']:.3f}  "
              f"{r['label']} ({r['feature']})")
    print(f"\nthe model's own ({report['model']['kind']}):")
    for r in report["model"]["features"][:15]:
        print(f"  {r['importance']:.4f}  {r['label']} ({r['feature']})")
    return 0
