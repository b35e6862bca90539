"""Maintainer tool: regenerate the derived reference CSVs in this folder.

Run `python -m warehouse.reference.build [--shared ../shared]`. It writes
countries.csv (pycountry + curated aliases), listings.csv (the shared listing file plus
curated/listing_changes.csv), treaties.csv (derived from the shared WIPO data package),
wto_members.csv (curated/wto_members.txt), embassy_recommendations.csv (the shared post
recommendations plus curated sentences and notes), iipa_requests.csv (the shared IIPA facts plus
curated/iipa_changes.csv, the rows found by this project's searches), us_trade.csv (IMF DOTS) and
out_of_cycle_reviews.csv (the listings' OCR flags plus curated/ocr_announcements.csv; listings.ocr is
set from it). Treaty facts the data package lacks (PCT, Madrid Protocol) come from
curated/treaty_additions.csv, each with its source. The committed CSVs are what `s301 init` loads;
this script is only needed to rebuild them, so the project runs without ../shared.
listing_years.csv and piracy_rates.csv are curated by hand.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.metadata
import re
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"

EU_SOURCE = ("not an ISO 3166-1 country: code EUU as used by the World Bank for the European Union; "
             "the European Communities (EC) before 1993 share it")
KOSOVO_SOURCE = "not in ISO 3166-1: user-assigned code XKX as used by the European Commission and the World Bank"
YUGOSLAVIA_SOURCE = "ISO 3166-3 (former countries) via pycountry {v}: YUG, withdrawn 2003"
SERBIA_MONTENEGRO_SOURCE = ("ISO 3166-3 (former countries) via pycountry {v}: SCG, withdrawn 2006 "
                            "(IIPA's 2006 request and IMF trade data 1996-2005 name it)")

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
            "Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu",
            "Taiwan Province of China"],   # the IMF's name
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
    "SCG": ["Serbia and Montenegro", "Serbia-Montenegro"],
    # names used by the IMF (Direction of Trade Statistics) that the ISO names lack
    "VAT": ["Holy See"], "SXM": ["Sint Maarten"],
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
    rows.append({"iso3": "SCG", "name": "Serbia and Montenegro", "aliases": _aliases("Serbia and Montenegro", ALIASES["SCG"] + [
        pycountry.historic_countries.get(alpha_3="SCG").name]), "source": SERBIA_MONTENEGRO_SOURCE.format(v=v)})
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


def project_index():
    """The project's own country index, read from countries.csv as it is now (after a rebuild)."""
    from warehouse.countries import CountryIndex, _load_rows
    return CountryIndex(_load_rows())


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _map(idx, name: str, where: str, unmapped: list[str]) -> str | None:
    iso = idx.lookup(name)
    if iso is None:
        unmapped.append(f"{where}: {name!r}")
    return iso


def _urls(text: str) -> str:
    """' | ' or ' ; ' separated URLs -> one ' | ' separated list without repeats."""
    out: list[str] = []
    for part in re.split(r"\s+[|;]\s+", text.strip()):
        if part and part not in out:
            out.append(part)
    return " | ".join(out)


# ---- embassy recommendations --------------------------------------------------------------------

EMBASSY_STATUSES = {"none", "WL", "PWL", "PFC", "OCR"}


