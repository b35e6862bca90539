"""Enforcement numbers: criminal cases initiated / sent to court, convictions, raids,
administrative cases, seizures, fines, websites closed; each with the year it refers to.

A sentence's numbers are grouped (a sum and its conversion "20,250,755 KZT ($168,056)" are one
group), each group is classified by the noun phrase after it and the predicate around it, and a
bare number in a comparison or list ("compared to 268 in 2006", "7,423 in 2006, and 2,924 in 2005",
"and 54 under Part 3") takes the class of the group it is compared with.
"""
from __future__ import annotations

import bisect
import re

from .common import Sentence, fact, qual
from .fastmatch import lowered_pattern
from .numbers import MONTHS, Num, find_numbers, format_value

KEYWORDS = ("raided", "sentences", "initiated", "opened", "criminal investigation", "to court", "courts", "cases were", "cases had", "cases led", "blocked", "websites", "web sites", "portals", 'convict', 'sentenced', 'imprison', 'jail', 'indict', 'prosecution', 'prosecuted', 'raid', 'operations', 'inspections', 'seiz', 'confiscat', 'netted', 'impound', 'fines', 'fined', 'administrative', 'criminal case', 'cases were', 'cases initiated', 'cases have', 'sent to court', 'shut down', 'closed down', 'taken down', 'charges', 'to trial', 'convicted', 'intercept',)
"""Lower-case literals for the pipeline's one-pass prefilter (any case matches)."""

_NOUN_GAP = (r"^[\s\"']*(?:(?!(?:in|of|for|to|from|with|by|at|on|were|was|had|have|has|are|is|be|been|and|or|including|which|that|who|per|"
             r"during|after|before|against|into|under|over|through|when|where|while|as|across)\b)"
             r"(?:[A-Za-z][\w'-]*|\([^)]{0,40}\))[\s,]+){0,4}?")   # up to 4 modifiers after the number
_CAT_NOUNS = [  # (name, noun-phrase regex applied right after the number, after _NOUN_GAP)
    ("websites_closed", r"(?:web\s*sites?|sites?|portals?|web\s*pages?|domains?)\b"),
    ("raids", r"(?:raids?|operations?|inspections?|searches)\b"),
    ("administrative_cases", r"(?:administrative\s+(?:cases?|proceedings?|penalt\w+|fines|violations?|offen[cs]es?|protocols?|actions?))\b"),
    ("convictions_noun", r"(?:convictions?|imprisonments?|prison\s+sentences?|guilty\s+verdicts?|jail\s+sentences?)\b"),
    ("indictments", r"(?:indictments?|prosecutions?)\b"),
    ("cases", r"(?:cases?|investigations?|proceedings?)\b"),
    ("persons", r"(?:people|persons?|individuals?|defendants?|pirates?|vendors?|offenders?|suspects?|counterfeiters?|men|women)\b"),
    ("entities", r"(?:entities|organi[sz]ations|companies|firms|businesses|enterprises|shops|stores)\b"),
    ("goods", r"(?P<g>copies|discs?|disks?|CDs?|DVDs?|VCDs?|CD-Rs?|optical\s+discs?|items?|units?|pieces?|articles?|products?|goods|toys?|shoes?|watches|"
              r"tons?|tonnes?|kilo(?:gram)?s?|kg|bottles?|boxes|cartons?|packs?|pairs?|cigarettes?|bags?|garments?|clothing|"
              r"cassettes?|tapes?|books?|games?|labels?|containers?|machines?|burners?|replicators?|computers?|pcs?)\b"),
]
_CATS = [(name, re.compile(_NOUN_GAP + noun, re.I)) for name, noun in _CAT_NOUNS]
_STOP_NOUN = re.compile(_NOUN_GAP + r"(?:years?|months?|days?|hours?|weeks?|percent|per\s+cent|times|judges?|officers?|officials?|"
                        r"countries|states|cities|members?|employees?|staff|agents?|students?|users?|downloads?|albums?|songs?|"
                        r"films?|movies?|titles?|brands?|companies|plants?|lines?|stations?|points?|participants?|police)\b", re.I)

