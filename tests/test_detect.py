"""Detection: kind, reference id, country, date and review year; the country index."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from warehouse.countries import get_index
from warehouse.detect import detect, detect_kind, post_country, written_date
from warehouse.read import read_file

SAMPLES = Path(__file__).resolve().parent.parent / "warehouse" / "samples"


def _cable(dtg="R 141200Z FEB 07", fm="FM AMEMBASSY LIMA", de="DE RUEHPE #0123/01 0451200",
           cls="UNCLAS SECTION 01 OF 02 LIMA 000123", tags="TAGS: KIPR ETRD PE",
           subject="SUBJECT: PERU: IPR UPDATE", body="1. (U) Enforcement improved in Peru this year."):
    return "\n".join(["VZCZCXYZ0007", "RR RUEHWEB", de, "ZNR UUUUU ZZH", dtg, fm,
                      "TO RUEHC/SECSTATE WASHDC 1234", cls, "", "SIPDIS", "", "E.O. 12958: N/A", tags,
                      subject, "", body, "", "SMITH"])


def test_cable_header_gives_refid_country_date_review_year():
    d = detect(_cable())
    assert (d.kind, d.refid, d.country_iso3, d.report_date, d.review_year) == \
        ("cable", "07LIMA123", "PER", dt.date(2007, 2, 14), 2007)
    assert d.country_source == "post" and d.title == "PERU: IPR UPDATE"


def test_consulate_maps_to_its_country_and_late_cables_inform_next_year():
    d = detect(_cable(fm="FM AMCONSUL SAO PAULO", cls="UNCLAS SAO PAULO 000910", dtg="R 181504Z AUG 06",
                      tags="TAGS: KIPR BR", subject="SUBJECT: IPR UPDATE"))
    assert (d.refid, d.country_iso3, d.report_date, d.review_year) == \
        ("06SAOPAULO910", "BRA", dt.date(2006, 8, 18), 2007)
    assert post_country("Consulate Sao Paulo") == "BRA" and post_country("SAOPAULO") == "BRA"


def test_explicit_special_301_year_wins_when_it_fits_the_date():
    d = detect(_cable(dtg="R 041259Z MAR 09", subject="SUBJECT: 2009 SPECIAL 301 REVIEW - PERU"))
    assert d.review_year == 2009
    # "2008 SPECIAL 301 REVIEW" sent in March 2009 cannot inform the (April 2008) report: the text decides
    d = detect(_cable(dtg="R 041259Z MAR 09", subject="SUBJECT: 2008 SPECIAL 301 REVIEW - PERU",
                      body="1. Post recommends that Peru remain on the Watch List for the 2009 Special 301 Report."))
    assert d.review_year == 2009
    d = detect(_cable(dtg="R 101200Z NOV 08", subject="SUBJECT: PERU: IPR UPDATE"))
    assert d.review_year == 2009


def test_country_from_tags_subject_or_text_when_the_post_is_unknown():
    unknown = dict(fm="FM USMISSION GENEVA", cls="UNCLAS GENEVA 000321")
    d = detect(_cable(**unknown, tags="TAGS: ETRD [Foreign Trade], KIPR, KZ [Kazakhstan]"))
    assert (d.country_iso3, d.country_source) == ("KAZ", "tags")
    d = detect(_cable(**unknown, tags="TAGS: ETRD KIPR", subject="SUBJECT: UKRAINE: OPTICAL DISC PIRACY"))
    assert (d.country_iso3, d.country_source) == ("UKR", "subject")
    d = detect(_cable(**unknown, tags="TAGS: ETRD KIPR", subject="SUBJECT: IPR UPDATE",
                      body="1. Chile passed a law. Officials in Chile said the Chilean police would act. "
                           "Peru was mentioned once. The United States welcomed it."))
    assert (d.country_iso3, d.country_source) == ("CHL", "text")


def test_page_metadata_wins_for_refid_and_date():
    d = detect(_cable(), meta={"refid": "07LIMA999", "created": "2007-02-13 23:50", "origin": "Embassy Lima"})
    assert (d.refid, d.report_date) == ("07LIMA999", dt.date(2007, 2, 13))


@pytest.mark.parametrize("text,kind", [
    ("Checklist of Issues on Enforcement under TRIPS Art. 63.2\n\nRuritania\n\n(a) Civil judicial procedures", "wto_checklist"),
    ("International Intellectual Property Alliance (IIPA)\n2009 Special 301 Report on Copyright Protection\n"
     "IIPA recommends that Ruritania remain on the Watch List. IIPA notes piracy.", "iipa_report"),
    ("INTERNATIONAL INTELLECTUAL PROPERTY ALLIANCE\n2009 SPECIAL 301 REPORT\nRURITANIA\n\nThe alliance "
     "recommends the Priority Watch List. Piracy of software remained high.", "iipa_report"),  # heading only
    ("Post met industry. A visiting delegation of the International Intellectual Property Alliance "
     "discussed the Special 301 review with the ministry. " + "x" * 700 + " Later the International "
     "Intellectual Property Alliance wrote.", "other"),   # named twice, not in the heading
    ("Office of the United States Trade Representative\n2009 Special 301 Report\nUSTR placed Ruritania "
     "on the Watch List; USTR will monitor it.", "ustr_report"),
    ("2010 SPECIAL 301 REPORT\n\nPRIORITY WATCH LIST\n\nRURITANIA\nRuritania remains on the Priority Watch "
     "List this year.", "ustr_report"),   # a report chapter: no USTR named, but a list heading
    ("A blog post about the Special 301 Report and the watch list of Ruritania.", "other"),
    ("A blog post about piracy in Kazakhstan on 29 April, 2011.", "other"),
])
def test_kinds(text, kind):
    assert detect_kind(text) == kind


def test_written_dates():
    assert written_date("Sent on March 4, 2009 to the ministry.") == dt.date(2009, 3, 4)
    assert written_date("On 29 April, 2011, a roundtable met.") == dt.date(2011, 4, 29)
    assert written_date("Monterey, April, 1999") == dt.date(1999, 4, 1)
    assert written_date("In June 2004 and on 2004-08-05 and May 1, 2003.", latest=True) == dt.date(2004, 8, 5)


def test_country_index_lookup_and_find():
    idx = get_index()
    assert idx.lookup("Russian Federation") == "RUS" and idx.lookup("costa rica") == "CRI"
    assert idx.lookup("KAZ") == "KAZ" and idx.lookup("Atlantis") is None
    found = idx.find("KAZAKHSTAN: SPECIAL 301. The Brazilian police met officials of Papua New Guinea and Guinea.")
    assert [iso for iso, _, _ in found] == ["KAZ", "BRA", "PNG", "GIN"]
    text = "KAZAKHSTAN: SPECIAL 301. The Brazilian police met officials of Papua New Guinea and Guinea."
    iso, start, end = found[2]
    assert text[start:end] == "Papua New Guinea"


def test_committed_samples_end_to_end():
    got = {}
    for f in sorted(SAMPLES.glob("*.txt")):
        [doc] = read_file(f)
        d = detect(doc.text, doc.meta, doc.title)
        got[f.stem] = (d.kind, d.refid, d.country_iso3, d.report_date, d.review_year)
    assert got == {
        "08ASTANA525": ("cable", "08ASTANA525", "KAZ", dt.date(2008, 3, 17), 2008),
        "08ASTANA555": ("cable", "08ASTANA555", "KAZ", dt.date(2008, 3, 19), 2008),
        "08ASTANA584": ("cable", "08ASTANA584", "KAZ", dt.date(2008, 3, 19), 2008),
        "09MOSCOW521": ("cable", "09MOSCOW521", "RUS", dt.date(2009, 3, 4), 2009),
    }


def _accuracy(shared_dir: Path, form: str, use_meta: bool = True) -> dict[str, float]:
    corpus = shared_dir / "corpus"
    rows = list(csv.DictReader(open(corpus / "index.csv", encoding="utf-8")))
    idx = get_index()
    hits = {"country": 0, "date": 0, "refid": 0}
    for r in rows:
        path = corpus / ("cables" if form == "txt" else "html") / f"{r['refid']}.{form}"
        [doc] = read_file(path)
        d = detect(doc.text, doc.meta if use_meta else {}, doc.title if use_meta else None)
        hits["country"] += d.country_iso3 == idx.lookup(r["country"])
        hits["date"] += str(d.report_date) == r["date"]
        hits["refid"] += d.refid == r["refid"]
    return {k: v / len(rows) for k, v in hits.items()}


@pytest.mark.corpus
@pytest.mark.parametrize("form", ["txt", "html"])
def test_detection_accuracy_on_the_corpus(shared_dir, form):
    acc = _accuracy(shared_dir, form)
    assert acc == {"country": 1.0, "date": 1.0, "refid": 1.0}


@pytest.mark.corpus
def test_detection_from_the_text_alone(shared_dir):
    """Without the page's metadata: country always; date/refid except undated partial extracts."""
    acc = _accuracy(shared_dir, "txt", use_meta=False)
    assert acc["country"] == 1.0 and acc["date"] >= 0.8 and acc["refid"] >= 0.85
