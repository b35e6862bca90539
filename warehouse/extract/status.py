"""Labels: the post's own Special 301 recommendation and mentions of current/past placement.

recommended_status: only where the post/embassy/mission/"we" is the one recommending (never
industry's or USTR's view); listed_status_mentioned: statements of a placement on a list (also
"was not listed in the 2014 Special 301 Report" -> none; "removed X from the Watch List" -> none;
a move from one list to another gives both, the list left the year before);
out_of_cycle_review (project extension): a Special 301 out-of-cycle review announced (announced,
initiated, will be / is being conducted) or conducted (concluded, "following an out-of-cycle
review in 2008"), never one that someone recommends, requests or may conduct.
These are LABELS for the recommender, never model features (warehouse.vocab.LABEL_FEATURES).
"""
from __future__ import annotations

import re

from ..vocab import TIER_RANK, TIERS
from .common import Sentence, fact, year_of
from .numbers import years_in
from .fastmatch import contains_any, finditer_at, literal_stems, required_words, reusing, stem_starts

# the section and report numbers after white space (a look-behind that changes nothing but lets the keywords be
# " 301", "\n306": rarer than "special", "section" and four characters long, one slot of the pipeline's anchors)
_301 = r"(?<=[ \t\n])301\b"
_306 = r"(?<=[ \t\n])306\b"
_306_MONITORING = r"\b306\s+monitoring\b"
_STATUS_ALTS = {
    # (one white space between the first two words: the stems run on to "priority for", never a bare "priority ")
    "PFC": r"priority\sforeign\s+countr(?:y|ies)|\bPFC\b",
    "PWL": r"priority\s+watch[\s-]?list|\bPWL\b",
    # the abbreviation only after a space or a bracket ("(WL)", "the WL"), not in "knowledge" (each keyword of three
    # letters, " wl", "(wl", costs the pipeline's anchor table 128 slots: two, not ten)
    "WL": r"watch[\s-]?list(?:ed|ing)?|(?<=[ (])WL\b",
    "S306": r"section\s+" + _306 + "|" + _306_MONITORING,
}
_STATUS = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _STATUS_ALTS.items()), re.I)
# who recommends: the post itself ("Embassy Lima", but not "the IIPA mission": a following name is capitalised)
_NAME = r"(?-i:(?:\s+[A-Z][a-z]+|\s+[A-Z]{3,})*)"
_WHO = r"\b(?:post|embassy" + _NAME + r"|mission" + _NAME + r"|consulate(?:\s+general)?" + _NAME + r"|we|(?-i:I))"
_ADV = r"(?:\s+(?:\w+ly|therefore|thus|again|also|now|then|instead|still|hereby|would|continues?\s+to|once\s+again))*"
_POST_RECOMMENDS = re.compile(
    _WHO + r"(?:(?:\s*,[^,;]{1,40},)?" + _ADV
    + r"\s+(?:recommends?|recommended|proposes?|supports?|endorses?|advocates?|favou?rs?|urges?|(?:concurs?|agrees?)\s+with"
    + r"|opposes?|objects?\s+to|disagrees?\s+with)\b"
    + r"|\s+(?:\w+\s+){0,2}?(?:believes?|considers?|thinks?|feels?)\s+(?:that\s+)?[^.;]{0,80}?\b(?:should|must|ought\s+to|belongs?|merits?|deserves?|warrants?)\b"
    + r"|(?:\s+(?:does|do|did|can|could|would)(?:\s+not|n[o'\u2019]t)|\s+cannot)\s+(?:\w+ly\s+)?"
      r"(?:recommend|propose|support|endorse|favou?r|agree|concur|see\s+(?:any\s+)?(?:reason|need|basis|justification))\b"
    + r"|\s+(?:sees?|finds?|has|have)\s+no\s+(?:reason|need|basis|justification|grounds)\s+(?:to|for)\b)"
    # "Post disagrees and recommends ...": the subject is left out
    + r"|(?P<elided>\b(?:and|but)" + _ADV + r"\s+(?:recommends?|proposes?|supports?|endorses?|advocates?|favou?rs?|urges?))\b",
    re.I)
_POST_RECOMMENDATION = re.compile(r"(?:\b(?:(?:post|embassy" + _NAME + r"|mission" + _NAME + r"|consulate" + _NAME + r")(?:'s|\u2019s)|our)\s+"
                                  r"|^\W*)(?:\d{4}\s+)?recommendations?(?:\s+is\b|\s*[:\-])"
                                  # "In our view, Peru should remain ...": a view that says what should happen
                                  r"|\b(?:our|(?:post|embassy|mission)(?:'s|\u2019s))\s+(?:view|opinion|judge?ment|assessment)\b"
                                  r"[^.;]{0,80}?\b(?:should|must|ought\s+to)\b", re.I)
_PAST_REC = re.compile(r"\blast\s+year\b|\bprevious\w*|\bprior\b|\bin\s+(?:19|20)\d\d\b|\bearlier\b"
                       r"|\bUSTR\s+(?:\w+\s+)?(?:kept|placed|decided|chose|retained|elevated|moved|left|put|listed)\b", re.I)
