"""Numbers in report prose: digits with commas/decimals, number words, scales, ranges, currencies, years."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .fastmatch import lowered_pattern

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000,
               "billion": 1_000_000_000, "bn": 1_000_000_000, "dozen": 12}

_W_UNIT = "|".join(sorted(UNITS_WORDS, key=len, reverse=True))
_W_TENS = "|".join(TENS_WORDS)
_W_SMALL = rf"(?:(?:{_W_TENS})(?:[- ](?:{_W_UNIT}))?|{_W_UNIT})"
# "two dozen raids": 24 ("dozens of" is no number)
_WORD_NUM = rf"(?:{_W_SMALL}(?:\s+dozen\b|\s+hundred(?:\s+(?:and\s+)?{_W_SMALL})?)?(?:\s+(?:thousand|million|billion))?|a\s+(?:hundred|thousand|dozen))"
# thousands grouped by commas ("1,500"), by single spaces as in texts whose commas were stripped
# ("37 300 checks", "10 000"; a space then exactly three digits: "January 1 1996" stays two
# numbers), or not at all ("10000 discs")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ ]\d{3})+(?!\d|,\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:million|mln|billion|bn|thousand)\b)"

CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "usd": "USD", "r$": "BRL", "brl": "BRL", "kzt": "KZT",
                   "nt$": "TWD", "hk$": "HKD", "rs.": "INR", "uah": "UAH", "rmb": "CNY", "cny": "CNY",
                   "rub": "RUB", "eur": "EUR", "euros": "EUR", "euro": "EUR", "\u20ac": "EUR", "\u00a3": "GBP",
                   "gbp": "GBP", "\u00a5": "JPY", "php": "PHP", "pen": "PEN", "mxn": "MXN",
                   "idr": "IDR", "thb": "THB", "inr": "INR", "krw": "KRW", "jpy": "JPY", "ars": "ARS", "clp": "CLP"}
CURRENCY_AFTER = {"kzt": "KZT", "tenge": "KZT", "usd": "USD", "dollars": "USD", "us dollars": "USD",
                  "u.s. dollars": "USD", "reais": "BRL", "reals": "BRL", "brl": "BRL", "rubles": "RUB",
                  "roubles": "RUB", "rub": "RUB", "euros": "EUR", "eur": "EUR", "yen": "JPY",
                  "pounds": "GBP", "baht": "THB", "pesos": "MXN", "colones": "CRC", "yuan": "CNY",
                  "rmb": "CNY", "rupees": "INR", "won": "KRW", "lira": "TRY", "hryvnia": "UAH", "hryvnias": "UAH",
                  "hryvnas": "UAH", "uah": "UAH", "rupiah": "IDR", "zloty": "PLN", "zlotys": "PLN", "lei": "RON",
                  "shekels": "ILS", "ringgit": "MYR", "dong": "VND", "rand": "ZAR", "dinars": "DZD", "pln": "PLN",
                  "cny": "CNY", "inr": "INR", "jpy": "JPY", "krw": "KRW", "mxn": "MXN", "thb": "THB",
                  "idr": "IDR", "php": "PHP", "vnd": "VND", "ars": "ARS", "clp": "CLP", "cop": "COP", "pen": "PEN",
                  "soles": "PEN", "nuevos soles": "PEN"}
# The currency words written before / after a number are the keys of the two tables above.
def _alternation(words) -> str:
    """Longest first, escaped, white space as \\s+ (compiled with re.I)."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


_CUR_BEFORE_RE = _alternation(CURRENCY_BEFORE)
_CUR_AFTER_RE = _alternation(CURRENCY_AFTER)
# every character a NUMBER_RE match can start with: a digit, a currency sign or word, a number word
_FIRST_CHARS = "".join(sorted({w[0].lower() for w in (*CURRENCY_BEFORE, *UNITS_WORDS, *TENS_WORDS, "a")}))

# The lookahead after the lookbehind lists every character a match can start with (digit, currency
# sign, or the first letter of a currency code or number word): it changes no match, but the engine
# gives up at once at most word starts instead of trying every alternative there.
NUMBER_RE = re.compile(
    rf"""(?<![\w.,$])(?=[\d{re.escape(_FIRST_CHARS)}])
    (?:(?P<cur1>{_CUR_BEFORE_RE})\s?)?
    (?:(?P<dig>{_DIGITS})(?P<scale>{_SCALE})?|(?P<word>{_WORD_NUM}))
    (?:(?P<join>\s*(?:-|\u2013|to)\s*)(?P<hi>{_DIGITS})(?P<hiscale>{_SCALE})?)?
    (?:\s?(?P<cur2>{_CUR_AFTER_RE})\b)?
    (?![\w]|\.\d)""",
    re.X | re.I,
)



MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# NUMBER_RE for lower-cased ASCII text (see lowered_pattern)
_NUMBER_LOW = re.compile(lowered_pattern(NUMBER_RE.pattern), NUMBER_RE.flags & ~re.I)
YEAR_RE = re.compile(r"(?<![\w,.$])(19[5-9]\d|20[0-4]\d)(?!\w|,\d|\.\d)")
# The same matches as YEAR_RE, written so that every branch starts with a literal digit: the
# engine then skips to the next '1' or '2' instead of testing the look-behind at every position.
_YEAR_FAST = re.compile(r"(1(?<![\w,.$]1)9[5-9]\d|2(?<![\w,.$]2)0[0-4]\d)(?!\w|,\d|\.\d)")
_YEAR_EXACT = re.compile(r"19[5-9]\d|20[0-4]\d")
_WS_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class Num:
    value: float
    start: int
    end: int
    text: str
    currency: str | None = None
    hi: float | None = None        # upper end of a range "70 to 90"
    is_word: bool = False
    year_like: bool = False        # a bare 4-digit 1950-2049 without commas


def _num(value, start, end, text, currency, hi, is_word, year_like) -> Num:
    """Num(...) built straight into the instance dict: the same object, without the frozen
    dataclass's eight object.__setattr__ calls."""
    n = object.__new__(Num)
    d = n.__dict__
    d["value"] = value
    d["start"] = start
    d["end"] = end
    d["text"] = text
    d["currency"] = currency
    d["hi"] = hi
    d["is_word"] = is_word
    d["year_like"] = year_like
    return n


def _scale(s: str | None) -> float:
    if not s:
        return 1.0
    return float(SCALE_WORDS.get(s.strip().lower(), 1))


_WORD_SPLIT = re.compile(r"[\s-]+")


def word_to_number(words: str) -> float | None:
    """'two hundred and five' -> 205; 'a dozen' -> 12; None when it is not a number phrase."""
    total, cur = 0, 0
    seen = False
    for w in _WORD_SPLIT.split(words.lower().strip()):
        if not w or w == "and":
            continue
        if w == "a":
            cur = 1
            seen = True
        elif w in UNITS_WORDS:
            cur += UNITS_WORDS[w]
            seen = True
        elif w in TENS_WORDS:
            cur += TENS_WORDS[w]
            seen = True
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w == "dozen":
            cur = (cur or 1) * 12
        elif w in ("thousand", "million", "billion"):
            total += (cur or 1) * SCALE_WORDS[w]
            cur = 0
        else:
            return None
    return float(total + cur) if seen or total else None


def parse_digits(s: str) -> float | None:
    """'1,812' -> 1812.0, '37 300' -> 37300.0, '92.9' -> 92.9; None when malformed."""
    try:
        return float(s.replace(",", "").replace(" ", ""))
    except ValueError:
        return None


# Where a NUMBER_RE match can begin in ASCII text (see `_starts`): a currency sign or code (the
# lower-cased literals of _CUR_BEFORE_RE), the first digit of a run of digits, a number word, or
# the "a" of "a hundred".
_CUR_LITERALS = tuple(w for w in CURRENCY_BEFORE if w.isascii())
_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,$")
_DIGITS_ASCII = "0123456789"
_DIGIT_SET = frozenset(_DIGITS_ASCII)


@lru_cache(maxsize=1)
def _start_automaton():
    """Aho-Corasick automaton over lower-cased ASCII text whose value is the offset from a hit's
    end back to the possible match start."""
    auto = ahocorasick.Automaton()
    for w in list(UNITS_WORDS) + list(TENS_WORDS) + list(_CUR_LITERALS) + list(_DIGITS_ASCII):
        auto.add_word(w, len(w) - 1)
    auto.make_automaton()
    return auto


# Non-ASCII characters that are no letter, digit or currency sign and that lower() leaves as they
# are (typographic quotes and dashes, bullets, no-break space, section and paragraph signs): a
# regex written for lower-cased ASCII text finds in text made of ASCII and these the same matches
# as on ASCII text (NTE chapters are full of "’" and "–").
_SAFE_NON_ASCII = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2010\u2011\u2012\u2013\u2014\u2015\u2016\u2022\u2026\u00a0\u00a7\u00b6\u00b7\u2212"
_UNSAFE = re.compile(f"[^\\x00-\\x7f{_SAFE_NON_ASCII}]")


def plain_text(text: str) -> bool:
    """Whether the text is ASCII but for the characters of _SAFE_NON_ASCII: its lower-cased form
    has the same offsets and the lowered regexes match it as they match ASCII text."""
    return text.isascii() or _UNSAFE.search(text) is None


