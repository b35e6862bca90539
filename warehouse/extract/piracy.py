"""Piracy rates: a percentage tied to piracy in its own clause, with sector, range and country.

A percentage is a rate only when its clause speaks of piracy and it counts goods, copies or a
market (not people asked in a survey, legitimate goods' share, a tariff or tax, a loss of earnings,
a share of enforcement cases), as a level (not a change, a projection, a target or a plan). A level
under "may", "might", "could" or "must" ("may be as high as 90 percent") is kept with confidence 0.4.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from . import words
from .common import Sentence, fact, qual
from .fastmatch import contains_any, literal_stems, lowered_pattern, required_words, stem_starts
from .numbers import _num, find_numbers, format_value

# a percentage sign or word: every rate holds one ("per cent" with one space or a hyphen: its keyword is then
# "per cent", not the "per " of "paper ", "per year")
_PCT = re.compile(r"%|\bpercent\b|\bper(?: |-)cent\b", re.I)
_PCT_STEMS = literal_stems(_PCT, spaces=True)
_HAS_PCT_STEM = contains_any(_PCT_STEMS)
KEYWORDS = tuple(sorted(_PCT_STEMS))
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches): derived from _PCT."""

_PCT_AFTER = re.compile(r"^(?:\s*|-)(?:%|percent\b|per\s+cent\b)", re.I)
_PIRACY = re.compile(r"\bpira\w*|\bcounterfeit\w*|\billegal\w*|\billicit\w*|\bunlicen[cs]ed\b|\bunauthori[sz]ed\b|\binfring\w*|\bfake\b|\bbootleg\w*", re.I)
_PIRACY_LOW = re.compile(lowered_pattern(_PIRACY.pattern))
_PIRACY_STEMS = literal_stems(_PIRACY)   # every match of _PIRACY starts with one of them
_RATE_WORDS = re.compile(r"\b(?:rate|level)s?\b", re.I)
_CHANGE = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)\s+(?:higher|lower|more|less|above|below|increase|decrease|rise|drop|decline|reduction|growth|jump|fall)", re.I)
_CHANGE_BEFORE = re.compile(r"(?:\b(?:grown|grew|grow|increased?|decreased?|rose|risen|fell|fallen|dropped|declined|reduc\w+|jumped|by|up|down)\s+(?:by\s+)?"
                            r"|\b(?:increase|decrease|rise|drop|decline|reduction|growth|jump|fall|change)\s+of\s+"
                            r"|\b(?:will|would|could|might|expected\s+to|projected\s+to|forecast\s+to|predicted\s+to)\s+(?:\w+\s+){0,3}?(?:to\s+)?)"
                            r"(?:" + words.alt(words.APPROXIMATORS) + r"\s+)?$", re.I)
# the level reached after a change: "rose by 5 percent to about 72 percent"
_TO_LEVEL_GAP = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)?\s*(?:in\s+(?:19|20)\d\d\s*)?,?\s*(?:up\s+|down\s+)?to\s+(?:"
                           + words.alt(words.APPROXIMATORS) + r"\s+)?$", re.I)
# "from 95 percent of total sales before the law took effect to 77 percent": the two ends of a change
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:" + words.alt(words.APPROXIMATORS) + r"\s+)?$", re.I)
_TO_END = re.compile(r"\bto\s+(?:" + words.alt(words.APPROXIMATORS) + r"\s+)?$", re.I)
# "is 55 percent and audio-visual works about 50 percent": a second rate, its verb left out, its own sector
_ELLIPSIS_GAP = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)?\s*(?:,\s*(?:and\s+|while\s+|but\s+|whereas\s+)?|(?:and|while|but|whereas)\s+)(?:for\s+|of\s+|in\s+)?"
                           r"(?P<what>(?:[a-z][\w'-]*\s+){1,3}?)(?:piracy\s+|rates?\s+|levels?\s+)?"
                           r"(?:(?:is|was|are|were|stands|stood|remains?|remained)\s+)?(?:at\s+)?(?:"
                           + words.alt(words.APPROXIMATORS) + r"\s+)?$", re.I)
