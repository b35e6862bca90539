"""Treaty statements as USTR's NTE chapters, embassy cables and IIPA submissions phrase them, written
for these tests (issue 11): each construction beside a look-alike that must not give the same fact.
NTE texts have most commas stripped, so many phrasings come with and without them.

Conventions (tests/data/NTE_GOLD.md): a treaty named in passing or as an obligation (an article of
TRIPS, "TRIPS-consistent", "TRIPS commitments", "compliance with the Berne Convention") is no
membership fact; a country's obligations or commitments under its FTA with the US are FTA
`member`; "is a signatory to" is `signed`.
"""
from __future__ import annotations

import re

import pytest

from warehouse.extract import DocContext, extract_facts, pipeline, treaties
from warehouse.extract.fastmatch import top_alternatives

CTX = DocContext(country_iso3="ECU", kind="other")


def facts(text: str, iso3: str = "ECU") -> set[tuple]:
    ctx = DocContext(country_iso3=iso3, kind="other")
    return {(f.value, f.qualifier, f.ref_year) for f in extract_facts(text, ctx) if f.feature == "treaty"}


# ---------------------------------------------------------------- named in passing

@pytest.mark.parametrize("text", [
    "The amendments were drafted to bring Ecuador's patent law into compliance with the TRIPS Agreement.",
    "A copyright bill bringing Ecuador into conformity with the Berne Convention and TRIPS was signed by the "
    "President in March 2004.",
    "A decree on plant varieties (required by TRIPS) was submitted in 2003 and is still pending before Congress.",
    "To meet its WTO commitments Ecuador has been revising its IPR laws.",
    "Ecuador's data protection regime falls short of its TRIPS obligations.",
    "This appears to conflict with Article 39.3 of the TRIPS Agreement which Ecuador signed in 1994.",
    "A regional agreement signed in 1999 aims at bringing member laws into compliance with the WTO Agreement "
    "on Trade-Related Aspects of Intellectual Property Rights (TRIPS).",
    "Parliament passed three bills in 2004 designed to bring Ecuador up to TRIPS standards.",
    "Ecuador enacted TRIPS-consistent legislation which entered into force in 2005.",
])
def test_a_treaty_named_in_passing_is_no_membership(text):
    assert facts(text) == set()


@pytest.mark.parametrize("text,expected", [
    # the same obligation words beside a treaty the clause does report a status of
    ("Ecuador is a member of the WTO and must bring its laws into compliance with TRIPS.",
     {("WTO", "status=member", None)}),
    ("Ecuador acceded to the Berne Convention in 1999 and its copyright law is TRIPS-consistent.",
     {("BERNE", "status=joined", 1999)}),
    # FTA obligations with the US are membership (NTE_GOLD convention 2)
    ("The United States will continue to monitor Ecuador's implementation of its IPR obligations under the "
     "CAFTA-DR.", {("FTA", "status=member", None)}),
    ("Ecuador amended its trademark law to implement its FTA commitments.", {("FTA", "status=member", None)}),
    ("Ecuador must comply with its obligations under the FTA.", {("FTA", "status=member", None)}),
])
def test_obligation_words_beside_a_membership(text, expected):
    assert facts(text) == expected


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("text,expected", [
    # 'WTO' naming an agreement under the WTO is not the WTO itself
    ("Ecuador is a party to the WTO Agreement on Trade-Related Aspects of Intellectual Property Rights (TRIPS).",
     {("TRIPS", "status=member", None)}),
    ("Ecuador is completing its accession to the WTO Government Procurement Agreement.", set()),
    ("Ecuador joined the WTO in 1996 and is a party to the WTO TRIPS Agreement.",
     {("WTO", "status=joined", 1996), ("TRIPS", "status=member", None)}),
    ("Ecuador acceded to the WTO Agreement in January 1996.", {("WTO", "status=joined", 1996)}),
    # bare names sharing a plural 'Conventions'
    ("The country is also a signatory of the Paris (Stockholm text) and Berne (Paris text) Conventions.",
     {("PARIS", "status=signed", None), ("BERNE", "status=signed", None)}),
    ("In 1996 Ecuador acceded to the Berne and Geneva Conventions.",
     {("BERNE", "status=joined", 1996), ("GENEVA_PHONOGRAMS", "status=joined", 1996)}),
    ("Ecuador is a member of the Paris, Berne and Rome Conventions.",
     {("PARIS", "status=member", None), ("BERNE", "status=member", None), ("ROME", "status=member", None)}),
    # other spellings of the names
    ("Ecuador has not yet ratified the WIPO Treaties on Copyright and Performances and Phonograms.",
     {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}),
    ("Ecuador is a party to the Patent Co-operation Treaty.", {("PCT", "status=member", None)}),
    ("Ecuador is a member of the Bern Convention and the Geneva Phonogram Convention.",
     {("BERNE", "status=member", None), ("GENEVA_PHONOGRAMS", "status=member", None)}),
    ("Ecuador does not yet belong to the Budapest Treaty or the Convention for the Protection of Producers "
     "of Phonograms Against Unauthorized Duplication of Their Phonograms.",
     {("BUDAPEST", "status=not_member", None), ("GENEVA_PHONOGRAMS", "status=not_member", None)}),
    # the Madrid Agreement on indications of source is not the Madrid system of marks
    ("Ecuador is a party to the Madrid Agreement for the Repression of False or Deceptive Indications of "
     "Source on Goods.", set()),
    ("Ecuador is a party to the Madrid Agreement Concerning the International Registration of Marks.",
     {("MADRID", "status=member", None)}),
])
def test_treaty_names(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text", [
    "The delegation travelled to Geneva and Paris for talks on the two conventions.",
    "The Geneva Conventions on the laws of war were not discussed.",
    "Ecuador's negotiators met in Berne and Rome in 2005.",
])
def test_city_names_are_no_treaties(text):
    assert facts(text) == set()