_HAS_REC = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?recommended", re.I)
# "the Minister asked that post recommend ...": someone else's wish
_ASKED = re.compile(r"\b(?:ask|request|urg|want|wish|hop|press|lobb|encourag|push|invit)\w*\s+(?:that\s+)?$|\blike[sd]?\s+$", re.I)
_NOT_OURS = frozenset(("a", "an", "their", "its", "his", "her", "whose", "trade", "industry", "customs", "border", "other", "another"))
_WHEN = re.compile(r"\b(?:when|after|as\s+soon\s+as)\b", re.I)
_MODAL = re.compile(r"\b(?:would|will|could|might|may)\b", re.I)
_IF = re.compile(r"\b(?:if|in\s+the\s+event|unless|whether|absent|otherwise|barring|failing|provided|assuming|once(?!\s+again)|"
                 r"in\s+the\s+absence\s+of|depending\s+on)\b|\b(?:should|were|had)\s+(?:the\s+)?(?-i:[A-Z])\w*\s+(?:to|fail|not)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|oppos\w*|object\w*|disagree\w*)\b|n[o'\u2019]t\b|\bno\s+(?:reason|need|basis|justification|grounds)\b", re.I)
# whose voice: the post's, or (for a subject left out) the last agent named before the verb
_AGENT = re.compile(r"\b(?P<post>post|embassy|mission|consulate|we)\b|\b(?:industry|government|ministry|minister|association|alliance|"
                    r"coalition|chamber|council|holders?|rightsholders|compan(?:y|ies)|representatives|officials|they|he|she)\b(?!['\u2019]s)"
                    r"|(?-i:\b(?:IIPA|BSA|MPAA?|RIAA|IFPI|PhRMA|USTR|USG|USPTO|GO[A-Z]{1,2})\b)(?!['\u2019]s)", re.I)
# a list named as the option turned down: "not be elevated to", "against moving it to", "rather than"
_REJECTS = re.compile(r"\b(?:not(?!\s+only)|never|cannot|against|rather\s+than|instead\s+of|no\s+(?:reason|need|basis|justification|grounds)"
                      r"|oppos\w*|reject\w*|disagree\w*|object\w*|neither|nor)\b|n['\u2019]t\b", re.I)
_REJ_CUT = re.compile(r";|,\s*(?:and|but)\b|\b(?:and|but)\s+(?:that|it|should|would|recommends?)\b", re.I)
_CLAUSE_END = re.compile(r"[,;(]|\b(?:and|but)\s+(?:that|it|should)\b|\brather\s+than\b|\binstead\s+of\b", re.I)
# a list in a side remark ("Peru, which has been on the Watch List since 2001, ...") or someone's aim
_BACKGROUND = re.compile(r"^\W*(?:which|where|who|since|after|having|currently|now|already|given|because|despite|due|owing|"
                         r"considering|in\s+(?:view|light)|notwithstanding)\b|\b(?:has|have|had)\s+been\b"
                         r"|\b(?:is|are|was|were)\b|\b(?:review|OCR)\s+of\b", re.I)
# "the Watch List designation is unfair", "the Watch List entry": the list's name used for something else
_NOT_A_PLACE = re.compile(r"\s*(?:designation\s+|status\s+|placement\s+|listing\s+)?(?:is|are|was|were|has|have|had|would|will|could|can|"
                          r"may|might|does|do|did)\b|\s*(?:entry|entries|submission|process|report|cycle|chapter|hearing|decision|"
                          r"narrative|language|text|team|deliberations|countr(?:y|ies)['\u2019])", re.I)
# after a semicolon a list is the post's only in a clause that still recommends ("; it should remain on ...")
_STILL_RECOMMENDS = re.compile(r"\b(?:should|must|ought|shall|recommend\w*|propos\w*|be)\b|^\W*[A-Z][\w\s]{0,30}?\s[-:\u2013]\s*$")
# "from the Watch List (WL) to the Priority Watch List": the list it leaves
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|its\s+)?(?:special\s+301\s+)?$", re.I)
_ONWARD = re.compile(r"\s*(?:\([A-Z]{2,3}\)\s*)?(?:status\s+)?(?:[\w'\u2019]+\s+){0,5}?(?:to|on|onto)\s+(?:the\s+|its\s+)?(?:special\s+301\s+)?")
# the list in a message or a prediction: "warn the GOP that Peru could be elevated to", "including its Watch List status"
_TOPIC = re.compile(r"\b(?:warn|remind|explain|stress|tell|told|inform|brief|not(?:e|es|ed|ing)|discuss|mention|highlight|cit(?:e|es|ed|ing)|"
                    r"acknowledg|referenc|underscor|emphasi[sz]|convey|signal|messag|includ(?:e|es|ing)|such\s+as|regarding|concerning|"
                    r"about|rais\w*\s+(?:[\w'\u2019]+\s+){0,3}?(?:concerns?|issues?|questions?|matters?|problems?))\w*", re.I)
