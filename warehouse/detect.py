"""What a document is: kind, reference id, country, report date and the Special 301 review year.

Cables are recognised by their header structure (VZCZC routing line, "DE RUEHxx #0521/01", the
date-time group "R 190430Z MAR 08", "FM AMEMBASSY ASTANA", the classification line
"UNCLAS SECTION 01 OF 04 MOSCOW 000521", TAGS and SUBJECT lines). Post cities map to countries
through warehouse/reference/posts.csv (which also holds the State Department country tags used on
TAGS lines). Page metadata (the corpus header line or the cable viewer's table) is used when
present, the text otherwise. A USTR NTE chapter saved as a file is recognised by its heading
(warehouse/nte.py: chapter_heading), which gives its edition year and usually its country.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .countries import get_index
from .errors import S301Error
from .vocab import DOC_KINDS, NTE_CHAPTER
from .cable_text import CLASS_LINE
from .nte import FIRST_YEAR, LAST_YEAR, chapter_heading
from .nte import report_date as nte_report_date

POSTS_CSV = Path(__file__).resolve().parent / "reference" / "posts.csv"
KINDS = DOC_KINDS
MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)}
MONTH_NAMES = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTH_NAMES.update({k[:3]: v for k, v in list(MONTH_NAMES.items())})
MONTH_NAMES["sept"] = 9
HEAD = 6000  # cable headers sit at the top; scan this much for header fields


@dataclass(frozen=True)
class Detection:
    kind: str
    refid: str | None
    country_iso3: str | None
    report_date: dt.date | None
    review_year: int | None
    title: str | None
    post: str | None = None
    country_source: str | None = None   # post, tags, subject, title, text; label, label-name (NTE
                                        # package rows, warehouse/nte.py); stated (by the caller)


# ---------------------------------------------------------------- posts table

@dataclass(frozen=True)
class Posts:
    by_post: dict          # squashed post name -> iso3
    by_tag: dict           # State Department country tag -> iso3
    names: tuple           # post names, longest first (for matching in text)


@lru_cache(maxsize=1)
def posts() -> Posts:
    by_post, by_tag = {}, {}
    with open(POSTS_CSV, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by_post[_squash(r["post"])] = r["iso3"]
            if r.get("tag"):
                by_tag.setdefault(r["tag"].strip().upper(), r["iso3"])
    names = tuple(sorted({p for p in by_post}, key=len, reverse=True))
    return Posts(by_post, by_tag, names)


_NOT_CAPITAL = re.compile(r"[^A-Z]")
_WHITESPACE = re.compile(r"\s+")
_POST_PREFIX = re.compile(r"(?i)^\s*(?:us\s+)?(?:embassy|consulate(?: general)?|amembassy|amconsul|"
                          r"amconsulate|ait|mission)\s+")
_ORIGIN_PREFIX = re.compile(r"(?i)^\s*(?:us\s+)?(?:embassy|consulate(?: general)?|mission|office)\s+")


def _squash(name: str) -> str:
    return _NOT_CAPITAL.sub("", name.upper())


def post_country(post: str | None) -> str | None:
    """ISO3 of a US post city ("SAO PAULO", "SAOPAULO", "Consulate Sao Paulo")."""
    if not post:
        return None
    key = _squash(_POST_PREFIX.sub("", post))
    return posts().by_post.get(key)


# ---------------------------------------------------------------- patterns

_DTG = re.compile(r"\b(?:[ROPZ]{1,2}|ZZ)\s+(\d{2})(\d{2})(\d{2})Z\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+(\d{2,4})\b")
_DE_LINE = re.compile(r"\bDE\s+RUE[A-Z]{2,3}\s+#(\d{3,5})(?:/\d{2})?\s+(\d{3})(\d{4})\b")
_FM = re.compile(r"\bFM\s+(AMEMBASSY|AMCONSUL|AMCONSULATE|AIT|USMISSION|USEU|USUN|USOFFICE|SECSTATE)\s+"
                 r"([A-Z][A-Z .'\-]*?)(?=\s+(?:TO|INFO|ZEN|PRIORITY|IMMEDIATE|ROUTINE)\b|\s*\n|\s*$)")
_CLASS = re.compile(r"\b" + CLASS_LINE)
_TAGS = re.compile(r"\bTAGS:?\s+([^\n]*?)(?=\s+SUBJECT:|\n|$)")
_SUBJECT = re.compile(r"\bSUBJ(?:ECT)?:\s*([^\n]+?)(?=\s+REF:|\s+Classified By|\n|$)")
_REFID = re.compile(r"\b(\d{2})([A-Z]{3,}(?:[A-Z]+)?)(\d{1,6})\b")
_REFID_LABEL = re.compile(r"Reference ID\W{0,20}(\d{2}[A-Z]{3,}\d{1,6})\b")
_S301_YEAR = re.compile(r"((?:19|20)\d\d)\s+(?:SPECIAL|Special|special)\s+301\b")
_WRITTEN_DMY = re.compile(r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|"
                          r"October|November|December)\s*,?\s+((?:19|20)\d{2})\b", re.I)
_WRITTEN_MDY = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+"
                          r"(\d{1,2}),?\s+((?:19|20)\d{2})\b", re.I)
_WRITTEN_MY = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                         r"November|December)\s*,?\s+((?:19|20)\d{2})\b", re.I)
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_CLASS_STARTS = ("UNCLAS", "C O N F I D E N T I A L", "CONFIDENTIAL", "S E C R E T", "SECRET")
# header marks of a cable, each with the literals its matches begin with (None: search it all)
_CABLE_MARKS = ((re.compile(r"\bVZCZC"), ("VZCZC",)), (_DE_LINE, ("DE",)), (_DTG, None), (_FM, ("FM",)),
                (re.compile(r"\bE\.\s?O\.\s?1[23]\d{3}"), ("E.",)), (re.compile(r"\bTAGS:"), ("TAGS:",)),
                (re.compile(r"\bSIPDIS\b"), ("SIPDIS",)), (_CLASS, _CLASS_STARTS))


def _search(rx: re.Pattern, text: str, starts) -> re.Match | None:
    """rx.search(text), begun where the first of `starts` occurs. Every match of rx begins with one of
    them, and a leading \\b still sees the character before: same result, without trying every
    position of a long header (patterns that open with \\b get no fast prefix scan in `re`)."""
    pos = -1
    for lit in starts:
        i = text.find(lit)
        if i >= 0 and (pos < 0 or i < pos):
            pos = i
    return rx.search(text, pos) if pos >= 0 else None


# ---------------------------------------------------------------- entry point

def detect(text: str, meta: dict | None = None, title: str | None = None) -> Detection:
    """Kind, refid, country, date and review year of one cleaned document."""
    meta = meta or {}
    head = text[:HEAD]
    nte = chapter_heading(text, title) if not meta.get("refid") else None
    if nte is not None:  # a USTR NTE chapter: its heading gives the edition year (and the country)
        country, source = (nte.country_iso3, "title") if nte.country_iso3 else \
            _country(text, head, meta, NTE_CHAPTER, None, None, None)
        return Detection(kind=NTE_CHAPTER, refid=None, country_iso3=country,
                         report_date=nte_report_date(nte.year), review_year=nte.year,
                         title=title or nte.line[:200], post=None, country_source=source)
    kind = detect_kind(text, meta)
    subject = _subject(head)
    post, post_kind = _post(head, meta)
    date = _date(head, meta, kind)
    refid = _refid(head, meta, post, date)
    country, source = _country(text, head, meta, kind, post, subject, title)
    review_year = _review_year(date, subject, head, kind)
    return Detection(kind=kind, refid=refid, country_iso3=country, report_date=date,
                     review_year=review_year, title=title or subject, post=post, country_source=source)


def stated_fields(country: str | None = None, review_year: int | str | None = None) -> dict:
    """The Detection fields a caller states for a report, to replace what detect found
    (dataclasses.replace): country (a name, alias or ISO3 code) and review year. S301Error, with
    a clear message, for a country the index does not know or a year that is not one."""
    out: dict = {}
    if country is not None and str(country).strip():
        iso = get_index().lookup(str(country).strip())
        if iso is None:
            raise S301Error(f"unknown country {country!r} (give a country name or an ISO3 code)")
        out.update(country_iso3=iso, country_source="stated")
    if review_year is not None:
        try:
            year = int(review_year)
        except (TypeError, ValueError):
            year = 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise S301Error(f"review year {review_year!r} is not a year between {FIRST_YEAR} and {LAST_YEAR}")
        out["review_year"] = year
    return out


# ---------------------------------------------------------------- kind

def detect_kind(text: str, meta: dict | None = None) -> str:
    meta = meta or {}
    head = text[:HEAD]
    if meta.get("refid") and _REFID.fullmatch(meta["refid"]):
        return "cable"
    cable_marks = sum(bool(_search(rx, head, starts) if starts else rx.search(head)) for rx, starts in _CABLE_MARKS)
    if cable_marks >= 3:
        return "cable"
    low = text[:20000].lower()
    if "checklist of issues on enforcement" in low or re.search(r"\bip/n/6/", low) \
            or ("trips" in low and "art. 63.2" in low):
        return "wto_checklist"
    iipa = len(re.findall(r"\biipa\b|international intellectual property alliance", low))
    # a submission names its author in its heading; a report quoting IIPA names it often
    if "special 301" in low and (iipa >= 3 or _IIPA_HEADING.search(low, 0, 600)):
        return "iipa_report"
    if "special 301 report" in low and ("united states trade representative" in low or
                                        len(re.findall(r"\bustr\b", low)) >= 2 or _LIST_HEADING.search(low)):
        return "ustr_report"
    return "other"


_IIPA_HEADING = re.compile(r"^[ \t]*international intellectual property alliance\b", re.M)

# a report chapter's section heading on a line of its own ("PRIORITY WATCH LIST")
_LIST_HEADING = re.compile(r"^[ \t]*(?:priority\s+watch\s+list|watch\s+list|section\s+306\s+monitoring|"
                           r"priority\s+foreign\s+countr(?:y|ies))[ \t]*$", re.M)


# ---------------------------------------------------------------- fields

def _subject(head: str) -> str | None:
    m = _search(_SUBJECT, head, ("SUBJ",))
    if not m:
        return None
    s = _WHITESPACE.sub(" ", m.group(1)).strip(" -")
    return s[:200] or None


def _post(head: str, meta: dict) -> tuple[str | None, str | None]:
    """The sending post's city (upper case) and its kind, from FM line, class line or page meta."""
    m = _search(_FM, head, ("FM",))
    if m and m.group(1) not in ("SECSTATE",):
        city = _WHITESPACE.sub(" ", m.group(2)).strip()
        return city, m.group(1)
    origin = meta.get("origin")
    if origin:
        city = _ORIGIN_PREFIX.sub("", origin)
        return city.upper().strip(), "origin"
    m = _search(_CLASS, head, _CLASS_STARTS)
    if m:
        return _WHITESPACE.sub(" ", m.group("post")).strip(), "class"
    return None, None


