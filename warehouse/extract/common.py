"""What every extractor shares: the Sentence view, Fact construction, years, countries."""
from __future__ import annotations

import re
from functools import lru_cache

from . import Fact
from ..countries import get_index
from .numbers import years_in


class Sentence:
    """One sentence of a document: its text, its span and lazy access to its neighbours."""

    __slots__ = ("doc", "start", "end", "text", "_prev", "_countries", "finder", "_low", "_norm")

    def __init__(self, doc: str, start: int, end: int, finder=None):
        self.doc = doc
        self.start = start
        self.end = end
        self.text = doc[start:end]
        self.finder = finder
        self._prev = None
        self._countries = None
        self._low = None
        self._norm = None

    @property
    def norm(self) -> str:
        """The sentence with whitespace collapsed (cached): what a Fact shows."""
        if self._norm is None:   # = re.sub(r"\s+", " ", text).strip(): \s is exactly str.isspace
            self._norm = " ".join(self.text.split())
        return self._norm

    @property
    def low(self) -> str:
        """The sentence lower-cased (cached): cheap substring gates before the regexes."""
        if self._low is None:
            self._low = self.text.lower()
        return self._low

    def previous(self) -> "Sentence | None":
        """The sentence before this one (None at the start of the text)."""
        if self._prev is None:
            span = self.finder.before(self.start) if self.finder is not None else None
            if span is None:
                from .text import previous_sentence
                span = previous_sentence(self.doc, self.start)
            self._prev = Sentence(self.doc, *span, self.finder) if span else False
        return self._prev or None

    def countries(self) -> list[tuple[str, int, int]]:
        """Country mentions (iso3, start, end) with offsets relative to the sentence."""
        if self._countries is None:
            self._countries = find_countries(self.text)
        return self._countries


def fact(s: Sentence, feature: str, value: str, qualifier: str = "", ref_year: int | None = None,
         extractor: str = "", confidence: float = 1.0, unit: str | None = None,
         span: tuple[int, int] | None = None) -> Fact:
    """A Fact whose span is the sentence (or a tighter span given relative to the sentence)."""
    a, b = (s.start, s.end) if span is None else (s.start + span[0], s.start + span[1])
    return Fact(feature=feature, value=value, qualifier=qualifier, ref_year=ref_year,
                sentence=s.norm, char_start=a, char_end=b,
                extractor=extractor, confidence=confidence, unit=unit)


@lru_cache(maxsize=256)
def year_of(text: str) -> int | None:
    """The first year named in the text (None when there is none)."""
    ys = years_in(text)
    return ys[0][0] if ys else None


def qual(**kv) -> str:
    """'k=v;k=v' from keyword arguments, dropping empty values, in the given order."""
    return ";".join(f"{k}={v}" for k, v in kv.items() if v not in (None, ""))


# ---------------------------------------------------------------- countries

# Capitalised tokens, and 'of'/'and'/'the' between them: [A-Z](?:[A-Za-z]|['\u2019](?![sS]\b)|\.(?=[A-Z]))*\.?
# or (?<= )(?:of|and|the)(?= [A-Z]), written to start with a character class so the engine skips ahead.
_CAP_TOKEN = re.compile(r"[A-Zoat](?:(?<=[A-Z])(?:[A-Za-z]|['\u2019](?![sS]\b)|\.(?=[A-Z]))*\.?"
                        r"|(?<= o)f(?= [A-Z])|(?<= a)nd(?= [A-Z])|(?<= t)he(?= [A-Z]))")


@lru_cache(maxsize=8192)
def _lookup_cached(name: str) -> str | None:
    return get_index().lookup(name)


def find_countries(text: str) -> list[tuple[str, int, int]]:
    """Country mentions (iso3, start, end): runs of capitalised words looked up longest-first in
    the one country index (warehouse.countries: names, aliases, demonyms; pycountry without the CSV)."""
    toks = [m.span() for m in _CAP_TOKEN.finditer(text)]
    out = []
    n = len(toks)
    i = 0
    while i < n:
        # a chain: tokens each separated from the next by one space; a name never spans two
        j = i
        while j + 1 < n and toks[j + 1][0] == toks[j][1] + 1 and text[toks[j][1]] == " ":
            j += 1
        base = toks[i][0]
        if i == j:
            hit = _token_country(text[base:toks[i][1]])
            if hit:
                out.append((hit[0], base, base + hit[1]))
        else:
            rel = tuple((a - base, b - base) for a, b in toks[i:j + 1])
            out.extend((iso, base + a, base + b) for iso, a, b in _chain_countries(text[base:toks[j][1]], rel))
        i = j + 1
    return out


@lru_cache(maxsize=4096)
def _token_country(name: str) -> tuple[str, int] | None:
    """(iso3, end) for a lone capitalised token naming a country (end drops a final dot)."""
    hits = _chain_countries(name, ((0, len(name)),))
    return (hits[0][0], hits[0][2]) if hits else None


@lru_cache(maxsize=4096)
def _chain_countries(text: str, toks: tuple) -> tuple:
    """Country mentions in one chain of tokens (spans relative to its text), longest name first."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        hit = None
        j = i
        # extend the run while tokens are separated by one space (at most 5 tokens)
        while j + 1 < n and j - i < 4 and toks[j + 1][0] == toks[j][1] + 1 and text[toks[j][1]] == " ":
            j += 1
        for k in range(j, i - 1, -1):
            a, b = toks[i][0], toks[k][1]
            name = text[a:b]
            if name in ("of", "and", "the") or (len(name) == 3 and name.isupper() and name != "USA"):
                continue
            iso = _lookup_cached(name)
            if iso is None and name.endswith("."):
                name = name[:-1]
                iso = _lookup_cached(name)
                b -= 1
            if iso:
                hit = (iso, a, b, k)
                break
        if hit:
            out.append(hit[:3])
            i = hit[3] + 1
        else:
            i += 1
    return tuple(out)


def lookup_country(name: str) -> str | None:
    """ISO3 for a country name, alias or demonym (None when unknown)."""
    return _lookup_cached(name) if name else None
