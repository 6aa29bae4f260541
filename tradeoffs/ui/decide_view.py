"""What the Decide page shows for one view and scorecard, computed once and shared by every session on
it: the ranking, its answer and summary, the ranked table and both charts."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from tradeoffs import decide_charts as charts
from tradeoffs import scoring
from tradeoffs.constraints import Constraints
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.reasons import answer_text, flip_text
from tradeoffs.scorecard import Scorecard
from tradeoffs.scoring import SENSITIVITY_DRAWS, TOP_N, Decision
from tradeoffs.ui import decide_panel as panel
from tradeoffs.ui import loaders
from tradeoffs.ui.shared import PreparedChart, assumption_items, shared_view, to_arrow

TABLE_ROWS = 100
CHART_MODELS = 10


@dataclass(frozen=True)
class DecideView:
    answer_md: str
    passing: int  # models ranked
    decision: Decision | None  # None: nothing passes
    summary_md: str = ""
    flip_md: str = ""
    table: pa.Table | None = None  # the first TABLE_ROWS models (see decide_panel.ranked_table)
    table_ids: tuple[str, ...] = ()
    heatmap: PreparedChart | None = None
    stability: PreparedChart | None = None
    charted: int = 0  # models in the charts


def _charts(decision: Decision, card: Scorecard) -> tuple[PreparedChart, PreparedChart, int]:
    catalog = loaders.load_catalog()
    labels = charts.model_labels(decision.ranked, catalog["name"])
    top = decision.ranked.head(CHART_MODELS)
    parts = charts.contributions(top, card, labels)
    heatmap = charts.build_factor_heatmap(parts, list(labels[top.index]), charts.factor_order(card))
    rows = charts.sensitivity_rows(decision.stability, decision.ranked, catalog, labels, CHART_MODELS)
    stability = charts.build_sensitivity_chart(rows, top=TOP_N, draws=SENSITIVITY_DRAWS)
    return PreparedChart.of(heatmap), PreparedChart.of(stability), len(top)


@shared_view
def _decide(version: str, c: Constraints, items: tuple, card: Scorecard, bench_name: str, as_of: str):
    a = cost_assumptions.assumptions_from_dict(dict(items))
    scores, facts = panel.load_factor_scores(c, a, bench_name, as_of)
    names = loaders.load_catalog()["name"]
    if scores.empty:
        return DecideView(answer_text(scores.iloc[:0], 0.0, None, names, card.missing), 0, None)
    decision = scoring.decide(scores, facts, card, rows=TABLE_ROWS)
    first_share = decision.stability.loc[decision.ranked.index[0], "first_share"]
    table = panel.ranked_table(decision, loaders.load_catalog(), card, TABLE_ROWS)
    heatmap, stability, charted = _charts(decision, card)
    return DecideView(
        answer_md=answer_text(
            decision.ranked, first_share, decision.first_if_other_missing, names, card.missing
        ),
        passing=len(scores),
        decision=decision,
        summary_md=panel.summary_lines(decision, loaders.load_catalog()),
        flip_md=flip_text(decision.flip, decision.ranked, names, card.missing),
        table=to_arrow(table.rename_axis("model_id").reset_index()),  # the id column is hidden
        table_ids=tuple(table.index),
        heatmap=heatmap,
        stability=stability,
        charted=charted,
    )


def load_decide(c: Constraints, a: cost_assumptions.CostAssumptions, card: Scorecard) -> DecideView:
    """The Decide page's ranking, texts, table and charts (shared, read-only)."""
    info = loaders.load_data_info()
    return _decide(
        info.version, c, assumption_items(a), card, loaders.benchmark_name(c.benchmark), info.as_of
    )