def _date(head: str, meta: dict, kind: str) -> dt.date | None:
    created = meta.get("created")
    if created:
        m = _ISO_DATE.search(created)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
    m = _DTG.search(head)
    if m:
        day, mon, yr = int(m.group(1)), MONTHS[m.group(4)], int(m.group(5))
        yr = yr if yr > 100 else (2000 + yr if yr < 70 else 1900 + yr)
        try:
            return dt.date(yr, mon, day)
        except ValueError:
            pass
    if kind == "cable":  # no date-time group: a cable is written after every date it reports
        return written_date(head, latest=True)
    return written_date(head[:4000])


def written_date(text: str, latest: bool = False) -> dt.date | None:
    """The first (or, with latest, the latest) date written in the text: full dates ("March 4,
    2009", "4 March 2009", "2009-03-04") before month-year ones ("April 1999", as its first day)."""
    today = dt.date.today()
    full: list[tuple[int, dt.date]] = []
    for rx, order in ((_WRITTEN_MDY, "mdy"), (_WRITTEN_DMY, "dmy"), (_ISO_DATE, "ymd")):
        for m in rx.finditer(text):
            try:
                if order == "mdy":
                    d = dt.date(int(m.group(3)), MONTH_NAMES[m.group(1).lower().rstrip(".")], int(m.group(2)))
                elif order == "dmy":
                    d = dt.date(int(m.group(3)), MONTH_NAMES[m.group(2).lower()], int(m.group(1)))
                else:
                    d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except (ValueError, KeyError):
                continue
            if d <= today:
                full.append((m.start(), d))
                if not latest:
                    break
    partial = [(m.start(), dt.date(int(m.group(2)), MONTH_NAMES[m.group(1).lower()], 1))
               for m in _WRITTEN_MY.finditer(text)]
    partial = [p for p in partial if p[1] <= today]
    if latest:
        dates = [d for _, d in full + partial]
        return max(dates) if dates else None
    if full:
        return min(full)[1]
    return partial[0][1] if partial else None


