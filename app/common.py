"""Shared helpers of the Streamlit app: cached read-only warehouse and model, guards, charts.

Every page imports this module (Streamlit puts app/ on sys.path while a page runs). The app only
reads: the warehouse is opened read-only, the model through recommender.artifact.load_model, and all
predictions, explanations and scores come from the recommender package.
"""
from __future__ import annotations

import html
import re
import string
import tempfile
from pathlib import Path
from typing import Any

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

from recommender import alerts as alerts_mod, brief as brief_mod, explain as explain_mod
from recommender.artifact import artifact_path, default_model_path, load_model, read_json
from recommender.features import feature_matrix
from recommender.predict import forecast_table, last_report
from recommender.score import COLUMNS as SCORE_COLUMNS, score_paths
from warehouse.db import connect, default_db_path
from warehouse.errors import S301Error, printable
from warehouse.safe_csv import escape_frame
from warehouse.vocab import PROBABILITY_COLUMNS as PROB_COLUMNS, TIER_NAMES, TIER_RANK, TIERS

APP_DIR = Path(__file__).resolve().parent
SQL_DIR = APP_DIR / "sql"
PROJECT_ROOT = APP_DIR.parent

TIER_COLORS = {"none": "#4c9a2a", "WL": "#e0b000", "PWL": "#e06c00", "PFC": "#c0262d"}
SETUP_HINT = ("Build everything with `make demo` (warehouse, sample reports, model), or step by step: "
              "`s301 init`, `s301 ingest warehouse/samples`, `s301 train`.")


# ----------------------------------------------------------------------------- text from documents and users

_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")


def md(value: Any) -> str:
    """A text from a document, a file, a user or a message, made safe to put into st.markdown,
    st.caption, st.error ... (which all render Markdown): every ASCII punctuation character is
    backslash-escaped (CommonMark allows it for all of them), so that `![b](http://host/x.png)` shows
    as those characters instead of making the browser fetch an image, and links, autolinks
    (`http\\://`), emphasis, headings, HTML, LaTeX (`$`) and Streamlit's `:color[...]` / `:icon:`
    directives stay text. Line breaks become spaces (one line of text). None shows as ''."""
    if value is None:
        return ""
    text = printable(str(value))
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split("\n")) if "\n" in text else text)


def md_block(value: Any) -> str:
    """md() for a message that may span lines (an error with its hint): each line escaped, kept apart."""
    return "  \n".join(md(line) for line in printable(str(value)).split("\n"))


# ----------------------------------------------------------------------------- page frame

def page_setup(title: str, icon: str = "📋") -> None:
    """Wide layout and the sidebar's note on which files the app reads."""
    st.set_page_config(page_title=f"s301 · {title}", page_icon=icon, layout="wide")
    sidebar_note()


def sidebar_note() -> None:
    st.sidebar.caption(f"Warehouse: {md(db_path())} (read-only)")  # the model's path once it is loaded


def tier_label(tier: str | None) -> str:
    return f"{tier} ({TIER_NAMES[tier]})" if tier in TIER_NAMES else str(tier)


# ----------------------------------------------------------------------------- warehouse

def db_path() -> Path:
    """$S301_DB or data/s301.duckdb (warehouse.db decides)."""
    return default_db_path()


