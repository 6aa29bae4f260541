"""The Costs chart's breakeven diamonds and their labels, placed so that no two labels and no label and
diamond overlap, on a phone as on a projector (estimated pixels, like tradeoffs.label_layout).

Each diamond is numbered, cheapest volume first; ``breakeven_key`` is the list under the chart. A label
says "breakeven 12.3B" when there is one breakeven, "2 · 12.3B" when there are several, and just the
number where that does not fit. Breakevens at the same spot share one diamond and one label ("1,2").
"""

from __future__ import annotations

import math

import pandas as pd

from tradeoffs.charts import vega_records
from tradeoffs.label_layout import Item, collide, pick_layout
from tradeoffs.text import fmt_tokens

MARKER_COLOR = "#212529"
LAYOUT_WIDTHS_PX = (240, 440)  # plot widths: a phone's (≈ 290 px) and the Costs page's column (≈ 480 px)
CHAR_PX = 8.5  # 12px bold DejaVu Sans
LINE_PX = 14
DIAMOND_PX = 8.0  # half the diagonal of a size-180 diamond with its white stroke
GAP_PX = 9.0
# (align, dx, dy) of the label's bottom corner from the diamond: above-left, above-right, below-right,
# below-left, then one and two lines further out on each side.
SLOTS = tuple(
    (align, sign * GAP_PX, dy)
    for dy in (-GAP_PX, GAP_PX + LINE_PX, -GAP_PX - LINE_PX, GAP_PX + 2 * LINE_PX, -GAP_PX - 2 * LINE_PX)
    for align, sign in (("right", -1), ("left", 1))
)


def marked(breakevens: pd.DataFrame) -> pd.DataFrame:
    """One row per diamond: tokens_per_month, usd_per_month, numbers ("1" or "1,2"), pair, text;
    breakevens with a volume, cheapest volume first, those at the same spot merged."""
    rows = breakevens.dropna(subset=["tokens_per_month"]).sort_values("tokens_per_month", kind="stable")
    rows = rows.assign(
        number=range(1, len(rows) + 1),
        spot=[
            f"{t:.3g}|{u:.3g}" for t, u in zip(rows["tokens_per_month"], rows["usd_per_month"], strict=True)
        ],
        pair=rows["open_label"] + " vs " + rows["api_label"],
    )
    return (
        rows.groupby("spot", sort=False)
        .agg(
            tokens_per_month=("tokens_per_month", "first"),
            usd_per_month=("usd_per_month", "first"),
            numbers=("number", lambda n: ",".join(map(str, n))),
            pair=("pair", " · ".join),
            text=("text", " · ".join),
        )
        .reset_index(drop=True)
    )


def breakeven_layers(
    breakevens: pd.DataFrame, x_domain: tuple, y_domain: tuple, *, height_px: float, avoid=()
) -> list[dict]:
    """Vega-Lite layers: a diamond per breakeven spot (tooltip: who vs whom) and its label, one text
    layer per slot over a white halo; the layout for the plot's width is chosen in the browser."""
    diamonds = marked(breakevens)
    if diamonds.empty:
        return []
    for i, width_px in enumerate(LAYOUT_WIDTHS_PX):
        layout = place(diamonds, x_domain, y_domain, width_px=width_px, height_px=height_px, avoid=avoid)
        diamonds[f"label_{i}"], diamonds[f"slot_{i}"] = [t for t, _ in layout], [s for _, s in layout]
    data = {"values": vega_records(diamonds)}
    x = {"field": "tokens_per_month", "type": "quantitative"}
    y = {"field": "usd_per_month", "type": "quantitative"}
    tooltip = [
        {"field": "numbers", "title": "Breakeven"},
        {"field": "pair", "title": "Between"},
        {"field": "text", "title": "In words"},
    ]
    mark = {"type": "point", "shape": "diamond", "filled": True, "size": 180, "opacity": 1}
    diamond = {
        "data": data,
        "encoding": {"x": x, "y": y, "tooltip": tooltip},
        "mark": {**mark, "color": MARKER_COLOR, "stroke": "white", "strokeWidth": 1.5},
    }
    text = {"type": "text", "baseline": "bottom", "fontSize": 12, "fontWeight": "bold", "color": MARKER_COLOR}
    halo = {"stroke": "white", "strokeWidth": 4, "strokeJoin": "round"}
    labels = [
        {
            "data": data,
            "transform": [*pick_layout(LAYOUT_WIDTHS_PX), {"filter": f"datum.label && datum.slot == {slot}"}],
            "mark": {**text, "align": align, "dx": dx, "dy": dy, **style},
            "encoding": {"x": x, "y": y, "text": {"field": "label"}},
        }
        for slot, (align, dx, dy) in enumerate(SLOTS)
        for style in (halo, {})
    ]
    return [diamond, *labels]


