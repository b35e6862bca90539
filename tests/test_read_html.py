"""read_html.viewer_page: the fast path gives exactly what the lxml reading (read.html_text_parsed)
gives, or None."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from warehouse.errors import DocumentError
from warehouse.read import decode_text, html_text_parsed as html_text   # the lxml reference
from warehouse.read_html import viewer_page


def slow(markup: str):
    """html_text's answer, or None where it raises (the fast path must then say None too)."""
    try:
        return html_text(markup, "page.html")
    except DocumentError:
        return None


def same_or_none(markup: str):
    fast = viewer_page(markup)
    assert fast is None or fast == slow(markup), markup[:300]
    return fast


# ---------------------------------------------------------------- synthetic pages (invented text)

CABLE = ("VZCZCXYZ0001&#x000A;RR RUEHWEB&#x000A;&#x000A;DE RUEHXX #0042 0101234&#x000A;"
         "R 011234Z JAN 09&#x000A;FM AMEMBASSY ATLANTIS&#x000A;TO SECSTATE WASHDC 0001&#x000A;"
         "&#x000A;UNCLAS ATLANTIS 000042 &#x000A;&#x000A;E.O. 12958: N/A&#x000A;"
         "TAGS: <a href='/tag/KIPR_0.html'>KIPR</a> <a href='/tag/ETRD_0.html'>ETRD</a>&#x000A;"
         "SUBJECT: INVENTED TEST CABLE ON PIRACY&#x000A;&#x000A;"
         "1. (U) Officials said enforcement &amp; raids rose; fines &lt; 10 pct &gt; last year.&#x000A;"
         "2. (U) The mission will follow up.&#x000A;&#x000A;DOE&#x000A;")


def page(pre_blocks=(CABLE,), meta=True, heading="Viewing cable 09ATLANTIS42, INVENTED SUBJECT: TEST",
         pre_open="<pre>", crlf=False, sidebar=True, decl=True) -> str:
    """A cable-viewer-like page around the given <pre> contents."""
    parts = []
    if decl:
        parts.append("<?xml version='1.0' encoding='utf-8' ?>\n")
    parts.append('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd">\n'
                 "<html lang='en'>\n<head>\n<title>Cable Viewer</title>\n"
                 "<link href='/static/a.css' rel='stylesheet' type='text/css' />\n</head>\n<body>\n")
    if sidebar:
        parts.append("<div class='pane small'>\n<h3>Browse latest releases</h3>\n<div class='pick'>\n")
        for i in range(30):
            parts.append(f"<a href='/tag/T{i}_0.html'>T{i}</a>\n")
        parts.append("<a class='sort fix' href='#r_1' onclick=\"return swap('r_1');\">2010/11</a>\n"
                     "</div>\n<p>\n<i>\nsome words\n</i>\n</p>\n</div>\n")
    parts.append("<div class='pane big'>\n")
    if heading is not None:
        parts.append(f"<h3>{heading}</h3>\n<div>\nRead the <a href=\"#h\" onclick=\"return sh(1);\">help</a>"
                     "<br />\n</div>\n")
    if meta:
        parts.append("<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n"
                     "<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n"
                     "<a href='/cable/2009/01/09ATLANTIS42.html'>09ATLANTIS42</a>\n</td>\n<td>\n"
                     "<a href='/date/2009-01_0.html'>2009-01-01 12:34</a>\n</td>\n<td>\n"
                     "<a href='/reldate/2011-02-03_0.html'>2011-02-03 16:04</a>\n</td>\n<td>\n"
                     "<a href='/classification/5_0.html' title='unclassified'>UNCLASSIFIED</a>\n</td>\n<td>\n"
                     "<a href='/origin/1_0.html'>Embassy Atlantis</a>\n</td>\n</tr>\n</table>\n")
    for block in pre_blocks:
        parts.append(f"<code>{pre_open}{block}</pre></code>\n")
    parts.append("</div>\n<script src='/static/js/cables.js' type='text/javascript'></script>\n</body>\n</html>\n")
    text = "".join(parts)
    return text.replace("\n", "\r\n") if crlf else text


