"""Reading report files: bytes in, clean documents out.

Formats are recognised by content first and extension second: PDF (text layer via pypdf), HTML
(lxml; the cable text of a WikiLeaks cable-viewer page sits in <pre> blocks, other pages give
their visible text; pages too big or too deep for an lxml tree are read by html_stream) and plain
text in any encoding (UTF-8/16/32 by BOM, checked against what follows it, or strict decoding, the
charset an HTML page declares, else charset-normalizer; never crashes on bad bytes). One file may
hold several cables (a blog post quoting three transmissions): they are split into separate
documents, and the prose around them is dropped (it is commentary, not a report). Text that is
garbage (mostly replacement or control characters, or another script than the page's `lang`) is
refused rather than stored. Every failure is a DocumentError naming the file and the reason.
"""
from __future__ import annotations

import codecs
import html
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from .cable_text import (CABLE_START, CLASS_LINE_START, MIN_TEXT_CHARS, NOT_SIGNATURE, PARA_START,
                         SIGNATURE, SUBJECT_LINE, XML_DECL, clean_title, remove_page_headers)
from .errors import DocumentError
from .read_html import viewer_page

DEFAULT_MAX_MB = 25.0
TEXT_EXTENSIONS = {".txt", ".text", ""}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
PDF_EXTENSIONS = {".pdf"}
READABLE_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | PDF_EXTENSIONS


