"""End to end on a whole cable written for this test (invented facts, cable layout)."""
from __future__ import annotations

from warehouse.extract import DocContext, extract_facts

CABLE = """UNCLAS KYIV 000123

SIPDIS

E.O. 12958: N/A
TAGS: ETRD KIPR ECON UP
SUBJECT: UKRAINE: 2010 SPECIAL 301 REVIEW

REF: STATE 12345

1. (SBU) SUMMARY: Ukraine made uneven progress on IPR protection in 2009. Post recommends that Ukraine remain on the Priority Watch List for the 2010 Special 301 Report. Industry groups, led by IIPA, have asked USTR to designate Ukraine a Priority Foreign Country. END SUMMARY.

2. (SBU) Ukraine has been on the Priority Watch List since 2006, after its removal from the list of Priority Foreign Countries. The GOU hopes to be moved to the Watch List next year.

3. (U) ENFORCEMENT: According to Ministry of Interior statistics for 2009, police conducted 2,340 raids, initiated 410 criminal cases (up from 352 in 2008) and sent 187 cases to court. Courts convicted 96 people, but most received suspended sentences. Police seized 640,000 optical discs and 1.2 million counterfeit labels. Administrative fines totaled UAH 3.1 million (about $390,000).

4. (U) The State Intellectual Property Service reported that 45 websites offering pirated content were closed in 2009. However, the popular torrent site www.example-torrents.ua continues to operate from servers in Kyiv, and the Petrivka market remains the largest physical venue for pirated discs.

5. (SBU) Customs officers still cannot seize suspected counterfeits ex officio. A draft law granting customs ex officio authority passed its first reading in the Rada in December 2009 but has since stalled. Police may initiate copyright cases only on the basis of a complaint by the right holder.

6. (U) TREATIES: Ukraine acceded to the WCT and WPPT in 2002 and joined the WTO in May 2008. It is not a party to the Madrid Protocol, and officials say there are no plans to join it. The GOU announced its intention to accede to the Budapest Treaty in 2010.

7. (U) PIRACY RATES: The BSA estimates the software piracy rate at 85 percent for 2009, down from 86 percent in 2008. IIPA estimates that piracy of music recordings stands at about 60 percent. Surveys show that 70 percent of Ukrainians have never purchased a licensed DVD.

8. (SBU) COMMENT: Ukraine's term of copyright protection is already life plus 70 years. If Ukraine fails to pass the customs law, post would recommend that USTR consider an out-of-cycle review. China, by comparison, remains on the Priority Watch List. END COMMENT.
PETTIT
"""

EXPECTED = {
    ("recommended_status", "PWL", "action=maintain"),
    ("listed_status_mentioned", "PWL", ""),
    ("raids", "2340", ""),
    ("criminal_cases_initiated", "410", ""),
    ("criminal_cases_initiated", "352", ""),
    ("criminal_cases_to_court", "187", ""),
    ("criminal_convictions", "96", "unit=persons"),
    ("seizures", "640000", "unit=discs"),
    ("seizures", "1200000", "unit=items"),
    ("fines", "3100000", "currency=UAH"),
    ("fines", "390000", "currency=USD"),
    ("websites_closed", "45", ""),
    ("notorious_market", "Petrivka", ""),
    ("notorious_market", "www.example-torrents.ua", ""),
    ("ex_officio_customs", "lacks", ""),
    ("ex_officio_customs", "pending", ""),
    ("ex_officio_police", "lacks", ""),
    ("treaty", "WCT", "status=joined"),
    ("treaty", "WPPT", "status=joined"),
    ("treaty", "WTO", "status=joined"),
    ("treaty", "MADRID", "status=not_member"),
    ("treaty", "BUDAPEST", "status=announced"),
    ("piracy_rate", "85", "sector=software"),
    ("piracy_rate", "86", "sector=software"),
    ("piracy_rate", "60", "sector=music"),
    ("copyright_term_years", "70", ""),
}


def test_whole_cable():
    facts = extract_facts(CABLE, DocContext(country_iso3="UKR", kind="cable"))
    got = {(f.feature, f.value, f.qualifier) for f in facts}
    assert EXPECTED <= got, EXPECTED - got
    # nothing from the industry request, the conditional or the other country's placement
    assert not any(f.feature == "listed_status_mentioned" and f.value == "PFC" and "asked" in f.sentence for f in facts)
    assert [f.value for f in facts if f.feature == "recommended_status"] == ["PWL"]
    assert not any(f.feature == "piracy_rate" and f.value == "70" for f in facts)
    years = {(f.feature, f.value): f.ref_year for f in facts}
    assert years[("criminal_cases_initiated", "352")] == 2008
    assert years[("criminal_cases_initiated", "410")] == 2009
    assert years[("treaty", "WTO")] == 2008 and years[("treaty", "WCT")] == 2002
    for f in facts:
        assert CABLE[f.char_start:f.char_end].split() == f.sentence.split()


OTHER_CABLE = """UNCLAS LIMA 000456

SIPDIS

E.O. 12958: N/A
TAGS: ETRD KIPR PE
SUBJECT: PERU: AMBASSADOR MEETS INDECOPI ON IPR TRAINING

1. (U) On March 12, 2009, the Ambassador met INDECOPI President Jaime Thorne to discuss the implementation of the IPR chapter of the U.S.-Peru Trade Promotion Agreement, which entered into force on February 1, 2009. Thorne noted that INDECOPI's budget grew 15 percent in 2008, to 120 million soles, and that it now employs 1,100 staff in 12 regional offices.

2. (U) Thorne said INDECOPI trained 350 judges and 200 prosecutors in 2008, and plans to train 500 customs officers in 2009. He added that 40 percent of INDECOPI's cases concern trademarks. The Ambassador offered USPTO assistance for a seminar on May 5-7.

3. (U) Thorne acknowledged that Peru's informal economy accounts for 60 percent of employment and that street vendors sell goods worth $2 billion a year, some of them counterfeit. He said Article 218 of the Penal Code provides for prison terms of 4 to 8 years and fines of up to 365 days' income.

4. (SBU) The Ambassador raised the Polvos Azules market in Lima, which industry calls a center of optical disc piracy. Thorne said police had raided it three times in 2008. COMMENT: Peru was moved from the Priority Watch List to the Watch List in 2007; continued engagement will be important. END COMMENT.
MCKINLEY
"""


def test_numbers_that_are_not_enforcement_or_piracy_in_a_whole_cable():
    facts = extract_facts(OTHER_CABLE, DocContext(country_iso3="PER", kind="cable"))
    got = {(f.feature, f.value, f.qualifier) for f in facts}
    assert got == {
        ("treaty", "FTA", "status=joined"),
        ("notorious_market", "Polvos Azules", ""),
        ("listed_status_mentioned", "PWL", ""),
        ("listed_status_mentioned", "WL", ""),
    }, got