_SHARE_OF_PIRATED = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:all\s+|the\s+)?(?:\w+\s+){0,2}?(?:counterfeit|pirated|illegal|illicit|infringing|fake)\b", re.I)
_SECTORS = [
    ("software", re.compile(r"\bsoftware\b|\bPC'?s?\b|\bcomputers?\b|\bBSA\b", re.I)),
    ("optical_disc", re.compile(r"\boptical\s+dis[ck]s?\b|\bCDs?\b|\bDVDs?\b|\bdiscs?\b", re.I)),
    ("music", re.compile(r"\bmusic\b|\brecord(?:ing|ed)?s?\b|\bsongs?\b|\bIFPI\b|\bphonogram|\baudio[\s-]*(?:cassettes?|tapes?)\b", re.I)),
    ("film", re.compile(r"\bfilms?\b|\bmovies?\b|\bmotion\s+pictures?\b|\bvideo(?:s|tapes?|cassettes?)?\b|\bMPAA?\b|\bcinema\b|\baudio[\s-]*visual\b", re.I)),
    ("books", re.compile(r"\bbooks?\b|\bpublish\w*|\btextbooks?\b", re.I)),
    ("online", re.compile(r"\binternet\b|\bonline\b|\bP2P\b|\bdownloads?\b|\bpeer[\s-]to[\s-]peer\b", re.I)),
    ("overall", re.compile(r"\boverall\b|\b(?:every|all)\s+(?:forms?|kinds?|types?)\s+of\s+(?:intellectual\s+property|IPR?|copyright\w*)\b|\ball\s+sectors\b|\btotal\s+piracy\b|\ball\s+(?:lines\s+of\s+)?(?:copyright\s+)?(?:business|industries|sectors)\b", re.I)),
]
# a world figure, but not the name of a study that gives the country's ("BSA's Global Software Piracy Study")
_NOT_A_RATE = re.compile(r"\b(?:worldwide|global(?:ly)?)\b(?!\s+(?:software\s+piracy\s+)?(?:study|studies|report|survey))"
                         r"|\bin\s+the\s+world\b", re.I)
# what the percentage counts, right after it: "percent of GDP", "of those surveyed", "of its potential earnings"
_NOT_A_RATE_OF = re.compile(r"(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:the\s+)?(?:[\w\u2019']+\s+)?(?:GDP|gross\s+domestic\s+product|economy|exports|imports|budget|employment|workforce|labou?r\s+force|population|jobs)\b"
                            # a price or value, or a world figure: "sell for 10 percent of the price of legitimate copies"
                            r"|(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:[\w\u2019'-]+\s+){0,2}?(?:price|prices|cost|costs|value)\b"
                            r"|(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:the\s+)?(?:world|global|international)\b"
                            # a loss of earnings: "90 percent of its members' potential earnings are lost"
                            r"|(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:[\w\u2019'-]+\s+){0,3}?(?:earnings|revenues?|income|profits?|turnover|royalt(?:y|ies))\b"
                            # people asked or counted, not goods: "66% of those surveyed", "70 percent of consumers"
                            r"|(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:[\w\u2019'-]+\s+){0,2}?(?:respondents|consumers|people|persons|users|households|"
                            r"students|citizens|buyers|customers|shoppers|adults|youths?|teenagers|individuals|participants|interviewees|"
                            r"residents|the\s+public|(?:those|people|persons)\s+(?:surveyed|asked|polled|interviewed|questioned))\b"
                            # a share of enforcement cases: "80 percent of criminal piracy cases end in suspended sentences"
                            r"|(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:[\w\u2019'-]+\s+){0,2}?(?:cases|prosecutions|raids|inspections|defendants|"
                            r"suspects|complaints|investigations|convictions|sentences|judges|arrests|verdicts|offenders|infringers)\b", re.I)
_OPINION_AFTER = re.compile(r"[^.;,]{0,60}?\b(?:said|say|says|think|thought|believe|believed|surveyed|respondents|polled|agree|agreed|"
                            r"aware|admit\w*|prefer\w*|willing)\b", re.I)
