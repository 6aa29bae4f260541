"""What the Overview shows for one view, computed once and shared by every session on it."""

from __future__ import annotations

from dataclasses import dataclass

from tradeoffs import answers, insights
from tradeoffs.charts import build_open_closed_chart
from tradeoffs.constraints import Constraints
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.ui import loaders
from tradeoffs.ui.shared import PreparedChart, assumption_items, shared_view


@dataclass(frozen=True)
class OverviewView:
    answer_md: str
    passing: int
    total: int
    open_passing: int
    closed_passing: int
    best_open: insights.Leader | None
    best_closed: insights.Leader | None
    progression: PreparedChart | None  # None: no dated scores on the benchmark

    @property
    def gap(self) -> float | None:
        """Best closed minus best open, in points."""
        if self.best_open is None or self.best_closed is None:
            return None
        return self.best_closed.score - self.best_open.score


@shared_view
def _progression(version: str, benchmark: str, bench_name: str) -> PreparedChart | None:
    records = insights.record_progression(loaders.load_catalog(), benchmark)
    return None if records.empty else PreparedChart.of(build_open_closed_chart(records, y_title=bench_name))


@shared_view
def _overview(version: str, c: Constraints, items: tuple) -> OverviewView:
    catalog = loaders.load_catalog()
    result = loaders.load_evaluated(c, cost_assumptions.assumptions_from_dict(dict(items)))
    evaluated, costs = result.models, result.costs
    passing = evaluated[evaluated["passes"]]
    leaders = insights.best_by_access(evaluated, c.benchmark)
    bar_score, bar_text = insights.headline_bar(catalog, c)
    cheapest = insights.cheapest_meeting_bar(evaluated, costs, c, bar_score)
    note = insights.licence_notes(catalog.loc[[cheapest.name]]).iloc[0] if cheapest is not None else ""
    answer = answers.cheapest_sentence(cheapest, result.benchmark_name, bar_text, c.volume_tokens, note)
    return OverviewView(
        answer_md=answer + " " + answers.gap_sentence(leaders["Open weights"], leaders["Closed"]),
        passing=len(passing),
        total=len(catalog),
        open_passing=int((passing["access"] == "Open weights").sum()),
        closed_passing=int((passing["access"] == "Closed").sum()),
        best_open=leaders["Open weights"],
        best_closed=leaders["Closed"],
        progression=_progression(version, c.benchmark, result.benchmark_name),
    )


def load_overview(c: Constraints, a: cost_assumptions.CostAssumptions) -> OverviewView:
    """The Overview's answer, numbers and chart for ``c`` (shared, read-only)."""
    return _overview(loaders.data_version(), c, assumption_items(a))
