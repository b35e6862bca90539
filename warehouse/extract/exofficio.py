"""Ex officio authority of customs and of police/prosecutors: has, lacks or pending.

Reads negation ("continue to lack", "has not yet provided", "no longer independently", "only ... on
the complaint of"), tense and legislative state ("amendments granting ... scheduled to come before
Parliament", "has stalled in the Duma", "rejected a bill"), conditions on acting ("need a complaint
before they can act", "enforcement depends on complaints by rights holders", "only responds to
cases brought by right holders", "cannot detain goods without a court order"), self-help ("places
the burden of enforcement on right holders"), absent government-initiated enforcement (a practice:
confidence 0.45), IPR crimes as public / cognizable or private / compoundable offences, laws that
allow customs to inspect or detain infringing imports, a pronoun for the power named in the sentence
before, and another country's agency ("Malaysian customs") left out. The agent is the customs or
police word nearest the ex officio mention; investigations, raids or criminal cases only where no
agency is named; a generic agent (the government, authorities, enforcement) stands for police and
prosecutors where the clause is about enforcement or right holders. A habit of waiting for right
holders ("generally wait for a complaint", "rarely act without a complaint", "no resources for actions
apart from those initiated by rights holders") is a practice (lacks, 0.45) unless the sentence says the
power exists; a habit of using the power ("police rarely act ex officio"), doubt, questions, advice
to act, other countries or countries in general, and what a treaty requires give nothing. Customs
needing the right holder's bond or an order first lacks; an agency seeking the power is pending; a
sentence whose subject is "they", "it", "its officers" takes the agency named before it. Round 5: the
state's "self-help" / "self-policing" policy, enforcement left to right holders, right holders having to start
raids or private actions (lacks, 0.6); police relying on right holders for evidence (a practice, 0.45); an agency
that "conducts its own investigations and raids" (has; not where it lacks the resources, not right holders' own);
powers removed in favor of a complaint-based system (has, and lacks now: extractor "exofficio.removed"); a
requirement of a complaint removed (has); "law enforcement and customs" (both); advice to enact a proposed or
draft bill (pending); quote marks around "ex officio". Round 9: a bill "awaiting action in the Chamber of Deputies" or
"awaiting final approval" is pending (not passed, whoever approved it first); a lack of means beside the power ("have the
authority to seize ... but often lack the ability to identify such goods") is no lack of the power.
Round 10 (precision; no new fact where none was read): another country's body as the sentence's opening possessive or
adjective ("Austria's association explains that law enforcement cannot ...", "The Philippine Optical Media Board can ..."),
a group of countries ("ASEAN members") and an international body's guidelines or a model law give nothing; so do a law's
passage "that would" give the power (no bill pending), the power eliminated in the passive ("provisions allowing ex
officio seizure were eliminated"), plans to give it, a counterfactual on means ("if they had more staff"), an importer's
guarantee before release and a civil suit for damages; the later event of a clause is its state ("sent to parliament ...,
which were adopted": has; "passed ... and sent it to the Chamber": pending).

Confidence: 0.8 where the clause names the power ("ex officio", "own initiative"), 0.6 where it is
described (a condition on acting, an offence, self-help, a law letting customs act), 0.45 for absent
government-initiated enforcement (extractor "exofficio.practice"; a consumer may leave out < 0.5).

Rules as data. Every rule is a regex in `_RULES`, written once (case-insensitive). Nothing is
written beside a regex by hand; what makes the module fast is derived from the regexes:
- `_GATES[name]`: word sets, one word of each of which occurs in every match of the rule:
  fastmatch.required_words of the rule, and of the parts of it listed in `_KEY_ANCHORS` /
  `_MORE_ANCHORS` (where its own required words are common ones). A rule is searched in a clause only
  where its gate words are (`_open`); the gate form of the text folds the three letters that re.I
  matches to ASCII ones.
- `_PATHS`: the ways a sentence can give a fact, each with the rules that all match in such a
  sentence (an agent word and a statement of the power, or a statement that brings its own agent).
  A sentence is read only where one path's gate words occur and its rules match (path rules have no
  look-arounds, so a match in a clause is a match in the sentence).
- `KEYWORDS` (the pipeline's one-pass prefilter): the gate words of each path's first rule.
- start stems (fastmatch.literal_stems): on lower-cased ASCII text a long clause is tried only at them.
Gates and lowered rules are derived on first use, so importing the module stays cheap.
A sentence that refers back to the power named before it ("A bill that would grant it is pending")
is read from the sentence that names the power (`_read_next`), so no path needs "grant it".

How to add a phrasing:
1. Write two to four sentences of your own that show the construction, and look-alikes that must
   give nothing, as tests (tests/test_extract_nte_exo.py: PHRASINGS / DISTRACTORS; every one is also
   tried in the NTE form, commas stripped).
2. Add the words to the regex that reads that kind of statement: an agent (`_CUSTOMS`, `_POLICE`,
   `_GENERIC`), a condition on acting (`_NEED_VERB`, `_COMPLAINT_N`, `_REQUEST_N`, `_FREE_WORD`),
   the state of the power (`_LACKS`, `_HAS`, `_PENDING`, `_PENDING_STRONG`, `_ENACTED`), an offence
   (`_OFFENCE_KIND`). Shared words (negations, modals ...) come from words.py; the module's own lists
   (law and bill nouns `_LAW_NOUNS`, `_AMENDMENT_NOUNS`, `_BILL_NOUNS`, `_DRAFT_NOUNS`; habit words
   `_SELDOM_WORDS`, `_USUAL_WORDS`; verbs of removal `_REMOVAL_STEMS`; legislatures `_LEGISLATURE_NOUNS`; means to act
   `_MEANS_NOUNS`) are written once and composed with
   words.alt where a rule needs a variant; "ex officio" inside a phrase is `_EXO_TERM` (quote marks
   allowed around it); a self-help statement is a form in `_SELF_HELP_FORMS`. Nothing else changes:
   gates, KEYWORDS and stems follow the regex.
3. A new kind of statement: a new regex in `_RULES`, read in `_read`; if a fact can come from it
   where no other path opens, a new entry in `_PATHS` (its first rule's words become KEYWORDS: give
   it a `_KEY_ANCHORS` part when its own required words are common).
4. Run the tests: tests/test_extract_nte_exo.py samples random matches of every rule and checks that
   each passes its gate (and, for a path's first rule, holds a KEYWORD), and that the pipeline finds
   exactly the facts that reading every sentence with every gate open finds.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .common import Sentence, fact, qual
from .fastmatch import finditer_at, literal_stems, lowered_pattern, required_words, stem_starts
from .words import INTENTIONS, NEGATIONS, alt

# ---------------------------------------------------------------- agents

_CUSTOMS = re.compile(r"\bcustoms\b|\bborder\b", re.I)
_POLICE = re.compile(r"\bpolice\b|\battorney\s+general|\bprosecut\w*|\bMVD\b", re.I)
# named only where no agency is: "criminal investigations require a complaint"
_POLICE_WEAK = re.compile(r"\binvestigat\w*|\blaw\s+enforcement\b|\bcriminal\b|\braids?\b", re.I)
# the government, the authorities, enforcement: police and prosecutors, in a clause about enforcement
_GENERIC = re.compile(r"\b(?:government|authorities|officials|agencies|enforcement|the\s+state)\b", re.I)
# ... in a clause about enforcing IPR; or, where the clause does not name the power, about right holders or IPR
_ENFORCING = re.compile(r"\benforc\w*|\braid\w*|\bseiz\w*|\bconfiscat\w*|\bprosecut\w*|\binvestigat\w*|\bcriminal\b|\barrest\w*"
                        r"|\bact(?:s|ed|ing|ions?)?\s+against\b|\bcounterfeit\w*|\bpira\w*|\binfring\w*", re.I)
_IPR_PARTY = re.compile(r"\bright\w*[\s-]*holders?\b|\bowners?\b|\bipr?\b|\bintellectual\s+property", re.I)

# ---------------------------------------------------------------- the power named

# the term itself; inside a phrase it is written _EXO_TERM, which allows a quote mark around it ("granting of
# \u201c ex-officio authority", "in \u201cex officio\u201d actions"): the one way quote marks are read
_EXO_WORD = r"ex[\s-]*officio"
_QO = r"(?:[\"'\u201c\u2018]\s*)?"
_QC = r"[\"'\u201d\u2019]?"
_EXO_TERM = _QO + r"\b" + _EXO_WORD + _QC
_EXO = re.compile(_EXO_WORD + r"|ex[\s-]*oficio|own\s+initiative", re.I)   # (not ex[\s-]*(?:officio|oficio): the
# regex parser would factor out "of" and leave "icio", as in "suspicious", for the gate)
# "prosecutors can open cases on their own": read where customs or police are named in the sentence
_THEIR_OWN = r"(?:their own|its own)"      # one space between the words: a phrase the pipeline can look for
# round 5: an agency that "conducts its own investigations and raids" acts without right holders
_OWN_ACTS = (r"\b(?:conduct\w*|carr(?:y|ies|ied|ying)\s+out|initiat\w*|launch\w*|undertak\w*|mount\w*)\s+" + _THEIR_OWN
             + r"\s+(?:\w+\s+)?(?:investigations?|raids?|inspections?|operations|prosecutions|enforcement\s+actions?)\b")
# the means to act, not the power: money, people, skills ("lack the resources to conduct their own investigations")
_MEANS_NOUNS = ("resources", "capacity", "manpower", "funds", "funding", "staff", "personnel", "training", "expertise",
                "equipment", "budget", "skills", "knowledge")
_MEANS = re.compile(r"\black\w*\s+(?:the\s+|sufficient\s+|adequate\s+)?(?:\w+\s+)?" + alt(_MEANS_NOUNS), re.I)
# round 9: a lack of means beside the power held ("customs have the authority to seize ... but often lack the ability to
# identify such goods") is no lack of the power; "capacity" and "ability" only with a verb of recognizing (a "capacity to
# act ex officio" is the power)
_ABILITY_NOUNS = ("ability", "capability", "capacity")
_RECOGNIZE = ("identify", "recognize", "recognise", "distinguish", "detect", "spot", "differentiate", "tell")
_MEANS_ONLY = tuple(w for w in _MEANS_NOUNS if w not in _ABILITY_NOUNS)    # money, people, skills: never the power itself
_MEANS_LACK = re.compile(r"\black\w*\s+(?:of\s+)?(?:the\s+|sufficient\s+|adequate\s+|enough\s+|necessary\s+)?(?:\w+\s+)?(?:"
                         + alt(_MEANS_ONLY) + "|" + alt(_ABILITY_NOUNS)
                         + r"\s+to\s+(?:\w+\s+)?" + alt(_RECOGNIZE) + ")", re.I)
_ON_OWN = re.compile(r"\bon\s+" + _THEIR_OWN + r"\b|" + _OWN_ACTS, re.I)
# "on their own budget": money, not initiative (read after a match; the rules themselves have no look-arounds)
_OWN_MONEY = re.compile(r"\s+(?:\w+\s+)?(?:budget|funds?|resources|staff)", re.I)

# "does not", "has not", "cannot": the finite negations of the shared list (one word or two)
_FINITE_NEGATION = alt([w for w in NEGATIONS if " " in w or w in ("cannot", "unable")])

# ---------------------------------------------------------------- the module's word lists
# Each list is written once; a rule that needs a variant composes it from these (words.alt), and a word left
# out of a variant is a named, commented difference.

# laws in force or to be: every rule that names a law, a bill or a draft builds its alternation from these
_LAW_NOUNS = ("law", "laws", "code", "legislation", "decree", "regulation", "regulations")
_AMENDMENT_NOUNS = ("amendment", "amendments")
_BILL_NOUNS = ("bill", "bills")                 # law once passed ("passed the bill"), not yet law while it is one
_DRAFT_NOUNS = ("draft", "proposal")            # not yet put to the vote: never "passed" or "new" law
_ANY_LAW = _LAW_NOUNS + _AMENDMENT_NOUNS + _BILL_NOUNS + _DRAFT_NOUNS
# how often a body acts: a habit, not the power ("police rarely act ex officio", "generally wait for a complaint")
_SELDOM_WORDS = ("rarely", "seldom", "hardly", "infrequently", "reluctant", "reluctantly", "reluctance", "hesitant",
                 "unwilling")
_USUAL_WORDS = ("generally", "usually", "typically", "normally", "tend to", "tends to", "tended to", "tending to",
                "tendency to")
# the legislature a bill is before or sent to ("before the Duma", "submitted to the National Assembly")
_LEGISLATURE_NOUNS = ("parliament", "congress", "duma", "legislature", "assembly", "senate")
# verbs of removal, as stems ("remov" for removed, removes, removal ...)
_REMOVAL_STEMS = ("remov", "eliminat", "abolish", "repeal", "scrap", "strip", "revok", "curtail", "dropp", "abandon")


def _stems(stems) -> str:
    """A regex for words that start with one of the stems: "remov" gives removed, removal, removing."""
    return r"\b" + alt(stems, boundary=False) + r"\w*"


# a bill sent on to the legislature is pending (and not yet law, whoever approved it before)
# (round 10: also "sent it to the Chamber of Deputies")
_TO_LEGISLATURE = (r"\b(?:sent|submitted|forwarded|transmitted)\s+(?:it\s+|them\s+)?to\s+(?:the\s+)?(?:national\s+)?"
                   + alt(_LEGISLATURE_NOUNS + ("chamber", "house")))
# (any law noun but "code": a code is named as in force, "the new Criminal Procedures Code began to provide for ...")
_PENDING = re.compile(
    alt(tuple(w for w in _ANY_LAW if w != "code") + ("provision", "provisions")) + r"[^.;]{0,80}?"
    r"\b(?:granting|to\s+grant|giving|to\s+give|providing|to\s+provide|allowing|to\s+allow|empowering|to\s+empower|that\s+would|which\s+would|would|will)\b"
    r"|\bstalled\b|\bscheduled\s+to\b|\bbefore\s+(?:the\s+)?" + alt(_LEGISLATURE_NOUNS + ("mazhilis",)) +
    r"|\bpending\b|\bdraft\w*\b|\bunder\s+consideration\b|\bfirst\s+reading\b|\bproposed\b|\bnot\s+yet\s+(?:passed|adopted|enacted)", re.I)
# round 9: a bill through one chamber or committee, "awaiting action in the Chamber of Deputies", "awaiting final
# approval": still to be passed (not an agency awaiting a right holder's action)
_AWAITING = (r"\bawaiting\s+(?:final\s+|legislative\s+|parliamentary\s+|congressional\s+|presidential\s+)?"
             r"(?:passage|enactment|signature|approval|consideration|a\s+vote|(?:action|debate)\s+(?:in|by)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
             + alt(_LEGISLATURE_NOUNS + ("chamber", "house", "cabinet", "council of ministers")) + ")")
# round 10: a law whose passage is reported, "that would" give the power ("welcomed X's passage of legislation that would
# provide prosecutors with ex officio authority"): passed, so no bill is pending; read as no fact (reading it as "has"
# would be a recall rule, and the mining text shows the construction in one country's chapters only). Not where the
# passage is wanted, awaited or a condition ("urges passage of", "awaiting passage of", "upon passage of": _PASSAGE_WANTED)
_PASSAGE_NOUNS = ("passage", "adoption", "enactment", "promulgation")
_YEAR_AT = r"(?:in\s+(?:\w+\s+)?(?:19|20)\d\d\s+)?"
_PASSAGE = re.compile(alt(_PASSAGE_NOUNS) + r"\s+" + _YEAR_AT + r"of\s+(?:the\s+|a\s+|an\s+)?(?:new\s+)?(?:\w+\s+){0,2}?"
                      + alt(_LAW_NOUNS + _AMENDMENT_NOUNS + _BILL_NOUNS) + r"\s+" + _YEAR_AT + r"(?:that|which)\s+would\b", re.I)
_PASSAGE_WANTED = re.compile(r"\b(?:await\w*|urg\w*|support\w*|seek\w*|sought|push\w*|call\w*\s+for|recommend\w*|encourag\w*"
                             r"|expect\w*|delay\w*|stall\w*|block\w*|secur\w*|ensur\w*|need\w*|swift|early|timely|eventual|speedy"
                             r"|quick|prompt|upon|once|until|before|for|towards?|pending)\s+(?:\w+\s+){0,2}?" + alt(_PASSAGE_NOUNS), re.I)
_PENDING_STRONG = re.compile(_TO_LEGISLATURE + "|" + _AWAITING + r"|\bstalled\b|\b(?:will|would)\s+(?:\w+\s+)?(?:be\s+able|have|gain|receive|be\s+granted|be\s+given|be\s+empowered|be\s+allowed)\b|\bscheduled\s+to\b|\bbefore\s+(?:the\s+)?" + alt(_LEGISLATURE_NOUNS) +
                             r"|\bpending\b|\bnot\s+yet\s+(?:passed|adopted|enacted)|\bunder\s+consideration\b|\b(?:first|second)\s+reading\b"
                             r"|\b(?:will|would)\s+be\s+(?:submitted|sent|introduced|presented|tabled|debated)\s+to\b"
                             r"|\b(?:which|that)\s+would\s+(?:give|grant|provide|allow|empower|make)\b|\b(?:is|are)\s+(?:now\s+)?considering\b"
                             r"|\b(?:expected|yet)\s+to\s+be\s+(?:adopted|passed|enacted|approved|signed|included|introduced)\b"
                             r"|\bexpect\w*\s+to\s+(?:receive|gain|get|obtain|be\s+(?:given|granted))\b", re.I)
# "nothing in the law gives customs the authority to ...": the law does not give it (also where the verb alone,
# "gives ... the authority", would read as a law in force: _LACKS_STRONG)
_NOTHING_GIVES = r"\bnothing\s+in\s+the\b[^.;]{0,80}?\b(?:giv|grant|allow|provid|permit|empower|authori[sz])\w*"
_LACKS = re.compile(
    r"\black\w*\b|\bno\s+(?:" + _EXO_TERM + r"|authority|power|legal\s+basis|legislative\s+acts?)\b|\bwithout\s+(?:the\s+)?(?:" + _EXO_TERM + r"\s+)?(?:authority|power)"
    r"|" + _FINITE_NEGATION + r"|\bunable\s+to\b|\binability\s+of\b|" + _NOTHING_GIVES + r"|\byet\s+to\s+(?:be\s+)?(?:receiv|gain|obtain|grant|giv|get|acquir)\w*"
    r"|\b(?:can|won|don|doesn|isn|aren|hasn|haven)['\u2019]t\b"
    r"|\bno\s+longer\b|\brejected\b|\bneither\b|\babsence\s+of\b|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:granted|given|provided|conferred)\b|\bnot\s+(?:allowed|permitted|authori[sz]ed|empowered|entitled)\b"
    r"|\bonly\b[^.;]{0,80}?\b(?:complaint|application|request|evidence|petition)\s+(?:of|from|by)\b"
    r"|\bonly\b[^.;]{0,40}?\b(?:upon|on|based\s+on|after|if|when)\b[^.;]{0,60}?\b(?:complaint|application|request|evidence|court\s+order)\b"
    r"|\bonly\s+(?:seize|act|raid)\w*\b[^.;]{0,80}\b(?:complaint|right\s*holder|company)\b", re.I)
_HAS = re.compile(
    r"\b(?:has|have|had|now\s+has|now\s+have|possess\w*|exercis\w*|gained|obtained|granted|got)\b[^.;]{0,40}?" + _EXO_TERM +
    r"|\bentitled\s+to\b|\b(?:can|may|could|(?:are|is|were|was)\s+(?:now\s+|also\s+|still\s+|legally\s+)?able\s+to)\s+(?:\w+\s+){0,2}?(?:act|order|seize|detain|suspend|stop|initiate|conduct|raid|prosecute|open|launch|investigate|start|bring)\w*"
    r"|\bdiscretion\s+to\b|\blets\b|\ballowed\b|\bpermitted\b|\bauthori[sz]ed\b|\bempowered\b|\birrespective\s+of\b|\bregardless\s+of\b|\bindependently\s+of\b|\bwithout\s+(?:a\s+)?(?:prior\s+)?(?:complaint|request|application)\b"
    r"|\b(?:allows|permits|authori[sz]es|empowers|enables|enabled|allowing|permitting|authori[sz]ing|empowering|enabling)\b|\b(?:has|have|had)\s+(?:the\s+)?(?:\w+\s+)?(?:authority|power|right)s?\s+to\b"
    r"|\b(?:contains?|includes?|included)\s+(?:\w+\s+){0,2}?" + _EXO_TERM + r"\s+(?:provisions?|authority|powers?)"
    r"|\b(?:received|given|acquired)\s+(?:\w+\s+){0,2}?" + _EXO_TERM + r"\s+(?:authority|powers?|rights?)\b"
    r"|\b(?:seized|detained|suspended|initiated|instituted|opened|conducted|launched|raided|stopped|carried\s+out|brought|undertaken|prosecuted|investigated|pursued)\s+(?:\w+\s+){0,4}?" + _EXO_TERM + r"\b"
    r"|" + _EXO_TERM + r"\s+(?:actions?|raids?|seizures?|cases|investigations?|inspections?|detentions?)\b"
    r"|\bgranting\s+of\s+(?:\w+\s+)?" + _EXO_TERM + r"\s+(?:authority|powers?)\b|" + _EXO_TERM + r"\s+(?:authority|powers?)\s+(?:granted|conferred|provided)\s+(?:by|under|in)\b"
    r"|\bon\s+(?:its|their)\s+own\s+initiative\b|" + _OWN_ACTS + r"|" + _EXO_TERM + r"\s+(?:authority|powers?)\s+(?:was|were|has\s+been)\s+(?:granted|enacted|adopted)", re.I)
# "acts ex officio" (not "to act ex officio", "would act ex officio": read in _polarity)
_ACTS_EXO = re.compile(r"\bact(?:s|ed|ing)?\s+" + _EXO_TERM, re.I)
_TO_BEFORE = re.compile(r"(?:to|uld)\s$", re.I)
# what shows the power itself, not only acts under it ("has the authority", "may act", "entitled")
_POWER = re.compile(r"\b(?:authority|authori[sz]\w*|powers?|rights?\s+to|entitled|allow\w*|permit\w*|empower\w*|enabl\w*"
                    r"|can|may|could|able|provisions?)\b", re.I)
_LACKS_STRONG = re.compile(_NOTHING_GIVES + r"|\black\w*\b|\bno\s+" + _EXO_TERM + r"|\b(?:cannot|can\s*not|unable)\b|\bno\s+longer\b", re.I)
_SPLIT = re.compile(r";\s+|,\s+and\s+(?=(?:the\s+)?(?:police|customs|prosecutors|border)\b)|,?\s+(?:but|while|whereas|although|though|however)\s+|,\s+(?=allowing\b)|\.\s+"
                    # without the comma (NTE texts): only where a new agent and its verb follow
                    r"|(?P<soft>\s+and\s+)(?=(?:the\s+)?(?:police|customs|prosecutors|border)\b(?:\s+\w+){0,2}?\s+"
                    r"(?:lack|have|has|had|can|cannot|may|must|need|require|do|does|did|are|is|were|was|still|also|only|will|would|could)\w*\b)", re.I)
_SCOPE = re.compile(r"\bfor\s+(trademark|copyright|patent)\s+(?:goods|infringements?|cases|violations|products|crimes)", re.I)
# "whether customs has the authority" (an open question) gives nothing; "to verify whether goods infringe" is an act
_QUESTION = re.compile(r"\b(?<!verify\s)(?<!check\s)(?<!determine\s)(?<!examine\s)(?<!assess\s)(?<!establish\s)whether\b", re.I)
_LIST_ITEM = re.compile(r"\s*(?:and\s+|or\s+)?\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|v)\)\s", re.I)
_ADVICE_LEAD = re.compile(r"\b(?:recommend\w*|urg\w+|call\w*\s+on|encourag\w+|should|priorities)\b", re.I)
_DOUBT = re.compile(r"\bun(?:sure|clear|certain)\b|\bnot\s+(?:clear|sure|certain|aware)\b", re.I)
_LACKED_UNTIL = re.compile(r"\blacked\b[^.;]*\buntil\b|\buntil\b[^.;]*\blacked\b", re.I)


_AGENT_NOUN_BEFORE = re.compile(r"\b(?:customs|border|police|prosecutors|officials|officers|authorities|agents|guards|service|agencies)$", re.I)


def _clause_spans(text: str, split: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the non-blank clauses of the text; a split without a comma ("... authority and
    police require ...") only after a clause of four words or more."""
    out, a = [], 0
    for m in split.finditer(text):
        if m.group("soft") is not None and (len(text[a:m.start()].split()) < 4 or _AGENT_NOUN_BEFORE.search(text, a, m.start())):
            continue    # "Customs officials and police lack ...", "enforcement by customs and police": one subject
        out.append((a, m.start()))
        a = m.end()
    out.append((a, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


_ENACTED = re.compile(r"\b(?:were|was|have\s+been|has\s+been|been)\s+(?:finally\s+)?(?:adopted|passed|enacted|approved|amended|signed\s+into\s+law)\b"
                      r"|\b(?:passed|adopted|enacted|approved|signed|implemented|issued|promulgated)\s+(?:the\s+|an?\s+)?(?:new\s+)?" + alt(_LAW_NOUNS + _AMENDMENT_NOUNS + _BILL_NOUNS) +
                      r"|\b(?:passed|adopted|enacted|approved|implemented|issued|promulgated)\s+(?:\w+\s+){0,2}?in\s+(?:19|20)\d\d\b"
                      r"|\b(?:authority|powers?|provisions?|measures)\b[^.;]{0,40}?\b(?:was|were|has\s+been|have\s+been)\s+introduced\b"
                      r"|\b(?:entered|came)\s+into\s+force|\btook\s+effect|\bnow\s+(?:grants?|gives?|allows?|provides?)\b"
                      r"|\b(?:grants|gives|gave|allows|provides|empowers|authori[sz]es)\s+(?:\w+\s+){0,3}?(?:" + _EXO_TERM + r"|the\s+(?:authority|power|right))", re.I)
_NOT_YET = re.compile(r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:adopted|passed|enacted|approved)|\byet\s+to\b|\bwould\b|\bwill\b|\breading\b"
                      r"|\bby\s+the\s+(?:cabinet|council\s+of\s+ministers)\b|" + _TO_LEGISLATURE + "|" + _AWAITING, re.I)
# "the new law granting customs ex officio authority": in force (unless a bill is said to be under way)
_NEW_LAW = re.compile(r"\bnew\s+(?!draft\b)(?:\w+\s+)?" + alt(_LAW_NOUNS + _AMENDMENT_NOUNS) + r"[^.;]{0,40}?"
                      r"\b(?:grant\w*|giv(?:es|ing)|gave|provid\w*|allow\w*|empower\w*|authori[sz]\w*|confer(?:s|red|ring)?\b)", re.I)


# (round 6: the verb also as a gerund, "such as providing customs with ...", and a need, "legislation is still needed to ...")
_ADVICE = re.compile(r"\b(?:recommend\w*|urg\w+|should|must|needs?\s+to|call\w*\s+on|encourag\w+|press\w*"
                     r"|(?:is|are|remains?|remained)\s+(?:still\s+|also\s+)?(?:needed|necessary)\s+to)\b[^.;]{0,60}?"
                     r"\b(?:(?:adopt|pass|enact|grant|giv|provid|introduc|amend|mak|allow|empower)\w*|confer(?:s|red|ring)?\b|be\s+(?:able|allowed|given|granted|empowered|permitted)\b)", re.I)


_CONTINUE_TO_LACK = re.compile(r"\bcontinue\w*\s+to\s+lack|\blacks?\b", re.I)
_BILL = re.compile(alt(_ANY_LAW), re.I)
# round 6: what the weak reading of "pending" needs ("legislation granting ...", "a bill to give ..."): a plain "law" is in
# force unless a stronger word says otherwise ("a draft law", "a law that would", "a law ... is under development")
_BILL_NAMED = re.compile(alt(_AMENDMENT_NOUNS + _BILL_NOUNS + _DRAFT_NOUNS + ("legislation", "initiative")) + r"|\blaws?\b[^.;]{0,60}?\b(?:under\s+development|being\s+(?:drafted|prepared|developed))", re.I)
_BACK_REFERENCE = re.compile(r"\b(?:these|they|it|this|such)\b", re.I)
_PENDING_YEAR = re.compile(r"\b(?:in|by|since|during)\s+(?:(?:late|early|mid)[\s-]+)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")


# round 10: a plan or intention to give the power ("has announced plans to give customs ex officio authority", "intends to
# grant prosecutors ..."): nothing is given yet and no bill is named, so not "has" (read before the plain has-reading)
_INTENDED = re.compile(alt(INTENTIONS + ("intention", "considering"))
                       + r"\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:give|grant|provide|empower|extend|confer|introduce|adopt|enact|pass|draft)\w*"
                       + r"\s+(?:\w+\s+){0,4}?(?:" + _EXO_TERM + r"|authority|powers?)", re.I)
_WISH = re.compile(r"\b(?:recommend\w*|urg\w+|should|encourag\w+|call\w*\s+on|ask\w*|want\w*|hop\w+|wish\w*)\b[^.;]{0,60}?\b(?:act|use|exercis)\w*", re.I)
# making use of the power presupposes it ("should make greater use of their ex officio authority", "utilizing ex officio
# authority to pursue criminal investigations"), unless the clause also asks for it to be granted (_GRANTED_NOT_YET)
_USES_POWER = re.compile(r"\b(?:us(?:e|es|ed|ing)|utiliz\w*|exercis\w*)\s+(?:of\s+)?(?:its\s+|their\s+|the\s+|existing\s+)?"
                         + _EXO_TERM + r"\s+(?:authority|powers?)", re.I)
_GRANTED_NOT_YET = re.compile(r"\b(?:grant\w*|give\w*|given|obtain\w*|adopt\w*|introduc\w*|acquir\w*|gain\w*|empower\w*)\b", re.I)
_REJECTED = re.compile(r"\b(?:rejected|vetoed|voted\s+down|withdr[ae]w\w*|failed\s+to\s+(?:pass|adopt|approve))\b", re.I)
_UNUSED = re.compile(r"\b(?:not|never|rarely|seldom)\s+(?:\w+\s+)?(?:use[ds]?|exercis\w+|appl(?:y|ies|ied))\s+(?:its|their|the|this)\s+(?:\w+\s+)?" + _EXO_TERM, re.I)
# round 10: the condition of a counterfactual is the means to act ("would act ex officio if they had more staff")
_MEANS_IF = re.compile(r"\bif\b[^.;]{0,60}?" + alt(_MEANS_ONLY), re.I)    # ("if the law gave them the capacity": the power)
_COUNTERFACTUAL = re.compile(r"\bwould\b[^.;]*\bif\b|\bif\b[^.;]*\bwould\b", re.I)
# the power named as given by a law, whatever its use: "lack of ex officio investigations ... as authorized under Malaysian law"
_LAW_ALLOWS = re.compile(r"\b(?:authori[sz]ed|permitted|allowed|provided(?:\s+for)?|conferred|granted)\s+(?:to\s+them\s+)?(?:under|by|in)\s+"
                         r"(?:the\s+)?(?:\w+\s+){0,3}?" + alt(_LAW_NOUNS + ("act", "statute")), re.I)
# rarely, few, reluctant: how often acts happen, not whether the power is there
_RARE = re.compile(alt(_SELDOM_WORDS + _USUAL_WORDS + ("rare", "few", "infrequent", "low", "limited")), re.I)
# government-initiated enforcement said not to exist: a practice read as the power lacking (low confidence)
_INITIATED = r"(?:(?:government|state|police|official|authority)[\s-]+initiated|" + _EXO_TERM + ")"
_NO_INITIATIVE = re.compile(
    r"\b" + _INITIATED + r"\s+(?:\w+\s+){0,2}?(?:enforcement|actions?|raids?|cases|investigations?|prosecutions?|seizures?)\b"
    r"[^.;]{0,40}?\b(?:is|are|was|were|remains?|remained|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:non[\s-]?existent|absent|nil)\b"
    r"|\bno\s+" + _INITIATED + r"\s+(?:\w+\s+)?(?:enforcement|actions?|raids?|investigations?|prosecutions?)\b"
    r"|\b(?:lack|absence)\s+of\s+(?:\w+\s+){0,2}?" + _INITIATED + r"\s+(?:\w+\s+){0,2}?(?:actions?|raids?|cases|investigations?|prosecutions?|seizures?|inspections?|enforcement)\b", re.I)
# right holders left to enforce their rights themselves: police and prosecutors do not act on their own
_SELF_HELP_PARTY = r"(?:right[s]?[\s-]*holders?|owners?|compan(?:y|ies)|industry|private\s+parties)"
_SELF_HELP_ACT = r"(?:enforc\w*|monitor\w*|polic(?:e|es|ed|ing)|investigat\w*|legal\s+actions?|pursu\w*|prosecut\w*|raids?)"
# (the state's policy: "its", "Singapore's", "the government's" before it, or enforcement named after it; not "the
# self-help approach adopted by the music industry")
_SELF_HELP_NAME = r"self[- ](?:help|policing)[\"'\u201d\u2019]?\s+(?:\w+\s+)?(?:policy|approach|regime|system|model|stance)\b"
_SELF_HELP_POLICY = (r"(?:\b(?:its|government|official)\s+|['\u2019]s\s+)[\"'\u201c\u2018]?\s*" + _SELF_HELP_NAME
                     + r"|\b" + _SELF_HELP_NAME + r"[^.;]{0,60}?\b(?:enforc\w*|polic\w+|raids?|prosecut\w*|investigat\w*)")
_PRIVATE_ACTION = r"private (?:actions?|prosecutions?|suits?|lawsuits?|cases|litigation|complaints?)\b"
# The self-help statements, each form written once: name -> (the form, the part the pipeline looks for, further parts
# that every match holds). Each form is a rule of its own and a path of its own (its rare word opens it), derived below.
_SELF_HELP_FORMS = {
    # "places the burden on right holders to enforce their rights themselves", "the burden on right holders to initiate
    # raids", "the burden of IPR enforcement rests with right holders"
    "self_help_burden": (
        r"\bburden\b[^.;]{0,60}?\b(?:on|upon)\s+(?:the\s+)?(?:\w+\s+)?" + _SELF_HELP_PARTY
        + r"\b[^.;]{0,40}?\b(?:their\s+own|themselves)\b[^.;]{0,40}?\b" + _SELF_HELP_ACT
        + r"|\bburden\b[^.;]{0,60}?\b(?:on|upon)\s+(?:the\s+)?(?:\w+\s+)?" + _SELF_HELP_PARTY
        + r"\s+to\s+(?:initiat|bring|fil|conduct|undertak|launch|start|carr)\w*\s+(?:\w+\s+){0,2}?"
          r"(?:raids?|prosecutions?|investigations?|criminal\s+(?:cases|actions?|complaints?))\b"
        + r"|\bburden\s+of\s+(?:\w+\s+)?" + _SELF_HELP_ACT + r"[^.;]{0,40}?\b(?:on|upon|to|with)\s+(?:the\s+)?(?:\w+\s+)?"
        + _SELF_HELP_PARTY,
        r"\bburden\b", (_SELF_HELP_PARTY,)),
    # "enforcement is largely left to right holders"
    "self_help_left": (
        r"\b" + _SELF_HELP_ACT + r"[^.;]{0,30}?\b(?:is|are|remains?|was|has\s+been)\s+(?:\w+\s+){0,2}?left\s+(?:\w+\s+)?to\s+"
        r"(?:the\s+)?(?:\w+\s+)?" + _SELF_HELP_PARTY,
        r"\bleft\b", (_SELF_HELP_PARTY, _SELF_HELP_ACT)),
    # "right holders must investigate infringements themselves"
    "self_help_themselves": (
        r"\b" + _SELF_HELP_PARTY + r"\s+(?:\w+\s+){0,2}?(?:must|have\s+to|are\s+(?:forced|obliged|required|left)\s+to)\s+"
        r"(?:themselves\b[^.;]{0,40}?\b" + _SELF_HELP_ACT + r"|(?:\w+\s+){0,2}?" + _SELF_HELP_ACT + r"[^.;]{0,40}?\bthemselves\b)",
        r"\bthemselves\b", (_SELF_HELP_PARTY, _SELF_HELP_ACT)),
    # "a 'self-help' policy on enforcement", "Singapore's self-policing approach"
    "self_help_policy": (_SELF_HELP_POLICY, r"self[- ](?:help|policing)", ()),
    # "leaves enforcement to right holders"
    "self_help_leave": (
        r"\bleav(?:e|es|ing)\s+(?:\w+\s+){0,2}?" + _SELF_HELP_ACT + r"\s+(?:\w+\s+)?to\s+(?:the\s+)?(?:\w+\s+)?" + _SELF_HELP_PARTY + r"\b",
        r"\bleave\b|\bleaves\b|\bleaving\b", (_SELF_HELP_PARTY, _SELF_HELP_ACT)),
    # "right holders must bring private actions"
    "self_help_private": (
        r"\b(?:" + _SELF_HELP_PARTY + r"\s+(?:\w+\s+){0,2}?(?:must|have\s+to|had\s+to|are\s+(?:forced|obliged|required|left)\s+to)"
        r"|\brequir\w*\s+(?:the\s+)?(?:\w+\s+)?" + _SELF_HELP_PARTY + r"\s+to)\s+(?:initiat|bring|fil|pursu|tak|launch|start)\w*\s+"
        r"(?:their\s+own\s+)?" + _PRIVATE_ACTION,
        _PRIVATE_ACTION, (_SELF_HELP_PARTY,)),
}
_SELF_HELP_RULES = tuple(_SELF_HELP_FORMS)
# round 10: a civil suit for damages ("must file private actions to obtain damages") is no self-help enforcement
_DAMAGES = re.compile(r"\bto\s+(?:obtain|seek|recover|claim|get|win|collect)\s+(?:\w+\s+){0,3}?(?:damages|compensation)\b", re.I)
# a self-help policy said to be gone ("abandoned its self-help policy"), unless negated or urged
# (the verbs of removal but "curtail": a policy curtailed goes on)
_POLICY_ENDED = re.compile(_stems(tuple(w for w in _REMOVAL_STEMS if w != "curtail")) + r"|\b(?:ended|replaced|moved\s+away\s+from)\b", re.I)


def _last(rule, clause: str) -> tuple[int, int]:
    """(start, end) of the rule's last match in the clause ((-1, -1): none)."""
    last = (-1, -1)
    for m in rule.finditer(clause):
        last = m.span()
    return last


def _polarity(R, clause: str, cl: str, power: bool) -> str | None:
    """has, lacks, pending or None for a clause that names the power (`power`: ex officio, or
    authority described in other words) or only an agent (`cl`: the clause's gate form)."""
    if power and _open("lacked_until", cl) and R.lacked_until.search(clause):
        return "has"     # "customs lacked ex officio authority until the 2008 amendments"
    if power and _open("passage", cl) and R.passage.search(clause) and not R.passage_wanted.search(clause) \
            and not R.advice.search(clause) and not R.lacks_strong.search(clause) and not (_open("rejected", cl) and R.rejected.search(clause)):
        return None      # "welcomed the passage of legislation that would provide ...": no bill pending (see _PASSAGE)
    if power and _open("uses_power", cl) and R.uses_power.search(clause) and not R.lacks.search(clause) \
            and not R.granted_not_yet.search(clause) and not R.pending_strong.search(clause):
        return "has"     # "should make greater use of their ex officio authority": it has it
    if power and R.advice.search(clause) and not R.pending_strong.search(clause):
        if _open("proposed_bill", cl) and R.proposed_bill.search(clause):
            return "pending"    # "urges X to enact the proposed legislation ... giving customs ex officio authority"
        return "lacks"   # advised to adopt it: not there yet, and no bill named as under way
    if power and _open("rejected", cl) and R.rejected.search(clause):
        return "lacks"   # "the Rada rejected a bill that would have given customs ex officio authority"
    if power and R.enacted.search(clause) and not R.lacks_strong.search(clause) and (
            not R.not_yet.search(clause) or _last(R.enacted, clause)[0] >= _last(R.not_yet, clause)[1]):
        return "has"     # (round 10: the later event is the state: "sent to parliament ..., which were adopted in 2011")
    if power and R.pending_strong.search(clause):
        return "pending"
    if power and _open("new_law", cl) and R.new_law.search(clause) and not R.not_yet.search(clause) and not R.lacks.search(clause):
        return "has"     # "welcomes the new law granting customs ex officio authority"
    if power and R.pending.search(clause) and not R.continue_to_lack.search(clause):
        if R.bill_named.search(clause):
            return "pending"    # (a bill, draft, amendment: not "the law's main feature is the granting of ...", a law in force)
    if power and _open("counterfactual", cl) and R.counterfactual.search(clause):
        if R.means_if.search(clause):
            return None  # "would act ex officio if they had more resources": the means, not the power
        return "lacks"   # "would act ex officio if the law permitted"
    if power and _open("seeking", cl) and R.seeking.search(clause) and not R.lacks.search(clause):
        return "pending"  # "the ministry is seeking authority so that it can act on its own initiative"
    if power and R.wish.search(clause) and not R.lacks.search(clause):
        return None      # "IIPA urges police to act ex officio": says nothing of the power itself
    if power and _open("unused", cl) and R.unused.search(clause):
        return "has"     # "does not use its ex officio authority": it has it
    if power and _open("law_allows", cl) and R.law_allows.search(clause):
        return "has"     # "... ex officio investigations by customs, as authorized under Malaysian law"
    if _lacks_power(R, clause, cl):
        return "lacks"
    if power and _open("intended", cl) and R.intended.search(clause):
        return None      # "has announced plans to give customs ex officio authority": not given yet
    if R.has.search(clause) or any(not _TO_BEFORE.search(clause, max(0, m.start() - 4), m.start())
                                   for m in R.acts_exo.finditer(clause)):
        if R.rare.search(clause) and not R.power.search(clause):
            return None  # "police rarely act ex officio": a habit, not the power
        return "has"
    return None


def _lacks_power(R, clause: str, cl: str) -> bool:
    """Whether the clause says the power is lacking: a _LACKS word that is not a lack of means ("lack the ability to
    identify such goods", "lack the equipment to detect them")."""
    m = R.lacks.search(clause)
    if m is None or not (_open("means_lack", cl) and R.means_lack.match(clause, m.start())):
        return m is not None
    return any(not R.means_lack.match(clause, m.start()) for m in R.lacks.finditer(clause))


def _exo(R, text: str, low: str, on_own: bool = True):
    """The first ex officio mention in the text (`low`: its gate form); "on their own" (not "on their own
    budget") only with `on_own`."""
    m = R.exo.search(text) if _open("exo", low) else None
    if on_own and _open("on_own", low):
        for o in R.on_own.finditer(text):
            if m is not None and o.start() > m.start():
                break
            if not R.own_money.match(text, o.end()) and not (text[o.start():o.start() + 3].lower() != "on "
                                                              and R.holder.search(text, 0, o.start())):
                return o        # (not "right holders conduct their own investigations")
    return m


def _agent(R, text: str, low: str, exo_pos: int | None) -> tuple[str, int] | tuple[None, None]:
    """(customs or police, its offset): the agency named nearest to the ex officio mention (or
    anywhere); investigations, raids or criminal cases where no agency is named; a generic agent
    (government, authorities, enforcement) in a clause about enforcement or right holders."""
    ref = exo_pos or 0
    cands = []
    if _open("customs", low):
        cands += [(abs(m.start() - ref), "customs", m.start()) for m in R.customs.finditer(text)]
    if _open("police", low):
        cands += [(abs(m.start() - ref), "police", m.start()) for m in R.police.finditer(text)]
    if not cands and _open("police_weak", low):
        cands = [(abs(m.start() - ref), "police", m.start()) for m in R.police_weak.finditer(text)]
    if not cands and _open("generic", low) and (
            (_open("enforcing", low) and R.enforcing.search(text))
            or (exo_pos is None and _open("ipr_party", low) and R.ipr_party.search(text))):
        cands = [(abs(m.start() - ref), "police", m.start()) for m in R.generic.finditer(text)]
    if not cands:
        return None, None
    if exo_pos is None and len({k for _, k, _ in cands}) > 1:
        return None, None
    _, kind, pos = min(cands)
    return kind, pos


# what acting may wait for; each rule names its noun (?P<n>...) so that _noun_fits can judge it
_COMPLAINT_N = r"complaints?|complain(?:s|ed)?"
_REQUEST_N = r"requests?|applications?|petitions?|statements?|consent|wish(?:es)?"
# a request, application ... that names its maker ("at the request of the right holder"), one space before
# the preposition: a phrase the pipeline can look for; customs may read the bare noun (its anchor is "customs")
_REQUEST_BY = rf"(?:{_REQUEST_N}) (?:of|from|by)"
_COURT_N = (r"court\s+orders?|judicial\s+orders?|orders?\s+(?:from|of|by)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:judge|court|authority|prosecutor)"
            r"|orders?\s+(?:that|which)\s+(?:directs?|instructs?|requires?|compels?|authori[sz]es?)|orders?\s+(?:directing|instructing|requiring|compelling)")
_BROUGHT_N = r"(?:challenges?|cases|claims|disputes|matters)\s+(?:brought|filed|lodged|raised|referred)"
_NOUN = rf"(?P<n>{_COMPLAINT_N}|{_COURT_N}|{_REQUEST_N})\b"
_NEED_VERB = (r"\b(?:needs?|needed|needing|requir(?:e|es|ed|ing)|must\s+(?:first\s+)?(?:have|get|receive|obtain|await|file|submit|lodge|wait\s+for)"
              r"|wait\w*\s+for|(?:depend\w*|conditional|contingent|rely|relies|relied|relying)\s+(?:\w+\s+)?(?:on|upon)|subject\s+to|until|unless|triggered\s+only\s+by"
              r"|only\s+(?:\w+\s+){0,6}?(?:on|upon|at|after|if|when|with|following|based\s+on))\s+(?:[\w'\u2019]+\s+){0,6}?")
_NEEDED_TAIL = r"[^.;]{0,60}?\b(?:is|are)\s+(?:still\s+|always\s+|no\s+longer\s+|not\s+)?(?:required|necessary|needed|a\s+(?:pre)?(?:condition|requisite))"
_FREE_WORD = r"\b(?:without|absent|irrespective\s+of|regardless\s+of)\s+(?:[\w'\u2019]+\s+){0,4}?"    # "the owner's"
_ACTOR_NOUN = rf"(?P<n>{_COMPLAINT_N}|{_REQUEST_BY})\b"       # what police and prosecutors may wait for
_CUSTOMS_NOUN = rf"(?P<n>{_REQUEST_N}|{_COURT_N})\b"          # and customs (with a right holder in the clause)
_FREE = re.compile(_FREE_WORD + _ACTOR_NOUN, re.I)
_FREE_CUSTOMS = re.compile(_FREE_WORD + _CUSTOMS_NOUN, re.I)
_NEED = re.compile(_NEED_VERB + _ACTOR_NOUN, re.I)
_NEED_CUSTOMS = re.compile(_NEED_VERB + rf"(?P<n>{_REQUEST_N})\b", re.I)
_NEEDED = re.compile(r"\b" + _ACTOR_NOUN + _NEEDED_TAIL, re.I)
_NEEDED_CUSTOMS = re.compile(rf"\b(?P<n>{_REQUEST_N})\b" + _NEEDED_TAIL, re.I)
# a court order matters for customs only (police need warrants for other reasons): the customs word is its anchor
_NEED_COURT = re.compile(_NEED_VERB + rf"(?P<n>{_COURT_N})\b|\b(?P<m>{_COURT_N})\b" + _NEEDED_TAIL, re.I)
_DRIVEN = re.compile(r"\b(?:is|are|remains?|remained|was|were)\s+(?:\w+\s+){0,2}?(?P<n>complaint[\s-]+(?:driven|based|dependent|led))\b", re.I)
_OFFENCE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:offen[cs]es?|crimes?|delicts?)", re.I)   # "complaint-based offences": _OFFENCE reads them
# "only responds to", "responds only to" (one space in the phrase, which the pipeline looks for)
_ONLY_RESPOND = r"(?:only respond(?:s|ed|ing)?|respond(?:s|ed|ing)? only)"
_RESPONDS = re.compile(r"\b" + _ONLY_RESPOND + r"\s+to\s+(?:\w+\s+){0,6}?"
                       rf"(?P<n>{_COMPLAINT_N}|{_BROUGHT_N})\b", re.I)
