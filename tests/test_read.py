"""Reading: formats, encodings, cleaning, splitting files that hold several cables, bad inputs."""
from __future__ import annotations

import io

import pytest

from warehouse.errors import DocumentError
from warehouse.read import clean_text, read_bytes, read_file


# ---------------------------------------------------------------- fixtures written for the tests


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF whose pages show the given lines in Helvetica (empty list = a page without text)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1") if lines else b""
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


WRAPPED_CABLE = """VZCZCXYZ0007
RR RUEHWEB

DE RUEHZZ #0123/01 0451200
ZNR UUUUU ZZH
R 141200Z FEB 07
FM AMEMBASSY LIMA
TO RUEHC/SECSTATE WASHDC 1234
UNCLAS SECTION 01 OF 02 LIMA 000123

SIPDIS

E.O. 12958: N/A
TAGS: KIPR ETRD PE
SUBJECT: PERU: TEST CABLE FOR THE READER

1. (U) Customs officers in the capital continue to lack the
authority to seize suspected goods on their own initiative, and
the draft law that would grant it remains before the Congress.

LIMA 00000123  002 OF 002

2. (SBU) Police conducted 45 raids in 2006, up from 30 in the
previous year, and prosecutors opened 12 criminal cases.

SMITH
"""


def test_plain_text_utf8_wrapped_cable_is_joined_into_paragraphs():
    [doc] = read_bytes(WRAPPED_CABLE.encode(), "lima.txt")
    text = doc.text
    assert "continue to lack the authority to seize suspected goods on their own initiative, and the draft law" in text
    assert "LIMA 00000123" not in text and "002 OF 002" not in text
    # the paragraph break before 2. survives, the page header leaves no hole
    assert "\n2. (SBU) Police conducted 45 raids in 2006, up from 30 in the previous year" in text
    assert text.rstrip().endswith("SMITH")
    assert doc.fmt == "txt" and doc.parts == 1


def test_any_encoding_cp1252_utf16_and_invalid_utf8_never_crash():
    body = "Consulate São Paulo reports that “pirated” CDs cost R$ 5 in the Galeria Pagé market. " * 3
    [d1] = read_bytes(body.encode("cp1252"), "cp1252.txt")
    assert "São Paulo" in d1.text and "Pagé" in d1.text
    [d2] = read_bytes(body.encode("utf-16"), "utf16.txt")
    assert "São Paulo" in d2.text
    bad = body.encode("utf-8") + b"\xff\xfe\xc3(" + b" and more text after the bad bytes." * 3
    [d3] = read_bytes(bad, "bad-utf8.txt")
    assert "more text after the bad bytes" in d3.text


@pytest.mark.parametrize("raw,expected", [
    ("\u00b61. (U) Post recommends that Ruritania remain on the Watch List.", "1. (U) Post recommends"),
    ("\u20ac\u00b62. (SBU) The GOK has made progress on enforcement this year.", "2. (SBU) The GOK"),
    ("\u00c2\u00b63. (U) Customs lacks ex officio authority at the border today.", "3. (U) Customs lacks"),
    ("The Minister said \u00e2\u20ac\u0153enough\u00e2\u20ac\u009d about the piracy rate in the city.", "said \u201cenough\u201d"),
    ("Sales &amp; seizures rose; the &quot;task force&quot; met in Lima last week again.", 'Sales & seizures rose; the "task force"'),
])
def test_cleaning_marks_mojibake_and_entities(raw, expected):
    cleaned = clean_text(raw)
    assert expected in cleaned
    assert "\u00b6" not in cleaned and "\u20ac" not in cleaned


def test_inline_page_header_and_hyphenation():
    raw = ("Arai also  TOKYO 00003567  002.2 OF 002   hoped the talks would go well, said the enforce-\n"
           "ment officials of the ministry who handle enforcement matters every day of the week.\n"
           "The ministry discussed its long-established three-strikes-\n"
           "warning letter scheme of the ministry was discussed at length by the officials.")
    text = clean_text(raw)
    assert "Arai also hoped the talks" in text
    assert "the enforcement officials" in text          # a broken word is mended (the word exists)
    assert "three-strikes-warning letter" in text       # a real compound keeps its hyphen


