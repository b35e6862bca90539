"""Model performance: rolling-origin backtest by year against persistence and majority, confusion, calibration."""
import altair as alt
import pandas as pd
import streamlit as st

import common as c

c.page_setup("Model performance", "🎯")
st.title("How good is it? The backtest")
c.require_warehouse()
model = c.require_model()
bt = c.require_artifact("backtest")

BASELINES = ["model", "persistence", "majority"]
METRICS = [("change_auc", "higher"), ("precision_at_10", "higher"), ("recall_at_10", "higher"),
           ("precision_at_5", "higher"), ("recall_at_5", "higher"), ("up_auc", "higher"), ("down_auc", "higher"),
           ("log_loss", "lower"), ("accuracy", "higher"), ("macro_f1", "higher"), ("mae_tier", "lower")]
GOALS = {"change_auc_at_least_0.80": "P(change) ranks the moves with AUC >= 0.80",
         "precision_at_10_at_least_0.30": "at least 30% of each year's top 10 by P(change) move",
         "accuracy_not_below_persistence": "accuracy not below persistence",
         "log_loss_10pct_below_persistence": "log-loss at least 10% below persistence"}
years = bt.get("years") or [p["year"] for p in bt.get("per_year", [])]
st.markdown(
    f"Rolling origin: for each test year the {c.md(bt.get('learner', model.learner))} model is trained on earlier years "
    f"only and predicts that year (label source {c.md(bt.get('label_source', '?'))}; test years "
    f"{min(years) if years else '?'}–{max(years) if years else '?'}). Persistence predicts last year's status; "
    "majority the most frequent tier. The model is only useful where it beats persistence."
)

# ---------------------------------------------------------------- overall
overall = bt.get("overall") or {}
table = pd.DataFrame([{"metric": m, "better is": better, **{b: (overall.get(b) or {}).get(m) for b in BASELINES}}
                      for m, better in METRICS])
st.subheader("Overall")
st.dataframe(table, hide_index=True, width="stretch", key="overall_table",
             column_config={b: st.column_config.NumberColumn(format="%.3f") for b in BASELINES})
m = overall.get("model") or {}
st.caption(f"{c.md(m.get('n', '?'))} country-years; {m.get('n_change', '?')} of them changed tier from the year before "
           f"({m.get('n_up', '?')} up, {m.get('n_down', '?')} down). P(change) = 1 − P(last year's tier); AUC and the "
           "top 5 / top 10 of each year by P(change) measure how well it ranks the moves (up and down: by P(up), "
           "P(down)). Persistence gives every row the same P(change), so it has no ranking.")
goals = bt.get("goals") or {}
if goals:
    met = [GOALS.get(k) or c.md(k) for k, v in goals.items() if v]
    missed = [GOALS.get(k) or c.md(k) for k, v in goals.items() if not v]
    if met:
        st.success("Goals met: " + "; ".join(met) + ".")
    if missed:
        st.warning("Goals not met: " + "; ".join(missed) + ". Where the model does not beat persistence, "
                   "last year's placement is the better forecast.")

# ---------------------------------------------------------------- by year
st.subheader("By year")
per_year = bt.get("per_year") or []
metric = st.selectbox("Metric", [m for m, _ in METRICS], index=0, key="perf_metric")
long = pd.DataFrame([{"year": p["year"], "baseline": b, "value": (p.get(b) or {}).get(metric), "n": p.get("n")}
                     for p in per_year for b in BASELINES])
if len(long):
    chart = alt.Chart(long.dropna(subset=["value"])).mark_line(point=True).encode(
        x=alt.X("year:O", title=None), y=alt.Y("value:Q", title=metric),
        color=alt.Color("baseline:N", sort=BASELINES,
                        scale=alt.Scale(domain=BASELINES, range=["#c0262d", "#2b7bba", "#999999"])),
        tooltip=["year", "baseline", alt.Tooltip("value:Q", format=".3f"), "n"])
    st.altair_chart(chart.properties(height=280), width="stretch")
    wide = pd.DataFrame([{"year": p["year"], "n": p.get("n"), "n_train": p.get("n_train"),
                          **{f"{b}_{metric}": (p.get(b) or {}).get(metric) for b in BASELINES}} for p in per_year])
    with st.expander("Per-year table"):
        st.dataframe(wide, hide_index=True, width="stretch", key="per_year_table")
