"""Treaty statements phrased as unseen cables, reports and submissions phrase them (written for
these tests), and the guarantee behind the treaty rules' speed-ups: the gate words and start
stems derived from each rule regex let through every string the regex matches."""
from __future__ import annotations

import re

import pytest

from warehouse.extract import DocContext, extract_facts, treaties
from warehouse.extract.fastmatch import required_words, sample_matches, stem_starts

CTX = DocContext(country_iso3="PER", kind="cable")


def facts(text: str, ctx: DocContext = CTX) -> set[tuple]:
    return {(f.value, f.qualifier, f.ref_year) for f in extract_facts(text, ctx) if f.feature == "treaty"}


# ---------------------------------------------------------------- derived gates

def _matches(rx: re.Pattern, n: int, seed: int) -> list[str]:
    """Up to n clauses holding a random match of rx, with text around it."""
    return sample_matches(rx, n, seed, before="The ministry ", after=" the agreement in 2005",
                          fill="   ae")


@pytest.mark.parametrize("key", list(treaties._RULES))
def test_every_rule_alternative_passes_its_derived_gate_and_stems(key):
    """A rule regex is only tried in clauses holding one of its gate words, and only where one of
    its start stems occurs: both are derived from the regex, so every match must pass them (line
    breaks and runs of spaces inside a phrase included)."""
    rx = treaties._RULES[key]
    assert treaties._GATE_WORDS[key], "every rule has gate words (else it runs on every clause)"
    assert treaties._RULE_STEMS[key], "every rule has start stems (else it is searched everywhere)"
    clauses = _matches(rx, 1800, seed=len(key))
    assert len(clauses) > 300
    for clause in clauses:
        low = clause.lower()
        assert treaties._gate_bits(low) & treaties._RULE_BIT[key], clause
        starts = stem_starts(low, treaties._RULE_STEMS[key])
        assert any(rx.match(clause, p) for p in starts), clause


def test_required_words_of_a_regex():
    rx = re.compile(r"\bnot\s+(?:yet\s+)?(?:member|party)\b|\bhas\s+yet\s+to\s+(?:ratify|join)", re.I)
    assert required_words(rx) == {"member", "party", "ratify", "join"}
    assert required_words(re.compile(r"\w+\s+force|in\s+effect")) == {"force", "effect"}
    assert required_words(re.compile(r"[a-z]+|force")) is None


@pytest.mark.parametrize("text,expected", [
    ("Peru has yet\nto ratify the WIPO Copyright Treaty.", {("WCT", "status=not_member", None)}),
    ("The FTA is not\nyet in force.", {("FTA", "status=pending", None)}),
    ("The government has  no plans to join the Rome Convention.", {("ROME", "status=not_member", None)}),
])
def test_phrases_broken_across_lines(text, expected):
    assert facts(text) == expected


# ---------------------------------------------------------------- phrasings

