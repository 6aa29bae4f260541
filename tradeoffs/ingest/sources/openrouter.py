"""OpenRouter ``GET /api/v1/models``: the catalogue of models sold through OpenRouter, with prices.

Payload ``models-dev/openrouter-models.json`` (the recording lives in the models.dev snapshot).
Prices are strings in USD per *token* (×1e6 → per 1M); ``"-1"`` means variable (router models)
and ``:free`` variants cost 0 but are rate-limited tasters, so neither is a list price.
"""

from __future__ import annotations

import json
from pathlib import Path

from tradeoffs.ingest import http
from tradeoffs.ingest.params_text import active_params_b, total_params_b
from tradeoffs.ingest.staging import (
    DataQualityError,
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    to_date,
)

NAME = "openrouter"
FOLDER = "models-dev"
FILE = "openrouter-models.json"
NAMESPACE = "openrouter"
URL = "https://openrouter.ai/api/v1/models"
HOME = "https://openrouter.ai"
PSEUDO_VENDORS = {"openrouter", "switchpoint"}  # routers, not models


def fetch(session, dest: Path) -> None:
    http.fetch_file(session, dest, URL, FILE)


def _per_mtok(value) -> float | None:
    """USD per 1M tokens; ``-1`` (variable: router models) is no price; other negatives stay, to be
    rejected by validation."""
    price = number(value)
    return None if price is None or price == -1 else price * 1e6


def parse(folder: Path) -> Staged:
    path = Path(folder) / FILE
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        data = payload["data"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataQualityError(f"openrouter: {path} is not an OpenRouter models payload ({exc})") from exc
    models, offerings = [], []
    for rec in data:
        if not isinstance(rec, dict) or "id" not in rec or "pricing" not in rec:
            raise DataQualityError(
                f"openrouter: a model entry lacks id/pricing (fields renamed?): {str(rec)[:80]}"
            )
        source_id = rec["id"]
        vendor = source_id.lstrip("~").split("/", 1)[0]
        free = source_id.endswith(":free")
        params = set(rec.get("supported_parameters") or [])
        arch = rec.get("architecture") or {}
        hf = rec.get("hugging_face_id") or None
        models.append(
            {
                "source": NAMESPACE,
                "source_id": source_id,
                "alt_source": "huggingface" if hf else None,
                "alt_id": hf,
                "defines": not free
                and vendor not in PSEUDO_VENDORS
                and not source_id.startswith("~")
                and set(arch.get("output_modalities") or ["text"]) == {"text"},
                "name": str(rec.get("name", "")).split(": ", 1)[-1] or None,
                "organization": vendor,
                "release_date": to_date(rec.get("created")),
                "open_weights": True if hf else None,
                "context_tokens": number(rec.get("context_length")),
                "max_output_tokens": number((rec.get("top_provider") or {}).get("max_completion_tokens")),
                "modalities": ",".join(arch.get("input_modalities") or []) or None,
                "tool_calling": "tools" in params,
                "structured_output": "structured_outputs" in params or "response_format" in params,
                "reasoning": "reasoning" in params,
                "deprecated": bool(rec.get("expiration_date")),
                "deprecation_date": to_date(rec.get("expiration_date")),
                "hf_repo": hf,
                "params_total_b": total_params_b(rec.get("description") or ""),
                "params_active_b": active_params_b(rec.get("description") or ""),
                "url": f"https://openrouter.ai/{rec.get('canonical_slug') or source_id}",
            }
        )
        pricing = rec["pricing"] or {}
        prompt, completion = _per_mtok(pricing.get("prompt")), _per_mtok(pricing.get("completion"))
        if free or prompt is None or completion is None or (prompt == 0 and completion == 0):
            continue
        offerings.append(
            {
                "source": NAMESPACE,
                "source_id": source_id,
                "provider": "openrouter",
                "input_usd_per_mtok": prompt,
                "output_usd_per_mtok": completion,
                "cached_input_usd_per_mtok": _per_mtok(pricing.get("input_cache_read")),
                "context_tokens": number(rec.get("context_length")),
                "deprecated": bool(rec.get("expiration_date")),
            }
        )
    as_of = payload_as_of(Path(folder), newest_date_in(str(to_date(r.get("created"))) for r in data))
    for row in offerings:
        row["as_of"] = as_of
    return Staged(
        NAME, as_of, {"models": frame("models", models), "offerings": frame("offerings", offerings)}
    )