_PLURAL_GOODS = re.compile(r"^\s+(?:(?:counterfeit|fake|pirated|illegal|smuggled|infringing|unlicensed)\s+)?(?:[a-z][a-z-]+\s+){0,2}?[a-z][a-z-]{2,}s\b(?!\s+(?:of|in|at|from|for)\b)")
_SEIZE = re.compile(r"\bseiz\w*|\bconfiscat\w*|\bnetted\b|\bimpound\w*|\bapprehend\w*|\bintercept\w*|\bdetained\b|\bconfiscation\b", re.I)
_FINE = re.compile(r"\bfine[sd]?\b|\bpenalt(?:y|ies)\b", re.I)
_CLOSE = re.compile(r"\b(?:closed|shut|taken|took|blocked|brought)\s+down\b|\bclosed\b|\bshut\b|\bblocked\b|\bremoved\b|\bdisabled\b", re.I)
_INITIATED = re.compile(r"^\W*(?:\w+\W+){0,4}?(?:were|was|have\s+been|had\s+been|has\s+been)?\s*(?:initiated|opened|filed|launched|instituted|registered|started|commenced)\b", re.I)
_TO_COURT = re.compile(r"\b(?:sent|referred|submitted|forwarded|transferred|passed|brought|went|gone|proceeded|made\s+it)\s+(?:on\s+)?to\s+(?:the\s+)?(?:courts?|trial|prosecutors?)\b"
                       r"|\breached\s+(?:the\s+)?(?:courts?|trial)\b|\bindicted\b", re.I)
_INIT_VERB_BEFORE = re.compile(r"\b(?:opened|initiated|filed|launched|instituted|registered|started)\s+(?:a\s+total\s+of\s+|some\s+|about\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+)?$", re.I)
_TO_COURT_VERB_BEFORE = re.compile(r"\b(?:sent|referred|submitted|forwarded|transferred|brought)\s+(?:a\s+total\s+of\s+|some\s+|about\s+|over\s+|more\s+than\s+)?$", re.I)
_CONVICTED = re.compile(r"\b(?:convicted|sentenced|imprisoned|jailed|found\s+guilty)\b", re.I)
_CONV_OUTCOME = re.compile(r"\b(?:led|resulted|ended)\s+(?:to|in|with)\s+(?:\w+\s+){0,5}?(?:penalt\w+|convictions?|sentences?)|\bconviction\b", re.I)
_RECEIVED_SENTENCES = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:received|were\s+given|were\s+handed(?:\s+down)?|got|served)\s+(?:\w+\s+){0,2}?(?:sentences?|prison\s+terms?|jail\s+terms?)", re.I)
_RAID_VERB_BEFORE = re.compile(r"\b(?:raided|inspected|searched)\s+(?:a\s+total\s+of\s+|some\s+|about\s+|over\s+|more\s+than\s+)?$", re.I)
_OUTCOME_IN_BEFORE = re.compile(r"\b(?P<o>indictments?|convictions?|guilty\s+verdicts?)\s+(?:\w+\s+){0,3}?in\s+"
                                r"(?:a\s+total\s+of\s+|some\s+|about\s+|over\s+|more\s+than\s+)?$", re.I)
_CONV_VERB_BEFORE = re.compile(r"\b(?:convicted|sentenced|imprisoned|jailed)\s*$", re.I)
_VALUED_BEFORE = re.compile(r"\b(?:valued\s+at|worth(?:\s+of)?|value\s+of|valuing)\s*(?:about|approximately|some|over|more\s+than)?\s*$", re.I)
_STATUTORY = re.compile(r"\b(?:maximum|minimum|up\s+to|as\s+high\s+as|ranging|punishable|permits?|provides?\s+for|could|would|may|might|proposed|propose)\b", re.I)
_COMPARED_WORDS = re.compile(r"compared|versus|up\s+from|down\s+from", re.I)
_SUBJECT_BEFORE = re.compile(
    r"\b(?P<np>raids?|inspections|convictions?|indictments?|prosecutions|criminal\s+cases|administrative\s+cases|"
    r"websites?\s+(?:closed|shut\s+down|blocked))\b(?:\s+(?:initiated|opened|filed))?[^.;,()]{0,50}?\b"
    r"(?:rose|increased|grew|jumped|fell|dropped|declined|decreased|reached|totall?ed|amounted|stood|was|were|numbered)"
    r"\s+(?:to\s+|at\s+|from\s+)?(?:about\s+|some\s+|over\s+|nearly\s+|almost\s+|more\s+than\s+)?$", re.I)
