"""Enforcement numbers: criminal cases initiated / sent to court, convictions, raids,
administrative cases, seizures, fines, websites closed; each with the year it refers to.

A sentence's numbers are grouped (a sum and its conversion "20,250,755 KZT ($168,056)" are one
group), each group is classified by the table _RULES (the head noun after it -> the rules of that
noun class -> feature and unit), and a bare number in a comparison or list ("compared to 268 in
2006", "7,423 in 2006, and 2,924 in 2005", "and 54 under Part 3") takes the class of the group it
is compared with. Numbers are facts only as outcomes in the document's country in a stated or
implied past period: penalties written into a law, modals and intentions, hypotheticals, other
countries' figures and money without a fine or seizure give nothing. Events without a number:
one ("a prosecution ... resulted in a conviction", enforcement.single, confidence 0.7) or none
("there have been no convictions under the new law", enforcement.zero, 0.7). Seizure values whose
currency sign was stripped ("worth more than 500 million" in NTE text) carry confidence 0.4.
Round 6 (the annotators' brief): a counted single event is 1 ("a court convicted a vendor", "the
first sentence was handed down", "in an April 2006 raid police seized", "worked with X to shut down
the site", enforcement.single, the country's own only; since round 10 rows of _ONE_EVENTS); "none since then", "did not make any
... convictions", "has yet to successfully prosecute a ... case", "both were acquitted" give 0; cases
before the courts, heard or completed by them are criminal_cases_to_court, cases awaiting
investigation or prosecution criminal_cases_initiated; complaints filed with a prosecutor or the
police or for an infringement are cases opened (a list of them in parallel after a semicolon takes
the first item's class); the part of a partitive with no predicate of its own takes the whole's
class (enforcement.part; a next sentence "Thirteen were against ..." names another part, 0.6);
licences revoked or not renewed are administrative cases; "was fined 1 500" and "imposed a 3.4
million fine" are fines without a currency.
Round 7 (classes seen in several NTE chapters, not one sentence): an adverb of focus between a verb
and its number is read like an approximator ("the courts concluded only 19 cases", words.FOCUS_ADVERBS);
"fines of only 16" after an outcome verb ("penalties imposed amounted to") is a fine, not under a
statute word; "no one has (ever) served time in prison" gives 0 convictions (persons), not "no one
convicted of X has served time". Factories or plants closed or sealed give no raid (the dev and
focusdev annotators left such closures out; one focus call counts them).
Round 9 (single events as a class): one table, _ONE_EVENTS, gives each class of event (raids, cases
opened, indictments and prosecutions, convictions, sites closed) its words in three forms: an
enforcer's past act on one object ("police raided an informal market"), a passive of one subject
("the P2P site X was found guilty", "the site which has been shut down"), and one event noun done by
a past verb, dated or followed by its result ("initiated an investigation", "had its first criminal
prosecution", "a January 1998 raid netted ..."); the conditions common to all (no modal, negation,
hypothetical or statute words; the country's own; an act's agent an enforcer, not the United States
or a trade body; no pronoun subject, no "This was the first time" restatement) are in _one_event.
These facts (enforcement.single) carry confidence 0.7, 0.85 where "one" or "a single" is written.
Round 10: round 6's whole phrasings ("the first sentence was handed down", "in a raid police seized")
are the table's last column (form "written"), so one engine checks every single event: they now
pass the same conditions (no modal after, not in the US, no restatement; "to shut down the site" is
asked for unless someone worked with another to do it) and carry the same confidence (0.7 / 0.85).
Premises seized or destroyed ("the seizure and destruction of two CD factories", "the seizure of 16
buildings") are seizures in the premises' unit (unit=factories, buildings, ...), as the annotators
count them; closed or sealed premises still give nothing. "In no instance has a pirate been
sentenced", "no ... cases have resulted in convictions", "no criminal cases have yet been prosecuted"
give 0.

How to add a phrasing
1. Write the sentence and a look-alike that must give nothing as tests (tests/test_extract_nte_enf.py
   or test_extract_general_enf.py) and see them fail.
2. If the number's noun is new, add it to its class in _CAT_NOUNS (or a new class there). If the
   predicate is new, add a Rule to that class in _RULES: Rule(feature, unit, (When(window, regex),
   ...)). Windows are named in _View._window ("before": 60 characters before the number, "np":
   the noun phrase, "pred"/"pred40": what follows it, "sentence", ...); a tuple of Whens is "any
   of them", neg=True "none of them". Rules of a class are tried in order; the first that holds
   wins; Rule(None, ...) stops the class with no fact. Shared words (approximators, modals,
   negations, statute words) come from words.py.
3. Nothing else: the gates (which sentences reach the rules, which rules a sentence can fire,
   which windows a regex runs on) are derived from the regexes (gate_options, rule_gates,
   KEYWORDS); tests/test_extract_nte_enf.py samples every rule's matches to prove they pass them.
   If a new gate word makes the pipeline slower (a common substring), name a rarer condition as
   the rule's gate (Rule(..., gate=k or "noun" or a word)).
4. make test, make eval (the cable figures must not fall), python -m bench.eval_nte --half dev.
"""
from __future__ import annotations

import bisect
import re

import ahocorasick
from functools import lru_cache

from .common import Sentence, fact, qual
from .fastmatch import lowered_pattern, required_words, top_alternatives
from .numbers import years_in
from .numbers import CURRENCY_AFTER, CURRENCY_BEFORE, MONTHS, TENS_WORDS, UNITS_WORDS, Num, find_numbers, format_value, plain_text
from .words import APPROXIMATORS, FOCUS_ADVERBS, INTENTIONS, MODALS, NEGATIONS, STATUTE_WORDS, alt

# "a total of 45", "more than 1200", "only 19", "just over 40": optional between a verb and its number
_APPROX = rf"(?:{alt(FOCUS_ADVERBS)}\s*)?(?:{alt(APPROXIMATORS)}\s*)?"

# ---- word lists the rules below share (one place each: a word added here reaches every rule)
# people a count or a verdict is about ("35 vendors", "not one suspect was convicted"); plurals add "s"
_PERSONS = ("person", "individual", "defendant", "pirate", "vendor", "offender", "suspect", "counterfeiter")
_PERSONS_IRREGULAR = ("people", "men", "women")
_PERSONS_PLURAL = tuple(w + "s" for w in _PERSONS) + _PERSONS_IRREGULAR
# verbs of taking goods, any form ("seized", "seizing", "confiscation of"): goods destroyed were seized first
_SEIZE_VERBS = r"(?:seiz\w*|confiscat\w*|impound\w*|intercept\w*|netted\b|detained\b|destroyed\b|destruction\s+of\b)"
# their past participles ("3,000 watches were seized")
_SEIZED_PP = ("seized", "confiscated", "impounded", "intercepted", "netted")
# verbs of carrying out a raid or a check ("conducted 45 raids", "4,500 checks were carried out")
_CARRIED_OUT = ("conducted", "carried out", "launched", "performed", "undertaken", "staged", "mounted", "made", "organized", "organised")
# places where goods are made or sold: "seized two pirate CD factories" seizes no goods; the
# annotators count the premises seized or destroyed as seizures in the premises' unit (round 9)
_PREMISES = ("factories", "plants", "production lines", "assembly lines", "facilities", "workshops", "warehouses",
             "laboratories", "labs", "premises", "shops", "stores", "outlets", "stalls", "kiosks", "markets",
             "buildings", "properties")
# what a part of a partitive "was" before its preposition ("42 were directed against CD vendors")
_PART_VERBS = ("directed", "aimed", "carried out", "conducted", "made", "filed", "brought")

# up to 4 modifiers between a number and its noun: not a function word, a determiner ("In 2004 the
# conviction rate") or a unit of time ("two years imprisonment" is a penalty, not two convictions)
_NOUN_GAP = (r"^[\s\"']*(?:(?!(?:in|of|for|to|from|with|by|at|on|were|was|had|have|has|are|is|be|been|and|or|including|which|that|who|per|"
             r"during|after|before|against|into|under|over|through|when|where|while|as|across|the|a|an|this|these|those|its|their|"
             r"his|her|our|involved|involving|concerned|concerning|targeted|targeting|years?|months?|days?|weeks?|hours?|percent|one|two|three|four|five|six|seven|eight|nine|ten|"
             r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)\b)"
             r"(?:[A-Za-z][\w'-]*|\([^)]{0,40}\))[\s,]+(?:(?:and|&)\s+)?){0,4}?")   # up to 4 modifiers ("copyright and trademark")
_CAT_NOUNS = [  # (name, noun-phrase regex applied right after the number, after _NOUN_GAP)
    # plural nouns: a count of one is "one website" or "a site", and "cooperation" holds "operation"
    ("websites_closed", r"(?:web\s*sites|sites|portals|web\s*pages|domains)\b"),
    ("raids", r"(?:raids?|operations|inspections?|searches)\b"),
    ("raid_actions", r"(?:checks|spot[\s-]checks|sweeps|crackdowns)\b"),
    ("administrative_cases", r"(?:administrative\s+(?:cases?|proceedings?|penalt\w+|fines|violations?|offen[cs]es?|protocols?|actions?))\b"),
    ("convictions_noun", r"(?:convictions?|imprisonments?|prison\s+sentences?|guilty\s+verdicts?|jail\s+sentences?|sentences)\b"),
    ("indictments", r"(?:indictments|prosecutions)\b"),     # a count of them: plural (one: _SINGLE_TO_COURT)
    ("seizure_counts", r"(?:seizures)\b"),    # "made 115 seizures": seizures counted as acts (unit cases)
    ("criminal_complaints", r"(?:criminal\s+complaints?)\b"),   # "twelve public criminal complaints filed"
    ("complaints", r"(?:complaints?)\b"),    # "40 complaints filed with the prosecutor" (round 6)
    ("cases", r"(?:cases?|investigations?|proceedings?|crimes)\b"),
    ("violations", r"(?:violations|infringements|offen[cs]es)\b"),   # "investigated 901 intellectual property violations" (round 10)
    ("persons", alt(_PERSONS + _PERSONS_PLURAL)),
    ("entities", r"(?:entities|organi[sz]ations|companies|firms|businesses|enterprises|shops|stores|manufacturers|producers)\b"),
    ("goods", r"(?P<g>copies|discs?|disks?|CD-Rs?|DVD-Rs?|CDs?|DVDs?|VCDs?|optical\s+discs?|optical\s+media|items?|units?|pieces?|articles?|products?|goods|toys?|shoes?|watches|"
              r"tons?|tonnes?|kilo(?:gram)?s?|kg|bottles?|boxes|cartons?|packs?|pairs?|cigarettes?|bags?|garments?|clothing|"
              r"cassettes?|tapes?|books?|games?|labels?|containers?|machines?|burners?|replicators?|computers?|pcs?|"
              r"videos?|video\s*tapes?|videotapes?|videocassettes?|counterfeits|fakes)\b"),
]
_NOUNS = [(name, re.compile(_NOUN_GAP + noun, re.I)) for name, noun in _CAT_NOUNS]
# nouns that end the search for a count's noun: a number of these is no enforcement figure
_STOP_NOUNS = (r"(?:years?|months?|days?|hours?|weeks?|percent|per\s+cent|times|judges?|officers?|officials?|"
               r"countries|states|cities|members?|employees?|staff|agents?|students?|users?|downloads?|albums?|songs?|"
               r"films?|movies?|titles?|brands?|companies|plants?|lines?|stations?|points?|participants?|police|arrests?|"
               r"inspectors?|investigators?|prosecutors?|customers?|consumers?|respondents?)\b")

_PLURAL_GOODS = re.compile(r"^\s+(?!of\b)(?:(?:counterfeit|fake|pirated|illegal|smuggled|infringing|unlicensed)\s+)?(?:[A-Za-z][\w-]*\s+){0,2}?[a-z][a-z-]{2,}s\b(?!\s+(?:of|in|at|from|for)\b)")
_SEIZE = re.compile(rf"\b{_SEIZE_VERBS}|\bcustody\s+of\b|\bapprehend\w*", re.I)
# "seized 27 computers and 3 500 printers": the number is (in a list that is) the verb's object, not
# "seized equipment from six operators"
_SEIZE_OBJECT_BEFORE = re.compile(rf"\b{_SEIZE_VERBS}\s+(?:(?!(?:from|at|in|on|during|of|to|with|by|for)\b)"
                                  r"[\w.,'-]+\s+){0,8}?(?:(?:shipments?|consignments?|total|hauls?|batch(?:es)?|containers?|cargo|loads?)\s+of\s+"
                                  rf"{_APPROX})?$", re.I)
# "3,000 fake watches were seized": the noun's own predicate (not "... and confiscated millions")
_SEIZED_AFTER = re.compile(r"\W*(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?" + alt(_SEIZED_PP), re.I)
_PREMISES_NP = re.compile(alt(_PREMISES), re.I)
# "the seizure of 16 buildings", "the confiscation of three plants": the act named before its premises
_SEIZURE_OF_BEFORE = re.compile(rf"\b(?:seizure|confiscation|seizing|confiscating|forfeiture)\s+of\s+{_APPROX}$", re.I)
_PREMISES_AFTER = re.compile(r"^\s+(?:(?!(?:of|in|at|from|for|and|or|with|to|by|were|was)\b)[\w-]+\s+){0,6}?" + alt(_PREMISES), re.I)
_WORTH_OF_AFTER = re.compile(r"\s+(?:worth\s+(?:of\s+)?|of\s+)(?:[\w-]+\s+){0,3}?(?:goods|products|merchandise|materials?|items|works|discs|copies|"
                             r"equipment|contraband|counterfeits?)\b", re.I)
_FINE = re.compile(r"\bfine[sd]?\b|\bpenalt(?:y|ies)\b", re.I)
_CLOSE = re.compile(r"\b(?:clos(?:ed|ing)|shut(?:ting)?|taken|taking|took|blocked|brought)\s+down\b|\bclos(?:ed|ing)\b|\bshut\b|\bblock(?:ed|ing)\b|\bremoved\b|\bdisabl(?:e|ed|ing)\b"
                    r"|\b(?:closure|shutdown|takedown|blocking|suspension)\s+of\b", re.I)
_INITIATED = re.compile(r"^\W*(?:\w+\W+){0,4}?(?:were|was|have\s+been|had\s+been|has\s+been)?\s*(?:initiated|opened|filed|launched|instituted|registered|started|commenced)\b", re.I)
# a court, trial, or prosecutors for an indictment ("referred to prosecutors for indictment"; cases
# only referred to prosecutors have not reached a court)
_COURT_DEST = r"(?:courts?|trial|prosecutors?(?:'s\s+office)?\s+for\s+(?:indictment|prosecution|trial))\b"
_TO_COURT = re.compile(r"\b(?:sent|referred|submitted|forwarded|transferred|passed|brought|went|gone|proceeded|made\s+it)\s+(?:on\s+)?to\s+(?:the\s+)?" + _COURT_DEST +
                       r"|\bbrought\s+before\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?courts?\b"
                       r"|\breached\s+(?:the\s+)?(?:courts?|trial)\b|\bindicted\b"
                       r"|\b(?:heard|tried|decided|adjudicated)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?courts?\b", re.I)
# the verb or its noun ("resulting in the filing of 25 cases") right before the number
_INIT_VERB_BEFORE = re.compile(r"\b(?:opened|initiated|filed|launched|instituted|registered|started|"
                               rf"(?:filing|initiation)\s+of)\s+{_APPROX}$", re.I)