def _stamp(path: Path) -> tuple[int, int]:
    """File modification time and size: part of every cache key, so a rebuilt file is re-read."""
    try:
        st_ = path.stat()
        return (st_.st_mtime_ns, st_.st_size)
    except OSError:
        return (0, 0)


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(path: str, stamp: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    """One read-only connection per file version, shared by all sessions (each query uses a cursor)."""
    return connect(path, read_only=True)


def connection() -> duckdb.DuckDBPyConnection:
    """A cursor on the shared read-only connection (DuckDB cursors are safe to use per thread)."""
    path = db_path()
    return _connection(str(path), _stamp(path)).cursor()


@st.cache_data(show_spinner=False, max_entries=512)
def _query(path: str, stamp: tuple[int, int], name: str, params: tuple) -> pd.DataFrame:
    sql = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    cur = _connection(path, stamp).cursor()
    try:
        return cur.execute(sql, dict(params)).df() if params else cur.execute(sql).df()
    finally:
        cur.close()


def query(name: str, **params: Any) -> pd.DataFrame:
    """Run app/sql/<name>.sql with named parameters on the read-only warehouse (cached)."""
    path = db_path()
    return _query(str(path), _stamp(path), name, tuple(sorted(params.items())))


def require_warehouse() -> pd.Series:
    """The warehouse's row counts; stops the page with the command to run when it is missing or empty."""
    path = db_path()
    try:
        counts = query("counts").iloc[0]
    except S301Error as exc:
        st.error(f"The warehouse cannot be opened: {md(exc)}.\n\n{SETUP_HINT}")
        st.stop()
    except duckdb.Error as exc:
        st.error(f"The warehouse {md(path)} lacks tables or views the app needs "
                 f"({md(str(exc).splitlines()[0])}). Run s301 init --db {md(path)} to migrate it.\n\n{SETUP_HINT}")
        st.stop()
    if int(counts["listings"]) == 0 or int(counts["countries"]) == 0:
        st.error(f"The warehouse {md(path)} is empty (no countries or listings). Run `make demo`, or "
                 f"s301 init --db {md(path)} to load the reference tables.")
        st.stop()
    return counts


# ----------------------------------------------------------------------------- model

def model_path() -> Path:
    """$S301_MODEL or models/s301.joblib (recommender.artifact decides)."""
    return default_model_path()


@st.cache_resource(show_spinner="Loading the model ...", max_entries=2)
def _model(path: str, stamp: tuple[int, int]):
    return load_model(path)


def load_model_or_none() -> tuple[Any | None, str | None]:
    """(model, None) or (None, message naming the command to run)."""
    path = model_path()
    st.sidebar.caption(f"Model: {md(path)}")
    try:
        return _model(str(path), _stamp(path)), None
    except S301Error as exc:
        return None, f"No usable model: {md(str(exc).rstrip('.'))}.\n\n{SETUP_HINT}"


def require_model():
    """The trained model; stops the page with the command to run when there is none."""
    model, message = load_model_or_none()
    if model is None:
        st.error(message)
        st.stop()
    return model


def model_key() -> str:
    """A cache key for everything computed from the model and the warehouse."""
    mp, dp = model_path(), db_path()
    return f"{mp}:{_stamp(mp)}|{dp}:{_stamp(dp)}"


def artifact(kind: str) -> dict | None:
    """The JSON written beside the model (card, backtest, importance), or None when absent."""
    path = artifact_path(model_path(), kind)
    return _read_json(str(path), _stamp(path))


def require_artifact(kind: str) -> dict:
    """artifact(kind), or an error naming the command that writes it and the page stops."""
    data = artifact(kind)
    if not data:
        st.error(f"No {kind} file beside the model. Run `s301 train` (it writes <model>.{kind}.json), "
                 "or `make demo`.")
        st.stop()
    return data


@st.cache_data(show_spinner=False)
def _read_json(path: str, stamp: tuple[int, int]) -> dict | None:
    try:
        return read_json(path, "model file")
    except S301Error:
        return None


# ----------------------------------------------------------------------------- recommender results (cached)

def or_stop(fn, *args, **kwargs):
    """Call fn; a user-facing error of the warehouse or recommender (S301Error) stops the page with its
    message instead of a traceback."""
    try:
        return fn(*args, **kwargs)
    except S301Error as exc:
        st.error(f"{md_block(exc)}\n\n{SETUP_HINT}")
        st.stop()


@st.cache_data(show_spinner="Forecasting every country ...", max_entries=16)
def forecast(key: str, year: int | None, _model) -> pd.DataFrame:
    """recommender.predict.forecast_table for `year` (None: the next report)."""
    return forecast_table(_model, connection(), year=year)


@st.cache_data(show_spinner="Ranking the countries most likely to move ...", max_entries=8)
def alerts(key: str, year: int | None, top: int, _model) -> alerts_mod.Alerts:
    """recommender.alerts.alerts for `year` (None: the next report)."""
    return alerts_mod.alerts(_model, connection(), year=year, top=top)


@st.cache_data(show_spinner=False, max_entries=4)
def report_known(key: str):
    """recommender.predict.last_report: what is known of the newest report."""
    return last_report(connection())


@st.cache_data(show_spinner=False, max_entries=256)
def brief(iso3: str, year: int) -> brief_mod.Brief | None:
    """recommender.brief.brief of one country and review, None when that review has no facts."""
    try:
        return brief_mod.brief(connection(), iso3, int(year))
    except S301Error:
        return None


@st.cache_data(show_spinner="Explaining ...", max_entries=256)
def explanation(key: str, iso3: str, year: int, _model) -> explain_mod.Explanation:
    """recommender.explain.explain for one country and review year."""
    return explain_mod.explain(_model, connection(), iso3, int(year))


@st.cache_data(show_spinner=False, max_entries=1024)
def what_if(key: str, iso3: str, year: int, changes: tuple, _model) -> explain_mod.Forecast:
    """recommender.explain.what_if with the changed feature values (a sorted tuple of pairs)."""
    return explain_mod.what_if(_model, connection(), iso3, int(year), dict(changes),
                               base_row=feature_row(key, iso3, year) or None)


@st.cache_data(show_spinner=False, max_entries=256)
def feature_row(key: str, iso3: str, year: int) -> dict:
    """The model's input row for one country-year (recommender.features.feature_matrix)."""
    frame = feature_matrix(connection(), year=int(year), country=iso3)
    return frame.iloc[0].to_dict() if len(frame) else {}


def probabilities_frame(probs: dict[str, float], label: str = "forecast") -> pd.DataFrame:
    return pd.DataFrame({"tier": TIERS, "probability": [float(probs.get(t, 0.0)) for t in TIERS],
                         "scenario": label})


# ----------------------------------------------------------------------------- charts
# The charts of the Country page are Altair specs built once per shape (cached) and fed their rows as a
# named dataset, so a rerun (e.g. a what-if change) does not rebuild and re-validate the Altair objects.

ROWS = "rows"


def _tier_scale() -> alt.Scale:
    return alt.Scale(domain=TIERS, range=[TIER_COLORS[t] for t in TIERS])


def _probability_template(scenarios: tuple[str, ...]) -> alt.LayerChart:
    base = alt.Chart(alt.NamedData(ROWS)).encode(
        y=alt.Y("tier:N", sort=TIERS, title=None),
        x=alt.X("probability:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title="probability"),
        color=alt.Color("tier:N", scale=_tier_scale(), legend=None),
        tooltip=[alt.Tooltip("scenario:N"), alt.Tooltip("tier:N"), alt.Tooltip("probability:Q", format=".1%")],
    )
    if len(scenarios) > 1:
        base = base.encode(yOffset=alt.YOffset("scenario:N", sort=list(scenarios)),
                           opacity=alt.Opacity("scenario:N", sort=list(scenarios),
                                               scale=alt.Scale(domain=list(scenarios), range=[0.4, 1.0]), title=None))
    text = base.mark_text(align="left", dx=3).encode(text=alt.Text("probability:Q", format=".0%"),
                                                     color=alt.value("#333"))
    return (base.mark_bar() + text).properties(height=alt.Step(30 if len(scenarios) > 1 else 24))


def _timeline_template(last_year: int) -> alt.LayerChart:
    x = alt.X("year:Q", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[1989, last_year]), title=None)
    y = alt.Y("status:N", sort=list(reversed(TIERS)), scale=alt.Scale(domain=list(reversed(TIERS))), title="tier")
    shape = alt.Shape("source:N", scale=alt.Scale(domain=["ustr", "embassy", "forecast"],
                                                 range=["circle", "diamond", "triangle-up"]), title="source")
    line = alt.Chart(alt.NamedData(ROWS)).transform_filter(alt.datum.source == "ustr").mark_line(
        color="#888", strokeWidth=1.5, interpolate="step-after").encode(x=x, y=y)
    points = alt.Chart(alt.NamedData(ROWS)).mark_point(filled=True, size=90).encode(
        x=x, y=y, shape=shape, color=alt.Color("status:N", scale=_tier_scale(), title="tier"),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("status:N"), alt.Tooltip("source:N")])
    return (line + points).properties(height=220)


