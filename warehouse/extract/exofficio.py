"""Ex officio authority of customs and of police/prosecutors: has, lacks or pending.

Reads negation ("continue to lack", "no longer independently", "only ... on the complaint of"),
tense and legislative state ("amendments granting ... scheduled to come before Parliament",
"has stalled in the Duma", "has not yet passed an amendment granting ...", "rejected a bill"),
conditions on acting ("need a complaint before they can act", "cannot detain goods without a court
order", "no longer need a complaint"), IPR crimes as public or private offences, a pronoun for the
power named in the sentence before, and another country's agency ("Malaysian customs") left out.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from .common import Sentence, fact, qual
from .fastmatch import lowered_pattern

KEYWORDS = ('customs', 'ex officio', 'ex-officio', 'exofficio', 'ex oficio', 'own initiative', 'independently', 'irrespective', 'complain', 'customs agent', 'customs officer', 'customs official', 'customs authorit', 'customs administration', 'customs service', 'on their own', 'on its own',
            'request of', 'request from', 'request by', 'application from', 'application by', 'application of', 'statement by', 'statement from',
            'public offen', 'private offen', 'public crime', 'private crime', 'public prosecution', 'private prosecution', 'compoundable',
            'grant it', 'granting it', 'give it', 'giving it', 'grant them', 'give them', 'provide it', 'such authority', 'such power', 'border guard', 'border official', 'border police',)
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches)."""

_EXO = re.compile(r"ex[\s-]*officio|own\s+initiative|on\s+(?:their|its)\s+own\b(?!\s+(?:\w+\s+)?(?:budget|funds?|resources|staff))", re.I)
_CUSTOMS = re.compile(r"\bcustoms\b|\bborder\b", re.I)
_POLICE = re.compile(r"\bpolice\b|\battorney\s+general|\bprosecut\w*|\binvestigat\w*|\blaw\s+enforcement\b|\bMVD\b|\bcriminal\b|\braids?\b", re.I)

_PENDING = re.compile(
    r"\b(?:amendments?|bill|draft|legislation|proposal|law|provisions?|regulations?|decree)\b[^.;]{0,80}?\b(?:granting|grant|to\s+grant|giving|give|provid\w*|allowing|empowering|that\s+would)\b"
    r"|\bstalled\b|\bscheduled\s+to\b|\bbefore\s+(?:the\s+)?(?:parliament|congress|duma|legislature|assembly|senate|mazhilis)\b"
    r"|\bpending\b|\bdraft\w*\b|\bunder\s+consideration\b|\bfirst\s+reading\b|\bproposed\b|\bnot\s+yet\s+(?:passed|adopted|enacted)", re.I)
_PENDING_STRONG = re.compile(r"\bstalled\b|\b(?:will|would)\s+(?:\w+\s+)?(?:be\s+able|have|gain|receive|be\s+granted|be\s+given|be\s+empowered|be\s+allowed)\b|\bscheduled\s+to\b|\bbefore\s+(?:the\s+)?(?:parliament|congress|duma|legislature|assembly|senate)\b"
                             r"|\bpending\b|\bnot\s+yet\s+(?:passed|adopted|enacted)|\bunder\s+consideration\b|\b(?:first|second)\s+reading\b"
                             r"|\b(?:will|would)\s+be\s+(?:submitted|sent|introduced|presented|tabled|debated)\s+to\b"
                             r"|\b(?:which|that)\s+would\s+(?:give|grant|provide|allow|empower|make)\b|\b(?:is|are)\s+(?:now\s+)?considering\b"
                             r"|\b(?:expected|yet)\s+to\s+be\s+(?:adopted|passed|enacted|approved|signed|included|introduced)\b"
                             r"|\bexpect\w*\s+to\s+(?:receive|gain|get|obtain|be\s+(?:given|granted))\b", re.I)
