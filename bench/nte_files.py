"""A single NTE chapter saved as a user's own file: can s301 tell its kind, country and review year?

    python -m bench.nte_files            # prints the table (kind / country / year right, refused)

The files are generated from the embedded NTE package (warehouse/corpus/nte_ip_sections.csv.gz),
so no text is stored with the tests. Each file is one chapter under one of the headers a user meets:
USTR's chapter line ("Costa Rica: National Trade Estimate Report 2009, Intellectual Property Rights
Protection", with or without "Protection") or the book header ("2009 NATIONAL TRADE ESTIMATE REPORT
ON FOREIGN TRADE BARRIERS") followed by a country heading (in capitals or not) and, or not, an
"Intellectual Property Rights Protection" heading; with extra blank lines; as .txt and as .html.
The expected country and year are written by hand in PICKS, not derived by the code under test.
"""
from __future__ import annotations

import csv
import gzip
import html
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "warehouse" / "corpus" / "nte_ip_sections.csv.gz"

BOOK = "{year} NATIONAL TRADE ESTIMATE REPORT ON FOREIGN TRADE BARRIERS"
LINE = "{name}: National Trade Estimate Report {year}, Intellectual Property Rights Protection"
LINE_SHORT = "{name}: National Trade Estimate Report {year}, Intellectual Property Rights"
SECTION = "Intellectual Property Rights Protection"

# (edition year, the package's label of the chapter, the name the user's header gives, ISO3, variant)
PICKS = [
    (2009, "Costa Rica", "Costa Rica", "CRI", "line"),
    (1995, "Argentina", "Argentina", "ARG", "line_short"),
    (2002, "Republic Of Korea", "Republic of Korea", "KOR", "line_tight"),
    (2013, "The Philippines", "The Philippines", "PHL", "line_blank_lines"),
    (2009, "Cote D\u2019ivoire", "Cote d\u2019Ivoire", "CIV", "book_caps_section"),
    (2006, "Russia", "Russia", "RUS", "book_caps"),
    (1999, "People\u2019s Republic Of China", "China", "CHN", "book_title_case_section_caps"),
    (2017, "Brazil", "Brazil", "BRA", "book_blank_lines"),
    (2004, "India", "India", "IND", "book_title_case_header"),
    (2019, "Kazakhstan", "Kazakhstan", "KAZ", "book_ipr_section"),
    (2014, "Hong Kong", "Hong Kong", "HKG", "html_line"),
    (1998, "Thailand", "Thailand", "THA", "html_book_section"),
    (2011, "Ukraine", "Ukraine", "UKR", "html_book"),
    (2020, "Vietnam", "Vietnam", "VNM", "html_title_only"),
    (2008, "European Union", "European Union", "EUU", "html_paragraphs"),
    (2022, "United Arab Emirates", "United Arab Emirates", "ARE", "html_book_caps_blank"),
    (2001, "Taiwan", "Taiwan", "TWN", "line_short_crlf"),
    (2016, "Korea", "Korea", "KOR", "html_line_short"),
]


@dataclass(frozen=True)
class NteFile:
    path: Path
    iso3: str
    year: int
    variant: str


