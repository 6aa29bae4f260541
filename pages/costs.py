"""Costs: API versus self-hosting total cost of ownership as volume grows, the breakeven, the assumptions."""

import streamlit as st

from tradeoffs.constraints import format_count
from tradeoffs.constraints_text import context_line
from tradeoffs.costs import options as cv
from tradeoffs.text import fmt_usd, md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.cost_panel import (
    render_assumptions,
    render_model_pickers,
    render_price_choices,
    render_way_forward,
)
from tradeoffs.ui.cost_tables import (
    render_assumption_sources,
    render_breakdown,
    render_breakeven_table,
    render_sizing,
)
from tradeoffs.ui.cost_view import load_cost_result, load_cost_setup, load_price_choices, load_price_hosts
from tradeoffs.ui.frame import render_page_head
from tradeoffs.ui.state import current_view, set_shortlist

TITLE = "API or self-hosting: what does it cost?"

view = current_view()
c, a = view.constraints, view.assumptions
setup = load_cost_setup(c, a)  # options and defaults, once per view for every session
bench_name = loaders.benchmark_name(c.benchmark)
volume = f"{format_count(c.volume_tokens)} tokens/month"

head = st.container()  # the answer, written once the costs are known
context = context_line(c, bench_name, setup.passing, setup.total, loaders.load_data_info().as_of)
st.caption(
    f"Picked by default: the shortlist, else the best open model your team can run as assumed and the best "
    f"closed API that pass your constraints on {md_escape(bench_name)} (the API kept as a reference when "
    "your constraints exclude APIs)."
)
open_ids, api_ids = render_model_pickers(setup, view.compare)
if c.deployment in cv.DEPLOYMENT_NOTES:
    st.caption(cv.DEPLOYMENT_NOTES[c.deployment].format(region=c.region))
choices = render_price_choices(
    load_price_choices(c, a, api_ids), setup.labels, view.prices, load_price_hosts(c, a, api_ids)
)
if not set(open_ids + api_ids) <= set(c.shortlist) and st.button("Add these models to the shortlist"):
    set_shortlist([*c.shortlist, *open_ids, *api_ids])
    st.rerun()

main, panel = st.columns([5, 2], gap="large")
with panel:
    st.subheader("Assumptions")
    render_assumptions(setup.gpu_table, setup.hw)
if not open_ids and not api_ids:
    with head:
        render_page_head(TITLE, "Pick a model to see its cost.", context)
    main.info("Pick at least one open model or API option above.")
    st.stop()

with head, st.spinner("Updating the costs…"):
    result = load_cost_result(c, a, open_ids, api_ids, choices)
with head:
    render_page_head(TITLE, result.answer_md, context)
with main:
    with st.container(horizontal=True, wrap=True):  # wraps instead of cutting a value
        for label, usd in result.monthly:
            st.metric(md_escape(label), f"{fmt_usd(usd)}/month", border=True, help=f"At {volume}", width=280)
    for note in result.licence_notes:
        st.caption(md_escape(note))
    for row in result.breakevens.itertuples():
        st.markdown(f"{row.headline}: {row.text}")
    for name, reasons, fix in result.infeasible:
        render_way_forward(name, reasons, fix)
    st.vega_lite_chart(result.chart.data, result.chart.spec(), width="stretch")
    key = result.chart_key
    st.caption(
        "Solid: self-hosting, a staircase because GPUs come in whole replicas, on a floor of fixed "
        "people cost. Dashed: an API, a straight line because you pay per token. Teal = open weights, "
        f"orange = closed. ◆ = breakeven{f': {md_escape(key)}' if key else ''}. Hover a line for its cost."
    )

render_breakdown(result.breakdown, volume)
render_sizing(result.sizing)
render_breakeven_table(result.breakeven_table)
render_assumption_sources(result.assumptions)
