"""Copyright term in years, and markets named as piracy hubs (notorious markets)."""
from __future__ import annotations

import re

from .common import Sentence, fact, lookup_country
from .fastmatch import contains_any, finditer_at, literal_stems, required_words, reusing, stem_starts
from .numbers import find_numbers, format_value

# "50 years", "50-year", "seventy years", "ninety-five years", "one hundred years": every number ends with one of
# _N_LAST, so every term holds "0 year" .. "9 year", "fifty year", ... (the term rules' keywords: rarer than "year")
_N_LAST = r"(?:[0-9]|fifty|seventy|ninety|five|hundred)"
_N_TAIL = r"[ \t\n-]years?"
_N_YEARS = r"(?P<n>(?:\d{1,2}|ninety-|one\s+)?" + _N_LAST + ")" + _N_TAIL
_TERM = re.compile(r"(?:term|protection|protected|extension|extend\w*|duration|life(?:time)?)\b[^.;]{0,80}?(?:\bto\s+|\bof\s+|\bplus\s+)?"
                   + _N_YEARS, re.I)
# the term as what a right does: "the copyright expires 50 years after the death of the author", "lasts 50 years from publication"
_TERM_RUNS = re.compile(r"\b(?:expires?|expiring|lasts?|lasting|runs?|endures?|subsists?)\s+(?:for\s+)?(?:a\s+(?:term|period)\s+of\s+)?"
                        + _N_YEARS + r"(?=\s+(?:after|following|from|beyond)\b)", re.I)
_NOT_A_TERM = re.compile(r"\s+(?:to\s+(?:\d{2,3}|fifty|seventy|ninety|one\s+hundred)\b|prior\b|before\b|ago\b|old\b|earlier\b)", re.I)
_TO_NEW = re.compile(r"\s+to\s+" + _N_YEARS, re.I)
_PAST_SPAN = re.compile(r"\b(?:last|past|previous|within)\s+$", re.I)
_PROPOSED = re.compile(r"\b(?:would|could|will|might|proposed|proposes?|proposals?|draft|seeks?\s+to|plans?\s+to|intends?\s+to)\b", re.I)
# a law already passed: its "would" says what it does ("the newly-passed legislation contains amendments that would ...")
_ENACTED = re.compile(r"\b(?:newly[\s-]+)?(?:passed|enacted|adopted|promulgated|entered\s+into\s+force|came\s+into\s+(?:force|effect)|took\s+effect)\b", re.I)
_NOT_ENACTED = re.compile(r"\b(?:draft\w*|bills?|propos\w*|pending|not\s+(?:yet\s+)?(?:been\s+)?(?:passed|enacted|adopted)|has\s+yet\s+to|before\s+(?:the\s+)?(?:parliament|congress|assembly|legislature))\b", re.I)
_COPYRIGHT = re.compile(r"\bcopyright|\bauthor|\bliterary|\bBerne|\bworks?\b|\b(?:sound\s+)?recordings?\b|\bphonograms?\b"
                        r"|\brental\s+rights?\b|\b(?:neighbou?ring|related)\s+rights?\b|\bperformers?\b|\bcomputer\s+programs?\b|\bsoftware\b", re.I)
_PIRACY = re.compile(r"\bpira\w*|\bcounterfeit\w*|\billegal\w*|\billicit\w*|\bunlicen[cs]ed\b|\bfake\b|\binfring\w*", re.I)
_MARKET_NAME = re.compile(
    r"\b(?:the\s+)?(?:(?:upscale|working[\s-]class|notorious|infamous|open[\s-]air|famous|well[\s-]known|so[\s-]called)\s+)*"
    r"(?P<name>(?:[A-Z][\w'-]+\s+){1,3}?)(?:(?:consumer\s+)?electronics\s+|computer\s+|flea\s+|street\s+|night\s+|open[\s-]air\s+)?market(?:place)?\b")