def package_texts(path: Path = CORPUS) -> dict[tuple[int, str], str]:
    """(edition year, label) -> chapter text of every row of the package."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return {(int(r["year"]), r["country"]): r["text"] for r in csv.DictReader(fh)}


def _paragraphs(text: str, n: int = 3) -> list[str]:
    """The chapter cut into about n paragraphs at sentence ends (the package keeps none)."""
    sentences = text.split(". ")
    size = max(1, len(sentences) // n)
    return [". ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def render(variant: str, year: int, name: str, text: str) -> tuple[str, str]:
    """(file suffix, content) of one chapter under one header variant."""
    line = LINE.format(name=name, year=year)
    book = BOOK.format(year=year)
    up = name.upper()
    t = {
        "line": f"{line}\n\n{text}\n",
        "line_short": f"{LINE_SHORT.format(name=name, year=year)}\n\n{text}\n",
        "line_tight": f"{line}\n{text}\n",
        "line_blank_lines": f"\n\n\n{line}\n\n\n\n{text}\n\n",
        "book_caps_section": f"{book}\n\n{up}\n\n{SECTION}\n\n{text}\n",
        "book_caps": f"{book}\n\n{up}\n\n{text}\n",
        "book_title_case_section_caps": f"{book}\n\n{name}\n\n{SECTION.upper()}\n\n{text}\n",
        "book_blank_lines": f"\n{book}\n\n\n\n{up}\n\n\n{SECTION}\n\n\n{text}\n",
        "book_title_case_header": f"{year} National Trade Estimate Report on Foreign Trade Barriers\n\n"
                                  f"{name}\n\n{SECTION}\n\n{text}\n",
        "book_ipr_section": f"{book}\n{up}\nIntellectual Property Rights (IPR) Protection\n{text}\n",
        "line_short_crlf": f"{LINE_SHORT.format(name=name, year=year)}\r\n\r\n{text}\r\n",
    }.get(variant)
    if t is not None:
        return ".txt", t
    e = html.escape
    body = f"<p>{e(text)}</p>"
    pages = {
        "html_line": f"<html><head><title>{e(line)}</title></head><body>\n<h1>{e(line)}</h1>\n{body}\n</body></html>",
        "html_line_short": f"<!DOCTYPE html><html><body><h2>{e(LINE_SHORT.format(name=name, year=year))}</h2>"
                           f"{body}</body></html>",
        "html_book_section": f"<html><body><h1>{e(book)}</h1>\n<h2>{e(up)}</h2>\n<h3>{SECTION}</h3>\n{body}"
                             f"</body></html>",
        "html_book": f"<html><head><title>{e(book)}</title></head><body><h1>{e(book)}</h1><h2>{e(name)}</h2>"
                     f"{body}</body></html>",
        "html_title_only": f"<html><head><title>{e(line)}</title></head><body>{body}</body></html>",
        "html_paragraphs": f"<html><body><h1>{e(line)}</h1>\n"
                           + "\n".join(f"<p>{e(p)}</p>" for p in _paragraphs(text)) + "\n</body></html>",
        "html_book_caps_blank": f"<html><body>\n\n<p>{e(book)}</p>\n\n\n<p>{e(up)}</p>\n\n<p>{SECTION.upper()}</p>"
                                f"\n\n{body}\n</body></html>",
    }
    return ".html", pages[variant]


def make_files(folder: Path, corpus: Path = CORPUS) -> list[NteFile]:
    """Write every PICKS chapter under its header variant into folder; the files with their answers."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = package_texts(corpus)
    out = []
    for year, label, name, iso3, variant in PICKS:
        suffix, content = render(variant, year, name, texts[(year, label)])
        path = folder / f"{year}_{iso3}_{variant}{suffix}"
        path.write_bytes(content.encode("utf-8"))
        out.append(NteFile(path, iso3, year, variant))
    return out


def evaluate(files: list[NteFile]) -> dict:
    """How many files get kind nte_chapter, the right country, the right review year, all three;
    refused = not readable, or no country or no review year (what `s301 score` cannot score)."""
    from warehouse.detect import detect
    from warehouse.errors import DocumentError
    from warehouse.read import read_file
    n = {"files": len(files), "kind": 0, "country": 0, "year": 0, "all": 0, "refused": 0}
    rows = []
    for f in files:
        try:
            doc = read_file(f.path)[0]
            det = detect(doc.text, doc.meta, doc.title)
            got = (det.kind, det.country_iso3, det.review_year)
        except DocumentError as exc:
            got = ("error", str(exc), None)
        ok = (got[0] == "nte_chapter", got[1] == f.iso3, got[2] == f.year)
        n["kind"] += ok[0]
        n["country"] += ok[1]
        n["year"] += ok[2]
        n["all"] += all(ok)
        n["refused"] += got[0] == "error" or not got[1] or not got[2]
        rows.append((f.path.name, f.iso3, f.year, *got))
    n["rows"] = rows
    return n


def main() -> int:
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        res = evaluate(make_files(Path(tmp)))
    for name, iso3, year, kind, country, ry in res.pop("rows"):
        print(f"{name:55} want {iso3} {year}  got {kind} {country} {ry}")
    print(" / ".join(f"{k} {v}" for k, v in res.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
