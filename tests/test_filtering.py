"""Filtering rules on frames read from the real store: who passes, the words of each exclusion, and
unknown data as an answer of its own (never a silent yes).

The catalog comes from the bundled store with the dtypes the app sees (nullable ``boolean`` with
``<NA>``, ``Int64``, ``datetime64``); the small catalog of the rule tests is real rows of it with a
few values set, so a rule that forgot ``<NA>`` fails here as it would in the app.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app_helpers import bundled_tables, store_query
from tradeoffs.constraints import Constraints
from tradeoffs.filtering import evaluate, reason_counts


@pytest.fixture(scope="module")
def store():
    return bundled_tables()


def _no_costs(catalog: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"monthly_usd": float("nan"), "cost_basis": None}, index=catalog.index)


def _store_eval(store, **kw) -> pd.DataFrame:
    catalog = store["catalog"]
    return evaluate(catalog, _no_costs(catalog), Constraints(**kw), "Arena")


# --- on the whole store: unknown is its own answer ------------------------------------------------


def test_fine_tuning_keeps_only_what_the_data_confirms(store):
    out = _store_eval(store, needs=("finetune",))
    (confirmed,) = store_query(
        "SELECT count(*) FROM models WHERE status = 'active' AND (open_weights OR vendor_fine_tuning)"
    )[0]
    assert out["passes"].sum() == confirmed
    active = out["status"].eq("active")
    closed_unknown = out[
        active & out["open_weights"].eq(False).fillna(False) & out["vendor_fine_tuning"].isna()
    ]
    assert len(closed_unknown) > 100  # Claude, Gemini …: the sources say nothing about fine-tuning
    assert all("fine-tuning: unknown" in r for r in closed_unknown["reasons"])
    kept = _store_eval(store, needs=("finetune",), keep_unknown=True)
    assert kept.loc[closed_unknown.index, "passes"].all()
    assert all("fine-tuning: unknown" in u for u in kept.loc[closed_unknown.index, "unknowns"])
    assert kept["passes"].sum() > confirmed


def test_tool_calling_counts_only_confirmed_models_and_names_the_unknown_ones(store):
    out = _store_eval(store, needs=("tools",))
    (yes,) = store_query("SELECT count(*) FROM models WHERE status = 'active' AND tool_calling")[0]
    (unknown,) = store_query("SELECT count(*) FROM models WHERE status = 'active' AND tool_calling IS NULL")[
        0
    ]
    assert out["passes"].sum() == yes
    active = out["status"].eq("active")
    assert out.loc[active, "reasons"].map(lambda r: r == ("tool calling: unknown",)).sum() == unknown
    kept = _store_eval(store, needs=("tools",), keep_unknown=True)
    assert kept["passes"].sum() == yes + unknown


def test_on_prem_excludes_models_whose_openness_is_unknown_unless_kept(store):
    out = _store_eval(store, deployment="on-prem")
    unknown = out.index[out["open_weights"].isna() & out["status"].eq("active")]
    assert len(unknown) > 0
    assert all(out.at[m, "reasons"] == ("open weights: unknown",) for m in unknown)
    kept = _store_eval(store, deployment="on-prem", keep_unknown=True)
    assert kept.loc[unknown, "passes"].all()
    assert not kept.loc[kept["open_weights"].eq(False).fillna(False), "passes"].any()


def test_commercial_use_never_counts_an_unknown_licence_as_yes(store):
    out = _store_eval(store, license="commercial")
    passing = out[out["passes"]]
    assert passing["commercial_use"].isin(["yes", "conditional"]).all()
    no_licence = out.index[out["commercial_use"].isna() & out["status"].eq("active")]
    assert all("licence: unknown" in out.at[m, "reasons"] for m in no_licence)


def test_retired_models_are_excluded_with_their_date_and_shown_when_asked(store):
    out = _store_eval(store)
    (date,) = store_query("SELECT retirement_date FROM models WHERE model_id = 'gpt-4.5'")[0]
    assert out.at["gpt-4.5", "reasons"] == (f"retired by its vendor on {date:%Y-%m-%d}",)
    assert _store_eval(store, exclude_deprecated=False).at["gpt-4.5", "passes"]


# --- the rules' words, on real rows with a few values set -------------------------------------------

ROWS = {"open-ok": "llama-3.3-70b", "open-nc": "command-r", "closed": "gpt-4o", "big": "deepseek-r1"}


def _catalog(store) -> pd.DataFrame:
    df = store["catalog"].loc[list(ROWS.values())].copy()
    df.index = pd.Index(list(ROWS), name="model_id")
    df.loc["open-nc", ["commercial_use", "license_name"]] = ["no", "CC-BY-NC-4.0"]
    df.loc["open-nc", "context_tokens"] = 32_000
    df.loc["open-nc", "tool_calling"] = False
    df.loc["big", "context_tokens"] = pd.NA
    df.loc["big", "tool_calling"] = pd.NA
    df.loc["big", "params_total_b"] = 671.0
    df.loc[:, "status"] = "active"
    df.loc[:, "score__arena_text"] = [1300.0, 1350.0, 1450.0, 1400.0]
    return df


COSTS = pd.DataFrame(
    {
        "monthly_usd": [500.0, 100.0, 2_000.0, 40_000.0],
        "cost_basis": ["api: x", "api: y", "api: z", "self-host: 16×H100"],
    },
    index=list(ROWS),
)


def _run(store, **kw):
    return evaluate(_catalog(store), COSTS, Constraints(**kw), "Arena")


def test_on_prem_with_commercial_licence_keeps_open_commercial_models_only(store):
    out = _run(store, deployment="on-prem", license="commercial")
    assert set(out.index[out["passes"]]) == {"open-ok", "big"}
    assert "no open weights, but on-prem is required" in out.at["closed", "reasons"]
    assert "license: non-commercial (CC-BY-NC-4.0)" in out.at["open-nc", "reasons"]


def test_quality_context_size_budget_and_needs_give_numbers_in_words(store):
    out = _run(
        store, min_score=1320, min_context_tokens=64_000, max_params_b=100, budget_usd=1_000, needs=("tools",)
    )
    assert out.at["open-ok", "reasons"] == ("Arena 1,300 < 1,320",)
    assert "context 32K < 64K" in out.at["open-nc", "reasons"]
    assert "no tool calling" in out.at["open-nc", "reasons"]
    assert out.at["closed", "reasons"] == ("$2,000/month at your volume > budget $1,000",)
    big = out.at["big", "reasons"]
    assert "size 671B > 100B (needs 16×H100)" in big
    assert "context: unknown" in big and "tool calling: unknown" in big


def test_keep_unknown_lets_unknowns_pass_but_never_a_known_failure(store):
    out = _run(store, min_context_tokens=64_000, needs=("tools",), keep_unknown=True)
    assert out.at["big", "passes"] and out.at["big", "unknowns"] == (
        "context: unknown",
        "tool calling: unknown",
    )
    assert not out.at["open-nc", "passes"]


def test_size_limit_ignores_closed_models_whose_size_is_unpublished(store):
    assert _run(store, max_params_b=100).at["closed", "passes"]


def test_reason_counts_group_reasons_that_differ_only_in_numbers(store):
    out = _run(store, min_context_tokens=300_000)
    counts = reason_counts(out).set_index("reason")["models"]
    assert counts["context … < …"] == 3
    assert counts["context: unknown"] == 1