_SUBJECT_CATS = (("raid", "raids"), ("inspection", "raids"), ("conviction", "criminal_convictions"),
                 ("indictment", "criminal_cases_to_court"), ("prosecution", "criminal_cases_to_court"),
                 ("criminal", "criminal_cases_initiated"), ("administrative", "administrative_cases"),
                 ("website", "websites_closed"))
_ADMIN_PRED = re.compile(r"\badministrative(?:ly)?\b", re.I)
_CRIMINAL = re.compile(r"\bcriminal\b", re.I)
_COMPARE = re.compile(r"compared\s+(?:to|with)|\bversus\b|\bvs\.?|\bup\s+from\b|\bdown\s+from\b|\bagainst\b|\bthan\b|\bfrom\b", re.I)
_YEAR_LIST_GAP = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,3}?(?:in|during|for)\s+(?:19|20)\d\d\s*(?:,\s*(?:and\s+)?|and\s+)$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|some\s+|over\s+|nearly\s+|almost\s+|more\s+than\s+)?$", re.I)
_TO_GAP = re.compile(r"^[\s,]*(?:[A-Za-z-]+\s+){0,3}?(?:(?:in|during)\s+(?:19|20)\d\d[\s,]*)?to\s+(?:about\s+|some\s+|over\s+|nearly\s+|almost\s+|more\s+than\s+)?$", re.I)
_LIST_GAP = re.compile(r"^[\s,;()]*(?:and|or)?[\s,]*$", re.I)
_SAME_GROUP_GAP = re.compile(r"^[\s(),]*(?:or|i\.e\.,?|about|approximately|approx\.|some|equivalent\s+to|valued\s+at|worth)?[\s(),$]*$", re.I)
_REF_BEFORE = re.compile(r"(?:\b(?:part|article|art|arts|paragraph|para|paras|no|nos|number|section|sec|chapter|decree|law|resolution|order|item|code|page|annex|rule|act|ref|reftel|case|phase|stage|level|tier|class|grade|round|room|floor|route|channel|version|volume|vol|edition|top|group|parts|articles)\.?|#|\$\s*|\u00a7)\s*$", re.I)
_DATE_CTX = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.I)
_DATE_AFTER = re.compile(rf"^\s*(?:,\s*\d{{4}}|(?:st|nd|rd|th)\b|\s(?:{MONTHS})\b)", re.I)
_YEAR_AFTER = re.compile(rf"^[^;]{{0,80}}?\b(?:in|during|for|of|since)\s+(?:(?:late|early|mid)[\s-]+)?(?:(?:{MONTHS})\.?\s+)?((?:19[5-9]|20[0-4])\d)\b", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|percent|per\s+cent|percentage)", re.I)

_SINGLE_CONVICTION = re.compile(
    r"\b(?:a|one|the\s+first|its\s+first|the\s+only)\s+(?:\w+[\s-]+){0,4}?(?:case|prosecution|trial)\b[^.;]{0,60}?\b(?:resulted|ended)\s+(?:in|with)\s+(?:a\s+)?(?:criminal\s+)?conviction"
    r"|\bsuccessfully\s+(?:concluded|completed|won)\s+(?:a|one|its\s+first)\s+(?:criminal\s+)?(?:prosecution|case|trial)"
    r"|\b(?:one|a)\s+(?:criminal\s+)?case\b[^.;]{0,100}?\b(?:was|has\s+been)\s+successfully\s+prosecuted", re.I)