skipped = bt.get("skipped") or []
if skipped:
    st.caption("Not backtested: " + "; ".join(f"{c.md(s['year'])} ({c.md(s['reason'])})" for s in skipped))

# ---------------------------------------------------------------- confusion and calibration
left, right = st.columns(2)
with left:
    st.subheader("Confusion matrix")
    which = st.radio("Predictions of", ["model", "persistence"], horizontal=True, key="conf_which")
    matrix = bt.get("confusion" if which == "model" else "confusion_persistence") or []
    if matrix:
        cells = pd.DataFrame([{"true": c.TIERS[i], "predicted": c.TIERS[j], "count": int(v)}
                              for i, row in enumerate(matrix) for j, v in enumerate(row)])
        base = alt.Chart(cells).encode(x=alt.X("predicted:N", sort=c.TIERS), y=alt.Y("true:N", sort=c.TIERS))
        heat = base.mark_rect().encode(color=alt.Color("count:Q", scale=alt.Scale(scheme="blues", type="symlog")),
                                       tooltip=["true", "predicted", "count"])
        text = base.mark_text(fontSize=14).encode(
            text="count:Q", color=alt.condition("datum.count > 50", alt.value("white"), alt.value("black")))
        st.altair_chart((heat + text).properties(height=300), width="stretch")
        st.caption("Rows: the true tier; columns: the predicted tier; all test years pooled.")
with right:
    st.subheader("Reliability of P(change)")
    rel = pd.DataFrame(bt.get("change_reliability") or [])
    if not rel.empty:
        diag = alt.Chart(pd.DataFrame({"x": [0, 1], "y": [0, 1]})).mark_line(strokeDash=[4, 4], color="#999").encode(
            x="x:Q", y="y:Q")
        enc = dict(x=alt.X("mean_p_change:Q", scale=alt.Scale(domain=[0, 1]), title="predicted P(change)"),
                   y=alt.Y("changed:Q", scale=alt.Scale(domain=[0, 1]), title="how often the country moved"))
        st.altair_chart((diag + alt.Chart(rel).mark_line(color="#c0262d").encode(**enc)
                         + alt.Chart(rel).mark_circle(color="#c0262d").encode(
                             **enc, size=alt.Size("n:Q", legend=None, scale=alt.Scale(range=[30, 400])),
                             tooltip=["n", alt.Tooltip("mean_p_change:Q", format=".3f"),
                                      alt.Tooltip("changed:Q", format=".3f")])).properties(height=260),
                        width="stretch")
        st.caption("Bins of the predicted P(change) against the share of those country-years that moved.")
    st.subheader("Calibration")
    keep = ("n", "mean_confidence", "accuracy")
    cal = [{**{k: r.get(k) for k in keep}, "who": "model"} for r in bt.get("calibration") or []]
    cal += [{**{k: r.get(k) for k in keep}, "who": "persistence"} for r in bt.get("calibration_persistence") or []]
    if cal:
        frame = pd.DataFrame(cal)
        diag = alt.Chart(pd.DataFrame({"x": [0, 1], "y": [0, 1]})).mark_line(strokeDash=[4, 4], color="#999").encode(
            x="x:Q", y="y:Q")
        enc = dict(
            x=alt.X("mean_confidence:Q", scale=alt.Scale(domain=[0, 1]), title="predicted probability of the forecast tier"),
            y=alt.Y("accuracy:Q", scale=alt.Scale(domain=[0, 1]), title="how often it was right"),
            color=alt.Color("who:N", scale=alt.Scale(domain=["model", "persistence"], range=["#c0262d", "#2b7bba"]),
                            title=None))
        line = alt.Chart(frame).mark_line().encode(**enc)
        pts = alt.Chart(frame).mark_circle(opacity=0.85).encode(
            **enc, size=alt.Size("n:Q", legend=None, scale=alt.Scale(range=[30, 400])),
            tooltip=["who", "n", alt.Tooltip("mean_confidence:Q", format=".2f"), alt.Tooltip("accuracy:Q", format=".2f")])
        st.altair_chart((diag + line + pts).properties(height=300), width="stretch")
        st.caption("Points on the dashed line are well calibrated; point size is the number of predictions.")