_MIGHT = re.compile(r"\b(?:could|will|would|may|might|must|can)\b", re.I)
_PLACE_VERB = re.compile(r"\b(?:remain|maintain|retain|continu|keep|kept|stay|elevat|upgrad|rais|mov|lower|downgrad|drop|plac|put|add|"
                         r"remov|delist|exclu|return|designat|tak)\w*", re.I)
_ASPIRE = re.compile(r"\b(?:efforts?|bids?|goals?|aims?|desires?|hopes?|wish\w*|attempts?|campaign|steps|measures|needed|necessary|"
                     r"required|enough|sufficient|in\s+order|so\s+as|threats?|prospects?|possibility|risks?|danger|leverage)\b|\bavoid\w*|\bget(?:s|ting)?\s+off\b", re.I)
_OFF_BEFORE = re.compile(
    r"(?:\b(?:exclu\w*|remov\w*|drop\w*|delist\w*|graduat\w*)\s+(?:[\w'\u2019,]+\s+){0,4}?from"
    r"|\b(?:tak\w+|kept|keep\w*|stay\w*|remain\w*)\s+(?:[\w'\u2019]+\s+){0,3}?off(?:\s+of)?"
    r"|\boff(?:\s+of)?)\s+(?:the\s+|its\s+)?(?:special\s+301\s+)?$", re.I)
_OFF = re.compile(r"\b(?:remov|drop|delist|exclu|graduat|off\b)", re.I)
_CHANGE = re.compile(r"\b(?:chang|alter|modif|revis)\w*\b(?![^;]*\bto\s+(?:the\s+)?(?:special\s+301\s+)?$)", re.I)
_MOVED = re.compile(r"\b(?:mov|shift|transfer|return)\w*\b", re.I)
_PLACED = re.compile(r"\b(?:plac|put|add|list|includ)\w*\b", re.I)
_THERE = re.compile(r"\b(?:remain|stay)\s+there\b|\bwhere\s+it\s+is\b", re.I)
_SINCE = re.compile(r"\b(?:since|from|after|before|until)\s+(?:early\s+|late\s+|mid-?)?$", re.I)
_DESIGNATE = re.compile(r"\b(?:designat|identif|nam)\w*\s+(?:as\s+)?(?:an?\s+)?$", re.I)
_MOVE_TO = re.compile(r"\b(?:mov\w*|shift\w*|transfer\w*)\s+(?:\w+\s+){0,3}?to\s+(?:the\s+)?(?:special\s+301\s+)?$", re.I)
_OTHER_RECOMMENDERS = re.compile(r"\b(?:recommend|suggest|urge|propos|concur|merit|favou?r|encourag|advocat|call(?:s|ed)?\s+for|ask\w*\s+(?:\w+\s+){0,2}?to|request\w*|petition\w*|lobb\w+)", re.I)

_MAINTAIN = re.compile(r"\b(?:remain|maintain|retain|continu|keep|kept|stay|status[\s-]quo|no\s+change|not\s+be\s+(?:lowered|raised|elevated|downgraded|upgraded))", re.I)
_ELEVATE = re.compile(r"\b(?:elevat|upgrad|rais|move\w*\s+up|bump|escalat|promot)", re.I)
_LOWER = re.compile(r"\b(?:lower|downgrad|reduc|move\w*\s+down|drop|demot|relegat)", re.I)
# a verb the action rules do not know ("be reinstated on"): the action is not guessed
_OTHER_VERB = re.compile(r"\bbe\s+\w+(?:ed|en)\b|\b(?!(?:follow|includ|regard|concern|pend|dur|accord)ing)\w{3,}ing\b", re.I)
_ADD = re.compile(r"\b(?:add|plac|put|list|includ)\w*\s+(?:\w+\s+){0,3}?(?:on|in)\b", re.I)
_LIST_NAME = r"(?:special\s+301\s+)?(?P<{}>priority\s+watch[\s-]?list|watch[\s-]?list|priority\s+foreign\s+country|PWL|WL|PFC)"
_FROM_TO = re.compile(r"\bfrom\s+(?:the\s+)?" + _LIST_NAME.format("a")
                      + r"(?:\s*\([A-Z]{2,3}\))?\s+(?:status\s+)?to\s+(?:the\s+)?" + _LIST_NAME.format("b"), re.I)
_NEAR_MISS = re.compile(r"\b(?:close\s+to|nearly|almost)\s+(?:being\s+)?(?:watch[\s-]?listed|placed|listed)|narrowly\s+avoided|kept\s+\w+\s+off|keep\s+\w+\s+off", re.I)
_PLACEMENT = re.compile(
    r"\b(?:remain(?:s|ed|ing)?|stay(?:s|ed)?|placed|placement|included|inclusion|listed|listing|kept|put|return\w*|"
    r"designat\w*|identified|named|elevat(?:ed|ing|ion)|mov(?:ed|ing)|downgrad(?:ed|ing)|upgrad(?:ed|ing)|lower(?:ed|ing)|remov(?:ed|al)|is|are|was|were|been|status|since|from|avoid|"
    r"keeps?|retain\w*|appear\w*|subject)\b"
    r"|watch[\s-]?listed", re.I)

