"""Decide: the answer first (which model ranks first, how robust that is, what it rests on), then the
ranking, the weights to adjust, the table and the charts."""

import streamlit as st

from tradeoffs import scoring
from tradeoffs.constraints_text import context_line
from tradeoffs.reasons import answer_text, flip_text
from tradeoffs.scorecard import MISSING
from tradeoffs.ui import decide_panel as panel
from tradeoffs.ui import loaders
from tradeoffs.ui.frame import render_page_head
from tradeoffs.ui.sidebar import render_no_results
from tradeoffs.ui.state import current_view, set_shortlist

TITLE = "Which model is best for us?"
TABLE_ROWS = 100
CHART_MODELS = 10

view = current_view()
c, card = view.constraints, view.scorecard
catalog, as_of = loaders.load_catalog(), loaders.load_data_info().as_of
bench_name = loaders.benchmark_name(c.benchmark)
names = catalog["name"]
# Shown at the top while the factor scores (cached per constraints) and the ranking are computed.
with st.spinner("Updating the ranking…"):
    scores, facts = panel.load_factor_scores(c, view.assumptions, bench_name, as_of)
    decision = None if scores.empty else scoring.decide(scores, facts, card, rows=TABLE_ROWS)

if decision is None:
    answer = answer_text(scores.iloc[:0], 0.0, None, names, card.missing)
else:
    first_share = decision.stability.loc[decision.ranked.index[0], "first_share"]
    answer = answer_text(decision.ranked, first_share, decision.first_if_other_missing, names, card.missing)
render_page_head(TITLE, answer, context_line(c, bench_name, len(scores), len(catalog), as_of))
panel.render_preset_row(card)
if decision is None:
    render_no_results("No model passes your constraints: loosen one in the sidebar.")
    panel.render_weight_controls(card)
    st.stop()

st.subheader(f"Ranking · {card.describe()}", anchor=False)
panel.render_summary(decision, catalog, flip_text(decision.flip, decision.ranked, names, card.missing))
panel.render_weight_controls(card)

table = panel.ranked_table(decision, catalog, card, TABLE_ROWS)
picked = panel.render_ranked_table(table)
shown = f"the top {TABLE_ROWS} of {len(scores)}" if len(scores) > TABLE_ROWS else f"all {len(scores)}"
st.caption(
    f"Showing {shown} models. Bars are factor scores (0–1); “unknown” marks a factor without data, "
    f"counted as {MISSING[card.missing]:g} ({card.missing}). “Unknown factors” counts, of the 9 factors, "
    "those without data and names them. Select rows to add them to the shortlist."
)
if st.button(f"Add {len(picked)} selected to shortlist", disabled=not picked):
    set_shortlist([*c.shortlist, *picked])
    st.rerun()

panel.render_charts(decision, card, catalog, CHART_MODELS)
panel.render_factor_formulas()