_TO_COURT_VERB_BEFORE = re.compile(rf"\b(?:sent|referred|submitted|forwarded|transferred|brought|(?:referral|transfer|submission)\s+of)\s+{_APPROX}$", re.I)
_CONVICTED = re.compile(r"\b(?:convicted|sentenced|imprisoned|jailed|found\s+guilty)\b", re.I)
_CONV_OUTCOME = re.compile(r"\b(?:led|resulted|resulting|ended)\s+(?:to|in|with)\s+(?:\w+\s+){0,5}?(?:penalt\w+|convictions?|sentences?|imprisonment)|\bconviction\b", re.I)
_RECEIVED_SENTENCES = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:received|were\s+given|were\s+handed(?:\s+down)?|got|served)\s+(?:\w+\s+){0,2}?(?:sentences?|prison\s+terms?|jail\s+terms?)", re.I)
_RAID_VERB_BEFORE = re.compile(rf"\b(?:raided|inspected|searched)\s+{_APPROX}$", re.I)
# "launched 37 300 checks": checks, sweeps and crackdowns are raids only as what was carried out
_RAID_LAUNCH_BEFORE = re.compile(alt(_CARRIED_OUT + ("undertook",)) + rf"\s+{_APPROX}$", re.I)
# "4,500 checks were carried out": the same verbs after the noun
_RAID_LAUNCH_AFTER = re.compile(r"\W*(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?" + alt(_CARRIED_OUT), re.I)
# "shut down or fined 74 assembly operations": businesses closed, not raids made
_SHUT_BEFORE = re.compile(rf"\b(?:shut|closed|fined|dismantled|banned|suspended|licensed|registered)(?:\s+down)?(?:\s+or\s+\w+(?:\s+down)?)?\s+{_APPROX}$", re.I)
_CONV_VERB_BEFORE = re.compile(rf"\b(?:convicted|sentenced|imprisoned|jailed|(?:conviction|sentencing|jailing)\s+of|convictions?\s+(?:against|of))\s+{_APPROX}$", re.I)
# "two counterfeit software resellers were sentenced": a plural noun of agents, then the verdict
_AGENTS_CONVICTED = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][a-z-]+(?:ers|ors|ists|ants|ents|ees|men|people)\s+"
                               r"(?:were|have\s+been|had\s+been)\s+(?:convicted|sentenced|jailed|imprisoned|(?:found\s+)?guilty)\b")
_VALUED_BEFORE = re.compile(rf"\b(?:valued\s+at|worth(?:\s+of)?|value\s+of|valuing)\s*(?:(?:an\s+)?estimated\s*)?{_APPROX}$", re.I)
# what a law provides or might provide, next to a sum: not a fine imposed
_MODALS_NOT_MAY = tuple(w for w in MODALS if w != "may")
_MAY = r"|\bmay(?!\s+\d)"      # "may" the modal, not the month of "May 2012"
# a modal or an intention ("will", "plans", "may" the modal): one alternation for the checks before and after a match
_MODAL_ALT = r"(?:" + alt(_MODALS_NOT_MAY + tuple(w for w in INTENTIONS if w != "may")) + _MAY + ")"
_STATUTE_SET = STATUTE_WORDS + _MODALS_NOT_MAY + ("proposed", "propose", "subject to", "face", "faces", "facing")
_STATUTORY = re.compile(alt(_STATUTE_SET + ("liable to",)) + _MAY, re.I)
# a sentence about penalties in a law: a sum in it is a fine only next to a verb of imposing or collecting
_LAW_PENALTY = re.compile(r"\b(?:increas\w*|rais(?:e|es|ed|ing)|strengthen\w*|amend\w*|introduc\w*|establish\w*|provid\w*|stipulat\w*|"
                          r"prescrib\w*|set|sets|doubl\w*|tripl\w*)\b[^.;]{0,80}?\bpenalt(?:y|ies)\b|\bpenalt(?:y|ies)\s+(?:for|of|include|including|range|ranging)\b"
                          r"|\bpunishable\b|\bliable\s+to\b|\bsubject\s+to\s+(?:a\s+)?(?:fine|penalt|imprisonment)", re.I)
_FINE_OUTCOME = re.compile(r"\b(?:imposed|collected|levied|paid|assessed|handed\s+down|issued|totall?(?:ed|ing)|amount(?:ed|ing)|fined|recovered|ordered)\b", re.I)
_COMPARED_WORDS = re.compile(r"compared|versus|up\s+from|down\s+from|\bthan\s+(?:in|during|for)\b", re.I)
_ADMIN_PRED = re.compile(r"\badministrative(?:ly)?\b", re.I)
_CRIMINAL = re.compile(r"\bcriminal\b", re.I)
_COMPARE = re.compile(r"compared\s+(?:to|with)|\bversus\b|\bvs\.?|\bup\s+from\b|\bdown\s+from\b|\bagainst\b"
                      r"|(?<!more\s)(?<!less\s)(?<!fewer\s)(?<!rather\s)\bthan\b|\bfrom\b", re.I)   # "more than": an approximator
_YEAR_LIST_GAP = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,3}?(?:in|during|for)\s+(?:19|20)\d\d\s*(?:,\s*(?:and\s+)?|and\s+)$", re.I)
_FROM_BEFORE = re.compile(rf"\bfrom\s+{_APPROX}$", re.I)
_TO_GAP = re.compile(rf"^[\s,]*(?:[A-Za-z-]+\s+){{0,4}}?(?:(?:in|during)\s+(?:19|20)\d\d[\s,]*)?to\s+{_APPROX}$", re.I)
_LIST_GAP = re.compile(r"^[\s,;()]*(?:and|or)?[\s,]*$", re.I)
_LIST_ITEM_GAP = re.compile(r"(?:\s+[A-Za-z][\w'-]*){0,4}?[\s,;]*(?:(?:and|or)\s+)?$")   # " DVDs, " / " CDs and "
_SAME_GROUP_GAP = re.compile(r"^[\s(),]*(?:or|i\.e\.,?|about|approximately|approx\.|some|equivalent\s+to|valued\s+at|worth)?[\s(),$]*$", re.I)
_DATE_AFTER = re.compile(rf"^\s*(?:,\s*\d{{4}}|(?:st|nd|rd|th)\b|\s(?:{MONTHS})\b)", re.I)
_YEAR_AFTER = re.compile(rf"^[^;]{{0,100}}?\b(?:in|during|for|of)\s+(?:(?:late|early|mid)[\s-]+)?(?:(?:{MONTHS})\.?\s+)?((?:19[5-9]|20[0-4])\d)\b", re.I)
_DURATION_AFTER = re.compile(r"[\s-]*(?:years?|months?|weeks?|days?|hours?)\b", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|percent|per\s+cent|percentage)", re.I)

_SINGLE_CONVICTION = re.compile(
    r"\b(?:a|one|the\s+first|its\s+first|the\s+only)\s+(?:\w+[\s-]+){0,4}?(?:case|prosecution|trial)\b[^.;]{0,60}?\b(?:resulted|ended)\s+(?:in|with)\s+(?:(?:a\s+)?(?:criminal\s+)?conviction|(?:the\s+imposition\s+of\s+)?(?:a\s+)?(?:prison|jail)\s+(?:sentence|term)\b(?!s))"
    r"|\bsuccessfully\s+(?:concluded|completed|won)\s+(?:a|one|its\s+first)\s+(?:criminal\s+)?(?:prosecution|case|trial)"
    r"|\b(?:one|a)\s+(?:criminal\s+)?case\b[^.;]{0,100}?\b(?:was|has\s+been)\s+successfully\s+prosecuted", re.I)
_SINGLE_INITIATED = re.compile(
    r"\bcharges\s+(?:have|had)?\s*(?:been\s+|were\s+|was\s+)?(?:pressed|filed|brought)\s+against\s+(?:this|the|a|one|that)\b"
    r"|\ba\s+criminal\s+(?:case|investigation|proceeding)\s+(?:was|has\s+been|had\s+been)\s+(?:opened|initiated|filed|launched)"
    # "launched criminal proceedings against allofmp3.com / the operator of the site": one target
    r"|\b(?:launched|initiated|opened|instituted)\s+(?:a\s+)?criminal\s+(?:proceedings?|case|investigation)\s+against\s+"
    r"(?:[a-z0-9-]+\.(?:com|net|org|ru|cn|ua|to|info|tv|fm|biz)\b|(?:the|a|one)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:operator|owner|company|site|website|plant|factory|distributor|retailer|shop|store|importer|manufacturer)\b(?!s))"
    # "opened a criminal case against the administrators of X": one case, whoever its target
    r"|\b(?:launched|initiated|opened|instituted)\s+a\s+criminal\s+(?:case|investigation|proceeding)\s+against\s+(?:the|its|a)\b", re.I)
# "only one indictment has been issued"
_SINGLE_TO_COURT = re.compile(r"\b(?:one|a\s+single)\s+(?:criminal\s+)?indictment\s+(?:has\s+been|had\s+been|was|has)\s+"
                              r"(?:issued|filed|returned|handed\s+down|brought)\b"
                              # "the prosecution of a criminal case in 2003": one dated prosecution (round 6)
                              rf"|\bprosecution\s+of\s+(?:a|one)\s+(?:[\w-]+\s+){{0,2}}?case\s+in\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:{MONTHS})\.?\s+)?(?:19|20)\d\d\b", re.I)
# round 6, counted single events (the annotators' brief: "a court convicted a vendor" = 1):
# one person convicted or sentenced, the first sentence handed down, one raid, one site shut down
_AGENT = alt(_PERSONS + ("man", "woman", "operator", "owner", "seller", "retailer", "distributor", "trader", "dealer", "hawker",
                         "reseller", "importer", "shopkeeper", "businessman", "uploader", "administrator", "infringer", "student",
                         "manager", "employee"), boundary=False)
_SINGLE_PERSON = re.compile(
    rf"\b(?:a|an|one|the)\s+(?:[\w-]+\s+){{0,4}}?{_AGENT}\s+(?:was|has\s+been|had\s+been)\s+(?:[^.;]{{0,40}}?\band\s+)?"
    r"(?:convicted|sentenced|jailed|imprisoned|(?:found\s+)?guilty)\b"
    rf"|\b(?:convicted|sentenced|jailed)\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,3}}?{_AGENT}\b(?!s)", re.I)
_SINGLE_SENTENCE = re.compile(r"\b(?:the\s+first|its\s+first)\s+(?:[\w-]+\s+){0,3}?(?:sentence|conviction)\s+(?:(?:for|in|on|under|against)\s+(?:[\w-]+\s+){0,5}?)?"
                              r"(?:was|has\s+been|had\s+been)\s+(?:handed\s+down|issued|imposed|obtained|secured|pronounced|delivered|won)\b", re.I)
_SINGLE_RAID = re.compile(r"\b(?:in|during)\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?raid\b(?!s)[^.;]{0,60}?"
                          + alt(_SEIZED_PP + ("took custody", "arrested", "discovered", "recovered")), re.I)
_SINGLE_SITE = re.compile(r"\b(?:(?:shut|shutting|took|taken|taking)\s+down|closed(?:\s+down)?|closing(?:\s+down)?|blocked)\s+(?:the|a|an|one)\s+"
                          r"(?:[\w.'\u2019-]+\s+){0,4}?(?:web\s*site|site|portal|tracker)\b(?!s)", re.I)
# "worked with X to shut down a site": done; "urged the police to shut down the site": not
_TO_BEFORE = re.compile(r"\bto\s+$", re.I)
_COOPERATED_BEFORE = re.compile(r"\b(?:cooperated|co-operated|worked|collaborated|partnered|teamed\s+up|joined\s+forces)\b[^;]{0,100}$", re.I)

# ---- round 9: single events as a class ---------------------------------------------------------
# One reported event is 1 (the annotators' brief). _ONE_EVENTS names, for each class of event, its
# feature and unit and the words of its three forms; every form's regex is built from the table:
#   act      an agent's past verb with one object: "police raided an informal market", "a court
#            convicted the owner" (the agent is checked by the engine: _agent_ok)
#   passive  one subject and a past passive (was / has been / had been; "had been" only after a
#            singular noun): "the site was shut down", "the P2P service X was found guilty", "the
#            owner of the chain was indicted"
#   noun     one event noun (a, an, one, a single; the / its / X's first, only, largest, longest ...)
#            done by a past verb before it ("opened an investigation", "had its first criminal
#            prosecution", "handed down the country's first conviction", "the imposition of the
#            longest prison sentence"; an agent's), dated ("a January 1998 raid", "a raid in 1993"),
#            or followed by its result ("a raid ... netted 30 000 cassettes", "a raid was carried out")
# The conditions common to all are the engine's (extract): no hypothetical or question, no modal or
# intention before the event or after it in its clause, no negation before it, no statute words
# around a sentence noun, the document's country's (_here; not done in or by the United States: the
# US's Section 301 investigations and WTO cases are no enforcement), and an act's or a done noun's
# agent an enforcer (_ENFORCER: police, customs, a court, prosecutors, the government, ... or the
# country itself) in its clause. Confidence 0.7 (0.85 where "one" or "a single" is written).
_ONE_DET = r"(?:a|an|one|a\s+single|the|another|its|his|her|their|this|that)"
# function words: no modifier of an event noun, and what may follow an act's one object
_ONE_FUNCTION_WORDS = ("to|in|on|at|for|from|with|by|of|and|or|but|as|after|before|during|since|under|over|into|against|than"
                       "|was|were|is|are|has|have|had")
_ONE_FUNCTION = rf"(?:{_ONE_FUNCTION_WORDS})"
_ONE_MODS = rf"(?:(?!{_ONE_FUNCTION}\b)[\w.'\u2019()&-]+(?<![^s]s)\s+){{0,5}}?"
# one noun: singular (not "...s", but "...ss"), no pronoun, no "a number of"
_ONE_HEAD = (rf"(?P<head>(?!(?:{_ONE_FUNCTION_WORDS}|who|which|that|whom|whose|number|series|lot|couple|total|majority|host|range|variety|dozen|handful|wave|spate"
             r"|string|flurry|pair|group|bunch|few|part|one)\b)[a-z][\w-]*(?<![^s]s))\b(?!\s+of\b)(?!['\u2019]s\b)")
# (no pronoun: "He was sentenced to ..." tells again of a person named before)
_ONE_NP = rf"{_ONE_DET}\s+{_ONE_MODS}{_ONE_HEAD}"
_ONE_FIRST = r"(?:(?:its|their|the|his|her|(?:the\s+)?[\w-]+(?:'s|\u2019s))\s+(?:first|only|largest|longest|biggest|harshest|toughest|heaviest|second|third))"
_ONE_NOUN_DET = rf"(?:(?P<one>one|a\s+single)|a|an|{_ONE_FIRST})"
_ONE_DATE = rf"(?:(?:early|late|mid)[\s-]+)?(?:(?:{MONTHS})\.?\s+)?(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b"
# what a noun may be the modifier of ("a raid unit", "the prosecution rate"): no event then
_ONE_NOT_EVENT_AFTER = (r"(?!\s+(?:rates?|offices?|services?|units?|system|process|procedures?|capacity|powers?|authority|team|division|department|"
                        r"rules?|record|statistics|figures|data|levels?|program\w*|plans?|strategy|efforts?|warrants?|orders?|requests?|laws?))")
_ONE_RESULT = ("netted", "seized", "confiscated", "yielded", "uncovered", "recovered", "turned up", "resulted in", "led to", "discovered")
_ONE_EVENTS = (
    # (feature, unit, act verbs, passive participles, event nouns, nouns that may be dated or have a result, verbs that do the noun,
    #  whole phrasings written out (round 6), each with its unit)
    ("raids", None, ("raided",), ("raided",), ("raid",), ("raid",), _CARRIED_OUT + ("undertook",),
     ((_SINGLE_RAID, None),)),
    ("criminal_cases_initiated", None, (), (), ("investigation", "criminal investigation", "criminal case", "criminal proceeding", "probe"), (),
     ("initiated", "opened", "launched", "instituted", "started", "began", "commenced", "filed"),
     ((_SINGLE_INITIATED, None),)),
    ("criminal_cases_to_court", None, ("indicted",), ("indicted",),
     ("indictment", "criminal prosecution", "prosecution"), ("indictment",), ("had", "filed", "issued", "returned", "brought", "secured"),
     ((_SINGLE_TO_COURT, None),)),
    ("criminal_convictions", "persons", ("convicted", "sentenced", "jailed"),
     ("convicted", "sentenced", "jailed", "imprisoned", "found guilty"),
     ("conviction", "guilty verdict", "prison sentence", "jail sentence", "prison term", "jail term"),
     ("conviction", "guilty verdict", "prison sentence", "jail sentence"),
     ("obtained", "secured", "won", "handed down", "issued", "delivered", "achieved", "recorded", "had", "imposed", "imposition of"),
     ((_SINGLE_CONVICTION, "cases"), (_SINGLE_PERSON, "persons"), (_SINGLE_SENTENCE, "cases"))),
    ("websites_closed", None, (), ("shut down", "closed", "closed down", "blocked", "taken down", "taken offline", "disabled"), (), (), (),
     ((_SINGLE_SITE, None),)),
)
# websites: only a site is the subject of a closure
_ONE_SITE_NP = r"(?:web\s*site|site|portal|tracker)(?:\s+[\w.-]+)?"    # one ("sites were" has no "was")
_BE_PAST = r"(?:,?\s*(?:which|who)\s+)?\s*(?:was|has\s+been|had\s+been)\s+(?:(?:also|later|subsequently|recently|successfully|finally|eventually|reportedly|formally|then)\s+)?"
# a passive is searched from its verb ("was found guilty"); its one subject is then read before it
# (_ONE_SUBJECT: searching from every "the" and "a" of a sentence would cost far more)
_BE_PAST_VERB = r"\b(?:was|has\s+been|had\s+been)\s+(?:(?:also|later|subsequently|recently|successfully|finally|eventually|reportedly|formally|then)\s+)?"
_ONE_SUBJECT = re.compile(rf"(?<![\w-]){_ONE_NP}(?:\s*,?\s*(?:which|who))?\s*$", re.I)


