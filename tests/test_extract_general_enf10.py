"""Enforcement round 10 (y-enf10): phrasings written for these tests, not taken from any NTE chapter.

Precision (kinds found by the audit of rule output on mining text):
- a sum after a money noun of another kind ("fines worth", "sales valued at", "losses estimated at")
  is no seizure's value, even in a sentence that names a seizure;
- one raid or inspection "of two warehouses" is one event: its objects are no count of raids.
Recall (a construction seen in >= 3 mining chapters besides the one that showed it):
- "investigated N (intellectual property) violations / infringements / offenses": cases opened.
"""
from __future__ import annotations

import pytest

from tests.test_extract_general_enf import ENFORCEMENT, got


@pytest.mark.parametrize("text,expected", [
    # the seizure's value stays a seizure; the fines' sum is not one
    ("In 2015 inspectors carried out 410 inspections seized over 2 million worth of fake goods and imposed fines worth more than 5 million.",
     {("raids", "410", "", 2015), ("seizures", "2000000", "", 2015)}),
    ("Customs seized counterfeit watches in 2012 although sales worth an estimated 40 million continued in the markets.", set()),
    ("Police confiscated pirated discs in 2013; industry losses estimated at 90 million were unchanged.", set()),
    # look-alike: a plain seizure value keeps its fact
    ("In 2016 police seized goods worth more than 3 million.", {("seizures", "3000000", "", 2016)}),
])
def test_round10_money_of_another_kind_is_no_seizure(text, expected):
    assert got(text, ENFORCEMENT) == expected


@pytest.mark.parametrize("text,expected", [
    ("In May 2019 the police seized 4000 counterfeit bags during an inspection of three warehouses near the port.",
     {("seizures", "4000", "unit=items", 2019)}),
    ("A raid on two shops in the capital in 2018 netted 900 pirated discs.",
     {("raids", "1", "", 2018), ("seizures", "900", "unit=discs", 2018)}),
    # look-alikes: raids and inspections counted by their objects stay counts
    ("In 2018 police carried out raids on 45 shops in the capital.", {("raids", "45", "", 2018)}),
    ("Inspections of 120 markets were carried out in 2017.", {("raids", "120", "", 2017)}),
])
def test_round10_one_raid_of_several_premises(text, expected):
    assert got(text, ENFORCEMENT) == expected


@pytest.mark.parametrize("text,expected", [
    ("The economic police reported that it investigated 640 intellectual property violations in 2014.",
     {("criminal_cases_initiated", "640", "", 2014)}),
    ("In 2016 prosecutors investigated 212 copyright infringements, up from 180 in 2015.",
     {("criminal_cases_initiated", "212", "", 2016), ("criminal_cases_initiated", "180", "", 2015)}),
    ("Authorities investigated more than 90 trademark offenses during 2012.", {("criminal_cases_initiated", "90", "", 2012)}),
    # look-alikes: violations found, a study, a plan, administrative violations
    ("Inspectors detected 300 violations at the border in 2014.", set()),
    ("The study investigated 40 markets in 2011.", set()),
    ("The police plan to investigate 500 violations next year.", set()),
])
def test_round10_investigated_violations(text, expected):
    assert got(text, ENFORCEMENT) == expected
    assert got(text.replace(",", ""), ENFORCEMENT) == expected


@pytest.mark.parametrize("text,expected", [
    # the United States as the actor, written "U.S.": no event of the country (review of stop 18)
    ("In 2005 U.S. prosecutors indicted a Jakarta vendor.", set()),
    ("The U.S. government indicted a Jakarta vendor in 2005.", set()),
    # look-alike: the country's own prosecutors
    ("In 2005 Indonesian prosecutors indicted a Jakarta vendor.", {("criminal_cases_to_court", "1", "", 2005)}),
])
def test_review_us_written_with_full_stops_is_not_the_country(text, expected):
    assert got(text, ENFORCEMENT) == expected


@pytest.mark.parametrize("text,expected", [
    # a modal before the first event does not hide a later reported one (review of stop 18)
    ("Police plan to say the owner was convicted; in 2006 a street vendor was convicted of piracy.",
     {("criminal_convictions", "1", "unit=persons", 2006)}),
    # look-alike: only the planned one
    ("Police plan to say the owner was convicted of piracy in 2006.", set()),
])
def test_review_a_modal_before_the_first_event_hides_no_later_one(text, expected):
    assert got(text, ENFORCEMENT) == expected


def test_review_a_full_stop_after_a_word_still_ends_the_clause():
    # a full stop after a word inside the sentence ("etc.") still ends the clause: the United States
    # named before it is not the actor
    assert got("Talks with the United States on optical discs, software etc. continued and in 2005 Indonesian prosecutors indicted a Jakarta vendor.",
               ENFORCEMENT) == {("criminal_cases_to_court", "1", "", 2005)}
