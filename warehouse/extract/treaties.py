"""Treaty facts: which agreement, and its state for the country (member, joined, ratified, signed,
announced, pending, not_member), with the partner country when it is not the document's."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import ahocorasick

from .common import Sentence, fact, qual
from .fastmatch import literal_stems, lowered_pattern, required_words, top_alternatives
from .numbers import years_in
from .words import MODALS, alt
from ..countries import trie_pattern


class _StemGate:
    """A gate of literal stems derived from a rule (each match of the rule holds one), looked up in
    lower-cased text with an Aho-Corasick automaton."""

    def __init__(self, stems):
        self.stems = frozenset(stems)
        self.longest = max(map(len, self.stems))
        self.auto = ahocorasick.Automaton()
        for stem in self.stems:
            self.auto.add_word(stem, len(stem))
        self.auto.make_automaton()

    def find(self, low: str, a: int = 0, b: int | None = None) -> int:
        """A position in low[a:b] at or before the start of every stem there (-1: no stem): the first
        occurrence reported ends first, so none starts before its end less the longest stem."""
        for end, _ in self.auto.iter(low, a, len(low) if b is None else b):
            return max(a, end + 1 - self.longest)
        return -1

    def search(self, low: str, a: int = 0, b: int | None = None) -> bool:
        """Whether a stem occurs in low[a:b]."""
        for _ in self.auto.iter(low, a, len(low) if b is None else b):
            return True
        return False


_NOT_MEMBER = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:become\s+|been\s+)?(?:a\s+)?(?:member|party|parties|signator\w*)\b"
    r"|\b(?:has|have|had|did)\s*(?:not|n't),?\s+(?:(?:yet|however|still|so\s+far|as\s+yet|thus\s+far|also|formally|officially),?\s+)?(?:ratified|joined|acceded|adhered|signed)\b"
    r"|\b(?:does|do|did)\s+not\s+(?:yet\s+)?belong\s+to\b|\b(?:doesn|don|didn)['\u2019]t\s+(?:yet\s+)?belong\s+to\b"
    r"|\b(?:does|do|did)\s+not\s+(?:currently\s+)?(?:intend|plan|expect|wish|want)\s+to\s+(?:ratify|join|accede|adhere|sign|become)"
    r"|\brequir(?:e|es|ed|ing)\s+(?:that\s+)?(?:[\w'\u2019.-]+\s+){1,4}?(?:to\s+)?(?:ratify|join|accede|adhere|become\s+an?\s+(?:party|member))\b"
    r"|\bfailure\s+to\s+(?:ratify|join|accede|adhere)\b"
    r"|\b(?:urg\w+|encourag\w+|press\w*|call\w*\s+on)\s+(?:\w+\s+){0,4}?to\s+(?:proceed\s+with|complete)\s+(?:\w+\s+){0,2}?accession\b"
    r"|\Anot\s+(?:the|a|an|to)\b"   # '... but not the Paris Convention' (a clause of its own)
    r"|\bwould\s+like\s+to\s+see\s+(?:[\w'\u2019.-]+\s+){1,4}?(?:ratify|join|accede|adhere|sign|become\s+an?\s+(?:party|member))"
    r"|\b(?:united\s+states|u\.s\.|ustr|iipa|we)\s+(?:government\s+)?(?:\w+\s+){0,2}?(?:hopes?|wants?|would\s+like|wish\w*|looks?\s+forward\s+to)\b[^.;]{0,160}?\b(?:ratify|join|accede|adhere|become\s+an?\s+(?:party|member))"
    r"|\bneither\s+(?:signed|ratified|joined|acceded)\b"
    r"|\bno\s+(?:current\s+)?plans?\s+to\s+(?:ratify|join|accede|adhere)"
    r"|\bnot\s+(?:currently\s+)?(?:have\s+)?(?:any\s+)?plans?\s+to\s+(?:ratify|join|accede|adhere)"
    r"|\b(?:needs?|must|should|has\s+to|have\s+to|ought\s+to|obligated|obliged)\s+(?:also\s+)?(?:to\s+)?"
    r"(?:(?:also|first|still|quickly|promptly|formally|fully|then|now|begin)\s+)?"
    r"(?:(?:enact|pass|adopt|introduce)\s+(?:\w+\s+)?(?:legislation|laws?|bills?)\s+to\s+)?(?:adher\w*|join|accede|ratify|sign)\b"
    r"|\bnot\s+(?:yet\s+)?(?:fully\s+)?(?:introduced|submitted|sent|presented|enacted|passed)\s+(?:\w+\s+){0,3}?(?:legislation|bills?|laws?)"
    r"\s+(?:(?:necessary|needed|required)\s+)?(?:that\s+would|to)\s+(?:(?:enable|allow|permit)\s+(?:[\w'\u2019-]+\s+){1,2}?to\s+)?(?:ratify|accede|join)"
    r"|\b(?:has|have|had)\s+yet\s+to\s+(?:ratify|join|accede|sign|adhere)"
    r"|\b(?:urg\w+|press\w*|push\w*|encourag\w+|call\w*\s+(?:on|for)|lobb\w+|ask\w*)\s+(?:\w+\s+){0,6}?to\s+(?:ratify|join|accede|sign|adhere|become\s+an?\s+(?:party|member))"
    r"|\b(?:urg\w+|press\w*|encourag\w+|call\w*\s+(?:on|for)|ask\w*)\s+(?:\w+\s+){0,4}?to\s+[^.;]{0,150}?\band\s+to\s+(?:ratify|join|accede|sign|adhere)"
    r"|\brecommend\w*\s+that\s+(?:\w+\s+){1,3}?(?:ratify|join|accede|sign|adhere|become\s+an?\s+(?:party|member))\b"
    r"|\bnon[\s-]?(?:member|signator\w*|party)\b|\brefus\w+\s+to\s+(?:ratify|join|sign)"
    r"|\bnever\s+(?:been\s+)?(?:a\s+)?(?:member|party|signator\w*)\b|\bnever\s+(?:ratified|joined|acceded|signed)\b"
    r"|\b(?:remain\w*|stay\w*|economies|countries|nations)\s+(?:\w+\s+)?outside\b", re.I)
_PENDING = re.compile(
    r"\bpending\b|\bnot\s+yet\s+(?:in\s+force|(?:been\s+)?(?:implemented|ratified|approved))|\bupcoming\b"
    r"|\b(?:has|have|had|did|does)\s*(?:not|n't)\s+(?:yet\s+)?(?:entered|enter|come|came|taken|take)\s+(?:into\s+force|effect)"
    r"|\b(?:expect\w*|plan\w*|intend\w*|seek\w*|hop\w*|aim\w*|work\w*\s+(?:to|toward\w*)|prepar\w*)\s+(?:to\s+)?(?:the\s+)?(?:ratif|join|accede|accession|implement|enter|sign)"
    r"|\b(?:ratification|accession|implementation|approval|entry\s+into\s+force)\s+(?:is\s+|are\s+)?(?:expected|planned|scheduled|likely|pending)"
    r"|\b(?:planned|expected|scheduled|proposed|eventual|future)\s+(?:\w+\s+)?(?:implementation|ratification|accession|entry)"
    r"|\baccession\s+(?:talks|process|negotiations|bid|package|commitments)|\bbid\s+to\s+(?:join|accede)"
    r"|\b(?:complete|completing|conclude|concluding)\s+(?:its\s+|their\s+)?(?:\w+\s+)?accession"
    r"|\brequirement\s+for\s+(?:\w+\W+){0,3}accession|\baccession\s+to\s+the\s+WTO|\bjoining\s+the\b"
    r"|\b(?:will|would|may|might)\s+(?:soon\s+)?(?:join|accede|ratify|enter\s+into\s+force|come\s+into\s+force|be\s+(?:ratified|implemented))"
    r"|\bbefore\s+(?:the\s+)?(?:parliament|congress|legislature|assembly|duma|senate)\b|\bunder\s+consideration\b"
    r"|\bawait\w*\s+(?:ratification|approval|accession)|\bprocess\s+of\s+(?:accession|acceding|ratif\w*|joining)"
    r"|\bconsider\w*\s+(?:the\s+|whether\s+to\s+)?(?:ratification|accession|joining|acceding|join|accede|ratify)\b"
    r"|\b(?:joined|entered|launched)\s+(?:the\s+)?(?:\w+\s+){0,3}?negotiations\b"
    r"|\b(?:is|are|was|were|been)\s+(?:currently\s+|still\s+)?negotiating\b"
    r"|\b(?:if|once|when|until|unless)\s+(?:[\w.'\u2019-]+\s+){0,3}?(?:joins|accedes|ratifies|becomes\s+(?:a\s+|an\s+)?(?:member|party))"
    r"|\bprepar\w*\s+for\s+(?:the\s+|its\s+)?(?:(?-i:[A-Z]{2,})\s+)?(?:entry|accession|ratification|implementation|joining)\b"
    r"|\b(?:facilitat\w+|advanc\w+|expedit\w+)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?(?:accession|ratification)\b"
    r"|\b(?:initiat\w*|begin|began|start\w*|launch\w*)\s+(?:the\s+)?(?:procedures?|process(?:es)?|steps)\s+(?:to|for)\s+"
    r"(?:sign|ratif|join|accede|accession)"
    r"|\b(?:agreed|agrees|agree)\s+to\s+(?:sign|ratify|join|accede|adhere|become\s+an?\s+(?:party|member))"
    r"|\benabl\w+\s+(?:its\s+|the\s+)?(?:accession|ratification|adherence)\b|\befforts?\s+to\s+(?:join|accede|ratify)"
    r"|\b(?:mov\w+|progress\w*)\s+(?:forward\s+)?(?:on|with|towards?)\s+(?:its\s+|the\s+)?(?:accession|ratification)\b"
    r"|\b(?:submit\w*|sen[dt]\w*|present\w*|forward\w*|transmit\w*|refer\w*)\b[^.;]{0,80}?\bfor\s+(?:its\s+|their\s+)?(?:ratification|approval)\b"
    r"|\b(?:promot\w+|seek\w*|support\w*|advocat\w+)\s+(?:the\s+|its\s+)?(?:ratification|accession)\b"
    r"|\blegislation(?<!enacted\slegislation)(?<!adopted\slegislation)(?<!passed\slegislation)(?<!approved\slegislation)"
    r"\s+to\s+(?:ratify|accede\s+to|join)\b"
    r"|\bconsideration(?<=for\sconsideration)\b|\bconsideration(?<=for\sits\sconsideration)\b"
    r"|\bupon\s+(?:the\s+|its\s+)?(?:completion|conclusion)\s+of\s+(?:its\s+|the\s+)?(?:[\w-]+\s+)?accession\b[^.;]{0,60}?\b(?:would|will)\b"
    r"|\b(?:determin|decid)\w*\s+whether\s+to\s+(?:join|accede|ratify)"
    r"|\bappl(?:y|ies|ied|ying)\s+for\s+(?:\w+\s+){0,2}?(?:membership|accession)\b"
    r"|\b(?:has|have|is|are)\s+(?:now\s+|already\s+|also\s+)?(?:taken|taking)\s+(?:\w+\s+){0,2}?steps\s+(?:to|towards?)\s+(?:join|accede|accession|ratif|becom|sign)"
    r"|\b(?:accession|ratification|adherence)\b[^.;]{0,80}?\bbeing\s+(?:drafted|prepared|processed|finali[sz]ed|considered|reviewed)\b"
    r"|\bentry\s+into\s+force\s+(?:of\s+)?(?:(?:the|this|that|its|their)\s+)?(?:(?!(?:the|an?|in|on|at|for|since|by|and|with|after|before)\s)[\w.'\u2019-]+\s+){0,4}?" + alt(MODALS) + r"(?!\s+not\b)", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:whether|if|unless|until|once)\b|\bwhen\s+(?:ratified|approved|implemented|in\s+force)\b", re.I)
_ANNOUNCED = re.compile(r"\bannounce\w*\s+(?:\w+\s+){0,4}?(?:to\s+|that\s+.{0,40}?)?(?:join|accede|ratify|accession)"
                        r"|\b(?:made\s+(?:a|the|its)\s+(?:\w+\s+)?decision|decided)\s+to\s+(?:join|accede\s+to|ratify)\b", re.I)
_SIGNED = re.compile(r"\bsigned\b|\bsignator(?:y|ies)\b|\bsignature\b"
                     r"|\bsigning\s+of\b(?=[^.;]{0,80}?\b(?:in|on)\s+(?:[A-Za-z]+\s+)?(?:\d{1,2}\s+)?(?:19|20)\d\d\b)", re.I)
"""'signed', 'signatory', 'signature'; 'the signing of X' only with the date it took place ('in October 2011')."""
_RATIFIED = re.compile(r"\bratified\b|\bratifies\b|\bapproved\b"
                       r"|\b(?:enacted|adopted|passed|approved)\s+(?:\w+\s+){0,2}?(?:legislation|laws?|bills?)\s+(?:\w+\s+){0,3}?to\s+ratify\b"
                       r"|\bratification\s+by\s+(?:\w+\s+){1,3}?of\b|\Aratification\s+of\b"
                       r"|\b(?:first|last)\s+(?:\w+\s+)?(?:countr(?:y|ies)|nations?|economies|states)\s+to\s+ratify\b|\bbecame\s+the\s+(?:\w+\s+){1,2}?(?:country|nation|state|economy)\s+to\s+ratify\b|\b(?:completed|concluded|finali[sz]ed)\s+(?:its\s+|the\s+)?ratification", re.I)
_JOINED = re.compile(
    r"\bacceded\b|\bjoined\b|\badhered\s+to\b"
    r"|\b(?:first|last)\s+(?:\w+\s+)?(?:countr(?:y|ies)|nations?|economies|states)\s+to\s+(?:join|accede)\b|\bbec(?:a|o)me\s+bound\s+(?:by|to)\b|\bbecame\s+(?:(?:a|an|the)\s+)?(?:\d+(?:st|nd|rd|th)\s+|full\s+|official\s+|contracting\s+)?(?:member|party|signatory)|\b(?:entered|came|brought|bring|enter)\s+into\s+force"
    r"|\bentry\s+into\s+force|\bEIF\b|\bin\s+force\s+(?:since|as\s+of)|\baccession\s+(?:in|on)\b|\binstruments?\s+of\s+(?:accession|ratification)"
    r"|\btook\s+effect\b|\b(?:completed|concluded|finali[sz]ed)\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+)?accession\b"
    r"|\bcompletion\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+(?:'s|\u2019s)?\s+)?accession\b"
    r"|\b(?:adopt(?:ed|ing)|implemented)\s+(?:the\s+|its\s+)?(?:\d{4}\s+)?(?:(?:(?-i:[A-Z])[\w-]*|agreement|treaty|convention)\b)", re.I)
_MEMBER = re.compile(
    r"\bmember(?:ship)?\b(?!\s+(?:states|countries|economies|governments))|\bmembers\s+of\b|\badheres\s+to\b|\bparty\s+to\b|\bparties\s+to\b|\bobligations?\s+under\b|\bcommitments?\s+under\b|\bunder\s+(?:the|its|their)\s+(?:\w+\s+)?(?:FTA|free\s+trade)"
    r"|\bbelongs?\s+to\b|\bwhich(?<=to\swhich)\s+(?:[\w'\u2019.-]+\s+){1,3}?(?:is|are|was|has\s+been|have\s+been)\s+(?:a\s+)?(?:party|parties|member)\b|\bcomply\s+with\b|\bcompl(?:iant|iance)\s+with\b|\b(?:their|its|our)\s+(?:\w+\s+)?FTA|\bin\s+force\s+(?:in|for)\b|\bas\s+required\s+by\b|\bsignatory\s+to", re.I)
# A clause ends at ';', '. ', a comma before 'while'/'whereas'/'but' or 'a party to', and a conjunction before a new
# subject (a pronoun, 'the agreement', a negated auxiliary) or before a second treaty act sharing
# the subject ('signed the FTA in 2006 and ratified it in 2007', '..., and plans to join the WPPT');
# a comma also ends one before 'which entered into force ...' and '..., has signed the WCT'.
_ACT = (r"(?:(?:then|later|subsequently|finally|also)\s+)?(?:(?:has|have|had)\s+(?:also\s+)?)?"
        r"(?:entered|came|went|took|signed|ratified|joined|acceded|approved|became|plans?\s+to|intends?\s+to)\b")
# '... and is a member of the WTO', '... and is preparing to join the WPPT': a second act of the subject
_SECOND = (r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been|becomes|remains?)\s+(?:also\s+|now\s+|already\s+)?"
           r"(?:(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:member|party|signatory|parties|members)\b"
           r"|(?:currently\s+)?(?:preparing|planning|expected|considering|seeking|working|taking|in\s+the\s+process)\b)")
_CONJ = (r"(?:a(?:nd|lthough)|but(?<!signed\sbut)(?<!signed,\sbut)|wh(?:ile|ereas)|though)\s+(?=(?:we|it|they|he|she|post)\b"
         r"|not\s+(?:the|a|an|to)\b|(?<=but\s)(?:has|have|had|is|are|was|were)\s"
         r"|(?<=and\s)(?<!accession\sand\s)(?<!signature\sand\s)(?<!signing\sand\s)(?<!instruments\sand\s)"
         r"(?:ratification|signing|signature|accession)\s+(?:of|to)\b"
         r"|(?:has|have|had|did|does|do|is|are|was|were)\s+(?:not|yet|never)\b"
         r"|the\s+(?:agreement|treaty|convention|accord)\b(?!\s+(?:relating|concerning|on|for|establishing|among)\b)|(?:has|have|had)\s+(?:also\s+)?\w+(?:ed|en)\b|" + _ACT + "|" + _SECOND + ")")
_COMMA = (r"(?:wh(?:ile|ereas)\s+|but(?<!signed,\sbut)\s+(?!not\b|never\b|yet\b|also\b)|(?=(?:and\s+)?an?\s+(?:full\s+|contracting\s+)?(?:member|party|signatory)\b|which\s+(?:(?:then|later|subsequently)\s+)?(?:entered|came|went|took|was|were"
          r"|has\s+been|had\s+been|will)\b|(?:has|have)\s+(?:also\s+)?(?:signed|ratified|joined|acceded)\b))")
# Without its comma (NTE text), '... which entered into force ...' is a clause of its own too; and a
# clause ends before '(will) require (that) ...': what requires is not what is to be joined.
_WHICH = r"which\s+(?=(?:(?:then|later|subsequently)\s+)?(?:entered|came|went|took)\s)"
_REQUIRE = r"(?=requir(?:e|es|ed)\s+(?!by\b)|call(?:s|ed)?\s+for\s)"
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+" + _COMMA + r"|,?\s+" + _CONJ + r"|\s+" + _WHICH + r"|\s+" + _REQUIRE + r"|\.\s+",
                           re.I)
# The same splits on the lower-cased text of an ASCII sentence, about twice as fast: led by its
# first character (one of ;,.\s, so the engine skips ahead) and without case folding.
_CLAUSE_SPLIT_LOW = re.compile(r"[;,.\s](?:(?<=;)\s+|(?<=,)\s+" + _COMMA + r"|(?<=,)\s+" + _CONJ
                               + r"|(?<=\s)\s*(?:" + _CONJ + r"|" + _WHICH + r"|" + _REQUIRE + r")"
                               + r"|(?<=\.)\s+)")
# A clause naming no treaty that carries on the previous clause's: '...; it entered into force in
# 2009', '..., which was ratified in 2007', '... and ratified it in 2002', '... and approved by
# Congress in 2007'; at the start of a sentence, 'It entered into force ...' takes the last treaty
# of the previous sentence.
_CARRIES = re.compile(
    r"\s*(?:(?:it|which|this)\s+)?(?:(?:then|later|subsequently|finally|also|only)\s+)?"
    r"(?:(?:entered|enters|came|comes|went|will\s+(?:enter|come|go))\s+into\s+(?:force|effect)|t(?:ook|akes)\s+effect"
    r"|(?:was|were|is|has\s+been|had\s+been|will\s+be)\s+(?:\w+\s+)?(?:ratified|approved|implemented)"
    r"|(?:(?:has|have|had)\s+)?(?:ratified|approved|signed|joined|implemented|acceded\s+to)\s+it\b"
    r"|(?:ratified|approved|signed|implemented)\s+(?:by|in|on)\b"
    r"|became\s+(?:(?:a|an)\s+)?(?:full\s+|contracting\s+)?(?:member|party|bound)\b)", re.I)
# A sentence that opens with 'It entered into force ...' names no treaty: it carries on the last
# one of the previous sentence (its act written with single spaces: its start stems are keywords).
# ('will enter into force', 'took effect' are left to sentences that hold another keyword: their
# stems, 'will ...' and '...effect', would send the keyword pass to every 'will' and 'effective')
_LEAD_ACT = (r"(?:(?:entered|enters|came|comes|went) into (?:force|effect)|(?:was|were|has been|had been) ratified"
             r"|became (?:a party|a member|an? (?:full|contracting) (?:party|member)|party|member|bound))")
_LEAD_CARRY = re.compile(r"\s*(?:it|this)\s+(?:(?:then|later|subsequently|finally|also|only)\s+)?" + _LEAD_ACT + r"\b", re.I)
_LAW = re.compile(r"\b(?:laws?|legislation|bills?|decrees?|amendments?|regulations?|reforms?)\b", re.I)
"""What 'it' may be instead of the treaty named before it: a clause naming one of these carries on nothing."""
_OBLIGATIONS = re.compile(r"(?:[\s-]+agreement)?(?:\s+(?:IPR?|intellectual\s+property))?\s+(?:obligations|commitments)\b", re.I)
# Written with single spaces (the texts are cleaned), so that their start stems are exact keywords.
_ANAPHOR = re.compile(r"\b(?:the|this|that) (?:agreement|treaty|convention|accord)\b"
                      r"(?!\s+(?:relating|concerning|on|for|establishing|among)\b)", re.I)
_PLURAL = re.compile(r"\b(?:(?:either|both|the two|these two|those two) (?:treaty|treaties|agreements?|conventions?)"
                     r"|(?:these|those) (?:treaties|conventions))\b", re.I)
_REFERENCE_GATE = _StemGate(literal_stems(_ANAPHOR, spaces=True) | literal_stems(_PLURAL, spaces=True))
"""The start stems of _ANAPHOR and _PLURAL: on the lower-cased text, the first place either may match."""
"""'either treaty', 'both agreements', 'these treaties': the treaties named just before (two for 'either'/'both')."""
_THESE_COUNTRIES = re.compile(r"\b(?:these|those|both|the\s+two)\s+countries\b|\bthey\b", re.I)
_GENERIC_FTA_CONTEXT = re.compile(r"\bFTAA\b|Free\s+Trade\s+Area", re.I)


# (lower-case literal, code, is_acronym): found with str.find, which is far faster than one
# big alternation; acronyms must be upper case and stand alone in the original text.
_LITERALS = [
    ("wipo copyright treaty", "WCT", False), ("organization copyright treaty", "WCT", False), ("(wipo) copyright treaty", "WCT", False), ("wct", "WCT", True),
    ("wipo performances and phonograms treaty", "WPPT", False), ("wipo performance and phonograms treaty", "WPPT", False),
    ("wipo performances and phonogram treaty", "WPPT", False), ("wipo performance and phonogram treaty", "WPPT", False),
    ("wppt", "WPPT", True), ("wipo internet treaties", "WIPO_INTERNET", False), ("wipo internet-related treaties", "WIPO_INTERNET", False), ("two wipo treaties", "WIPO_INTERNET", False),
    ("both wipo treaties", "WIPO_INTERNET", False), ("two wipo internet treaties", "WIPO_INTERNET", False),
    ("wipo treaties on copyright", "WIPO_INTERNET", False), ("(wipo) treaties on copyright", "WIPO_INTERNET", False),
    ("wipo copyright and performances and phonograms treaties", "WIPO_INTERNET", False),
    ("performances and phonograms treaty", "WPPT", False), ("performance and phonograms treaty", "WPPT", False), ("the wipo treaties", "WIPO_INTERNET", False), ("wipo treaties on performance", "WIPO_INTERNET", False),
    ("berne convention", "BERNE", False), ("bern convention", "BERNE", False), ("berne", "BERNE", None),
    ("paris convention", "PARIS", False), ("patent cooperation treaty", "PCT", False),
    ("patent co-operation treaty", "PCT", False), ("pct", "PCT", True),
    ("madrid agreement", "MADRID", False), ("madrid protocol", "MADRID", False), ("madrid system", "MADRID", False),
    ("agreement concerning the international registration of marks", "MADRID", False),
    ("agreement concerning the international registration of trademarks", "MADRID", False),
    # the Madrid Agreement on indications of source is another treaty than the Madrid system of marks
    ("madrid agreement for the repression", None, False), ("madrid agreement on the repression", None, False),
    ("madrid agreement for the elimination", None, False), ("madrid agreement concerning the repression", None, False),
    ("madrid agreement on indications", None, False),
    ("rome convention", "ROME", False), ("geneva phonograms convention", "GENEVA_PHONOGRAMS", False),
    ("geneva phonogram convention", "GENEVA_PHONOGRAMS", False), ("geneva convention for phonograms", "GENEVA_PHONOGRAMS", False),
    ("geneva convention for the protection of producers of phonograms", "GENEVA_PHONOGRAMS", False),
    ("convention for the protection of producers of phonograms", "GENEVA_PHONOGRAMS", False),
    ("phonograms convention", "GENEVA_PHONOGRAMS", False), ("phonogram convention", "GENEVA_PHONOGRAMS", False),
    ("agreement on trade-related aspects of intellectual property", "TRIPS", False),
    ("agreement on trade related aspects of intellectual property", "TRIPS", False), ("trips", "TRIPS", True),
    ("trade-related aspects of intellectual property", "TRIPS", False), ("trade- related aspects of intellectual property", "TRIPS", False),
    ("trade related aspects of intellectual property", "TRIPS", False),
    ("world trade organization", "WTO", False), ("world trade organisation", "WTO", False), ("wto", "WTO", True),
    ("upov", "UPOV", True), ("protection of new varieties of plants", "UPOV", False),
    ("budapest treaty", "BUDAPEST", False), ("beijing treaty", "BEIJING", False),
    ("anti-counterfeiting trade agreement", "ACTA", False), ("anti counterfeiting trade agreement", "ACTA", False),
    ("acta", "ACTA", True), ("free trade agreement", "FTA", False), ("cafta-dr", "FTA", True), ("cafta", "FTA", True),
    ("fta", "FTA", True), ("trade promotion agreement", "FTA", False), ("ptpa", "FTA", True), ("ctpa", "FTA", True), ("tpa", "FTA", True), ("nafta", "FTA", True), ("korus", "FTA", True),
]
_WORDCH = re.compile(r"\w")


_LIT_INFO = {lit: (code, acro) for lit, code, acro in _LITERALS}
_LIT_RE = re.compile(trie_pattern(_LIT_INFO))   # longest literal first at each position


# 'WTO' naming an agreement under the WTO ('the WTO Agreement on Trade-Related Aspects ...', 'the
# WTO TRIPS Agreement', 'the WTO Government Procurement Agreement') is no mention of the WTO itself;
# 'the WTO Agreement' alone is the WTO.
_WTO_AGREEMENT = re.compile(r"(?:\s*\(WTO\))?(?:['\u2019]s)?[\s-]+(?:TRIPS|TRIPs|Trade[\s-]+Related|[Aa]greement\s+on\b"
                            r"|(?:(?:[A-Z][\w-]*|on|of|and|in)\s+){0,4}?[A-Z][\w-]*\s+Agreement\b)")
# Bare city names sharing a plural 'Conventions': 'the Paris (Stockholm text) and Berne (Brussels
# text) Conventions', 'the Berne and Geneva Conventions' (two names at least: a city is no treaty).
_CITY = r"(?:Paris|Berne?|Rome|Geneva|Brussels)(?:\s*\([^()]{1,40}\))?"
_CITY_LIST = re.compile(r"\b" + _CITY + r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s+)" + _CITY + r")+\s+[Cc]onventions\b")
_CITY_NAME = re.compile(r"\b(?:Paris|Berne?|Rome|Geneva|Brussels)\b")
_CITY_CODE = {"Paris": "PARIS", "Berne": "BERNE", "Bern": "BERNE", "Rome": "ROME", "Geneva": "GENEVA_PHONOGRAMS",
              "Brussels": None}


_NOT_US = r"(?!U\.?S\.?(?![\w])|United\b|States\b|America\b)"
_OTHER_FTA = re.compile(r"(?<![\w.-])" + _NOT_US + r"[A-Z][\w.]*-" + _NOT_US + r"[A-Z][\w.]*\s+\Z")
"""Two partners hyphenated before 'FTA', neither the US ('the Australia-Singapore FTA')."""
_SAME_MENTION = re.compile(r"(?:\s+Rights)?(?:\s+Agreement)?\s*\(", re.I)   # '... Intellectual Property Rights (TRIPS)'


def _treaties_in(text: str, low: str | None = None) -> list[tuple[str, int, int]]:
    """Treaty mentions (code, start, end) in order; one regex pass over the lower-cased text."""
    if low is None:
        low = text.lower()
    out: list[tuple[str, int, int]] = []
    for m in _LIT_RE.finditer(low):
        lit = m.group(0)
        code, acro = _LIT_INFO[lit]
        if code is None:   # a name holding a treaty's name that is another treaty
            continue
        i, j = m.start(), m.end()
        if acro is not False:   # acronyms and bare names: whole word, case as written
            before = text[i - 1:i]
            after = text[j:j + 1]
            if (before and (before.isalnum() or before == "-" and lit != "cafta-dr")) or \
                    (after and after.isalnum() and not (lit == "fta" and after == "s")):
                continue
            if acro is True and not text[i:j].replace("-", "").isupper() and text[i:j] != "TRIPs":
                continue
            if acro is None and not text[i].isupper():
                continue
            if lit in ("fta", "cafta") and after == "A":
                continue
        if code == "FTA" and "-" in text[max(0, i - 40):i] and _OTHER_FTA.search(text, max(0, i - 60), i):
            continue   # 'the Australia-Singapore FTA': not an FTA with the US
        if code == "WTO" and _WTO_AGREEMENT.match(text, j):
            continue
        # "(WCT)" right after the full name is the same mention
        if out and out[-1][0] == code and i - out[-1][2] <= 24 and _SAME_MENTION.fullmatch(text, out[-1][2], i):
            continue
        out.append((code, i, j))
    if "onventions" in low:
        for m in _CITY_LIST.finditer(text):
            a, b = m.span()
            bare = re.sub(r"\([^()]*\)", lambda p: " " * len(p.group(0)), m.group(0))
            names = [(_CITY_CODE[n.group(0)], a + n.start(), a + n.end()) for n in _CITY_NAME.finditer(bare)]
            out = [x for x in out if not a <= x[1] < b] + [x for x in names if x[0]]
        out.sort(key=lambda x: x[1])
    return out


# A treaty named in passing or as an obligation gives no status (tests/data/NTE_GOLD.md): after
# 'compliance with', 'required by', 'Article 27 of', 'obligations under' ... (_PASSING_BEFORE, then
# only determiners up to the name), or before '-consistent', ' standards', ' obligations',
# ' Council' ... (_PASSING_AFTER); names listed with one ('compliance with the Berne Convention and
# TRIPS') share it. An FTA with the US is the exception: its obligations are membership (convention 2).
_PASSING_BEFORE = re.compile(
    r"\b(?:(?:compliance|conformity|accordance|accord|line|keeping|harmony|consisten\w*|compatib\w*|conform\w*"
    r"|compl(?:y|ies|ying|iant)|inconsisten\w*|incompatib\w*|odds)\s+with"
    r"|(?:violat\w+|breach\w*|contraven\w+)(?:\s+of)?"
    r"|(?:required|mandated|stipulated|prescribed|permitted|allowed|defined)\s+(?:by|in|under)"
    r"|(?:embodied|contained|set\s+out|set\s+forth|reflected|enshrined|incorporated)\s+in(?:to)?"
    r"|(?:obligat\w+|obliged|required|bound|committed)\s+(?:\w+\s+)?to\s+(?:fully\s+)?(?:implement|meet|comply\s+with|observe|apply)"
    r"|(?:legislation|laws?|bills?|amendments?|regulations?|revisions?)\s+(?:[\w'\u2019-]+\s+){0,4}?to\s+(?:fully\s+)?implement"
    r"|(?:articles?|art\.|paragraphs?|sections?|chapters?|annex)\s+[\w.()]{1,12}(?:\s+(?:and|or|to|through)\s+[\w.()]{1,12})?\s+(?:of|under)"
    r"|(?:obligations?|commitments?|requirements?|standards?|provisions?|rules|norms|disciplines|terms)\s+(?:under|of|in|to)"
    r"|under|pursuant\s+to)\s+", re.I)
_PASSING_GAP = re.compile(r"(?:(?:the|its|their|his|her|our|this|these|all|relevant|applicable|international|WTO|on|of|for"
                          r"|[\w.-]+['\u2019]s|(?-i:[A-Z])[\w-]*|\d{4})\s+)*", re.I)   # 'the Uruguay Round TRIPS', 'the 1996 WCT'
_PASSING_AFTER = re.compile(
    r"(?:\s+rights)?(?:\s*\([^()]{1,60}\))?(?:[\s-]+(?:agreement|convention|treaty|accord))?(?:['\u2019]s)?[\s&-]+"
    r"(?:consisten\w*|complian\w*|compatib\w*|inconsisten\w*|incompatib\w*|plus|minus|level|standards?|requirements?"
    r"|obligations?|commitments?|provisions?|rules?|norms?|articles?|art\.|council|disputes?|panels?|cases?"
    r"|deadlines?|transition\w*|flexibilit\w+|waivers?|minimum|implementation)\b", re.I)
_PASSING_BEFORE_WORDS = required_words(_PASSING_BEFORE)   # gates derived from the rules
_PASSING_BEFORE_GATE = re.compile(trie_pattern(_PASSING_BEFORE_WORDS))
_PASSING_STEMS = literal_stems(_PASSING_BEFORE)   # one of them starts every trigger
_NAME_TAIL = r"(?:\s+(?:for|on|of|concerning)\s+(?:(?:the|of|and|for|on|in|(?-i:[A-Z])[\w'\u2019-]*)\s+)*?(?-i:[A-Z])[\w'\u2019-]*)?"
_LIST_GAP = re.compile(_NAME_TAIL + r"(?:\s+(?:(?:IPR?|intellectual\s+property)\s+)?chapter)?(?:\s*\([^()]{0,80}\))?\s*,?\s*(?:(?:and|or|and/or|nor|as\s+well\s+as)\s+)?(?:the\s+)?(?:WTO\s+)?", re.I)
_PAIR_GAP = re.compile(r"\s+(?:and|or)\s+(?:the\s+)?", re.I)


@lru_cache(maxsize=1)
def _passing_automaton():
    """Aho-Corasick automaton of the start stems of _PASSING_BEFORE."""
    auto = ahocorasick.Automaton()
    for stem in _PASSING_STEMS:
        auto.add_word(stem, len(stem))
    auto.make_automaton()
    return auto


def _passing(text: str, low: str, found: list, aligned: bool | None = None) -> set[int]:
    """Indexes of the mentions in `found` named in passing (never an FTA); `aligned`: _aligned(text, low)."""
    if all(k == "FTA" for k, _, _ in found):
        return set()
    out = set()
    fta = set()   # FTAs after a trigger: never in passing themselves, but names listed after them share it
    auto = _passing_automaton()
    if _aligned(text, low) if aligned is None else aligned:
        # where a trigger may start (its stems, derived from it), up to 90 characters before a name
        starts = sorted(end - n + 1 for end, n in auto.iter(low, max(0, found[0][1] - 90), found[-1][1]))
        check_before = bool(starts)
    else:
        starts = None
        check_before = _PASSING_BEFORE_GATE.search(low) is not None
    for n, (code, x, y) in enumerate(found):
        if code != "FTA" and _PASSING_AFTER.match(text, y):
            out.add(n)
            continue
        if not check_before:
            continue
        w0 = max(0, x - 90)   # a trigger ends in the 90 characters before the name, then only determiners
        if starts is not None:
            hits = (_PASSING_BEFORE.match(text, p) for p in starts if w0 <= p < x)
        elif _PASSING_BEFORE_GATE.search(low, w0, x) is not None:
            hits = _PASSING_BEFORE.finditer(text, w0, x)
        else:
            continue
        if any(m is not None and m.end() <= x and _PASSING_GAP.fullmatch(text, m.end(), x) for m in hits):
            (fta if code == "FTA" else out).add(n)
    if out or fta:   # names listed together share it: forward through a list, backward over 'X and Y standards'
        for n in range(1, len(found)):
            if (n - 1 in out or n - 1 in fta) and found[n][0] != "FTA" and _LIST_GAP.fullmatch(text, found[n - 1][2], found[n][1]):
                out.add(n)
        for n in range(len(found) - 2, -1, -1):
            if n + 1 in out and found[n][0] != "FTA" and _PAIR_GAP.fullmatch(text, found[n][2], found[n + 1][1]):
                out.add(n)
    return out


def _mentions(text: str, low: str | None = None) -> list[tuple[str, int, int]]:
    """The treaty mentions that may carry a status: those not named in passing."""
    if low is None:
        low = text.lower()
    found = _treaties_in(text, low)
    drop = _passing(text, low, found)
    return [f for n, f in enumerate(found) if n not in drop] if drop else found


# What the fast paths cannot see in the lower-cased text: characters that case-insensitive matching
# folds onto an ASCII letter although lower() does not give that letter (long s, dotless and dotted
# i, Kelvin sign), and white space outside ASCII (the start stems hold ASCII spaces only).
_NOT_ALIGNED = re.compile("[\u017f\u0131\u0130\u212a\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _aligned(text: str, low: str) -> bool:
    """Whether the lower-cased text may stand for the text in the fast paths: ASCII, or other text
    whose lower() keeps every offset and that holds none of _NOT_ALIGNED ('China\u2019s')."""
    return text.isascii() or (len(low) == len(text) and _NOT_ALIGNED.search(text) is None)


def _keywords() -> tuple[str, ...]:
    """Lower-case literals for the pipeline's one-pass prefilter (any case matches), derived from the
    rules: every treaty name (_LITERALS), and the words one of which is in every match of the rules
    that find a treaty without its name (an anaphor, a plural 'Conventions' of city names, a
    sentence-initial 'It entered into force ...'); a literal holding a shorter one is left out. A
    first word that begins three names or more stands for them ('wipo ' for the WIPO treaties): the
    pass then looks for that word rather than for a common stretch inside each name ('copy')."""
    names = [lit for lit, (code, _) in _LIT_INFO.items() if code]
    first = Counter(lit.split(" ", 1)[0] for lit in names if " " in lit)
    words = {lit for lit in names if not (" " in lit and first[lit.split(" ", 1)[0]] >= 3)}
    words |= {w + " " for w, n in first.items() if n >= 3 and len(w) >= 4}
    words |= required_words(_CITY_LIST)
    for rx in (_ANAPHOR, _PLURAL, re.compile(_LEAD_ACT)):
        words |= literal_stems(rx, spaces=True)
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


KEYWORDS = _keywords()


# The regexes _status tries. Both tables that make them cheap are derived from the regexes, so a
# new alternative brings its own words: _RULE_STEMS, the stems one of which starts every match
# (fastmatch.literal_stems; on an ASCII clause a regex is tried only where one starts, rx.match at
# those positions, which is what rx.search finds); _GATE_WORDS, the words one of which occurs in
# every match (fastmatch.required_words), so a clause or sentence holding none of them is passed over.
_RULES = {"not_member": _NOT_MEMBER, "announced": _ANNOUNCED, "joined": _JOINED, "ratified": _RATIFIED,
          "pending": _PENDING, "hypothetical": _HYPOTHETICAL, "signed": _SIGNED, "member": _MEMBER}
_RULE_BIT = {key: 1 << i for i, key in enumerate(_RULES)}
_RULE_STEMS = {key: literal_stems(rx, spaces=True, limit=1000) for key, rx in _RULES.items()}
_NOT_RATIFIED = re.compile(r"\bnot\s+(?:yet\s+)?ratified")
_SIGNED_BUT_NOT = re.compile(r"\bsigned\b,?\s+but\s+(?:(?:has|have|had)\s+)?not,?\s+(?:yet\s+)?(?:ratified|approved|implemented|joined)")


_GATE_WORDS = {key: required_words(rx) for key, rx in _RULES.items()}
_OPEN = sum(_RULE_BIT[key] for key, words in _GATE_WORDS.items() if words is None)   # ungated rules


def _rule_alternatives() -> dict[str, tuple[tuple[int, re.Pattern], ...]]:
    """Stem -> the (rule bit, alternative) pairs of the rules' top-level alternatives that may start
    with it: at a stem, only those are tried (a rule matches where one of its alternatives does)."""
    table: dict[str, list] = {}
    for key, rx in _RULES.items():
        for part in top_alternatives(rx.pattern):
            alt = re.compile(part, rx.flags)
            for stem in literal_stems(alt, spaces=True, limit=1000) or ():
                table.setdefault(stem, []).append((_RULE_BIT[key], alt))
    return {stem: tuple(v) for stem, v in table.items()}


@lru_cache(maxsize=1)
def _stem_automaton():
    """Aho-Corasick automaton (pyahocorasick, which reports overlapping occurrences too) of gate
    words and rule stems: word -> (length, gate bits, rule bits, the rule alternatives that may start
    with it)."""
    bits: dict[str, list[int]] = {}
    for key, words in _GATE_WORDS.items():
        for word in words or ():
            bits.setdefault(word, [0, 0])[0] |= _RULE_BIT[key]
    for key, stems in _RULE_STEMS.items():
        for stem in stems or ():
            bits.setdefault(stem, [0, 0])[1] |= _RULE_BIT[key]
    alts = _rule_alternatives()
    auto = ahocorasick.Automaton()
    for stem, (gate, rule) in bits.items():
        auto.add_word(stem, (len(stem), gate, rule, alts.get(stem, ())))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _gate_automaton():
    """Aho-Corasick automaton of the gate words alone: word -> gate bits."""
    bits: dict[str, int] = {}
    for key, words in _GATE_WORDS.items():
        for word in words or ():
            bits[word] = bits.get(word, 0) | _RULE_BIT[key]
    auto = ahocorasick.Automaton()
    for word, b in bits.items():
        auto.add_word(word, b)
    auto.make_automaton()
    return auto


def _gate_bits(low: str) -> int:
    """Bit mask of the rules whose gate words occur in the lower-cased clause (or that have none)."""
    mask = _OPEN
    for _, b in _gate_automaton().iter(low):
        mask |= b
    return mask


def _any_status_word(low: str) -> bool:
    """Whether the lower-cased sentence holds a gate word of a status rule (stops at the first)."""
    if _OPEN & _STATUS_BITS:
        return True
    for _, b in _gate_automaton().iter(low):
        if b & _STATUS_BITS:
            return True
    return False


def _has(bits: int, key: str) -> bool:
    """Whether the clause holds one of the rule's gate words."""
    return bool(bits & _RULE_BIT[key])


