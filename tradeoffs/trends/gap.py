"""The open–closed gap over time, in points and in months.

Frontiers. For a kind of weights k (open or closed), the frontier F_k(t) is the best score on the
benchmark among models of kind k released on or before day t (release date × the model's score in
the catalog); undefined before the first such model.

Gap in points. points(t) = F_closed(t) − F_open(t) (positive: open trails).

Gap in months (the time lag). With s = F_open(t), let T_closed(s) be the first day the closed frontier
reached s (the first day with F_closed ≥ s). Then

    gap_months(t) = (t − T_closed(F_open(t))) in months of 365.25 / 12 days,

"the best open model at t scores what the best closed model already scored that many months earlier".
When the closed frontier has not reached F_open(t) by t (open at or ahead), the lag is 0. At the day an
open record is set, it is how long after the closed frontier first reached that score an open model did;
between open records it grows day by day, as open models fall further behind.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DAYS_PER_MONTH = 365.25 / 12
OPEN, CLOSED = "Open weights", "Closed"
GAP_COLUMNS = ["date", "open_best", "closed_best", "gap_points", "gap_months"]


def frontier(records: pd.DataFrame, access: str) -> pd.Series:
    """The best score to date of ``access`` models, indexed by the days it rose (sorted).

    ``records`` columns: release_date, access, best_score (e.g. insights.record_progression, or any
    rows of release_date, access, best_score: the running maximum is taken here)."""
    rows = records[records["access"] == access].dropna(subset=["release_date", "best_score"])
    rows = rows.sort_values("release_date")
    best = rows.groupby("release_date")["best_score"].max().cummax()
    return best[best.diff().fillna(np.inf) > 0].astype(float)


def value_at(steps: pd.Series, days: pd.DatetimeIndex) -> np.ndarray:
    """The step function ``steps`` (value from its day on) at each of ``days``; NaN before its first day."""
    if steps.empty:
        return np.full(len(days), np.nan)
    pos = steps.index.searchsorted(days, side="right") - 1
    return np.where(pos >= 0, steps.to_numpy()[np.clip(pos, 0, None)], np.nan)


def first_reached(steps: pd.Series, scores: np.ndarray) -> np.ndarray:
    """For each score, the first day ``steps`` reached it (NaT where it never did)."""
    running = steps.to_numpy()
    pos = np.searchsorted(running, scores, side="left")  # running is increasing: first index ≥ score
    days = steps.index.to_numpy()
    out = np.full(len(scores), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = (pos < len(running)) & ~np.isnan(scores)
    out[ok] = days[pos[ok]]
    return out


def gap_series(records: pd.DataFrame, days: pd.DatetimeIndex) -> pd.DataFrame:
    """The gap on each of ``days`` (see the module docstring): columns GAP_COLUMNS; NaN where a side has
    no model yet."""
    open_steps, closed_steps = frontier(records, OPEN), frontier(records, CLOSED)
    open_best, closed_best = value_at(open_steps, days), value_at(closed_steps, days)
    reached = pd.DatetimeIndex(first_reached(closed_steps, open_best))
    lag_days = (days - reached).days.to_numpy(dtype=float)  # NaN where closed never reached it
    lag = np.where(np.isnan(lag_days) | (lag_days < 0), 0.0, lag_days) / DAYS_PER_MONTH
    both = ~np.isnan(open_best) & ~np.isnan(closed_best)
    return pd.DataFrame(
        {
            "date": days,
            "open_best": open_best,
            "closed_best": closed_best,
            "gap_points": np.where(both, closed_best - open_best, np.nan),
            "gap_months": np.where(both, lag, np.nan),
        }
    )


def monthly_days(records: pd.DataFrame, until: pd.Timestamp) -> pd.DatetimeIndex:
    """Month ends from the first month both sides have a model, through ``until`` (which closes the grid)."""
    starts = [frontier(records, k).index.min() for k in (OPEN, CLOSED)]
    if any(pd.isna(s) for s in starts) or max(starts) > until:
        return pd.DatetimeIndex([])
    ends = pd.date_range(max(starts), until, freq="ME")
    return ends.append(pd.DatetimeIndex([until])).unique()


@dataclass(frozen=True)
class GapNow:
    """The gap on one day: points (closed − open) and months (the lag), with the models behind them."""

    date: pd.Timestamp
    points: float
    months: float
    open_score: float
    closed_score: float


def gap_on(records: pd.DataFrame, day: pd.Timestamp) -> GapNow | None:
    """The gap on ``day`` (None when a side has no model by then)."""
    row = gap_series(records, pd.DatetimeIndex([day])).iloc[0]
    if pd.isna(row["gap_points"]):
        return None
    return GapNow(
        day, float(row["gap_points"]), float(row["gap_months"]), row["open_best"], row["closed_best"]
    )


def year_ends(records: pd.DataFrame, today: pd.Timestamp) -> list[GapNow]:
    """The gap on 31 December of every year both sides have a model, before ``today``, then on ``today``."""
    days = [pd.Timestamp(year=y, month=12, day=31) for y in range(2000, today.year)]
    gaps = [gap_on(records, day) for day in [*days, today]]
    return [g for g in gaps if g is not None]
