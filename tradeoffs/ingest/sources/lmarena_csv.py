"""LMArena text leaderboard as CSV (``fboulnois/llm-leaderboard-csv``): the older publication that
still covers legacy models (Vicuna, Dolly, MPT, Falcon, Llama 2, GPT-3.5/4), with organisation and
licence for every row. Ids are LMArena display names (``Claude 3.5 Sonnet (20241022)``).
"""

from __future__ import annotations

import re
from pathlib import Path

from tradeoffs.ingest import github
from tradeoffs.ingest.staging import (
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    read_payload_csv,
)

NAME = "lmarena-csv"
FOLDER = "lmarena-csv"
NAMESPACE = "lmarena"
REPO = "fboulnois/llm-leaderboard-csv"
FILES = {"lmarena_text.csv": "csv/lmarena_text.csv"}
HOME = "https://github.com/fboulnois/llm-leaderboard-csv"
COLUMNS = {"model", "arena_score", "95_pct_ci", "organization", "license", "url"}
_CI = re.compile(r"^\+\s*([\d.]+)\s*/\s*-\s*([\d.]+)$")


def fetch(session, dest: Path) -> None:
    github.fetch_files(session, dest, REPO, FILES)


def parse(folder: Path) -> Staged:
    path = Path(folder) / "lmarena_text.csv"
    df = read_payload_csv(NAME, path, COLUMNS).rename(columns={"95_pct_ci": "ci"})
    as_of = payload_as_of(Path(folder), newest_date_in(df["model"]))
    models, scores = [], []
    for row in df.itertuples(index=False):
        name, license_raw = row.model.strip(), row.license.strip() or None
        models.append(
            {
                "source": NAMESPACE,
                "source_id": name,
                "defines": True,
                "name": name,
                "organization": row.organization.strip() or None,
                "license_raw": license_raw,
                "open_weights": None
                if not license_raw
                else license_raw.lower() not in {"proprietary", "propretary"},
                "url": row.url.strip() if row.url.strip().startswith("http") else None,
            }
        )
        score, ci = number(row.arena_score), _CI.match(row.ci.strip())
        if score is not None:
            scores.append(
                {
                    "source": NAMESPACE,
                    "source_id": name,
                    "benchmark": "arena_text",
                    "score": score,
                    "ci_low": score - float(ci.group(2)) if ci else None,
                    "ci_high": score + float(ci.group(1)) if ci else None,
                    "as_of": as_of,
                    "independent": True,
                }
            )
    return Staged(NAME, as_of, {"models": frame("models", models), "scores": frame("scores", scores)})