def build_embassy(shared: Path) -> tuple[list[dict], list[str]]:
    """The shared post recommendations (75 rows), ISO3-mapped, with the recommending sentence.

    `evidence` is the recommending sentence (cables are US government works): the shared file's quote
    where it read one from a stored copy, else the sentence from curated/embassy_sentences.csv (cable
    texts in the shared corpus and warehouse/samples), else empty. Judgement calls go to `note`."""
    idx = project_index()
    unmapped: list[str] = []
    sentences = {r["refid"]: r for r in _read_csv(CURATED / "embassy_sentences.csv")}
    notes = {(r["country"], r["review_year"]): r["note"] for r in _read_csv(CURATED / "embassy_notes.csv")}
    used_notes = set()
    rows: dict[tuple, dict] = {}
    for r in _read_csv(shared / "data" / "embassy_recommendations.csv"):
        iso = _map(idx, r["country"], "embassy_recommendations.csv", unmapped)
        if iso is None:
            continue
        if r["recommended_status"] not in EMBASSY_STATUSES:
            raise ValueError(f"embassy: unknown status {r['recommended_status']!r} for {r['country']} {r['review_year']}")
        ref, url = r["refid"].strip(), r["source_url"].strip()
        if url:
            sentence = r["evidence"].strip()
            place = f"stored copy {url}"
        elif ref in sentences:
            sentence = sentences[ref]["sentence"]
            place = sentences[ref]["where"]
        else:
            sentence = ""
            place = "an excerpt recorded in the project's first embassy facts (no stored copy named)"
        cable = f"US embassy cable {ref}" if ref else "US embassy cable (reference id not known)"
        key = (r["country"], r["review_year"])
        note = notes.get(key, "")
        used_notes.add(key)
        rows[(iso, int(r["review_year"]))] = {
            "country_iso3": iso, "review_year": r["review_year"], "recommended_status": r["recommended_status"],
            "action": r["action"], "context": r["context"], "refid": ref, "evidence": sentence,
            "source_url": url, "note": note, "source": f"{cable}; {place}"}
    unused = set(notes) - used_notes
    if unused:
        raise ValueError(f"embassy_notes.csv: no shared row for {sorted(unused)}")
    additions = CURATED / "embassy_additions.csv"
    for line, r in enumerate(_read_csv(additions) if additions.exists() else [], start=2):
        where = f"{additions.name}:{line}"
        iso = _map(idx, r["country"], where, unmapped)
        if iso is None:
            continue
        key = (iso, int(r["review_year"]))
        if key in rows:
            raise ValueError(f"{where}: {key} is already in the shared file")
        if r["recommended_status"] not in EMBASSY_STATUSES or not r["source_url"].strip():
            raise ValueError(f"{where}: status or source_url")
        ref = r["refid"].strip()
        rows[key] = {
            "country_iso3": iso, "review_year": r["review_year"], "recommended_status": r["recommended_status"],
            "action": r["action"], "context": r["context"], "refid": ref, "evidence": r["evidence"].strip(),
            "source_url": r["source_url"].strip(), "note": r["note"].strip(),
            "source": f"US embassy cable {ref or '(reference id not known)'}; stored copy {r['source_url'].strip()} "
                      "(found by this project's searches)"}
    return [rows[k] for k in sorted(rows)], unmapped


# ---- IIPA requests --------------------------------------------------------------------------------

IIPA_STATUSES = {"PFC", "PWL", "WL", "306", "OCR_only", "not_listed"}
IIPA_ACTIONS = {"maintain", "elevate", "lower", "add", "remove", "unknown"}
FOUND_SHARED = "shared_file"     # /work/shared/data/iipa_recommendations.csv (compiled before this table)
FOUND_SEARCH = "s301_search"     # added by this project's searches, from the page named in `source`


