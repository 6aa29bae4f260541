"""The quality-vs-cost chart on real links: every frontier model named or numbered, no label on another
label or on a marker at phone and projector widths; legends list only what is plotted; money ticks."""

import itertools

import pandas as pd
import pytest

from tradeoffs import insights, label_layout
from tradeoffs.charts import build_open_closed_chart, build_tradeoff_chart, frontier_key
from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.ui import loaders

BANK = Constraints(deployment="on-prem", license="commercial", min_score=1289.5, volume_tokens=10**9)
LINKS = {
    "bank": BANK,
    "default": Constraints(),
    "high bar": Constraints(min_score=1450),
    "monthly, private cloud": Constraints(cost_view="monthly", deployment="private-cloud"),
    "shortlist": Constraints(
        deployment="on-prem", license="commercial", shortlist=("llama-3.3-70b", "gpt-4o")
    ),
}
PHONE_PX, PROJECTOR_PX = 250, 800  # plot widths a 390-px phone and a 1280-px projector leave, about
HEIGHT_PX = 480


def _points(c: Constraints) -> pd.DataFrame:
    result = loaders.load_evaluated(c, CostAssumptions())
    points, _ = insights.tradeoff_points(result.models, result.costs, c)
    return points


def _layout_at(points: pd.DataFrame, plot_px: float) -> pd.DataFrame:
    """The layout the chart shows on a plot ``plot_px`` wide: the widest one computed for ≤ that width."""
    widths = label_layout.LAYOUT_WIDTHS_PX
    i = max(k for k, w in enumerate(widths) if w <= plot_px)
    labels = label_layout.label_columns(points, height_px=HEIGHT_PX)
    return labels[[f"label_{i}", f"slot_{i}"]].set_axis(["label", "slot"], axis=1)


def _rects(points: pd.DataFrame, layout: pd.DataFrame, plot_px: float) -> dict[str, tuple]:
    """Each label's rectangle (left, top, right, bottom) as drawn on a plot ``plot_px`` wide."""
    px = label_layout.to_pixels(points, plot_px, HEIGHT_PX)
    rects = {}
    for model_id, (text, slot) in layout[layout["label"] != ""].iterrows():
        align, dx, dy = label_layout.SLOTS[slot]
        x, y = px.at[model_id, "x_px"] + dx, px.at[model_id, "y_px"] + dy
        width = label_layout.CHAR_PX * len(text)
        left = x - width if align == "right" else x
        rects[model_id] = (left, y - label_layout.LINE_PX, left + width, y)
    return rects


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("link", LINKS)
@pytest.mark.parametrize("plot_px", [PHONE_PX, 330, 500, PROJECTOR_PX, 1400])
def test_labels_name_every_frontier_and_shortlisted_model_and_touch_no_label_nor_marker(link, plot_px):
    points = _points(LINKS[link])
    layout = _layout_at(points, plot_px)
    keyed = points.index[points["on_frontier"] | points["shortlisted"]]
    assert (layout.loc[keyed, "label"] != "").all()  # each frontier or shortlisted model is named or numbered
    numbers = label_layout.key_numbers(points)
    for model_id, text in layout.loc[keyed, "label"].items():
        assert text in (points.at[model_id, "name"], numbers[model_id])
    rects = _rects(points, layout, plot_px)
    for a, b in itertools.combinations(rects.values(), 2):
        assert not _overlap(a, b)
    px = label_layout.to_pixels(points, plot_px, HEIGHT_PX)
    r = label_layout.MARKER_PX
    markers = [(x - r, y - r, x + r, y + r) for x, y in px.itertuples(index=False)]
    for rect in rects.values():
        assert rect[0] >= 0 and rect[2] <= plot_px and rect[1] >= 0 and rect[3] <= HEIGHT_PX  # on the plot
        assert not any(_overlap(rect, m) for m in markers)


def test_on_the_bank_link_the_projector_names_the_whole_frontier_and_the_caption_keys_it():
    points = _points(BANK)
    frontier = points[points["on_frontier"]].sort_values("cost")
    layout = _layout_at(points, PROJECTOR_PX)
    assert list(layout.loc[frontier.index, "label"]) == list(frontier["name"])
    assert frontier_key(points) == " · ".join(f"{i} {n}" for i, n in enumerate(frontier["name"], start=1))


def test_legends_list_only_what_is_plotted_in_their_usual_colours_and_shapes():
    points = _points(BANK)
    assert set(points["access"]) == {"Open weights"}  # on-prem: open weights only
    spec = build_tradeoff_chart(points, x_title="x", y_title="y")
    dots = spec["layer"][1]["encoding"]
    assert dots["color"]["scale"] == {"domain": ["Open weights"], "range": ["#0b7285"]}
    tiers = dots["shape"]["scale"]
    assert set(tiers["domain"]) == set(points["tier_label"]) and len(tiers["domain"]) < 6
    everything = build_tradeoff_chart(_points(Constraints()), x_title="x", y_title="y")
    shape_of = dict(zip(*everything["layer"][1]["encoding"]["shape"]["scale"].values(), strict=True))
    assert all(shape_of[t] == s for t, s in zip(tiers["domain"], tiers["range"], strict=True))


def test_the_plot_keeps_its_height_and_the_full_width_with_legends_below_and_money_ticks():
    spec = build_tradeoff_chart(_points(Constraints()), x_title="$ per 1M tokens — API", y_title="y")
    assert spec["autosize"]["type"] == "fit-x" and spec["height"] == HEIGHT_PX
    assert spec["config"]["legend"]["orient"] == "bottom"
    x = spec["layer"][1]["encoding"]["x"]
    assert x["title"] == ["$ per 1M tokens", "API"]
    assert "$.2~s" in x["axis"]["labelExpr"] and ",.2f" not in x["axis"]["labelExpr"]
    assert x["scale"]["domain"] == list(label_layout.x_domain(_points(Constraints())["cost"]))


def test_the_on_prem_cost_axis_never_calls_a_self_hosting_cost_a_list_price():
    _, title, _ = insights.cost_axis(BANK)
    assert "list price" not in title.lower() and "self-hosting" in title


def test_the_open_closed_chart_keeps_the_plot_wide_and_lists_only_the_kinds_drawn():
    best = pd.DataFrame(
        {"release_date": pd.to_datetime(["2024-01-01"]), "access": ["Open weights"], "best_score": [1200.0]}
    ).assign(name="m")
    spec = build_open_closed_chart(best, y_title="score")
    assert spec["config"]["legend"]["orient"] == "bottom"
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Open weights"]