_SINGLE_INITIATED = re.compile(
    r"\bcharges\s+(?:have|had)?\s*(?:been\s+|were\s+|was\s+)?(?:pressed|filed|brought)\s+against\s+(?:this|the|a|one|that)\b"
    r"|\ba\s+criminal\s+(?:case|investigation|proceeding)\s+(?:was|has\s+been|had\s+been)\s+(?:opened|initiated|filed|launched)", re.I)




def _low(rx: re.Pattern) -> re.Pattern:
    """A re.I regex for lower-cased ASCII text: the same matches at the same offsets, but literal
    alternatives without re.I let the engine skip impossible branches at once."""
    assert rx.flags & re.I
    return re.compile(lowered_pattern(rx.pattern), rx.flags & ~re.I)


# On ASCII sentences (s.low has the same offsets) these run on the lower-cased text. A _CATS
# regex can match only where the union of all of them matches, so one union test rules them out.
_CATS_LOW = [(name, _low(rx)) for name, rx in _CATS]
_ANY_CAT_LOW = re.compile(lowered_pattern(
    _NOUN_GAP + "(?:" + "|".join(noun.replace("(?P<g>", "(?:") for _, noun in _CAT_NOUNS) + ")"))
_ANY_COUNT_CAT_LOW = re.compile(lowered_pattern(
    _NOUN_GAP + "(?:" + "|".join(noun for name, noun in _CAT_NOUNS if name != "goods") + ")"))
_STOP_NOUN_LOW = _low(_STOP_NOUN)
_RAID_OBJECT = re.compile(r"^\s+(?:[a-z-]+\s+){0,2}?(?:markets?|shops?|stores?|premises|warehouses?|outlets?|stalls?|kiosks?|locations?|sites?|factories|plants?|businesses|companies|points\s+of\s+sale)\b")
_BARE_TO_COURT = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:(?:were|was|have\s+been|had\s+been)\s+(?:sent|referred|submitted|forwarded|transferred|brought)\s+to"
                            r"|(?:have\s+|had\s+)?(?:went|gone|proceeded)\s+to\s+(?:court|trial)|(?:have\s+|had\s+)?reached\s+(?:the\s+)?(?:courts?|trial))", re.I)
_BARE_CONV_OUTCOME = re.compile(r"^\W*(?:of\s+(?:them|these|those)\W+)?(?:have\s+|had\s+)?(?:resulted|ended)\s+(?:in|with)\s+"
                                r"(?:a\s+)?(?:criminal\s+)?(?:convictions?|guilty\s+verdicts?)\b", re.I)
# "only 2 of the 25 cases sent to court resulted in convictions"
_OF_THE_OUTCOME = re.compile(r"^\s+of\s+(?:the|these|those)\s+\d[\d,]*\s+[^.;,]{0,80}?\b(?:resulted|ended)\s+(?:in|with)\s+"
                             r"(?:a\s+)?(?:criminal\s+)?(?:convictions?|guilty\s+verdicts?)\b", re.I)
_CHARGE_VERB_BEFORE = re.compile(r"\b(?:indicted|prosecuted|charged)\s+(?:a\s+total\s+of\s+|some\s+|about\s+|over\s+|"
                                 r"more\s+than\s+|nearly\s+|almost\s+)?$", re.I)
_BARE_CONVICTED = re.compile(r"^\W*(?:people|persons?|individuals?|of\s+(?:them|these|those|the\s+(?:\w+\s+)?(?:defendants|accused|suspects|persons|people|individuals)))?\W*"
                             r"(?:were|was|have\s+been|had\s+been)\s+(?:convicted|sentenced|found\s+guilty)", re.I)
