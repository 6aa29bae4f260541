"""A daily join of the newest LMArena text leaderboard with OpenRouter prices
(``AmigaMeow/llm-leaderboard-data``): the freshest Arena scores available, for the newest models.

Ids are OpenRouter's (``vendor/slug``); the file says which LMArena publication it carries.
Third-party matching: the build keeps LMArena's own files for provenance and uses this one where
it is newer. Entries without a score still give a licence/open-weights flag and a price.
"""

from __future__ import annotations

import json
from pathlib import Path

from tradeoffs.ingest import http
from tradeoffs.ingest.github import raw_url
from tradeoffs.ingest.staging import DataQualityError, Staged, frame, number, payload_as_of, to_date

NAME = "arena-daily"
FOLDER = "arena-openrouter-daily"
NAMESPACE = "openrouter"
REPO = "AmigaMeow/llm-leaderboard-data"
HOME = "https://github.com/AmigaMeow/llm-leaderboard-data"
FIELDS = {"id", "arena_score", "license", "open_weights", "price_in", "price_out"}


def fetch(session, dest: Path) -> None:
    """Save ``data/latest.json`` under its own date, as the repository's history does."""
    url = raw_url(REPO, "data/latest.json")
    payload = http.get_json(session, url)
    day = str(payload.get("date", ""))[:10] if isinstance(payload, dict) else ""
    if not to_date(day):
        raise DataQualityError(f"arena-daily: {url} has no 'date'")
    http.write_payload(dest, f"{day}.json", json.dumps(payload).encode())
    http.write_fetch_meta(dest, url, as_of=day)


def _newest(folder: Path) -> Path:
    files = sorted(p for p in folder.glob("*.json") if to_date(p.stem))
    if not files:
        raise DataQualityError(f"arena-daily: no dated <YYYY-MM-DD>.json file in {folder}")
    return files[-1]


def parse(folder: Path) -> Staged:
    path = _newest(Path(folder))
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        entries = payload["models"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataQualityError(f"arena-daily: {path.name} is not a leaderboard file ({exc})") from exc
    if entries and not set(entries[0]) >= FIELDS:
        raise DataQualityError(f"arena-daily: fields missing (renamed?): {sorted(FIELDS - set(entries[0]))}")
    as_of = payload_as_of(Path(folder), to_date(payload.get("date")))
    arena_day = to_date(((payload.get("sources") or {}).get("lmarena") or {}).get("publish_date")) or as_of
    models, offerings, scores, history = [], [], [], []
    for rec in entries:
        sid = rec["id"]
        models.append(
            {
                "source": NAMESPACE,
                "source_id": sid,
                "alt_source": "lmarena",
                "alt_id": rec.get("display_name"),
                "defines": True,
                "name": rec.get("display_name"),
                "organization": rec.get("org"),
                "license_raw": rec.get("license"),
                "open_weights": rec.get("open_weights"),
                "context_tokens": number(rec.get("context_length")),
                "release_date": to_date(rec.get("listed_at_iso")),
            }
        )
        score = number(rec.get("arena_score"))
        if score is not None:
            scores.append(
                {
                    "source": NAMESPACE,
                    "source_id": sid,
                    "benchmark": "arena_text",
                    "score": score,
                    "ci_low": number(rec.get("arena_ci_low")),
                    "ci_high": number(rec.get("arena_ci_high")),
                    "as_of": arena_day,
                    "independent": True,
                }
            )
            history.append(
                {
                    "source": NAMESPACE,
                    "source_id": sid,
                    "benchmark": "arena_text",
                    "as_of": arena_day,
                    "score": score,
                }
            )
        price_in, price_out = number(rec.get("price_in")), number(rec.get("price_out"))
        if price_in is not None and price_out is not None and (price_in > 0 or price_out > 0):
            offerings.append(
                {
                    "source": NAMESPACE,
                    "source_id": sid,
                    "provider": "openrouter",
                    "input_usd_per_mtok": price_in,
                    "output_usd_per_mtok": price_out,
                    "context_tokens": number(rec.get("context_length")),
                    "deprecated": False,
                    "as_of": as_of,
                }
            )
    return Staged(
        NAME,
        as_of,
        {
            "models": frame("models", models),
            "offerings": frame("offerings", offerings),
            "scores": frame("scores", scores),
            "score_history": frame("score_history", history),
        },
    )