# a loss in sales: "piracy cost the industry 30 percent of its sales"
_LOSS = re.compile(r"\b(?:lost|losses|loss|cost|costs|costing)\b", re.I)
_OF_SALES = re.compile(r"(?:\s*|-)(?:%|percent|per\s+cent)\s+of\s+(?:[\w\u2019'-]+\s+){0,3}?sales\b", re.I)
# a tariff, tax or fee: "a 25 percent tariff", "a customs duty of 30 percent"
_LEVY = r"(?:tariffs?|duty|duties|tax(?:es)?|vat|levy|levies|royalt(?:y|ies)|surcharges?|fees?|interest|withholding|commissions?|discounts?|mark-?ups?|margins?|bonds?|deposits?|guarantees?)"
_LEVY_AFTER = re.compile(r"(?:\s*|-)(?:%|percent|per\s+cent)\s+(?:[\w-]+\s+){0,2}?" + _LEVY + r"\b", re.I)
_LEVY_BEFORE = re.compile(r"\b" + _LEVY + r"\s+(?:rates?\s+)?(?:of|at|is|was|are|were|stands\s+at|amounts\s+to)\s+(?:" + words.alt(words.APPROXIMATORS) + r"\s+)?$", re.I)
# legitimate goods named after the last piracy word before the number: their share, not piracy's
_LEGIT = re.compile(r"(?<![\w-])(?:legitimate|legal|licen[cs]ed|authori[sz]ed|genuine|original|authentic|lawful)\b", re.I)
_NOT_A_RATE_WORDS = required_words(_NOT_A_RATE)   # derived gates: a window without one of them cannot match
_LEGIT_WORDS = required_words(_LEGIT)
# a projection, a target or a plan: "aims to reduce piracy to 40 percent", "is expected to fall to 60 percent"
_FUTURE = re.compile(words.alt(("will", "would", "shall", "should") + words.INTENTIONS + ("target", "targets", "goal", "goals", "if", "unless")), re.I)
# an estimate under doubt: kept, with a low confidence (case kept: "May" is a month)
_MAYBE = re.compile(words.alt(("may", "might", "could", "must")))
# contrast between a legitimate-goods word and the number: "legitimate copies of films but an estimated 20 percent"
_CONTRAST = re.compile(r"\b(?:but|while|whereas|although|though|however|yet)\b|[;,]", re.I)
# the number's own sector named right after it: "68 percent for business software, 70 percent for music"
_OWN_SECTOR_AFTER = re.compile(r"(?:\s*|-)(?:%|percent|per\s+cent)\s+(?:for|in|of|among)\s+[\"'\u201c\u201d]?\s*(?:the\s+|all\s+)?", re.I)
# a rate named without its goods ("Singapore's piracy rate fell from 61 percent"): the sentence before may name them
_BARE_RATE = re.compile(r"\bpiracy\s+(?:rates?|levels?)\b(?!\s+(?:for|of|among)\b)|\b(?:rates?|levels?)\s+of\s+piracy\b(?!\s+(?:for|of|among)\b)", re.I)
_FROM_TO_GAP = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)?\s*(?:in\s+(?:19|20)\d\d\s+)?(?:to|down\s+to|up\s+to)\s+$", re.I)
_YEAR = re.compile(r"\b(?:in|for|of)\s+((?:19[5-9]|20[0-4])\d)\b|\(((?:19[5-9]|20[0-4])\d)\)")
_COMPARE_GAP = re.compile(r"compar\w*\s+(?:\w+\s+)?(?:to|with)|\b(?:up|down)\s+from\b|\bversus\b|\bvs\.?|\bagainst\b|\bthan\b"
                          r"|\bfrom\s+(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+)?$", re.I)
# "84% in 2007 and 85% in 2006": a figure per year in a list
_YEAR_LIST_GAP = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)\s+(?:in|for)\s+(?:19|20)\d\d\s*(?:,\s*(?:and\s+)?|and\s+)$", re.I)
_PCT_YEAR_AFTER = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)\s+(?:in|for)\s+(?:19|20)\d\d\b", re.I)
# "92, 89 and 85 percent, respectively": bare members of a list of percentages
_BARE_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$", re.I)
_PCT_LIST_GAP = re.compile(r"^(?:\s*|-)(?:%|percent|per\s+cent)?\s*(?:,\s*(?:and\s+)?|and\s+)$", re.I)
_AND_GAP = re.compile(r"(?:\s*|-)(?:%|percent|per\s+cent)?\s+and\s+", re.I)
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_COORD = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)", re.I)
_LIST_YEARS = re.compile(r"[^.;]{0,40}?\bin\s+((?:19|20)\d\d(?:\s*(?:,\s*(?:and\s+)?|and\s+)(?:19|20)\d\d)+)\s*,?\s*respectively", re.I)
_BOUND = re.compile(r"[;]|,\s+(?:and|but|while|whereas)\s+|\s+(?:and|but)\s+(?=\d)|\s+(?:while|whereas)\s+"
                    r"|\s+(?:and|but)\s+(?:that|also|then)\b", re.I)