_NOT_TO_COURT = re.compile(r"^\W*(?:\w+\W+){0,3}?to\s+(?:the\s+)?court", re.I)
_TO_COURT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?to\s+(?:the\s+)?(?:courts?|trial)", re.I)
_INIT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:initiated|opened|filed|launched|registered)", re.I)
_PRISON = re.compile(r"imprisonment|prison|jail", re.I)
_DISC_GOODS = re.compile(r"(?:cds?|dvds?|vcds?|cd-rs?|discs?|disks?|optical)")
# "DVD burners", "CD cases": the disc word names what the goods are for, not the goods
_DISC_MODIFIER = re.compile(r"\s+(?!(?:in|of|for|and|or|were|was|are|at|from|with|on|to|by|during|worth|valued|discs|disks)\b)[a-z][a-z-]+s\b")
_DISC_WORD = re.compile(r"\b(?:CDs?|DVDs?|discs?)\b")
_NEXT_DIGIT = re.compile(r"\d")
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\b|;")
_CLAUSE_END = re.compile(r"[;]|\(compared|\bcompared\b")
_YEAR_SEG_END = re.compile(r"\(compared|\bcompared\b|;")
_VALUED = re.compile(r"valued|worth", re.I)
_BARE_AFTER = re.compile(r"^\s*(?:\)|,|;|\.|$|in\b|under\b|during\b|for\b|at\b|on\b|and\b|or\b|respectively)", re.I)
_LIST_COMMA = re.compile(r",\s*(?:and\s+)?$")


_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)\b")


def _has_digit(text: str) -> bool:
    """Whether the text holds an ASCII digit, by one-character substring tests (memchr)."""
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text
            or "6" in text or "7" in text or "8" in text or "9" in text)


def _has_number_word_text(low: str) -> bool:
    """Whether the text holds the letters of a _NUMBER_WORD word (sixty, seventy, eighty and ninety
    contain six, seven, eight and nine): without them _NUMBER_WORD cannot match."""
    return ("ten" in low or "one" in low or "two" in low or "three" in low or "four" in low or "five" in low
            or "six" in low or "seven" in low or "eight" in low or "nine" in low or "eleven" in low
            or "twelve" in low or "twenty" in low or "thirty" in low or "forty" in low or "fifty" in low
            or "hundred" in low or "dozen" in low)


_REF_WORDS = frozenset("""part article art arts paragraph para paras no nos number section sec chapter decree law
resolution order item code page annex rule act ref reftel case phase stage level tier class grade round room floor
route channel version volume vol edition top group parts articles""".split())
_MONTH_WORDS = frozenset(MONTHS.split("|"))


def _last_word(before: str) -> str:
    """The word right before a number, lower-cased, without a trailing full stop."""
    parts = before.rsplit(None, 1)
    if not parts or before[-1:] not in (" ", "\t", "\n", ".") and not before[-1:].isalpha():
        return ""
    return parts[-1].lower().rstrip(".").lstrip("(")


class _Group:
    __slots__ = ("nums", "start", "end", "cat", "unit", "year", "compared")

    def __init__(self, nums: list[Num]):
        self.nums = nums
        self.start = nums[0].start
        self.end = nums[-1].end
        self.cat = None
        self.unit = None
        self.year = None
        self.compared = False


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
        if last in _MONTH_WORDS or (not n.currency and _DATE_AFTER.match(after) and n.value <= 31):
            continue
        if n.hi is not None and not n.currency:
            continue  # ranges ("3-6 years") are not counts
        if n.year_like:
            if low is not None:
                if not _ANY_COUNT_CAT_LOW.match(low[n.end:n.end + 40]):
                    continue
            elif not any(rx.match(after) for name, rx in _CATS if name != "goods"):
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


