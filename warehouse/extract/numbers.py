"""Numbers in report prose: digits with commas/decimals, number words, scales, ranges, currencies, years."""
from __future__ import annotations

import re
from dataclasses import dataclass

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
_WORD_NUM = rf"(?:{_W_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_W_SMALL})?)?(?:\s+(?:thousand|million|billion))?|a\s+(?:hundred|thousand|dozen))"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:million|mln|billion|bn|thousand)\b)"

CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "usd": "USD", "r$": "BRL", "brl": "BRL", "kzt": "KZT",
                   "nt$": "TWD", "hk$": "HKD", "rs.": "INR", "uah": "UAH", "rmb": "CNY", "cny": "CNY",
                   "rub": "RUB", "eur": "EUR", "euros": "EUR", "euro": "EUR", "\u20ac": "EUR", "\u00a3": "GBP",
                   "gbp": "GBP", "\u00a5": "JPY", "yen": "JPY"}
CURRENCY_AFTER = {"kzt": "KZT", "tenge": "KZT", "usd": "USD", "dollars": "USD", "us dollars": "USD",
                  "u.s. dollars": "USD", "reais": "BRL", "reals": "BRL", "brl": "BRL", "rubles": "RUB",
                  "roubles": "RUB", "rub": "RUB", "euros": "EUR", "eur": "EUR", "yen": "JPY",
                  "pounds": "GBP", "baht": "THB", "pesos": "MXN", "colones": "CRC", "yuan": "CNY",
                  "rmb": "CNY", "rupees": "INR", "won": "KRW", "lira": "TRY", "hryvnia": "UAH", "hryvnias": "UAH",
                  "hryvnas": "UAH", "uah": "UAH", "rupiah": "IDR", "zloty": "PLN", "zlotys": "PLN", "lei": "RON",
                  "shekels": "ILS", "ringgit": "MYR", "dong": "VND", "rand": "ZAR", "dinars": "DZD", "pln": "PLN",
                  "cny": "CNY", "inr": "INR", "jpy": "JPY", "krw": "KRW", "try": "TRY", "mxn": "MXN", "thb": "THB",
                  "idr": "IDR", "php": "PHP", "vnd": "VND", "ars": "ARS", "clp": "CLP", "cop": "COP", "pen": "PEN"}
_CUR_BEFORE_RE = r"(?:US\$|R\$|NT\$|HK\$|\$|\u20ac|\u00a3|\u00a5|USD|KZT|BRL|RUB|EUR|GBP|UAH|RMB|CNY|Rs\.|euros?)"
_CUR_AFTER_RE = (r"(?:KZT|tenge|USD|U\.S\.\s+dollars|US\s+dollars|dollars|reais|reals|BRL|rubles|roubles|RUB|"
                 r"euros|EUR|yen|pounds|baht|pesos|colones|yuan|RMB|rupees|won|lira|hryvnias?|hryvnas|UAH|rupiah|"
                 r"zlotys?|lei|shekels|ringgit|dong|rand|dinars|PLN|CNY|INR|JPY|KRW|MXN|THB|IDR|PHP|VND)")

# The lookahead after the lookbehind lists every character a match can start with (digit, currency
# sign, or the first letter of a currency code or number word): it changes no match, but the engine
# gives up at once at most word starts instead of trying every alternative there.
NUMBER_RE = re.compile(
    rf"""(?<![\w.,$])(?=[\d$\u20ac\u00a3\u00a5abcefghknorstuz])
    (?:(?P<cur1>{_CUR_BEFORE_RE})\s?)?
    (?:(?P<dig>{_DIGITS})(?P<scale>{_SCALE})?|(?P<word>{_WORD_NUM}))
    (?:(?P<join>\s*(?:-|\u2013|to)\s*)(?P<hi>{_DIGITS})(?P<hiscale>{_SCALE})?)?
    (?:\s?(?P<cur2>{_CUR_AFTER_RE})\b)?
    (?![\w]|\.\d)""",
    re.X | re.I,
)

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
YEAR_RE = re.compile(r"(?<![\w,.$])(19[5-9]\d|20[0-4]\d)(?!\w|,\d|\.\d)")


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


def _scale(s: str | None) -> float:
    if not s:
        return 1.0
    return float(SCALE_WORDS.get(s.strip().lower(), 1))


def word_to_number(words: str) -> float | None:
    """'two hundred and five' -> 205; 'a dozen' -> 12; None when it is not a number phrase."""
    total, cur = 0, 0
    seen = False
    for w in re.split(r"[\s-]+", words.lower().strip()):
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
    """'1,812' -> 1812.0, '92.9' -> 92.9; None when malformed."""
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def find_numbers(text: str, lo: int = 0, hi: int | None = None) -> list[Num]:
    """Every number in text[lo:hi] with its span, parsed value, range end and currency."""
    hi = len(text) if hi is None else hi
    out: list[Num] = []
    pos = lo
    while True:
        m = NUMBER_RE.search(text, pos, hi)
        if m is None:
            break
        pos = m.end()
        end = m.end()
        rng = m.group("hi")
        if rng and "to" in m.group("join").lower():
            lo_txt = m.group("dig") or ""
            hi_v = parse_digits(rng)
            lo_v = parse_digits(lo_txt) if lo_txt else None
            before = text[max(0, m.start() - 6):m.start()].lower()
            if (lo_v is None or hi_v is None or hi_v < lo_v or before.endswith("from ")
                    or (re.fullmatch(r"(19[5-9]\d|20[0-4]\d)", lo_txt) is not None) != (re.fullmatch(r"(19[5-9]\d|20[0-4]\d)", rng) is not None)):
                # "from 91 percent in 2005 to 84" / "from 268 to 658": two numbers, not a range
                end = m.start("join")
                pos = m.start("hi")
                rng = None
        cur = m.group("cur1") or (m.group("cur2") if end == m.end() else None)
        currency = None
        if cur:
            key = re.sub(r"\s+", " ", cur.lower())
            currency = CURRENCY_BEFORE.get(key) if m.group("cur1") else CURRENCY_AFTER.get(key)
        if m.group("dig"):
            v = parse_digits(m.group("dig"))
            if v is None:
                continue
            v *= _scale(m.group("scale"))
            is_word = False
            year_like = (not m.group("scale") and not cur and re.fullmatch(r"(19[5-9]\d|20[0-4]\d)", m.group("dig")) is not None)
        else:
            v = word_to_number(m.group("word"))
            if v is None:
                continue
            is_word = True
            year_like = False
        h = None
        if rng:
            h = parse_digits(rng)
            if h is not None:
                h *= _scale(m.group("hiscale") or m.group("scale"))
        if v > 1e15 or (h is not None and h > 1e15):
            continue
        out.append(Num(v, m.start(), end, text[m.start():end], currency, h, is_word, year_like and h is None))
    return out


def format_value(v: float) -> str:
    """Numbers as gold writes them: '1812', '92.9', '3700000'."""
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def years_in(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, int]]:
    """(year, start, end) of 4-digit years 1950-2049 in text[lo:hi]."""
    hi = len(text) if hi is None else hi
    return [(int(m.group(1)), m.start(), m.end()) for m in YEAR_RE.finditer(text, lo, hi)]
