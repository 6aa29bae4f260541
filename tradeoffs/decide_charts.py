"""Decide page charts: DataFrame in, Vega-Lite spec (a plain dict) out. No Streamlit here.

Open and closed models keep the colours of every other chart (charts.OPEN_COLOR / CLOSED_COLOR).
"""

from __future__ import annotations

import pandas as pd

from tradeoffs.charts import access_color, vega_config, vega_records
from tradeoffs.factors import FACTOR_BY_KEY, FACTOR_KEYS
from tradeoffs.scorecard import MISSING, Scorecard
from tradeoffs.scoring import normalised

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
# One per factor, FACTOR_KEYS order (Tableau 10: nine hues told apart at a glance, on a projector too).
FACTOR_COLORS = [
    "#4e79a7",
    "#59a14f",
    "#b07aa1",
    "#f28e2b",
    "#76b7b2",
    "#e15759",
    "#edc948",
    "#ff9da7",
    "#9c755f",
]
ROW_PX = 28
AXIS_PX = 60  # Streamlit fits the whole chart, axis and its title included, into the height
INSIDE_LABEL_FROM = 0.15


def build_sensitivity_chart(stability: pd.DataFrame, *, top: int, draws: int, spread: float) -> dict:
    """Horizontal bars: the share of weight draws in which each model lands in the top ``top``.

    ``stability`` columns: label ("#1 Model"), name, access, rank, top_share and first_share (0–1),
    one row per model, in the order to draw them."""
    y = {
        "field": "label",
        "type": "nominal",
        "title": None,
        "sort": list(stability["label"]),
        "axis": {"labelLimit": 320, "labelFontSize": 12},
    }
    title = f"Share of {draws} weight draws (±{spread:.0%}) in which the model is in the top {top}"
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
        "data": {"values": vega_records(stability)},
        "width": "container",
        "height": AXIS_PX + ROW_PX * max(len(stability), 3),
        "layer": [
            {
                "mark": {"type": "bar", "cornerRadiusEnd": 2},
                "encoding": {
                    "y": y,
                    "x": x,
                    "tooltip": tooltip,
                    "color": access_color(),
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
    return rows.assign(label=labels.reindex(rows.index))


def contributions(ranked: pd.DataFrame, card: Scorecard, labels: pd.Series) -> pd.DataFrame:
    """Long table for the contributions chart: label, factor, position (factor order), points (normalised
    weight × score, unknown counted per the scorecard), score (None if unknown), known ("known"/"unknown")."""
    weights = dict(zip(FACTOR_KEYS, normalised(card.points), strict=True))
    missing = MISSING[card.missing]
    rows = []
    for model_id, row in ranked.iterrows():
        for position, key in enumerate(FACTOR_KEYS):
            known = bool(pd.notna(row[key]))
            rows.append(
                {
                    "label": labels[model_id],
                    "factor": FACTOR_BY_KEY[key].label,
                    "position": position,
                    "points": weights[key] * (row[key] if known else missing),
                    "score": row[key] if known else None,
                    "known": "known" if known else "unknown",
                }
            )
    return pd.DataFrame(rows)


def build_contributions_chart(parts: pd.DataFrame, order: list[str]) -> dict:
    """Stacked horizontal bars: each model's total split into its factors' weighted contributions.

    ``parts``: see ``contributions``; ``order``: the model labels, best first. Unknown data is hatched
    lighter so the room sees which part of a total is an assumption."""
    y = {"field": "label", "type": "nominal", "title": None, "sort": order, "axis": {"labelLimit": 260}}
    color = {
        "field": "factor",
        "type": "nominal",
        "title": "Factor",
        "scale": {"domain": [FACTOR_BY_KEY[k].label for k in FACTOR_KEYS], "range": FACTOR_COLORS},
        "legend": {"orient": "right"},
    }
    return {
        "$schema": SCHEMA,
        "data": {"values": vega_records(parts)},
        "width": "container",
        "height": AXIS_PX + ROW_PX * max(len(order), 6),  # the legends need about six rows
        "mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5},
        "encoding": {
            "y": y,
            "x": {
                "field": "points",
                "type": "quantitative",
                "stack": "zero",
                "scale": {"domain": [0, 1]},
                "title": "Weighted score (the total is the ranking score, 0–1)",
            },
            "color": color,
            "order": {"field": "position", "sort": "ascending"},
            "opacity": {
                "field": "known",
                "type": "nominal",
                "scale": {"domain": ["known", "unknown"], "range": [1.0, 0.3]},
                "legend": None,
            },  # the caption says it: faded = unknown data
            "tooltip": [
                {"field": "label", "title": "Model"},
                {"field": "factor", "title": "Factor"},
                {"field": "score", "title": "Factor score (0–1)", "format": ".2f"},
                {"field": "points", "title": "Adds to the total", "format": ".3f"},
                {"field": "known", "title": "Data"},
            ],
        },
        "config": vega_config(),
    }
