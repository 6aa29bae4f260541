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

from tradeoffs import insights, scoring
from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.factors import FACTOR_BY_KEY, FACTORS
from tradeoffs.filtering import evaluate
from tradeoffs.privacy_factors import PrivacyFacts
from tradeoffs.reasons import unknown_text
from tradeoffs.scorecard import MAX_POINTS, MISSING, MISSING_LABELS, PRESETS, Scorecard
from tradeoffs.scoring import (
    SENSITIVITY_DRAWS,
    SENSITIVITY_SEED,
    SENSITIVITY_SPREAD,
    TOP_N,
    UNKNOWN_RANGE,
    Decision,
)
from tradeoffs.text import md_escape
from tradeoffs.ui import cost_loaders, loaders, privacy_loaders
from tradeoffs.ui.components import MODEL_COLUMNS
from tradeoffs.ui.frame import lazy_expander
from tradeoffs.ui.state import SCORECARD_KEY, widget_key

PRESET_WIDGET = widget_key("preset")
MISSING_WIDGET = widget_key("missing")
TABLE_KEY = "decide_table"
EXPANDER_KEY = "decide_weights"
SLIDER_COLUMNS = 3


def load_privacy_facts(c: Constraints) -> PrivacyFacts:
    """What the privacy and transparency factors read for ``c``: each model's highest API rung in
    ``c.region`` (cached per data version), the openness index's transparency scores and summaries."""
    rungs = privacy_loaders.load_highest_rungs(c.region, c.include_resellers)
    return PrivacyFacts.of(privacy_loaders.load_openness(), rungs, c.region)


@st.cache_data(max_entries=32, show_spinner=False)
def _scored(version: str, c: Constraints, a: CostAssumptions, benchmark_label: str, as_of: str):
    catalog, costs = loaders.load_catalog(), cost_loaders.load_costs(c, a)
    evaluated = evaluate(catalog, costs, c, benchmark_label)
    return scoring.score_candidates(
        evaluated[evaluated["passes"]],
        costs,
        benchmark=c.benchmark,
        benchmark_label=benchmark_label,
        as_of=as_of,
        privacy=load_privacy_facts(c),
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


def render_preset_row(card: Scorecard) -> None:
    """The preset choice and "Reset to preset", in one row (fills every scorecard widget first)."""
    _fill_widgets(card)
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.segmented_control(
        "Preset",
        list(PRESETS),
        format_func=lambda k: PRESETS[k].label,
        key=PRESET_WIDGET,
        required=True,
        on_change=_on_preset,
        wrap=True,
        help="A starting set of weights; adjust any of them below the ranking.",
    )
    right.button("Reset to preset", on_click=_reset, disabled=not card.modified, width="stretch")


def _weights_label(card: Scorecard) -> str:
    """ "Adjust the weights (Regulated, on-prem: privacy 10, licence 9, viability 8, …)"."""
    heaviest = sorted(card.weights.items(), key=lambda kv: -kv[1])[:3]
    words = ", ".join(f"{FACTOR_BY_KEY[k].short.lower()} {p}" for k, p in heaviest)
    return f"Adjust the weights ({card.describe()}: {words}, …)"


def render_weight_controls(card: Scorecard) -> None:
    """An expander (kept open across reruns by its key) with one 0–10 slider per factor and what
    unknown data counts as; after the ranking, so the answer stays at the top of the page. Its widgets
    are drawn only once it is open: ten of them were most of a Decide rerun, and the scorecard they
    edit is kept as a plain value, so nothing is lost while it is closed."""
    with lazy_expander(_weights_label(card), EXPANDER_KEY) as is_open:  # the label names the weights
        if not is_open:
            return
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
            help="Unknowns are never a silent 0: they are counted per model, and count as set here. The "
            "stability chart tries every value in between.",
        )


def summary_lines(decision: Decision, catalog: pd.DataFrame, top: int = 5) -> str:
    """The top models as a Markdown list: name, total, unknown factors, reason, and a tier-3 licence's
    conditions (outside text escaped)."""
    ranked = decision.ranked.head(top)
    notes = insights.licence_notes(catalog.loc[ranked.index])
    return "\n".join(
        f"{r.rank}. **{md_escape(catalog.at[m, 'name'])}** · {r.total:.2f} · unknown factors: "
        f"{unknown_text(r.unknown)} — {md_escape(decision.reasons[m])}"
        + (f" *Licence conditions: {md_escape(notes[m])}*" if notes[m] else "")
        for m, r in zip(ranked.index, ranked.itertuples(), strict=True)
    )