def max_bytes() -> int:
    """The size limit per file: $S301_MAX_FILE_MB megabytes (default 25)."""
    try:
        mb = float(os.environ.get("S301_MAX_FILE_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


@dataclass(frozen=True)
class Document:
    """One document read from a file: cleaned text plus what the file said about it."""
    source: str                 # the file path as given
    text: str                   # cleaned text (what is stored in documents.text)
    fmt: str                    # txt, html, pdf (csv: a row of an NTE chapter package, warehouse/nte.py)
    part: int = 1               # 1-based index of this document within the file
    parts: int = 1
    title: str | None = None
    meta: dict = field(default_factory=dict)   # refid, created, released, classification, origin


# ---------------------------------------------------------------- entry points

def read_file(path: str | Path, limit: int | None = None) -> list[Document]:
    """Read one file into its documents; DocumentError (naming the file) when it cannot be read."""
    path = Path(path)
    limit = max_bytes() if limit is None else limit
    try:
        st = path.stat()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot open ({exc.strerror or exc})") from None
    size = st.st_size
    if not S_ISREG(st.st_mode):  # what path.is_file() would ask the file system again
        raise DocumentError(f"{path}: not a regular file")
    if size > limit:
        raise DocumentError(f"{path}: file is too large ({size / 1048576:.1f} MB > limit "
                            f"{limit / 1048576:.0f} MB; set S301_MAX_FILE_MB to raise it)")
    try:
        with open(path, "rb") as fh:
            # read(limit + 1) would allocate a buffer of the whole limit for every file
            data = fh.read(size + 1)
            if len(data) > size:  # grew since stat: read on as far as the limit allows
                data += fh.read(limit - size)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:  # grew while we looked
        raise DocumentError(f"{path}: file is too large (> {limit / 1048576:.0f} MB)")
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str = "<bytes>", fmt: str | None = None) -> list[Document]:
    """Read documents from bytes; `name` is used in messages and as Document.source."""
    if not data or data.isspace():  # == not data.strip(), without copying the data
        raise DocumentError(f"{name}: empty file")
    fmt = fmt or sniff_format(data, name)
    if fmt == "pdf":
        text = pdf_text(data, name)
        meta, title = {}, None
    elif fmt == "html":
        markup = decode_text(data, name, declared=declared_charset(data))
        text, meta, title = html_text(markup, name)
        check_script(text, declared_language(markup), name)
    else:
        text = decode_text(data, name)
        meta, title = {}, None
    check_readable(text, name)
    return documents_from_text(text, name, fmt, meta, title)


def _suffix(name: str) -> str:
    """Path(name).suffix, without building a Path for the usual "dir/file.ext"."""
    base = name.rpartition("/")[2]
    if not base or base == ".":
        return Path(name).suffix
    i = base.rfind(".")
    return base[i:] if 0 < i < len(base) - 1 else ""


def sniff_format(data: bytes, name: str) -> str:
    """'pdf', 'html' or 'txt' from the content, with the extension as a tie-breaker."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    ext = _suffix(name).lower()
    if ext in PDF_EXTENSIONS:
        return "pdf"  # claims PDF but lacks the signature: pdf_text says why
    low = head.lower()
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff"):
        if low.startswith(bom):
            low = low[len(bom):]
            break
    low = low.replace(b"\x00", b"").lstrip()
    if ext in HTML_EXTENSIONS or low.startswith((b"<!doctype html", b"<html", b"<?xml")) \
            or (low.startswith(b"<") and (b"<body" in low or b"<head" in low or b"<html" in low)):
        return "html"
    return "txt"


# ---------------------------------------------------------------- decoding

# control bytes (\x00-\x08, \x0e-\x1a, \x1c-\x1f) that mark binary content; counted with bytes.translate
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x1b), *range(0x1c, 0x20)])


_WESTERN_LOOKALIKES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_9",
                       "iso8859_15", "iso8859_13", "iso8859_4", "iso8859_10", "iso8859_14", "iso8859_16",
                       "mac_roman", "mac_latin2", "cp850", "cp437", "cp858"}


_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
"""Byte-order marks, longest first: UTF-32 LE's mark begins with UTF-16 LE's."""
_ASCII_TEXT_BYTES = bytes([9, 10, 13, *range(0x20, 0x7f)])


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Bytes to str in whatever encoding they are; binary content is a DocumentError.

    A byte-order mark decides (UTF-32 before UTF-16, whose LE mark UTF-32 LE's begins with), unless
    what follows it is not in that encoding at all: a UTF-16 mark before UTF-8 text (no code unit
    of it is one, every "character" pairs two ASCII bytes) is read as the text it is. Then valid
    UTF-8; then the encoding the page declares (`declared`, an HTML <meta charset>) when the bytes
    are valid in it; then charset-normalizer's guess. Text read as UTF-16 whose code units are
    nearly all pairs of ASCII bytes is 8-bit text misread, and is read again as such."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            rest = data[len(bom):]
            if encoding.startswith("utf-16") and _ascii_pairs(rest):
                return decode_text(rest, name, declared)       # a UTF-16 mark on 8-bit text
            if encoding.startswith("utf-32"):
                try:
                    return rest.decode(encoding)
                except UnicodeDecodeError:
                    if _ascii_pairs(rest):                    # a UTF-32 mark on 8-bit text
                        return decode_text(rest, name, declared)
                    if encoding == "utf-32-le":              # FF FE 00 00: UTF-16's mark and a NUL
                        return rest.decode(_utf16_order(rest, "utf-16-le"), errors="replace")
                    raise DocumentError(f"{name}: a UTF-32 byte-order mark, but the rest is not UTF-32 "
                                        f"(a damaged or mislabelled file)") from None
            if encoding.startswith("utf-16"):                # the mark's byte order, unless the text says otherwise
                return rest.decode(_utf16_order(rest, encoding), errors="replace")
            return rest.decode(encoding, errors="replace")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls == 0:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if declared:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    # Not clean UTF-8 (or control bytes present): let charset-normalizer judge a sample.
    from charset_normalizer import from_bytes
    best = from_bytes(sample if len(data) > len(sample) else data).best()
    if best is None and controls == 0:
        # mostly UTF-8 with a few broken bytes: keep the text, mark the bad bytes
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(4, len(text) // 100):
            return text
    if best is None or controls > max(2, len(sample) // 200) and not (best.encoding or "").startswith("utf_16"):
        raise DocumentError(f"{name}: binary content, not a text document")
    encoding = best.encoding
    if encoding.startswith("utf_16"):
        if _ascii_pairs(sample):
            raise DocumentError(f"{name}: binary content, not a text document")
        encoding = _utf16_order(data, "utf-16-le" if encoding == "utf_16_le" else
                                "utf-16-be" if encoding == "utf_16_be" else "utf-16-le")
    if encoding in _WESTERN_LOOKALIKES:
        # short Latin texts are ambiguous between code pages; reports are mostly Western European
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > max(8, len(text) // 50):
        raise DocumentError(f"{name}: binary content, not a text document")
    return text


def _utf16_order(data: bytes, encoding: str) -> str:
    """The byte order of UTF-16 text: `encoding` (from a mark), unless the NUL bytes say the other
    one. Latin-script UTF-16 has a NUL in most code units, at odd offsets in little-endian text and at
    even ones in big-endian; read in the wrong order it becomes CJK-looking garbage (U+4800 ...)."""
    sample = data[:65536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even + odd < len(sample) // 8:
        return encoding                      # too few NULs to tell (CJK text): trust the mark
    if even > 4 * odd:
        return "utf-16-be"
    if odd > 4 * even:
        return "utf-16-le"
    return encoding


def _ascii_pairs(data: bytes) -> bool:
    """Whether bytes said to be UTF-16 are in fact 8-bit text: no NUL byte (each ASCII character of
    UTF-16 text has one) and nearly all bytes printable ASCII (in UTF-16, two such bytes make a
    CJK-looking character: "VZ" -> U+5A56)."""
    sample = data[:65536]
    if not sample or b"\x00" in sample:
        return False
    ascii_share = 1 - len(sample.translate(None, _ASCII_TEXT_BYTES)) / len(sample)
    return ascii_share >= 0.9


_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first 4 KB (<meta charset=...> or the
    http-equiv Content-Type), normalised by Python's codec registry; None when absent or unknown.
    UTF-16/32 declarations are ignored (the page is read as bytes to find them: it is not in those)."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return None if name.startswith(("utf-16", "utf-32")) else name


# ---------------------------------------------------------------- is it text?

MAX_UNREADABLE_SHARE = 0.05
"""A document whose characters are more than this share replacement characters (U+FFFD: bytes that
were not text in the encoding it was read in) or control characters is refused: it is a damaged
file, or one read in the wrong encoding, and storing it would store garbage."""
_UNREADABLE = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def unreadable_share(text: str) -> float:
    """The share of the text's non-blank characters that are replacement or control characters."""
    if not text:
        return 0.0
    bad = len(_UNREADABLE.findall(text)) if not text.isascii() or _UNREADABLE.search(text) else 0
    if not bad:
        return 0.0
    visible = len(text) - sum(map(text.count, " \t\n\r\x0c"))
    return bad / max(visible, 1)


def check_readable(text: str, name: str) -> None:
    """DocumentError when the text is mostly replacement or control characters (see
    MAX_UNREADABLE_SHARE), naming the file and the share."""
    share = unreadable_share(text)
    if share > MAX_UNREADABLE_SHARE:
        raise DocumentError(f"{name}: unreadable text: {share:.0%} of its characters are replacement or control "
                            f"characters (a damaged file, or one in an encoding it does not declare)")


# The writing system of a language (ISO 639-1 codes, and a few three-letter ones); the letters of a
# document are counted by the first word of their Unicode name (LATIN, CYRILLIC, CJK, ...).
_SCRIPT_OF_LANGUAGE = {
    **dict.fromkeys("en fr es de pt it nl sv da no nb nn fi pl cs sk sl hr bs ro hu tr id ms vi tl sq et lv "
                    "lt is ga cy eu ca gl af sw mt lb fil".split(), "LATIN"),
    **dict.fromkeys("ru uk be bg mk kk ky mn tg".split(), "CYRILLIC"),
    "el": "GREEK", "he": "HEBREW", "iw": "HEBREW", "yi": "HEBREW", "th": "THAI", "ka": "GEORGIAN",
    "hy": "ARMENIAN", **dict.fromkeys("ar fa ur ps".split(), "ARABIC"),
    **dict.fromkeys("hi mr ne".split(), "DEVANAGARI"), "bn": "BENGALI",
    "zh": "CJK", "ja": "CJK", "ko": "HANGUL",
}
_SCRIPT_ALIASES = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "FULLWIDTH": "LATIN", "HALFWIDTH": "CJK"}
_LANG = re.compile(r"""<html\b[^>]{0,512}?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.I)
_CONTENT_LANGUAGE = re.compile(
    r"""<meta[^>]{0,256}?http-equiv\s*=\s*["']?content-language["']?[^>]{0,256}?content\s*=\s*["']?\s*([A-Za-z]{2,3})\b""",
    re.I)
SCRIPT_SAMPLE = 20000
"""Letters sampled to judge a document's script."""


def declared_language(markup: str) -> str | None:
    """The language an HTML page declares (<html lang=...>, else a Content-Language meta), lower case."""
    head = markup[:8192]
    m = _LANG.search(head) or _CONTENT_LANGUAGE.search(head)
    return m.group(1).lower() if m else None


def script_shares(text: str) -> dict[str, float]:
    """The share of each script among the first SCRIPT_SAMPLE letters of the text."""
    counts: dict[str, int] = {}
    n = 0
    for run in _ASCII_RUNS.finditer(text):
        chunk = run.group()
        if chunk.isascii():   # letters are A-Z, a-z: counted at C speed unless the sample ends here
            raw = chunk.encode("ascii")
            k = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
            if k and n + k < SCRIPT_SAMPLE:
                counts["LATIN"] = counts.get("LATIN", 0) + k
                n += k
                continue
            if not k:
                continue
        for ch in chunk:
            if not ch.isalpha():
                continue
            if ch < "\u0250":
                script = "LATIN"
            else:
                word = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
                script = _SCRIPT_ALIASES.get(word, word)
            counts[script] = counts.get(script, 0) + 1
            n += 1
            if n >= SCRIPT_SAMPLE:
                return {script: v / n for script, v in counts.items()}
    return {script: v / n for script, v in counts.items()} if n else {}


# ASCII runs in pieces of at most 4096 characters: where the sample ends inside one, only that piece
# is walked letter by letter
_ASCII_RUNS = re.compile(r"[\x00-\x7f]{1,4096}|[^\x00-\x7f]+")
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))