def _contributions_template() -> alt.Chart:
    return alt.Chart(alt.NamedData(ROWS)).mark_bar().encode(
        y=alt.Y("label:N", sort=alt.EncodingSortField("abs", order="descending"), title=None,
                axis=alt.Axis(labelLimit=380)),
        x=alt.X("contribution:Q", title="contribution"),
        color=alt.Color("direction:N", scale=alt.Scale(domain=["raises", "lowers"], range=["#c0262d", "#2b7bba"]),
                        title=None),
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("value:N"), alt.Tooltip("contribution:Q", format=".3f")],
    ).properties(height=alt.Step(22))


_TEMPLATES = {"probability": _probability_template, "timeline": _timeline_template,
              "contributions": _contributions_template}


@st.cache_data(show_spinner=False, max_entries=64)
def _template(kind: str, args: tuple) -> dict:
    return _TEMPLATES[kind](*args).to_dict()


def show_chart(kind: str, rows: pd.DataFrame, *args, key: str | None = None) -> None:
    """Draw a cached chart template with these rows."""
    spec = _template(kind, tuple(args))  # a fresh copy on every call
    spec["datasets"] = {ROWS: rows}
    st.vega_lite_chart(spec, width="stretch", key=key)


def show_probabilities(frame: pd.DataFrame, key: str | None = None) -> None:
    """Bars of probability per tier; several scenarios (column 'scenario') side by side."""
    show_chart("probability", frame, tuple(dict.fromkeys(frame["scenario"])), key=key)


