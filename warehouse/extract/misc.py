"""Copyright term in years, and markets named as piracy hubs (notorious markets)."""
from __future__ import annotations

import re

from .common import Sentence, fact, lookup_country
from .fastmatch import has_stem, required_words
from .numbers import find_numbers, format_value

KEYWORDS = ("metro station", "known as", 'market', 'www.', 'copyright protection', 'term of', 'years of protection', 'life plus', 'term of protection', 'copyright term',
            'death of the author', "author's death", 'after the death', 'post mortem', 'protected for',
            'plaza', ' mall', 'bazaar', 'arcade')
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches)."""

_TERM = re.compile(r"(?:term|protection|protected|extension|extend\w*|duration|life)\b[^.;]{0,80}?(?:\bto\s+|\bof\s+|\bplus\s+)?"
                   r"(?P<n>\d{2,3}|fifty|seventy|ninety|ninety-five|one\s+hundred)[\s-]+years?", re.I)
_PROPOSED = re.compile(r"\b(?:would|could|will|might|proposed|proposes?|proposals?|draft|seeks?\s+to|plans?\s+to|intends?\s+to)\b", re.I)
_COPYRIGHT = re.compile(r"\bcopyright|\bauthor|\bliterary|\bBerne|\bworks?\b", re.I)
_PIRACY = re.compile(r"\bpira\w*|\bcounterfeit\w*|\billegal\w*|\billicit\w*|\bunlicen[cs]ed\b|\bfake\b|\binfring\w*", re.I)
_MARKET_NAME = re.compile(
    r"\b(?:the\s+)?(?:(?:upscale|working[\s-]class|notorious|infamous|open[\s-]air|famous|well[\s-]known|so[\s-]called)\s+)*"
    r"(?P<name>(?:[A-Z][\w'-]+\s+){1,3}?)(?:(?:consumer\s+)?electronics\s+|computer\s+|flea\s+|street\s+|night\s+|open[\s-]air\s+)?market(?:place)?\b")
_QUOTED_MARKET = re.compile(r"known\s+as\s+(?:the\s+)?[\"\u201c](?P<name>[^\"\u201d]{3,60}?)[.,]?[\"\u201d]")
_AREA = re.compile(r"\b[Aa]rea\s+(?:around|near)\s+the\s+(?P<name>(?:[A-Z][\w'-]+\s+)+(?:metro|subway|train|railway|bus)\s+station)")
# a named shopping place said to be a market or hub for pirated goods ("Panthip Plaza in Bangkok remains
# a major market for pirated software")
_PLACE_HUB = re.compile(
    r"(?P<name>(?:[A-Z][\w'-]+\s+){1,3}(?:Plaza|Mall|Cent(?:er|re)|Bazaar|Arcade|Square|Complex|Building))\b"
    r"(?:\s+(?:in|at|on|near)\s+(?:[A-Z][\w'-]+\s*){1,3})?,?\s+(?:is|was|remains|remained|has\s+become|became|"
    r"continues\s+to\s+be|has\s+long\s+been)\s+(?:still\s+)?(?:a|an|the|one\s+of\s+the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:markets?|hubs?|cent(?:er|re)s?|havens?|outlets?|sources?)\s+(?:for|of)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:pira\w*|counterfeit\w*|illegal|illicit|fake|bootleg\w*)")
_PLACE_HUB_WORDS = required_words(_PLACE_HUB) or ("",)   # one of them is in every match
_SITE = re.compile(r"\b(?P<name>www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)
_REGION = re.compile(r"\b(?:Union|States|Republic|Kingdom|Federation|Community|Area|Region|Common|Andean|Mercosur|ASEAN)\b")
_INSTITUTION_SITE = re.compile(r"\.(?:gov|mil|int|edu)(?:\.[a-z]{2})?$|\b(?:ustr|wipo|state|usembassy|iipa|wto|europa|un)\.", re.I)
_SHARING = re.compile(r"\bP2P\b|download|eMule|BitTorrent|torrent|streaming|\blinks?\b|access\s+to", re.I)
_LEGAL = re.compile(r"\blegal\b|\blegitimate\b|\blicen[cs]ed\b|\bauthori[sz]ed\b", re.I)
_NOT_NAMES = {"The", "A", "An", "In", "At", "This", "That", "Russian", "Brazilian", "Spanish", "Black", "Grey", "Gray",
              "Free", "Single", "Common", "Internal", "Domestic", "Local", "World", "Stock", "Legal", "Legitimate", "Music",
              "Film", "Software", "Internet", "Online", "Digital", "Informal", "Formal", "Street", "Retail", "Open",
              "Illegal", "Pirate", "Pirated", "Big", "Large", "Small", "Central", "National", "Global", "European",
              "American", "Latin", "Chinese", "Asian", "Special", "Watch", "Priority", "Market", "Markets", "Notorious"}


_BEFORE_MARKET = re.compile(
    r"(?:(?:upscale|working[\s-]class|notorious|infamous|open[\s-]air|famous|well[\s-]known|so[\s-]called)\s+)*"
    r"(?P<name>(?:[A-Z][\w'-]+\s+){1,3}?)(?:(?:consumer\s+)?electronics\s+|computer\s+|flea\s+|street\s+|night\s+|open[\s-]air\s+)?$")


_MARKET_WORDS = re.compile(r"market|plaza|mall|fair|bazaar", re.I)
# _PIRACY as has_stem heads: \bpira\w*|\bcounterfeit\w*|...|\bunlicen[cs]ed\b|\bfake\b|\binfring\w*
_PIRACY_STEMS = (("pira", None), ("counterfeit", None), ("illegal", None), ("illicit", None),
                 ("unlicen", re.compile(r"[cs]ed\b")), ("fake", re.compile(r"\b")), ("infring", None))


def _piracy_in(text: str) -> bool:
    """bool(_PIRACY.search(text)), by str.find on ASCII text."""
    if not text.isascii():
        return _PIRACY.search(text) is not None
    return has_stem(text.lower(), _PIRACY_STEMS)


def _market_names(text: str):
    """Matches whose group 'name' is the capitalised name just before each 'market' ('Market')."""
    for word in ("market", "Market"):
        i = text.find(word)
        while i != -1:
            j = i + 6
            if not text[j:j + 1].isalpha() or text[j:j + 5] == "place":
                m = _BEFORE_MARKET.search(text, max(0, i - 80), i)
                if m:
                    yield m
            i = text.find(word, j)


def extract(s: Sentence, ctx) -> list:
    text = s.text
    facts = []
    low = s.low
    for m in (_TERM.finditer(text) if "year" in low else ()):
        if _COPYRIGHT.search(text) and not _PROPOSED.search(text, 0, m.start("n")):
            raw = m.group("n").lower()
            val = {"fifty": 50, "seventy": 70, "ninety": 90, "ninety-five": 95, "one hundred": 100}.get(raw)
            if val is None:
                nums = find_numbers(raw)
                val = nums[0].value if nums else None
            if val and 20 <= val <= 150:
                facts.append(fact(s, "copyright_term_years", format_value(val), "", None, "misc.term", 0.7))
    around = s.doc[max(0, s.start - 300):s.end + 300]
    piracy_around = None     # _piracy_in(around), computed once when first needed
    has_market = "market" in low or "station" in low
    if has_market and ("notorious" in low or (piracy_around := _piracy_in(around))):
        for m in _market_names(text):
            phrase = m.group("name").strip()
            ws = phrase.split()   # "Silk Street Market": a street named before 'Street' keeps it
            words = [w for i, w in enumerate(ws) if w not in _NOT_NAMES or (w == "Street" and i and ws[i - 1] not in _NOT_NAMES)]
            if not words or lookup_country(phrase) or _REGION.search(phrase):
                continue
            if any(w.isupper() or not any(c.islower() for c in w) for w in words):
                continue   # acronyms ("the DVD market") are not market names
            name = " ".join(words)
            if len(name) < 3 or lookup_country(name) or all(lookup_country(w) for w in words):
                continue
            facts.append(fact(s, "notorious_market", name, "", None, "misc.market", 0.6))
        for m in (_QUOTED_MARKET.finditer(text) if "known" in text else ()):
            if _MARKET_WORDS.search(m.group("name")):
                facts.append(fact(s, "notorious_market", m.group("name").strip(), "", None, "misc.market", 0.6))
        for m in (_AREA.finditer(text) if "area" in text or "Area" in text else ()):
            facts.append(fact(s, "notorious_market", m.group("name").strip() + " area", "", None, "misc.market", 0.5))
    if any(w in low for w in _PLACE_HUB_WORDS):
        for m in _PLACE_HUB.finditer(text):
            words = [w for w in m.group("name").split() if w not in _NOT_NAMES]
            if words and not lookup_country(" ".join(words)):
                facts.append(fact(s, "notorious_market", " ".join(words), "", None, "misc.market", 0.6))
    legal = None     # _LEGAL.search(text), computed once when first needed
    for m in (_SITE.finditer(text) if "www." in low else ()):
        if legal is None:
            legal = bool(_LEGAL.search(text))
        if legal and not _PIRACY.search(text):
            continue
        if _INSTITUTION_SITE.search(m.group("name")):
            continue
        if piracy_around is None:
            piracy_around = _piracy_in(around)
        if piracy_around or _SHARING.search(around):
            facts.append(fact(s, "notorious_market", m.group("name").lower().rstrip("."), "", None, "misc.site", 0.5))
    return facts
