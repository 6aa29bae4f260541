"""Overview: how many models, best open vs best closed, the cheapest that meets the bar."""

import streamlit as st

from tradeoffs.constraints_text import context_line
from tradeoffs.ui import loaders
from tradeoffs.ui.components import render_leader
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.overview_view import load_overview
from tradeoffs.ui.state import current_view

view = current_view()
c = view.constraints
ov = load_overview(c, view.assumptions)  # computed once per view, shared by every session on it
bench_name = loaders.benchmark_name(c.benchmark)

render_page_head(
    "Open weights or closed: where do we stand?",
    ov.answer_md,
    context_line(c, bench_name, ov.passing, ov.total, loaders.load_data_info().as_of),
)
with st.container(horizontal=True, wrap=True):
    st.metric(
        "Models passing",
        f"{ov.passing:,}",
        delta=f"of {ov.total:,}",
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=f"{ov.open_passing} open weights, {ov.closed_passing} closed pass your constraints.",
    )
    render_leader("open", ov.best_open, bench_name)
    render_leader("closed", ov.best_closed, bench_name)
    st.metric(
        "Gap, points",
        f"{ov.gap:+,.1f}" if ov.gap is not None else "—",
        border=True,
        help=f"Best closed minus best open on {bench_name}.",
    )

render_section(f"Best open vs best closed model over time · {bench_name}")
if ov.progression is None:
    st.info("No dated scores on this benchmark.")
else:
    st.vega_lite_chart(ov.progression.data, ov.progression.spec(), width="stretch")
    st.caption(
        "Each step is a release that set a new best score for open or for closed models (all models, "
        "not only those passing your constraints). Scores: see the Data page for sources and dates."
    )
