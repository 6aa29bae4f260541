"""Explore tradeoffs: quality vs cost with the Pareto frontier; passing models; why the rest failed."""

import streamlit as st

from tradeoffs.charts import SELECTION
from tradeoffs.constraints_text import context_line
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.compare_view import render_compare_button
from tradeoffs.ui.components import render_exclusions, render_model_table, render_unplottable
from tradeoffs.ui.explore_view import load_exclusions, load_explore
from tradeoffs.ui.exports_view import render_export_buttons
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.sidebar import render_no_results
from tradeoffs.ui.state import current_view, set_shortlist, widget_key
from tradeoffs.ui.trends_view import render_price_history_button

view = current_view()
c = view.constraints
ex = load_explore(c, view.assumptions)  # computed once per view, shared by every session on it
bench_name = loaders.benchmark_name(c.benchmark)
render_page_head(
    "Quality against cost: which models are worth their price?",
    ex.answer_md,
    context_line(c, bench_name, ex.passing_count, ex.total, loaders.load_data_info().as_of),
)

st.segmented_control(
    "Cost axis",
    ["list", "monthly"],
    key=widget_key("cost_view"),
    required=True,
    persist_state="session",  # a page's own widget would otherwise reset when another page is shown
    # Self-hosted models have no list price: under on-prem and private cloud the points are their costs.
    format_func={
        "list": "List price per 1M tokens" if c.deployment == "any" else "$ per 1M tokens",
        "monthly": "$ per month at your volume",
    }.get,
)
if ex.points.empty:
    render_no_results(
        "No model passing your constraints has both a score and a price. Loosen a constraint in the sidebar."
    )
else:
    event = st.vega_lite_chart(
        ex.chart.data,
        ex.chart.spec(),
        width="stretch",
        on_select="rerun",
        selection_mode=SELECTION,
        key=f"tradeoff_{c.cost_view}",
    )
    picked = [p["model_id"] for p in (event.selection.get(SELECTION) or [])] if event else []
    if picked and not set(picked) <= set(c.shortlist):
        set_shortlist([*c.shortlist, *picked])
        st.rerun()
    st.caption(
        f"{len(ex.points)} models plotted. Dashed line: the Pareto frontier — no other model is both cheaper "
        f"and better. On it, cheapest first (numbered on the chart where a name does not fit): "
        f"{md_escape(ex.key_text)}. Click a point to add it to the shortlist."
    )

render_section(f"{ex.passing_count:,} models pass")
if len(ex.passing_ids) < ex.passing_count:
    st.caption(f"Showing the {len(ex.passing_ids):,} best-scoring; tighten a constraint to see the others.")
render_unplottable(ex.unplottable)
chosen = render_model_table(ex.passing, key="passing_table", selectable=True, ids=ex.passing_ids)
if st.button(f"Add {len(chosen)} selected to shortlist", disabled=not chosen):
    set_shortlist([*c.shortlist, *chosen])
    st.rerun()
render_export_buttons(view, "passing")
render_compare_button(
    (f"Compare the {len(chosen)} selected", chosen),
    ("Compare the shortlist", c.shortlist),
    ("Compare the top 3", ex.passing_ids[:3]),
    key="compare_from_explore",
)
render_price_history_button([*chosen, *ex.passing_ids[:1]], key="price_history_from_explore")
render_exclusions(ex.excluded, lambda: load_exclusions(c, view.assumptions))