def check_script(text: str, language: str | None, name: str) -> None:
    """DocumentError when a page declares a language (lang="en") whose script its text is not
    written in (mostly Han characters on an English page: bytes read in the wrong encoding)."""
    expected = _SCRIPT_OF_LANGUAGE.get(language or "")
    if expected is None or text.isascii():
        return
    shares = script_shares(text)
    if not shares or shares.get(expected, 0.0) >= 0.3:
        return
    other, share = max(shares.items(), key=lambda kv: kv[1])
    if other != expected and share >= 0.5:
        raise DocumentError(f"{name}: the page says lang=\"{language}\" ({expected.title()} script), but its text "
                            f"is {share:.0%} {other.title()} letters: read in the wrong encoding, or mislabelled")


# ---------------------------------------------------------------- PDF

def _quiet_pypdf() -> None:
    """pypdf logs what it repairs, and some errors ("Advanced encoding ... not implemented yet"), to
    stderr: lines that are not `s301 COMMAND: ...`. What matters reaches us as an exception (a
    DocumentError naming the file) or as text the readability check judges; the log is dropped."""
    import logging
    log = logging.getLogger("pypdf")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    log.propagate = False
    log.setLevel(logging.CRITICAL)


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF; truncated, encrypted and image-only PDFs are DocumentErrors."""
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name}: not a PDF (no %PDF- signature)")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(f"{name}: truncated PDF (no %EOF marker at the end)")
    _quiet_pypdf()
    from pypdf import PdfReader
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise DocumentError(f"{name}: encrypted PDF (a password is needed to read it)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types on malformed files
        raise DocumentError(f"{name}: malformed or truncated PDF ({type(exc).__name__}: "
                            f"{str(exc).splitlines()[0][:120] if str(exc) else 'unreadable'})") from None
    if not pages:
        raise DocumentError(f"{name}: PDF has no pages")
    text = "\n\n".join(pages)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise DocumentError(f"{name}: PDF has no text layer (scanned or image-only; OCR it first)")
    return text


# ---------------------------------------------------------------- HTML

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table",
               "section", "article", "blockquote", "ul", "ol", "dd", "dt", "header", "footer", "td", "th"}


def html_text(markup: str, name: str) -> tuple[str, dict, str | None]:
    """(text, meta, title) of an HTML page: a cable viewer's <pre> blocks, else the visible text.
    A cable-viewer page takes the fast path (read_html.viewer_page, the same result without
    parsing the page); any page it is not sure of is parsed with lxml."""
    fast = viewer_page(markup)
    if fast is not None:
        return fast
    return html_text_parsed(markup, name)


MAX_TREE_TAGS = 200_000
"""Pages with more tags than this are read by the one-pass scanner (html_stream) rather than into an
lxml tree, which costs about 40 times a page of tiny tags in memory (24 MB -> 1 GB)."""


def html_text_parsed(markup: str, name: str) -> tuple[str, dict, str | None]:
    """html_text by parsing the whole page with lxml (the reference the fast path is tested against).
    A page with more than MAX_TREE_TAGS tags, or on which libxml2 hits one of its resource limits
    (nesting deeper than 256 levels, a text node over 10 MB: it would silently drop the rest of the
    page), is read by the one-pass scanner instead (html_text_streamed)."""
    import lxml.html
    from lxml import etree
    markup = XML_DECL.sub("", markup, count=1)
    if markup.count("<") > MAX_TREE_TAGS:
        return html_text_streamed(markup, name)
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            return html_text_streamed(markup, name)
        raise DocumentError(f"{name}: unreadable HTML ({exc})") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        return html_text_streamed(markup, name)
    meta = _viewer_meta(root)
    title = None
    for h in root.iter("h1", "h2", "h3"):
        t = " ".join(h.text_content().split())
        m = re.match(r"Viewing cable (\S+?),\s*(.*)", t)
        if m:
            meta.setdefault("refid", m.group(1))
            title = clean_title(m.group(2)) if m.group(2) else None
            break
    page_title = root.find(".//title")
    page_title = " ".join(page_title.text_content().split()) if page_title is not None else ""
    pres = [p.text_content() for p in root.iter("pre")]
    pres = [p for p in pres if p.strip()]
    if pres and not meta and not any("VZCZC" in p or CLASS_LINE_START.search("\n" + p) for p in pres):
        pres = []  # <pre> blocks of some other page (code, tables): read the whole page instead
    if pres:
        text = "\n\n".join(pres)
    else:
        try:
            for bad in root.xpath("//script|//style|//noscript|//template|//head|//svg"):
                bad.drop_tree()
        except ValueError:
            # drop_tree joins the tails around the element, and lxml refuses to set a text holding a
            # control character that its parser let through: the one-pass reader has no such step
            return html_text_streamed(markup, name)
        parts: list[str] = []
        for el in root.iter():
            if not isinstance(el.tag, str):
                if el.tail:
                    parts.append(el.tail)
                continue
            if el.tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
            if el.tail:
                parts.append(el.tail)
        text = "".join(parts)
        if title is None and page_title:
            title = page_title[:200]
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise DocumentError(f"{name}: HTML page has no text")
    return text, meta, title


def html_text_streamed(markup: str, name: str) -> tuple[str, dict, str | None]:
    """html_text_parsed's (text, meta, title) by the one-pass scanner (warehouse.html_stream):
    memory a small multiple of the page, any depth. The cable viewer's table (meta) is not read."""
    from .html_stream import stream_text
    text, pres, page_title = stream_text(markup)
    pres = [p for p in pres if p.strip()]
    if pres and any("VZCZC" in p or CLASS_LINE_START.search("\n" + p) for p in pres):
        text, title = "\n\n".join(pres), None
    else:
        title = page_title
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise DocumentError(f"{name}: HTML page has no text")
    return text, {}, title


