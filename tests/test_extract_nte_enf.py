"""Enforcement numbers on text the rules were not written on: phrasings written for these tests in
the styles of USTR's NTE chapters (commas and currency signs stripped, some sentence ends
missing), embassy cables and IIPA submissions, each beside a look-alike that must give nothing
(a penalty written into a law, a survey, a projection, a loss in money, another country's figure,
a hypothetical); and the guarantee behind the rules' speed-ups: every prefilter word list is
derived from the rules and lets through every sampled match of every rule."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts
from warehouse.extract.numbers import find_numbers

ENFORCEMENT = {"criminal_cases_initiated", "criminal_cases_to_court", "criminal_convictions", "raids",
               "administrative_cases", "seizures", "fines", "websites_closed"}


def got(text: str, iso: str = "IDN") -> set[tuple]:
    ctx = DocContext(country_iso3=iso, kind="other")
    return {(f.feature, f.value, f.qualifier, f.ref_year) for f in extract_facts(text, ctx) if f.feature in ENFORCEMENT}


# ---------------------------------------------------------------- numbers without commas

@pytest.mark.parametrize("text,expected", [
    ("officials launched 37 300 checks", [(37300, None)]),
    ("fines ranged from 10 000 to over 51 000", [(10000, None), (51000, None)]),
    ("seized 1 500 000 discs and 10000 tapes", [(1500000, None), (10000, None)]),
    ("made 5 756, and 1,200 in 2007", [(5756, None), (1200, None), (2007, None)]),
    # a day and a year, a year and a count: never one number
    ("on January 1 1996 the law", [(1, None), (1996, None)]),
    ("In 2004 160 cases went to trial", [(2004, None), (160, None)]),
    # a table's cells are separated by more than one space
    ("Business Software  1,200.0  68%   1,100.0  73%", [(1200, None), (68, None), (1100, None), (73, None)]),
    # "US 491 million": a dollar amount whose sign was stripped
    ("collected US 491 million in fines", [(491000000, "USD")]),
    ("worth approximately US 1.2 million", [(1200000, "USD")]),
    ("the US 2008 report and BUS 300", [(2008, None), (300, None)]),
])
def test_numbers_grouped_by_spaces_and_stripped_dollars(text, expected):
    assert [(n.value, n.currency) for n in find_numbers(text)] == expected