_LACKS = re.compile(
    r"\black\w*\b|\bno\s+(?:ex[\s-]*officio|authority|power|legal\s+basis|legislative\s+acts?)\b|\bwithout\s+(?:the\s+)?(?:ex[\s-]*officio\s+)?(?:authority|power)"
    r"|\b(?:cannot|can\s*not|could\s+not|unable\s+to|do\s+not|does\s+not|did\s+not|may\s+not|are\s+not|is\s+not|will\s+not|would\s+not)\b|\byet\s+to\s+(?:be\s+)?(?:receiv|gain|obtain|grant|giv|get|acquir)\w*"
    r"|\b(?:can|won|don|doesn|isn|aren)['\u2019]t\b"
    r"|\bno\s+longer\b|\brejected\b|\bneither\b|\babsence\s+of\b|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:granted|given)\b|\bnot\s+(?:allowed|permitted|authori[sz]ed|empowered|entitled)\b"
    r"|\bonly\b[^.;]{0,80}?\b(?:complaint|application|request|evidence|petition)\s+(?:of|from|by)\b"
    r"|\bonly\b[^.;]{0,40}?\b(?:upon|on|based\s+on|after|if|when)\b[^.;]{0,60}?\b(?:complaint|application|request|evidence|court\s+order)\b"
    r"|\bonly\s+(?:seize|act|raid)\w*\b[^.;]{0,80}\b(?:complaint|right\s*holder|company)\b", re.I)
_HAS = re.compile(
    r"\b(?:has|have|had|now\s+has|now\s+have|possess\w*|exercis\w*|gained|obtained|granted|got)\b[^.;]{0,40}?\bex[\s-]*officio"
    r"|\bentitled\s+to\b|\b(?:can|may|could|(?:are|is|were|was)\s+(?:now\s+|also\s+|still\s+|legally\s+)?able\s+to)\s+(?:\w+\s+){0,2}?(?:act|order|seize|detain|suspend|stop|initiate|conduct|raid|prosecute|open|launch|investigate|start|bring)\w*"
    r"|\ballowed\b|\bpermitted\b|\bauthori[sz]ed\b|\bempowered\b|\birrespective\s+of\b|\bregardless\s+of\b|\bindependently\s+of\b|\bwithout\s+(?:a\s+)?(?:prior\s+)?(?:complaint|request|application)\b"
    r"|\b(?:allows|permits|authori[sz]es|empowers|enables|enabled)\b|\b(?:has|have|had)\s+(?:the\s+)?(?:\w+\s+)?(?:authority|power|right)s?\s+to\b"
    r"|\b(?:contains?|includes?|included)\s+(?:\w+\s+){0,2}?ex[\s-]*officio\s+(?:provisions?|authority|powers?)"
    r"|\b(?:received|given|acquired)\s+(?:\w+\s+){0,2}?ex[\s-]*officio\s+(?:authority|powers?|rights?)\b"
    r"|\b(?:seized|detained|suspended|initiated|instituted|opened|conducted|launched|raided|stopped|carried\s+out|brought|undertaken)\s+(?:\w+\s+){0,4}?ex[\s-]*officio\b"
    r"|(?<!to\s)(?<!uld\s)\bact(?:s|ed|ing)?\s+ex[\s-]*officio|\bex[\s-]*officio\s+(?:actions?|raids?|seizures?|cases|investigations?|inspections?|detentions?)\b"
    r"|\bon\s+(?:its|their)\s+own\s+initiative\b|\bex[\s-]*officio\s+(?:authority|powers?)\s+(?:was|were|has\s+been)\s+(?:granted|enacted|adopted)", re.I)
_LACKS_STRONG = re.compile(r"\black\w*\b|\bno\s+ex[\s-]*officio|\b(?:cannot|can\s*not|unable)\b|\bno\s+longer\b", re.I)
_SPLIT = re.compile(r";\s+|,\s+and\s+(?=(?:the\s+)?(?:police|customs|prosecutors|border)\b)|,?\s+(?:but|while|whereas|although|though|however)\s+|,\s+(?=allowing\b)|\.\s+", re.I)
_SCOPE = re.compile(r"\bfor\s+(trademark|copyright|patent)\s+(?:goods|infringements?|cases|violations|products|crimes)", re.I)
_QUESTION = re.compile(r"\bwhether\b|\?\s*$", re.I)
_LIST_ITEM = re.compile(r"\s*(?:and\s+|or\s+)?\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|v)\)\s", re.I)
_ADVICE_LEAD = re.compile(r"\b(?:recommend\w*|urg\w+|call\w*\s+on|encourag\w+|should|priorities)\b", re.I)
_DOUBT = ("unsure", "unclear", "uncertain", "not clear", "not sure", "not certain", "not aware")
_LACKED_UNTIL = re.compile(r"\blacked\b[^.;]*\buntil\b|\buntil\b[^.;]*\blacked\b", re.I)