def _viewer_meta(root) -> dict:
    """The cable viewer's table: Reference ID, Created, Released, Classification, Origin."""
    for table in root.iter("table"):
        rows = table.findall(".//tr")
        if len(rows) < 2:
            continue
        # cells only: a comment among them has no text_content (ValueError)
        heads = [" ".join(c.text_content().split()).lower() for c in rows[0] if isinstance(c.tag, str)]
        if heads[:1] != ["reference id"]:
            continue
        vals = [" ".join(c.text_content().split()) for c in rows[1] if isinstance(c.tag, str)]
        keys = ["refid" if h == "reference id" else h for h in heads]
        return {k: v for k, v in zip(keys, vals) if v}
    return {}


# ---------------------------------------------------------------- text-level metadata

_CORPUS_HEADER = re.compile(
    r"\A\s*(?P<refid>\d{2}[A-Z][A-Z\-]+\d+)\s*\|\s*created\s+(?P<created>[\d\-]+(?: [\d:]+)?)\s*\|"
    r"\s*released\s+(?P<released>[\d\-]+(?: [\d:]+)?)\s*\|\s*(?P<classification>[^|\n]+?)\s*\|"
    r"\s*(?P<origin>[^|\n]+?)\s*\n")
_VIEWER_TEXT_META = re.compile(
    r"Reference ID\s+Created\s+Released\s+Classification\s+Origin\s+"
    r"(?P<refid>\d{2}[A-Z][A-Z\-]+\d+)\s+(?P<created>\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)\s+"
    r"(?P<released>\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)\s+(?P<classification>[A-Z][A-Z/ ]*?[A-Z])\s+"
    r"(?P<origin>[A-Z][a-z][^\n]*)")