_ON_REQUEST = re.compile(r"\b(?:after|once|when|if|upon|following)\s+(?:\w+\s+){0,4}?(?:files?|filed|filing|submits?|submitted|submitting"
                         r"|lodges?|lodged|lodging|receipt\s+of|receiving|receives?|received)\s+(?:\w+\s+){0,3}?" + _NOUN
                         + r"|\b(?:upon|on|at|following|after)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?P<r>requests?|applications?|complaints?|petitions?)\s+(?:of|from|by)\b", re.I)
# round 5: "police rely on right holders to provide evidence" (the noun is the right holder's contribution)
# (the pipeline looks for "depend on", one space, not "depend", which "independent" holds)
_RELY_V = r"(?:rely|relies|relied|relying|(?:depend|depends|depended|depending) (?:on|upon))"
_RELIES = re.compile(r"\b(?:(?:rely|relies|relied|relying)\s+(?:\w+\s+)?(?:on|upon)|(?:depend|depends|depended|depending) (?:on|upon))\s+(?:the\s+)?(?:\w+\s+){0,2}?" + _SELF_HELP_PARTY
                     + r"\s+to\s+(?:provide|supply|furnish|gather|collect|present|submit|produce|bring|file|lodge|initiate|identify|detect|locate)\s+"
                     r"(?:\w+\s+){0,3}?(?P<n>evidence|proof|information|complaints?|cases|leads|infring\w*|counterfeit\w*|pira\w*|violations?)\b", re.I)