def _window(R, text: str, subject: str, start: int, end: int, prev_end: int, next_start: int) -> tuple[int, int]:
    """(a, b): the number's clause, at most 120 characters either side, cut at clause bounds (found
    in `subject`, the text itself or its lower-cased twin) and after the last ' where '."""
    lo = max(prev_end, start - 120)
    hi = min(next_start, end + 120)
    a = lo
    cut = None
    for cut in R.bound.finditer(subject, lo, start):
        pass
    if cut is not None:
        a = cut.end()
    k = text.rfind(" where ", a, start)
    if k != -1:
        a = k + 6
    m = R.bound.search(subject, end, hi)
    return a, (m.start() if m else hi)


_INTERNATIONAL_SOURCE = re.compile(r"\bInternational\s+(?:Federation|Intellectual|Association|Chamber)|\bIFPI\b|\bWIPO\b|\bOECD\b")
_PLACE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?(?:city|country|capital|region|market|[A-Z][a-z]+)")


# a figure for a region or the world ("Regional software piracy averaged 61 percent in Asia")
_REGIONAL = re.compile(
    r"\bregional(?:ly)?\b|\bregion-wide\b|\b(?:across|in|throughout)\s+the\s+(?:region|world|continent)\b"
    r"|\b(?:world|global|worldwide)\s+average\b|\b(?:across|in|throughout)\s+(?:Asia|Latin\s+America|Europe|Africa|"
    r"the\s+Middle\s+East|Central\s+America|the\s+Americas|Asia[\s-]Pacific|Eastern\s+Europe|Central\s+Asia)\b", re.I)


_RANKED_BEFORE = re.compile(r"\b(?:highest|lowest|worst|largest|best)\s+(?:\w+\s+)?\Z", re.I)
"""'among the highest in Latin America': the country ranked against its region, not the region's figure."""
_REGIONAL_WORDS = required_words(_REGIONAL) or ("",)   # one of them is in every match
_HAS_REGIONAL_WORD = contains_any(_REGIONAL_WORDS)


def _global_figure(s: Sentence) -> bool:
    """An international body's figure with no place named, or a regional or world figure with no
    country named: not the country's."""
    text = s.text
    if _HAS_REGIONAL_WORD(s.low) is not None \
            and any(not _RANKED_BEFORE.search(text, max(0, m.start() - 40), m.start()) for m in _REGIONAL.finditer(text)) \
            and not [c for c in s.countries() if c[0] != "USA"]:
        return True
    if not ("International" in text or "IFPI" in text or "WIPO" in text or "OECD" in text):
        return False
    return bool(_INTERNATIONAL_SOURCE.search(text)) and not s.countries() and not _PLACE.search(
        _INTERNATIONAL_SOURCE.sub("", text))


_SHORT_GAP = re.compile(r"[^.;]{0,30}")


def _piracy_low(low: str) -> bool:
    """bool(_PIRACY.search(low)) on lower-cased ASCII text: the rule tried only where one of its
    derived start stems occurs (fastmatch.literal_stems)."""
    match = _PIRACY_LOW.match
    return any(match(low, p) for p in stem_starts(low, _PIRACY_STEMS))