# Word stems that start every match (fastmatch.literal_stems): on ASCII text the list names are
# looked for only where one of these starts, and a sentence without any cannot be a near miss.
_STATUS_STEMS = literal_stems(_STATUS)
_NEAR_MISS_STEMS = literal_stems(_NEAR_MISS)

# a sentence without one of these cannot hold another recommender's verb (derived: literal_stems)
_RECOMMENDING_STEMS = tuple(sorted(literal_stems(_OTHER_RECOMMENDERS)))
# a sentence without one of these cannot hold the post's recommending verb (derived: required_words)
_GATE_WORDS = tuple(sorted(required_words(_POST_RECOMMENDS) | required_words(_POST_RECOMMENDATION)))
_HAS_GATE_WORD = contains_any(_GATE_WORDS)
_HAS_RECOMMENDING_STEM = contains_any(_RECOMMENDING_STEMS)
RANK = {"none": 0, "WL": 1, "PWL": 2, "PFC": 3}

_REPORT = r"(?:the\s+|any\s+)?(?:(?:19|20)\d\d\s+)?(?:USTR(?:['\u2019]s)?\s+)?special\s+" + _301 + r"\s+(?:report|lists?)\b"
# on no list, in the report's words: "was not listed in the 2014 Special 301 Report", "removed X from the Special 301 Report"
_NOT_LISTED = re.compile(
    r"\b(?:(?:was|were|is|are|has|have|had)\s+(?:not|never)\s+(?:been\s+)?(?:listed|included|named|identified|placed|cited)"
    r"|did\s+not\s+(?:appear|feature))\s+(?:in|on)\s+" + _REPORT
    + r"|\bremov\w*\s+(?:[\w'\u2019.-]+\s+){0,4}?from\s+" + _REPORT, re.I)
_NOT_LISTED_WORDS = required_words(_NOT_LISTED)
# the list a country leaves: "remove(d) X from the (Special 301) Watch List", "off the Watch List"
_OFF_LIST = re.compile(r"(?:exclu\w+|off|remov\w+|delist\w*|dropped|not\s+(?:on|in))\s+(?:(?:[\w'\u2019.-]+\s+){0,4}?from\s+)?"
                       r"(?:the\s+|its\s+)?(?:special\s+301\s+)?[\"'\u201c]?$", re.I)
# the list a move starts from: "from the "Watch List" to the ...", "downgrading of India as "priority foreign country" to ..."
_MOVE_FROM = re.compile(r"\b(?:from|as)\s+(?:the\s+|its\s+)?(?:special\s+301\s+)?[\"'\u201c]?$", re.I)
_MOVE_TO_GAP = re.compile(r"[\"'\u201d]?\s*(?:\([A-Z]{2,3}\)\s*)?(?:status\s+)?to\s+(?:the\s+)?(?:special\s+301\s+)?[\"'\u201c]?$", re.I)

# ---------------------------------------------------------------- out-of-cycle reviews

# (the abbreviation "OCR" alone is not read: "GOCR", "optical character recognition (OCR)")
_OCR = re.compile(r"\bout[\s-]+of[\s-]+cycle(?=[\s-]+(?:special\s+301\s+)?reviews?\b)", re.I)
_OCR_WORDS = required_words(_OCR)   # {"cycle"}: in every match
# someone asks for a review, or it is only possible: no review stated
_OCR_NOT = re.compile(r"\b(?:recommend\w*|request\w*|urg\w+|call\w*\s+for|ask\w*|propos\w*|suggest\w*|seek\w*|sought|"
                      r"consider\w*|petition\w*|lobb\w+|push\w*|advocat\w*|press\w*|want\w*|hope\w*|if|unless|whether|"
                      r"may|might|could|should|possib\w+|potential\w*|threat\w*)\b", re.I)
_OCR_DONE = re.compile(r"\b(?:following|after|upon|since|through|via|during|based\s+on|in\s+light\s+of|as\s+a\s+result\s+of|results?\s+of|"
                       r"result(?:ed|s|ing)?\s+(?:of|from)|outcome\s+of|conclusion\s+of|completion\s+of|conducted|completed|concluded|"
                       r"carried\s+out|finished|held)\b", re.I)
_OCR_DONE_AFTER = re.compile(r"[^;]{0,60}?\b(?:was|were|has\s+been|had\s+been)?\s*(?:concluded|completed|conducted|found|determined|"
                             r"resulted|led|ended|closed)\b", re.I)
_OCR_ANNOUNCED = re.compile(r"\b(?:will|would|shall|announc\w*|initiat\w*|launch\w*|open\w*|beg[au]n|begin\w*|start\w*|"
                            r"(?:is|are|was|were)\s+(?:currently\s+)?conducting|plans?\s+to|intends?\s+to|decided\s+to|schedul\w*|"
                            r"under\s*way|ongoing|pending|in\s+progress|not\s+(?:yet\s+)?complete\w*)\b", re.I)
