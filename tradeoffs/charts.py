"""Chart builders: DataFrame in, Vega-Lite spec (a plain dict) out. No Streamlit here.

One colour for open weights and one for closed, the same on every chart and in the brief.
Plain dicts rather than Altair objects: building Altair objects on every rerun costs about as
much as everything else on the page (measured, see bench/).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OPEN_COLOR = "#0b7285"  # teal
CLOSED_COLOR = "#d9480f"  # orange
UNKNOWN_COLOR = "#868e96"
ACCESS_DOMAIN = ["Open weights", "Closed", "Unknown"]
ACCESS_RANGE = [OPEN_COLOR, CLOSED_COLOR, UNKNOWN_COLOR]
TIER_LABELS = {
    1: "1 · OSI permissive",
    2: "2 · other open licence",
    3: "3 · open, with conditions",
    4: "4 · non-commercial",
    5: "5 · proprietary",
}
TIER_UNKNOWN = "? · licence unknown"
TIER_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
FONT = "sans-serif"
SELECTION = "pick"
# Label layout: the narrowest plot area the app gives the chart (px), and an 11px sans-serif glyph.
LABEL_PLOT_PX = 600
LABEL_CHAR_PX = 6.2
LABEL_LINE_PX = 13


def access_color(kinds: int = len(ACCESS_DOMAIN)) -> dict:
    """A colour encoding by kind of weights (the first ``kinds`` of ACCESS_DOMAIN), the same in every chart.

    A fresh dict each call, so that no spec shares (and could alter) another's."""
    return {
        "field": "access",
        "type": "nominal",
        "title": "Weights",
        "scale": {"domain": ACCESS_DOMAIN[:kinds], "range": ACCESS_RANGE[:kinds]},
    }


def tier_label(tier) -> str:
    return TIER_UNKNOWN if pd.isna(tier) else TIER_LABELS[int(tier)]


def vega_records(df: pd.DataFrame) -> list[dict]:
    """JSON-safe records: NaN becomes null, dates become ISO strings."""
    out = df.astype(object).where(df.notna(), None)
    for col in out.columns:
        out[col] = out[col].map(lambda v: v.isoformat()[:10] if hasattr(v, "isoformat") else v)
    return out.to_dict("records")


def vega_config() -> dict:
    return {
        "font": FONT,
        "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e9ecef"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "right"},
        "view": {"stroke": None},
    }


