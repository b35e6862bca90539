"""Draw the NTE extraction development set: a fixed-seed sample of the embedded NTE chapters.

    python -m bench.nte_devset            # writes tests/data/nte_devset.csv

Three chapters per NTE edition (1995-2022, 2010 missing from the source), drawn with SEED from
the chapters of countries (the groups "European Union" and "Southern African Customs Union" are
left out: their facts belong to no one country). Within each edition the order of the three is
shuffled with the same seed and the sample is split in two halves: `dev` (rules may be tuned on
it) and `test` (scored once, at the end). Editions alternate between two dev + one test and one
dev + two test, so both halves span every edition.

The chapters were annotated to ../shared/corpus/GOLD_SCHEMA.md before any extractor was run on them
(tests/data/nte_gold.csv).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "warehouse" / "corpus" / "nte_ip_sections.csv.gz"
OUT = ROOT / "tests" / "data" / "nte_devset.csv"
SEED = 301
PER_YEAR = 3
GROUPS = {"European Union", "Southern African Customs Union"}


def chapters(path: Path = CORPUS) -> list[dict]:
    """The embedded NTE chapters in file order, each with its row number and text hash."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, r in enumerate(rows):
        r["row"] = i
        r["sha16"] = hashlib.sha256(r["text"].encode("utf-8")).hexdigest()[:16]
    return rows


def draw(rows: list[dict]) -> list[dict]:
    rng = random.Random(SEED)
    years = sorted({int(r["year"]) for r in rows})
    out = []
    for k, year in enumerate(years):
        pool = [r for r in rows if int(r["year"]) == year and r["country"] not in GROUPS]
        picks = rng.sample(pool, PER_YEAR)
        rng.shuffle(picks)
        halves = ["dev", "test", "dev"] if k % 2 == 0 else ["test", "dev", "test"]
        for r, half in zip(picks, halves):
            out.append({"sample_id": f"NTE{year}_{r['row']:04d}", "year": year, "country": r["country"],
                        "row": r["row"], "sha16": r["sha16"], "chars": len(r["text"]), "half": half})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    sample = draw(chapters())
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(sample[0]))
        w.writeheader()
        w.writerows(sample)
    n_dev = sum(s["half"] == "dev" for s in sample)
    print(f"{len(sample)} chapters ({n_dev} dev, {len(sample) - n_dev} test) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
