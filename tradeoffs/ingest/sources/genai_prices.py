"""pydantic genai-prices v2: hand-checked API list prices (USD per 1M tokens) with price history.

``prices`` is one object, or a list of ``{constraint, prices}``: ``start_date`` constraints are
price changes (→ price history; the newest is the list price), ``start_time``/``end_time`` are
off-peak windows (the list price is the standard, higher one). A price may be tiered by prompt
length (``{"base": …, "tiers": […]}``); we keep the base tier. Ids: ``<provider>::<model>``.
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

NAME = "genai-prices"
FOLDER = "genai-prices"
FILE = "data_v2.json"
NAMESPACE = "genai-prices"
URL = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json"
HOME = "https://github.com/pydantic/genai-prices"


def fetch(session, dest: Path) -> None:
    http.fetch_file(session, dest, URL, FILE)


def _price(value) -> float | None:
    return number(value.get("base")) if isinstance(value, dict) else number(value)


def _schedule(prices) -> list[tuple[object, dict]]:
    """(start date or None, prices) pairs, oldest first; off-peak windows folded into the standard."""
    if isinstance(prices, dict):
        return [(None, prices)]
    dated, standard = [], None
    for entry in prices:
        constraint = entry.get("constraint") or {}
        if "start_time" in constraint:  # a time-of-day window: keep the higher, standard price
            if standard is None or (_price(entry["prices"].get("input_mtok")) or 0) > (
                _price(standard.get("input_mtok")) or 0
            ):
                standard = entry["prices"]
            continue
        dated.append((to_date(constraint.get("start_date")), entry["prices"]))
    if standard is not None:  # the unconstrained entry was the off-peak price
        dated = [(start, p) for start, p in dated if start is not None] + [(None, standard)]
    return sorted(dated, key=lambda pair: (pair[0] is not None, pair[0] or 0))


def parse(folder: Path) -> Staged:
    path = Path(folder) / FILE
    try:
        providers = json.loads(path.read_text(encoding="utf-8"))
        catalogue = [(p["id"], m) for p in providers for m in p["models"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataQualityError(f"genai-prices: {path} is not a genai-prices v2 feed ({exc})") from exc
    # No date of its own: a replay takes the newest date in its ids and match rules (price
    # schedules can hold announced future dates, so those are not evidence of the payload's age).
    as_of = payload_as_of(
        Path(folder), newest_date_in(json.dumps([m["id"], m.get("match")]) for _, m in catalogue)
    )
    models, offerings, history = [], [], []
    for provider, rec in catalogue:
        if "prices" not in rec or "id" not in rec:
            raise DataQualityError(f"genai-prices: model entry without id/prices under {provider}")
        source_id = f"{provider}::{rec['id']}"
        models.append(
            {
                "source": NAMESPACE,
                "source_id": source_id,
                "defines": False,
                "name": rec.get("name"),
                "context_tokens": number(rec.get("context_window")),
                "deprecated": bool(rec.get("deprecated")),
            }
        )
        schedule = [
            (start, p)
            for start, p in _schedule(rec["prices"])
            if start is None or as_of is None or start <= as_of
        ]
        for start, prices in schedule:
            inp, out = _price(prices.get("input_mtok")), _price(prices.get("output_mtok"))
            if start is not None and inp is not None and out is not None:
                history.append(
                    {
                        "source": NAMESPACE,
                        "source_id": source_id,
                        "provider": provider,
                        "as_of": start,
                        "input_usd_per_mtok": inp,
                        "output_usd_per_mtok": out,
                    }
                )
        current = schedule[-1][1]
        inp, out = _price(current.get("input_mtok")), _price(current.get("output_mtok"))
        if inp is None or out is None:
            continue  # image/embedding models priced per call, not per token
        offerings.append(
            {
                "source": NAMESPACE,
                "source_id": source_id,
                "provider": provider,
                "input_usd_per_mtok": inp,
                "output_usd_per_mtok": out,
                "cached_input_usd_per_mtok": _price(current.get("cache_read_mtok")),
                "context_tokens": number(rec.get("context_window")),
                "deprecated": bool(rec.get("deprecated")),
                "as_of": as_of,
            }
        )
    return Staged(
        NAME,
        as_of,
        {
            "models": frame("models", models),
            "offerings": frame("offerings", offerings),
            "price_history": frame("price_history", history),
        },
    )
