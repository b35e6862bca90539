"""Enforcement numbers on text the rules were not written on: phrasings written for these tests in
the styles of USTR's NTE chapters (commas and currency signs stripped, some sentence ends
missing), embassy cables and IIPA submissions, each beside a look-alike that must give nothing
(a penalty written into a law, a survey, a projection, a loss in money, another country's figure,
a hypothetical); and the guarantee behind the rules' speed-ups: every prefilter word list is
derived from the rules and lets through every sampled match of every rule."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts
from warehouse.extract.numbers import find_numbers

ENFORCEMENT = {"criminal_cases_initiated", "criminal_cases_to_court", "criminal_convictions", "raids",
               "administrative_cases", "seizures", "fines", "websites_closed"}


def got(text: str, iso: str = "IDN") -> set[tuple]:
    ctx = DocContext(country_iso3=iso, kind="other")
    return {(f.feature, f.value, f.qualifier, f.ref_year) for f in extract_facts(text, ctx) if f.feature in ENFORCEMENT}


# ---------------------------------------------------------------- numbers without commas

@pytest.mark.parametrize("text,expected", [
    ("officials launched 37 300 checks", [(37300, None)]),
    ("fines ranged from 10 000 to over 51 000", [(10000, None), (51000, None)]),
    ("seized 1 500 000 discs and 10000 tapes", [(1500000, None), (10000, None)]),
    ("made 5 756, and 1,200 in 2007", [(5756, None), (1200, None), (2007, None)]),
    # a day and a year, a year and a count: never one number
    ("on January 1 1996 the law", [(1, None), (1996, None)]),
    ("In 2004 160 cases went to trial", [(2004, None), (160, None)]),
    # a table's cells are separated by more than one space
    ("Business Software  1,200.0  68%   1,100.0  73%", [(1200, None), (68, None), (1100, None), (73, None)]),
    # "US 491 million": a dollar amount whose sign was stripped
    ("collected US 491 million in fines", [(491000000, "USD")]),
    ("worth approximately US 1.2 million", [(1200000, "USD")]),
    ("the US 2008 report and BUS 300", [(2008, None), (300, None)]),
])
def test_numbers_grouped_by_spaces_and_stripped_dollars(text, expected):
    assert [(n.value, n.currency) for n in find_numbers(text)] == expected


# ---------------------------------------------------------------- derived gates

import random  # noqa: E402
import re  # noqa: E402
from re import _constants as sre_c, _parser as sre_parse  # noqa: E402

from warehouse.extract import enforcement  # noqa: E402

_SPACES = (" ", "  ", "\n", " \n ", "\t")
_WORDISH = "ae7Q_"


def _sample(items, rng: random.Random, out: list[str]) -> bool:
    """Append to `out` one random string matching the parsed regex items (False: not generated)."""
    for op, av in items:
        if op is sre_c.LITERAL:
            ch = chr(av)
            out.append(ch.upper() if rng.random() < 0.2 else ch)
        elif op is sre_c.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op is sre_c.ANY:
            out.append(rng.choice("a .,-"))
        elif op is sre_c.IN:
            if av and av[0][0] is sre_c.NEGATE:
                banned = {chr(a) for o, a in av[1:] if o is sre_c.LITERAL}
                out.append(rng.choice([c for c in "x .;-" if c not in banned] or ["z"]))
                continue
            chars = []
            for o, a in av:
                if o is sre_c.LITERAL:
                    chars.append(chr(a))
                elif o is sre_c.RANGE:
                    chars.append(chr(rng.randint(*a)))
                elif o is sre_c.CATEGORY:
                    chars.append({sre_c.CATEGORY_SPACE: rng.choice(_SPACES), sre_c.CATEGORY_WORD: rng.choice(_WORDISH),
                                  sre_c.CATEGORY_DIGIT: rng.choice("0123456789"),
                                  sre_c.CATEGORY_NOT_WORD: rng.choice(" ,.("),
                                  sre_c.CATEGORY_NOT_SPACE: rng.choice("a,7")}.get(a, "a"))
                else:
                    return False
            out.append(rng.choice(chars))
        elif op is sre_c.BRANCH:
            if not _sample(rng.choice(av[1]).data, rng, out):
                return False
        elif op is sre_c.SUBPATTERN:
            if not _sample(av[-1].data, rng, out):
                return False
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            for _ in range(rng.randint(av[0], min(av[1], av[0] + 2))):
                if not _sample(av[2].data, rng, out):
                    return False
        elif op not in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
            return False
    return True


def _matches(rx: re.Pattern, n: int, seed: int) -> list[str]:
    """Up to n strings, each a random match of rx (alone, as a window holds it)."""
    rng = random.Random(seed)
    tree = sre_parse.parse(rx.pattern, rx.flags).data
    out = []
    for _ in range(n):
        parts: list[str] = []
        if _sample(tree, rng, parts):
            text = "".join(parts)
            if rx.search(text):
                out.append(text)
    return out


def _conditions():
    seen = {}
    for name, rules in enforcement._RULES.items():
        for i, rule in enumerate(rules):
            for clause in rule.all:
                for c in clause:
                    seen.setdefault(id(c), (f"{name}[{i}] {c.rx.pattern[:40]}", c))
    return list(seen.values())


@pytest.mark.parametrize("key", list(enforcement.rule_gates()))
def test_every_rule_match_passes_the_pipeline_keywords(key):
    """A sentence reaches the enforcement rules only when it holds one of KEYWORDS; each rule's gate
    words (derived from its noun class or one of its conditions, which every firing matches) are
    among them, so every sampled match of that regex must hold a keyword and a gate word."""
    words, regexes = enforcement.rule_gates()[key]
    assert words
    for k, rx in enumerate(regexes):
        found = _matches(rx, 800, seed=len(key) + k)
        assert len(found) > 100, (key, rx.pattern)
        for text in found:
            low = text.lower()
            assert any(w in low for w in words), (key, text)
            assert any(kw in low for kw in enforcement.KEYWORDS), (key, text)


@pytest.mark.parametrize("label,cond", _conditions(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_condition_match_passes_its_window_gate(label, cond):
    """A searched condition runs its regex only where its window holds one of its gate words."""
    if cond.gate is None:
        return
    found = _matches(cond.rx, 600, seed=len(label))
    assert len(found) > 100, label
    for text in found:
        assert any(w in text.lower() for w in cond.gate), (label, text)


def test_keywords_are_derived_not_listed():
    assert set(enforcement.KEYWORDS) == set(enforcement._keywords(enforcement.rule_gates()))
    # every rule of the table has a gate (else the pipeline would have to send every sentence)
    assert len(enforcement.rule_gates()) == sum(map(len, enforcement._RULES.values())) + len(enforcement._EVENT_RULES)