_STATUS_BITS = sum(_RULE_BIT[key] for key in ("not_member", "announced", "joined", "ratified", "pending", "signed",
                                             "member"))


def _status(clause: str, aligned: bool | None = None) -> str | None:
    """The treaty state the clause reports (None: none); `aligned`: _aligned(clause, its lower case),
    known to hold when it holds for the whole sentence."""
    low = clause.lower()
    auto = _stem_automaton()
    if _aligned(clause, low) if aligned is None else aligned:
        bits = _OPEN
        starts = []   # (position, rule bits, alternatives) of every rule stem
        for end, (n, gate, rule, alts) in auto.iter(low):
            bits |= gate
            if rule:
                starts.append((end - n + 1, rule, alts))

        def hit(key: str) -> bool:
            if _RULE_STEMS[key] is None:
                return _RULES[key].search(clause) is not None
            b = _RULE_BIT[key]
            return any(alt.match(clause, p) for p, rule, alts in starts if rule & b for bb, alt in alts if bb == b)
    else:
        bits = _gate_bits(low)

        def hit(key: str) -> bool:
            return _RULES[key].search(clause) is not None
    if "signed" in low and _SIGNED_BUT_NOT.search(low):
        return "signed"   # 'has signed but (has) not (yet) ratified'
    if _has(bits, "not_member") and hit("not_member"):
        return "not_member"
    if _has(bits, "announced") and hit("announced"):
        return "announced"
    joined = _has(bits, "joined") and hit("joined")
    ratified = _has(bits, "ratified") and hit("ratified") and not _NOT_RATIFIED.search(low)
    if (_has(bits, "pending") and hit("pending")) or ("referendum" in low and not ratified) or \
            (_has(bits, "hypothetical") and hit("hypothetical") and (joined or ratified)):
        return "pending"
    if _has(bits, "signed") and hit("signed") and not ratified:
        return "signed"
    if ratified:
        return "ratified"
    if joined:
        return "joined"
    if _has(bits, "member") and hit("member"):
        return "member"
    return None