# the kinds of named place, each after the white space that ends the name before it (a look-behind that
# changes nothing but lets the keywords be " mall", "\nmall", ..., never the "mall" of "small")
_HUB_NOUN = r"(?<=[ \t\n])(?:Plaza|Mall|Bazaar|Arcade)\b"
# a place named with a common word ("the MBK Center", "Complex", "Building", "Square"): said to be a market only
# (its keyword is "market": "center" is in too many sentences)
_COMMON_PLACE_NOUN = r"(?:Center|Centre|Square|Complex|Building)\b"
_SHOP_NOUN = r"(?<=[ \t\n])(?:Mall|Plaza|Bazaa?r|Arcade|Souq|Souk)\b"
_QUOTED_MARKET = re.compile(r"known\s+as\s+(?:the\s+)?[\"\u201c](?P<name>[^\"\u201d]{3,60}?)[.,]?[\"\u201d]")
_AREA = re.compile(r"\b[Aa]rea\s+(?:around|near)\s+the\s+(?P<name>(?:[A-Z][\w'-]+\s+)+(?:metro|subway|train|railway|bus)\s+station)")
# a named shopping place said to be a market or hub for pirated goods ("Panthip Plaza in Bangkok remains
# a major market for pirated software")



def _place_rule(noun: str, hubs: str) -> re.Pattern:
    """A named place said to be a hub for pirated goods: "<Name> <noun> [in <Place>] is/remains a ... <hub> for ... pirated"."""
    return re.compile(
        r"(?P<name>(?:[A-Z][\w'-]+\s+){1,3}" + noun + ")"
        r"(?:\s+(?:in|at|on|near)\s+(?:[A-Z][\w'-]+\s*){1,3})?,?\s+(?:is|was|remains|remained|has\s+become|became|"
        r"continues\s+to\s+be|has\s+long\s+been)\s+(?:still\s+)?(?:a|an|the|one\s+of\s+the)\s+(?:[\w-]+\s+){0,3}?"
        + hubs + r"\s+(?:for|of)\s+(?:[\w-]+\s+){0,2}?"
        r"(?=pira\w*|counterfeit\w*|illegal|illicit|fake|bootleg\w*)")   # a look-ahead: not a required word of the rule


_PLACE_HUB = _place_rule(_HUB_NOUN, r"(?:markets?|hubs?|cent(?:er|re)s?|havens?|outlets?|sources?)")
_PLACE_MARKET = _place_rule(_COMMON_PLACE_NOUN, r"(?:markets?|marketplaces?)")
_PLACE_HUB_WORDS = required_words(_PLACE_HUB, keep_case=True) or ("",)   # one of them is in every match (case kept)
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


# a market's name: capitalised words, with the particles of Spanish and Portuguese names ("San Juan de Dios")
_NAME = r"[A-Z][\w'-]+(?:\s+(?:(?:de|del|la|las|los|da|do|dos)\s+)?[A-Z][\w'-]+){0,3}"
# markets named after "such as" ("pirated goods are sold in markets such as Karama", "markets selling counterfeit goods
# such as La Salada in Buenos Aires"): the names, separated by commas or "and", each perhaps followed by its city
_SUCH_AS = re.compile(r"\bmarkets?\b[^.;]{0,80}?\bsuch\s+as\s+(?P<names>" + _NAME + r"(?:(?:\s*,\s*|\s+)(?:and\s+)?" + _NAME + r")*)")
# a named place or company listed in the Notorious Markets List ("Plaza Bolivar and El Centro popular shopping areas in
# Caracas are listed in the Notorious Markets List", "the Falcon company remains on the 2020 Notorious Markets List")
_NML_LISTED = re.compile(
    r"(?P<names>" + _NAME + r"(?:\s*,\s*(?:and\s+)?" + _NAME + r"|\s+and\s+" + _NAME + r")*)"
    r"(?P<desc>(?:\s+[a-z][\w-]*){0,3}?)(?:\s+in(?:\s+[A-Z][\w'-]+){1,3}?)?\s+(?:is|are|was|were|remains?|remained)\s+"
    r"(?:still\s+)?(?:listed\s+)?(?:on|in)\s+the\s+(?:\d{4}\s+)?Notorious\s+Markets?\s+List")
_SUCH_AS_WORDS = required_words(_SUCH_AS)
_NML_LISTED_WORDS = required_words(_NML_LISTED, prefer=reusing({"market", "markets"}))   # "markets" (holds "market")
_NAME_IN = re.compile(r"(" + _NAME + r")(?:\s+in\s+(?:[A-Z][\w'-]+\s*)+)?")


def _listed_names(names: str):
    """The market names of a list ("Tepito in Mexico City", "Polvos Azules and Gamarra"): each name once,
    its city dropped ("in Lima"; in text without commas the city runs into the next name: that name is lost),
    a trailing "Market" and words that are not names (The, For ...) dropped."""
    for m in _NAME_IN.finditer(names):
        ws = [w for w in m.group(1).split() if w not in _NOT_NAMES and w != "and"]
        if ws and ws[-1] in ("Market", "Mall", "Bazaar"):
            ws = ws[:-1]
        if not ws or not ws[0][:1].isupper():
            continue
        name = " ".join(ws)
        if lookup_country(name) or _REGION.search(name) or (len(ws) == 1 and _DEMONYM.match(name)):
            continue
        yield name