def _one_forms() -> dict:
    """The single-event table as regexes: regex -> (feature, unit, form)."""
    out = {}
    for feature, unit, act, passive, nouns, dated, doing, written in _ONE_EVENTS:
        for rx, written_unit in written:    # first: where a written phrasing and a built form both match, the written one's unit
            out[rx] = (feature, written_unit, "written")
        noun_rx = alt(nouns) + r"(?!s)" + _ONE_NOT_EVENT_AFTER
        if act:
            # the object's noun ends its phrase ("sentenced the former employees" is no "sentenced the former")
            out[re.compile(rf"\b{alt(act)}\s+(?:{_ONE_DET}\s+{_ONE_MODS}{_ONE_HEAD}|(?P<name>[a-z][\w-]*\b)(?!\s+(?:of|and|or)\b))"
                           rf"(?=\s*(?:[.,;:()]|$)|\s+(?:{_ONE_FUNCTION_WORDS}|who|which|that|where|when|because|while|near|outside|inside)\b)", re.I)] = (feature, unit, "act")
        if passive:
            if feature == "websites_closed":
                out[re.compile(rf"(?<![\w-])(?:{_ONE_SITE_NP}){_BE_PAST}{alt(passive)}", re.I)] = (feature, unit, "site")
            else:
                out[re.compile(rf"{_BE_PAST_VERB}{alt(passive)}", re.I)] = (feature, unit, "passive")
        if doing:
            out[re.compile(rf"\b{alt(doing)}\s+{_ONE_NOUN_DET}\s+(?:[\w-]+\s+){{0,3}}?{noun_rx}", re.I)] = (feature, unit, "done")
        if dated:
            dated_rx = alt(dated) + r"(?!s)" + _ONE_NOT_EVENT_AFTER
            out[re.compile(rf"\b{_ONE_NOUN_DET}\s+(?:[\w-]+\s+){{0,3}}?{_ONE_DATE}\s+(?:[\w-]+\s+){{0,3}}?{dated_rx}", re.I)] = (feature, unit, "dated")
            out[re.compile(rf"\b{_ONE_NOUN_DET}\s+(?:[\w-]+\s+){{0,4}}?{dated_rx}\s+(?:in|on|during)\s+{_ONE_DATE}", re.I)] = (feature, unit, "dated")
            out[re.compile(rf"\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,4}}?{dated_rx}\b[^.;]{{0,60}}?(?:{alt(_ONE_RESULT)}"
                           rf"|\b(?:was|has\s+been|had\s+been)\s+{alt(_CARRIED_OUT)})", re.I)] = (feature, unit, "result")
    return out


_ONE_FORMS = _one_forms()
# an enforcer in the clause before an act or a done noun (or the document's country, see _agent_ok)
_ENFORCER = re.compile(r"\b(?:police\w*|customs|authorit(?:y|ies)|government|officials|officers|agents?|agency|prosecutors?|prosecution|"
                       r"procura\w*|attorney|courts?|judges?|judiciary|tribunal|ministry|inspectors?|task\s+force|units?|fiscal\w*|"
                       r"gendarmerie|guard|department|directorate|bureau|commission|administration|enforcement)\b", re.I)
# the US's own actions (Section 301 investigations, WTO cases) and trade bodies' are no enforcement
# ("U.S." outside the \b...\b group: no word boundary follows its last full stop)
_NOT_ENFORCER = re.compile(r"\b(?:united\s+states|usg|ustr|ambassador|wto|section\s+301|special\s+301|dispute|iipa|bsa|alliance|association)\b|\bu\.\s?s\.", re.I)
_US_AFTER = re.compile(r"[^.;]{0,50}?\b(?:in|by)\s+(?:the\s+)?(?:united\s+states|u\.\s?s\.)", re.I)
# a clause ends at ";", ":", "but", ... or a full stop not after a capital ("U.S. prosecutors" is one clause)
_CLAUSE_START = re.compile(r".*(?:(?<!(?-i:[A-Z]))\.|[;:]|\bbut\b|\bwhile\b|\bwhereas\b)", re.I | re.S)
# a sentence that comments on an event told before ("This was the first time that a court ...")
_RESTATED = re.compile(r"\W*(?:this|that|it|which)\s+(?:was|is|marks|marked|represents|represented|became)\s+the\s+first\b", re.I)
_ONE_WORD = re.compile(r"\b(?:one|a\s+single)\b", re.I)
_MODAL_AFTER = re.compile(r"[^.;]{0,60}?" + _MODAL_ALT, re.I)
_ENTITY_HEAD = re.compile(r"\b(?:site|website|service|company|firm|corporation|business|platform|network|tracker|portal|store|shop|plant|factory|case)\b", re.I)
_NOT_A_NAME = frozenset(MONTHS.split("|")) | {"in", "on", "at", "and", "or", "the", "some", "many", "several", "most", "all", "both",
                                              "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
                                              "thousands", "numerous", "various", "more", "over", "nearly", "about", "every", "each", "any"}


class _Span:
    """Where an event was found, for _here (which reads a group's start and end)."""
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end

# No outcome at all, reported as the outcome of a period: "there have been no convictions under the
# new law", "not a single conviction was recorded in 2008", "not aware of any successful
# prosecutions in 2012" give 0 (not "no convictions are possible without a complaint", "few if
# any cases", "no action", nor a raid on one place: only aggregate criminal outcomes).
_ZERO_MODS = r"(?:(?:criminal|ipr|copyright|piracy|trademark|further|new|such|final|actual|\w+-related)\s+){0,3}"
_ZERO_NOUN = (r"(?P<noun>convictions?|guilty\s+verdicts?|successful\s+(?:criminal\s+)?prosecutions?|prosecutions|indictments?"
              r"|criminal\s+(?:cases?|investigations?|proceedings?))\b")
_ZERO_RULES = tuple(re.compile(rx.replace("{N}", _ZERO_MODS + _ZERO_NOUN), re.I) for rx in (
    r"\bthere\s+(?:(?:have|has|had)\s+(?:yet\s+to\s+be\s+(?:any|a\s+single)|(?:so\s+far\s+|still\s+|since\s+)?been\s+"
    r"(?:no|not\s+(?:a\s+single|one|any)))|(?:were|was)\s+no)\s+{N}",
    r"\b(?:no|not\s+(?:a\s+)?single|not\s+one)\s+{N}[^.;]{0,60}?\b(?:(?:have|has|had)\s+(?:yet\s+)?been|were|was)\s+"
    r"(?:(?:so\s+far|ever|yet)\s+)?(?:recorded|obtained|secured|handed\s+down|achieved|initiated|opened|filed|reported|registered|won|issued|brought)\b",
    r"\b(?:resulted|ended|culminated)\s+in\s+no\s+{N}",
    r"\b(?:produced|yielded)\s+no\s+{N}",
    r"\bnot\s+aware\s+of\s+any\s+{N}",
    r"\b(?:has|have|had)\s+(?:yet\s+to\s+(?:see|secure|obtain|record|achieve|win)|not\s+(?:yet\s+)?"
    r"(?:secured|obtained|recorded|achieved|won|seen))\s+(?:a\s+single|any)\s+{N}",
    # "none of the cases has resulted in a conviction"
    r"\bnone\s+of\s+(?:the|these|those)\s+(?:[\w-]+\s+){0,3}?(?:cases|prosecutions)\b[^.;]{0,40}?\b(?:has|have|had)\s+(?:yet\s+|ever\s+)?"
    r"(?:resulted|ended)\s+in\s+(?:a\s+)?(?P<noun>convictions?|guilty\s+verdicts?)\b",
))
# round 6: "one conviction in 1998 but none since then", "did not make any arrests or convictions in
# 2008", "has yet to successfully prosecute a case" (no conviction), "both were acquitted"
_ZERO_RULES += tuple(re.compile(rx.replace("{N}", _ZERO_MODS + _ZERO_NOUN), re.I) for rx in (
    r"\b(?P<noun>convictions?|indictments?|prosecutions?)\b[^.;]{0,60}?\bbut\s+none\s+since\b",
    r"\b(?:did|has|have|had)\s+not\s+(?:yet\s+)?(?:make|made|obtain(?:ed)?|secured?|record(?:ed)?|achieved?|win|won|report(?:ed)?|"
    r"hand(?:ed)?\s+down|issued?)\s+any\s+(?:(?:[\w-]+\s+){1,2}(?:or|and)\s+)?{N}",
    r"\b(?:has|have|had|is|are|was|were)\s+yet\s+to\s+(?P<noun>successfully)\s+prosecute\s+(?:a|any|one|a\s+single)\b",
    r"\b(?:both|all\s+(?:three|four|five|six|seven|eight|nine|ten|\d+|of\s+them))\s+(?:(?:defendants|suspects|accused)\s+)?"
    r"(?:were|have\s+been|had\s+been)\s+(?P<noun>acquitted)\b",
))
# "no one has been convicted under the law", "not one person was sentenced"
_ZERO_RULES += (re.compile(r"\b(?:no\s+one|not\s+(?:a\s+single|one)\s+" + alt(_PERSONS) + r")\s+(?:has|had|was)\s+(?:yet\s+|ever\s+|so\s+far\s+)?been\s+(?P<noun>convicted|sentenced|jailed|imprisoned)\b", re.I),)
# round 7: "no one has ever served time in prison for piracy", "nobody has served a jail sentence"
# (not "no one convicted of X has served time": convictions there were)
_ZERO_RULES += (re.compile(r"\b(?:no\s+one|nobody|not\s+(?:a\s+single|one)\s+" + alt(_PERSONS) + r")\s+(?:has|had)\s+"
                           r"(?:yet\s+|ever\s+|so\s+far\s+|actually\s+)?(?P<noun>served)\s+(?:any\s+)?(?:(?:time|a\s+day)\s+in\s+(?:prison|jail)"
                           r"|(?:a\s+)?(?:prison|jail)\s+(?:sentences?|terms?|time))\b", re.I),)
# round 9: the negation in front ("in no case has a pirate been jailed"); cases that "have resulted
# in convictions" or "have been prosecuted" under "no" (any modifiers: "no criminal end-user cases")
_ZERO_RULES += tuple(re.compile(rx, re.I) for rx in (
    r"\bin\s+no\s+(?:instance|case)s?\s+(?:has|have|had)\s+(?:a|an|any)\s+(?:[\w-]+\s+){0,3}?(?:(?:yet|ever)\s+)?(?:been\s+(?P<noun>convicted|sentenced|jailed|imprisoned)\b"
    r"|(?P<noun2>served)\s+(?:any\s+|a\s+)?(?:(?:time|a\s+day)\s+in\s+(?:prison|jail)|(?:prison|jail)\s+(?:sentences?|terms?|time))\b)",
    r"\bno\s+(?:[\w-]+\s+){0,5}?(?:cases|prosecutions)\s+(?:have|has|had)\s+(?:(?:yet|ever|so\s+far)\s+)?(?:resulted|ended)\s+in\s+(?:a\s+)?(?P<noun>convictions?|guilty\s+verdicts?)\b",
    r"\bno\s+(?:[\w-]+\s+){0,5}?cases\s+(?:have|has|had)\s+(?:(?:yet|ever|so\s+far)\s+)?been\s+(?:successfully\s+)?(?P<noun>prosecuted)\b",
))
_ZERO_FEATURES = (("served", "criminal_convictions", "persons"), ("convicted", "criminal_convictions", "persons"), ("acquitted", "criminal_convictions", "persons"), ("sentenced", "criminal_convictions", "persons"),
                  ("jailed", "criminal_convictions", "persons"), ("imprisoned", "criminal_convictions", "persons"),
                  ("conviction", "criminal_convictions", "cases"), ("guilty", "criminal_convictions", "cases"),
                  ("successful", "criminal_convictions", "cases"), ("prosecution", "criminal_cases_to_court", None),
                  ("indictment", "criminal_cases_to_court", None), ("criminal", "criminal_cases_initiated", None),
                  ("prosecuted", "criminal_cases_to_court", None))
_ZERO_SPECIFIC = re.compile(r"\s+(?:against|of)\s+(?:the|this|that|its|his|her|their)\b", re.I)   # one matter, not a period
_ZERO_YEAR = re.compile(r"[^;]{0,80}?\b(?:in|during|for)\s+((?:19[5-9]|20[0-4])\d)\b", re.I)
_NEG_BEFORE = re.compile(alt(NEGATIONS) + r"[^.;,]{0,25}$", re.I)




def _low(rx: re.Pattern) -> re.Pattern:
    """A re.I regex for lower-cased ASCII text: the same matches at the same offsets, but literal
    alternatives without re.I let the engine skip impossible branches at once."""
    assert rx.flags & re.I
    return re.compile(lowered_pattern(rx.pattern), rx.flags & ~re.I)


class _Fast:
    """rx.search for lower-cased ASCII text, fast: the pattern lower-cased and compiled without re.I,
    and a leading word boundary (which stops the engine from skipping ahead to the first literal
    character) tested on each hit instead. Only where every match starts with a word character,
    so that the boundary means "no word character before it"."""
    __slots__ = ("rx", "bound")

    def __init__(self, rx: re.Pattern, bound: bool):
        self.rx, self.bound = rx, bound

    def search(self, low: str):
        rx = self.rx
        m = rx.search(low)
        if not self.bound:
            return m
        while m is not None:
            p = m.start()
            if p == 0 or not (low[p - 1].isalnum() or low[p - 1] == "_"):
                return m
            m = rx.search(low, p + 1)
        return None


def _fast(rx: re.Pattern) -> _Fast | None:
    """The _Fast form of a re.I regex (None where it cannot be built)."""
    from re import _constants as c, _parser as sre_parse

    def starts_with_word_char(items) -> bool:
        if not items:
            return False
        op, av = items[0]
        if op is c.LITERAL:
            return chr(av).isalnum()
        if op is c.SUBPATTERN:
            return starts_with_word_char(list(av[-1].data))
        if op is c.BRANCH:
            return all(starts_with_word_char(list(alt.data)) for alt in av[1])
        return False

    if not rx.flags & re.I:
        return None
    try:
        pattern = lowered_pattern(rx.pattern)
        flags = rx.flags & ~re.I
        alts = top_alternatives(pattern)
        bound = all(a.startswith("\\b") and starts_with_word_char(list(sre_parse.parse(a[2:], flags).data)) for a in alts)
        return _Fast(re.compile("|".join(a[2:] for a in alts) if bound else pattern, flags), bound)
    except (ValueError, re.error):
        return None


# On ASCII sentences (s.low has the same offsets) this runs on the lower-cased text.
_ANY_COUNT_CAT_LOW = re.compile(lowered_pattern(
    _NOUN_GAP + "(?:" + "|".join(noun for name, noun in _CAT_NOUNS if name != "goods") + ")"))
# a bare year is a count only as "1971 IPR-related raids were conducted": at most two modifiers, a
# noun in lower case, and no preposition or date word before it ("In 2004 the ...", "in late 2007
# conducted raids", "of 2008 launched inspections")
_YEAR_COUNT = re.compile(_NOUN_GAP.replace("{0,4}?", "{0,2}?")
                         + "(?:" + "|".join(noun for name, noun in _CAT_NOUNS if name != "goods") + ")")
_YEAR_NOT_COUNT_BEFORE = re.compile(rf"\b(?:in|of|for|since|by|until|till|from|to|through|during|between|and|late|early|mid|fiscal|"
                                    rf"year|the|before|after|as\s+of|{MONTHS})[\s,-]*$", re.I)
