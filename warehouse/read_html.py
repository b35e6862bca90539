"""Fast path for WikiLeaks cable-viewer pages: what read.html_text_parsed (lxml) returns, without lxml.

viewer_page(markup) scans the page with a few regular expressions and gives the same (text, meta,
title) that read.html_text would give, or None whenever the page strays from the plain shapes it
knows (then the caller parses it with lxml). It only answers when every construct that could make
libxml2 build a different tree is ruled out: the whole page must be a sequence of text and
well-formed tags from a short list (no comments, CDATA, processing instructions, raw-text or
foreign elements, malformed attributes, control characters); <pre>, heading and table cells may
hold only inline tags, properly nested and closed; character references must be unambiguous.
The rules were checked against the libxml2 that lxml bundles (2.14); with any other libxml2 the
fast path stays off. The cable-text patterns it shares with read.py come from cable_text.py (this
module does not import read.py, so read.py imports it at its top).
"""
from __future__ import annotations

import re
from html.entities import html5 as _HTML5

from .cable_text import CLASS_LINE_START, MIN_TEXT_CHARS, XML_DECL, clean_title

__all__ = ["viewer_page"]

# Inside a tag: whitespace-separated attributes, each a plain name with an optional value quoted
# right after '=' (the only place where HTML's tokenizer opens a quoted value, which may then hold
# '>'); then an optional '/' and '>'. Anything else (unquoted values, stray quotes or '=', names
# with odd characters) is not accepted, so a tag ends exactly where the tokenizer ends it.
_TAIL = (r"""(?:[ \t\n\r]++[A-Za-z_:][-A-Za-z0-9_:.]*+(?:[ \t\n\r]*+=[ \t\n\r]*+(?:'[^']*+'|"[^"]*+"))?+)*+"""
         r"""[ \t\n\r]*+/?>""")
# Elements that may appear outside the regions read, as they are (no raw text, nothing foreign).
# (</html> is not among the end tags: libxml2 drops whatever follows it, so _scan looks at it.)
_PLAIN_END = ("a|abbr|b|big|blockquote|body|br|center|cite|code|dd|div|dl|dt|em|font|h[4-6]|head|hr|"
              "i|img|li|link|ol|p|s|small|span|strike|strong|sub|sup|tt|u|ul")
_PLAIN = _PLAIN_END + "|html"
_DOCTYPE = re.compile(r"""[ \t\n\r]*+<![dD][oO][cC][tT][yY][pP][eE](?:[^<>'"]++|'[^'<>]*+'|"[^"<>]*+")*+>""")
# Text and plain tags, skipped at C speed; it stops at anything else (a region start or trouble).
_SKIP = re.compile(rf"""(?:<a href='[^']*+'>[^<]*+</a>\n|[^<]++"""
                   rf"""|<(?:{_PLAIN}){_TAIL}|</(?:{_PLAIN_END}){_TAIL})*+""")
_TAG = re.compile(rf"<(/?)([a-z][a-z0-9]*+){_TAIL}")
_SCRIPT_REST = re.compile(r"[^<]*+</script[ \t\n\r]*>")
_TITLE_REST = re.compile(r"[^<]*+</title[ \t\n\r]*>")
# A region holding only text and simple links, read in one go; an '&' right before a tag makes
# the per-piece reading necessary (a reference must not run across the tag once it is removed).
_FLAT = re.compile(r"((?:[^<]++|<a(?: [a-z]++='[^'<>]*+')++>[^<]*+</a>)*+)</([a-z0-9]+)>")
_LINK_TAG = re.compile(r"<a(?: [a-z]++='[^'<>]*+')++>|</a>")
_PLAIN_TEXT = re.compile(r"([^<&]*+)</([a-z0-9]+)>")
_CELL = re.compile(r"[ \t\n]*+<(t[hd])>([^<&]*+)(?:<a(?: [a-z]++='[^'<>]*+')++>([^<&]*+)</a>([^<&]*+))?</\1>")
_AMP_TAG = re.compile(r"&[#0-9A-Za-z]*+<")
_INLINE = frozenset("a abbr b big cite code em font i s small span strike strong sub sup tt u".split())
_VOID_INLINE = frozenset(("br",))
# Characters that libxml2 might not hand back as they are (controls, C1, surrogates, non-characters).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE_BYTES = bytes([*range(0, 9), *range(11, 32), *range(0x7f, 0xa0)])
_SAFE_BYTES = bytes(b for b in range(256) if b not in _UNSAFE_BYTES)
_HEADING = re.compile(r"Viewing cable (\S+?),\s*(.*)")
_NEWLINE_REF = "&#x000A;"  # the viewer writes every line break this way
_REF = re.compile(r"&(?:#[xX]([0-9A-Fa-f]{1,6});|#([0-9]{1,7});|([A-Za-z][A-Za-z0-9]*)(;?)|(#?))")
_LEGACY = frozenset(k for k in _HTML5 if not k.endswith(";"))  # names valid without ';'
_LEGACY_MAX = max(map(len, _LEGACY))

