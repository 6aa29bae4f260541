"""What the Trends page shows for one view, computed once and shared by every session on it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tradeoffs import insights
from tradeoffs.catalog import score_column
from tradeoffs.charts import build_open_closed_chart
from tradeoffs.constraints import Constraints
from tradeoffs.constraints_text import fmt_score
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.text import md_escape
from tradeoffs.trends import board, gap, sentences
from tradeoffs.trends import price_of_quality as pq
from tradeoffs.trends.charts import build_gap_chart, build_model_price_chart, build_price_of_quality_chart
from tradeoffs.ui import loaders
from tradeoffs.ui.shared import PreparedChart, assumption_items, shared_view
from tradeoffs.ui.state import set_trend_model

TRENDS_PAGE = "pages/trends.py"
PRICE_SINCE = pd.Timestamp("2023-01-01")  # the price-of-quality chart's first month (GPT-4 came in 2023-03)


@dataclass(frozen=True)
class TrendsView:
    answer_md: str
    passing: int
    total: int
    pool: str  # "all models" or "the models passing your constraints"
    gaps: tuple[gap.GapNow, ...]  # on 31 December of each year, then today (the last)
    progression: PreparedChart | None  # None: no dated scores on the benchmark
    gap_months: PreparedChart | None  # None: never both an open and a closed model
    gap_points: PreparedChart | None
    price: PreparedChart | None  # None: no known month
    price_change: pq.PriceChange | None
    bar_text: str  # "GPT-4-level quality (≥ 1,289.5)", "" with no bar
    price_heading: str
    board: PreparedChart | None = None  # the leaderboard's own history (None: none recorded)
    board_note: str = ""  # which boards, and the gap in points on the last one


def _pool(
    c: Constraints, a: cost_assumptions.CostAssumptions, only_passing: bool
) -> tuple[pd.DataFrame, int]:
    """The catalog rows the page counts (all, or only the passing ones) and how many pass."""
    catalog = loaders.load_catalog()
    evaluated = loaders.load_evaluated(c, a).models
    passing = evaluated.index[evaluated["passes"]]
    return (catalog.loc[catalog.index.intersection(passing)] if only_passing else catalog), len(passing)


def _bar(c: Constraints) -> tuple[float | None, str]:
    """The quality bar: the user's, else GPT-4's score (see insights.headline_bar), in words."""
    score, _ = insights.headline_bar(loaders.load_catalog(), c)
    if score is None:
        return None, ""
    who = "Quality at your bar" if c.min_score is not None else "GPT-4-level quality"
    return score, f"{who} (≥ {fmt_score(score)})"


def _gap_charts(
    records: pd.DataFrame, today: pd.Timestamp
) -> tuple[PreparedChart | None, PreparedChart | None]:
    """The gap in months and in points, month by month (None, None: never both an open and a closed model)."""
    series = gap.gap_series(records, gap.monthly_days(records, today))
    if series["gap_points"].notna().sum() == 0:
        return None, None
    months = build_gap_chart(series, field="gap_months", title="Gap, months")
    points = build_gap_chart(series, field="gap_points", title="Gap, points")
    return PreparedChart.of(months), PreparedChart.of(points)


def _prices(pool: pd.DataFrame, c: Constraints, bar: float | None, today: pd.Timestamp) -> pd.DataFrame:
    history = pq.trusted_history(loaders.load_price_history(), loaders.load_offerings(False))
    days = pq.month_ends(PRICE_SINCE, today)
    if bar is None:
        return pd.DataFrame({"month": days.strftime("%Y-%m"), "usd_per_mtok": float("nan")})
    return pq.price_of_quality(history, pool, score_column(c.benchmark), bar, days, c.input_share)


def _board(
    pool: pd.DataFrame, benchmark: str, y_title: str, today: pd.Timestamp
) -> tuple[PreparedChart | None, str]:
    """The leaderboard-history chart of the benchmark's most recorded source up to ``today`` (a link's
    date shows no later board), and a note in words."""
    history = loaders.load_score_history()
    history = history[pd.to_datetime(history["as_of"]) <= today]
    source = board.history_source(history, benchmark)
    leaders = board.board_leaders(history, pool, benchmark, source) if source else pd.DataFrame()
    points = board.board_gap_points(leaders) if source else pd.Series(dtype=float)
    if points.empty:
        return None, ""
    chart = build_open_closed_chart(
        leaders, y_title=y_title, x_titles=("Leaderboard date", "On the board of")
    )
    note = (
        f"{leaders['release_date'].nunique()} boards recorded by {source}, {points.index.min():%Y-%m} to "
        f"{points.index.max():%Y-%m}; on the last, best closed minus best open: {points.iloc[-1]:,.1f} "
        "points."
    )
    return PreparedChart.of(chart), note


@shared_view
def _trends(version: str, c: Constraints, items: tuple, only_passing: bool) -> TrendsView:
    a = cost_assumptions.assumptions_from_dict(dict(items))
    pool, passing = _pool(c, a, only_passing)
    bench_name = loaders.benchmark_name(c.benchmark)
    today = pd.Timestamp(loaders.load_data_info().as_of)
    records = insights.record_progression(pool, c.benchmark)
    words = "the models passing your constraints" if only_passing else ""
    now, year_ago = gap.gap_on(records, today), gap.gap_on(records, today - pd.DateOffset(years=1))
    bar, bar_text = _bar(c)
    prices = _prices(pool, c, bar, today)
    change = pq.price_change(prices)
    answer = sentences.gap_sentence(now, year_ago, words, bench_name)
    answer += " " + sentences.price_sentence(change, bar_text, prices["month"].iloc[0])
    months, points = _gap_charts(records, today)
    price_title = f"Cheapest $ per 1M tokens at {c.input_share:.0%} input"
    known = prices["usd_per_mtok"].notna().any()
    price_chart = (
        PreparedChart.of(build_price_of_quality_chart(prices, y_title=price_title)) if known else None
    )
    board_chart, board_note = _board(pool, c.benchmark, bench_name, today)
    return TrendsView(
        answer_md=answer,
        passing=passing,
        total=len(loaders.load_catalog()),
        pool=words or "all models",
        gaps=tuple(gap.year_ends(records, today)),
        progression=None
        if records.empty
        else PreparedChart.of(build_open_closed_chart(records, y_title=bench_name)),
        gap_months=months,
        gap_points=points,
        price=price_chart,
        price_change=change,
        bar_text=bar_text,
        price_heading=f"The price of {bar_text.replace('Quality', 'quality') or 'a quality'} on "
        f"{bench_name}, by month",
        board=board_chart,
        board_note=board_note,
    )


def load_trends(c: Constraints, a: cost_assumptions.CostAssumptions, only_passing: bool) -> TrendsView:
    """The Trends page's answer, numbers and charts for ``c`` (shared, read-only)."""
    return _trends(loaders.data_version(), c, assumption_items(a), bool(only_passing))