# all classes in one regex, a group each: the lazy gap stops at the nearest noun of any class (the
# class listed first on a tie); and the same right after another noun ("pirate websites")
_CLASS_GROUPS = "|".join(f"(?P<{name}>{noun})" for name, noun in _CAT_NOUNS)
_NEAREST = re.compile(_NOUN_GAP + "(?:" + _CLASS_GROUPS + f"|(?P<stop>{_STOP_NOUNS}))", re.I)
_NEAREST_LOW = _low(_NEAREST)
_HEAD = re.compile(r"[\s\"'-]+(?:" + _CLASS_GROUPS + ")", re.I)
_HEAD_LOW = _low(_HEAD)
def _singular(text: str) -> bool:
    """Whether the last word of text is a singular noun ("pirate", "CD"; not "discs", "people")."""
    parts = text.rsplit(None, 1)
    word = parts[-1].lower() if parts else ""
    return not ((word.endswith("s") and not word.endswith("ss")) or word in _PERSONS_IRREGULAR or word in ("clothing", "goods"))


# "two CD factories", "seven optical disk production lines": a plural noun right after, or after one
# more modifier, makes the singular noun before it a modifier
_PLURAL_AFTER = re.compile(r"[\s-]+(?:(?!(?:and|or|nor|in|of|for|from|with|at|on|to|by|were|was|are|is|had|have|has|the|a|an|"
                           r"worth|valued|each|per|than|as|that|which|who|while|but)\b)[a-z][a-z-]{2,}[^s\W]\s+)?"
                           r"(?!(?:remains|includes|involves|represents|means|makes|takes|shows|indicates|suggests|"
                           r"accounts|comes|goes|does|seems|appears)\b)[a-z][a-z-]{2,}s\b")
_PLURAL_AFTER_LOW = re.compile(_PLURAL_AFTER.pattern)   # lower-case already
# what was raided: places ("76 optical disc factories", "50 pharmacies"), any plural noun but people
_RAID_OBJECT = re.compile(r"^\s+(?:[a-z-]+\s+){0,2}?(?:market|shop|store|warehouse|outlet|stall|kiosk|location|site|plant|points\s+of\s+sale|"
                          r"(?!" + alt(_PERSONS_PLURAL + ("times", "years", "months", "days")) + r")[a-z][a-z-]+[^s\W]s)\b")
_BARE_TO_COURT = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:(?:were|was|have\s+been|had\s+been)\s+(?:sent|referred|submitted|forwarded|transferred|brought)\s+to\s+(?:the\s+)?" + _COURT_DEST +
                            r"|(?:have\s+|had\s+)?(?:went|gone|proceeded)\s+to\s+(?:court|trial)|(?:have\s+|had\s+)?reached\s+(?:the\s+)?(?:courts?|trial))", re.I)
_BARE_CONV_OUTCOME = re.compile(r"^\W*(?:of\s+(?:them|these|those)\W+)?(?:have\s+|had\s+)?(?:(?:resulted|ended)\s+(?:in|with)|involved)\s+"
                                r"(?:the\s+imposition\s+of\s+)?(?:a\s+)?(?:criminal\s+)?(?:convictions?|guilty\s+verdicts?|(?:prison|jail)\s+(?:sentences?|terms?))\b", re.I)
# "only 2 of the 25 cases sent to court resulted in convictions"
_OF_THE_OUTCOME = re.compile(r"^\s+of\s+(?:the|these|those)\s+\d[\d,]*\s+[^.;,]{0,80}?\b(?:resulted|ended)\s+(?:in|with)\s+"
                             r"(?:a\s+)?(?:criminal\s+)?(?:convictions?|guilty\s+verdicts?)\b", re.I)
_TAKEN_BEFORE = re.compile(rf"\b(?:taken|took|brought|take|takes|bring|brings)\s+{_APPROX}$", re.I)
_TO_COURT_OBJ_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?to\s+(?:the\s+)?(?:courts?|trial)\b", re.I)
_CHARGE_VERB_BEFORE = re.compile(rf"\b(?:indicted|prosecuted|charged)\s+{_APPROX}$", re.I)
_CHARGED_AFTER = re.compile(r"\W*(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:indicted|prosecuted|charged)\b", re.I)
# "prosecutors filed charges in 45 cases": indictments
_CHARGES_IN_BEFORE = re.compile(rf"\b(?:filed|brought|pressed|laid|issued)\s+(?:criminal\s+)?(?:charges|indictments)\s+in\s+{_APPROX}$", re.I)
# "conducted raids on 45 markets": the raid named before the places raided
_RAID_ON_BEFORE = re.compile(r"\b(?:raids?|inspections?|searches)\s+(?:(?:were|was|have\s+been|had\s+been)\s+" + alt(_CARRIED_OUT) + r"\s+)?"
                             rf"(?:on|of|at|in)\s+{_APPROX}$", re.I)
_CIVIL = re.compile(r"\bcivil\b", re.I)
_BARE_CONVICTED = re.compile(r"^\W*(?:" + alt(_PERSONS + _PERSONS_PLURAL) + r"|of\s+(?:them|these|those|(?:the|these|those)\s+(?:\w+\s+)?"
                             + alt(_PERSONS_PLURAL + ("accused",)) + r"))?\W*"
                             r"(?:were|was|have\s+been|had\s+been)\s+(?:convicted|sentenced|found\s+guilty)", re.I)
# "Three were sentenced ...": a bare numeral opening the sentence counts people of the sentence before
_ANY_WORD_BEFORE = re.compile(r"[a-z]", re.I)
_NOT_TO_COURT = re.compile(r"^\W*(?:\w+\W+){0,3}?to\s+(?:the\s+)?court", re.I)
_TO_COURT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?to\s+(?:the\s+)?(?:courts?|trial)", re.I)
_INIT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:initiated|opened|filed|launched|registered)", re.I)
_PRISON = re.compile(r"imprisonment|prison|jail|\bsentences", re.I)   # a sentence handed down is one person's
_DISC_GOODS = re.compile(r"(?:cds?|dvds?|vcds?|cd-rs?|discs?|disks?|optical)")
# "DVD burners", "CD cases": the disc word names what the goods are for, not the goods
_DISC_MODIFIER = re.compile(r"\s+(?!(?:in|of|for|and|or|were|was|are|at|from|with|on|to|by|during|worth|valued|discs|disks)\b)[a-z][a-z-]+s\b")
_DISC_WORD = re.compile(r"\b(?:CDs?|DVDs?|discs?)\b")
_NEXT_DIGIT = re.compile(r"\d")
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\b|;")
_CLAUSE_END = re.compile(r"[;]|\(compared|\bcompared\b")
_YEAR_SEG_END = re.compile(r"\(compared|\bcompared\b|;")
_VALUED = re.compile(r"valued|worth", re.I)
_BARE_AFTER = re.compile(r"^\s*(?:\)|,|;|\.|$|in\b|under\b|during\b|for\b|at\b|on\b|over\b|and\b|or\b|respectively"
                         r"|(?:the\s+)?(?:previous|preceding|prior)\s+year\b|the\s+year\s+before\b|a\s+year\s+(?:earlier|before)\b)", re.I)
# "48 seizures the previous year", "25 a year earlier": the year before the one the comparison names
_PREV_YEAR_AFTER = re.compile(r"\s*(?:[A-Za-z-]+\s+){0,3}?(?:(?:the\s+)?(?:previous|preceding|prior)\s+year|the\s+year\s+before|a\s+year\s+(?:earlier|before))\b", re.I)
_LIST_COMMA = re.compile(r",\s*(?:and\s+)?$")


# the words a number written out can hold (numbers.py's tables): a sentence without one of them as
# a word has no such number ("a thousand raids" included)
_OPEN_ENDED = frozenset({"hundred", "thousand", "dozen"})
_CURRENCY_AFTER_WORD = tuple(sorted({w.lower() for w in [*CURRENCY_BEFORE, *CURRENCY_AFTER] if w[:1].isalpha()},
                                    key=len, reverse=True))
_NUMBER_WORDS = tuple(sorted({w for w in UNITS_WORDS if w != "zero"} | set(TENS_WORDS) | {"hundred", "thousand", "dozen"}))
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b")
# "Of the 20 defendants, 12 were convicted": a number opening its clause after "of (the)" is the whole
# a part is taken from; its predicate is the part's, so the whole's own predicate ends where the
# part's number begins ("Of 35 cases brought to court in 2009, 10 ended in convictions": 35 sent to
# court, 10 convictions; the 20 defendants are no conviction count)
_PARTITIVE_BEFORE = re.compile(rf"(?:^|[;:,]|\b(?:that|and|but|while|whereas|however|(?:19|20)\d\d))[\W_]*of\s+(?:(?:the|these|those)\s+)?{_APPROX}$", re.I)
# the part: the first number after the whole's noun in its clause that is not a year ("Of the 48
# suspects arrested in 2007, 9 were ...", with or without the comma)
_PARTITIVE_PART = re.compile(r"[^.;]*?(?P<part>(?:,\s*|\s)(?:(?:only|just)\s+)?" + _APPROX + r"(?!(?:19[5-9]|20[0-4])\d\b)"
                             r"(?!\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b)(?:\d|(?:"
                             + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b))", re.I)


def _partitive_part(text: str, start: int, after: str, np_end: int) -> int:
    """Where the part's number begins in `after` when the group at `start` is the whole of a
    partitive opening its clause ("Of the 20 defendants, 12 ..."), else 0."""
    # (searched from 80 characters back: "^" still means the sentence's start, as it matches at 0 only)
    if "of" not in text[max(0, start - 40):start].lower() or not _PARTITIVE_BEFORE.search(text, max(0, start - 80), start):
        return 0
    m = _PARTITIVE_PART.match(after, np_end)
    return m.start("part") if m is not None else 0


def _has_digit(text: str) -> bool:
    """Whether the text holds an ASCII digit, by one-character substring tests (memchr)."""
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text
            or "6" in text or "7" in text or "8" in text or "9" in text)


def _gate(words, low: str) -> bool:
    """Whether the lower-cased text holds one of a regex's gate words (fastmatch.required_words:
    one of them is in every match, so without them the regex cannot match); True without words."""
    if words is None:
        return True
    for w in words:
        if w in low:
            return True
    return False


def _number_word_automaton():
    auto = ahocorasick.Automaton()
    for w in _NUMBER_WORDS:
        # (its length, whether the word may run on into the next one: NUMBER_RE's "a hundred",
        # "a thousand", "a dozen" have no word end)
        auto.add_word(w, (len(w), w in _OPEN_ENDED))
    auto.make_automaton()
    return auto


_NUMBER_WORD_AUTO = _number_word_automaton()


def _has_number_word(low: str) -> bool:
    """Whether the lower-cased text holds a number word as a word (what _NUMBER_WORD.search finds),
    by one Aho-Corasick pass: 'ten' in 'patent' is passed over at C speed."""
    n = len(low)
    for end, (size, open_ended) in _NUMBER_WORD_AUTO.iter(low):
        a = end - size + 1
        if (a == 0 or not (low[a - 1].isalnum() or low[a - 1] == "_")) and \
                (open_ended or end + 1 >= n or not (low[end + 1].isalnum() or low[end + 1] == "_")
                 or low.startswith(_CURRENCY_AFTER_WORD, end + 1)):    # "threeUSD": a number and its currency
            return True
    return False
_DIGITS = "0123456789"
_CURRENCY_WORDS = frozenset(w.rstrip(".") for w in CURRENCY_BEFORE) | {"us"}
_AMOUNT_AFTER = re.compile(r"\s?(?:million|mln|billion|bn|thousand|" + "|".join(sorted(map(re.escape, CURRENCY_AFTER), key=len, reverse=True)) + r")\b")


def _may_have_count(text: str, low: str, plain: str | None, number_word: bool | None = None) -> bool:
    """Whether the sentence may hold a count (a cheap superset of _candidates): a run of digits
    that can start a number (not glued to a word, "R0001", nor inside one, "1,500"; after a
    currency sign or code it can) and is not a bare year, or a year that is a count ("1971
    IPR-related raids") or an amount ("USD 2000", "2000 euros", "2008 million"), or a number word.
    `number_word`: whether it holds a number word, when the caller knows."""
    if _has_digit(text):
        if plain is None:
            return True
        for m in _DIGIT_RUN.finditer(low):
            a, b = m.span()
            c = low[a - 1] if a else " "
            if c.isalpha() or c in "_.,":
                # glued to a word or inside a number: a number only after a currency code ("kzt500",
                # "rs.500"); a run after a comma or point is part of the number before it
                if not low[max(0, a - 6):a].endswith(_CURRENCY_CODES):
                    continue
            if b - a != 4 or not _YEAR_EXACT.fullmatch(low, a, b) or c in _CURRENCY_SIGNS or b < len(low) and low[b] in ",.$" \
                    or _ANY_COUNT_CAT_LOW.match(low[b:b + 40]) or _AMOUNT_AFTER.match(low, b) \
                    or _last_word(low[max(0, a - 12):a]) in _CURRENCY_WORDS:
                return True
    return _has_number_word(low) if number_word is None else number_word


_DIGIT_RUN = re.compile(r"\d+")
_YEAR_EXACT = re.compile(r"19[5-9]\d|20[0-4]\d")
# currency written right before a number: signs, and codes that may be glued to it
_CURRENCY_SIGNS = frozenset(k for k in CURRENCY_BEFORE if len(k) == 1) | {"$"}
_CURRENCY_CODES = tuple(sorted({k for k in CURRENCY_BEFORE if len(k) > 1}, key=len, reverse=True))
_SEIZE_GATE = required_words(_SEIZE)
_SEIZE_FAST = _fast(_SEIZE)
_COMPARED_FAST = _fast(_COMPARED_WORDS)
_COMPARED_GATE = required_words(_COMPARED_WORDS)


_REF_WORDS = frozenset("""part article art arts paragraph para paras no nos number section sec chapter decree law
resolution order item code page annex rule act ref reftel case phase stage level tier class grade round room floor
route channel version volume vol edition top group parts articles""".split())
_MONTH_WORDS = frozenset(MONTHS.split("|"))


def _last_word(before: str) -> str:
    """The word right before a number, lower-cased, without a trailing full stop: the letters that
    end the last whitespace-separated piece ("(USD", "2008)USD" -> "usd")."""
    parts = before.rsplit(None, 1)
    if not parts or before[-1:] not in (" ", "\t", "\n", ".") and not before[-1:].isalpha():
        return ""
    word = parts[-1].lower().rstrip(".")
    m = _TRAILING_LETTERS.search(word)
    return m.group(0) if m else word.lstrip("([\"'\u2018\u201c")     # a sign stays itself ("$", "(€")


_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")


class _Group:
    __slots__ = ("nums", "start", "end", "cat", "unit", "year", "compared", "conf", "part_at", "is_part")

    def __init__(self, nums: list[Num]):
        self.nums = nums
        self.start = nums[0].start
        self.end = nums[-1].end
        self.cat = None
        self.unit = None
        self.conf = 0.85
        self.year = None
        self.compared = False
        self.part_at = -1     # where the part of a partitive whose whole this group is begins (-1: none)
        self.is_part = False  # a part that took its whole's class (a next sentence may name another part)


def _candidates(text: str, low: str | None) -> list[Num]:
    """Numbers that may be counts: not percentages, article numbers, dates or bare years.
    `low` is the lower-cased text when it is ASCII, else None."""
    out = []
    for n in find_numbers(text):
        before = text[max(0, n.start - 25):n.start]
        after = text[n.end:n.end + 40]
        last = _last_word(before)
        if _PERCENT_AFTER.match(after) or ((last in _REF_WORDS or before.endswith(("#", "\u00a7", "$", "# ", "\u00a7 ")))
                                           and not n.currency):
            continue
        if (last in _MONTH_WORDS and not n.is_word) or (not n.currency and _DATE_AFTER.match(after) and n.value <= 31):
            continue
        if n.hi is not None and not n.currency:
            continue  # ranges ("3-6 years") are not counts
        if _DURATION_AFTER.match(after):
            continue  # "nine months", "two-year"
        if n.year_like:
            if low is not None and not _ANY_COUNT_CAT_LOW.match(low[n.end:n.end + 40]):
                continue
            if not _YEAR_COUNT.match(after) or _YEAR_NOT_COUNT_BEFORE.search(before):
                continue
        if n.value <= 0:
            continue
        out.append(n)
    return out


