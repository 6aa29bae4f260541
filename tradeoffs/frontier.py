"""The Pareto frontier of quality against cost: models no other model beats on both."""

from __future__ import annotations

import pandas as pd


def pareto_frontier(points: pd.DataFrame, cost: str, quality: str) -> pd.DataFrame:
    """Rows with a known cost and quality that no other row dominates (cheaper-or-equal and
    better-or-equal, strictly better on one), cheapest first. Ties on both keep every tied row."""
    # Sorted on the two columns alone: sorting (and copying) every column of a wide frame cost more.
    ordered = (
        points[[cost, quality]]
        .dropna()
        .sort_values([cost, quality], ascending=[True, False], kind="mergesort")
    )
    best = float("-inf")
    keep = []
    last_cost = last_quality = None
    for idx, c, q in zip(ordered.index, ordered[cost], ordered[quality], strict=True):
        if q > best:
            keep.append(idx)
            best, last_cost, last_quality = q, c, q
        elif q == last_quality and c == last_cost:
            keep.append(idx)  # an exact tie with a frontier point is not dominated either
    return points.loc[keep]