def _refid(head: str, meta: dict, post: str | None, date: dt.date | None) -> str | None:
    ref = meta.get("refid")
    if ref and _REFID.fullmatch(ref):
        return ref
    m = _REFID_LABEL.search(head)
    if m:
        return m.group(1)
    serial = None
    cls = _search(_CLASS, head, _CLASS_STARTS)
    if cls:
        serial = int(cls.group("num"))
        post = post or _WHITESPACE.sub(" ", cls.group("post")).strip()
    else:
        de = _search(_DE_LINE, head, ("DE",))
        if de:
            serial = int(de.group(1))
    if serial is None or not post or date is None:
        return None
    return f"{date.year % 100:02d}{_squash(post)}{serial}"


def _country(text: str, head: str, meta: dict, kind: str, post: str | None, subject: str | None,
             title: str | None) -> tuple[str | None, str | None]:
    idx = get_index()
    if kind == "cable":
        iso = post_country(post)
        if iso:
            return iso, "post"
        ref = meta.get("refid") or ""
        m = _REFID.fullmatch(ref)
        if m and post_country(m.group(2)):
            return post_country(m.group(2)), "post"
        tags = _search(_TAGS, head, ("TAGS",))
        if tags:
            for code in re.findall(r"\b([A-Z]{2})\b", tags.group(1)):
                iso = posts().by_tag.get(code)
                if iso:
                    return iso, "tags"
            for name in re.findall(r"\[([^\]]+)\]", tags.group(1)):
                iso = idx.lookup(name)
                if iso and iso != "USA":
                    return iso, "tags"
    for source, line in (("subject", subject), ("title", title)):
        if line:
            hits = [iso for iso, _, _ in idx.find(line) if iso != "USA"]
            if hits:
                return hits[0], source
    if kind != "cable":
        top = text[:300]
        hits = [iso for iso, _, _ in idx.find(top) if iso != "USA"]
        if hits:
            return hits[0], "title"
    iso = idx.dominant(text)
    return (iso, "text") if iso else (None, None)


