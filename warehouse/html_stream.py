"""Reading the visible text of an HTML page in one pass, without building a tree.

read.html_text_parsed reads pages with lxml, whose tree costs about 40 times the page's size in
memory on a page of tiny tags (24 MB of `<b>x</b>` -> 1 GB), and whose parser (libxml2) stops at
256 levels of nesting and drops the rest of the page. Pages with more tags than
read.MAX_TREE_TAGS, and pages on which libxml2 reports such a resource limit, are read here
instead: a scanner that walks the tags with str.find and one regular expression, keeps a stack of
the few elements whose content it drops, and joins the text as it goes, so memory stays a small
multiple of the page's size, whatever its depth or number of tags.

It gives what read.html_text_parsed gives for ordinary markup: the text and tails of every
element in document order, a line break before each block element, nothing of <script>, <style>,
<noscript>, <template>, <svg> and <head>, character references decoded; the <pre> blocks of a
cable (a page whose <pre> holds a cable's routing or classification line) instead of the page;
the page's <title>. It does not repair markup the way a browser would (an unclosed <head> ends at
<body>; a '>' inside a quoted attribute value ends the tag), which only matters on broken pages.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:_\-]*")
_BLOCK = frozenset(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table",
                    "section", "article", "blockquote", "ul", "ol", "dd", "dt", "header", "footer", "td", "th"))
_DROPPED = frozenset(("noscript", "template", "svg", "head"))
_RAW = frozenset(("script", "style", "xmp", "iframe", "noembed", "noframes"))   # content is not markup
_RCDATA = frozenset(("title", "textarea"))                                      # text, references decoded
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"))
_JOIN_EVERY = 4096       # text pieces gathered before they are joined (bounds the list's overhead)


class _Text:
    """Pieces of text joined every _JOIN_EVERY pieces (a page of tiny tags has millions)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending: list[str] = []

    def add(self, s: str) -> None:
        self.pending.append(s)
        if len(self.pending) >= _JOIN_EVERY:
            self.parts.append("".join(self.pending))
            self.pending = []

    def value(self) -> str:
        return "".join(self.parts) + "".join(self.pending)


def _unescape(s: str) -> str:
    return html.unescape(s) if "&" in s else s


def stream_text(markup: str) -> tuple[str, list[str], str | None]:
    """(visible text, the <pre> blocks' texts, the <title>) of an HTML page, in one pass."""
    text = _Text()
    pres: list[_Text] = []
    pre_depth = 0
    title: str | None = None
    dropped: list[str] = []          # open dropped elements (their content is not text)
    n = len(markup)
    last_gt = markup.rfind(">")
    has_comment_end = "-->" in markup
    pos = 0
    while pos < n:
        lt = markup.find("<", pos)
        if lt < 0 or lt > last_gt:   # no tag can end after this point: the rest is text
            run = markup[pos:]
            pos = n
        else:
            run = markup[pos:lt]
            pos = lt
        if run and not dropped:
            run = _unescape(run)
            text.add(run)
            if pre_depth:
                pres[-1].add(run)
        if pos >= n:
            break
        nxt = markup[pos + 1:pos + 2]
        if nxt == "!":
            if markup.startswith("<!--", pos):
                end = markup.find("-->", pos + 4) if has_comment_end else -1
                pos = end + 3 if end >= 0 else markup.find(">", pos) + 1
            else:                      # <!DOCTYPE ...>, <![CDATA[ ... ]]> and the like
                pos = markup.find(">", pos) + 1
            continue
        if nxt == "?":
            pos = markup.find(">", pos) + 1
            continue
        closing = nxt == "/"
        m = _NAME.match(markup, pos + 2 if closing else pos + 1)
        if m is None:                  # a '<' that opens no tag is text
            if not dropped:
                text.add("<")
                if pre_depth:
                    pres[-1].add("<")
            pos += 1
            continue
        name = m.group(0).lower()
        gt = markup.find(">", m.end())   # found: gt <= last_gt
        self_closing = markup[gt - 1] == "/" and gt > m.end()
        pos = gt + 1
        if closing:
            if dropped:
                if name == dropped[-1]:
                    dropped.pop()
            elif name == "pre" and pre_depth:
                pre_depth -= 1
            continue
        if name in _RAW or name in _RCDATA:
            end = _raw_end(markup, pos, name, n)
            if name == "title":
                if title is None:
                    title = _title(markup[pos:end])
            elif name == "textarea" and not dropped:   # its text is page text
                inner = _unescape(markup[pos:end])
                text.add(inner)
                if pre_depth:
                    pres[-1].add(inner)
            pos = _after_end_tag(markup, end, n)
            continue
        if dropped:
            if name == dropped[-1] and not self_closing and name not in _VOID:
                dropped.append(name)     # the same element nested: count it
            elif dropped[-1] == "head" and name == "body":
                dropped.pop()            # <body> ends an unclosed <head>
            continue
        if name in _DROPPED:
            if not self_closing:
                dropped.append(name)
            continue
        if name in _BLOCK:
            text.add("\n")
        if name == "pre" and not self_closing:
            if pre_depth == 0:
                pres.append(_Text())
            pre_depth += 1
    pre_texts = [p.value() for p in pres]
    return text.value(), pre_texts, title


@lru_cache(maxsize=32)
def _end_tag(name: str) -> re.Pattern:
    return re.compile(rf"</{re.escape(name)}[\s/>]", re.I)


def _raw_end(markup: str, pos: int, name: str, n: int) -> int:
    """Where the content of a raw-text element that starts at pos ends (its end tag, or the end)."""
    m = _end_tag(name).search(markup, pos)
    return m.start() if m else n


def _after_end_tag(markup: str, end: int, n: int) -> int:
    """The position after the end tag that starts at `end` (n when there is none)."""
    if end >= n:
        return n
    gt = markup.find(">", end)
    return n if gt < 0 else gt + 1


def _title(raw: str) -> str | None:
    t = " ".join(_unescape(raw).split())
    return t[:200] or None
