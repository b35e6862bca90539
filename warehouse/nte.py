"""USTR's National Trade Estimate (NTE) chapters: packages of chapters, and single chapter files.

The NTE Report on Foreign Trade Barriers is published about 31 March each year, a month before
the Special 301 Report of the same year: an edition's facts feed that year's review. Every
chapter is stored as a document of kind `nte_chapter` whose text starts with a header line
"<Country>: National Trade Estimate Report <year>, Intellectual Property Rights" (so the same
chapter text repeated in two editions is two documents), with review_year = the edition year and
report_date = 31 March of it (approximate: USTR publishes the report around the end of March).

**An NTE chapter package** is a CSV file (`.csv`, or gzip-compressed `.csv.gz`) whose header row
names exactly the columns `year`, `country` and `text` (in any order, any letter case): one
chapter per row, such as the embedded `warehouse/corpus/nte_ip_sections.csv.gz`. A CSV file with
other columns is not read (DocumentError naming the columns). In folders, package files are
ingested and other CSV files are skipped, as before.

**A row's country** is its label mapped through the country index (warehouse/countries.py:
aliases, accents, curly apostrophes). A label the index does not know (the source has a dozen
broken ones, such as "U.s. Fdi In China Is Led By The Manufacturing And") is resolved from the
country names within the label when there is exactly one, else from the country the text is
mostly about (a strict majority of mentions; never a tie). A label naming a group of countries
("Southern African Customs Union") and a row that cannot be resolved are stored with no country
and reported in a warning naming the row: never guessed.

**A single chapter saved as a file** (a user's own copy) is recognised by its first lines: the
chapter line above ("Costa Rica: National Trade Estimate Report 2009, Intellectual Property Rights
Protection") or USTR's book header ("2009 NATIONAL TRADE ESTIMATE REPORT ON FOREIGN TRADE
BARRIERS") followed by a country heading (and usually an "Intellectual Property Rights
Protection" heading): see `chapter_heading`.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from .countries import get_index
from .errors import DocumentError
from .read import clean_text, max_bytes

PACKAGE_COLUMNS = ("year", "country", "text")
EMBEDDED_PACKAGE = Path(__file__).resolve().parent / "corpus" / "nte_ip_sections.csv.gz"
SECTION = "Intellectual Property Rights"
FIRST_YEAR, LAST_YEAR = 1985, 2100
"""The NTE has been published since 1985 (and Special 301 reviews since 1989): a year outside this
range is a broken row, or a mistyped stated year."""

# A label that names a group of countries rather than one ("Southern African Customs Union").
_GROUP = re.compile(r"(?i)\b(?:customs\s+union|union|community|council|association|cooperation|"
                    r"free\s+trade\s+(?:area|agreement)|countries|states\s+of)\b")


def report_date(year: int) -> dt.date:
    """The NTE edition's publication date, approximately: USTR publishes it about 31 March."""
    return dt.date(year, 3, 31)


def chapter_header(country_name: str, year: int) -> str:
    """The header line every stored chapter starts with (and its title)."""
    return f"{country_name}: National Trade Estimate Report {year}, {SECTION}"


# ---------------------------------------------------------------- packages

def is_csv_name(name: str) -> bool:
    """A file name a package may have: .csv or .csv.gz (any letter case)."""
    low = str(name).lower()
    return low.endswith(".csv") or low.endswith(".csv.gz")


