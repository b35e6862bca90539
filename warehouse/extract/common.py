"""What every extractor shares: the Sentence view, Fact construction, years, countries."""
from __future__ import annotations

import re
from functools import lru_cache

from . import Fact
from .numbers import years_in

_WS = re.compile(r"\s+")


class Sentence:
    """One sentence of a document: its text, its span and lazy access to its neighbours."""

    __slots__ = ("doc", "start", "end", "text", "_prev", "_countries", "finder")

    def __init__(self, doc: str, start: int, end: int, finder=None):
        self.doc = doc
        self.start = start
        self.end = end
        self.text = doc[start:end]
        self.finder = finder
        self._prev = None
        self._countries = None

    def previous(self) -> "Sentence | None":
        """The sentence before this one (None at the start of the text)."""
        if self._prev is None:
            from .text import previous_sentence
            span = previous_sentence(self.doc, self.start)
            self._prev = Sentence(self.doc, *span) if span else False
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
                sentence=_WS.sub(" ", s.text).strip(), char_start=a, char_end=b,
                extractor=extractor, confidence=confidence, unit=unit)


def year_of(text: str) -> int | None:
    """The first year named in the text (None when there is none)."""
    ys = years_in(text)
    return ys[0][0] if ys else None


def qual(**kv) -> str:
    """'k=v;k=v' from keyword arguments, dropping empty values, in the given order."""
    return ";".join(f"{k}={v}" for k, v in kv.items() if v not in (None, ""))


# ---------------------------------------------------------------- countries

_FALLBACK = {"USA": ["United States", "U.S.", "US", "USA"], "CHN": ["China", "PRC"], "RUS": ["Russia"],
             "BRA": ["Brazil"], "KAZ": ["Kazakhstan"], "CRI": ["Costa Rica"], "ESP": ["Spain"],
             "JPN": ["Japan"], "JOR": ["Jordan"], "MAR": ["Morocco"], "FRA": ["France"],
             "GBR": ["United Kingdom", "UK", "Britain"], "ITA": ["Italy"], "THA": ["Thailand"],
             "BHR": ["Bahrain"], "MEX": ["Mexico"], "IND": ["India"], "KOR": ["Korea", "South Korea"]}


@lru_cache(maxsize=1)
def _fallback_regex():
    forms = {f: iso for iso, fs in _FALLBACK.items() for f in fs}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alt})(?!\w)"), forms


def find_countries(text: str) -> list[tuple[str, int, int]]:
    """Country mentions in text: the reading helper's index when available, else a small fallback."""
    try:
        from warehouse.countries import get_index
        return [(iso, a, b) for iso, a, b in get_index().find(text)]
    except Exception:  # noqa: BLE001 - the index is optional; never fail extraction on it
        rx, forms = _fallback_regex()
        return [(forms[m.group(0)], m.start(), m.end()) for m in rx.finditer(text)]


def lookup_country(name: str) -> str | None:
    try:
        from warehouse.countries import get_index
        return get_index().lookup(name)
    except Exception:  # noqa: BLE001
        for iso, forms in _FALLBACK.items():
            if name in forms:
                return iso
        return None
