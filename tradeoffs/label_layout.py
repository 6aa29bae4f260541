"""Where the quality-vs-cost scatter puts its labels, estimated in pixels (no Streamlit, no Vega).

A label goes first up and to the left of its point, right-aligned, its corner GAP_PX from the point.
For a point on the Pareto frontier that region is empty by definition (no plotted model is both
cheaper and better, and the frontier's step line runs right of and below each frontier point), so
there it can only meet another label. Else it goes up-right, down-right or down-left. Every label is
checked against the labels placed, the markers and the step line's risers; a name that does not fit
falls back to the model's key number (listed under the chart), a number that does not fit goes higher.

Both axes have fixed domains (``x_domain``, ``y_domain``) so that these estimates match the chart.
The plot is ``height_px`` tall; its width depends on the screen, so a layout is computed for an
assumed width and checked for every larger one: on a wider plot each label and marker keeps its
pixel offset from its point while the points move apart horizontally in proportion (``collide``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Plot widths a layout is computed for, each used from that width up: 240 px for phones (a 390-px one
# leaves ≈ 290 px of plot, a 320-px one ≈ 240), a half screen, and a 1280-px projector (≈ 800 px).
LAYOUT_WIDTHS_PX = (240, 480, 720)
CHAR_PX = 7.0  # 11px DejaVu Sans (the browsers' sans-serif here): model names measure ≤ 6.8 px a char
LINE_PX = 13
MARKER_PX = 9.5  # the largest marker's half-extent: a shortlisted point (size 220) with its 2.5px stroke
GAP_PX = 10.0  # from the point to the label's nearest corner; more than MARKER_PX, so it clears markers
# Where a label may go: (align, dx, dy) of its bottom corner from the point, for the text mark.
SLOTS = (
    ("right", -GAP_PX, -GAP_PX),  # up-left: the empty side of a frontier point
    ("left", MARKER_PX / 2, -GAP_PX),  # up-right, starting over the point's right half
    ("right", -GAP_PX, -GAP_PX - LINE_PX),  # up-left, one and two lines higher (numbers only)
    ("right", -GAP_PX, -GAP_PX - 2 * LINE_PX),
    ("left", MARKER_PX / 2, GAP_PX + LINE_PX),  # down-right and down-left: among dominated models
    ("right", -GAP_PX, GAP_PX + LINE_PX),
)
NAME_SLOTS = (0, 1, 4, 5)
NUMBER_SLOTS = (0, 2, 3, 1, 4, 5)
LEVELS = 3  # label heights above the best point that the y domain leaves room for
TOP_ROOM_PX = GAP_PX + LEVELS * LINE_PX + 2  # room above the best point for its label
LEFT_ROOM = 0.12  # share of the x axis left of the cheapest point, for its label or number
RIGHT_ROOM = 0.04

# An item on the plot, as (anchor_px, left, right, top, bottom): its x extent is anchor_px + left …
# anchor_px + right, where the anchor (a point's x) scales with the plot's width and the offsets do not.
Item = tuple[float, float, float, float, float]


LAYOUT_COLUMNS = ["name", "cost", "score", "on_frontier", "shortlisted"]


def lean_points(points: pd.DataFrame) -> pd.DataFrame:
    """Only what the layout reads, names as plain Python strings: every selection on the full points
    (dozens of Arrow-backed text columns) would copy all of them."""
    lean = points[LAYOUT_COLUMNS]
    return lean.assign(name=lean["name"].astype(object), cost=lean["cost"].astype(float))


def key_numbers(points: pd.DataFrame) -> pd.Series:
    """A number per labelled model, as the key under the chart lists them: the frontier cheapest first,
    then shortlisted models off it. Strings, indexed like ``points``; "" for the others."""
    frontier = points[points["on_frontier"]].sort_values(["cost", "score"], ascending=[True, False])
    others = points[points["shortlisted"] & ~points["on_frontier"]].sort_values("cost")
    order = [*frontier.index, *others.index]
    numbers = pd.Series("", index=points.index, dtype=object)
    numbers[order] = [str(i) for i in range(1, len(order) + 1)]
    return numbers


def x_domain(cost: pd.Series) -> tuple[float, float]:
    """The cost axis (log): the costs with LEFT_ROOM/RIGHT_ROOM of the span added (a decade if none)."""
    logs = np.log10(cost.astype(float))
    low, high = float(logs.min()), float(logs.max())
    span = high - low or 1.0
    return 10 ** (low - LEFT_ROOM * span), 10 ** (high + RIGHT_ROOM * span)


def y_domain(score: pd.Series, height_px: float) -> tuple[float, float]:
    """The score axis: the best score TOP_ROOM_PX below the top, the worst 3% of the height above the
    bottom (10 points when all scores are equal)."""
    low, high = float(score.min()), float(score.max())
    span = high - low or 10.0
    per_px = span / (height_px * (1 - 0.03) - TOP_ROOM_PX)
    return low - 0.03 * height_px * per_px, high + TOP_ROOM_PX * per_px


def to_pixels(points: pd.DataFrame, width_px: float, height_px: float) -> pd.DataFrame:
    """x_px, y_px of each point on a plot of that size (y down), the domains as the chart sets them."""
    x_low, x_high = np.log10(x_domain(points["cost"]))
    y_low, y_high = y_domain(points["score"], height_px)
    x = (np.log10(points["cost"].astype(float)) - x_low) / (x_high - x_low) * width_px
    y = (y_high - points["score"].astype(float)) / (y_high - y_low) * height_px
    return pd.DataFrame({"x_px": x, "y_px": y}, index=points.index)


def label_item(x_px: float, y_px: float, text: str, slot: int = 0) -> Item:
    """The extent of ``text`` drawn in SLOTS[slot] of the point at (x_px, y_px)."""
    align, dx, dy = SLOTS[slot]
    width = CHAR_PX * len(text)
    left = dx - width if align == "right" else dx
    return x_px, left, left + width, y_px + dy - LINE_PX, y_px + dy


def obstacles(points: pd.DataFrame, px: pd.DataFrame) -> list[Item]:
    """Every marker, and the risers of the frontier's step line (vertical, at each frontier point but
    the first, from the previous one's score up)."""
    items = [(x, -MARKER_PX, MARKER_PX, y - MARKER_PX, y + MARKER_PX) for x, y in px.itertuples(index=False)]
    steps = px[points["on_frontier"]].assign(cost=points["cost"]).sort_values(["cost", "y_px"])
    below = steps["y_px"].shift().to_numpy()
    risers = zip(steps["x_px"], steps["y_px"], below, strict=True)
    items += [(x, -1.0, 1.0, y, low) for x, y, low in risers if low > y]
    return items


