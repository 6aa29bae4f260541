"""Decide: a weighted scorecard over the decision factors, with reasons and sensitivity."""

import streamlit as st

from tradeoffs import scoring
from tradeoffs.reasons import flip_text
from tradeoffs.scorecard import MISSING
from tradeoffs.ui import decide_panel as panel
from tradeoffs.ui import loaders
from tradeoffs.ui.sidebar import render_no_results
from tradeoffs.ui.state import current_view, set_shortlist

TABLE_ROWS = 100
CHART_MODELS = 10

view = current_view()
c, card = view.constraints, view.scorecard
catalog = loaders.load_catalog()
bench_name = loaders.benchmark_name(c.benchmark)
# Factor scores of the models passing the constraints (cached: moving a weight does not recompute them).
scores, facts = panel.load_factor_scores(c, view.assumptions, bench_name, loaders.load_data_info().as_of)

st.subheader("Which model is best for us?")
st.caption(
    f"The constraints say what is allowed ({len(scores)} models pass); the weights below say what "
    "matters most. Each model gets a score from 0 to 1 per factor; the ranking is their weighted "
    "average."
)
with st.container(border=True):
    panel.render_scorecard_controls(card)
if scores.empty:
    render_no_results("No model passes your constraints: loosen one in the sidebar.")
    st.stop()

decision = scoring.decide(scores, facts, card, rows=TABLE_ROWS)
names = catalog["name"]
st.subheader(f"Ranking · {card.describe()}")
panel.render_summary(decision, names, flip_text(decision.flip, decision.ranked, names, card.missing))

table = panel.ranked_table(decision, catalog, card, TABLE_ROWS)
picked = panel.render_ranked_table(table)
shown = f"the top {TABLE_ROWS} of {len(scores)}" if len(scores) > TABLE_ROWS else f"all {len(scores)}"
st.caption(
    f"Showing {shown} models. Bars are factor scores (0–1); an empty bar is unknown data, counted as "
    f"{MISSING[card.missing]:g} ({card.missing}). Select rows to add them to the shortlist."
)
if st.button(f"Add {len(picked)} selected to shortlist", disabled=not picked):
    set_shortlist([*c.shortlist, *picked])
    st.rerun()

panel.render_charts(decision, card, catalog, CHART_MODELS)
panel.render_factor_formulas()
