"""App benchmark, and the harness the browser test shares: a real Streamlit server and headless Chromium.

`run(shared)` measures
  * cold start: `streamlit run app/Home.py` process start -> the server answers its health check,
    -> the Home page's content is rendered in headless Chromium, -> the Country page is rendered
    (model loaded, forecast explained, charts drawn) in a browser that opens it right after;
  * a what-if interaction, in the browser (type a piracy rate, Enter, until the new forecast is drawn;
    only the what-if fragment reruns) and with AppTest (change one control, run the whole page, time;
    median of 5), and the same change's model call alone (recommender.explain.what_if).
Chromium is driven over the DevTools protocol (the `websockets` client, which Streamlit itself
depends on), so no extra package is needed. The warehouse and model are the defaults ($S301_DB,
$S301_MODEL, or data/s301.duckdb and models/s301.joblib after `make demo`); when they are missing a
scratch pair is built first (not timed).
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "app" / "Home.py"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--mute-audio"]
_STATE_JS = """(() => {
  const body = document.body ? document.body.innerText : "";
  const running = !!document.querySelector('[data-testid="stStatusWidget"]');
  const charts = document.querySelectorAll('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').length;
  const exceptions = document.querySelectorAll('[data-testid="stException"]').length;
  const skeletons = document.querySelectorAll('.stSkeleton, [data-testid="stSkeletonElement"]').length;
  return JSON.stringify({body, running, charts, exceptions, skeletons});
})()"""


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------- the Streamlit server

def start_app(port: int, env: dict[str, str] | None = None, log: Path | None = None) -> subprocess.Popen:
    """`streamlit run app/Home.py` on 127.0.0.1:port, headless, in its own process group."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    out = open(log, "wb") if log else subprocess.DEVNULL
    return subprocess.Popen(cmd, cwd=PROJECT_ROOT, env={**os.environ, **(env or {})}, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)


