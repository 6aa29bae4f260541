"""Explore tradeoffs: quality vs cost with the Pareto frontier; passing models; why the rest failed."""

import streamlit as st

from tradeoffs import answers, insights
from tradeoffs.charts import SELECTION, build_tradeoff_chart, frontier_key
from tradeoffs.constraints_text import context_line
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.components import render_exclusions, render_models, render_unplottable
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.sidebar import render_no_results
from tradeoffs.ui.state import current_view, set_shortlist, widget_key

view = current_view()
c = view.constraints
result = loaders.load_evaluated(c, view.assumptions)
evaluated, costs, bench_name = result.models, result.costs, result.benchmark_name

points, unplottable = insights.tradeoff_points(evaluated, costs, c)
_, x_title, _ = insights.cost_axis(c)
passing = insights.with_costs(evaluated[evaluated["passes"]], costs, c.benchmark)
frontier = points[points["on_frontier"]].sort_values("cost") if len(points) else points
render_page_head(
    "Quality against cost: which models are worth their price?",
    answers.frontier_sentence(frontier, c.cost_view == "monthly", len(points)),
    context_line(c, bench_name, len(passing), len(evaluated), loaders.load_data_info().as_of),
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
if points.empty:
    render_no_results(
        "No model passing your constraints has both a score and a price. Loosen a constraint in the sidebar."
    )
else:
    spec = build_tradeoff_chart(points, x_title=x_title, y_title=bench_name)
    event = st.vega_lite_chart(
        spec, width="stretch", on_select="rerun", selection_mode=SELECTION, key=f"tradeoff_{c.cost_view}"
    )
    picked = [p["model_id"] for p in (event.selection.get(SELECTION) or [])] if event else []
    if picked and not set(picked) <= set(c.shortlist):
        set_shortlist([*c.shortlist, *picked])
        st.rerun()
    st.caption(
        f"{len(points)} models plotted. Dashed line: the Pareto frontier — no other model is both cheaper "
        f"and better. On it, cheapest first (numbered on the chart where a name does not fit): "
        f"{md_escape(frontier_key(points))}. Click a point to add it to the shortlist."
    )

render_section(f"{len(passing)} models pass")
render_unplottable(unplottable)
columns = [  # the decision's numbers first, so a projector shows them without scrolling sideways
    "name",
    "score",
    "score_note",
    "blended_usd_per_mtok",
    "monthly_usd",
    "license_name",
    "licence_note",
    "access",
    "cost_basis",
    "cost_note",
    "context_tokens",
    "params_total_b",
    "n_hosts",
    "organization",
    "release_date",
    "url",
    *(["unknown"] if c.keep_unknown else []),
]
chosen = render_models(
    passing.sort_values("score", ascending=False), columns, key="passing_table", selectable=True
)
if st.button(f"Add {len(chosen)} selected to shortlist", disabled=not chosen):
    set_shortlist([*c.shortlist, *chosen])
    st.rerun()
render_exclusions(evaluated)