_VIEWER_TEXT_TITLE = re.compile(r"Viewing cable (\d{2}[A-Z][A-Z\-]+\d+),\s*([^\n]+)")
_PARTIAL_NOTE = re.compile(r"^This record is a partial extract of the original cable\.[^\n]*\n?", re.M)


def _text_meta(text: str) -> tuple[str, dict, str | None]:
    """Strip and parse a corpus header line (REFID | created | ... ) and the title line after it."""
    m = _CORPUS_HEADER.match(text)
    if not m:
        meta: dict = {}
        title = None
        v = _VIEWER_TEXT_META.search(text[:20000])
        if v:
            meta = {k: val.strip() for k, val in v.groupdict().items()}
        t = _VIEWER_TEXT_TITLE.search(text[:20000])
        if t:
            meta.setdefault("refid", t.group(1))
            title = t.group(2).strip()
        return text, meta, title
    meta = {k: v.strip() for k, v in m.groupdict().items()}
    rest = text[m.end():]
    title = None
    first, _, after = rest.partition("\n")
    if first.strip() and not _PARTIAL_NOTE.match(first + "\n") and not CABLE_START.match("\n" + first) \
            and not CLASS_LINE_START.match("\n" + first):
        title = clean_title(first)
        rest = after
    note = rest.find("This record is a partial extract of the original cable.")
    if note >= 0 and (note == 0 or rest[note - 1] == "\n"):
        eol = rest.find("\n", note)
        rest = rest[:note] + (rest[eol + 1:] if eol >= 0 else "")
    return rest, meta, title


