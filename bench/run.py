"""`make bench`: run every benchmark section and write the figures to a results file.

Each section is a module in bench/ with `run(shared: Path | None) -> dict[str, object]`;
a section that fails is reported as failed, the others still run. With --only, the sections not
run keep their figures from the last results file (its .json).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import platform
import traceback
from pathlib import Path

SECTIONS = ["bench.ingest", "bench.model", "bench.score", "bench.ablation", "bench.app"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default="results/bench.md")
    ap.add_argument("--only", nargs="*", help="section module names")
    args = ap.parse_args()
    shared = Path(args.shared) if Path(args.shared, "corpus").is_dir() else None
    results: dict[str, dict] = {}
    out = Path(args.out)
    kept: dict[str, dict] = {}
    if args.only and out.with_suffix(".json").exists():
        kept = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    for name in args.only or SECTIONS:
        print(f"bench: {name} ...", flush=True)
        try:
            results[name] = importlib.import_module(name).run(shared)
        except Exception as exc:  # a broken section is a reported result, not a crash
            traceback.print_exc()
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
        for k, v in results[name].items():
            print(f"  {k}: {v}")
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["# s301 benchmarks", "", f"Run {stamp} on {platform.machine()} "
             f"({platform.python_implementation()} {platform.python_version()}), shared corpus: "
             f"{'yes' if shared else 'no'}.", ""]
    if kept:
        lines[-1:] = [f"(This run: {', '.join(results)}; the other sections are kept from the previous run.)", ""]
        results = {name: results.get(name, kept.get(name)) for name in [*SECTIONS, *kept, *results]
                   if name in results or name in kept}
    for name, figures in results.items():
        lines += [f"## {name}", "", "| measure | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in figures.items()]
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"bench: wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
