"""Feature importance: permutation importance on the backtest, and the model's own importance per move."""
import altair as alt
import pandas as pd
import streamlit as st

import common as c

c.page_setup("Feature importance", "📊")
st.title("What the model relies on")
c.require_warehouse()
model = c.require_model()
imp = c.require_artifact("importance")

top = st.slider("Features shown", 5, max(5, len(model.feature_names)), min(20, len(model.feature_names)),
                key="imp_top")
tab_perm, tab_tier, tab_coef = st.tabs(["Permutation (backtest)", "Per move (model's own)", "Coefficients"])

with tab_perm:
    perm = pd.DataFrame(imp.get("permutation") or [])
    if perm.empty:
        st.info("No permutation importance was computed for this model.")
    else:
        note = imp.get("permutation_note") or "permutation importance"
        st.caption(f"{c.md(note[:1].upper() + note[1:])}. A feature whose shuffling does not "
                   "raise the log-loss adds nothing the others do not already carry.")
        data = perm.sort_values("log_loss_increase", ascending=False).head(top)
        data["lo"] = data["log_loss_increase"] - data["log_loss_increase_std"]
        data["hi"] = data["log_loss_increase"] + data["log_loss_increase_std"]
        y = alt.Y("label:N", sort=alt.EncodingSortField("log_loss_increase", order="descending"), title=None,
                  axis=alt.Axis(labelLimit=380))
        bars = alt.Chart(data).mark_bar(color="#2b7bba").encode(
            y=y, x=alt.X("log_loss_increase:Q", title="increase of the backtest log-loss when shuffled"),
            tooltip=["feature", "label", alt.Tooltip("log_loss_increase:Q", format=".4f"),
                     alt.Tooltip("log_loss_increase_std:Q", format=".4f"),
                     alt.Tooltip("accuracy_drop:Q", format=".3f")])
        errs = alt.Chart(data).mark_rule(color="#333").encode(y=y, x="lo:Q", x2="hi:Q")
        st.altair_chart((bars + errs).properties(height=alt.Step(22)), width="stretch")
        st.dataframe(perm, hide_index=True, width="stretch", key="perm_table")

with tab_tier:
    own = imp.get("model") or {}
    rows = own.get("features") or []
    if not rows:
        st.info("The model reports no importance of its own.")
    else:
        st.caption(f"The model's own importance: {c.md(own.get('kind', ''))}, toward moving up and toward moving "
                   "down (each against staying).")
        long = pd.DataFrame([{"feature": r["feature"], "label": r["label"], "move": mv, "importance": v,
                              "overall": r["importance"]}
                             for r in rows[:top] for mv, v in (r.get("per_move") or {}).items()])
        chart = alt.Chart(long).mark_bar().encode(
            y=alt.Y("label:N", sort=alt.EncodingSortField("overall", order="descending"), title=None,
                    axis=alt.Axis(labelLimit=380)),
            x=alt.X("importance:Q", title="mean |contribution|"),
            color=alt.Color("move:N", scale=alt.Scale(domain=["up", "down"], range=["#c0262d", "#4c9a2a"])),
            yOffset=alt.YOffset("move:N", sort=["up", "down"]),
            tooltip=["label", "move", alt.Tooltip("importance:Q", format=".4f")])
        st.altair_chart(chart.properties(height=alt.Step(30)), width="stretch")
        wide = pd.DataFrame([{"feature": r["feature"], "label": r["label"], "overall": r["importance"],
                              **(r.get("per_move") or {})} for r in rows])
        st.dataframe(wide, hide_index=True, width="stretch", key="tier_table")

with tab_coef:
    coefs = pd.DataFrame((imp.get("model") or {}).get("coefficients") or [])
    if coefs.empty:
        st.info(f"The {c.md(imp.get('learner', model.learner))} model has no coefficients to show "
                "(only the glass-box logistic regression has them).")
    else:
        st.caption("Coefficients of the logistic regression of the move (down / stay / up) on the standardised "
                   "(and imputed) columns.")
        st.dataframe(coefs, hide_index=True, width="stretch", key="coef_table")
