"""The numbers of an older date (tradeoffs/asof.py) on the store's own frames: known answers read off the
CSVs in data/, and a refresh (tests/asof_helpers.py) whose history gives back the numbers before it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.asof_helpers import NEW_ARENA, NEW_DAY, NEW_MODEL, OLD_DAY, SCORE_CHANGE, make_newer_data
from tests.ingest_helpers import DATA
from tradeoffs import asof, queries
from tradeoffs.store import connect_readonly, ensure_store


def _frames(data_dir: Path) -> dict[str, pd.DataFrame]:
    path, _ = ensure_store(data_dir)
    con = connect_readonly(path)
    try:
        return {
            "offerings": queries.load_offerings(con.cursor()),
            "scores": queries.load_scores(con.cursor()),
            "models": queries.load_models(con.cursor()),
            "prices": queries.load_price_history(con.cursor()),
            "score_history": queries.load_score_history(con.cursor()),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRADEOFFS_STORE_DIR", str(tmp_path_factory.mktemp("store")))
        return _frames(DATA)


@pytest.fixture(scope="module")
def newer(tmp_path_factory):
    root = tmp_path_factory.mktemp("newer")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRADEOFFS_STORE_DIR", str(root / "store"))
        return _frames(make_newer_data(DATA, root / "data"))


def _price(frame, model, provider):
    row = frame[(frame["model_id"] == model) & (frame["provider"] == provider)]
    return row.iloc[0].to_dict() if len(row) else None


def _score(frame, model, benchmark):
    row = frame[(frame["model_id"] == model) & (frame["benchmark"] == benchmark)]
    return row.iloc[0].to_dict() if len(row) else None


def test_on_the_datas_own_date_nothing_changes(bundled):
    offerings = asof.offerings_as_of(bundled["offerings"], bundled["prices"], OLD_DAY)
    scores = asof.scores_as_of(bundled["scores"], bundled["score_history"], OLD_DAY)
    assert offerings.equals(bundled["offerings"]) and scores.equals(bundled["scores"])


def test_known_prices_of_an_older_date(bundled):
    july = asof.offerings_as_of(bundled["offerings"], bundled["prices"], "2026-07-01")
    assert dict(july.dtypes) == dict(bundled["offerings"].dtypes)
    # price_history.csv: gpt-4o,azure,2026-06-30,2.5,10,models.dev — LiteLLM only listed it on 2026-09-29
    azure = _price(july, "gpt-4o", "azure")
    assert (azure["input_usd_per_mtok"], azure["output_usd_per_mtok"], azure["source"]) == (
        2.5,
        10.0,
        "models.dev",
    )
    assert (
        azure["as_of"] == pd.Timestamp("2026-06-30") and azure["cached_input_usd_per_mtok"] == 1.25
    )  # same price
    june = asof.offerings_as_of(bundled["offerings"], bundled["prices"], "2026-06-01")
    # gpt-4o,openrouter,2026-05-12,2.5,10,openrouter: the only price of that listing before June
    router = _price(june, "gpt-4o", "openrouter")
    assert (router["input_usd_per_mtok"], router["source"], router["as_of"]) == (
        2.5,
        "openrouter",
        pd.Timestamp("2026-05-12"),
    )
    assert _price(june, "gpt-4o", "openai") is None  # first priced on 2026-06-30
    assert (june["as_of"] <= pd.Timestamp("2026-06-01")).all()


def test_known_scores_of_an_older_date(bundled):
    scores = asof.scores_as_of(bundled["scores"], bundled["score_history"], "2024-07-01")
    # score_history.csv: command-r-plus,mmlu_pro 39.91855053 on 2024-06-13, 44.20711436 on 2024-09-19
    old = _score(scores, "command-r-plus", "mmlu_pro")
    assert (old["score"], old["as_of"], old["source"]) == (
        39.91855053,
        pd.Timestamp("2024-06-13"),
        "hf-leaderboard",
    )
    assert pd.isna(old["ci_low"])  # the history keeps no interval
    # DeepSeek-V3 had an Arena score on the raw scale only (lmarena-csv, 2025-05-14): not on the one scale
    may = asof.scores_as_of(bundled["scores"], bundled["score_history"], "2025-06-01")
    assert _score(may, "deepseek-v3", "arena_text") is None
    assert _score(may, "deepseek-v3", "eci") is None and _score(bundled["scores"], "deepseek-v3", "eci")


def test_models_released_after_the_date_are_hidden(bundled):
    models = bundled["models"]
    early = asof.models_as_of(models, "2024-06-01")
    assert "gpt-4o" in set(early["model_id"]) and "llama-3.3-70b" not in set(early["model_id"])  # Dec 2024
    undated = models["release_date"].isna()
    assert undated.any() and set(models.loc[undated, "model_id"]) <= set(early["model_id"])


def test_a_link_date_is_only_an_older_version_of_an_earlier_day():
    assert asof.link_date("2026-10-10~abc", "2026-11-01", "def") == "2026-10-10"
    assert asof.link_date("2026-10-10~def", "2026-11-01", "def") is None  # the same data
    assert asof.link_date("2026-12-01~abc", "2026-11-01", "def") is None  # made on newer data
    assert asof.link_date("2026-11-01~abc", "2026-11-01", "def") is None  # same day: nothing to rebuild
    for bad in (None, "", "2026-10-10", "yesterday~abc", "2026-13-40~abc"):
        assert asof.link_date(bad, "2026-11-01", "def") is None


def test_the_refreshs_history_gives_back_every_number_of_the_day_before(bundled, newer):
    offerings = asof.offerings_as_of(newer["offerings"], newer["prices"], OLD_DAY)
    keys = ["model_id", "provider"]
    want = bundled["offerings"].set_index(keys)
    got = offerings.set_index(keys).loc[want.index]
    assert len(offerings) == len(want)  # the new listing and the new model's price are not there yet
    for column in ("input_usd_per_mtok", "output_usd_per_mtok", "as_of", "source", "trusted"):
        assert got[column].equals(want[column]), column
    scores = asof.scores_as_of(newer["scores"], newer["score_history"], OLD_DAY)
    want_scores = bundled["scores"].set_index(["model_id", "benchmark"])
    got_scores = scores.set_index(["model_id", "benchmark"]).loc[want_scores.index]
    assert len(scores) == len(want_scores)
    for column in ("score", "as_of", "source"):
        assert got_scores[column].equals(want_scores[column]), column
    model, benchmark, _ = SCORE_CHANGE
    assert got_scores.loc[(model, benchmark), "score"] == 137.1475875  # scores.csv of the older data
    assert got_scores.loc[(NEW_ARENA[0], "arena_text"), "score"] == 1346.363083
    assert NEW_MODEL not in set(asof.models_as_of(newer["models"], OLD_DAY)["model_id"])


def test_what_changed_for_the_shortlist(newer):
    now = asof.Numbers(newer["offerings"][newer["offerings"]["trusted"]], newer["scores"])
    history = asof.History(newer["prices"], newer["score_history"])
    changes = asof.changes_since(now, history, OLD_DAY, ("gpt-4o", "deepseek-v3"))
    seen = [(c.model_id, c.item, c.measure, c.old, c.new, c.old_as_of, c.new_as_of) for c in changes]
    assert seen == [
        ("gpt-4o", "openai", "input price", 2.5, 2.0, "2026-09-29", NEW_DAY),
        ("gpt-4o", "openai", "output price", 10.0, 8.0, "2026-09-29", NEW_DAY),
        ("gpt-4o", "oracle-oci", "input price", None, 2.5, None, NEW_DAY),
        ("gpt-4o", "oracle-oci", "output price", None, 10.0, None, NEW_DAY),
        ("gpt-4o", "arena_text", "score", 1346.363083, 1351.25, "2025-11-01", NEW_DAY),
        ("deepseek-v3", "deepseek", "input price", 0.27, 0.28, "2026-09-29", NEW_DAY),
        ("deepseek-v3", "deepseek", "output price", 1.1, 0.42, "2026-09-29", NEW_DAY),
        ("deepseek-v3", "hyperbolic", "input price", 0.2, 0.1, "2026-09-29", NEW_DAY),
        ("deepseek-v3", "hyperbolic", "output price", 0.2, 0.15, "2026-09-29", NEW_DAY),
        ("deepseek-v3", "eci", "score", 137.1475875, 139.5, "2026-04-16", NEW_DAY),
    ]
    assert asof.changes_since(now, history, OLD_DAY, ("claude-sonnet-4.5",)) == []


def test_a_change_reads_as_a_sentence():
    price = asof.Change("m", "input price", "openai", 3.995, 4.0, "2026-09-29", "2026-11-01")
    assert asof.describe_change(price, "GPT-4o", "openai") == (
        "GPT-4o — openai input price per 1M tokens: $3.995 (2026-09-29) → $4.00 (2026-11-01)"
    )
    listed = asof.Change("m", "output price", "oci", None, 10.0, None, "2026-11-01")
    assert asof.describe_change(listed, "GPT-4o", "oci").endswith("not listed → $10.00 (2026-11-01)")
    score = asof.Change("m", "score", "arena_text", 1346.363, 1351.25, "2025-11-01", "2026-11-01")
    assert asof.describe_change(score, "GPT-4o", "LMArena text score") == (
        "GPT-4o — LMArena text score: 1,346.4 (2025-11-01) → 1,351.2 (2026-11-01)"
    )
