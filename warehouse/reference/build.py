"""Maintainer tool: regenerate the derived reference CSVs in this folder.

Run `python -m warehouse.reference.build [--shared ../shared]`. It writes
countries.csv (pycountry + curated aliases), listings.csv (the shared listing file plus
curated/listing_changes.csv), treaties.csv (derived from the shared WIPO data package),
wto_members.csv (curated/wto_members.txt) and embassy_recommendations.csv. Treaty facts the
data package lacks (PCT, Madrid Protocol) come from curated/treaty_additions.csv, each with its source. The committed
CSVs are what `s301 init` loads; this script is only needed to rebuild them, so the project
runs without ../shared. listing_years.csv and piracy_rates.csv are curated by hand.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.metadata
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"

EU_SOURCE = ("not an ISO 3166-1 country: code EUU as used by the World Bank for the European Union; "
             "the European Communities (EC) before 1993 share it")
KOSOVO_SOURCE = "not in ISO 3166-1: user-assigned code XKX as used by the European Commission and the World Bank"
YUGOSLAVIA_SOURCE = "ISO 3166-3 (former countries) via pycountry {v}: YUG, withdrawn 2003"

# Display names where pycountry's ISO name is not the one reports use.
DISPLAY = {"TWN": "Taiwan", "KOR": "South Korea", "PRK": "North Korea", "RUS": "Russia",
           "VNM": "Vietnam", "TUR": "Turkey", "MAC": "Macau", "CZE": "Czech Republic",
           "SVK": "Slovakia", "IRN": "Iran", "SYR": "Syria", "LAO": "Laos", "MDA": "Moldova",
           "TZA": "Tanzania", "VEN": "Venezuela", "BOL": "Bolivia", "BRN": "Brunei",
           "HKG": "Hong Kong", "COD": "Democratic Republic of the Congo", "CIV": "Cote d'Ivoire"}

# Names and adjectives real reports use. Government abbreviations (GOK, GOB, GOJ ...) are
# deliberately absent: they are ambiguous and are not country names.
ALIASES = {
    "RUS": ["Russian Federation", "Russia", "Russian"],
    "KAZ": ["Kazakhstan", "Kazakhstani", "Kazakh"],
    "MMR": ["Burma", "Burmese"],
    "CHN": ["PRC", "People's Republic of China", "China", "Chinese", "mainland China"],
    "KOR": ["ROK", "Korea, Republic of", "Republic of Korea", "South Korea", "Korea", "Korean", "South Korean"],
    "PRK": ["DPRK", "North Korea", "North Korean"],
    "TWN": ["Taiwan", "Chinese Taipei", "Taiwanese", "Republic of China",
            "Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu"],
    "HKG": ["Hong Kong", "Hong Kong SAR", "Hong Kong, China", "HKSAR"],
    "MAC": ["Macau", "Macao", "Macau SAR", "Macao SAR", "Macao, China"],
    "TUR": ["Turkey", "Türkiye", "Turkiye", "Turkish"],
    "CZE": ["Czech Republic", "Czechia", "Czech"],
    "SVK": ["Slovak Republic", "Slovakia", "Slovak"],
    "VNM": ["Vietnam", "Viet Nam", "Vietnamese"],
    "ARE": ["UAE", "United Arab Emirates", "Emirati"],
    "EUU": ["EU", "European Union", "European Communities", "European Community", "EC"],
    "USA": ["United States", "United States of America", "U.S.", "USA", "American"],
    "GBR": ["United Kingdom", "UK", "Britain", "Great Britain", "British"],
    "IRN": ["Iran"], "SYR": ["Syria"], "LAO": ["Laos", "Lao PDR", "Lao"], "MDA": ["Moldova", "Moldovan"],
    "BOL": ["Bolivia", "Bolivian"], "VEN": ["Venezuela", "Venezuelan"], "BRN": ["Brunei", "Bruneian"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"], "SWZ": ["Swaziland"], "CPV": ["Cape Verde"],
    "MKD": ["Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia"],
    "KGZ": ["Kyrgyz Republic", "Kyrgyzstan", "Kyrgyz"], "TLS": ["East Timor"],
    "COD": ["Democratic Republic of the Congo", "DRC", "Congo, Democratic Republic of the"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville"],
    "XKX": ["Kosovo", "Kosovar"], "YUG": ["Yugoslavia", "Yugoslav"],
    # demonyms and adjectives of trading partners named in Special 301 reports
    "ARG": ["Argentine", "Argentinian"], "AUS": ["Australian"], "AZE": ["Azerbaijani"], "BHS": ["Bahamian", "The Bahamas"],
    "BRB": ["Barbadian"], "BLR": ["Belarusian", "Belarusan"], "BLZ": ["Belizean"], "BGR": ["Bulgarian"],
    "CAN": ["Canadian"], "CHL": ["Chilean"], "COL": ["Colombian"], "CRI": ["Costa Rican"], "HRV": ["Croatian"],
    "CYP": ["Cypriot"], "DOM": ["Dominican Republic"], "ECU": ["Ecuadorian", "Ecuadoran"], "EGY": ["Egyptian"],
    "SLV": ["Salvadoran", "Salvadorean"], "FIN": ["Finnish"], "DEU": ["German"], "GRC": ["Greek"],
    "GTM": ["Guatemalan"], "HND": ["Honduran"], "HUN": ["Hungarian"], "IND": ["Indian"], "IDN": ["Indonesian"],
    "ISR": ["Israeli"], "ITA": ["Italian"], "JAM": ["Jamaican"], "JPN": ["Japanese"], "JOR": ["Jordanian"],
    "KWT": ["Kuwaiti"], "LVA": ["Latvian"], "LBN": ["Lebanese"], "LTU": ["Lithuanian"], "MYS": ["Malaysian"],
    "MEX": ["Mexican"], "NZL": ["New Zealander"], "NOR": ["Norwegian"], "PAK": ["Pakistani"], "PAN": ["Panamanian"],
    "PRY": ["Paraguayan"], "PER": ["Peruvian"], "PHL": ["Philippine", "Filipino"], "POL": ["Polish"],
    "PRT": ["Portuguese"], "ROU": ["Romanian"], "SAU": ["Saudi", "KSA", "Kingdom of Saudi Arabia"],
    "SGP": ["Singaporean"], "ZAF": ["South African"], "ESP": ["Spanish"], "CHE": ["Swiss"],
    "TJK": ["Tajik", "Tajikistani"], "THA": ["Thai"], "TTO": ["Trinidadian"], "TKM": ["Turkmen"],
    "UKR": ["Ukrainian"], "URY": ["Uruguayan"], "UZB": ["Uzbek"], "LUX": ["Luxembourgish"], "ARM": ["Armenian"],
    "GEO": ["Georgian"], "BRA": ["Brazilian"], "DZA": ["Algerian"], "OMN": ["Omani"], "QAT": ["Qatari"],
    "BHR": ["Bahraini"], "NIC": ["Nicaraguan"], "MAR": ["Moroccan"], "TUN": ["Tunisian"], "NGA": ["Nigerian"],
    "KEN": ["Kenyan"], "BGD": ["Bangladeshi"], "LKA": ["Sri Lankan"], "EST": ["Estonian"], "SVN": ["Slovenian"],
}

# Names in the shared files that pycountry cannot look up by itself.
EXTRA_NAMES = {
    "South Korea": "KOR", "Republic of Korea": "KOR", "Russia": "RUS", "Taiwan": "TWN", "Macau": "MAC",
    "Turkey": "TUR", "Czech Republic": "CZE", "Slovakia": "SVK", "Vietnam": "VNM", "European Union": "EUU",
    "European Union (EU)": "EUU", "Yugoslavia": "YUG", "Holy See": "VAT", "Iran (Islamic Republic of)": "IRN",
    "Bolivia (Plurinational State of)": "BOL", "Venezuela (Bolivarian Republic of)": "VEN",
    "Micronesia (Federated States of)": "FSM", "Netherlands (Kingdom of the)": "NLD",
    "Democratic Republic of the Congo": "COD", "Brunei": "BRN", "Kosovo": "XKX",
}

# WIPO data package treaty names -> project codes (GOLD_SCHEMA.md vocabulary where it overlaps).
TREATY_CODES = {
    "Berne": "BERNE", "Paris": "PARIS", "WIPO Copyright Treaty (WCT)": "WCT",
    "WIPO Performances and Phonograms Treaty (WPPT)": "WPPT", "Rome": "ROME",
    "Phonograms": "GENEVA_PHONOGRAMS", "Beijing": "BEIJING", "Marrakesh": "MARRAKESH",
    "Madrid": "MADRID_SOURCE",      # Madrid Agreement on indications of source, NOT the Madrid Protocol
    "Patent": "PLT", "Trademark": "TLT", "Singapore": "SINGAPORE_TM", "Nairobi": "NAIROBI",
    "Brussels": "BRUSSELS_SATELLITE", "Washington": "WASHINGTON_IC", "Riyadh": "RIYADH_DLT",
    "WIPO GRATK Treaty": "GRATK",
}
INSTRUMENT_EVENTS = {
    "Ratification": "ratified", "Accession": "acceded", "Acceptance": "accepted",
    "Declaration of Continued Application": "continued", "Declaration/Notification of Succession": "succeeded",
}
WIPO_SOURCE = ("WIPO-administered treaties: contracting parties, via the 'membership-to-copyright-treaties' "
               "data package (datasets/membership-to-copyright-treaties, datahub.io, 2026 snapshot, PDDL-1.0)")
WTO_SOURCE = "WTO, Members and Observers (https://www.wto.org/english/thewto_e/whatis_e/tif_e/org6_e.htm)"


def pycountry_version() -> str:
    return importlib.metadata.version("pycountry")


def name_index() -> dict[str, str]:
    """Every known name or alias (lower case) -> ISO3."""
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                index.setdefault(getattr(c, attr).lower(), c.alpha_3)
    for iso, names in ALIASES.items():
        for n in names:
            index[n.lower()] = iso
    for n, iso in EXTRA_NAMES.items():
        index[n.lower()] = iso
    return index


def to_iso3(name: str, index: dict[str, str] | None = None) -> str:
    index = index or name_index()
    key = name.strip().lower()
    if key in index:
        return index[key]
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        raise KeyError(f"no ISO3 code for {name!r}") from None


def build_countries() -> list[dict]:
    v = pycountry_version()
    rows = []
    for c in pycountry.countries:
        iso = c.alpha_3
        display = DISPLAY.get(iso) or getattr(c, "common_name", None) or c.name
        names = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None), *ALIASES.get(iso, [])]
        rows.append({"iso3": iso, "name": display, "aliases": _aliases(display, names),
                     "source": f"ISO 3166-1 via pycountry {v}"})
    rows.append({"iso3": "EUU", "name": "European Union", "aliases": _aliases("European Union", ALIASES["EUU"]),
                 "source": EU_SOURCE})
    rows.append({"iso3": "XKX", "name": "Kosovo", "aliases": _aliases("Kosovo", ALIASES["XKX"]),
                 "source": KOSOVO_SOURCE})
    rows.append({"iso3": "YUG", "name": "Yugoslavia", "aliases": _aliases("Yugoslavia", ALIASES["YUG"] + [
        pycountry.historic_countries.get(alpha_3="YUG").name]), "source": YUGOSLAVIA_SOURCE.format(v=v)})
    return sorted(rows, key=lambda r: r["iso3"])


def _aliases(display: str, names) -> str:
    out: list[str] = []
    for n in names:
        if n and n != display and n not in out:
            if "|" in n:
                raise ValueError(f"alias contains '|': {n!r}")
            out.append(n)
    return "|".join(out)


def build_listings(shared: Path) -> list[dict]:
    """The shared listing file mapped to ISO3, then curated/listing_changes.csv applied."""
    index = name_index()
    rows: dict[tuple[int, str], dict] = {}
    with (shared / "data" / "special301_listings.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            iso = to_iso3(r["country"], index)
            rows[(int(r["year"]), iso)] = {
                "year": int(r["year"]), "country_iso3": iso, "status": r["status"],
                "section_306": r["section_306"], "ocr": r["out_of_cycle_review"], "source": r["source_url"]}
    changes = CURATED / "listing_changes.csv"
    if changes.exists():
        with changes.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                iso = to_iso3(r["country"], index)
                key = (int(r["year"]), iso)
                if r["change"] == "delete":
                    rows.pop(key, None)
                    continue
                if r["change"] == "add" and key in rows and rows[key]["status"] != r["status"]:
                    raise ValueError(f"listing_changes: {key} already listed as {rows[key]['status']}; use 'replace'")
                rows[key] = {"year": key[0], "country_iso3": iso, "status": r["status"],
                             "section_306": r["section_306"], "ocr": r["ocr"], "source": r["source"]}
    return [rows[k] for k in sorted(rows)]


def build_treaties(shared: Path) -> tuple[list[dict], list[str]]:
    """Facts derived from the WIPO data package (signed, instrument, in_force) plus curated additions."""
    index = name_index()
    today = dt.date.today().isoformat()
    rows: dict[tuple, dict] = {}
    skipped: list[str] = []
    with (shared / "data" / "wipo_treaty_membership.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            party = r["Contracting Party"]
            try:
                iso = to_iso3(party, index)
            except KeyError:
                skipped.append(f"{party} (an organisation, not a country)")
                continue
            code = TREATY_CODES[r["Treaty"]]
            events = [("signed", r["Signature Date"])]
            if r["Instrument Type"]:
                events.append((INSTRUMENT_EVENTS[r["Instrument Type"]], r["Instrument Date"]))
            events.append(("in_force", r["Entry Into Force Date"]))
            for event, date in events:
                if not date:
                    continue
                if date > today:
                    skipped.append(f"{party} {code} {event} {date} (in the future)")
                    continue
                rows[(iso, code, event)] = {"country_iso3": iso, "treaty": code, "event": event,
                                            "date": date, "source": WIPO_SOURCE}
    additions = CURATED / "treaty_additions.csv"
    if additions.exists():
        with additions.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                iso = to_iso3(r["country"], index)
                key = (iso, r["treaty"], r["event"])
                if key in rows:
                    raise ValueError(f"treaty_additions: {key} already derived from the WIPO data package")
                if r["date"] > today:
                    skipped.append(f"{r['country']} {r['treaty']} {r['event']} {r['date']} (in the future)")
                    continue
                rows[key] = {"country_iso3": iso, "treaty": r["treaty"], "event": r["event"],
                             "date": r["date"], "source": r["source"]}
    return [rows[k] for k in sorted(rows)], skipped


def build_wto() -> list[dict]:
    index = name_index()
    rows = []
    for line in (CURATED / "wto_members.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, date, *extra = line.split("|")
        source = f"{WTO_SOURCE}; {extra[0]}" if extra else WTO_SOURCE
        rows.append({"country_iso3": to_iso3(name, index), "accession_date": date, "source": source})
    return sorted(rows, key=lambda r: r["country_iso3"])


def build_embassy(shared: Path) -> list[dict]:
    index = name_index()
    rows = []
    with (shared / "data" / "embassy_recommendations.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            ref = r["refid"].strip()
            where = f"cable {ref}" if ref else "cable (reference id not known)"
            rows.append({"country_iso3": to_iso3(r["country"], index), "review_year": r["review_year"],
                         "recommended_status": r["recommended_status"], "action": r["action"],
                         "context": r["context"], "refid": ref, "evidence": r["evidence"],
                         "source": f"US embassy {where}, as recorded in the project's embassy recommendation facts"})
    return rows


def write(name: str, rows: list[dict]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent.parent / "shared")
    ap.add_argument("--only", nargs="*", default=None, help="countries listings treaties wto embassy")
    a = ap.parse_args(argv)
    want = set(a.only or ["countries", "listings", "treaties", "wto", "embassy"])
    if "countries" in want:
        write("countries.csv", build_countries())
    if "listings" in want:
        write("listings.csv", build_listings(a.shared))
    if "treaties" in want:
        rows, skipped = build_treaties(a.shared)
        write("treaties.csv", rows)
        for s in skipped:
            print(f"  skipped: {s}")
    if "wto" in want:
        write("wto_members.csv", build_wto())
    if "embassy" in want:
        write("embassy_recommendations.csv", build_embassy(a.shared))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
