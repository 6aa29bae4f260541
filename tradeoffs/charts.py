"""Chart builders: DataFrame in, Vega-Lite spec (a plain dict) out. No Streamlit here.

One colour for open weights and one for closed, the same on every chart and in the brief.
Plain dicts rather than Altair objects: building Altair objects on every rerun costs about as
much as everything else on the page (measured, see bench/).
"""

from __future__ import annotations

import textwrap

import pandas as pd

from tradeoffs import label_layout

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
# The width fits the container and the height is the plot's own (axes and legends come on top), so that
# the label layout's pixel estimates hold. Streamlit's default ("fit") would shrink the plot instead.
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}
# $0.003, $10, $1.5k, $2M: decimals only below a dollar, SI suffixes from a thousand up (no "$10.00").
USD_LABEL = "datum.value < 1 ? format(datum.value, '$.2~g') : replace(format(datum.value, '$.2~s'), 'G', 'B')"


def access_color(kinds: int = len(ACCESS_DOMAIN), *, present=None) -> dict:
    """A colour encoding by kind of weights (the first ``kinds`` of ACCESS_DOMAIN), the same in every chart.
    With ``present`` (the plotted values), the legend lists only those, each in its usual colour.

    A fresh dict each call, so that no spec shares (and could alter) another's."""
    domain, colors = plotted_domain(ACCESS_DOMAIN[:kinds], ACCESS_RANGE[:kinds], present)
    return {
        "field": "access",
        "type": "nominal",
        "title": "Weights",
        "scale": {"domain": domain, "range": colors},
    }


def plotted_domain(domain: list, styles: list, present=None) -> tuple[list, list]:
    """(domain, styles) kept to the categories in ``present`` (all when None), so that a legend lists
    only what is plotted while each category keeps its colour or shape."""
    if present is None:
        return list(domain), list(styles)
    seen = set(present)
    kept = [(d, s) for d, s in zip(domain, styles, strict=True) if d in seen]
    return [d for d, _ in kept], [s for _, s in kept]


def tier_label(tier) -> str:
    return TIER_UNKNOWN if pd.isna(tier) else TIER_LABELS[int(tier)]


def _json_column(values: pd.Series) -> list:
    """A column as JSON-safe Python values: None for a missing value (NaN, NaT, pd.NA), an ISO date
    for a date, else the value. Per column: pandas 3 would turn a None back into NaN in a column of
    strings, and a call per value cost more than the chart."""
    if values.dtype.kind == "M":
        return [None if pd.isna(v) else v.isoformat()[:10] for v in values]
    out = values.to_numpy(dtype=object, na_value=None).tolist()
    if values.dtype == object:
        out = [v.isoformat()[:10] if hasattr(v, "isoformat") else v for v in out]
    return out


def vega_records(df: pd.DataFrame) -> list[dict]:
    """JSON-safe records (see _json_column): never NaN, which is not JSON; dates as ISO strings."""
    columns = [_json_column(df[c]) for c in df.columns]
    return [dict(zip(df.columns, row, strict=True)) for row in zip(*columns, strict=True)]


def vega_config(legend_orient: str = "right") -> dict:
    """Fonts, grid and legend placement. Charts that must read on a phone put legends at the "bottom",
    laid out in a row, so that the plot keeps the full width."""
    legend = {"labelFontSize": 12, "titleFontSize": 12, "orient": legend_orient}
    if legend_orient in ("top", "bottom"):
        legend |= {
            "direction": "vertical",
            "layout": {legend_orient: {"anchor": "start", "direction": "horizontal"}},
        }
    return {
        "font": FONT,
        "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e9ecef"},
        "legend": legend,
        "view": {"stroke": None},
    }


def build_tradeoff_chart(points: pd.DataFrame, *, x_title: str, y_title: str, height: int = 480) -> dict:
    """Quality (y) against cost (x, log scale) with the Pareto frontier as a step line.

    ``points`` columns: model_id, name, organization, access, tier_label, license_name, cost, score,
    cost_text, score_text, price_source, score_source, on_frontier, shortlisted. Clicking a point
    selects it (the selection is named ``pick`` and carries model_id). Frontier and shortlisted
    models carry a name or a key number (see label_layout and ``frontier_key``).
    """
    x, y = _tradeoff_axes(points, x_title, y_title, height)
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
    labels = label_layout.label_columns(points, height_px=height)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": vega_records(points.join(labels))},
        "width": "container",
        "height": height,
        "autosize": FIT_WIDTH,
        "layer": [frontier, _tradeoff_dots(points, x, y), *_label_layers(x, y)],
        "config": vega_config("bottom"),
    }


