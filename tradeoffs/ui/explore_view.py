"""What the Explore page shows for one view, computed once per data version, constraints and
assumptions and shared by every session (a whole room on the same link pays for it once)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from tradeoffs import answers, insights
from tradeoffs.charts import build_tradeoff_chart, frontier_key
from tradeoffs.constraints import Constraints
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.filtering import reason_counts
from tradeoffs.ui import loaders
from tradeoffs.ui.components import MODEL_TABLE_COLUMNS, model_table
from tradeoffs.ui.shared import PreparedChart, assumption_items, shared_view, to_arrow


@dataclass(frozen=True)
class ExploreView:
    answer_md: str
    points: pd.DataFrame  # what the chart plots (empty: nothing to plot)
    unplottable: pa.Table  # passing models without a score or a price, with why
    passing: pa.Table  # the passing models' table, best score first (see components.model_table)
    passing_ids: tuple[str, ...]  # its rows' model ids
    chart: PreparedChart  # empty spec when nothing is plotted
    key_text: str  # the chart's number key, cheapest first
    excluded: int  # models the constraints exclude
    total: int  # models in the catalog


@shared_view
def _explore(version: str, c: Constraints, items: tuple) -> ExploreView:
    a = cost_assumptions.assumptions_from_dict(dict(items))
    result = loaders.load_evaluated(c, a)
    evaluated, costs = result.models, result.costs
    points, unplottable = insights.tradeoff_points(evaluated, costs, c)
    frontier = points[points["on_frontier"]].sort_values("cost") if len(points) else points
    _, x_title, _ = insights.cost_axis(c)  # the x axis says what is plotted
    spec = build_tradeoff_chart(points, x_title=x_title, y_title=result.benchmark_name) if len(points) else {}
    passing = insights.with_costs(evaluated[evaluated["passes"]], costs, c.benchmark)
    columns = MODEL_TABLE_COLUMNS + (["unknown"] if c.keep_unknown else [])
    table = model_table(passing.sort_values("score", ascending=False), columns)
    return ExploreView(
        answer_md=answers.frontier_sentence(frontier, c.cost_view == "monthly", len(points)),
        points=points,
        unplottable=to_arrow(unplottable),
        passing=to_arrow(table),
        passing_ids=tuple(table.index),
        chart=PreparedChart.of(spec),
        key_text=frontier_key(points) if len(points) else "",
        excluded=int((~evaluated["passes"]).sum()),
        total=len(evaluated),
    )


def load_explore(c: Constraints, a: cost_assumptions.CostAssumptions) -> ExploreView:
    """The Explore page's frames, chart and answer for ``c`` (shared, read-only)."""
    return _explore(loaders.data_version(), c, assumption_items(a))


@shared_view
def _exclusions(version: str, c: Constraints, items: tuple) -> tuple[pa.Table, pa.Table]:
    evaluated = loaders.load_evaluated(c, cost_assumptions.assumptions_from_dict(dict(items))).models
    excluded = evaluated[~evaluated["passes"]]
    why = excluded[["name", "organization", "access"]].assign(why=excluded["reasons"].map("; ".join))
    return to_arrow(reason_counts(evaluated)), to_arrow(why)


def load_exclusions(c: Constraints, a: cost_assumptions.CostAssumptions) -> tuple[pa.Table, pa.Table]:
    """(reason counts, every excluded model with why), built when someone opens the list."""
    return _exclusions(loaders.data_version(), c, assumption_items(a))
