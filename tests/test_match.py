"""Entity matching: one model under many names resolves to one id; look-alikes stay apart.

The ids are real ones, copied from the recorded payloads (the source is named next to each).
The crosswalk test checks the product itself: the 20 reference models of
``_crosswalk/model_crosswalk.csv`` resolve through the ``aliases`` table of the committed ``data/``
and of a replay of the trimmed fixtures. Each resolves to one model with the right open-weights
flag and licence tier.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ingest_helpers import DATA, crosswalk_rows
from tradeoffs.ingest.match import Resolver, epoch_base_id, match_key, model_id_from, strip_hosting
from tradeoffs.ingest.registry import matchable
from tradeoffs.store import connect_readonly, ensure_store

SAME_MODEL = {
    "llama-3.3-70b": [
        "meta-llama/Llama-3.3-70B-Instruct",  # Hugging Face, OpenRouter hugging_face_id
        "Llama-3.3-70B-Instruct",  # lmarena-csv
        "llama-3.3-70b-instruct",  # lmarena-catalog
        "meta-llama/llama-3.3-70b-instruct",  # OpenRouter
        "meta-llama/llama-3.3-70b-instruct:free",  # OpenRouter free taster
        "meta.llama3-3-70b-instruct-v1:0",  # Bedrock (LiteLLM, models.dev)
        "us.meta.llama3-3-70b-instruct-v1:0",  # Bedrock cross-region profile
        "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",  # LiteLLM (Together's serving)
        "groq/llama-3.3-70b-versatile",  # models.dev
    ],
    "claude-3.5-sonnet": [
        "claude-3-5-sonnet-20241022",  # LMArena key, Anthropic API
        "Claude 3.5 Sonnet (20241022)",  # lmarena-csv display name
        "anthropic/claude-3.5-sonnet",  # OpenRouter
    ],
    "gpt-4o": ["gpt-4o-2024-08-06", "gpt-4o", "openai/gpt-4o", "GPT-4o-2024-08-06"],
    "gemini-2.5-pro": [
        "gemini-2.5-pro-preview-05-06",  # LMArena "Gemini-2.5-Pro-Preview-05-06"
        "Gemini-2.5-Pro",  # lmarena-csv
        "gemini/gemini-2.5-pro",  # LiteLLM
        "google/gemini-2.5-pro",  # OpenRouter
    ],
    "gpt-5": ["gpt-5-high", "openai/gpt-5", "gpt-5"],  # LMArena, OpenRouter, LiteLLM
    "claude-opus-4.5": [
        "claude-opus-4-5-20251101-thinking-32k",  # LMArena
        "claude-opus-4-5-20251101",  # LMArena, Anthropic API
        "anthropic/claude-opus-4.5",  # OpenRouter
    ],
    "o3-mini": ["o3-mini-high", "o3-mini", "o3-mini-2025-01-31"],  # LMArena, OpenAI API
    "deepseek-v3.2": [
        "fireworks_ai/accounts/fireworks/models/deepseek-v3p2",  # LiteLLM (Fireworks writes 3.2 as 3p2)
        "fireworks/deepseek-v3p2",  # Epoch
        "deepseek/deepseek-v3.2",  # OpenRouter
        "deepseek-v3.2",  # LMArena
    ],
    "qwen3-235b-a22b": [
        "Qwen3-235B-A22B",
        "qwen/qwen3-235b-a22b",
        "fireworks_ai/accounts/fireworks/models/qwen3-235b-a22b",
        "Qwen/Qwen3-235B-A22B-Thinking-2507",  # Epoch: a dated reasoning variant
    ],
    "gpt-4": ["GPT-4-0613", "gpt-4-0613", "gpt-4", "openai/gpt-4", "gpt-4-0314"],
    "mistral-7b": [
        "Mistral-7B-Instruct-v0.2",  # lmarena-csv
        "mistralai/mistral-7b-instruct-v0.1",  # OpenRouter
        "mistral.mistral-7b-instruct-v0:2",  # Bedrock (LiteLLM)
    ],
    "vicuna-13b": ["Vicuna-13B", "lmsys/vicuna-13b-v1.5", "vicuna-13b"],
    "falcon-180b": ["falcon-180b-chat", "tiiuae/falcon-180B", "falcon-180B"],
    "mistral-large-2411": ["mistral-large-2411", "mistral/mistral-large-2411", "Mistral-Large-2411"],
}

DIFFERENT_MODELS = [
    ("mistral-large-2411", "mistral-large-2407"),  # a dated name that *is* the version
    ("mistral-large-2411", "mistral-large"),
    ("gpt-4o", "gpt-4o-mini"),
    ("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18"),
    ("o1", "o1-mini"),
    ("o1-2024-12-17", "o1-mini"),
    ("o3-mini", "o3"),
    ("llama-3-8b", "llama-3.1-8b"),
    ("Meta-Llama-3-8B-Instruct", "meta-llama/Meta-Llama-3.1-8B-Instruct"),
    ("claude-opus-4", "claude-opus-4.1"),
    ("claude-opus-4-20250514", "claude-opus-4-1-20250805"),
    ("claude-opus-4-1-20250805", "claude-opus-4-5-20251101"),
    ("gpt-4", "gpt-4-turbo"),
    ("gpt-4", "gpt-4o"),
    ("gpt-5", "gpt-5.1-high"),
    ("deepseek-v3", "deepseek-v3.2"),
    ("Llama-2-7B-chat", "Llama-2-13b-chat"),
    ("qwen3-235b-a22b", "qwen3-30b-a3b"),
    ("gemini-2.5-pro", "gemini-2.5-flash"),
]


@pytest.mark.parametrize("model_id", SAME_MODEL)
def test_names_of_one_model_share_a_key_and_an_id(model_id):
    names = SAME_MODEL[model_id]
    assert {match_key(n) for n in names} == {match_key(model_id)}, names
    assert model_id_from(names[0]) == model_id


@pytest.mark.parametrize(("a", "b"), DIFFERENT_MODELS)
def test_look_alike_models_stay_apart(a, b):
    assert match_key(a) != match_key(b)
    assert model_id_from(a) != model_id_from(b)


# Every real id above, to decorate the way hosts do.
REAL_NAMES = sorted(
    {n for names in SAME_MODEL.values() for n in names} | {n for pair in DIFFERENT_MODELS for n in pair}
)


@settings(max_examples=300, derandomize=True, database=None)
@given(
    name=st.sampled_from(REAL_NAMES),
    host=st.sampled_from(
        ["", "together_ai/", "openrouter/", "hf:org/", "fireworks_ai/accounts/fireworks/models/"]
    ),
    variant=st.sampled_from(["", ":free", ":0", ":extended"]),
    shout=st.booleans(),
)
def test_hosting_paths_variants_and_case_never_change_the_key(name, host, variant, shout):
    decorated = host + (name.upper() if shout else name) + variant
    assert match_key(decorated) == match_key(name)


@pytest.mark.parametrize(
    ("raw", "model_part"),
    [
        ("meta.llama3-3-70b-instruct-v1:0", "llama3-3-70b-instruct-v1"),  # Bedrock vendor prefix and :0
        ("us.meta.llama3-3-70b-instruct-v1:0", "llama3-3-70b-instruct-v1"),  # region prefix too
        ("meta-llama/llama-3.2-3b-instruct:free", "llama-3.2-3b-instruct"),
        ("~anthropic/claude-sonnet-latest", "claude-sonnet-latest"),
        ("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3.3-70b-instruct-turbo"),
        ("mistral/open-mistral-7b", "mistral-7b"),  # Mistral's "open-" API prefix
        ("gpt-3.5-turbo", "gpt-3.5-turbo"),  # a dot in a version is not a vendor prefix
    ],
)
def test_strip_hosting_keeps_only_the_model_part(raw, model_part):
    assert strip_hosting(raw) == model_part


@pytest.mark.parametrize(
    ("raw", "readable"),
    [
        ("meta-llama/Llama-3.3-70B-Instruct", "llama-3.3-70b"),
        ("Qwen3-235B-A22B", "qwen3-235b-a22b"),  # "qwen3" kept as written
        ("claude-opus-4-5-20251101-thinking-32k", "claude-opus-4.5"),
        ("claude-3-5-sonnet-20241022", "claude-3.5-sonnet"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gemini-2.5-pro-preview-05-06", "gemini-2.5-pro"),
        ("mistral-large-2411", "mistral-large-2411"),
        ("fireworks/deepseek-v3p2", "deepseek-v3.2"),
        ("o3-mini-high", "o3-mini"),
        ("gemini-2.0-flash-001", "gemini-2-flash"),  # "2.0" reads as "2"; the "001" snapshot goes
    ],
)
def test_model_id_from_gives_a_readable_canonical_id(raw, readable):
    assert model_id_from(raw) == readable


@pytest.mark.parametrize(
    ("version", "base"),
    [
        ("gpt-5-2025-08-07_high", "gpt-5-2025-08-07"),
        ("gpt-5.4-2026-03-05_xhigh", "gpt-5.4-2026-03-05"),
        ("claude-sonnet-4-6_32K", "claude-sonnet-4-6"),  # a thinking budget
        ("o3-mini-2025-01-31_medium", "o3-mini-2025-01-31"),
        ("gpt-5.4-pro-2026-03-05-web-app", "gpt-5.4-pro-2026-03-05"),
        ("Claude 3.7 Sonnet (16K thinking)", "Claude 3.7 Sonnet"),
        ("Llama-2-70b-hf ", "Llama-2-70b-hf"),  # trailing space upstream
        ("deepseek-r1", "deepseek-r1"),  # nothing to strip
        ("gpt-5-mini-2025-08-07", "gpt-5-mini-2025-08-07"),  # "mini" is part of the name, not an effort
    ],
)
def test_epoch_base_id_strips_effort_and_budget_suffixes(version, base):
    assert epoch_base_id(version) == base


def test_epoch_high_effort_matches_the_model_and_not_its_siblings():
    key = match_key(epoch_base_id("gpt-5-2025-08-07_high"))
    assert key == match_key("openai/gpt-5") == match_key("gpt-5-high")
    assert key != match_key(epoch_base_id("gpt-5-mini-2025-08-07_high"))


@pytest.mark.parametrize(
    ("source", "source_id", "part"),
    [
        ("genai-prices", "together::meta-llama/Llama-2-7b-chat-hf", "meta-llama/Llama-2-7b-chat-hf"),
        ("genai-prices", "openai::gpt-4", "gpt-4"),
        ("litellm", "ft:gpt-4-0613", "gpt-4-0613"),
        ("epoch", "gpt-5-2025-08-07_high", "gpt-5-2025-08-07"),
        ("openrouter", "openai/gpt-4", "openai/gpt-4"),
    ],
)
def test_namespaced_ids_are_matched_on_their_model_part(source, source_id, part):
    assert matchable(source, source_id) == part


def test_resolver_prefers_a_manual_alias_to_the_rules():
    resolver = Resolver(
        {("openrouter", "deepseek/deepseek-chat"): "deepseek-v3"},
        {match_key("gpt-4"): "gpt-4", match_key("deepseek-chat"): "deepseek-chat"},
    )
    assert resolver.resolve("openrouter", "deepseek/deepseek-chat") == "deepseek-v3"
    # the pin is per namespace
    assert resolver.resolve("litellm", "deepseek/deepseek-chat") == "deepseek-chat"
    assert resolver.resolve("lmarena", "GPT-4-0613") == "gpt-4"
    assert resolver.resolve("lmarena", "gpt-4o") is None
    assert resolver.resolve_any("lmarena", ["unknown-model", "", "gpt-4-0314"]) == "gpt-4"


# ---- the 20 reference models, through the product's aliases table ---------------------------------

# crosswalk column → alias namespace
NAMESPACES = {
    "lmarena_csv_model": "lmarena",
    "arena_catalog_key": "lmarena",
    "arena_daily_2026_10_id": "openrouter",
    "hf_repo_id": "huggingface",
    "epoch_model_version": "epoch",
    "epoch_notable_model": "epoch",
    "openrouter_id": "openrouter",
    "litellm_key": "litellm",
    "genai_prices_provider_model": "genai-prices",
    "modelsdev_toml": "models.dev",
}
# Licence tier expected from the crosswalk's licence_hint: 1 OSI permissive … 5 proprietary.
TIERS = {
    "llama-2-7b-chat": 3,
    "llama-2-13b-chat": 3,
    "llama-2-70b-chat": 3,  # Llama 2 Community
    "falcon-40b": 1,  # Apache-2.0
    "falcon-180b-chat": 3,  # Falcon-180B TII License
    "mpt-7b": 1,  # Apache-2.0 (base/instruct)
    "vicuna-13b": 3,  # v1.5: Llama 2 Community
    "mistral-7b-instruct": 1,
    "qwen3-235b-a22b": 1,
    "gpt-j-6b": 1,  # Apache-2.0
    "bloom-176b": 3,  # BigScience RAIL 1.0
    "dolly-v2-12b": 1,
    "deepseek-r1": 1,  # MIT
    "llama-3.3-70b-instruct": 3,  # Llama 3.3 Community
    "deepseek-v3": 3,  # DeepSeek Model License (the original V3)
    "gpt-3.5-turbo": 5,
    "gpt-4-0613": 5,
    "gemini-2.5-pro": 5,
    "claude-sonnet-4.5": 5,
    "gpt-5": 5,
}


def models_dev_id(path: str) -> str:
    """``providers/openai/models/gpt-4.toml`` → ``openai/gpt-4`` (the parser's id)."""
    path = path.removeprefix("providers/").removeprefix("models/").removesuffix(".toml")
    return path.replace("/models/", "/", 1)


def crosswalk_ids(rec: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for column, namespace in NAMESPACES.items():
        if rec[column]:
            source_id = models_dev_id(rec[column]) if column == "modelsdev_toml" else rec[column]
            out.append((namespace, source_id))
    return out


def test_crosswalk_covers_the_twenty_reference_models():
    rows = crosswalk_rows()
    assert len(rows) == 20
    assert {r["canonical"] for r in rows} == set(TIERS)
    assert models_dev_id("providers/openai/models/gpt-4.toml") == "openai/gpt-4"
    nested = "providers/cloudflare-ai-gateway/models/workers-ai/@cf/meta/llama-2-7b-chat-fp16.toml"
    assert models_dev_id(nested) == "cloudflare-ai-gateway/workers-ai/@cf/meta/llama-2-7b-chat-fp16"


# The crosswalk (made before the identity review of issue 8) puts these ids on its reference model;
# data/curated/identity_rules.csv and moving_aliases.csv decide otherwise, for the reasons given there.
ROUTED_ELSEWHERE = {
    "lmarena:MPT-7B-Chat": "mpt-7b-chat",  # the chat fine-tune is CC-BY-NC-SA, the base Apache-2.0
    "lmarena:mpt-7b-chat": "mpt-7b-chat",
    "huggingface:lmsys/vicuna-13b-v1.5": "vicuna-13b-v1.5",  # v1.5 is a Llama 2 fine-tune …
    "genai-prices:together::lmsys/vicuna-13b-v1.5": "vicuna-13b-v1.5",
    "epoch:vicuna-13b-v1.3": "vicuna-13b-v1.3",  # … v1.3 a LLaMA-1 one (non-commercial)
    "lmarena:Mistral-7B-Instruct-v0.2": "mistral-7b-instruct-v0.2",  # 40 Arena points above v0.1
    "lmarena:mistral-7b-instruct-v0.2": "mistral-7b-instruct-v0.2",
    "huggingface:mistralai/Mistral-7B-Instruct-v0.2": "mistral-7b-instruct-v0.2",
    "epoch:Mistral-7B-Instruct-v0.2": "mistral-7b-instruct-v0.2",
    "genai-prices:together::mistralai/Mistral-7B-Instruct-v0.2": "mistral-7b-instruct-v0.2",
    "genai-prices:deepseek::deepseek-chat": None,  # DeepSeek's moving API alias: resolved per as-of date
    "models.dev:deepseek/deepseek-chat": None,
}


def resolve(con, rec: dict[str, str]) -> tuple[str | None, list[str]]:
    """(the one model_id all of a reference model's ids resolve to, or None; the problems found).

    Ids in ``ROUTED_ELSEWHERE`` must resolve to the model named there (None: to none) instead."""
    hits, problems = {}, []
    for namespace, source_id in crosswalk_ids(rec):
        found = (
            con.cursor()
            .execute(
                "SELECT model_id FROM aliases WHERE source = ? AND source_id = ?", [namespace, source_id]
            )
            .fetchall()
        )
        key, hit = f"{namespace}:{source_id}", found[0][0] if found else None
        if key in ROUTED_ELSEWHERE:
            if hit != ROUTED_ELSEWHERE[key]:
                problems.append(f"{key}: resolves to {hit}, not {ROUTED_ELSEWHERE[key]}")
            continue
        hits[key] = hit
    missing = [i for i, m in hits.items() if m is None]
    if missing:
        return None, [*problems, f"{rec['canonical']}: not in aliases: {', '.join(missing)}"]
    model_ids = sorted(set(hits.values()))
    if len(model_ids) != 1:
        return None, [*problems, f"{rec['canonical']}: splits into {model_ids}"]
    model_id = model_ids[0]
    facts = (
        con.cursor()
        .execute(
            "SELECT m.open_weights, l.tier FROM models m LEFT JOIN licenses l "
            "USING (license_id) WHERE m.model_id = ?",
            [model_id],
        )
        .fetchall()
    )
    if len(facts) != 1:
        return model_id, [f"{rec['canonical']}: {model_id} is not in models"]
    open_weights, tier = facts[0]
    name, expected_tier = f"{rec['canonical']} ({model_id})", TIERS[rec["canonical"]]
    if open_weights is not (rec["open_weights"] == "True"):
        problems.append(f"{name}: open_weights {open_weights}")
    if tier != expected_tier:
        problems.append(f"{name}: licence tier {tier}, not {expected_tier}")
    return model_id, problems


@pytest.mark.parametrize("which", ["committed data", "fixture replay"])
def test_reference_models_resolve_to_one_model_each(which, replayed, store_tmp):
    path, _version = ensure_store(DATA if which == "committed data" else replayed)
    con = connect_readonly(path)
    try:
        resolved, problems = {}, []
        for rec in crosswalk_rows():
            assert len(crosswalk_ids(rec)) >= 2, rec["canonical"]
            resolved[rec["canonical"]], found = resolve(con, rec)
            problems += found
    finally:
        con.close()
    assert problems == []
    assert len(set(resolved.values())) == 20, "two reference models resolve to the same model"