def _open_text(path: Path, limit: int | None = None) -> str:
    """The decoded content of a .csv or .csv.gz file (DocumentError when unreadable or too large;
    for .csv.gz the limit applies to the uncompressed text as well)."""
    limit = max_bytes() if limit is None else limit
    try:
        st = path.stat()
        if not S_ISREG(st.st_mode):   # a FIFO or device would block or never end
            raise DocumentError(f"{path}: not a regular file")
        size = st.st_size
        if size > limit:
            raise DocumentError(f"{path}: file is too large ({size / 1048576:.1f} MB > limit "
                                f"{limit / 1048576:.0f} MB; set S301_MAX_FILE_MB to raise it)")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if str(path).lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                data = fh.read(limit + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise DocumentError(f"{path}: not a readable gzip file ({exc})") from None
        if len(data) > limit:
            raise DocumentError(f"{path}: uncompressed content is too large (> {limit / 1048576:.0f} MB; "
                                f"set S301_MAX_FILE_MB to raise it)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{path}: a CSV package must be UTF-8 ({exc.reason} at byte {exc.start})") from None


def _header_row(path: Path) -> list[str] | None:
    """The first row of a CSV(.gz) file, or None when it cannot be read."""
    try:
        opener = gzip.open if str(path).lower().endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8-sig", newline="", errors="replace") as fh:
            return next(csv.reader([fh.readline(1 << 16)]), [])   # bounded: a gzip bomb has no line end
    except (OSError, EOFError, zlib.error, csv.Error, UnicodeDecodeError):
        return None


def _is_package_header(row: list[str] | None) -> bool:
    return row is not None and sorted(c.strip().lower() for c in row) == sorted(PACKAGE_COLUMNS)


def is_package(path: str | Path) -> bool:
    """Whether the file is an NTE chapter package: a .csv/.csv.gz file whose header row names
    exactly the columns year, country and text."""
    return is_csv_name(str(path)) and _is_package_header(_header_row(Path(path)))


@dataclass(frozen=True)
class Chapter:
    """One row of a package, ready to store: the chapter text under its header line."""
    row: int                    # 1-based data row (the header row not counted)
    year: int
    label: str                  # the country as the package labels it
    country_iso3: str | None
    country_source: str | None  # label, label-name, text (None: no country)
    title: str
    text: str                   # the stored text: header line, blank line, chapter text (cleaned)
    warning: str | None = None  # why the row has no country


def resolve_label(label: str, text: str) -> tuple[str | None, str | None, str | None]:
    """(iso3, how, warning) for a package row's country label: the index's reading of the whole
    label ("label"); else the one country named within it ("label-name"); else, unless the label
    names a group, the country the text is mostly about, by a strict majority ("text"); else no
    country, with the reason as a warning."""
    idx = get_index()
    iso = idx.lookup(label)
    if iso:
        return iso, "label", None
    named = {i for i, _, _ in idx.find(label) if i != "USA"}
    if len(named) == 1:
        return named.pop(), "label-name", None
    if len(named) > 1:
        return None, None, f"label {label!r} names several countries ({', '.join(sorted(named))}); stored with no country"
    if _GROUP.search(label):
        return None, None, f"label {label!r} names a group of countries, not one; stored with no country"
    iso = idx.dominant(text, strict=True)
    if iso:
        return iso, "text", None
    return None, None, (f"label {label!r} is not a country and the text names no one country most; "
                        f"stored with no country")


def read_package(path: str | Path, limit: int | None = None) -> tuple[list[Chapter], list[str]]:
    """(chapters, warnings) of an NTE chapter package. A CSV file that is not a package, or one
    that cannot be read, is a DocumentError; a row that cannot be used (no year, no text) is
    skipped with a warning naming it, and a row stored with no country gets one too."""
    path = Path(path)
    content = _open_text(path, limit)
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader, None)
        if not _is_package_header(header):
            got = ", ".join(c.strip() for c in header) if header else "none"
            raise DocumentError(f"{path}: a CSV file is read only as an NTE chapter package, whose header "
                                f"names exactly the columns year, country, text (this one has: {got})")
        pos = {c.strip().lower(): i for i, c in enumerate(header)}
        iy, ic, it = pos["year"], pos["country"], pos["text"]
        idx = get_index()
        chapters: list[Chapter] = []
        warnings: list[str] = []
        for n, cells in enumerate(reader, start=1):
            if not any(c.strip() for c in cells):
                continue
            where = f"{path}: row {n}"
            if len(cells) != len(header):
                warnings.append(f"{where}: {len(cells)} fields instead of {len(header)}; skipped")
                continue
            year_s, label, body = cells[iy].strip(), " ".join(cells[ic].split()), cells[it]
            if not (year_s.isdigit() and FIRST_YEAR <= int(year_s) <= LAST_YEAR):
                warnings.append(f"{where}: year {year_s!r} is not an NTE edition year; skipped")
                continue
            if not body.strip():
                warnings.append(f"{where} ({year_s}, {label!r}): no text; skipped")
                continue
            year = int(year_s)
            iso, how, problem = resolve_label(label, body)
            name = idx.name(iso) if iso else (label or "Unknown country")
            title = chapter_header(name, year)
            if problem:
                problem = f"{where} ({year}): {problem}"
                warnings.append(problem)
            chapters.append(Chapter(row=n, year=year, label=label, country_iso3=iso, country_source=how,
                                    title=title, text=clean_text(f"{title}\n\n{body}"), warning=problem))
    except csv.Error as exc:
        raise DocumentError(f"{path}: malformed CSV ({exc})") from None
    if not chapters:
        raise DocumentError(f"{path}: the NTE package holds no chapter")
    return chapters, warnings


