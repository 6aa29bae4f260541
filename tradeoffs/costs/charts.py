"""The Costs page chart: monthly cost against monthly volume, API lines and self-hosting staircases.

A plain Vega-Lite dict like ``charts.py`` (DataFrame in, spec out, no Streamlit). Colour says open
or closed weights (the app's two colours, in shades when there are several models of a kind); the
dash says how it is bought: solid = self-hosted, dashed = API.
"""

from __future__ import annotations

import math

import pandas as pd

from tradeoffs.charts import CLOSED_COLOR, FIT_WIDTH, OPEN_COLOR, UNKNOWN_COLOR, vega_config, vega_records
from tradeoffs.costs import breakeven_marks as bm
from tradeoffs.costs.options import API, MAX_TOKENS, MIN_TOKENS
from tradeoffs.text import fmt_tokens

BASE_COLORS = {"Open weights": OPEN_COLOR, "Closed": CLOSED_COLOR}
API_DASHES = [[7, 4], [2, 3], [12, 3, 2, 3], [4, 4]]
MARKER_COLOR = "#212529"
USD_DECADES = 5  # the y axis spans $10 … $1M when the costliest line ends below $1M
# $0.01, $1, $10k, $1M: decimals only below a dollar, SI suffixes above a thousand.
USD_LABEL = "datum.value < 1 ? format(datum.value, '$.2~f') : format(datum.value, '$.2~s')"
TOKENS_LABEL = "replace(format(datum.value, '.0~s'), 'G', 'B')"


def _shade(hex_color: str, i: int) -> str:
    """The i-th shade of a colour: the colour itself, then lighter, darker, lighter and darker still."""
    mix = [0.0, 0.45, -0.4, 0.7, -0.6][i % 5]
    rgb = [int(hex_color[k : k + 2], 16) for k in (1, 3, 5)]
    target = 255 if mix > 0 else 0
    return "#" + "".join(f"{round(c + (target - c) * abs(mix)):02x}" for c in rgb)


def series_styles(series: pd.DataFrame) -> tuple[list[str], list[str], list[list[int]]]:
    """(series names, colours, dashes) in legend order: self-hosted first, then API options."""
    names, colors, dashes, seen = [], [], [], {}
    ordered = series.drop_duplicates("series").sort_values("kind", key=lambda k: k.eq(API), kind="stable")
    for name, kind, access in ordered[["series", "kind", "access"]].itertuples(index=False):
        base = BASE_COLORS.get(access, UNKNOWN_COLOR)
        n = seen[base] = seen.get(base, -1) + 1
        n_api = sum(1 for d in dashes if d)
        names.append(name)
        colors.append(_shade(base, n))
        dashes.append(API_DASHES[n_api % len(API_DASHES)] if kind == API else [])
    return names, colors, [d or [1, 0] for d in dashes]