def _groups(text: str, nums: list[Num]) -> list[_Group]:
    groups: list[_Group] = []
    for n in nums:
        if groups and n.currency and groups[-1].nums[-1].currency and _SAME_GROUP_GAP.match(text[groups[-1].end:n.start]):
            groups[-1].nums.append(n)
            groups[-1].end = n.end
        elif groups and n.currency and _SAME_GROUP_GAP.match(text[groups[-1].end:n.start]) and \
                _VALUED.search(text[groups[-1].end:n.start]):
            groups.append(_Group([n]))
        else:
            groups.append(_Group([n]))
    return groups


# ---------------------------------------------------------------- the classification table
#
# A group is classified by the first stage that claims it: its money (a currency), the raid verb
# before it, the noun class after it (first in _NOUNS whose regex matches after the number), a
# stop noun, a plural noun under a seizure verb, else its bare predicate. Within a stage the rules
# of its class are tried in order; the first whose conditions hold gives the feature and unit.
# Every condition names a window of text around the group (see _View) and a regex; its gate words
# (fastmatch.required_words: one of them is in every match) are tested on the window before the
# regex runs, and the pipeline's KEYWORDS are derived from the same rules (see _derive_keywords).


def gate_options(rx: re.Pattern) -> list[frozenset[str]]:
    """Every word set that a regex's matches must hold one word of (fastmatch.required_words gives
    one of them): a literal run of letters and digits, a repeated or grouped item's own options,
    and for alternatives the union of one option of each (the most selective, see _cost)."""
    from re import _constants as c, _parser as sre_parse

    def seq(items) -> list[frozenset[str]]:
        opts, run = [], ""
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL and chr(av).isascii() and chr(av).isalnum():
                run += chr(av).lower()
                continue
            if run:
                opts.append(frozenset({run}))
                run = ""
            if op is c.SUBPATTERN:
                opts.extend(seq(av[-1].data))
            elif op is c.BRANCH:
                alts = [sorted(set(seq(alt.data)), key=_order) for alt in av[1]]
                if all(alts):   # one option of each alternative: the cheapest, the next, ...
                    for k in range(3):
                        opts.append(frozenset().union(*(a[min(k, len(a) - 1)] for a in alts)))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                opts.extend(seq(av[2].data))
        return opts

    return sorted(set(seq(sre_parse.parse(rx.pattern, rx.flags).data)), key=_order)


def _order(words: frozenset[str]) -> tuple:
    """_cost, then the words themselves: the same order in every run (sets iterate by hash)."""
    return _cost(words), sorted(words)


def _cost(words: frozenset[str]) -> float:
    """How often a gate of these words lets text through, roughly: a word of n letters occurs
    in text about 2**-n as often as a single letter (longer words and fewer of them are better)."""
    return sum(2.0 ** -len(w) for w in words)


def _best(options) -> frozenset[str] | None:
    options = [w for w in options if w]
    return min(options, key=_order) if options else None


class When:
    """One condition: `rx` searched (or matched, with how='match') in the window `where`; with
    `neg`, the condition is that it does not. A searched regex is run only where its window
    holds one of its gate words (the most selective set of gate_options: every match holds one)."""
    __slots__ = ("where", "rx", "how", "neg", "gate", "fast")

    def __init__(self, where: str, rx: re.Pattern, how: str = "search", neg: bool = False):
        self.where, self.rx, self.how, self.neg = where, rx, how, neg
        best = _best(gate_options(rx)) if how == "search" else None
        self.gate = tuple(sorted(best, key=lambda w: (-len(w), w))) if best else None
        self.fast = _fast(rx) if how == "search" else None

    def holds(self, v: "_View") -> bool:
        if self.how == "search":
            low = v.low_window(self.where)
            gate = self.gate
            if gate is not None:
                for w in gate:
                    if w in low:
                        break
                else:
                    return self.neg
            if self.fast is not None and v.ascii:
                return (self.fast.search(low) is not None) != self.neg
            return (self.rx.search(v.window(self.where)) is not None) != self.neg
        return (self.rx.match(v.window(self.where)) is not None) != self.neg


class Rule:
    """`feature` (and `unit`) when every clause of `all` holds; a clause is one When or a tuple of
    Whens of which any one must hold. `gate` names what lets a sentence through to the rule (see
    rule_gates): "noun" (the words of its noun class), the index of a clause, or None for the
    most selective of them by _cost."""
    __slots__ = ("feature", "unit", "all", "note", "gate", "confidence", "need")

    def __init__(self, feature: str, unit: str | None = None, all: tuple = (), note: str = "", gate=None,
                 confidence: float = 0.85):
        self.feature, self.unit, self.note, self.gate, self.confidence = feature, unit, note, gate, confidence
        self.need = None     # set by _compile_needs: the words the sentence must hold (see _possible)
        self.all = tuple(c if isinstance(c, tuple) else (c,) for c in all)

    def holds(self, v: "_View") -> bool:
        for clause in self.all:
            for c in clause:
                if c.holds(v):
                    break
            else:
                return False
        return True



_SUBJECT_TAIL = (r")\b(?:\s+(?:initiated|opened|filed))?[^.;,()]{0,70}?\b"
                 r"(?:rose|increased|grew|jumped|fell|dropped|declined|decreased|reached|totall?ed|amounted|stood|was|were|numbered|ranged)"
                 r"(?:\s+(?:slightly|sharply|significantly|substantially|dramatically|steadily|markedly|further|again|considerably))?"
                 rf"\s+(?:to\s+|at\s+|from\s+)?{_APPROX}$")
# The nouns that name a count of a feature before its number (in the order the rules are tried), as the subject of a change ("the number
# of raids rose to 1,500", _SUBJECTS) or as a label ("raids (120)", "inspections: 640", _LABELS):
# feature -> (nouns of both, nouns only of a label). A label takes only plurals; a subject's "totalled
# 3 million" after "administrative fines" or "operations" is a sum or too vague, so those are labels only.
_COUNT_NOUNS = {
    "raids": (r"raids?|inspections", r"raids|inspections|checks|(?:enforcement\s+|police\s+|anti-piracy\s+)?operations"),
    "seizures": (None, r"seizures"),
    "criminal_convictions": (r"convictions?", r"convictions|guilty\s+verdicts"),
    "criminal_cases_to_court": (r"indictments?|prosecutions",
                                r"indictments|prosecutions|cases\s+(?:sent|referred|submitted|transferred)\s+to\s+(?:the\s+)?courts?"),
    "criminal_cases_initiated": (r"criminal\s+cases", r"criminal\s+(?:cases|investigations|proceedings)"),
    "administrative_cases": (r"administrative\s+cases", r"administrative\s+(?:cases|proceedings|penalties|fines|offen[cs]es|violations)"),
    "websites_closed": (r"websites?\s+(?:closed|shut\s+down|blocked)", r"(?:web\s*sites|sites)\s+(?:closed|blocked|shut\s+down|taken\s+down)"),
    "fines": (r"fines", None),    # "Fines in several recent cases have ranged from 10 000 to over 51 000"
}
_SUBJECTS = {feature: re.compile(r"\b(?:" + np + _SUBJECT_TAIL, re.I) for feature, (np, _) in _COUNT_NOUNS.items() if np}
_INDICTMENTS_IN_BEFORE = re.compile(rf"\bindictments?\s+(?:\w+\s+){{0,3}}?in\s+{_APPROX}$", re.I)
_FINES_IN_BEFORE = re.compile(rf"\b(?:fines|administrative\s+penalties)\s+(?:(?:were|have\s+been|had\s+been)\s+)?(?:imposed|issued|levied|assessed)\s+in\s+{_APPROX}$", re.I)
_CASES_AGAINST_BEFORE = re.compile(rf"\b(?:opened|initiated|launched|instituted|filed|started)\s+(?:(?:a|\w+)\s+)?criminal\s+(?:cases|proceedings|investigations|complaints)\s+against\s+{_APPROX}$", re.I)
_CONVICTIONS_IN_BEFORE = re.compile(rf"\b(?:convictions?|guilty\s+verdicts?|sentences)\s+(?:\w+\s+){{0,3}}?in\s+{_APPROX}$", re.I)
# "300 criminal cases are pending", "29 cases are currently being prosecuted": cases open now
_PENDING_AFTER = re.compile(r"^\W*(?:(?:are|were|remain|remained|still|currently|now)\s+){0,3}(?:pending|ongoing|under\s+investigation"
                            r"|awaiting\s+(?:investigation|prosecution))\b", re.I)
# "seven pending piracy cases": the state in the noun phrase
_PENDING_NP = re.compile(r"\b(?:pending|ongoing)\b", re.I)
# "investigations are under way in 15 cases"
_UNDERWAY_IN_BEFORE = re.compile(r"\b(?:investigations?|prosecutions?)\s+(?:(?:are|is|were|was|remain|remained)\s+)?(?:(?:currently|now|still)\s+)?"
                                 rf"(?:under\s*way|underway|ongoing|pending|continuing)\s+in\s+{_APPROX}$", re.I)
# "police are investigating 28 cases": cases open now (a whole word: "investigat" is in every other sentence)
_INVESTIGATING_BEFORE = re.compile(rf"\binvestigating\s+{_APPROX}$", re.I)
# "it investigated 901 intellectual property violations": offences investigated are cases opened (round 10)
_INVESTIGATED_BEFORE = re.compile(rf"\binvestigat(?:ed|ing)\s+{_APPROX}$", re.I)
# one raid or inspection "of two warehouses": its objects are no count of raids (round 10)
_ONE_RAID_OF_BEFORE = re.compile(rf"\b(?:a|an|one|single|the|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:raid|inspection|search)\s+(?:on|of|at|in)\s+{_APPROX}$", re.I)
# a sum of another kind of money ("fines worth more than 3 million", "sales valued at", "losses
# estimated at"): no seizure's value, even in a sentence that names a seizure (round 10)
_OTHER_MONEY_BEFORE = re.compile(r"\b(?:fines?|penalt(?:y|ies)|losses|damages?|sales|revenues?|imports|exports|trade|investments?|compensation|turnover)"
                                 r"\s+(?:\w+\s+)?(?:worth(?:\s+of)?|valued\s+at|value\s+of|estimated\s+at|amount(?:ed|ing)\s+to|totall?(?:ed|ing))\s*"
                                 rf"(?:(?:an\s+)?estimated\s*)?{_APPROX}$", re.I)
# pending matters that are no criminal case: a registry's backlog, a WTO dispute, an appeal, a suit
_NOT_CRIMINAL_PENDING = re.compile(r"\b(?:backlog|office|registry|registrar|wto|disputes?|appeals?|applications?|civil|"
                                   r"administrative|arbitration|tribunal|board|lawsuits?|suits|commercial|tax|labou?r|family|economic|patent)\b", re.I)
_BEING_PROSECUTED_AFTER = re.compile(r"^\W*(?:are|were)\s+(?:(?:currently|now|still)\s+)?being\s+(?:prosecuted|tried)\b", re.I)
_OF_THOSE_CASES = re.compile(r"\s+of\s+(?:the|these|those|them)\b", re.I)
_VERB_ED = re.compile(r"\b[a-z]+ed\b")    # "17 involved prison sentences": cases, not persons
_GOODS_CASE = re.compile(r"[a-z]|[A-Z][A-Z-]*s?$")   # "discs", "DVDs", "CD-Rs": not a name ("Windows")

# "raids (120), seizures (300) and convictions (15)", "inspections: 640; criminal cases: 12": a count
# in brackets or after a colon right after the noun it counts
_LABEL_AFTER = re.compile(r"\s*(?:[);,.]|and\b|$)", re.I)
_LABELS = tuple((feature, "cases" if feature == "seizures" else None, re.compile(rf"\b(?:{np})\s*[(:]\s*{_APPROX}$", re.I))
                for feature, (_, np) in _COUNT_NOUNS.items() if np)
# "seizures of counterfeit goods from Taiwan": the source country's goods seized elsewhere
_FROM_PLACE = re.compile(r"\bfrom\s+(?:the\s+)?[A-Z][a-z]")
# after a figure: planned, not done ("45 raids were planned")
_PLANNED_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:are|were|is|was)\s+(?:\w+\s+)?(?:planned|scheduled|proposed|envisaged|foreseen)\b", re.I)
# a cap ("seize and destroy up to 5,000 items"): no outcome
_UP_TO_BEFORE = re.compile(r"\bup\s+to\s*$", re.I)
# "not one person has been convicted": none (enforcement.zero), not one
_NOT_ONE_BEFORE = re.compile(r"\bnot\s+(?:even\s+)?$", re.I)

# round 6: complaints filed with a prosecutor or the police, or filed for an infringement ("12
# complaints were filed for music piracy"): criminal cases opened (not those with an office or a ministry)
_COMPLAINT_FILED = re.compile(r"^\W*(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:filed|lodged)\b", re.I)
_COMPLAINT_FILED_BEFORE = re.compile(rf"\b(?:filed|lodged)\s+{_APPROX}$", re.I)
_COMPLAINT_CRIMINAL = re.compile(r"\b(?:with|at|to|before)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:prosecutors?|prosecution|attorney|police|procuracy|procuratorate)\b"
                                 r"|^\W*(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:filed|lodged)\s+(?:for|concerning|over)\s+"
                                 r"(?:[\w-]+\s+){0,5}?(?:piracy|counterfeiting|infringements?|violations?|theft)\b", re.I)
_NOT_CRIMINAL_COMPLAINT = re.compile(r"\b(?:civil|administrative|consumers?|ministry|registry|trademark\s+office|patent\s+office)\b", re.I)
# "the courts have completed 150 cases", "judges heard 95 cases": cases in court (not civil courts')
_COURT_HEARD_BEFORE = re.compile(r"\bcourts?\s+(?:(?:have|has|had)\s+)?(?:(?:already|now|so\s+far|also)\s+)?"
                                 r"(?:completed|heard|decided|tried|concluded|handled|resolved|ruled\s+on|adjudicated|disposed\s+of|received|reviewed)\s+"
                                 rf"{_APPROX}$", re.I)
_NOT_CRIMINAL_COURT = re.compile(r"\b(?:civil|commercial|administrative|arbitration|tax|labou?r|family|economic|patent)\s+(?:courts?|tribunals?|judges?|cases?)\b", re.I)
# "cases are pending before the courts", "are awaiting trial": in court (the annotators' brief)
_PENDING_COURT_AFTER = re.compile(r"^\W*(?:(?:are|were|remain|remained|still|currently|now|pending|being\s+heard)\s+){0,3}"
                                  r"(?:(?:before|in)\s+(?:the\s+)?(?:[\w-]+\s+)?courts?|awaiting\s+trial)\b", re.I)
# "another 80 are pending investigation": a bare number of cases open
_BARE_PENDING = re.compile(r"^\s+(?:are|were|remain|remained)\s+(?:still\s+|currently\s+|now\s+)?(?:pending|awaiting)\s+(?:investigation|prosecution)\b", re.I)
_CASES_WORD = re.compile(r"\bcases\b", re.I)
# "investigations led to over 1 000 court cases"
_LED_TO_BEFORE = re.compile(rf"\b(?:led|leading|resulted|resulting)\s+(?:to|in)\s+{_APPROX}$", re.I)
_COURT_NP = re.compile(r"\bcourt\b", re.I)
# "only 2 were accused", "3 were indicted": a bare number brought to court (accused of: an allegation)
_BARE_CHARGED = re.compile(r"^\W*(?:were|was|have\s+been|had\s+been)\s+(?:formally\s+)?(?:indicted|prosecuted|accused|brought\s+to\s+trial|tried)\b(?!\s+of\b)", re.I)
# "revoked the licenses of six plants", "did not renew the licenses of five factories": a sanction
_REVOKED_BEFORE = re.compile(r"\b(?:revoked|suspended|not\s+renew(?:ed)?|refused\s+to\s+renew|declined\s+to\s+renew)\s+"
                             rf"(?:the\s+)?(?:[\w-]+\s+)?licen[cs]es\s+of\s+{_APPROX}$", re.I)
