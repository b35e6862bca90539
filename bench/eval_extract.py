"""Measure the extractors against ../shared/corpus/gold.csv: precision and recall per feature group.

    python -m bench.eval_extract --shared ../shared --out results/extraction_eval.md

Documents: every cable in corpus/html/*.html and corpus/cables/*.txt (both forms, scored
separately and together) and the seed files that gold.csv covers. Text is read with the reading
helper's warehouse.read (the same text that is stored in documents.text); the extractors get the
document's country and kind as ingest would give them.

Scoring (sets per document, so a fact repeated in a document counts once):
  loose  key = (refid, feature, value, country qualifier)   numbers compared after normalisation
  strict key = loose + the feature's key qualifier (treaty status, conviction/seizure unit,
               fine currency, piracy sector, recommendation action, ex officio scope)
Held-out: documents whose refid hashes to bucket 0 of 3 (sha1), except the two worked examples
of DESIGN.md section 4; their errors are not listed by --verbose (only with --show-holdout). The
figures they gave before their errors were first inspected are kept in HELD_OUT_BEFORE_INSPECTION.
Skips cleanly (exit 0) when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html as html_mod
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

GROUPS = {
    "recommendation": ["recommended_status"],
    "listed_status": ["listed_status_mentioned"],
    "enforcement": ["criminal_cases_initiated", "criminal_cases_to_court", "criminal_convictions", "raids",
                    "administrative_cases", "seizures", "fines", "websites_closed"],
    "ex_officio": ["ex_officio_customs", "ex_officio_police"],
    "treaty": ["treaty"],
    "piracy_rate": ["piracy_rate"],
    "other": ["copyright_term_years", "notorious_market"],
    "ocr": ["out_of_cycle_review"],   # project extension (NTE gold): a label / history feature like listed_status
}
KEY_QUALIFIER = {"treaty": "status", "criminal_convictions": "unit", "seizures": "unit", "fines": "currency",
                 "piracy_rate": "sector", "recommended_status": "action", "administrative_cases": "unit",
                 "ex_officio_customs": "scope", "ex_officio_police": "scope"}
TARGETS = {"recommendation": (1.0, 1.0), "enforcement": (0.95, 0.90), "ex_officio": (0.90, 0.85),
           "treaty": (0.90, 0.85), "piracy_rate": (0.90, 0.85)}
# Seed files (named by content hash) and the gold refid each one holds; 003 is not in gold.
SEED_REFIDS = {"000_": ("08ASTANA584", "KAZ", "cable"), "001_": ("09MOSCOW521", "RUS", "cable"),
               "002_": ("PAPER_KAZ_1999", "KAZ", "other"), "004_": ("WTO_KAZ_CHECKLIST", "KAZ", "wto_checklist")}


# The design's worked examples (DESIGN.md section 4 quotes their sentences) are development
# documents by construction, whatever their hash bucket.
DESIGN_EXAMPLES = {"08ASTANA584", "09MOSCOW521"}


# Recorded once, before the held-out documents' errors were first looked at (2026-11-23 19:29 UTC,
# both forms identical). After that they were inspected and fixed with general rules, so the
# current held-out figures are no longer an unseen-data estimate; these are.
HELD_OUT_BEFORE_INSPECTION = {
    "overall": "P 0.900 R 1.000 (tp 27 / fp 3 / fn 0); strict P 0.781 R 0.862",
    "recommendation": "P 1.000 R 1.000 (1/0/0)", "listed_status": "P 1.000 R 1.000 (4/0/0)",
    "enforcement": "P 0.667 R 1.000 (2/1/0)", "ex_officio": "P 1.000 R 1.000 (2/0/0)",
    "treaty": "P 1.000 R 1.000 (15/0/0); strict P 0.765 R 0.765",
    "piracy_rate": "P 0.500 R 1.000 (2/2/0)", "other": "P 1.000 R 1.000 (1/0/0)",
}


def holdout(refid: str) -> bool:
    return refid not in DESIGN_EXAMPLES and int(hashlib.sha1(refid.encode()).hexdigest(), 16) % 3 == 0


def norm_value(feature: str, value: str) -> str:
    value = (value or "").strip()
    try:
        v = float(value.replace(",", ""))
        return str(int(v)) if v == int(v) else repr(v)
    except ValueError:
        return value.lower() if feature == "notorious_market" else value


def parse_q(q: str) -> dict:
    return dict(kv.split("=", 1) for kv in (q or "").split(";") if "=" in kv)


def keys(refid: str, feature: str, value: str, qualifier: str) -> tuple[tuple, tuple]:
    q = parse_q(qualifier)
    loose = (refid, feature, norm_value(feature, value), q.get("country", ""))
    strict = loose + (q.get(KEY_QUALIFIER.get(feature, ""), ""),)
    return loose, strict


# ---------------------------------------------------------------- reading

def read_docs(path: Path) -> list[str]:
    """Document texts of one file, through warehouse.read when it is importable."""
    try:
        from warehouse.read import read_file
        return [d.text for d in read_file(path)]
    except ImportError:
        pass
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        blocks = re.findall(r"<pre[^>]*>(.*?)</pre>", raw, re.S)
        raw = "\n".join(html_mod.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks)
    elif re.match(r"^\S+ \| created", raw):
        raw = raw.split("\n", 2)[2] if raw.count("\n") >= 2 else ""
    return [raw]


PIPELINE = "unknown"


def prepared_docs(path: Path, iso3: str | None, kind: str):
    """(text, DocContext, detected iso3, facts) per document of a file: through
    warehouse.ingest.prepare_file (read -> detect -> extract, exactly what `s301 extract` runs)
    when it is importable, else our own reading with the context taken from index.csv."""
    global PIPELINE
    from warehouse.extract import DocContext, extract_facts
    try:
        from warehouse.ingest import prepare_file
    except ImportError:
        PIPELINE = "fallback reader (index.csv context) + extract_facts"
        out = []
        for t in read_docs(path):
            ctx = DocContext(country_iso3=iso3, kind=kind)
            out.append((t, ctx, None, extract_facts(t, ctx)))
        return out
    PIPELINE = "warehouse.ingest.prepare_file (read -> detect -> extract, as s301 extract)"
    out = []
    for p in prepare_file(path):
        det = p.det
        ctx = DocContext(country_iso3=det.country_iso3, report_date=det.report_date,
                         review_year=det.review_year, kind=det.kind)
        out.append((p.doc.text, ctx, det.country_iso3, p.facts))
    return out


def corpus_docs(shared: Path):
    """(refid, form, path, iso3, kind) for every scored document."""
    from warehouse.extract.common import lookup_country
    corpus = shared / "corpus"
    index = {r["refid"]: r for r in csv.DictReader(open(corpus / "index.csv", newline="", encoding="utf-8"))}
    for refid, row in sorted(index.items()):
        iso = lookup_country(row.get("country", "")) if row.get("country") else None
        for form, sub, ext in (("html", "html", ".html"), ("txt", "cables", ".txt")):
            p = corpus / sub / f"{refid}{ext}"
            if p.exists():
                yield refid, form, p, iso, "cable"
    seeds = shared / "seeds"
    if seeds.is_dir():
        for p in sorted(seeds.iterdir()):
            for prefix, (refid, iso, kind) in SEED_REFIDS.items():
                if p.name.startswith(prefix):
                    yield refid, "seed", p, iso, kind


# ---------------------------------------------------------------- scoring

def score(pred: dict, gold: dict, refids: set[str], which: int) -> dict:
    """Precision/recall per group and overall, restricted to refids; which=0 loose, 1 strict."""
    out = {}
    all_tp = all_fp = all_fn = 0
    for group, feats in GROUPS.items():
        p = {k[which] for k in pred.get(group, set()) if k[0][0] in refids}
        g = {k[which] for k in gold.get(group, set()) if k[0][0] in refids}
        tp, fp, fn = len(p & g), len(p - g), len(g - p)
        all_tp, all_fp, all_fn = all_tp + tp, all_fp + fp, all_fn + fn
        out[group] = _prf(tp, fp, fn)
    out["overall"] = _prf(all_tp, all_fp, all_fn)
    return out


def score_features(pred: dict, gold: dict, refids: set[str], which: int) -> dict:
    """Precision/recall per feature (within each group's sets), restricted to refids."""
    out = {}
    for group, feats in GROUPS.items():
        for feat in feats:
            p = {k[which] for k in pred.get(group, set()) if k[0][0] in refids and k[0][1] == feat}
            g = {k[which] for k in gold.get(group, set()) if k[0][0] in refids and k[0][1] == feat}
            if p or g:
                out[feat] = _prf(len(p & g), len(p - g), len(g - p))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    prec = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    rec = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 3), "recall": round(rec, 3)}


