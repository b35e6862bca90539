"""The held-out figures the app shows beside extracted facts (warehouse/extract/unseen_quality.csv) are
what today's rules score: re-measured with bench.eval_nte (figures only; no error is listed)."""
from __future__ import annotations

import pytest

from warehouse.extract.quality import caveat, unseen_quality

ROWS = unseen_quality()


def test_every_group_of_the_issue_has_a_row_with_its_source():
    assert {r["group"] for r in ROWS} == {"enforcement", "ex_officio", "treaty", "piracy_rate"}
    assert all(r["source"].startswith("bench.eval_nte --half " + r["sample"]) for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["group"])
def test_the_shown_figures_are_what_the_rules_score_today(row):
    from bench.eval_nte import evaluate
    got = evaluate(row["sample"])
    assert got["chapters"] == row["chapters"]
    loose = got["loose"][row["group"]]
    assert (loose["tp"], loose["fp"], loose["fn"]) == (row["tp"], row["fp"], row["fn"]), (
        f"the rules now score {loose} on {row['sample']}: update unseen_quality.csv (and say so)")


def test_caveat_names_each_group_with_its_share_found_and_right():
    text = caveat([{"name": "enforcement numbers", "chapters": 100, "precision": 0.7, "recall": 0.5}])
    assert "enforcement numbers: found 50% of those stated, 70% of those given right" in text
    assert "100 chapters" in text and "open the document" in text