_MARKET_WORDS = re.compile(r"market|plaza|mall|fair|bazaar", re.I)
_PIRACY_STEMS = literal_stems(_PIRACY)   # every match of _PIRACY starts with one of them
_PIRACY_LOW = re.compile(_PIRACY.pattern)   # its letters are all lower-case: the rule for lower-cased text


def _piracy_in(text: str) -> bool:
    """bool(_PIRACY.search(text)); on ASCII text the rule is tried only where one of its derived
    start stems occurs (lower-cased text, the rule's letters are all lower-case)."""
    if not text.isascii():
        return _PIRACY.search(text) is not None
    low = text.lower()
    match = _PIRACY_LOW.match
    return any(match(low, p) for p in stem_starts(low, _PIRACY_STEMS))


# a named shopping place where pirated or counterfeit goods are sold ("sellers of counterfeit goods at the
# Ajman China Mall", "pirated DVDs are sold in stalls at the Dragon Plaza")
_SOLD_AT = re.compile(
    r"\b(?:sell\w*|sold|vend\w*|on\s+sale|stalls?|shops?|stores?|outlets?|retailers?|traders?|merchants?|peddl\w*|hawk\w*)\b"
    r"[^.;]{0,60}?\b(?:at|in|inside)\s+(?:the\s+)?(?P<name>(?:[A-Z][\w'-]+\s+){1,3}" + _SHOP_NOUN + ")")
# a demonym before "market" ("the Ivorian market"): the country's market, not a place
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ani|i)$")
_SOLD_AT_WORDS = required_words(_SOLD_AT, keep_case=True)   # tested on the text: "Mall", not "small"
_HAS_SOLD_AT_WORD = contains_any(_SOLD_AT_WORDS)
_HAS_PLACE_HUB_WORD = contains_any(_PLACE_HUB_WORDS)
_HAS_COMMON_PLACE_WORD = contains_any(required_words(re.compile(_COMMON_PLACE_NOUN), keep_case=True))   # "Center", ...
_TERM_STEMS = literal_stems(_TERM) or ("",)            # every match starts with one of them
_TERM_RUNS_STEMS = literal_stems(_TERM_RUNS) or ("",)
# the word every market name stands before (_market_names)
_MARKET = re.compile(r"[Mm]arket")

