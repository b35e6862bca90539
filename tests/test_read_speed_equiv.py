"""The fast paths of reading and detection give exactly what the plain versions they replace give."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hypothesis import given, settings, strategies as st

from warehouse import detect as D
from warehouse import cable_text as C
from warehouse import read as R

_page_text = st.lists(st.sampled_from([" ", "0", "1", "5", "9", ".", " OF ", "O", "\n", "\t", "\u00a0", "\u0663",
                                        "  ", "00000521", "002", " 00000521  002 OF 004"]), max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(_page_text)
def test_page_numbers_match_finditer(text):
    assert [m.span() for m in C.page_numbers(text)] == [m.span() for m in C.PAGE_NUMBER.finditer(text)]


_para_text = st.lists(st.sampled_from(["\n", "\n ", "\n\t", "x", "\u00b6", "\u20ac\u00b6", "\u00c2", " ", "\n\n",
                                        "1", "12", "123", ".", "(U)", "A", "a", "(SBU)", "\u0663"]),
                      max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_para_text, st.integers(min_value=1, max_value=9))
def test_last_paragraph_end_matches_finditer(text, step):
    last = None
    for last in C.PARA_START.finditer(text):
        pass
    assert R._last_match_end(C.PARA_START, text, step) == (last.end() if last else 0)


_year_text = st.lists(st.sampled_from(["2009", "1999", "209", "x", " ", "  ", "\n", "\u00a0", "special", "Special",
                                        "SPECIAL", "SPECIALS", "301", "3010", "301a", "1", "2"]),
                      max_size=14).map("".join)


@settings(max_examples=150, deadline=None)
@given(_year_text)
def test_special_301_years_match_findall(text):
    assert D._s301_years(text) == [int(y) for y in D._S301_YEAR.findall(text)]


_head_text = st.lists(st.sampled_from(["SUBJ", "SUBJECT: X", "ASUBJ: y", "FM AMEMBASSY ROME\n", "XFM ", "FM  USUN X",
                                        "UNCLAS ", "C O N F I D E N T I A L ", "SECRET ", "ROME 000123 ", "TAGS: ETRD",
                                        "DE RUEHRO #3205/01 3350932", " ", "\n", "x", "SECTION 01 OF 02 "]),
                      max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(_head_text)
def test_searches_from_a_literal_match_plain_search(text):
    for rx, starts in ((D._SUBJECT, ("SUBJ",)), (D._FM, ("FM",)), (D._CLASS, D._CLASS_STARTS), (D._TAGS, ("TAGS",)),
                       (D._DE_LINE, ("DE",))):
        a, b = D._search(rx, text, starts), rx.search(text)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["a", ".", "/", "txt", "..", "x.y", ".pdf", " "]), max_size=7).map("".join))
def test_suffix_matches_pathlib(name):
    assert R._suffix(name) == Path(name).suffix


def test_control_byte_sets_match_their_classes():
    binary = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
    assert sorted(R._CONTROL_BYTES) == [b for b in range(256) if binary.match(bytes([b]))]
    assert sorted(R._CTRL_BYTES) == [b for b in range(256) if R._CTRL.match(chr(b))]


_routing_text = st.lists(st.sampled_from(["\n", " ", "\t", "VZCZC", "VZCZCXRO1234", "A1B2", "x", "_", "\u00e9",
                                           "VZCZCABCDEFGHIJKLMN"]), max_size=12).map(lambda s: "\n" + "".join(s))


@settings(max_examples=150, deadline=None)
@given(_routing_text)
def test_cable_starts_match_finditer(text):
    assert R._cable_starts(text) == [m.start() for m in C.CABLE_START.finditer(text)]


def _plain_script_shares(text: str) -> dict:
    """The per-character loop script_shares replaced."""
    import unicodedata
    counts: dict = {}
    n = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if ch < "\u0250":
            script = "LATIN"
        else:
            word = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
            script = R._SCRIPT_ALIASES.get(word, word)
        counts[script] = counts.get(script, 0) + 1
        n += 1
        if n >= R.SCRIPT_SAMPLE:
            break
    return {k: v / n for k, v in counts.items()} if n else {}


_script_text = st.lists(st.sampled_from(["a", "Z", "abc ", "1", " ", "\u00b6", "\u00e9", "\u4e2d", "\u0416", "\u00b2",
                                          "\u3042", "\uff21", "x" * 7, "\n", "\u0663", "\U0001d400", "_"]),
                        max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(_script_text, st.integers(min_value=1, max_value=12))
def test_script_shares_match_the_plain_loop(text, sample):
    import unittest.mock as mock
    with mock.patch.object(R, "SCRIPT_SAMPLE", sample):
        a, b = R.script_shares(text), _plain_script_shares(text)
    assert a == b and list(a) == list(b)


@pytest.mark.parametrize("ascii_len", [4095, 4096, 4097, 19_999, 20_000, 20_001, 50_000])
def test_script_shares_where_the_sample_ends_in_a_long_ascii_run(ascii_len):
    """Runs longer than one piece of _ASCII_RUNS, the sample's end inside, before and after them."""
    for text in ("\u00e9" + "ab " * (ascii_len // 3) + "\u4e2d" * 30, "\u0416" * 30 + "x" * ascii_len + "\u00b6"):
        a, b = R.script_shares(text), _plain_script_shares(text)
        assert a == b and list(a) == list(b)


def test_script_shares_match_the_plain_loop_on_samples():
    samples = sorted((Path(R.__file__).parent / "samples").glob("*.txt"))
    assert samples
    for p in samples:
        t = p.read_text(encoding="utf-8")
        for v in (t, t.replace("e", "\u4e2d"), t.replace("a", "\u0416", 50), "\u00b6" + t, t * 3):
            a, b = R.script_shares(v), _plain_script_shares(v)
            assert a == b and list(a) == list(b)
