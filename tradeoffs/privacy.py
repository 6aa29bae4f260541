"""The privacy ladder: which API offerings a deployment setting allows, and why not.

Rungs, from least to most restrictive (each stricter rung also meets the looser ones' terms):
``public_api`` · ``no_retention`` (API that neither trains on nor retains prompts) · ``region`` (that,
processed in a chosen region: EU, US …) · ``private_cloud`` (open weights in your own cloud account,
or a closed model a hyperscaler serves inside your tenancy, under your cloud contract) · ``on_prem``
(open weights you run). A public API price can reach at most ``region``. Unknown provider terms are
treated as "may retain and train" (as OpenRouter's ZDR routing does), so they never pass a strict
rung. Pure logic: frames in, frames out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import pandas as pd

# EU member states, ISO-3166 alpha-2 (the EEA is not assumed).
EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
REGIONS: dict[str, frozenset[str]] = {"EU": EU, "US": frozenset({"US"})}
UNKNOWN_TERMS = "unknown: treated as may retain and train"


class Rung(IntEnum):
    PUBLIC_API = 0
    NO_RETENTION = 1
    REGION = 2
    PRIVATE_CLOUD = 3
    ON_PREM = 4


RUNG_LABELS = {
    Rung.PUBLIC_API: "Public API",
    Rung.NO_RETENTION: "API, no training and no retention",
    Rung.REGION: "API processed in a chosen region",
    Rung.PRIVATE_CLOUD: "Private cloud in your account",
    Rung.ON_PREM: "On-premises",
}


@dataclass(frozen=True)
class Setting:
    """A rung and, for ``Rung.REGION``, the region code (a key of ``REGIONS``)."""

    rung: Rung
    region: str | None = None

    def __post_init__(self) -> None:
        if self.rung == Rung.REGION and self.region not in REGIONS:
            raise ValueError(f"Rung.REGION needs a region among {sorted(REGIONS)}, got {self.region!r}")


def _flag(value) -> bool | None:
    """True/False as stated; None for blanks, NaN and anything else (unknown)."""
    return bool(value) if isinstance(value, bool | np.bool_) else None


def _countries(value) -> frozenset[str]:
    return (
        frozenset(c.strip().upper() for c in str(value).split(",") if c.strip())
        if isinstance(value, str)
        else frozenset()
    )


def _terms_problem(policy: dict | None, zdr_endpoint: bool) -> str | None:
    """Why the provider's stated terms fail "no training, no retention", or None when they pass."""
    if policy is None:
        return f"provider terms {UNKNOWN_TERMS}"
    trains, retains = _flag(policy.get("trains_on_prompts")), _flag(policy.get("retains_prompts"))
    if trains is None or (retains is None and not zdr_endpoint):
        return f"provider terms {UNKNOWN_TERMS}"
    if trains:
        return "provider may train on prompts"
    if retains and not zdr_endpoint:
        days = policy.get("retention_days")
        return f"provider retains prompts {int(days)} days" if pd.notna(days) else "provider retains prompts"
    return None


def _region_problem(policy: dict, region: str, endpoint_regions: set[str]) -> str | None:
    """Why the offering is not known to be processed in ``region``, or None."""
    if region in endpoint_regions:
        return None  # a regional endpoint (e.g. amazon-bedrock/eu-west-1) serves it
    countries = _countries(policy.get("datacenter_countries"))
    if not countries:
        return f"processing region unknown: not known to stay in the {region}"
    outside = sorted(countries - REGIONS[region])
    return f"processed outside the {region} ({', '.join(outside)})" if outside else None


def _endpoint_facts(endpoints: pd.DataFrame | None) -> dict[tuple[str, str], tuple[bool, set[str]]]:
    """(model_id, provider) → (has a zero-data-retention endpoint, regions its endpoints name)."""
    facts: dict[tuple[str, str], tuple[bool, set[str]]] = {}
    if endpoints is None or endpoints.empty:
        return facts
    for row in endpoints.itertuples(index=False):
        zdr, regions = facts.get((row.model_id, row.provider), (False, set()))
        region = row.region if isinstance(row.region, str) else None
        facts[(row.model_id, row.provider)] = (
            zdr or _flag(row.zero_data_retention) is True,
            regions | {region} - {None},
        )
    return facts


