"""Batch scoring at corpus scale: `s301 score` over the 1,518 NTE chapters as single chapter files.

    python -m bench.score            # prints the figures (also a section of `make bench`)

A temporary demo warehouse is built the way `make demo` builds it (reference tables, the sample
cables, the embedded NTE package; `s301 train`). Every chapter of the package is written as a text
file of its own under its chapter header line ("<Country>: National Trade Estimate Report <year>,
Intellectual Property Rights"), and `s301 score FOLDER --out x.csv` runs as a subprocess, timed by
the wall clock (interpreter start, imports and writing the CSV included), with and without
`--jobs 2`; so does `s301 score` of the package file itself.

Two warehouses:
- the demo warehouse, which holds every chapter already: each is scored as stored (the target:
  >= 300 reports per second end to end);
- the same without the NTE package (reference tables and sample cables only): every chapter is a
  new report, read, extracted and added to the scratch copy in rounds of one report per country.

The machine is shared: each run is repeated (S301_BENCH_REPEAT, default 3); the best wall clock is
the figure (the least disturbed run), the median and the CPU seconds (this process's children:
the command and its workers) are given beside it, with the load average at the start. One
in-process run splits the time into phases (imports, model, scratch copy, reading, features and
prediction), and the one-at-a-time path (score_each, what `s301 score` did before) is timed on a
sample of chapters for comparison.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "warehouse" / "corpus" / "nte_ip_sections.csv.gz"
SAMPLES = ROOT / "warehouse" / "samples"
S301 = Path(sys.executable).with_name("s301")
TARGET = 300
ONE_BY_ONE_SAMPLE = 60


def write_chapters(folder: Path, package: Path = PACKAGE) -> int:
    """Every chapter of the package as a text file of its own (its stored text: the chapter header
    line, a blank line, the chapter); returns how many."""
    from warehouse.nte import read_package
    folder.mkdir(parents=True, exist_ok=True)
    chapters, _ = read_package(package)
    for ch in chapters:
        (folder / f"{ch.year}_{ch.row:04d}.txt").write_text(ch.text + "\n", encoding="utf-8")
    return len(chapters)


def _s301(*argv: str) -> None:
    subprocess.run([str(S301), *argv], check=True, capture_output=True, text=True)


def build_warehouses(tmp: Path) -> tuple[Path, Path, Path]:
    """(the demo warehouse, the one without the NTE package, the model trained on the demo one)."""
    demo, bare = tmp / "demo.duckdb", tmp / "bare.duckdb"
    for db, inputs in ((demo, [str(SAMPLES), str(PACKAGE)]), (bare, [str(SAMPLES)])):
        _s301("init", "--db", str(db))
        _s301("ingest", *inputs, "--db", str(db), "--no-progress")
    _s301("train", "--db", str(demo), "--models-dir", str(tmp / "models"), "--name", "bench")
    return demo, bare, tmp / "models" / "bench.joblib"


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_score(inputs: list[str], db: Path, model: Path, out: Path, jobs: int) -> dict:
    """Wall clock, CPU seconds and rows of one `s301 score INPUTS --out OUT --jobs JOBS`."""
    out.unlink(missing_ok=True)
    c0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run([str(S301), "score", *inputs, "--out", str(out), "--db", str(db), "--model", str(model),
                    "--no-progress", "--jobs", str(jobs)], check=True, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
    import pandas as pd
    frame = pd.read_csv(out)
    return {"wall": wall, "cpu": cpu, "rows": len(frame), "errors": int(frame["error"].notna().sum())}


PHASES_SCRIPT = r"""
import sys, time, json
T0 = time.perf_counter()
marks, background = {}, {}
def mark(what):
    marks[what] = round(time.perf_counter() - T0, 3)
from warehouse.ingest import make_pool
from warehouse.db import connect
mark("start: interpreter, cli's imports")
con = connect(sys.argv[2], read_only=True)
import recommender.score as S
mark("pandas, pyarrow, duckdb, the scoring module")
orig_collect, orig_background, orig_score, orig_rounds = S._collect, S._scratch_and_rows, S._score_documents, S._rounds
rounds = []
def counted(docs):
    r = orig_rounds(docs); rounds.append(len(r)); return r
def model():
    from recommender.artifact import load_model
    m = load_model(sys.argv[3]); mark("scikit-learn and the model"); return m
def in_background(source):
    t = time.perf_counter()
    r = orig_background(source)
    background["from"], background["to"] = round(t - T0, 3), round(time.perf_counter() - T0, 3)
    return r
def collect(*a):
    r = orig_collect(*a); mark("reading (read, detect, extract if new)"); return r
def score(*a):
    mark("waiting for the scratch copy")
    r = orig_score(*a); mark("feature rows of new reports, prediction, reasons"); return r
