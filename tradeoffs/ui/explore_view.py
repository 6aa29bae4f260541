"""What the Explore page shows for one view, computed once per data version, constraints and
assumptions and shared by every session (a whole room on the same link pays for it once)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

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

# A table a person reads: beyond this, the best-scoring rows (a rerun sends the table whole; the full list
# is one download away). The bundled catalog (≈1,000 models) is shown whole.
MAX_TABLE_ROWS = 1500


@dataclass(frozen=True)
class ExploreView:
    answer_md: str
    points: pd.DataFrame  # what the chart plots (empty: nothing to plot)
    unplottable: pa.Table  # passing models without a score or a price, with why
    passing: pa.Table  # the passing models' table, best score first, at most MAX_TABLE_ROWS rows
    passing_ids: tuple[str, ...]  # its rows' model ids
    passing_count: int  # models that pass (the table may show fewer)
    chart: PreparedChart  # empty spec when nothing is plotted
    key_text: str  # the chart's number key, cheapest first
    excluded: int  # models the constraints exclude
    total: int  # models in the catalog


# Constraints that only decide which models pass: two views that differ only in these and let the same
# models pass show the same chart, table and answer (a slider moved by a point rarely changes who passes).
PASS_ONLY = Constraints()
PURE_FILTERS = ("license", "min_score", "min_context_tokens", "max_params_b", "budget_usd", "needs")
PURE_FILTERS += ("exclude_deprecated", "exclude_orgs")


def _view_key(c: Constraints, evaluated: pd.DataFrame) -> tuple[Constraints, str]:
    """(the constraints with the pure filters at their defaults, a digest of who passes); with unknown
    data kept in, the full constraints (a kept model's row says which constraint it could not check)."""
    if c.keep_unknown:
        return c, ""
    passes = evaluated["passes"].to_numpy(dtype=bool)
    digest = hashlib.blake2b(passes.tobytes(), digest_size=16).hexdigest()  # catalog order: fixed per version
    return replace(c, **{f: getattr(PASS_ONLY, f) for f in PURE_FILTERS}), digest


def _needed(evaluated: pd.DataFrame, benchmark: str) -> list[str]:
    """The catalog columns the chart and the table read (a join of all of them costs more than the rest)."""
    wanted = [*MODEL_TABLE_COLUMNS, *insights.PLOT_COLUMNS, f"source__{benchmark}", f"as_of__{benchmark}"]
    return [c for c in dict.fromkeys([*wanted, "unknowns"]) if c in evaluated.columns]


@shared_view
def _explore(version: str, key: Constraints, items: tuple, passing: str, _c: Constraints) -> ExploreView:
    """Keyed by ``key`` and ``passing`` (see _view_key); ``_c``, not part of the key, is one of the
    constraints that give this view."""
    c = _c
    a = cost_assumptions.assumptions_from_dict(dict(items))
    result = loaders.load_evaluated(c, a)
    evaluated = result.models
    passing = insights.with_costs(
        evaluated.loc[evaluated["passes"], _needed(evaluated, c.benchmark)],
        result.costs,
        c.benchmark,
        loaders.load_model_texts(c.benchmark),
    )
    points, unplottable = insights.plot_points(passing, c)
    frontier = points[points["on_frontier"]].sort_values("cost") if len(points) else points
    _, x_title, _ = insights.cost_axis(c)  # the x axis says what is plotted
    spec = build_tradeoff_chart(points, x_title=x_title, y_title=result.benchmark_name) if len(points) else {}
    columns = MODEL_TABLE_COLUMNS + (["unknown"] if c.keep_unknown else [])
    table = model_table(passing.sort_values("score", ascending=False).head(MAX_TABLE_ROWS), columns)
    return ExploreView(
        answer_md=answers.frontier_sentence(frontier, c.cost_view == "monthly", len(points)),
        points=points,
        unplottable=to_arrow(unplottable),
        passing=to_arrow(table),
        passing_ids=tuple(table.index),
        passing_count=len(passing),
        chart=PreparedChart.of(spec),
        key_text=frontier_key(points) if len(points) else "",
        excluded=int((~evaluated["passes"]).sum()),
        total=len(evaluated),
    )


def load_explore(c: Constraints, a: cost_assumptions.CostAssumptions) -> ExploreView:
    """The Explore page's frames, chart and answer for ``c`` (shared, read-only)."""
    key, passing = _view_key(c, loaders.load_evaluated(c, a).models)
    return _explore(loaders.data_version(), key, assumption_items(a), passing, c)


@shared_view
def _exclusions(version: str, c: Constraints, items: tuple) -> tuple[pa.Table, pa.Table]:
    evaluated = loaders.load_evaluated(c, cost_assumptions.assumptions_from_dict(dict(items))).models
    excluded = evaluated[~evaluated["passes"]]
    why = excluded[["name", "organization", "access"]].assign(why=excluded["reasons"].map("; ".join))
    return to_arrow(reason_counts(evaluated)), to_arrow(why)


def load_exclusions(c: Constraints, a: cost_assumptions.CostAssumptions) -> tuple[pa.Table, pa.Table]:
    """(reason counts, every excluded model with why), built when someone opens the list."""
    return _exclusions(loaders.data_version(), c, assumption_items(a))
