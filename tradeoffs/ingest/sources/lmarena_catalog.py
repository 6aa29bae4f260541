"""LMArena's own leaderboard export (``lmarena/arena-catalog``): the Arena text score per model.

We use the style-controlled overall ranking (``full`` in ``leaderboard-text-style-control.json``,
what lmarena.ai ranks by), with its 95 % interval, and the organisation/licence/name that
``scatterplot-data.json`` gives for about half of the models. Keys are LMArena's internal ids.
LMArena has no public API and forbids scraping its site: we read only these published files.
"""

from __future__ import annotations

import json
from pathlib import Path

from tradeoffs.ingest import github
from tradeoffs.ingest.staging import DataQualityError, Staged, frame, newest_date_in, number, payload_as_of

NAME = "lmarena-catalog"
FOLDER = "lmarena-arena-catalog"
NAMESPACE = "lmarena"
REPO = "lmarena/arena-catalog"
FILES = {
    "leaderboard-text-style-control.json": "data/leaderboard-text-style-control.json",
    "scatterplot-data.json": "data/scatterplot-data.json",
}
HOME = "https://github.com/lmarena/arena-catalog"


def fetch(session, dest: Path) -> None:
    github.fetch_files(session, dest, REPO, FILES)


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataQualityError(f"lmarena-catalog: {path.name} is not JSON ({exc})") from exc


def parse(folder: Path) -> Staged:
    folder = Path(folder)
    board = _read(folder / "leaderboard-text-style-control.json")
    full = board.get("full") if isinstance(board, dict) else None
    if not isinstance(full, dict) or not full:
        raise DataQualityError("lmarena-catalog: no 'full' category in the style-control leaderboard")
    extra = {}
    if (folder / "scatterplot-data.json").exists():
        extra = {
            r.get("model_api_name"): r for r in _read(folder / "scatterplot-data.json") if isinstance(r, dict)
        }
    as_of = payload_as_of(folder, newest_date_in(full))
    models, scores, history = [], [], []
    for key, rec in full.items():
        if not isinstance(rec, dict) or "rating" not in rec:
            raise DataQualityError(f"lmarena-catalog: entry {key!r} has no 'rating' (fields renamed?)")
        info = extra.get(key, {})
        license_raw = info.get("license")
        models.append(
            {
                "source": NAMESPACE,
                "source_id": key,
                "defines": True,
                "name": info.get("name"),
                "organization": info.get("organization"),
                "license_raw": license_raw,
                "open_weights": None
                if not license_raw
                else license_raw.strip().lower() not in {"proprietary", "propretary"},
                "url": info.get("model_source")
                if str(info.get("model_source", "")).startswith("http")
                else None,
            }
        )
        score = number(rec["rating"])
        scores.append(
            {
                "source": NAMESPACE,
                "source_id": key,
                "benchmark": "arena_text",
                "score": score,
                "ci_low": number(rec.get("rating_q025")),
                "ci_high": number(rec.get("rating_q975")),
                "as_of": as_of,
                "independent": True,
            }
        )
        history.append(
            {"source": NAMESPACE, "source_id": key, "benchmark": "arena_text", "as_of": as_of, "score": score}
        )
    return Staged(
        NAME,
        as_of,
        {
            "models": frame("models", models),
            "scores": frame("scores", scores),
            "score_history": frame("score_history", history),
        },
    )
