"""The Streamlit app, page by page, with streamlit.testing.v1.AppTest on a real warehouse and model.

The warehouse and model come from the session fixture `trained_model` in conftest.py (a temp
warehouse with the reference data and the sample reports, and a model trained on it); the app is
pointed at them through $S301_DB and $S301_MODEL, exactly as a user would.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit.testing.v1")
from streamlit.testing.v1 import AppTest  # noqa: E402

APP = Path(__file__).resolve().parent.parent / "app" / "Home.py"
SAMPLES = Path(__file__).resolve().parent.parent / "warehouse" / "samples"
TIMEOUT = 120


@pytest.fixture
def trained(request):
    """(warehouse, model) from conftest's session fixture `trained_model`."""
    try:
        return request.getfixturevalue("trained_model")
    except pytest.FixtureLookupError:
        pytest.skip("conftest.py has no `trained_model` fixture (the recommender's) in this tree")


@pytest.fixture
def app_env(trained, monkeypatch):
    db, model = trained
    monkeypatch.setenv("S301_DB", str(db))
    monkeypatch.setenv("S301_MODEL", str(model))
    return db, model


def open_page(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}").run()
    return at


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.title] + [h.value for h in at.header] \
        + [h.value for h in at.subheader] + [c.value for c in at.caption] + [e.value for e in at.error] \
        + [i.value for i in at.info] + [w.value for w in at.warning] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def frame_with(at: AppTest, *columns: str):
    """The first dataframe on the page that has all `columns`."""
    for df in at.dataframe:
        value = df.value
        if all(c in value.columns for c in columns):
            return value
    raise AssertionError(f"no dataframe with columns {columns}; have {[list(d.value.columns) for d in at.dataframe]}")


def test_home_model_card_and_forecast_table(app_env):
    at = open_page()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    body = texts(at)
    assert "Special 301 watch-list recommender" in body
    assert "The model" in body and "Forecast for the" in body
    # what is known of the last report, and the watch alerts with their reasons
    assert "report is known only in part" in body or "report is known in full" in body
    assert "Watch alerts: most likely to move" in body
    alerts = [e.label for e in at.expander]
    assert len(alerts) == 10 and alerts[0].startswith("1. ") and "P(change)" in alerts[0]
    table = frame_with(at, "country_iso3", "predicted_status", "current_status", "p_pfc")
    assert len(table) > 10
    assert set(table["predicted_status"]) <= {"none", "WL", "PWL", "PFC"}
    # the filter narrows the table to one country
    at.text_input(key="home_search").set_value("CHN").run()
    no_exception(at)
    filtered = frame_with(at, "country_iso3", "predicted_status")
    assert list(filtered["country_iso3"]) == ["CHN"]


def test_country_page_explains_and_what_if_moves_a_probability(app_env):
    at = open_page("1_Country.py", country="RUS")
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    body = texts(at)
    assert "Russia" in body or "Russian Federation" in body
    for heading in ("Probabilities", "Placement history", "Why", "Leading signals", "Evidence from the reports",
                    "What if …", "What would move it one tier down", "What changed in the reports since last year"):
        assert heading in body, heading
    assert len(at.get("vega_lite_chart")) >= 3  # probabilities, timeline, contributions
    # the forecast year's evidence: the 2009 Moscow cable is among the samples
    year_box = at.selectbox(key="year_pick_RUS")
    assert year_box.value >= 2009
    year_box.set_value(2009).run()
    no_exception(at)
    assert "Evidence from the reports" in texts(at)
    assert "How far to trust these facts" in texts(at) and "enforcement numbers" in texts(at)
    # 2009: IIPA's and the post's requests are on file, and the NTE chapter's facts are compared with 2008's
    signals = frame_with(at, "text", "source")
    assert signals["text"].str.contains("IIPA asked USTR for PWL").any()
    changed = frame_with(at, "change", "subject", "sentence_after")
    assert len(changed) and set(changed["change"]) <= {"new", "gone", "up", "down", "changed"}
    # what-if: lower the software piracy rate -> the probabilities change
    key = next(w.key for w in at.number_input if w.key.startswith("wi_piracy_software_RUS"))
    before = at.number_input(key=key).value
    at.number_input(key=key).set_value(5.0 if (before or 50) > 20 else 90.0).run()
    no_exception(at)
    table = frame_with(at, "tier", "now", "what-if", "change")
    assert table["change"].abs().max() > 1e-6, table
    assert abs(table["what-if"].sum() - 1) < 1e-6


def test_country_evidence_opens_document_with_highlight(app_env):
    at = open_page("1_Country.py", country="KAZ", year="2008")
    no_exception(at)
    if not [s for s in at.selectbox if s.key and s.key.startswith("evidence_pick_")]:
        pytest.fail("no evidence for Kazakhstan 2008 although the Astana 2008 cables are ingested: "
                    + texts(at)[-400:])
    html = [h.proto.body for h in at.get("html")]
    assert any("<mark" in h for h in html), "the sentence is not highlighted in the document"


def test_batch_scoring_bad_files_become_error_rows(app_env):
    import hashlib
    db = app_env[0]
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    at = open_page("2_Batch_scoring.py")
    no_exception(at)
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    at.file_uploader(key="uploads").set_value([
        (sample.name, sample.read_bytes(), "text/plain"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "application/pdf"),
        ("empty.txt", b"", "text/plain"),
    ]).run()
    no_exception(at)
    result = frame_with(at, "file", "predicted_status", "error")
    assert len(result) == 3
    rows = result.set_index("file")
    good_error = rows.loc[sample.name, "error"]
    assert good_error is None or good_error != good_error or good_error == "", good_error  # None/NaN/empty
    assert rows.loc[sample.name, "predicted_status"] in {"none", "WL", "PWL", "PFC"}
    assert "broken.pdf" in str(rows.loc["broken.pdf", "error"])
    assert str(rows.loc["empty.txt", "error"]).strip()
    assert at.get("download_button"), "no CSV download"
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before, "scoring wrote to the warehouse"