def show_timeline(history: pd.DataFrame, forecast_points: pd.DataFrame, key: str | None = None) -> None:
    """Placement history (USTR line, embassy recommendations) with the forecast points."""
    cols = ["year", "status", "source"]
    data = pd.concat([history[cols], forecast_points[cols]], ignore_index=True)
    data["year"] = data["year"].astype(int)
    show_chart("timeline", data, int(data["year"].max()) if len(data) else 1990, key=key)


def show_contributions(frame: pd.DataFrame, top: int = 15, key: str | None = None) -> None:
    """Horizontal bars of the largest contributions (positive pushes toward the tier)."""
    data = frame[["label", "value", "contribution"]].copy()
    data["abs"] = data["contribution"].abs()
    data = data.sort_values("abs", ascending=False).head(top)
    data["direction"] = ["raises" if v > 0 else "lowers" for v in data["contribution"]]
    data["value"] = data["value"].map(format_value)
    show_chart("contributions", data.reset_index(drop=True), key=key)


def format_value(v: Any) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return "missing"
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.3g}"
    return str(v)


# ----------------------------------------------------------------------------- documents

def highlighted_html(text: str, start: int, end: int, window: int | None = 2000) -> str:
    """The document text (or a window around the sentence: a quarter before, the rest after) with the
    sentence marked; all text escaped."""
    start = max(0, min(int(start), len(text)))
    end = max(start, min(int(end), len(text)))
    lo = 0 if window is None else max(0, start - window // 4)
    hi = len(text) if window is None else min(len(text), end + window)
    before = ("… " if lo > 0 else "") + html.escape(text[lo:start])
    after = html.escape(text[end:hi]) + (" …" if hi < len(text) else "")
    return ("<div style='white-space:pre-wrap;max-height:460px;overflow:auto;border:1px solid #ddd;"
            "border-radius:6px;padding:10px;font-family:ui-monospace,monospace;font-size:0.82em'>"
            f"{before}<mark style='background:#ffe066;padding:1px 0'>{html.escape(text[start:end])}</mark>"
            f"{after}</div>")


def show_document(doc_id: str, start: int | None = None, end: int | None = None) -> None:
    """The document's metadata and its text, with [start, end) highlighted when given."""
    doc = query("document", doc_id=doc_id)
    if doc.empty:
        st.warning(f"Document {md(doc_id)} is not in the warehouse.")
        return
    row = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in doc.iloc[0].items()}
    # title, path and the rest come from the document: escaped (a title can be Markdown that fetches an image)
    st.markdown(f"**{md(row['title']) or '(untitled)'}** · {md(row['kind'])} · {md(row['country_iso3']) or '?'} · "
                f"review {int(row['review_year']) if pd.notna(row['review_year']) else '?'} · "
                f"{pd.Timestamp(row['report_date']).date() if pd.notna(row['report_date']) else 'undated'}  \n"
                f"{md(row['path'])} · doc_id {md(doc_id)}")
    text = row["text"] or ""
    if start is not None and end is not None:
        full = st.toggle("Whole document", value=False, key=f"full_{doc_id}_{start}")
        st.html(highlighted_html(text, start, end, window=None if full else 2000))
    else:
        st.html(highlighted_html(text, 0, 0, window=None))


