"""Recommender benchmarks: training, the full backtest, scoring throughput, reports scored per second.

A fresh warehouse in a temp dir: reference tables, warehouse/samples and (when ../shared is there)
the corpus cables. Targets: train + backtest < 30 s; 10,000 country-years scored < 10 s.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ROWS = 10_000


def run(shared: Path | None) -> dict:
    from recommender.contrib import contributions
    from recommender.evaluate import backtest
    from recommender.features import feature_matrix
    from recommender.artifact import load_model
    from recommender.training import train_and_save
    from recommender.score import score_paths
    from warehouse.db import connect, open_warehouse
    from warehouse.ingest import ingest_paths
    from warehouse.load import load_reference

    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db, path = Path(tmp) / "bench.duckdb", Path(tmp) / "models" / "bench.joblib"
        reports = [PROJECT_ROOT / "warehouse" / "samples"]
        if shared is not None and (shared / "corpus" / "cables").is_dir():
            reports.append(shared / "corpus" / "cables")
        con = open_warehouse(db)
        try:
            load_reference(con)
            ingest_paths(con, reports)
        finally:
            con.close()

        con = connect(db, read_only=True)
        try:
            t0 = time.perf_counter()
            card = train_and_save(con, path).card               # both learners backtested, then the fit
            out["train_s (compare learners + fit + importance)"] = round(time.perf_counter() - t0, 2)
            out["learner"] = card["learner"]
            t0 = time.perf_counter()
            bt = backtest(con, learner=card["learner"])
            out["backtest_s (full, default learner)"] = round(time.perf_counter() - t0, 2)
            out["train + backtest < 30 s"] = (out["train_s (compare learners + fit + importance)"]
                                             + out["backtest_s (full, default learner)"]) < 30
            m, p = bt.overall["model"], bt.overall["persistence"]
            out["backtest years"] = f"{bt.years[0]}-{bt.years[-1]}"
            out["model log_loss / accuracy"] = f"{m['log_loss']:.4f} / {m['accuracy']:.4f}"
            out["persistence log_loss / accuracy"] = f"{p['log_loss']:.4f} / {p['accuracy']:.4f}"

            model = load_model(path)
            t0 = time.perf_counter()
            frame = feature_matrix(con)
            out["feature_matrix_s (all rows)"] = round(time.perf_counter() - t0, 3)
            big = pd.concat([frame] * (ROWS // len(frame) + 1), ignore_index=True).iloc[:ROWS]
            t0 = time.perf_counter()
            proba = model.predict_proba(big)
            dt_pred = time.perf_counter() - t0
            assert proba.shape == (ROWS, 4) and np.allclose(proba.sum(axis=1), 1)
            out[f"predict_s ({ROWS} country-years)"] = round(dt_pred, 3)
            out["predict rows/s"] = int(ROWS / dt_pred)
            t0 = time.perf_counter()
            contributions(model, big)
            out[f"contributions_s ({ROWS} country-years)"] = round(time.perf_counter() - t0, 3)
            out[f"{ROWS} rows < 10 s"] = dt_pred < 10

            files = [f for d in reports for f in sorted(d.glob("*")) if f.suffix in (".txt", ".html", ".pdf")]
            t0 = time.perf_counter()
            scores = score_paths(files, model, con)
            dt_score = time.perf_counter() - t0
            out["score reports"] = int(len(scores))
            out["score errors"] = int(scores["error"].notna().sum())
            out["reports/s end to end (read+detect+extract+features+predict)"] = round(len(scores) / dt_score, 1)
        finally:
            con.close()
    return out


if __name__ == "__main__":
    import sys
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT.parent / "shared"
    for k, v in run(shared if (shared / "corpus").is_dir() else None).items():
        print(f"{k}: {v}")