def build_cost_chart(
    curves: pd.DataFrame,
    breakevens: pd.DataFrame,
    volume_tokens: float,
    *,
    max_tokens: float = MAX_TOKENS,
    height: int = 520,
) -> dict:
    """Monthly cost ($, log) against tokens per month (log, MIN_TOKENS…max_tokens).

    ``curves``: cost_view.CURVE_COLUMNS. ``breakevens``: cost_view.breakevens rows; those with a volume
    are marked with a numbered diamond (see breakeven_marks). The user's volume is a vertical rule."""
    names, colors, dashes = series_styles(curves)
    tokens_title = "Tokens per month (input + output)"
    x = _log_axis("tokens_per_month", tokens_title, (MIN_TOKENS, max_tokens), TOKENS_LABEL)
    low, high = usd_domain(curves["usd_per_month"])
    y = _log_axis("usd_per_month", "US$ per month", (low, high), USD_LABEL)
    color = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "sort": names,
        "scale": {"domain": names, "range": colors},
        "legend": {
            "orient": "top",
            "direction": "vertical",
            "symbolStrokeWidth": 3,
            "symbolSize": 400,
            "labelLimit": 420,
            "symbolType": "stroke",
        },
    }
    dash = {
        "field": "series",
        "type": "nominal",
        "sort": names,
        "scale": {"domain": names, "range": dashes},
        "legend": None,
    }
    tooltip = [
        {"field": "series", "title": "Option"},
        {"field": "volume_text", "title": "Volume"},
        {"field": "cost_text", "title": "Cost"},
        {"field": "detail", "title": "How"},
    ]
    lines = {
        "mark": {"type": "line", "strokeWidth": 2.5, "clip": True},
        "encoding": {
            "x": x,
            "y": y,
            "color": color,
            "strokeDash": dash,
            "order": {"field": "order", "type": "quantitative"},
        },
    }
    visible = {"filter": f"datum.usd_per_month >= {low} && datum.usd_per_month <= {high}"}
    hover = {
        "transform": [visible],  # off-scale points would widen the layout even when invisible
        "params": [
            {
                "name": "hover",
                "select": {"type": "point", "on": "pointerover", "nearest": True, "clear": "pointerout"},
            }
        ],
        "mark": {"type": "point", "filled": True, "size": 70, "tooltip": True},
        "encoding": {
            "x": x,
            "y": y,
            "color": {**color, "legend": None},
            "tooltip": tooltip,
            "opacity": {"condition": {"param": "hover", "empty": False, "value": 1}, "value": 0},
        },
    }
    right_half = volume_tokens > math.sqrt(MIN_TOKENS * max_tokens)  # then the label goes left of the rule
    rule = _volume_rule(volume_tokens, right_half)
    # Breakeven labels keep clear of the volume's label, drawn at the foot of the rule.
    label_lines = rule[-1]["data"]["values"][0]["label"].split("\n")
    rule_px = bm.CHAR_PX * max(map(len, label_lines))
    x_off = (-5 - rule_px, -5) if right_half else (5, 5 + rule_px)
    avoid = [(volume_tokens, *x_off, height - 6 - bm.LINE_PX * len(label_lines), height - 6)]
    marks = bm.breakeven_layers(
        breakevens, (MIN_TOKENS, max_tokens), (low, high), height_px=height, avoid=avoid
    )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": vega_records(curves)},
        "width": "container",
        "height": height,
        "autosize": FIT_WIDTH,  # the plot keeps its height, which the breakeven labels' layout assumes
        "layer": [lines, hover, *rule, *marks],
        "config": vega_config(),
    }


def usd_domain(usd: pd.Series) -> tuple[float, float]:
    """The decades from the top of the costs down by USD_DECADES: what is cheaper is clipped at the bottom,
    so that the region where the lines cross is not squeezed into a corner by $0.004 API bills."""
    finite = usd[(usd > 0) & usd.notna()]
    top = math.ceil(math.log10(finite.max())) if len(finite) else 6
    return 10.0 ** (top - USD_DECADES), 10.0**top


def _log_axis(field: str, title: str, domain: tuple[float, float], label_expr: str) -> dict:
    """A log-scale encoding over ``domain`` with a tick at each power of ten."""
    low, high = domain
    return {
        "field": field,
        "type": "quantitative",
        "title": title,
        "scale": {"type": "log", "domain": [low, high], "nice": False},
        "axis": {"labelExpr": label_expr, "values": _decades(low, high)},
    }


def _decades(low: float, high: float) -> list[float]:
    return [10.0**k for k in range(round(math.log10(low)), round(math.log10(high)) + 1)]


def _halo_text(mark: dict, encoding: dict, data: dict) -> list[dict]:
    """A text label drawn twice, white and thick under the real one, so it reads over lines and grid."""
    halo = {**mark, "stroke": "white", "strokeWidth": 4, "strokeJoin": "round"}
    return [{"data": data, "mark": m, "encoding": encoding} for m in (halo, mark)]


