"""What the Shortlist shows for one view, computed once and shared by every session on it."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from tradeoffs import answers, insights
from tradeoffs.constraints import Constraints
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.ui import loaders
from tradeoffs.ui.components import MODEL_TABLE_COLUMNS, model_table
from tradeoffs.ui.shared import assumption_items, shared_view, to_arrow

NOTHING_YET = "Nothing shortlisted yet: pick models on Explore, Decide or Costs."


@dataclass(frozen=True)
class ShortlistView:
    answer_md: str
    passing: int
    total: int
    table: pa.Table | None  # the shortlisted models' table (None: nothing shortlisted)
    rows: tuple[tuple[str, str, str], ...] = ()  # (model id, name, "passes" or "fails: …") per model


@shared_view
def _shortlist(version: str, c: Constraints, items: tuple) -> ShortlistView:
    result = loaders.load_evaluated(c, cost_assumptions.assumptions_from_dict(dict(items)))
    evaluated = result.models
    passing, total = int(evaluated["passes"].sum()), len(evaluated)
    if not c.shortlist:
        return ShortlistView(
            "Nothing shortlisted yet: pick models on Explore, Decide or Costs.", passing, total, None
        )
    known = [m for m in c.shortlist if m in evaluated.index]  # as of a link's date, later models are not
    if not known:
        return ShortlistView(
            "No shortlisted model had been released by the date shown.", passing, total, None
        )
    picked = insights.with_costs(
        evaluated.loc[known], result.costs, c.benchmark, loaders.load_model_texts(c.benchmark)
    )
    status = picked["reasons"].map(lambda r: "passes" if not r else "fails: " + "; ".join(r))
    return ShortlistView(
        answer_md=answers.shortlist_sentence(picked),
        passing=passing,
        total=total,
        table=to_arrow(model_table(picked, MODEL_TABLE_COLUMNS)),
        rows=tuple(zip(picked.index, picked["name"], status, strict=True)),
    )


def load_shortlist(c: Constraints, a: cost_assumptions.CostAssumptions) -> ShortlistView:
    """The Shortlist's answer, table and per-model status (shared, read-only)."""
    return _shortlist(loaders.data_version(), c, assumption_items(a))
