"""OpenRouter's per-provider data policies (trains on prompts, retains prompts, retention days).

Payload ``provider-data-policies/openrouter-all-providers-2026-07-15T144808Z.json``: the last poll of
the undocumented ``/api/frontend/all-providers`` that carried ``dataPolicy``, recorded by
``dthinkr/openrouter-uptime``. The field was retired upstream on 2026-07-17, so there is no live
URL: the source is STATIC (the nightly keeps the recorded rows; the curated file maintains them).
Values are OpenRouter's statements, provider-level defaults, not the providers' contracts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tradeoffs.ingest.staging import DataQualityError

NAME = "provider-policies"
FOLDER = "provider-data-policies"
FILE = "openrouter-all-providers-2026-07-15T144808Z.json"
STATIC = True  # retired upstream: nothing to fetch
URL = "https://openrouter.ai/api/frontend/all-providers"  # retired 2026-07-17
COLUMNS = [
    "slug",
    "name",
    "trains_on_prompts",
    "retains_prompts",
    "retention_days",
    "requires_user_ids",
    "headquarters",
    "datacenter_countries",
    "privacy_policy_url",
    "terms_url",
    "as_of",
]


def _flag(value) -> bool | None:
    """A stated boolean, else None (unknown): a missing key is never read as False."""
    return value if isinstance(value, bool) else None


def _row(rec: dict, as_of: str) -> dict:
    policy = rec.get("dataPolicy")
    if not isinstance(policy, dict):
        raise DataQualityError(f"provider-policies: {rec.get('slug')} has no dataPolicy (field renamed?)")
    days = policy.get("retentionDays")
    return {
        "slug": rec["slug"],
        "name": rec.get("displayName") or rec.get("name"),
        "trains_on_prompts": _flag(policy.get("training")),
        "retains_prompts": _flag(policy.get("retainsPrompts")),
        "retention_days": int(days) if isinstance(days, int | float) and not isinstance(days, bool) else None,
        "requires_user_ids": _flag(policy.get("requiresUserIDs")),
        "headquarters": rec.get("headquarters") or None,
        "datacenter_countries": ",".join(sorted(rec.get("datacenters") or [])) or None,
        "privacy_policy_url": policy.get("privacyPolicyURL") or None,
        "terms_url": policy.get("termsOfServiceURL") or None,
        "as_of": as_of,
    }


def parse(folder: Path) -> pd.DataFrame:
    """One row per provider slug with its stated policy; unknown values are empty."""
    path = Path(folder) / FILE
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        data = payload["providers"]["data"]
        as_of = str(payload["generated"])[:10]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataQualityError(f"provider-policies: {path} is not an all-providers payload ({exc})") from exc
    rows = [_row(rec, as_of) for rec in data if isinstance(rec, dict) and rec.get("slug")]
    if not rows:
        raise DataQualityError(f"provider-policies: {path} lists no providers")
    # object columns keep True/False/None as Python values (a bool column would hide "unknown")
    return pd.DataFrame(rows, columns=COLUMNS, dtype=object).sort_values("slug", ignore_index=True)
