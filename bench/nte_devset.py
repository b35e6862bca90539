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

    python -m bench.nte_devset --fresh    # writes tests/data/nte_freshset.csv

A second, fresh held-out sample (`fresh`), drawn after the rules of issue 11 had been tuned on the
dev half and the test half had been scored: FRESH_N chapters drawn uniformly with FRESH_SEED from the
chapters of countries not in the first sample, annotated blind the same way, scored once.

    python -m bench.nte_devset --dev2     # writes tests/data/nte_dev2set.csv

A second development sample (`dev2`, DEV2_N chapters, DEV2_SEED, none of the first sample's or the
fresh sample's), annotated blind the same way: rules may be tuned on it, as on the dev half.

    python -m bench.nte_devset --focus    # writes tests/data/nte_focusset.csv

A third held-out sample for the two groups with the fewest facts per chapter (enforcement numbers and
ex officio authority): FOCUS_N chapters drawn with FOCUS_SEED from the chapters of countries in no
earlier sample whose text holds one of FOCUS_WORDS (a broad list fixed before drawing, not the
extractors' own cues), annotated blind for those two groups only, scored once.

    python -m bench.nte_devset --focus-dev    # writes tests/data/nte_focusdevset.csv

Its development twin (`focusdev`): FOCUS_N more chapters drawn the same way with FOCUS_DEV_SEED from
the chapters in no earlier sample (the focus sample's included), annotated blind the same way: rules
and the learned filter may be tuned on it.

    python -m bench.nte_devset --focus2   # writes tests/data/nte_focus2set.csv

A second held-out sample of that kind (`focus2`, FOCUS2_SEED), drawn after the focus sample had been
scored twice and was turned into development data: annotated blind the same way, scored once.

    python -m bench.nte_devset --focus3   # writes tests/data/nte_focus3set.csv

A third one (`focus3`, FOCUS3_SEED), drawn in stop 17 before that stop's rule round, annotated
blind the same way and held out.

    python -m bench.nte_devset --focus-dev2   # writes tests/data/nte_focusdev2set.csv

A second development twin (`focusdev2`, seed 308), drawn after focus3, annotated blind the same way
for the next rule round: rules may be tuned on it.

    python -m bench.nte_devset --focus4       # writes tests/data/nte_focus4set.csv
    python -m bench.nte_devset --focus-dev3   # writes tests/data/nte_focusdev3set.csv
Drawn in stop 18: a fourth held-out sample (`focus4`, seed 309, FOCUS_N chapters) and a third
development twin (`focusdev3`, seed 310) that takes every chapter of the word-filtered pool left
after it (FOCUS_DEV3_N), both annotated blind the same way. After these, no chapter holding
FOCUS_WORDS is left unsampled.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "warehouse" / "corpus" / "nte_ip_sections.csv.gz"
OUT = ROOT / "tests" / "data" / "nte_devset.csv"
SEED = 301
PER_YEAR = 3
FRESH_SEED = 302
FRESH_N = 60
FRESH_OUT = ROOT / "tests" / "data" / "nte_freshset.csv"
DEV2_SEED = 303
DEV2_N = 60
DEV2_OUT = ROOT / "tests" / "data" / "nte_dev2set.csv"
FOCUS_SEED = 304
FOCUS_N = 100
FOCUS_OUT = ROOT / "tests" / "data" / "nte_focusset.csv"
FOCUS_DEV_SEED = 305
FOCUS_DEV_OUT = ROOT / "tests" / "data" / "nte_focusdevset.csv"
FOCUS2_SEED = 306
FOCUS2_OUT = ROOT / "tests" / "data" / "nte_focus2set.csv"
FOCUS3_SEED = 307
FOCUS3_OUT = ROOT / "tests" / "data" / "nte_focus3set.csv"
FOCUS_DEV2_SEED = 308
FOCUS_DEV2_OUT = ROOT / "tests" / "data" / "nte_focusdev2set.csv"
FOCUS4_SEED = 309
FOCUS4_OUT = ROOT / "tests" / "data" / "nte_focus4set.csv"
FOCUS_DEV3_SEED = 310
FOCUS_DEV3_N = 99   # the rest of the pool after focus4
FOCUS_DEV3_OUT = ROOT / "tests" / "data" / "nte_focusdev3set.csv"
FOCUS_WORDS = re.compile(r"ex[ -]officio|own initiative|raid|seiz|convict|prosecut|arrest|indict|sentenc|"
                         r"confiscat|criminal case|court case|complaint", re.I)
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


def draw_fresh(rows: list[dict], first: list[dict], *, seed: int = FRESH_SEED, n: int = FRESH_N,
               half: str = "fresh", words: re.Pattern | None = None) -> list[dict]:
    """n chapters not in the samples drawn before (`first`; countries only; holding `words` if
    given), in package order."""
    taken = {int(s["row"]) for s in first}
    pool = [r for r in rows if r["row"] not in taken and r["country"] not in GROUPS
            and (words is None or words.search(r["text"]))]
    picks = sorted(random.Random(seed).sample(pool, n), key=lambda r: r["row"])
    return [{"sample_id": f"NTE{r['year']}_{r['row']:04d}", "year": int(r["year"]), "country": r["country"],
             "row": r["row"], "sha16": r["sha16"], "chars": len(r["text"]), "half": half} for r in picks]


# The samples after the first, in the order they were drawn: each excludes every earlier one.
# name -> (seed, n, word filter, output file)
LATER = {
    "fresh": (FRESH_SEED, FRESH_N, None, FRESH_OUT),
    "dev2": (DEV2_SEED, DEV2_N, None, DEV2_OUT),
    "focus": (FOCUS_SEED, FOCUS_N, FOCUS_WORDS, FOCUS_OUT),
    "focusdev": (FOCUS_DEV_SEED, FOCUS_N, FOCUS_WORDS, FOCUS_DEV_OUT),
    "focus2": (FOCUS2_SEED, FOCUS_N, FOCUS_WORDS, FOCUS2_OUT),
    "focus3": (FOCUS3_SEED, FOCUS_N, FOCUS_WORDS, FOCUS3_OUT),
    "focusdev2": (FOCUS_DEV2_SEED, FOCUS_N, FOCUS_WORDS, FOCUS_DEV2_OUT),
    "focus4": (FOCUS4_SEED, FOCUS_N, FOCUS_WORDS, FOCUS4_OUT),
    "focusdev3": (FOCUS_DEV3_SEED, FOCUS_DEV3_N, FOCUS_WORDS, FOCUS_DEV3_OUT),
}


# The samples nobody tunes on (figures only, errors never listed) and those rules may be tuned on;
# every sample name (the first draw's halves, each later draw, focus2b) is in exactly one of them.
HELD_OUT = ("test", "fresh", "focus2", "focus2b", "focus3", "focus4")
DEVELOPMENT = ("dev", "dev2", "focus", "focusdev", "focusdev2", "focusdev3")


def draw_all(rows: list[dict], upto: str | None = None) -> dict[str, list[dict]]:
    """The first sample and every later one up to `upto`, each drawn from what the earlier left."""
    out = {"first": draw(rows)}
    for name, (seed, n, words, _) in LATER.items():
        out[name] = draw_fresh(rows, [s for v in out.values() for s in v], seed=seed, n=n, half=name, words=words)
        if name == upto:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=None)
    for name in LATER:   # --fresh, --dev2, --focus, --focusdev, ... (one flag per later sample, its name)
        flags = [f"--{name}"] + ([f"--{name.replace('dev', '-dev', 1)}"] if "focusdev" in name else [])
        ap.add_argument(*flags, dest="which", action="store_const", const=name,
                        help=f"draw the {name} sample ({Path(LATER[name][3]).name})")
    args = ap.parse_args(argv)
    rows = chapters()
    which = args.which
    sample = draw_all(rows, which)[which or "first"]
    args.out = args.out or str(LATER[which][3] if which else OUT)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(sample[0]))
        w.writeheader()
        w.writerows(sample)
    halves = {h: sum(s["half"] == h for s in sample) for h in ("dev", "test", *LATER)}
    print(f"{len(sample)} chapters ({', '.join(f'{n} {h}' for h, n in halves.items() if n)}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