def render_summary(decision: Decision, summary_md: str, flip_md: str) -> None:
    """The top models with their reasons (``summary_lines``), and what would flip #1 (with a button to
    try it)."""
    st.markdown(summary_md)
    flip = decision.flip
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.info(f"**What would flip #1?** {flip_md}")
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


def render_charts(decision: Decision, heatmap, stability, charted: int, card: Scorecard) -> None:
    """Each factor's score for the top models (a heatmap), and how often each model stays in the top 3
    (both ``shared.PreparedChart``)."""
    st.markdown(f"**Why the top {charted} score what they do**")
    st.vega_lite_chart(heatmap.data, heatmap.spec(), width="stretch")
    st.caption(
        "Colour = the factor's score (0–1, darker is better); the number = what it adds to the model's "
        "total, in points of 100 (the factor's weight × its score; a row adds up to the total). Columns "
        f"are heaviest weight first. Grey **?** = no data, counted as {MISSING[card.missing]:g}."
    )
    st.markdown(f"**How stable is the top {TOP_N}?**")
    st.vega_lite_chart(stability.data, stability.spec(), width="stretch")
    first = decision.stability.loc[decision.ranked.index[0], "first_share"]
    low, high = UNKNOWN_RANGE
    st.caption(
        f"{SENSITIVITY_DRAWS} draws (seed {SENSITIVITY_SEED}, so the chart is the same on every visit): in "
        f"each, every weight moves at random by up to ±{SENSITIVITY_SPREAD:.0%}, and every unknown factor "
        f"counts as one value drawn between {low:g} (penalised) and {high:g} (neutral), the same for all "
        f"unknowns in that draw. #1 stays first in {first:.0%} of the draws."
    )


def ranked_table(decision: Decision, catalog: pd.DataFrame, card: Scorecard, rows: int) -> pd.DataFrame:
    """rank, name, access, total, unknown ("2 of 10 (cost, skills)"), the factor scores — heaviest weight
    first, so the factors that matter are the ones in view — the reason and the licence conditions of
    tier-3 models, for the first ``rows`` models."""
    shown = decision.ranked.head(rows)
    factors = sorted(card.weights, key=lambda k: -card.weights[k])  # stable: ties keep the factor order
    extra = catalog.loc[shown.index, ["name", "access"]]
    licence = insights.licence_notes(catalog.loc[shown.index]).rename("licence_note")
    unknown = shown["unknown"].map(unknown_text).rename("unknown")
    return pd.concat(
        [
            shown[["rank"]],
            extra,
            shown[["total"]],
            unknown,
            shown[factors],
            decision.reasons.rename("reason"),
            licence,
        ],
        axis=1,
        join="inner",
    )


def render_ranked_table(table, ids: tuple[str, ...]) -> list[str]:
    """The ranked models with a bar per factor (``table`` as ``ranked_table`` built it, ``ids`` its
    rows' model ids); returns the model ids of the selected rows."""
    bar = {"min_value": 0.0, "max_value": 1.0, "format": "%.2f"}
    config = {
        "model_id": None,  # kept in the data (tests read the order by it), not shown
        "rank": st.column_config.NumberColumn("#", width=40),
        "name": st.column_config.TextColumn("Model", width="medium"),
        "access": st.column_config.TextColumn("Weights", width=100),
        "total": st.column_config.ProgressColumn("Score", help="Weighted total, 0–1", width=90, **bar),
        "unknown": st.column_config.TextColumn(
            "Unknown factors",
            help=f"How many of the {len(FACTORS)} factors have no data, and which",
            width=130,
        ),
        **{
            f.key: st.column_config.ProgressColumn(
                f.short, help=f"{f.label}: {f.formula} Empty = unknown.", width=75, **bar
            )
            for f in FACTORS
        },
        "reason": st.column_config.TextColumn("Why", width="large"),
        "licence_note": MODEL_COLUMNS["licence_note"],
    }
    event = st.dataframe(
        table,
        column_config=config,
        hide_index=True,
        width="stretch",
        placeholder="unknown",
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="multi-row",
        height=420,
    )
    return [ids[i] for i in event.selection.rows]
