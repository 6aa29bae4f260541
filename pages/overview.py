"""Overview: how many models, best open vs best closed, the cheapest that meets the bar."""

import streamlit as st

from tradeoffs import answers, insights
from tradeoffs.charts import build_open_closed_chart
from tradeoffs.constraints_text import context_line
from tradeoffs.ui import loaders
from tradeoffs.ui.components import render_leader
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.state import current_view

view = current_view()
c = view.constraints
catalog = loaders.load_catalog()
result = loaders.load_evaluated(c, view.assumptions)
evaluated, costs, bench_name = result.models, result.costs, result.benchmark_name
passing = evaluated[evaluated["passes"]]

leaders = insights.best_by_access(evaluated, c.benchmark)
best_open, best_closed = leaders["Open weights"], leaders["Closed"]
bar_score, bar_text = insights.headline_bar(catalog, c)
cheapest = insights.cheapest_meeting_bar(evaluated, costs, c, bar_score)
licence_note = insights.licence_notes(catalog.loc[[cheapest.name]]).iloc[0] if cheapest is not None else ""


render_page_head(
    "Open weights or closed: where do we stand?",
    answers.cheapest_sentence(cheapest, bench_name, bar_text, c.volume_tokens, licence_note)
    + " "
    + answers.gap_sentence(best_open, best_closed),
    context_line(c, bench_name, len(passing), len(catalog), loaders.load_data_info().as_of),
)
with st.container(horizontal=True, wrap=True):
    open_n, closed_n = (passing["access"] == "Open weights").sum(), (passing["access"] == "Closed").sum()
    st.metric(
        "Models passing",
        f"{len(passing):,}",
        delta=f"of {len(catalog):,}",
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=f"{open_n} open weights, {closed_n} closed pass your constraints.",
    )
    render_leader("open", best_open, bench_name)
    render_leader("closed", best_closed, bench_name)
    gap = best_closed.score - best_open.score if best_open and best_closed else None
    st.metric(
        "Gap, points",
        f"{gap:+,.1f}" if gap is not None else "—",
        border=True,
        help=f"Best closed minus best open on {bench_name}.",
    )

render_section(f"Best open vs best closed model over time · {bench_name}")
progression = insights.record_progression(catalog, c.benchmark)
if progression.empty:
    st.info("No dated scores on this benchmark.")
else:
    st.vega_lite_chart(build_open_closed_chart(progression, y_title=bench_name), width="stretch")
    st.caption(
        "Each step is a release that set a new best score for open or for closed models (all models, "
        "not only those passing your constraints). Scores: see the Data page for sources and dates."
    )