def _classify(text: str, g: _Group, sentence_has_seize: bool, low: str | None = None) -> None:
    """Set g.cat (and g.unit) from the noun phrase after the group and the predicate around it.
    `low` is the lower-cased text when it is ASCII (the fast path), else None."""
    after = text[g.end:g.end + 160]
    before = text[max(0, g.start - 60):g.start]
    money = any(n.currency for n in g.nums)
    if money:
        after_clause = _CLAUSE_END.split(after, maxsplit=1)[0]
        if _VALUED_BEFORE.search(before[-40:]):
            g.cat = "seizures"
        elif (_FINE.search(after_clause[:80]) or _FINE.search(before[-40:])) and \
                not _STATUTORY.search(before[-60:] + " " + after_clause[:60]):
            g.cat = "fines"
        return
    if low is not None:
        low_after = low[g.end:g.end + 160]
        low_before = low[max(0, g.start - 60):g.start]
        cats, subject = (_CATS_LOW if _ANY_CAT_LOW.match(low_after) else ()), low_after
    else:
        cats, subject = _CATS, after
    # "police raided 76 optical disc factories": the verb names the class before any noun does
    if (low is None or "raided" in low_before or "inspected" in low_before or "searched" in low_before) \
            and _RAID_VERB_BEFORE.search(before) \
            and _RAID_OBJECT.match(after):
        g.cat = "raids"
        return
    for name, rx in cats:
        m = rx.match(subject)
        if not m:
            continue
        np_end = m.end()
        pred = after[np_end:np_end + 100]
        if name == "websites_closed":
            if _CLOSE.search(before[-40:]) or _CLOSE.search(pred[:50]):
                g.cat = "websites_closed"
        elif name == "raids":
            g.cat = "raids"
        elif name == "administrative_cases":
            g.cat = "administrative_cases"
        elif name == "convictions_noun":
            g.cat = "criminal_convictions"
            if _PRISON.search(after[:np_end]):
                g.unit = "persons"
        elif name == "indictments":
            g.cat = "criminal_cases_to_court"
        elif name == "cases":
            np = after[:np_end]
            pred = _NEXT_DIGIT.split(pred, maxsplit=1)[0]     # the predicate ends at the next number
            if _ADMIN_PRED.search(np) or (_ADMIN_PRED.search(before[-60:]) and not _CRIMINAL.search(before[-60:] + np)):
                g.cat = "administrative_cases"
            elif _INITIATED.match(pred) or (_INIT_VERB_BEFORE.search(before) and not _NOT_TO_COURT.match(pred)):
                g.cat = "criminal_cases_initiated"
            elif _TO_COURT.search(pred[:60]) or (_TO_COURT_VERB_BEFORE.search(before) and _TO_COURT_AFTER.match(pred)):
                g.cat = "criminal_cases_to_court"
            elif _CONV_OUTCOME.search(_NEXT_CLAUSE.split(pred[:80], maxsplit=1)[0]):
                g.cat, g.unit = "criminal_convictions", "cases"
            elif _INITIATED.match(pred) or (_CRIMINAL.search(np) and _INIT_AFTER.match(pred)):
                g.cat = "criminal_cases_initiated"
            elif _CONVICTED.search(pred[:40]):
                g.cat, g.unit = "criminal_convictions", "cases"
            elif (low is None or " in" in low_before) and (m := _OUTCOME_IN_BEFORE.search(before)):
                # "indictments were issued in 19 cases", "convictions were obtained in 12 cases"
                if m.group("o")[0] in "iI":
                    g.cat = "criminal_cases_to_court"
                else:
                    g.cat, g.unit = "criminal_convictions", "cases"
        elif name == "persons":
            if _CONVICTED.search(pred[:50]) or _CONV_VERB_BEFORE.search(before) or _RECEIVED_SENTENCES.match(pred):
                g.cat, g.unit = "criminal_convictions", "persons"
            elif _CHARGE_VERB_BEFORE.search(before):
                g.cat = "criminal_cases_to_court"      # "prosecutors indicted 870 suspects"
            elif _ADMIN_PRED.search(pred[:80]):
                g.cat, g.unit = "administrative_cases", "persons"
        elif name == "entities":
            if _ADMIN_PRED.search(pred[:80]):
                g.cat, g.unit = "administrative_cases", "entities"
        elif name == "goods":
            word = after[m.start("g"):m.end("g")]
            if sentence_has_seize and (word[0].islower() or word.rstrip("s").isupper()):
                goods = word.lower()
                g.cat = "seizures"
                if _DISC_GOODS.match(goods) and not _DISC_MODIFIER.match(after, m.end()):
                    g.unit = "discs"
                elif goods.startswith("cop"):
                    g.unit = "copies"
                elif goods.startswith("ton"):
                    g.unit = "tons"
                elif goods.startswith("k"):
                    g.unit = "kg"
                else:
                    g.unit = "items"
                if _DISC_WORD.search(after[:m.end()]) and goods.startswith(("item", "unit", "piece", "article", "product", "goods")):
                    g.unit = "discs"
        return
    if (_STOP_NOUN_LOW.match(low_after) if low is not None else _STOP_NOUN.match(after)):
        return
    if sentence_has_seize:
        m = _PLURAL_GOODS.match(after)
        if m and _SEIZE.search(before[-80:] + after[:m.end() + 60]):
            g.cat, g.unit = "seizures", "items"
            return
    # bare number: its own predicate
    pred = after[:80]
    la = low_after[:80] if low is not None else ""
    verbs = low is None or ("sent" in la or "referred" in la or "submitted" in la or "forwarded" in la
                            or "transferred" in la or "convicted" in la or "sentenced" in la
                            or "resulted" in la or "ended" in la or "brought" in la or "went" in la
                            or "gone" in la or "proceeded" in la or "reached" in la)
    if verbs and _BARE_TO_COURT.match(pred):
        g.cat = "criminal_cases_to_court"
    elif verbs and _BARE_CONVICTED.match(pred):
        g.cat, g.unit = "criminal_convictions", "persons"
    elif verbs and (_BARE_CONV_OUTCOME.match(pred) or _OF_THE_OUTCOME.match(after)):
        g.cat, g.unit = "criminal_convictions", "cases"   # "... and three resulted in convictions"
    elif low is None or ("raid" in low_before or "inspections" in low_before or "conviction" in low_before
                         or "indictment" in low_before or "prosecutions" in low_before or "criminal" in low_before
                         or "administrative" in low_before or "website" in low_before):
        # "the number of raids rose to 1,500": the class is named before the number
        m = _SUBJECT_BEFORE.search(before)
        if m:
            np = m.group("np").lower()
            for key, cat in _SUBJECT_CATS:
                if np.startswith(key):
                    g.cat = cat
                    break


