"""OpenRouter per-model endpoints and the provider list (HQ, datacenters, policy URLs).

Payload ``openrouter-endpoints/openrouter-poll-<time>.json``: one poll recorded by
``dthinkr/openrouter-uptime`` (``{generated, models, providers, endpoints}``). The nightly fetches
the same shape live, keyless:
``/api/v1/providers`` once and ``/api/v1/models/{id}/endpoints`` for the models the app prices.
An endpoint is identified by (model id, ``tag``); the tag's first part is the provider slug and a
region suffix (``amazon-bedrock/eu-west-1``, ``google-vertex/europe``, ``azure/eu``) is the only
place a processing region appears. Prices are USD per token (strings); uptime is a percentage.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import DataQualityError, number

NAME = "openrouter-endpoints"
FOLDER = "openrouter-endpoints"
FILE_GLOB = "openrouter-poll-*.json"
LIVE_FILE = "openrouter-poll-live.json"
PROVIDERS_URL = "https://openrouter.ai/api/v1/providers"
ENDPOINTS_URL = "https://openrouter.ai/api/v1/models/{model}/endpoints"
MAX_MODELS = 400  # one call per model: a bound on the nightly's requests
ENDPOINT_COLUMNS = [
    "model",
    "tag",
    "provider_slug",
    "region",
    "quantization",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "context_tokens",
    "status",
    "uptime_pct_30m",
    "uptime_pct_1d",
    "zero_data_retention",
    "as_of",
]
PROVIDER_COLUMNS = [
    "slug",
    "name",
    "headquarters",
    "datacenter_countries",
    "privacy_policy_url",
    "terms_url",
    "as_of",
]
# Tag suffixes naming a processing region → region code used by the privacy ladder.
REGION_PATTERNS = ((re.compile(r"^(eu|europe)([-_/].*)?$"), "EU"), (re.compile(r"^us([-_/].*)?$"), "US"))


def fetch(session, dest: Path, models: list[str]) -> None:
    """The provider list and the endpoints of ``models`` (OpenRouter ids), written as one poll file."""
    providers = http.get_json(session, PROVIDERS_URL)
    endpoints = {}
    for model in sorted(set(models))[:MAX_MODELS]:
        endpoints[model] = http.get_json(session, ENDPOINTS_URL.format(model=model))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    body = json.dumps({"generated": now, "providers": providers, "endpoints": endpoints}, indent=1)
    http.write_payload(dest, LIVE_FILE, body.encode())
    http.write_fetch_meta(dest, PROVIDERS_URL)


def region_of(tag: str) -> str | None:
    """The processing region a routing tag names (``azure/eu`` → EU), or None when it names none."""
    for part in str(tag).split("/")[1:]:
        for pattern, region in REGION_PATTERNS:
            if pattern.match(part.lower()):
                return region
    return None


def _per_mtok(value) -> float | None:
    price = number(value)
    return None if price is None or price < 0 else round(price * 1e6, 6)


def _endpoint_row(model: str, ep: dict, as_of: str) -> dict:
    tag = str(ep.get("tag") or "")
    if not tag:
        raise DataQualityError(f"openrouter-endpoints: an endpoint of {model} has no tag (renamed?)")
    pricing = ep.get("pricing") or {}
    quant = ep.get("quantization")
    return {
        "model": model,
        "tag": tag,
        "provider_slug": tag.split("/", 1)[0],
        "region": region_of(tag),
        "quantization": None if quant in (None, "", "unknown") else str(quant).lower(),
        "input_usd_per_mtok": _per_mtok(pricing.get("prompt")),
        "output_usd_per_mtok": _per_mtok(pricing.get("completion")),
        "context_tokens": number(ep.get("context_length")),
        "status": number(ep.get("status")),
        "uptime_pct_30m": number(ep.get("uptime_last_30m")),
        "uptime_pct_1d": number(ep.get("uptime_last_1d")),
        "zero_data_retention": True if tag.split("/")[-1] == "zdr" else None,
        "as_of": as_of,
    }


def _provider_row(rec: dict, as_of: str) -> dict:
    return {
        "slug": rec["slug"],
        "name": rec.get("name"),
        "headquarters": rec.get("headquarters") or None,
        "datacenter_countries": ",".join(sorted(rec.get("datacenters") or [])) or None,
        "privacy_policy_url": rec.get("privacy_policy_url") or None,
        "terms_url": rec.get("terms_of_service_url") or None,
        "as_of": as_of,
    }


def _poll_file(folder: Path) -> Path:
    files = sorted(Path(folder).glob(FILE_GLOB))
    if not files:
        raise DataQualityError(f"openrouter-endpoints: no {FILE_GLOB} in {folder}")
    return files[-1]  # the newest poll (ISO times sort), the live file sorting last


def parse(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(endpoints: one row per model × tag, providers: one row per slug) from the newest poll file."""
    path = _poll_file(folder)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        as_of = str(payload["generated"])[:10]
        providers = payload["providers"]["data"]
        responses = payload["endpoints"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataQualityError(f"openrouter-endpoints: {path} is not a poll payload ({exc})") from exc
    endpoints = [
        _endpoint_row(model, ep, as_of)
        for model, resp in sorted(responses.items())
        for ep in ((resp or {}).get("data") or {}).get("endpoints") or []
    ]
    prov = [_provider_row(p, as_of) for p in providers if isinstance(p, dict) and p.get("slug")]
    return (
        pd.DataFrame(endpoints, columns=ENDPOINT_COLUMNS).sort_values(["model", "tag"], ignore_index=True),
        pd.DataFrame(prov, columns=PROVIDER_COLUMNS).sort_values("slug", ignore_index=True),
    )
