"""Parsers of the privacy sources on the recorded payloads; the tables they build; the nightly's live hook."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pandas as pd
import pytest

from tests.ingest_helpers import DATA, FIXTURES
from tradeoffs.ingest import http
from tradeoffs.ingest.curated import CURATED_DIR
from tradeoffs.ingest.privacy_refresh import refresh_privacy
from tradeoffs.ingest.privacy_tables import (
    PrivacySources,
    build_endpoints,
    build_openness,
    build_provider_policies,
    missing_families,
)
from tradeoffs.ingest.sources import eosai, openrouter_endpoints, provider_policies
from tradeoffs.ingest.staging import DataQualityError

POLICIES = provider_policies.parse(FIXTURES / provider_policies.FOLDER).set_index("slug")
ENDPOINTS, OR_PROVIDERS = openrouter_endpoints.parse(FIXTURES / openrouter_endpoints.FOLDER)
FAMILIES = eosai.parse(FIXTURES / eosai.FOLDER).set_index("family")
SOURCES = PrivacySources(POLICIES.reset_index(), ENDPOINTS, OR_PROVIDERS, FAMILIES.reset_index())
NO_CURATED = pd.DataFrame(columns=["provider", "field", "value", "source", "as_of"])


def test_provider_policies_parser_reads_the_stated_terms():
    assert len(POLICIES) == 14 and set(POLICIES["as_of"]) == {"2026-07-15"}
    assert POLICIES.loc["deepseek", ["trains_on_prompts", "retains_prompts"]].tolist() == [True, True]
    assert POLICIES.loc["anthropic", "retention_days"] == 30
    assert POLICIES.loc["google-ai-studio", "retention_days"] == 55
    together = POLICIES.loc["together"]
    assert together["trains_on_prompts"] is False and together["retains_prompts"] is False  # not np.bool_
    assert pd.isna(together["retention_days"])  # not stated: unknown, never 0
    assert POLICIES.loc["inceptron", ["headquarters", "datacenter_countries"]].tolist() == ["SE", "FI"]
    assert POLICIES.loc["xiaomi", "datacenter_countries"] == "NL,SG"
    assert (
        POLICIES.loc["ambient", "headquarters"] is None
        and POLICIES.loc["ambient", "datacenter_countries"] is None
    )


def test_provider_policies_parser_refuses_a_record_without_a_policy(tmp_path):
    folder = tmp_path / provider_policies.FOLDER
    folder.mkdir()
    payload = {"generated": "2026-07-15T00:00:00Z", "providers": {"data": [{"slug": "x", "name": "X"}]}}
    (folder / provider_policies.FILE).write_text(json.dumps(payload))
    with pytest.raises(DataQualityError, match="x has no dataPolicy"):
        provider_policies.parse(folder)


def test_endpoints_parser_counts_and_values():
    assert len(ENDPOINTS) == 61 and len(OR_PROVIDERS) == 37
    assert ENDPOINTS["model"].nunique() == 7  # allenai/olmo-3-32b-think has no endpoint
    assert set(ENDPOINTS["as_of"]) == {"2026-08-22"}
    ep = ENDPOINTS.set_index(["model", "tag"])
    nebius = ep.loc[("openai/gpt-oss-120b", "nebius/fp4")]
    assert nebius["quantization"] == "fp4" and nebius["input_usd_per_mtok"] == pytest.approx(0.15)
    assert nebius["uptime_pct_30m"] == 100 and nebius["provider_slug"] == "nebius"
    assert pd.isna(ep.loc[("openai/gpt-oss-120b", "together"), "quantization"])  # "unknown" upstream
    bedrock_eu = ep.loc[("anthropic/claude-sonnet-4.5", "amazon-bedrock/eu-west-1")]
    assert bedrock_eu["region"] == "EU" and bedrock_eu["input_usd_per_mtok"] == pytest.approx(3.3)
    assert ep.loc[("google/gemini-2.5-pro", "google-vertex/us"), "region"] == "US"
    assert pd.isna(ep.loc[("google/gemini-2.5-pro", "google-vertex/global"), "region"])
    assert ep.loc[("mistralai/ministral-8b", "mistral/zdr"), "zero_data_retention"] is True
    assert ENDPOINTS["zero_data_retention"].eq(True).sum() == 1
    assert ENDPOINTS["quantization"].value_counts().to_dict() == {"fp8": 15, "fp4": 6, "bf16": 3, "fp16": 1}


def test_region_of_reads_only_region_suffixes():
    region = openrouter_endpoints.region_of
    assert [region("azure/eu"), region("google-vertex/europe"), region("amazon-bedrock/eu-west-1")] == [
        "EU"
    ] * 3
    assert region("amazon-bedrock/us-east-1") == "US" and region("fireworks/us") == "US"
    assert region("deepinfra/turbo") is None and region("eu") is None  # a slug alone names no region


def test_eosai_parser_reads_twelve_ratings_and_skips_the_template():
    assert len(FAMILIES) == 9 and "a_submission_template" not in FAMILIES.index
    llama = FAMILIES.loc["llama-3.1"]
    assert llama["weights_endmodel"] == "closed" and llama["weights_basemodel"] == "partial"
    assert llama["endmodel_license"] == "Meta Llama 3 Community License"
    assert (
        FAMILIES.loc["GANSynth", "endmodel_license"] == "Apache 2.0"
    )  # upstream key typo "endmodel license"
    assert FAMILIES.loc["GPT-OSS", ["weights_endmodel", "licenses", "datasheet"]].tolist() == [
        "open",
        "partial",
        "closed",
    ]
    assert set(FAMILIES[list(eosai.DIMENSIONS)].stack()) == {"open", "partial", "closed"}


def test_eosai_parser_refuses_an_unknown_rating(tmp_path):
    folder = tmp_path / eosai.FOLDER
    shutil.copytree(FIXTURES / eosai.FOLDER, folder)
    path = folder / "models" / "GLM.yaml"
    path.write_text(path.read_text().replace("class: open", "class: mostly", 1))
    with pytest.raises(DataQualityError, match="GLM.yaml rates .* 'mostly'"):
        eosai.parse(folder)


def test_provider_policies_table_keeps_unknown_unknown_and_applies_curated_values():
    curated = pd.DataFrame(
        [
            (
                "google",
                "openrouter_slug",
                "google-ai-studio",
                "https://openrouter.ai/api/v1/providers",
                "2026-08-22",
            ),
            ("new-eu-host", "retains_prompts", "false", "https://example.eu/dpa", "2026-11-01"),
            ("new-eu-host", "datacenter_countries", "FR", "https://example.eu/dpa", "2026-11-01"),
            ("deepseek", "trains_on_prompts", "false", "https://example.com/deepseek-terms", "2026-11-02"),
        ],
        columns=NO_CURATED.columns,
    )
    app = ["anthropic", "deepseek", "google", "mistral", "new-eu-host", "openrouter"]
    table = build_provider_policies(app, SOURCES, curated).set_index("provider")
    assert list(table.index) == sorted(app)
    assert (
        table.loc["google", "retention_days"] == 55
        and table.loc["google", "openrouter_slug"] == "google-ai-studio"
    )
    assert table.loc["mistral", "zero_data_retention"] is True  # its /zdr endpoint
    assert pd.isna(table.loc["anthropic", "zero_data_retention"])  # no /zdr seen: unknown, not False
    assert table.loc["openrouter"].drop("provider", errors="ignore").isna().all()  # a router: unknown
    eu = table.loc["new-eu-host"]
    assert (
        eu["retains_prompts"] is False
        and pd.isna(eu["trains_on_prompts"])
        and eu["datacenter_countries"] == "FR"
    )
    assert eu["source"] == "https://example.eu/dpa; https://example.eu/dpa" and eu["as_of"] == "2026-11-01"
    deepseek = table.loc["deepseek"]  # a curated value overrides the frozen one, with its date
    assert deepseek["trains_on_prompts"] is False and deepseek["retains_prompts"] is True
    assert deepseek["as_of"] == "2026-11-02" and deepseek["source"].endswith(
        "https://example.com/deepseek-terms"
    )
    # The live provider list refreshes what OpenRouter still publishes.
    assert "api/v1/providers" in table.loc["anthropic", "source"]


def test_endpoints_table_keeps_the_apps_offerings_under_its_ids():
    aliases = pd.DataFrame(
        [("openrouter", "openai/gpt-oss-120b", "gpt-oss-120b"), ("openrouter", "z-ai/glm-5.1", "glm-5.1")],
        columns=["source", "source_id", "model_id"],
    )
    offerings = pd.DataFrame(
        [
            ("gpt-oss-120b", "nebius"),
            ("gpt-oss-120b", "amazon-bedrock"),
            ("glm-5.1", "zai"),
            ("glm-5.1", "kilo"),
        ],
        columns=["model_id", "provider"],
    )
    slugs = {"nebius": "nebius", "amazon-bedrock": "amazon-bedrock", "zai": "z-ai"}
    table = build_endpoints(SOURCES, aliases, offerings, slugs)
    assert table[["model_id", "provider", "tag"]].values.tolist() == [
        ["glm-5.1", "zai", "z-ai/fp8"],
        ["gpt-oss-120b", "amazon-bedrock", "amazon-bedrock"],
        ["gpt-oss-120b", "amazon-bedrock", "amazon-bedrock/eu-west-1"],
        ["gpt-oss-120b", "nebius", "nebius/fp4"],
    ]
    assert table["source_id"].tolist()[0] == "z-ai/glm-5.1"


def test_openness_joins_by_weights_repo_and_curated_alias():
    models = pd.DataFrame(
        [("gpt-oss-120b", "openai/gpt-oss-120b"), ("llama-3.1-8b", "meta-llama/Llama-3.1-8B-Instruct")],
        columns=["model_id", "hf_repo"],
    )
    aliases = pd.DataFrame([("llama-3.1", "llama-3.1-8b")], columns=["family", "model_id"])
    table = build_openness(FAMILIES.reset_index(), models, aliases).set_index("model_id")
    assert list(table.index) == ["gpt-oss-120b", "llama-3.1-8b"]
    gpt = table.loc["gpt-oss-120b"]
    assert (
        gpt["family"] == "GPT-OSS" and gpt["rated_model"] == "GPT-OSS-120B" and gpt["license"] == "CC-BY-4.0"
    )
    assert gpt[["open_count", "partial_count", "closed_count"]].tolist() == [5, 1, 6]
    assert table.loc["llama-3.1-8b", "weights_endmodel"] == "closed"
    gone = pd.DataFrame([("Nope", "x")], columns=["family", "model_id"])
    assert build_openness(FAMILIES.reset_index(), models, gone)["model_id"].tolist() == ["gpt-oss-120b"]
    assert missing_families(FAMILIES.reset_index(), gone) == ["Nope"]


# ---- the refresh: replay, keep, live ------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The bundled tables the privacy build reads, in a scratch data folder."""
    dest = tmp_path / "data"
    shutil.copytree(DATA / CURATED_DIR, dest / CURATED_DIR)
    shutil.copytree(DATA / "sources", dest / "sources")
    for name in ("offerings", "aliases", "models", "provider_policies", "endpoints", "openness"):
        shutil.copy(DATA / f"{name}.csv", dest / f"{name}.csv")
    return dest


