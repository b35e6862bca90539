"""Copyright terms and notorious markets phrased as unseen NTE chapters and cables phrase them
(written for these tests), each beside a look-alike that must give nothing."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts

CTX = DocContext(country_iso3="ARE", kind="other")


def values(text: str, feature: str, ctx: DocContext = CTX) -> set[str]:
    return {f.value for f in extract_facts(text, ctx) if f.feature == feature}


@pytest.mark.parametrize("text,expected", [
    # the term as what a right does: "expires 50 years after the death of the author"
    ("The ownership of the copyright expires 50 years after the death of the author in the case of literary works.",
     {"50"}),
    ("In the case of films the copyright expires 50 years after the work was first made public.", {"50"}),
    ("Copyright in sound recordings lasts 50 years from publication.", {"50"}),
    # a law already passed whose amendments "would" extend the term: the term is law
    ("The newly-passed legislation contains amendments that would introduce a rental right and increase the term "
     "of protection to 70 years.", {"70"}),
    ("The law enacted in May extends protection for sound recordings to 70 years.", {"70"}),
])
def test_copyright_terms(text, expected):
    assert values(text, "copyright_term_years") == expected


@pytest.mark.parametrize("text", [
    "A draft bill that would extend the term of protection to 95 years is before Parliament.",
    "The proposed amendments would increase the term of protection to 70 years.",
    "The license expires 5 years after registration.",
    "Counterfeiters face prison terms of up to 10 years.",
    "Patent protection lasts 20 years from filing.",
    "The revised law provides protection for works dating from 50 years prior to accession.",
    "TRIPS requires protection of works created within the last 50 years.",
])
def test_term_look_alikes(text):
    assert values(text, "copyright_term_years") == set()


def test_a_change_of_term_gives_the_new_one():
    assert values("The amendment increased the term of protection of performers' rights from 25 years to 50 years.",
                  "copyright_term_years") == {"50"}


@pytest.mark.parametrize("text,expected", [
    ("Authorities increased enforcement actions against sellers of counterfeit goods at the Ajman China Mall.",
     {"Ajman China Mall"}),
    ("Pirated DVDs are sold openly in stalls at the Dragon Plaza in Dubai.", {"Dragon Plaza"}),
    ("The Deira District markets in Dubai remain on the 2021 Notorious Markets List.", {"Deira District markets"}),
    ("The Karama market remains a notorious market for counterfeit handbags.", {"Karama"}),
    # a place named with a common word counts when it is said to be a market
    ("The Dragon Centre in Dubai remains a major market for pirated DVDs.", {"Dragon Centre"}),
])
def test_markets(text, expected):
    assert values(text, "notorious_market") == expected


@pytest.mark.parametrize("text", [
    "Foreign companies flood the Ivorian market with all types of counterfeit goods.",
    "Counterfeit goods from Asia flood the Emirati market.",
    "Counterfeit goods enter the Nigerian and Ghanaian markets through Lome.",
    "Authorities seized counterfeit goods at the port and sent them to the Dubai Customs Centre for destruction.",
    "Pirated goods are widely available in Asian markets.",
    "The Dubai Exhibition Centre is a hub for trade fairs, including ones where counterfeit goods were seized.",
])
def test_market_look_alikes(text):
    assert values(text, "notorious_market") == set()


# --- issue 11, round 3: constructions from the dev2 sample, in sentences of our own ---

@pytest.mark.parametrize("text,expected", [
    # "the lifetime of the author plus N years"
    ("The 1994 Copyright Act protects musical and dramatic works for the lifetime of the author plus 70 years.", {"70"}),
    ("Works are protected for the lifetime of the author plus 50 years under the 1998 law", {"50"}),
])
def test_lifetime_terms(text, expected):
    assert values(text, "copyright_term_years") == expected


@pytest.mark.parametrize("text,expected", [
    # markets named after "such as" in a sentence about pirated or counterfeit goods
    ("Counterfeit apparel remains widely available in markets such as Karama.", {"Karama"}),
    ("Pirated optical discs are sold openly in street markets such as Santa Ana Market and Rio Lindo",
     {"Santa Ana", "Rio Lindo"}),
    ("Large markets selling counterfeit goods such as La Salada in Buenos Aires continue to operate.", {"La Salada"}),
    # a named place or company listed in the Notorious Markets List
    ("Plaza Bolivar and El Centro popular shopping areas in Caracas are listed in the Notorious Markets List.",
     {"Plaza Bolivar", "El Centro"}),
    ("The Falcon company remains on the 2020 Notorious Markets List for selling piracy devices", {"Falcon"}),
])
def test_markets_such_as_and_listed(text, expected):
    assert values(text, "notorious_market") == expected


@pytest.mark.parametrize("text", [
    "Pirated goods are sold in markets such as those near the border.",
    "Counterfeit goods are found in many markets such as in the capital.",
    "Markets for legitimate products such as Microsoft software have grown.",
    "The United States urges the government to act against the markets listed in the Notorious Markets List.",
    "USTR published the 2020 Notorious Markets List in January.",
])
def test_such_as_and_listed_look_alikes(text):
    assert values(text, "notorious_market") == set()
