"""Decide page charts: DataFrame in, Vega-Lite spec (a plain dict) out. No Streamlit here.

Open and closed models keep the colours of every other chart (charts.OPEN_COLOR / CLOSED_COLOR).
"""

from __future__ import annotations

import pandas as pd

from tradeoffs.charts import ACCESS_DOMAIN, ACCESS_RANGE, vega_config, vega_records
from tradeoffs.factors import FACTOR_BY_KEY, FACTOR_KEYS
from tradeoffs.scorecard import MISSING, Scorecard
from tradeoffs.scoring import normalised

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
UNKNOWN_FILL = "#dee2e6"  # a heatmap cell without data: grey, labelled "?"
HEATMAP_AXIS_PX = 150  # slanted factor names above, the score legend below
ROW_PX = 28
HEATMAP_ROW_PX = 32  # room for a label on two lines (three: see build_factor_heatmap)
LABEL_LINE_CHARS = 18  # ≈ 110 px at 12 px: on a 390-px phone the ten cells keep ≈ 23 px each
LABEL_MAX_LINES = 3
LABEL_LINE_PX = 13
LEGEND_PX = 45  # a legend under a chart: Streamlit fits it into the same height
AXIS_PX = 60  # Streamlit fits the whole chart, axis and its title included, into the height
INSIDE_LABEL_FROM = 0.15


def plotted_access_color(access: pd.Series) -> dict:
    """The open/closed colour encoding with only the kinds plotted in its legend (same colours as
    everywhere: charts.ACCESS_DOMAIN / ACCESS_RANGE)."""
    kinds = [(k, c) for k, c in zip(ACCESS_DOMAIN, ACCESS_RANGE, strict=True) if (access == k).any()]
    return {
        "field": "access",
        "type": "nominal",
        "title": "Weights",
        "scale": {"domain": [k for k, _ in kinds], "range": [c for _, c in kinds]},
    }


def build_sensitivity_chart(stability: pd.DataFrame, *, top: int, draws: int) -> dict:
    """Horizontal bars: the share of stability draws (weights and what unknowns count as, see
    scoring.sensitivity) in which each model lands in the top ``top``.

    ``stability`` columns: label ("#1 Model", drawn wrapped), name, access, rank, top_share and
    first_share (0–1), one row per model, in the order to draw them."""
    rows = [wrapped(x) for x in stability["label"]]
    y = {"field": "row", "type": "nominal", "title": None, "sort": rows, "axis": _label_axis()}
    title = f"Share of {draws} draws in the top {top}"  # short: the caption says what is drawn
    x = {
        "field": "top_share",
        "type": "quantitative",
        "title": title,
        "scale": {"domain": [0, 1]},
        "axis": {"format": ".0%"},
    }
    tooltip = [
        {"field": "name", "title": "Model"},
        {"field": "rank", "title": "Rank now"},
        {"field": "top_share", "title": f"In the top {top}", "format": ".0%"},
        {"field": "first_share", "title": "Ranked first", "format": ".0%"},
    ]
    text = {"y": y, "x": x, "text": {"field": "top_share", "format": ".0%"}}
    inside = INSIDE_LABEL_FROM  # long bars carry their label inside, so it never runs into the legend
    return {
        "$schema": SCHEMA,
        "data": {"values": vega_records(stability.assign(row=rows))},
        "width": "container",
        "height": AXIS_PX + LEGEND_PX + _row_px(rows, ROW_PX) * max(len(stability), 3),
        "layer": [
            {
                "mark": {"type": "bar", "cornerRadiusEnd": 2},
                "encoding": {
                    "y": y,
                    "x": x,
                    "tooltip": tooltip,
                    "color": {
                        **plotted_access_color(stability["access"]),
                        "legend": {"orient": "bottom", "columns": 2},
                    },
                },
            },
            {
                "transform": [{"filter": f"datum.top_share >= {inside}"}],
                "mark": {
                    "type": "text",
                    "align": "right",
                    "dx": -4,
                    "fontSize": 12,
                    "color": "white",
                    "fontWeight": "bold",
                },
                "encoding": text,
            },
            {
                "transform": [{"filter": f"datum.top_share < {inside}"}],
                "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 12, "color": "#212529"},
                "encoding": text,
            },
        ],
        "config": vega_config(),
    }


def wrapped(label: str, width: int = LABEL_LINE_CHARS, lines: int = LABEL_MAX_LINES) -> str:
    """A long label on up to ``lines`` lines of about ``width`` characters, broken after a space or a
    hyphen ("#7 qwen3-30b-a3b-\ninstruct-2507"), so a phone keeps room for the cells; never cut."""
    out: list[str] = []
    rest = label
    while len(rest) > width and len(out) < lines - 1:
        breaks = [i + 1 for i, ch in enumerate(rest[: width + 1]) if ch in " -"]
        cut = breaks[-1] if breaks else width
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return "\n".join([*out, rest])


def _row_px(rows: list[str], at_least: int) -> int:
    """A row's height in pixels: room for the most lines a wrapped label has."""
    lines = max((r.count("\n") + 1 for r in rows), default=1)
    return max(at_least, LABEL_LINE_PX * lines + 6)


def _label_axis() -> dict:
    """A y axis for wrapped labels: every label shown whole, each block centred on its row."""
    shift = [
        {"test": f"length(split(datum.value, '\\n')) == {n}", "value": -(n - 1) * LABEL_LINE_PX / 2}
        for n in range(2, LABEL_MAX_LINES + 1)
    ]
    return {
        "labelLimit": 400,
        "labelOverlap": False,  # a two-line label's box would otherwise hide its neighbours
        "labelLineHeight": LABEL_LINE_PX,
        "labelExpr": "split(datum.label, '\\n')",
        "labelOffset": {"condition": shift, "value": 0},
    }