def _volume_rule(volume_tokens: float, label_left: bool) -> list[dict]:
    data = {
        "values": [
            {
                "tokens_per_month": float(volume_tokens),
                "label": f"your volume:\n{fmt_tokens(volume_tokens)} tokens/month",  # two lines fit a phone
            }
        ]
    }
    x = {"field": "tokens_per_month", "type": "quantitative"}
    label = {
        "type": "text",
        "align": "right" if label_left else "left",
        "baseline": "bottom",
        "dx": -5 if label_left else 5,
        "y": "height",
        "dy": -6,
        "fontSize": 12,
        "fontWeight": "bold",
        "color": "#495057",
        "lineBreak": "\n",
    }
    rule = {
        "data": data,
        "encoding": {"x": x},
        "mark": {"type": "rule", "color": "#495057", "strokeWidth": 1.5, "strokeDash": [2, 2]},
    }
    return [rule, *_halo_text(label, {"x": x, "text": {"field": "label"}}, data)]


def build_calibration_chart(table: pd.DataFrame, *, height: int = 380) -> dict:
    """Estimated against measured output tokens/s per GPU (log–log), one point per comparable MLPerf
    configuration, coloured by benchmark; the diagonal is a perfect estimate, the band ± MAX_RATIO."""
    from tradeoffs.costs.calibration import MAX_RATIO  # the band the tests hold the model to

    rows = table[table["comparable"]]
    points = pd.DataFrame(
        {
            "measured": rows["output_tokens_per_s"] / rows["gpus"],
            "estimated": rows["estimated_tokens_per_s"] / rows["gpus"],
            "benchmark": rows["benchmark"].str.removesuffix("-99.9").str.removesuffix("-99"),
            "config": rows["gpus"].map("{:.0f}".format)
            + "×"
            + rows["gpu"]
            + " "
            + rows["precision"].fillna(""),
            "result": rows["result_id"] + " (" + rows["submitter"].fillna("") + ")",
            "ratio": rows["ratio"].map("{:.2f}×".format),
        }
    )
    low = float(min(points["measured"].min(), points["estimated"].min())) / 1.5 if len(points) else 10.0
    high = float(max(points["measured"].max(), points["estimated"].max())) * 1.5 if len(points) else 1e5
    diagonal = pd.DataFrame({"measured": [low, high]})
    scale = {"type": "log", "domain": [low, high], "nice": False}
    axis = {"title": None, "labelExpr": "format(datum.value, '.2~s')"}
    band = diagonal.assign(lo=diagonal["measured"] / MAX_RATIO, hi=diagonal["measured"] * MAX_RATIO)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "height": height,
        "width": "container",
        "config": vega_config(),
        "layer": [
            {
                "data": {"values": vega_records(band)},
                "mark": {"type": "area", "opacity": 0.12, "color": MARKER_COLOR},
                "encoding": {
                    "x": {"field": "measured", "type": "quantitative", "scale": scale},
                    "y": {"field": "lo", "type": "quantitative", "scale": scale},
                    "y2": {"field": "hi"},
                },
            },
            {
                "data": {"values": vega_records(diagonal)},
                "mark": {"type": "line", "color": MARKER_COLOR, "strokeDash": [4, 4]},
                "encoding": {
                    "x": {"field": "measured", "type": "quantitative", "scale": scale},
                    "y": {"field": "measured", "type": "quantitative", "scale": scale},
                },
            },
            {
                "data": {"values": vega_records(points)},
                "mark": {"type": "point", "filled": True, "size": 70},
                "encoding": {
                    "x": {
                        "field": "measured",
                        "type": "quantitative",
                        "scale": scale,
                        "axis": {**axis, "title": "Measured (MLPerf), generated tokens/s per GPU"},
                    },
                    "y": {
                        "field": "estimated",
                        "type": "quantitative",
                        "scale": scale,
                        "axis": {**axis, "title": "Estimated, generated tokens/s per GPU"},
                    },
                    "color": {"field": "benchmark", "type": "nominal", "title": "Model"},
                    "tooltip": [
                        {"field": "config", "title": "System"},
                        {"field": "benchmark", "title": "Model"},
                        {"field": "measured", "title": "Measured per GPU", "format": ",.0f"},
                        {"field": "estimated", "title": "Estimated per GPU", "format": ",.0f"},
                        {"field": "ratio", "title": "Estimate ÷ measured"},
                        {"field": "result", "title": "MLPerf result"},
                    ],
                },
            },
        ],
    }