@pytest.mark.parametrize("text,expected", [
    # a later clause carries on the treaty of an earlier one
    ("Peru and the U.S. signed the Trade Promotion Agreement in April 2006; it entered into force on "
     "February 1, 2009.", {("FTA", "status=signed", 2006), ("FTA", "status=joined", 2009)}),
    ("Peru signed the PTPA in 2006, and the agreement entered into force in February 2009.",
     {("FTA", "status=signed", 2006), ("FTA", "status=joined", 2009)}),
    ("The PTPA was signed in 2006. It entered into force on February 1, 2009.",
     {("FTA", "status=signed", 2006), ("FTA", "status=joined", 2009)}),
    ("Peru signed the WCT in 1997 and ratified it in 2002.",
     {("WCT", "status=signed", 1997), ("WCT", "status=ratified", 2002)}),
    ("The FTA was signed in 2006 and approved by Congress in 2007.",
     {("FTA", "status=signed", 2006), ("FTA", "status=ratified", 2007)}),
    ("Peru acceded to the Madrid Protocol, which entered into force for Peru on January 2, 2018.",
     {("MADRID", "status=joined", 2018)}),
    ("Peru signed the WCT, but the treaty has not yet entered into force for Peru.",
     {("WCT", "status=signed", None), ("WCT", "status=pending", None)}),
    # several treaties, each with its own act
    ("Peru is a member of the Berne Convention and the Paris Convention, has signed the WCT, and plans to "
     "join the WPPT.", {("BERNE", "status=member", None), ("PARIS", "status=member", None),
                        ("WCT", "status=signed", None), ("WPPT", "status=pending", None)}),
    ("Peru joined the WTO in 1995 and signed the FTA in 2006.",
     {("WTO", "status=joined", 1995), ("FTA", "status=signed", 2006)}),
    ("Peru has been a WTO member since 1995, a party to the Berne Convention since 1988, and a signatory "
     "of the WPPT since 1997.", {("WTO", "status=member", None), ("BERNE", "status=member", None),
                                 ("WPPT", "status=signed", 1997)}),
    ("The Government of Peru deposited its instruments of accession to the WCT and the WPPT in 2004 and "
     "2005 respectively.", {("WCT", "status=joined", 2004), ("WPPT", "status=joined", 2005)}),
    ("Peru is not party to the Rome Convention, although it has signed the Beijing Treaty.",
     {("ROME", "status=not_member", None), ("BEIJING", "status=signed", None)}),
    ("Peru has not ratified the WPPT, although it has signed it.", {("WPPT", "status=signed", None)}),
    # accession acts and membership
    ("On May 3, 2005, Peru deposited its instrument of accession to the WIPO Copyright Treaty.",
     {("WCT", "status=joined", 2005)}),
    ("Peru became a contracting party to the Budapest Treaty in 2009.", {("BUDAPEST", "status=joined", 2009)}),
    ("The Senate ratified the Trade Promotion Agreement in December 2007.", {("FTA", "status=ratified", 2007)}),
    ("Peru adheres to the Berne Convention.", {("BERNE", "status=member", None)}),
    ("Peru acceded to the WIPO Internet Treaties (WCT and WPPT) in 2002.",
     {("WCT", "status=joined", 2002), ("WPPT", "status=joined", 2002)}),
    # a treaty named as an obligation is no membership (tests/data/NTE_GOLD.md), an FTA's obligations are
    ("Peru must meet its TRIPS obligations by 2010.", set()),
    ("Peru must meet its FTA obligations by 2010.", {("FTA", "status=member", None)}),
    # not (yet) a member, pending
    ("Peru has signed but not ratified the Beijing Treaty.", {("BEIJING", "status=signed", None)}),
    ("Peru has neither signed nor ratified the Beijing Treaty.", {("BEIJING", "status=not_member", None)}),
    ("Peru is among the 38 countries that have not signed the WCT.", {("WCT", "status=not_member", None)}),
    ("Peru has not yet become a member of UPOV.", {("UPOV", "status=not_member", None)}),
    ("IIPA recommends that Peru join the WCT and WPPT.",
     {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}),
    ("We urge Peru to become a party to the Budapest Treaty.", {("BUDAPEST", "status=not_member", None)}),
    ("Peru is one of the few major economies outside the WTO.", {("WTO", "status=not_member", None)}),
    ("Peru is expected to join the Madrid Protocol in 2010.", {("MADRID", "status=pending", None)}),
    ("Peru is considering whether to join UPOV.", {("UPOV", "status=pending", None)}),
    ("The minister said Peru would join the Madrid Protocol soon.", {("MADRID", "status=pending", None)}),
    ("If Peru joins the WTO, it will have to comply with TRIPS.", {("WTO", "status=pending", None)}),
    ("Peru's WTO accession negotiations stalled over IPR enforcement.", {("WTO", "status=pending", None)}),
])
def test_treaty_phrasings(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ukraine joined the WTO in 2008, while Peru remains outside it.", {("WTO", "status=joined;country=UKR", 2008)}),
    ("Ecuador has not ratified the WPPT, but Peru has.", {("WPPT", "status=not_member;country=ECU", None)}),
    ("Kazakhstan and Kyrgyzstan are both members of the WTO.",
     {("WTO", "status=member;country=KAZ", None), ("WTO", "status=member;country=KGZ", None)}),
])
def test_other_countries_memberships(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text", [
    "Peru's legislation is consistent with the Berne Convention standards.",
    "The new copyright law is TRIPS-consistent.",
    "The delegation discussed the Berne Convention and the WCT with officials.",
    "A WIPO seminar on the WCT and WPPT was held in Lima last month.",
    "The budget for the WTO mission was cut by 10 percent.",
    "Who ratified the WPPT?",
    "Did Peru ratify the FTA?",
    "Congress passed a law implementing the FTA in 2008; it entered into force in January 2009.",
    "Congress passed a law implementing the FTA's IPR chapter. It entered into force in 2007.",
    "The new copyright law entered into force in 2007.",
])
def test_treaty_mentions_that_state_no_membership(text):
    assert facts(text) == set()


@pytest.mark.parametrize("text,expected", [
    ("Peru has signed the 1996 WIPO Copyright Treaty.", {("WCT", "status=signed", None)}),
    ("Peru joined UPOV 1991 in 1996.", {("UPOV", "status=joined", 1996)}),
    ("Peru became the 30th country to ratify the WPPT in 2002.", {("WPPT", "status=ratified", 2002)}),
    ("Peru may join the PCT in 2009.", {("PCT", "status=pending", None)}),
    ("Peru ratified the WCT, which was signed in Geneva in 1996.", {("WCT", "status=ratified", None)}),
])
def test_treaty_versions_and_dates(text, expected):
    assert facts(text) == expected


# ---------------------------------------------------------------- issue 11, dev2 constructions