_NEED_RULES = ("relies", "need", "needed", "need_customs", "needed_customs", "need_court", "driven", "responds")
_FREE_RULES = ("free", "free_customs")
_NOT_CUSTOMS = ("relies",)     # customs work from right holders' information whatever their power
_CUSTOMS_ONLY = ("need_customs", "needed_customs", "need_court", "free_customs")
_NEED_NOT = re.compile(_stems(_REMOVAL_STEMS) + r"\s+(?:\w+\s+){0,3}?(?:requirements?|need|conditions?|preconditions?)\b"
                       r"|\b(?:no\s+longer|not|never|without)\s+(?:\w+\s+){0,2}?(?:need|requir|necessary|wait|complaint[\s-]+(?:driven|based|dependent|led))"
                       r"|n['\u2019]t\s+(?:\w+\s+)?(?:need|requir)"
                       r"|\bno\s+(?:\w+\s+){0,2}?(?:complaint|request|application|petition)s?\b[^.;]{0,40}?\b(?:is|are|was|were)\s+(?:required|necessary|needed)", re.I)
# a habit of not acting without right holders ("rarely act without a complaint", "reluctant to act without")
_SELDOM = re.compile(alt(_SELDOM_WORDS), re.I)
_FORMER = re.compile(r"\b(?:previously|formerly|in\s+the\s+past|used\s+to)\b", re.I)
_HABIT = re.compile(alt(_USUAL_WORDS + _SELDOM_WORDS + ("often", "prefer", "prefers", "preferred", "preferring", "in practice")), re.I)
# the shared negations but the bare "not", "no" and "without" (which the rules read in their places)
_NEGATED = re.compile(alt([w for w in NEGATIONS if w not in ("not", "no", "without")])
                      + r"|\b(?:lack\w*|can\s*not|refus\w*|no\s+longer|not\s+(?:able|allowed|permitted|authori[sz]ed|empowered))\b"
                        r"|\b(?:can|won|don|doesn|hasn|haven)['\u2019]t\b", re.I)