# a placement made "with an out-of-cycle review" ("was placed on the Priority Watch List in the 2018 Special 301 Report
# with an Out-of-Cycle Review focused on ..."): the review is announced with the placement
_OCR_WITH_PLACEMENT = re.compile(r"\b(?:placed|listed|kept|retained|remain(?:s|ed)?|moved|designated|elevated|identified|"
                                 r"put)\b[^;]{0,120}?\bwith\s+an?\s+$", re.I)
# the yearly out-of-cycle review of notorious markets: not a review of a country
_OCR_MARKETS = re.compile(r"\s*(?:\([A-Z]+\)\s*)?(?:of|on|for)\s+(?:the\s+)?notorious\s+markets", re.I)
_YEAR_BEFORE_OCR = re.compile(r"\s+(?:special\s+301\s+)?", re.I)
_OCR_FUTURE = re.compile(r"\b(?:will|shall)\b", re.I)

# Every fact needs a list's name (_STATUS), the report's name or the section ("special 301",
# "section 306": _TOPIC_301) or an out-of-cycle review (_OCR): the pipeline's keywords are derived from them.
_TOPIC_301 = re.compile(r"\bspecial\s+" + _301 + r"|\bsection\s+" + _306 + "|" + _306_MONITORING, re.I)
# Per list: the stems its matches start with (the look-behind of "WL" gives " wl", "(wl", ...); for the Priority
# Watch List, the "watch" the Watch List already brings; for Section 306 and the report, the number after its
# white space (" 301", "\n306": rarer than "special", "section", and four characters, where a three-letter
# keyword costs the pipeline's anchor table 128 slots), or "monitoring".
_WL_STEMS = literal_stems(re.compile(_STATUS_ALTS["WL"], re.I), spaces=True, behind=True)   # "watch", " wl", ...
KEYWORDS = tuple(sorted(frozenset().union(
    _WL_STEMS, literal_stems(re.compile(_STATUS_ALTS["PFC"], re.I), spaces=True, behind=True),
    required_words(re.compile(_STATUS_ALTS["PWL"], re.I), prefer=reusing(_WL_STEMS)),   # "watch" again, "pwl"
    *(literal_stems(re.compile(number), spaces=True, behind=True) for number in (_301, _306)),
    required_words(re.compile(_306_MONITORING, re.I)), _OCR_WORDS)))
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches): derived from the rules."""


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
    ocr = any(w in low for w in _OCR_WORDS)
    if not statuses and not ocr and "301" not in low and "306" not in low and "list" not in low:
        return []   # no list, no report, no review named ("priority", "section", "knowledge" brought it here)
    facts = _out_of_cycle(s, ctx) if ocr else []
    kind = getattr(ctx, "kind", "other") or "other"
    # the post's recommendation needs a list named (or "any Special 301 list"): without one, no anchors are looked for
    gate = (statuses or "list" in low) and _HAS_GATE_WORD(low) is not None
    anchors = _anchors(text) if gate else []
    if anchors and kind in ("cable", "other"):
        lists = [(m, c) for m, c in statuses if c != "306"]
        # "the Watch List (WL)": the abbreviation is the same list again
        lists = [x for i, x in enumerate(lists) if not (i and x[1] == lists[i - 1][1]
                                                          and text[lists[i - 1][0].end():x[0].start()].strip() == "(")]
        got = _recommendation(s, ctx, anchors, lists)
        if got:
            facts.append(fact(s, "recommended_status", got[0], f"action={got[1]}", got[2],
                              "status.recommendation", 0.95))
    recommending = bool(anchors) or (_HAS_RECOMMENDING_STEM(low) is not None and _OTHER_RECOMMENDERS.search(text) is not None)
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
    if any(w in low for w in _NOT_LISTED_WORDS) and (nl := _NOT_LISTED.search(text)) is not None \
            and _about_doc_country(s, ctx) and _clause_about_doc_country(s, ctx, nl.start()) \
            and not _UNREAL.search(text[max(0, nl.start() - 60):nl.start()]):
        own = years_in(text, *_part_around(text, nl.start(), nl.end()))
        facts.append(fact(s, "listed_status_mentioned", "none", "", own[0][0] if own else year_of(text),
                          "status.not_listed", 0.8))
    if statuses and _PLACEMENT.search(text) and _about_doc_country(s, ctx):
        seen = set()
        for i, (m, code) in enumerate(statuses):
            if code in seen or not _clause_about_doc_country(s, ctx, m.start()):
                continue
            ctx_before = text[max(0, m.start() - 60):m.start()].lower()
            if _UNREAL.search(ctx_before):
                continue
            seen.add(code)
            off = _OFF_LIST.search(ctx_before)
            # "hopes to be removed from the Watch List": still on it
            future = off is not None and re.search(r"\b(?:to\s+be|will|would|could|may|might|hop\w+|seek\w*|want\w*|aim\w*|try\w*|expect\w*|"
                                                   r"goals?|objectives?|plan\w*|efforts?|intend\w*|toward\w*)\b", ctx_before)
            # "elevated to the PWL in 2004 and returned to the Watch List in 2006": each list its own year
            own = years_in(text, *_part_around(text, m.start(), m.end())) if len(statuses) > 1 else None
            year = own[0][0] if own else year_of(text)
            if off and not future:
                # off the Watch List: on no list; off the PWL: onto which list, this does not say (the
                # project's convention gives only where the country goes, not the list it leaves)
                if code == "WL":
                    facts.append(fact(s, "listed_status_mentioned", "none", "", year, "status.listed", 0.8))
                continue
            nxt = statuses[i + 1][0] if i + 1 < len(statuses) else None
            if nxt is not None and _MOVE_FROM.search(ctx_before) and _MOVE_TO_GAP.fullmatch(text, m.end(), nxt.start()):
                # "moved from the Watch List to the Priority Watch List in 2008": on the first until 2007
                to_own = years_in(text, *_part_around(text, nxt.start(), nxt.end()))
                to_year = to_own[0][0] if to_own else year_of(text)
                year = to_year - 1 if to_year else None
            facts.append(fact(s, "listed_status_mentioned", code, "", year, "status.listed", 0.8))
    return facts



def _anchors(text: str) -> list:
    """The post's recommending verbs in order: (match, negated, usable) -- past, conditional or
    questioned ones are not usable; a verb whose subject is left out counts only after the post."""
    found = sorted(list(_POST_RECOMMENDS.finditer(text)) + list(_POST_RECOMMENDATION.finditer(text)), key=lambda m: m.start())
    question = text.rstrip().endswith("?")
    out, prev_end = [], 0
    for i, m in enumerate(found):
        if m.re is _POST_RECOMMENDS and m.group("elided"):
            agents = list(_AGENT.finditer(text, 0, m.start()))
            if not agents or not agents[-1].group("post"):
                continue
        if not _ours(text, m):
            continue
        nxt = found[i + 1].start() if i + 1 < len(found) else len(text)
        word = m.group(0)
        past = re.search(r"\brecommended\b", word, re.I) and not _HAS_REC.search(word) \
            and _PAST_REC.search(text, prev_end, nxt) is not None
        conditional = _IF.search(text, prev_end, m.end()) is not None or _ASKED.search(text, prev_end, m.start()) or \
            (_MODAL.search(word) is not None and (_IF.search(text, m.end(), nxt) or _WHEN.search(text)) is not None)
        out.append((m, _NEGATED.search(word) is not None, not (past or conditional or question)))
        prev_end = m.end()
    return out


def _ours(text: str, m: re.Match) -> bool:
    """False for someone else's post or mission: 'a WIPO mission', 'the French Embassy', 'customs post'."""
    first = m.group(0).split(None, 1)[:1]
    if not first or first[0].lower().rstrip("'\u2019s") not in ("post", "embassy", "mission", "consulate"):
        return True   # "we", "our view", a subject left out
    words = text[max(0, m.start() - 30):m.start()].split()
    if not words:
        return True
    w = words[-1]
    if w.lower() in _NOT_OURS:
        return False
    return not (w[:1].isupper() and w.isalpha() and w not in ("The", "Our", "American", "Therefore", "Thus", "Accordingly", "Again")
                and not text.isupper())