GOOD = {
    "plain": page(),
    "no xml declaration": page(decl=False),
    "entities": page(("VZCZCXYZ0002 &amp;&lt;&gt;&quot;&#39;&#x27;&#233;&eacute;&nbsp;&copy; &Gold &at; "
                      "&a &(On &#x000A;UNCLAS ATLANTIS 000042 AT&amp;T &euro;&#8364; x",)),
    "links, bold and br inside pre": page(("VZCZCXYZ0003 <a href='/x.html' title='a > b'>link</a> "
                                           "<b>bold <i>both</i></b><br/>next<br>line <span>s</span>\n",)),
    "attributes on pre": page(pre_open="<pre class='body' id=\"c1\" data-x='>'>"),
    "crlf": page(crlf=True),
    "several pre blocks, one blank": page(("This record is a partial extract of the original cable.",
                                           "   \n ", CABLE, "VZCZCXYZ0004 second part of the text")),
    "no meta table": page(meta=False),
    "no meta table, no heading": page(meta=False, heading=None),
    "no sidebar": page(sidebar=False),
    "heading with markup": page(heading="Viewing <b>cable</b> 09ATLANTIS42,\n  <i>SUBJECT</i> &amp; MORE"),
    "heading without title": page(heading="Viewing cable 09ATLANTIS42, "),
    "non-ASCII text": page(("VZCZCXYZ0005 \u00b6 caf\u00e9 \u20ac 5 \u2014 \u4e2d\u6587 \U0001d11e done",)),
}

MALFORMED = {
    "no pre at all": page(pre_blocks=()),
    "non-viewer page": "<html><head><title>Blog</title></head><body><h1>Hello</h1><p>Some text here "
                       "that is long enough.</p><pre>x = 1 + 2  # some code, not a cable</pre></body></html>",
    "upper-case tags": page(pre_open="<PRE>").replace("</pre>", "</PRE>"),
    "comment inside pre": page(("VZCZCXYZ0006 <!-- hidden --> text after the comment",)),
    "comment in sidebar": page().replace("<div class='pick'>", "<div class='pick'><!-- <pre>VZCZC x</pre> -->"),
    "CDATA inside pre": page(("VZCZCXYZ0007 <![CDATA[ raw ]]> text after",)),
    "script inside pre": page(("VZCZCXYZ0008 <script>var a = '<b>';</script> text",)),
    "style element": page().replace("</head>", "<style>pre { color: red }</style></head>"),
    "textarea hiding a pre": page().replace("<div class='pane big'>", "<textarea><div class='pane big'>"),
    "nested pre": page(("VZCZCXYZ0009 outer <pre>inner text of the cable</pre> outer again",)),
    "unclosed pre": page().replace("</pre></code>\n</div>", "</code>\n</div>"),
    "stray end tag in pre": page(("VZCZCXYZ0010 text </code> more text of the cable",)),
    "block tag in pre": page(("VZCZCXYZ0011 text <p>para</p> more text of the cable",)),
    "self-closed pre": page(pre_open="<pre/>"),
    "unbalanced quote in sidebar": page().replace("<a href='/tag/T3_0.html'>", "<a href='/tag/T3_0.html>"),
    "quote not after =": page().replace("<a href='/tag/T3_0.html'>", "<a x'=\" href='/tag/T3_0.html'>"),
    "unquoted attribute": page().replace("<a href='/tag/T3_0.html'>", "<a href=/tag/T3_0.html>"),
    "lone <": page().replace("some words", "a < b"),
    "NUL": page(("VZCZCXYZ0012 text \x00 more text of the cable",)),
    "control character": page(("VZCZCXYZ0013 text \x01 more text of the cable",)),
    "bad numeric references": page(("VZCZCXYZ0014 &#0; &#x80; &#1; &#xD800; &#x110000; &#13; text",)),
    "legacy entity without ;": page(("VZCZCXYZ0015 &notice &amp text of the cable",)),
    "table cell not closed": page().replace("2009-01-01 12:34</a>\n</td>", "2009-01-01 12:34</a>\n"),
    "nested table": page().replace("<td>\n<a href='/origin",
                                   "<td>\n<table><tr><td>x</td></tr></table><a href='/origin"),
    "heading not closed": page().replace("TEST</h3>", "TEST"),
    "unknown element": page().replace("<div class='pane big'>", "<section><div class='pane big'>"),
    "iframe": page().replace("<div class='pane big'>", "<iframe><div class='pane big'>"),
    "surrogate": page().replace("some words", "some \ud800 words"),
    "tiny pre": page(("VZCZC short",), meta=False),
    "processing instruction": page().replace("<body>", "<body><?php echo 1 ?>"),
    # a quote that HTML's tokenizer does not take as opening a value: the tag ends at the first '>'
    "'=' with no attribute name": page().replace("<div class='pick'>", "<div ='x><pre>VZCZC hidden?</pre>y'>"),
    "'=' after a quoted value": page().replace("<a href='/tag/T3_0.html'>",
                                               "<a href='/tag/T3_0.html'='><pre>VZCZC x</pre>'>"),
    "'>' inside a doctype literal": page(decl=False).replace('"x.dtd">', '"x> <pre>VZCZC hidden</pre> ">'),
    "form feed in a tag": page().replace("<a href='/tag/T3_0.html'>", "<a\fhref='/tag/T3_0.html'>"),
    "doctype later on": page().replace("<body>", "<body><!DOCTYPE html>"),
    "byte order mark": "\ufeff" + page(decl=False),
}