_ACTION = re.compile(r"\b(?:act|acts|acting|action|seize|seizes|seizing|detain|detains|detaining|raid|raids|raiding|initiat\w*|investigat\w*|open\w*\s+(?:an?\s+)?(?:\w+\s+)?(?:case|investigation)s?"
                     r"|institut\w*|start\w*|launch\w*|proceed\w*|inspect|inspects|inspecting|stop|suspend\w*|search|hold|holds|holding|prosecut\w*|interven\w*|move|confiscat(?:e|es|ing)|bring\w*|pursu\w*|enforce\w*)\b", re.I)
_HOLDER = re.compile(r"\bright\w*[\s-]*holder|\bowner|\binjured|\bvictim|\bcompan|\bbrand", re.I)


_BROUGHT = re.compile(_BROUGHT_N, re.I)


def _complaint_like(n: str) -> bool:
    """A complaint, 'complaint-driven', or a case brought by someone else ("challenges brought to")."""
    return n[:8].lower() == "complain" or _BROUGHT.fullmatch(n) is not None


def _noun_fits(R, m, clause: str, agent: str) -> bool:
    """A complaint always; a court order only for customs (police need warrants for other reasons);
    a request, application, statement, consent or wish only with a right holder named in the clause."""
    n = m.group(m.lastgroup)
    if _complaint_like(n):
        return True
    if n[:5].lower() in ("court", "judic", "order"):
        return agent == "customs"
    return bool(R.holder.search(clause))