def _starts(text: str, lo: int, hi: int) -> list[int] | None:
    """Sorted positions of text[lo:hi] that can start a NUMBER_RE match (a superset: look-behind
    not checked); None when the text is not plain (plain_text)."""
    if not plain_text(text):
        return None
    auto = _start_automaton()
    low = text.lower()
    digits = _DIGIT_SET
    # a digit right after another digit cannot start a match (the look-behind forbids it)
    out = [end - back for end, back in auto.iter(low, lo, hi)
           if back or end == 0 or low[end] not in digits or low[end - 1] not in digits]
    for w in ("hundred", "thousand", "dozen"):
        i = low.find(w, lo, hi)
        while i != -1:
            k = i - 1
            while k >= 0 and low[k].isspace():
                k -= 1
            if k < i - 1 and k >= 0 and low[k] == "a":
                out.append(k)
            i = low.find(w, i + 1, hi)
    out.sort()
    return out


def find_numbers(text: str, lo: int = 0, hi: int | None = None) -> list[Num]:
    """Every number in text[lo:hi] with its span, parsed value, range end and currency."""
    hi = len(text) if hi is None else hi
    key = (text, lo, hi)
    last = _LAST[0]
    if last[0] == key:
        return list(last[1])
    out = _find_numbers(text, lo, hi)
    _LAST[0] = (key, tuple(out))
    return out


_LAST: list = [(None, ())]   # the last call's key and result: extractors often read the same sentence


def _find_numbers(text: str, lo: int, hi: int) -> list[Num]:
    out: list[Num] = []
    starts = _starts(text, lo, hi)
    match, wordish = _NUMBER_LOW.match, _WORDISH
    low = text.lower() if starts is not None else text
    k, n_starts = 0, (len(starts) if starts is not None else 0)
    pos = lo
    while True:
        if starts is None:
            m = NUMBER_RE.search(text, pos, hi)
        else:
            # NUMBER_RE.search(text, pos, hi), trying only the positions that can start a match
            m = None
            while k < n_starts:
                p = starts[k]
                k += 1
                if p < pos or (p and text[p - 1] in wordish):
                    continue
                m = match(low, p, hi)    # groups are lower-cased; every use below ignores case
                if m:
                    break
        if m is None:
            break
        cur1, dig, scale, word, join, rng, hiscale, cur2 = m.groups()
        start = m.start()
        pos = end = m.end()
        if rng and "to" in join.lower():
            lo_txt = dig or ""
            hi_v = parse_digits(rng)
            lo_v = parse_digits(lo_txt) if lo_txt else None
            before = text[max(0, start - 6):start].lower()
            if (lo_v is None or hi_v is None or hi_v < lo_v or before.endswith("from ")
                    or (_YEAR_EXACT.fullmatch(lo_txt) is not None) != (_YEAR_EXACT.fullmatch(rng) is not None)):
                # "from 91 percent in 2005 to 84" / "from 268 to 658": two numbers, not a range
                end = m.start("join")
                pos = m.start("hi")
                rng = None
        cur = cur1 or (cur2 if end == m.end() else None)
        currency = None
        if cur:
            key = _WS_RUN.sub(" ", cur.lower())
            currency = CURRENCY_BEFORE.get(key) if cur1 else CURRENCY_AFTER.get(key)
        elif dig and start >= 3 and text.startswith("US ", start - 3) and (start == 3 or not text[start - 4].isalnum()) \
                and _YEAR_EXACT.fullmatch(dig) is None:
            # "US 491 million": a dollar amount whose "$" was stripped (capital "US", one space)
            currency = "USD"
            start -= 3
        if dig:
            v = parse_digits(dig)
            if v is None:
                continue
            if scale:
                v *= _scale(scale)
            is_word = False
            year_like = (not scale and not cur and _YEAR_EXACT.fullmatch(dig) is not None)
        else:
            v = word_to_number(word)
            if v is None:
                continue
            is_word = True
            year_like = False
        h = None
        if rng:
            h = parse_digits(rng)
            if h is not None:
                h *= _scale(hiscale or scale)
        if v > 1e15 or (h is not None and h > 1e15):
            continue
        out.append(_num(v, start, end, text[start:end], currency, h, is_word, year_like and h is None))
    return out


def format_value(v: float) -> str:
    """Numbers as gold writes them: '1812', '92.9', '3700000'."""
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def years_in(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, int]]:
    """(year, start, end) of 4-digit years 1950-2049 in text[lo:hi]."""
    hi = len(text) if hi is None else hi
    return [(int(m.group(1)), m.start(), m.end()) for m in _YEAR_FAST.finditer(text, lo, hi)]
