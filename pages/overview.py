"""Overview: how many models, best open vs best closed, the cheapest that meets the bar."""

import streamlit as st

from tradeoffs import insights
from tradeoffs.charts import build_open_closed_chart
from tradeoffs.constraints import format_count
from tradeoffs.text import fmt_usd, md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.components import render_leader
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


k1, k2, k3, k4 = st.columns(4)
k1.metric(
    "Models passing your constraints",
    f"{len(passing)} of {len(catalog)}",
    border=True,
    help=f"{(passing['access'] == 'Open weights').sum()} open weights, "
    f"{(passing['access'] == 'Closed').sum()} closed",
)
render_leader(k2, "open", best_open, bench_name)
render_leader(k3, "closed", best_closed, bench_name)
gap = best_closed.score - best_open.score if best_open and best_closed else None
k4.metric(
    "Gap (closed − open)",
    f"{gap:+,.1f}" if gap is not None else "—",
    border=True,
    help="Points on the chosen benchmark between the best closed and the best open model shown.",
)
if best_open and best_closed:
    excluded = [name for name, leader in (("open", best_open), ("closed", best_closed)) if leader.excluded]
    st.markdown(
        f"Best open: **{md_escape(best_open.name)}** · best closed: **{md_escape(best_closed.name)}**"
        + (
            f" (the {excluded[0]} side is excluded by your deployment constraint: for reference)"
            if excluded
            else ""
        )
    )

if cheapest is not None:
    st.success(
        f"Cheapest model meeting your constraints at {md_escape(bench_name)} ({bar_text}) and "
        f"{format_count(c.volume_tokens)} tokens/month: **{md_escape(cheapest['name'])}** — about "
        f"**{md_escape(fmt_usd(cheapest['monthly_usd']))}/month** ({md_escape(cheapest['cost_basis'])})."
    )
else:
    st.info(
        f"No passing model at {md_escape(bench_name)} ({bar_text}) has a known cost at your volume: loosen "
        "a constraint or see the Explore page."
    )

st.subheader(f"Best open vs best closed model over time · {bench_name}")
progression = insights.record_progression(catalog, c.benchmark)
if progression.empty:
    st.info("No dated scores on this benchmark.")
else:
    st.vega_lite_chart(build_open_closed_chart(progression, y_title=bench_name), width="stretch")
    st.caption(
        "Each step is a release that set a new best score for open or for closed models (all models, "
        "not only those passing your constraints). Scores: see the Data page for sources and dates."
    )