def build_iipa(shared: Path) -> tuple[list[dict], list[str]]:
    """IIPA's requested placement per (year, country): the shared facts plus curated/iipa_changes.csv.

    IIPA's own text is never copied: the shared file's `evidence` column is left out; `note` holds this
    project's own short note on a judgement call (curated/iipa_notes.csv, iipa_changes.csv)."""
    idx = project_index()
    unmapped: list[str] = []
    notes = {(int(r["year"]), r["country"]): r["note"] for r in _read_csv(CURATED / "iipa_notes.csv")}
    used_notes = set()
    cand: dict[tuple[int, str], list[dict]] = {}
    for r in _read_csv(shared / "data" / "iipa_recommendations.csv"):
        iso = _map(idx, r["country"], "iipa_recommendations.csv", unmapped)
        if iso is None:
            continue
        year = int(r["year"])
        if r["iipa_recommendation"] not in IIPA_STATUSES or r["action"] not in IIPA_ACTIONS:
            raise ValueError(f"iipa: unknown status/action in {r}")
        used_notes.add((year, r["country"]))
        cand.setdefault((year, iso), []).append({
            "year": year, "country_iso3": iso, "status": r["iipa_recommendation"], "action": r["action"],
            "ocr": "true" if r["ocr"].strip().lower() == "yes" else "false", "found_by": FOUND_SHARED,
            "source": _urls(r["source_url"]), "note": notes.get((year, r["country"]), "")})
    unused = set(notes) - used_notes
    if unused:
        raise ValueError(f"iipa_notes.csv: no shared row for {sorted(unused)}")
    changes = CURATED / "iipa_changes.csv"
    for line, r in enumerate(_read_csv(changes) if changes.exists() else [], start=2):
        where = f"{changes.name}:{line}"
        iso = _map(idx, r["country"], where, unmapped)
        if iso is None:
            continue
        key = (int(r["year"]), iso)
        change = r["change"]
        if r["status"] not in IIPA_STATUSES or (change != "delete" and r["action"] not in IIPA_ACTIONS):
            raise ValueError(f"{where}: unknown status/action")
        row = {"year": key[0], "country_iso3": iso, "status": r["status"], "action": r["action"],
               "ocr": "true" if r["ocr"].strip().lower() in {"yes", "true"} else "false",
               "found_by": FOUND_SEARCH, "source": _urls(r["source"]), "note": r["note"].strip()}
        have = cand.get(key, [])
        if change == "add":
            if have:
                raise ValueError(f"{where}: {key} already has a row ({have[0]['status']}); use confirm/replace")
            cand[key] = [row]
        elif change == "confirm":      # same status from another page: keep the row, add the source
            same = [h for h in have if h["status"] == r["status"]]
            if not same:
                raise ValueError(f"{where}: nothing to confirm for {key} {r['status']}")
            h = same[0]
            h["source"] = _urls(h["source"] + " | " + row["source"])
            if h["action"] == "unknown" and row["action"] != "unknown":
                h["action"] = row["action"]
            if row["ocr"] == "true":
                h["ocr"] = "true"
            if row["note"]:
                h["note"] = "; ".join(filter(None, [h["note"], row["note"]]))
        elif change == "replace":      # a better source states another status: the note says why
            if not have:
                raise ValueError(f"{where}: nothing to replace for {key}")
            cand[key] = [row]
        elif change == "delete":       # drop one of two disagreeing rows (the note of the kept one says why)
            kept = [h for h in have if h["status"] != r["status"]]
            if len(kept) == len(have):
                raise ValueError(f"{where}: no {r['status']} row to delete for {key}")
            for h in kept:
                h["note"] = "; ".join(filter(None, [h["note"], row["note"]]))
            cand[key] = kept
        else:
            raise ValueError(f"{where}: unknown change {change!r}")
    rows = []
    for key in sorted(cand):
        if len(cand[key]) != 1:
            raise ValueError(f"iipa: {key} has {len(cand[key])} rows; resolve in curated/iipa_changes.csv")
        rows.append(cand[key][0])
    return rows, unmapped


# ---- US trade (IMF DOTS) ------------------------------------------------------------------------

IMF_ATTRIBUTION = "Source: International Monetary Fund, Direction of Trade Statistics (DOTS), https://data.imf.org"
IMF_SOURCE = (f"{IMF_ATTRIBUTION}; US exports FOB and imports CIF as redistributed in GitHub "
              "jacqpark/Aid-Lending-and-TRIPS-RIO (dots_us.csv)")
# IMF partner entries that are not one country (left out; listed in SOURCES.md).
IMF_NOT_COUNTRIES = {"Belgium-Luxembourg": "economic union of two countries (IMF aggregate)",
                     "Special Categories": "IMF residual category, not a country"}


def imf_candidates(name: str) -> list[str]:
    """IMF's naming conventions rewritten into forms the country index knows, most literal first:
    'Korea, Rep. of' -> 'Korea, Republic of'; 'China, P.R.: Hong Kong' -> 'Hong Kong'; 'St. Lucia' ->
    'Saint Lucia'; 'Egypt, Arab Rep. of' -> 'Egypt'. Every result is checked in SOURCES.md."""
    out = [name]
    m = re.fullmatch(r"China, P\.R\.: (.+)", name)
    if m:
        out.append("China" if m.group(1) == "Mainland" else m.group(1))
    expanded = re.sub(r"\bRep\b\.?", "Republic", name)
    expanded = re.sub(r"\bDem\.", "Democratic", expanded)
    expanded = re.sub(r"^St\. ", "Saint ", expanded)
    out += [expanded, expanded.replace(",", ""), re.split(r",\s*", expanded)[0]]
    return out


