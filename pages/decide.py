"""Decide: the answer first (which model ranks first, how robust that is, what it rests on), then the
ranking, the weights to adjust, the table and the charts."""

import streamlit as st

from tradeoffs.constraints_text import context_line
from tradeoffs.factors import FACTORS
from tradeoffs.scorecard import MISSING
from tradeoffs.ui import decide_panel as panel
from tradeoffs.ui import loaders
from tradeoffs.ui.compare_view import render_compare_button
from tradeoffs.ui.decide_view import TABLE_ROWS, load_decide
from tradeoffs.ui.frame import render_page_head
from tradeoffs.ui.sidebar import render_no_results
from tradeoffs.ui.state import current_view, set_shortlist

TITLE = "Which model is best for us?"

view = current_view()
c, card = view.constraints, view.scorecard
bench_name = loaders.benchmark_name(c.benchmark)
# Shown at the top while the ranking is computed (once per view and scorecard, shared by every session).
with st.spinner("Updating the ranking…"):
    dv = load_decide(c, view.assumptions, card)
info = loaders.load_data_info()
render_page_head(
    TITLE, dv.answer_md, context_line(c, bench_name, dv.passing, len(loaders.load_catalog()), info.as_of)
)
panel.render_preset_row(card)
if dv.decision is None:
    render_no_results("No model passes your constraints: loosen one in the sidebar.")
    panel.render_weight_controls(card)
    st.stop()

st.subheader(f"Ranking · {card.describe()}", anchor=False)
panel.render_summary(dv.decision, dv.summary_md, dv.flip_md)
panel.render_weight_controls(card)

picked = panel.render_ranked_table(dv.table, dv.table_ids)
shown = f"the top {TABLE_ROWS} of {dv.passing}" if dv.passing > TABLE_ROWS else f"all {dv.passing}"
st.caption(
    f"Showing {shown} models. Bars are factor scores (0–1); “unknown” marks a factor without data, "
    f"counted as {MISSING[card.missing]:g} ({card.missing}). “Unknown factors” counts, of the "
    f"{len(FACTORS)} factors, those without data and names them. Select rows to add them to the shortlist."
)
if st.button(f"Add {len(picked)} selected to shortlist", disabled=not picked):
    set_shortlist([*c.shortlist, *picked])
    st.rerun()
render_compare_button(
    (f"Compare the {len(picked)} selected", picked),
    ("Compare the top 3", dv.table_ids[:3]),
    key="compare_from_decide",
)

panel.render_charts(dv.decision, dv.heatmap, dv.stability, dv.charted, card)
panel.render_factor_formulas()