# ---------------------------------------------------------------- splitting

def cable_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every cable in `text`; [] when it holds none."""
    t = "\n" + text  # match positions in t: the "\n" at k is text[k-1]; the line starts at text[k]
    starts: list[int] = _cable_starts(t)
    seen_nums: set[str] = set()
    for m in CLASS_LINE_START.finditer(t):
        num = m.group("num")
        sec = m.group("sec")
        if sec and int(sec) > 1:
            continue
        line = m.start()
        prev = max((s for s in starts if s <= line), default=None)
        if prev is not None and line - prev < 4000 and "VZCZC" in text[prev:prev + 12] \
                and not any(prev < s < line for s in starts if s != prev):
            seen_nums.add(num)
            continue  # the classification line of a cable whose routing header we already have
        if num in seen_nums:
            continue
        seen_nums.add(num)
        starts.append(line)
    starts = sorted(set(starts))
    if not starts:
        return []
    spans = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        spans.append((s, _cable_end(text, s, e)))
    return spans


def _cable_starts(t: str) -> list[int]:
    """[m.start() for m in CABLE_START.finditer(t)], tried only at the line starts that "VZCZC"
    follows (a match holds no line break after its first character, so matches never overlap)."""
    out = []
    i = t.find("VZCZC")
    while i >= 0:
        j = i
        while j > 0 and t[j - 1] in " \t":
            j -= 1
        if j > 0 and t[j - 1] == "\n" and CABLE_START.match(t, j - 1):
            out.append(j - 1)
        i = t.find("VZCZC", i + 1)
    return out


def _last_match_end(rx: re.Pattern, seg: str, step: int = 2048) -> int:
    """End of the last match of rx.finditer(seg) (0 if none) for PARA_START, searched from the tail
    backwards in growing windows. Two PARA_START matches overlap only when a line break sits in the
    whitespace after a paragraph mark, and then both end at the same place, so the last match found
    from any window start ends where the last one of the whole text does."""
    pos = len(seg)
    while True:
        pos = max(0, pos - step)
        last = None
        for last in rx.finditer(seg, pos):
            pass
        if last is not None:
            return last.end()
        if pos == 0:
            return 0
        step *= 4


def _cable_end(text: str, start: int, end: int) -> int:
    """End of the cable within text[start:end]: its signature line after the last numbered paragraph."""
    seg = "\n" + text[start:end]   # positions in seg are text positions - start + 1
    from_pos = _last_match_end(PARA_START, seg)
    for rx in (CLASS_LINE_START, SUBJECT_LINE):  # the body starts after the header block
        m = rx.search(seg)
        if m:
            from_pos = max(from_pos, m.end())
    for sig in SIGNATURE.finditer(seg, from_pos):
        word = sig.group(1).strip()
        if word in NOT_SIGNATURE or "SECTION" in word:
            continue
        return start + sig.end() - 1
    return end


def documents_from_text(raw: str, name: str, fmt: str, meta: dict | None = None,
                        title: str | None = None) -> list[Document]:
    """Split raw decoded text into cables (or one document) and clean each."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    body, text_meta, text_title = _text_meta(raw)
    meta = {**text_meta, **(meta or {})}
    title = title or text_title
    spans = cable_spans(body)
    if len(spans) <= 1:
        if spans and fmt != "pdf":
            s, e = spans[0]
            outside = len(body[:s].strip()) + len(body[e:].strip())
            # a single cable wrapped in page chrome or commentary: keep the cable only
            body = body[s:e] if outside else body
        pieces = [(body, meta, title)]
    else:
        pieces = []
        for s, e in spans:
            pieces.append((body[s:e], {}, None))  # file-level meta belongs to no one cable in particular
    docs: list[Document] = []
    for piece, m, t in pieces:
        text = clean_text(piece)
        if len(text.strip()) < MIN_TEXT_CHARS:
            continue
        docs.append(Document(source=name, text=text, fmt=fmt, title=t, meta=dict(m)))
    if not docs:
        raise DocumentError(f"{name}: no readable text")
    n = len(docs)
    if n == 1:
        return docs  # already part 1 of 1
    return [Document(source=d.source, text=d.text, fmt=d.fmt, part=i + 1, parts=n, title=d.title,
                     meta=d.meta) for i, d in enumerate(docs)]


