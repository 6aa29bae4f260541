"""Costs: API versus self-hosting total cost of ownership as volume grows, the breakeven, the assumptions."""

import pandas as pd
import streamlit as st

from tradeoffs import answers, insights
from tradeoffs.catalog import score_column
from tradeoffs.constraints import format_count
from tradeoffs.constraints_text import context_line
from tradeoffs.costs import feasibility, hardware
from tradeoffs.costs import options as cv
from tradeoffs.costs import tables as ct
from tradeoffs.costs.breakeven_marks import breakeven_key
from tradeoffs.costs.charts import build_cost_chart
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
from tradeoffs.ui.frame import render_page_head
from tradeoffs.ui.state import current_view, set_shortlist

view = current_view()
c, a = view.constraints, view.assumptions
catalog, gpus = loaders.load_catalog(), loaders.load_reference("gpus")
offerings = cv.api_offerings(loaders.load_offerings(c.include_resellers), c.deployment)
sources = loaders.load_reference("sources").set_index("source")["name"].to_dict()
result = loaders.load_evaluated(c, a)
evaluated, bench_name = result.models, result.benchmark_name
hw = hardware.hardware(gpus, a)
hostable, priced = cv.self_hostable(catalog), cv.api_priced(catalog, offerings)
labels = cv.model_labels(catalog, hostable.union(priced))
volume = f"{format_count(c.volume_tokens)} tokens/month"

head = st.container()  # the answer, written once the costs are known
context = context_line(
    c, bench_name, int(evaluated["passes"].sum()), len(evaluated), loaders.load_data_info().as_of
)
st.caption(
    f"Picked by default: the shortlist, else the best open model your team can run as assumed and the best "
    f"closed API that pass your constraints on {md_escape(bench_name)} (the API kept as a reference when "
    "your constraints exclude APIs)."
)
feasible = cv.can_self_host(catalog, hw, a, c.volume_tokens, c.input_share)
defaults = cv.default_picks(evaluated, offerings, c.shortlist, c.benchmark, feasible)
open_ids, api_ids = render_model_pickers(labels, hostable, priced, defaults, view.compare)
if c.deployment in cv.DEPLOYMENT_NOTES:
    st.caption(cv.DEPLOYMENT_NOTES[c.deployment])
price_rows = {m: cv.priced_offerings(offerings, m, c.input_share, a.cached_input_share) for m in api_ids}
choices = render_price_choices(price_rows, labels, view.prices)
if not set(open_ids + api_ids) <= set(c.shortlist) and st.button("Add these models to the shortlist"):
    set_shortlist([*c.shortlist, *open_ids, *api_ids])
    st.rerun()

main, panel = st.columns([5, 2], gap="large")
with panel:
    st.subheader("Assumptions")
    render_assumptions(hardware.gpu_table(gpus), hw)
if not open_ids and not api_ids:
    with head:
        render_page_head("API or self-hosting: what does it cost?", "Pick a model to see its cost.", context)
    main.info("Pick at least one open model or API option above.")
    st.stop()

with head, st.spinner("Updating the costs…"):
    apis = [
        o
        for m in api_ids
        if (o := cv.api_option(catalog, offerings, m, choices[m], c.input_share, a.cached_input_share))
    ]
    opens = cv.open_options(catalog, open_ids)
    estimates = {o.model_id: cv.estimate(o, hw, a, c.volume_tokens, c.input_share) for o in opens}
    top = cv.max_tokens_for(c.volume_tokens)
    breakevens = cv.breakevens(opens, apis, hw, a, c.input_share, top)
    scores = catalog.get(score_column(c.benchmark), pd.Series(dtype=float)).fillna(0.0)
    better_first = sorted(opens, key=lambda o: -scores.get(o.model_id, 0.0))  # equal costs: better first
    self_hosted = [(o.label, estimates[o.model_id].total_usd_per_month) for o in better_first]
    api_costs = [(api.label, cv.api_usd_per_month(api, c.volume_tokens)) for api in apis]
    monthly = self_hosted + api_costs
with head:
    render_page_head(
        "API or self-hosting: what does it cost?",
        answers.cost_sentence(
            volume, self_hosted, api_costs, breakevens, apis_for_reference=c.deployment == "on-prem"
        ),
        context_line(
            c, bench_name, int(evaluated["passes"].sum()), len(evaluated), loaders.load_data_info().as_of
        ),
    )
with main:
    with st.container(horizontal=True, wrap=True):  # wraps instead of cutting a value
        for label, usd in monthly:
            st.metric(md_escape(label), f"{fmt_usd(usd)}/month", border=True, help=f"At {volume}", width=280)
    for model_id, note in insights.licence_notes(catalog.loc[open_ids]).items():
        if note:
            st.caption(md_escape(f"{catalog.at[model_id, 'name']} — licence conditions: {note}"))
    for row in breakevens.itertuples():
        st.markdown(f"{row.headline}: {row.text}")
    for o in opens:
        if not estimates[o.model_id].feasible:
            fix = feasibility.way_forward(o.row, gpus, a, c.volume_tokens, c.input_share)
            render_way_forward(o.name, estimates[o.model_id].reasons, fix)
    curves = cv.curves(opens, apis, hw, a, c.input_share, top)
    st.vega_lite_chart(build_cost_chart(curves, breakevens, c.volume_tokens, max_tokens=top), width="stretch")
    key = breakeven_key(breakevens)
    st.caption(
        "Solid: self-hosting, a staircase because GPUs come in whole replicas, on a floor of fixed "
        "people cost. Dashed: an API, a straight line because you pay per token. Teal = open weights, "
        f"orange = closed. ◆ = breakeven{f': {md_escape(key)}' if key else ''}. Hover a line for its cost."
    )

render_breakdown(ct.breakdown(opens, estimates, apis, hw, a, c.volume_tokens, c.input_share, sources), volume)
render_sizing(opens, estimates, hw, a, c.volume_tokens)
render_breakeven_table(breakevens)
render_assumption_sources(ct.assumption_table(a, hw, sources))