def group_of(feature: str) -> str | None:
    for g, feats in GROUPS.items():
        if feature in feats:
            return g
    return None


def evaluate(shared: Path, verbose: bool = False, show_holdout: bool = False) -> dict:
    gold_rows = list(csv.DictReader(open(shared / "corpus" / "gold.csv", newline="", encoding="utf-8")))
    gold: dict[str, set] = defaultdict(set)
    gold_years: dict[tuple, set] = {}
    pred_years: dict[tuple, set] = defaultdict(set)
    for r in gold_rows:
        grp = group_of(r["feature"])
        if grp:
            lk, sk = keys(r["refid"], r["feature"], r["value"], r["qualifier"])
            gold[grp].add((lk, sk))
            if r.get("ref_year"):
                gold_years.setdefault(lk, set()).add(int(r["ref_year"]))
    preds = {"html": defaultdict(set), "txt": defaultdict(set), "seed": defaultdict(set)}
    evidence = {"html": defaultdict(list), "txt": defaultdict(list), "seed": defaultdict(list)}
    refids = {"html": set(), "txt": set(), "seed": set()}
    n_chars = 0
    t_extract = 0.0
    timed: list = []
    errors = []
    detected = {"agree": 0, "differ": []}
    for refid, form, path, iso, kind in corpus_docs(shared):
        refids[form].add(refid)
        try:
            docs = prepared_docs(path, iso, kind)
        except Exception as exc:  # noqa: BLE001 - report, do not stop
            errors.append(f"{path.name}: {exc}")
            continue
        for text, ctx, det_iso, facts in docs:
            if det_iso is not None:
                if det_iso == iso:
                    detected["agree"] += 1
                else:
                    detected["differ"].append(f"{path.name}: detected {det_iso}, index {iso}")
            n_chars += len(text)
            timed.append((text, ctx))
            for f in facts:
                grp = group_of(f.feature)
                if grp:
                    k = keys(refid, f.feature, f.value, f.qualifier)
                    preds[form][grp].add(k)
                    if form != "txt":
                        pred_years[k[0]].add(f.ref_year)
                    evidence[form][(grp, k)].append(f.sentence[:200])
    results: dict = {"documents": {k: len(v) for k, v in refids.items()}, "errors": errors,
                     "detection": {"country_agrees": detected["agree"], "country_differs": detected["differ"]},
                     "pipeline": PIPELINE}
    seed_ids = refids["seed"]
    for form in ("html", "txt"):
        both = {grp: preds[form][grp] | preds["seed"][grp] for grp in GROUPS}
        ids = refids[form] | seed_ids
        results[form] = {
            "all": {"loose": score(both, gold, ids, 0), "strict": score(both, gold, ids, 1)},
            "held_out": {"loose": score(both, gold, {r for r in ids if holdout(r)}, 0),
                         "strict": score(both, gold, {r for r in ids if holdout(r)}, 1)},
            "developed": {"loose": score(both, gold, {r for r in ids if not holdout(r)}, 0)},
            "features": {"loose": score_features(both, gold, ids, 0), "strict": score_features(both, gold, ids, 1)},
        }
    # ref_year: of the gold facts that give a year and were found, how many carry that year
    found = [k for k in gold_years if k in pred_years]
    right = sum(1 for k in found if gold_years[k] & pred_years[k])
    results["ref_year"] = {"gold_with_year_found": len(found), "year_matches": right,
                           "accuracy": round(right / len(found), 3) if found else None}
    results["held_out_refids"] = sorted(r for r in refids["html"] | seed_ids if holdout(r))
    t_extract = extraction_seconds(timed)
    results["speed"] = {"chars": n_chars, "extract_seconds": round(t_extract, 3),
                        "mb_per_s": round(n_chars / 1e6 / t_extract, 1) if t_extract else None}
    if verbose:
        both = {grp: preds["html"][grp] | preds["seed"][grp] for grp in GROUPS}
        ids = refids["html"] | seed_ids
        for grp in GROUPS:
            p = {k for k in both[grp] if k[0][0] in ids}
            g = {k for k in gold[grp] if k[0][0] in ids}
            pl, gl = {k[0] for k in p}, {k[0] for k in g}
            for k in sorted(pl - gl):
                if holdout(k[0]) and not show_holdout:
                    continue
                ev = next((evidence[f][(grp, kk)] for f in ("html", "seed") for kk in p if kk[0] == k and (grp, kk) in evidence[f]), [""])
                print(f"FP {grp:12} {k}  <- {ev[0][:160]}")
            for k in sorted(gl - pl):
                if holdout(k[0]) and not show_holdout:
                    continue
                print(f"FN {grp:12} {k}")
            sp, sg = {k[1] for k in p}, {k[1] for k in g}
            for k in sorted(sp - sg):
                if k[:4] in gl and (show_holdout or not holdout(k[0])):
                    print(f"QUAL {grp:12} pred {k}  gold {[x for x in sg if x[:4] == k[:4]]}")
    return results