def _recommendation(s: Sentence, ctx, anchors: list, statuses: list):
    """(value, action) of the post's recommendation, or None when the sentence does not settle it.
    The first usable positive verb wins; a turned-down option ("not be elevated to the PWL") is not
    the recommendation, but alone it says the country stays where it is."""
    text = s.text
    results = []
    for i, (m, negated, usable) in enumerate(anchors):
        if not usable:
            continue
        start = m.start() if negated else m.end()
        end = anchors[i + 1][0].start() if i + 1 < len(anchors) else len(text)
        got = _scope_recommendation(s, ctx, start, end, [(x, c) for x, c in statuses if start <= x.start() < end], m.end())
        if got is None and not negated and _THERE.search(text, start, end) and len({c for _, c in statuses}) == 1:
            got = statuses[0][1], "maintain"   # "... and recommends that it remain there"
        if got:
            results.append((negated, (*got, _year(text, anchors[i - 1][0].end() if i else 0, end))))
    positive = [g for neg, g in results if not neg]
    return positive[0] if positive else (results[0][1] if results else None)


def _year(text: str, a: int, b: int) -> int | None:
    """The first year in text[a:b] that is not in a side remark ('where it has been since 2001')."""
    for y, ys, _ in years_in(text, a, b):
        if not _SINCE.search(text, max(a, ys - 8), ys) and not _BACKGROUND.search(_window(text, a, ys, _CLAUSE_END)):
            return y
    return None


def _window(text: str, a: int, b: int, cut: re.Pattern) -> str:
    """text[a:b] from its last `cut` boundary on."""
    last = a
    for m in cut.finditer(text, a, b):
        last = m.end()
    return text[last:b].rstrip("\"'\u201c\u2018`") if b > last else ""   # the "Watch List" in quotes