ODD_BUT_PARSED = {
    "pre after </html>": page() + "<pre>VZCZCXYZ0099 trailing block of text</pre>\n",
    "pre in head": page().replace("</head>", "<pre>VZCZCXYZ0098 a block in the head</pre></head>"),
    "quoted '>' in an attribute": page().replace("<a href='/tag/T3_0.html'>",
                                                 "<a href='/tag/T3_0.html' title='a>b'>"),
    "quoted '<pre>' in an attribute": page().replace("<div class='pick'>",
                                                     "<div class='pick' title=\"<pre>VZCZC no</pre>\">"),
    "end tag with attributes": page().replace("</div>\n<p>", "</div class='x'>\n<p>"),
    "self-closing div": page().replace("<div class='pick'>", "<div class='pick'/>"),
    "heading inside a link": page(heading=None).replace(
        "<div class='pane big'>", "<div class='pane big'><a href='#'><h2>Viewing cable 1X2, T</h2></a>"),
    "two headings": page(heading="Viewing cable 09X1, FIRST").replace(
        "<table class='cable'>", "<h1>Viewing cable 09X2, SECOND</h1><table class='cable'>"),
    "two tables": page().replace("<table class='cable'>", "<table><tr><td>a</td></tr><tr><td>b</td></tr></table>"
                                                          "<table class='cable'>"),
    "empty table cells and short rows": page().replace("<td>\n<a href='/origin/1_0.html'>Embassy Atlantis</a>\n</td>",
                                                       "<td></td>"),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_synthetic_viewer_pages_take_the_fast_path(name):
    markup = GOOD[name]
    fast = viewer_page(markup)
    assert fast is not None, name
    assert fast == html_text(markup, "page.html")


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_doubtful_pages_give_none(name):
    markup = MALFORMED[name]
    assert viewer_page(markup) is None, name
    same_or_none(markup)


@pytest.mark.parametrize("name", sorted(ODD_BUT_PARSED))
def test_odd_pages_identical_or_none(name):
    same_or_none(ODD_BUT_PARSED[name])


def test_meta_and_title_come_through():
    text, meta, title = viewer_page(GOOD["plain"])
    assert meta == {"refid": "09ATLANTIS42", "created": "2009-01-01 12:34", "released": "2011-02-03 16:04",
                    "classification": "UNCLASSIFIED", "origin": "Embassy Atlantis"}
    assert title == "INVENTED SUBJECT: TEST"
    assert "enforcement & raids" in text and "TAGS: KIPR ETRD" in text
    _, meta, title = viewer_page(GOOD["no meta table, no heading"])
    assert meta == {} and title is None


def test_uppercase_or_none():
    for markup in (page().upper(), page().replace("<pre>", "<Pre>")):
        same_or_none(markup)


# ---------------------------------------------------------------- the corpus

def test_every_corpus_page_matches_html_text(shared_dir):
    files = sorted((shared_dir / "corpus" / "html").glob("*.html"))
    if not files:
        pytest.skip("no corpus HTML pages")
    for f in files:
        markup = decode_text(f.read_bytes(), str(f))
        fast = viewer_page(markup)
        assert fast is not None, f.name
        assert fast == html_text(markup, str(f)), f.name


# ---------------------------------------------------------------- properties

_TEXT_PIECES = st.sampled_from([
    "VZCZC", "UNCLAS ROME 000123", "\n", "\r\n", "\r", " ", "  ", "\t", "text", "&amp;", "&lt;", "&gt;",
    "&#x000A;", "&#10;", "&#13;", "&#0;", "&#x80;", "&#233;", "&eacute;", "&nbsp;", "&Gold", "&at;", "&",
    "&#", "&#x;", "&amp", "&notin", "&notit;", "\u00b6", "\u00e9", "\u20ac", "\x01", "\x00", "\x7f", "\x85",
    "\u00a0", "\ufeff", "\ufffe", "'", '"', ">", "=", "/", "SUBJECT: X", "1. (U) Para.",
])
_TAGS = st.sampled_from([
    "<a href='/x'>", "</a>", "<b>", "</b>", "<i>", "</i>", "<br>", "<br/>", "<br />", "<span class=\"s\">",
    "</span>", "<p>", "</p>", "<div>", "</div>", "<pre>", "</pre>", "<PRE>", "<pre/>", "<h3>", "</h3>",
    "<h2>", "</h2>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>",
    "<!-- c -->", "<![CDATA[x]]>", "<script>", "</script>", "<title>", "</title>", "<textarea>", "<",
    "< a>", "<a href='x>", "<a b=\"c'>", "</br>", "<code>", "</code>", "<a/>", "<?x?>", "<!DOCTYPE html>",
    "Viewing cable 09X42, ", "Reference ID", "Created",
])
_FRAGMENT = st.lists(st.one_of(_TEXT_PIECES, _TAGS), max_size=12).map("".join)


@st.composite
def _pages(draw):
    """A viewer-like page with random pre/heading/cell contents and a random insertion anywhere."""
    blocks = draw(st.lists(_FRAGMENT.map(lambda f: "VZCZCXYZ0001 " + f), min_size=0, max_size=3))
    heading = draw(st.one_of(st.none(), _FRAGMENT.map(lambda f: "Viewing cable 09X42, " + f)))
    markup = page(tuple(blocks), meta=draw(st.booleans()), heading=heading, crlf=draw(st.booleans()),
                  sidebar=draw(st.booleans()), decl=draw(st.booleans()))
    if draw(st.booleans()):
        cell = draw(_FRAGMENT)
        markup = markup.replace("Embassy Atlantis", cell, 1)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(markup)))
        markup = markup[:at] + draw(_FRAGMENT) + markup[at:]
    return markup