# ---------------------------------------------------------------- status phrasings

@pytest.mark.parametrize("text,expected", [
    ("It has not however joined the Rome Convention.", {("ROME", "status=not_member", None)}),
    ("It has not, however, joined the Rome Convention.", {("ROME", "status=not_member", None)}),
    ("Ecuador belongs to the Berne Convention.", {("BERNE", "status=member", None)}),
    ("Ecuador has signed but has not ratified the WCT and the WPPT.",
     {("WCT", "status=signed", None), ("WPPT", "status=signed", None)}),
    ("Ecuador has signed, but has not yet ratified, the Beijing Treaty.", {("BEIJING", "status=signed", None)}),
    # the US wishing another country would join: not (yet) a member
    ("The United States would like to see Ecuador accede to the WIPO Copyright Treaty and the WIPO "
     "Performances and Phonograms Treaty.", {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}),
    ("The United States hopes that Ecuador will quickly introduce legislation that will ratify the WPPT.",
     {("WPPT", "status=not_member", None)}),
    # ... beside the country's own hopes and plans: pending
    ("Ecuador hopes to ratify the WPPT this year.", {("WPPT", "status=pending", None)}),
    ("The government hopes that Congress will ratify the WPPT soon.", {("WPPT", "status=pending", None)}),
    ("Ecuador has taken steps to join the Madrid Protocol.", {("MADRID", "status=pending", None)}),
    ("Documents for Ecuador's accession to the Patent Cooperation Treaty are presently being drafted.",
     {("PCT", "status=pending", None)}),
    ("Ecuador took the necessary steps to bring into force the WCT on March 6, 2002.",
     {("WCT", "status=joined", 2002)}),
    ("Ecuador is a member of the Patent Cooperation Treaty and became bound by the treaty on May 8 2016.",
     {("PCT", "status=member", None), ("PCT", "status=joined", 2016)}),
])
def test_status_phrasings(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ecuador and the United States signed a free trade agreement in April 2006. Entry into force of this "
     "agreement will require new rules on test data.",
     {("FTA", "status=signed", 2006), ("FTA", "status=pending", None)}),
    ("Ecuador and the United States signed a free trade agreement in April 2006. Since the entry into force of "
     "the agreement in 2009 Ecuador has hired 40 new examiners.",
     {("FTA", "status=signed", 2006), ("FTA", "status=joined", 2009)}),
])
def test_entry_into_force_to_come(text, expected):
    assert facts(text) == expected


# ---------------------------------------------------------------- several treaties, several acts

