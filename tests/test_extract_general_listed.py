"""Placements and out-of-cycle reviews stated in USTR's voice, as NTE chapters and reports phrase
them (written for these tests), each beside a look-alike that must give nothing. Both are label /
history information (warehouse.vocab.LABEL_FEATURES), never same-year model features."""
from __future__ import annotations

import datetime as dt

import pytest

from warehouse.extract import DocContext, extract_facts
from warehouse.vocab import LABEL_FEATURES

CTX = DocContext(country_iso3="OMN", kind="other", report_date=dt.date(2011, 3, 31), review_year=2011)


def listed(text: str, ctx: DocContext = CTX) -> set[tuple]:
    return {(f.value, f.ref_year) for f in extract_facts(text, ctx) if f.feature == "listed_status_mentioned"}


def ocr(text: str, ctx: DocContext = CTX) -> set[tuple]:
    return {(f.value, f.ref_year) for f in extract_facts(text, ctx) if f.feature == "out_of_cycle_review"}


def test_both_are_label_features():
    assert {"listed_status_mentioned", "out_of_cycle_review", "recommended_status"} <= LABEL_FEATURES


# ---------------------------------------------------------------- placements

@pytest.mark.parametrize("text,expected", [
    ("Oman was listed on the Watch List in the 2008 Special 301 Report.", {("WL", 2008)}),
    ("Oman remained on the Priority Watch List in the 2009 Special 301 Report.", {("PWL", 2009)}),
    # not on any list, in the report's words
    ("Oman was not listed in the 2014 Special 301 Report.", {("none", 2014)}),
    ("Oman did not appear in the 2012 Special 301 Report.", {("none", 2012)}),
    ("Oman was not included in the Special 301 Report in 2015.", {("none", 2015)}),
    # a removal from the Watch List, its object between verb and list (the project's convention, as in
    # tests/test_extract.py: a removal gives where the country goes, not the list it leaves)
    ("The United States removed Oman from the Special 301 Watch List in February 2010.", {("none", 2010)}),
    ("In 2021 Oman was removed from the Special 301 Watch List.", {("none", 2021)}),
    ("The United States removed Oman from the Special 301 Report in 2014.", {("none", 2014)}),
    # a move: the list it leaves (the year before) and the list it joins
    ("Oman was downgraded from the Watch List to the Priority Watch List after the 2008 Special 301 process.",
     {("WL", 2007), ("PWL", 2008)}),
    ("Revisions to the copyright law in May 1994 led to the downgrading of Oman from priority foreign country to "
     "the priority watch list.", {("PFC", 1993), ("PWL", 1994)}),
])
def test_placements(text, expected):
    assert listed(text) == expected


@pytest.mark.parametrize("text", [
    "Oman could be placed on the Watch List in the 2012 Special 301 Report.",
    "USTR will decide whether Oman is listed in the 2012 Special 301 Report.",
    "The 2010 Special 301 Report was published in April 2010.",
    "Industry recommended that Oman not be listed in the 2014 Special 301 Report.",
    "The Special 301 Report lists countries that do not provide adequate protection.",
    "Jordan was not listed in the 2014 Special 301 Report.",
    "In November 1994 USTR announced that no action would be taken to elevate Oman to the priority watch list.",
])
def test_placement_look_alikes(text):
    assert listed(text) == set()


def test_a_removal_aimed_at_is_no_removal():
    text = "Oman is developing a cooperation plan with a goal of removing the country from the Watch List."
    assert listed(text) == {("WL", None)}


# ---------------------------------------------------------------- out-of-cycle reviews

@pytest.mark.parametrize("text,expected", [
    ("USTR will conduct an out-of-cycle review of Oman's progress.", {("announced", None)}),
    ("The U.S. Government initiated a Special 301 Out-of-Cycle review focusing on enforcement but the review was "
     "not complete at the time of publication of this report.", {("announced", None)}),
    ("An out-of-cycle review (OCR) was announced in the 2009 Special 301 Report.", {("announced", 2009)}),
    ("USTR is conducting an out-of-cycle review to monitor Oman's implementation of its commitments.",
     {("announced", None)}),
    ("Following an out-of-cycle review in 2008 USTR moved Oman to the Watch List.", {("conducted", 2008)}),
    ("USTR concluded its out-of-cycle review of Oman in January 2009.", {("conducted", 2009)}),
    ("As a result of the 2007 out-of-cycle review, Oman was removed from the Priority Watch List.",
     {("conducted", 2007)}),
])
def test_out_of_cycle_reviews(text, expected):
    assert ocr(text) == expected


@pytest.mark.parametrize("text", [
    "Post recommends an out-of-cycle review of Oman's Watch List status.",
    "If Oman fails to pass the customs law, post would recommend that USTR consider an out-of-cycle review.",
    "IIPA requested that USTR conduct an out-of-cycle review of Oman.",
    "USTR may conduct an out-of-cycle review if progress stalls.",
    "Industry urged an out-of-cycle review.",
    "The ministry bought optical character recognition (OCR) software for its archives.",
    "USTR is conducting an OCR of Oman.",   # the abbreviation alone is not read (precision first)
    "Jordan was the subject of an out-of-cycle review in 2008.",
])
def test_out_of_cycle_look_alikes(text):
    assert ocr(text) == set()