def _s301_years(text: str) -> list[int]:
    """[int(y) for y in _S301_YEAR.findall(text)], found from each "301": walking back over the
    whitespace, the word "special" and the whitespace gives the one start a match through it can have
    (matches cannot overlap, so these are all of them, in order)."""
    years = []
    i = text.find("301")
    while i >= 0:
        w = i
        while w > 0 and text[w - 1].isspace():
            w -= 1
        if w < i and w >= 7:
            v = w - 7
            while v > 0 and text[v - 1].isspace():
                v -= 1
            if v < w - 7 and v >= 4:
                m = _S301_YEAR.match(text, v - 4)
                if m and m.end() == i + 3:
                    years.append(int(m.group(1)))
        i = text.find("301", i + 1)
    return years


def _review_year(date: dt.date | None, subject: str | None, head: str, kind: str) -> int | None:
    """The Special 301 report the document informs: an explicit "YYYY Special 301" that fits the
    date wins (subject first, then the text); else Jan-Apr of Y -> Y, later months -> Y+1."""
    default = None
    if date:
        default = date.year if date.month <= 4 else date.year + 1
    for source in (subject or "", head):
        if "301" not in source or ("pecial" not in source and "PECIAL" not in source):
            continue  # _S301_YEAR needs both
        years = _s301_years(source)
        for y in years:
            if date is None or date.year <= y <= date.year + 1:
                return y
    if default is None and kind in ("ustr_report", "iipa_report"):
        years = _s301_years(head)
        return years[0] if years else None
    return default
