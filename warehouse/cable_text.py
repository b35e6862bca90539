"""Cable-text patterns shared by the readers (read.py, read_html.py) and detection (detect.py).

What a State Department cable's text looks like: its routing line ("VZCZC..."), classification line
("UNCLAS SECTION 01 OF 03 LIMA 000123"), subject line, numbered paragraphs, signature, the page
headers a printout puts in ("MOSCOW 00000521  002 OF 004") and how a title line is cleaned. Kept in
one module that imports nothing of the project, so every reader can use it without import circles.
"""
from __future__ import annotations

import re

MIN_TEXT_CHARS = 20
"""A document needs at least this many characters of text."""

XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
"""An XML declaration at the top of a page (lxml refuses one in a str; the readers cut it off)."""

# ---------------------------------------------------------------- line patterns

# Line-start patterns begin with "\n" (searched in "\n" + text): the regex engine then jumps from
# newline to newline instead of trying every position.
CABLE_START = re.compile(r"\n[ \t]*VZCZC[A-Z0-9]{3,12}\b")
# A cable's classification line ("UNCLAS SECTION 01 OF 03 LIMA 000123"): post and serial number.
# detect.py searches CLASS_LINE anywhere in a header; CLASS_LINE_START anchors it at a line start.
CLASS_LINE = (r"(?P<cls>UNCLAS(?:SIFIED)?|C O N F I D E N T I A L|CONFIDENTIAL|S E C R E T|SECRET)"
              r"(?:\s+(?:E F T O|EFTO|NOFORN|SENSITIVE|FOR OFFICIAL USE ONLY))*"
              r"(?:\s+SECTION\s+(?P<sec>\d{1,2})\s+OF\s+\d{1,2})?\s+(?P<post>[A-Z][A-Z .'\-]{1,30}?)\s+(?P<num>\d{6})\b")
CLASS_LINE_START = re.compile(r"\n[ \t]*" + CLASS_LINE)
SUBJECT_LINE = re.compile(r"\n[ \t]*SUBJ(?:ECT)?:[^\n]*")
PARA_START = re.compile(r"\n[ \t]*(?:[€Â]?¶\s*)?\d{1,2}\s*\.\s*(?:\([A-Z/]{1,4}\)|[A-Z])")
SIGNATURE = re.compile(r"\n[ \t]*([A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]+){0,2})[ \t]*(?=\n|\Z)")
NOT_SIGNATURE = {"SIPDIS", "SENSITIVE", "SUMMARY", "COMMENT", "END SUMMARY", "END COMMENT", "CONCLUSION",
                 "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "NOFORN", "BACKGROUND", "END",
                 "ACTION REQUEST", "NOTE", "END NOTE", "TEXT", "END TEXT", "RECOMMENDATION"}


# ---------------------------------------------------------------- page headers

PAGE_NUMBER = re.compile(r" \d{8}\s+\d{3}(?:\.\d+)? OF \d{3}(?!\d)")
_POST_BEFORE = re.compile(r"(?:[A-Z][A-Z.'\-]*)(?: [A-Z][A-Z.'\-]*){0,3}\Z")


def remove_page_headers(text: str) -> str:
    """Drop cable page headers ("MOSCOW 00000521  002 OF 004"). One on a line of its own takes the
    blank lines around it too, so the paragraph it interrupted joins up again."""
    out: list[str] = []
    pos = 0
    for m in page_numbers(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 60):m.start()]
        post = _POST_BEFORE.search(before)
        if not post:
            continue
        start = m.start() - (len(before) - post.start())
        if start < pos:
            continue
        end = m.end()
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            # own line: swallow the blank lines before and after, keep one line break
            a = line_start
            while a > 0:
                prev = text.rfind("\n", 0, a - 1) + 1
                if text[prev:a - 1].strip():
                    break
                a = prev
            b = line_end
            while b < len(text):
                nxt = text.find("\n", b + 1)
                nxt = len(text) if nxt < 0 else nxt
                if text[b + 1:nxt].strip():
                    break
                b = nxt
            out.append(text[pos:max(a - 1, pos)])
            pos = b
        else:
            out.append(text[pos:start].rstrip(" \t") + " ")
            pos = end
            while pos < len(text) and text[pos] in " \t":
                pos += 1
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def page_numbers(text: str) -> list[re.Match]:
    """What PAGE_NUMBER.finditer(text) yields, found from the rare " OF " instead of every space.

    A match is " " + 8 digits + whitespace + a token (\\d{3}, maybe .\\d+) + " OF ": walking back from
    an " OF " over the token and the whitespace gives the only start a match through it can have.
    Matches cannot overlap (a match holds no "O" before its own " OF "), so these are all of them."""
    out = []
    find = text.find
    i = find(" OF ")
    while i >= 0:
        if i and text[i - 1].isdecimal():
            t = i - 1
            while t > 0 and not text[t - 1].isspace():
                t -= 1
            w = t
            while w > 0 and text[w - 1].isspace():
                w -= 1
            if w < t and w >= 9:
                m = PAGE_NUMBER.match(text, w - 9)
                if m:
                    out.append(m)
        i = find(" OF ", i + 1)
    return out


# ---------------------------------------------------------------- titles

_TITLE_CUT = re.compile(r"\s+(?:REF:|Classified By:?|CLASSIFIED BY:?)\s")
_WHITESPACE = re.compile(r"\s+")


def clean_title(line: str) -> str | None:
    """A subject or heading line as a title: page headers and REF/Classified By tails cut, spaces
    collapsed, at most 200 characters (None when nothing is left)."""
    line = remove_page_headers(line)
    line = _TITLE_CUT.split(line, maxsplit=1)[0]
    line = _WHITESPACE.sub(" ", line).strip().replace('""', '"')
    return line[:200] or None