def test_rebuilding_from_the_staged_rows_reproduces_the_bundled_tables(data_dir):
    report = refresh_privacy(data_dir)  # no session, no recording: staged rows only
    assert report.changed_files == [] and report.errors == []
    assert report.rows == {"provider_policies": 134, "endpoints": 691, "openness": 65}
    assert {r["source"]: r["status"] for r in report.runs} == {
        "provider-policies": "kept",
        "openrouter-endpoints": "ok",
        "eosai-index": "ok",
    }


def test_a_missing_recording_fails_its_source_and_keeps_its_rows(data_dir, tmp_path):
    payloads = tmp_path / "payloads"
    shutil.copytree(FIXTURES / provider_policies.FOLDER, payloads / provider_policies.FOLDER)
    shutil.copytree(FIXTURES / eosai.FOLDER, payloads / eosai.FOLDER)
    staged = (data_dir / "sources/openrouter-endpoints/endpoints.csv").read_bytes()
    report = refresh_privacy(data_dir, from_dir=payloads)
    assert [e.split(":")[0] for e in report.errors] == ["openrouter-endpoints"]
    assert (data_dir / "sources/openrouter-endpoints/endpoints.csv").read_bytes() == staged
    assert report.rows["endpoints"] == 691  # the kept rows still build the table


