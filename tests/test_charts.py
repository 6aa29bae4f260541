"""The quality-vs-cost chart's labels: readable (no two overlap), shortlisted ones always shown."""

import pandas as pd

from tests.app_helpers import bundled_tables
from tradeoffs import insights
from tradeoffs.charts import build_tradeoff_chart, labels_that_fit
from tradeoffs.constraints import Constraints
from tradeoffs.costs.api import api_costs
from tradeoffs.filtering import evaluate


def _points(rows):
    """rows: (id, name, cost, score, on_frontier, shortlisted)."""
    df = pd.DataFrame(rows, columns=["model_id", "name", "cost", "score", "on_frontier", "shortlisted"])
    return df.set_index("model_id", drop=False)


def test_of_two_frontier_labels_in_one_spot_only_the_better_model_gets_one():
    pts = _points(
        [
            ("low", "Cheap Small", 0.01, 1100, True, False),
            ("a", "Model Alpha", 1.00, 1400, True, False),
            ("b", "Model Beta", 1.02, 1401, True, False),  # its label would sit on Alpha's
            ("top", "Top Model", 100.0, 1500, True, False),
            ("off", "Not On Frontier", 5.0, 1200, False, False),
        ]
    )
    fits = labels_that_fit(pts, height_px=480)
    assert fits.to_dict() == {"low": True, "a": False, "b": True, "top": True, "off": False}


def test_a_shortlisted_model_is_labelled_even_where_a_frontier_label_was():
    pts = _points(
        [
            ("low", "Cheap Small", 0.01, 1100, True, False),
            ("a", "Model Alpha", 1.00, 1401, True, False),
            ("b", "Model Beta", 1.02, 1400, False, True),
            ("top", "Top Model", 100.0, 1500, True, False),
        ]
    )
    fits = labels_that_fit(pts, height_px=480)
    assert fits["b"] and not fits["a"]


def test_on_the_bundled_data_the_dense_frontier_is_thinned_but_its_ends_are_named():
    data = bundled_tables()
    c = Constraints()
    costs = api_costs(data["catalog"].reset_index(), data["offerings"], c.volume_tokens, c.input_share)
    evaluated = evaluate(data["catalog"], costs, c, "Arena")
    points, _ = insights.tradeoff_points(evaluated, costs, c)
    spec = build_tradeoff_chart(points, x_title="cost", y_title="score", x_format="$,.2f")
    records = pd.DataFrame(spec["data"]["values"])
    frontier = records[records["on_frontier"]]
    labelled = records[records["labelled"]]
    assert 3 <= len(labelled) < len(frontier)  # some crowded frontier labels are left to the tooltip
    ends = frontier.sort_values("cost").iloc[[0, -1]]["model_id"]
    assert set(ends) <= set(labelled["model_id"])  # the cheapest and the best frontier models are named
    assert spec["layer"][2]["transform"] == [{"filter": "datum.labelled"}]