_libxml_ok: bool | None = None


class _Unsure(Exception):
    """Raised inside the scan when lxml might read the page differently."""


def _lxml_matches() -> bool:
    """True when lxml bundles the libxml2 the rules were checked against."""
    global _libxml_ok
    if _libxml_ok is None:
        try:
            from lxml import etree
            _libxml_ok = tuple(etree.LIBXML_VERSION[:2]) == (2, 14)
        except Exception:  # no lxml: html_text cannot run either
            _libxml_ok = False
    return _libxml_ok


def _safe_char(cp: int) -> bool:
    """A code point that libxml2 and html.unescape both keep as it is."""
    if cp < 0x7f:
        return cp >= 0x20 or cp in (9, 10)
    if cp < 0xa0 or 0xd800 <= cp <= 0xdfff or 0xfdd0 <= cp <= 0xfdef or (cp & 0xfffe) == 0xfffe:
        return False
    return cp <= 0x10ffff


def _ref(m: re.Match) -> str:
    hexa, dec, name, semi, other = m.groups()
    if hexa is not None or dec is not None:
        cp = int(hexa, 16) if hexa is not None else int(dec)
        if not _safe_char(cp):
            raise _Unsure
        return chr(cp)
    if name is not None:
        if semi:
            value = _HTML5.get(name + ";")
            if value is not None:
                if not all(_safe_char(ord(c)) for c in value):
                    raise _Unsure
                return value
        for k in range(1, min(len(name), _LEGACY_MAX) + 1):
            if name[:k] in _LEGACY:
                raise _Unsure  # a bare legacy name: parsers disagree on these
        return m.group(0)  # "&Gold", "&at;": not a reference, kept as written
    if other:
        raise _Unsure  # "&#" without digits and ';'
    return "&"


def _safe_text(text: str) -> bool:
    """No character in text that libxml2 might change (see _UNSAFE); C speed for Latin-1 text."""
    try:
        return not text.encode("latin-1").translate(None, _SAFE_BYTES)
    except UnicodeEncodeError:
        return _UNSAFE.search(text) is None


def _text(chunk: str) -> str:
    """Character data of one text run, references resolved."""
    if "&" not in chunk:
        return chunk
    chunk = chunk.replace(_NEWLINE_REF, "\n")
    if "&" not in chunk:
        return chunk
    return _REF.sub(_ref, chunk)


def _inline(markup: str, pos: int, end_name: str) -> tuple[str, int]:
    """Text content from pos up to the matching </end_name>: (text, position after that tag).
    Only inline tags may come in between, nested properly and closed."""
    plain = _PLAIN_TEXT.match(markup, pos)
    if plain is not None and plain.group(2) == end_name:
        text = plain.group(1)
        if not _safe_text(text):
            raise _Unsure
        return text, plain.end()
    flat = _FLAT.match(markup, pos)
    if flat is not None and flat.group(2) == end_name:
        body = flat.group(1)
        if _NEWLINE_REF in body:  # a whole reference lies within one piece of text
            body = body.replace(_NEWLINE_REF, "\n")
        if "<" in body:
            if "&" in body and _AMP_TAG.search(body):
                flat = None
            else:
                body = _LINK_TAG.sub("", body)
        if flat is not None:
            text = _text(body)
            if not _safe_text(text):
                raise _Unsure
            return text, flat.end()
    parts: list[str] = []
    stack: list[str] = []
    find = markup.find
    match = _TAG.match
    while True:
        lt = find("<", pos)
        if lt < 0:
            raise _Unsure  # never closed
        if lt > pos:
            parts.append(_text(markup[pos:lt]))
        m = match(markup, lt)
        if m is None:
            raise _Unsure
        closing, name = m.groups()
        pos = m.end()
        if closing:
            if stack:
                if stack[-1] != name:
                    raise _Unsure
                stack.pop()
            elif name == end_name:
                text = "".join(parts)
                if not _safe_text(text):
                    raise _Unsure
                return text, pos
            else:
                raise _Unsure
        elif name in _VOID_INLINE:
            continue
        elif name in _INLINE and name not in stack and not m.group(0).endswith("/>"):
            stack.append(name)
        else:
            raise _Unsure


