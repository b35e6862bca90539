"""Ex officio phrasings of round 10 (stop 18), written for these tests (not taken from any corpus): the
kinds of false fact found by the precision audit on mining text and the development samples, each with
its look-alike that must keep its reading."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts

CTX = DocContext(country_iso3="IDN", kind="cable")
EU = DocContext(country_iso3="EUU", kind="cable")

C, P = "ex_officio_customs", "ex_officio_police"


def exo(text: str, ctx: DocContext = CTX) -> set[tuple[str, str]]:
    """(feature, value) of every ex officio fact in the text."""
    return {(f.feature, f.value) for f in extract_facts(text, ctx) if f.feature.startswith("ex_officio_")}


def nte(text: str) -> str:
    """The NTE form of a sentence: commas stripped."""
    return text.replace(",", "")


# ---- a law passed "that would" give the power: no bill is pending (no fact: reading "has" would be a recall
# rule that the mining text shows in one country's chapters only)
@pytest.mark.parametrize("text,expected", [
    ("The United States welcomed Indonesia's passage of legislation that would give prosecutors ex officio authority "
     "to pursue trademark counterfeiting.", set()),
    ("Officials noted the enactment in 2016 of amendments that would allow customs to act ex officio against "
     "suspected pirated goods.", set()),
    ("The adoption of a new law which would empower police to initiate IPR investigations ex officio was a "
     "welcome step.", set()),
    # look-alikes: passage wanted or awaited is no passage
    ("The United States urges the passage of legislation that would give prosecutors ex officio authority.",
     {(P, "pending")}),
    ("Rights holders await passage of a bill that would give customs ex officio authority.", {(C, "pending")}),
    ("Industry supports swift passage of amendments that would allow police to act ex officio.", {(P, "pending")}),
    ("A bill that would give customs ex officio authority is pending in the legislature.", {(C, "pending")}),
])
def test_passage_of_a_law_that_would(text, expected):
    assert exo(text) == expected
    assert exo(nte(text)) == expected


# ---- the power eliminated from a bill or a law (passive): not "has" from "allowing" (no fact: "lacks" would be a
# recall rule that the mining text shows in one chapter only)
@pytest.mark.parametrize("text,expected", [
    ("The amendments were passed in 2012 but provisions granting customs ex officio authority were eliminated.",
     set()),
    ("Provisions allowing police to act ex officio were removed from the final text of the law.", set()),
    ("The ex officio authority of customs was abolished in 2009.", set()),
    # look-alikes: the power given, or something else removed beside it
    ("The amendments removed the tariff on optical media and customs now has ex officio authority.", {(C, "has")}),
    ("Customs gained ex officio authority when the requirement for a bond was eliminated.", {(C, "has")}),
])
def test_power_eliminated_passive(text, expected):
    assert exo(text) == expected
    assert exo(nte(text)) == expected


# ---- another country's body reports on its own country's police (in a chapter about another country)
@pytest.mark.parametrize("text", [
    "Austria's anti-piracy association explained in its annual report that law enforcement cannot act ex officio in "
    "cases of online piracy.",
    "Poland's copyright collecting society reports that police act only upon a complaint by the right holder.",
    "According to Sweden's national police, prosecutors cannot act ex officio against file sharing.",
])
def test_another_countrys_report_gives_nothing(text):
    assert exo(text, EU) == set()
    assert exo(nte(text), EU) == set()


@pytest.mark.parametrize("text,expected", [
    # look-alikes: the chapter's own country is named, or another country named only as a source of goods
    ("Indonesia's anti-piracy association explained that police cannot act ex officio.", {(P, "lacks")}),
    ("Counterfeits enter from China's southern ports, and customs lacks ex officio authority.", {(C, "lacks")}),
])
def test_own_country_report_is_kept(text, expected):
    assert exo(text) == expected


# ---- found by probing the rules with look-alikes (second pass of the audit)
@pytest.mark.parametrize("text", [
    # plans, intentions: nothing is given yet, and no bill is named
    "The government has announced plans to give customs ex officio authority.",
    "The ministry has said it intends to grant prosecutors ex officio authority.",
    "Officials have indicated that they expect to provide police with ex officio powers next year.",
    # what a treaty requires, with words between "under" and the treaty
    "Under the WTO TRIPS Agreement, customs must be able to act ex officio.",
    "Under the bilateral FTA, customs must have ex officio authority to stop suspect goods.",
    # another country's body or policy as the subject
    "The Philippine Optical Media Board can conduct raids ex officio.",
    "Malaysian Customs has ex officio authority to detain suspected shipments.",
    "Unlike Singapore's self-help approach, enforcement here does not depend on right holders.",
    "Singapore's self-help approach, which leaves raids to right holders, is often cited as a model.",
])
def test_round10_probe_lookalikes_give_nothing(text):
    assert exo(text) == set()
    assert exo(nte(text)) == set()


@pytest.mark.parametrize("text,expected", [
    # the constructions they must not break
    ("The government has given customs ex officio authority.", {(C, "has")}),
    ("Customs has had ex officio authority since 2008.", {(C, "has")}),
    ("The government has announced that customs now has ex officio authority.", {(C, "has")}),
    ("Indonesian Customs has ex officio authority to detain suspected shipments.", {(C, "has")}),
    ("Indonesia's self-help approach places the burden of enforcement on right holders.", {(P, "lacks")}),
    ("Customs must obtain a court order before detaining goods under the law.", {(C, "lacks")}),
])
def test_round10_probe_constructions_kept(text, expected):
    assert exo(text) == expected


@pytest.mark.parametrize("text", [
    # a counterfactual whose condition is the means to act, not the power
    "Police would act ex officio more often if they had more resources.",
    "Customs officials said they would seize more goods ex officio if they had more staff and training.",
    # the importer's guarantee before goods are released, not the right holder's bond before they are held
    "Importers must provide a guarantee before customs releases detained goods.",
    # a civil suit for damages is no self-help enforcement
    "Right holders must file private actions to obtain damages.",
    "Rights holders have to bring private lawsuits to recover compensation for their losses.",
])
def test_round10_probe_means_release_damages_give_nothing(text):
    assert exo(text) == set()
    assert exo(nte(text)) == set()


@pytest.mark.parametrize("text,expected", [
    ("Police would act ex officio if the law allowed it.", {(P, "lacks")}),
    ("Right holders must post a bond before customs will detain suspect goods.", {(C, "lacks")}),
    ("Right holders must bring private actions to stop infringers, as police do not act on their own.", {(P, "lacks")}),
    ("Rights holders are required to initiate private actions to protect their rights.", {(P, "lacks")}),
])
def test_round10_probe_constructions_kept_2(text, expected):
    assert exo(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the later event of the clause is the state: sent to the legislature, then adopted
    ("In 2010 the government submitted to parliament amendments that gave customs ex officio authority, which were "
     "adopted in 2011.", {(C, "has")}),
    ("A bill giving police ex officio authority was sent to the National Assembly in 2012 and was finally adopted in "
     "2013.", {(P, "has")}),
    # look-alikes: adopted first, then still before the legislature
    ("The bill giving customs ex officio authority was approved by the cabinet and sent to parliament.", {(C, "pending")}),
    ("The Senate passed the bill granting customs ex officio authority and sent it to the Chamber of Deputies.",
     {(C, "pending")}),
    ("The bill granting police ex officio authority was adopted in first reading.", {(P, "pending")}),
    ("Ex officio authority for customs officers has not been passed.", {(C, "lacks")}),
])
def test_round10_later_event_wins(text, expected):
    assert exo(text) == expected
    assert exo(nte(text)) == expected


@pytest.mark.parametrize("text", [
    # a group of countries, or an international body's guidelines or model law: not this country's power
    "The United States encouraged ASEAN members to give customs ex officio authority.",
    "APEC member economies should provide customs with ex officio authority.",
    "The APEC guidelines recommend that customs be given ex officio authority.",
    "The WCO Model Law gives customs officials ex officio authority.",
    "The Model Law on Customs gives officials ex officio authority.",
])
def test_round10_group_of_countries_and_model_laws_give_nothing(text):
    assert exo(text) == set()
    assert exo(nte(text)) == set()


@pytest.mark.parametrize("text,expected", [
    ("Following the APEC guidelines, Indonesia has given customs ex officio authority.", {(C, "has")}),
    ("The United States encouraged Indonesia to give customs ex officio authority.", {(C, "lacks")}),
])
def test_round10_country_itself_kept(text, expected):
    assert exo(text) == expected


def test_round10_eu_member_states_in_an_eu_chapter():
    assert exo("The EU Customs Regulation allows customs authorities in EU member states to act ex officio.", EU) == {(C, "has")}


@pytest.mark.parametrize("text,expected", [
    # review of stop 18: round 10's exclusions had swallowed these readings
    # the right holder's bond before customs suspend release is still a bond (the release is what is suspended)
    ("Right holders must post a bond before customs suspend the release of suspect goods.", {("ex_officio_customs", "lacks")}),
    ("Right holders must post a bond before customs suspends release of the goods.", {("ex_officio_customs", "lacks")}),
    # an intention about something else does not cancel the power stated beside it
    ("Customs has ex officio authority and plans to introduce new risk-management procedures.", {("ex_officio_customs", "has")}),
    ("Police can act ex officio, and the ministry intends to provide more training.", {("ex_officio_police", "has")}),
    # another country's possessive at the start owns its own clause only
    ("China's exports of pirated optical discs flood the market, and customs lacks ex officio authority.",
     {("ex_officio_customs", "lacks")}),
    # the law not giving the capacity is the power lacking, not the means
    ("Police would act ex officio if the law gave them the capacity.", {("ex_officio_police", "lacks")}),
    # look-alikes that keep round 10's reading
    ("Customs requires the importer to post a guarantee before the goods are released.", set()),
    ("The ministry has announced plans to give customs ex officio authority.", set()),
    ("Austria's music association explains that law enforcement cannot act ex officio.", set()),
    ("Police would act ex officio if they had more staff.", set()),
])
def test_review_round10_exclusions_keep_to_their_construction(text, expected):
    assert exo(text) == expected


def test_review_an_abbreviation_does_not_end_the_possessive_clause():
    # "U.S." inside the opening possessive's clause: the agents are still the other country's
    assert exo("Austria's anti-piracy group, which also represents U.S. right holders, explained that law enforcement "
               "cannot act until a complaint is brought.") == set()
