"""Country: one forecast explained — probabilities, history, contributions, evidence, what-if, counterfactual."""
import math

import pandas as pd
import streamlit as st

import common as c
from recommender.explain import editable_features
from warehouse.extract.quality import caveat as extraction_caveat

c.page_setup("Country", "🌍")
st.title("Country forecast, explained")
counts = c.require_warehouse()
model = c.require_model()
key = c.model_key()

# ---------------------------------------------------------------- pick country and year
options = c.query("country_options")
names = dict(zip(options["country_iso3"], options["name"]))
codes = list(options["country_iso3"])
wanted = str(st.query_params.get("country", "")).upper()
default_code = wanted if wanted in names else ("CHN" if "CHN" in names else codes[0])
left, right = st.columns([3, 1])
iso3 = left.selectbox("Country", codes, index=codes.index(default_code), key="country_pick",
                      format_func=lambda code: c.country_label(code, names))
row = options.set_index("country_iso3").loc[iso3]
years = list(range(int(row["last_year"]), int(row["first_year"]) - 1, -1))
try:
    wanted_year = int(st.query_params.get("year", years[0]))
except ValueError:
    wanted_year = years[0]
year = right.selectbox("Review year", years, index=years.index(wanted_year) if wanted_year in years else 0,
                       key=f"year_pick_{iso3}", help="the newest year is the forecast for the next report")
st.query_params.update({"country": iso3, "year": str(year)})

ex = c.or_stop(c.explanation, key, iso3, year, model)
probs = ex.probabilities
predicted = ex.predicted_status
history = c.query("country_history", country=iso3)
actual = history[(history["year"] == year) & (history["source"] == "ustr")]
embassy = history[(history["year"] == year) & (history["source"] == "embassy")]

# ---------------------------------------------------------------- headline
st.header(f"{c.md(names.get(iso3, iso3))}: {c.tier_label(predicted)} forecast for {year}")
m1, m2, m3, m4 = st.columns(4)
m1.metric("Forecast", predicted, f"{probs[predicted]:.0%} probability", delta_color="off")
prev = history[(history["year"] == year - 1) & (history["source"] == "ustr")]
m2.metric(f"Placement in {year - 1}", prev["status"].iloc[0] if len(prev) else "unknown")
last_report = int(counts["last_report_year"]) if counts["last_report_year"] == counts["last_report_year"] else 0
m3.metric(f"USTR placement in {year}", actual["status"].iloc[0] if len(actual)
          else ("not yet known" if year > last_report else "not known"),
          help="'not known': that year's lists are not all in the reference data")
m4.metric(f"Embassy recommendation {year}", embassy["status"].iloc[0] if len(embassy) else "none on file")

g1, g2 = st.columns([2, 3])
with g1:
    st.subheader("Probabilities")
    c.show_probabilities(c.probabilities_frame(probs))
with g2:
    st.subheader("Placement history")
    forecast_points = pd.DataFrame([{"year": year, "status": predicted, "source": "forecast"}])
    c.show_timeline(history, forecast_points)
    st.caption("Line and circles: USTR placements (OO counted as WL, Section 306 as PWL); diamonds: embassy "
               "recommendations; triangle: this forecast.")

# ---------------------------------------------------------------- explanation
st.subheader("Why")
st.markdown(c.md_block(ex.summary))   # it names countries and values from the warehouse
moves = ex.move_probabilities
st.caption(f"The model forecasts the move from the current tier ({c.tier_label(ex.current_status)}): "
           f"down {moves['down']:.0%}, stay {moves['stay']:.0%}, up {moves['up']:.0%}.")
contributions = pd.DataFrame(ex.contributions)
moves_present = list(ex.base_value)   # the moves the model knows and this tier allows
if moves_present:
    likely = max(moves_present, key=lambda m: moves[m])
    move = st.radio("Contributions toward", moves_present, horizontal=True, key=f"contrib_move_{iso3}_{year}",
                    index=moves_present.index(likely),
                    format_func=lambda m: {"up": "moving up (elevation)", "down": "moving down (lowering)"}[m])
    shown = contributions[contributions["move"] == move]
    st.caption(f"Each feature's contribution to the {ex.output_kind}, move **{move}**, compared with the "
               f"typical country at the same tier: base value {ex.base_value[move]:.3f} + contributions = "
               f"{ex.output[move]:.3f}. Red pushes toward the move, blue holds the country where it is.")
    c.show_contributions(shown)
    with st.expander("All contributions"):
        table = shown.assign(value=shown["value"].map(c.format_value)).sort_values(
            "contribution", key=lambda s: s.abs(), ascending=False)
        st.dataframe(table, hide_index=True, width="stretch")

# ---------------------------------------------------------------- leading signals
st.subheader("Leading signals")
if ex.signals:
    st.dataframe(pd.DataFrame(ex.signals)[["text", "source"]], hide_index=True, width="stretch",
                 key=f"signals_{iso3}_{year}",
                 column_config={"text": st.column_config.TextColumn("signal", width="large")})
    st.caption("What was asked or announced before the report: IIPA's request, the US post's request, an "
               "out-of-cycle review announced in last year's report.")