def build_us_trade(shared: Path) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    """US goods exports/imports per partner and year; aggregates and unmappable partners left out.
    Returns the rows, the partners left out (name -> why) and the mapping used (IMF name -> ISO3)."""
    idx = project_index()
    skipped: dict[str, str] = {}
    mapped_by: dict[str, str] = {}
    rows: dict[tuple[str, int], dict] = {}
    this_year = dt.date.today().year
    for r in _read_csv(shared / "data" / "imf_dots_us_trade.csv"):
        name = r["partner"]
        if name in IMF_NOT_COUNTRIES:
            skipped[name] = IMF_NOT_COUNTRIES[name]
            continue
        iso = next((i for i in map(idx.lookup, imf_candidates(name)) if i), None)
        if iso is None:
            skipped[name] = "no ISO 3166-1 country in the project's index"
            continue
        if mapped_by.setdefault(iso, name) != name:
            raise ValueError(f"us_trade: {name!r} and {mapped_by[iso]!r} both map to {iso}")
        year = int(r["year"])
        if year >= this_year:
            continue
        exp, imp = r["us_exports_fob_usd"].strip(), r["us_imports_cif_usd"].strip()
        if not exp and not imp:
            continue
        rows[(iso, year)] = {"country_iso3": iso, "year": year,
                             "exports_usd": _usd(exp), "imports_usd": _usd(imp),
                             "source": IMF_SOURCE}
    return [rows[k] for k in sorted(rows)], skipped, {v: k for k, v in mapped_by.items()}


def _usd(v: str) -> str:
    """'28826900000.0' -> '28826900000' (whole dollars, as the IMF figures are); '' stays empty."""
    if not v:
        return ""
    x = float(v)
    return str(int(round(x))) if abs(x - round(x)) < 1e-6 else repr(x)


# ---- out-of-cycle reviews -----------------------------------------------------------------------

OCR_LISTED = {"PFC", "PWL", "WL", "OO", "306", "none", ""}


def build_ocr(listings: list[dict]) -> list[dict]:
    """Out-of-cycle reviews per (report year that announced it, country): every listing flagged with
    an OCR plus curated/ocr_announcements.csv (including countries not listed that year)."""
    idx = project_index()
    listed = {(int(r["year"]), r["country_iso3"]): r for r in listings}
    rows: dict[tuple[int, str], dict] = {}
    for r in listings:
        if str(r["ocr"]).lower() == "true":
            key = (int(r["year"]), r["country_iso3"])
            rows[key] = {"year": key[0], "country_iso3": key[1], "listed_status": r["status"],
                         "source": r["source"], "note": "announced with the listing"}
    for line, r in enumerate(_read_csv(CURATED / "ocr_announcements.csv"), start=2):
        where = f"ocr_announcements.csv:{line}"
        iso = idx.lookup(r["country"])
        if iso is None:
            raise ValueError(f"{where}: country {r['country']!r} not in the country index")
        key = (int(r["year"]), iso)
        status = r["listed_status"].strip()
        if status not in OCR_LISTED:
            raise ValueError(f"{where}: listed_status {status!r}")
        listing = listed.get(key)
        if listing and status == "none":
            raise ValueError(f"{where}: said not listed, but listings has {listing['status']}")
        if listing and status and status != listing["status"]:
            raise ValueError(f"{where}: listed_status {status} but listings has {listing['status']}")
        if listing:
            status = listing["status"]
        if key in rows:
            rows[key]["source"] = _urls(rows[key]["source"] + " | " + r["source"])
            if r["note"]:
                rows[key]["note"] += "; " + r["note"]
            continue
        rows[key] = {"year": key[0], "country_iso3": iso, "listed_status": status, "source": r["source"],
                     "note": r["note"] or ("announced with the listing" if listing else "")}
    return [rows[k] for k in sorted(rows)]


def sync_listing_ocr(listings: list[dict], ocr: list[dict]) -> list[dict]:
    """listings.ocr is true exactly where out_of_cycle_reviews has that (year, country)."""
    have = {(int(r["year"]), r["country_iso3"]) for r in ocr}
    for r in listings:
        r["ocr"] = "true" if (int(r["year"]), r["country_iso3"]) in have else "false"
    return listings


# ---- coverage of the IIPA requests (for SOURCES.md) -----------------------------------------------

IIPA_TIER = {"PFC": 3, "PWL": 2, "306": 2, "WL": 1, "not_listed": 0, "OCR_only": 0}
LISTING_TIER = {"PFC": 3, "PWL": 2, "306": 2, "WL": 1, "OO": 1}


