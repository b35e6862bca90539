"""Labels: the post's own Special 301 recommendation and mentions of current/past placement.

recommended_status: only where the post/embassy/mission/"we" is the one recommending (never
industry's or USTR's view); listed_status_mentioned: statements of a placement on a list.
These are LABELS for the recommender, never model features.
"""
from __future__ import annotations

import re

from .common import Sentence, fact, year_of
from .fastmatch import finditer_at, literal_stems, stem_starts

KEYWORDS = ('watch list', 'watchlist', 'watch-list', 'priority foreign', 'section 306', '306 monitoring', 'special 301', 'pwl', 'pfc',)
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches)."""

_STATUS = re.compile(
    r"(?P<PFC>priority\s+foreign\s+countr(?:y|ies)|\bPFC\b)"
    r"|(?P<PWL>priority\s+watch[\s-]?list|\bPWL\b)"
    r"|(?P<WL>watch[\s-]?list(?:ed|ing)?|\bWL\b)"
    r"|(?P<S306>section\s+306|\b306\s+monitoring)",
    re.I,
)
# who recommends: the post itself
_POST_RECOMMENDS = re.compile(
    r"\b(?:post|embassy(?:\s+[A-Z][a-z]+)*|mission(?:\s+[A-Z][a-z]+)*|consulate(?:\s+general)?(?:\s+[A-Z][a-z]+)*|we|I)"
    r"(?:\s+(?:therefore|thus|again|also|strongly|respectfully|accordingly|again|now|would|continues?\s+to))*"
    r"\s+(?:recommends?|recommended|proposes|supports|favors|favours|urges|concurs?\s+with|agrees?\s+with)\b"
    r"|\b(?:post|embassy|mission|we)\s+(?:\w+\s+){0,2}?(?:believes?|considers?|thinks?|feels?)\s+(?:that\s+)?[^.;]{0,80}?\b(?:should|must|ought\s+to)\b"
    r"|\b(?:post|embassy|mission|we)\s+(?:does|do)\s+not\s+(?:recommend|propose|support)\s+(?:any\s+)?changes?\b", re.I)
_POST_RECOMMENDATION = re.compile(r"\b(?:post|embassy|mission|consulate)(?:'s|\u2019s)\s+(?:\d{4}\s+)?recommendation(?:\s+is\b|\s*[:\-])", re.I)
_PAST_REC = re.compile(r"\blast\s+year\b|\bprevious\w*|\bprior\b|\bin\s+(?:19|20)\d\d\b|\bearlier\b", re.I)
_WOULD = re.compile(r"\bwould\s+(?:likely\s+|probably\s+|then\s+)?(?:strongly\s+)?(?:recommend|encourage|support|favou?r|urge)", re.I)
_IF = re.compile(r"\b(?:if|in\s+the\s+event|unless|should\s+\w+\s+fail)\b", re.I)
_NOT_MOVED = re.compile(r"\bnot\s+be\s+(?P<dir>elevated|raised|upgraded|moved\s+up|lowered|downgraded|moved\s+down)\s+to\s+(?:the\s+)?(?P<s>priority\s+watch[\s-]?list|watch[\s-]?list|priority\s+foreign\s+country|PWL|WL|PFC)", re.I)
_MOVE_TO = re.compile(r"\b(?:mov\w*|shift\w*|transfer\w*)\s+(?:\w+\s+){0,3}?to\s+(?:the\s+)?(?:special\s+301\s+)?(?P<s>priority\s+watch[\s-]?list|watch[\s-]?list|priority\s+foreign\s+country|PWL|WL|PFC)", re.I)
CODES = ["none", "WL", "PWL", "PFC"]
_OTHER_RECOMMENDERS = re.compile(r"\b(?:recommend|suggest|urge|propos|concur|merit|favou?r|encourag|advocat|call(?:s|ed)?\s+for|ask\w*\s+(?:\w+\s+){0,2}?to|request\w*|petition\w*|lobb\w+)", re.I)

_EXCLUSION = re.compile(
    r"\bexclu(?:sion|ded?|ding)\s+from\b|\boff\s+(?:of\s+)?the\s+(?:special\s+301\s+)?(?:\w+\s+)?watch[\s-]?list"
    r"|\bnot\s+(?:be\s+)?(?:placed|listed|included)\b|\b(?:remov|drop)\w*\s+(?:[\w'\u2019]+\s+){0,3}?from\b|\bdelist"
    r"|\btak\w+\s+(?:[\w'\u2019]+\s+){0,3}?off\b", re.I)
# "not be placed on any Special 301 list": an exclusion that names no particular list
_ANY_LIST = re.compile(r"\b(?:any|the)\s+(?:special\s+301\s+)?lists?\b", re.I)
_MAINTAIN = re.compile(r"\b(?:remain|maintain|retain|continu|keep|kept|stay|status[\s-]quo|no\s+change|not\s+be\s+(?:lowered|raised|elevated|downgraded|upgraded))", re.I)
_ELEVATE = re.compile(r"\b(?:elevat|upgrad|rais|move\w*\s+up|bump)", re.I)
_LOWER = re.compile(r"\b(?:lower|downgrad|reduc|move\w*\s+down)", re.I)
_ADD = re.compile(r"\b(?:add|plac|put|list|includ)\w*\s+(?:\w+\s+){0,3}?(?:on|in)\b", re.I)
_FROM_TO = re.compile(r"\bfrom\s+(?:the\s+)?(?:special\s+301\s+)?(?P<a>priority\s+watch[\s-]?list|watch[\s-]?list|priority\s+foreign\s+country|PWL|WL|PFC)"
                      r"\s+(?:status\s+)?to\s+(?:the\s+)?(?:special\s+301\s+)?(?P<b>priority\s+watch[\s-]?list|watch[\s-]?list|priority\s+foreign\s+country|PWL|WL|PFC)", re.I)
_NEAR_MISS = re.compile(r"\b(?:close\s+to|nearly|almost)\s+(?:being\s+)?(?:watch[\s-]?listed|placed|listed)|narrowly\s+avoided|kept\s+\w+\s+off|keep\s+\w+\s+off", re.I)
_PLACEMENT = re.compile(
    r"\b(?:remain(?:s|ed|ing)?|stay(?:s|ed)?|placed|placement|included|inclusion|listed|listing|kept|put|return\w*|"
    r"designat\w*|identified|named|elevated|moved|downgraded|lowered|removed|is|was|were|been|status|since|from|avoid)\b"
    r"|watch[\s-]?listed", re.I)

# Word stems that start every match (fastmatch.literal_stems): on ASCII text the list names are
# looked for only where one of these starts, and a sentence without any cannot be a near miss.
_STATUS_STEMS = literal_stems(_STATUS)
_NEAR_MISS_STEMS = literal_stems(_NEAR_MISS)

_RECOMMENDING_STEMS = ("recommend", "suggest", "urge", "propos", "concur", "merit", "favo", "encourag", "advocat", "call",
                       "ask", "request", "petition", "lobb")
RANK = {"none": 0, "WL": 1, "PWL": 2, "PFC": 3}


def _code(m: re.Match) -> str:
    g = m.lastgroup
    return "306" if g == "S306" else g


def _status_of(phrase: str) -> str:
    p = phrase.lower()
    if "foreign" in p or p == "pfc":
        return "PFC"
    if "priority" in p or p == "pwl":
        return "PWL"
    return "WL"


def extract(s: Sentence, ctx) -> list:
    """recommended_status / listed_status_mentioned facts in one sentence."""
    text = s.text
    low = s.low
    ascii_text = text.isascii()
    if ascii_text and _STATUS_STEMS is not None:
        found = finditer_at(_STATUS, text, stem_starts(low, _STATUS_STEMS))
    else:
        found = _STATUS.finditer(text)
    statuses = [(m, _code(m)) for m in found]
    facts = []
    kind = getattr(ctx, "kind", "other") or "other"
    gate = any(w in low for w in ("recommend", "propos", "support", "favo", "urge", "concur", "agree", "believe", "consider", "think", "feel"))
    rec = (_POST_RECOMMENDS.search(text) or _POST_RECOMMENDATION.search(text)) if gate else None
    conditional = rec is not None and ((_WOULD.search(text) and _IF.search(text)) or _IF.search(text[:rec.start()]))
    if rec is not None and re.search(r"\brecommended\b", rec.group(0), re.I) and \
            not re.search(r"\b(?:has|have)\s+(?:\w+\s+)?recommended", rec.group(0), re.I) and _PAST_REC.search(text):
        rec = None   # last year's recommendation, not this one
    if rec and kind in ("cable", "other") and not conditional:
        after = text[rec.start():]
        value = action = None
        ft = _FROM_TO.search(after)
        excl = _EXCLUSION.search(after)
        list_statuses = [(m, c) for m, c in statuses if c != "306" and m.start() >= rec.start()]
        nm = _NOT_MOVED.search(after)
        mv = _MOVE_TO.search(after)
        if ft:
            a, b = _status_of(ft.group("a")), _status_of(ft.group("b"))
            value = b
            action = "elevate" if RANK[b] > RANK[a] else "lower"
        elif nm and len({c for _, c in list_statuses}) == 1:
            # "should not be elevated to the PWL": stays one tier below
            target = _status_of(nm.group("s"))
            up = re.match(r"elevat|rais|upgrad|moved\s+up", nm.group("dir"), re.I) is not None
            value = CODES[max(0, RANK[target] - 1)] if up else CODES[min(3, RANK[target] + 1)]
            action = "maintain"
        elif mv and not _MAINTAIN.search(after[:mv.start()]):
            value = _status_of(mv.group("s"))
            action = "lower" if value == "WL" else "elevate"
        elif excl and len({c for _, c in list_statuses}) == 2 and _ADD.search(text, list_statuses[0][0].end()):
            # "drop X from the Priority Watch List and place it on the Watch List": a move
            a, b = list_statuses[0][1], list_statuses[-1][1]
            value, action = b, "elevate" if RANK[b] > RANK[a] else "lower"
        elif excl and (list_statuses or _ANY_LIST.search(after)):
            value = "none"
            action = "remove" if re.search(r"\b(?:remov|delist|drop|tak\w+\s+(?:\w+\s+)?off)", after, re.I) and not _MAINTAIN.search(after) else "maintain"
        elif list_statuses:
            value = list_statuses[0][1]
            if _MAINTAIN.search(after):
                action = "maintain"
            elif _ELEVATE.search(after):
                action = "elevate"
            elif _LOWER.search(after):
                action = "lower"
            elif _ADD.search(after):
                action = "add"
            else:
                action = "maintain"
        if value:
            facts.append(fact(s, "recommended_status", value, f"action={action}", year_of(text),
                              "status.recommendation", 0.95))
    recommending = rec is not None or (any(w in low for w in _RECOMMENDING_STEMS) and _OTHER_RECOMMENDERS.search(text) is not None)
    if recommending:
        # a proposed move still says where the country is now
        for ft in _FROM_TO.finditer(text):
            facts.append(fact(s, "listed_status_mentioned", _status_of(ft.group("a")), "",
                              year_of(text), "status.listed_from", 0.8))
        return facts
    if not (ascii_text and _NEAR_MISS_STEMS is not None and not any(w in low for w in _NEAR_MISS_STEMS)) \
            and _NEAR_MISS.search(text):
        facts.append(fact(s, "listed_status_mentioned", "none", "", year_of(text), "status.near_miss", 0.7))
        return facts
    if statuses and _PLACEMENT.search(text) and _about_doc_country(s, ctx):
        seen = set()
        for m, code in statuses:
            if code in seen or not _clause_about_doc_country(s, ctx, m.start()):
                continue
            seen.add(code)
            ctx_before = text[max(0, m.start() - 60):m.start()].lower()
            off = re.search(r"(?:exclu\w+|off|remov\w+|delist\w*|dropped|not\s+(?:on|in))\s+(?:from\s+)?(?:the\s+|its\s+)?(?:special\s+301\s+)?$", ctx_before)
            # "hopes to be removed from the Watch List": still on it
            future = off is not None and re.search(r"\b(?:to\s+be|will|would|could|may|might|hop\w+|seek\w*|want\w*|aim\w*|try\w*|expect\w*)\b", ctx_before)
            value = "none" if off and not future else code
            facts.append(fact(s, "listed_status_mentioned", value, "", year_of(text), "status.listed", 0.8))
    return facts


def _about_doc_country(s: Sentence, ctx) -> bool:
    """False when the sentence names countries and none of them is the document's."""
    doc = getattr(ctx, "country_iso3", None)
    if not doc:
        return True
    found = {iso for iso, _, _ in s.countries() if iso != "USA"}
    return not found or doc in found


