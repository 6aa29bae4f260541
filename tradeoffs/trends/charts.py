"""The Trends page's charts: DataFrame in, Vega-Lite spec (a plain dict) out; legends at the bottom,
domains fixed by the data's own dates (not by what the browser guesses)."""

from __future__ import annotations

import pandas as pd

from tradeoffs.charts import FIT_WIDTH, USD_LABEL, vega_config, vega_records

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
YEAR_AXIS = {"format": "%Y", "tickCount": {"interval": "year", "step": 1}}
# A tick at most a month (labels that overlap are dropped): weekly ticks would repeat "Jul 2026".
MONTH_AXIS = {
    "format": "%b %Y",
    "labelAngle": 0,
    "labelOverlap": True,
    "tickCount": {"interval": "month", "step": 1},
}


def _time_x(field: str, title: str, days: pd.Series, axis: dict) -> dict:
    domain = [pd.Timestamp(days.min()).isoformat()[:10], pd.Timestamp(days.max()).isoformat()[:10]]
    return {"field": field, "type": "temporal", "title": title, "axis": axis, "scale": {"domain": domain}}


def _chart(values: list[dict], layers: list[dict], height: int) -> dict:
    return {
        "$schema": SCHEMA,
        "data": {"values": values},
        "width": "container",
        "height": height,
        "autosize": FIT_WIDTH,
        "layer": layers,
        "config": vega_config("bottom"),
    }


def build_gap_chart(gap: pd.DataFrame, *, field: str, title: str, height: int = 180) -> dict:
    """One measure of the gap (``field``: gap_months or gap_points) over time, as a line.

    ``gap`` columns: date, open_best, closed_best, gap_points, gap_months (see trends.gap.gap_series)."""
    rows = gap.dropna(subset=[field])
    x = _time_x("date", "Date", rows["date"], YEAR_AXIS)
    low = min(0.0, float(rows[field].min())) if len(rows) else 0.0  # from 0: a gap's size reads true
    top = max(float(rows[field].max()), 1.0) if len(rows) else 1.0
    y = {
        "field": field,
        "type": "quantitative",
        "title": title,
        "scale": {"domain": [low, top]},
    }
    tooltip = [
        {"field": "date", "type": "temporal", "title": "Date", "format": "%Y-%m-%d"},
        {"field": "gap_months", "title": "Gap, months", "format": ",.1f"},
        {"field": "gap_points", "title": "Gap, points", "format": ",.1f"},
    ]
    line = {"mark": {"type": "line", "strokeWidth": 2, "color": "#495057"}, "encoding": {"x": x, "y": y}}
    dots = {
        "mark": {"type": "point", "filled": True, "size": 18, "color": "#495057"},
        "encoding": {"x": x, "y": y, "tooltip": tooltip},
    }
    return _chart(vega_records(rows[["date", "gap_months", "gap_points"]]), [line, dots], height)


def _segments(known: pd.Series) -> list[int]:
    """A number per row that changes after each unknown stretch, so that a line breaks at the gaps."""
    return (~known).cumsum()[known].tolist()


def build_price_of_quality_chart(prices: pd.DataFrame, *, y_title: str, height: int = 260) -> dict:
    """The cheapest price of a quality per month (log scale), a line broken where a month is unknown.

    ``prices`` columns: month ("YYYY-MM"), usd_per_mtok (NaN: unknown), model_id, name, provider."""
    known = prices["usd_per_mtok"].notna()
    rows = prices[known].assign(segment=_segments(known), day=pd.to_datetime(prices.loc[known, "month"]))
    x = _time_x("day", "Month", pd.to_datetime(prices["month"]), MONTH_AXIS)
    y = {
        "field": "usd_per_mtok",
        "type": "quantitative",
        "title": y_title,
        "scale": {"type": "log"},
        "axis": {"labelExpr": USD_LABEL},
    }
    tooltip = [
        {"field": "month", "title": "Month"},
        {"field": "usd_per_mtok", "title": "$ per 1M tokens", "format": "$,.3f"},
        {"field": "name", "title": "Cheapest model"},
        {"field": "provider", "title": "Sold by"},
    ]
    line = {
        "mark": {"type": "line", "strokeWidth": 2.5, "color": "#1c7ed6"},
        "encoding": {"x": x, "y": y, "detail": {"field": "segment"}},
    }
    dots = {
        "mark": {"type": "point", "filled": True, "size": 40, "color": "#1c7ed6"},
        "encoding": {"x": x, "y": y, "tooltip": tooltip},
    }
    cols = ["day", "month", "usd_per_mtok", "name", "provider", "segment"]
    return _chart(vega_records(rows[cols]), [line, dots], height)


def build_model_price_chart(history: pd.DataFrame, *, y_title: str, height: int = 260) -> dict:
    """One model's blended price by date, a line per provider (points: the recorded prices).

    ``history`` columns: as_of, provider, source, input/output_usd_per_mtok, usd_per_mtok."""
    x = _time_x("as_of", "Recorded", history["as_of"], MONTH_AXIS)
    y = {"field": "usd_per_mtok", "type": "quantitative", "title": y_title, "axis": {"labelExpr": USD_LABEL}}
    color = {"field": "provider", "type": "nominal", "title": "Provider", "legend": {"columns": 2}}
    tooltip = [
        {"field": "provider", "title": "Provider"},
        {"field": "as_of", "type": "temporal", "title": "Recorded", "format": "%Y-%m-%d"},
        {"field": "input_usd_per_mtok", "title": "Input $/1M", "format": "$,.3f"},
        {"field": "output_usd_per_mtok", "title": "Output $/1M", "format": "$,.3f"},
        {"field": "usd_per_mtok", "title": "Blended $/1M", "format": "$,.3f"},
        {"field": "source", "title": "Source"},
    ]
    line = {"mark": {"type": "line", "strokeWidth": 2}, "encoding": {"x": x, "y": y, "color": color}}
    dots = {
        "mark": {"type": "point", "filled": True, "size": 50},
        "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip},
    }
    return _chart(vega_records(history), [line, dots], height)
