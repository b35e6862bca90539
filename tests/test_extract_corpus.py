"""The extractors against the real cables' gold facts (skipped without ../shared)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def measured(shared_dir):
    from bench.eval_extract import evaluate
    return evaluate(shared_dir)


@pytest.mark.parametrize("form", ["html", "txt"])
def test_recommendation_is_exact(measured, form):
    r = measured[form]["all"]["strict"]["recommendation"]
    assert r["precision"] == 1.0 and r["recall"] == 1.0, r


@pytest.mark.parametrize("form", ["html", "txt"])
@pytest.mark.parametrize("group,p_min,r_min", [
    ("enforcement", 0.95, 0.90),
    ("ex_officio", 0.90, 0.85),
    ("treaty", 0.90, 0.85),
    ("piracy_rate", 0.90, 0.85),
])
def test_groups_meet_their_levels(measured, form, group, p_min, r_min):
    r = measured[form]["all"]["loose"][group]
    assert r["precision"] >= p_min and r["recall"] >= r_min, r


def test_both_forms_agree(measured):
    assert measured["html"]["all"]["loose"] == measured["txt"]["all"]["loose"]