else:
    st.info(f"No IIPA request, post request or announced out-of-cycle review is on file for "
            f"{names.get(iso3, iso3)} and the {year} review (coverage is partial: missing means unknown).")

# ---------------------------------------------------------------- evidence
st.subheader("Evidence from the reports")
st.caption(c.md(extraction_caveat()))
evidence = pd.DataFrame(ex.evidence)
if evidence.empty:
    st.info(f"No extracted facts from reports for {c.md(names.get(iso3, iso3))} and the {year} review; the forecast "
            "rests on placement history and reference data. Ingest reports with `s301 ingest PATH`.")
else:
    labels_of = dict(zip(contributions["feature"], contributions["label"]))
    evidence["about"] = evidence["feature"].map(lambda f: labels_of.get(f, f))
    st.dataframe(evidence[[col for col in ["about", "value", "sentence", "title", "doc_id"] if col in evidence]],
                 hide_index=True, width="stretch", key=f"evidence_table_{iso3}_{year}",
                 column_config={"sentence": st.column_config.TextColumn("sentence", width="large")})
    labels = [f"{i + 1}. {r['about']}: {str(r['sentence'])[:90]}…" for i, r in evidence.iterrows()]
    pick = st.selectbox("Open the document at a sentence", range(len(labels)), format_func=lambda i: labels[i],
                        key=f"evidence_pick_{iso3}_{year}")
    chosen = evidence.iloc[pick]
    c.show_document(chosen["doc_id"], int(chosen["char_start"]), int(chosen["char_end"]))


# ---------------------------------------------------------------- what-if
def initial(wkey: str, default) -> dict:
    """The widget's starting value, unless it already has one in the session (set by the user or by
    'Try these changes' below)."""
    return {} if wkey in st.session_state else {"value": default}


EXTRA = f"wi_extra_{iso3}_{year}"  # counterfactual changes of features that have no control


def apply_counterfactual(changes: list[dict], kinds: dict[str, str]) -> None:
    """Put the counterfactual's values into the what-if (a button callback): into the controls where
    the feature has one, else into the what-if's extra changes."""
    extra = {}
    for ch in changes:
        name, value = ch["feature"], ch["to"]
        if name in kinds and value is not None:
            st.session_state[f"wi_{name}_{iso3}_{year}"] = (bool(value) if kinds[name] == "bool" else
                                                            str(value) if kinds[name] == "choice" else float(value))
        else:
            extra[name] = value
    st.session_state[EXTRA] = extra


def reset_what_if() -> None:
    """Back to the country's own values (a button callback)."""
    for k in [k for k in st.session_state if str(k).startswith("wi_") and str(k).endswith(f"_{iso3}_{year}")]:
        del st.session_state[k]