def test_tables_keep_their_lines():
    raw = ("The table below illustrates progress in the registry over the last four years:\n\n"
           "                Year 2005  2006  2007  2008\n"
           "Patent                 13    4    13    53\n"
           "               TOTAL   18    9    16    91\n")
    text = clean_text(raw)
    assert "Patent                 13    4    13    53" in text.splitlines()


def test_corpus_style_header_line_becomes_metadata():
    raw = ("07LIMA123 | created 2007-02-14 12:00 | released 2011-01-01 00:00 | UNCLASSIFIED | Embassy Lima\n"
           "PERU: TEST CABLE FOR THE READER\n" + WRAPPED_CABLE)
    [doc] = read_bytes(raw.encode(), "07LIMA123.txt")
    assert doc.meta["refid"] == "07LIMA123" and doc.meta["origin"] == "Embassy Lima"
    assert doc.meta["created"].startswith("2007-02-14")
    assert doc.title == "PERU: TEST CABLE FOR THE READER"
    assert not doc.text.startswith("07LIMA123")


def _blog_with_cables(n: int) -> str:
    parts = ["My Blog\n\nHere are some cables we found interesting, with our comments.\n\n"]
    for i in range(n):
        cable = WRAPPED_CABLE.replace("0123", f"{123 + i:04d}").replace("000123", f"{123 + i:06d}")
        parts.append(cable.replace("\n", "\n\n") if i == 1 else cable)
        parts.append("\n\nAnother transmission of the same report follows:\n\n")
    parts.append("Comments\n\nRecent posts\nSomething else entirely about other things, at length.\n" * 5)
    return "".join(parts)


def test_one_file_with_three_cables_is_split_and_the_blog_prose_dropped():
    docs = read_bytes(_blog_with_cables(3).encode(), "blog.txt")
    assert len(docs) == 3
    assert [d.part for d in docs] == [1, 2, 3] and all(d.parts == 3 for d in docs)
    for d in docs:
        assert d.text.startswith("VZCZC") and d.text.rstrip().endswith("SMITH")
        assert "My Blog" not in d.text and "Comments" not in d.text and "Another transmission" not in d.text
    assert "LIMA 000124" in docs[1].text


def test_seed_blog_post_holds_three_kazakhstan_cables(shared_dir):
    docs = read_file(shared_dir / "seeds" / "000_8927781c0ad80dbd.txt")
    assert len(docs) == 3
    assert ["UNCLAS ASTANA 000584" in docs[0].text, "UNCLAS ASTANA 000555" in docs[1].text,
            "UNCLAS ASTANA 000525" in docs[2].text] == [True, True, True]
    assert all("\u20ac" not in d.text and "\u00b6" not in d.text for d in docs)
    assert all("Techrights" not in d.text for d in docs)


VIEWER_PAGE = """<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x">
<html><head><title>Cable Viewer</title><script>var junk = "do not read me";</script></head><body>
<div>Browse latest releases</div>
<h3>Viewing cable 07LIMA123, PERU: TEST CABLE FOR THE READER</h3>
<table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>
<tr><td><a href='/x'>07LIMA123</a></td><td>2007-02-14 12:00</td><td>2011-01-01 00:00</td><td>UNCLASSIFIED</td><td>Embassy Lima</td></tr></table>
<code><pre>VZCZCXYZ0007&#x000A;RR RUEHWEB&#x000A;&#x000A;DE RUEHZZ #0123/01 0451200&#x000A;R 141200Z FEB 07&#x000A;FM AMEMBASSY LIMA</pre></code>
<code><pre>UNCLAS LIMA 000123 &#x000A;&#x000A;TAGS: <a href='/tag/KIPR.html'>KIPR</a> <a href='/tag/PE.html'>PE</a>&#x000A;SUBJECT: PERU: TEST CABLE &amp; MORE &#x000A;&#x000A;<a id='par1' href='#par1'>¶</a>1. (U) Customs officers continue to lack the authority to &#x000A;act on their own initiative, as the law has required since late &#x000A;<a id='par2006' href='#par2006'>¶</a>2006. &#x000A;&#x000A;SMITH</pre></code>
<div>Footer text that is not part of the cable</div>
</body></html>"""