def _rules(lowered: bool) -> SimpleNamespace:
    """The re.I rules as written, or lowered for lower-cased ASCII text (fastmatch.lowered_pattern)."""
    conv = (lambda rx: re.compile(lowered_pattern(rx.pattern), rx.flags & ~re.I)) if lowered else (lambda rx: rx)
    return SimpleNamespace(
        pct_after=conv(_PCT_AFTER), change=conv(_CHANGE), change_before=conv(_CHANGE_BEFORE),
        share_of_pirated=conv(_SHARE_OF_PIRATED), not_a_rate=conv(_NOT_A_RATE), not_a_rate_of=conv(_NOT_A_RATE_OF), opinion_after=conv(_OPINION_AFTER),
        from_to_gap=conv(_FROM_TO_GAP), compare_gap=conv(_COMPARE_GAP), bound=conv(_BOUND),
        to_level_gap=conv(_TO_LEVEL_GAP), from_before=conv(_FROM_BEFORE), to_end=conv(_TO_END),
        ellipsis_gap=conv(_ELLIPSIS_GAP), loss=conv(_LOSS), of_sales=conv(_OF_SALES), levy_after=conv(_LEVY_AFTER),
        levy_before=conv(_LEVY_BEFORE), legit=conv(_LEGIT), future=conv(_FUTURE), contrast=conv(_CONTRAST),
        own_sector_after=conv(_OWN_SECTOR_AFTER),
        piracy_rx=_PIRACY_LOW if lowered else _PIRACY,
        sectors=[(name, conv(rx)) for name, rx in _SECTORS],
        piracy=_piracy_low if lowered else (lambda t: _PIRACY.search(t) is not None))


_RULES = _rules(False)
_RULES_LOW = _rules(True)


def _percent_numbers(R, text: str, low: str) -> list:
    """The percentages of the sentence: "60 to 80 percent" and "between 60 and 80 percent" as
    ranges, and, before "respectively", the bare members of a list ("92, 89 and 85 percent")."""
    found = find_numbers(text)
    out = []
    respectively = "respectively" in low
    for i, n in enumerate(found):
        if n.currency or not R.pct_after.match(low[n.end:n.end + 12]):
            continue
        p = found[i - 1] if i else None
        if p is not None and p.hi is None and not p.currency and _AND_GAP.fullmatch(low, p.end, n.start) \
                and _BETWEEN.search(low, max(0, p.start - 10), p.start):
            if out and out[-1] is p:
                out.pop()
            n = _num(p.value, p.start, n.end, text[p.start:n.end], None, n.value, False, False)
        elif respectively:
            members = []
            j = i - 1
            while j >= 0 and not found[j].currency and not found[j].year_like and (not out or found[j].start >= out[-1].end) \
                    and _BARE_LIST_GAP.match(low[found[j].end:(members[-1] if members else n).start]):
                members.append(found[j])
                j -= 1
            out.extend(reversed(members))
        out.append(n)
    return out


_CONTENT = ("software", "music", "film", "books")


def _sectors(R, win_low: str, low: str, s: Sentence | None = None) -> list[str]:
    """The sector the window names (the first of _SECTORS that occurs), with the sectors
    coordinated with it ("music and film piracy"); else the sentence's; else that of the sentence
    before when it speaks of piracy ("... the highest software piracy rates. Industry puts the
    rate at 68 percent"); else 'other'. A medium (CDs, DVDs) gives way to the one kind of content
    the window also names ("the recording industry estimates the piracy rate for CDs")."""
    first = next((name for name, rx in R.sectors if rx.search(win_low)), None)
    if first is None:
        own = next((name for name, rx in R.sectors if rx.search(low)), None)
        if own is None and s is not None and _BARE_RATE.search(s.text):
            prev = s.previous()
            if prev is not None and _BARE_RATE.search(prev.text):
                named = [name for name, rx in _SECTORS if rx.search(prev.text)]
                own = named[0] if len(named) == 1 else None
        return [own or "other"]
    hits = sorted((m.start(), m.end(), name) for name, rx in R.sectors for m in rx.finditer(win_low))
    if len(hits) == 1:
        return [first]
    # chains of sector words joined by ',', 'and', 'or', '&' ("music CDs" is one sector, not two)
    chains, cur = [], [hits[0]]
    for h in hits[1:]:
        if h[2] == cur[-1][2] or _COORD.fullmatch(win_low, cur[-1][1], h[0]) \
                or (cur[-1][2] in _CONTENT and h[2] in _CONTENT and win_low[cur[-1][1]:h[0]].isspace()):   # 'software music and videos' (commas stripped)
            cur.append(h)
        else:
            chains.append(cur)
            cur = [h]
    chains.append(cur)
    chain = next(c for c in chains if any(h[2] == first for h in c))
    out = list(dict.fromkeys([first] + [h[2] for h in chain]))
    if out == ["optical_disc"]:
        source = _source(R, win_low)
        if source:
            return [source]
    return out