def _table(markup: str, pos: int) -> tuple[list[list[str]], int]:
    """Rows of cell texts of a plain table (tr, th/td only) starting at pos; position after it."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    cell = _CELL.match
    while True:
        if row is not None:
            c = cell(markup, pos)
            if c is not None:  # a cell holding text and at most one simple link
                _, a, b, d = c.groups()
                text = a + b + d if b is not None else a
                if not _safe_text(text):
                    raise _Unsure
                row.append(text)
                pos = c.end()
                continue
        lt = markup.find("<", pos)
        if lt < 0 or markup[pos:lt].strip(" \t\n"):
            raise _Unsure  # text outside the cells
        m = _TAG.match(markup, lt)
        if m is None or m.group(0).endswith("/>"):
            raise _Unsure
        closing, name = m.groups()
        pos = m.end()
        if row is None:
            if name == "tr" and not closing:
                row = []
                rows.append(row)
            elif name == "table" and closing:
                return rows, pos
            else:
                raise _Unsure
        elif name in ("th", "td") and not closing:
            text, pos = _inline(markup, pos, name)
            row.append(text)
        elif name == "tr" and closing:
            row = None
        else:
            raise _Unsure


def _meta(tables: list[list[list[str]]]) -> dict:
    """read._viewer_meta over the parsed tables."""
    for rows in tables:
        if len(rows) < 2:
            continue
        heads = [" ".join(c.split()).lower() for c in rows[0]]
        if heads[:1] != ["reference id"]:
            continue
        vals = [" ".join(c.split()) for c in rows[1]]
        keys = ["refid" if h == "reference id" else h for h in heads]
        return {k: v for k, v in zip(keys, vals) if v}
    return {}


def _scan(markup: str, start: int) -> tuple[str, dict, str | None] | None:
    """The page walked once from start: plain stretches skipped by _SKIP, the regions read by hand."""
    pres: list[str] = []
    tables: list[list[list[str]]] = []
    heading: str | None = None
    end = len(markup)
    d = _DOCTYPE.match(markup, start)
    pos = d.end() if d else start
    skip = _SKIP.match
    while True:
        pos = skip(markup, pos).end()
        if pos >= end:
            break
        m = _TAG.match(markup, pos)
        if m is None:
            raise _Unsure  # not a tag this scan reads
        name = m.group(2)
        pos = m.end()
        if m.group(1):
            if name == "html" and not markup[pos:].strip(" \t\n"):
                break  # the end of the page (libxml2 would drop anything after it)
            raise _Unsure  # an end tag out of place
        if m.group(0).endswith("/>"):
            raise _Unsure  # a self-closed region
        if name == "pre":
            text, pos = _inline(markup, pos, "pre")
            pres.append(text)
        elif name == "table":
            rows, pos = _table(markup, pos)
            tables.append(rows)
        elif name in ("h1", "h2", "h3"):
            text, pos = _inline(markup, pos, name)
            if heading is None:
                t = " ".join(text.split())
                if _HEADING.match(t):
                    heading = t
        elif name == "script":
            rest = _SCRIPT_REST.match(markup, pos)
            if rest is None:
                raise _Unsure
            pos = rest.end()
        elif name == "title":
            rest = _TITLE_REST.match(markup, pos)
            if rest is None:
                raise _Unsure
            pos = rest.end()
        else:
            raise _Unsure  # an element this scan does not know
    meta = _meta(tables)
    title = None
    if heading is not None:
        h = _HEADING.match(heading)
        meta.setdefault("refid", h.group(1))
        title = clean_title(h.group(2)) if h.group(2) else None
    pres = [p for p in pres if p.strip()]
    if not pres:
        return None  # html_text reads the whole page's visible text then
    if not meta and not any("VZCZC" in p or CLASS_LINE_START.search("\n" + p) for p in pres):
        return None
    text = "\n\n".join(pres)
    if len(text.strip()) < MIN_TEXT_CHARS:
        return None  # html_text raises DocumentError
    return text, meta, title


def viewer_page(markup: str) -> tuple[str, dict, str | None] | None:
    """(text, meta, title) exactly as read.html_text gives them for a plain cable-viewer page,
    or None when the page is anything else or the fast scan is not sure."""
    if not isinstance(markup, str):
        return None
    try:
        if not _lxml_matches() or "\x00" in markup:
            return None
        if not markup.isascii():
            try:
                markup.encode("latin-1")  # C speed; only wider strings can hold surrogates
            except UnicodeEncodeError:
                if _SURROGATE.search(markup):
                    return None  # lxml cannot take these
        if "\r" in markup:
            markup = markup.replace("\r\n", "\n").replace("\r", "\n")
        decl = XML_DECL.match(markup)  # html_text cuts it off; here the scan starts after it
        return _scan(markup, decl.end() if decl else 0)
    except _Unsure:
        return None
    except Exception:  # a slip in the fast path must never cost more than the slow path
        return None