# ---------------------------------------------------------------- cleaning

_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
                       "\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc"
                       "\u2122\u0161\u203a\u0153\u017e\u0178]{1,3}")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_CSV_TAIL = re.compile(r'",\d{1,2}/\d{1,2}/\d{4},')
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CTRL_BYTES = bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])  # _CTRL as bytes
_TABLE_ROW = re.compile(r"(?: {2,}(?:[\d$(][\d,.%)]*|-+|n/a)){2,}\s*$")
_TABLE_END = frozenset("0123456789-%)")
_SPACES = re.compile("   *")  # two or more spaces, written so that the engine jumps to each "  " (C speed)
_LIST_START = re.compile(r"^(?:\d{1,2}\s*\.(?:\s|\()|[A-Za-z]\s*[.)]\s|\([a-zA-Z0-9]{1,3}\)|[-*\u2022]\s|--|-{3,}|[A-Z][A-Z .'/&\-]{2,}:)")
_STRUCTURAL = re.compile(r"^(?:-{3,}|={3,}|\*{3,}|E\.\s?O\.|(?:TAGS|REF|FM|TO|INFO|DE|SUBJ|CLASSIFIED BY|Classified By)\b)")
_HYPHEN_END = re.compile(r"([A-Za-z]+)-$")
_WORD = re.compile(r"[A-Za-z]+")


def _fix_mojibake(text: str) -> str:
    def repl(m: re.Match) -> str:
        s = m.group(0)
        try:
            raw = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in s)
            return raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return s
    return _MOJIBAKE.sub(repl, text)