_SOURCE_AFTER = re.compile(r"\s+(?:industry|industries|associations?|alliance|producers|companies|firms)\b|[a-z]*\s+(?:industry|associations?)\b", re.I)
_SOURCE_BODIES = re.compile(r"\b(?:BSA|IFPI|MPAA?|RIAA)\b", re.I)


def _source(R, win_low: str) -> str | None:
    """The one kind of content named as the industry that gives the estimate ("the recording
    industry estimates", "the U.S. film industry", BSA, IFPI, MPA): it names the sector of a rate
    counted in a medium ("the piracy rate for CDs"), where "music CDs" alone stays a medium."""
    found = set()
    for name, rx in R.sectors:
        if name in _CONTENT:
            for m in rx.finditer(win_low):
                if _SOURCE_AFTER.match(win_low, m.end()) or _SOURCE_BODIES.fullmatch(win_low, m.start(), m.end()):
                    found.add(name)
    return found.pop() if len(found) == 1 else None


_CELL = r"(?:\d[\d.,]*(?:\s?%)?|n/?a|-{1,2}|\u2013|\u2014)"
_TABLE_ROW = re.compile(rf"^[ \t]*(?P<label>[A-Za-z][A-Za-z &/,'().-]*?)[ \t]+(?P<cells>{_CELL}(?:[ \t]+{_CELL})*)[ \t]*$", re.I | re.M)
_YEAR_ROW = re.compile(r"^[ \t]*(?:[A-Za-z][A-Za-z &/()-]*[ \t]+)?(?P<years>(?:19|20)\d\d(?:[ \t]+(?:19|20)\d\d)+)[ \t]*$", re.M)
_CELL_RE = re.compile(_CELL, re.I)