# "fines of only 16", "amounted to fines of about 150" (a sum named after its noun, no currency left)
_FINES_OF_BEFORE = re.compile(rf"\bfines?\s+of\s+{_APPROX}$", re.I)
# "the vendor was fined 1 500", "the court fined the company 3 million"; "imposed a 3.4 million fine"
_FINED_BEFORE = re.compile(rf"\bfined\s+(?:(?:the|a|an|each|its|his|her|their)\s+(?:[\w-]+\s+){{1,3}}?)?{_APPROX}$", re.I)
_FINE_NOUN_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?fine\b", re.I)     # one fine: "a 3.4 million fine" ("174 fines" counts them)
_A_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.I)
_STATUTE_AROUND = re.compile(alt(_STATUTE_SET + ("liable", "provides", "provide", "can", "each", "per")) + _MAY, re.I)
# the parts of a partitive with no predicate of their own ("Of the 73 raids ..., 42 were against CD
# vendors"): the whole's class
_PART_DESC = re.compile(r"\s+(?:(?:were|was)\s+(?:" + alt(_PART_VERBS) + r"\s+)?(?:against|for|on|at|in\s+connection\s+with|related\s+to|about|over)"
                        r"|(?:involved|concerned|targeted|related\s+to))\b", re.I)
# "350 000 pirated and 80 000 blank DVDs": the first number shares the second's noun
_ELLIPSIS_GAP = re.compile(r"\s+(?:counterfeit|fake|pirated|pirate|illegal|illicit|infringing|unlicensed|smuggled|blank|recorded|burned|copied|finished|original|imported)"
                           r"\s+(?:and|or)\s+$", re.I)
# a list with semicolons in parallel: "Eight complaints were filed for X; four for Y; and two for Z"
_SEMI_GAP_END = re.compile(r";\s*(?:and\s+)?$")
_PREP_AFTER = re.compile(r"\s+(for|against|on|in)\b", re.I)



# rules that several noun classes hold (a Rule object each, as a Rule's needs depend on its class)
def _cases_against(note: str) -> Rule:
    """"opened criminal cases against 14 sites / 35 vendors / 12 companies": cases opened."""
    return Rule("criminal_cases_initiated", None, (When("before", _CASES_AGAINST_BEFORE),), note)


def _revoked(note: str) -> Rule:
    """"revoked the licenses of six plants / 12 companies", "did not renew the licenses of five": a sanction."""
    return Rule("administrative_cases", None, (When("before", _REVOKED_BEFORE),), note, gate="revoked")


# noun class -> its rules, in order (the noun classes are tried in the order of _NOUNS)
_RULES: dict[str, tuple[Rule, ...]] = {
    # a sum of money: a seizure's value or fines (not what a law provides)
    "money": (
        Rule("seizures", None, (When("before40", _VALUED_BEFORE), When("sentence", _SEIZE), When("before", _OTHER_MONEY_BEFORE, neg=True))),
        Rule("fines", None, ((When("clause80", _FINE), When("before40", _FINE)), When("statute", _STATUTORY, neg=True),
                             (When("sentence", _LAW_PENALTY, neg=True), When("around", _FINE_OUTCOME)))),
    ),
    # "police raided 76 optical disc factories": the verb names the class before any noun does
    "raided": (
        Rule("raids", None, (When("before", _RAID_VERB_BEFORE), When("after", _RAID_OBJECT, "match"))),
        Rule("raids", None, (When("before", _RAID_ON_BEFORE), When("after", _RAID_OBJECT, "match"), When("before", _ONE_RAID_OF_BEFORE, neg=True))),
    ),
    "websites_closed": (
        Rule("websites_closed", None, ((When("before40", _CLOSE), When("pred50", _CLOSE)),)),
        _cases_against("opened criminal cases against 14 sites"),
    ),
    "labelled": tuple(Rule(feature, unit, (When("before", rx), When("after", _LABEL_AFTER, "match")), gate=0)
                      for feature, unit, rx in _LABELS),
    "raids": (Rule("raids", None, (When("before", _SHUT_BEFORE, neg=True),), gate="noun"),),
    # a stop noun ("three former employees", "six plants") counts only as these
    "stop": (
        Rule("criminal_convictions", "persons", (When("after", _AGENTS_CONVICTED, "match"),), "three former employees were guilty"),
        _revoked("revoked the licenses of six plants"),
        Rule("seizures", "premises", ((When("before", _SEIZE_OBJECT_BEFORE), When("pred", _SEIZED_AFTER, "match"),
                                       When("before", _SEIZURE_OF_BEFORE)),
                                      When("np", _PREMISES_NP)), "customs impounded four cigarette plants"),
    ),
    "complaints": (
        Rule(None, None, (When("before_np", _NOT_CRIMINAL_COMPLAINT),)),
        Rule("criminal_cases_initiated", None, ((When("pred", _COMPLAINT_FILED, "match"), When("before", _COMPLAINT_FILED_BEFORE)),
                                                When("pred80", _COMPLAINT_CRIMINAL), When("pred80", _NOT_CRIMINAL_COMPLAINT, neg=True)),
             "40 complaints filed with the prosecutor; 12 complaints were filed for music piracy", gate=0),
    ),
    "seizure_counts": (Rule("seizures", "cases", (When("pred80", _FROM_PLACE, neg=True),), "Customs made 115 seizures", gate="noun"),),
    "raid_actions": (Rule("raids", None, ((When("before", _RAID_LAUNCH_BEFORE), When("pred", _RAID_LAUNCH_AFTER, "match")),)),),
    "administrative_cases": (Rule("administrative_cases"),),
    "convictions_noun": (
        Rule("criminal_convictions", "persons", (When("np", _PRISON), When("np", _VERB_ED, neg=True))),
        Rule("criminal_convictions"),
    ),
    "indictments": (Rule("criminal_cases_to_court"),),
    "criminal_complaints": (
        Rule("criminal_cases_initiated", None, ((When("pred", _INITIATED, "match"), When("before", _INIT_VERB_BEFORE)),)),
    ),
    "violations": (Rule("criminal_cases_initiated", None, (When("before", _INVESTIGATED_BEFORE),), "it investigated 901 IP violations"),),
    "cases": (   # the predicate ends at the next number
        Rule("administrative_cases", None, (When("np", _ADMIN_PRED),)),
        Rule("administrative_cases", None, (When("before", _FINES_IN_BEFORE),), "fines were imposed in 1,250 cases"),
        Rule(None, None, (When("before_np", _CIVIL),)),     # "filed 300 civil cases": no criminal case
        Rule("criminal_cases_to_court", None, (When("before", _COURT_HEARD_BEFORE), When("before_np", _NOT_CRIMINAL_COURT, neg=True)),
             "the courts have completed 150 cases", gate=0),
        Rule("criminal_cases_to_court", None, (When("before", _LED_TO_BEFORE), When("np", _COURT_NP)), "led to 1 000 court cases", gate=1),
        # "the first of seven pending cases went to trial": open cases, whatever one of them did
        Rule("criminal_cases_initiated", None, (When("np", _PENDING_NP), When("before_np", _NOT_CRIMINAL_PENDING, neg=True),
                                                When("pred80", _NOT_CRIMINAL_PENDING, neg=True)), "seven pending piracy cases", gate=0),
        Rule("administrative_cases", None, (When("before", _ADMIN_PRED), When("before_np", _CRIMINAL, neg=True))),
        Rule("criminal_cases_initiated", None, (When("pred", _INITIATED, "match"),), gate=0),
        Rule("criminal_cases_initiated", None, (When("before", _INIT_VERB_BEFORE), When("pred", _NOT_TO_COURT, "match", neg=True)), gate=0),
        Rule("criminal_cases_initiated", None, (When("before", _INVESTIGATING_BEFORE), When("before_np", _NOT_CRIMINAL_PENDING, neg=True)),
             "police are investigating 28 cases", gate=0),
        Rule("criminal_cases_to_court", None, (When("pred60", _TO_COURT),), gate=0),
        Rule("criminal_cases_to_court", None, (When("before", _TO_COURT_VERB_BEFORE), When("pred", _TO_COURT_AFTER, "match")), gate=1),
        Rule("criminal_convictions", "cases", (When("pred_clause80", _CONV_OUTCOME),)),
        Rule("criminal_cases_initiated", None, (When("np", _CRIMINAL), When("pred", _INIT_AFTER, "match")), gate=1),
        Rule("criminal_convictions", "cases", (When("pred40", _CONVICTED),)),
        Rule("criminal_cases_to_court", None, (When("pred", _PENDING_COURT_AFTER, "match"), When("before_np", _NOT_CRIMINAL_COURT, neg=True),
                                               When("pred80", _NOT_CRIMINAL_COURT, neg=True)), "40 cases are pending before the courts"),
        Rule("criminal_cases_initiated", None, ((When("pred", _PENDING_AFTER, "match"), When("before", _UNDERWAY_IN_BEFORE)),
                                                When("before_np", _NOT_CRIMINAL_PENDING, neg=True), When("pred80", _NOT_CRIMINAL_PENDING, neg=True)),
             "300 criminal cases are pending; investigations are under way in 15 cases", gate=0),
        Rule("criminal_cases_to_court", None, (When("pred", _BEING_PROSECUTED_AFTER, "match"),), "29 cases are being prosecuted"),
        # "indictments were issued in 19 cases", "convictions were obtained in 12 cases"
        Rule("criminal_cases_to_court", None, (When("before", _INDICTMENTS_IN_BEFORE),)),
        Rule("criminal_cases_to_court", None, (When("before", _CHARGES_IN_BEFORE),)),
        Rule("criminal_convictions", "cases", (When("before", _CONVICTIONS_IN_BEFORE),)),
    ),
    "persons": (
        _cases_against("launched criminal proceedings against 35 vendors"),
        Rule("criminal_convictions", "persons", ((When("pred50", _CONVICTED), When("before", _CONV_VERB_BEFORE),
                                                  When("pred", _RECEIVED_SENTENCES, "match")),), gate="prison"),
        Rule("criminal_cases_to_court", None, ((When("before", _CHARGE_VERB_BEFORE), When("pred", _CHARGED_AFTER, "match")),),
             "prosecutors indicted 870 suspects; 15 vendors were prosecuted"),
        Rule("criminal_cases_to_court", "persons", (When("before", _TAKEN_BEFORE), When("after", _TO_COURT_OBJ_AFTER, "match")),
             "prosecutors have taken 567 suspects to court", gate=0),
        Rule("administrative_cases", "persons", (When("pred80", _ADMIN_PRED),)),
    ),
    "entities": (
        _cases_against("filed criminal complaints against 12 companies"),
        Rule("criminal_cases_initiated", None, (When("before", _INVESTIGATING_BEFORE),), "is investigating nine other manufacturers"),
        _revoked("revoked the licenses of 12 companies"),
        Rule("administrative_cases", "entities", (When("pred80", _ADMIN_PRED),)),
    ),
    "goods": (   # the unit is read from the goods word (_goods_unit)
        Rule("seizures", "goods", (When("sentence", _SEIZE), When("goods", _GOODS_CASE, "match"))),
    ),
    "plural_goods": (
        # "seized two pirate CD factories", "the seizure and destruction of three plants": premises
        # seized (unit: the premises noun, set in _classify), not goods
        Rule("seizures", "premises", ((When("before", _SEIZE_OBJECT_BEFORE), When("pred", _SEIZED_AFTER, "match"),
                                       When("before", _SEIZURE_OF_BEFORE)),
                                      When("np", _PREMISES_NP)), "police seized two pirate CD factories; the seizure of 16 buildings"),
        Rule("seizures", "items", ((When("before", _SEIZE_OBJECT_BEFORE), When("pred", _SEIZED_AFTER, "match")),
                                   When("np", _PREMISES_NP, neg=True))),
    ),
    "bare": (
        Rule("criminal_cases_to_court", None, (When("pred80", _BARE_TO_COURT, "match"),)),
        Rule("criminal_cases_to_court", None, (When("pred80", _BARE_CHARGED, "match"), When("before", _ANY_WORD_BEFORE)), "only 2 were accused"),
        Rule("criminal_cases_initiated", None, (When("pred80", _BARE_PENDING, "match"), When("before100", _CASES_WORD)), "another 80 are pending prosecution"),
        _revoked("did not renew the licenses of five CD factories"),
        Rule("fines", None, (When("before", _FINED_BEFORE), When("statute", _STATUTE_AROUND, neg=True),
                             When("sentence", _LAW_PENALTY, neg=True)), "the vendor was fined 1 500"),
        Rule("fines", None, (When("after", _FINE_NOUN_AFTER, "match"), When("before", _A_BEFORE), When("around", _FINE_OUTCOME),
                             When("statute", _STATUTE_AROUND, neg=True), When("sentence", _LAW_PENALTY, neg=True)),
             "the court imposed a 3.4 million fine", gate=0),
        Rule("fines", None, (When("before", _FINES_OF_BEFORE), When("around", _FINE_OUTCOME),
                             When("statute", _STATUTE_AROUND, neg=True), When("sentence", _LAW_PENALTY, neg=True)),
             "penalties imposed amounted to fines of only 16", gate=0),
        Rule("criminal_convictions", "persons", (When("pred80", _BARE_CONVICTED, "match"), When("before", _ANY_WORD_BEFORE))),
        Rule("criminal_convictions", "cases", ((When("pred80", _BARE_CONV_OUTCOME, "match"), When("after", _OF_THE_OUTCOME, "match")),),
             "... and three resulted in convictions"),
        Rule("criminal_convictions", "persons", (When("after", _AGENTS_CONVICTED, "match"),)),
        # "obtained convictions in 22 of those cases"
        Rule("criminal_convictions", "cases", (When("before", _CONVICTIONS_IN_BEFORE), When("after", _OF_THOSE_CASES, "match"))),
        *(Rule(feature, None, (When("before100", rx),)) for feature, rx in _SUBJECTS.items()),
        # "seizing goods worth more than 500 million", "seized over 17 million of illicit goods",
        # "the confiscation of 125 000 worth of pirated materials": a value whose currency sign
        # was stripped (unit unknown)
        Rule("seizures", None, (When("before40", _VALUED_BEFORE), When("sentence", _SEIZE), When("before", _OTHER_MONEY_BEFORE, neg=True)),
             confidence=0.4),
        Rule("seizures", None, (When("after", _WORTH_OF_AFTER, "match"), When("sentence", _SEIZE)), confidence=0.4),
    ),
}


# ---------------------------------------------------------------- which rules a sentence can fire
#
# Every match of a regex holds a word of each of its gate_options, so a rule can fire only in a
# sentence that holds a word of each option of its noun class and, for each positive clause, of
# each option of one of the clause's conditions. One Aho-Corasick pass over the lower-cased
# sentence finds which of all these words it holds (a bit each); a rule's needs are bit masks.

def _need_options(rx: re.Pattern) -> list[frozenset[str]]:
    """The (at most two most selective) gate_options of rx whose words all have four letters or
    more: shorter words ("to", "of") are in nearly every sentence and would only slow the scan."""
    return [w for w in gate_options(rx) if w and min(map(len, w)) >= 4][:2]


def _options_masks(rx: re.Pattern, bit: dict) -> tuple[int, ...]:
    return tuple(sum(bit[w] for w in words) for words in _need_options(rx))


def _compile_needs() -> tuple[dict[str, int], object]:
    words = set()
    nouns = dict(_NOUNS)
    for rx in [*nouns.values(), *_EVENT_RULES] + [c.rx for rules in _RULES.values() for r in rules for cl in r.all for c in cl]:
        for w in _need_options(rx):
            words |= w
    bit = {w: 1 << i for i, w in enumerate(sorted(words))}
    for name, rules in _RULES.items():
        noun = _options_masks(nouns[name], bit) if name in nouns else ()
        for rule in rules:
            clauses = []
            for clause in rule.all:
                if any(c.neg for c in clause):
                    continue    # a negated condition holds without any word
                clauses.append(tuple(_options_masks(c.rx, bit) for c in clause))
            rule.need = (noun, tuple(clauses))
    import ahocorasick
    auto = ahocorasick.Automaton()
    for w, b in bit.items():
        auto.add_word(w, b)
    auto.make_automaton()
    return bit, auto


def _present(low: str) -> int:
    """The bits of the gate words the lower-cased sentence holds (one Aho-Corasick pass)."""
    mask = 0
    for _, b in _AUTO.iter(low):
        mask |= b
    return mask


def _possible(need, present: int) -> bool:
    noun, clauses = need
    for m in noun:
        if not m & present:
            return False
    for clause in clauses:
        for when in clause:
            for m in when:
                if not m & present:
                    break
            else:
                break      # this condition may hold
        else:
            return False
    return True