S._collect, S._scratch_and_rows, S._score_documents, S._rounds = collect, in_background, score, counted
frame = S.score_paths([sys.argv[1]], model, con)
S.write_scores(frame, sys.argv[4])
mark("output written")
print(json.dumps({"marks": marks, "background": background, "rounds": rounds[0] if rounds else 0}))
"""


def phases(folder: Path, db: Path, model: Path, out: Path) -> str:
    """Where the time goes in one in-process run (--jobs 1): wall seconds of each phase of the main
    thread in order, and the span of the background thread (scratch copy and the view's rows of
    the warehouse as it is), which overlaps them."""
    res = subprocess.run([sys.executable, "-c", PHASES_SCRIPT, str(folder), str(db), str(model), str(out)],
                         check=True, capture_output=True, text=True, cwd=ROOT)
    import json
    data = json.loads(res.stdout.strip().splitlines()[-1])
    parts, before = [], 0.0
    for what, at in data["marks"].items():
        parts.append(f"{what} {at - before:.2f}")
        before = at
    bg = data["background"]
    return (f"{'; '.join(parts)} (total {before:.2f} s, {data['rounds']} rounds of new reports); in a "
            f"background thread meanwhile: scratch copy + the warehouse's feature rows {bg['to'] - bg['from']:.2f} "
            f"(from {bg['from']:.2f} to {bg['to']:.2f})")


def one_by_one(folder: Path, db: Path, model: Path, n: int) -> float:
    """Milliseconds per report of score_each (one report at a time) on n chapters, in-process."""
    from recommender.artifact import load_model
    from recommender.score import score_each
    from warehouse.db import connect
    files = sorted(folder.iterdir())[:: max(1, len(list(folder.iterdir())) // n)][:n]
    m = load_model(model)
    con = connect(db, read_only=True)
    try:
        t0 = time.perf_counter()
        score_each(files, m, con)
        return (time.perf_counter() - t0) / len(files) * 1000
    finally:
        con.close()


def run(shared: Path | None = None) -> dict:
    repeat = int(os.environ.get("S301_BENCH_REPEAT", "3"))
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="s301-bench-score-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "chapters"
        n = write_chapters(folder)
        demo, bare, model = build_warehouses(tmp)
        out["input"] = (f"{n} NTE chapters as single .txt files ({sum(f.stat().st_size for f in folder.iterdir()) / 1e6:.1f} MB), "
                        f"and the package file itself; best of {repeat} runs (wall clock)")
        load_start = os.getloadavg()[0]
        csv = tmp / "x.csv"
        cases = [("chapter files, demo warehouse (all stored)", [str(folder)], demo),
                 ("package file, demo warehouse (all stored)", [str(PACKAGE)], demo),
                 ("chapter files, warehouse without the NTE package (all new)", [str(folder)], bare),
                 ("package file, warehouse without the NTE package (all new)", [str(PACKAGE)], bare)]
        runs: dict[str, list[dict]] = {}
        for _ in range(repeat):   # the configurations in turn, so that a busy minute hits them all
            for label, inputs, db in cases:
                for jobs in (1, 2):
                    runs.setdefault(f"{label}, --jobs {jobs}", []).append(time_score(inputs, db, model, csv, jobs))
        for key, rs in runs.items():
            best, cpu = min(r["wall"] for r in rs), min(r["cpu"] for r in rs)
            out[f"{key}: reports/s"] = round(rs[0]["rows"] / best, 1)
            out[f"{key}: reports per CPU-second"] = round(rs[0]["rows"] / cpu, 1)
            out[f"{key}: seconds best / median / CPU"] = \
                f"{best:.2f} / {statistics.median(r['wall'] for r in rs):.2f} / {cpu:.2f}"
            out[f"{key}: rows / error rows"] = f"{rs[0]['rows']} / {rs[0]['errors']}"
        out["machine load average (1 min) at the start / at the end of the timed runs"] = \
            f"{load_start:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        out["target reports/s (chapter files, demo warehouse)"] = TARGET
        best = max(v for k, v in out.items() if k.startswith("chapter files, demo") and k.endswith("reports/s"))
        out["target met"] = best >= TARGET
        out["phases, chapter files, demo warehouse, in-process (s)"] = phases(folder, demo, model, csv)
        out["phases, chapter files, without the NTE package, in-process (s)"] = phases(folder, bare, model, csv)
        ms = one_by_one(folder, demo, model, ONE_BY_ONE_SAMPLE)
        out[f"one at a time (score_each, the path before), {ONE_BY_ONE_SAMPLE} chapters, demo warehouse: ms/report"] = \
            round(ms, 1)
        out["one at a time: reports/s"] = round(1000 / ms, 1)
    return out


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k}: {v}")