def _conditional(R, clause: str, cl: str, agent: str) -> tuple[str | None, bool]:
    """Acting depends on a complaint, request or court order: lacks ("need a complaint before they can act",
    "cannot detain goods without a court order"); has when the need is denied ("no longer need a complaint",
    "can act without a complaint"); pending when a bill or future law is named; "" (no fact) when acting
    merely follows a request; None when no such condition is stated. `cl` is the clause's gate form.
    With it, whether the condition is a habit ("generally wait for complaints", "rarely act without a
    complaint"): lacking in practice, read at the practice confidence."""
    need = free = need_name = None
    for name in _NEED_RULES:
        if (agent == "customs" or name not in _CUSTOMS_ONLY) and not (agent == "customs" and name in _NOT_CUSTOMS) and _open(name, cl):
            m = next((m for m in getattr(R, name).finditer(clause) if _noun_fits(R, m, clause, agent)
                      and not (name == "driven" and R.offence_after.match(clause, m.end()))), None)
            if m is not None and (need is None or m.start() < need.start()):
                need, need_name = m, name
    for name in _FREE_RULES:
        if need is None and free is None and (agent == "customs" or name not in _CUSTOMS_ONLY) and _open(name, cl):
            free = next((m for m in getattr(R, name).finditer(clause) if _noun_fits(R, m, clause, agent)), None)
    m = need or free
    if m is None and _open("on_request", cl) and any(_noun_fits(R, r, clause, agent) for r in R.on_request.finditer(clause)):
        return "", False    # "may detain goods after a right holder files an application": says nothing either way
    if m is None or R.former.search(clause):
        return None, False  # "previously needed": gone
    habit = R.habit.search(clause) is not None
    if habit and need is None:
        seldom = _open("seldom", cl) and R.seldom.search(clause, 0, m.start())
        if not seldom and not R.habit.search(clause, 0, m.start()):
            habit = False   # "police can act without complaints but rarely do so": the power, little used
        elif not seldom:
            return None, False  # "police generally act without a complaint": a habit, not the power
    if not _complaint_like(m.group(m.lastgroup)) and need_name != "relies" and not R.action.search(clause):
        return None, False  # "cannot destroy seized goods without a court order": not about acting
    if need:
        pol = "has" if R.need_not.search(clause) else "lacks"
    else:
        pol = "lacks" if habit or R.negated.search(clause) else "has"
    if need_name == "relies" and pol == "lacks":
        habit = True        # relying on right holders' evidence is how enforcement works in practice, not the law
    if habit:
        # "officials generally wait for complaints", "rarely act without a complaint": a practice
        return ("lacks", True) if pol == "lacks" else (None, False)
    if R.advice.search(clause) and not R.pending_strong.search(clause):
        return "lacks", False
    if R.pending_strong.search(clause) and pol == "has":
        return "pending", False
    return pol, False


_OFFENCE_KIND = (r"private\s+rather\s+than\s+(?:a\s+)?public|private[\s-]+public|public|private|complaint[\s-]+based|non[\s-]?compoundable|compoundable"
                 r"|non[\s-]?cogni[sz]able|cogni[sz]able")
_OFFENCE = re.compile(r"(?:\b(?:is|are|was|were|be|been|being|becomes?|became|remains?|remained|as|of|into|to)\s+(?:\w+\s+){0,3}?"
                      r"|\b(?:made|make|makes|making|render\w*)\s+(?:\w+\s+){1,4}?(?:an?\s+)?)"
                      r"[\"'\u201c\u2018]?(?P<k>" + _OFFENCE_KIND + r")[\"'\u201d\u2019]?(?:[\s-]+(?:criminal|prosecution))?\s+(?:offen[cs]es?|crimes?|prosecution|delicts?|system)\b"
                      r"", re.I)
_OFFENCE_OFFICE = re.compile(r"\s+(?:office|service|department|authorit|ministry|agenc)", re.I)   # "public prosecution office"
_IPR = re.compile(r"\bipr\b|intellectual|copyright|trademark|pira|counterfeit|infring|patent", re.I)
_OFFENCE_NOT = re.compile(r"\b(?:not|no\s+longer|ceased\s+to\s+be)\s+(?:\w+\s+){0,2}?(?:public|private|complaint)", re.I)


def _public(kind: str) -> bool:
    """Public, non-compoundable and cognizable offences are prosecuted without a complaint."""
    k = kind.lower()
    return k.startswith(("public", "cogni")) or (k.startswith("non") and "compound" in k)


def _offences(R, clause: str) -> list:
    """The offence statements of the clause ("... a public offence", not "a public prosecution office")."""
    return [m for m in R.offence.finditer(clause) if not R.offence_office.match(clause, m.end())]


def _offence(R, clause: str) -> str | None:
    """IPR crimes as public (non-compoundable, cognizable) offences: police and prosecutors act on their
    own (has); private, complaint-based, compoundable or non-cognizable ones: lacks; pending when a bill
    would make them public."""
    kinds = {"public" if _public(m.group("k")) else "private" for m in _offences(R, clause)}
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


_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i"})


def _gate_form(text: str) -> str:
    """Lower-cased text in which every gate word of a case-insensitive match is found: the three
    characters that re.I matches to an ASCII letter but lower() does not make one (long s, dotless
    and dotted I) are folded first."""
    if "\u017f" in text or "\u0131" in text or "\u0130" in text:
        text = text.translate(_FOLD)
    return text.lower()


def extract(s: Sentence, ctx) -> list:
    text = s.text
    plain = text.isascii()
    low = s.low if plain else _gate_form(text)
    # on ASCII text the re.I rules run lower-cased (same offsets, faster); clauses are cut alike
    R, subject = (_RULES_LOW, low) if plain else (_RULES_AS_WRITTEN, text)
    # a fact needs all the rules of one of the paths in its sentence: their gate words, then the rules
    found: dict[str, bool] = {}
    bits = _gate_bits(low)
    if not _some_path(R, subject, bits, found) or _question(text, low):
        return []
    # "on their own" counts where customs or police are named in the sentence
    on_own = bits & _ON_OWN_MASK == _ON_OWN_MASK and _path_found(R, _PATHS["on_own"], subject, found)
    sent_exo = _exo(R, subject, low, on_own)
    sent_agent = _agent(R, subject, low, sent_exo.start())[0] if sent_exo else None
    facts = _read(s, ctx, R, subject, plain, on_own, sent_exo, sent_agent, _previous_agent(s))
    if sent_agent:
        facts += _read_next(s, ctx, sent_agent)
    return facts


def _question(text: str, low: str) -> bool:
    """An open question ("whether customs has ...", "... ?"): nothing is stated."""
    return (_open("question", low) and _QUESTION.search(text) is not None) or text.rstrip().endswith("?")


