"""Trends: how far open models trail closed ones (in months and points), how fast a quality gets cheaper,
and any model's price history."""

import streamlit as st

from tradeoffs.constraints_text import context_line
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.frame import render_page_head, render_section
from tradeoffs.ui.state import current_view, set_trend_model, set_trend_passing
from tradeoffs.ui.trends_view import load_model_prices, load_priced_models, load_trends, render_gap_metrics

ONLY_PASSING_KEY, MODEL_PICKER_KEY = "trends_only_passing", "trends_model"

view = current_view()
c = view.constraints
head = st.container()  # the answer depends on the toggle drawn below it
st.session_state[ONLY_PASSING_KEY] = view.trend_passing
st.toggle(
    "Only models that pass my constraints",
    key=ONLY_PASSING_KEY,
    on_change=lambda: set_trend_passing(st.session_state[ONLY_PASSING_KEY]),
    help="Count only the models that pass the sidebar's constraints (e.g. open weights with a commercial "
    "licence that fit your GPUs), for the gap and for the price of quality.",
)
tv = load_trends(c, view.assumptions, view.trend_passing)  # once per view, shared by every session on it
bench_name = loaders.benchmark_name(c.benchmark)
with head:
    render_page_head(
        "How far behind are open models, and how fast does quality get cheaper?",
        tv.answer_md,
        context_line(c, bench_name, tv.passing, tv.total, loaders.load_data_info().as_of),
    )

render_gap_metrics(tv.gaps)

render_section(f"Best open vs best closed model over time · {bench_name} · {tv.pool}")
if tv.progression is None:
    st.info("No dated scores on this benchmark among these models.")
else:
    st.vega_lite_chart(tv.progression.data, tv.progression.spec(), width="stretch")
if tv.gap_months is not None:
    months, points = st.columns(2)
    months.vega_lite_chart(tv.gap_months.data, tv.gap_months.spec(), width="stretch")
    points.vega_lite_chart(tv.gap_points.data, tv.gap_points.spec(), width="stretch")
st.caption(
    "Release date × each model's score. Gap in months: the best open model on a day scores what the best "
    "closed model first scored that many months before (0 when open is level or ahead). Gap in points: best "
    "closed minus best open."
)

if tv.board is not None:
    render_section(f"As the leaderboard showed it at the time · {bench_name}")
    st.vega_lite_chart(tv.board.data, tv.board.spec(), width="stretch")
    st.caption(
        f"Best open and best closed score on each recorded leaderboard: {md_escape(tv.board_note)} "
        "Scores on one board compare with each other; across boards ratings drift, so no lag in months "
        "is read off this chart."
    )

render_section(tv.price_heading)
if tv.price is None:
    st.info("No trusted price is recorded for a model at this bar.")
else:
    st.vega_lite_chart(tv.price.data, tv.price.spec(), width="stretch")
st.caption(
    "The cheapest trusted list price (the lab's, a cloud's, or an established host's) among models scoring "
    "at or above the bar and released by then; a price holds until the next one is recorded. Months with "
    "no recorded price are left blank. Set the bar with the sidebar's quality slider."
)

render_section("A model's price history")
labels = load_priced_models()
wanted = view.trend_model if view.trend_model in labels else None
st.session_state[MODEL_PICKER_KEY] = wanted
picked = st.selectbox(
    "Model",
    list(labels),
    format_func=labels.get,
    key=MODEL_PICKER_KEY,
    index=None,
    placeholder="Pick a model",
    on_change=lambda: set_trend_model(st.session_state[MODEL_PICKER_KEY]),
)
if view.trend_model and view.trend_model not in labels:
    st.info("No price is recorded for this model.")
elif picked:
    chart = load_model_prices(picked, c)
    if chart is None:
        st.info(
            "No price from a trusted seller is recorded for this model (see the sidebar's resellers switch)."
        )
    else:
        st.vega_lite_chart(chart.data, chart.spec(), width="stretch")
        st.caption(
            f"Every recorded list price of {md_escape(labels[picked])} from the sellers the app quotes "
            "(the lab, clouds, established hosts; routers and resellers too with the sidebar's switch), "
            "a line per provider."
        )