@pytest.mark.parametrize("text,expected", [
    # a colon list of treaties in semicolon-separated items shares the head's status
    ("Peru is a party to several multilateral IP agreements including: the Berne Convention for the Protection of "
     "Literary and Artistic Works; the Universal Copyright Convention; the Rome Convention; and the Budapest Treaty.",
     {("BERNE", "status=member", None), ("ROME", "status=member", None), ("BUDAPEST", "status=member", None)}),
    ("In 2015 Peru deposited its instruments of accession to three treaties: the Madrid Protocol; the Beijing "
     "Treaty on Audiovisual Performances; and the Patent Cooperation Treaty.",
     {("MADRID", "status=joined", 2015), ("BEIJING", "status=joined", 2015), ("PCT", "status=joined", 2015)}),
    # names contracted or written without 'WIPO'
    ("Peru is a signatory to the WIPO Copyright and Performances and Phonograms Treaties.",
     {("WCT", "status=signed", None), ("WPPT", "status=signed", None)}),
    ("In 2009 Peru ratified the World Intellectual Property Organization (WIPO) Treaties on Copyright and on "
     "Performances and Phonograms.", {("WCT", "status=ratified", 2009), ("WPPT", "status=ratified", 2009)}),
    ("Peru has not yet ratified the Performances and Phonograms Treaty.", {("WPPT", "status=not_member", None)}),
    ("In 2011 Peru joined the Agreement Concerning the International Registration of Marks.",
     {("MADRID", "status=joined", 2011)}),
    # a WTO membership in a relative clause whose sentence ratifies something else
    ("Peru which is a WTO member has ratified its implementing legislation but has not yet enforced it.",
     {("WTO", "status=member", None)}),
    # obligations of an FTA with the US, 'IP' between the name and 'obligations'; the TPA named by acronym
    ("The United States urges Peru to fully implement its PTPA IP obligations.", {("FTA", "status=member", None)}),
    ("Peru amended its copyright law in 2010 to implement the requirements of the TPA.",
     {("FTA", "status=member", None)}),
    # a treaty listed after an FTA named by its obligations is named in passing too
    ("The reform brings Peru into compliance with its obligations under the PTPA IPR Chapter and the WTO TRIPS "
     "Agreement.", {("FTA", "status=member", None)}),
    # a decision made to join: announced; a list of treaties carried on by 'which took effect'
    ("The government has made a formal decision to accede to the Budapest Treaty.",
     {("BUDAPEST", "status=announced", None)}),
    ("Peru's decision in May 2003 to join the Madrid Protocol and the Patent Cooperation Treaty which took effect in "
     "October 2003 was welcomed by industry.", {("MADRID", "status=joined", 2003), ("PCT", "status=joined", 2003)}),
    ("Peru decided to join the Budapest Treaty in 2004. It acceded to the Budapest Treaty in 2006.",
     {("BUDAPEST", "status=joined", 2006)}),
    # the legislation needed to accede not yet enacted: not a member
    ("Peru has not yet fully enacted the legislation needed to enable it to accede to the Budapest Treaty.",
     {("BUDAPEST", "status=not_member", None)}),
    ("Peru joined the World Intellectual Property Organization Copyright Treaty in 2005.",
     {("WCT", "status=joined", 2005)}),
])
def test_dev2_constructions(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected", [
    # semicolons that do not continue a list of treaties headed by a status and a colon
    ("Officials discussed three topics: enforcement; the Rome Convention; and border measures.", set()),
    ("Peru ratified the WPPT in 2002; the Berne Convention was discussed at the seminar.",
     {("WPPT", "status=ratified", 2002)}),
    ("Peru is a party to the Berne Convention; the Rome Convention is still under study by the ministry.",
     {("BERNE", "status=member", None)}),
    ("Peru has joined two treaties: the Madrid Protocol; and the Berne Convention. The ministry is studying the "
     "Rome Convention; the Budapest Treaty; and the Beijing Treaty.",
     {("MADRID", "status=joined", None), ("BERNE", "status=joined", None)}),
    # the TPA named by its plans, and a Trade Promotion Authority, give no membership
    ("Under the TPA Peru will be required to ratify the Budapest Treaty.", {("BUDAPEST", "status=not_member", None)}),
    ("The ministry does not consider its position to be counter to the intellectual property requirements of FTAs.",
     set()),
    ("The WTO TRIPS Agreement obligations were discussed; Peru is a member of the WTO.",
     {("WTO", "status=member", None)}),
    ("The ministry has not decided whether to join the Budapest Treaty.", {("BUDAPEST", "status=pending", None)}),
    ("In 2008 Peru enacted the legislation necessary to accede to the Budapest Treaty.", set()),
    # 'which entered into force' after a clause with its own status is the last treaty's alone
    ("Peru is a party to the Paris Convention and the Patent Cooperation Treaty which entered into force for Peru "
     "in 2009.", {("PARIS", "status=member", None), ("PCT", "status=member", None), ("PCT", "status=joined", 2009)}),
    # 'which when ratified will ...': not ratified yet
    ("Peru has agreed to the WIPO Copyright Treaty which when ratified will extend protection to online works.",
     {("WCT", "status=pending", None)}),
])
def test_dev2_look_alikes(text, expected):
    assert facts(text) == expected


def test_which_took_effect_carries_to_a_list_not_to_a_dated_treaty_before_it():
    """'X in 1995 and Y which entered into force in 2002': the entry is Y's alone."""
    got = facts("Peru ratified the Berne Convention in 1995 and the WPPT which entered into force in 2002.")
    assert ("WPPT", "status=joined", 2002) in got and not any(f[0] == "BERNE" and f[2] == 2002 for f in got)
