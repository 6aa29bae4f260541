"""Each source parser on its recorded real payload (tests/fixtures/snapshots, see its README).

Known values are looked up in the payload files; each comment says where. Prices must come out in
USD per million tokens whatever unit the source uses, and missing values must stay missing.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tests.ingest_helpers import FIXTURES, HTML_PAGE, read_table
from tradeoffs.ingest.match import match_key
from tradeoffs.ingest.pipeline import SOURCES
from tradeoffs.ingest.registry import matchable
from tradeoffs.ingest.sources import (
    arena_daily,
    epoch_benchmarks,
    epoch_hardware,
    epoch_models,
    genai_prices,
    gpu_prices,
    hf_hub,
    hf_leaderboard,
    litellm,
    lmarena_catalog,
    lmarena_csv,
    lmarena_history,
    mlperf,
    models_dev,
    openrouter,
)
from tradeoffs.ingest.staging import STAGING_KEYS, DataQualityError

# Each source's as-of date in the recorded payload (each parser's docstring says where it comes from).
AS_OF = {
    "models.dev": date(2026, 6, 30),
    "openrouter": date(2026, 5, 12),
    "litellm": date(2026, 9, 29),
    "genai-prices": date(2026, 8, 16),
    "lmarena-catalog": date(2025, 11, 1),
    "lmarena-csv": date(2025, 5, 14),
    "lmarena-history": date(2025, 2, 27),
    "arena-daily": date(2026, 10, 10),
    "hf-hub": date(2025, 7, 26),
    "epoch-benchmarks": date(2026, 4, 16),
    "epoch-models": date(2025, 12, 31),
    "epoch-hardware": date(2026, 3, 11),
    "gpu-prices": date(2026, 10, 5),
    "hf-leaderboard": date(2025, 3, 13),
    "mlperf": date(2026, 3, 26),
}
# The price columns of a staged offering, in US dollars per million tokens.
PRICE = ["input_usd_per_mtok", "output_usd_per_mtok"]
PRICE_CACHED = [*PRICE, "cached_input_usd_per_mtok"]


def parse(module):
    return module.parse(FIXTURES / module.FOLDER)


def row(df: pd.DataFrame, source_id: str, **match) -> pd.Series:
    hits = df[df["source_id"] == source_id]
    for col, value in match.items():
        hits = hits[hits[col] == value]
    assert len(hits) == 1, f"{source_id} {match}: {len(hits)} rows"
    return hits.iloc[0]


def ids(df: pd.DataFrame) -> set[str]:
    return set(df["source_id"])


def flag(value) -> bool | None:
    """A staged boolean as True / False / None (unknown), whatever dtype pandas gave the column."""
    return None if value is None or pd.isna(value) else bool(value)


# ---- every source ----------------------------------------------------------------------------------


@pytest.mark.parametrize("module", SOURCES, ids=lambda m: m.NAME)
def test_every_parser_reads_its_payload(module):
    staged = parse(module)
    assert staged.name == module.NAME
    assert staged.rows > 0
    assert staged.as_of == AS_OF[module.NAME]
    for kind, table in staged.tables.items():
        key = list(STAGING_KEYS[kind])
        assert table[key].notna().all().all(), f"{kind}: a key column has blanks"
        assert not table.duplicated(key).any(), f"{kind}: duplicate keys"
        if "source" in table and kind != "gpus":
            assert set(table["source"]) <= {module.NAMESPACE}


@pytest.mark.parametrize("module", SOURCES, ids=lambda m: m.NAME)
def test_an_html_error_page_instead_of_the_payload_is_rejected_naming_the_source(module, tmp_path):
    folder = shutil.copytree(FIXTURES / module.FOLDER, tmp_path / module.FOLDER)
    for path in folder.rglob("*"):
        if path.suffix in {".json", ".csv", ".toml"}:
            path.write_bytes(HTML_PAGE)
    with pytest.raises(DataQualityError) as err:
        module.parse(folder)
    assert str(err.value).startswith(f"{module.NAME}: ")


# ---- models.dev ------------------------------------------------------------------------------------


def test_models_dev_offerings_in_usd_per_mtok_as_written():
    staged = parse(models_dev)
    offers = staged.table("offerings")
    # providers/openai/models/gpt-4.toml: [cost] input = 30.00, output = 60.00; [limit] context = 8192
    gpt4 = row(offers, "openai/gpt-4")
    assert gpt4[[*PRICE, "context_tokens"]].tolist() == [30.0, 60.0, 8192]
    assert gpt4["provider"] == "openai"
    assert pd.isna(gpt4["cached_input_usd_per_mtok"])  # no cache_read: missing, not 0
    # providers/mistral/models/open-mistral-7b.toml (the crosswalk's models.dev id of Mistral 7B): 0.25 / 0.25
    assert row(offers, "mistral/open-mistral-7b")[PRICE].tolist() == [0.25, 0.25]
    assert set(offers["as_of"]) == {AS_OF["models.dev"]}


def test_models_dev_reads_toml_digit_separators_and_keeps_the_base_price_tier():
    path = FIXTURES / "models-dev/providers/openai/models/gpt-5.4.toml"
    text = path.read_text()
    assert "context = 1_050_000" in text and "[[cost.tiers]]" in text  # the payload really uses both
    staged = parse(models_dev)
    offer = row(staged.table("offerings"), "openai/gpt-5.4")
    assert offer["context_tokens"] == 1_050_000
    # [cost] input = 2.50, output = 15.00, cache_read = 0.25; the >272k-token tier (5.00 / 22.50)
    # is not the list price
    assert offer[PRICE_CACHED].tolist() == [2.5, 15.0, 0.25]
    # models/openai/gpt-4.toml writes `context = 8_192`
    assert "context = 8_192" in (FIXTURES / "models-dev/models/openai/gpt-4.toml").read_text()
    assert row(staged.table("models"), "openai/gpt-4")["context_tokens"] == 8192


def test_models_dev_lab_records_name_the_lab_and_offerings_link_to_them():
    models = parse(models_dev).table("models")
    # models/meta/llama-3.3-70b-instruct.toml: a lab record, with its Hugging Face weights
    lab = row(models, "meta/llama-3.3-70b-instruct")
    assert lab["organization"] == "meta"
    assert flag(lab["defines"]) is True and flag(lab["open_weights"]) is True
    assert lab["hf_repo"] == "meta-llama/Llama-3.3-70B-Instruct"
    # providers/amazon-bedrock/models/meta.llama3-3-70b-instruct-v1:0.toml: an offering, no organisation
    assert pd.isna(row(models, "amazon-bedrock/meta.llama3-3-70b-instruct-v1:0")["organization"])
    # providers/amazon-bedrock/models/anthropic.claude-opus-4-1-20250805-v1:0.toml:
    # base_model links the lab's id
    resold = row(models, "amazon-bedrock/anthropic.claude-opus-4-1-20250805-v1:0")
    assert (resold["alt_source"], resold["alt_id"]) == ("models.dev", "anthropic/claude-opus-4-1-20250805")
    # text-embedding-3-small is priced, but is not a text LLM: it defines nothing
    assert flag(row(models, "openai/text-embedding-3-small")["defines"]) is False


def test_models_dev_skips_service_tier_variants_and_flags_deprecations():
    staged = parse(models_dev)
    # providers/amazon-bedrock/models/openai.gpt-oss-120b.toml has a top-level [provider] table (a
    # service-tier variant): not a list price, and not a model of its own
    assert "amazon-bedrock/openai.gpt-oss-120b" not in ids(staged.table("offerings"))
    assert flag(row(staged.table("models"), "amazon-bedrock/openai.gpt-oss-120b")["defines"]) is False
    # providers/anthropic/models/claude-3-opus-20240229.toml: status = "deprecated"
    assert flag(row(staged.table("offerings"), "anthropic/claude-3-opus-20240229")["deprecated"]) is True
    assert flag(row(staged.table("offerings"), "openai/gpt-4")["deprecated"]) is False


def test_models_dev_benchmarks_keep_vendor_and_independent_apart():
    scores = parse(models_dev).table("scores")
    assert set(scores["benchmark"]) == {"swe_bench_verified"}
    # models/mistral/devstral-small-2507.toml: 53.6, source mistral.ai (the vendor), date 2025-07-10
    vendor = row(scores, "mistral/devstral-small-2507")
    assert (vendor["score"], vendor["independent"], vendor["as_of"]) == (53.6, False, date(2025, 7, 10))
    # models/moonshotai/kimi-k2.5.toml: 70.8, source www.swebench.com (independent)
    assert row(scores, "moonshotai/kimi-k2.5")[["score", "independent"]].tolist() == [70.8, True]


# ---- OpenRouter ------------------------------------------------------------------------------------


def test_openrouter_prices_per_token_are_scaled_to_per_mtok():
    offers = parse(openrouter).table("offerings")
    # models-dev/openrouter-models.json, id openai/gpt-4: pricing.prompt "0.00003", completion "0.00006"
    gpt4 = row(offers, "openai/gpt-4")
    assert gpt4["input_usd_per_mtok"] == pytest.approx(30.0)
    assert gpt4["output_usd_per_mtok"] == pytest.approx(60.0)
    # anthropic/claude-sonnet-4.5: "0.000003" / "0.000015", input_cache_read "0.0000003"
    sonnet = row(offers, "anthropic/claude-sonnet-4.5")
    assert sonnet[PRICE_CACHED].tolist() == pytest.approx([3.0, 15.0, 0.3])
    assert set(offers["provider"]) == {"openrouter"}


def test_openrouter_free_tasters_routers_and_aliases_are_not_models_or_prices():
    staged = parse(openrouter)
    models, offers = staged.table("models"), staged.table("offerings")
    # meta-llama/llama-3.2-3b-instruct:free costs "0": a rate-limited taster, not the list price
    assert flag(row(models, "meta-llama/llama-3.2-3b-instruct:free")["defines"]) is False
    assert "meta-llama/llama-3.2-3b-instruct:free" not in ids(offers)
    assert "meta-llama/llama-3.2-3b-instruct" in ids(offers)
    # openrouter/auto prices "-1" (variable): no offering, and a router is not a model
    assert "openrouter/auto" not in ids(offers)
    assert flag(row(models, "openrouter/auto")["defines"]) is False
    assert flag(row(models, "~anthropic/claude-sonnet-latest")["defines"]) is False
    # openai/gpt-5-image outputs images
    assert flag(row(models, "openai/gpt-5-image")["defines"]) is False
    assert flag(row(models, "openai/gpt-4")["defines"]) is True


def test_openrouter_links_weights_and_reads_sizes_and_expiry():
    models = parse(openrouter).table("models")
    # deepseek/deepseek-r1: hugging_face_id "deepseek-ai/DeepSeek-R1"; the description says
    # 671B total, 37B active
    r1 = row(models, "deepseek/deepseek-r1")
    assert r1[["alt_source", "alt_id"]].tolist() == ["huggingface", "deepseek-ai/DeepSeek-R1"]
    assert flag(r1["open_weights"]) is True
    assert (r1["params_total_b"], r1["params_active_b"]) == (671.0, 37.0)
    # openai/gpt-4 has no hugging_face_id: open weights unknown (None), never False
    assert flag(row(models, "openai/gpt-4")["open_weights"]) is None
    # x-ai/grok-3: expiration_date "2026-05-15"
    grok = row(models, "x-ai/grok-3")
    assert flag(grok["deprecated"]) is True and grok["deprecation_date"] == date(2026, 5, 15)
    # created 1685232000 (unix seconds) = 2023-05-28
    assert row(models, "openai/gpt-4")["release_date"] == date(2023, 5, 28)


# ---- LiteLLM ---------------------------------------------------------------------------------------


def test_litellm_prices_per_token_are_scaled_to_per_mtok():
    offers = parse(litellm).table("offerings")
    # model_prices_and_context_window.json "gpt-4": input_cost_per_token 3e-05, output_cost_per_token 6e-05
    gpt4 = row(offers, "gpt-4")
    assert gpt4[PRICE].tolist() == pytest.approx([30.0, 60.0])
    assert (gpt4["provider"], gpt4["context_tokens"]) == ("openai", 8192)
    # "claude-sonnet-4-5-20250929": 3e-06 / 1.5e-05, cache_read_input_token_cost 3e-07
    sonnet = row(offers, "claude-sonnet-4-5-20250929")
    assert sonnet[PRICE_CACHED].tolist() == pytest.approx([3.0, 15.0, 0.3])
    # the Bedrock id of Llama 3.3 70B: 7.2e-07 both ways
    bedrock = row(offers, "meta.llama3-3-70b-instruct-v1:0")
    assert bedrock[PRICE].tolist() == pytest.approx([0.72, 0.72])


def test_litellm_skips_the_spec_fine_tune_keys_placeholders_and_non_text_modes():
    staged = parse(litellm)
    models, offers = staged.table("models"), staged.table("offerings")
    assert "sample_spec" not in ids(models)
    assert not any(i.startswith("ft:") for i in ids(models))
    # "ft:gpt-3.5-turbo" and "ft:gpt-4o-2024-08-06" exist: the vendor sells fine-tuning of those models
    assert flag(row(models, "gpt-3.5-turbo")["vendor_fine_tuning"]) is True
    assert flag(row(models, "gpt-4o-2024-08-06")["vendor_fine_tuning"]) is True
    assert flag(row(models, "gpt-4")["vendor_fine_tuning"]) is None  # no "ft:gpt-4" key: unknown, not False
    # "ollama/codellama" costs 0.0: a self-hosting placeholder, i.e. unknown, not free
    assert "ollama/codellama" in ids(models) and "ollama/codellama" not in ids(offers)
    # "text-embedding-3-small" has mode "embedding"
    assert "text-embedding-3-small" not in ids(models)


def test_litellm_deprecation_is_relative_to_the_payload_date():
    models = parse(litellm).table("models")
    # "azure/gpt-4": deprecation_date 2025-06-06, before the payload's 2026-09-29
    assert flag(row(models, "azure/gpt-4")["deprecated"]) is True
    # "gpt-4": deprecation_date 2026-10-23, announced but not yet past
    gpt4 = row(models, "gpt-4")
    assert flag(gpt4["deprecated"]) is False and gpt4["deprecation_date"] == date(2026, 10, 23)


# ---- genai-prices ----------------------------------------------------------------------------------


def test_genai_prices_plain_prices_are_already_per_mtok():
    offers = parse(genai_prices).table("offerings")
    # data_v2.json provider "openai", model "gpt-4": {"input_mtok": 30, "output_mtok": 60}
    # (also quoted in its SOURCE.md)
    assert row(offers, "openai::gpt-4")[PRICE].tolist() == [30.0, 60.0]
    # "gpt-3.5-turbo": 0.5 / 1.5
    assert row(offers, "openai::gpt-3.5-turbo")[PRICE].tolist() == [0.5, 1.5]


def test_genai_prices_list_shaped_prices_give_the_current_price_and_history():
    staged = parse(genai_prices)
    offers, history = staged.table("offerings"), staged.table("price_history")
    # "o3": 10/40, then from start_date 2025-06-10 2/8: the list price is the newer one
    assert row(offers, "openai::o3")[PRICE].tolist() == [2.0, 8.0]
    change = row(history, "openai::o3")
    assert change[["as_of", *PRICE]].tolist() == [date(2025, 6, 10), 2, 8]
    # "claude-sonnet-5": 2/10 now, 3/15 announced from 2026-09-01, after the payload's date
    assert row(offers, "anthropic::claude-sonnet-5")[PRICE].tolist() == [2, 10]
    assert "anthropic::claude-sonnet-5" not in ids(history)


def test_genai_prices_off_peak_windows_and_tiers_give_the_standard_price():
    offers = parse(genai_prices).table("offerings")
    # "deepseek-chat": unconstrained 0.135/0.55 is the off-peak price; the 00:30–16:30 window holds the
    # standard 0.27/1.1 (cache read 0.07)
    chat = row(offers, "deepseek::deepseek-chat")
    assert chat[PRICE_CACHED].tolist() == [0.27, 1.1, 0.07]
    # "claude-opus-4-6": {"base": 5, "tiers": [{"start": 200000, "price": 10}]}: the base tier
    opus = row(offers, "anthropic::claude-opus-4-6")
    assert opus[PRICE_CACHED].tolist() == [5, 25, 0.5]


# ---- LMArena ---------------------------------------------------------------------------------------


def test_lmarena_catalog_score_and_interval_from_the_overall_style_controlled_board():
    staged = parse(lmarena_catalog)
    # leaderboard-text-style-control.json full["gpt-4-0613"]:
    # rating 1277.4557321188229, rating_q025 1273.4698054645594, rating_q975 1281.4416587730864
    score = row(staged.table("scores"), "gpt-4-0613")
    assert (score["benchmark"], score["independent"]) == ("arena_text", True)
    assert score[["score", "ci_low", "ci_high"]].tolist() == pytest.approx(
        [1277.4557321188229, 1273.4698054645594, 1281.4416587730864]
    )
    assert len(staged.table("score_history")) == len(staged.table("scores"))


def test_lmarena_catalog_licence_decides_open_weights_only_when_known():
    models = parse(lmarena_catalog).table("models")
    # scatterplot-data.json: deepseek-r1 licence "MIT", organization "DeepSeek"
    r1 = row(models, "deepseek-r1")
    assert (r1["license_raw"], r1["open_weights"], r1["organization"]) == ("MIT", True, "DeepSeek")
    # claude-3-5-haiku-20241022: licence spelt "Propretary" upstream
    haiku = row(models, "claude-3-5-haiku-20241022")
    assert haiku["license_raw"] == "Propretary" and flag(haiku["open_weights"]) is False
    # gpt-4-0613 is not in scatterplot-data.json: unknown, not closed
    assert flag(row(models, "gpt-4-0613")["open_weights"]) is None


def test_lmarena_csv_parses_the_plus_minus_interval():
    staged = parse(lmarena_csv)
    scores = staged.table("scores")
    # lmarena_text.csv: "Gemini-2.5-Pro,1470,+5/-5" and "GPT-4-0613,1191,+3/-3"
    assert row(scores, "Gemini-2.5-Pro")[["score", "ci_low", "ci_high"]].tolist() == [1470, 1465, 1475]
    assert row(scores, "GPT-4-0613")[["score", "ci_low", "ci_high"]].tolist() == [1191, 1188, 1194]
    # "Yi-34B-Chat" is listed twice upstream: one row
    assert (scores["source_id"] == "Yi-34B-Chat").sum() == 1
    assert set(scores["as_of"]) == {AS_OF["lmarena-csv"]}


def test_lmarena_csv_licence_spellings():
    models = parse(lmarena_csv).table("models")
    # "Claude 3.5 Haiku (20241022),...,Anthropic,Propretary" (typo upstream) is closed
    assert flag(row(models, "Claude 3.5 Haiku (20241022)")["open_weights"]) is False
    llama = row(models, "Llama-2-7B-chat")
    assert llama[["license_raw", "organization"]].tolist() == ["Llama 2 Community", "Meta"]
    assert flag(llama["open_weights"]) is True
    assert llama["url"] == "https://huggingface.co/meta-llama/Llama-2-7b-chat-hf"
    assert row(models, "MPT-7B-Chat")["license_raw"] == "CC-BY-NC-SA-4.0"


def test_lmarena_history_zero_means_not_listed():
    staged = parse(lmarena_history)
    history = staged.table("score_history")
    wide = pd.read_csv(FIXTURES / "lmarena-elo-history/elo_history_overall.csv", dtype={0: str})
    cells = wide.iloc[:, 1:]
    assert (cells == 0).to_numpy().sum() > 0  # the payload really has 0.0 cells
    assert len(history) == (cells > 0).to_numpy().sum()
    assert (history["score"] > 0).all()
    # first row 20230508: gpt-4-0613 is 0.0 (not yet listed); newest row 20250227: 1162.863725...
    gpt4 = history[history["source_id"] == "gpt-4-0613"]
    assert date(2023, 5, 8) not in set(gpt4["as_of"])
    assert row(gpt4, "gpt-4-0613", as_of=date(2025, 2, 27))["score"] == pytest.approx(1162.863725, abs=1e-6)
    assert not staged.table("models")["defines"].any()  # history alone names no model


def test_arena_daily_scores_are_dated_by_the_arena_publication():
    staged = parse(arena_daily)
    # 2026-10-10.json: google/gemini-2.5-pro arena_score 1457.7 [1455.2, 1460.1], price 1.25 / 10 per M
    score = row(staged.table("scores"), "google/gemini-2.5-pro")
    assert score[["score", "ci_low", "ci_high"]].tolist() == [1457.7, 1455.2, 1460.1]
    assert score["as_of"] == date(2026, 10, 8)  # sources.lmarena.publish_date
    offer = row(staged.table("offerings"), "google/gemini-2.5-pro")
    assert offer[PRICE].tolist() == [1.25, 10]
    assert offer["as_of"] == date(2026, 10, 10)  # the file's own date
    model = row(staged.table("models"), "google/gemini-2.5-pro")
    assert model[["alt_source", "alt_id", "open_weights"]].tolist() == ["lmarena", "Gemini 2.5 Pro", False]
    # 14 entries at the end have no Arena score: they still give a model row
    assert len(staged.table("models")) == 82 and len(staged.table("scores")) == 68


# ---- Epoch AI --------------------------------------------------------------------------------------


def test_epoch_benchmarks_fractions_become_percent_with_an_interval():
    scores = parse(epoch_benchmarks).table("scores")
    # gpqa_diamond.csv: gpt-5-2025-08-07_high mean_score 0.8617424242424242, stderr 0.020787836099851995
    gpqa = row(scores, "gpt-5-2025-08-07_high", benchmark="gpqa_diamond")
    assert gpqa["score"] == pytest.approx(86.17424242424242)
    assert gpqa["ci_low"] == pytest.approx((0.8617424242424242 - 1.96 * 0.020787836099851995) * 100)
    assert gpqa["ci_high"] == pytest.approx((0.8617424242424242 + 1.96 * 0.020787836099851995) * 100)
    # epoch_capabilities_index.csv: the ECI is on its own scale (150.0 for GPT-5 high)
    assert row(scores, "gpt-5-2025-08-07_high", benchmark="eci")["score"] == pytest.approx(150.0)
    assert set(scores["as_of"]) == {AS_OF["epoch-benchmarks"]}


def test_epoch_effort_suffix_ids_are_kept_and_matched_by_their_base():
    staged = parse(epoch_benchmarks)
    # the staged id is Epoch's own; the matcher strips the effort suffix
    assert "gpt-5-2025-08-07_high" in ids(staged.table("models"))
    assert matchable("epoch", "gpt-5-2025-08-07_high") == "gpt-5-2025-08-07"
    assert match_key(matchable("epoch", "gpt-5-2025-08-07_high")) == match_key("gpt-5")
    # both efforts of GPT-5.4 are rows of their own (the build keeps the best per model)
    assert {"gpt-5.4-2026-03-05_high", "gpt-5.4-2026-03-05_xhigh"} <= ids(staged.table("models"))


def test_epoch_mmlu_keeps_the_best_result_per_model_and_marks_papers_as_self_reported():
    scores = parse(epoch_benchmarks).table("scores")
    # mmlu_external.csv has "Llama-2-70b-hf " (trailing space) four times: EM 0.695, 0.689, 0.698, 0.699
    llama = row(scores, "Llama-2-70b-hf", benchmark="mmlu")
    assert llama["score"] == pytest.approx(69.9)
    assert not any(i != i.strip() for i in ids(scores))
    # gpt-4-0613: EM 0.824 from the Stanford CRFM leaderboard (independent); falcon-180B 0.706 from its paper
    crfm = row(scores, "gpt-4-0613", benchmark="mmlu")
    assert crfm["score"] == pytest.approx(82.4) and flag(crfm["independent"]) is True
    assert row(scores, "falcon-180B", benchmark="mmlu")[["score", "independent"]].tolist() == [
        pytest.approx(70.6),
        False,
    ]


def test_epoch_registry_accessibility_gives_open_weights_and_defines():
    models = parse(epoch_benchmarks).table("models")
    bloom = row(models, "bloom")  # "Open weights (restricted use)"
    assert (bloom["open_weights"], bloom["defines"], bloom["name"]) == (True, True, "BLOOM-176B")
    assert flag(row(models, "gpt-4-0613")["open_weights"]) is False  # "API access"
    unknown = row(models, "claude-opus-4-7_xhigh")  # accessibility left empty upstream
    assert flag(unknown["open_weights"]) is None and flag(unknown["defines"]) is False


def test_epoch_models_keeps_llm_era_language_models_with_sizes():
    staged = parse(epoch_models)
    models = staged.table("models")
    # notable_ai_models.csv also holds BERT-Large (2018), GPT-2 (2019) and AlphaFold 3 (biology)
    assert {"BERT-Large", "GPT-2 (1.5B)", "AlphaFold 3"}.isdisjoint(ids(models))
    # Falcon-180B: Parameters 180000000000 → 180 B; "Open weights (restricted use)"
    falcon = row(models, "Falcon-180B")
    assert (falcon["params_total_b"], falcon["open_weights"]) == (180.0, True)
    # DeepSeek-V3: 671 B total; "Parameters notes" give the 37 B active
    assert row(models, "DeepSeek-V3")[["params_total_b", "params_active_b"]].tolist() == [671.0, 37.0]
    gpt4 = row(models, "GPT-4 (Jun 2023)")
    assert flag(gpt4["open_weights"]) is False and flag(gpt4["defines"]) is True


def test_epoch_hardware_specs_in_gb_and_gb_per_s():
    gpus = parse(epoch_hardware).table("gpus")
    listed = pd.read_csv(FIXTURES / epoch_hardware.FOLDER / epoch_hardware.FILE)["Hardware name"]
    assert set(gpus["gpu"]) == {g for g, name in epoch_hardware.GPU_NAMES.items() if name in set(listed)}
    # ml_hardware.csv "NVIDIA H100 SXM5 80GB": Memory (bytes) 80000000000.0, bandwidth 3350000000000.0 byte/s
    h100 = row(gpus.rename(columns={"gpu": "source_id"}), "H100")
    assert (h100["memory_gb"], h100["bandwidth_gbps"]) == (80.0, 3350.0)
    assert gpus["usd_per_gpu_hour"].isna().all()  # a spec sheet has no rental price
    # "Tensor-FP16/BF16 performance (FLOP/s)" 9.894e14, TDP 700 W, release price $33,600; FP8 not listed
    assert (h100["tflops_bf16"], h100["tdp_w"], h100["usd_purchase"]) == (989.4, 700.0, 33600.0)
    assert pd.isna(h100["tflops_fp8"])  # filled from the datasheet by data/curated/gpu_facts.csv


def test_mlperf_keeps_closed_available_measured_llm_results_on_one_gpu_type():
    rows = parse(mlperf).table("measurements")
    assert (
        set(rows["scenario"]) <= {"Offline", "Server", "Interactive"}
        and (rows["output_tokens_per_s"] > 0).all()
    )
    assert (
        rows["gpu"]
        .isin(["H100", "H200", "B200", "B300", "GB200", "GB300", "MI300X", "MI325X", "MI350X", "MI355X"])
        .all()
    )
    # 6.0-0001's llama2-70b-99 Interactive result (AMD, 87×MI355X) was inferred from its -99.9 run: left out
    inferred = (
        (rows["result_id"] == "6.0-0001")
        & (rows["benchmark"] == "llama2-70b-99")
        & (rows["scenario"] == "Interactive")
    )
    assert not inferred.any()
    # 5.1-0001: AMD 8×MI300X, llama2-70b-99.9 Offline, 27,803.9 tokens/s, fp8 weights
    one = rows[(rows["result_id"] == "5.1-0001") & (rows["scenario"] == "Offline")].iloc[0]
    assert (one["source_id"], one["gpu"], one["gpus"], one["precision"]) == ("llama2-70b", "MI300X", 8, "FP8")
    assert one["output_tokens_per_s"] == 27803.9 and str(one["as_of"]) == "2025-09-09"
    # a -99 run repeated as -99.9 with the same value is kept once
    assert not rows.duplicated(["result_id", "source_id", "scenario", "output_tokens_per_s"]).any()


def test_gpu_prices_index_and_providers_per_gpu_hour():
    gpus = parse(gpu_prices).table("gpus").rename(columns={"gpu": "source_id"})
    assert len(gpus) == 11 + 82  # the index row of each GPU and every provider median
    # gpu_price_index_2026-10-05.csv: H100 index 4.32 $/GPU-hour, 80 GB, bandwidth_tbps 3.35
    index = row(gpus, "H100", provider=gpu_prices.INDEX_PROVIDER)
    assert (index["usd_per_gpu_hour"], index["memory_gb"], index["bandwidth_gbps"]) == (4.32, 80.0, 3350.0)
    # gpu_provider_prices_2026-10-05.csv: H100 at Lambda, median 4.14
    lambda_h100 = row(gpus, "H100", provider="Lambda")
    assert lambda_h100[["usd_per_gpu_hour", "segment"]].tolist() == [4.14, "neocloud"]


# ---- Hugging Face ----------------------------------------------------------------------------------


def test_hf_leaderboard_keeps_only_the_labs_own_uploads():
    staged = parse(hf_leaderboard)
    models = staged.table("models")
    board = pd.read_csv(FIXTURES / "hf-open-llm-leaderboard/open_llm_leaderboard_v2.csv", dtype=str)
    uploads = set(board["model_name"])
    community = {r for r in uploads if r.split("/")[0] not in hf_leaderboard.LABS}
    assert community, "the payload should hold community fine-tunes"
    assert community.isdisjoint(ids(models))
    assert {r.split("/")[0] for r in ids(models)} <= hf_leaderboard.LABS
    assert models["open_weights"].eq(True).all()


def test_hf_leaderboard_scores_on_their_scales():
    staged = parse(hf_leaderboard)
    scores, models = staged.table("scores"), staged.table("models")
    # v2 "meta-llama/Llama-3.3-70B-Instruct": evaluations_mmlu_pro_value 0.533161569148936 (a fraction)
    pro = row(scores, "meta-llama/Llama-3.3-70B-Instruct", benchmark="mmlu_pro")
    assert pro["score"] == pytest.approx(53.3161569148936)
    # v1 "tiiuae/falcon-40b": mmlu 56.89 (already percent), params_b 40, hub_license apache-2.0
    assert row(scores, "tiiuae/falcon-40b", benchmark="mmlu")["score"] == pytest.approx(56.89)
    falcon = row(models, "tiiuae/falcon-40b")
    assert (falcon["params_total_b"], falcon["license_raw"]) == (40.0, "apache-2.0")


def test_hf_hub_counts_parameters_only_of_unquantised_repos():
    models = parse(hf_hub).table("models")
    # model_google-bert__bert-base-uncased.json: safetensors {"F32": 110106428}, cardData.license apache-2.0
    bert = row(models, "google-bert/bert-base-uncased")
    assert bert["params_total_b"] == pytest.approx(0.110106428)
    assert bert["license_raw"] == "apache-2.0"
    # model_Qwen__Qwen3-235B-A22B_expand.json: {"BF16": 235093634560}
    assert row(models, "Qwen/Qwen3-235B-A22B")["params_total_b"] == pytest.approx(235.09363456)
    # models_author-deepseek-ai_expand_excerpt.json: I8 / F8_E4M3 tensors, `total` counts packed values
    for repo in ("deepseek-ai/DeepSeek-V4-Flash-0731", "deepseek-ai/DeepSeek-V4-Pro-0813"):
        quantised = row(models, repo)
        assert pd.isna(quantised["params_total_b"])
        assert quantised["hf_downloads"] > 0
    payload = json.loads((FIXTURES / "hf-hub-api/models_author-deepseek-ai_expand_excerpt.json").read_text())
    assert all("I8" in item["safetensors"]["parameters"] for item in payload)


# ---- what the build makes of the parsed rows -------------------------------------------------------


def test_closed_models_keep_no_rumoured_sizes(replayed):
    """Epoch lists GPT-4 (Jun 2023) at 1.8 T parameters; sizes of closed models are not data."""
    models = read_table(replayed, "models").set_index("model_id")
    assert models.at["gpt-4", "open_weights"] == "false"
    assert models.at["gpt-4", "params_total_b"] == ""
    assert float(models.at["falcon-180b", "params_total_b"]) == 179.5  # the model card, not the name


def test_a_cleared_payload_folder_is_reported_not_crashed(tmp_path):
    folder = tmp_path / Path(models_dev.FOLDER)
    folder.mkdir()
    with pytest.raises(DataQualityError, match="^models.dev: no provider offerings"):
        models_dev.parse(folder)
