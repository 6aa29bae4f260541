"""The privacy ladder: which API offerings a deployment setting allows, and why not.

Rungs, from least to most restrictive (each includes the ones before it):
``public_api`` · ``no_retention`` (API that neither trains on nor retains prompts) · ``region`` (that,
processed in a chosen region: EU, US …) · ``private_cloud`` (weights in your own cloud account) ·
``on_prem``. An API price can reach at most ``region``; the last two need open weights you run
yourself. Unknown provider terms are treated as "may retain and train" (as OpenRouter's ZDR
routing does), so they never pass a strict rung. Pure logic: frames in, frames out.
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


def check_offerings(
    offerings: pd.DataFrame, policies: pd.DataFrame, setting: Setting, endpoints: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A copy of ``offerings`` (model_id, provider …) plus ``qualifies`` and ``why_not`` (text or None)."""
    by_provider = {r["provider"]: r for r in policies.to_dict("records")}
    facts = _endpoint_facts(endpoints)
    reasons = [
        why_not(
            o,
            by_provider.get(o["provider"]),
            setting,
            *facts.get((o["model_id"], o["provider"]), (False, set())),
        )
        for o in offerings[["model_id", "provider"]].to_dict("records")
    ]
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
        reach = models_reaching(check_offerings(offerings, policies, Setting(rung, region), endpoints))
        best[reach.loc[reach["qualifies"], "model_id"].tolist()] = rung
    return best
