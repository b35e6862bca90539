"""How far two annotators of the same chapters agree, and how the extractors score against each.

    python -m bench.annotator_agreement [--first focus2 --second focus2b] [--out results/annotator_agreement.md]

The second annotation (tests/data/nte_gold_<second>.csv, its chapters in nte_<second>set.csv) was made
blind, from the same brief, by annotators who saw neither the first gold nor any extractor output.
Scoring is bench.eval_extract's (loose: chapter, feature, value, country; strict adds the key
qualifier), over the enforcement and ex officio groups and the chapters both annotated. Only figures
are printed: the chapters may be held out, so no sentence or fact of them is shown.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from bench.eval_extract import _prf, group_of, keys, score
from bench.eval_nte import gold_facts, pipeline_facts, sample

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ("enforcement", "ex_officio")


def extractor_facts(picks: list[dict]) -> dict[str, set]:
    """The pipeline's facts of the chapters, keyed as the gold is."""
    stored = pipeline_facts()
    out: dict[str, set] = {g: set() for g in GROUPS}
    for s in picks:
        for f in stored[int(s["row"])][1]:
            grp = group_of(f.feature)
            if grp in GROUPS:
                out[grp].add(keys(s["sample_id"], f.feature, f.value, f.qualifier))
    return out


def combine(a: dict, b: dict, how: str) -> dict:
    """Intersection or union of two fact sets, group by group, on the loose key (strict keys of
    either side are kept for a loose key both hold)."""
    out = {}
    for g in GROUPS:
        la, lb = {k[0] for k in a.get(g, ())}, {k[0] for k in b.get(g, ())}
        want = la & lb if how == "and" else la | lb
        out[g] = {k for k in a.get(g, set()) | b.get(g, set()) if k[0] in want}
    return out


def agreement(first: str, second: str) -> list[tuple[str, dict, dict]]:
    """(comparison, loose scores, strict scores) rows: the second annotator against the first, and
    the extractors against the first, the second, both and either."""
    picks = sample(second)
    ids = {s["sample_id"] for s in picks}
    a = {g: v for g, v in gold_facts([first]).items() if g in GROUPS}
    b = {g: v for g, v in gold_facts([second]).items() if g in GROUPS}
    x = extractor_facts(picks)
    rows = [("second annotator vs first", b, a), ("first annotator vs second", a, b),
            ("extractors vs first", x, a), ("extractors vs second", x, b),
            ("extractors vs facts both annotators hold", x, combine(a, b, "and")),
            ("extractors vs facts either annotator holds", x, combine(a, b, "or"))]
    return [(name, score(p, g, ids, 0), score(p, g, ids, 1)) for name, p, g in rows]


def render(first: str, second: str, rows: list) -> str:
    n = len(sample(second))
    lines = [f"Annotator agreement: {second} re-annotates {n} chapters of {first} blind", "",
             "| comparison (predicted vs reference) | enforcement P / R | ex officio P / R | both P / R (tp/fp/fn) | strict both P / R |",
             "|---|---|---|---|---|"]
    for name, lo, st in rows:
        both, sb = _sum(lo), _sum(st)
        lines.append(f"| {name} | {lo['enforcement']['precision']:.3f} / {lo['enforcement']['recall']:.3f} | "
                     f"{lo['ex_officio']['precision']:.3f} / {lo['ex_officio']['recall']:.3f} | "
                     f"{both['precision']:.3f} / {both['recall']:.3f} ({both['tp']}/{both['fp']}/{both['fn']}) | "
                     f"{sb['precision']:.3f} / {sb['recall']:.3f} |")
    return "\n".join(lines) + "\n"


def _sum(sc: dict) -> dict:
    """The two groups' scores pooled."""
    return _prf(*(sum(sc[g][k] for g in GROUPS) for k in ("tp", "fp", "fn")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", default="focus2")
    ap.add_argument("--second", default="focus2b")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    text = render(args.first, args.second, agreement(args.first, args.second))
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
