"""Enforcement figures, piracy rates, copyright terms: phrasings written for these tests (not taken
from the corpus). Each case states the exact facts expected of its feature group, so a missed
figure, a wrong year or sector and a spurious figure all fail."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts

ENFORCEMENT = {"criminal_cases_initiated", "criminal_cases_to_court", "criminal_convictions", "raids",
               "administrative_cases", "seizures", "fines", "websites_closed"}


def got(text: str, features: set[str], iso: str = "IDN") -> set[tuple]:
    ctx = DocContext(country_iso3=iso, kind="cable")
    return {(f.feature, f.value, f.qualifier, f.ref_year) for f in extract_facts(text, ctx) if f.feature in features}


@pytest.mark.parametrize("text,expected", [
    ("Of the 237 investigations, 41 went to trial and 9 resulted in convictions.",
     {("criminal_cases_to_court", "41", "", None), ("criminal_convictions", "9", "unit=cases", None)}),
    ("In 2007, 112 cases were brought to trial.", {("criminal_cases_to_court", "112", "", 2007)}),
    ("Only 15 of these cases reached the courts in 2008.", {("criminal_cases_to_court", "15", "", 2008)}),
    ("Indictments were issued in 19 cases.", {("criminal_cases_to_court", "19", "", None)}),
    ("Nineteen cases were referred to prosecutors for indictment.", {("criminal_cases_to_court", "19", "", None)}),
    ("Nine of the defendants were convicted.", {("criminal_convictions", "9", "unit=persons", None)}),
    ("Prosecutors obtained convictions in 17 cases.", {("criminal_convictions", "17", "unit=cases", None)}),
    ("The number of criminal convictions fell from 4,088 in 2007 to 3,000 in 2008.",
     {("criminal_convictions", "4088", "", 2007), ("criminal_convictions", "3000", "", 2008)}),
    ("Police raids rose from 950 raids in 2007 to 1,200 in 2008.", {("raids", "950", "", 2007), ("raids", "1200", "", 2008)}),
    ("There were 350 raids in 2008 and 280 in 2007.", {("raids", "350", "", 2008), ("raids", "280", "", 2007)}),
    ("More than 400 criminal cases were initiated in 2007, compared with 350 in 2006.",
     {("criminal_cases_initiated", "400", "", 2007), ("criminal_cases_initiated", "350", "", 2006)}),
    ("Authorities conducted thirty-five raids on optical disc plants last year.", {("raids", "35", "", None)}),
    ("Police confiscated 12 computers and 45 DVD burners during the raid.",
     {("seizures", "12", "unit=items", None), ("seizures", "45", "unit=items", None)}),
    ("In 2008, authorities seized 1,500 kilograms of counterfeit cigarettes.", {("seizures", "1500", "unit=kg", 2008)}),
    ("Customs officials intercepted 1.2 million counterfeit items in 2008, compared with 900,000 items in 2007.",
     {("seizures", "1200000", "unit=items", 2008), ("seizures", "900000", "unit=items", 2007)}),
    ("SDIP inspectors imposed 1,840 administrative fines totaling UAH 680,000 in 2008.",
     {("administrative_cases", "1840", "", None), ("fines", "680000", "currency=UAH", 2008)}),
    ("Since 2005, police have conducted over 10,000 raids.", {("raids", "10000", "", None)}),
    ("Industry reports that only 2 of the 25 cases sent to court in 2007 resulted in convictions.",
     {("criminal_cases_to_court", "25", "", 2007), ("criminal_convictions", "2", "unit=cases", None)}),
    ("Only 3 of the 120 cases were dismissed, and the rest resulted in convictions.", set()),
])
def test_enforcement_figures(text, expected):
    assert got(text, ENFORCEMENT) == expected


@pytest.mark.parametrize("text", [
    "In Malaysia, police conducted 2,500 raids in 2008.",
    "Argentine authorities conducted 300 raids in 2008.",
    "Across the region, authorities seized 12 million pirated discs.",
    "If the police raided more markets, seizures could reach 10 million discs.",
    "Police plan to conduct 500 raids next year.",
    "The government pledged to close 100 illegal websites by the end of 2009.",
    "Police arrested 320 suspects during the campaign.",
    "Some 87 people were detained in connection with the raids.",
    "The national police IPR unit has a budget of $2 million and a staff of 45 officers.",
    "The law provides for fines ranging from 5 million to 50 million rupiah.",
    "Offenders face prison terms of up to five years.",
])
def test_enforcement_distractors_give_nothing(text):
    assert got(text, ENFORCEMENT) == set()


def test_figure_for_another_country_in_a_comparison_is_dropped():
    text = "In Russia, 7,000 criminal cases were initiated in 2008, compared to 1,069 in Ukraine."
    assert got(text, ENFORCEMENT, iso="UKR") == {("criminal_cases_initiated", "1069", "", None)}


@pytest.mark.parametrize("text,expected", [
    ("Software piracy fell to 70 percent in 2008 from 71 percent in 2007.",
     {("70", "sector=software", 2008), ("71", "sector=software", 2007)}),
    ("Music and film piracy rates exceed 95 percent.", {("95", "sector=music", None), ("95", "sector=film", None)}),
    ("Record and movie piracy fell from 95 percent in 2007 to 90 percent in 2008.",
     {("95", "sector=music", 2007), ("95", "sector=film", 2007), ("90", "sector=music", 2008), ("90", "sector=film", 2008)}),
    ("The piracy rate for business software was 84% in 2007 and 85% in 2006.",
     {("84", "sector=software", 2007), ("85", "sector=software", 2006)}),
    ("The piracy level for business software in 2008 was 68%, compared to 73% in 2007 and 80% in 2006.",
     {("68", "sector=software", 2008), ("73", "sector=software", 2007), ("80", "sector=software", 2006)}),
    ("Book piracy levels range between 60 and 80 percent.", {("60", "sector=books;range=60-80", None)}),
    ("Piracy rates for music, movies and software are 92, 89 and 85 percent respectively.",
     {("92", "sector=music", None), ("89", "sector=film", None), ("85", "sector=software", None)}),
    ("Business software piracy rates were 68% and 73% in 2008 and 2007, respectively.",
     {("68", "sector=software", 2008), ("73", "sector=software", 2007)}),
    ("Software piracy is 85%, and 30% of users said they would buy legal copies.", {("85", "sector=software", None)}),
    ("Industry estimates that 40 to 60 percent of music CDs sold in Kyiv are pirated.",
     {("40", "sector=optical_disc;range=40-60", None)}),   # one sector: "music CDs" is not a list
    ("The software piracy rate in Indonesia declined to 80 percent in 2008, BSA said.", {("80", "sector=software", 2008)}),
    ("The piracy rate for motion pictures was estimated at 90% (2007).", {("90", "sector=film", 2007)}),
    ("Piracy levels remain between 85% and 95% for most sectors.", {("85", "sector=other;range=85-95", None)}),
    ("Industry estimates that the piracy rate will fall to 70 percent by 2010.", set()),
    ("Estimated losses due to piracy reached $3 billion, an increase of 15 percent.", set()),
])
def test_piracy_rates(text, expected):
    assert {(v, q, y) for _, v, q, y in got(text, {"piracy_rate"})} == expected


TABLE = """LEVELS OF PIRACY: 2006-2008

