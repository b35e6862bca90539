"""The shared prefilter check (fastmatch.sample_matches / prefilter_misses): it draws matches from
every part of a regex, and it catches a prefilter that lets a match through wrongly."""
from __future__ import annotations

import re

import pytest

from warehouse.extract.fastmatch import keywords_pass, prefilter_misses, required_words, sample_matches, top_alternatives


def test_samples_reach_every_alternative_and_white_space_form():
    rx = re.compile(r"\b(?:watch\s+list|priority\s+foreign\s+country|section\s+306)\b", re.I)
    texts = sample_matches(rx, 600, seed=1)
    assert len(texts) > 500
    low = " ".join(t.lower() for t in texts)
    assert "watch" in low and "foreign" in low and "306" in low
    assert any("\n" in t for t in texts) and any("\t" in t for t in texts)
    assert any(t != t.lower() for t in texts), "letters are upper-cased at random under re.I"


def test_a_derived_gate_passes_and_a_hand_gate_that_forgot_a_word_fails():
    rx = re.compile(r"\bnot\s+(?:yet\s+)?(?:member|party)\b|\bhas\s+yet\s+to\s+(?:ratify|join)", re.I)
    words = required_words(rx)
    assert prefilter_misses(rx, keywords_pass(words), 800, seed=2) == []
    missing = prefilter_misses(rx, keywords_pass({"member", "party", "ratify"}), 800, seed=2)
    assert missing and all("join" in t.lower() for t in missing)


def test_a_regex_the_sampler_cannot_draw_fails_loudly():
    with pytest.raises(AssertionError):
        prefilter_misses(re.compile(r"(a)\1"), lambda t: True, 50)


def test_negated_classes_digits_and_lookarounds():
    rx = re.compile(r"(?<![\d.])\d{2,3}\s*(?:%|percent\b)[^.;]{0,5}(?=\s)", re.I)
    texts = sample_matches(rx, 400, seed=3)
    assert len(texts) > 200 and all(rx.search(t) for t in texts)


def test_a_trailing_look_ahead_is_drawn():
    rx = re.compile(r"\bout[\s-]+of[\s-]+cycle(?=[\s-]+reviews?\b)", re.I)
    texts = sample_matches(rx, 300, seed=4)
    assert len(texts) > 200 and all("review" in t.lower() for t in texts)


def test_required_words_keeping_case_and_preferring_digits():
    from warehouse.extract.fastmatch import digits_first
    rx = re.compile(r"(?:[A-Z]\w+\s+){1,3}(?:Mall|Plaza)\b")
    assert required_words(rx, keep_case=True) == {"Mall", "Plaza"}
    with pytest.raises(ValueError):
        required_words(re.compile("Mall", re.I), keep_case=True)
    rx = re.compile(r"special\s+301|watch\s+306", re.I)
    assert required_words(rx) == {"special", "watch"}
    assert required_words(rx, prefer=digits_first) == {"301", "306"}


def test_odd_case_letters_fill_and_negated_categories():
    rx = re.compile(r"\bseek\s+(?:ex\s+officio|initiative)\b", re.I)
    texts = sample_matches(rx, 300, seed=5, odd=0.5)
    assert len(texts) > 200 and any("\u017f" in t or "\u0131" in t or "\u212a" in t for t in texts)
    rx = re.compile(r"\bburden\b([^.;]{1,20}?)\bowners\b\W+\S+", re.I)   # \W, \S: drawn too
    texts = sample_matches(rx, 300, seed=6, fill="   ae")
    assert len(texts) > 100
    assert set("".join(rx.search(t).group(1) for t in texts)) == set(" ae")


@pytest.mark.parametrize("pattern,expected", [
    (r"a|b", ["a", "b"]),
    (r"\bnot\s+(?:yet\s+)?(?:member|party)\b|has", [r"\bnot\s+(?:yet\s+)?(?:member|party)\b", "has"]),
    (r"x(?:a|(?:b|c)d)|y", ["x(?:a|(?:b|c)d)", "y"]),          # nested groups
    (r"[^|]+|z", ["[^|]+", "z"]),                              # a '|' in a negated class
    (r"[|]|[^]|]|\||w", ["[|]", "[^]|]", r"\|", "w"]),        # ']' first in a class, an escaped '|'
    (r"[\]|]q|(?P<n>a|b)", [r"[\]|]q", "(?P<n>a|b)"]),
    ("abc", ["abc"]),
    ("", [""]),
])
def test_top_alternatives(pattern, expected):
    assert top_alternatives(pattern) == expected
    assert "|".join(top_alternatives(pattern)) == pattern