@pytest.mark.parametrize("text,expected", [
    ("Ecuador and the United States signed a bilateral IPR agreement in 1991 and Ecuador is a party to the "
     "TRIPS Agreement.", {("TRIPS", "status=member", None)}),
    ("Ecuador signed the FTA in 2006 and is a member of the WTO.",
     {("FTA", "status=signed", 2006), ("WTO", "status=member", None)}),
    ("Ecuador ratified the WCT in 2004 and is preparing to join the WPPT.",
     {("WCT", "status=ratified", 2004), ("WPPT", "status=pending", None)}),
    # NTE lists without commas
    ("In 2010 Ecuador acceded to the WCT the WPPT and the Budapest Treaty.",
     {("WCT", "status=joined", 2010), ("WPPT", "status=joined", 2010), ("BUDAPEST", "status=joined", 2010)}),
    ("Ecuador is a member of the Paris Convention Berne Convention Rome Convention and the WIPO Copyright Treaty.",
     {("PARIS", "status=member", None), ("BERNE", "status=member", None), ("ROME", "status=member", None),
      ("WCT", "status=member", None)}),
    ("Ecuador acceded to the WCT in 2002 and the Budapest Treaty in 2008.",
     {("WCT", "status=joined", 2002), ("BUDAPEST", "status=joined", 2008)}),
    # a country and the US in one clause: the act is theirs together
    ("Ecuador and the United States signed the Trade Promotion Agreement in 2006.",
     {("FTA", "status=signed", 2006)}),
])
def test_several_treaties_and_acts(text, expected):
    assert facts(text) == expected


# ---------------------------------------------------------------- anaphora

