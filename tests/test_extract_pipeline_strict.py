"""A broken rule: the tests see it raise (S301_STRICT_RULES, set by conftest.py); users never get a
traceback from it, only the facts of the rules that work."""
from __future__ import annotations

import os

import pytest

from warehouse.extract import DocContext, extract_facts, piracy
from warehouse.extract.pipeline import STRICT_ENV, strict

TEXT = "The software piracy rate was 85 percent in 2009. Customs lacks ex officio authority."


def _broken(s, ctx):
    raise ZeroDivisionError("a broken rule")


def test_the_suite_runs_strict():
    assert os.environ.get(STRICT_ENV) not in (None, "", "0") and strict()


def test_a_broken_rule_raises_under_the_tests(monkeypatch):
    monkeypatch.setattr(piracy, "extract", _broken)
    with pytest.raises(ZeroDivisionError):
        extract_facts(TEXT, DocContext(country_iso3="PER"))


def test_users_get_the_other_rules_facts_and_no_traceback(monkeypatch):
    before = {f.feature for f in extract_facts(TEXT, DocContext(country_iso3="PER"))}
    assert {"piracy_rate", "ex_officio_customs"} <= before
    monkeypatch.setenv(STRICT_ENV, "0")
    monkeypatch.setattr(piracy, "extract", _broken)
    after = {f.feature for f in extract_facts(TEXT, DocContext(country_iso3="PER"))}
    assert after == before - {"piracy_rate"}
    monkeypatch.delenv(STRICT_ENV)
    assert {f.feature for f in extract_facts(TEXT, DocContext(country_iso3="PER"))} == after