# The pipeline sends a sentence here only when it holds a word every match of one of the rules holds
# (fastmatch.required_words / literal_stems of each rule): derived, never written by hand.
KEYWORDS = tuple(sorted(frozenset().union(
    literal_stems(re.compile(_N_LAST + _N_TAIL, re.I), spaces=True),   # the end of every match of _TERM, _TERM_RUNS
    required_words(_AREA),
    literal_stems(_SITE, spaces=True),   # "www.", not "www": a three-letter keyword is dear to look for
    literal_stems(_MARKET), required_words(_PLACE_MARKET),   # "market"
    _SUCH_AS_WORDS, _NML_LISTED_WORDS,
    *(literal_stems(re.compile(noun), spaces=True, behind=True) for noun in (_HUB_NOUN, _SHOP_NOUN)))))
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches): derived from the rules."""


def _market_names(text: str):
    """(match whose group 'name' is the capitalised name just before each 'market' ('Market'),
    plural): 'the Deira District markets' names the markets of a place (plural True)."""
    for word in _MARKET.finditer(text):
        i, j = word.span()
        plural = text[j:j + 1] == "s" and not text[j + 1:j + 2].isalpha()
        if not text[j:j + 1].isalpha() or text[j:j + 5] == "place" or plural:
            m = _BEFORE_MARKET.search(text, max(0, i - 80), i)
            if m:
                yield m, plural


def extract(s: Sentence, ctx) -> list:
    text = s.text
    facts = []
    low = s.low
    has_market = "market" in low or "station" in low
    sold_at = _HAS_SOLD_AT_WORD(text) is not None
    hub = _HAS_PLACE_HUB_WORD(text) is not None
    if not (has_market or sold_at or hub or "year" in low or "www." in low):
        return facts   # none of the rules can match ("small", "centers" brought it here)
    enacted = None   # whether the sentence speaks of a law already passed (computed once, when needed)
    terms = []
    if "year" in low:   # (every term rule's match holds "year")
        # each rule tried only where one of its derived start stems occurs (the same matches on ASCII text)
        for rx, stems in ((_TERM, _TERM_STEMS), (_TERM_RUNS, _TERM_RUNS_STEMS)):
            if text.isascii():
                starts = stem_starts(low, stems)
                if starts:
                    terms.extend(finditer_at(rx, text, starts))
            else:
                terms.extend(rx.finditer(text))
    for m in terms:
        proposed = _PROPOSED.search(text, 0, m.start("n"))
        if proposed and enacted is None:
            enacted = bool(_ENACTED.search(text, 0, proposed.start())) and not _NOT_ENACTED.search(text)
        if _COPYRIGHT.search(text) and not (proposed and not enacted):
            new = _TO_NEW.match(text, m.end())   # "from 25 years to 50 years": the new term
            raw = (new or m).group("n").lower()
            val = {"fifty": 50, "seventy": 70, "ninety": 90, "ninety-five": 95, "one hundred": 100}.get(raw)
            if val is None:
                nums = find_numbers(raw)
                val = nums[0].value if nums else None
            if (new is None and _NOT_A_TERM.match(text, m.end())) \
                    or _PAST_SPAN.search(text, max(0, m.start("n") - 20), m.start("n")):
                continue   # "works dating from 50 years prior", "within the last 50 years"
            if val and 20 <= val <= 150:
                facts.append(fact(s, "copyright_term_years", format_value(val), "", None, "misc.term", 0.7))
    if not (has_market or sold_at or hub or "www." in low):
        return facts
    around = s.doc[max(0, s.start - 300):s.end + 300]
    piracy_around = None     # _piracy_in(around), computed once when first needed
    if has_market and ("notorious" in low or (piracy_around := _piracy_in(around))):
        for m, plural in _market_names(text):
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
            if len(words) == 1 and _DEMONYM.match(name):
                continue   # "the Ivorian market": a country's market
            if plural:
                if len(words) < 2 or not (ws[0] in ("The", "the") or re.search(r"\b[Tt]he\s+$", text[max(0, m.start() - 6):m.start()])):
                    continue   # "the Nigerian and Ghanaian markets", "Plans to Clean Up Markets": no place named
                name += " markets"
            facts.append(fact(s, "notorious_market", name, "", None, "misc.market", 0.6))
        for m in (_QUOTED_MARKET.finditer(text) if "known" in text else ()):
            if _MARKET_WORDS.search(m.group("name")):
                facts.append(fact(s, "notorious_market", m.group("name").strip(), "", None, "misc.market", 0.6))
        for m in (_AREA.finditer(text) if "area" in text or "Area" in text else ()):
            facts.append(fact(s, "notorious_market", m.group("name").strip() + " area", "", None, "misc.market", 0.5))
    if sold_at and (piracy_around if piracy_around is not None else _piracy_in(text)):
        for m in _SOLD_AT.finditer(text):
            words = [w for w in m.group("name").split() if w not in _NOT_NAMES]
            if len(words) > 1 and not lookup_country(" ".join(words)):
                facts.append(fact(s, "notorious_market", " ".join(words), "", None, "misc.sold_at", 0.5))
    common_place = has_market and "market" in low and _HAS_COMMON_PLACE_WORD(text) is not None
    for rule in ((_PLACE_HUB,) if hub else ()) + ((_PLACE_MARKET,) if common_place else ()):
        for m in rule.finditer(text):
            words = [w for w in m.group("name").split() if w not in _NOT_NAMES]
            if words and not lookup_country(" ".join(words)):
                facts.append(fact(s, "notorious_market", " ".join(words), "", None, "misc.market", 0.6))
    if has_market and all(w in low for w in _SUCH_AS_WORDS) and _piracy_in(text):
        for m in _SUCH_AS.finditer(text):
            facts.extend(fact(s, "notorious_market", name, "", None, "misc.such_as", 0.5)
                         for name in _listed_names(m.group("names")))
    if all(w in low for w in _NML_LISTED_WORDS):
        for m in _NML_LISTED.finditer(text):
            if "market" not in m.group("desc"):   # "the Deira District markets ... remain on": _market_names names them
                facts.extend(fact(s, "notorious_market", name, "", None, "misc.nml", 0.6)
                             for name in _listed_names(m.group("names")))
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
