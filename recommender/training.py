"""Training: backtest both learners, keep the better one, fit it on every labelled row and save it
with its model card, backtest and importance (recommender.artifact)."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from warehouse.errors import S301Error
from warehouse.vocab import DEFAULT_LABEL_SOURCE

from .artifact import artifact_path, save_model, write_json
from .dataset import data_hash, training_data
from .estimator import COVARIATE_SCALE, GLASSBOX_C, LEARNERS, TrainedModel, fit
from .evaluate import Backtest, backtest
from .importance import importance_report
from .labels import agreement


@dataclass(frozen=True)
class TrainResult:
    """The fitted model, its card, the chosen learner's backtest (None when no year could be
    backtested: card["backtest_error"] says why) and the importance report."""
    model: TrainedModel
    card: dict
    backtest: Backtest | None
    importance: dict

    def backtest_json(self) -> dict:
        """What <model>.backtest.json holds: the backtest and the learners' comparison."""
        if self.backtest is None:
            found = {"learner": self.model.learner, "label_source": self.model.label_source, "overall": None,
                     "per_year": [], "years": [], "error": self.card["backtest_error"]}
        else:
            found = self.backtest.to_dict()
        return found | {"learner_comparison": self.card["learner_comparison"]}


DESIGN = ("Transition model: the move from the current tier (down / stay / up) is classified, then spread over "
          "the tiers a move from that tier reaches, by the training moves' frequencies. Chosen over a model of "
          "the tier itself because listings are sticky: the level model caught no move in the backtest and "
          "ranked the moves with AUC 0.67; the transition model ranks them with AUC about 0.78 "
          "(results/ablation.md). Glass-box settings chosen on the rolling-origin backtest: L2 strength "
          f"C = {GLASSBOX_C}; covariates that describe a level rather than a change (treaties, WTO, piracy "
          f"rates, trade, report figures) at weight {COVARIATE_SCALE}, i.e. a stronger penalty; only rows whose "
          "previous tier is known are transitions to learn from. The covariates are kept although the model "
          "without them ranked the moves a little better in the ablation (results/ablation.md): they carry "
          "the reports' evidence that the explanations, the what-if controls and the counterfactuals work on, "
          "and at their weight they cost little.")


def choose_learner(comparison: dict) -> tuple[str, str]:
    """The better learner on the backtest: the one that ranks the moves better (change AUC) unless it
    loses clearly (> 0.01) in log-loss; the glass-box model on a tie (its contributions are simple)."""
    gb = comparison.get("glassbox", {})
    bo = comparison.get("boosting", {})
    if not bo or bo.get("log_loss") is None:
        return "glassbox", "only the glass-box model could be backtested"
    if not gb or gb.get("log_loss") is None:
        return "boosting", "only the boosting model could be backtested"
    text = (f"backtest change AUC glassbox {gb['change_auc'] or 0:.3f} vs boosting {bo['change_auc'] or 0:.3f}, "
            f"log-loss {gb['log_loss']:.4f} vs {bo['log_loss']:.4f}, "
            f"precision of each year's top 10 {gb['precision_at_10'] or 0:.3f} vs {bo['precision_at_10'] or 0:.3f}")
    better_rank = (bo["change_auc"] or 0) > (gb["change_auc"] or 0) + 0.005
    if better_rank and bo["log_loss"] <= gb["log_loss"] + 0.01:
        return "boosting", (f"{text}: boosting ranks the moves better without losing in log-loss; its "
                            f"contributions are exact per-tree path decompositions (Saabas)")
    why = ("the glass-box model ranks the moves at least as well" if not better_rank
           else "boosting's better ranking comes with a worse log-loss")
    return "glassbox", (f"{text}: {why}, so the glass-box model is kept (its contributions are exact "
                        f"and simple: coefficient x distance from the average training row of the same tier)")


def train(con, *, label_source: str = DEFAULT_LABEL_SOURCE, learner: str | None = None,
          year_from: int = 2000) -> TrainResult:
    """Backtest (both learners unless one is given), choose the learner, fit it on every labelled row."""
    t0 = time.perf_counter()
    data = training_data(con, label_source)
    if data.empty or data["status"].nunique() < 2:
        raise S301Error(f"not enough labelled rows to train ({len(data)} rows, "
                        f"{data['status'].nunique() if len(data) else 0} tiers) with label source "
                        f"{label_source!r}; run `s301 init` (and ingest reports) first")
    learners = [learner] if learner else list(LEARNERS)
    try:
        results = {l: backtest(con, year_from=year_from, label_source=label_source, learner=l, data=data)
                   for l in learners}
    except S301Error as exc:  # e.g. embassy labels only: too few years to backtest; still train
        results, backtest_error = {}, str(exc)
    else:
        backtest_error = None
    comparison = {l: r.overall["model"] for l, r in results.items()}
    if learner:
        chosen, reason = learner, f"chosen by the user (--learner {learner})"
    elif results:
        chosen, reason = choose_learner(comparison)
    else:
        chosen, reason = "glassbox", f"no backtest possible ({backtest_error}); glass-box by default"
    bt = results.get(chosen)
    model = fit(data, data["status"], chosen, label_source)
    seconds = time.perf_counter() - t0
    card = {
        "name": None,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "training_data_hash": data_hash(data),
        "training_rows": int(len(data)),
        "training_years": sorted(int(y) for y in data["year"].unique()),
        "label_counts": {k: int(v) for k, v in data["status"].value_counts().items()},
        "label_source_counts": {k: int(v) for k, v in data["source"].value_counts().items()},
        "agreement": {k: v for k, v in agreement(con).items() if k != "pairs"},
        "learner_reason": reason,
        "design": DESIGN,
        "learner_comparison": comparison,
        "metrics": bt.overall if bt else None,
        "backtest_years": bt.years if bt else [],
        "backtest_error": backtest_error,
        "persistence_smoothing": bt.persistence_smoothing if bt else None,
        "train_seconds": round(seconds, 2),
    }
    imp = importance_report(model, bt, data) if bt else {"learner": chosen, "permutation": [],
                                                          "model": {"kind": "", "features": []}}
    return TrainResult(model=model, card=card, backtest=bt, importance=imp)


def train_and_save(con, path: str | Path, *, label_source: str = DEFAULT_LABEL_SOURCE, learner: str | None = None,
                   year_from: int = 2000) -> TrainResult:
    """Train, then write <name>.joblib, .card.json, .backtest.json and .importance.json."""
    path = Path(path)
    result = train(con, label_source=label_source, learner=learner, year_from=year_from)
    result.card["name"] = path.stem
    card = save_model(result.model, path, result.card)
    write_json(artifact_path(path, "backtest"), result.backtest_json())
    write_json(artifact_path(path, "importance"), result.importance)
    return TrainResult(model=result.model, card=card, backtest=result.backtest, importance=result.importance)