def labels_that_fit(points: pd.DataFrame, *, height_px: float) -> pd.Series:
    """Which points get a name label: shortlisted ones, then frontier ones from the best score down,
    each only if its label would not overlap one already placed (on a plot LABEL_PLOT_PX wide, cost on
    a log scale). The others still have their tooltip, and the caption names the whole frontier."""
    fits = pd.Series(False, index=points.index)
    if points.empty:
        return fits
    log_cost = np.log10(points["cost"].astype(float))
    score = points["score"].astype(float)
    x_px = (log_cost - log_cost.min()) / max(log_cost.max() - log_cost.min(), 1e-9) * LABEL_PLOT_PX
    y_px = (score.max() - score) / max(score.max() - score.min(), 1e-9) * (height_px - 50)
    candidates = points[points["shortlisted"] | points["on_frontier"]]
    order = candidates.sort_values(["shortlisted", "score"], ascending=[False, False])
    placed: list[tuple[float, float, float, float]] = []
    for model_id, name, shortlisted in zip(order.index, order["name"], order["shortlisted"], strict=True):
        # The label's box as drawn: left-aligned 8px right of the point, baseline 6px above it.
        left, bottom = x_px[model_id] + 8, y_px[model_id] - 6 + 3
        box = (left, bottom - LABEL_LINE_PX, left + LABEL_CHAR_PX * len(str(name)), bottom)
        if shortlisted or not any(_overlap(box, other) for other in placed):
            placed.append(box)
            fits[model_id] = True
    return fits


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def build_tradeoff_chart(
    points: pd.DataFrame, *, x_title: str, y_title: str, x_format: str, height: int = 480
) -> dict:
    """Quality (y) against cost (x, log scale) with the Pareto frontier as a step line.

    ``points`` columns: model_id, name, organization, access, tier_label, license_name, cost, score,
    cost_text, score_text, price_source, score_source, on_frontier, shortlisted. Clicking a point
    selects it (the selection is named ``pick`` and carries model_id).
    """
    # Sub-dollar ticks need decimals ($0.003), larger ones do not ($1,200).
    label = f"datum.value < 1 ? format(datum.value, '$.2~g') : format(datum.value, '{x_format}')"
    x = {
        "field": "cost",
        "type": "quantitative",
        "title": x_title,
        "scale": {"type": "log"},
        "axis": {"labelExpr": label, "labelOverlap": "greedy", "tickCount": 8},
    }
    y = {"field": "score", "type": "quantitative", "title": y_title, "scale": {"zero": False}}
    tooltip = [
        {"field": f, "title": t}
        for f, t in (
            ("name", "Model"),
            ("organization", "Organization"),
            ("access", "Weights"),
            ("license_name", "Licence"),
            ("cost_text", "Cost"),
            ("score_text", "Score"),
            ("price_source", "Price source"),
            ("score_source", "Score source"),
        )
    ]
    frontier = {
        "transform": [{"filter": "datum.on_frontier"}],
        "mark": {
            "type": "line",
            "interpolate": "step-after",
            "color": "#343a40",
            "strokeDash": [4, 3],
            "strokeWidth": 1.5,
        },
        "encoding": {"x": x, "y": y, "order": {"field": "cost", "type": "quantitative"}},
    }
    dots = {
        "params": [{"name": SELECTION, "select": {"type": "point", "fields": ["model_id"]}}],
        "mark": {"type": "point", "filled": True, "size": 90, "opacity": 0.85, "stroke": "#212529"},
        "encoding": {
            "x": x,
            "y": y,
            "tooltip": tooltip,
            "color": access_color(),
            "shape": {
                "field": "tier_label",
                "type": "nominal",
                "title": "Licence tier",
                "scale": {"domain": [*TIER_LABELS.values(), TIER_UNKNOWN], "range": TIER_SHAPES},
            },
            "strokeWidth": {"condition": {"test": "datum.shortlisted", "value": 2.5}, "value": 0},
            "size": {"condition": {"test": "datum.shortlisted", "value": 220}, "value": 90},
        },
    }
    labels = {
        "transform": [{"filter": "datum.labelled"}],
        "mark": {"type": "text", "align": "left", "dx": 8, "dy": -6, "fontSize": 11, "color": "#212529"},
        "encoding": {"x": x, "y": y, "text": {"field": "name"}},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": vega_records(points.assign(labelled=labels_that_fit(points, height_px=height)))},
        "width": "container",
        "height": height,
        "layer": [frontier, dots, labels],
        "config": vega_config(),
    }


def build_open_closed_chart(best: pd.DataFrame, *, y_title: str, height: int = 320) -> dict:
    """Best score to date of open and of closed models, by release date (a step line each).

    ``best`` columns: release_date, access, best_score, name (the model holding the record).
    """
    color = access_color(kinds=2)  # a record is always open or closed
    x = {"field": "release_date", "type": "temporal", "title": "Release date"}
    y = {"field": "best_score", "type": "quantitative", "title": y_title, "scale": {"zero": False}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": vega_records(best)},
        "width": "container",
        "height": height,
        "layer": [
            {
                "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2.5},
                "encoding": {"x": x, "y": y, "color": color},
            },
            {
                "mark": {"type": "point", "filled": True, "size": 50},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": color,
                    "tooltip": [
                        {"field": "name", "title": "Model"},
                        {"field": "release_date", "type": "temporal", "title": "Released"},
                        {"field": "best_score", "title": y_title, "format": ",.1f"},
                    ],
                },
            },
        ],
        "config": vega_config(),
    }