def why_not(
    offering: dict, policy: dict | None, setting: Setting, zdr: bool, regions: set[str]
) -> str | None:
    """Why one API offering fails the setting, or None when it qualifies."""
    if setting.rung == Rung.PRIVATE_CLOUD and offering.get("provider_kind") == "cloud":
        return None  # a hyperscaler's endpoint in your tenancy (Bedrock, Azure, Vertex …)
    if setting.rung >= Rung.PRIVATE_CLOUD:
        where = RUNG_LABELS[setting.rung].lower()
        return f"{where} needs the weights run in your own infrastructure, not an API"
    if setting.rung == Rung.PUBLIC_API:
        return None
    if problem := _terms_problem(policy, zdr):
        return problem
    if setting.rung == Rung.REGION:
        return _region_problem(policy, setting.region, regions)
    return None


def _policy_key(provider: str) -> str:
    """The provider whose terms apply: "azure · your data" (a price the user negotiated) is Azure's."""
    return provider.split(" · ")[0]


def check_offerings(
    offerings: pd.DataFrame, policies: pd.DataFrame, setting: Setting, endpoints: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A copy of ``offerings`` (model_id, provider …) plus ``qualifies`` and ``why_not`` (text or None)."""
    by_provider = {r["provider"]: r for r in policies.to_dict("records")}
    facts = _endpoint_facts(endpoints)
    kinds = offerings["provider_kind"] if "provider_kind" in offerings else [None] * len(offerings)
    # A reason depends on the provider's terms and the endpoint facts only: thousands of offerings
    # share a few hundred of those.
    seen: dict[tuple, str | None] = {}
    reasons = []
    for model_id, provider, kind in zip(offerings["model_id"], offerings["provider"], kinds, strict=True):
        key = _policy_key(provider)
        zdr, regions = facts.get((model_id, key), (False, set()))
        memo = (key, kind, zdr, frozenset(regions))
        if memo not in seen:
            seen[memo] = why_not({"provider_kind": kind}, by_provider.get(key), setting, zdr, regions)
        reasons.append(seen[memo])
    return offerings.assign(qualifies=[r is None for r in reasons], why_not=reasons)


def models_reaching(checked: pd.DataFrame) -> pd.DataFrame:
    """Per model: ``qualifies`` when some offering does, the ``providers`` that qualify, and ``why_not``
    naming each provider's failing terms when none does."""
    rows = []
    for model_id, group in checked.groupby("model_id", sort=True):
        ok = group[group["qualifies"]]
        reasons = "; ".join(
            f"{p}: {w}" for p, w in zip(group["provider"], group["why_not"], strict=True) if w
        )
        rows.append(
            {
                "model_id": model_id,
                "qualifies": not ok.empty,
                "providers": ", ".join(sorted(ok["provider"])),
                "why_not": None if not ok.empty else reasons,
            }
        )
    return pd.DataFrame(rows, columns=["model_id", "qualifies", "providers", "why_not"])


def highest_api_rung(
    offerings: pd.DataFrame, policies: pd.DataFrame, region: str, endpoints: pd.DataFrame | None = None
) -> pd.Series:
    """Per model id, the strictest API rung (``Rung``) some offering of it reaches for ``region``."""
    best = pd.Series(Rung.PUBLIC_API, index=sorted(offerings["model_id"].unique()), dtype=object)
    for rung in (Rung.NO_RETENTION, Rung.REGION):
        checked = check_offerings(offerings, policies, Setting(rung, region), endpoints)
        best[checked.loc[checked["qualifies"].to_numpy(dtype=bool), "model_id"].unique()] = rung
    return best


# ---- the API prices a deployment setting allows ----------------------------------------------------

DEPLOYMENT_RUNGS = {
    "any": Rung.PUBLIC_API,
    "no-retention": Rung.NO_RETENTION,
    "region": Rung.REGION,
    "private-cloud": Rung.PRIVATE_CLOUD,
    "on-prem": Rung.ON_PREM,
}
MAX_NAMED_PROVIDERS = 3


def setting_for(deployment: str, region: str) -> Setting:
    """The ladder's setting for a Constraints ``deployment`` and ``region``."""
    rung = DEPLOYMENT_RUNGS[deployment]
    return Setting(rung, region if rung == Rung.REGION else None)


def _regional_prices(endpoints: pd.DataFrame | None, region: str) -> pd.DataFrame:
    """Per (model_id, provider) the cheapest endpoint tagged with ``region``: its prices, tag and date."""
    cols = ["model_id", "provider", "tag", "input_usd_per_mtok", "output_usd_per_mtok", "as_of"]
    if endpoints is None or endpoints.empty:
        return pd.DataFrame(columns=cols)
    tagged = endpoints[endpoints["region"].eq(region).fillna(False).astype(bool)]
    ranked = tagged.sort_values(["model_id", "provider", "input_usd_per_mtok", "output_usd_per_mtok"])
    return ranked.drop_duplicates(["model_id", "provider"])[cols]


def _with_regional_prices(ok: pd.DataFrame, endpoints: pd.DataFrame | None, region: str) -> pd.DataFrame:
    """``ok`` with the regional endpoint's prices where a provider prices that region apart (Bedrock's
    eu-west-1 costs 10% more than its list price): the price of what the setting allows."""
    regional = _regional_prices(endpoints, region)
    joined = ok.merge(regional, on=["model_id", "provider"], how="left", suffixes=("", "_regional"))
    has = joined["tag"].notna().to_numpy()
    if not has.any():
        return ok
    out = ok.copy()
    for price in ("input_usd_per_mtok", "output_usd_per_mtok"):
        out.loc[has, price] = joined.loc[has, f"{price}_regional"].to_numpy()
    if "cached_input_usd_per_mtok" in out:
        out.loc[has, "cached_input_usd_per_mtok"] = np.nan  # no regional cache price is published
    if "source" in out:
        out.loc[has, "source"] = "openrouter endpoint " + joined.loc[has, "tag"].astype(str).to_numpy()
    if "as_of" in out:
        out.loc[has, "as_of"] = pd.to_datetime(joined.loc[has, "as_of_regional"]).to_numpy()
    return out


def _summary(providers: list[str], reasons: list[str]) -> str:
    """ "openai: provider retains prompts; azure, amazon-bedrock: processed outside the EU (US)": the
    providers grouped by reason, at most three named per reason."""
    grouped: dict[str, list[str]] = {}
    for provider, reason in zip(providers, reasons, strict=True):
        grouped.setdefault(reason, []).append(provider)
    parts = []
    for reason, names in grouped.items():
        shown = ", ".join(names[:MAX_NAMED_PROVIDERS])
        more = f" +{len(names) - MAX_NAMED_PROVIDERS} more" if len(names) > MAX_NAMED_PROVIDERS else ""
        parts.append(f"{shown}{more}: {reason}")
    return "; ".join(parts)


def why_no_api(checked: pd.DataFrame, setting: Setting, model_ids) -> pd.Series:
    """Per model id with no qualifying offering in ``checked``, why not in words (the providers' terms
    grouped), "no API offering listed" when it has none; models that qualify are left out."""
    label = "no training and no retention"
    if setting.rung == Rung.REGION:
        label += f", processed in the {setting.region}"
    rows = list(zip(checked["model_id"], checked["provider"], checked["why_not"], strict=True))
    reached = set(checked.loc[checked["qualifies"].to_numpy(dtype=bool), "model_id"])
    grouped: dict[str, tuple[list[str], list[str]]] = {}
    for model_id, provider, reason in rows:  # plain lists: a groupby per model cost more than the rung
        if model_id not in reached:
            providers, reasons = grouped.setdefault(model_id, ([], []))
            providers.append(provider)
            reasons.append(reason)
    text = {m: f"no API provider meets {label}: {_summary(*pr)}" for m, pr in grouped.items()}
    listed = set(checked["model_id"])
    text.update({m: f"no API offering listed, so none meets {label}" for m in model_ids if m not in listed})
    return pd.Series(text, dtype=object, name="api_rung_fail")


def allowed_api_offerings(
    offerings: pd.DataFrame,
    policies: pd.DataFrame,
    endpoints: pd.DataFrame | None,
    setting: Setting,
    model_ids,
) -> tuple[pd.DataFrame, pd.Series]:
    """(the offerings whose price ``setting`` allows, at the region's own price where a provider sets
    one; per model id in ``model_ids`` that has none, why not). The public API allows every offering."""
    if setting.rung == Rung.PUBLIC_API:
        return offerings, pd.Series(dtype=object, name="api_rung_fail")
    checked = check_offerings(offerings, policies, setting, endpoints)
    ok = offerings[checked["qualifies"].to_numpy()]
    if setting.rung == Rung.REGION:
        ok = _with_regional_prices(ok, endpoints, setting.region)
    return ok, why_no_api(checked, setting, model_ids)
