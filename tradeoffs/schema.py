"""The canonical tables: column names, DuckDB types and sort keys, in one place.

The ingest writes each table to ``data/<table>.csv`` with exactly these columns, sorted by
``key`` so that a nightly diff shows only what changed; the store builder creates the DuckDB
tables from the same definitions. Units are in the column names (``_usd_per_mtok`` = US dollars
per million tokens, ``_b`` = billions of parameters, ``_tokens``, ``_gb``, ``bandwidth_gbps`` =
gigabytes per second).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (column, DuckDB type)
    key: tuple[str, ...]  # unique key, also the sort order of the CSV
    curated: bool = False  # hand-maintained in data/curated/, never written by the ingest

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def shape(self, df: pd.DataFrame) -> pd.DataFrame:
        """Exactly this table's columns (missing ones empty), rows sorted by its key."""
        df = df.copy()
        for col in self.column_names:
            if col not in df:
                df[col] = None
        return df[self.column_names].sort_values(list(self.key), ignore_index=True)


MODELS = Table(
    "models",
    (
        ("model_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("organization", "VARCHAR"),
        ("family", "VARCHAR"),
        ("release_date", "DATE"),
        ("open_weights", "BOOLEAN"),
        ("license_id", "VARCHAR"),
        ("params_total_b", "DOUBLE"),
        ("params_active_b", "DOUBLE"),
        ("context_tokens", "BIGINT"),
        ("max_output_tokens", "BIGINT"),
        ("modalities", "VARCHAR"),  # input modalities, comma-separated: "text,image"
        ("tool_calling", "BOOLEAN"),
        ("structured_output", "BOOLEAN"),
        ("reasoning", "BOOLEAN"),
        ("vendor_fine_tuning", "BOOLEAN"),  # the API vendor sells fine-tuning of this model
        ("status", "VARCHAR"),  # 'active' | 'deprecated' (retirement announced) | 'retired' (past it)
        ("retirement_date", "DATE"),  # when the vendor shuts (or shut) it down
        ("hf_repo", "VARCHAR"),  # Hugging Face repo of the weights, when open
        ("hf_likes", "BIGINT"),
        ("hf_downloads", "BIGINT"),
        ("url", "VARCHAR"),  # model card / announcement
        ("params_source", "VARCHAR"),
        ("license_source", "VARCHAR"),
        ("native_precision", "VARCHAR"),  # dtype of the released weights: BF16, FP8, MXFP4, …
        ("precision_source", "VARCHAR"),
        # Architecture, for the serving estimate (HF config.json; curated facts with their URL):
        ("layers", "INTEGER"),
        ("kv_cache_dim", "INTEGER"),  # values cached per token per layer (2·KV heads·head dim; MLA: latent)
        ("full_attention_layers", "INTEGER"),  # layers whose KV cache grows with the context (default: all)
        ("experts", "INTEGER"),  # routed experts per MoE layer
        ("experts_per_token", "INTEGER"),
        ("shared_params_b", "DOUBLE"),  # parameters every token uses (attention, embeddings, shared experts)
        ("attention_width", "INTEGER"),  # query heads · head dim (MLA decoding: heads · latent widths)
        ("architecture_source", "VARCHAR"),
        ("unknown_why", "VARCHAR"),  # "field: reason" for values that are not public
    ),
    ("model_id",),
)

LICENSES = Table(
    "licenses",
    (
        ("license_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("tier", "INTEGER"),  # 1 OSI permissive .. 5 proprietary, see DESIGN.md §2
        ("commercial_use", "VARCHAR"),  # 'yes' | 'conditional' | 'no'
        ("osi_approved", "BOOLEAN"),
        ("conditions", "VARCHAR"),  # plain business words
        ("url", "VARCHAR"),
    ),
    ("license_id",),
    curated=True,
)

ALIASES = Table(
    "aliases",
    (("source", "VARCHAR"), ("source_id", "VARCHAR"), ("model_id", "VARCHAR")),
    ("source", "source_id"),
)

OFFERINGS = Table(
    "offerings",
    (
        ("model_id", "VARCHAR"),
        ("provider", "VARCHAR"),
        ("input_usd_per_mtok", "DOUBLE"),
        ("output_usd_per_mtok", "DOUBLE"),
        ("cached_input_usd_per_mtok", "DOUBLE"),
        ("context_tokens", "BIGINT"),
        ("first_party", "BOOLEAN"),  # the provider is the lab that made the model
        ("provider_kind", "VARCHAR"),  # 'lab' | 'cloud' (hyperscaler) | 'host' | 'router' | 'reseller'
        (
            "trusted",
            "BOOLEAN",
        ),  # lab's own, a cloud's, or a host's price of open weights (price_checks.trusted_offering)
        ("source", "VARCHAR"),
        ("source_id", "VARCHAR"),
        ("as_of", "DATE"),
    ),
    ("model_id", "provider"),
)

SCORES = Table(
    "scores",
    (
        ("model_id", "VARCHAR"),
        ("benchmark", "VARCHAR"),
        ("score", "DOUBLE"),
        ("ci_low", "DOUBLE"),
        ("ci_high", "DOUBLE"),
        ("source", "VARCHAR"),
        ("source_id", "VARCHAR"),
        ("as_of", "DATE"),
        ("independent", "BOOLEAN"),  # measured by a third party, not reported by the vendor
    ),
    ("model_id", "benchmark"),
)

GPUS = Table(
    "gpus",
    (
        ("gpu", "VARCHAR"),
        ("name", "VARCHAR"),
        ("memory_gb", "DOUBLE"),
        ("bandwidth_gbps", "DOUBLE"),  # memory bandwidth, gigabytes per second
        ("provider", "VARCHAR"),
        ("segment", "VARCHAR"),  # 'index' | 'hyperscaler' | 'neocloud' | 'marketplace'
        ("usd_per_gpu_hour", "DOUBLE"),  # on-demand median
        ("tflops_bf16", "DOUBLE"),  # dense tensor TFLOP/s (no sparsity); spec rows only
        ("tflops_fp8", "DOUBLE"),
        ("tflops_fp4", "DOUBLE"),
        ("tdp_w", "DOUBLE"),
        ("usd_purchase", "DOUBLE"),  # list / launch price of one GPU
        ("source", "VARCHAR"),
        ("as_of", "DATE"),
    ),
    ("gpu", "provider"),
)

SERVING_MEASUREMENTS = Table(
    "serving_measurements",
    (
        ("result_id", "VARCHAR"),  # MLPerf result id, e.g. 6.0-0012
        ("benchmark", "VARCHAR"),  # the MLPerf benchmark, e.g. llama2-70b-99
        ("model_id", "VARCHAR"),  # the model it ran
        ("scenario", "VARCHAR"),  # Offline | Server | Interactive
        ("gpu", "VARCHAR"),  # key into gpus
        ("gpus", "INTEGER"),  # accelerators in the whole system
        ("precision", "VARCHAR"),  # weights as submitted: FP8, FP4, …
        ("output_tokens_per_s", "DOUBLE"),  # the whole system
        ("submitter", "VARCHAR"),
        ("system", "VARCHAR"),
        ("software", "VARCHAR"),
        ("source", "VARCHAR"),
        ("as_of", "DATE"),
    ),
    ("result_id", "benchmark", "scenario"),
)

PRICE_HISTORY = Table(
    "price_history",
    (
        ("model_id", "VARCHAR"),
        ("provider", "VARCHAR"),
        ("as_of", "DATE"),
        ("input_usd_per_mtok", "DOUBLE"),
        ("output_usd_per_mtok", "DOUBLE"),
        ("source", "VARCHAR"),
    ),
    ("model_id", "provider", "as_of", "source"),
)

SCORE_HISTORY = Table(
    "score_history",
    (
        ("model_id", "VARCHAR"),
        ("benchmark", "VARCHAR"),
        ("as_of", "DATE"),
        ("score", "DOUBLE"),
        ("source", "VARCHAR"),
    ),
    ("model_id", "benchmark", "as_of", "source"),
)

SOURCES = Table(
    "sources",
    (
        ("source", "VARCHAR"),
        ("name", "VARCHAR"),
        ("url", "VARCHAR"),
        ("license", "VARCHAR"),
        ("attribution", "VARCHAR"),
        ("provides", "VARCHAR"),
    ),
    ("source",),
    curated=True,
)

BENCHMARKS = Table(
    "benchmarks",
    (
        ("benchmark", "VARCHAR"),
        ("name", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("description", "VARCHAR"),
        ("url", "VARCHAR"),
    ),
    ("benchmark",),
    curated=True,
)

REFRESH_RUNS = Table(
    "refresh_runs",
    (
        ("source", "VARCHAR"),
        ("started_at", "TIMESTAMP"),
        ("finished_at", "TIMESTAMP"),
        ("status", "VARCHAR"),  # 'ok' | 'failed'
        ("rows", "BIGINT"),
        ("unmatched", "BIGINT"),
        ("error", "VARCHAR"),
        ("data_as_of", "DATE"),  # newest date the payload vouches for
    ),
    ("source",),
)

WARNINGS = Table(
    "warnings",
    (("topic", "VARCHAR"), ("message", "VARCHAR")),
    ("topic", "message"),
)

UNMATCHED = Table(
    "unmatched",
    (("refresh", "VARCHAR"), ("source", "VARCHAR"), ("source_id", "VARCHAR")),
    ("refresh", "source", "source_id"),
)

# ---- privacy, residency and openness (issue 15; built by tradeoffs/ingest/privacy_tables.py) ----

PROVIDER_POLICIES = Table(
    "provider_policies",
    (
        ("provider", "VARCHAR"),  # as offerings.provider names it
        ("openrouter_slug", "VARCHAR"),  # the provider's slug at OpenRouter, when it has one
        ("trains_on_prompts", "BOOLEAN"),  # empty = unknown (treated as "may train" by strict rungs)
        ("retains_prompts", "BOOLEAN"),  # empty = unknown (treated as "may retain")
        ("retention_days", "INTEGER"),  # when stated
        ("zero_data_retention", "BOOLEAN"),  # a zero-data-retention option exists (endpoint or contract)
        ("headquarters", "VARCHAR"),  # ISO-3166 alpha-2
        ("datacenter_countries", "VARCHAR"),  # ISO-3166 alpha-2, comma-separated
        ("privacy_policy_url", "VARCHAR"),
        ("terms_url", "VARCHAR"),
        ("source", "VARCHAR"),  # where the policy values come from (URL), ';'-joined when several
        ("as_of", "DATE"),  # date of the policy values
    ),
    ("provider",),
)

ENDPOINTS = Table(
    "endpoints",
    (
        ("model_id", "VARCHAR"),
        ("provider", "VARCHAR"),  # as offerings.provider names it
        ("tag", "VARCHAR"),  # OpenRouter routing tag: provider slug plus variant (fp8, eu-west-1, zdr …)
        ("region", "VARCHAR"),  # processing region the tag names ('EU', 'US'), else empty
        ("quantization", "VARCHAR"),  # fp8, bf16, fp4 …; empty = not stated
        ("input_usd_per_mtok", "DOUBLE"),
        ("output_usd_per_mtok", "DOUBLE"),
        ("context_tokens", "BIGINT"),
        ("status", "INTEGER"),  # 0 = OK, negative = degraded / down
        ("uptime_pct_30m", "DOUBLE"),  # percent; empty = no recent traffic
        ("uptime_pct_1d", "DOUBLE"),
        ("zero_data_retention", "BOOLEAN"),  # a /zdr endpoint
        ("source", "VARCHAR"),
        ("source_id", "VARCHAR"),  # OpenRouter model id
        ("as_of", "DATE"),
    ),
    ("model_id", "provider", "tag"),
)

OPENNESS = Table(
    "openness",
    (
        ("model_id", "VARCHAR"),
        ("family", "VARCHAR"),  # the index's family file (osai-index.eu)
        ("rated_model", "VARCHAR"),  # the family member the index rated (endmodelname)
        ("datasources_basemodel", "VARCHAR"),  # 'open' | 'partial' | 'closed'; empty = not applicable
        ("datasources_endmodel", "VARCHAR"),
        ("weights_basemodel", "VARCHAR"),
        ("weights_endmodel", "VARCHAR"),
        ("trainingcode", "VARCHAR"),
        ("code", "VARCHAR"),
        ("hardware_architecture", "VARCHAR"),
        ("preprint", "VARCHAR"),
        ("paper", "VARCHAR"),
        ("modelcard", "VARCHAR"),
        ("datasheet", "VARCHAR"),
        ("licenses", "VARCHAR"),
        ("open_count", "INTEGER"),
        ("partial_count", "INTEGER"),
        ("closed_count", "INTEGER"),
        ("endmodel_license", "VARCHAR"),  # the index's licence text
        ("source", "VARCHAR"),
        ("license", "VARCHAR"),  # of the ratings: CC-BY-4.0, attribution in sources.csv
    ),
    ("model_id",),
)

TABLES: tuple[Table, ...] = (
    MODELS,
    LICENSES,
    ALIASES,
    OFFERINGS,
    SCORES,
    GPUS,
    SERVING_MEASUREMENTS,
    PRICE_HISTORY,
    SCORE_HISTORY,
    SOURCES,
    BENCHMARKS,
    REFRESH_RUNS,
    WARNINGS,
    UNMATCHED,
    PROVIDER_POLICIES,
    ENDPOINTS,
    OPENNESS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}
