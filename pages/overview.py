"""Overview: how many models, best open vs best closed, the cheapest that meets the bar."""

import streamlit as st

from tradeoffs import insights
from tradeoffs.charts import build_open_closed_chart
from tradeoffs.constraints import format_count
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.state import current_view

view = current_view()
c = view.constraints
catalog = loaders.load_catalog()
result = loaders.load_evaluated(c, view.assumptions)
evaluated, costs, bench_name = result.models, result.costs, result.benchmark_name
passing = evaluated[evaluated["passes"]]

leaders = insights.best_by_access(evaluated, c.benchmark)
best_open, best_closed = leaders["Open weights"], leaders["Closed"]
cheapest = insights.cheapest_meeting_bar(evaluated, costs, c)

k1, k2, k3, k4 = st.columns(4)
k1.metric(
    "Models passing your constraints",
    f"{len(passing)} of {len(catalog)}",
    border=True,
    help=f"{(passing['access'] == 'Open weights').sum()} open weights, "
    f"{(passing['access'] == 'Closed').sum()} "
    "closed",
)
k2.metric(
    f"Best open · {bench_name}",
    f"{best_open.score:,.1f}" if best_open else "—",
    help=md_escape(best_open.name) if best_open else "No passing open model has this score",
    border=True,
)
k3.metric(
    f"Best closed · {bench_name}",
    f"{best_closed.score:,.1f}" if best_closed else "—",
    help=md_escape(best_closed.name) if best_closed else "No passing closed model has this score",
    border=True,
)
gap = best_closed.score - best_open.score if best_open and best_closed else None
k4.metric(
    "Gap (closed − open)",
    f"{gap:+,.1f}" if gap is not None else "—",
    border=True,
    help="Points on the chosen benchmark between the best closed and the best open model that pass.",
)
if best_open and best_closed:
    st.markdown(
        f"Best open: **{md_escape(best_open.name)}** · best closed: **{md_escape(best_closed.name)}**"
    )

bar = f"{bench_name} ≥ {c.min_score:,.0f}" if c.min_score is not None else f"any {bench_name} (no bar set)"
if cheapest is not None:
    st.success(
        f"Cheapest model meeting your constraints and the quality bar ({bar}) at "
        f"{format_count(c.volume_tokens)} tokens/month: **{md_escape(cheapest['name'])}** — about "
        f"**\\${cheapest['monthly_usd']:,.0f}/month** ({md_escape(cheapest['cost_basis'])})."
    )
else:
    st.info("No passing model has a known price at your volume: loosen a constraint or see the Explore page.")

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
