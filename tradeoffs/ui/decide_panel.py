"""Decide page widgets: the scorecard controls, the ranking summary, the ranked table.

The scorecard is kept as one plain value under ``state.SCORECARD_KEY``, not in the widgets: Streamlit
drops a widget's value once a run does not draw it, and these widgets live on this page only, while the
scorecard must stay in the view and the URL on every page. So each widget writes the scorecard in its
``on_change`` callback (callbacks run before the next run's frame reads the view), and the widgets
are re-filled from the scorecard every run (a preset or "Try it" moves several at once).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from tradeoffs import decide_charts as charts
from tradeoffs import scoring
from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.factors import FACTORS
from tradeoffs.filtering import evaluate
from tradeoffs.scorecard import MAX_POINTS, MISSING, MISSING_LABELS, PRESETS, Scorecard
from tradeoffs.scoring import SENSITIVITY_DRAWS, SENSITIVITY_SEED, SENSITIVITY_SPREAD, TOP_N, Decision
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders
from tradeoffs.ui.state import SCORECARD_KEY, widget_key

PRESET_WIDGET = widget_key("preset")
MISSING_WIDGET = widget_key("missing")
TABLE_KEY = "decide_table"
SLIDER_COLUMNS = 3


@st.cache_data(max_entries=32, show_spinner=False)
def _scored(version: str, c: Constraints, a: CostAssumptions, benchmark_label: str, as_of: str):
    catalog, costs = loaders.load_catalog(), loaders.load_costs(c, a)
    evaluated = evaluate(catalog, costs, c, benchmark_label)
    return scoring.score_candidates(
        evaluated[evaluated["passes"]],
        costs,
        benchmark=c.benchmark,
        benchmark_label=benchmark_label,
        as_of=as_of,
    )


def load_factor_scores(
    c: Constraints, a: CostAssumptions, benchmark_label: str, as_of: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(factor scores, facts) of the models passing ``c``, cached: moving a weight does not recompute them."""
    view_only = replace(c, shortlist=(), cost_view="list")  # neither changes a score
    return _scored(loaders.data_version(), view_only, a, benchmark_label, as_of)


def weight_key(factor: str) -> str:
    return widget_key(f"weight_{factor}")


def _card() -> Scorecard:
    return st.session_state.get(SCORECARD_KEY, Scorecard())


def _set(card: Scorecard) -> None:
    st.session_state[SCORECARD_KEY] = card


def _on_preset() -> None:
    _set(Scorecard.from_preset(st.session_state[PRESET_WIDGET], _card().missing))


def _on_weight(factor: str) -> None:
    _set(_card().with_points(factor, int(st.session_state[weight_key(factor)])))


def _on_missing() -> None:
    _set(replace(_card(), missing=st.session_state[MISSING_WIDGET]))


def set_points(factor: str, points: int) -> None:
    """Move one weight (the "Try it" button of the flip suggestion)."""
    _set(_card().with_points(factor, points))


def _reset() -> None:
    _set(Scorecard.from_preset(_card().preset, _card().missing))


def _fill_widgets(card: Scorecard) -> None:
    st.session_state[PRESET_WIDGET] = card.preset
    st.session_state[MISSING_WIDGET] = card.missing
    for key, points in card.weights.items():
        st.session_state[weight_key(key)] = points


def render_scorecard_controls(card: Scorecard) -> None:
    """Preset, one 0–10 slider per factor, and what unknown data counts as."""
    _fill_widgets(card)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.segmented_control(
        "Preset",
        list(PRESETS),
        format_func=lambda k: PRESETS[k].label,
        key=PRESET_WIDGET,
        required=True,
        on_change=_on_preset,
        help="A starting set of weights; move any slider afterwards.",
    )
    right.button("Reset to preset", on_click=_reset, disabled=not card.modified, width="stretch")
    st.caption(f"**{md_escape(card.describe())}** — {md_escape(PRESETS[card.preset].rationale)}")
    shares = scoring.normalised(card.points)
    columns = st.columns(SLIDER_COLUMNS)
    for i, factor in enumerate(FACTORS):
        columns[i % SLIDER_COLUMNS].slider(
            f"{factor.label} · {shares[i]:.0%}",
            0,
            MAX_POINTS,
            key=weight_key(factor.key),
            on_change=_on_weight,
            args=(factor.key,),
            help=f"{factor.formula} Unknown: {factor.unknown_when}.",
        )
    st.radio(
        "A factor without data counts as",
        list(MISSING),
        format_func=MISSING_LABELS.get,
        key=MISSING_WIDGET,
        horizontal=True,
        on_change=_on_missing,
        help="Unknowns are never a silent 0: they are listed per model, and count as set here.",
    )


