"""The sourced reference panel: every CSV in warehouse/reference/ loads, maps and holds together."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter

import pytest

from warehouse.db import open_warehouse
from warehouse.errors import ReferenceDataError
from warehouse.load import REFERENCE_DIR, TABLES, load_reference, read_table

TODAY = dt.date.today()


def _rows(name: str) -> list[dict]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def ref():
    """Every reference table parsed and validated the way `s301 init` does it."""
    countries = read_table(TABLES[0])
    known = {r[0] for r in countries}
    return {t.name: (countries if t.name == "countries" else read_table(t, known_iso3=known)) for t in TABLES}


def test_every_row_has_a_source(ref):
    for table in TABLES:
        col = [c.name for c in table.columns].index("source")
        assert ref[table.name], f"{table.file} is empty"
        assert all(r[col] and r[col].strip() for r in ref[table.name]), table.file


def test_countries_cover_iso_and_the_eu():
    import pycountry
    iso3 = {r["iso3"] for r in _rows("countries.csv")}
    assert {c.alpha_3 for c in pycountry.countries} <= iso3
    assert {"EUU", "TWN", "HKG", "MAC"} <= iso3


def test_aliases_resolve_to_one_country_and_exclude_government_abbreviations():
    owner: dict[str, str] = {}
    for r in _rows("countries.csv"):
        for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
            key = name.lower()
            assert owner.setdefault(key, r["iso3"]) == r["iso3"], f"{name!r} names {owner[key]} and {r['iso3']}"
    expect = {"russian federation": "RUS", "kazakhstani": "KAZ", "burma": "MMR", "prc": "CHN",
              "rok": "KOR", "korea, republic of": "KOR", "taiwan": "TWN", "hong kong": "HKG",
              "european union": "EUU", "türkiye": "TUR", "chinese taipei": "TWN", "macao": "MAC"}
    assert {k: owner.get(k) for k in expect} == expect
    for abbreviation in ("gok", "gob", "goj", "goi", "gor"):
        assert abbreviation not in owner


def test_listing_years_run_from_1989_to_the_newest_report_without_gaps(ref):
    years = sorted(r[0] for r in ref["listing_years"])
    newest = max(r[0] for r in ref["listings"])
    assert years == list(range(1989, newest + 1))
    assert newest >= 2025


def test_every_year_has_listings_and_partial_years_say_so(ref):
    per_year = Counter(r[0] for r in ref["listings"])
    complete = {r[0]: r[1] for r in ref["listing_years"]}
    for year in complete:
        assert per_year[year] > 0, f"no listing rows for {year}"
    # a year with only a handful of rows must not claim to be complete
    for year, n in per_year.items():
        if n < 15:
            assert complete[year] is False, year


def test_complete_years_match_the_announced_counts(ref):
    status = Counter((r[0], r[2]) for r in ref["listings"])
    for year, complete, pfc_c, pwl_c, wl_c, ann_pwl, ann_wl, _note, _src in ref["listing_years"]:
        if pwl_c and ann_pwl is not None:
            assert status[(year, "PWL")] == ann_pwl, f"{year}: PWL rows vs announced"
        if wl_c and ann_wl is not None:
            assert status[(year, "WL")] == ann_wl, f"{year}: WL rows vs announced"
        if not pwl_c and ann_pwl is not None:
            assert status[(year, "PWL")] < ann_pwl, f"{year}: PWL marked partial but all {ann_pwl} present"
        assert complete == (pfc_c and pwl_c and wl_c), year


def test_listings_map_to_known_countries_without_duplicates(ref):
    known = {r[0] for r in ref["countries"]}
    keys = [(r[0], r[1]) for r in ref["listings"]]
    assert len(keys) == len(set(keys))
    assert {r[1] for r in ref["listings"]} <= known


def test_known_placements(ref):
    """Spot checks against the primary sources named in SOURCES.md."""
    got = {(r[0], r[1]): r[2] for r in ref["listings"]}
    assert got[(1999, "UKR")] == "PWL" and got[(1999, "CHN")] == "306"      # USTR 1999 press release
    assert got[(2001, "UKR")] == "PFC"
    assert got[(2013, "UKR")] == "PFC"
    assert (2014, "UKR") not in got                                        # no PFC in 2014 (SOURCES.md)
    assert got[(2008, "RUS")] == "PWL"


def test_second_pass_placements_and_treaty_additions(ref):
    """Rows read from the USTR report pages and treaty tables in the second pass (SOURCES.md)."""
    got = {(r[0], r[1]): r[2] for r in ref["listings"]}
    assert got[(2002, "HUN")] == "PWL" and got[(2003, "HUN")] == "WL"     # moved to WL in 2003
    assert got[(2001, "ARG")] == "PWL" and got[(2001, "CAN")] == "WL"
    assert got[(2000, "KWT")] == "WL" and got[(2003, "ECU")] == "WL"
    added = [r for r in ref["treaties"] if r[1] in ("PCT", "MADRID")]
    assert {r[2] for r in added} == {"in_force"}
    dates = {(r[0], r[1]): r[3] for r in added}
    assert dates[("IND", "PCT")] == dt.date(1998, 12, 7) and dates[("USA", "MADRID")] == dt.date(2003, 11, 2)
    assert ("ARG", "PCT") not in dates                                      # not a PCT state


def test_treaty_dates_parse_and_precede_today(ref):
    for iso, treaty, event, date, _src in ref["treaties"]:
        assert isinstance(date, dt.date) and date <= TODAY, (iso, treaty, event)
    events = {(r[0], r[1], r[2]) for r in ref["treaties"]}
    assert ("USA", "WCT", "in_force") in events and ("CHN", "BERNE", "in_force") in events
    # signature comes before entry into force wherever both are known
    dates = {(r[0], r[1], r[2]): r[3] for r in ref["treaties"]}
    for (iso, treaty, event), date in dates.items():
        if event == "signed" and (iso, treaty, "in_force") in dates:
            assert date <= dates[(iso, treaty, "in_force")], (iso, treaty)


def test_madrid_agreement_is_not_coded_as_the_madrid_protocol(ref):
    codes = {r[1] for r in ref["treaties"]}
    assert "MADRID_SOURCE" in codes
    madrid = [r for r in ref["treaties"] if r[1] == "MADRID"]
    assert all("Protocol" in r[4] for r in madrid)


def test_wto_members(ref):
    members = {r[0]: r[1] for r in ref["wto_members"]}
    assert len(members) >= 164
    assert members["USA"] == dt.date(1995, 1, 1) and members["EUU"] == dt.date(1995, 1, 1)
    assert members["CHN"] == dt.date(2001, 12, 11) and members["RUS"] == dt.date(2012, 8, 22)
    assert min(members.values()) == dt.date(1995, 1, 1)


def test_piracy_rates_are_percentages_with_sources(ref):
    assert ref["piracy_rates"], "no piracy rates loaded"
    for iso, year, sector, rate, source in ref["piracy_rates"]:
        assert 0 <= rate <= 100 and 1990 <= year <= TODAY.year and source


def test_malformed_row_names_file_and_line_and_keeps_stored_rows(warehouse, tmp_path):
    before = {t.name: warehouse.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    broken = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, broken)
    path = broken / "listings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[41] = lines[41].replace(",false,", ",maybe,", 1)          # line 42 of the file
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"listings\.csv:42: column 'section_306'"):
        load_reference(warehouse, directory=broken)
    after = {t.name: warehouse.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    assert after == before


@pytest.mark.parametrize("file,line,mutate,message", [
    ("treaties.csv", 3, lambda s: s.replace(s.split(",")[3], "2099-01-01"), r"treaties\.csv:3: .*future"),
    ("listings.csv", 5, lambda s: "1999,XXX,PWL,false,false,somewhere", r"listings\.csv:5: unknown country code"),
    ("wto_members.csv", 2, lambda s: s + ",extra", r"wto_members\.csv:2: wrong number of fields"),
    ("countries.csv", 2, lambda s: s.replace(s.split(",")[0], "usa"), r"countries\.csv:2: column 'iso3'"),
])
def test_other_malformed_rows(db_path, tmp_path, file, line, mutate, message):
    broken = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, broken)
    path = broken / file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = mutate(lines[line - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    con = open_warehouse(db_path)
    try:
        with pytest.raises(ReferenceDataError, match=message):
            load_reference(con, directory=broken)
    finally:
        con.close()


def test_duplicate_key_is_reported(tmp_path):
    broken = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, broken)
    path = broken / "listings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=rf"listings\.csv:{len(lines)}: duplicate of line 2"):
        read_table(TABLES[1], broken)


def test_non_utf8_file_is_reported(tmp_path):
    broken = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, broken)
    (broken / "countries.csv").write_bytes(b"iso3,name,aliases,source\nFRA,Fran\xe7e,,x\n")
    with pytest.raises(ReferenceDataError, match=r"countries\.csv: not UTF-8"):
        read_table(TABLES[0], broken)


def test_failure_while_writing_rolls_back_every_table(warehouse, monkeypatch):
    """If the database write itself fails half-way, the transaction leaves all tables as they were."""
    import warehouse.load as load
    before = {t.name: warehouse.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    real = load._arrow

    def fail_on_treaties(table, rows):
        if table.name == "treaties":
            raise RuntimeError("disk full (simulated)")
        return real(table, rows)

    monkeypatch.setattr(load, "_arrow", fail_on_treaties)
    with pytest.raises(RuntimeError, match="simulated"):
        load_reference(warehouse)
    after = {t.name: warehouse.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    assert after == before and all(after.values())