def test_cable_viewer_html_takes_the_pre_blocks_and_the_table():
    [doc] = read_bytes(VIEWER_PAGE.encode("utf-8"), "07LIMA123.html")
    assert doc.fmt == "html"
    assert doc.meta["refid"] == "07LIMA123" and doc.meta["created"] == "2007-02-14 12:00"
    assert doc.title == "PERU: TEST CABLE FOR THE READER"
    assert "SUBJECT: PERU: TEST CABLE & MORE" in doc.text
    assert "as the law has required since late 2006." in doc.text       # a year mistaken for a paragraph mark
    assert "Browse latest" not in doc.text and "Footer" not in doc.text and "junk" not in doc.text


def test_other_html_gives_its_visible_text():
    page = ("<html><head><title>IPR news</title><style>p{color:red}</style></head><body>"
            "<h1>Ruritania piracy</h1><p>The software piracy rate in Ruritania fell to 71 percent in 2008.</p>"
            "<script>alert('x')</script><p>Second paragraph &amp; more.</p></body></html>")
    [doc] = read_bytes(page.encode(), "news.htm")
    assert "fell to 71 percent in 2008." in doc.text and "Second paragraph & more." in doc.text
    assert "alert" not in doc.text and "color" not in doc.text
    assert doc.title == "IPR news"


def test_html_with_an_unrelated_pre_block_keeps_the_page_text():
    page = ("<html><body><p>Ruritania's customs officers lack ex officio authority, the ministry said.</p>"
            "<pre>x = 1  # some code shown on the page</pre></body></html>")
    [doc] = read_bytes(page.encode(), "blog.html")
    assert "lack ex officio authority" in doc.text


def test_pdf_text_layer():
    pdf = make_pdf([["Special 301 Report 2009", "Ruritania remains on the Priority Watch List."],
                    ["Customs officials lack ex officio authority."]])
    [doc] = read_bytes(pdf, "report.pdf")
    assert doc.fmt == "pdf"
    assert "Ruritania remains on the Priority Watch List." in doc.text
    assert "Customs officials lack ex officio authority." in doc.text


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n  \t ", "empty file"),
    ("junk.bin", bytes(range(256)) * 64, "binary content"),
    ("zeros.txt", b"\x00\x01\x02\x03" * 5000, "binary content"),
    ("notext.html", b"<html><head><title></title></head><body><div><img src='a.png'></div></body></html>", "HTML page has no text"),
    ("notpdf.pdf", b"hello, I am not a PDF at all, just some text with the wrong name", "not a PDF"),
])
def test_bad_inputs_are_clear_errors_naming_the_file(name, data, reason):
    with pytest.raises(DocumentError) as err:
        read_bytes(data, name)
    assert name in str(err.value) and reason in str(err.value)


def test_bad_pdfs():
    good = make_pdf([["Some text on the page that is long enough to count."]])
    with pytest.raises(DocumentError, match="truncated.pdf: truncated PDF"):
        read_bytes(good[: len(good) // 2], "truncated.pdf")
    with pytest.raises(DocumentError, match="scan.pdf: PDF has no text layer"):
        read_bytes(make_pdf([[]]), "scan.pdf")
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(good)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(DocumentError, match="locked.pdf: encrypted PDF"):
        read_bytes(buf.getvalue(), "locked.pdf")


def test_file_over_the_size_limit_fails_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:        # a sparse 50 MB file: costs nothing to make
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentError) as err:
        read_file(big)
    assert "huge.txt" in str(err.value) and "too large" in str(err.value)
    with pytest.raises(DocumentError, match="cannot open"):
        read_file(tmp_path / "missing.txt")


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    f = tmp_path / "small.txt"
    f.write_text("Ruritania remains on the Watch List this year. " * 50000)
    monkeypatch.setenv("S301_MAX_FILE_MB", "1")
    with pytest.raises(DocumentError, match="too large"):
        read_file(f)
    monkeypatch.setenv("S301_MAX_FILE_MB", "5")
    assert read_file(f)[0].text.startswith("Ruritania")


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.html", "x.pdf", "x"]))
def test_any_bytes_give_documents_or_a_document_error(data, name):
    try:
        docs = read_bytes(data, name)
    except DocumentError as exc:
        assert name in str(exc)
    else:
        assert docs and all(d.text.strip() for d in docs)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_cleaning_any_text_never_raises(text):
    cleaned = clean_text(text)
    assert "\u00b6" not in cleaned and "\r" not in cleaned and "\n\n\n" not in cleaned
    assert cleaned == cleaned.strip()