def _gate_given(rx: re.Pattern, taken: frozenset, hint: str | None = None) -> frozenset[str] | None:
    """The word set for rx (one word of it in every match, as gate_options) that adds the least to
    the words already `taken` (by _cost; then the most of them reused; then _order): of a sequence
    one item's, of alternatives the union of each one's own best given the others."""
    from re import _constants as c, _parser as sre_parse

    def key(o, have):
        return (hint is not None and hint not in o, _cost(o - have), -len(o & have), _order(o))

    def seq(items, have) -> frozenset | None:
        cands, run = [], ""
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL and chr(av).isascii() and chr(av).isalnum():
                run += chr(av).lower()
                continue
            if run:
                cands.append(frozenset({run}))
                run = ""
            sub = None
            if op is c.SUBPATTERN:
                sub = seq(av[-1].data, have)
            elif op is c.BRANCH:
                sub = frozenset()
                for alt in av[1]:
                    one = seq(alt.data, have | sub)
                    if one is None:
                        sub = None
                        break
                    sub |= one
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                sub = seq(av[2].data, have)
            if sub:
                cands.append(sub)
        return min(cands, key=lambda o: key(o, have)) if cands else None

    return seq(list(sre_parse.parse(rx.pattern, rx.flags).data), taken)


@lru_cache(maxsize=1)
def rule_gates() -> dict[str, tuple[frozenset[str], tuple[re.Pattern, ...]]]:
    """name -> (gate words, the regexes one of which every firing of the rule matches).

    A rule fires only where its noun class and each of its positive conditions match, so the
    gate words of its noun class, or those of each condition of one of its clauses, are a valid
    gate; a Rule's `gate` may restrict the choice ("noun", a clause index, or a word to prefer),
    as _EVENT_GATE does for the event rules. The choice is a greedy cover, then two passes of
    improvement: each rule, and within its regexes each alternative, takes the words that add the
    least (by _cost) to the words the others take (_gate_given), so that the union, the
    pipeline's KEYWORDS, stays small."""
    nouns = dict(_NOUNS)
    choices: dict[str, tuple] = {}     # key -> (hint, candidates: tuples of regexes, all to be gated)
    for name, rules in _RULES.items():
        for i, rule in enumerate(rules):
            if rule.feature is None:
                continue    # a rule that only stops the class gives no fact: no gate needed
            cands = []
            if name in nouns and not isinstance(rule.gate, int):
                cands.append((nouns[name],))
            for k, clause in enumerate(rule.all):
                if any(cond.neg for cond in clause) or rule.gate == "noun" or isinstance(rule.gate, int) and rule.gate != k:
                    continue
                cands.append(tuple(cond.rx for cond in clause))
            if not cands:
                raise ValueError(f"enforcement rule {name}[{i}] ({rule.feature}) has no gate words")
            choices[f"{name}[{i}] {rule.feature}"] = (rule.gate if isinstance(rule.gate, str) and rule.gate != "noun" else None, cands)
    for k, rx in enumerate(_EVENT_RULES):
        choices[f"event[{k}] {rx.pattern[:30]}"] = (_EVENT_GATE.get(k), [(rx,)])

    def pick(key, hint, cands, taken):
        best = None
        for rxs in cands:
            words: frozenset | None = frozenset()
            for rx in rxs:
                one = _gate_given(rx, taken | words, hint)
                if one is None:
                    words = None
                    break
                words |= one
            if not words:
                continue
            rank = (hint is not None and hint not in words, _cost(words - taken), -len(words & taken), _order(words))
            if best is None or rank < best[0]:
                best = (rank, (words, rxs))
        if best is None:
            raise ValueError(f"enforcement rule {key} has no gate words")
        return best[1]

    order = sorted(choices)
    out: dict = {}
    for _ in range(3):
        for key in order:
            taken = frozenset().union(*(w for other, (w, _) in out.items() if other != key))
            out[key] = pick(key, *choices[key], taken)
    return {key: out[key] for key in order}


def _keywords(gates) -> tuple[str, ...]:
    """The union of the rules' gate words, without a word that holds another one."""
    words = frozenset().union(*(w for w, _ in gates.values()))
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


class _View:
    """The windows of text around one group that the conditions read (built lazily), in the
    text's case and lower-cased (gate words are looked up in the latter)."""
    __slots__ = ("text", "low", "g", "after", "before", "low_after", "low_before", "np_end", "cut",
                 "cache", "low_cache", "goods_span", "ascii", "present", "live", "part")

    def __init__(self, text: str, low: str, ascii_low: bool, g: "_Group", present: int = -1, live: dict | None = None):
        self.text, self.low, self.g, self.ascii, self.present = text, low, g, ascii_low, present
        self.live = {} if live is None else live     # class -> the rules the sentence can fire
        a, b = max(0, g.start - 100), g.end + 160
        self.after = text[g.end:b]
        self.before = text[a:g.start]
        if ascii_low:     # the same offsets
            self.low_after, self.low_before = low[g.end:b], low[a:g.start]
        else:
            self.low_after, self.low_before = self.after.lower(), self.before.lower()
        self.np_end = 0
        self.cut = False
        self.goods_span = (0, 0)
        self.part = -1     # where the part of a partitive begins in after (0: none; -1: not looked for)
        self.cache: dict = {}
        self.low_cache: dict = {}

    def reset(self, np_end: int, cut: bool) -> None:
        self.np_end, self.cut = np_end, cut
        if self.part != 0:
            self.part = _partitive_part(self.text, self.g.start, self.after, np_end)
        self.cache.clear()
        self.low_cache.clear()

    def window(self, where: str) -> str:
        if where == "sentence":
            return self.text
        w = self.cache.get(where)
        if w is None:
            w = self.cache[where] = self._window(where, self.after, self.before)
        return w

    def low_window(self, where: str) -> str:
        if where == "sentence":
            return self.low
        w = self.low_cache.get(where)
        if w is None:
            w = self.low_cache[where] = self._window(where, self.low_after, self.low_before)
        return w

    def _window(self, where: str, after: str, before: str) -> str:
        if where == "before":
            return before[-60:]
        if where == "before100":
            return before
        if where == "before40":
            return before[-40:]
        if where == "after":
            return after
        if where == "np":
            return after[:self.np_end]
        if where == "before_np":
            return before[-60:] + after[:self.np_end]
        if where == "goods":
            return after[self.goods_span[0]:self.goods_span[1]]
        if where in ("clause80", "statute", "around"):
            clause = _CLAUSE_END.split(after, maxsplit=1)[0]
            if where == "clause80":
                return clause[:80]
            return before[-60:] + " " + clause[:60 if where == "statute" else 80]
        pred = after[self.np_end:min(self.np_end + 100, self.part) if self.part > 0 else self.np_end + 100]
        if self.cut:
            pred = _NEXT_DIGIT.split(pred, maxsplit=1)[0]
        if where == "pred":
            return pred
        if where == "pred_clause80":
            return _NEXT_CLAUSE.split(pred[:80], maxsplit=1)[0]
        return pred[:int(where[4:])]     # pred40, pred50, pred60, pred80


def _goods_unit(after: str, span: tuple[int, int]) -> str:
    """The unit of seized goods from the goods word at `span`: discs, copies, tons, kg or items."""
    goods = after[span[0]:span[1]].lower()
    end = span[1]
    if _DISC_GOODS.match(goods) and not _DISC_MODIFIER.match(after, end):
        return "discs"
    if goods.startswith("cop"):
        return "copies"
    if goods.startswith("ton"):
        return "tons"
    if goods.startswith("k"):
        return "kg"
    if _DISC_WORD.search(after[:end]) and goods.startswith(("item", "unit", "piece", "article", "product", "goods")):
        return "discs"
    return "items"


def _premises_unit(v: _View) -> str:
    """The unit of premises seized: their noun as written ("factories", "production lines")."""
    found = list(_PREMISES_NP.finditer(v.window("np")))
    return " ".join(found[-1].group(0).lower().split()) if found else "premises"


def _apply(name: str, v: _View) -> bool:
    """Try the rules of one class that the sentence can fire (worked out once per sentence);
    True when one holds (g.cat and g.unit set)."""
    live = v.live.get(name)
    if live is None:
        present = v.present
        live = v.live[name] = tuple(r for r in _RULES[name] if _possible(r.need, present))
    for rule in live:
        if rule.holds(v):
            v.g.cat, v.g.unit, v.g.conf = rule.feature, rule.unit, rule.confidence
            return True
    return False


def _classify(text: str, g: _Group, sentence_has_seize: bool, low: str | None, low_any: str, present: int = -1,
              live: dict | None = None) -> None:
    """Set g.cat (and g.unit) from the table above. `low` is the lower-cased text when it is
    ASCII (noun classes are then matched on it), else None; `low_any` the lower-cased text;
    `present` the bits of the gate words in the sentence (_present; -1: all)."""
    v = _View(text, low_any, low is not None, g, present, live)
    if any(n.currency for n in g.nums):
        _apply("money", v)
        return
    if _apply("raided", v) or _apply("labelled", v):
        return
    if low is not None:
        low_after = low[g.end:g.end + 160]
        subject = low_after
        m = _NEAREST_LOW.match(low_after)
        head = _HEAD_LOW
    else:
        low_after = None
        subject = v.after
        m = _NEAREST.match(subject)
        head = _HEAD
    # the head noun: the nearest noun of any class ("150 cases and obtained convictions" is cases),
    # or the last of a compound of them ("33 pirate websites", "45 CD burners"); a nearer stop noun
    # ("two years imprisonment") ends the search
    if m is not None and m.lastgroup == "stop":
        v.reset(m.end(), False)
        if _apply("stop", v) and g.unit == "premises":
            g.unit = _premises_unit(v)
        return
    best = (m.lastgroup, m.end(), m.span("g") if m.lastgroup == "goods" else None) if m is not None else None
    if best is not None:
        while (m := head.match(subject, best[1])) is not None:
            best = (m.lastgroup, m.end(), m.span("g") if m.lastgroup == "goods" else None)
        name, end, gspan = best
        if _singular(subject[max(0, end - 30):end]) and \
                (pl := (_PLURAL_AFTER_LOW if low_after is not None else _PLURAL_AFTER).match(subject, end)):
            # "two pirate CD factories": a singular noun before a plural one is its modifier; the
            # plural is the head ("312 retail video outlet raids") when it is a noun of a class
            m = (_NEAREST_LOW if low_after is not None else _NEAREST).match(subject[end:])    # (_NOUN_GAP opens with ^)
            best = None
            if m is not None and end + m.end() == pl.end() and m.lastgroup != "stop":
                g0, g1 = m.span("g") if m.lastgroup == "goods" else (0, 0)
                best = (m.lastgroup, end + m.end(), (end + g0, end + g1) if m.lastgroup == "goods" else None)
    if best is not None:
        name, end, gspan = best
        v.reset(end, name == "cases")
        if name == "goods":
            v.goods_span = gspan
            if _apply(name, v):
                g.unit = _goods_unit(v.after, gspan)
            return
        if _apply(name, v) and v.part > 0:
            g.part_at = g.end + v.part
        return
    if sentence_has_seize:
        # goods, or premises after more modifiers ("two multi-million dollar high-tech pirate CD factories")
        for m in (_PLURAL_GOODS.match(v.after), _PREMISES_AFTER.match(v.after)):
            if m:
                v.reset(m.end(), False)
                if _apply("plural_goods", v):
                    if g.unit == "premises":
                        g.unit = _premises_unit(v)
                    return
    v.reset(0, False)
    _apply("bare", v)


def _year(text: str, g: _Group, nxt: _Group | None) -> int | None:
    """The year named right after the group ("... in 2006"), before the next classified group."""
    stop = nxt.start if nxt else len(text)
    seg = text[g.end:stop]
    seg = _YEAR_SEG_END.split(seg, maxsplit=1)[0]
    m = _YEAR_AFTER.match(seg)
    if m:
        return int(m.group(1))
    return None


def extract(s: Sentence, ctx) -> list:
    text = s.text
    low = s.low
    plain = low if plain_text(text) else None     # lower-cased text with the same offsets, ASCII-like
    nums = _candidates(text, plain) if _may_have_count(text, low, plain) else []
    facts = []
    present = None
    if nums:
        present = _present(low)
        has_seize = _gate(_SEIZE_GATE, low) and bool(_SEIZE_FAST.search(plain) if plain is not None else _SEIZE.search(text))
        groups = _groups(text, nums)
        live: dict = {}
        for g in groups:
            _classify(text, g, has_seize, plain, low, present, live)
        # bare numbers in comparisons and lists take the class of the group before them
        for i, g in enumerate(groups):
            if g.cat or i == 0:
                continue
            prev = groups[i - 1]
            if not prev.cat:
                continue
            gap = text[prev.end:g.start]
            after = text[g.end:g.end + 40]
            money_now = any(n.currency for n in g.nums)
            money_prev = any(n.currency for n in prev.nums)
            if money_now != money_prev and not (money_now and prev.cat in ("fines", "seizures")):
                continue
            bare = bool(_BARE_AFTER.match(after))
            if not bare and not money_now:
                continue
            # "from 4,088 in 2007 to 3,000 in 2008": the second figure of a from ... to change
            from_to = _TO_GAP.match(gap) is not None and _FROM_BEFORE.search(text[max(0, prev.start - 30):prev.start]) is not None
            if _COMPARE.search(gap) or _LIST_GAP.match(gap) or _LIST_COMMA.search(gap) or from_to or _YEAR_LIST_GAP.match(gap):
                g.cat, g.conf = prev.cat, prev.conf
                g.compared = bool(_COMPARE.search(gap)) or prev.compared or from_to
                if not money_now:
                    g.unit = prev.unit
        # round 6: the part of a partitive with no predicate of its own takes the whole's class ("Of
        # the 73 raids ..., 42 were against CD vendors"); a number before "pirated and 80 000 blank
        # DVDs" shares the next one's noun; a list in parallel after semicolons ("Eight complaints
        # were filed for X; four for Y") takes its first item's class
        listed = set()
        for i, g in enumerate(groups):
            if g.cat or any(n.currency for n in g.nums):
                continue
            whole = next((w for w in groups[:i] if w.cat and w.part_at != -1 and w.part_at <= g.start <= w.part_at + 12), None)
            if whole is not None and _PART_DESC.match(text, g.end):
                g.cat, g.unit, g.conf = whole.cat, whole.unit, whole.conf
                g.is_part = True
                continue
            if i + 1 < len(groups) and groups[i + 1].cat and not any(n.currency for n in groups[i + 1].nums) \
                    and _ELLIPSIS_GAP.match(text, g.end, groups[i + 1].start):
                g.cat, g.unit, g.conf = groups[i + 1].cat, groups[i + 1].unit, groups[i + 1].conf
                continue
            if i and groups[i - 1].cat and not any(n.currency for n in groups[i - 1].nums):
                # (after the first item, the next ones also where the punctuation was stripped)
                gap = text[groups[i - 1].end:g.start]
                prep = _PREP_AFTER.match(text, g.end)
                if prep is not None and (_SEMI_GAP_END.search(gap) and gap.count(";") == 1
                                         or i - 1 in listed and ";" not in gap and len(gap.split()) <= 14) \
                        and re.search(rf"\b{prep.group(1).lower()}\b", gap, re.I):
                    g.cat, g.unit, g.conf = groups[i - 1].cat, groups[i - 1].unit, groups[i - 1].conf
                    listed.add(i)
        # years: "... in 2006" after the group, else the only year left in the sentence
        attached = set()
        for i, g in enumerate(groups):
            g.year = _year(text, g, next((x for x in groups[i + 1:] if x.cat), None)) if g.cat else None
            if g.year:
                attached.add(g.year)
        own = [(n.start, n.end) for x in groups for n in x.nums]
        sentence_years = _years(text)
        free = [(y, a) for y, a, b in sentence_years if y not in attached and not any(a < e and b > st for st, e in own)
                and not _SINCE_BEFORE.search(text, max(0, a - 30), a)]
        compared_at = (_COMPARED_WORDS.search(text) if plain is None else _COMPARED_FAST.search(plain)) \
            if _gate(_COMPARED_GATE, low) else None
        first_dated = next((x for x in groups if x.year), None)
        for i, g in enumerate(groups):
            if g.year is None and g.cat:
                if i > 0 and groups[i - 1].cat == g.cat and groups[i - 1].year and \
                        _SAME_GROUP_GAP.match(text[groups[i - 1].end:g.start]):
                    g.year = groups[i - 1].year
                    continue
                after_compare = compared_at is not None and compared_at.start() < g.start
                # a year after the comparison word is the comparison's ("538 cases by mid 2007,
                # more than in all of 2006"); of the rest, those in the figure's own clause
                # ("in 1998; in 2011 the office performed 24 inspections") come first
                cands = free if compared_at is None else [(y, a) for y, a in free if a < compared_at.start()]
                lo = text.rfind(";", 0, g.start) + 1
                hi = text.find(";", g.end)
                hi = len(text) if hi == -1 else hi
                free_years = sorted({y for y, a in cands if lo <= a < hi} or {y for y, a in cands})
                if len(free_years) == 1 and not after_compare:
                    g.year = free_years[0]
                elif not free_years and attached and not after_compare:
                    # "Of the 658 cases initiated in 2007, 447 were sent to court"
                    if first_dated is not None and first_dated.start < g.start:
                        g.year = first_dated.year
        # "seized 1.2 million DVDs, 300,000 CDs and 45,000 books in 2007": the year after a list
        # is the year of each of its items
        for i in range(len(groups) - 2, -1, -1):
            g, nxt = groups[i], groups[i + 1]
            if g.cat and g.year is None and nxt.cat == g.cat and nxt.year:
                gap = text[g.end:nxt.start]
                if _LIST_ITEM_GAP.match(gap) and not _COMPARE.search(gap):
                    g.year = nxt.year
        # "from 48 seizures the previous year to 97 in 2009": the year before the other figure's
        for i, g in enumerate(groups):
            if g.cat and "year" in text[g.end:g.end + 60] and _PREV_YEAR_AFTER.match(text, g.end):
                ref = [x for x in groups if x is not g and x.cat == g.cat and x.year
                       and not _PREV_YEAR_AFTER.match(text, x.end)]
                g.year = min(ref, key=lambda x: abs(x.start - g.start)).year - 1 if ref else None
                g.compared = True
        if any(g.cat for g in groups):
            groups = _here(s, ctx, groups)
        for g in groups:
            if not g.cat or _MODAL_BEFORE.search(text, max(0, g.start - 40), g.start) \
                    or _NOT_ONE_BEFORE.search(text, max(0, g.start - 12), g.start) \
                    or _UP_TO_BEFORE.search(text, max(0, g.start - 12), g.start) or _PLANNED_AFTER.match(text, g.end):
                continue
            for n in g.nums:
                if g.cat == "fines":
                    q = qual(currency=n.currency)
                elif g.cat == "seizures" and n.currency:
                    q = qual(unit=n.currency)
                else:
                    q = qual(unit=g.unit)
                facts.append(fact(s, g.cat, format_value(n.value), q, g.year,
                                  "enforcement.compared" if g.compared else "enforcement.part" if g.is_part else "enforcement.numbers", g.conf,
                                  unit=n.currency or g.unit))
    # events without a number: one ("a prosecution ... resulted in a conviction", "charges were
    # pressed against this site") or none ("there have been no convictions under the new law")
    hypothetical = None
    events = _EVENT_GATES if _gate(_EVENT_WORDS, low) else ()
    if events and present is None:
        present = _present(low)
    for rx, need, fast, one in events:
        if not _holds_each(need, present):
            continue
        m = fast.search(plain) if fast is not None and plain is not None else rx.search(text)
        if m is None:
            continue
        if hypothetical is None:
            hypothetical = bool(_HYPOTHETICAL.match(text) or text.rstrip().endswith("?"))
        if hypothetical:
            continue
        if one is not None:     # a single event: _one_event checks each match (a modal before the first hides no later one)
            f1 = _one_event(s, ctx, rx, one, facts, m.start())
            if f1 is not None:
                facts.append(f1)
            continue
        if _MODAL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        if _ZERO_SPECIFIC.match(text, m.end()):
            continue
        noun = (m.group("noun") or m.groupdict().get("noun2") or "").lower()
        feature, unit = next((f, u) for key, f, u in _ZERO_FEATURES if key in noun)
        y = _ZERO_YEAR.match(text, m.end())
        facts.append(fact(s, feature, "0", qual(unit=unit), int(y.group(1)) if y else None, "enforcement.zero", 0.7, unit=unit))
    return facts


