"""Data: browse what the warehouse holds — reports, extracted facts, and reference tables with their sources."""
import pandas as pd
import streamlit as st

import common as c

c.page_setup("Data", "🗄️")
st.title("The warehouse")
counts = c.require_warehouse()
st.caption(f"{c.md(c.db_path())}, opened read-only. Every reference row names its source.")

countries = c.query("countries")
names = dict(zip(countries["iso3"], countries["name"]))
ALL = "all"
codes = [ALL] + list(countries["iso3"])
wanted = str(st.query_params.get("country", "")).upper()
pick = st.selectbox("Country", codes, index=codes.index(wanted) if wanted in names else 0, key="data_country",
                    format_func=lambda code: "All countries" if code == ALL else c.country_label(code, names))
country = None if pick == ALL else pick

tabs = st.tabs([f"Documents ({int(counts['documents'])})", f"Evidence ({int(counts['evidence'])})",
                f"Listings ({int(counts['listings'])})", f"Treaties ({int(counts['treaties'])})",
                f"Piracy rates ({int(counts['piracy_rates'])})", f"WTO ({int(counts['wto_members'])})",
                "Embassy recommendations", f"Countries ({int(counts['countries'])})"])

with tabs[0]:
    docs = c.query("documents", country=country)
    if docs.empty:
        st.info("No reports ingested" + (f" for {c.md(names.get(country, country))}" if country else "")
                + ". Ingest some with `s301 ingest warehouse/samples` (or your own folder).")
    else:
        st.dataframe(docs, hide_index=True, width="stretch", key="docs_table")
        def text(v, missing="?"):
            if isinstance(v, str):
                return v
            if v is None or pd.isna(v):
                return missing
            return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)

        labels = {r.doc_id: f"{text(r.review_year)} · {r.kind} · {text(r.country_iso3)} · "
                            f"{text(r.title, text(r.path))[:80]}" for r in docs.itertuples()}
        doc_id = st.selectbox("Read a document", list(labels), format_func=labels.get, key="docs_pick")
        with st.expander("Document text", expanded=False):
            c.show_document(doc_id)

with tabs[1]:
    features = c.query("evidence_features")
    feature = st.selectbox("Feature", [ALL] + list(features["feature"]), key="ev_feature",
                           format_func=lambda f: "All features" if f == ALL else f)
    feature = None if feature == ALL else feature
    ev = c.query("evidence", country=country, feature=feature)
    if ev.empty:
        st.info("No extracted facts" + (f" for {c.md(names.get(country, country))}" if country else "") + ".")
    else:
        st.dataframe(ev.drop(columns=["char_start", "char_end"]), hide_index=True, width="stretch", key="ev_table")
        st.caption(f"{len(ev):,} facts. Recommended and listed statuses are labels, never model features.")
        PICK_MAX = 2000
        if len(ev) > PICK_MAX:
            st.caption(f"The picker below lists the first {PICK_MAX:,}; choose a country or feature to narrow it.")
        pick = st.selectbox("Open a fact in its document", range(min(len(ev), PICK_MAX)), key="ev_pick",
                            format_func=lambda i: f"{ev.iloc[i]['feature']}: {str(ev.iloc[i]['sentence'])[:100]}…")
        with st.expander("Document with the sentence highlighted", expanded=False):
            row = ev.iloc[pick]
            c.show_document(row["doc_id"], int(row["char_start"]), int(row["char_end"]))

for tab, name, note in [
        (tabs[2], "listings", "USTR placements (PFC, PWL, WL; OO = other observations; 306 = Section 306 monitoring)."),
        (tabs[3], "treaties", "WIPO-administered treaty events."),
        (tabs[4], "piracy_rates", "Piracy rates (percent) by measured year and sector."),
        (tabs[5], "wto_members", "WTO accession dates."),
        (tabs[6], "embassy_recommendations", "Embassy recommendations from the reference table (cables add more "
                                             "through extraction)."),
]:
    with tab:
        frame = c.query(name, country=country)
        st.caption(note)
        st.dataframe(frame, hide_index=True, width="stretch", key=f"{name}_table",
                     column_config={"source": st.column_config.TextColumn("source", width="large")})
        c.download_csv(frame, f"s301_{name}{'_' + country if country else ''}.csv", key=f"{name}_dl")

with tabs[7]:
    st.dataframe(countries, hide_index=True, width="stretch", key="countries_table")
