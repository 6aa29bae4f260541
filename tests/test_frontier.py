"""Pareto frontier: hand-checked cases and the defining property on random clouds."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from tradeoffs.frontier import pareto_frontier


def test_hand_checked_frontier():
    pts = pd.DataFrame({"cost": [1, 2, 3, 4, 2.5], "score": [10, 20, 15, 30, 20]}, index=list("abcde"))
    # a (cheapest), b (better than a), d (best); c is beaten by b (cheaper and better); e ties b on score
    # but costs more, so b dominates it.
    assert list(pareto_frontier(pts, "cost", "score").index) == ["a", "b", "d"]


def test_missing_values_are_not_on_the_frontier():
    pts = pd.DataFrame({"cost": [1, None, 3], "score": [10, 99, None]}, index=list("abc"))
    assert list(pareto_frontier(pts, "cost", "score").index) == ["a"]


def _dominates(p, q):
    return p.cost <= q.cost and p.score >= q.score and (p.cost < q.cost or p.score > q.score)


@given(st.lists(st.tuples(st.integers(1, 50), st.integers(0, 50)), min_size=1, max_size=40))
def test_frontier_is_exactly_the_undominated_points(pairs):
    pts = pd.DataFrame(pairs, columns=["cost", "score"])
    front = set(pareto_frontier(pts, "cost", "score").index)
    rows = list(pts.itertuples())
    for p in rows:
        dominated = any(_dominates(q, p) for q in rows)
        assert (p.Index in front) == (not dominated)
