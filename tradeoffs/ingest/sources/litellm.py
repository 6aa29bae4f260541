"""LiteLLM ``model_prices_and_context_window.json``: prices, limits, deprecations for ~4,500 ids.

Costs are USD per *token* (×1e6 → per 1M). A cost of 0 is a self-hosted placeholder
(``ollama/…``, ``sagemaker/…``), i.e. unknown, not free. ``ft:<model>`` keys mean the vendor sells
fine-tuning of ``<model>``. The payload carries no date of its own: a live fetch records one,
a replay takes the newest date written in its ids.
"""

from __future__ import annotations

import json
from pathlib import Path

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import (
    DataQualityError,
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    to_date,
)

NAME = "litellm"
FOLDER = "litellm"
FILE = "model_prices_and_context_window.json"
NAMESPACE = "litellm"
URL = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"
HOME = "https://github.com/BerriAI/litellm"
TEXT_MODES = {"chat", "completion", "responses"}


def fetch(session, dest: Path) -> None:
    http.fetch_file(session, dest, URL, FILE)


def _load(path: Path) -> dict:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataQualityError(f"litellm: {path} is not JSON ({exc})") from exc
    if not isinstance(payload, dict) or len(payload) < 2:
        raise DataQualityError(f"litellm: {path} holds no model entries")
    return payload


def parse(folder: Path) -> Staged:
    payload = _load(Path(folder) / FILE)
    entries = {k: v for k, v in payload.items() if k != "sample_spec" and isinstance(v, dict)}
    if entries and not any("input_cost_per_token" in v for v in entries.values()):
        raise DataQualityError("litellm: no entry has input_cost_per_token (fields renamed?)")
    fine_tunable = {k[3:] for k in entries if k.startswith("ft:")}
    as_of = payload_as_of(Path(folder), newest_date_in(entries))
    models, offerings = [], []
    for key, rec in entries.items():
        if key.startswith("ft:") or rec.get("mode") not in TEXT_MODES:
            continue
        provider = rec.get("litellm_provider")
        deprecation = to_date(rec.get("deprecation_date"))
        models.append(
            {
                "source": NAMESPACE,
                "source_id": key,
                "defines": False,
                "context_tokens": number(rec.get("max_input_tokens") or rec.get("max_tokens")),
                "max_output_tokens": number(rec.get("max_output_tokens")),
                "modalities": "text,image" if rec.get("supports_vision") else "text",
                "tool_calling": bool(rec.get("supports_function_calling")),
                "structured_output": bool(rec.get("supports_response_schema")),
                "reasoning": bool(rec.get("supports_reasoning")),
                "vendor_fine_tuning": True if key in fine_tunable else None,
                "deprecated": deprecation is not None and as_of is not None and deprecation <= as_of,
                "deprecation_date": deprecation,
                "url": rec.get("source"),
            }
        )
        inp, out = number(rec.get("input_cost_per_token")), number(rec.get("output_cost_per_token"))
        if (
            not provider
            or inp is None
            or out is None
            or (inp == 0 and out == 0 and not key.endswith(":free"))
        ):
            continue
        cached = number(rec.get("cache_read_input_token_cost"))
        offerings.append(
            {
                "source": NAMESPACE,
                "source_id": key,
                "provider": provider,
                "input_usd_per_mtok": inp * 1e6,
                "output_usd_per_mtok": out * 1e6,
                "cached_input_usd_per_mtok": None if cached is None else cached * 1e6,
                "context_tokens": number(rec.get("max_input_tokens") or rec.get("max_tokens")),
                "deprecated": deprecation is not None and as_of is not None and deprecation <= as_of,
                "as_of": as_of,
            }
        )
    return Staged(
        NAME, as_of, {"models": frame("models", models), "offerings": frame("offerings", offerings)}
    )
