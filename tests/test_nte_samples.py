"""The NTE samples and their gold: each sample is what its seed draws, no chapter is in two samples,
and every gold row names a sampled chapter, a known feature and a quote found in the chapter's text."""
from __future__ import annotations

import csv
import functools

import pytest

from bench.eval_extract import group_of
from bench.nte_devset import DEVELOPMENT, HELD_OUT, LATER, OUT, chapters, draw_all

DATA = OUT.parent
SETS = {"first": OUT, **{name: spec[3] for name, spec in LATER.items()}}
# sample name -> the gold files annotated on its chapters (each later sample its own; focus2 twice)
GOLD = {"first": ("dev", "test"), **{name: (name,) for name in LATER}, "focus2": ("focus2", "focus2b")}


@functools.lru_cache(maxsize=1)
def _rows():
    return chapters()


def _read(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", list(SETS))
def test_each_sample_file_is_what_its_seed_draws(name):
    drawn = draw_all(_rows(), None if name == "first" else name)[name]
    stored = _read(SETS[name])
    assert [s["sample_id"] for s in stored] == [s["sample_id"] for s in drawn]
    assert [s["sha16"] for s in stored] == [s["sha16"] for s in drawn]


def test_no_chapter_is_in_two_samples():
    seen: dict[str, str] = {}
    for name, path in SETS.items():
        for s in _read(path):
            assert s["sample_id"] not in seen, (s["sample_id"], seen.get(s["sample_id"]), name)
            seen[s["sample_id"]] = name


def test_the_second_annotation_covers_chapters_of_focus2_only():
    second = {s["sample_id"] for s in _read(DATA / "nte_focus2bset.csv")}
    assert second and second <= {s["sample_id"] for s in _read(SETS["focus2"])}


@pytest.mark.parametrize("name", list(GOLD))
def test_gold_rows_name_sampled_chapters_and_quote_them(name):
    rows = _rows()
    for gold in GOLD[name]:
        ids = {s["sample_id"] for s in _read(SETS[name])}
        if gold == "focus2b":
            ids &= {s["sample_id"] for s in _read(DATA / "nte_focus2bset.csv")}
        for r in _read(DATA / f"nte_gold_{gold}.csv"):
            assert r["sample_id"] in ids, (gold, r["sample_id"])
            assert group_of(r["feature"]), (gold, r["feature"])
            text = " ".join(rows[int(r["sample_id"].split("_")[1])]["text"].split())
            assert " ".join(r["quote"].split()) in text, (gold, r["sample_id"], r["feature"])


def test_every_sample_is_either_held_out_or_development():
    names = {"dev", "test", *LATER, "focus2b"}
    assert set(HELD_OUT) | set(DEVELOPMENT) == names
    assert not set(HELD_OUT) & set(DEVELOPMENT)


def test_each_later_sample_has_its_own_flag(tmp_path):
    from bench.nte_devset import main
    out = tmp_path / "fresh.csv"
    assert main(["--fresh", "--out", str(out)]) == 0
    assert [r["sample_id"] for r in _read(out)] == [r["sample_id"] for r in _read(SETS["fresh"])]