_CLAUSE_CUT = re.compile(r"[,;:]|\s(?:while|whereas|but)\s", re.I)


def _clause_about_doc_country(s: Sentence, ctx, pos: int) -> bool:
    """False when the clause before `pos` names another country last ("Chile remains on the
    Priority Watch List, while Peru ..."): that placement is the other country's."""
    doc = getattr(ctx, "country_iso3", None)
    if not doc:
        return True
    text = s.text
    cut = 0
    for m in _CLAUSE_CUT.finditer(text, 0, pos):
        cut = m.end()
    named = [iso for iso, a, _ in s.countries() if cut <= a < pos and iso != "USA"]
    return not named or named[-1] == doc


_PRESENT = re.compile(r"\bremains?\b|\bis\s+(?:currently\s+|still\s+)?on\b|\bthis\s+year\b|\bcurrently\b", re.I)


def finalize(facts: list, text: str = "", ctx=None) -> list:
    """A present-tense placement ('remains on the Watch List', 'this year') refers to the report's year."""
    from dataclasses import replace
    date = getattr(ctx, "report_date", None)
    if date is None:
        return facts
    out = []
    for f in facts:
        if f.feature == "listed_status_mentioned" and f.ref_year is None and _PRESENT.search(f.sentence):
            f = replace(f, ref_year=date.year)
        out.append(f)
    return out
