"""Country names, aliases and demonyms -> ISO3, for lookups and for finding countries in text.

Built from warehouse/reference/countries.csv (iso3,name,aliases,source; aliases '|'-separated);
where that file is missing, from pycountry's names. `find` uses one compiled alternation regex
(longest names first, word boundaries), so scanning a long report is a single pass.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

COUNTRIES_CSV = Path(__file__).resolve().parent / "reference" / "countries.csv"

# Used only when countries.csv is absent: common short forms pycountry lacks.
_FALLBACK_ALIASES = {
    "RUS": ["Russia", "Russian"], "KOR": ["South Korea", "Korea", "Korean"], "PRK": ["North Korea"],
    "TWN": ["Taiwan", "Taiwanese"], "VNM": ["Vietnam", "Vietnamese"], "IRN": ["Iran"], "SYR": ["Syria"],
    "LAO": ["Laos"], "BOL": ["Bolivia"], "VEN": ["Venezuela"], "TZA": ["Tanzania"], "MDA": ["Moldova"],
    "CZE": ["Czech Republic"], "GBR": ["United Kingdom", "UK", "Britain", "British"],
    "USA": ["United States", "U.S.", "USA", "American"], "CHN": ["China", "PRC", "Chinese"],
    "BRA": ["Brazilian"], "KAZ": ["Kazakhstani", "Kazakh"], "CRI": ["Costa Rican"], "ESP": ["Spanish"],
    "JPN": ["Japanese"], "THA": ["Thai"], "ITA": ["Italian"], "FRA": ["French"], "BHR": ["Bahraini"],
    "MEX": ["Mexican"], "IND": ["Indian"], "CAN": ["Canadian"], "UKR": ["Ukrainian"], "TUR": ["Turkish"],
}


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})


def _fold(name: str) -> str:
    """Case-, accent- and apostrophe-insensitive key ("Cote D’ivoire" = "Côte d'Ivoire")."""
    name = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", name).strip().casefold()


def _load_rows() -> list[tuple[str, str, list[str]]]:
    if COUNTRIES_CSV.exists():
        rows = []
        with open(COUNTRIES_CSV, newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                iso3 = (r.get("iso3") or "").strip().upper()
                name = (r.get("name") or "").strip()
                if len(iso3) != 3 or not name:
                    continue
                aliases = [a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()]
                rows.append((iso3, name, aliases))
        if rows:
            return rows
    import pycountry
    rows = []
    for c in pycountry.countries:
        names = [getattr(c, "common_name", None), getattr(c, "official_name", None)]
        aliases = [n for n in names if n] + _FALLBACK_ALIASES.get(c.alpha_3, [])
        rows.append((c.alpha_3, c.name, aliases))
    return rows


def trie_pattern(words) -> str:
    """One regex alternation shaped like a trie (shared prefixes factored out, longest first):
    it matches exactly what the flat longest-first alternation does, but the engine follows one
    branch per character instead of trying every word at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer continuation is optional (greedy)
            body = "(?:" + body + ")?"
        return body

    return build(trie)


def _spellings(form: str) -> tuple[str, ...]:
    """A name as written, and where it holds an apostrophe also with a typographic one and with
    none (sources write "Cote d’Ivoire", and some strip the mark: "Cote dIvoire")."""
    if "'" not in form:
        return (form,)
    return form, form.replace("'", "\u2019"), form.replace("'", "")


class CountryIndex:
    """Name/alias -> ISO3 lookups and a fast scanner for country mentions in text."""

    def __init__(self, rows: list[tuple[str, str, list[str]]]):
        self.names: dict[str, str] = {}        # iso3 -> preferred name
        self._by_key: dict[str, str] = {}      # folded name/alias -> iso3
        surface: dict[str, str] = {}           # exact surface form -> iso3 (for the regex)
        for iso3, name, aliases in rows:
            self.names[iso3] = name
            for form in [name, *aliases]:
                key = _fold(form)
                if key and key not in self._by_key:
                    self._by_key[key] = iso3
                for variant in _spellings(form):
                    surface.setdefault(variant, iso3)
                    if len(variant) >= 4 and not variant.isupper():
                        surface.setdefault(variant.upper(), iso3)  # cable subjects are in capitals
            self._by_key.setdefault(iso3.casefold(), iso3)
        self._surface = surface
        # a trie-shaped pattern: the regex engine can skip quickly to a possible first letter
        self._regex = re.compile(rf"(?:{trie_pattern(surface)})(?!\w)") if surface else None

    def lookup(self, name: str | None) -> str | None:
        """ISO3 for a name, alias, demonym or ISO3 code (case-insensitive); None when unknown."""
        if not name:
            return None
        key = _fold(name)
        hit = self._by_key.get(key)
        if hit:
            return hit
        key = re.sub(r"^(the|republic of)\s+", "", key)
        return self._by_key.get(key)

    def name(self, iso3: str) -> str | None:
        return self.names.get(iso3)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Every mention of a country in `text` as (iso3, start, end), in order."""
        if not self._regex or not text:
            return []
        surface = self._surface
        out = []
        for m in self._regex.finditer(text):
            i = m.start()
            if i and (text[i - 1].isalnum() or text[i - 1] in "_."):
                continue  # inside a word ("Guinea" in "PapuaGuinea") or after a dot
            out.append((surface[m.group(0)], i, m.end()))
        return out

    def mentions(self, text: str, head: int = 1500, limit: int = 200_000,
                 exclude: tuple[str, ...] = ("USA",)) -> Counter:
        """iso3 -> weight of its mentions in the first `limit` characters: 3 for each one within
        the first `head` characters, 1 for each later one. The United States is left out by
        default: the reports read here are the US government's, about other countries."""
        counts: Counter = Counter()
        for iso, start, _ in self.find(text[:limit]):
            if iso not in exclude:
                counts[iso] += 3 if start < head else 1
        return counts

    def dominant(self, text: str, strict: bool = False) -> str | None:
        """The country the text is mostly about (mentions() weights); None when it names none.
        With strict, also None when two countries tie for the most weight (no guessing)."""
        top = self.mentions(text).most_common(2)
        if not top or (strict and len(top) == 2 and top[0][1] == top[1][1]):
            return None
        return top[0][0]


@lru_cache(maxsize=1)
def get_index() -> CountryIndex:
    """The process-wide country index (built once)."""
    return CountryIndex(_load_rows())
