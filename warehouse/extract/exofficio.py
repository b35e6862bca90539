"""Ex officio authority of customs and of police/prosecutors: has, lacks or pending.

Reads negation ("continue to lack", "no longer independently", "only ... on the complaint of"),
tense and legislative state ("amendments granting ... scheduled to come before Parliament",
"has stalled in the Duma", "has not yet passed an amendment granting ...").
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from .common import Sentence, fact, qual
from .fastmatch import lowered_pattern

KEYWORDS = ('customs', 'ex officio', 'ex-officio', 'exofficio', 'ex oficio', 'own initiative', 'independently', 'irrespective', 'complaint', 'customs agent', 'customs officer', 'customs official', 'customs authorit', 'customs administration', 'customs service',)
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches)."""

_EXO = re.compile(r"ex[\s-]*officio|own\s+initiative|on\s+their\s+own", re.I)
_CUSTOMS = re.compile(r"\bcustoms\b|\bborder\b", re.I)
_POLICE = re.compile(r"\bpolice\b|\bprosecut\w*|\binvestigat\w*|\blaw\s+enforcement\b|\bMVD\b|\bcriminal\b|\braids?\b", re.I)

_PENDING = re.compile(
    r"\b(?:amendments?|bill|draft|legislation|proposal|law|provisions?)\b[^.;]{0,80}?\b(?:granting|grant|to\s+grant|giving|give|provid\w*|allowing|empowering|that\s+would)\b"
    r"|\bstalled\b|\bscheduled\s+to\b|\bbefore\s+(?:the\s+)?(?:parliament|congress|duma|legislature|assembly|senate|mazhilis)\b"
    r"|\bpending\b|\bdraft\w*\b|\bunder\s+consideration\b|\bfirst\s+reading\b|\bproposed\b|\bnot\s+yet\s+(?:passed|adopted|enacted)", re.I)
_PENDING_STRONG = re.compile(r"\bstalled\b|\b(?:will|would)\s+(?:\w+\s+)?(?:be\s+able|have|gain|receive|be\s+granted|be\s+given|be\s+empowered|be\s+allowed)\b|\bscheduled\s+to\b|\bbefore\s+(?:the\s+)?(?:parliament|congress|duma|legislature|assembly|senate)\b"
                             r"|\bpending\b|\bnot\s+yet\s+(?:passed|adopted|enacted)|\bunder\s+consideration\b|\b(?:first|second)\s+reading\b"
                             r"|\b(?:will|would)\s+be\s+(?:submitted|sent|introduced|presented|tabled|debated)\s+to\b"
                             r"|\bwhich\s+would\s+(?:give|grant|provide|allow|empower)\b", re.I)
_LACKS = re.compile(
    r"\black\w*\b|\bno\s+(?:ex[\s-]*officio|authority|power|legal\s+basis|legislative\s+acts?)\b|\bwithout\s+(?:the\s+)?(?:ex[\s-]*officio\s+)?(?:authority|power)"
    r"|\b(?:cannot|can\s*not|could\s+not|unable\s+to|do\s+not|does\s+not|did\s+not|may\s+not|are\s+not|is\s+not)\b"
    r"|\bno\s+longer\b|\brejected\b|\bnot\s+(?:allowed|permitted|authori[sz]ed|empowered|entitled)\b"
    r"|\bonly\b[^.;]{0,80}?\b(?:complaint|application|request|evidence|petition)\s+(?:of|from|by)\b"
    r"|\bonly\b[^.;]{0,40}?\b(?:upon|on|based\s+on|after|if|when)\b[^.;]{0,60}?\b(?:complaint|application|request|evidence|court\s+order)\b"
    r"|\bonly\s+(?:seize|act|raid)\w*\b[^.;]{0,80}\b(?:complaint|right\s*holder|company)\b", re.I)
_HAS = re.compile(
    r"\b(?:has|have|had|now\s+has|now\s+have|possess\w*|exercis\w*|gained|obtained|granted|got)\b[^.;]{0,40}?\bex[\s-]*officio"
    r"|\bentitled\s+to\b|\b(?:can|may|could|are\s+able\s+to|is\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:act|order|seize|detain|suspend|stop|initiate|conduct|raid|prosecute)\w*"
    r"|\ballowed\b|\bpermitted\b|\bauthori[sz]ed\b|\bempowered\b|\birrespective\s+of\b|\bregardless\s+of\b|\bwithout\s+(?:a\s+)?(?:prior\s+)?(?:complaint|request|application)\b"
    r"|\bon\s+(?:its|their)\s+own\s+initiative\b|\bex[\s-]*officio\s+(?:authority|powers?)\s+(?:was|were|has\s+been)\s+(?:granted|enacted|adopted)", re.I)