INDUSTRY              2008            2007            2006
                   Loss  Level     Loss  Level     Loss  Level
Business Software  1,200.0  68%   1,100.0  73%    900.0  80%
Records & Music      399.0  65%     312.0  67%    423.0  64%
Motion Pictures       NA    NA      NA     NA     NA    79%
"""


def test_piracy_table_rows_under_a_row_of_years():
    assert {(v, q, y) for _, v, q, y in got(TABLE, {"piracy_rate"}, iso="RUS")} == {
        ("68", "sector=software", 2008), ("73", "sector=software", 2007), ("80", "sector=software", 2006),
        ("65", "sector=music", 2008), ("67", "sector=music", 2007), ("64", "sector=music", 2006),
        ("79", "sector=film", 2006)}


def test_table_row_whose_cells_do_not_fit_the_years_gives_nothing():
    text = "Piracy remains high.\n\nYear          2008   2007\nLegitimate sales   20%   25%\nBusiness Software   82%   83%   85%\n"
    assert got(text, {"piracy_rate"}) == set()


@pytest.mark.parametrize("text,expected", [
    ("The copyright term was extended to 70 years after the death of the author.", {"70"}),
    ("The copyright law grants protection for 50 years after the author's death.", {"50"}),
    ("Works are protected for seventy years post mortem auctoris.", {"70"}),
    ("The draft bill would extend the copyright term to 95 years.", set()),
    ("Pirates face prison terms of up to 10 years.", set()),
])
def test_copyright_term(text, expected):
    assert {v for _, v, _, _ in got(text, {"copyright_term_years"})} == expected


def test_capitalised_market_names():
    text = "The Silk Street Market and the Hongqiao Pearl Market in Beijing remain notorious for counterfeit goods."
    assert {v for _, v, _, _ in got(text, {"notorious_market"}, iso="CHN")} == {"Silk Street", "Hongqiao Pearl"}


@pytest.mark.parametrize("text,expected", [
    ("Panthip Plaza in Bangkok remains a major market for pirated software.", {"Panthip Plaza"}),
    ("The Saphan Lek Mall is one of the main sources of pirated DVDs in the city.", {"Saphan Lek Mall"}),
    ("The Siam Paragon Mall is a popular destination for luxury goods.", set()),
    ("The Ministry of Commerce is a center for policy coordination on piracy.", set()),
])
def test_named_place_said_to_be_a_market_for_pirated_goods(text, expected):
    assert {v for _, v, _, _ in got(text, {"notorious_market"}, iso="THA")} == expected


@pytest.mark.parametrize("text,expected", [
    ("Regional software piracy averaged 61 percent in Asia.", set()),
    ("Software piracy across Latin America stood at 65 percent.", set()),
    ("Global software piracy stood at 41 percent in 2008.", set()),
    ("The software piracy rate in Thailand was 77 percent, above the regional average of 61 percent.",
     {("77", "sector=software", None)}),
    # the name of the study that gives the country's rate is not a world figure
    ("Software piracy fell to 76 percent in 2008, according to BSA's global study.", {("76", "sector=software", 2008)}),
    ("According to the BSA/IDC Global Software Piracy Study, the rate in Thailand was 77 percent in 2008.",
     {("77", "sector=software", 2008)}),
])
def test_regional_and_world_piracy_figures(text, expected):
    assert {(v, q, y) for _, v, q, y in got(text, {"piracy_rate"}, iso="THA")} == expected


# round 2 (issue 11): constructions found in NTE chapters outside the evaluation samples, written anew
@pytest.mark.parametrize("text,expected", [
    ("In 2009 the police seized 412 300 optical media and arrested 60 vendors.",
     {("seizures", "412300", "unit=discs", 2009)}),
    # (one raid counts 1 and cases before the courts are in court: the annotators' brief, round 6)
    ("During a raid in May 2009 officers took custody of 8 000 pirated DVDs.",
     {("seizures", "8000", "unit=discs", 2009), ("raids", "1", "", 2009)}),
    ("There are currently 240 criminal cases pending before the courts.", {("criminal_cases_to_court", "240", "", None)}),
    ("Some 85 criminal IPR cases remain pending.", {("criminal_cases_initiated", "85", "", None)}),
    ("About 35 cases are currently being prosecuted in the special IPR court.", {("criminal_cases_to_court", "35", "", None)}),
])
def test_round2_enforcement_figures(text, expected):
    assert got(text, ENFORCEMENT) == expected
    assert got(text.replace(",", ""), ENFORCEMENT) == expected


@pytest.mark.parametrize("text", [
    "The trademark office has a backlog of 27 000 cases pending.",
    "Some 4000 trademark applications are pending.",
    "Police took 15 suspects into custody.",
    "The social media campaign reached 5000 people.",
    "Social media platforms removed 300 accounts.",
])
def test_round2_enforcement_lookalikes_give_nothing(text):
    assert got(text, ENFORCEMENT) == set()


# round 4 (issue 11): constructions written anew for misses on unseen NTE chapters
@pytest.mark.parametrize("text,expected", [
    # a criminal complaint filed is a criminal case initiated; one indictment is one case sent to court
    ("Of twelve criminal complaints filed since 2005 only one indictment has been issued.",
     {("criminal_cases_initiated", "12", "", None), ("criminal_cases_to_court", "1", "", None)}),
    ("Rights holders filed 45 criminal complaints with the prosecutor in 2009.", {("criminal_cases_initiated", "45", "", 2009)}),
    ("In 2010 one indictment was returned against a CD plant owner.", {("criminal_cases_to_court", "1", "", 2010)}),
    # one case that ended in a prison sentence
    ("A piracy case in March 2007 resulted in a prison sentence of two years for the vendor.",
     {("criminal_convictions", "1", "unit=cases", 2007)}),
    ("The first trademark prosecution ended with a jail term of 18 months for the importer.",
     {("criminal_convictions", "1", "unit=cases", None)}),
    # criminal proceedings launched against one named target
    ("In 2008 prosecutors launched criminal proceedings against the operator of a popular file-sharing site.",
     {("criminal_cases_initiated", "1", "", 2008)}),
    ("Police opened a criminal investigation against musicfree.ru in late 2009.", {("criminal_cases_initiated", "1", "", 2009)}),
    ("In 2010 prosecutors opened a criminal case against the administrators of a torrent tracker.", {("criminal_cases_initiated", "1", "", 2010)}),
    ("So far only one indictment has issued in these cases.", {("criminal_cases_to_court", "1", "", None)}),
    # the raid verb after its noun, the places raided after it
    ("Recent raids were conducted on about 50 outlets in the capital.", {("raids", "50", "", None)}),
    ("In 2009 inspections were carried out at 230 markets.", {("raids", "230", "", 2009)}),
    # suspects taken to court
    ("Prosecutors have taken 567 suspects to court since January 2008.", {("criminal_cases_to_court", "567", "unit=persons", None)}),
    ("In 2007 police brought 48 vendors to trial.", {("criminal_cases_to_court", "48", "unit=persons", 2007)}),
])
def test_round4_enforcement_figures(text, expected):
    assert got(text, ENFORCEMENT) == expected
    assert got(text.replace(",", ""), ENFORCEMENT) == expected


@pytest.mark.parametrize("text", [
    # a bare numeral opening a sentence counts people of the sentence before: a breakdown, no new figure
    "Three were sentenced to three years in prison and another to one and a half years.",
    "Two were convicted and fined.",
    # penalties, hypotheticals, generic and plural targets, complaints that are not criminal
    "Infringement can result in a prison sentence of up to three years.",
    "A conviction for piracy may result in a prison sentence of up to five years.",
    "Rights holders urged prosecutors to launch criminal proceedings against the operator of the site.",
    "Authorities have not launched criminal proceedings against the operators of these sites.",
    "Prosecutors rarely launch criminal proceedings against pirates.",
    "Rights holders filed 300 complaints about counterfeit goods in 2008.",
    "The industry hopes that at least one indictment will be issued this year.",
    "Raids should be conducted on the 50 largest markets.",
    "Customs officers were taken to 15 ports for training.",
])
def test_round4_enforcement_lookalikes_give_nothing(text):
    assert got(text, ENFORCEMENT) == set()


# "Of the N <people/cases>, M ...": N is the whole the part M is taken from; only the outcome M is a
# figure, unless N's own noun phrase ("35 cases brought to court") names an enforcement class.
@pytest.mark.parametrize("text,expected", [
    ("Of the 20 defendants, 12 were convicted in 2008.", {("criminal_convictions", "12", "unit=persons", 2008)}),
    ("Of the 48 suspects arrested in 2007, 9 were sentenced to prison.", {("criminal_convictions", "9", "unit=persons", 2007)}),
    ("Of the 30 persons detained during the campaign, 14 were found guilty.", {("criminal_convictions", "14", "unit=persons", None)}),
    ("Of these 60 accused individuals, eleven were convicted.", {("criminal_convictions", "11", "unit=persons", None)}),
    ("Of the 75 cases reviewed, twelve resulted in convictions.", {("criminal_convictions", "12", "unit=cases", None)}),
    # look-alikes: the whole is itself an enforcement figure, both are kept
    ("Of 35 cases brought to court in 2009, 10 ended in convictions.",
     {("criminal_cases_to_court", "35", "", 2009), ("criminal_convictions", "10", "unit=cases", 2009)}),
    ("Of the 40 raids conducted in 2008, 25 led to seizures.", {("raids", "40", "", 2008)}),
    ("Of the 22 defendants convicted in 2008, 5 received prison terms.",
     {("criminal_convictions", "22", "unit=persons", 2008)}),
])
def test_partitive_whole_is_no_outcome(text, expected):
    assert got(text, ENFORCEMENT) == expected
    assert got(text.replace(",", ""), ENFORCEMENT) == expected


# round 5 (y-enf): lists, comparisons with the year before, pending cases, number words, partitives
# anywhere in the sentence, more verbs of outcome; written anew in NTE / cable / IIPA style
@pytest.mark.parametrize("text,expected", [
    # figures in lists: a verb each, or a count in brackets or after a colon under its noun
    ("In 2008 police carried out 1,200 raids, seized 45,000 discs and convicted 30 people.",
     {("raids", "1200", "", 2008), ("seizures", "45000", "unit=discs", 2008), ("criminal_convictions", "30", "unit=persons", 2008)}),
    ("Enforcement statistics for 2009 show raids (120), seizures (300) and convictions (15).",
     {("raids", "120", "", 2009), ("seizures", "300", "unit=cases", 2009), ("criminal_convictions", "15", "", 2009)}),
    ("The ministry reported the following results for 2010: inspections: 640; administrative cases: 85; criminal cases: 12.",
     {("raids", "640", "", 2010), ("administrative_cases", "85", "", 2010), ("criminal_cases_initiated", "12", "", 2010)}),
    ("In 2008 the police reported raids (450), arrests (230) and complaints (85).", {("raids", "450", "", 2008)}),
    # comparisons with the year before: one fact per year
    ("Customs enforcement grew from 48 seizures the previous year to 97 in 2009.",
     {("seizures", "48", "unit=cases", 2008), ("seizures", "97", "unit=cases", 2009)}),
    ("Convictions rose to 40 in 2008 from 25 the previous year.",
     {("criminal_convictions", "40", "", 2008), ("criminal_convictions", "25", "", 2007)}),
    ("Police conducted 350 raids in 2009, up from 240 in 2008.", {("raids", "350", "", 2009), ("raids", "240", "", 2008)}),
    ("In 2007 only five of these vendors were convicted, compared to two in 2006.",
     {("criminal_convictions", "5", "unit=persons", 2007), ("criminal_convictions", "2", "unit=persons", 2006)}),
    # pending and ongoing cases: cases opened and not closed
    ("Six IPR cases are pending.", {("criminal_cases_initiated", "6", "", None)}),
    ("The first of seven pending piracy cases went to trial in March.", {("criminal_cases_initiated", "7", "", None)}),
    # (before the courts: in court, the annotators' brief: criminal_cases_to_court; round 6)
    ("Twenty copyright cases are now before the courts.", {("criminal_cases_to_court", "20", "", None)}),
    ("Investigations are under way in 15 cases.", {("criminal_cases_initiated", "15", "", None)}),
    ("Police are currently investigating 28 trademark cases.", {("criminal_cases_initiated", "28", "", None)}),
    # number words
    ("Police conducted two dozen raids on markets in 2008.", {("raids", "24", "", 2008)}),
    ("Two people were sentenced to prison for selling pirated DVDs in 2008.", {("criminal_convictions", "2", "unit=persons", 2008)}),
    # the whole of a partitive after an opening phrase, not only at the clause's start
    ("In 2008, of the 20 defendants, 12 were convicted.", {("criminal_convictions", "12", "unit=persons", 2008)}),
    ("In 2008 of the 20 defendants 12 were convicted.", {("criminal_convictions", "12", "unit=persons", 2008)}),
    ("Police reported that of the 48 suspects arrested in 2008, 9 were convicted.", {("criminal_convictions", "9", "unit=persons", 2008)}),
    # verbs of outcome
    ("In 2008, customs destroyed 148,700 counterfeit pieces.", {("seizures", "148700", "unit=items", 2008)}),
    ("Some 2.5 million pirated discs were destroyed in 2009.", {("seizures", "2500000", "unit=discs", 2009)}),
    ("Police seized 12,000 CD and VCDs in 2008.", {("seizures", "12000", "unit=discs", 2008)}),
    ("Courts handed down 14 sentences for copyright crimes in 2008.", {("criminal_convictions", "14", "unit=persons", 2008)}),
    ("Customs made 115 seizures of counterfeit goods in 2008.", {("seizures", "115", "unit=cases", 2008)}),
    # checks and crackdowns with the verb after them; the head of a compound after a singular noun
    ("In 2009, 4,500 checks were carried out at markets.", {("raids", "4500", "", 2009)}),
    ("Twelve crackdowns were launched against street vendors in 2009.", {("raids", "12", "", 2009)}),
    ("During the first half of 2008 415 retail video outlet raids were conducted.", {("raids", "415", "", 2008)}),
    # a verb of change with an adverb
    ("Criminal indictments dropped slightly from 166 to 163 over the period.",
     {("criminal_cases_to_court", "166", "", None), ("criminal_cases_to_court", "163", "", None)}),
    ("Convictions fell sharply from 85 in 2007 to 40 in 2008.",
     {("criminal_convictions", "85", "", 2007), ("criminal_convictions", "40", "", 2008)}),
    # fines imposed in N cases; criminal cases opened against N targets
    ("During 2009 fines were imposed in 1,250 cases of copyright infringement.", {("administrative_cases", "1250", "", 2009)}),
    ("In 2008 police opened criminal cases against 14 internet sites.", {("criminal_cases_initiated", "14", "", 2008)}),
    ("Prosecutors launched criminal proceedings against 35 vendors in 2009.", {("criminal_cases_initiated", "35", "", 2009)}),
])
def test_round5_enforcement_figures(text, expected):
    assert got(text, ENFORCEMENT) == expected
    assert got(text.replace(",", ""), ENFORCEMENT) == expected


@pytest.mark.parametrize("text", [
    # statute penalties, caps, plans, vague amounts
    "The new law allows customs to seize and destroy up to 5,000 items without a court order.",
    "Courts may hand down sentences of up to 10 years.",
    "The government plans to destroy 3 million pirated discs next year.",
    "Police conducted dozens of raids in 2008.",
    "Hundreds of cases are pending.",
    # pending things that are no criminal case
    "Six patent applications are pending.",
    "Three civil cases are pending against the company.",
    "About 1,000 trademark cases are pending at the registry.",
    "Two WTO dispute settlement cases are pending.",
    "The bill has been pending in parliament for 3 years.",
    # production lines destroyed are no goods seized
    # other countries, surveys, arrests
    "In Thailand, customs destroyed 2 million pirated discs in 2008.",
    "A survey of 500 vendors found that 120 had been raided.",
    "In 2008 the police reported arrests (230) and complaints (85).",
    "The law sets fines (up to 50,000) and prison terms (up to 5 years).",
    "Statistics for 2009 show 45 raids were planned.",
    "Rights holders urged police to open criminal cases against 20 websites.",
    "The law allows fines to be imposed in 30 days.",
])
def test_round5_enforcement_lookalikes_give_nothing(text):
    assert got(text, ENFORCEMENT) == set()


# round 6 (y-enf2): single events, zero outcomes, sub-counts, complaints filed, cases awaiting
# investigation, courts' case loads, fines without a currency; written anew in NTE / cable / IIPA style
@pytest.mark.parametrize("text,expected", [
    # a counted single event: one person convicted or sentenced, the first sentence, one raid, one site
    ("In March 2009 a DVD stall owner was sentenced to eighteen months in prison.",
     {("criminal_convictions", "1", "unit=persons", 2009)}),
    ("In June 2010 a district court convicted a street vendor of selling counterfeit handbags.",
     {("criminal_convictions", "1", "unit=persons", 2010)}),
    ("In 2011 the first prison sentence for online piracy was handed down.", {("criminal_convictions", "1", "unit=cases", 2011)}),
    ("During a May 2008 raid, police seized 4,000 counterfeit watches.",
     {("raids", "1", "", 2008), ("seizures", "4000", "unit=items", 2008)}),
    ("In 2013 the police worked with rights holders to shut down a popular torrent site.", {("websites_closed", "1", "", 2013)}),
    ("The court found that the firm and four of its managers were guilty of copyright infringement in 2015.",
     {("criminal_convictions", "4", "unit=persons", 2015)}),
    # none: after a count, a verb under "did not", yet to prosecute successfully, all acquitted
    ("Industry reports two software piracy convictions in 2004 but none since then.",
     {("criminal_convictions", "2", "", 2004), ("criminal_convictions", "0", "unit=cases", None)}),
    ("Police did not make any copyright-related arrests or convictions in 2010.", {("criminal_convictions", "0", "unit=cases", 2010)}),
    ("Prosecutors have yet to successfully prosecute a single trademark counterfeiting case.",
     {("criminal_convictions", "0", "unit=cases", None)}),
    ("Of the 12 people arrested in the operation, only 3 were indicted and all three were acquitted.",
     {("criminal_cases_to_court", "3", "", None), ("criminal_convictions", "0", "unit=persons", None)}),
    # the parts of a partitive without a predicate of their own take the whole's class
    ("Of the 60 raids carried out in 2009, 35 were against street markets.", {("raids", "60", "", 2009), ("raids", "35", "", 2009)}),
    ("Of the 25 criminal complaints filed in 2010, 9 involved software piracy.",
     {("criminal_cases_initiated", "25", "", 2010), ("criminal_cases_initiated", "9", "", 2010)}),
    ("Of the 300 cases heard in 2008 only 24 involved the imposition of prison terms.",
     {("criminal_convictions", "24", "unit=cases", 2008)}),
    # complaints filed with a prosecutor or the police, in lists with semicolons
    ("In 2009 rights holders filed 40 complaints with the public prosecutor for trademark counterfeiting.",
     {("criminal_cases_initiated", "40", "", 2009)}),
    ("Twelve complaints were filed for music piracy; five for book piracy; and three for cable theft.",
     {("criminal_cases_initiated", "12", "", None), ("criminal_cases_initiated", "5", "", None),
      ("criminal_cases_initiated", "3", "", None)}),
    # cases awaiting investigation or prosecution; cases heard or completed by the courts; court cases
    ("Some 250 piracy cases are awaiting prosecution and another 80 are pending investigation.",
     {("criminal_cases_initiated", "250", "", None), ("criminal_cases_initiated", "80", "", None)}),
    ("In 2010 the courts heard 95 copyright cases.", {("criminal_cases_to_court", "95", "", 2010)}),
    ("Some 40 piracy cases are pending before the courts.", {("criminal_cases_to_court", "40", "", None)}),
    ("The raids led to more than 300 criminal court cases in 2006.", {("criminal_cases_to_court", "300", "", 2006)}),
    ("Despite the prosecution of a piracy case in 2009, the market remains open.", {("criminal_cases_to_court", "1", "", 2009)}),
    # investigating other targets; licences revoked; goods destroyed that were seized before
    ("The ministry is investigating nine other optical disc manufacturers.", {("criminal_cases_initiated", "9", "", None)}),
    ("In 2008 the ministry revoked the licenses of six replicating plants found making pirated discs.",
     {("administrative_cases", "6", "", 2008)}),
    ("Officials oversaw the destruction of 1.5 million fake lighters that customs had confiscated.",
     {("seizures", "1500000", "unit=items", None)}),
    # seizures reported, in coordinated lists; fines without a currency sign
    ("In 2009 customs reported having seized 200,000 pirated and 50,000 blank discs.",
     {("seizures", "200000", "unit=discs", 2009), ("seizures", "50000", "unit=discs", 2009)}),
    ("In 2012 the vendor was fined 2 000 and sentenced to one year in prison.",
     {("fines", "2000", "", 2012), ("criminal_convictions", "1", "unit=persons", 2012)}),
    ("In 2019 the court imposed a 1.2 million fine on the company.", {("fines", "1200000", "", 2019)}),
])
def test_round6_enforcement_figures(text, expected):
    assert got(text, ENFORCEMENT) == expected
    assert got(text.replace(",", ""), ENFORCEMENT) == expected


@pytest.mark.parametrize("text", [
    # statute penalties, caps, hypotheticals, plans
    "A vendor convicted of piracy faces up to five years in prison.",
    "Under the new law a person may be sentenced to up to 3 years in prison.",
    "Offenders can be fined 2 000 for each infringing copy.",
    "The law provides for a 5 million fine for repeat offenders.",
    "If a vendor is convicted, the court must order the destruction of the goods.",
    "Rights holders urged the police to shut down the website.",
    "The law allows the authorities to block a website without a court order.",
    "The ministry plans to revoke the licenses of 12 factories next year.",
    "Police should raid a market each week.",
    # arrests, charges alone, accusations, other countries, surveys
    "In a 2008 raid in Malaysia, police seized 3,000 pirated discs.",
    "Of the 50 suspects arrested in 2009, 20 were released.",
    "In 2010, 45 people were accused of selling pirated goods.",
    "A survey found that 40 vendors were against stronger enforcement.",
    "The firm filed 30 complaints with the trademark office in 2009.",
    "Consumers filed 500 complaints with the ministry about fake goods.",
    "The commercial court heard 300 trademark cases in 2010.",
    "The first sentence of Article 5 was amended in 2009.",
    "Two of the defendants appealed, and both were released on bail.",
])
def test_round6_enforcement_lookalikes_give_nothing(text):
    assert got(text, ENFORCEMENT) == set()


@pytest.mark.parametrize("text,expected", [
    # a list in parallel whose later items lost their punctuation (NTE text strips most of it)
    ("Nine complaints were filed for music piracy; three for book copying two for cable theft and one for software piracy.",
     {("criminal_cases_initiated", "9", "", None), ("criminal_cases_initiated", "3", "", None),
      ("criminal_cases_initiated", "2", "", None), ("criminal_cases_initiated", "1", "", None)}),
    # the part after a date in the partitive's whole
    ("Of the 40 raids carried out as of March 3 2009 by the police 25 were against optical disc vendors.",
     {("raids", "40", "", 2009), ("raids", "25", "", 2009)}),
    # one of its kind in the world: still the country's own event
    ("In 2006, in the first case of its kind in the world, the court convicted a man for uploading films.",
     {("criminal_convictions", "1", "unit=persons", 2006)}),
])
def test_round6_lists_partitives_single(text, expected):
    assert got(text, ENFORCEMENT) == expected


def test_round6_single_events_elsewhere_give_nothing():
    assert got("In 2008 police in Malaysia worked with Thai customs to shut down a website.", ENFORCEMENT) == set()
    # "none since" names no noun of its own after a verb: the count only
    assert got("Three vendors were convicted in 2009 but none since then.", ENFORCEMENT) == {("criminal_convictions", "3", "unit=persons", 2009)}


@pytest.mark.parametrize("text,expected", [
    ("Not one person has been convicted under the new law.", {("criminal_convictions", "0", "unit=persons", None)}),
    ("In 2010 the courts decided 300 patent cases.", set()),
    ("In Malaysia, a DVD vendor was sentenced to two years in prison in 2009.", set()),
    ("A defendant convicted of piracy may be sentenced to prison.", set()),
    ("The first conviction under the law is expected next year.", set()),
    ("In a raid next month, police will seize counterfeit goods.", set()),
    ("Of the 200 cases filed in 2009, 50 were for trademark infringement.",
     {("criminal_cases_initiated", "200", "", 2009), ("criminal_cases_initiated", "50", "", 2009)}),
])
def test_round6_more_lookalikes(text, expected):
    assert got(text, ENFORCEMENT) == expected


def test_round6_a_count_of_fines_is_no_sum():
    # the count is no sum; the sum is one where its currency is said (a bare "500 000" after a count stays unread)
    assert got("During 2009 the office issued 174 fines totaling almost 500 000.", ENFORCEMENT) == set()
    assert got("During 2009 the office issued 174 fines totaling almost 500 000 dollars.", ENFORCEMENT) == {
        ("fines", "500000", "currency=USD", 2009)}


# --- review of this stop's rounds: one single-event mechanism, one list of non-criminal matters, "May" the month ---
@pytest.mark.parametrize("text,expected", [
    # another country's single event gives nothing, as the newer single events already did
    ("In Malaysia, one indictment was returned against a CD plant owner in 2010.", set()),
    ("In Thailand, police launched criminal proceedings against the operator of a site.", set()),
    ("Police launched criminal proceedings against the operator of a site in 2010.",
     {("criminal_cases_initiated", "1", "", 2010)}),
    # pending civil-type matters are no criminal cases, before a court or not
    ("Seven patent cases are pending.", set()),
    ("Some 40 tax cases are before the courts.", set()),
    ("Some 40 piracy cases are pending before the commercial courts.", set()),
    ("Twenty piracy cases are pending before the courts.", {("criminal_cases_to_court", "20", "", None)}),
    # "May 2012" is a month, not a modal
    ("In May 2012 the vendor was fined 2 000.", {("fines", "2000", "", 2012)}),
    ("The vendor may be fined 2 000.", set()),
])
def test_review_single_events_pending_and_may(text, expected):
    assert got(text, ENFORCEMENT) == expected


def test_round6_next_sentence_names_another_part():
    from warehouse.extract import DocContext, extract_facts
    text = ("Of the 60 raids carried out in 2009 by the police 35 were against street markets. "
            "Twelve were against warehouses. Nine vendors were arrested.")
    facts = {(f.feature, f.value, f.ref_year) for f in extract_facts(text, DocContext(country_iso3="IDN", kind="cable"))
             if f.feature in ENFORCEMENT}
    assert facts == {("raids", "60", 2009), ("raids", "35", 2009), ("raids", "12", 2009)}
    # a next sentence of another kind names no part
    text2 = "Of the 60 raids carried out in 2009 by the police 35 were against street markets. Twelve were arrested."
    assert {f.value for f in extract_facts(text2, DocContext(country_iso3="IDN", kind="cable")) if f.feature in ENFORCEMENT} == {"60", "35"}


# round 7 (y-enf3): classes found in several NTE chapters beyond the development one: a focusing
# adverb between a verb and its number ("heard only 19 cases"), fines named before their amount
# ("fines of only 40"), nobody having served time in prison (0 convictions). Premises closed or
# sealed ("twelve factories were shut down") are no raids (the dev and focusdev annotators left such
# closures out; the schema's raids are raids, inspections, operations): only look-alikes here.
@pytest.mark.parametrize("text,expected", [
    ("In 2011 the criminal courts heard just 23 piracy cases.", {("criminal_cases_to_court", "23", "", 2011)}),
    ("Between 2005 and 2008 the courts have concluded only 7 cases involving software.", {("criminal_cases_to_court", "7", "", None)}),
    ("Prosecutors secured convictions in only 4 cases in 2012.", {("criminal_convictions", "4", "unit=cases", 2012)}),
    ("In 2012 the courts imposed fines of only 40 on video shops.", {("fines", "40", "", 2012)}),
    ("The penalties actually handed down amounted to fines of about 150.", {("fines", "150", "", None)}),
    ("To date nobody has ever served time in prison for selling pirated goods.", {("criminal_convictions", "0", "unit=persons", None)}),
    ("So far no one has served a prison sentence for piracy.", {("criminal_convictions", "0", "unit=persons", None)}),
])
def test_round7_enforcement_figures(text, expected):
    assert got(text, ENFORCEMENT) == expected


@pytest.mark.parametrize("text", [
    # premises that exist, open, are registered or whose owners are arrested; plans; caps; elsewhere
    "In 2010 the authorities closed 14 illegal disc factories and 3 workshops.",
    "Nine unlicensed plants were sealed in 2012.",
    "There are 20 licensed disc factories with 60 production lines in the country.",
    "Eleven new disc plants have opened since 2008.",
    "The ministry has registered 31 factories.",
    "Police arrested the owners of three factories in 2011.",
    "The ministry plans to close 10 factories next year.",
    "Factories found producing pirated discs may be closed for up to 90 days.",
    "In Thailand authorities closed 30 factories in 2010.",
    "Twelve of the 40 licensed factories were found to be producing pirated discs.",
    # fines written into a law, caps, per copy
    "Violators face a fine of up to 50 000.",
    "The law sets fines of 1 000 to 5 000 per copy.",
    "Offenders are liable to fines of 2 000.",
    "The amendment raises fines of 500 to 5 000.",
    # prison terms served: a few, or by the convicted (convictions exist), or what should be
    "Few pirates have served time in jail.",
    "No one convicted of counterfeiting has ever served time in prison.",
    "No one should serve time in prison for a first offence.",
    # an adverb of focus before a number that is no outcome
    "The courts can hear only 20 cases a month.",
    "The police arrested only 12 vendors in 2010.",
])
def test_round7_enforcement_lookalikes_give_nothing(text):
    assert got(text, ENFORCEMENT) == set()


# y-enf8: factories, plants and production lines seized or destroyed are no seized goods; the goods
# seized beside them still count. Round 9 (y-enf9): they are seizures in the premises' own unit (three
# annotators in two samples count them so)
@pytest.mark.parametrize("text,expected", [
    ("Police seized two pirate CD factories.", {("seizures", "2", "unit=factories", None)}),
    ("In 2009 authorities destroyed 3 pirate CD factories.", {("seizures", "3", "unit=factories", 2009)}),
    ("Customs impounded four counterfeit cigarette plants and two DVD workshops last year.",
     {("seizures", "4", "unit=plants", None), ("seizures", "2", "unit=workshops", None)}),
    ("In 2010 police seized two unlicensed disc factories and 45,000 pirated DVDs.",
     {("seizures", "2", "unit=factories", 2010), ("seizures", "45000", "unit=discs", 2010)}),
    ("Police confiscated 12 replicating machines from an illegal factory in 2011.",
     {("seizures", "12", "unit=items", 2011)}),
    ("Customs seized 45 counterfeit handbags.", {("seizures", "45", "unit=items", None)}),
])
def test_factories_seized_are_seizures_of_premises(text, expected):
    assert got(text, ENFORCEMENT) == expected


# round 9 (y-enf9): single events as a class. One reported event is 1 (the annotators' brief): an
# enforcing agent's past act on one object ("police raided a market"), a passive of one subject ("the
# site was shut down", "the owner was indicted"), or one event noun that is dated, governed by a past
# verb or followed by its result ("a May 2009 raid netted", "opened an investigation", "had its first
# criminal prosecution"). Generic, planned, statute, negated and other countries' events give nothing.
@pytest.mark.parametrize("text,expected", [
    ("In March 2011 customs officers raided a warehouse near the port.", {("raids", "1", "", 2011)}),
    ("In 2014 the police raided the Golden Plaza market in the capital.", {("raids", "1", "", 2014)}),
    ("A February 2009 raid on a CD shop in the old town netted 12,000 pirated discs.",
     {("raids", "1", "", 2009), ("seizures", "12000", "unit=discs", 2009)}),
    ("A highly publicised police raid in 2004 on a software reseller sent a strong message.", {("raids", "1", "", 2004)}),
    ("Authorities carried out a raid on a replication plant in 2011.", {("raids", "1", "", 2011)}),
    ("The distribution centre of the ring had been raided by the police in 2007.", {("raids", "1", "", 2007)}),
    ("In 2012 the economic police opened an investigation into a music download site.",
     {("criminal_cases_initiated", "1", "", 2012)}),
    ("Prosecutors launched a criminal investigation of the plant in May 2010.", {("criminal_cases_initiated", "1", "", 2010)}),
    ("In 2014 the public prosecutor filed a criminal case against the owner of a DVD shop.", {("criminal_cases_initiated", "1", "", 2014)}),
    ("In 2015 the owner of a video rental chain was indicted for copyright infringement.",
     {("criminal_cases_to_court", "1", "", 2015)}),
    ("In 2009 Indonesia had its first criminal prosecution for software piracy.", {("criminal_cases_to_court", "1", "", 2009)}),
    ("In 2008 the file-sharing service TorrentHub was found guilty of contributory infringement.",
     {("criminal_convictions", "1", "unit=cases", 2008)}),
    ("The webmaster was convicted in April 2013 and sentenced to 10 months in prison.",
     {("criminal_convictions", "1", "unit=persons", 2013)}),
    ("In 2010 the city court handed down the country's first conviction for camcording.",
     {("criminal_convictions", "1", "unit=cases", 2010)}),
    ("Officials pointed to the imposition of a four-year prison sentence on a DVD distributor in 2012.",
     {("criminal_convictions", "1", "unit=persons", 2012)}),
    ("In 2016 the site was shut down by court order.", {("websites_closed", "1", "", 2016)}),
    ("Prosecutors said the torrent tracker, which has been taken down by court order, had 2 million users.",
     {("websites_closed", "1", "", None)}),
])
def test_round9_single_events(text, expected):
    assert got(text, ENFORCEMENT) == expected
    assert got(text.replace(",", ""), ENFORCEMENT) == expected


@pytest.mark.parametrize("text", [
    # the US's own actions, a WTO case, private parties
    "In 2003 the United States initiated a Section 301 investigation of the country's practices.",
    "In 1998 the United States launched a WTO dispute settlement proceeding against the country.",
    "In 2010 a local artist opened a case against the national broadcaster.",
    "In 2011 a rights holder filed a civil case against a distributor.",
    "In 2011 a record company filed a criminal case against a distributor.",
    # generic, procedural, hypothetical, planned, wished for
    "Each raid requires a warrant from a prosecutor.",
    "A raid would require the approval of the public prosecutor.",
    "Criminal cases typically take two years from the time of a raid to a conviction.",
    "After a raid the goods are stored in a customs warehouse.",
    "Police can raid a market only after a complaint.",
    "Industry reported that a raid on the market was planned for March.",
    "Rights holders want the police to open an investigation into the market.",
    "If the site were shut down, users would move to mirror sites.",
    # plural or uncounted objects, negated events, acquittals
    "Police raided warehouses in the port area in 2011.",
    "Police have raided markets repeatedly since 2009.",
    "The plant was not raided in 2012.",
    "In 2008 the file-sharing service was found not guilty of infringement.",
    "No vendor was convicted in 2010.",
    # statute penalties
    "A vendor who is convicted faces up to two years in prison.",
    "The law provides for the imposition of a prison sentence of up to five years.",
    "A person who has been convicted twice may be sentenced to up to ten years.",
    # another country's event
    "In Thailand a court convicted a DVD vendor in 2010.",
    "In Malaysia the police raided a market in Kuala Lumpur in 2009.",
])
def test_round9_single_event_lookalikes_give_nothing(text):
    assert got(text, ENFORCEMENT) == set()


def test_round9_an_event_told_again_is_no_new_event():
    text = ("In December 2010 a district court sentenced 5 people, including the factory's manager, to prison. "
            "This was the first time a court had ever imposed a prison sentence on a factory manager.")
    assert got(text, ENFORCEMENT) == {("criminal_convictions", "5", "unit=persons", 2010)}


# round 9: premises seized or destroyed are seizures counted in premises (three annotators in two
# samples): the unit is the premises noun; premises closed or sealed stay no fact
@pytest.mark.parametrize("text,expected", [
    ("Police seized two pirate CD factories.", {("seizures", "2", "unit=factories", None)}),
    ("In 2009 authorities destroyed 3 pirate CD factories.", {("seizures", "3", "unit=factories", 2009)}),
    ("The 2011 operation led to the seizure and destruction of three illegal CD factories.",
     {("seizures", "3", "unit=factories", 2011)}),
    ("In 2013 police seized 14 buildings used to store counterfeit goods.", {("seizures", "14", "unit=buildings", 2013)}),
    ("The 2012 crackdown ended with the confiscation of 9 warehouses in the port.", {("seizures", "9", "unit=warehouses", 2012)}),
    ("In 2010 police seized two unlicensed disc factories and 45,000 pirated DVDs.",
     {("seizures", "2", "unit=factories", 2010), ("seizures", "45000", "unit=discs", 2010)}),
    ("Police confiscated 12 replicating machines from an illegal factory in 2011.", {("seizures", "12", "unit=items", 2011)}),
    # (round 5 had these two as look-alikes; the annotators count them)
    ("Officials destroyed seven illegal optical disc production lines and arrested 23 suspects.",
     {("seizures", "7", "unit=production lines", None)}),
    ("Police seized two pirate CD factories in 2008.", {("seizures", "2", "unit=factories", 2008)}),
    ("In 2010 the authorities closed 14 illegal disc factories.", set()),
    ("Nine unlicensed plants were sealed in 2012.", set()),
    ("Police seized goods from 14 workshops in 2012.", set()),
])
def test_round9_premises_seized(text, expected):
    assert got(text, ENFORCEMENT) == expected


# round 9: none, said with the negation in front ("in no case has ..."), or of cases that "have
# resulted in convictions" / "have been prosecuted"
@pytest.mark.parametrize("text,expected", [
    ("In no case has a counterfeiter been jailed for trademark infringement.", {("criminal_convictions", "0", "unit=persons", None)}),
    ("No criminal end-user software cases have resulted in convictions so far.", {("criminal_convictions", "0", "unit=cases", None)}),
    ("No piracy cases have yet been prosecuted under the amended law.", {("criminal_cases_to_court", "0", "", None)}),
    ("In no case may a judge suspend a sentence for a repeat offender.", set()),
    ("No new cases have resulted from the complaint.", set()),
    ("No cases may be prosecuted without a complaint from the rights holder.", set()),
])
def test_round9_zeros(text, expected):
    assert got(text, ENFORCEMENT) == expected