def iipa_coverage(directory: Path = HERE) -> list[str]:
    """Markdown table: per year, IIPA requests, and how many ask for a move against USTR's placement of
    the year before (none = absent from a complete year; unknown where that year's lists are partial),
    with how USTR placed those countries that year."""
    listed = {(int(r["year"]), r["country_iso3"]): LISTING_TIER[r["status"]]
              for r in _read_csv(directory / "listings.csv")}
    complete = {int(r["year"]): r["complete"] == "true" for r in _read_csv(directory / "listing_years.csv")}

    def ustr(year: int, iso: str) -> int | None:
        if (year, iso) in listed:
            return listed[(year, iso)]
        return 0 if complete.get(year) else None

    out = ["| year | requests | up | down | same | prior unknown | USTR moved up (of up asks) | "
           "USTR moved down (of down asks) | USTR stayed (of same asks) |", "|---|---|---|---|---|---|---|---|---|"]
    total = [0] * 8
    by_year: dict[int, list[dict]] = {}
    for r in _read_csv(directory / "iipa_requests.csv"):
        by_year.setdefault(int(r["year"]), []).append(r)
    for year in sorted(by_year):
        n = up = down = same = unknown = f_up = f_down = f_same = 0
        for r in by_year[year]:
            n += 1
            ask, prev, now = IIPA_TIER[r["status"]], ustr(year - 1, r["country_iso3"]), ustr(year, r["country_iso3"])
            if prev is None:
                unknown += 1
                continue
            if ask > prev:
                up += 1
                f_up += now is not None and now > prev
            elif ask < prev:
                down += 1
                f_down += now is not None and now < prev
            else:
                same += 1
                f_same += now is not None and now == prev
        row = [n, up, down, same, unknown, f_up, f_down, f_same]
        total = [a + b for a, b in zip(total, row)]
        out.append(f"| {year} | {n} | {up} | {down} | {same} | {unknown} | {f_up} | {f_down} | {f_same} |")
    out.append("| all | " + " | ".join(str(x) for x in total) + " |")
    return out


def write(name: str, rows: list[dict], out: Path = HERE) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent.parent / "shared")
    ap.add_argument("--out", type=Path, default=HERE, help="where to write the CSVs (default: this folder)")
    ap.add_argument("--coverage", action="store_true", help="print the IIPA coverage table (SOURCES.md) and stop")
    ap.add_argument("--only", nargs="*", default=None,
                    help="countries listings treaties wto embassy iipa trade (listings also writes out_of_cycle_reviews)")
    a = ap.parse_args(argv)
    if a.coverage:
        print("\n".join(iipa_coverage()))
        return 0
    want = set(a.only or ["countries", "listings", "treaties", "wto", "embassy", "iipa", "trade"])
    if "countries" in want:
        write("countries.csv", build_countries(), a.out)
    if "listings" in want:
        listings = build_listings(a.shared)
        ocr = build_ocr(listings)
        write("listings.csv", sync_listing_ocr(listings, ocr), a.out)
        write("out_of_cycle_reviews.csv", ocr, a.out)
    if "treaties" in want:
        rows, skipped = build_treaties(a.shared)
        write("treaties.csv", rows, a.out)
        for s in skipped:
            print(f"  skipped: {s}")
    if "wto" in want:
        write("wto_members.csv", build_wto(), a.out)
    if "embassy" in want:
        rows, unmapped = build_embassy(a.shared)
        write("embassy_recommendations.csv", rows, a.out)
        for u in unmapped:
            print(f"  not mapped: {u}")
    if "iipa" in want:
        rows, unmapped = build_iipa(a.shared)
        write("iipa_requests.csv", rows, a.out)
        for u in unmapped:
            print(f"  not mapped: {u}")
    if "trade" in want:
        rows, skipped, mapping = build_us_trade(a.shared)
        write("us_trade.csv", rows, a.out)
        renamed = {n: i for n, i in mapping.items() if project_index().lookup(n) != i}
        print(f"  {len(mapping)} IMF partners mapped, {len(renamed)} of them through IMF naming rules:")
        for name, iso in sorted(renamed.items()):
            print(f"    {name} -> {iso}")
        for name, why in sorted(skipped.items()):
            print(f"  left out: {name} ({why})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
