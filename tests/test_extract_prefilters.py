"""Every rule of piracy.py, misc.py and status.py passes its prefilters: random matches drawn from
each rule's own regex (fastmatch.sample_matches: every alternative and repeat count, white space
as runs, line breaks and tabs, letters upper-cased at random under re.I) must reach the module
through the pipeline's keywords (derived from the rules) and pass the module's own gates (derived
stems and required words). A word added to a rule and missing from a gate fails here."""
from __future__ import annotations

import pytest

from warehouse.extract import misc, piracy, status
from warehouse.extract.fastmatch import finditer_at, keywords_pass, prefilter_misses, stem_starts

WRAP = {"before": "Zq zq ", "after": " zq."}   # no keyword or gate word of its own


def _any_word(words, lower=True):
    return lambda t: any(w in (t.lower() if lower else t) for w in words)


def _at_stems(rx, stems):
    """The rule tried only where one of its derived stems starts finds a match (ASCII text)."""
    return lambda t: bool(finditer_at(rx, t, stem_starts(t.lower(), stems)))


CHECKS = {
    # piracy: the pipeline's keywords, the percentage gate, the piracy-word check, the regional gate
    "piracy._PCT keywords": (piracy._PCT, keywords_pass(piracy.KEYWORDS)),
    "piracy._PCT stems": (piracy._PCT, _any_word(piracy._PCT_STEMS)),
    "piracy._PIRACY stems": (piracy._PIRACY, lambda t: piracy._piracy_low(t.lower())),
    "piracy._NOT_A_RATE words": (piracy._NOT_A_RATE, _any_word(piracy._NOT_A_RATE_WORDS)),
    "piracy._LEGIT words": (piracy._LEGIT, _any_word(piracy._LEGIT_WORDS)),
    "piracy._REGIONAL words": (piracy._REGIONAL, _any_word(piracy._REGIONAL_WORDS)),
    # misc: each rule's keywords, and the gates inside extract()
    "misc._TERM keywords": (misc._TERM, keywords_pass(misc.KEYWORDS)),
    "misc._TERM stems": (misc._TERM, _at_stems(misc._TERM, misc._TERM_STEMS)),
    "misc._TERM_RUNS keywords": (misc._TERM_RUNS, keywords_pass(misc.KEYWORDS)),
    "misc._TERM_RUNS stems": (misc._TERM_RUNS, _at_stems(misc._TERM_RUNS, misc._TERM_RUNS_STEMS)),
    "misc._AREA keywords": (misc._AREA, keywords_pass(misc.KEYWORDS)),
    "misc._AREA station": (misc._AREA, lambda t: "station" in t.lower()),
    "misc._PLACE_HUB keywords": (misc._PLACE_HUB, keywords_pass(misc.KEYWORDS)),
    "misc._PLACE_HUB words": (misc._PLACE_HUB, _any_word(misc._PLACE_HUB_WORDS, lower=False)),
    "misc._PLACE_MARKET keywords": (misc._PLACE_MARKET, keywords_pass(misc.KEYWORDS)),
    "misc._PLACE_MARKET gates": (misc._PLACE_MARKET,
                                 lambda t: "market" in t.lower() and misc._HAS_COMMON_PLACE_WORD(t) is not None),
    "misc._SOLD_AT keywords": (misc._SOLD_AT, keywords_pass(misc.KEYWORDS)),
    "misc._SOLD_AT words": (misc._SOLD_AT, _any_word(misc._SOLD_AT_WORDS, lower=False)),
    "misc._SITE keywords": (misc._SITE, keywords_pass(misc.KEYWORDS)),
    "misc._MARKET keywords": (misc._MARKET, keywords_pass(misc.KEYWORDS)),
    "misc._PIRACY stems": (misc._PIRACY, misc._piracy_in),
    "misc._SUCH_AS keywords": (misc._SUCH_AS, keywords_pass(misc.KEYWORDS)),
    "misc._SUCH_AS gates": (misc._SUCH_AS, lambda t: "market" in t.lower() and all(w in t.lower() for w in misc._SUCH_AS_WORDS)),
    "misc._NML_LISTED keywords": (misc._NML_LISTED, keywords_pass(misc.KEYWORDS)),
    "misc._NML_LISTED gates": (misc._NML_LISTED, lambda t: all(w in t.lower() for w in misc._NML_LISTED_WORDS)),
    # status: list names, the report's name and reviews reach the module; the gates inside extract()
    "status._STATUS keywords": (status._STATUS, keywords_pass(status.KEYWORDS)),
    "status._STATUS stems": (status._STATUS, _at_stems(status._STATUS, status._STATUS_STEMS)),
    "status._TOPIC_301 keywords": (status._TOPIC_301, keywords_pass(status.KEYWORDS)),
    "status._NOT_LISTED keywords": (status._NOT_LISTED, keywords_pass(status.KEYWORDS)),
    "status._NOT_LISTED words": (status._NOT_LISTED, _any_word(status._NOT_LISTED_WORDS)),
    "status._OCR keywords": (status._OCR, keywords_pass(status.KEYWORDS)),
    "status._OCR words": (status._OCR, _any_word(status._OCR_WORDS)),
    "status._NEAR_MISS stems": (status._NEAR_MISS, _any_word(status._NEAR_MISS_STEMS)),
    "status._POST_RECOMMENDS gate": (status._POST_RECOMMENDS, _any_word(status._GATE_WORDS)),
    "status._POST_RECOMMENDATION gate": (status._POST_RECOMMENDATION, _any_word(status._GATE_WORDS)),
    "status._OTHER_RECOMMENDERS stems": (status._OTHER_RECOMMENDERS, _any_word(status._RECOMMENDING_STEMS)),
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_every_sampled_match_passes_its_prefilter(name):
    rx, passes = CHECKS[name]
    assert prefilter_misses(rx, passes, n=1500, seed=len(name), minimum=150, **WRAP) == []


def test_the_gates_are_derived_not_empty():
    for gate in (piracy.KEYWORDS, piracy._PCT_STEMS, piracy._PIRACY_STEMS, piracy._NOT_A_RATE_WORDS, piracy._LEGIT_WORDS, misc.KEYWORDS,
                 misc._TERM_STEMS,
                 misc._SOLD_AT_WORDS, misc._PLACE_HUB_WORDS, status.KEYWORDS, status._STATUS_STEMS,
                 status._NOT_LISTED_WORDS, status._OCR_WORDS, status._GATE_WORDS, status._RECOMMENDING_STEMS):
        assert gate and all(gate), gate


def test_a_sentence_with_a_list_name_reaches_status_even_across_a_line_break():
    from warehouse.extract import DocContext, extract_facts
    got = {(f.feature, f.value) for f in extract_facts("Peru remains on the Priority\nWatch List.",
                                                       DocContext(country_iso3="PER", kind="other"))}
    assert ("listed_status_mentioned", "PWL") in got
