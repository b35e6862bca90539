"""One real-browser test: the running app, opened by headless Chromium, renders the Country page.

Starts `streamlit run app/Home.py` on a free local port against the session's warehouse and model,
drives Chromium over the DevTools protocol (bench/app.py holds the harness), waits until the Country
page has rendered its forecast and charts, checks the text and takes a screenshot: into the test's
temporary folder, or into results/app_country.png when S301_SCREENSHOT=1 (so a plain test run leaves
the working tree clean).
Skips cleanly where Chromium is not installed.
"""
from __future__ import annotations

from pathlib import Path

import os

import pytest

from bench.app import Browser, chromium_binary, free_port, start_app, stop, wait_health

RESULTS = Path(__file__).resolve().parent.parent / "results"


@pytest.mark.browser
def test_country_page_in_headless_chromium(request, tmp_path):
    if not chromium_binary():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    try:
        db, model = request.getfixturevalue("trained_model")
    except pytest.FixtureLookupError:
        pytest.skip("conftest.py has no `trained_model` fixture (the recommender's) in this tree")
    port = free_port()
    log = tmp_path / "streamlit.log"
    server = start_app(port, {"S301_DB": str(db), "S301_MODEL": str(model)}, log=log)
    browser = None
    try:
        wait_health(port, server, timeout=60)
        browser = Browser()
        browser.navigate(f"http://127.0.0.1:{port}/Country?country=RUS")
        _, state = browser.wait_rendered(["Country forecast, explained", "Russia", "Placement history",
                                          "What if", "What would move it one tier down"], timeout=90, charts=3)
        body = state["body"]
        assert state["exceptions"] == 0, body[-2000:]
        assert "forecast for" in body
        assert "No usable model" not in body and "cannot be opened" not in body
        keep = os.environ.get("S301_SCREENSHOT") == "1"
        shot = browser.screenshot((RESULTS if keep else tmp_path) / "app_country.png")
        assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    except Exception:
        print(log.read_text(errors="replace")[-3000:])
        raise
    finally:
        if browser is not None:
            browser.close()
        stop(server)