def test_feature_importance_page(app_env):
    at = open_page("3_Feature_importance.py")
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert [t.label for t in at.tabs][:2] == ["Permutation (backtest)", "Per move (model's own)"]
    perm = frame_with(at, "feature", "log_loss_increase")
    assert len(perm) > 5
    per_tier = frame_with(at, "feature", "overall", "up", "down")
    assert len(per_tier) > 5


def test_model_performance_page(app_env):
    at = open_page("4_Model_performance.py")
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    overall = frame_with(at, "metric", "model", "persistence", "majority")
    assert {"accuracy", "log_loss", "change_auc", "precision_at_10"} <= set(overall["metric"])
    body = texts(at)
    assert "Confusion matrix" in body and "Calibration" in body and "By year" in body
    at.selectbox(key="perf_metric").set_value("log_loss").run()
    no_exception(at)


def test_data_page_browses_tables_with_sources(app_env):
    at = open_page("5_Data.py", country="KAZ")
    no_exception(at)
    labels = [t.label for t in at.tabs]
    assert labels[0].startswith("Documents") and any(l.startswith("Piracy rates") for l in labels)
    docs = frame_with(at, "doc_id", "kind", "title")
    assert (docs["country_iso3"] == "KAZ").all() and len(docs) >= 1
    listings = frame_with(at, "year", "status", "source")
    assert listings["source"].notna().all() and (listings["country_iso3"] == "KAZ").all()
    piracy = frame_with(at, "sector", "rate", "source")
    assert piracy["source"].notna().all()


def test_missing_model_names_the_command(trained, monkeypatch, tmp_path):
    db, _ = trained
    monkeypatch.setenv("S301_DB", str(db))
    monkeypatch.setenv("S301_MODEL", str(tmp_path / "absent.joblib"))
    for page in (None, "1_Country.py", "4_Model_performance.py"):
        at = open_page(page)
        no_exception(at)
        message = " ".join(e.value for e in at.error)
        assert "s301 train" in message and "make demo" in message, message


def test_missing_warehouse_names_the_command(monkeypatch, tmp_path):
    monkeypatch.setenv("S301_DB", str(tmp_path / "nowhere.duckdb"))
    monkeypatch.setenv("S301_MODEL", str(tmp_path / "absent.joblib"))
    at = open_page()
    no_exception(at)
    message = " ".join(e.value for e in at.error)
    assert "s301 init" in message and "make demo" in message, message
    assert not (tmp_path / "nowhere.duckdb").exists(), "the app must not create a warehouse"


def test_empty_warehouse_names_the_command(monkeypatch, tmp_path):
    from warehouse.db import open_warehouse
    db = tmp_path / "empty.duckdb"
    open_warehouse(db).close()  # schema, no reference rows
    monkeypatch.setenv("S301_DB", str(db))
    monkeypatch.setenv("S301_MODEL", str(tmp_path / "absent.joblib"))
    for page in (None, "5_Data.py"):
        at = open_page(page)
        no_exception(at)
        message = " ".join(e.value for e in at.error)
        assert "is empty" in message and "s301 init" in message, message


def test_counterfactual_can_be_tried_in_the_what_if(app_env):
    """The counterfactual's 'Try these changes' fills the what-if controls; the what-if then reaches the
    counterfactual's tier. Country-years with a counterfactual under the fixture's model: KWT 2005 (join WCT)."""
    for country, year in (("KWT", "2005"), ("ISR", "2012")):
        at = open_page("1_Country.py", country=country, year=year)
        no_exception(at)
        buttons = [b for b in at.button if b.key and b.key.startswith("cf_apply_")]
        if buttons:
            break
    else:
        pytest.skip("no counterfactual for KWT 2005 or ISR 2012 under this model")
    buttons[0].click().run()
    no_exception(at)
    table = frame_with(at, "tier", "now", "what-if", "change")
    assert table["change"].abs().max() > 1e-6
    new_tier = table.loc[table["what-if"].idxmax(), "tier"]
    now_tier = table.loc[table["now"].idxmax(), "tier"]
    order = ["none", "WL", "PWL", "PFC"]
    assert order.index(new_tier) < order.index(now_tier), (now_tier, new_tier)
    # reset: back to the country's own values, no what-if
    next(b for b in at.button if b.key and b.key.startswith("wi_reset_")).click().run()
    no_exception(at)
    assert "No change yet: the forecast above stands." in texts(at)


def test_data_page_with_an_undated_untitled_document(monkeypatch, tmp_path):
    """A document whose country, year and title are unknown is listed and readable, not a crash."""
    from warehouse.db import open_warehouse
    from warehouse.load import load_reference
    db = tmp_path / "w.duckdb"
    con = open_warehouse(db)
    load_reference(con)
    con.execute("INSERT INTO documents (doc_id, path, sha256, kind, text, ingested_at) "
                "VALUES ('d1', 'notes.txt', 'x', 'other', 'Some <b>text</b> & more.', now())")
    con.close()
    monkeypatch.setenv("S301_DB", str(db))
    monkeypatch.setenv("S301_MODEL", str(tmp_path / "absent.joblib"))
    at = open_page("5_Data.py")
    no_exception(at)
    docs = frame_with(at, "doc_id", "kind", "title")
    assert list(docs["doc_id"]) == ["d1"]
    assert any("&lt;b&gt;text&lt;/b&gt; &amp; more." in h.proto.body for h in at.get("html")), "text not escaped"
    assert "(untitled)" in texts(at) and "nan" not in texts(at).lower().split()
