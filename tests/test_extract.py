"""Each extractor on short sentences written for these tests (not taken from any corpus)."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts
from warehouse.extract.numbers import find_numbers, format_value, word_to_number
from warehouse.extract.text import split_sentences

CTX = DocContext(country_iso3="UKR", kind="cable")


def facts(text: str, ctx: DocContext = CTX, feature: str | None = None) -> set[tuple]:
    out = extract_facts(text, ctx)
    for f in out:
        assert 0 <= f.char_start < f.char_end <= len(text)
    return {(f.feature, f.value, f.qualifier, f.ref_year) for f in out if feature is None or f.feature == feature}


def values(text: str, feature: str, ctx: DocContext = CTX) -> set[str]:
    return {v for _, v, _, _ in facts(text, ctx, feature)}


# ---------------------------------------------------------------- sentences and numbers

def test_sentences_keep_abbreviations_and_split_paragraph_numbers():
    text = ("3. (SBU) The U.S. delegation met Mr. Petrenko on Feb. 4. He said Art. 12 applies.\n\n"
            "4. (U) Police seized 40 discs.")
    sents = [text[a:b] for a, b in split_sentences(text)]
    assert "(SBU) The U.S. delegation met Mr. Petrenko on Feb. 4." in sents
    assert "He said Art. 12 applies." in sents
    assert any(s.startswith("(U) Police seized 40 discs") or s.startswith("4. (U) Police") for s in sents)


def test_sentence_survives_a_page_break_before_a_lower_case_word():
    text = "The bill is due before the Rada\n\nin March 2011. Next sentence here."
    sents = [text[a:b] for a, b in split_sentences(text)]
    assert sents[0].endswith("in March 2011.")


@pytest.mark.parametrize("text,value,currency,hi", [
    ("12,400", 12400, None, None),
    ("3.25 million", 3_250_000, None, None),
    ("two hundred and six", 206, None, None),
    ("forty-two", 42, None, None),
    ("$1,250", 1250, "USD", None),
    ("5,000 hryvnia", 5000, "UAH", None),
    ("5,000 widgets", 5000, None, None),
    ("15 million rubles", 15_000_000, "RUB", None),
    ("R$ 2 million", 2_000_000, "BRL", None),
    ("900,000 tenge", 900_000, "KZT", None),
    ("30 to 45", 30, None, 45),
])
def test_number_grammar(text, value, currency, hi):
    n = find_numbers(text)[0]
    assert n.value == value and n.currency == currency and n.hi == hi


def test_number_helpers():
    assert word_to_number("a dozen") == 12
    assert word_to_number("not a number") is None
    assert format_value(92.9) == "92.9" and format_value(1812.0) == "1812"


# ---------------------------------------------------------------- enforcement

def test_cases_initiated_with_comparison_gives_two_years():
    got = facts("In 2009 prosecutors opened 1,204 criminal cases were initiated (compared to 877 in 2008).",
                feature="criminal_cases_initiated")
    assert ("criminal_cases_initiated", "877", "", 2008) in got
    assert "1204" in {v for _, v, _, _ in got}


def test_cases_to_court_and_convictions_by_part():
    text = ("Of the 350 criminal cases initiated in 2010, 212 were sent to court. "
            "Of these, 97 people were convicted under Part 2 of Article 176, one person was convicted "
            "under Part 3, and 12 under Part 4.")
    assert values(text, "criminal_cases_initiated") == {"350"}
    assert values(text, "criminal_cases_to_court") == {"212"}
    conv = facts(text, feature="criminal_convictions")
    assert {v for _, v, _, _ in conv} == {"97", "1", "12"}
    assert all(q == "unit=persons" for _, _, q, _ in conv)


def test_convictions_listed_by_year_without_unit():
    got = facts("The ministry reported 2,310 criminal convictions in 2009, 1,950 in 2008, and 1,020 in 2007.",
                feature="criminal_convictions")
    assert got == {("criminal_convictions", "2310", "", 2009), ("criminal_convictions", "1950", "", 2008),
                   ("criminal_convictions", "1020", "", 2007)}


def test_raids_seizures_and_units():
    text = ("Border police carried out 640 raids. The raids netted 1.5 million DVDs, 20,000 handbags "
            "and 3 tons of counterfeit cigarettes.")
    assert values(text, "raids") == {"640"}
    got = facts(text, feature="seizures")
    assert ("seizures", "1500000", "unit=discs", None) in got
    assert ("seizures", "20000", "unit=items", None) in got
    assert ("seizures", "3", "unit=tons", None) in got


def test_fines_in_two_currencies_with_comparison():
    text = ("Courts imposed 4,500,000 hryvnia ($560,000) in administrative fines "
            "(compared to $310,000 in 2008).")
    got = facts(text, feature="fines")
    assert ("fines", "560000", "currency=USD", None) in got
    assert ("fines", "310000", "currency=USD", 2008) in got


def test_websites_closed_with_word_number():
    assert values("Last month the cyber police shut down three illegal websites.", "websites_closed") == {"3"}


def test_numbers_that_are_not_counts_are_ignored():
    text = ("Under Article 176, offenders face 2 to 5 years in prison; the law was passed on May 5, 2009 "
            "and 45 judges attended training on raids.")
    assert facts(text, feature=None) == set() or not any(
        f[0] in ("raids", "criminal_convictions", "seizures") for f in facts(text))


def test_single_successful_prosecution_counts_one_case():
    got = facts("In March 2010, a rights holder successfully concluded a prosecution against a DVD vendor.",
                feature="criminal_convictions")
    assert got == {("criminal_convictions", "1", "unit=cases", 2010)}


# ---------------------------------------------------------------- ex officio

def test_ex_officio_lacks_and_pending_and_has():
    assert values("Customs officers still lack ex officio authority to detain suspect goods.",
                  "ex_officio_customs") == {"lacks"}
    assert values("A draft law granting customs ex officio powers is scheduled for a vote in the Rada next spring.",
                  "ex_officio_customs") == {"pending"}
    assert values("The amendment giving border officials ex-officio authority has stalled in parliament.",
                  "ex_officio_customs") == {"pending"}
    assert values("Since 2009 the customs service has ex officio authority to suspend release of goods.",
                  "ex_officio_customs") == {"has"}
    assert values("Police are entitled to act ex officio against trademark counterfeiters.",
                  "ex_officio_police") == {"has"}


def test_ex_officio_police_only_on_complaint():
    assert values("Investigators may open a copyright case only upon a complaint from the right holder.",
                  "ex_officio_police") == {"lacks"}


def test_ex_officio_scope_per_clause():
    got = facts("Prosecutors may act ex officio for trademark crimes, but ex officio prosecution for copyright "
                "infringements is not permitted.")
    assert ("ex_officio_police", "lacks", "", None) in got or any(
        f[0] == "ex_officio_police" and f[1] == "lacks" for f in got)


# ---------------------------------------------------------------- treaties

def test_treaty_statuses():
    assert facts("Ukraine has ratified the WIPO Copyright Treaty.", feature="treaty") == {
        ("treaty", "WCT", "status=ratified", None)}
    assert facts("The government has no plans to accede to the Madrid Protocol.", feature="treaty") == {
        ("treaty", "MADRID", "status=not_member", None)}
    got = facts("Ukraine signed the Budapest Treaty in 2004 but has not yet ratified it.", feature="treaty")
    assert ("treaty", "BUDAPEST", "status=signed", 2004) in got
    assert facts("Its WTO accession talks are expected to conclude next year.", feature="treaty") == {
        ("treaty", "WTO", "status=pending", None)}
    got = facts("In 2010 the minister announced plans to join the Rome Convention.", feature="treaty")
    assert ("treaty", "ROME", "status=announced", 2010) in got


def test_treaty_about_another_country_carries_its_code():
    got = facts("Officials said Moldova had joined the Berne Convention in 1995.", feature="treaty")
    assert ("treaty", "BERNE", "status=joined;country=MDA", 1995) in got


def test_treaty_coreference_to_previous_sentence():
    text = "Talks on the free trade agreement with the U.S. ended in May. The agreement was signed on June 2, 2008."
    assert ("treaty", "FTA", "status=signed", 2008) in facts(text, feature="treaty")


def test_city_names_are_not_treaties():
    assert facts("The delegation flew from Madrid to Rome and then to Paris for talks.", feature="treaty") == set()


# ---------------------------------------------------------------- piracy rates

def test_piracy_rates_with_sector_and_comparison_country():
    got = facts("The business software piracy rate in Ukraine of 85% compares with 20% in the United States.",
                feature="piracy_rate")
    assert ("piracy_rate", "85", "sector=software", None) in got
    assert ("piracy_rate", "20", "sector=software;country=USA", None) in got
    got = facts("Industry estimates that 40 to 60 percent of music CDs sold in Kyiv are pirated.",
                feature="piracy_rate")
    assert {q for _, _, q, _ in got} == {"sector=music;range=40-60"} or {q for _, _, q, _ in got} == {"sector=optical_disc;range=40-60"}


def test_percentages_that_are_not_piracy_rates():
    assert facts("Seizures of pirated goods grew 25% last year.", feature="piracy_rate") == set()
    assert facts("Software piracy in Ukraine is 5% higher than the regional average.", feature="piracy_rate") == set()
    assert facts("Only 30% of students surveyed said downloading films was illegal.", feature="piracy_rate") == set()
    assert facts("Copyright industries account for 3 percent of GDP.", feature="piracy_rate") == set()


# ---------------------------------------------------------------- recommendation (labels)

@pytest.mark.parametrize("sentence,value,action", [
    ("Post recommends that Ukraine remain on the Priority Watch List.", "PWL", "maintain"),
    ("Embassy Kyiv recommends that Ukraine be moved from the Priority Watch List to the Watch List.", "WL", "lower"),
    ("We recommend elevating Ukraine to Priority Foreign Country status.", "PFC", "elevate"),
    ("Post recommends continuing Ukraine's exclusion from the Special 301 Watch List.", "none", "maintain"),
    ("For these reasons, post recommends that Ukraine be removed from the Watch List.", "none", "remove"),
])
def test_post_recommendation(sentence, value, action):
    got = facts(sentence, feature="recommended_status")
    assert got == {("recommended_status", value, f"action={action}", None)}


@pytest.mark.parametrize("sentence", [
    "Industry representatives recommend that Ukraine be placed on the Priority Watch List.",
    "USTR decided to keep Ukraine on the Priority Watch List.",
    "If progress stalls, we would recommend moving Ukraine to the Priority Watch List next year.",
    "Post recommends that we support the minister's training plan.",
])
def test_not_the_posts_recommendation(sentence):
    assert facts(sentence, feature="recommended_status") == set()


def test_listed_status_mentions():
    assert values("Ukraine remains on the Priority Watch List this year.", "listed_status_mentioned") == {"PWL"}
    assert values("Ukraine was placed on the Watch List in 2005.", "listed_status_mentioned") == {"WL"}
    assert values("The country narrowly avoided being watchlisted last year.", "listed_status_mentioned") == {"none"}
    # a recommendation sentence is a label of its own, not a placement statement
    assert values("Post recommends that Ukraine remain on the Watch List.", "listed_status_mentioned") == set()


def test_recommendation_not_taken_from_industry_report_kind():
    ctx = DocContext(country_iso3="UKR", kind="iipa_report")
    assert facts("We recommend that Ukraine remain on the Priority Watch List.", ctx, "recommended_status") == set()


# ---------------------------------------------------------------- other features

def test_copyright_term_and_markets():
    assert values("The new law extends the term of copyright protection to 70 years after the author's death.",
                  "copyright_term_years") == {"70"}
    got = values("Counterfeit goods are sold openly at the Petrivka market in Kyiv.", "notorious_market")
    assert got == {"Petrivka"}
    got = values("Pirated films are offered for download on www.example-films.ua and similar sites.", "notorious_market")
    assert got == {"www.example-films.ua"}


# ---------------------------------------------------------------- more phrasings (generalisation)

@pytest.mark.parametrize("sentence,expected", [
    ("Post believes that Ukraine should remain on the Priority Watch List.", ("PWL", "maintain")),
    ("Post agrees with IIPA's recommendation that Ukraine remain on the Watch List.", ("WL", "maintain")),
    ("Post recommends that Ukraine not be elevated to the Priority Watch List.", ("WL", "maintain")),
    ("Post recommends that Ukraine be moved to the Watch List.", ("WL", "lower")),
    ("Post recommends that Ukraine remain on the Watch List, and that USTR conduct an out-of-cycle review "
     "if progress stalls.", ("WL", "maintain")),
])
def test_recommendation_phrasings(sentence, expected):
    assert facts(sentence, feature="recommended_status") == {
        ("recommended_status", expected[0], f"action={expected[1]}", None)}


@pytest.mark.parametrize("sentence,feature,value,qualifier,year", [
    ("Police initiated 78 criminal investigations into software piracy in 2009.", "criminal_cases_initiated", "78", "", 2009),
    ("Prosecutors sent 212 cases to court last year.", "criminal_cases_to_court", "212", "", None),
    ("In 2008, 115 individuals received prison sentences for piracy.", "criminal_convictions", "115", "unit=persons", 2008),
    ("Police raided 45 markets in Kyiv last year.", "raids", "45", "", None),
    ("Customs seized goods worth $3 million.", "seizures", "3000000", "unit=USD", None),
    ("A total of 125 criminal cases were opened in 2010, up from 98 in 2009.", "criminal_cases_initiated", "98", "", 2009),
    ("The cyber police blocked 40 websites offering pirated music.", "websites_closed", "40", "", None),
    ("Ukraine deposited its instrument of accession to the Budapest Treaty in 2006.", "treaty", "BUDAPEST", "status=joined", 2006),
    ("Ukraine is in the process of acceding to the WPPT.", "treaty", "WPPT", "status=pending", None),
    ("Ukraine has yet to ratify the WIPO Copyright Treaty.", "treaty", "WCT", "status=not_member", None),
    ("Amendments giving customs ex officio authority were adopted in 2009.", "ex_officio_customs", "has", "", None),
    ("Under the new law, customs will be able to act ex officio.", "ex_officio_customs", "pending", "", None),
    ("According to the BSA, software piracy fell from 91 percent in 2005 to 84 percent in 2008.", "piracy_rate", "84", "sector=software", 2008),
])
def test_more_phrasings(sentence, feature, value, qualifier, year):
    assert (feature, value, qualifier, year) in facts(sentence, feature=feature)


@pytest.mark.parametrize("sentence,feature", [
    ("If the law is not passed, post would recommend elevating Ukraine to the Priority Watch List.", "recommended_status"),
    ("The law provides for fines of up to 50,000 hryvnia for street sales.", "fines"),
    ("Copyright industries account for 2.9 percent of Ukraine's GDP.", "piracy_rate"),
    ("Officials asked whether Ukraine could participate in ACTA negotiations.", "treaty"),
    ("Microsoft brought over 300 cases to the attention of the police.", "criminal_cases_initiated"),
])
def test_more_non_facts(sentence, feature):
    assert facts(sentence, feature=feature) == set()


def test_listed_status_removal_past_and_hoped():
    assert values("Ukraine was removed from the Watch List in 2006.", "listed_status_mentioned") == {"none"}
    assert values("The government hopes to be removed from the Watch List next year.", "listed_status_mentioned") == {"WL"}
    assert values("China remains on the Priority Watch List.", "listed_status_mentioned") == set()  # another country


@pytest.mark.parametrize("sentence,expected", [
    ("Embassy's recommendation: Ukraine should remain on the Watch List.", ("WL", "maintain")),
    ("Post would recommend that Ukraine remain on the Priority Watch List.", ("PWL", "maintain")),
    ("Post therefore continues to recommend that Ukraine remain on the Watch List.", ("WL", "maintain")),
    ("Last year post recommended that Ukraine be moved to the Priority Watch List.", None),
])
def test_recommendation_tense_and_form(sentence, expected):
    got = facts(sentence, feature="recommended_status")
    if expected is None:
        assert got == set()
    else:
        assert got == {("recommended_status", expected[0], f"action={expected[1]}", None)}


def test_customs_only_on_application_and_local_currency_fines():
    assert values("Customs may suspend the release of goods only upon an application from the right holder.",
                  "ex_officio_customs") == {"lacks"}
    assert facts("Fines collected totaled 2.5 million hryvnia.", feature="fines") == {
        ("fines", "2500000", "currency=UAH", None)}
    assert values("Administrative penalties were imposed in 1,120 cases.", "administrative_cases") == {"1120"}


def test_market_names_are_not_regions_acronyms_or_official_sites():
    text = ("Pirated discs flood the European Union market and the DVD market, and the report on piracy "
            "can be downloaded from www.ustr.gov.")
    assert values(text, "notorious_market") == set()


def test_advice_to_grant_ex_officio_means_it_is_lacking():
    assert values("We recommend that Ukraine adopt amendments granting customs ex officio authority.",
                  "ex_officio_customs") == {"lacks"}
    ctx = DocContext(country_iso3="UKR", kind="ustr_report")
    assert facts("We recommend that Ukraine remain on the Priority Watch List.", ctx, "recommended_status") == set()


def test_class_named_before_the_number_and_urged_ratification():
    got = facts("In 2009 the number of raids rose to 1,500, and convictions reached 210.")
    assert ("raids", "1500", "", 2009) in got
    assert ("criminal_convictions", "210", "", 2009) in got
    assert facts("Post will continue to press the government to ratify the WIPO Copyright Treaty.",
                 feature="treaty") == {("treaty", "WCT", "status=not_member", None)}