def model_labels(ranked: pd.DataFrame, names: pd.Series) -> pd.Series:
    """ "#1 Qwen3.8 27B" per model_id, in rank order."""
    return pd.Series([f"#{r} {names[m]}" for m, r in ranked["rank"].items()], index=ranked.index)


def sensitivity_rows(
    stability: pd.DataFrame,
    ranked: pd.DataFrame,
    catalog: pd.DataFrame,
    labels: pd.Series,
    limit: int,
    always: int = 3,
) -> pd.DataFrame:
    """The models to draw: today's top ``always`` and every model that reached the top in some draw, most
    often first (then by rank), at most ``limit``; with the columns build_sensitivity_chart needs."""
    keep = stability.index.isin(ranked.index[:always]) | (stability["top_share"] > 0)
    rows = stability[keep].join(ranked["rank"]).join(catalog[["name", "access"]])
    rows = rows.sort_values(["top_share", "rank"], ascending=[False, True]).head(limit)
    return rows.assign(label=labels.reindex(rows.index))  # wrapped into "row" by the chart


def contributions(ranked: pd.DataFrame, card: Scorecard, labels: pd.Series) -> pd.DataFrame:
    """Long table for the factor heatmap, one row per model and factor: label, row (the label wrapped),
    factor (short name with its weight, "Privacy 17%"), score (0–1, None if unknown), points (what the
    factor adds to the total, in points of 100: weight share × score, unknown counted per the scorecard)
    and text ("17", or "?")."""
    weights = dict(zip(FACTOR_KEYS, normalised(card.points), strict=True))
    missing = MISSING[card.missing]
    rows = []
    for model_id, row in ranked.iterrows():
        for key in FACTOR_KEYS:
            known = bool(pd.notna(row[key]))
            points = 100 * weights[key] * (row[key] if known else missing)
            rows.append(
                {
                    "label": labels[model_id],
                    "row": wrapped(labels[model_id]),
                    "factor": factor_column(key, weights[key]),
                    "score": float(row[key]) if known else None,
                    "points": points,
                    "text": f"{points:.0f}" if known else "?",
                }
            )
    return pd.DataFrame(rows)


def factor_column(key: str, weight_share: float) -> str:
    """A heatmap column: the factor's short name and its share of the weights ("Privacy 17%")."""
    return f"{FACTOR_BY_KEY[key].short} {weight_share:.0%}"


def factor_order(card: Scorecard) -> list[str]:
    """The heatmap's columns, heaviest weight first (ties keep the factor order)."""
    shares = dict(zip(FACTOR_KEYS, normalised(card.points), strict=True))
    return [factor_column(k, shares[k]) for k in sorted(FACTOR_KEYS, key=lambda k: -shares[k])]


def _score_color() -> dict:
    """One sequential colour for a factor score, 0–1, with a short gradient legend under the chart."""
    return {
        "field": "score",
        "type": "quantitative",
        "title": "Factor score",
        "scale": {"domain": [0, 1], "scheme": "blues"},
        "legend": {"orient": "bottom", "direction": "horizontal", "gradientLength": 160, "format": ".1f"},
    }


def build_factor_heatmap(parts: pd.DataFrame, order: list[str], factors: list[str]) -> dict:
    """A heatmap, models (rows, best first: ``order``) × factors (columns: ``factors``): one sequential
    colour for the factor score, the number in a cell is what it adds to the total (points of 100).
    Unknown cells are grey with "?" (they have no score to colour); the legend shows only the score."""
    y = {"field": "row", "type": "nominal", "title": None, "sort": [wrapped(x) for x in order]}
    # Slanted down to their column, so the last one does not run off the right edge; no overlap check,
    # which would drop labels by their (slanted, so wide) boxes although the text does not touch.
    # An explicit limit: Vega-Lite's own for slanted labels cut "Transparency 11%".
    axis = {
        "orient": "top",
        "labelAngle": 45,
        "labelAlign": "right",
        "labelOverlap": False,
        "labelLimit": 200,
    }
    x = {"field": "factor", "type": "nominal", "title": None, "sort": factors, "axis": axis}
    tooltip = [
        {"field": "label", "title": "Model"},
        {"field": "factor", "title": "Factor (weight)"},
        {"field": "score", "title": "Factor score (0–1)", "format": ".2f"},
        {"field": "points", "title": "Adds to the total (of 100)", "format": ".1f"},
    ]
    text_color = {"condition": {"test": "datum.score > 0.55", "value": "white"}, "value": "#212529"}
    return {
        "$schema": SCHEMA,
        "data": {"values": vega_records(parts)},
        "width": "container",
        "height": HEATMAP_AXIS_PX + max(len(order), 1) * _row_px(y["sort"], HEATMAP_ROW_PX),
        "encoding": {"y": {**y, "axis": _label_axis()}, "x": x, "tooltip": tooltip},
        "layer": [
            {
                "transform": [{"filter": "datum.score == null"}],
                "mark": {"type": "rect", "color": UNKNOWN_FILL, "stroke": "white", "strokeWidth": 1.5},
            },
            {
                "transform": [{"filter": "datum.score != null"}],
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1.5},
                "encoding": {"color": _score_color()},
            },
            {
                "mark": {"type": "text", "fontSize": 11},
                "encoding": {"text": {"field": "text"}, "color": text_color},
            },
        ],
        "config": vega_config(),
    }