_LACKS_STRONG = re.compile(r"\black\w*\b|\bno\s+ex[\s-]*officio|\b(?:cannot|can\s*not|unable)\b|\bno\s+longer\b", re.I)
_SPLIT = re.compile(r";\s+|,?\s+(?:but|while|whereas|although|though|however)\s+|,\s+(?=allowing\b)|\.\s+", re.I)
_SCOPE = re.compile(r"\bfor\s+(trademark|copyright|patent)\s+(?:goods|infringements?|cases|violations|products|crimes)", re.I)
_QUESTION = re.compile(r"\bwhether\b|\?\s*$", re.I)


def _clause_spans(text: str, split: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the non-blank clauses of the text."""
    out, a = [], 0
    for m in split.finditer(text):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


_ENACTED = re.compile(r"\b(?:were|was|have\s+been|has\s+been|been)\s+(?:finally\s+)?(?:adopted|passed|enacted|approved|signed\s+into\s+law)\b"
                      r"|\b(?:entered|came)\s+into\s+force|\btook\s+effect|\bnow\s+(?:grants?|gives?|allows?|provides?)\b"
                      r"|\b(?:grants|gives|allows|provides|empowers|authori[sz]es)\s+(?:\w+\s+){0,3}?(?:ex[\s-]*officio|the\s+(?:authority|power|right))", re.I)
_NOT_YET = re.compile(r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:adopted|passed|enacted|approved)|\byet\s+to\b|\bwould\b|\bwill\b", re.I)


_ADVICE = re.compile(r"\b(?:recommend\w*|urg\w+|should|must|needs?\s+to|call\w*\s+on|encourag\w+|press\w*)\b[^.;]{0,60}?"
                    r"\b(?:adopt|pass|enact|grant|give|provide|introduce|amend)\w*", re.I)


_CONTINUE_TO_LACK = re.compile(r"\bcontinue\w*\s+to\s+lack|\blacks?\b", re.I)
_BILL = re.compile(r"\b(?:amendments?|bill|draft|legislation|proposal|law)\b", re.I)
_BACK_REFERENCE = re.compile(r"\b(?:these|they|it|this|such)\b", re.I)
_PENDING_YEAR = re.compile(r"\b(?:in|by|since|during)\s+(?:(?:late|early|mid)[\s-]+)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")


def _polarity(R, clause: str, has_exo: bool) -> str | None:
    if has_exo and R.advice.search(clause) and not R.pending_strong.search(clause):
        return "lacks"   # advised to adopt it: not there yet, and no bill named as under way
    if has_exo and R.enacted.search(clause) and not R.not_yet.search(clause) and not R.lacks_strong.search(clause):
        return "has"
    if has_exo and R.pending_strong.search(clause):
        return "pending"
    if has_exo and R.pending.search(clause) and not R.continue_to_lack.search(clause):
        if R.bill.search(clause):
            return "pending"
    if R.lacks.search(clause):
        return "lacks"
    if R.has.search(clause):
        return "has"
    return None


def _exo(R, text: str, plain: bool):
    """R.exo.search(text); on lower-cased ASCII text only when the words it needs are there."""
    if plain and not ("officio" in text or "initiative" in text or ("their" in text and "own" in text)):
        return None
    return R.exo.search(text)


def _agent(R, text: str, exo_pos: int | None) -> str | None:
    """customs or police: the agent named nearest to the ex officio mention (or anywhere)."""
    cands = [(abs(m.start() - (exo_pos or 0)), "customs") for m in R.customs.finditer(text)]
    cands += [(abs(m.start() - (exo_pos or 0)), "police") for m in R.police.finditer(text)]
    if not cands:
        return None
    if exo_pos is None:
        kinds = {k for _, k in cands}
        if len(kinds) > 1:
            return None
    return min(cands)[1]


def extract(s: Sentence, ctx) -> list:
    text = s.text
    low = s.low
    if ("whether" in low or "?" in text) and _QUESTION.search(text):
        return []
    # on ASCII text the re.I rules run lower-cased (same offsets, faster); clauses are cut alike
    plain = text.isascii()
    R, subject = (_RULES_LOW, low) if plain else (_RULES, text)
    facts = []
    sent_exo = _exo(R, subject, plain)
    sent_agent = _agent(R, subject, sent_exo.start()) if sent_exo else None
    for a, b in _clause_spans(subject, R.split):
        clause = subject[a:b]
        exo = _exo(R, clause, plain)
        agent = _agent(R, clause, exo.start() if exo else None)
        if agent is None and (exo or sent_exo):
            agent = sent_agent
        if agent is None:
            continue
        if not exo and not _implicit(R, clause, agent):
            # a clause that only refers back ("although these are allowed for trademark goods")
            if not (sent_exo and R.scope.search(clause) and R.back_reference.search(clause)):
                continue
        pol = _polarity(R, clause, bool(exo))
        if pol is None:
            continue
        sc = R.scope.search(clause)
        ym = _PENDING_YEAR.search(text[a:b])
        facts.append(fact(s, f"ex_officio_{agent}", pol, qual(scope=sc.group(1).lower() if sc else None),
                          int(ym.group(1)) if ym and pol == "pending" else None, "exofficio.clause", 0.8 if exo else 0.6))
    return facts


_IMPLICIT_POLICE = re.compile(
    r"\b(?:complaint|application|request|evidence|petition)\s+(?:of|from|by)\s+(?:the\s+)?(?:injured\s+party|right\s*holders?|rights\s*holders?|owners?|company|victims?)"
    r"|\b(?:company|party|right\s*holder)\s+that\s+(?:presented|filed|submitted)\s+the\s+complaint"
    r"|\bindependently\s+(?:conduct|initiate|investigate|raid|act)|\birrespective\s+of\s+the\s+(?:filing|submission)", re.I)
_IMPLICIT_CUSTOMS = re.compile(
    r"\bcustoms\s+(?:agents?|officers?|officials?|authorities)\b[^.;]{0,100}?\b(?:can|may|could|are\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:order|seize|detain|suspend|stop)"
    r"|\bcustoms\b[^.;]{0,80}\b(?:no|not|never)\b[^.;]{0,40}(?:participat\w*|involve\w*|role)\b[^.;]{0,80}(?:IPR|intellectual\s+property)"
    r"|\bcustoms\b[^.;]{0,80}\bonly\b[^.;]{0,60}\b(?:application|request|complaint|petition|court\s+order)\b"
    r"|\b(?:IPR|intellectual\s+property)\s+enforcement\b[^.;]{0,60}customs|\bcustoms\W+(?:\w+\W+){0,3}involvement\s+in\s+IPR", re.I)


def _implicit(R, clause: str, agent: str) -> bool:
    """Authority described without the words 'ex officio'."""
    if agent == "police":
        return bool(R.implicit_police.search(clause))
    return bool(R.implicit_customs.search(clause))


def _rules(lowered: bool) -> SimpleNamespace:
    """The re.I rules as written, or lowered for lower-cased ASCII text (fastmatch.lowered_pattern)."""
    conv = (lambda rx: re.compile(lowered_pattern(rx.pattern), rx.flags & ~re.I)) if lowered else (lambda rx: rx)
    return SimpleNamespace(
        exo=conv(_EXO), customs=conv(_CUSTOMS), police=conv(_POLICE), pending=conv(_PENDING),
        pending_strong=conv(_PENDING_STRONG), lacks=conv(_LACKS), has=conv(_HAS), lacks_strong=conv(_LACKS_STRONG),
        split=conv(_SPLIT), scope=conv(_SCOPE), enacted=conv(_ENACTED), not_yet=conv(_NOT_YET), advice=conv(_ADVICE),
        continue_to_lack=conv(_CONTINUE_TO_LACK), bill=conv(_BILL), back_reference=conv(_BACK_REFERENCE),
        implicit_police=conv(_IMPLICIT_POLICE), implicit_customs=conv(_IMPLICIT_CUSTOMS))


_RULES = _rules(False)
_RULES_LOW = _rules(True)