def extraction_seconds(docs: list, rounds: int = 3) -> float:
    """CPU seconds of one extraction pass over the documents (best of `rounds`, after the warm-up
    the evaluation itself was), so other processes on the machine do not inflate it."""
    from warehouse.extract import extract_facts
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for text, ctx in docs:
            extract_facts(text, ctx)
        best = min(best, time.process_time() - t0)
    return best


def render(res: dict) -> str:
    lines = ["# Extraction evaluation", "",
             "Gold: `../shared/corpus/gold.csv`. Sets per document (a fact repeated in a document counts once).",
             "Loose key: (refid, feature, value, country); strict key adds the feature's key qualifier "
             "(treaty status, unit, currency, sector, action, scope). Seeds are scored with each form.",
             f"Documents: {res['documents']}. Held-out refids: {', '.join(res['held_out_refids'])}.", "",
             "Their errors were not looked at until the figures below were recorded; they were then "
             "inspected and fixed with general rules, so the current held-out tables are not an "
             "unseen-data estimate. Held-out loose figures before inspection:", "",
             *[f"- {k}: {v}" for k, v in HELD_OUT_BEFORE_INSPECTION.items()], ""]
    for form in ("html", "txt"):
        for part in ("all", "held_out"):
            lines += [f"## {form} form, {part.replace('_', '-')}", "",
                      "| group | P loose | R loose | P strict | R strict | tp/fp/fn (loose) | target P/R |",
                      "|---|---|---|---|---|---|---|"]
            lo, st = res[form][part]["loose"], res[form][part]["strict"]
            for grp in list(GROUPS) + ["overall"]:
                t = TARGETS.get(grp)
                lines.append(f"| {grp} | {lo[grp]['precision']:.3f} | {lo[grp]['recall']:.3f} | "
                             f"{st[grp]['precision']:.3f} | {st[grp]['recall']:.3f} | "
                             f"{lo[grp]['tp']}/{lo[grp]['fp']}/{lo[grp]['fn']} | "
                             f"{f'{t[0]:.2f}/{t[1]:.2f}' if t else '-'} |")
            lines.append("")
    for form in ("html", "txt"):
        fl, fs = res[form]["features"]["loose"], res[form]["features"]["strict"]
        lines += [f"## per feature, {form} form, all", "",
                  "| feature | P loose | R loose | P strict | R strict | tp/fp/fn (loose) |", "|---|---|---|---|---|---|"]
        for feat, r in fl.items():
            t = fs.get(feat, r)
            lines.append(f"| {feat} | {r['precision']:.3f} | {r['recall']:.3f} | {t['precision']:.3f} | "
                         f"{t['recall']:.3f} | {r['tp']}/{r['fp']}/{r['fn']} |")
        lines.append("")
    det = res.get("detection", {})
    lines += [f"Pipeline: {res.get('pipeline')}. Detected country agrees with index.csv on "
              f"{det.get('country_agrees')} documents; differs on {len(det.get('country_differs', []))}"
              + (": " + "; ".join(det["country_differs"][:8]) if det.get("country_differs") else "") + ".", ""]
    ry = res.get("ref_year", {})
    lines += [f"ref_year (not part of the match keys): of {ry.get('gold_with_year_found')} found gold facts that "
              f"state a year, {ry.get('year_matches')} carry the same ref_year ({ry.get('accuracy')}).", ""]
    sp = res["speed"]
    lines += [f"Extractor speed on the evaluated text: {sp['chars']} chars in {sp['extract_seconds']} s "
              f"= {sp['mb_per_s']} MB/s (one core, extraction only, CPU time, best of 3 passes).", ""]
    if res["errors"]:
        lines += ["Read errors:", *[f"- {e}" for e in res["errors"]], ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("results/extraction_eval.md"))
    ap.add_argument("--verbose", "-v", action="store_true", help="list false positives/negatives (developed part)")
    ap.add_argument("--show-holdout", action="store_true", help="also list errors on the held-out cables")
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "gold.csv").exists():
        print(f"eval_extract: {args.shared}/corpus not found; skipped")
        return 0
    res = evaluate(args.shared, args.verbose, args.show_holdout)
    md = render(res)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(md, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(res, indent=2), encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