def _read(s: Sentence, ctx, R, subject: str, plain: bool, on_own: bool, sent_exo, sent_agent, prev_agent,
          pronoun_only: bool = False) -> list:
    """The facts of the sentence's clauses. `prev_agent`: the agent of the power named in the sentence
    before (a callable giving it, evaluated only when a clause refers back to it with "grant it");
    `pronoun_only`: read only such clauses."""
    text = s.text
    facts = []
    for a, b in _clause_spans(subject, R.split):
        clause = subject[a:b]
        cl = clause if plain else _gate_form(clause)     # the clause's gate form
        exo = _exo(R, clause, cl, on_own)
        agent, pos = _agent(R, clause, cl, exo.start() if exo else None)
        if agent is None and (exo or sent_exo):
            agent = sent_agent
        offence = _open("offence", cl) and _offences(R, clause) and _open("ipr", cl) and R.ipr.search(clause)
        if agent is None and offence:
            agent = "police"
        pronoun = _open("pronoun", cl) and R.pronoun.search(clause)
        if pronoun_only and (agent is not None or not pronoun):
            continue
        if agent is None and pronoun:
            agent = prev_agent()             # "A bill that would grant it is pending."
            exo = exo or bool(agent)
        if agent is None and not pronoun_only and _open("pronoun_subject", cl) and R.pronoun_subject.match(clause, _LEAD.match(clause).end()):
            # "Customs ... . They lack the authority to seize goods ex officio.", "... . However, it cannot ...; it ..."
            agent = _agency_in(subject[:a]) or _previous_agency(s)
        bond = _open("bond", cl) and R.bond.search(clause) and R.customs_cue.search(clause) and not R.release.search(clause)
        if bond:
            agent = "customs"                # "must post a bond before officials will seize a shipment"
        beyond = _open("beyond", cl) and R.beyond.search(clause)
        self_help = next((m for n in _SELF_HELP_RULES if _open(n, cl) for m in (getattr(R, n).search(clause),) if m), None)
        if self_help and R.damages.search(clause):
            self_help = None    # "must file private actions to obtain damages": a civil suit, not enforcement left to them
        if self_help and agent != "customs":
            agent = "police"
        practice = _open("no_initiative", cl) and R.no_initiative.search(clause)
        if agent is None and practice:
            agent = "police"
        if agent is None:
            continue
        if not exo and sent_exo and ((R.bill.search(clause) and R.pending_strong.search(clause)) or pronoun):
            exo = True      # "..., although a draft amendment is pending", "..., but a draft law would give it"
        if exo is not None and exo is not True and exo is not False and exo.group(0)[:3].lower() != "on " \
                and not (_open("exo", cl) and R.exo.search(clause)) and _open("means", cl) and R.means.search(clause):
            continue        # "police lack the resources to conduct their own investigations": not the power
        extractor, conf = "exofficio.clause", 0.8 if exo else 0.6
        removed = _open("removed", cl) and R.removed.search(clause)
        if removed and (R.pending_strong.search(clause) or R.advice.search(clause) or R.negated.search(clause)
                        or R.pending.search(clause) or (_open("rejected", cl) and R.rejected.search(clause))):
            continue        # "a bill would remove ...", "should not remove ...": no state of the power
        pol, habit = _conditional(R, clause, cl, agent) if any(_open(n, cl) for n in _CONDITION_RULES) else (None, False)
        if pol == "lacks" and habit:
            extractor, conf = "exofficio.practice", 0.45
        if pol == "" and exo:
            pol = None      # "detained 40 shipments ex officio and 12 at the request of right holders"
        if not removed and _open("removed_after", cl) and any(
                not R.removed_gap_not.search(m.group("gap")) for m in R.removed_after.finditer(clause)) \
                and not (R.pending_strong.search(clause) or R.advice.search(clause) or R.negated.search(clause)
                         or (_open("rejected", cl) and R.rejected.search(clause))):
            continue        # "provisions allowing ex officio seizure were eliminated": not "has" (see _REMOVED_AFTER)
        if removed:
            # had it, lacks it now: the state before, at the clause's confidence
            facts.append(fact(s, f"ex_officio_{agent}", "has", "", None, "exofficio.removed", conf))
            pol, extractor = "lacks", "exofficio.removed"
        if pol is None and offence:
            pol = _offence(R, clause)
            agent = "police"
        if self_help and _open("policy_ended", cl) and R.policy_ended.search(clause) and not R.negated.search(clause) \
                and not R.advice.search(clause) and not (_open("wish", cl) and R.wish.search(clause)) and not R.advice_lead.search(clause):
            self_help = None    # "abandoned its self-help policy": gone (what came after is not said)
        if pol is None and self_help and agent == "police":
            pol, extractor, conf = "lacks", "exofficio.self_help", 0.6
        if pol is None and practice and not (exo and _open("law_allows", cl) and R.law_allows.search(clause)):
            pol, extractor, conf = "lacks", "exofficio.practice", 0.45
        if pol is None and beyond and agent == "police":
            pol, extractor, conf = "lacks", "exofficio.practice", 0.45
        if pol is None and bond:
            pol = "lacks"
        if pol is None and not exo and sent_exo and _open("holds_it", cl):
            pol = _holds_it(R, clause)
        if pol is None:
            implicit = not exo and _implicit(R, clause, cl, agent)
            if not exo and not implicit:
                # a clause that only refers back ("although these are allowed for trademark goods")
                if not (sent_exo and R.scope.search(clause) and R.back_reference.search(clause)):
                    continue
            pol = _polarity(R, clause, cl, bool(exo) or implicit)
        if not pol or (_open("doubt", cl) and R.doubt.search(clause)) or (pos is not None and _foreign(s, ctx, a + pos)):
            continue        # doubt: "officials were unsure if they had ex officio authority"
        if (_open("elsewhere", cl) and R.elsewhere.search(clause)) or _treaty_talk(s, R, clause, cl):
            continue        # "customs in neighboring countries", "TRIPS permits members to ...": not this country's power
        if pol == "has" and a and R.list_item.match(clause) and R.advice_lead.search(subject, 0, a):
            pol = "lacks"   # "IIPA recommends that the government: (1) ...; (2) make piracy a public offense"
        sc = R.scope.search(clause)
        ym = _PENDING_YEAR.search(text[a:b])
        # "neither customs nor police can act ex officio": one fact for each
        pair = exo is not True and exo and _open("pair", cl) and R.pair.search(clause)
        agents = ("customs", "police") if pair else (agent,)
        for ag in agents:
            facts.append(fact(s, f"ex_officio_{ag}", pol, qual(scope=sc.group(1).lower() if sc else None),
                              int(ym.group(1)) if ym and pol == "pending" else None, extractor, conf))
    if any(f.extractor == "exofficio.practice" for f in facts):
        # "police generally wait for a complaint, although the law allows them to act ex officio": the power is there
        has = {f.feature for f in facts if f.value == "has"}
        facts = [f for f in facts if not (f.extractor == "exofficio.practice" and f.value == "lacks" and f.feature in has)]
    return facts


def _treaty_talk(s: Sentence, R, clause: str, cl: str) -> bool:
    """What a treaty requires or permits ("Under the FTA, X must empower customs ..."), also a "must" that
    goes on with the treaty of the sentence before ("The FTA requires X to ... . X also must ..."); not
    where the clause says the country's law meets it ("amended to comply with TRIPS")."""
    if _open("complies", cl) and R.complies.search(clause):
        return False
    if _open("treaty", cl) and R.treaty.search(clause):
        return True
    if _open("must", cl) and R.must.search(clause) and R.advice.search(clause):
        prev = s.previous()     # (an obligation to grant, "must empower"; not "right holders must obtain an order")
        return prev is not None and _TREATY.search(prev.text) is not None and not _COMPLIES.search(prev.text)
    return False


def _agency_in(t: str) -> str | None:
    """The one agency (customs or police) the text names; None where it names none or both."""
    kinds = {k for k, rx in (("customs", _CUSTOMS), ("police", _POLICE)) if rx.search(t)}
    return kinds.pop() if len(kinds) == 1 else None


def _previous_agency(s: Sentence) -> str | None:
    """The one agency (customs or police) the sentence before names, for a sentence whose subject is a
    pronoun ("They lack ..."); None where it names none or both."""
    prev = s.previous()
    return None if prev is None else _agency_in(prev.text)


def _read_next(s: Sentence, ctx, agent: str) -> list:
    """Facts of the next sentence that refers back to the power this one names ("Customs lacks ex
    officio authority. A bill that would grant it is pending."): read from here, so that the pipeline
    need not look at every sentence that says "grant it"."""
    nxt = _next_sentence(s)
    if nxt is None:
        return []
    text = nxt.text
    plain = text.isascii()
    low = nxt.low if plain else _gate_form(text)
    R, subject = (_RULES_LOW, low) if plain else (_RULES_AS_WRITTEN, text)
    if not (_open("pronoun", low) and R.pronoun.search(subject)) or _question(text, low):
        return []
    return _read(nxt, ctx, R, subject, plain, False, None, None, lambda: agent, pronoun_only=True)


def _next_sentence(s: Sentence) -> Sentence | None:
    """The sentence after this one (None at the end of the text)."""
    doc, p, n = s.doc, s.end, len(s.doc)
    while p < n and doc[p].isspace():
        p += 1
    if p >= n:
        return None
    if s.finder is not None:
        a, b = s.finder.span_at(p)
    else:
        from .text import split_sentences
        spans = split_sentences(doc, p, min(n, p + 2000))
        if not spans:
            return None
        a, b = spans[0]
    if a < s.end or b <= a:
        return None
    return Sentence(doc, a, min(b, a + 2000), s.finder)


_PAIR = re.compile(r"\b(?:customs|border)\b[^.;]{0,30}?\b(?:and|nor|or)\s+(?:the\s+)?(?:\w+\s+)?(?:police|prosecutors|law\s+enforcement)\b"
                   r"|\b(?:police|prosecutors|law\s+enforcement)\b[^.;]{0,30}?\b(?:and|nor|or)\s+(?:the\s+)?(?:\w+\s+)?customs\b", re.I)


_PRONOUN = re.compile(r"\b(?:grant\w*|giv\w*|gave|confer\w*)\s+(?:it|them|(?:\w+\s+){0,2}?such\s+(?:authority|powers?))\b", re.I)


def _previous_agent(s: Sentence):
    """A callable giving the agent of an ex officio mention in the sentence before (what "it" or "such
    powers" stands for); the sentence before is looked up only when called."""
    def agent() -> str | None:
        prev = s.previous()
        if prev is None:
            return None
        m = _RULES_AS_WRITTEN.exo.search(prev.text)
        return _agent(_RULES_AS_WRITTEN, prev.text, _gate_form(prev.text), m.start())[0] if m else None
    return agent


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
# round 10: a sentence that opens with another country's possessive ("Austria's anti-piracy association explains that
# law enforcement cannot act ex officio", "According to Sweden's police, ..."): that country's agencies
_OWNER_LEAD = re.compile(r"^\W*(?:according\s+to\s+)?(?:the\s+)?$", re.I)
# ... or its adjective before a body ("The Philippine Optical Media Board can conduct raids ex officio", "Malaysian Customs ...")
_POSSESSIVE = re.compile(r"['\u2019]s\b|\s+(?:[A-Z][\w-]*|(?i:police|customs|authorities|government|officials|officers|prosecutors"
                         r"|courts?|agenc(?:y|ies)|ministry|law\s+enforcement)\b)")
_IN_FIRST = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:in|unlike|like)\s+(?:the\s+)?$", re.I)


def _clause_cut(text: str, a: int, b: int) -> bool:
    """Whether a clause boundary (_SPLIT) lies between `a` and `b`; the full stop of an
    abbreviation ("U.S. audio-visual right holders") is none."""
    for cut in _SPLIT.finditer(text, a):
        if cut.start() >= b:
            return False
        if not (text[cut.start()] == "." and cut.start() > 0 and text[cut.start() - 1].isupper()):
            return True
    return False


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
    if named and named[0][2] <= pos and _OWNER_LEAD.match(text[:named[0][1]]) and _POSSESSIVE.match(text, named[0][2]) \
            and not _clause_cut(text, named[0][2], pos):
        return named[0][0] not in (doc, "USA") and not any(i == doc for i, _, _ in named)
    return False


_IMPLICIT_POLICE = re.compile(
    r"\b(?:complaint|application|request|evidence|petition) (?:of|from|by)\s+(?:the\s+)?(?:injured\s+party|right\s*holders?|rights\s*holders?|owners?|company|victims?)"
    r"|\b(?:company|party|right\s*holder)\s+that\s+(?:presented|filed|submitted)\s+the\s+complaint"
    r"|\bindependently\s+(?:conduct|initiate|investigate|raid|act|of\s+(?:the\s+|a\s+|any\s+)?(?:right|complain|owner|injured|victim))|\birrespective\s+of\s+the\s+(?:filing|submission)"
    # "prosecute over the objections of the right holder": the power does not wait for the right holder
    r"|\b(?:over|despite|against)\s+the\s+(?:objections?|wish(?:es)?) of\s+(?:the\s+|a\s+|any\s+)?(?:\w+\s+)?(?:right\s*holders?|rights\s*holders?|owners?|victims?|injured\s+party)", re.I)
_IMPLICIT_CUSTOMS = re.compile(
    r"\bcustoms\s+(?:agents?|officers?|officials?|authorities)\b[^.;]{0,100}?\b(?:can|may|could|are\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:order|seize|detain|suspend|stop)"
    r"|\bcustoms\b[^.;]{0,80}\b(?:no|not|never)\b[^.;]{0,40}(?:participat\w*|involve\w*|role)\b[^.;]{0,80}(?:IPR|intellectual\s+property)"
    r"|\bcustoms\b[^.;]{0,80}\bonly\b[^.;]{0,60}\b(?:application|request|complaint|petition|court\s+order)\b"
    r"|\bcustoms\W+(?:\w+\W+){0,3}involvement\s+in\s+IPR", re.I)
# a law or decree that lets customs check or hold infringing imports (with an IPR word in the clause)
_CUSTOMS_ALLOWED = re.compile(
    r"\b(?:allow|authori[sz]|empower|permit|enabl|entitl)\w*\s+(?:the\s+)?(?:\w+\s+)?(?:customs|border)\s+(?:\w+\s+){0,2}?to\s+(?:\w+\s+)?"
    r"(?:seize|detain|inspect|verify|examine|suspend|stop|check|block|confiscate|act|take\s+action)\b"
    r"|\b(?:customs|border)\s+(?:\w+\s+){0,2}?(?:is|are)\s+(?:not\s+|now\s+|also\s+|legally\s+)?(?:authori[sz]ed|empowered|permitted|allowed|entitled)\s+to\s+(?:\w+\s+)?"
    r"(?:seize|detain|inspect|verify|examine|suspend|stop|check|block|confiscate|act|take\s+action)\b", re.I)


_CUSTOMS_AUTHORITY = re.compile(r"\b(?:customs|border)\b[^.;]{0,60}?\b(?:has|have|had|possess\w*|gained|obtained|lack\w*)\s+(?:the\s+)?(?:\w+\s+)?"
                                r"(?:authority|power|right)s?\s+to\s+(?:act|seize|detain|suspend|stop|inspect|block)", re.I)


def _implicit(R, clause: str, cl: str, agent: str) -> bool:
    """Authority described without the words 'ex officio' (`cl`: the clause's gate form)."""
    if agent == "police":
        return _open("implicit_police", cl) and bool(R.implicit_police.search(clause))
    return ((_open("implicit_customs", cl) and bool(R.implicit_customs.search(clause)))
            or (_open("customs_authority", cl) and bool(R.customs_authority.search(clause)))
            or (_open("customs_allowed", cl) and bool(R.customs_allowed.search(clause)) and bool(R.ipr.search(clause))))