def wait_health(port: int, proc: subprocess.Popen | None = None, timeout: float = 30) -> float:
    """Seconds until /_stcore/health answers ok; RuntimeError when the server dies or times out."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"streamlit did not answer on port {port} within {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop a process started here (by its id), then wait for it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# ----------------------------------------------------------------------------- headless Chromium over CDP

class Browser:
    """One headless Chromium with a fresh profile, one page, driven over the DevTools protocol."""

    def __init__(self, binary: str | None = None, width: int = 1400, height: int = 2200):
        binary = binary or chromium_binary()
        if not binary:
            raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="s301_chromium_")
        self.proc = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=0", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self._id = 0
        self.ws = None
        try:
            self._connect(self._devtools_port())
        except BaseException:
            self.close()
            raise

    def _devtools_port(self, timeout: float = 20) -> int:
        marker = Path(self.profile) / "DevToolsActivePort"
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with status {self.proc.returncode}")
            if marker.exists():
                lines = marker.read_text().split()
                if lines:
                    return int(lines[0])
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port")

    def _connect(self, port: int) -> None:
        from websockets.sync.client import connect  # a dependency of Streamlit itself
        targets = []
        for _ in range(100):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as r:
                targets = [t for t in json.loads(r.read()) if t.get("type") == "page"]
            if targets:
                break
            time.sleep(0.05)
        if not targets:
            raise RuntimeError("chromium has no page target")
        self._ws_cm = connect(targets[0]["webSocketDebuggerUrl"], max_size=256 * 1024 * 1024, open_timeout=10,
                              compression=None)
        self.ws = self._ws_cm.__enter__()

    def call(self, method: str, params: dict | None = None, timeout: float = 60) -> dict:
        """Send one DevTools command and return its result (events in between are skipped)."""
        self._id += 1
        mine = self._id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params or {}}))
        while True:
            msg = json.loads(self.ws.recv(timeout=timeout))
            if msg.get("id") == mine:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def navigate(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})

    def state(self) -> dict:
        res = self.call("Runtime.evaluate", {"expression": _STATE_JS, "returnByValue": True})
        return json.loads(res.get("result", {}).get("value") or "{}")

    def wait_rendered(self, texts: list[str], timeout: float = 60, charts: int = 0,
                      settled: bool = True) -> tuple[float, dict]:
        """Poll until every text is on the page, `charts` charts are drawn and (when `settled`) the
        script has finished running. Returns (seconds waited, last state); TimeoutError says what was missing."""
        t0 = time.perf_counter()
        state: dict = {}
        while time.perf_counter() - t0 < timeout:
            state = self.state()
            body = state.get("body", "")
            done = (all(t in body for t in texts) and not (settled and (state.get("running") or state.get("skeletons")))
                    and state.get("charts", 0) >= charts)
            if state.get("exceptions") or (done and not settled):
                return time.perf_counter() - t0, state
            if done:  # settled: the same page twice, 0.25 s apart (lazy widgets and charts have drawn)
                waited = time.perf_counter() - t0
                time.sleep(0.25)
                again = self.state()
                if again.get("body") == body and not again.get("skeletons") and again.get("charts") == state.get("charts"):
                    return waited, again
                continue
            time.sleep(0.05)
        missing = [t for t in texts if t not in state.get("body", "")]
        raise TimeoutError(f"page not rendered after {timeout} s: missing {missing}, running={state.get('running')}, "
                           f"charts={state.get('charts')}, placeholders={state.get('skeletons')}")

    def type_into(self, aria_label: str, text: str, timeout: float = 10) -> None:
        """Replace the value of the input with this aria-label and press Enter (how Streamlit commits)."""
        js = ("(() => { const el = document.querySelector('input[aria-label=" + json.dumps(aria_label) + "]');"
              " if (!el) return false; el.scrollIntoView(); el.focus(); el.select(); return true; })()")
        t0 = time.perf_counter()
        while not self.call("Runtime.evaluate", {"expression": js, "returnByValue": True})["result"].get("value"):
            if time.perf_counter() - t0 > timeout:
                raise TimeoutError(f"no input labelled {aria_label!r}")
            time.sleep(0.1)
        self.call("Input.insertText", {"text": text})
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                 "windowsVirtualKeyCode": 13})

    def screenshot(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            if self.ws is not None:
                self._ws_cm.__exit__(None, None, None)
        finally:
            stop(self.proc)
            shutil.rmtree(self.profile, ignore_errors=True)


# ----------------------------------------------------------------------------- the benchmark

def _inputs(scratch: Path) -> tuple[Path, Path, str]:
    """The default warehouse and model when both exist (after `make demo`), else a scratch pair built
    here the way `make demo` does (reference data, the sample reports, the glass-box model)."""
    from recommender.artifact import default_model_path
    from recommender.training import train_and_save
    from warehouse.db import default_db_path, open_warehouse
    db, model = default_db_path(), default_model_path()
    if db.exists() and model.exists():
        return db, model, "default"
    from warehouse.ingest import ingest_paths
    from warehouse.load import load_reference
    db, model = scratch / "s301.duckdb", scratch / "models" / "s301.joblib"
    con = open_warehouse(db)
    try:
        load_reference(con)
        ingest_paths(con, [PROJECT_ROOT / "warehouse" / "samples"])
        train_and_save(con, model, learner="glassbox")
    finally:
        con.close()
    return db, model, "built for this run (no data/s301.duckdb + models/s301.joblib)"


def cold_start(db: Path, model: Path, country: str = "CHN") -> dict:
    """Server process start -> health, -> Home rendered in Chromium, -> Country page rendered."""
    if not chromium_binary():
        return {"cold_start": "skipped: chromium is not installed"}
    browser = Browser()
    port = free_port()
    proc = None
    try:
        t0 = time.perf_counter()
        proc = start_app(port, {"S301_DB": str(db), "S301_MODEL": str(model)})
        health = wait_health(port, proc)
        browser.navigate(f"http://127.0.0.1:{port}/")
        browser.wait_rendered(["Special 301 watch-list recommender"], settled=False)
        first = time.perf_counter() - t0
        browser.wait_rendered(["Special 301 watch-list recommender", "Forecast for the"])
        home = time.perf_counter() - t0
        t1 = time.perf_counter()
        browser.navigate(f"http://127.0.0.1:{port}/Country?country={country}")
        browser.wait_rendered(["Country forecast, explained", "Placement history", "What if"], charts=3)
        country_s = time.perf_counter() - t1
        # a what-if in the real browser: type a piracy rate, Enter, until the new forecast is shown
        label = "Software piracy rate, latest published (%)"
        clicks = []
        for value in ("35", "30", "25", "20", "15"):
            browser.type_into(label, value)
            t = time.perf_counter()
            browser.wait_rendered([f"{label}: {value}", "What-if forecast"], timeout=30, charts=4, settled=False)
            clicks.append(time.perf_counter() - t)
    finally:
        if proc is not None:
            stop(proc)
        browser.close()
    return {"server_ready_s": round(health, 2), "first_render_home_s (title shown)": round(first, 2),
            "home_complete_s (forecast table shown)": round(home, 2),
            "first_render_country_s (after home)": round(country_s, 2), "first_render_target_s": 3.0,
            "what_if_browser_ms (Enter -> new forecast shown, median of 5)": round(1000 * statistics.median(clicks), 1),
            "what_if_browser_ms (max)": round(1000 * max(clicks), 1)}


def interaction(db: Path, model: Path, country: str = "CHN", repeats: int = 5) -> dict:
    """AppTest on the Country page: change a what-if control, run, time (median of `repeats`)."""
    saved = {k: os.environ.get(k) for k in ("S301_DB", "S301_MODEL")}
    os.environ["S301_DB"], os.environ["S301_MODEL"] = str(db), str(model)
    try:
        return _interaction(db, model, country, repeats)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _interaction(db: Path, model: Path, country: str, repeats: int) -> dict:
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["country"] = country
    at.run()
    at.switch_page("pages/1_Country.py").run()
    if at.exception:
        return {"what_if": f"failed: {at.exception[0].value}"}
    box = next((w for w in at.number_input if w.key and w.key.startswith("wi_piracy_software_")), None)
    box = box or next((w for w in at.number_input if w.key and w.key.startswith("wi_")), None)
    if box is None:
        return {"what_if": "skipped: no what-if number control on the Country page"}
    times = []
    base = box.value if box.value is not None else 50.0
    targets = [float(base - 10 - i if base >= 20 else base + 10 + i) for i in range(repeats)]  # new each time
    for target in targets:
        box.set_value(target)
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        if at.exception:
            return {"what_if": f"failed: {at.exception[0].value}"}
        box = next(w for w in at.number_input if w.key == box.key)
    # the model's share of it: recommender.explain.what_if alone, same kind of change
    import duckdb
    from recommender.explain import what_if
    from recommender.artifact import load_model
    m, con = load_model(model), duckdb.connect(str(db), read_only=True)
    name = box.key[len("wi_"):].rsplit(f"_{country}_", 1)[0]  # key: wi_<feature>_<iso3>_<year>
    calls = []
    year = int(at.selectbox(key=f"year_pick_{country}").value)
    for target in targets:
        t = time.perf_counter()
        what_if(m, con, country, year, {name: target + 0.5})
        calls.append(time.perf_counter() - t)
    con.close()
    return {"what_if_rerun_ms (AppTest, median)": round(1000 * statistics.median(times), 1),
            "what_if_rerun_ms (max)": round(1000 * max(times), 1),
            "what_if_model_call_ms (recommender.explain.what_if, median)": round(1000 * statistics.median(calls), 1),
            "what_if_target_ms": 200}


def run(shared: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="s301_bench_app_") as tmp:
        db, model, origin = _inputs(Path(tmp))
        out: dict = {"warehouse": f"{db} ({origin})", "model": str(model),
                     "load_average_1m_before": round(os.getloadavg()[0], 2)}  # 2 cores: other work inflates times
        out.update(cold_start(db, model))
        out.update(interaction(db, model))
    return out


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k}: {v}")
