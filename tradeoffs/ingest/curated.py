"""Hand-maintained lookup tables in ``data/curated/``: what no source says reliably.

- ``aliases_manual.csv`` (source, source_id, model_id): ids the match rules get wrong;
- ``model_facts.csv`` (model_id, field, value, source): a fact about a model that overrides the
  sources, each with the URL it comes from (e.g. active parameters of a mixture-of-experts model);
- ``license_aliases.csv`` (raw, license_id): the many spellings of each licence;
- ``organizations.csv`` (raw, organization) and ``providers.csv`` (raw, provider, kind, organization,
  evidence): every provider's kind, see ``PROVIDER_KINDS``;
- ``identity_rules.csv`` and ``moving_aliases.csv``: checkpoints the match keys would merge, and ids
  that served different models over time (see registry.py);
- ``gpu_facts.csv`` (gpu, field, value, source): GPU specifications the hardware source lacks (dense
  FP8 TFLOP/s of an H100, a launch price), each with its datasheet;
- ``identity_reviews.csv`` (model_a, model_b, decision, reason): the data-quality check's suspects,
  reviewed: two look-alike rows kept ``distinct``, or one row whose variants are the ``same`` model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tradeoffs.ingest.registry import IdentityRules

CURATED_DIR = "curated"
# lab: made the model; cloud: hyperscaler with the labs' contracts; host: serves open weights on its own
# GPUs; router: forwards to others at their price; reseller: an unverified third party's quote; plan: a
# subscription bundle (not per-token prices, left out).
PROVIDER_KINDS = ("lab", "cloud", "host", "router", "reseller", "plan")
TRUSTED_KINDS = ("lab", "cloud", "host")
UNKNOWN = "unknown"  # a fact's value when the number is not public (the source column says why)
NUMERIC_FACTS = (
    "params_total_b",
    "params_active_b",
    "context_tokens",
    "layers",
    "kv_cache_dim",
    "full_attention_layers",
    "experts",
    "experts_per_token",
    "shared_params_b",
    "attention_width",
)
FACT_FIELDS = {
    "name",
    "organization",
    "open_weights",
    "license_id",
    "hf_repo",
    "release_date",
    "url",
    "native_precision",
    "retirement_date",
    *NUMERIC_FACTS,
}
GPU_FACT_FIELDS = {
    "memory_gb",
    "bandwidth_gbps",
    "tflops_bf16",
    "tflops_fp8",
    "tflops_fp4",
    "tdp_w",
    "usd_purchase",
}
PRECISIONS = ("FP32", "BF16", "FP16", "FP8", "MXFP4", "NVFP4", "INT4")


def license_key(raw: str) -> str:
    """A licence string reduced to compare spellings: ``Llama 3.1 Community`` → ``llama 3.1``."""
    s = re.sub(r"([a-z])(\d)", r"\1 \2", str(raw).strip().lower())
    s = re.sub(r"[^a-z0-9.]+", " ", s)
    s = re.sub(r"\b(?:license|licence|agreement|community|terms|of|use)\b", " ", s)
    return " ".join(s.split())


def org_key(raw: str) -> str:
    """First organisation of a comma-separated list, lower-cased."""
    return str(raw).split(",")[0].strip().lower()


@dataclass(frozen=True)
class Curated:
    manual_aliases: dict[tuple[str, str], str]
    facts: pd.DataFrame  # model_id, field, value, source
    license_aliases: dict[str, str]
    organizations: dict[str, str]
    providers: pd.DataFrame  # raw, provider, kind, organization, evidence
    rules: IdentityRules = IdentityRules()
    gpu_facts: pd.DataFrame | None = None  # gpu, field, value, source

    def license_id(self, raw) -> str | None:
        if raw is None or (isinstance(raw, float) and pd.isna(raw)):
            return None
        return self.license_aliases.get(license_key(raw))

    def organization(self, raw) -> str | None:
        if raw is None or (isinstance(raw, float) and pd.isna(raw)) or not str(raw).strip():
            return None
        return self.organizations.get(org_key(raw), str(raw).split(",")[0].strip())


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(columns) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    return df


def load_curated(data_dir: Path) -> Curated:
    base = Path(data_dir) / CURATED_DIR
    aliases = _read(base / "aliases_manual.csv", ["source", "source_id", "model_id"])
    facts = _read(base / "model_facts.csv", ["model_id", "field", "value", "source"])
    unknown = set(facts["field"]) - FACT_FIELDS
    if unknown:
        raise ValueError(f"model_facts.csv: unknown fields {sorted(unknown)}")
    licenses = _read(base / "license_aliases.csv", ["raw", "license_id"])
    orgs = _read(base / "organizations.csv", ["raw", "organization"])
    providers = _read(base / "providers.csv", ["raw", "provider", "kind", "organization"])
    if bad := set(providers["kind"]) - set(PROVIDER_KINDS):
        raise ValueError(f"providers.csv: unknown kinds {sorted(bad)} (use {', '.join(PROVIDER_KINDS)})")
    return Curated(
        manual_aliases={(r.source, r.source_id): r.model_id for r in aliases.itertuples(index=False)},
        facts=facts,
        license_aliases={license_key(r.raw): r.license_id for r in licenses.itertuples(index=False)},
        organizations={r.raw.strip().lower(): r.organization for r in orgs.itertuples(index=False)},
        providers=providers,
        rules=_identity_rules(base),
        gpu_facts=_gpu_facts(base),
    )


def _gpu_facts(base: Path) -> pd.DataFrame:
    facts = _read(base / "gpu_facts.csv", ["gpu", "field", "value", "source"])
    if unknown := set(facts["field"]) - GPU_FACT_FIELDS:
        raise ValueError(f"gpu_facts.csv: unknown fields {sorted(unknown)}")
    return facts.assign(value=pd.to_numeric(facts["value"]))


def _identity_rules(base: Path) -> IdentityRules:
    pins = _read(base / "identity_rules.csv", ["pattern", "model_id", "reason"])
    moving = _read(base / "moving_aliases.csv", ["pattern", "model_id", "valid_from", "valid_to", "reason"])
    return IdentityRules(
        pins=tuple((re.compile(r.pattern), r.model_id) for r in pins.itertuples(index=False)),
        moving=tuple(
            (re.compile(r.pattern), r.model_id, r.valid_from, r.valid_to)
            for r in moving.itertuples(index=False)
        ),
    )