_BENIGN_TEXT = st.sampled_from([
    "VZCZC", "UNCLAS ROME 000123", "\n", "\r\n", "\r", " ", "  ", "\t", "text", "&amp;", "&lt;", "&gt;",
    "&#x000A;", "&#10;", "&#233;", "&#x20AC;", "&eacute;", "&nbsp;", "&NotEqualTilde;", "&Gold", "&at;",
    "& ", "&(", "\u00b6", "\u00e9", "\u20ac", "\u00a0", "\u00ad", "\ufeff", "'", '"', ">", "=", "/",
    "SUBJECT: X", "1. (U) Para.", "<br>", "<br />", "Reference ID", "reference   id",
]).map(lambda piece: piece)
_INLINE_MARKUP = st.recursive(
    st.lists(_BENIGN_TEXT, max_size=4).map("".join),
    lambda inner: st.tuples(st.sampled_from(["a href='/t.html'", "b", "i", "span class=\"x\"", "code",
                                             "font color='red'", "em", "tt"]),
                            st.lists(inner, max_size=3)).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0].split()[0]}>"),
    max_leaves=8)


_ELEMENTS = st.sampled_from([
    "<pre>VZCZCXYZ0077 an extra block</pre>", "<h3>Viewing cable 09X7, EXTRA</h3>", "<h1>Other</h1>",
    "<table><tr><th>Reference ID</th></tr><tr><td>09X8</td></tr></table>", "<p>", "</p>", "<div>", "</div>",
    "<a href='#'>", "</a>", "<b>", "</b>", "<li>", "<br />", "</body>", "</html>", "<body>", "<head>",
    "</head>", "<html>", "<title>x</title>", "<script></script>", "<code>", "</code>", "<ul>", "</ul>",
])


@st.composite
def _benign_pages(draw):
    """Viewer pages whose variable parts stay within what the fast path reads: it must answer."""
    blocks = draw(st.lists(_INLINE_MARKUP.map(lambda f: "VZCZCXYZ0001 " + f), min_size=1, max_size=3))
    heading = draw(st.one_of(st.none(), _INLINE_MARKUP.map(lambda f: "Viewing cable 09X42, " + f),
                             _INLINE_MARKUP))
    markup = page(tuple(blocks), meta=draw(st.booleans()), heading=heading, crlf=draw(st.booleans()),
                  sidebar=draw(st.booleans()), decl=draw(st.booleans()))
    for value in ("Embassy Atlantis", "UNCLASSIFIED", "Reference ID", "Origin"):
        if draw(st.booleans()):
            markup = markup.replace(value, draw(_INLINE_MARKUP), 1)
    for _ in range(draw(st.integers(0, 2))):  # a whole element somewhere (maybe inside another one)
        at = draw(st.integers(0, len(markup)))
        markup = markup[:at] + draw(_ELEMENTS) + markup[at:]
    return markup


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_benign_pages())
def test_benign_generated_pages_equal_html_text(markup):
    same_or_none(markup)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages())
def test_generated_pages_equal_html_text_or_none(markup):
    same_or_none(markup)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_any_text(markup):
    same_or_none(markup)


@settings(max_examples=150, deadline=None)
@given(_FRAGMENT, _FRAGMENT)
def test_small_documents(a, b):
    same_or_none(f"<html><body>{a}<pre>VZCZC {b}</pre></body></html>")