def clean_text(text: str) -> str:
    """Normalise a report's text: marks, mojibake, entities, page headers, hyphenation, wrapping."""
    # Each step is guarded by a cheap test (single-character `in` runs at memchr speed) so that
    # clean text passes through without being copied or rescanned.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        if "\u20ac\u00b6" in text or ("\u00c2" in text and "\u00c2\u00b6" in text):  # mis-encoded paragraph marks
            text = text.replace("\u00e2\u20ac\u00b6", "\u00b6").replace("\u20ac\u00b6", "\u00b6").replace(
                "\u00c2\u00b6", "\u00b6")
        if "\u00c3" in text or "\u00c2" in text or ("\u20ac" in text and "\u00e2\u20ac" in text):
            text = _fix_mojibake(text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    try:
        raw = text.encode("latin-1")  # a plain copy; it fails when a character is beyond U+00FF
    except UnicodeEncodeError:
        raw = None
    if not text.isascii():
        # characters up to U+00FF are all NFC-stable, so only wider text needs the normalisation check
        if raw is None and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
        if any(c in text for c in _ZERO_WIDTH_CHARS):
            text = _ZERO_WIDTH.sub("", text)
    if "\t" in text:
        text = text.replace("\t", "    ")
    # _CTRL characters are the same bytes in Latin-1 and UTF-8 (and the steps since `raw` neither add nor
    # remove any): a byte-level delete-and-compare finds them at C speed
    if raw is None:
        raw = text.encode("utf-8", "surrogatepass")
    if len(raw.translate(None, _CTRL_BYTES)) != len(raw):
        text = _CTRL.sub("", text)
    if '",' in text:
        tail = _CSV_TAIL.search(text)
        if tail:  # a mirror's CSV export glued after the cable
            text = text[:tail.start()].rstrip()
    if '""' in text:
        text = text.replace('""', '"')
    if "\u00b6" in text:
        text = text.replace("\u00b6", "")
    text = remove_page_headers(text)
    return _join_lines(text).strip()


_STRUCT_PREFIXES = ("---", "===", "***", "TAGS", "REF:", "REF ", "E.O.", "FM ", "TO ", "INFO ", "DE ",
                    "SUBJ", "CLASSIFIED BY", "Classified By")
_LIST_FIRST = frozenset("0123456789-*\u2022(")
_STRUCT_BY_FIRST = {c: tuple(p for p in _STRUCT_PREFIXES if p[0] == c) for c in {p[0] for p in _STRUCT_PREFIXES}}
_NOT_AFTER_LOWER = (".", ")", " ")


def _is_list_start(line: str) -> bool:
    c = line[0]
    if c in _LIST_FIRST or line[1:2] in (".", ")") or line[1:3] in (" .", " )") \
            or (c.isupper() and line[1:2].isupper()):
        return bool(_LIST_START.match(line))
    return False


def _is_table_row(line: str) -> bool:
    """Ends in two or more number columns ("Patent   13    4    13    53")."""
    return ((line[-1:] in _TABLE_END or line.endswith("n/a")) and "  " in line[-14:]
            and _TABLE_ROW.search(line) is not None)


def _join_lines(text: str) -> str:
    """Join hard-wrapped lines into paragraphs; keep blank-line breaks, lists, headers and tables.
    A line joins the previous one when that one looks wrapped and this one looks like its rest.
    One pass over the lines, cheap string tests first and regexes only where they can match
    (structural lines begin with one of a few characters, table rows end in a number column)."""
    raw: list[str] | None = None   # the unstripped lines, once a table row needs its indentation
    pieces: list[str] = []          # lines and the breaks between them ("\n", "\n\n", " " or "")
    add = pieces.append
    lower: str | None = None
    blank = started = prev_open = any_table = False
    last = ""
    for i, s in enumerate(map(str.strip, text.split("\n"))):
        if not s:
            blank = True
            prev_open = False
            continue
        c = s[0]
        end = s[-1]
        prefixes = _STRUCT_BY_FIRST.get(c)
        struct = prefixes is not None and s.startswith(prefixes) and _STRUCTURAL.match(s) is not None
        table = (end in _TABLE_END or (end == "a" and s.endswith("n/a"))) and "  " in s[-14:] \
            and _TABLE_ROW.search(s) is not None   # == _is_table_row(s)
        if prev_open and not struct and not table and (
                (c.islower() and s[1:2] not in _NOT_AFTER_LOWER) or not _is_list_start(s)):
            if last[-1] == "-" and c.islower():
                if lower is None:
                    lower = text.lower()
                if _mend_hyphen(last, s, lower):
                    pieces[-1] = pieces[-1][:-1]
            else:
                add(" ")
            add(s)
        else:
            if started:
                add("\n\n" if blank else "\n")
            if table:
                any_table = True
                if raw is None:
                    raw = text.split("\n")
                add(raw[i].rstrip())
            else:
                add(s)
        started = True
        blank = False
        prev_open = 40 <= len(s) <= 110 and not struct and not table and end != ":"
        last = s
    joined = "".join(pieces)
    if "  " not in joined:
        return joined
    if not any_table:
        return _SPACES.sub(" ", joined)
    # the paragraphs are the lines of `joined`; table rows keep their column spacing
    return "\n".join(_SPACES.sub(" ", ln) if "  " in ln and not (len(ln) < 160 and _is_table_row(ln)) else ln
                     for ln in joined.split("\n"))


def _mend_hyphen(last: str, s: str, lower: str) -> bool:
    """Whether a word broken at the end of `last` ("inter-") and continued on `s` is one word:
    mended when the whole word occurs elsewhere in the (lower-cased) text."""
    hm = _HYPHEN_END.search(last)
    nxt = _WORD.match(s)
    merged = ((hm.group(1) if hm else "") + (nxt.group(0) if nxt else "")).lower()
    compound = hm is not None and last[max(hm.start() - 1, 0):hm.start()] == "-"
    return bool(hm) and not compound and len(merged) > 3 and merged in lower