# enforcement beyond what right holders start is not done ("lack the resources to pursue cases other than those
# initiated by rights holders"): a practice, police and prosecutors not acting on their own (low confidence)
_BEYOND_BY = r"(?:initiated|requested|brought|filed|started|prompted|triggered|lodged|referred) by"
_BEYOND = re.compile(r"\b(?:apart\s+from|other\s+than|except(?:\s+for)?|beyond|besides|outside(?:\s+of)?)\s+(?:those|the\s+ones|cases|actions|raids)\s+"
                     r"(?:\w+\s+)?" + _BEYOND_BY + r"\s+(?:the\s+)?(?:\w+\s+)?" + _SELF_HELP_PARTY + r"\b", re.I)
# the right holder's bond or security before goods are held: customs do not act on their own
_BOND_N = r"\b(?:bonds?|security|securities|guarantees?|deposits?)\b"
_HOLD_V = r"(?:seiz|detain|stop|suspend|hold|act|move|inspect|intercept)\w*"
# round 10: a guarantee before goods are released (the importer's) is no bond before they are held
_RELEASE = re.compile(r"\bbefore\s+(?:(?!" + _HOLD_V + r")\w+\s+){0,3}?releas\w*", re.I)   # ("before customs suspend the release": a bond)
_BOND = re.compile(r"\b(?:post|provid|deposit|lodg|furnish|pay|put\s+up)\w*\s+(?:\w+\s+){0,6}?" + _BOND_N + r"[^.;]{0,80}?\bbefore\s+(?:\w+\s+){0,4}?" + _HOLD_V
                   + r"|\bbefore\s+(?:\w+\s+){0,4}?" + _HOLD_V + r"[^.;]{0,80}?\b(?:post|provid|deposit|lodg|furnish|pay|put\s+up)\w*\s+(?:\w+\s+){0,6}?" + _BOND_N, re.I)
# what makes a bond a border matter where customs are not named ("before officials will seize a shipment")
_CUSTOMS_CUE = re.compile(r"\b(?:customs|border|shipments?|imports?|imported|consignments?|containers?|merchandise)\b", re.I)
# a sentence whose subject stands for the agency of the sentence before ("They lack ...", "Its officers cannot ..."):
# read only at the start of the sentence (the rule itself searches anywhere, a condition of the path)
_PRONOUN_SUBJECT = re.compile(r"\b(?:they|it|(?:its|their)\s+(?:officers|officials|agents|inspectors|staff|investigators))\b", re.I)
# what may stand before that subject ("However, it ...")
_LEAD = re.compile(r"[\s\"'(\u201c]*(?:(?:however|moreover|furthermore|further|but|yet|still|also|currently|now|in\s+practice|in\s+addition)\b[\s,]*)?", re.I)
# the agency seeking the power: not there yet ("is seeking authority so that it can act on its own initiative")
_SEEKING = re.compile(r"\b(?:seek\w*|sought|wants?|wanted|lobb\w+\s+for|push\w*\s+for)\s+(?:to\s+(?:get|obtain|gain|acquire|receive)\s+)?"
                      r"(?:the\s+|new\s+|more\s+)?(?:\w+\s+)?(?:authority|powers?|mandate|competence)\b", re.I)
# other countries, or countries in general ("customs in neighboring countries", "countries should provide ...")
_ELSEWHERE = re.compile(r"\b(?:in|of|by|for)\s+(?:other|neighbo\w+|many|most|some|several|foreign|all|developed|developing|third)\s+(?:countries|nations|economies|jurisdictions)\b"
                        r"|\b(?:countries|nations|economies|jurisdictions|governments|members|trading\s+partners)\s+(?:should|must|shall|need\s+to|are\s+(?:required|obliged|encouraged|expected)\s+to)\b"
                        r"|\bother\s+countries\b"
                        # round 10: a group of countries ("encouraged ASEAN members to ...", "APEC member economies should"; not the EU's
                        # member states, which an EU chapter is about)
                        r"|\b(?:ASEAN|APEC|WTO|regional)\s+(?:members|member\s+(?:states|economies|countries)|economies)\b|\bmember\s+economies\b", re.I)
# round 5: the power taken away ("removed the authorities police had, in favor of a complaint-based system",
# "abolished the ex officio authority of customs"): lacks now, and had it before
_REMOVED_V = _stems(_REMOVAL_STEMS)
_REMOVED = re.compile(_REMOVED_V + r"\s+(?:\w+\s+){0,6}?(?:authorit(?:y|ies)|powers?)\b[^.;]{0,100}?\b(?:in\s+favou?r\s+of|replac\w*|substitut\w*)"
                      r"\s+(?:\w+\s+){0,4}?complaint[\s-]+(?:based|driven|dependent|led|only)\b"
                      r"|" + _REMOVED_V + r"\s+(?:\w+\s+){0,8}?(?:" + _EXO_TERM + r"|own\s+initiative)\b", re.I)
# round 10: the power removed, in the passive after it ("provisions allowing ex officio seizure by customs were eliminated",
# "the ex officio authority of customs was abolished"): the clause gives no fact (not "has" from "allowing"; "lacks"
# would be a recall rule the mining text shows in one chapter only, and a bill's provisions may be dropped before its
# passage, so no earlier "has" either); the words between must not start another statement (_REMOVED_GAP_NOT: "customs
# gained ex officio authority when the requirement for a bond was eliminated")
_REMOVED_AFTER = re.compile(r"(?:" + _EXO_TERM + r"|\bown\s+initiative)\s+(?P<gap>(?:[\w'\u2019-]+\s+){0,12}?)"
                            r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?"
                            + _stems(tuple(w for w in _REMOVAL_STEMS if w != "curtail")), re.I)
_REMOVED_GAP_NOT = re.compile(r"\b(?:when|after|once|since|because|while|but|although|though|if|as|requirements?|conditions?|need|bonds?"
                              r"|tariffs?|taxe?s?|duty|duties|restrictions?|ban|limits?|obstacles?|barriers?)\b", re.I)
# advice to enact a bill that exists ("urges X to enact the proposed legislation"): pending (not "to draft legislation")
_PROPOSED_BILL = re.compile(r"\b(?:proposed|pending|(?<!to\s)draft)\s+(?:\w+\s+)?" + alt(_LAW_NOUNS + _AMENDMENT_NOUNS + _BILL_NOUNS), re.I)
# what a treaty requires or permits ("TRIPS Article 58 permits members to ...", "Under the FTA, X must ...")
# (round 10: up to two words between "under the" and the treaty, "Under the WTO TRIPS Agreement, customs must ...")
_TREATY = re.compile(r"\b(?:TRIPS|FTA|TPA|the\s+(?:agreement|treaty|convention))\b[^.;]{0,80}?\b(?:requir|permit|allow|oblig|mandat|call\w*\s+for|commit)\w*"
                     r"|\bunder\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:TRIPS|FTA|TPA|agreement|treaty)\b"
                     # round 10: an international body's guidelines or a model law as the subject ("The APEC guidelines
                     # recommend that customs be given ...", "The Model Law on Customs gives officials ...")
                     r"|\b(?:guidelines?|model\s+(?:law|legislation|provisions?)|best\s+practices?)\s+(?:\w+\s+){0,3}?"
                     r"(?:recommend\w*|gives?|provides?|grants?|calls?\s+for|requires?|allows?|urges?|suggests?|envisag\w*)\b", re.I)
# ... unless the country's own law is said to meet it ("amended its law to comply with TRIPS, allowing customs ...")
_COMPLIES = re.compile(r"\b(?:implement\w*|compl(?:y|ies|ied|iance)|conform\w*|in\s+line\s+with|accordance|consistent)\b", re.I)
_MUST = re.compile(r"\b(?:must|shall|(?:is|are)\s+(?:required|obliged|obligated)\s+to)\b", re.I)


# ---------------------------------------------------------------- the rules as data

# every agent word, for the gates only: a fact needs one in its sentence unless an offence, pronoun,
# self-help or practice statement brings its own agent
_AGENT = re.compile("|".join(rx.pattern for rx in (_CUSTOMS, _POLICE, _POLICE_WEAK, _GENERIC)), re.I)
_AGENCY = re.compile(_CUSTOMS.pattern + "|" + _POLICE.pattern, re.I)     # customs or police named

_RULES = {
    "exo": _EXO, "on_own": _ON_OWN, "agent": _AGENT, "agency": _AGENCY, "customs": _CUSTOMS, "police": _POLICE, "police_weak": _POLICE_WEAK,
    "generic": _GENERIC, "enforcing": _ENFORCING, "ipr_party": _IPR_PARTY, "pending": _PENDING,
    "pending_strong": _PENDING_STRONG, "lacks": _LACKS, "has": _HAS, "acts_exo": _ACTS_EXO, "power": _POWER, "lacks_strong": _LACKS_STRONG,
    "split": _SPLIT, "scope": _SCOPE, "enacted": _ENACTED, "not_yet": _NOT_YET, "advice": _ADVICE,
    "continue_to_lack": _CONTINUE_TO_LACK, "bill": _BILL, "bill_named": _BILL_NAMED, "back_reference": _BACK_REFERENCE,
    "implicit_police": _IMPLICIT_POLICE, "implicit_customs": _IMPLICIT_CUSTOMS, "customs_authority": _CUSTOMS_AUTHORITY,
    "customs_allowed": _CUSTOMS_ALLOWED, "pronoun": _PRONOUN, "list_item": _LIST_ITEM, "advice_lead": _ADVICE_LEAD,
    "holds_it": _HOLDS_IT, "pair": _PAIR, "wish": _WISH, "unused": _UNUSED, "uses_power": _USES_POWER, "granted_not_yet": _GRANTED_NOT_YET, "rejected": _REJECTED,
    "counterfactual": _COUNTERFACTUAL, "law_allows": _LAW_ALLOWS, "rare": _RARE, "new_law": _NEW_LAW, "no_initiative": _NO_INITIATIVE,
    **{name: re.compile(form, re.I) for name, (form, _, _) in _SELF_HELP_FORMS.items()}, "relies": _RELIES, "removed": _REMOVED, "proposed_bill": _PROPOSED_BILL, "need": _NEED, "needed": _NEEDED, "need_customs": _NEED_CUSTOMS, "needed_customs": _NEEDED_CUSTOMS, "need_court": _NEED_COURT, "driven": _DRIVEN,
    "responds": _RESPONDS, "free": _FREE, "free_customs": _FREE_CUSTOMS, "need_not": _NEED_NOT, "on_request": _ON_REQUEST, "habit": _HABIT,
    "former": _FORMER, "lacked_until": _LACKED_UNTIL, "negated": _NEGATED, "action": _ACTION, "holder": _HOLDER,
    "seldom": _SELDOM, "beyond": _BEYOND, "bond": _BOND, "customs_cue": _CUSTOMS_CUE, "pronoun_subject": _PRONOUN_SUBJECT,
    "seeking": _SEEKING, "policy_ended": _POLICY_ENDED, "means": _MEANS, "means_lack": _MEANS_LACK, "elsewhere": _ELSEWHERE, "treaty": _TREATY, "complies": _COMPLIES, "must": _MUST,
    "offence": _OFFENCE, "offence_office": _OFFENCE_OFFICE, "offence_after": _OFFENCE_AFTER, "own_money": _OWN_MONEY, "ipr": _IPR, "offence_not": _OFFENCE_NOT, "doubt": _DOUBT, "question": _QUESTION,
    "means_if": _MEANS_IF, "release": _RELEASE, "damages": _DAMAGES, "intended": _INTENDED, "passage": _PASSAGE, "passage_wanted": _PASSAGE_WANTED, "removed_after": _REMOVED_AFTER, "removed_gap_not": _REMOVED_GAP_NOT,
}
"""Every rule of the module by name (case-insensitive regexes, as written)."""

# Parts of a rule that every match of the rule holds (written in the rule), whose words are gates of the
# rule too. _KEY_ANCHORS: where the rule's own required words are common ones ("enforcement",
# "government"), the part whose words the pipeline looks for instead; _MORE_ANCHORS: further parts
# that make the sentence gate sharper ("customs" and "authority to").
_KEY_ANCHORS = {
    "relies": _RELY_V,
    "need": _ACTOR_NOUN,
    "needed": _ACTOR_NOUN,
    "free": _ACTOR_NOUN,
    "on_own": _THEIR_OWN,
    "responds": _ONLY_RESPOND,
    "implicit_police": r"(?:complaint|application|request|evidence|petition) (?:of|from|by)|complaint|independently|irrespective|objection|wish of|wishes of",
    **{name: key for name, (_, key, _) in _SELF_HELP_FORMS.items()},
    "no_initiative": _INITIATED,
    "beyond": _BEYOND_BY,
    "bond": _BOND_N,
}
_MORE_ANCHORS = {
    "removed": (_REMOVED_V,),
    "relies": (r"evidence|proof|information|complaint|cases|leads|infring|counterfeit|pira|violation",),
    "need": (_NEED_VERB,),
    "offence": (_OFFENCE_KIND,),
    "implicit_police": (r"holder|owner|compan|victim|injured|party|independently|irrespective",),
    "need_customs": (rf"\b(?:{_REQUEST_N})\b", _NEED_VERB),
    "needed_customs": (rf"\b(?:{_REQUEST_N})\b",),
    "free_customs": (_CUSTOMS_NOUN,),
    "implicit_customs": (r"\b(?:can|may|could|able|participat\w*|involve\w*|role|only)\b",),
    "customs_authority": (r"(?:authority|power|right)s?\s+to",),
    "customs_allowed": (r"allow|authori[sz]|empower|permit|enabl|entitl",),
    "need_court": (_COURT_N,),
    "free": (_FREE_WORD,),
    **{name: more for name, (_, _, more) in _SELF_HELP_FORMS.items() if more},
    "bond": (r"\bbefore\b",),
}