def _year(text: str, g: _Group, nxt: _Group | None) -> int | None:
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
    plain = low if text.isascii() else None     # lower-cased text with the same offsets
    nums = _candidates(text, plain) if (_has_digit(text) or (_has_number_word_text(low) and _NUMBER_WORD.search(low))) else []
    facts = []
    if nums:
        has_seize = ("seiz" in low or "confiscat" in low or "netted" in low or "impound" in low or "apprehend" in low
                     or "intercept" in low or "detained" in low) and bool(_SEIZE.search(text))
        groups = _groups(text, nums)
        for g in groups:
            _classify(text, g, has_seize, plain)
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
                g.cat = prev.cat
                g.compared = bool(_COMPARE.search(gap)) or prev.compared or from_to
                if not money_now:
                    g.unit = prev.unit
        # years: "... in 2006" after the group, else the only year left in the sentence
        attached = set()
        for i, g in enumerate(groups):
            g.year = _year(text, g, groups[i + 1] if i + 1 < len(groups) else None) if g.cat else None
            if g.year:
                attached.add(g.year)
        own = [(n.start, n.end) for x in groups for n in x.nums]
        sentence_years = _years(text)
        free_years = sorted({y for y, a, b in sentence_years if not any(a < e and b > st for st, e in own)
                             and not _SINCE_BEFORE.search(text, max(0, a - 12), a)} - attached)
        compared_at = _COMPARED_WORDS.search(text) if plain is None or (
            "compared" in plain or "versus" in plain or "from" in plain) else None
        first_dated = next((x for x in groups if x.year), None)
        for i, g in enumerate(groups):
            if g.year is None and g.cat:
                if i > 0 and groups[i - 1].cat == g.cat and groups[i - 1].year and \
                        _SAME_GROUP_GAP.match(text[groups[i - 1].end:g.start]):
                    g.year = groups[i - 1].year
                    continue
                after_compare = compared_at is not None and compared_at.start() < g.start
                if len(free_years) == 1 and not after_compare:
                    g.year = free_years[0]
                elif not free_years and attached and not after_compare:
                    # "Of the 658 cases initiated in 2007, 447 were sent to court"
                    if first_dated is not None and first_dated.start < g.start:
                        g.year = first_dated.year
        if any(g.cat for g in groups):
            groups = _here(s, ctx, groups)
        for g in groups:
            if not g.cat or _MODAL_BEFORE.search(text, max(0, g.start - 40), g.start):
                continue
            for n in g.nums:
                if g.cat == "fines":
                    q = qual(currency=n.currency)
                elif g.cat == "seizures" and n.currency:
                    q = qual(unit=n.currency)
                else:
                    q = qual(unit=g.unit)
                facts.append(fact(s, g.cat, format_value(n.value), q, g.year,
                                  "enforcement.compared" if g.compared else "enforcement.numbers", 0.85,
                                  unit=n.currency or g.unit))
    # single events without a number: "a prosecution ... resulted in a conviction", "charges were pressed"
    m = _SINGLE_CONVICTION.search(text) if ("convict" in low or "prosecut" in low) and (
        plain is None or "successfully" in plain or ("conviction" in plain and ("resulted" in plain or "ended" in plain))) else None
    if m:
        facts.append(fact(s, "criminal_convictions", "1", "unit=cases", _first_year(text), "enforcement.single", 0.6, unit="cases"))
    m = _SINGLE_INITIATED.search(text) if ("charges" in low or "criminal" in low) and (
        plain is None or ("charges" in plain and "against" in plain)
        or ("criminal" in plain and ("opened" in plain or "initiated" in plain or "filed" in plain
                                     or "launched" in plain))) else None
    if m:
        facts.append(fact(s, "criminal_cases_initiated", "1", "", _first_year(text), "enforcement.single", 0.6))
    return facts


