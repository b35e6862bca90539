"""Property: no text makes extract_facts raise, and every fact's span lies inside the text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from warehouse.extract import DocContext, extract_facts

# Fragments that steer random text into the extractors' rules.
FRAGMENTS = st.sampled_from([
    "Post recommends that ", " remain on the Priority Watch List", " Watch List ", "(compared to ", " in 2007)",
    "1,234,567", " criminal cases were initiated", " were sent to court", " people were convicted", "$",
    " KZT", " million", "99999999999999999999999999", "ex officio", " customs ", " lack ", " WCT ", " WPPT ",
    " ratified ", " not ", "%", " percent of software is pirated", "((((", "))))", "\u00b6", "\u20ac\u00b6",
    "1. (SBU) ", "\n\n", "-----\n", "; -- ", "U.S.", " seized ", " copies", " fines", " two hundred ",
    " www.x.com ", " market", "\u0000", "\ud7ff", "e\u0301", "\u202e", " the agreement", " these countries ",
])
TEXTS = st.lists(st.one_of(st.text(max_size=40), FRAGMENTS), max_size=40).map("".join)
CONTEXTS = st.builds(DocContext, country_iso3=st.sampled_from([None, "KAZ", "RUS", "XXX", ""]),
                     kind=st.sampled_from(["cable", "other", "iipa_report", "ustr_report", ""]))


def check(text: str, ctx: DocContext) -> None:
    for f in extract_facts(text, ctx):
        assert 0 <= f.char_start < f.char_end <= len(text)
        span = text[f.char_start:f.char_end]
        assert " ".join(span.split()) == f.sentence or f.sentence in " ".join(span.split())
        assert f.feature and isinstance(f.value, str)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, CONTEXTS)
def test_extract_facts_never_raises_and_spans_hold(text, ctx):
    check(text, ctx)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**40), st.integers(min_value=0, max_value=60))
def test_huge_numbers_and_nested_parentheses(n, depth):
    text = ("(" * depth + f"Police seized {n:,} discs (compared to {n} in 2006) and {n}% of software is pirated."
            + ")" * depth)
    check(text, DocContext(country_iso3="KAZ", kind="cable"))


def test_degenerate_inputs():
    for text in ["", " ", "\n" * 1000, "." * 5000, "1" * 10000, "Watch List " * 2000, "\x00\xff\ufffd" * 100]:
        check(text, DocContext())
    assert extract_facts(None) == []  # type: ignore[arg-type]