def _tarball() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted((FIXTURES / eosai.FOLDER / "models").glob("*.yaml")):
            tar.add(path, arcname=f"main-database-main/{path.name}")
        tar.add(FIXTURES / eosai.FOLDER / eosai.TEMPLATE, arcname=f"main-database-main/{eosai.TEMPLATE}")
    return buffer.getvalue()


def test_the_nightly_refreshes_what_openrouter_still_publishes(data_dir, monkeypatch):
    """Live: /providers and the endpoints of the priced models are fetched (network mocked); the
    retired policy source keeps its recorded rows; the index comes from its repository tarball."""
    poll = json.loads(next((FIXTURES / openrouter_endpoints.FOLDER).glob("*.json")).read_text())
    for provider in poll["providers"]["data"]:
        if provider["slug"] == "anthropic":
            provider["datacenters"] = ["US", "IE"]  # a change published since the recording
    calls = []

    def fake_get_bytes(session, url, **kwargs):
        calls.append(url)
        if url == openrouter_endpoints.PROVIDERS_URL:
            return json.dumps(poll["providers"]).encode()
        if url == eosai.URL:
            return _tarball()
        model = url.split("/models/", 1)[1].removesuffix("/endpoints")
        return json.dumps(poll["endpoints"].get(model, {"data": {"endpoints": []}})).encode()

    monkeypatch.setattr(http, "get_bytes", fake_get_bytes)
    report = refresh_privacy(data_dir, session=object())

    assert report.errors == []
    assert calls[0] == openrouter_endpoints.PROVIDERS_URL and calls[-1] == eosai.URL
    assert "https://openrouter.ai/api/v1/models/openai/gpt-oss-120b/endpoints" in calls
    assert not any("all-providers" in url for url in calls)  # retired upstream: never fetched
    policies = pd.read_csv(data_dir / "provider_policies.csv").set_index("provider")
    assert policies.loc["anthropic", "datacenter_countries"] == "IE,US"
    assert policies.loc["anthropic", "retention_days"] == 30  # the frozen value, kept
    endpoints = pd.read_csv(data_dir / "endpoints.csv")
    assert set(endpoints["source_id"]) <= set(poll["endpoints"]) and len(endpoints) > 0
    assert len(pd.read_csv(data_dir / "openness.csv")) > 0
    assert {r["source"]: r["status"] for r in report.runs}["provider-policies"] == "kept"
    # The trimmed index lacks most curated families: reported, not fatal.
    assert len(report.warnings) == 1 and "'Cogito'" in report.warnings[0]
