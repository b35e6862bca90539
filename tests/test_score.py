"""Batch scoring: one row per report, bad files become error rows, the warehouse is not written."""
from __future__ import annotations

from pathlib import Path

import pytest

from recommender.score import COLUMNS, score_paths

SAMPLES = Path(__file__).resolve().parent.parent / "warehouse" / "samples"


def test_bad_files_give_error_rows(model_con, tmp_path):
    model, con = model_con
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf \x00\x01\x02")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "no_country.txt").write_text("Nothing here names a country or a year. " * 20)
    paths = [tmp_path / "empty.txt", tmp_path / "garbage.pdf", tmp_path / "binary.html",
             tmp_path / "no_country.txt", tmp_path / "missing.txt"]
    frame = score_paths(paths, model, con)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == len(paths)
    assert frame["error"].notna().all()
    for path, error in zip(frame["path"], frame["error"]):
        assert Path(path).name in error
    assert frame["predicted_status"].isna().all()


@pytest.mark.skipif(not any(SAMPLES.glob("*.txt")), reason="no sample reports in warehouse/samples")
def test_samples_are_scored_without_writing_the_warehouse(model_con, tmp_path):
    model, con = model_con
    before = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM evidence)").fetchall()[0]
    bad = tmp_path / "bad.txt"
    bad.write_text("")
    seen = []
    frame = score_paths([SAMPLES, bad], model, con, progress=lambda done, total: seen.append((done, total)))
    good = frame[frame["error"].isna()]
    assert len(good) >= 1 and len(frame) == len(good) + 1
    assert set(good["predicted_status"]) <= {"none", "WL", "PWL", "PFC"}
    probs = good[["p_none", "p_wl", "p_pwl", "p_pfc"]].sum(axis=1)
    assert ((probs - 1).abs() < 1e-9).all()
    assert good["top_reasons"].str.len().gt(0).all()
    assert good["country_iso3"].notna().all() and good["review_year"].notna().all()
    moscow = frame[frame["path"].str.endswith("09MOSCOW521.txt")]
    if len(moscow):
        assert moscow["country_iso3"].iloc[0] == "RUS"
    assert seen and seen[-1][0] == seen[-1][1]
    after = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM evidence)").fetchall()[0]
    assert before == after


def test_report_evidence_is_overlaid(model_con, tmp_path):
    """A new report's facts change the text features of its country-year (via the same SQL view)."""
    model, con = model_con
    text = ("UNCLASSIFIED\nFROM: AMEMBASSY ANKARA\nSUBJECT: 2011 SPECIAL 301 REVIEW - TURKEY\n"
            "1. In 2010 the courts convicted 1,250 people of copyright crimes, compared to 300 in 2009. "
            "Customs officials continue to lack ex officio authority to seize counterfeit goods.\n")
    report = tmp_path / "turkey.txt"
    report.write_text(text)
    frame = score_paths([report], model, con)
    row = frame.iloc[0]
    if row["error"]:
        pytest.skip(f"the reader/detector did not accept the synthetic report: {row['error']}")
    assert row["country_iso3"] == "TUR"
    assert isinstance(row["top_reasons"], str)