def country_label(iso3: str, names: dict[str, str]) -> str:
    return f"{names.get(iso3, iso3)} ({iso3})"


def download_csv(frame: pd.DataFrame, filename: str, label: str = "Download CSV", key: str | None = None) -> None:
    """A CSV download of the frame; text cells a spreadsheet would run as a formula (= + - @ first)
    get a ' in front (warehouse.safe_csv), as in `s301 extract/score --out FILE.csv`."""
    data = escape_frame(frame).to_csv(index=False).encode("utf-8", errors="backslashreplace")
    st.download_button(label, data, file_name=filename, mime="text/csv", key=key)


# ----------------------------------------------------------------------------- batch scoring

UPLOAD_TYPES = ["txt", "html", "htm", "pdf"]
MAX_UPLOAD_MB = 20


def score_uploads(files: list[tuple[str, bytes]], model, progress=None, max_mb: float = MAX_UPLOAD_MB) -> pd.DataFrame:
    """Score uploaded reports with recommender.score.score_paths: one row per file, errors as rows.

    `files` are (name, content) pairs. Each is written under its own name to a private temp folder
    (the reader detects the kind by extension); a file too large or of another type becomes an error
    row without being read. `progress(done, total)` is forwarded to score_paths.
    """

    rejected: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="s301_upload_") as tmp:
        paths: list[str] = []
        names: dict[str, str] = {}
        for i, (name, content) in enumerate(files):
            name = printable(str(name))
            safe = Path(name.replace("\\", "/")).name or f"upload_{i}"
            ext = safe.rsplit(".", 1)[-1].lower() if "." in safe else ""
            if ext not in UPLOAD_TYPES:
                rejected.append({"path": name, "error": f"{name}: unsupported file type '.{ext[:20]}' "
                                                        f"(accepted: {', '.join(UPLOAD_TYPES)})"})
                continue
            if len(content) > max_mb * 1024 * 1024:
                rejected.append({"path": name, "error": f"{name}: {len(content) / 1048576:.1f} MB is over the "
                                                        f"{max_mb:g} MB limit per file"})
                continue
            folder = Path(tmp) / str(i)  # one folder per file: two uploads may share a name
            folder.mkdir()
            # The file is written under a short name of our own (the reader needs only the extension):
            # a browser may send a name the file system refuses (over 255 bytes: 120 CJK characters,
            # or characters it does not allow); the row shows the name as uploaded.
            target = folder / f"upload.{ext}"
            try:
                target.write_bytes(content)
            except OSError as exc:
                rejected.append({"path": name, "error": f"{name}: cannot be stored for reading "
                                                        f"({exc.strerror or type(exc).__name__})"})
                continue
            paths.append(str(target))
            names[str(target)] = name
        scored = score_paths(paths, model, connection(), progress=progress) if paths else pd.DataFrame()
    if len(scored):
        scored = scored.copy()
        scored["path"] = scored["path"].map(lambda p: names.get(str(p), Path(str(p)).name))

        def clean(error):  # the user knows the file by its name, not by our temp path
            if not isinstance(error, str):
                return error
            for temp, name in names.items():
                error = error.replace(temp, name)
            return error.replace(tmp + "/", "")
        scored["error"] = scored["error"].map(clean)
    out = pd.concat([scored, pd.DataFrame(rejected)], ignore_index=True) if rejected else scored
    for col in SCORE_COLUMNS:
        if col not in out.columns:
            out[col] = None
    out = out[SCORE_COLUMNS + [col for col in out.columns if col not in SCORE_COLUMNS]]
    return out.rename(columns={"path": "file"})
