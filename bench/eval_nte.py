"""Measure the extractors on the hand-annotated NTE development set (tests/data/nte_gold_*.csv).

    python -m bench.eval_nte [--half dev|dev2|test|both|fresh|focus|focusdev|focus2] [--verbose]

Each sampled chapter is read from the embedded package (warehouse/corpus/nte_ip_sections.csv.gz)
through the ingest path (warehouse.ingest.prepare_package: the stored text, header line included,
kind nte_chapter, the country and review year of the package), exactly as `s301 ingest` extracts it.
`--raw` extracts the package's text as it is, with kind "other", as the baseline of
results/nte_eval_baseline.md was measured before the NTE reader existed. Scoring is that of bench.eval_extract
(sets per chapter; loose key = chapter, feature, value, country; strict adds the key qualifier).
The gold holds the chapter country's facts only, so extracted facts about another country
(qualifier country=XXX) are left out before scoring. `out_of_cycle_review` is a project extension
of the gold (announced / conducted), scored as the group `ocr` (bench.eval_extract.GROUPS; it also
counts in `overall`, which the baseline of results/nte_eval_baseline.md did not include).

`--verbose` lists the errors, of the dev half only unless `--half test` is asked for explicitly:
the test half is scored once, at the end, and its errors are not for tuning; so is the fresh sample
(bench.nte_devset --fresh, tests/data/nte_gold_fresh.csv). `dev2` is a second development sample
(bench.nte_devset --dev2, tests/data/nte_gold_dev2.csv): its errors may be listed and tuned on.
`focus` (bench.nte_devset --focus, tests/data/nte_gold_focus.csv) is a third held-out sample annotated
for enforcement numbers and ex officio authority only: only those two groups are scored on it.
`focusdev` (bench.nte_devset --focus-dev, tests/data/nte_gold_focusdev.csv) is its development twin,
annotated the same way: its errors may be listed and tuned on. After its second scoring (this
stop's results/nte_eval_focus.md) `focus` became development data too, and `focus2` (bench.nte_devset
--focus2, tests/data/nte_gold_focus2.csv) is the held-out sample of that kind.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import sys
from collections import defaultdict
from pathlib import Path

from bench.eval_extract import GROUPS, TARGETS, group_of, keys, score, score_features
from bench.nte_devset import DEVELOPMENT, LATER, chapters

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# The groups each sample was annotated for (a sample not named here: every group).
# Samples with a set file of their own: every later draw (bench.nte_devset.LATER) and focus2b, the
# second annotation of 60 focus2 chapters.
OWN_SETS = (*LATER, "focus2b")
ANNOTATED = {h: ("enforcement", "ex_officio") for h in OWN_SETS if h.startswith("focus")}
# Samples whose errors may be listed (tuned on); the test half only when asked for explicitly.
LISTABLE = (*DEVELOPMENT, "test")


def sample(half: str) -> list[dict]:
    """The chapters of a half: dev, test, both (dev + test), dev2, or the held-out fresh and focus samples."""
    if half in OWN_SETS:
        return list(csv.DictReader(open(DATA / f"nte_{half}set.csv", newline="", encoding="utf-8")))
    rows = list(csv.DictReader(open(DATA / "nte_devset.csv", newline="", encoding="utf-8")))
    return [r for r in rows if half == "both" or r["half"] == half]


def gold_facts(halves: list[str]) -> dict[str, set]:
    gold: dict[str, set] = defaultdict(set)
    for h in halves:
        for r in csv.DictReader(open(DATA / f"nte_gold_{h}.csv", newline="", encoding="utf-8")):
            grp = group_of(r["feature"])
            if grp:
                gold[grp].add(keys(r["sample_id"], r["feature"], r["value"], r["qualifier"]))
    return gold


def chapter_facts(text: str, iso3: str | None, year: int) -> list:
    """The facts the project extracts from one chapter (its country's own, or unattributed)."""
    from warehouse.extract import DocContext, extract_facts
    ctx = DocContext(country_iso3=iso3, report_date=dt.date(year, 3, 31), review_year=year, kind="other")
    out = []
    for f in extract_facts(text, ctx):
        q = dict(kv.split("=", 1) for kv in (f.qualifier or "").split(";") if "=" in kv)
        if q.get("country") and q["country"] != iso3:
            continue
        out.append(f)
    return out


@functools.lru_cache(maxsize=1)
def pipeline_facts() -> dict[int, tuple[str | None, list, str]]:
    """Package row (0-based) -> (country, facts, stored text) of every chapter, as `s301 ingest`
    extracts them (computed once per process)."""
    from warehouse.ingest import prepare_package
    from warehouse.nte import EMBEDDED_PACKAGE
    out = {}
    for p in prepare_package(EMBEDDED_PACKAGE):
        row = int(p.path.rsplit("#row=", 1)[1]) - 1
        iso3 = p.det.country_iso3
        out[row] = (iso3, [f for f in p.facts if f.qualifiers.get("country", iso3) == iso3], p.doc.text)
    return out


def evaluate(half: str, verbose: bool = False, raw: bool = False) -> dict:
    from warehouse.countries import get_index
    rows = chapters()
    picks = sample(half)
    halves = ["dev", "test"] if half == "both" else [half]
    gold = gold_facts(halves)
    pred: dict[str, set] = defaultdict(set)
    evidence = {}
    idx = get_index()
    stored = None if raw else pipeline_facts()
    for s in picks:
        r = rows[int(s["row"])]
        if raw:
            iso3 = idx.lookup(r["country"].replace("\u2019", "'"))
            facts = chapter_facts(r["text"], iso3, int(r["year"]))
        else:
            facts = stored[int(s["row"])][1]
        for f in facts:
            grp = group_of(f.feature)
            if grp and grp in ANNOTATED.get(half, GROUPS):
                k = keys(s["sample_id"], f.feature, f.value, f.qualifier)
                pred[grp].add(k)
                evidence[k[0]] = f.sentence[:180]
    ids = {s["sample_id"] for s in picks}
    res = {"half": half, "mode": "raw" if raw else "pipeline", "chapters": len(ids), "loose": score(pred, gold, ids, 0),
           "strict": score(pred, gold, ids, 1), "features": score_features(pred, gold, ids, 0)}
    if verbose:
        for grp in GROUPS:
            p, g = {k[0] for k in pred[grp] if k[0][0] in ids}, {k[0] for k in gold[grp] if k[0][0] in ids}
            for k in sorted(p - g):
                print(f"FP {grp:12} {k}  <- {evidence.get(k, '')}")
            for k in sorted(g - p):
                print(f"FN {grp:12} {k}")
    return res


def render(res: dict) -> str:
    lo, st = res["loose"], res["strict"]
    lines = [f"NTE {res['half']} half: {res['chapters']} chapters ({res['mode']})", "",
             "| group | P loose | R loose | P strict | R strict | tp/fp/fn (loose) | target P/R |",
             "|---|---|---|---|---|---|---|"]
    for grp in list(ANNOTATED.get(res["half"], GROUPS)) + ["overall"]:
        t = TARGETS.get(grp)
        lines.append(f"| {grp} | {lo[grp]['precision']:.3f} | {lo[grp]['recall']:.3f} | {st[grp]['precision']:.3f} | "
                     f"{st[grp]['recall']:.3f} | {lo[grp]['tp']}/{lo[grp]['fp']}/{lo[grp]['fn']} | "
                     f"{f'{t[0]:.2f}/{t[1]:.2f}' if t else '-'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["dev", "test", "both", *OWN_SETS], default="dev")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--raw", action="store_true", help="the package's text with kind 'other' (the baseline's way)")
    args = ap.parse_args(argv)
    print(render(evaluate(args.half, args.verbose and args.half in LISTABLE, raw=args.raw)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