_REGION_WIDE = re.compile(r"\b(?:across|in|throughout)\s+the\s+(?:region|world|continent)\b|\bworldwide\b|\bglobally\b|\bregion-wide\b", re.I)
_AUTHORITY_AFTER = re.compile(r"(?:'s|\u2019s)?\s+(?:national\s+)?(?:police|authorities|customs|courts?|government|prosecutors?|officials|ministry|agencies)\b")
_HYPOTHETICAL = re.compile(r"^\W*(?:if|unless|should|were)\b", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:could|would|might|will|shall|plans?|planned|pledged|promised|intends?|aims?|expects?|hopes?)"
                           r"\s+(?:to\s+)?(?:\w+\s+){0,3}$", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:since|by|until|through)\s+(?:(?:late|early|mid)[\s-]+)?$", re.I)


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
    marked = [(iso, a) for iso, a, b in mentions
              if iso != "USA" and (text[max(0, a - 3):a].lower() == "in " or _AUTHORITY_AFTER.match(text, b))]
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


def _years(text: str):
    from .numbers import years_in
    return years_in(text)


def _first_year(text: str) -> int | None:
    ys = _years(text)
    return ys[0][0] if ys else None


_STATS_YEAR = re.compile(r"\b((?:19|20)\d\d)\s+(?:\w+\s+){0,2}?(?:statistics|figures|data|results)\b"
                         r"|\b(?:statistics|figures|data|results)\s+(?:for|from|of|covering)\s+((?:19|20)\d\d)\b", re.I)


def finalize(facts: list, text: str = "", ctx=None) -> list:
    """Give a year-less figure the year of its paragraph: '2007 statistics show ...' before it, or
    the year of the paragraph's first dated figure ('6,885 cases were initiated in 2008. Some
    4,858 cases were sent to court')."""
    from dataclasses import replace
    ours = sorted((f for f in facts if f.extractor in ("enforcement.numbers", "enforcement.compared")),
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
    if any(w in low for w in ("statistic", "figures", "data", "results")):
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