# ---------------------------------------------------------------- a single chapter file

_YEAR = r"(?:19|20)\d\d"
_REPORT = r"national\s+trade\s+estimate\s+report"
_BARRIERS = r"(?:\s+on\s+foreign\s+trade\s+barriers)?"
# "Costa Rica: National Trade Estimate Report 2009, Intellectual Property Rights Protection"
_CHAPTER_LINE = re.compile(rf"(?i)^(?P<name>[^:\n]{{2,80}}?)\s*:\s*(?:the\s+)?(?:(?P<y1>{_YEAR})\s+)?{_REPORT}"
                           rf"{_BARRIERS}(?:\s*,?\s*(?P<y2>{_YEAR})\b)?")
# "2009 NATIONAL TRADE ESTIMATE REPORT ON FOREIGN TRADE BARRIERS" (maybe with the next line joined on)
_BOOK_LINE = re.compile(rf"(?i)^(?:the\s+)?(?P<year>{_YEAR})\s+{_REPORT}{_BARRIERS}\b[\s:,.\-]*(?P<rest>.*)$")
_SECTION_LINE = re.compile(r"(?i)^intellectual\s+property(?:\s+rights)?(?:\s*\(ipr?s?\))?(?:\s+protection)?\b")
HEADING_LINES = 4
"""How many non-blank lines after the book header may hold the country heading."""


@dataclass(frozen=True)
class Heading:
    """What a chapter file's heading says: the edition year and the country (None if unnamed)."""
    year: int
    country_iso3: str | None
    line: str


def _country_of(name: str) -> str | None:
    """ISO3 of a heading's country name (the whole name, else the one country named in it)."""
    idx = get_index()
    name = name.strip(" \t-:,.")
    iso = idx.lookup(name)
    if iso:
        return iso
    named = {i for i, _, _ in idx.find(name) if i != "USA"}
    if len(named) != 1:
        named = {i for i, _, _ in idx.find(name.title()) if i != "USA"}  # a heading in capitals
    return named.pop() if len(named) == 1 else None


def chapter_heading(text: str, title: str | None = None) -> Heading | None:
    """The NTE heading a chapter file starts with (its first non-blank line, else the page title):
    the chapter line "<Country>: National Trade Estimate Report <year>[, <section>]" (the part
    before the colon must name a country), or the book
    header "<year> NATIONAL TRADE ESTIMATE REPORT ON FOREIGN TRADE BARRIERS" whose next few lines
    hold the country heading (and usually "Intellectual Property Rights Protection"). None when
    the file does not start that way."""
    lines = [ln.strip() for ln in text[:3000].split("\n")]
    lines = [ln for ln in lines if ln][:HEADING_LINES + 1]
    for candidates in (lines, [title.strip()] if title else []):
        if not candidates:
            continue
        first = candidates[0]
        m = _CHAPTER_LINE.match(first)
        if m and (m.group("y1") or m.group("y2")):
            iso = _country_of(m.group("name"))
            if iso:   # "Subject: 2009 National Trade Estimate Report input" is no chapter
                return Heading(int(m.group("y1") or m.group("y2")), iso, first)
        m = _BOOK_LINE.match(first)
        if m:
            year = int(m.group("year"))
            after = ([m.group("rest")] if m.group("rest").strip() else []) + candidates[1:]
            for line in after[:HEADING_LINES]:
                if _SECTION_LINE.match(line):
                    continue
                if len(line) > 80:
                    break  # the chapter's text has begun
                iso = _country_of(line)
                if iso:
                    return Heading(year, iso, first)
            return Heading(year, None, first)
    return None