def _clause_spans(text: str, split: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the non-blank clauses of the text."""
    out, a = [], 0
    for m in split.finditer(text):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


_ENACTED = re.compile(r"\b(?:were|was|have\s+been|has\s+been|been)\s+(?:finally\s+)?(?:adopted|passed|enacted|approved|amended|signed\s+into\s+law)\b"
                      r"|\b(?:passed|adopted|enacted|approved|signed)\s+(?:the\s+|an?\s+)?(?:new\s+)?(?:amendments?|law|bill|code|legislation|decree|regulation)\b"
                      r"|\b(?:passed|adopted|enacted|approved)\s+(?:\w+\s+){0,2}?in\s+(?:19|20)\d\d\b"
                      r"|\b(?:authority|powers?|provisions?|measures)\b[^.;]{0,40}?\b(?:was|were|has\s+been|have\s+been)\s+introduced\b"
                      r"|\b(?:entered|came)\s+into\s+force|\btook\s+effect|\bnow\s+(?:grants?|gives?|allows?|provides?)\b"
                      r"|\b(?:grants|gives|gave|allows|provides|empowers|authori[sz]es)\s+(?:\w+\s+){0,3}?(?:ex[\s-]*officio|the\s+(?:authority|power|right))", re.I)
_NOT_YET = re.compile(r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:adopted|passed|enacted|approved)|\byet\s+to\b|\bwould\b|\bwill\b|\breading\b", re.I)


_ADVICE = re.compile(r"\b(?:recommend\w*|urg\w+|should|must|needs?\s+to|call\w*\s+on|encourag\w+|press\w*)\b[^.;]{0,60}?"
                    r"\b(?:(?:adopt|pass|enact|grant|give|provide|introduce|amend|make|allow|empower)\w*|be\s+(?:able|allowed|given|granted|empowered|permitted)\b)", re.I)


_CONTINUE_TO_LACK = re.compile(r"\bcontinue\w*\s+to\s+lack|\blacks?\b", re.I)
_BILL = re.compile(r"\b(?:amendments?|bill|draft|legislation|proposal|law)\b", re.I)
_BACK_REFERENCE = re.compile(r"\b(?:these|they|it|this|such)\b", re.I)
_PENDING_YEAR = re.compile(r"\b(?:in|by|since|during)\s+(?:(?:late|early|mid)[\s-]+)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")


_WISH = re.compile(r"\b(?:recommend\w*|urg\w+|should|encourag\w+|call\w*\s+on|ask\w*|want\w*|hop\w+|wish\w*)\b[^.;]{0,60}?\b(?:act|use|exercis)\w*", re.I)
_REJECTED = re.compile(r"\b(?:rejected|vetoed|voted\s+down|withdr[ae]w\w*|failed\s+to\s+(?:pass|adopt|approve))\b", re.I)
_UNUSED = re.compile(r"\b(?:not|never|rarely|seldom)\s+(?:\w+\s+)?(?:use[ds]?|exercis\w+|appl(?:y|ies|ied))\s+(?:its|their|the|this)\s+(?:\w+\s+)?ex[\s-]*officio", re.I)
_COUNTERFACTUAL = re.compile(r"\bwould\b[^.;]*\bif\b|\bif\b[^.;]*\bwould\b", re.I)


def _polarity(R, clause: str, cl: str, has_exo: bool) -> str | None:
    """has, lacks, pending or None for a clause (`cl`: lower-cased, for the substring gates)."""
    if has_exo and "until" in cl and R.lacked_until.search(clause):
        return "has"     # "customs lacked ex officio authority until the 2008 amendments"
    if has_exo and R.advice.search(clause) and not R.pending_strong.search(clause):
        return "lacks"   # advised to adopt it: not there yet, and no bill named as under way
    if has_exo and ("reject" in cl or "veto" in cl or "down" in cl or "withdr" in cl or "fail" in cl) and R.rejected.search(clause):
        return "lacks"   # "the Rada rejected a bill that would have given customs ex officio authority"
    if has_exo and R.enacted.search(clause) and not R.not_yet.search(clause) and not R.lacks_strong.search(clause):
        return "has"
    if has_exo and R.pending_strong.search(clause):
        return "pending"
    if has_exo and R.pending.search(clause) and not R.continue_to_lack.search(clause):
        if R.bill.search(clause):
            return "pending"
    if has_exo and "if" in cl and "would" in cl and R.counterfactual.search(clause):
        return "lacks"   # "would act ex officio if the law permitted"
    if has_exo and R.wish.search(clause) and not R.lacks.search(clause):
        return None      # "IIPA urges police to act ex officio": says nothing of the power itself
    if has_exo and ("us" in cl or "exercis" in cl or "appl" in cl) and R.unused.search(clause):
        return "has"     # "does not use its ex officio authority": it has it
    if R.lacks.search(clause):
        return "lacks"
    if R.has.search(clause):
        return "has"
    return None


def _exo(R, text: str, plain: bool):
    """R.exo.search(text); on lower-cased ASCII text only when the words it needs are there."""
    if plain and not ("officio" in text or "initiative" in text or ("own" in text and ("their" in text or "its" in text))):
        return None
    return R.exo.search(text)


def _agent(R, text: str, exo_pos: int | None) -> tuple[str, int] | tuple[None, None]:
    """(customs or police, its offset): the agent named nearest to the ex officio mention (or anywhere)."""
    cands = [(abs(m.start() - (exo_pos or 0)), "customs", m.start()) for m in R.customs.finditer(text)]
    cands += [(abs(m.start() - (exo_pos or 0)), "police", m.start()) for m in R.police.finditer(text)]
    if not cands:
        return None, None
    if exo_pos is None:
        kinds = {k for _, k, _ in cands}
        if len(kinds) > 1:
            return None, None
    _, kind, pos = min(cands)
    return kind, pos


_NOUN = r"(?P<n>complaints?|complain(?:s|ed)?|court\s+orders?|requests?|applications?|petitions?|statements?|consent|wish(?:es)?)\b"
_FREE = re.compile(r"\b(?:without|absent|irrespective\s+of|regardless\s+of)\s+(?:\w+\s+){0,4}?" + _NOUN, re.I)
_NEED = re.compile(
    r"\b(?:needs?|needed|needing|requir(?:e|es|ed|ing)|must\s+(?:first\s+)?(?:have|receive|obtain|await|file|submit|lodge|wait\s+for)"
    r"|wait\w*\s+for|(?:depend\w*|conditional|contingent)\s+(?:on|upon)|subject\s+to|until|unless"
    r"|only\s+(?:\w+\s+){0,6}?(?:on|upon|at|after|if|when|with|following|based\s+on))\s+(?:\w+\s+){0,6}?" + _NOUN
    + r"|" + _NOUN.replace("P<n>", "P<m>") + r"[^.;]{0,60}?\b(?:is|are)\s+(?:still\s+|always\s+|no\s+longer\s+|not\s+)?(?:required|necessary|needed|a\s+(?:pre)?(?:condition|requisite))", re.I)
_ON_REQUEST = re.compile(r"\b(?:after|once|when|if|upon|following)\s+(?:\w+\s+){0,4}?(?:files?|filed|filing|submits?|submitted|submitting"
                         r"|lodges?|lodged|lodging|receipt\s+of|receiving|receives?|received)\s+(?:\w+\s+){0,3}?" + _NOUN, re.I)
_NEED_NOT = re.compile(r"\b(?:no\s+longer|not|never|without)\s+(?:\w+\s+){0,2}?(?:need|requir|necessary|wait)|n['\u2019]t\s+(?:\w+\s+)?(?:need|requir)"
                       r"|\bno\s+(?:\w+\s+){0,2}?(?:complaint|request|application|petition)s?\b[^.;]{0,40}?\b(?:is|are|was|were)\s+(?:required|necessary|needed)", re.I)
_FORMER = re.compile(r"\b(?:previously|formerly|in\s+the\s+past|used\s+to)\b", re.I)
_HABIT = re.compile(r"\b(?:generally|usually|typically|normally|often|rarely|seldom|tend\w*\s+to|prefer\w*)\b", re.I)
_NEGATED = re.compile(r"\b(?:lack\w*|cannot|can\s*not|could\s+not|unable|may\s+not|will\s+not|would\s+not|do\s+not|does\s+not|did\s+not|never|refus\w*|not\s+(?:able|allowed|permitted|authori[sz]ed|empowered))\b"
                      r"|\b(?:can|won|don|doesn)['\u2019]t\b", re.I)
_ACTION = re.compile(r"\b(?:act|acts|acting|action|seize|seizes|seizing|detain|detains|detaining|raid|raids|raiding|initiat\w*|investigat\w*|open\w*\s+(?:an?\s+)?(?:\w+\s+)?(?:case|investigation)s?"
                     r"|institut\w*|start\w*|launch\w*|proceed\w*|inspect|inspects|inspecting|stop|suspend\w*|search|prosecut\w*|interven\w*|move|confiscat(?:e|es|ing)|bring\w*|pursu\w*|enforce)\b", re.I)
_HOLDER = re.compile(r"\bright\w*[\s-]*holder|\bowner|\binjured|\bvictim|\bcompan|\bbrand", re.I)


def _noun_fits(R, m, clause: str, agent: str) -> bool:
    """A complaint always; a court order only for customs (police need warrants for other reasons);
    a request, application, statement, consent or wish only with a right holder named in the clause."""
    n = m.group(m.lastgroup)
    if n.startswith("complain"):
        return True
    if n.startswith("court"):
        return agent == "customs"
    return bool(R.holder.search(clause))


_NOUNS = ("complain", "court order", "request", "application", "petition", "statement", "consent", "wish")


_NEED_WORDS = ("need", "requir", "must", "wait", "depend", "condition", "contingent", "subject to", "until", "unless",
               "only", "necessary", "requisite")
_FREE_WORDS = ("without", "absent", "irrespective", "regardless")
_REQUEST_WORDS = ("fil", "submit", "lodg", "receiv", "receipt")


def _conditional(R, clause: str, cl: str, agent: str) -> str | None:
    """Acting depends on a complaint, request or court order: lacks ("need a complaint before they can act",
    "cannot detain goods without a court order"); has when the need is denied ("no longer need a complaint",
    "can act without a complaint"); pending when a bill or future law is named; "" (no fact) when acting
    merely follows a request; None when no such condition is stated. `cl` is the clause lower-cased."""
    need = free = None
    if any(w in cl for w in _NEED_WORDS):
        need = next((m for m in R.need.finditer(clause) if _noun_fits(R, m, clause, agent)), None)
    if need is None and any(w in cl for w in _FREE_WORDS):
        free = next((m for m in R.free.finditer(clause) if _noun_fits(R, m, clause, agent)), None)
    m = need or free
    if m is None and any(w in cl for w in _REQUEST_WORDS) and any(
            _noun_fits(R, r, clause, agent) for r in R.on_request.finditer(clause)):
        return ""       # "may detain goods after a right holder files an application": says nothing either way
    if m is None or R.habit.search(clause) or R.former.search(clause):
        return None     # "police generally wait for a complaint": a habit, not the power; "previously needed": gone
    if not m.group(m.lastgroup).startswith("complain") and not R.action.search(clause):
        return None     # "cannot destroy seized goods without a court order": not about acting
    if need:
        pol = "has" if R.need_not.search(clause) else "lacks"
    else:
        pol = "lacks" if R.negated.search(clause) else "has"
    if R.advice.search(clause) and not R.pending_strong.search(clause):
        return "lacks"
    if R.pending_strong.search(clause) and pol == "has":
        return "pending"
    return pol


_OFFENCE = re.compile(r"(?:\b(?:is|are|was|were|be|been|being|becomes?|became|remains?|remained|as|of|into|to)\s+(?:\w+\s+){0,3}?"
                      r"|\b(?:made|make|makes|making|render\w*)\s+(?:\w+\s+){1,4}?(?:an?\s+)?)"
                      r"(?P<k>private[\s-]+public|public|private|complaint[\s-]+based|non[\s-]?compoundable|compoundable)(?:[\s-]+(?:criminal|prosecution))?\s+(?:offen[cs]es?|crimes?|prosecution|delicts?)\b"
                      r"(?!\s+(?:office|service|department|authorit|ministry|agenc))", re.I)
_IPR = re.compile(r"\bipr\b|intellectual|copyright|trademark|pira|counterfeit|infring|patent", re.I)
_OFFENCE_NOT = re.compile(r"\b(?:not|no\s+longer|ceased\s+to\s+be)\s+(?:\w+\s+){0,2}?(?:public|private|complaint)", re.I)


def _offence(R, clause: str) -> str | None:
    """IPR crimes as public (non-compoundable) offences: police and prosecutors act on their own (has);
    private, complaint-based or compoundable ones: lacks; pending when a bill would make them public."""
    kinds = {"public" if m.group("k").startswith(("public", "non")) else "private" for m in R.offence.finditer(clause)}
    if not kinds:
        return None
    if R.advice.search(clause) and not R.pending_strong.search(clause):
        return "lacks"
    if R.pending_strong.search(clause) or (R.pending.search(clause) and R.bill.search(clause)):
        return "pending"
    pol = "has" if "public" in kinds else "lacks"
    if R.offence_not.search(clause):
        pol = "lacks" if pol == "has" else "has"
    return pol


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
    sent_agent = _agent(R, subject, sent_exo.start())[0] if sent_exo else None
    for a, b in _clause_spans(subject, R.split):
        clause = subject[a:b]
        cl = clause if plain else clause.lower()     # for the substring gates
        exo = _exo(R, clause, plain)
        pronoun = " it" in cl or "them" in cl or "such " in cl     # gate for the rules reading "it", "such powers"
        agent, pos = _agent(R, clause, exo.start() if exo else None)
        if agent is None and (exo or sent_exo):
            agent = sent_agent
        offence = (("offen" in cl or "crime" in cl or "prosecution" in cl or "delict" in cl)
                   and ("public" in cl or "private" in cl or "complaint" in cl or "compoundable" in cl)
                   and R.offence.search(clause) and R.ipr.search(clause))
        if agent is None and offence:
            agent = "police"
        if agent is None and pronoun and R.pronoun.search(clause):
            agent = _previous_agent(s)      # "A bill that would grant it is pending."
            exo = exo or bool(agent)
        if agent is None:
            continue
        if not exo and sent_exo and ((R.bill.search(clause) and R.pending_strong.search(clause))
                                     or (pronoun and R.pronoun.search(clause))):
            exo = True      # "..., although a draft amendment is pending", "..., but a draft law would give it"
        pol = _conditional(R, clause, cl, agent) if any(n in cl for n in _NOUNS) else None
        if pol is None and offence:
            pol = _offence(R, clause)
            agent = "police"
        if pol is None and not exo and sent_exo and pronoun:
            pol = _holds_it(R, clause)
        if pol is None:
            if not exo and not _implicit(R, clause, cl, agent):
                # a clause that only refers back ("although these are allowed for trademark goods")
                if not (sent_exo and R.scope.search(clause) and R.back_reference.search(clause)):
                    continue
            pol = _polarity(R, clause, cl, bool(exo))
        if not pol or any(w in cl for w in _DOUBT) or (pos is not None and _foreign(s, ctx, a + pos)):
            continue        # doubt: "officials were unsure if they had ex officio authority"
        if pol == "has" and a and R.list_item.match(clause) and R.advice_lead.search(subject, 0, a):
            pol = "lacks"   # "IIPA recommends that the government: (1) ...; (2) make piracy a public offense"
        sc = R.scope.search(clause)
        ym = _PENDING_YEAR.search(text[a:b])
        # "neither customs nor police can act ex officio": one fact for each
        pair = exo is not True and exo and ("police" in cl or "prosecut" in cl) and ("customs" in cl or "border" in cl)
        agents = ("customs", "police") if pair and R.pair.search(clause) else (agent,)
        for ag in agents:
            facts.append(fact(s, f"ex_officio_{ag}", pol, qual(scope=sc.group(1).lower() if sc else None),
                              int(ym.group(1)) if ym and pol == "pending" else None, "exofficio.clause", 0.8 if exo else 0.6))
    return facts


_PAIR = re.compile(r"\b(?:customs|border)\b[^.;]{0,30}?\b(?:and|nor|or)\s+(?:the\s+)?(?:\w+\s+)?(?:police|prosecutors)\b"
                   r"|\b(?:police|prosecutors)\b[^.;]{0,30}?\b(?:and|nor|or)\s+(?:the\s+)?(?:\w+\s+)?customs\b", re.I)


_PRONOUN = re.compile(r"\b(?:grant\w*|giv\w*|provid\w*|confer\w*)\s+(?:it|them)\b|\bsuch\s+(?:authority|powers?)\b", re.I)


def _previous_agent(s: Sentence) -> str | None:
    """The agent of an ex officio mention in the sentence before (what "it" or "such powers" stands for)."""
    prev = s.previous()
    if prev is None:
        return None
    m = _RULES.exo.search(prev.text)
    return _agent(_RULES, prev.text, m.start())[0] if m else None


_HOLDS_IT = re.compile(r"\b(?:(?P<lack>lack\w*)|has|have|had|gained|received|possess\w*)\s+(?:it|them|such\s+(?:authority|powers?))\s*(?:$|[,.;)])", re.I)


def _holds_it(R, clause: str) -> str | None:
    """A clause that has or lacks "it", the power named earlier in the sentence ("whereas Peruvian customs has it")."""
    m = R.holds_it.search(clause)
    if m is None:
        return None
    if R.pending_strong.search(clause):
        return "pending"
    return "lacks" if m.group("lack") or R.negated.search(clause) else "has"


_OWNER_BEFORE = re.compile(r"^(?:['\u2019]s)?\s+(?:\w+\s+){0,2}$")
_IN_AFTER = re.compile(r"^\w+\s+(?:\w+\s+){0,2}?in\s+(?:the\s+)?$")
_IN_FIRST = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:in|unlike|like)\s+(?:the\s+)?$", re.I)


def _foreign(s: Sentence, ctx, pos: int) -> bool:
    """The agent at `pos` is another country's: "Malaysian customs", "customs in Malaysia",
    "U.S. Customs", "Singapore gave its customs ...", or "In Malaysia, customs ..." with the
    document's country not named nearer."""
    doc = getattr(ctx, "country_iso3", None)
    if not doc:
        return False
    text = s.text
    named = s.countries()
    for iso, a, b in named:
        if (b <= pos and _OWNER_BEFORE.match(text[b:pos])) or (a > pos and _IN_AFTER.match(text[pos:a])):
            return iso != doc
    if text[max(0, pos - 4):pos].lower() == "its ":
        before = [iso for iso, _, b in named if b <= pos and iso != "USA"]
        return bool(before) and before[-1] != doc      # "Singapore, by comparison, gave its customs ..."
    if named and named[0][2] <= pos and _IN_FIRST.match(text[:named[0][1]]):
        iso = named[0][0]
        return iso not in (doc, "USA") and not any(i == doc and b <= pos for i, _, b in named)
    return False


_IMPLICIT_POLICE = re.compile(
    r"\b(?:complaint|application|request|evidence|petition)\s+(?:of|from|by)\s+(?:the\s+)?(?:injured\s+party|right\s*holders?|rights\s*holders?|owners?|company|victims?)"
    r"|\b(?:company|party|right\s*holder)\s+that\s+(?:presented|filed|submitted)\s+the\s+complaint"
    r"|\bindependently\s+(?:conduct|initiate|investigate|raid|act|of\s+(?:the\s+|a\s+|any\s+)?(?:right|complain|owner|injured|victim))|\birrespective\s+of\s+the\s+(?:filing|submission)", re.I)
_IMPLICIT_CUSTOMS = re.compile(
    r"\bcustoms\s+(?:agents?|officers?|officials?|authorities)\b[^.;]{0,100}?\b(?:can|may|could|are\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:order|seize|detain|suspend|stop)"
    r"|\bcustoms\b[^.;]{0,80}\b(?:no|not|never)\b[^.;]{0,40}(?:participat\w*|involve\w*|role)\b[^.;]{0,80}(?:IPR|intellectual\s+property)"
    r"|\bcustoms\b[^.;]{0,80}\bonly\b[^.;]{0,60}\b(?:application|request|complaint|petition|court\s+order)\b"
    r"|\b(?:IPR|intellectual\s+property)\s+enforcement\b[^.;]{0,60}customs|\bcustoms\W+(?:\w+\W+){0,3}involvement\s+in\s+IPR", re.I)


_CUSTOMS_AUTHORITY = re.compile(r"\b(?:customs|border)\b[^.;]{0,60}?\b(?:has|have|had|possess\w*|gained|obtained|lack\w*)\s+(?:the\s+)?(?:\w+\s+)?"
                                r"(?:authority|power|right)s?\s+to\s+(?:act|seize|detain|suspend|stop|inspect|block)", re.I)


def _implicit(R, clause: str, cl: str, agent: str) -> bool:
    """Authority described without the words 'ex officio' (`cl`: the clause lower-cased)."""
    if agent == "police":
        return bool(R.implicit_police.search(clause))
    return bool(R.implicit_customs.search(clause)) or (
        ("authorit" in cl or "power" in cl or "right to" in cl) and bool(R.customs_authority.search(clause)))


def _rules(lowered: bool) -> SimpleNamespace:
    """The re.I rules as written, or lowered for lower-cased ASCII text (fastmatch.lowered_pattern)."""
    conv = (lambda rx: re.compile(lowered_pattern(rx.pattern), rx.flags & ~re.I)) if lowered else (lambda rx: rx)
    return SimpleNamespace(
        exo=conv(_EXO), customs=conv(_CUSTOMS), police=conv(_POLICE), pending=conv(_PENDING),
        pending_strong=conv(_PENDING_STRONG), lacks=conv(_LACKS), has=conv(_HAS), lacks_strong=conv(_LACKS_STRONG),
        split=conv(_SPLIT), scope=conv(_SCOPE), enacted=conv(_ENACTED), not_yet=conv(_NOT_YET), advice=conv(_ADVICE),
        continue_to_lack=conv(_CONTINUE_TO_LACK), bill=conv(_BILL), back_reference=conv(_BACK_REFERENCE),
        implicit_police=conv(_IMPLICIT_POLICE), implicit_customs=conv(_IMPLICIT_CUSTOMS), customs_authority=conv(_CUSTOMS_AUTHORITY), pronoun=conv(_PRONOUN), list_item=conv(_LIST_ITEM), advice_lead=conv(_ADVICE_LEAD), holds_it=conv(_HOLDS_IT), pair=conv(_PAIR), wish=conv(_WISH), unused=conv(_UNUSED), rejected=conv(_REJECTED), counterfactual=conv(_COUNTERFACTUAL),
        need=conv(_NEED), free=conv(_FREE), need_not=conv(_NEED_NOT), on_request=conv(_ON_REQUEST), habit=conv(_HABIT), former=conv(_FORMER), lacked_until=conv(_LACKED_UNTIL), negated=conv(_NEGATED), action=conv(_ACTION),
        holder=conv(_HOLDER), offence=conv(_OFFENCE), ipr=conv(_IPR), offence_not=conv(_OFFENCE_NOT))


_RULES = _rules(False)
_RULES_LOW = _rules(True)
