"""Openness beyond the weights (tradeoffs/openness.py) and the privacy and transparency factors, on rows
read from the bundled store: known ratings give the score the formula says, an unrated model stays
unknown (never 0), the open-washing rule fires where the index rates data or licence closed."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.app_helpers import bundled_tables
from tradeoffs import openness, privacy, queries
from tradeoffs.factors import FACTOR_BY_KEY, factor_scores
from tradeoffs.privacy import Rung
from tradeoffs.privacy_factors import PrivacyFacts
from tradeoffs.store import connect_readonly, ensure_store


@pytest.fixture(scope="module")
def tables() -> dict:
    out = bundled_tables()
    path, _ = ensure_store()
    con = connect_readonly(path)
    try:
        out["policies"] = queries.load_table(con.cursor(), "provider_policies")
        out["endpoints"] = queries.load_table(con.cursor(), "endpoints")
    finally:
        con.close()
    return out


@pytest.fixture(scope="module")
def index(tables) -> pd.DataFrame:
    return tables["openness"].set_index("model_id")


def test_a_known_models_ratings_give_the_score_the_formula_says(index):
    scores = openness.transparency_scores(index)
    # gpt-oss-120b: open on weights (2), hardware, preprint, model card; partial licence; 6 closed → 5.5 / 12
    row = index.loc["gpt-oss-120b"]
    assert openness.summary_text(row) == "5 open · 1 partial · 6 closed of 12 rated"
    assert scores["gpt-oss-120b"] == pytest.approx(5.5 / 12)
    # OLMo 3: everything open but the peer-reviewed paper (partial) → 11.5 / 12
    assert scores["olmo-3-32b"] == pytest.approx(11.5 / 12)
    # Llama 3.3 70B: nothing open, 5 partial → 2.5 / 12
    assert scores["llama-3.3-70b"] == pytest.approx(2.5 / 12)
    assert scores.between(0, 1).all() and len(scores) == len(index)


def test_the_counts_agree_with_the_index_own_counts_on_every_row(index):
    for model_id, row in index.iterrows():
        n = openness.counts(row)
        assert (n["open"], n["partial"], n["closed"]) == (
            row["open_count"],
            row["partial_count"],
            row["closed_count"],
        ), model_id


def test_an_unrated_model_is_unknown_not_zero_and_a_blank_dimension_is_left_out(index, tables):
    scores = openness.transparency_scores(index)
    assert "gpt-4o" not in scores.index and math.isnan(scores.reindex(["gpt-4o"]).iloc[0])
    assert openness.summary_text(None) == "not rated by the index"
    # a dimension the index leaves blank (not applicable) is not counted as closed
    row = index.loc[["gpt-oss-120b"]].copy()
    row.loc[:, "datasources_endmodel"] = None
    assert openness.transparency_scores(row).iloc[0] == pytest.approx(5.5 / 11)
    assert openness.summary_text(row.iloc[0]) == "5 open · 1 partial · 5 closed of 11 rated"
    # the factor: an open model the index has not rated is unknown; a closed one counts 0
    catalog = tables["catalog"]
    unrated_open = next(
        m for m in catalog.index[catalog["open_weights"].eq(True).fillna(False)] if m not in index.index
    )
    facts = PrivacyFacts.of(tables["openness"], pd.Series(dtype=object), "EU")
    picked = catalog.loc[["gpt-oss-120b", unrated_open, "gpt-4o"]]
    costs = pd.DataFrame(columns=["monthly_usd", "cost_basis", "feasible", "cost_note"], index=picked.index)
    scored = factor_scores(picked, costs, "arena_text", "2026-11-01", facts)["transparency"]
    assert scored.iloc[0] == pytest.approx(5.5 / 12)
    assert math.isnan(scored.iloc[1]) and scored.iloc[2] == 0.0


def test_the_open_washing_rule_on_real_rows(index, tables):
    catalog = tables["catalog"]

    def note(model_id):
        return openness.open_washing_note(catalog.loc[model_id], index.loc[model_id])

    # Llama 3.3: open weights; the index rates its training data and its licence closed
    assert note("llama-3.3-70b") == (
        "Open weights, but the European Open Source AI Index rates its training data and licence closed: "
        "not open source."
    )
    # gpt-oss-120b: open weights under Apache-2.0 (OSI); the index rates the licence partial, data closed
    assert note("gpt-oss-120b").startswith(
        "Open weights under Apache License 2.0, but the European Open Source AI Index rates its training "
        "data closed:"
    )
    # OLMo 3 publishes its data: no note; why none is said in words
    assert note("olmo-3-32b") is None
    assert openness.open_washing_check(catalog.loc["olmo-3-32b"], index.loc["olmo-3-32b"]).startswith("none:")
    # Nemotron Super: base data closed but end-model data open → training data is not "closed"; licence is
    assert "rates its licence closed" in note("llama-3.3-nemotron-super-49b")
    # not presented as open in the catalogue (open-weights flag and licence unknown): the rule does not apply
    assert note("cogito-v2.1-671b") is None
    assert openness.open_washing_check(catalog.loc["gpt-4o"], None) == "not rated by the index"
    flagged = [m for m in index.index if m in catalog.index and note(m)]
    assert 30 <= len(flagged) < len(index)  # most, not all: the index's point about "open" models


def _privacy(tables, region: str) -> pd.Series:
    rungs = privacy.highest_api_rung(tables["offerings"], tables["policies"], region, tables["endpoints"])
    facts = PrivacyFacts.of(tables["openness"], rungs, region)
    ids = ["llama-3.3-70b", "gpt-4o", "chatgpt-4o", "grok-4.5", "morph-v3-fast"]
    picked = tables["catalog"].loc[ids]
    costs = pd.DataFrame(columns=["monthly_usd", "cost_basis", "feasible", "cost_note"], index=picked.index)
    return factor_scores(picked, costs, "arena_text", "2026-11-01", facts)["privacy"], rungs


def test_privacy_factor_values_for_known_models_on_the_bundled_data(tables):
    scores, rungs = _privacy(tables, "EU")
    assert scores["llama-3.3-70b"] == 1.0  # open weights: on-prem
    assert tables["catalog"].at["gpt-4o", "on_hyperscaler"] and scores["gpt-4o"] == 0.75  # Azure endpoint
    assert rungs["chatgpt-4o"] == Rung.PUBLIC_API and scores["chatgpt-4o"] == 0.0  # public API only
    assert rungs["grok-4.5"] == Rung.NO_RETENTION and scores["grok-4.5"] == 0.25
    # the region is the constraint's: morph's no-retention API is processed in the US, not in the EU
    us, _ = _privacy(tables, "US")
    assert (scores["morph-v3-fast"], us["morph-v3-fast"]) == (0.25, 0.5)


def test_the_formulas_are_written_down():
    assert openness.TRANSPARENCY_FORMULA in FACTOR_BY_KEY["transparency"].formula
    assert "0.75" in FACTOR_BY_KEY["privacy"].formula and "0.25" in FACTOR_BY_KEY["privacy"].formula
    assert "not rated" in FACTOR_BY_KEY["transparency"].unknown_when