@shared_view
def _model_prices(
    version: str, model_id: str, input_share: float, include_resellers: bool
) -> PreparedChart | None:
    history = pq.trusted_history(loaders.load_price_history(), loaders.load_offerings(include_resellers))
    history = pq.model_price_history(history, model_id, input_share)
    history = history[history["as_of"] <= pd.Timestamp(loaders.load_data_info().as_of)]
    if history.empty:
        return None
    title = f"$ per 1M tokens at {input_share:.0%} input"
    return PreparedChart.of(build_model_price_chart(history, y_title=title))


def load_model_prices(model_id: str, c: Constraints) -> PreparedChart | None:
    """One model's recorded prices from the sellers the app may quote (trusted ones; every seller with the
    sidebar's resellers switch), a line per provider (None: no such price recorded)."""
    return _model_prices(loaders.data_version(), model_id, float(c.input_share), c.include_resellers)


@shared_view
def _priced_models(version: str) -> dict[str, str]:
    catalog = loaders.load_catalog()
    ids = sorted(set(loaders.load_price_history()["model_id"]) & set(catalog.index))
    return {
        m: str(catalog.at[m, "name"]) for m in sorted(ids, key=lambda m: str(catalog.at[m, "name"]).lower())
    }


def load_priced_models() -> dict[str, str]:
    """Model id → name of every model with a recorded price, by name (the picker's options)."""
    return _priced_models(loaders.data_version())


def render_price_history_button(model_ids, *, key: str) -> None:
    """A "Price history" button that opens Trends with the first of ``model_ids`` that has a recorded price
    (disabled, with why, when none has)."""
    labels = load_priced_models()
    model = next((m for m in model_ids if m in labels), None)
    if st.button(
        f"Price history · {md_escape(labels[model])}" if model else "Price history",
        key=key,
        disabled=model is None,
        help="Open this model's recorded prices per provider on the Trends page."
        if model
        else "No recorded price for these models.",
    ):
        set_trend_model(model)
        st.switch_page(TRENDS_PAGE)


def render_gap_metrics(gaps: tuple[gap.GapNow, ...]) -> None:
    """The gap in months and points on the last three year ends and today, as a row of metrics."""
    with st.container(horizontal=True, wrap=True):
        for g in gaps[-4:]:
            when = "Today" if g is gaps[-1] else f"End of {g.date.year}"
            st.metric(
                f"{when}: open behind by" if g.points > 0 else f"{when}: open level or ahead",
                sentences.months_text(g.months),
                delta=f"{g.points:,.1f} points",
                delta_color="off",
                delta_arrow="off",
                border=True,
                help=f"Best open {g.open_score:,.1f}, best closed {g.closed_score:,.1f} on {g.date:%Y-%m-%d}",
            )