def _holds_each(masks: tuple, present: int) -> bool:
    """Whether the sentence's words (`present`) hold a word of each option mask of an event rule."""
    for mask in masks:
        if not mask & present:
            return False
    return True


def _one_event(s: Sentence, ctx, rx: re.Pattern, one: tuple, facts: list, start: int = 0):
    """The fact of the first match (from `start`, where the caller found one) of a single-event form
    (_ONE_EVENTS) whose conditions hold, or None."""
    text = s.text
    feature, unit, form = one
    if any(f.feature == feature and f.value == "1" for f in facts):
        return None     # counted already (a number, or another form)
    if _RESTATED.match(text):
        return None     # "This was the first time a court imposed a prison sentence on ...": told before
    for m in rx.finditer(text, start):
        a, b = m.span()
        if _MODAL_BEFORE.search(text, max(0, a - 40), a) or _NEG_BEFORE.search(text, max(0, a - 40), a) \
                or _MODAL_AFTER.match(text, b) or _US_AFTER.match(text, b):
            continue
        if _TO_BEFORE.search(text, max(0, a - 4), a) and not _COOPERATED_BEFORE.search(text, max(0, a - 130), a):
            continue    # "urged the police to shut down the site": asked for; "worked with X to shut down the site": done
        if form in ("act", "done") and not _agent_ok(s, ctx, a):
            continue
        subject = None
        if form == "passive":
            subject = _ONE_SUBJECT.search(text, max(0, a - 90), a)
            if subject is None:
                continue
        if form == "act" and m.group("name") is not None:
            name = m.group("name")
            if not name[:1].isupper() or name.lower() in _NOT_A_NAME:
                continue     # "raided warehouses", "raided some": no one object named
        if form in ("done", "dated", "result") and _STATUTORY.search(text, max(0, a - 60), min(len(text), b + 60)):
            continue
        if not _here(s, ctx, [_Span(a, b)]):
            continue
        u = unit
        if feature == "criminal_convictions" and form == "passive":
            # "the P2P service X was found guilty": a case; "the owner was sentenced": a person
            u = "cases" if _ENTITY_HEAD.search(subject.group(0)) else "persons"
        elif feature == "criminal_convictions" and form == "act":
            u = "persons"
        elif feature == "criminal_convictions" and form != "written":
            u = "persons" if _PRISON.search(m.group(0)) else "cases"
        said = m.groupdict().get("one") or (form in ("act", "written") and _ONE_WORD.search(m.group(0))) \
            or (subject is not None and _ONE_WORD.search(subject.group(0)))
        return fact(s, feature, "1", qual(unit=u), _first_year(text), "enforcement.single", 0.85 if said else 0.7, unit=u)
    return None


def _agent_ok(s: Sentence, ctx, at: int) -> bool:
    """Whether the clause before `at` names an enforcer (or the document's country) and not the
    United States, the WTO or a trade body as the actor."""
    text = s.text
    lo = max(0, at - 150)
    m = _CLAUSE_START.match(text, lo, at)
    before = text[m.end() if m else lo:at]
    if _NOT_ENFORCER.search(before):
        return False
    if _ENFORCER.search(before):
        return True
    doc = getattr(ctx, "country_iso3", None)
    return bool(doc) and any(iso == doc and lo <= x < at for iso, x, _ in s.countries())


_REGION_WIDE = re.compile(r"(?<!kind\s)\b(?:across|in|throughout)\s+the\s+(?:region|world|continent)\b|\bworld[\s-]?wide\b|\bglobally\b|\bregion-wide\b", re.I)
_AUTHORITY_AFTER = re.compile(r"(?:'s|\u2019s)?\s+(?:national\s+)?(?:police|authorities|customs|courts?|government|prosecutors?|officials|ministry|agencies"
                              r"|Police|Customs|Courts?)\b")
_US_ENFORCER_AFTER = re.compile(r"\s+(?:Customs|customs|CBP|Immigration\s+and\s+Customs|ICE|police|Department\s+of\s+Justice|DOJ|FBI)\b")
# "joint operations with Malaysian customs", "between Guangdong and Hong Kong customs officials": a
# partner of the country's own action, not the actor
_PARTNER_BEFORE = re.compile(r"\b(?:with|between)\b[^.;]{0,50}$", re.I)
_HYPOTHETICAL = re.compile(r"^\W*(?:if|unless|should|were|had\s+(?:the|it|they|police|authorities|customs|courts?|prosecutors?))\b", re.I)
# a figure under a modal or an intention is not a reported outcome ("May 2008" is a month)
_MODAL_BEFORE = re.compile(_MODAL_ALT + r"\s+(?:to\s+)?(?:\w+\s+){0,3}$", re.I)
_SINCE_BEFORE = re.compile(rf"\b(?:since|by|until|through)\s+(?:(?:late|early|mid)[\s-]+)?(?:(?:{MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?)?$", re.I)


def _here(s: Sentence, ctx, groups: list) -> list:
    """The groups whose figures are about the document's country: none when the sentence is
    hypothetical, a question or about the region or the world; else not those whose own stretch
    (from the group before to the group after) names another country as the place or the actor
    ("In Malaysia, ...", "Thai police ..."), nor, when no stretch names one, any group of a
    sentence naming only other countries that way."""
    text = s.text
    if _HYPOTHETICAL.match(text) or text.rstrip().endswith("?") or _REGION_WIDE.search(text):
        return []
    doc = getattr(ctx, "country_iso3", None)
    mentions = s.countries() if doc else ()
    # the United States, often named as the reporter ("U.S. industry"), only as an actor ("U.S. Customs")
    marked = [(iso, a) for iso, a, b in mentions
              if (iso != "USA" and (text[max(0, a - 3):a].lower() == "in " or text[max(0, a - 7):a].lower() == "unlike "))
              or ((_AUTHORITY_AFTER if iso != "USA" else _US_ENFORCER_AFTER).match(text, b)
                  and not _PARTNER_BEFORE.search(text, max(0, a - 60), a))]
    if not marked:
        return groups
    only_foreign = not any(iso == doc for iso, _, _ in mentions)
    kept = []
    for i, g in enumerate(groups):
        lo = groups[i - 1].end if i else 0
        hi = groups[i + 1].start if i + 1 < len(groups) else len(text)
        local = [(abs(a - g.start), iso) for iso, a in marked if lo <= a < hi]
        if (min(local)[1] != doc) if local else only_foreign:
            continue
        kept.append(g)
    return kept


_LAST_YEARS: list = [None, ()]


def _years(text: str):
    """years_in(text), the last answer kept (a sentence asks twice)."""
    if _LAST_YEARS[0] is not text:
        _LAST_YEARS[0], _LAST_YEARS[1] = text, years_in(text)
    return _LAST_YEARS[1]


def _first_year(text: str) -> int | None:
    """The first year of the sentence that is not where a period starts ("filed since 1994":
    a total over the years since, no year of its own)."""
    for y, a, _ in _years(text):
        if not _SINCE_BEFORE.search(text, max(0, a - 30), a):
            return y
    return None


_STATS_YEAR = re.compile(r"\b((?:19|20)\d\d)\s+(?:\w+\s+){0,2}?(?:statistics|figures|data|results)\b"
                         r"|\b(?:statistics|figures|data|results)\s+(?:for|from|of|covering)\s+((?:19|20)\d\d)\b", re.I)


_STATS_GATE = required_words(_STATS_YEAR)


# "Of the 73 raids ..., 42 were against CD vendors. Thirteen were against software piracy.": a
# sentence opening with a bare number and the same predicate names another part of the same whole
_NEXT_PART = re.compile(r"[\s\"']*(?P<n>[A-Za-z]+(?:[\s-][a-z]+)?|\d{1,3}(?:[ ,]\d{3})*|\d+)\s+(?:were|was)\s+"
                        r"(?:" + alt(_PART_VERBS) + r"\s+)?(?:against|for|related\s+to|in\s+connection\s+with)\b")


def _next_parts(facts: list, text: str) -> list:
    """The parts named in the sentence right after a partitive's part (see _NEXT_PART)."""
    from dataclasses import replace
    out = []
    last = {}
    for f in facts:
        if f.extractor == "enforcement.part":
            last[(f.char_start, f.feature)] = f     # the sentence's last part
    for f in last.values():
        m = _NEXT_PART.match(text, f.char_end)
        if m is None:
            continue
        nums = find_numbers(m.group("n"))
        if len(nums) != 1 or nums[0].value <= 0 or nums[0].year_like:
            continue
        end = text.find(".", m.end())
        end = len(text) if end == -1 else end + 1
        out.append(replace(f, value=format_value(nums[0].value), sentence=" ".join(text[m.start("n"):end].split()),
                           char_start=m.start("n"), char_end=end, confidence=min(f.confidence, 0.6)))
    return out


def finalize(facts: list, text: str = "", ctx=None) -> list:
    """Give a year-less figure the year of its paragraph: '2007 statistics show ...' before it, or
    the year of the paragraph's first dated figure ('6,885 cases were initiated in 2008. Some
    4,858 cases were sent to court')."""
    from dataclasses import replace
    if text and any(f.extractor == "enforcement.part" for f in facts):
        facts = facts + _next_parts(facts, text)
    ours = sorted((f for f in facts if f.extractor in ("enforcement.numbers", "enforcement.compared", "enforcement.part")),
                  key=lambda f: f.char_start)
    if not ours or not text:
        return facts
    fixed = {}
    starts = [f.char_start for f in ours]
    # "2007 statistics" / "figures for 2008": searched only in the stretch before the first
    # year-less figure, and only where one of the nouns occurs at all
    first = next((f.char_start for f in ours if f.ref_year is None), None)
    if first is None:
        return facts
    lo_all = max(0, first - 1500)
    region = text[lo_all:max(f.char_end for f in ours)]
    low = region.lower()
    stats = []
    if _gate(_STATS_GATE, low):
        stats = [(lo_all + m.start(), int(m.group(1) or m.group(2))) for m in _STATS_YEAR.finditer(region)]
    stat_pos = [p for p, _ in stats]
    stat_year = [y for _, y in stats]
    for f in ours:
        if f.ref_year is not None:
            continue
        floor = max(0, f.char_start - 1500)
        para = text.rfind("\n\n", floor, f.char_start)
        # a list introduced by "According to 2007 statistics ...:" continues the paragraph before it
        while para != -1 and (text[max(0, para - 40):para].rstrip().endswith((",", ":", ";"))
                              or text[para:para + 6].lstrip().startswith("--")):
            para = text.rfind("\n\n", floor, para)
        lo = max(para + 2 if para != -1 else 0, floor)
        year = None
        k = bisect.bisect_left(stat_pos, f.char_end) - 1
        if k >= 0 and stat_pos[k] >= lo:
            year = stat_year[k]
        else:
            j = bisect.bisect_left(starts, lo)
            for g in ours[j:j + 50]:
                if g.char_start >= f.char_start:
                    break
                if g.ref_year is not None and g.extractor == "enforcement.numbers":
                    year = g.ref_year
                    break
        if year is not None:
            fixed[id(f)] = replace(f, ref_year=year)
    return [fixed.get(id(f), f) for f in facts]


_EVENT_RULES = (*_ZERO_RULES, *_ONE_FORMS)
_EVENT_GATE = {1: "charges"}     # "against" (in the same rule) is far commoner than the length model says
# the single-event forms: gated by their nouns ("site", "investigation"), not by common verbs ("down", "opened")
_EVENT_GATE.update({k: hint for k, rx in enumerate(_EVENT_RULES) if rx in _ONE_FORMS and _ONE_FORMS[rx][2] != "written"
                    for hint in [{"websites_closed": "site", "criminal_cases_initiated": "investigation"}.get(_ONE_FORMS[rx][0])] if hint})
# (regex, its gate words as chosen for KEYWORDS, its _Fast form); a sentence holding none of the
# words of any of them is passed over at once
_BITS, _AUTO = _compile_needs()
# (regex, the masks of its word options: the sentence must hold a word of each, its _Fast form, its
# single-event entry or None; looked up here once: a compiled regex hashes its whole code per lookup)
_EVENT_GATES = tuple((rx, _options_masks(rx, _BITS), _fast(rx), _ONE_FORMS.get(rx)) for rx in _EVENT_RULES)
# every event rule needs one of these (its gate for KEYWORDS): none in the sentence, no event
_EVENT_WORDS = tuple(sorted(frozenset().union(*(w for k, (w, _) in rule_gates().items() if k.startswith("event"))), key=len))
KEYWORDS = _keywords(rule_gates())
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches), derived from the
rules: a sentence holding none of them cannot give an enforcement fact."""