def _clauses(text: str, low: str | None = None) -> list[tuple[int, int]]:
    """Clause spans of a sentence; `low` (its lower-cased text, ASCII only) takes the fast split."""
    spans, a = [], 0
    for m in (_CLAUSE_SPLIT_LOW.finditer(low) if low is not None else _CLAUSE_SPLIT.finditer(text)):
        spans.append((a, m.start()))
        a = m.end()
    spans.append((a, len(text)))
    return [(x, y) for x, y in spans if y > x]


def _antecedent(s: Sentence) -> str | None:
    """The last treaty named in the previous sentence (for 'the agreement was signed ...')."""
    found = _antecedents(s)
    return found[-1] if found else None


def _antecedents(s: Sentence) -> list[str]:
    """The treaties named in the previous sentence, in order (not those named in passing)."""
    prev = s.previous()
    return [] if prev is None else list(_mention_codes(prev.text))


@lru_cache(maxsize=512)
def _mention_codes(text: str) -> tuple[str, ...]:
    """The treaties a sentence names, in order, not those named in passing (cached: a sentence is
    looked back at from the next one)."""
    return tuple(dict.fromkeys(k for k, _, _ in _mentions(text)))


def _plural_referents(codes: list[str], clause: str) -> list[str]:
    """What 'these treaties' refers to among the treaties named before; two for 'either'/'both'."""
    out = []
    for k in codes:
        out.extend(["WCT", "WPPT"] if k == "WIPO_INTERNET" else [k])
    out = list(dict.fromkeys(out))
    if re.search(r"\b(?:either|both|two)\b", clause, re.I):
        out = out[-2:]
    return out if len(out) >= 2 else []   # a plural refers to two treaties or more