def _scope_recommendation(s: Sentence, ctx, start: int, end: int, statuses: list, verb_end: int):
    """(value, action) read from text[start:end], the words governed by one recommending verb
    (which ends at verb_end)."""
    text = s.text
    doc = getattr(ctx, "country_iso3", None)
    named = [(iso, a) for iso, a, _ in s.countries() if iso != "USA"] if doc else []
    before = {iso for iso, a in named if a < start}
    inside = {iso for iso, a in named if start <= a < end}
    if (before or inside) and doc not in before | inside:
        return None   # "that the Watch List be expanded to include Ecuador"
    about_doc = True
    accepted, rejected, origin = [], [], None
    prev = start
    for i, (m, code) in enumerate(statuses):
        here = {iso for iso, a in named if prev <= a < m.start()}
        if here:
            about_doc = doc in here
        window = _window(text, prev, m.start(), _REJ_CUT)
        side = _window(text, prev, m.start(), _CLAUSE_END)
        prev_start, prev = prev, m.end()
        if not about_doc or _ASPIRE.search(window) or _told(text, max(verb_end, prev_start), m.start()):
            continue
        if i + 1 < len(statuses) and _FROM_BEFORE.search(window) and \
                _ONWARD.fullmatch(text, m.end(), statuses[i + 1][0].start()) and not _REJECTS.search(window):
            origin = code
            continue
        neg = _REJECTS.search(window)
        semi = text.rfind(";", start, m.start())
        if neg:
            rejected.append((m, code, window[neg.start():]))
        elif not (_BACKGROUND.search(side) or _NOT_A_PLACE.match(text, m.end())
                  or (semi >= 0 and not _STILL_RECOMMENDS.search(text, semi + 1, m.start()))):
            accepted.append((m, code, window))
    if not statuses:
        return _any_list(text[start:end]) if about_doc else None
    if accepted:
        if origin and accepted[0][1] != origin:
            b = accepted[0][1]
            return b, "elevate" if TIER_RANK[b] > TIER_RANK[origin] else "lower"
        return _accepted(text, end, accepted)
    stays = {_turned_down(c, w) for _, c, w in rejected}
    return stays.pop() if len(stays) == 1 else None   # "neither elevated nor removed": both say WL


def _told(text: str, a: int, b: int) -> bool:
    """True when the list is named in what someone is to be told or what might happen ('warn the GOP
    that Peru could be elevated to'), not as what the post recommends; a later 'and keep it on' still counts."""
    if _MIGHT.search(_window(text, a, b, _CLAUSE_END)):
        return True
    words = _window(text, a, b, _REJ_CUT)
    if not _TOPIC.search(words):
        return False
    last = words[words.lower().rfind(" and ") + 5:] if " and " in words.lower() else ""
    return not (last and _PLACE_VERB.search(last) and not _TOPIC.search(last))


def _any_list(scope: str):
    """'not be placed on any Special 301 list' / 'removed from all Special 301 lists'."""
    m = re.search(r"\b(?:any|all|the)\s+(?:special\s+301\s+)?lists\b|\bany\s+(?:special\s+301\s+)?list\b", scope, re.I)
    if not m:
        return None
    pre = scope[:m.start()]
    if _REJECTS.search(pre) and (_PLACED.search(pre) or _MAINTAIN.search(pre)):
        return "none", "maintain"
    if _OFF.search(pre):
        return "none", "maintain" if _MAINTAIN.search(pre) else "remove"
    return None


def _accepted(text: str, end: int, accepted: list):
    """The first list the verb recommends, with the action its own clause names."""
    m, code, window = accepted[0]
    if _OFF_BEFORE.search(window):
        later = [(x, c) for x, c, w in accepted[1:] if _ADD.search(w) or _MOVE_TO.search(w)]
        if later:   # "drop X from the Priority Watch List and place it on the Watch List": a move
            b = later[0][1]
            return b, "elevate" if TIER_RANK[b] > TIER_RANK[code] else "lower"
        if code != "WL":   # off the PWL: to which list, the sentence does not say
            return None
        removing = _OFF.search(window) and not _MAINTAIN.search(window)
        return "none", "remove" if removing else "maintain"
    if _MOVE_TO.search(window):
        return code, "lower" if code == "WL" else "elevate"
    if re.search(r"\breturn\w*\s+(?:\w+\s+){0,3}?to\s+(?:the\s+)?(?:special\s+301\s+)?$", window, re.I):
        return code, "add" if code == "WL" else "elevate"   # back onto the list / back up to the higher one
    if _DESIGNATE.search(window):
        return code, "elevate" if code == "PFC" else "add"
    if _FROM_BEFORE.search(window):   # "downgraded from the Priority Watch List": one list down
        if _LOWER.search(window) and code != "none":
            return TIERS[TIER_RANK[code] - 1], "lower"
        if _ELEVATE.search(window) and code != "PFC":
            return TIERS[TIER_RANK[code] + 1], "elevate"
        return None
    tail = text[m.end():end]
    cut = _CLAUSE_END.search(tail)
    clause = window + " " + (tail[:cut.start()] if cut else tail)
    for pattern, action in ((_MAINTAIN, "maintain"), (_ELEVATE, "elevate"), (_LOWER, "lower"), (_ADD, "add")):
        if pattern.search(clause):
            return code, action
    if m.group(0).lower().endswith("listed"):
        return code, "add"
    return None if _OTHER_VERB.search(clause) else (code, "maintain")