def _table(s: Sentence, R) -> list:
    """Rates from a table of piracy levels (IIPA style): a row per sector under a row of years
    ("Business Software  1,200.0  68%  1,100.0  73%" under "2008  2007"); a row's cells are
    shared out among the years in order (one or two cells a year), and its percentages kept."""
    text = s.text
    head = s.doc[max(0, s.start - 800):s.start] + text
    if not R.piracy(head.lower()):
        return []
    facts = []
    for row in _TABLE_ROW.finditer(text):
        label = row.group("label").lower()
        sector = next((name for name, rx in R.sectors if rx.search(label)), None)
        cells = _CELL_RE.findall(row.group("cells"))
        if sector is None or not any(c.endswith("%") for c in cells):
            continue
        upto = len(head) - len(text) + row.start()
        years = None
        for m in _YEAR_ROW.finditer(head, 0, upto):
            years = [int(y) for y in m.group("years").split()]
        if not years or len(cells) % len(years) or len(cells) // len(years) > 2:
            continue
        k = len(cells) // len(years)
        for i, c in enumerate(cells):
            if c.endswith("%"):
                value = float(c.rstrip("% ").replace(",", ""))
                if value <= 100:
                    facts.append(fact(s, "piracy_rate", format_value(value), qual(sector=sector), years[i // k],
                                      "piracy.table", 0.7, span=(row.start(), row.end())))
    return facts


def _not_a_rate(R, low: str, n, a: int, b: int, next_start: int, local: bool = False) -> bool:
    """Whether the percentage at n in low[a:b] (its clause) counts something other than pirated
    goods: a world figure, GDP, people asked, enforcement cases, earnings or sales lost, a tariff
    or tax, or legitimate goods (named close before it, after the last piracy word and with no
    contrast between). `local`: only what the number's own phrase says (for a member of a list
    or a comparison whose first figure was a rate)."""
    win_low = low[a:b]
    if R.not_a_rate_of.match(low, n.end) or (not local and any(w in win_low for w in _NOT_A_RATE_WORDS)
                                              and R.not_a_rate.search(win_low)) \
            or R.opinion_after.match(low, n.end, min(next_start, n.end + 80)):
        return True
    if R.of_sales.match(low, n.end) and R.loss.search(win_low):
        return True
    if R.levy_after.match(low, n.end) or R.levy_before.search(low, max(a, n.start - 60), n.start):
        return True
    if local:
        return False
    legit = None
    near = low[max(a, n.start - 80):n.start]
    for legit in (R.legit.finditer(low, max(a, n.start - 80), n.start) if any(w in near for w in _LEGIT_WORDS) else ()):
        pass
    if legit is not None and not R.contrast.search(low, legit.end(), n.start):
        last_piracy = None
        for last_piracy in R.piracy_rx.finditer(low, a, n.start):
            pass
        if last_piracy is None or last_piracy.start() < legit.start():
            return True
    return False


_PARALLEL = re.compile(r"\b(?:(?:illegal|illicit|unauthori[sz]ed|unlicen[cs]ed)\s+)?parallel[\s-]+import\w*", re.I)
"""Parallel imports are genuine goods imported without the right holder's leave: not pirated copies."""
_SEMI_ITEM = re.compile(r";\s*(?:and\s+)?$")
"""A gap ending a semicolon list item before the next ('... music market; 58 percent of ...')."""
_PHRASE_END = re.compile(r"\s+(?:but|while|whereas|sold|in|on|at|are|is|were|was|have|has|had)\b|[,;.(]", re.I)


def _own_sector(R, low: str, win_low: str, n, next_start: int) -> list[str] | None:
    """The sectors named right after the number ("68 percent for business software, 70 percent
    for music", "100 percent of recordings and home videos"), as _sectors reads them ("music CDs"
    is a medium), unless the industry giving the estimate names the content."""
    m = R.own_sector_after.match(low, n.end)
    if m is None:
        return None
    stop = _PHRASE_END.search(low, m.end(), next_start)
    phrase = " ".join(low[m.end():stop.start() if stop else next_start].split()[:4])   # its first words only
    head = " ".join(phrase.split()[:3])
    if not any(rx.search(head) for _, rx in R.sectors):
        return None   # the goods are not what the phrase names first ("of those who buy music")
    names = _sectors(R, phrase, phrase)
    if names == ["optical_disc"]:
        source = _source(R, win_low)
        return [source] if source else names
    return names


def extract(s: Sentence, ctx) -> list:
    text = s.text
    low = s.low
    if _HAS_PCT_STEM(low) is None or not _PCT.search(text):
        return []
    if _global_figure(s):
        return []
    if "\n" in text or (text.count("%") > 1 and _TABLE_ROW.match(text)):
        table = _table(s, _RULES_LOW if text.isascii() else _RULES)
        if table:
            return table
    # on ASCII text the re.I rules run on the lower-cased twin (same offsets); `low` holds it
    R, low = (_RULES_LOW, low) if text.isascii() else (_RULES, text)
    nums = _percent_numbers(R, text, low)
    facts = []
    rows = []      # (number, sectors, country, year, inherited, confidence) of each rate, in order
    prev_fact = None      # the sectors of the rate just before, when it was one
    prev_rejected = False
    prev_change = None    # the window start of a change just before ("rose by 5 percent ...")
    prev_own = False      # the rate just before named its own sector after it ("68 percent for software")
    for i, n in enumerate(nums):
        after = low[n.end:n.end + 80]
        before = low[max(0, n.start - 40):n.start]
        prev_end = nums[i - 1].end if i else 0
        next_start = nums[i + 1].start if i + 1 < len(nums) else len(text)
        gap = low[prev_end:n.start]
        if R.change.match(after) or R.change_before.search(before) or n.value > 100:
            prev_change = _window(R, text, low, n.start, n.end, prev_end, next_start)[0] if n.value <= 100 else None
            prev_fact = None
            prev_rejected = True
            prev_own = False
            continue
        level_after_change = prev_change is not None and R.to_level_gap.match(gap) is not None
        a, b = _window(R, text, low, n.start, n.end, prev_change if level_after_change else prev_end, next_start)
        prev_change = None
        win, win_low = text[a:b], low[a:b]
        inherited = None
        ellipsis = None
        if i and prev_rejected and not level_after_change and (R.compare_gap.search(gap) or _SHORT_GAP.fullmatch(gap)):
            continue   # compared with / listed after a figure that is not a piracy rate
        if prev_fact is not None and (R.compare_gap.search(gap) or R.from_to_gap.match(gap)
                                      or (_YEAR_LIST_GAP.match(gap) and _PCT_YEAR_AFTER.match(after))
                                      or _BARE_LIST_GAP.match(gap)
                                      or ("respectively" in low and _PCT_LIST_GAP.match(gap))
                                      or (len(gap) < 200 and ";" not in gap and R.to_end.search(gap)
                                          and R.from_before.search(low, max(0, nums[i - 1].start - 30), nums[i - 1].start))) \
                and not R.piracy(gap):
            inherited = prev_fact
        elif prev_fact is not None and (m := R.ellipsis_gap.match(gap)) is not None \
                and any(rx.search(m.group("what")) for _, rx in R.sectors) and not R.piracy(gap):
            ellipsis = _sectors(R, m.group("what"), m.group("what"))
        elif prev_own and (own := _own_sector(R, low, win_low, n, next_start)) and len(gap) < 80 \
                and (";" not in gap or gap.count(";") == 1 and _SEMI_ITEM.search(gap)) and not R.piracy(gap):
            ellipsis = own   # "... at 68 percent for business software 70 percent for music"
        elif not R.piracy(win_low) or R.share_of_pirated.match(after) \
                or ("parallel" in win_low.lower() and not R.piracy(_PARALLEL.sub(" ", win_low))):
            prev_fact = None
            prev_rejected = True
            prev_own = False
            continue
        local = inherited is not None or ellipsis is not None
        if _not_a_rate(R, low, n, a, b, next_start, local) or (not local and R.future.search(low, a, n.start)):
            prev_fact = None
            prev_rejected = True
            prev_own = False
            continue
        prev_rejected = False
        own = _own_sector(R, low, win_low, n, next_start)
        sectors = own or inherited or ellipsis or _sectors(R, win_low, low, s)
        prev_own = own is not None
        confidence = 0.4 if _MAYBE.search(text, a, n.start) else 0.8
        country = _country(s, win, ctx)
        year = None
        after_part = text[n.end:next_start]
        ym = _YEAR.search(after_part) or _YEAR.search(win)
        if ym:
            year = int(ym.group(1) or ym.group(2))
        rows.append([n, sectors, country, year, inherited is not None, confidence])
        prev_fact = sectors
    if "respectively" in low:
        _respectively(R, low, rows)
    for n, sectors, country, year, _, confidence in rows:
        rng = f"{format_value(n.value)}-{format_value(n.hi)}" if n.hi is not None else None
        for sector in sectors:
            facts.append(fact(s, "piracy_rate", format_value(n.value), qual(sector=sector, range=rng, country=country),
                              year, "piracy.percent", confidence))
    return facts


def _respectively(R, low: str, rows: list) -> None:
    """"Piracy rates for music, film and software were 92, 89 and 85 percent, respectively" (or
    "68% and 73% in 2008 and 2007, respectively"): a list of rates takes the sectors named
    before it, or the years after it, one each in order."""
    run = [rows[0]] if rows else []
    for r in rows[1:]:
        if r[4]:
            run.append(r)
    if len(run) < 2:
        return
    first, last = run[0][0], run[-1][0]
    hits = sorted((m.start(), name) for name, rx in R.sectors for m in rx.finditer(low, 0, first.start))
    named = list(dict.fromkeys(name for _, name in hits))
    if len(named) == len(run):
        for r, name in zip(run, named):
            r[1] = [name]
    m = _LIST_YEARS.match(low, last.end)
    if m:
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", m.group(1))]
        if len(years) == len(run):
            for r, y in zip(run, years):
                r[3] = y


_IN_NAME = re.compile(r"\bin\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)")


def _country(s: Sentence, win: str, ctx) -> str | None:
    """A country other than the document's that the rate is explicitly about ('in the U.S.',
    "Malaysia's piracy rate")."""
    from .common import find_countries
    doc = getattr(ctx, "country_iso3", None)
    m = _IN_NAME.search(win)
    if m:
        isos = [iso for iso, _, _ in find_countries(m.group(0))]
        if isos and isos[0] != doc:
            return isos[0]
        return None
    if "'s" in win or "\u2019s" in win:
        for iso, _, e in find_countries(win):
            if win[e:e + 2] in ("'s", "\u2019s") and iso != doc:
                return iso
    return None