# '... in 1991 and Sri Lanka is a party to ...': a conjunction before a new subject that is a country
_SUBJECT_VERB = re.compile(r"\s+(?:is|are|was|were|has|have|had|became|becomes|remains|joined|signed|ratified|acceded"
                           r"|also|itself|now)\b")
_AND_SUBJECT = re.compile(r" and (?:the )?[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}" + _SUBJECT_VERB.pattern)
"""A quick look for what _split_at_countries cuts at (a capitalised subject, then a verb) before finding countries."""
_LIST_ITEM = re.compile(r"\s*(?:(?:and|or)\s+)?(?:the\s+)?(?-i:[A-Z])", re.I)
"""An item of a list in semicolons: a name ('the Rome Convention ...', 'and the PCT')."""
_MEMBER_WTO = re.compile(r"\b(?:is|are|was|were)\s+(?:also\s+|now\s+|already\s+)?(?:a|an)\s+(?:full\s+)?WTO\s+member\b"
                         r"|\bmembers?\s+of\s+the\s+(?:WTO|World\s+Trade\s+Organi[sz]ation)\b", re.I)
"""A WTO membership stated beside an act of ratifying or signing something else."""
_AND_BEFORE = re.compile(r",?\s+and\s+(?:the\s+)?\Z")
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|became|signed|ratified|joined|acceded|approved|adopted|entered)\b",
                     re.I)