def collide(a: Item, b: Item) -> bool:
    """Whether a and b overlap on this plot or on any wider one (their anchors' gap grows with the width)."""
    if not (a[3] < b[4] and b[3] < a[4]):
        return False
    gap, low, high = b[0] - a[0], a[1] - b[2], a[2] - b[1]  # overlap while low < gap × stretch < high
    return high > gap if gap > 0 else low < gap if gap < 0 else low < 0 < high


def collides_any(item: Item, items: np.ndarray) -> bool:
    """``collide(item, b)`` for any row b of ``items`` (an N×5 array of Items), vectorised: the markers
    are many, the candidate labels few."""
    if not len(items):
        return False
    anchor, left, right, top, bottom = items.T
    vertical = (item[3] < bottom) & (top < item[4])
    gap, low, high = anchor - item[0], item[1] - right, item[2] - left
    hit = np.where(gap > 0, high > gap, np.where(gap < 0, low < gap, (low < 0) & (high > 0)))
    return bool((vertical & hit).any())


def place_labels(points: pd.DataFrame, *, width_px: float, height_px: float) -> pd.DataFrame:
    """Per point: ``label`` (its name, its key number, or "") and ``slot`` (see SLOTS), so that no label
    leaves the plot or touches another label, a marker or a riser at ``width_px`` or wider.

    First every keyed model gets its number (so that each can be found), then, shortlisted models first
    and then from the best score down, the number becomes the name where the name fits."""
    placed: dict[str, tuple[str, int]] = {}  # model id → (label, slot); pandas setitem per label was slow
    if points.empty:
        return _layout_frame(points, placed)
    px = to_pixels(points, width_px, height_px)
    anchors = dict(zip(px.index, px.itertuples(index=False, name=None), strict=True))
    fixed, numbers = np.array(obstacles(points, px), dtype=float).reshape(-1, 5), key_numbers(points)
    keyed = points[numbers != ""]
    best_first = keyed.sort_values(["shortlisted", "score"], ascending=[False, False]).index
    labels: dict[str, Item] = {}
    # Numbers from the lowest score up, so that of two crowded numbers the higher point's goes higher.
    for texts, slots, order in (
        (
            numbers.to_dict(),
            NUMBER_SLOTS,
            keyed.sort_values(["shortlisted", "score"], ascending=[False, True]).index,
        ),
        (points["name"].astype(str).to_dict(), NAME_SLOTS, best_first),
    ):
        for model_id in order:
            others = [item for m, item in labels.items() if m != model_id]
            for slot in slots:
                item = label_item(*anchors[model_id], texts[model_id], slot)
                free = not collides_any(item, fixed) and not any(collide(item, o) for o in others)
                if _on_plot(item, width_px, height_px) and free:
                    labels[model_id], placed[model_id] = item, (texts[model_id], slot)
                    break
    return _layout_frame(points, placed)


def _layout_frame(points: pd.DataFrame, placed: dict[str, tuple[str, int]]) -> pd.DataFrame:
    """``label`` and ``slot`` per point ("" and 0 where nothing is placed)."""
    return pd.DataFrame(
        {
            "label": [placed.get(m, ("", 0))[0] for m in points.index],
            "slot": [placed.get(m, ("", 0))[1] for m in points.index],
        },
        index=points.index,
    )


def _on_plot(item: Item, width_px: float, height_px: float) -> bool:
    return item[0] + item[1] >= 0 and item[0] + item[2] <= width_px and item[3] >= 0 and item[4] <= height_px


def label_columns(points: pd.DataFrame, *, height_px: float) -> pd.DataFrame:
    """``label_i`` and ``slot_i`` for the layout at each of LAYOUT_WIDTHS_PX, indexed like ``points``."""
    columns = {}
    lean = lean_points(points)
    for i, width_px in enumerate(LAYOUT_WIDTHS_PX):
        layout = place_labels(lean, width_px=width_px, height_px=height_px)
        columns[f"label_{i}"], columns[f"slot_{i}"] = layout["label"], layout["slot"]
    return pd.DataFrame(columns, index=points.index)


def pick_layout(widths_px: tuple[int, ...]) -> list[dict]:
    """Vega-Lite transforms that set ``label`` and ``slot`` from the columns of the layout for the widest
    of ``widths_px`` that the plot reaches (the ``width`` signal); the first below that."""
    steps = list(enumerate(widths_px))[:0:-1]
    pick = "".join(f"width >= {w} ? datum.{{0}}_{i} : " for i, w in steps) + "datum.{0}_0"
    return [{"calculate": pick.format(field), "as": field} for field in ("label", "slot")]
