"""Phrasings not found in the development corpus, written for these tests: the extractors must
generalise beyond the cables they were refined on (numbers after a verb, fines with a currency,
convictions as an outcome, restricted customs powers, accession as a noun)."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts

CTX = DocContext(country_iso3="IDN", kind="cable")


def facts(text: str, feature: str) -> set[tuple]:
    return {(f.value, f.qualifier, f.ref_year) for f in extract_facts(text, CTX) if f.feature == feature}


@pytest.mark.parametrize("text,feature,expected", [
    ("During 2006, police raided 76 optical disc factories and arrested 1,230 suspects.",
     "raids", ("76", "", 2006)),
    ("Police raided 215 shops selling pirated DVDs in Surabaya last year.",
     "raids", ("215", "", None)),
    ("The directorate imposed fines totaling 2.5 million soles on vendors of counterfeit goods in 2007.",
     "fines", ("2500000", "currency=PEN", 2007)),
    ("Courts imposed fines of PHP 1.5 million in IPR cases.",
     "fines", ("1500000", "currency=PHP", None)),
    ("Twelve criminal cases were filed in court, and three resulted in convictions.",
     "criminal_convictions", ("3", "", None)),
    ("Prosecutors indicted 870 suspects for copyright crimes in 2008.",
     "criminal_cases_to_court", ("870", "", 2008)),
])
def test_enforcement_phrasings(text, feature, expected):
    got = facts(text, feature)
    assert any(g[0] == expected[0] and (not expected[1] or g[1] == expected[1]) and g[2] == expected[2]
               for g in got), got


@pytest.mark.parametrize("text,expected", [
    ("At present, customs can only act upon a court order obtained by the right holder.", "lacks"),
    ("Customs may seize suspect goods only after the right holder files a complaint.", "lacks"),
])
def test_customs_restricted_to_complaints_lacks_ex_officio(text, expected):
    assert expected in {v for v, _, _ in facts(text, "ex_officio_customs")}


def test_accession_as_a_noun():
    text = "Improvements included the completion of Indonesia's accession to the WIPO Internet Treaties."
    got = facts(text, "treaty")
    assert {("WCT", "status=joined", None), ("WPPT", "status=joined", None)} <= got, got


@pytest.mark.parametrize("text,expected", [
    ("We recommend that USTR remove Indonesia from the Watch List this year.", ("none", "action=remove")),
    ("Post recommends that Indonesia be taken off the Watch List.", ("none", "action=remove")),
    ("Post does not recommend any change in Indonesia's status on the Watch List.", ("WL", "action=maintain")),
    ("Mission recommends that Indonesia not be placed on any Special 301 list.", ("none", "action=maintain")),
    ("Post recommends that USTR drop Indonesia from the Priority Watch List and place it on the Watch List.",
     ("WL", "action=lower")),
])
def test_recommendation_phrasings(text, expected):
    assert {(v, q) for v, q, _ in facts(text, "recommended_status")} == {expected}


def test_became_the_nth_member_is_joined():
    assert ("WTO", "status=joined", 2007) in facts("Indonesia became the 150th member of the WTO in 2007.", "treaty")


@pytest.mark.parametrize("text,feature", [
    ("The amended Criminal Code, which would give police ex officio powers, will be submitted to the "
     "National Assembly in 2009.", "ex_officio_police"),
    ("A draft decree that would give customs ex officio authority will be presented to the Cabinet.",
     "ex_officio_customs"),
])
def test_bills_on_their_way_are_pending(text, feature):
    assert "pending" in {v for v, _, _ in facts(text, feature)}


@pytest.mark.parametrize("text,expected", [
    ("Indonesia has never been a party to the Rome Convention.", ("ROME", "status=not_member")),
    ("Indonesia is negotiating a free trade agreement with the United States.", ("FTA", "status=pending")),
])
def test_treaty_negation_and_negotiation(text, expected):
    assert expected in {(v, q) for v, q, _ in facts(text, "treaty")}


@pytest.mark.parametrize("text,expected", [
    ("Malaysia remains on the Priority Watch List, while Indonesia is on the Watch List.", {"WL"}),
    ("In 2008 Indonesia was placed on the Watch List and Malaysia on the Priority Watch List.", {"WL"}),
    ("Indonesia, like Malaysia, remains on the Watch List.", {"WL"}),
])
def test_placements_of_other_countries_in_the_sentence_are_left_out(text, expected):
    assert {v for v, _, _ in facts(text, "listed_status_mentioned")} == expected
