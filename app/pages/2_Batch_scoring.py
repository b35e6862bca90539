"""Batch scoring: upload country reports, score each, download the table; bad files are error rows."""
import pandas as pd
import streamlit as st

import common as c

c.page_setup("Batch scoring", "📥")
st.title("Score reports")
st.markdown(
    f"Upload embassy cables, USTR chapters, industry submissions or TRIPS checklists "
    f"({', '.join(c.UPLOAD_TYPES)}; at most {c.MAX_UPLOAD_MB} MB each). Each report is read, its country and "
    "review year detected, its facts extracted and the model's forecast computed for that country and year "
    "(with the warehouse's reference data). Nothing is stored: the warehouse stays as it is. A file that cannot "
    "be read becomes a row with its error. The same runs from the shell: `s301 score PATH... --out scores.csv`."
)
c.require_warehouse()
model = c.require_model()

uploads = st.file_uploader("Reports", type=c.UPLOAD_TYPES, accept_multiple_files=True,
                           max_upload_size=c.MAX_UPLOAD_MB, key="uploads")
if not uploads:
    st.info("Drop one or more reports above.")
    st.stop()

batch_id = (c.model_key(), tuple((f.file_id, f.name, f.size) for f in uploads))
if st.session_state.get("scored_id") != batch_id:
    bar = st.progress(0.0, text=f"Scoring {len(uploads)} report(s) ...")

    def progress(done=None, total=None, *rest):
        if isinstance(done, (int, float)) and total:
            bar.progress(min(1.0, float(done) / float(total)), text=f"Scored {int(done)} of {int(total)}")

    result = c.score_uploads([(f.name, f.getvalue()) for f in uploads], model, progress=progress)
    bar.progress(1.0, text=f"Scored {len(result)} report(s)")
    st.session_state["scored_id"] = batch_id
    st.session_state["scored"] = result
result: pd.DataFrame = st.session_state["scored"]

errors = result["error"].notna() & (result["error"].astype(str) != "")
m1, m2, m3 = st.columns(3)
m1.metric("Reports", len(result))
m2.metric("Scored", int((~errors).sum()))
m3.metric("Errors", int(errors.sum()))
prob = {col: st.column_config.ProgressColumn(tier, format="percent", min_value=0.0, max_value=1.0)
        for tier, col in c.PROB_COLUMNS.items()}
st.dataframe(result, hide_index=True, width="stretch", key="scores",
             column_config={"top_reasons": st.column_config.TextColumn("top reasons", width="large"),
                            "error": st.column_config.TextColumn("error", width="large"), **prob})
if errors.any():
    st.warning("Some files could not be scored; their rows say why:\n\n"
               + "\n".join(f"- {c.md(e)}" for e in result.loc[errors, "error"]))   # names and errors: escaped
c.download_csv(result, "s301_scores.csv", "Download the scores (CSV)", key="scores_dl")
