"""Decision-grade data: the invariants of the bundled data, and the audit's cases one by one.

Every test reads the committed ``data/`` through the real store (or the real CLI), and each one
fails on the data as it stood before the review (resellers' prices, merged and split models, raw
Arena scores, open models without licence or size, retired models shown as active).
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from tests.app_helpers import bundled_tables, store_query
from tests.ingest_helpers import DATA, read_table, run_cli
from tradeoffs import quality, queries
from tradeoffs.costs import api as costs
from tradeoffs.ingest.registry import IdentityRules, plain_id
from tradeoffs.manifest import write_manifest
from tradeoffs.store import connect_readonly, data_version, ensure_store

FLAGSHIPS = ("claude-opus-4.5", "claude-sonnet-4.5", "claude-haiku-4.5", "gemini-2.5-flash", "gpt-5-mini")


@pytest.fixture(scope="module")
def store():
    return bundled_tables()


def _findings(data_dir=DATA) -> list[quality.Finding]:
    path, _ = ensure_store(data_dir)
    con = connect_readonly(path)
    try:
        tables = queries.load_quality_tables(con.cursor())
    finally:
        con.close()
    return quality.check(
        tables, *quality.load_curated_for_check(data_dir), quality.load_source_scores(data_dir)
    )


def test_the_data_quality_check_holds_on_the_bundled_data(store_tmp):
    findings = {f.name: f for f in _findings()}
    assert quality.failed(list(findings.values())) == []
    status, out, _ = run_cli("--check", "--data-dir", DATA)
    assert status == 0 and out.rstrip().endswith("data-quality check: ok"), out
    unknown_sizes = next(
        f for n, f in findings.items() if n.startswith("open models with a price or score and no total")
    )
    assert unknown_sizes.count <= quality.MAX_UNKNOWN_SIZES


def test_the_check_fails_and_names_the_model_when_an_invariant_breaks(tmp_path, store_tmp):
    data = shutil.copytree(DATA, tmp_path / "data")
    models = pd.read_csv(data / "models.csv", dtype=str, keep_default_na=False)
    models.loc[models["model_id"].eq("llama-3.3-70b"), "license_id"] = ""
    models.to_csv(data / "models.csv", index=False, lineterminator="\n")
    status, _, err = run_cli("--check", "--data-dir", data)
    assert status == 2 and "models.csv differs from what the last refresh wrote" in err  # a hand edit
    write_manifest(data, data_version(data))  # as if a refresh had written it
    status, out, _ = run_cli("--check", "--data-dir", data)
    assert status == 1
    assert "FAIL      1  open models with a price or score and no licence" in out and "llama-3.3-70b" in out


@pytest.mark.parametrize("model_id", FLAGSHIPS)
def test_closed_flagships_cost_their_labs_list_price_unless_resellers_are_asked_for(store, model_id):
    offers = store["all_offerings"]
    rows = offers[offers["model_id"] == model_id]
    lab = rows[rows["first_party"].eq(True)]
    assert len(lab), f"{model_id} has no first-party price"
    lab_price = float((0.75 * lab["input_usd_per_mtok"] + 0.25 * lab["output_usd_per_mtok"]).min())
    trusted = costs.cheapest_offerings(costs.contractable_offerings(rows), 0.75).iloc[0]
    assert trusted["blended_usd_per_mtok"] == pytest.approx(lab_price, rel=quality.LIST_PRICE_TOLERANCE)
    anyone = costs.cheapest_offerings(costs.contractable_offerings(rows, include_resellers=True), 0.75).iloc[
        0
    ]
    assert anyone["blended_usd_per_mtok"] <= trusted["blended_usd_per_mtok"]


def test_the_seven_times_cheaper_reseller_is_marked_and_never_trusted(store):
    offers = store["all_offerings"]
    qihang = offers[offers["provider"] == "qihang-ai"]
    assert len(qihang) and set(qihang["provider_kind"]) == {"reseller"} and not qihang["trusted"].any()
    opus = offers[(offers["model_id"] == "claude-opus-4.5") & (offers["provider"] == "qihang-ai")].iloc[0]
    assert opus["input_usd_per_mtok"] < 1  # the $0.71 quote is still there, for those who ask


def test_every_provider_is_classified_and_hosts_count_only_independent_hosts_of_open_weights(store):
    providers = pd.read_csv(DATA / "curated" / "providers.csv", dtype=str, keep_default_na=False)
    assert set(store["all_offerings"]["provider"]) <= set(providers["provider"])
    assert set(providers["kind"]) <= {"lab", "cloud", "host", "router", "reseller", "plan"}
    catalog = store["catalog"]
    assert catalog.at["claude-opus-4.5", "n_hosts"] == 0  # 17 "hosts" before: resellers and routers
    (hosts,) = store_query(
        "SELECT count(DISTINCT provider) FROM offerings WHERE model_id = 'llama-3.3-70b' "
        "AND trusted AND NOT first_party AND provider_kind IN ('host', 'cloud', 'lab')"
    )[0]
    assert catalog.at["llama-3.3-70b", "n_hosts"] == hosts > 3


def test_one_row_per_checkpoint_in_the_audits_cases(store):
    catalog = store["catalog"]
    # splits joined: the open weights carry the API model's size
    for gone in ("c4ai-command-r-plus", "command-r-v01", "mistral-3", "mistral-small-3.1-24b"):
        assert gone not in catalog.index
    assert catalog.at["command-r-plus", "params_total_b"] > 100
    assert pd.notna(catalog.at["command-r-plus", "score__arena_text"])
    assert pd.notna(catalog.at["mistral-medium-2505", "score__arena_text"])
    # merges split: another checkpoint, another row with its own scores and licence
    for base, variant in (
        ("o1", "o1-preview"),
        ("kimi-k2", "kimi-k2-thinking"),
        ("qwq-32b", "qwq-32b-preview"),
    ):
        assert catalog.at[base, "score__arena_text"] != catalog.at[variant, "score__arena_text"]
    assert catalog.at["mpt-7b-chat", "license_id"] == "cc-by-nc-sa-4.0"
    assert catalog.at["mpt-7b", "license_id"] == "apache-2.0" and pd.isna(
        catalog.at["mpt-7b", "score__arena_text"]
    )
    assert {"vicuna-13b-v1.3", "vicuna-13b-v1.5"} <= set(catalog.index)
    assert catalog.at["vicuna-13b-v1.3", "commercial_use"] == "no"


def test_moving_aliases_never_give_an_older_model_a_newer_ones_scores(store):
    rows = store_query(
        "SELECT model_id, benchmark, source_id FROM scores WHERE model_id IN ('deepseek-r1', 'deepseek-v3')"
    )
    assert rows and not [r for r in rows if r[2] in ("deepseek-reasoner", "deepseek-chat")]
    (source_id,) = store_query(
        "SELECT source_id FROM scores WHERE model_id = 'deepseek-v3.2' AND benchmark = 'eci'"
    )[0]
    assert source_id in ("deepseek-chat", "deepseek-reasoner")  # Epoch measured the alias when it served V3.2


def test_a_moving_alias_resolves_by_the_date_of_the_observation():
    rules = IdentityRules(
        moving=(
            (re.compile("deepseek-chat"), "deepseek-v3", "2024-12-26", "2025-03-23"),
            (re.compile("deepseek-chat"), "deepseek-v3.2", "2025-12-01", "2026-10-31"),
        )
    )
    plain = plain_id("litellm", "deepseek/deepseek-chat")
    assert plain == "deepseek-chat" and rules.is_moving(plain)
    assert rules.served(plain, "2025-01-15") == "deepseek-v3"
    assert rules.served(plain, "2026-09-29") == "deepseek-v3.2"
    assert rules.served(plain, "2025-06-01") is None  # a window nobody recorded: unmatched
    assert rules.served(plain, None) is None


def test_identity_rules_pin_every_spelling_of_a_checkpoint_to_its_own_row():
    from tradeoffs.ingest.curated import load_curated

    rules = load_curated(DATA).rules
    cases = {
        ("huggingface", "lmsys/vicuna-13b-v1.5-16k"): "vicuna-13b-v1.5-16k",
        ("lmarena", "MPT-7B-Chat"): "mpt-7b-chat",
        ("litellm", "bedrock/us-east-1/moonshotai.kimi-k2-thinking"): "kimi-k2-thinking",
        ("epoch", "o1-preview-2024-09-12"): "o1-preview",
        ("litellm", "watsonx/mistralai/mistral-small-3-1-24b-instruct-2503"): "mistral-small-2503",
        ("lmarena", "Mistral Medium 3"): "mistral-medium-2505",
    }
    for (source, source_id), model_id in cases.items():
        assert rules.pinned_model(plain_id(source, source_id)) == model_id, source_id
    assert rules.pinned_model(plain_id("lmarena", "kimi-k2-0905-preview")) is None  # a dated snapshot
    assert rules.is_moving(plain_id("models.dev", "mistral/codestral-latest"))


def test_arena_scores_are_on_one_scale_with_their_intervals():
    sources = {s for (s,) in store_query("SELECT DISTINCT source FROM scores WHERE benchmark = 'arena_text'")}
    assert sources <= set(quality.STYLE_CONTROLLED_ARENA)
    (with_ci, total) = store_query(
        "SELECT count(*) FILTER (WHERE ci_low IS NOT NULL), count(*) FROM scores "
        "WHERE benchmark = 'arena_text'"
    )[0]
    assert with_ci / total > 0.9


def test_open_models_that_matter_have_licence_size_and_precision(store):
    catalog = store["catalog"]
    for model_id in ("deepseek-v4-pro", "kimi-k3", "glm-5.1", "gpt-oss-120b", "qwen3-235b-a22b"):
        row = catalog.loc[model_id]
        assert pd.notna(row["license_id"]) and row["params_total_b"] > 0, model_id
        assert row["params_active_b"] < row["params_total_b"], model_id  # mixture of experts
        assert row["native_precision"] in ("BF16", "FP8", "MXFP4", "INT4", "NVFP4"), model_id
    assert catalog.at["gpt-oss-120b", "native_precision"] == "MXFP4"
    assert catalog.at["pythia-6.9b-deduped", "params_total_b"] > 6.5  # not the leaderboard's truncated 6


def test_wrong_flags_retirements_and_field_priority_are_fixed(store):
    catalog = store["catalog"]
    assert catalog.at["qwen-max-0919", "open_weights"] == False  # noqa: E712 (nullable boolean)
    assert catalog.at["codestral-2501", "open_weights"] == False  # noqa: E712
    assert catalog.at["grok-2", "open_weights"] == True  # noqa: E712
    for model_id in ("gpt-4.5", "claude-3.5-sonnet", "gemini-1.5-pro"):
        assert catalog.at[model_id, "status"] == "retired", model_id
    assert catalog.at["llama-2-7b", "context_tokens"] == 4096  # not a gateway's 128K
    assert str(catalog.at["gpt-3.5-turbo", "release_date"])[:10] == "2023-03-01"


def test_a_value_that_is_not_public_says_why_in_words(store):
    why = store["catalog"].at["grok-2", "unknown_why"]
    assert why.startswith("params_total_b: not public:") and "nan" not in why
    assert pd.isna(store["catalog"].at["grok-2", "params_total_b"])  # no source's guess fills it


def test_a_quote_far_below_the_models_other_providers_is_held_back_for_review(store):
    offers = store["all_offerings"]
    mine = offers["model_id"] == "llama-3.1-405b"
    quote = offers[mine & (offers["provider"].str.lower() == "hyperbolic")]
    assert len(quote) == 1 and not quote["trusted"].iloc[0]  # $0.165 against a $1.50 median: stored, not used
    used = store["offerings"][store["offerings"]["model_id"] == "llama-3.1-405b"]
    assert len(used) >= 3 and "hyperbolic" not in set(used["provider"].str.lower())
    warnings = read_table(DATA, "warnings")["message"]
    assert warnings.str.contains("llama-3.1-405b: hyperbolic lists \\$0.165", regex=True).any()