def _tradeoff_axes(points: pd.DataFrame, x_title: str, y_title: str, height: int) -> tuple[dict, dict]:
    """x (cost, log) and y (score) with the fixed domains the label layout assumes."""
    x_axis = {"labelExpr": USD_LABEL, "labelOverlap": "greedy"}
    x_scale = {"type": "log", "nice": False}
    y_scale = {"zero": False, "nice": False}
    if len(points):
        x_scale["domain"] = list(label_layout.x_domain(points["cost"]))
        y_scale["domain"] = list(label_layout.y_domain(points["score"], height))
        if x_scale["domain"][1] / x_scale["domain"][0] > 100:  # on a phone, label only the decades
            decade = "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6"
            x_axis["labelExpr"] = f"width < 400 && !({decade}) ? '' : {USD_LABEL}"
    x = {
        "field": "cost",
        "type": "quantitative",
        "title": title_lines(x_title),
        "scale": x_scale,
        "axis": x_axis,
    }
    y = {"field": "score", "type": "quantitative", "title": y_title, "scale": y_scale}
    return x, y


def title_lines(title: str, width_chars: int = 42) -> list[str]:
    """An axis title as lines short enough for a phone: split at " — ", then wrapped."""
    return [line for part in title.split(" — ") for line in textwrap.wrap(part, width_chars)]


def _tradeoff_dots(points: pd.DataFrame, x: dict, y: dict) -> dict:
    """The points, coloured by kind of weights and shaped by licence tier; legends list what is plotted."""
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
    tiers, shapes = plotted_domain([*TIER_LABELS.values(), TIER_UNKNOWN], TIER_SHAPES, points["tier_label"])
    return {
        "params": [{"name": SELECTION, "select": {"type": "point", "fields": ["model_id"]}}],
        "mark": {"type": "point", "filled": True, "size": 90, "opacity": 0.85, "stroke": "#212529"},
        "encoding": {
            "x": x,
            "y": y,
            "tooltip": tooltip,
            "color": access_color(present=points["access"]),
            "shape": {
                "field": "tier_label",
                "type": "nominal",
                "title": "Licence tier",
                "scale": {"domain": tiers, "range": shapes},
            },
            "strokeWidth": {"condition": {"test": "datum.shortlisted", "value": 2.5}, "value": 0},
            "size": {"condition": {"test": "datum.shortlisted", "value": 220}, "value": 90},
        },
    }


def _label_layers(x: dict, y: dict) -> list[dict]:
    """Text by the labelled points: the layout for the widest assumed plot that the actual plot reaches
    (the ``width`` signal), one layer per slot, each over a white halo so that it reads over the grid."""
    chosen = label_layout.pick_layout(label_layout.LAYOUT_WIDTHS_PX)
    text = {"type": "text", "baseline": "bottom", "fontSize": 11, "color": "#212529"}
    halo = {"stroke": "white", "strokeWidth": 3, "strokeJoin": "round"}
    return [
        {
            "transform": [*chosen, {"filter": f"datum.label && datum.slot == {slot}"}],
            "mark": {**text, "align": align, "dx": dx, "dy": dy, **style},
            "encoding": {"x": x, "y": y, "text": {"field": "label"}},
        }
        for slot, (align, dx, dy) in enumerate(label_layout.SLOTS)
        for style in (halo, {})
    ]


def frontier_key(points: pd.DataFrame) -> str:
    """The key to the chart's numbers: "1 Name · 2 Name …" for the frontier, cheapest first, then
    "; shortlisted: 5 Name …" for shortlisted models off it."""
    p = label_layout.PlotPoints.of(points)
    keyed = list(enumerate(label_layout.key_order(p), start=1))
    parts = [
        " · ".join(f"{n} {p.names[i]}" for n, i in keyed if p.frontier[i] == on_frontier)
        for on_frontier in (True, False)
    ]
    return parts[0] + (f"; shortlisted: {parts[1]}" if parts[1] else "")


def build_open_closed_chart(
    best: pd.DataFrame,
    *,
    y_title: str,
    height: int = 320,
    x_titles: tuple[str, str] = ("Release date", "Released"),
) -> dict:
    """Best score to date of open and of closed models, by release date (a step line each).

    ``best`` columns: release_date, access, best_score, name (the model holding the record).
    ``x_titles``: the date axis's title and the tooltip's (another date, e.g. a leaderboard's).
    """
    color = access_color(kinds=2, present=best["access"])  # a record is always open or closed
    color["legend"] = {"direction": "horizontal"}
    # A tick a year: month names without their year do not say when.
    axis = {"format": "%Y", "tickCount": {"interval": "year", "step": 1}}
    x = {"field": "release_date", "type": "temporal", "title": x_titles[0], "axis": axis}
    y = {"field": "best_score", "type": "quantitative", "title": y_title, "scale": {"zero": False}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": vega_records(best)},
        "width": "container",
        "height": height,
        "autosize": FIT_WIDTH,
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
                        {"field": "release_date", "type": "temporal", "title": x_titles[1]},
                        {"field": "best_score", "title": y_title, "format": ",.1f"},
                    ],
                },
            },
        ],
        "config": vega_config("bottom"),
    }
