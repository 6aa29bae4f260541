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

from dataclasses import dataclass

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


@dataclass(frozen=True)
class PlotPoints:
    """What the layout reads, as plain arrays (pandas per-label selections cost more than the layout)."""

    ids: list
    names: list[str]
    cost: np.ndarray
    score: np.ndarray
    frontier: np.ndarray  # bool
    shortlisted: np.ndarray  # bool

    @classmethod
    def of(cls, points: pd.DataFrame) -> PlotPoints:
        return cls(
            ids=list(points.index),
            names=[str(n) for n in points["name"]],
            cost=points["cost"].to_numpy(dtype=float),
            score=points["score"].to_numpy(dtype=float),
            frontier=points["on_frontier"].to_numpy(dtype=bool),
            shortlisted=points["shortlisted"].to_numpy(dtype=bool),
        )


def key_order(p: PlotPoints) -> np.ndarray:
    """Positions of the labelled models in key order: the frontier cheapest first (the better of equal
    costs first), then shortlisted models off it, cheapest first."""
    frontier = np.flatnonzero(p.frontier)
    frontier = frontier[np.lexsort((-p.score[frontier], p.cost[frontier]))]
    others = np.flatnonzero(p.shortlisted & ~p.frontier)
    others = others[np.argsort(p.cost[others], kind="stable")]
    return np.concatenate([frontier, others]).astype(int)


def _numbers(p: PlotPoints) -> list[str]:
    numbers = [""] * len(p.ids)
    for i, position in enumerate(key_order(p), start=1):
        numbers[position] = str(i)
    return numbers


def key_numbers(points: pd.DataFrame) -> pd.Series:
    """A number per labelled model, as the key under the chart lists them: the frontier cheapest first,
    then shortlisted models off it. Strings, indexed like ``points``; "" for the others."""
    return pd.Series(_numbers(PlotPoints.of(points)), index=points.index, dtype=object)


def x_domain(cost: pd.Series | np.ndarray) -> tuple[float, float]:
    """The cost axis (log): the costs with LEFT_ROOM/RIGHT_ROOM of the span added (a decade if none)."""
    logs = np.log10(np.asarray(cost, dtype=float))
    low, high = float(logs.min()), float(logs.max())
    span = high - low or 1.0
    return 10 ** (low - LEFT_ROOM * span), 10 ** (high + RIGHT_ROOM * span)


def y_domain(score: pd.Series | np.ndarray, height_px: float) -> tuple[float, float]:
    """The score axis: the best score TOP_ROOM_PX below the top, the worst 3% of the height above the
    bottom (10 points when all scores are equal)."""
    score = np.asarray(score, dtype=float)
    low, high = float(score.min()), float(score.max())
    span = high - low or 10.0
    per_px = span / (height_px * (1 - 0.03) - TOP_ROOM_PX)
    return low - 0.03 * height_px * per_px, high + TOP_ROOM_PX * per_px


def _pixels(cost: np.ndarray, score: np.ndarray, width_px: float, height_px: float) -> tuple[np.ndarray, ...]:
    x_low, x_high = np.log10(x_domain(cost))
    y_low, y_high = y_domain(score, height_px)
    x = (np.log10(cost) - x_low) / (x_high - x_low) * width_px
    return x, (y_high - score) / (y_high - y_low) * height_px


def to_pixels(points: pd.DataFrame, width_px: float, height_px: float) -> pd.DataFrame:
    """x_px, y_px of each point on a plot of that size (y down), the domains as the chart sets them."""
    x, y = _pixels(points["cost"].to_numpy(float), points["score"].to_numpy(float), width_px, height_px)
    return pd.DataFrame({"x_px": x, "y_px": y}, index=points.index)


def label_item(x_px: float, y_px: float, text: str, slot: int = 0) -> Item:
    """The extent of ``text`` drawn in SLOTS[slot] of the point at (x_px, y_px)."""
    align, dx, dy = SLOTS[slot]
    width = CHAR_PX * len(text)
    left = dx - width if align == "right" else dx
    return x_px, left, left + width, y_px + dy - LINE_PX, y_px + dy


