"""The leaderboard's own history: best open vs best closed on each recorded board (e.g. LMArena's).

A board is one source's scores on one date (``score_history``). Scores on one board are comparable with
each other; across boards they drift (ratings are re-fitted as votes come in) and across sources they
are on different scales, so one source is used and no lag in months is read off it.
"""

from __future__ import annotations

import pandas as pd

MIN_BOARDS = 10  # fewer recorded boards than this is not a history worth a chart
BOARD_COLUMNS = ["release_date", "access", "best_score", "name"]  # as charts.build_open_closed_chart reads


def history_source(score_history: pd.DataFrame, benchmark: str) -> str | None:
    """The source with the most recorded boards on ``benchmark`` (None: fewer than MIN_BOARDS)."""
    rows = score_history[score_history["benchmark"] == benchmark]
    boards = rows.groupby("source")["as_of"].nunique()
    if boards.empty or boards.max() < MIN_BOARDS:
        return None
    return str(boards.sort_index().idxmax())


def board_leaders(
    score_history: pd.DataFrame, catalog: pd.DataFrame, benchmark: str, source: str
) -> pd.DataFrame:
    """Per board date and kind of weights (open, closed), the best score on that board and its model:
    columns BOARD_COLUMNS (the date under ``release_date``, so that the record chart draws it)."""
    rows = score_history[(score_history["benchmark"] == benchmark) & (score_history["source"] == source)]
    rows = rows[rows["model_id"].isin(catalog.index)]
    access = catalog["access"].reindex(rows["model_id"]).to_numpy()
    rows = rows.assign(access=access)[lambda d: d["access"].isin(["Open weights", "Closed"])]
    top = rows.sort_values("score", ascending=False).drop_duplicates(["as_of", "access"])
    top = top.assign(name=catalog["name"].reindex(top["model_id"]).to_numpy())
    out = top.rename(columns={"as_of": "release_date", "score": "best_score"})[BOARD_COLUMNS]
    return out.assign(release_date=pd.to_datetime(out["release_date"])).sort_values(
        ["release_date", "access"]
    )


def board_gap_points(leaders: pd.DataFrame) -> pd.Series:
    """Best closed minus best open on each board where both have a model, by board date."""
    wide = leaders.pivot(index="release_date", columns="access", values="best_score")
    if not {"Open weights", "Closed"} <= set(wide.columns):
        return pd.Series(dtype=float)
    return (wide["Closed"] - wide["Open weights"]).dropna()
