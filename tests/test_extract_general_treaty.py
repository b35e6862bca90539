"""Treaty statements phrased as unseen cables, reports and submissions phrase them (written for
these tests), and the guarantee behind the treaty rules' speed-ups: the gate words and start
stems derived from each rule regex let through every string the regex matches."""
from __future__ import annotations

import random
import re
from re import _constants as sre_c, _parser as sre_parse

import pytest

from warehouse.extract import DocContext, extract_facts, treaties
from warehouse.extract.fastmatch import stem_starts

CTX = DocContext(country_iso3="PER", kind="cable")


def facts(text: str, ctx: DocContext = CTX) -> set[tuple]:
    return {(f.value, f.qualifier, f.ref_year) for f in extract_facts(text, ctx) if f.feature == "treaty"}


# ---------------------------------------------------------------- derived gates

_SPACES = (" ", "  ", "\n", " \n ", "\t")


def _sample(items, rng: random.Random, out: list[str]) -> bool:
    """Append to `out` one random string matching the parsed regex items (False: not generated)."""
    for op, av in items:
        if op is sre_c.LITERAL:
            ch = chr(av)
            out.append(ch.upper() if rng.random() < 0.2 else ch)
        elif op is sre_c.IN:
            chars = []
            for o, a in av:
                if o is sre_c.LITERAL:
                    chars.append(chr(a))
                elif o is sre_c.RANGE:
                    chars.append(chr(rng.randint(*a)))
                elif o is sre_c.CATEGORY and a is sre_c.CATEGORY_SPACE:
                    chars.append(rng.choice(_SPACES))
                elif o is sre_c.CATEGORY and a is sre_c.CATEGORY_WORD:
                    chars.append(rng.choice("ae7"))
                else:
                    return False
            out.append(rng.choice(chars))
        elif op is sre_c.BRANCH:
            if not _sample(rng.choice(av[1]).data, rng, out):
                return False
        elif op is sre_c.SUBPATTERN:
            if not _sample(av[-1].data, rng, out):
                return False
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            for _ in range(rng.randint(av[0], min(av[1], av[0] + 2))):
                if not _sample(av[2].data, rng, out):
                    return False
        elif op not in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
            return False
    return True


def _matches(rx: re.Pattern, n: int, seed: int) -> list[str]:
    """Up to n clauses holding a random match of rx, with text around it."""
    rng = random.Random(seed)
    tree = sre_parse.parse(rx.pattern, rx.flags).data
    out = []
    for _ in range(n):
        parts: list[str] = []
        if _sample(tree, rng, parts):
            clause = f"The ministry {''.join(parts)} the agreement in 2005"
            if rx.search(clause):
                out.append(clause)
    return out


@pytest.mark.parametrize("key", list(treaties._RULES))
def test_every_rule_alternative_passes_its_derived_gate_and_stems(key):
    """A rule regex is only tried in clauses holding one of its gate words, and only where one of
    its start stems occurs: both are derived from the regex, so every match must pass them (line
    breaks and runs of spaces inside a phrase included)."""
    rx = treaties._RULES[key]
    assert treaties._GATE_WORDS[key], "every rule has gate words (else it runs on every clause)"
    assert treaties._RULE_STEMS[key], "every rule has start stems (else it is searched everywhere)"
    clauses = _matches(rx, 1500, seed=len(key))
    assert len(clauses) > 300
    for clause in clauses:
        low = clause.lower()
        assert treaties._gate_bits(low) & treaties._RULE_BIT[key], clause
        starts = stem_starts(low, treaties._RULE_STEMS[key])
        assert any(rx.match(clause, p) for p in starts), clause


def test_required_words_of_a_regex():
    rx = re.compile(r"\bnot\s+(?:yet\s+)?(?:member|party)\b|\bhas\s+yet\s+to\s+(?:ratify|join)", re.I)
    assert treaties._required_words(rx) == {"member", "party", "ratify", "join"}
    assert treaties._required_words(re.compile(r"\w+\s+force|in\s+effect")) == {"force", "effect"}
    assert treaties._required_words(re.compile(r"[a-z]+|force")) is None


@pytest.mark.parametrize("text,expected", [
    ("Peru has yet\nto ratify the WIPO Copyright Treaty.", {("WCT", "status=not_member", None)}),
    ("The FTA is not\nyet in force.", {("FTA", "status=pending", None)}),
    ("The government has  no plans to join the Rome Convention.", {("ROME", "status=not_member", None)}),
])
def test_phrases_broken_across_lines(text, expected):
    assert facts(text) == expected
