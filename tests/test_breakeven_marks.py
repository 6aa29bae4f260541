"""The Costs chart's breakeven labels on real comparisons: each diamond labelled, no label on another label,
on a diamond or on the volume's label, at phone and page-column widths and wider; the key under the chart."""

import itertools

import pytest

from tests.app_helpers import bundled_tables
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.costs import breakeven_marks as bm
from tradeoffs.costs import hardware as hwmod
from tradeoffs.costs import options as cv
from tradeoffs.costs.charts import build_cost_chart, usd_domain

DEFAULT = cost_assumptions.CostAssumptions()
COMPARISONS = {
    "2×2": (["deepseek-v4.1-flash", "llama-3.3-70b"], ["gemini-4-argon", "claude-opus-5.5"], 1e8),
    "3×3": (
        ["deepseek-v4.1-flash", "llama-3.3-70b", "qwen3-32b"],
        ["gemini-4-argon", "claude-opus-5.5", "gemini-3.8-flash"],
        1e9,
    ),
}
HEIGHT_PX = 520


@pytest.fixture(scope="module")
def data():
    return bundled_tables()


def _chart(data, open_ids, api_ids, volume):
    """(spec, breakevens) as the Costs page builds them for these picks."""
    hw = hwmod.hardware(data["gpus"], DEFAULT)
    opens = cv.open_options(data["catalog"], open_ids)
    apis = [cv.api_option(data["catalog"], data["offerings"], m, cv.CHEAPEST, 0.75) for m in api_ids]
    top = cv.max_tokens_for(volume)
    breakevens = cv.breakevens(opens, apis, hw, DEFAULT, 0.75, top)
    curves = cv.curves(opens, apis, hw, DEFAULT, 0.75, top)
    return (
        build_cost_chart(curves, breakevens, volume, max_tokens=top, height=HEIGHT_PX),
        breakevens,
        curves,
        top,
    )


def _rects(diamonds: list[dict], layout: int, plot_px: float, x_domain, y_domain) -> list[tuple]:
    """Each drawn label's rectangle and each diamond's square on a plot ``plot_px`` wide."""
    labels, squares = [], []
    for d in diamonds:
        x = bm._log_share(d["tokens_per_month"], x_domain) * plot_px
        y = (1 - bm._log_share(d["usd_per_month"], y_domain)) * HEIGHT_PX
        r = bm.DIAMOND_PX
        squares.append((x - r, y - r, x + r, y + r))
        text, slot = d[f"label_{layout}"], d[f"slot_{layout}"]
        align, dx, dy = bm.SLOTS[slot]
        width = bm.CHAR_PX * len(text)
        left = x + dx - width if align == "right" else x + dx
        labels.append((left, y + dy - bm.LINE_PX, left + width, y + dy))
    return labels, squares


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("comparison", COMPARISONS)
@pytest.mark.parametrize("plot_px", [250, 330, 480, 900])
def test_breakeven_labels_touch_no_label_and_no_diamond(data, comparison, plot_px):
    spec, breakevens, curves, top = _chart(data, *COMPARISONS[comparison])
    (diamond_layer,) = [layer for layer in spec["layer"] if layer["mark"].get("shape") == "diamond"]
    diamonds = diamond_layer["data"]["values"]
    assert len(diamonds) >= 3  # several breakevens: the case where labels used to pile up
    layout = max(i for i, w in enumerate(bm.LAYOUT_WIDTHS_PX) if w <= plot_px)
    assert all(d[f"label_{layout}"] for d in diamonds)  # every diamond labelled
    labels, squares = _rects(
        diamonds, layout, plot_px, (cv.MIN_TOKENS, top), usd_domain(curves["usd_per_month"])
    )
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a, b)
    for label in labels:
        assert not any(_overlap(label, s) for s in squares)
        assert label[0] >= 0 and label[2] <= plot_px and label[1] >= 0 and label[3] <= HEIGHT_PX
    numbers = sorted(int(n) for d in diamonds for n in d["numbers"].split(","))
    assert numbers == list(range(1, breakevens["tokens_per_month"].notna().sum() + 1))


def test_the_key_lists_every_breakeven_by_its_number_cheapest_volume_first(data):
    _, breakevens, _, _ = _chart(data, *COMPARISONS["2×2"])
    key = bm.breakeven_key(breakevens)
    marked = breakevens.dropna(subset=["tokens_per_month"]).sort_values("tokens_per_month")
    for i, row in enumerate(marked.itertuples(), start=1):
        assert f"{i} {row.open_label} vs {row.api_label} (" in key
    assert bm.breakeven_key(marked.head(1)) == ""  # a lone breakeven is labelled on the chart itself
