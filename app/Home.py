"""Home: what the tool does, the model card in brief, and the forecast for the next report."""
import streamlit as st

# The static introduction first: it shows while the data libraries and the model load.
st.set_page_config(page_title="s301 · Home", page_icon="🏠", layout="wide")
st.title("s301 · Special 301 watch-list recommender")
st.markdown(
    "Forecasts where the USTR **Special 301 Report** will place each country — not listed, "
    "**Watch List** (WL), **Priority Watch List** (PWL) or **Priority Foreign Country** (PFC) — as a "
    "move from its current tier, from its placement history, the leading signals that precede a report "
    "(IIPA's and the US posts' requests, announced out-of-cycle reviews), treaty and WTO membership, "
    "piracy rates, US trade and the enforcement facts extracted from USTR's National Trade Estimate "
    "chapters, embassy cables and industry reports. **Watch alerts** rank the countries most likely to "
    "move. Every forecast is explained: open a country to see what drives it, the sentences behind it, "
    "what changed in its reports since last year, and what would move it a tier down.\n\n"
    "Pages: **Country** (explain one forecast, what-if), **Batch scoring** (upload reports), "
    "**Feature importance**, **Model performance** (honest backtest against persistence), **Data** "
    "(everything in the warehouse, with sources)."
)


import pandas as pd  # noqa: E402

import common as c  # noqa: E402

c.sidebar_note()
counts = c.require_warehouse()
cols = st.columns(6)
for col, (label, key) in zip(cols, [("Countries", "countries"), ("USTR placements", "listings"),
                                    ("Treaty events", "treaties"), ("Piracy rates", "piracy_rates"),
                                    ("Reports", "documents"), ("Extracted facts", "evidence")]):
    col.metric(label, f"{int(counts[key]):,}")
if int(counts["documents"]) == 0:
    st.info("No reports ingested yet: the model uses reference data only. "
            "Add reports with `s301 ingest warehouse/samples` (or your own folder), then `s301 train`.")

model, message = c.load_model_or_none()
if model is None:
    st.error(c.md_block(message))
    st.stop()

# ---------------------------------------------------------------- model card in brief
card = model.card or {}
st.subheader("The model")
metrics = card.get("metrics") or {}
m, p = metrics.get("model") or {}, metrics.get("persistence") or {}
left, right = st.columns([3, 2])
with left:
    years = card.get("training_years") or []
    st.markdown(
        f"- **Learner:** {c.md(card.get('learner', '?'))} — {c.md(card.get('learner_reason', ''))}\n"
        f"- **Trained:** {c.md(card.get('created', '?'))} on {c.md(card.get('training_rows', '?'))} country-years"
        + (f" ({c.md(min(years))}–{c.md(max(years))})" if years else "") + "\n"
        f"- **Labels:** {c.md(card.get('label_source', '?'))} "
        f"({c.md(', '.join(f'{k}: {v}' for k, v in (card.get('label_source_counts') or {}).items()))})\n"
        f"- **Features:** {len(card.get('features') or model.feature_names)} · training-data hash "
        f"{c.md(str(card.get('training_data_hash', '?'))[:12])}"
    )
with right:
    if m and p:
        rows = []
        for metric, better in [("change_auc", "higher"), ("precision_at_10", "higher"), ("recall_at_10", "higher"),
                               ("log_loss", "lower"), ("accuracy", "higher"), ("macro_f1", "higher")]:
            rows.append({"metric": metric, "model": m.get(metric), "persistence": p.get(metric),
                         "better is": better})
        st.caption(f"Backtest (rolling origin, {c.md(m.get('n', '?'))} country-years): model vs persistence")
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                     column_config={"model": st.column_config.NumberColumn(format="%.3f"),
                                    "persistence": st.column_config.NumberColumn(format="%.3f")})
    else:
        st.info("The model card has no backtest metrics; run `s301 train` to rebuild it.")

# ---------------------------------------------------------------- the last report and the watch alerts
known = c.report_known(c.model_key())
if known is not None:
    (st.success if known.complete else st.warning)(c.md(known.describe()))   # names and notes from the data