def obstacles(p: PlotPoints, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Every marker, and the risers of the frontier's step line (vertical, at each frontier point but
    the first, from the previous one's score up), as an N×5 array of Items."""
    markers = np.column_stack([x, np.full_like(x, -MARKER_PX), np.full_like(x, MARKER_PX), y - MARKER_PX])
    markers = np.column_stack([markers, y + MARKER_PX])
    steps = np.flatnonzero(p.frontier)
    steps = steps[np.lexsort((y[steps], p.cost[steps]))]
    top, low = y[steps][1:], y[steps][:-1]  # each riser runs from its point up from the previous one
    rising = low > top
    risers = np.column_stack(
        [
            x[steps][1:][rising],
            np.full(rising.sum(), -1.0),
            np.full(rising.sum(), 1.0),
            top[rising],
            low[rising],
        ]
    )
    return np.vstack([markers, risers.reshape(-1, 5)])


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
    leaves the plot or touches another label, a marker or a riser at ``width_px`` or wider."""
    p = PlotPoints.of(points)
    labels, slots = _place(p, _numbers(p), width_px, height_px)
    return pd.DataFrame({"label": labels, "slot": slots}, index=points.index)


def _place(p: PlotPoints, numbers: list[str], width_px: float, height_px: float) -> tuple[list, list]:
    """(label, slot) per point. First every keyed model gets its number (so that each can be found),
    then, shortlisted models first and then from the best score down, the number becomes the name
    where the name fits."""
    labels, slots = [""] * len(p.ids), [0] * len(p.ids)
    if not p.ids:
        return labels, slots
    x, y = _pixels(p.cost, p.score, width_px, height_px)
    fixed = obstacles(p, x, y)
    keyed = np.flatnonzero(np.array(numbers, dtype=object) != "")
    by_score = p.score[keyed]
    # Numbers from the lowest score up, so that of two crowded numbers the higher point's goes higher.
    numbers_first = keyed[np.lexsort((by_score, ~p.shortlisted[keyed]))]
    names_first = keyed[np.lexsort((-by_score, ~p.shortlisted[keyed]))]
    placed: dict[int, Item] = {}
    for texts, slot_order, order in (
        (numbers, NUMBER_SLOTS, numbers_first),
        (p.names, NAME_SLOTS, names_first),
    ):
        for i in order:
            others = [item for j, item in placed.items() if j != i]
            for slot in slot_order:
                item = label_item(x[i], y[i], texts[i], slot)
                free = not collides_any(item, fixed) and not any(collide(item, o) for o in others)
                if _on_plot(item, width_px, height_px) and free:
                    placed[i], labels[i], slots[i] = item, texts[i], slot
                    break
    return labels, slots


def _on_plot(item: Item, width_px: float, height_px: float) -> bool:
    return item[0] + item[1] >= 0 and item[0] + item[2] <= width_px and item[3] >= 0 and item[4] <= height_px


def label_columns(points: pd.DataFrame, *, height_px: float) -> pd.DataFrame:
    """``label_i`` and ``slot_i`` for the layout at each of LAYOUT_WIDTHS_PX, indexed like ``points``."""
    p = PlotPoints.of(points)
    numbers, columns = _numbers(p), {}
    for i, width_px in enumerate(LAYOUT_WIDTHS_PX):
        columns[f"label_{i}"], columns[f"slot_{i}"] = _place(p, numbers, width_px, height_px)
    return pd.DataFrame(columns, index=points.index)


def pick_layout(widths_px: tuple[int, ...]) -> list[dict]:
    """Vega-Lite transforms that set ``label`` and ``slot`` from the columns of the layout for the widest
    of ``widths_px`` that the plot reaches (the ``width`` signal); the first below that."""
    steps = list(enumerate(widths_px))[:0:-1]
    pick = "".join(f"width >= {w} ? datum.{{0}}_{i} : " for i, w in steps) + "datum.{0}_0"
    return [{"calculate": pick.format(field), "as": field} for field in ("label", "slot")]