@lru_cache(maxsize=None)
def _parsed(pattern: str, flags: int):
    """The parse tree of a regex (re._parser), shared by the derivations below."""
    from re import _parser as sre_parse
    return sre_parse.parse(pattern, flags).data


_MAYBE_FINITE = re.compile(r"^(?:[^\\.*+{\[]|\\b|\[[^\]^]*\])*$")   # no class escape, dot, long repeat or [^...]


def _finite_strings(rx: re.Pattern, limit: int = 400) -> frozenset[str] | None:
    """Every string the regex can match, lower-cased, where they are few (a phrase list such as
    "request of|request from"); None where a match may hold a class of characters (\\s, \\w) or a
    long repetition."""
    from re import _constants as c

    if not _MAYBE_FINITE.match(rx.pattern):
        return None

    def strings(items) -> set[str] | None:
        out = {""}
        for op, av in items:
            if op is c.LITERAL:
                alts = {chr(av).lower()}
            elif op is c.AT:
                continue        # a word boundary matches no character
            elif op is c.IN and all(o is c.LITERAL for o, _ in av):
                alts = {chr(a).lower() for _, a in av}
            elif op is c.SUBPATTERN:
                alts = strings(av[-1].data)
            elif op is c.BRANCH:
                parts = [strings(alt.data) for alt in av[1]]
                alts = None if None in parts else set().union(*parts)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 1:
                inner = strings(av[2].data)
                alts = None if inner is None else inner | ({""} if av[0] == 0 else set())
            else:
                return None
            if alts is None or len(out) * len(alts) > limit:
                return None
            out = {a + b for a in out for b in alts}
        return out

    try:
        found = strings(_parsed(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no phrases
        return None
    return frozenset(found) if found and all(found) else None


class _Written(NamedTuple):
    """A regex as written, for the derivations that read only its text and flags (no compiling)."""
    pattern: str
    flags: int


@lru_cache(maxsize=None)
def _pattern_words(pattern: str, flags: int) -> tuple[str, ...] | None:
    part = _Written(pattern, flags)
    words = _finite_strings(part) or required_words(part)
    return tuple(sorted(words)) if words else None


def _part_words(part: re.Pattern) -> tuple[str, ...] | None:
    """Words or phrases one of which occurs in every match of the regex: its few strings where it has
    few (phrases with their spaces), else fastmatch.required_words."""
    return _pattern_words(part.pattern, part.flags)


def _gate_sets(name: str, rx: re.Pattern) -> tuple[tuple[str, ...], ...]:
    """The word sets of a rule: in every match, one word of each set occurs (required_words of the
    rule, and the words or phrases of each of its anchors; an empty tuple: no gate, the rule runs on
    every clause)."""
    sets = []
    anchors = ((_KEY_ANCHORS[name],) if name in _KEY_ANCHORS else ()) + _MORE_ANCHORS.get(name, ())
    for part in (rx, *(_Written(a, re.I) for a in anchors)):
        words = _part_words(part)
        if words and words not in sets:
            sets.append(words)
    return tuple(sets)


class _Gates(dict):
    """name -> word sets, one word of each of which occurs in every match of the rule. Derived from the
    regex and its anchors (never written by hand), on first use."""

    def __missing__(self, name: str) -> tuple[tuple[str, ...], ...]:
        sets = self[name] = _gate_sets(name, _RULES[name])
        return sets


_GATES = _Gates()

_PATHS = {
    "exo": ("exo", "agent"),
    "on_own": ("on_own", "agency"),
    "need": ("need", "agent"),
    "relies": ("relies", "agent"),
    "removed": ("removed", "agent"),
    "needed": ("needed", "agent"),
    "need_court": ("customs", "need_court"),
    "driven": ("driven", "agent"),
    "responds": ("responds", "agent"),
    "need_customs": ("customs", "need_customs"),
    "needed_customs": ("customs", "needed_customs"),
    "free": ("free", "agent"),
    "free_customs": ("customs", "free_customs"),
    "offence": ("offence", "ipr"),
    "implicit_police": ("implicit_police", "agent"),
    "implicit_customs": ("customs", "implicit_customs"),
    "customs_authority": ("customs", "customs_authority"),
    "customs_allowed": ("customs", "customs_allowed", "ipr"),
    **{name: (name,) for name in _SELF_HELP_RULES},
    "practice": ("no_initiative",),
    "beyond": ("beyond", "agent"),
    "bond": ("bond", "customs_cue"),
}
"""The ways a sentence can give a fact, each with the rules that all match in such a sentence (an
agent word and a statement of the power, or a statement that brings its own agent). The first rule
of each path is its anchor: the pipeline's KEYWORDS are the anchors' gate words."""
# every path read with a named agent is read with a pronoun standing for the agency of the sentence before
_PATHS.update({f"{k}_pronoun": (*rules[:-1], "pronoun_subject") for k, rules in list(_PATHS.items()) if rules[-1] == "agent"})


def _gate_any(words, low: str) -> bool:
    """Whether one of the words occurs in the gate form `low`."""
    for w in words:
        if w in low:
            return True
    return False


def _open(name: str, low: str) -> bool:
    """Whether rule `name` may match a text whose gate form is `low`: one word of each of its gate sets is there."""
    for words in _GATES[name]:
        if not _gate_any(words, low):
            return False
    return True


def _open_path(rules, low: str) -> bool:
    """Whether every rule of a path may match in a text whose gate form is `low`."""
    for name in rules:
        if not _open(name, low):
            return False
    return True


_PATH_RULES = tuple(_PATHS.values())

def _word_automaton(words: dict[str, int]):
    """Aho-Corasick automaton (it reports overlapping words too): word -> bits; None without pyahocorasick."""
    try:
        import ahocorasick
    except ImportError:
        return None
    auto = ahocorasick.Automaton()
    for w, b in words.items():
        auto.add_word(w, b)
    auto.make_automaton()
    return auto


def _some_path(R, subject: str, bits: int, found: dict) -> bool:
    """Whether all the rules of some path match in the sentence (`bits`: its gate bits)."""
    for need, rules in _PATH_MASKS:
        if bits & need == need and _path_found(R, rules, subject, found):
            return True
    return False


def _path_found(R, rules, subject: str, found: dict) -> bool:
    """Whether every rule of a path matches in the sentence (remembered for the other paths). The
    sentence holds the path's anchor words; each rule is tried at its start stems."""
    for name in rules:
        hit = found.get(name)
        if hit is None:
            hit = found[name] = getattr(R, name).search(subject) is not None
        if not hit:
            return False
    return True


def _gate_bits(low: str) -> int:
    """The bits of the gate sets (of the path rules) one of whose words occurs in the gate form `low`."""
    bits = 0
    if _AUTOMATON is not None:
        for _, b in _AUTOMATON.iter(low):
            bits |= b
        return bits
    for w, b in _WORD_BITS.items():
        if w in low:
            bits |= b
    return bits


def _look_arounds(rx: re.Pattern) -> bool:
    """Whether the regex holds a look-ahead or look-behind (which could see past a clause's end)."""
    from re import _constants as c

    def walk(items) -> bool:
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT):
                return True
            if op is c.SUBPATTERN and walk(av[-1].data):
                return True
            if op is c.BRANCH and any(walk(alt.data) for alt in av[1]):
                return True
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and walk(av[2].data):
                return True
        return False
    return walk(_parsed(rx.pattern, rx.flags))


# A rule of a path is searched in the whole sentence before any clause is read; without look-arounds
# (and with \b only at word edges, which a clause's ends keep) a match in a clause is a match there
# (tests/test_extract_nte_exo.py checks every path rule has none).
_CONDITION_RULES = (*_NEED_RULES, *_FREE_RULES, "on_request")


def _keyword_set(name: str) -> tuple[str, ...]:
    """The gate words a path's anchor rule gives the pipeline: its first anchor's, else its own."""
    rx = _Written(_KEY_ANCHORS[name], re.I) if name in _KEY_ANCHORS else _RULES[name]
    words = _part_words(rx)
    if not words:
        raise ValueError(f"exofficio: the anchor rule {name!r} has no gate words (it would need every sentence)")
    return words


_ANCHOR_PATHS: dict[str, int] = {}
for _i, _rules in enumerate(_PATH_RULES):
    for _w in _keyword_set(_rules[0]):
        _ANCHOR_PATHS[_w] = _ANCHOR_PATHS.get(_w, 0) | 1 << _i
# One bit for each gate set of each path rule: a path may be open where all of its bits are present.
# The agent and IPR words are in nearly every sentence of an IPR text: those two rules are only searched.
_CONTEXT_RULES = ("agent", "ipr", "pronoun_subject")
_SET_BIT: dict[tuple, int] = {}
for _rules in _PATH_RULES:
    for _name in _rules:
        for _words in () if _name in _CONTEXT_RULES else _GATES[_name]:
            _SET_BIT.setdefault(_words, 1 << len(_SET_BIT))
_WORD_BITS: dict[str, int] = {}
for _words, _bit in _SET_BIT.items():
    for _w in _words:
        _WORD_BITS[_w] = _WORD_BITS.get(_w, 0) | _bit
_PATH_MASKS = tuple((sum({_SET_BIT[w] for n in rules if n not in _CONTEXT_RULES for w in _GATES[n]}), rules)
                    for rules in _PATH_RULES)
_ON_OWN_MASK = _PATH_MASKS[list(_PATHS).index("on_own")][0]
_AUTOMATON = _word_automaton(_WORD_BITS)
# (a phrase holding another keyword, "complaint by" beside "complaint", adds nothing to the prefilter)
KEYWORDS = tuple(sorted(k for k in _ANCHOR_PATHS if not any(o != k and o in k for o in _ANCHOR_PATHS)))
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches): the gate words of the
paths' anchors, one of which is in every sentence that gives a fact."""


def _few_stems(rx: re.Pattern) -> frozenset[str] | None:
    """The stems one of which starts every match (fastmatch.literal_stems), where they are few and
    long enough to beat a search (else None: the rule is searched)."""
    stems = literal_stems(rx)
    return stems if stems and len(stems) <= 40 and min(map(len, stems)) >= 3 else None


_LONG = 150     # characters: on a shorter clause one search beats looking for every stem


class _AtStems:
    """A lowered rule tried only where one of its start stems occurs (on lower-cased ASCII text the
    same matches as the regex's own search and finditer, found without trying every position)."""
    __slots__ = ("rx", "stems", "match")

    def __init__(self, rx: re.Pattern, stems: frozenset[str]):
        self.rx, self.stems, self.match = rx, tuple(sorted(stems)), rx.match

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        if pos or endpos is not None or len(text) < _LONG:
            return self.rx.search(text, pos, len(text) if endpos is None else endpos)
        match = self.match
        for p in stem_starts(text, self.stems):
            m = match(text, p)
            if m is not None:
                return m
        return None

    def finditer(self, text: str):
        if len(text) < _LONG:
            return self.rx.finditer(text)
        return iter(finditer_at(self.rx, text, stem_starts(text, self.stems)))


class _Lowered:
    """The rules lowered for lower-cased ASCII text (fastmatch.lowered_pattern) and tried at their
    start stems where they have few (unless `stems` is False); each compiled on first use."""

    def __init__(self, stems: bool = True):
        self._stems = stems

    def __getattr__(self, name: str):
        rx = _RULES[name]
        low = re.compile(lowered_pattern(rx.pattern), rx.flags & ~re.I)
        stems = _few_stems(rx) if self._stems else None
        rule = _AtStems(low, stems) if stems else low
        setattr(self, name, rule)
        return rule


class _AsWritten:
    """The rules as written (case-insensitive), for text that is not ASCII."""

    def __getattr__(self, name: str) -> re.Pattern:
        return _RULES[name]


_RULES_AS_WRITTEN = _AsWritten()
_RULES_LOW = _Lowered()
