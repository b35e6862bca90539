"""Sentence ends as the NTE chapters print them (written for these tests): a quotation's end and the
next one's start run together ('. " "Next'), a quote left open before the next sentence ('. " In
addition'); and the look-alike where the next word is lower case (no new sentence)."""
from __future__ import annotations

import pytest

from warehouse.extract.text import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text,n", [
    ('Estimates of losses during 1996 are not yet available. " "Singapore has the lowest software piracy rates.', 2),
    ('The law entered into force in 1995. " In addition nuisance trademark concerns are increasingly evident.', 2),
    ('Enforcement improved in 2001. \u201d \u201cThe past year has also seen passage of the bill.', 2),
    ('Industry calls it a "success. " and officials agree.', 1),
    ('See the report "Piracy in 2004. " it said.', 1),
])
def test_quote_runs_between_sentences(text, n):
    assert len(sentences(text)) == n, sentences(text)


def test_the_second_sentence_starts_at_its_quote():
    got = sentences('Losses were not reported. " "Peru remains on the Watch List.')
    assert got[1].lstrip('" ').startswith("Peru")
