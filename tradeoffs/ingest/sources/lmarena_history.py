"""LMArena overall Elo at every published leaderboard update, 2023-05 → 2025-02
(``nakasyou/lmarena-history``, derived from LMArena's published Elo result files).

Wide CSV: first column the update date (YYYYMMDD), one column per LMArena model key;
0.0 means "not on the leaderboard that day". Only score history comes from here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tradeoffs.ingest import github
from tradeoffs.ingest.staging import DataQualityError, Staged, frame, payload_as_of, to_date

NAME = "lmarena-history"
FOLDER = "lmarena-elo-history"
NAMESPACE = "lmarena"
REPO = "nakasyou/lmarena-history"
FILES = {"elo_history_overall.csv": "output/result.csv"}
HOME = "https://github.com/nakasyou/lmarena-history"


def fetch(session, dest: Path) -> None:
    github.fetch_files(session, dest, REPO, FILES)


def parse(folder: Path) -> Staged:
    path = Path(folder) / "elo_history_overall.csv"
    try:
        wide = pd.read_csv(path, dtype={0: str})
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise DataQualityError(f"lmarena-history: {path.name} is not a readable CSV ({exc})") from exc
    if wide.shape[1] < 2:
        raise DataQualityError("lmarena-history: no model columns")
    dates = wide.iloc[:, 0].map(lambda s: to_date(f"{str(s)[:4]}-{str(s)[4:6]}-{str(s)[6:8]}"))
    if dates.isna().any():
        raise DataQualityError("lmarena-history: first column is not a YYYYMMDD date")
    long = wide.iloc[:, 1:].set_axis(dates).stack().rename("score").reset_index()
    long.columns = ["as_of", "source_id", "score"]
    long = long[pd.to_numeric(long["score"], errors="coerce") > 0]  # 0.0 = not listed that day
    records = [
        {
            "source": NAMESPACE,
            "source_id": r.source_id.strip(),
            "benchmark": "arena_text",
            "as_of": r.as_of,
            "score": float(r.score),
        }
        for r in long.itertuples(index=False)
    ]
    as_of = payload_as_of(Path(folder), max(dates))
    models = [{"source": NAMESPACE, "source_id": c.strip(), "defines": False} for c in wide.columns[1:]]
    return Staged(
        NAME, as_of, {"models": frame("models", models), "score_history": frame("score_history", records)}
    )
