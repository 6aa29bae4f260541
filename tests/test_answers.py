"""The pages' one-sentence answers and the constraints in words, on the bundled store's frames."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app_helpers import bundled_tables, run_app, texts
from tradeoffs import answers, insights
from tradeoffs.constraints import Constraints
from tradeoffs.constraints_text import context_line, describe_constraints, fmt_score
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.text import md_escape
from tradeoffs.ui import loaders

BANK = Constraints(deployment="on-prem", license="commercial", min_score=1289.5, volume_tokens=10**9)


@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return bundled_tables()["catalog"]


def test_the_constraints_read_as_a_sentence():
    assert describe_constraints(BANK, "LMArena text score") == (
        "on-prem · commercial-use licence · LMArena text score ≥ 1,289.5 · 1B tokens/month (75% input)"
    )
    more = Constraints(min_context_tokens=128_000, max_params_b=70.0, needs=("tools",), budget_usd=5000.0)
    words = describe_constraints(more, "GPQA")
    assert "context ≥ 128K tokens" in words and "≤ 70B parameters" in words
    assert "needs tool calling" in words and "budget ≤ $5,000/month" in words
    assert context_line(BANK, "Arena", 69, 1026, "2026-10-10").endswith(
        "→ 69 of 1,026 models pass · data as of 2026-10-10"
    )
    assert (fmt_score(1290.0), fmt_score(1289.53), fmt_score(71.5)) == ("1,290", "1,289.5", "71.5")


def test_licence_conditions_are_named_for_tier_3_models_only(catalog):
    notes = insights.licence_notes(catalog)
    tier3 = catalog["tier"].eq(3).fillna(False).astype(bool)
    assert tier3.sum() > 50
    assert notes[tier3].str.len().gt(20).all()  # every tier-3 model says what its licence asks
    assert notes[~tier3].eq("").all()
    assert "700 million monthly active users" in notes["codellama-13b"]


def _leader(name: str, score: float, excluded: bool = False) -> insights.Leader:
    return insights.Leader(name.lower(), name, score, excluded)


def test_the_gap_sentence_names_both_sides_and_an_excluded_one():
    text = answers.gap_sentence(_leader("Open A", 1400.0), _leader("Closed B", 1450.5, excluded=True))
    assert "is 50.5 points behind the best closed, **Closed B** (1,450.5)" in text
    assert "closed side excluded by your deployment" in text
    assert "ahead of" in answers.gap_sentence(_leader("Open A", 1500.0), _leader("Closed B", 1450.0))
    assert answers.gap_sentence(None, None).startswith("No passing model")


def test_the_cost_answer_leads_with_what_the_deployment_allows():
    no_breakeven = pd.DataFrame(columns=["text"])
    opens, apis = [("Open X · self-hosted", 49_013.0)], [("Closed Y · API (lab)", 4_000.0)]
    anywhere = answers.cost_sentence("1B tokens/month", opens, apis, no_breakeven)
    assert anywhere.startswith(
        "At 1B tokens/month, **Closed Y · API \\(lab\\)** costs about **\\$4,000/month**"
    )
    on_prem = answers.cost_sentence("1B tokens/month", opens, apis, no_breakeven, apis_for_reference=True)
    assert on_prem.startswith(
        "At 1B tokens/month, **Open X · self\\-hosted** costs about **\\$49,013/month**"
    )
    assert "For reference, outside your deployment constraint: **Closed Y" in on_prem
    unknown = answers.cost_sentence("1B tokens/month", [("Open X", float("nan"))], [], no_breakeven)
    assert "No option shown has a known cost" in unknown


def test_the_explore_answer_spans_the_real_frontier():
    result = loaders.load_evaluated(BANK, CostAssumptions())
    points, _ = insights.tradeoff_points(result.models, result.costs, BANK)
    frontier = points[points["on_frontier"]].sort_values("cost")
    text = answers.frontier_sentence(frontier, False, len(points))
    assert f"Of {len(points)} models plotted, {len(frontier)} are worth their price" in text
    names = [md_escape(n) for n in frontier["name"]]
    assert text.index(f"**{names[0]}**") < text.index(f"**{names[-1]}**")  # cheapest end, then best end


def test_the_quality_slider_says_no_minimum_and_keeps_a_link_value():
    at = run_app("pages/explore.py")
    slider = at.select_slider(key="_min_score_slider")
    assert slider.value is None and "no minimum" in slider.options[0]
    at = run_app("pages/explore.py", min_score="1289.5")
    assert at.select_slider(key="_min_score_slider").value == 1289.5
    assert any("LMArena text score ≥ 1,289.5" in t for t in texts(at.caption))


def test_equal_costs_keep_the_better_model_first():
    options = [("Better · self-hosted", 23_627.2), ("Worse · self-hosted", 23_627.4), ("Dear", 107_039.0)]
    text = answers.cost_sentence("1B tokens/month", options, [], pd.DataFrame(columns=["text"]))
    assert text.startswith("At 1B tokens/month, **Better · self\\-hosted**")


def test_on_prem_without_an_open_pick_still_names_the_api_as_a_reference_only():
    text = answers.cost_sentence(
        "100M tokens/month",
        [],
        [("Closed Y · API (lab)", 400.0)],
        pd.DataFrame(columns=["text"]),
        apis_for_reference=True,
    )
    assert text.startswith("No self-hosted option with a known cost")
    assert "For reference, outside your deployment constraint: **Closed Y" in text and "\\$400/month" in text


def test_the_shortlist_sentence_counts_in_words_that_agree():
    evaluated = loaders.load_evaluated(BANK, CostAssumptions()).models
    passing = evaluated.index[evaluated["passes"]][0]
    failing = evaluated.index[~evaluated["passes"]][0]
    one = answers.shortlist_sentence(evaluated.loc[[passing]])
    assert one == "1 model shortlisted; 1 passes your constraints."
    two = answers.shortlist_sentence(evaluated.loc[[passing, failing]])
    assert two.startswith("2 models shortlisted; 1 passes your constraints, 1 fails (")
    assert md_escape(evaluated.at[failing, "name"]) in two