def render_summary(decision: Decision, names: pd.Series, flip_text: str, top: int = 5) -> None:
    """The top models with their reasons, and what would flip #1 (with a button to try it)."""
    lines = [
        f"{rank}. **{md_escape(names[m])}** — {md_escape(decision.reasons[m])}"
        for rank, m in zip(decision.ranked["rank"][:top], decision.ranked.index[:top], strict=True)
    ]
    st.markdown("\n".join(lines))
    flip = decision.flip
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.info(f"**What would flip #1?** {flip_text}")
    if flip is not None and flip.on_sliders:
        button.button(
            "Try it",
            on_click=set_points,
            args=(flip.factor, flip.to_points),
            width="stretch",
            help="Moves that one slider; Reset to preset undoes it.",
        )


def render_factor_formulas() -> None:
    """Each factor's formula in plain words (an expander)."""
    with st.expander("How each factor is scored (plain words)"):
        st.markdown(
            "\n".join(
                f"- **{f.label}** ({f.measured_by}). {f.formula} *Unknown: {f.unknown_when}.*"
                for f in FACTORS
            )
        )
        st.caption(
            "Quality and cost are relative to the models passing your constraints; the other factors "
            "are absolute. Costs come from the cost model (the sidebar's volume and deployment, the "
            "TCO assumptions on the Costs page). Ages are measured at the data's as-of date, so a "
            "shared link ranks the same way later."
        )


def render_charts(decision: Decision, card: Scorecard, catalog: pd.DataFrame, models: int) -> None:
    """What each factor adds to the top models' totals, and how often each model stays in the top 3."""
    labels = charts.model_labels(decision.ranked, catalog["name"])
    top = decision.ranked.head(models)
    st.markdown(
        f"**Why the top {models} score what they do** — each bar is a model's total, split into what "
        "each factor adds (its weight × its score); faded parts rest on unknown data."
    )
    parts = charts.contributions(top, card, labels)
    st.vega_lite_chart(charts.build_contributions_chart(parts, list(labels[top.index])), width="stretch")
    st.markdown(f"**How stable is the top {TOP_N}?**")
    rows = charts.sensitivity_rows(decision.stability, decision.ranked, catalog, labels, models)
    st.vega_lite_chart(
        charts.build_sensitivity_chart(rows, top=TOP_N, draws=SENSITIVITY_DRAWS, spread=SENSITIVITY_SPREAD),
        width="stretch",
    )
    first = decision.stability.loc[decision.ranked.index[0], "first_share"]
    st.caption(
        f"Every weight moved at random by up to ±{SENSITIVITY_SPREAD:.0%}, {SENSITIVITY_DRAWS} times "
        f"(seed {SENSITIVITY_SEED}, so the chart is the same on every visit). #1 stays first in "
        f"{first:.0%} of the draws."
    )


def ranked_table(decision: Decision, catalog: pd.DataFrame, card: Scorecard, rows: int) -> pd.DataFrame:
    """rank, name, access, total, the factor scores — heaviest weight first, so the factors that matter
    are the ones in view — and the reason, for the first ``rows`` models."""
    shown = decision.ranked.head(rows)
    factors = sorted(card.weights, key=lambda k: -card.weights[k])  # stable: ties keep the factor order
    extra = catalog.loc[shown.index, ["name", "access"]]
    return pd.concat(
        [shown[["rank"]], extra, shown[["total", *factors]], decision.reasons.rename("reason")],
        axis=1,
        join="inner",
    )


def render_ranked_table(table: pd.DataFrame) -> list[str]:
    """The ranked models with a bar per factor; returns the model ids of the selected rows."""
    bar = {"min_value": 0.0, "max_value": 1.0, "format": "%.2f"}
    config = {
        "rank": st.column_config.NumberColumn("#", width=40),
        "name": st.column_config.TextColumn("Model", width="medium"),
        "access": st.column_config.TextColumn("Weights", width=100),
        "total": st.column_config.ProgressColumn("Score", help="Weighted total, 0–1", width=90, **bar),
        **{
            f.key: st.column_config.ProgressColumn(
                f.short, help=f"{f.label}: {f.formula} Empty = unknown.", width=75, **bar
            )
            for f in FACTORS
        },
        "reason": st.column_config.TextColumn("Why", width="large"),
    }
    event = st.dataframe(
        table,
        column_config=config,
        hide_index=True,
        width="stretch",
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="multi-row",
        height=420,
    )
    return [table.index[i] for i in event.selection.rows]