found = c.or_stop(c.alerts, c.model_key(), None, 10, model)
st.subheader(f"Watch alerts: most likely to move at the {found.year} report")
st.caption("Ranked by P(change) = 1 − P(the country stays at its current tier). In the backtest (each year "
           "forecast from earlier years only) P(change) ranked the moves with AUC "
           f"{(m.get('change_auc') or 0):.2f}; {(m.get('precision_at_10') or 0):.0%} of each year's top 10 "
           "moved. Most countries do not move: read the reasons.")
for a in found.alerts:
    since = f" in the {a.current_status_year} report" if a.current_status_year else ""
    head = (f"{a.rank}. {a.name} ({a.country_iso3}): {c.tier_label(a.current_status)}{since} — "
            f"P(change) {a.p_change:.0%}, likely {a.direction} (up {a.p_up:.0%}, down {a.p_down:.0%})")
    with st.expander(head, expanded=a.rank <= 3):
        st.markdown(f"Forecast: **{c.tier_label(a.predicted_status)}** "
                    f"({a.probabilities[a.predicted_status]:.0%})"
                    + (" — its previous placement is not known and was forecast first." if a.chained else "")
                    + f" · [explain](Country?country={a.country_iso3}&year={a.year})")
        for r in a.reasons:
            st.markdown(f"- {c.md(r['label'])} = **{c.md(r['value'])}** "
                        f"(pushes the move by {r['contribution']:+.2f})")
            for e in r["evidence"]:
                st.caption(f"“{c.md(e['text'][:300])}” — {c.md(e['source'][:200])}")

# ---------------------------------------------------------------- forecast table
table = c.or_stop(c.forecast, c.model_key(), None, model)
year = int(table["year"].max()) if len(table) else None
st.subheader(f"Forecast for the {year} report" if year else "Forecast")
f1, f2, f3 = st.columns([2, 2, 1])
search = f1.text_input("Country contains", key="home_search", placeholder="e.g. China or CHN")
tiers = f2.multiselect("Predicted tier", c.TIERS, default=[], key="home_tiers",
                       placeholder="all tiers")
only_changes = f3.toggle("Only changes", key="home_changes",
                         help="countries whose predicted tier differs from their current placement")
view = table.copy()
if search:
    s = search.strip().lower()
    view = view[view["name"].str.lower().str.contains(s, regex=False) | view["country_iso3"].str.lower().eq(s)]
if tiers:
    view = view[view["predicted_status"].isin(tiers)]
if only_changes:
    view = view[view["predicted_status"] != view["current_status"]]
rank = view["predicted_status"].map(c.TIER_RANK)
view = (view.assign(_rank=rank, _p=[row[c.PROB_COLUMNS[t]] for t, (_, row) in zip(view["predicted_status"], view.iterrows())])
        .sort_values(["_rank", "_p"], ascending=False).drop(columns=["_rank", "_p"]))
view["explain"] = "Country?country=" + view["country_iso3"] + "&year=" + view["year"].astype(str)
prob = {col: st.column_config.ProgressColumn(tier, format="percent", min_value=0.0, max_value=1.0)
        for tier, col in c.PROB_COLUMNS.items()}
st.dataframe(
    view, hide_index=True, width="stretch", height=460, key="home_forecast",
    column_order=["name", "country_iso3", "current_status", "current_status_year", "predicted_status", "change",
                  "p_change", "section_306", "p_none", "p_wl", "p_pwl", "p_pfc", "explain"],
    column_config={"name": "country", "country_iso3": "ISO3", "current_status": "current",
                   "current_status_year": st.column_config.NumberColumn("as of", format="%d",
                                                                        help="the latest report whose placement of the country is known"),
                   "p_change": st.column_config.ProgressColumn("P(change)", format="percent", min_value=0.0,
                                                               max_value=1.0),
                   "predicted_status": "forecast", **prob,
                   "section_306": st.column_config.CheckboxColumn(
                       "306", help="Section 306 monitoring, forecast as last year's flag"),
                   "explain": st.column_config.LinkColumn("explain", display_text="why?")},
)
st.caption(f"{len(view)} of {len(table)} countries. Click a column header to sort. "
           "Open the **Country** page to see why. The 306 column (Section 306 monitoring) carries last "
           "year's flag forward; the model does not predict it.")
c.download_csv(view, f"s301_forecast_{year}.csv", "Download the forecast (CSV)", key="home_dl")