@st.fragment
def what_if_panel() -> None:
    st.subheader("What if …")
    editable = editable_features(model)
    current = c.or_stop(c.feature_row, key, iso3, year)
    st.caption("Change a value and the model re-predicts at once. Controls start at the country's values "
               "for this review (empty = missing).")
    changes: dict = {}
    cols = st.columns(3)
    for i, feat in enumerate(editable):
        name, label, kind = feat["name"], feat["label"], feat["kind"]
        value = current.get(name)
        missing = value is None or (isinstance(value, float) and math.isnan(value))
        wkey = f"wi_{name}_{iso3}_{year}"
        with cols[i % 3]:
            if kind == "bool":
                default = False if missing else bool(value)
                new = st.checkbox(label, key=wkey, **initial(wkey, default))
                if new != default:
                    changes[name] = bool(new)
            elif kind == "choice":
                opts = list(feat["options"])
                default = "unknown" if missing else str(value)
                if default not in opts:
                    opts.append(default)
                new = st.selectbox(label, opts, key=wkey, **({} if wkey in st.session_state
                                                             else {"index": opts.index(default)}))
                if new != default:
                    changes[name] = new
            else:
                lo, hi, step = feat["min"], feat["max"], feat["step"] or 1
                default = None if missing else float(value)
                for v in (default, st.session_state.get(wkey)):  # the range must hold both values
                    if v is not None:
                        lo = min(lo, v) if lo is not None else None
                        hi = max(hi, v) if hi is not None else None
                new = st.number_input(label, min_value=None if lo is None else float(lo),
                                      max_value=None if hi is None else float(hi), **initial(wkey, default),
                                      step=float(step), key=wkey, placeholder="missing",
                                      format="%.0f" if float(step) >= 1 else "%.2f")
                if new != default and not (new is None and default is None):
                    changes[name] = new
    label_of = {f["name"]: f["label"] for f in editable}
    extra = st.session_state.get(EXTRA) or {}
    if extra:
        label_of.update({r["feature"]: r["label"] for r in ex.contributions if r["feature"] in extra})
        st.caption("Also changed, from the counterfactual (no control): "
                   + "; ".join(f"{label_of.get(k, k)} = {c.format_value(v)}" for k, v in extra.items()))
        changes.update(extra)
    if not changes:
        st.info("No change yet: the forecast above stands.")
        return
    st.button("Reset the what-if", key=f"wi_reset_{iso3}_{year}", on_click=reset_what_if)
    result = c.or_stop(c.what_if, key, iso3, year, tuple(sorted(changes.items())), model)
    new_probs = result.probabilities
    frame = pd.concat([c.probabilities_frame(probs, "now"), c.probabilities_frame(new_probs, "what-if")])
    a, b = st.columns([1, 2])
    a.metric("What-if forecast", result.predicted_status,
             f"{new_probs[predicted] - probs[predicted]:+.1%} for {predicted}", delta_color="inverse")
    a.markdown("\n".join(f"- {label_of.get(k, k)}: **{c.format_value(v)}**" for k, v in changes.items()))
    with b:
        c.show_probabilities(frame)
    toward = max(result.base_value, key=lambda m: ex.move_probabilities[m]) if result.base_value else None
    before = {r["feature"]: r["contribution"] for r in ex.contributions if r["move"] == toward}
    after = {r["feature"]: r["contribution"] for r in result.contributions if r["move"] == toward}
    moved = [{"feature": label_of.get(f, f), "contribution now": before.get(f), "contribution what-if": after.get(f)}
             for f in changes if f in before or f in after]
    if moved:
        st.caption(f"How the changed features' contributions toward moving {toward} change:")
        st.dataframe(pd.DataFrame(moved), hide_index=True, key=f"wi_contrib_{iso3}_{year}",
                     column_config={k: st.column_config.NumberColumn(format="%+.3f")
                                    for k in ["contribution now", "contribution what-if"]})
    st.dataframe(pd.DataFrame([{"tier": t, "now": probs[t], "what-if": new_probs[t],
                                "change": new_probs[t] - probs[t]} for t in c.TIERS]),
                 hide_index=True, key=f"wi_table_{iso3}_{year}",
                 column_config={k: st.column_config.NumberColumn(format="%.3f") for k in ["now", "what-if", "change"]})


what_if_panel()

# ---------------------------------------------------------------- counterfactual
st.subheader("What would move it one tier down")
cf = ex.counterfactual
if predicted == "none":
    st.info("The forecast is already 'not listed'.")
elif not cf:
    st.info("No set of realistic changes (join WCT/WPPT, grant customs ex officio authority, raise convictions, "
            "lower piracy) moves this forecast one tier down.")
else:
    changes = cf["changes"]
    st.markdown(f"The smallest set of realistic changes that moves the forecast to "
                f"**{c.tier_label(cf['new_status'])}**:\n"
                + "\n".join(f"- {a}" for a in cf["actions"]))
    table = pd.DataFrame(changes)
    for col in ("from", "to"):
        table[col] = table[col].map(c.format_value)
    st.dataframe(table[["description", "label", "feature", "from", "to"]],
                 hide_index=True, width="stretch", key=f"cf_table_{iso3}_{year}")
    c.show_probabilities(pd.concat([c.probabilities_frame(probs, "now"),
                                    c.probabilities_frame(cf["probabilities"], "counterfactual")]))
    kinds = {f["name"]: f["kind"] for f in editable_features(model)}
    if changes:
        st.button("Try these changes in the what-if", key=f"cf_apply_{iso3}_{year}", on_click=apply_counterfactual,
                  args=(changes, kinds), help="sets the what-if above to these values")


# ---------------------------------------------------------------- delta brief
st.subheader("What changed in the reports since last year")
brief = c.brief(iso3, year)
if brief is None:
    st.info(f"No report of {names.get(iso3, iso3)} for the {year} review has extracted facts.")
else:
    since = (f"against the {brief.previous_year} review ({brief.previous_documents} document(s))"
             if brief.previous_year else "(no earlier review with reports: every fact is new)")
    st.caption(f"The facts of the {brief.year} review's {brief.documents} document(s) {since}, "
               "fact by fact (`s301 brief` gives the same).")
    changed = pd.DataFrame([vars(ch) for ch in brief.changes])
    moved_facts = changed[changed["change"] != "same"] if len(changed) else changed
    if moved_facts.empty:
        st.info("Nothing changed between the two reviews' facts.")
    else:
        st.dataframe(moved_facts[["change", "subject", "before", "after", "sentence_after", "sentence_before",
                                  "doc_after", "doc_before"]],
                     hide_index=True, width="stretch", key=f"brief_{iso3}_{year}",
                     column_config={"sentence_after": st.column_config.TextColumn("sentence now", width="large"),
                                    "sentence_before": st.column_config.TextColumn("sentence before", width="large")})
