"""The keyword pass (one numpy pass over 4-character anchors) finds exactly what a plain str.find
of every keyword finds, whichever stretch each keyword is anchored on."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from warehouse.extract import pipeline as P

SAMPLES = Path(P.__file__).resolve().parent.parent / "samples"


def _plain_hits(text: str) -> list[tuple[int, int]]:
    """(position, mask) of every occurrence of every keyword in the lower-cased text, sorted."""
    low = P._lower_keeping_offsets(text)
    hits = []
    for k, mask in P._keyword_modules().items():
        i = low.find(k)
        while i != -1:
            hits.append((i, mask))
            i = low.find(k, i + 1)
    return sorted(hits)


def test_keyword_hits_match_plain_find_on_samples():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    assert texts
    for t in texts:
        assert P.keyword_hits(t) == _plain_hits(t)


def test_every_keyword_is_found_once_where_it_stands():
    for k in P._keyword_modules():
        text = f"Zq {k} zq {k.upper()}."
        assert P.keyword_hits(text) == _plain_hits(text)


_words = sorted(P._keyword_modules())[::7] + ["the ", "tion", " of ", "x", " ", "\n", "\u0130", "\u00e9", "ab"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_words), max_size=30).map("".join))
def test_keyword_hits_match_plain_find(text):
    assert P.keyword_hits(text) == _plain_hits(text)
