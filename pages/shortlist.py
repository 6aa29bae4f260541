"""Shortlist: the picked models with their key numbers, a note each, and the share link."""

import streamlit as st

from tradeoffs import answers, insights
from tradeoffs.constraints_text import context_line
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.components import MODEL_TABLE_COLUMNS, render_models, share_link
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.state import NOTES_KEY, current_view, set_shortlist

view = current_view()
c = view.constraints
result = loaders.load_evaluated(c, view.assumptions)
evaluated, costs = result.models, result.costs

context = context_line(
    c, result.benchmark_name, int(evaluated["passes"].sum()), len(evaluated), loaders.load_data_info().as_of
)
if not c.shortlist:
    render_page_head(
        "Shortlist", "Nothing shortlisted yet: pick models on Explore, Decide or Costs.", context
    )
    st.info("Click a point on the Explore chart, or select rows in a table there or on Decide.")
    st.stop()

picked = insights.with_costs(evaluated.loc[list(c.shortlist)], costs, c.benchmark)
render_page_head("Shortlist", answers.shortlist_sentence(picked), context)
picked = picked.assign(
    status_text=picked["reasons"].map(lambda r: "passes" if not r else "fails: " + "; ".join(r))
)
render_models(
    picked,
    MODEL_TABLE_COLUMNS,
    key="shortlist_table",
)

notes = dict(st.session_state.get(NOTES_KEY, {}))
for model_id, row in picked.iterrows():
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    notes[model_id] = left.text_input(
        md_escape(f"Note on {row['name']} — {row['status_text']}"),
        value=notes.get(model_id, ""),
        max_chars=300,
        key=f"note_{model_id}",
    )
    if right.button("Remove", key=f"remove_{model_id}"):
        set_shortlist([m for m in c.shortlist if m != model_id])
        notes.pop(model_id, None)
        st.session_state[NOTES_KEY] = notes
        st.rerun()
if notes != st.session_state.get(NOTES_KEY, {}):
    st.session_state[NOTES_KEY] = notes
    st.rerun()  # so the share link and the address bar carry the new note

render_section("Share this view")
st.code(share_link(view, loaders.load_data_info()), language=None, wrap_lines=True)
st.caption(
    "The link holds every constraint, the shortlist and the notes, and the data version it was made on."
)
