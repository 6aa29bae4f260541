"""The privacy, residency and openness tables (issue 15), built from parsed sources and curated files.

- ``provider_policies``: one row per provider the app prices from. OpenRouter's frozen policy values
  (2026-07-15) seed it, the live provider list refreshes HQ, datacenters and policy URLs, a ``/zdr``
  endpoint marks a zero-data-retention option, and ``data/curated/provider_policies.csv``
  (provider, field, value, source, as_of) overrides any value. A value nobody states stays empty
  (unknown); absence is never written as False.
- ``endpoints``: OpenRouter endpoints of the offerings the app uses (model × provider), with
  quantization, region and uptime.
- ``openness``: the EU Open Source AI Index ratings joined to model ids through the family's Hugging
  Face repo (``models.hf_repo``) and ``data/curated/openness_aliases.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tradeoffs.ingest.match import match_key
from tradeoffs.ingest.sources import eosai, openrouter_endpoints
from tradeoffs.schema import ENDPOINTS, OPENNESS, PROVIDER_POLICIES

POLICY_FIELDS = ("trains_on_prompts", "retains_prompts", "zero_data_retention")
BOOL_FIELDS = frozenset(POLICY_FIELDS)
CURATED_FIELDS = frozenset(PROVIDER_POLICIES.column_names) - {"provider", "source", "as_of"}
FROZEN_SOURCE = "https://openrouter.ai/api/frontend/all-providers (retired; recorded 2026-07-15)"
OPENNESS_SOURCE = "https://osai-index.eu/"


@dataclass(frozen=True)
class PrivacySources:
    """Parsed (staged) rows of the three sources; any may be empty."""

    policies: pd.DataFrame  # provider_policies.parse
    endpoints: pd.DataFrame  # openrouter_endpoints.parse()[0]
    or_providers: pd.DataFrame  # openrouter_endpoints.parse()[1]
    families: pd.DataFrame  # eosai.parse


def _value(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def slug_map(app_providers: list[str], sources: PrivacySources, curated: pd.DataFrame) -> dict[str, str]:
    """App provider id → OpenRouter slug: the same name when OpenRouter knows it, else the curated map."""
    known = set(sources.policies["slug"]) | set(sources.or_providers["slug"])
    slugs = {p: p for p in app_providers if p in known}
    for row in curated[curated["field"].eq("openrouter_slug")].itertuples(index=False):
        slugs[row.provider] = row.value
    return slugs


def _seed(provider: str, slug: str | None, sources: PrivacySources) -> dict:
    row = {"provider": provider, "openrouter_slug": slug}
    frozen = sources.policies[sources.policies["slug"].eq(slug)]
    if len(frozen):
        rec = frozen.iloc[0]
        row |= {c: _value(rec[c]) for c in PROVIDER_POLICIES.column_names if c in rec and c != "as_of"}
        row |= {"source": FROZEN_SOURCE, "as_of": rec["as_of"]}
    live = sources.or_providers[sources.or_providers["slug"].eq(slug)]
    if len(live):  # what OpenRouter still publishes replaces the frozen copy of it
        rec = live.iloc[0]
        for col in ("headquarters", "datacenter_countries", "privacy_policy_url", "terms_url"):
            if _value(rec[col]) is not None:
                row[col] = rec[col]
        row["source"] = "; ".join(filter(None, [row.get("source"), openrouter_endpoints.PROVIDERS_URL]))
    zdr = sources.endpoints[sources.endpoints["provider_slug"].eq(slug)]["zero_data_retention"]
    if zdr.eq(True).any():
        row["zero_data_retention"] = True
    return row


def _apply_curated(row: dict, facts: pd.DataFrame) -> dict:
    for fact in facts.itertuples(index=False):
        if fact.field == "openrouter_slug":
            continue
        value = fact.value
        if fact.field in BOOL_FIELDS:
            value = {"true": True, "false": False}.get(str(value).strip().lower())
        elif fact.field == "retention_days":
            value = int(value) if str(value).strip() else None
        row[fact.field] = value
        row["source"] = "; ".join(filter(None, [row.get("source"), str(fact.source)]))
        if fact.field in POLICY_FIELDS or fact.field == "retention_days":
            row["as_of"] = fact.as_of
    return row


def build_provider_policies(
    app_providers: list[str], sources: PrivacySources, curated: pd.DataFrame
) -> pd.DataFrame:
    """One row per app provider; unknown values empty (see the module docstring)."""
    if bad := set(curated["field"]) - CURATED_FIELDS:
        raise ValueError(f"provider_policies.csv: unknown fields {sorted(bad)}")
    slugs = slug_map(app_providers, sources, curated)
    rows = [
        _apply_curated(_seed(p, slugs.get(p), sources), curated[curated["provider"].eq(p)])
        for p in sorted(set(app_providers))
    ]
    return PROVIDER_POLICIES.shape(pd.DataFrame(rows))


def build_endpoints(
    sources: PrivacySources, aliases: pd.DataFrame, offerings: pd.DataFrame, slugs: dict[str, str]
) -> pd.DataFrame:
    """OpenRouter endpoints of the app's offerings, keyed by the app's model id and provider."""
    ep = sources.endpoints
    if ep.empty:
        return ENDPOINTS.shape(pd.DataFrame())
    ours = aliases[aliases["source"].eq("openrouter")]
    by_id = dict(zip(ours["source_id"], ours["model_id"], strict=True))
    by_key = {match_key(m): m for m in offerings["model_id"].unique()}
    provider_of = {slug: provider for provider, slug in slugs.items()}
    model_ids = [by_id.get(m) or by_key.get(match_key(m.split("/", 1)[-1])) for m in ep["model"]]
    out = ep.assign(
        model_id=model_ids,
        provider=ep["provider_slug"].map(provider_of),
        source="openrouter-endpoints",
        source_id=ep["model"],
    )
    used = set(zip(offerings["model_id"], offerings["provider"], strict=True))
    keep = [(m, p) in used for m, p in zip(out["model_id"], out["provider"], strict=True)]
    out = out[keep]
    # Several OpenRouter ids (previews, dated ids) can resolve to one model: the id named like it wins.
    exact = [
        match_key(s.split("/", 1)[-1]) != match_key(m)
        for s, m in zip(out["source_id"], out["model_id"], strict=True)
    ]
    out = out.assign(_inexact=exact).sort_values(["model_id", "provider", "tag", "_inexact", "source_id"])
    return ENDPOINTS.shape(out.drop_duplicates(["model_id", "provider", "tag"]))


def build_openness(families: pd.DataFrame, models: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """Index ratings per model id: the family whose rated repo is the model's weights, or a curated alias."""
    if families.empty:
        return OPENNESS.shape(pd.DataFrame())
    repo_model = {
        str(r).lower(): m
        for r, m in zip(models["hf_repo"], models["model_id"], strict=True)
        if isinstance(r, str)
    }
    pairs = {}
    for fam, link in zip(families["family"], families["link"], strict=True):
        repo = (
            str(link).split("huggingface.co/", 1)[-1].strip("/").lower()
            if "huggingface.co/" in str(link)
            else ""
        )
        if repo in repo_model:
            pairs[repo_model[repo]] = fam
    pairs |= dict(zip(aliases["model_id"], aliases["family"], strict=True))  # curated wins
    fam = families.set_index("family")
    rows = []
    for model_id, family in sorted(pairs.items()):
        if family not in fam.index:
            continue  # renamed or dropped upstream: see missing_families
        rec = fam.loc[family]
        dims = {d: _value(rec[d]) for d in eosai.DIMENSIONS}
        counts = {f"{c}_count": sum(v == c for v in dims.values()) for c in ("open", "partial", "closed")}
        rows.append(
            {
                "model_id": model_id,
                "family": family,
                "rated_model": _value(rec["endmodelname"]),
                **dims,
                **counts,
                "endmodel_license": _value(rec["endmodel_license"]),
                "source": f"{OPENNESS_SOURCE} ({family})",
                "license": eosai.LICENSE,
            }
        )
    return OPENNESS.shape(pd.DataFrame(rows))


def missing_families(families: pd.DataFrame, aliases: pd.DataFrame) -> list[str]:
    """Families the curated aliases name that the index no longer has (renamed or dropped upstream)."""
    return sorted(set(aliases["family"]) - set(families["family"]))