def _turned_down(code: str, words: str):
    """Where the country stays when the only list named is one the post turns down."""
    if _OFF.search(words) or _CHANGE.search(words):
        return code, "maintain"
    if _FROM_BEFORE.search(words):   # "not be lowered from the Priority Watch List"
        return (code, "maintain") if _ELEVATE.search(words) or _LOWER.search(words) else None
    if _ELEVATE.search(words):
        return TIERS[max(0, TIER_RANK[code] - 1)], "maintain"
    if _LOWER.search(words):
        return TIERS[min(3, TIER_RANK[code] + 1)], "maintain"
    if _MOVED.search(words) and code in ("PWL", "PFC"):
        return TIERS[TIER_RANK[code] - 1], "maintain"
    if _PLACED.search(words) and code == "WL":
        return "none", "maintain"
    return None


_PART_CUT = re.compile(r";|\b(?:and|but|while|whereas|after|before|following)\b", re.I)


def _part_around(text: str, a: int, b: int) -> tuple[int, int]:
    """The bounds of the coordinated part of the sentence that holds text[a:b]."""
    lo = max((m.end() for m in _PART_CUT.finditer(text, 0, a)), default=0)
    nxt = _PART_CUT.search(text, b)
    return lo, nxt.start() if nxt else len(text)


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


# "could be elevated to the Priority Watch List", "has never been on it": no placement stated
_UNREAL = re.compile(r"\b(?:could|may|might|would|will|should|to)\s+(?:\w+\s+)?be\s+(?:elevated|moved|placed|raised|upgraded|designated|"
                     r"added|included|listed|downgraded|lowered|returned|put|named|identified)\s+(?:\w+\s+){0,2}?(?:to|on|in|as)\s+"
                     r"(?:the\s+|a\s+)?(?:special\s+301\s+)?$|\b(?:risk\w*|threat\w*|possib\w*|potential)\b[^,;]{0,40}$|\bnever\b[^,;]{0,20}$")


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


def _out_of_cycle(s: Sentence, ctx) -> list:
    """out_of_cycle_review facts: a review USTR announced or is conducting ('announced'), or one
    held ('conducted'), about the document's country; ref_year the year its clause names."""
    text = s.text
    m = _OCR.search(text)
    if m is None:
        return []
    if _OCR_NOT.search(text, 0, m.start()) or not _about_doc_country(s, ctx) \
            or not _clause_about_doc_country(s, ctx, m.start()) or _other_subject(s, ctx, m.start()):
        return []
    end = m.end() + (len(rv.group(0)) if (rv := re.match(r"[\s-]+(?:special\s+301\s+)?reviews?\b", text[m.end():], re.I)) else 0)
    if _OCR_MARKETS.match(text, end):
        return []
    before = text[max(0, m.start() - 80):m.start()]
    done_after = _OCR_DONE_AFTER.match(text, end)
    if done_after is not None and re.search(r"\bto\s+be\s+\w+$|\bschedul\w*\b", text[end:done_after.end()], re.I):
        done_after = None   # "scheduled to be completed in September": not held yet
    if _OCR_DONE.search(before) or done_after is not None:
        # "will take action at the conclusion of the review": not held yet
        value = "announced" if _OCR_FUTURE.search(text, 0, m.start()) else "conducted"
    elif _OCR_ANNOUNCED.search(text, 0, m.start()) or _OCR_ANNOUNCED.search(text, end) \
            or _OCR_WITH_PLACEMENT.search(text, max(0, m.start() - 200), m.start()):
        value = "announced"
    else:
        return []
    # the review's year: next to it ("the 2007 out-of-cycle review", "a review in 2008", "of Oman in
    # January 2009"), else the first of its clause
    ys = years_in(text, end, min(len(text), end + 40)) \
        or [y for y in years_in(text, max(0, m.start() - 20), m.start()) if _YEAR_BEFORE_OCR.fullmatch(text, y[2], m.start())] \
        or years_in(text, *_part_around(text, m.start(), end)) or years_in(text)
    return [fact(s, "out_of_cycle_review", value, "", ys[0][0] if ys else None, "status.ocr", 0.8)]


def _other_subject(s: Sentence, ctx, pos: int) -> bool:
    """True when the sentence names another country (and not the document's) before `pos`."""
    doc = getattr(ctx, "country_iso3", None)
    if not doc:
        return False
    named = {iso for iso, a, _ in s.countries() if a < pos and iso != "USA"}
    return bool(named) and doc not in named