@pytest.mark.parametrize("text,expected", [
    ("Ecuador signed the WCT and the WPPT in 1997. It has not yet ratified either treaty.",
     {("WCT", "status=signed", 1997), ("WPPT", "status=signed", 1997),
      ("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}),
    # ... unless the United States is the one that ratified them
    ("Ecuador signed the WCT and the WPPT in 1997. The United States has ratified both treaties.",
     {("WCT", "status=signed", 1997), ("WPPT", "status=signed", 1997),
      ("WCT", "status=ratified;country=USA", None), ("WPPT", "status=ratified;country=USA", None)}),
    # 'the Convention Relating to ...' names another convention: no anaphor
    ("Ecuador is a party to the Berne Convention. It intends to join the Convention Relating to the "
     "Distribution of Programme-Carrying Signals Transmitted by Satellite.", {("BERNE", "status=member", None)}),
])
def test_anaphora(text, expected):
    assert facts(text) == expected


# ---------------------------------------------------------------- derived keywords

def test_keywords_are_derived_from_the_names_and_rules():
    """Every treaty name the rules know holds one of the module's keywords, so the pipeline's one-pass
    prefilter never passes over a sentence that names a treaty."""
    kws = [k.lower() for k in treaties.KEYWORDS]
    for lit in treaties._LIT_INFO:
        assert any(k in lit for k in kws), lit


def test_keywords_let_through_every_sampled_anaphor_and_carry():
    """Random matches of the anaphor and sentence-start carry rules (sampled from the regexes, as the
    gate test samples the status rules) each hold a keyword that the pipeline finds."""
    from tests.test_extract_general_treaty import _matches
    for rx in (treaties._ANAPHOR, treaties._PLURAL, treaties._LEAD_CARRY, treaties._CITY_LIST):
        clauses = _matches(rx, 800, seed=11)
        assert len(clauses) > 200
        for clause in clauses:
            m = rx.search(clause)
            assert pipeline.keyword_hits(m.group(0)) or any(
                k in m.group(0).lower() for k in treaties.KEYWORDS), m.group(0)


def test_passing_rules_sampled_pass_their_gate_and_stems():
    """The in-passing trigger is tried only in sentences holding one of its gate words and only where
    one of its start stems occurs (both derived from the regex): every sampled match passes both."""
    from tests.test_extract_general_treaty import _matches
    rx = treaties._PASSING_BEFORE
    assert treaties._PASSING_BEFORE_WORDS and treaties._PASSING_STEMS
    clauses = _matches(rx, 1500, seed=5)
    assert len(clauses) > 300
    auto = treaties._passing_automaton()
    for clause in clauses:
        low = clause.lower()
        assert treaties._PASSING_BEFORE_GATE.search(low), clause
        m = rx.search(clause)
        assert any(low.startswith(stem, m.start()) for stem in treaties._PASSING_STEMS), clause
        if auto is not None:
            assert m.start() in {end - n + 1 for end, n in auto.iter(low)}, clause


@pytest.mark.parametrize("text,expected", [
    # a trigger, then only determiners and possessives before the name
    ("This conflicts with Ecuador's TRIPS obligations and with Articles 39.1 and 39.3 of the WTO TRIPS Agreement.",
     set()),
    ("Ecuador is a member of the WTO under whose rules it must protect test data.",
     {("WTO", "status=member", None)}),
])
def test_passing_needs_the_trigger_next_to_the_name(text, expected):
    assert facts(text) == expected


# ---------------------------------------------------------------- more passing constructions

@pytest.mark.parametrize("text", [
    "Ecuador is obligated to implement the TRIPS Agreement by January 1 2000.",
    "In June 2008 Ecuador introduced legislation to implement the WIPO Internet Treaties.",
    "The amendments fall short of the standards embodied in the WCT and the WPPT.",
    "Ecuador amended its patent law to comply with the Uruguay Round TRIPS Agreement.",
    "Ecuador's delegation presented the draft law to the WTO Trade Related Aspects of Intellectual Property "
    "Rights (TRIPS) Council in June 2001 and member delegations asked questions.",
    "The court will decide whether the law conflicts with Ecuador's obligations under the Paris Convention for "
    "the Protection of Industrial Property and the Agreement on Trade-Related Aspects of Intellectual Property "
    "Rights (TRIPS Agreement).",
])
def test_more_obligations_named_in_passing(text):
    assert facts(text) == set()


@pytest.mark.parametrize("text,expected", [
    ("Ecuador acceded to the WIPO Internet Treaties in 2008 and introduced legislation to implement them.",
     {("WCT", "status=joined", 2008), ("WPPT", "status=joined", 2008)}),
    ("As a member of the WTO Ecuador is subject to the terms of the TRIPS Agreement.",
     {("WTO", "status=member", None)}),
    ("Ecuador has applied for WTO membership.", {("WTO", "status=pending", None)}),
    ("Ecuador has ratified the Berne Convention and the Geneva Phonograms Convention but not the Paris Convention.",
     {("BERNE", "status=ratified", None), ("GENEVA_PHONOGRAMS", "status=ratified", None),
      ("PARIS", "status=not_member", None)}),
    ("Ecuador has signed but not yet ratified the Beijing Treaty.", {("BEIJING", "status=signed", None)}),
    ("Ecuador signed the WCT and the WPPT in 1997. Ecuador has stated that it does not intend to accede to "
     "these treaties.", {("WCT", "status=signed", 1997), ("WPPT", "status=signed", 1997),
                         ("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}),
    ("Ecuador signed the WCT and the WPPT in 1997. The United States has ratified both treaties and would "
     "like Ecuador to do the same.", {("WCT", "status=signed", 1997), ("WPPT", "status=signed", 1997),
                                     ("WCT", "status=ratified;country=USA", None),
                                     ("WPPT", "status=ratified;country=USA", None)}),
    ("The U.S. has urged Ecuador to ratify the WPPT.", {("WPPT", "status=not_member", None)}),
    ("Ecuador's Congress approved accession to the Paris Geneva and Bern Conventions.",
     {("PARIS", "status=ratified", None), ("GENEVA_PHONOGRAMS", "status=ratified", None),
      ("BERNE", "status=ratified", None)}),
    ("Ecuador belongs to the Rome Convention and the Geneva Convention for Phonograms.",
     {("ROME", "status=member", None), ("GENEVA_PHONOGRAMS", "status=member", None)}),
])
def test_more_status_constructions(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a multilateral treaty's own entry into force is no country's act ...
    ("The WIPO Internet Treaties entered into force in 2002.", set()),
    ("Ecuador signed the WCT and the WPPT in 1997. These treaties entered into force in 2002 and have many "
     "parties.", {("WCT", "status=signed", 1997), ("WPPT", "status=signed", 1997)}),
    # ... unless the clause names the country or its act of joining, or the treaty is its FTA with the US
    ("The WCT entered into force for Ecuador on March 6 2002.", {("WCT", "status=joined", 2002)}),
    ("Ecuador's decision in 1998 to join the Paris Convention which took effect in December 1998 was welcome.",
     {("PARIS", "status=joined", 1998)}),
    ("The Trade Promotion Agreement entered into force on February 1 2009.", {("FTA", "status=joined", 2009)}),
    # a plural refers to two treaties or more
    ("Ecuador is not obligated under WTO rules to join the WCT. These treaties set international norms.", set()),
])
def test_entry_into_force_of_the_treaty_itself(text, expected):
    assert facts(text) == expected


def test_a_treaty_resolved_from_the_previous_sentence_is_less_certain():
    text = "Ecuador signed the WCT and the WPPT in 1997. It has not yet ratified either treaty."
    got = {(f.value, f.qualifier): (f.extractor, f.confidence) for f in extract_facts(text, CTX)}
    assert got[("WCT", "status=signed")] == ("treaties.clause", 0.8)
    assert got[("WCT", "status=not_member")] == ("treaties.antecedent", 0.6)
    assert got[("WPPT", "status=not_member")] == ("treaties.antecedent", 0.6)


def test_an_anaphor_beside_a_treaty_named_in_passing():
    text = ("Ecuador signed ACTA in 2011. Ecuador has yet to ratify the agreement but introduced legislation to "
            "meet its ACTA commitments.")
    assert facts(text) == {("ACTA", "status=signed", 2011), ("ACTA", "status=not_member", None)}


# ---------------------------------------------------------------- fast paths on text that is not ASCII

def _all_sentences() -> list[str]:
    import inspect
    import sys
    out = []
    for name, obj in inspect.getmembers(sys.modules[__name__]):
        for mark in getattr(obj, "pytestmark", []):
            if mark.name == "parametrize":
                for case in mark.args[1]:
                    out.append(case[0] if isinstance(case, tuple) else case)
    return [t for t in out if isinstance(t, str)]


def test_the_fast_paths_give_what_the_plain_search_gives_on_text_that_is_not_ascii(monkeypatch):
    """The lower-cased text stands for the text (stems, lowered splits) also where it holds curly quotes
    or accents: each phrasing above, made non-ASCII, gives the same facts with the fast paths off."""
    variants = []
    for t in _all_sentences():
        variants.append(t.replace("'", "\u2019").replace("Ecuador", "\u00c9cuador") + " \u2014")
        variants.append(t.replace(" ", "\u00a0", 3))   # white space outside ASCII: the plain search
    ctx = DocContext(country_iso3="ECU", kind="other")
    fast = [sorted((f.value, f.qualifier, f.ref_year) for f in extract_facts(v, ctx)) for v in variants]
    monkeypatch.setattr(treaties, "_aligned", lambda text, low: False)
    slow = [sorted((f.value, f.qualifier, f.ref_year) for f in extract_facts(v, ctx)) for v in variants]
    assert len(variants) > 150
    assert fast == slow


# ---------------------------------------------------------------- found on NTE chapters outside the development set

@pytest.mark.parametrize("text,expected", [
    # '... which entered into force ...' without its comma (NTE text) is a clause of its own
    ("In 2012 Ecuador ratified the WPPT which entered into force on February 16 2013.",
     {("WPPT", "status=ratified", 2012), ("WPPT", "status=joined", 2013)}),
    # a plural in a parenthesis refers to the treaties named before it in its clause
    ("Ecuador's law fails to implement the obligations of the WCT and the WPPT (Ecuador is a party to both "
     "agreements).", {("WCT", "status=member", None), ("WPPT", "status=member", None)}),
    ("Ecuador departs from the law where needed to comply with its obligations under the WTO Trade Related "
     "Aspects of Intellectual Property Rights Agreement (TRIPS Agreement).", set()),
    # an FTA's obligations are membership whatever the clause says of other treaties
    ("To comply with CAFTA-DR the Congress of Ecuador must ratify the Patent Cooperation Treaty.",
     {("FTA", "status=member", None), ("PCT", "status=not_member", None)}),
    ("The CAFTA-DR obligations will require Ecuador to accede to UPOV.",
     {("FTA", "status=member", None), ("UPOV", "status=not_member", None)}),
    ("The FTA will require that Ecuador accede to the Budapest Treaty.", {("BUDAPEST", "status=not_member", None)}),
    ("Ecuador amended its laws in preparation for the entry into force of the FTA.", {("FTA", "status=pending", None)}),
    # 'countries that are signatories' are other countries
    ("Broadcasters must pay royalties to artists from countries that are signatories of the Rome Convention.",
     set()),
    ("Ecuador is one of the countries that are party to the Rome Convention.", {("ROME", "status=member", None)}),
])
def test_constructions_seen_outside_the_development_set(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected", [
    # '..., which took effect ...' carries on no treaty named in passing
    ("This is contrary to Ecuador's obligations under Article 39.3 of the TRIPS Agreement which took effect on "
     "January 1 2000.", set()),
    ("Ecuador joined the WTO in 1996 and acceded to the Patent Cooperation Treaty which entered into force for "
     "Ecuador in 2001.", {("WTO", "status=joined", 1996), ("PCT", "status=joined", 2001)}),
    # an FTA named by its obligations is a membership, with no date
    ("Ecuador's FTA implementing legislation which Congress approved in August 2004 did not implement the FTA "
     "commitments on patents.", {("FTA", "status=member", None)}),
    ("In 1996 as required by the NAFTA the Government of Ecuador approved a Plant Varieties Protection Act.",
     {("FTA", "status=member", None)}),
])
def test_carries_and_fta_obligations(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected", [
    # what is agreed, enabled, worked for or sent for ratification is pending
    ("Ecuador also agreed to sign and ratify the WIPO Copyright Treaty by December 31 2004.",
     {("WCT", "status=pending", None)}),
    ("In 2007 Ecuador amended its Trademark Law to enable accession to the Madrid Protocol.",
     {("MADRID", "status=pending", None)}),
    ("Ecuador is reforming its plant variety rules as part of its efforts to join UPOV.",
     {("UPOV", "status=pending", None)}),
    ("In 2016 Ecuador continued to move forward on accession to the Madrid Protocol.",
     {("MADRID", "status=pending", None)}),
    ("The Government is preparing to send two WIPO treaties to the Senate for ratification.",
     {("WCT", "status=pending", None), ("WPPT", "status=pending", None)}),
    ("If this bill passes the government will determine whether to accede to the WCT.",
     {("WCT", "status=pending", None)}),
    # legislation enacted to ratify, ratification by the country: ratified
    ("On December 28 1994 Ecuador's Congress enacted legislation to ratify the Paris Convention.",
     {("PARIS", "status=ratified", 1994)}),
    ("Ecuador adopted legislation in 1999 to ratify the WIPO Copyright Treaty.", {("WCT", "status=ratified", 1999)}),
    ("Ratification by Ecuador of the Berne Convention in June 1997 ended the reprinting of textbooks.",
     {("BERNE", "status=ratified", 1997)}),
    # what must still be done, or what others urge or call for: not a member
    ("The report noted the need to enact legislation to ratify the Budapest Treaty.",
     {("BUDAPEST", "status=not_member", None)}),
    ("Under the TPA Ecuador will be obligated also to ratify the Budapest Treaty.",
     {("BUDAPEST", "status=not_member", None)}),
    ("The United States continues to urge Ecuador to proceed with steps to join the WIPO Internet Treaties.",
     {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}),
    ("The United States urged Ecuador to amend the 1999 Act to make it consistent with UPOV 1991 and to accede "
     "to this convention.", {("UPOV", "status=not_member", None)}),
    ("The regional agreement calls for Ecuador to ratify the WIPO treaties within four years.",
     {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}),
])
def test_more_acts_seen_outside_the_development_set(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected,iso3", [
    # a modal with a few words before the act; not a distant verb
    ("To date Ecuador has not introduced draft legislation that would ratify the WIPO treaties.",
     {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}, "ECU"),
    ("Ecuador is committed to working within the WTO and would have to evaluate carefully adhering to any "
     "other agreement.", set(), "ECU"),
    ("The government is also working to promote the ratification of the WIPO treaties.",
     {("WCT", "status=pending", None), ("WPPT", "status=pending", None)}, "ECU"),
    ("Ecuador submitted the WPPT to Congress for ratification.", {("WPPT", "status=pending", None)}, "ECU"),
    # other countries urged to join are not the country
    ("Ecuador and the EU regularly encourage other countries to sign up to the WCT.", set(), "ECU"),
    ("Ecuador is bringing its laws into compliance with the WTO's Agreement on Trade- Related Aspects of "
     "Intellectual Property Rights (TRIPS Agreement) as part of its effort to join the WTO.",
     {("WTO", "status=pending", None)}, "ECU"),
    # an FTA between two other countries is no FTA with the US; what an FTA calls for is not the FTA's state
    ("The Chile-Ecuador FTA calls for Ecuador to ratify the WCT.", {("WCT", "status=not_member", None)}, "ECU"),
    ("The U.S.-Ecuador FTA calls for Ecuador to ratify the WCT.", {("WCT", "status=not_member", None)}, "ECU"),
    # an FTA framing the act ('under', 'in the CAFTA-DR ...') takes no status but membership (the commitments
    # made under it are membership, NTE_GOLD.md convention 2)
    ("Under the FTA Ecuador is obligated to accede to the WCT.",
     {("FTA", "status=member", None), ("WCT", "status=not_member", None)}, "ECU"),
    ("Under KORUS Korea agreed to join key multilateral agreements.", {("FTA", "status=member", None)}, "KOR"),
    ("In the CAFTA-DR Ecuador agreed to ratify UPOV by January 1 2006.",
     {("FTA", "status=member", None), ("UPOV", "status=pending", None)}, "ECU"),
    ("Under its FTA with the United States Ecuador protects test data for five years.",
     {("FTA", "status=member", None)}, "ECU"),
    ("The referendum will decide Ecuador's participation in the Central American Free Trade Agreement.",
     {("FTA", "status=pending", None)}, "ECU"),
])
def test_third_round_outside_the_development_set(text, expected, iso3):
    assert facts(text, iso3) == expected


@pytest.mark.parametrize("text,expected", [
    # legislation to ratify, signed and sent on, leaves the treaty pending; enacted, it ratifies
    ("Legislation to ratify the WIPO Copyright Treaty was signed by the President and sent to Congress for its "
     "consideration.", {("WCT", "status=pending", None)}),
    ("Congress enacted legislation to ratify the WIPO Copyright Treaty in 2001.", {("WCT", "status=ratified", 2001)}),
    # accession still to be completed
    ("Upon completion of its WTO accession Ecuador would be required to protect test data.",
     {("WTO", "status=pending", None)}),
    ("Following the completion of its WTO accession in 1996 Ecuador amended its patent law.",
     {("WTO", "status=joined", 1996)}),
    # 'but has ...' opens a new predicate
    ("Ecuador adheres to the Berne Convention but has refused to join the Rome Convention.",
     {("BERNE", "status=member", None), ("ROME", "status=not_member", None)}),
])
def test_fourth_round_outside_the_development_set(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text,expected,iso3", [
    ("The WIPO Copyright Treaty to which Ecuador is a party contains an agreed statement on digital copies.",
     {("WCT", "status=member", None)}, "ECU"),
    ("Ecuador also adhered to a number of international conventions in 1995 including the Patent Cooperation "
     "Treaty.", {("PCT", "status=joined", 1995)}, "ECU"),
    ("Ecuador's signing of ACTA in October 2011 and ratification of ACTA in September 2012 were positive steps.",
     {("ACTA", "status=signed", 2011), ("ACTA", "status=ratified", 2012)}, "ECU"),
    ("Ecuador was one of the first countries to ratify the WIPO Copyright Treaty.",
     {("WCT", "status=ratified", None)}, "ECU"),
    ("In preparing for its WTO accession Ecuador amended its IPR laws.", {("WTO", "status=pending", None)}, "ECU"),
    ("To facilitate its WTO accession Ecuador continues to modernize its IPR laws.",
     {("WTO", "status=pending", None)}, "ECU"),
    ("After the amended Copyright Act comes into force Ecuador will initiate procedures to sign and ratify the WCT.",
     {("WCT", "status=pending", None)}, "ECU"),
    ("The United States encourages Ecuador to proceed with full accession to the WIPO Internet Treaties.",
     {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}, "ECU"),
    ("Concerns remain over Ecuador's failure to ratify the 1991 Act of UPOV.",
     {("UPOV", "status=not_member", None)}, "ECU"),
    ("Ecuador needs to accede to the WIPO Internet-related treaties.",
     {("WCT", "status=not_member", None), ("WPPT", "status=not_member", None)}, "ECU"),
    # the commitments a country made under its FTA with the US are membership; future ones are not
    ("Under KORUS Korea agreed to join key multilateral IP agreements.", {("FTA", "status=member", None)}, "KOR"),
    ("Under the TPA Ecuador will be obligated to ratify the Budapest Treaty.",
     {("BUDAPEST", "status=not_member", None)}, "ECU"),
])
def test_fifth_round_outside_the_development_set(text, expected, iso3):
    assert facts(text, iso3) == expected


@pytest.mark.parametrize("text,expected", [
    ("In October 2017 Ecuador submitted its instruments of accession and ratification of three treaties: the "
     "WIPO Copyright Treaty the Marrakesh Treaty and the Beijing Treaty.",
     {("WCT", "status=joined", 2017), ("BEIJING", "status=joined", 2017)}),
    ("Applications will rise with the increase that the signing of a free trade agreement with the United States "
     "will produce.", set()),
    # a past ratification the legislation prepared for is not pending (nor read as a ratification here)
    ("Legislation passed in preparation for Ecuador's ratification of the Madrid Protocol in March 2000 helps "
     "applicants.", set()),
])
def test_coordinated_acts_and_dated_signing(text, expected):
    assert facts(text) == expected


def test_the_other_gates_let_through_every_sampled_match():
    """The gates in front of the rules about other countries and of the passing triggers are derived
    from the rules; every sampled match of each rule passes its gate."""
    from tests.test_extract_general_treaty import _matches
    for rx, gate in ((treaties._GENERIC_PARTIES, treaties._GENERIC_GATE), (treaties._OTHERS_URGED, treaties._GENERIC_GATE),
                     (treaties._PASSING_BEFORE, treaties._PASSING_BEFORE_GATE), (treaties._IN_FORCE, None),
                     (treaties._ANAPHOR, treaties._REFERENCE_GATE), (treaties._PLURAL, treaties._REFERENCE_GATE)):
        clauses = _matches(rx, 600, seed=3)
        assert len(clauses) > 100, rx.pattern[:40]
        for clause in clauses:
            if gate is None:   # a twin lowered for the lower-cased text finds the same
                assert treaties._IN_FORCE_LOW.search(clause.lower()), clause
            else:
                assert gate.search(clause.lower()), clause


def test_the_characters_the_fast_paths_leave_to_the_plain_search():
    """_NOT_ALIGNED lists every white space outside ASCII (what \\s matches there) and the letters that
    case-insensitive matching folds onto an ASCII letter although lower() does not give it."""
    space, letter = re.compile(r"\s"), re.compile("[a-z]", re.I)
    chars = [chr(c) for c in range(128, 0x110000)]
    spaces = [ch for ch in chars if space.match(ch)]
    folds = [ch for ch in chars if letter.match(ch) and not (len(ch.lower()) == 1 and ch.lower().isascii())]
    assert spaces and folds
    assert all(treaties._NOT_ALIGNED.match(ch) for ch in spaces + folds), [ch for ch in spaces + folds
                                                                          if not treaties._NOT_ALIGNED.match(ch)]


@pytest.mark.parametrize("key", list(treaties._RULES))
def test_the_split_rule_alternatives_find_what_the_whole_rule_finds(key):
    """_status tries at each stem only the top-level alternatives of a rule that may start with it
    (split from the rule, their stems derived from them): on sampled matches of the rule, and on the
    phrasings of this file, that finds a match exactly where the whole rule does."""
    from tests.test_extract_general_treaty import _matches
    rx = treaties._RULES[key]
    parts = [re.compile(p, rx.flags) for p in top_alternatives(rx.pattern)]
    assert re.compile("|".join(p.pattern for p in parts), rx.flags).pattern == rx.pattern
    table = treaties._rule_alternatives()
    bit = treaties._RULE_BIT[key]
    auto = treaties._stem_automaton()
    if auto is None:
        pytest.skip("pyahocorasick is not installed")
    for clause in _matches(rx, 700, seed=9) + _all_sentences():
        low = clause.lower()
        starts = [(end - n + 1, alts) for end, (n, _, rule, alts) in auto.iter(low) if rule & bit]
        found = any(alt.match(clause, p) for p, alts in starts for b, alt in alts if b == bit)
        assert found == (rx.search(clause) is not None), clause
    assert all(any(b == bit for b, _ in table[stem]) for stem in treaties._RULE_STEMS[key])


def test_the_fta_gates_let_through_every_sampled_trigger():
    from tests.test_extract_general_treaty import _matches
    for rx, gate in ((treaties._FTA_BOUND_BEFORE, treaties._FTA_BOUND_GATE), (treaties._FTA_FRAME, treaties._FTA_FRAME_GATE)):
        clauses = _matches(rx, 400, seed=4)
        assert len(clauses) > 100
        for clause in clauses:
            m = rx.search(clause)
            assert gate.search(clause[m.start():m.end()].lower()), clause