def breakeven_key(breakevens: pd.DataFrame) -> str:
    """ "1 A vs B (12.3B tokens/month) · 2 …": what each numbered diamond is, cheapest volume first."""
    rows = breakevens.dropna(subset=["tokens_per_month"]).sort_values("tokens_per_month", kind="stable")
    if len(rows) < 2:
        return ""  # a lone diamond says "breakeven 12.3B" itself
    return " · ".join(
        f"{i} {r.open_label} vs {r.api_label} ({fmt_tokens(r.tokens_per_month)} tokens/month)"
        for i, r in enumerate(rows.itertuples(index=False), start=1)
    )


def place(
    diamonds: pd.DataFrame, x_domain: tuple, y_domain: tuple, *, width_px: float, height_px: float, avoid=()
) -> list[tuple[str, int]]:
    """(label, slot) per diamond so that labels stay on the plot and touch no other label, no diamond and
    nothing in ``avoid`` at ``width_px`` or wider; ("", 0) where not even the number fits. ``avoid``:
    (tokens_per_month, left, right, top, bottom), the x offsets in pixels from that volume."""
    x = [_log_share(t, x_domain) * width_px for t in diamonds["tokens_per_month"]]
    y = [(1 - _log_share(u, y_domain)) * height_px for u in diamonds["usd_per_month"]]
    d = DIAMOND_PX
    taken = [(_log_share(t, x_domain) * width_px, *rest) for t, *rest in avoid]
    taken += [(xi, -d, d, yi - d, yi + d) for xi, yi in zip(x, y, strict=True)]
    single = list(diamonds["numbers"]) == ["1"]  # one breakeven: no key under the chart
    out = [("", 0)] * len(diamonds)
    for i, r in enumerate(diamonds.itertuples(index=False)):
        volume = fmt_tokens(r.tokens_per_month)
        for text in (f"breakeven {volume}" if single else f"{r.numbers} · {volume}", r.numbers):
            free = [
                (slot, item)
                for slot, item in _candidates(x[i], y[i], text)
                if _on_plot(item, width_px, height_px) and not any(collide(item, o) for o in taken)
            ]
            if free:
                taken.append(free[0][1])
                out[i] = (text, free[0][0])
                break
    return out


def _candidates(x: float, y: float, text: str):
    """(slot, Item) for ``text`` in each of SLOTS around the diamond at (x, y)."""
    width = CHAR_PX * len(text)
    for slot, (align, dx, dy) in enumerate(SLOTS):
        left = dx - width if align == "right" else dx
        yield slot, (x, left, left + width, y + dy - LINE_PX, y + dy)


def _on_plot(item: Item, width_px: float, height_px: float) -> bool:
    x, left, right, top, bottom = item
    return x + left >= 0 and x + right <= width_px and top >= 0 and bottom <= height_px


def _log_share(value: float, domain: tuple) -> float:
    low, high = (math.log10(v) for v in domain)
    return (math.log10(value) - low) / (high - low)
