"""The frames every session shares (cache_resource, no copy per call) stay as the store built them
after every page has run on several links: no page assigns into a shared frame."""

from __future__ import annotations

import pandas as pd

from tests.app_helpers import run_app
from tradeoffs import queries
from tradeoffs.catalog import build_catalog
from tradeoffs.constraints import Constraints
from tradeoffs.costs import api as api_cost
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.filtering import evaluate
from tradeoffs.page_list import PAGE_FILES
from tradeoffs.ui import cost_loaders, loaders

LINKS = [
    {},
    {"deployment": "on-prem", "license": "commercial", "min_score": "1289.5", "volume": "1B"},
    {
        "deployment": "private-cloud",
        "cost": "monthly",
        "shortlist": "gpt-4,llama-3.3-70b",
        "unknown": "keep",
        "cmp": "gpt-4,llama-3.3-70b,deepseek-v3",
    },
]


def _fresh():
    """The catalog and the trusted offerings as the store gives them, built anew (not from a cache)."""
    with loaders.cursor() as c1, loaders.cursor() as c2, loaders.cursor() as c3, loaders.cursor() as c4:
        catalog = build_catalog(queries.load_models(c1), queries.load_hosting(c2), queries.load_scores(c3))
        offerings = api_cost.contractable_offerings(queries.load_offerings(c4), False)
    return catalog, offerings


def test_no_page_changes_a_frame_other_sessions_share():
    for link in LINKS:
        for page in PAGE_FILES:
            assert not run_app(page, **link).exception
    shared_catalog, shared_offerings = loaders.load_catalog(), loaders.load_offerings()
    assert shared_catalog is loaders.load_catalog()  # one object, not a copy per call
    catalog, offerings = _fresh()
    pd.testing.assert_frame_equal(shared_catalog, catalog)
    pd.testing.assert_frame_equal(shared_offerings, offerings)
    c, a = (
        Constraints(**{"deployment": "on-prem", "license": "commercial", "volume_tokens": 10**9}),
        CostAssumptions(),
    )
    shared = loaders.load_evaluated(c, a)
    assert shared is loaders.load_evaluated(c, a)
    again = evaluate(catalog, cost_loaders.load_costs(c, a), c, shared.benchmark_name)
    pd.testing.assert_frame_equal(shared.models, again)


def test_views_that_let_the_same_models_pass_share_one_explore_view():
    from tradeoffs.ui.explore_view import load_explore

    a = CostAssumptions()
    scores = loaders.load_catalog()["score__arena_text"].dropna().sort_values().unique()
    low, high = float(scores[100]), float(scores[101])  # no model scores strictly between them
    just_above_low = Constraints(min_score=low + (high - low) / 2)
    at_high = Constraints(min_score=high)
    assert (
        loaders.load_evaluated(just_above_low, a)
        .models["passes"]
        .equals(loaders.load_evaluated(at_high, a).models["passes"])
    )
    assert load_explore(just_above_low, a) is load_explore(at_high, a)  # computed once
    lower = load_explore(Constraints(min_score=low), a)  # the model(s) at ``low`` pass too: a view of its own
    assert lower is not load_explore(at_high, a)
    assert len(lower.passing_ids) > len(load_explore(at_high, a).passing_ids)
    shown = set(load_explore(at_high, a).passing_ids)
    passing = loaders.load_evaluated(at_high, a).models["passes"]
    assert shown == set(passing.index[passing])