def _split_at_countries(s: Sentence, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clause spans split again before 'and <country> <verb>' where the clause so far has a verb."""
    text = s.text
    cuts = []
    for iso, x, y in s.countries():
        if iso == "USA" or not _SUBJECT_VERB.match(text, y):
            continue
        m = _AND_BEFORE.search(text, max(0, x - 12), x)
        if m is not None:
            cuts.append((m.start(), x))
    if not cuts:
        return spans
    out = []
    for a, b in spans:
        for c, d in cuts:
            if a < c and d < b and _FINITE.search(text, a, c):
                out.append((a, c))
                a = d
        out.append((a, b))
    return out


def extract(s: Sentence, ctx) -> list:
    text = s.text
    low = s.low
    if ("ftaa" in low or "free trade area" in low) and _GENERIC_FTA_CONTEXT.search(text) and not re.search(r"\bCAFTA|FTA\s+with|U\.S\.[\s-]+\w+\s+FTA", text):
        return []
    # a clause's gate stems are stems of its sentence: with no gate open here, no clause has a status
    if not _any_status_word(low):
        return []
    found = _treaties_in(text, low)
    passing = None   # indexes of the mentions named in passing, found when a clause has a status
    generic = None   # whether the sentence may speak of other countries in general
    ascii_text = _aligned(text, low)
    # a clause names 'the agreement' only where the sentence does (clauses end at non-word characters)
    anaphor = plural = False
    if not ascii_text or "agreement" in low or "treaty" in low or "treaties" in low or "convention" in low or \
            "accord" in low:   # one of the start stems of the two rules (derived from them) gates their searches
        at = _REFERENCE_GATE.find(low)
        if at >= 0:
            anaphor = _ANAPHOR.search(text, at) is not None
            plural = _PLURAL.search(text, at) is not None
    if not found and not anaphor and not plural and not (low.startswith(("it ", "this ")) and _LEAD_CARRY.match(text)):
        return []   # no clause can name a treaty
    if text.rstrip().endswith("?"):
        return []   # a question states nothing
    doc_iso = getattr(ctx, "country_iso3", None)
    facts = []
    last = None
    last_at = 0   # where the clause naming `last` starts
    last_n = None   # its index in `found` when the clause names it
    last_group = []   # the mentions listed with it in a clause of no status ('decision to join X and Y'), in `found`
    spans = _clauses(text, low if ascii_text else None)
    if found and " and " in text and _AND_SUBJECT.search(text):
        spans = _split_at_countries(s, spans)
    list_st = list_year = None   # the status (and year) of a colon list's head, for its semicolon items
    for a, b in spans:
        clause = text[a:b]
        item_st, item_year = list_st, list_year
        if list_st is not None and not (";" in text[max(0, a - 4):a] and _LIST_ITEM.match(clause)
                                        and not _FINITE.search(clause)):
            list_st = list_year = item_st = item_year = None   # the list ended
        if text.startswith(";", b) and ":" in clause:   # '... is a party to ... including: X; Y; and Z'
            head = clause[:clause.rindex(":")]
            list_st = _status(head)
            ys0 = years_in(head) if list_st in ("joined", "ratified", "signed", "announced") else []
            list_year = ys0[0][0] if ys0 else None
        named_here = [n for n, (k, x, y) in enumerate(found) if a <= x < b]
        if named_here and (anaphor or plural) and (_ANAPHOR.search(clause) or _PLURAL.search(clause)):
            if passing is None:   # 'has yet to ratify the agreement ... its ACTA commitments'
                passing = _passing(text, low, found, ascii_text)
            named_here = [n for n in named_here if n not in passing]
        here = [found[n] for n in named_here]
        from_prev = False   # the treaty is resolved from the previous sentence: a less certain fact
        carried = False   # ... or from an earlier clause of this sentence: '..., which entered into force'
        if not here and _CARRIES.match(clause):   # '...; it entered into force in 2009'
            if last is not None:
                ante = None if _LAW.search(text, last_at, a) else last
                if ante is not None and last_n is not None:   # not a treaty named in passing
                    if passing is None:
                        passing = _passing(text, low, found, ascii_text)
                    if last_n in passing:
                        ante = None
                carried = True
            elif clause.lstrip()[:2].lower() in ("it", "th"):
                prev = s.previous()
                ante = _antecedent(s) if prev is not None and not _LAW.search(prev.text) else None
                from_prev = True
            else:
                ante = None
            if ante:
                here = [(ante, a, a)]
                if carried and len(last_group) > 1:   # '... to join X and Y which took effect in 1998': both
                    if passing is None:
                        passing = _passing(text, low, found, ascii_text)
                    here = [(found[n][0], a, a) for n in last_group if n not in passing] or here
        if not here and plural and _PLURAL.search(clause):   # 'it has not ratified either treaty'
            before = [k for k, x, _ in found if x < a + _PLURAL.search(clause).start()]
            from_prev = not before
            here = [(k, a, a) for k in _plural_referents(before or _antecedents(s), clause)]
        if not here:
            m = _ANAPHOR.search(clause) if anaphor else None
            if last is None and m is not None:
                # the treaty named last before it in this sentence (also in passing: 'consistent with
                # UPOV 1991 and to accede to this convention'), else in the previous sentence
                before = [k for k, x, _ in found if x < a + m.start()]
                ante = before[-1] if before else _antecedent(s)
                from_prev = not before
                if ante:
                    here = [(ante, a, a)]
            elif last is not None and m is not None:
                here = [(last, a, a)]
        if not here:
            continue
        st = _status(clause, True if ascii_text else None)
        if st is None and item_st is not None:   # an item of a colon list takes its head's status
            st = item_st
        # an FTA with the US named by its obligations is a membership, whatever else the clause says
        bound, framed = set(), set()
        for k, x, y in here:   # ... and one that frames the act ('Under the FTA Peru will ...') takes no other
            if k == "FTA":
                (bound if _fta_bound(text, x, y, (a, b)) else framed if _fta_framed(text, a, x) else set()).add(k)
        last, last_at, last_n = here[-1][0], a, (named_here[-1] if named_here else None)
        last_group = named_here[-1:]
        for n in (reversed(named_here[:-1]) if st is None else ()):   # 'a party to X and Y which entered ...': Y
            if not _LIST_GAP.fullmatch(text, found[n][2], found[last_group[0]][1]):
                break
            last_group.insert(0, n)
        if st is None and not bound:
            continue
        if named_here:   # a treaty named in passing takes no status
            if passing is None:
                passing = _passing(text, low, found, ascii_text)
            here = [found[n] for n in named_here if n not in passing]
            if not here:
                continue
        if st == "joined" and not carried and _search_low(_IN_FORCE, _IN_FORCE_LOW, text, low, a, b, ascii_text) \
                and not _search_low(_JOIN_ACT, _JOIN_ACT_LOW, text, low, a, b, ascii_text) \
                and all(k != "FTA" for k, _, _ in here) and not _names_a_country(s, a, b):
            continue   # 'These treaties entered into force in 2002': the treaty's own date, no country's act
        if generic is None:   # once per sentence: a word both rules need
            generic = _GENERIC_GATE.search(low)
        if st and generic and (_search_low(_GENERIC_PARTIES, _GENERIC_PARTIES_LOW, text, low, a, b, ascii_text)
                               and not _names_a_country(s, a, b)
                               or _others_urged(text, a, b)):
            continue   # 'artists from countries that are signatories of the Rome Convention', 'encourage other countries to sign'
        countries = _countries_for(s, a, b, clause)
        ys = years_in(clause) if st in ("joined", "ratified", "signed", "announced") else []
        if ys:   # 'the 1996 WIPO Copyright Treaty', 'UPOV 1991' name a version, not a date
            ys = [(yr, yx, yy) for yr, yx, yy in ys
                  if not any(clause[yy:x - a].isspace() or clause[y - a:yx].isspace() for _, x, y in here if x < y)]
        years = {}
        for k, x, y in here:   # each treaty takes the first year after its own mention
            later = [yr for yr, yx, _ in ys if yx >= y - a]
            years[k] = later[0] if later else (ys[0][0] if ys else item_year if st == item_st else None)
        named = list(dict.fromkeys(k for k, _, _ in here))
        if len(ys) == len(named) > 1 and "respectively" in clause:   # 'in 2004 and 2005, respectively'
            years = {k: yr for k, (yr, _, _) in zip(named, ys)}
        codes = []
        for k, _, _ in here:
            codes.extend(["WCT", "WPPT"] if k == "WIPO_INTERNET" else [k])
        years.update({c: years.get("WIPO_INTERNET") for c in ("WCT", "WPPT") if c not in years and "WIPO_INTERNET" in years})
        for code in dict.fromkeys(codes):
            status = "member" if code in bound else st
            if code in framed and status != "member":
                continue
            year = years.get(code) if status in ("joined", "ratified", "signed", "announced") else None
            if code == "WTO" and status in ("signed", "ratified"):
                # 'X which is a WTO member has ratified its implementing legislation': the membership
                if not _MEMBER_WTO.search(clause):
                    continue
                status, year = "member", None
            if status is None:
                continue
            others = [c for c in countries if c != doc_iso]
            rule, conf = ("treaties.antecedent", 0.6) if from_prev else ("treaties.clause", 0.8)
            if countries and doc_iso not in countries and others:
                for c in others:
                    facts.append(fact(s, "treaty", code, qual(status=status, country=c), year, rule, conf - 0.05))
            else:
                facts.append(fact(s, "treaty", code, qual(status=status), year, rule, conf))
    dated = {(f.value, f.qualifier) for f in facts if f.ref_year is not None}
    return [f for f in facts if f.ref_year is not None or (f.value, f.qualifier) not in dated]


_US_SUBJECT = re.compile(r"\s*(?:(?:and|but|while|whereas)\s+)?(?:the\s+)?(?:United\s+States|U\.S\.|US)(?:\s+Government)?"
                         r"\s+(?:(?:has|have|had)\s+)?(?:also\s+|already\s+|itself\s+)?"
                         r"(?:signed|ratified|joined|acceded|became|is\s+(?:a|an)\s+(?:party|member|signatory))\b", re.I)


# A multilateral treaty that 'entered into force' in a clause naming no country and no act of
# joining states the treaty's own date (an FTA with the US is bilateral: its entry is the country's).
_IN_FORCE = re.compile(r"\b(?:entered|enters|came|comes|went)\s+into\s+(?:force|effect)\b|\bt(?:ook|akes)\s+effect\b", re.I)
_JOIN_ACT = re.compile(r"\b(?:acce(?:de|ded|ssion)|join(?:s|ed|ing)?|bec[ao]me|instruments?|brought|bring|implemented|adopt\w*|ratified)\b", re.I)


_GENERIC_PARTIES = re.compile(r"\b(?:countries|nations|economies|members)\s+(?:that|which|who)\s+(?:are|were|have|had)\b",
                              re.I)
_OTHERS_URGED = re.compile(r"\b(?:other|developing|third)\s+(?:countries|nations|economies|governments)\b", re.I)
"""'other countries' urged (the verb before them is checked by _URGED_BEFORE) are not the country."""
_URGED_BEFORE = re.compile(r"\b(?:urg|encourag|press|push|ask|call\w*\s+on)\w*\s+(?:\w+\s+)?\Z", re.I)
# 'implement its CAFTA-DR obligations', 'comply with its obligations under the FTA', 'to comply with
# CAFTA-DR': an FTA with the US named by the obligations it places is a membership (NTE_GOLD.md).
_FTA_BOUND_BEFORE = re.compile(r"\b(?:(?:compl(?:y|ies|ying|iance|iant)|conform\w*|consisten\w*|accordance|line|keeping)"
                               r"\s+with|(?:obligations?|commitments?|requirements?)\s+(?:under|of|in|to)|(?:required|mandated)\s+by"
                               r"|pursuant\s+to)\s+", re.I)


_UNDER_FTA_COMMITTED = re.compile(r"\b(?:agreed|committed|obligated|obliged|required|must|undertook|undertaken)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|shall)\b", re.I)


_GENERIC_PARTIES_LOW = re.compile(lowered_pattern(_GENERIC_PARTIES.pattern))   # the same on lower-cased text
_IN_FORCE_LOW = re.compile(lowered_pattern(_IN_FORCE.pattern))
_JOIN_ACT_LOW = re.compile(lowered_pattern(_JOIN_ACT.pattern))


def _others_urged(text: str, a: int, b: int) -> bool:
    """Whether the clause text[a:b] urges other countries ('encouraging other countries to sign')."""
    return any(_URGED_BEFORE.search(text, max(a, m.start() - 40), m.start()) for m in _OTHERS_URGED.finditer(text, a, b))


def _search_low(rx: re.Pattern, rx_low: re.Pattern, text: str, low: str, a: int, b: int, aligned: bool) -> bool:
    """rx.search over text[a:b], through its lowered twin on the lower-cased text where that stands for it."""
    return (rx_low.search(low, a, b) if aligned else rx.search(text, a, b)) is not None


_GENERIC_GATE = _StemGate(required_words(_GENERIC_PARTIES) | required_words(_OTHERS_URGED))
"""On the lower-cased sentence: the words one of which is in every match of either rule (their country nouns)."""


def _fta_bound(text: str, x: int, y: int, clause: tuple[int, int] | None = None) -> bool:
    """Whether the FTA named at (x, y) is named by its obligations ('its FTA obligations', 'obligations
    under the FTA', 'comply with CAFTA-DR', 'Under KORUS Korea agreed to ...': commitments made, not
    ones to come, in the clause `clause`)."""
    if _OBLIGATIONS.match(text, y):
        return True
    w0 = max(0, x - 60)
    if _FTA_BOUND_GATE.search(text[w0:x].lower()) and \
            any(_PASSING_GAP.fullmatch(text, m.end(), x) and not (text.startswith("s", y) and m.group(0)[:4].lower() == "requ")
            for m in _FTA_BOUND_BEFORE.finditer(text, w0, x)):   # 'the requirements of FTAs': FTAs in general
        return True
    return clause is not None and _fta_framed(text, clause[0], x) and \
        _UNDER_FTA_COMMITTED.search(text, *clause) is not None and _FUTURE.search(text, *clause) is None


_FTA_FRAME = re.compile(r"\b(?:under|through|via|within)\s+", re.I)
# Cheap looks first: a trigger's start stem (derived from it) in the window, any case
_FTA_BOUND_GATE = _StemGate(literal_stems(_FTA_BOUND_BEFORE))   # on lower-cased text
_FTA_FRAME_GATE = _StemGate(literal_stems(_FTA_FRAME))
_CLAUSE_IN = re.compile(r"\s*(?:(?:and|but)\s+)?in\s+", re.I)


def _fta_framed(text: str, a: int, x: int) -> bool:
    """Whether the FTA named at x, in the clause starting at a, frames the clause's act: 'under the FTA',
    'through CAFTA-DR', or 'In the CAFTA-DR ...' opening the clause."""
    m = _CLAUSE_IN.match(text, a, x)
    if m is not None and x - m.end() <= 60 and _PASSING_GAP.fullmatch(text, m.end(), x):
        return True
    w0 = max(a, x - 40)
    return _FTA_FRAME_GATE.search(text[w0:x].lower()) and \
        any(_PASSING_GAP.fullmatch(text, m.end(), x) for m in _FTA_FRAME.finditer(text, w0, x))


def _names_a_country(s: Sentence, a: int, b: int) -> bool:
    """Whether the clause (a, b) of the sentence names a country other than the US."""
    return any(a <= x < b for iso, x, _ in s.countries() if iso != "USA")


def _countries_for(s: Sentence, a: int, b: int, clause: str) -> list[str]:
    """Countries the clause is about (partner 'U.S.' of an FTA is not one of them)."""
    t = s.text
    mentions = [(iso, x, y) for iso, x, y in s.countries()
                if iso != "USA" and not (t[y:y + 1] == "-" or t[x - 1:x] == "-")]   # "U.S.-Central America-Dominican Republic FTA"
    if _US_SUBJECT.match(clause):   # 'The United States has ratified both treaties (and would like Canada to ...)'
        return ["USA"]
    isos = [iso for iso, x, y in mentions if a <= x < b]
    if not isos:
        isos = [iso for iso, x, y in mentions]
    if not isos and ("countries" in clause or "they" in clause.lower()) and _THESE_COUNTRIES.search(clause):
        prev = s.previous()
        if prev is not None:
            pt = prev.text
            k = max(pt.rfind("countries"), pt.rfind("nations"))
            cut = k if k != -1 else max(pt.rfind(", and"), pt.rfind(", but"), pt.rfind(";"), 0)
            isos = [iso for iso, x, _ in prev.countries() if iso != "USA" and x >= cut]
    if not isos and re.search(r"\b(?:in|for)\s+the\s+(?:U\.S\.|US|United\s+States)(?![-\w])", clause) \
            and not re.search(r"\bwith\s+the\s+(?:U\.?S\.?|United\s+States)", clause):
        isos = ["USA"]
    return list(dict.fromkeys(isos))


_WEAK = {"member"}
_CONTRA = {"pending", "not_member", "signed", "announced"}
_DONE = {"joined", "ratified"}


def finalize(facts: list, text: str = "", ctx=None) -> list:
    """Drop a weak 'member' reading of a treaty the same document calls pending/not a member/only
    signed, a 'pending' or 'announced' one it reports done, and a 'not_member' one its sentence also calls signed."""
    if not any(f.feature == "treaty" for f in facts):
        return facts
    strong = {}
    for f in facts:
        if f.feature == "treaty":
            st = dict(kv.split("=", 1) for kv in f.qualifier.split(";") if "=" in kv)
            strong.setdefault((f.value, st.get("country")), set()).add(st.get("status"))
    signed_here = {(f.value, f.qualifier, f.char_start) for f in facts
                   if f.feature == "treaty" and "status=signed" in f.qualifier}
    out = []
    for f in facts:
        if f.feature == "treaty":
            st = dict(kv.split("=", 1) for kv in f.qualifier.split(";") if "=" in kv)
            seen = strong.get((f.value, st.get("country")), set())
            if st.get("status") in _WEAK and seen & _CONTRA:
                continue
            if st.get("status") in ("pending", "announced") and seen & _DONE:
                continue   # the document reports it done: earlier 'pending' or 'announced' statements are history
            if st.get("status") == "not_member" and (f.value, f.qualifier.replace("not_member", "signed"),
                                                     f.char_start) in signed_here:
                continue   # 'has not ratified the WPPT, although it has signed it': signed
        out.append(f)
    return out
