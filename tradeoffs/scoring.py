"""Weighted ranking over the factor scores, its sensitivity to the weights, and what would flip #1.

  total_i = Σ_f w_f · s_if / Σ_f w_f     w = the scorecard's points (0–10), s = factor scores in [0, 1]
                                           (unknown → 0.5 "neutral" or 0 "penalised", as set)
Ties are broken by model id, so a ranking is reproducible. All points 0 counts as all equal.

Sensitivity: each of ``draws`` draws multiplies every weight by its own factor drawn uniformly
from [1 − spread, 1 + spread] and, in the same draw, counts every unknown factor as one value drawn
uniformly between penalised (0) and neutral (0.5) (seeded numpy generator); it re-ranks and counts
how often each model is in the top 3 and first. So a #1 that leads only because of how unknowns are
counted does not look stable. Flip: among all single-factor changes to whole points (0–100, so that
"it would take 25 points, the sliders stop at 10" can be said too), the smallest after which
today's #2 is strictly ahead of every other model (not by a tie-break), checked again one at a time.
All vectorised: one matrix product ranks every candidate under every draw.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from tradeoffs.factors import FACTOR_KEYS, factor_scores
from tradeoffs.privacy_factors import PrivacyFacts
from tradeoffs.reasons import factor_facts, reason_lines
from tradeoffs.scorecard import MAX_POINTS, MISSING, Scorecard

SENSITIVITY_DRAWS = 500
SENSITIVITY_SPREAD = 0.25
SENSITIVITY_SEED = 7
TOP_N = 3
TIE_DECIMALS = 12
# What an unknown factor may count as in a stability draw: anything from penalised to neutral, the two
# settings the page offers. One value per draw, shared by every unknown cell: the treatment is one choice
# the room makes, not a separate guess per cell (which would average out and look more stable than it is).
UNKNOWN_RANGE = (MISSING["penalise"], MISSING["neutral"])
MAX_FLIP_POINTS = 10 * MAX_POINTS  # a flip needing more than this is reported as none


def filled(scores: pd.DataFrame, missing: str) -> np.ndarray:
    """Factor scores as an (N, F) array with unknowns replaced per the missing-data setting."""
    return scores[list(FACTOR_KEYS)].fillna(MISSING[missing]).to_numpy(dtype=float)


def normalised(points) -> np.ndarray:
    """Weights summing to 1 (per row for a 2-D array); all zero → equal weights."""
    w = np.asarray(points, dtype=float)
    w = np.where(w.sum(axis=-1, keepdims=True) > 0, w, 1.0)
    return w / w.sum(axis=-1, keepdims=True)


def totals(values: np.ndarray, points) -> np.ndarray:
    """Weighted totals in [0, 1]: (N,) for one weight vector, (N, D) for D of them (rows of ``points``).

    Rounded to 12 decimals so that float noise never decides a tie (ties go to the smaller model id)."""
    return np.round(values @ normalised(points).T, TIE_DECIMALS)


def _sorted(scores: pd.DataFrame) -> pd.DataFrame:
    """Candidates in model-id order: the tie-break every ranking here shares."""
    return scores if scores.index.is_monotonic_increasing else scores.sort_index()


def rank(scores: pd.DataFrame, card: Scorecard) -> pd.DataFrame:
    """The candidates best first: rank (1…), total (0–1), the factor scores (NaN = unknown) and
    ``unknown`` (tuple of the factors without data), indexed by model_id."""
    scores = _sorted(scores)
    total = totals(filled(scores, card.missing), card.points)
    order = np.argsort(-total, kind="stable")
    out = scores.iloc[order][list(FACTOR_KEYS)].copy()
    out.insert(0, "total", total[order])
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    unknown = scores.iloc[order][list(FACTOR_KEYS)].isna().to_numpy()
    out["unknown"] = [tuple(k for k, u in zip(FACTOR_KEYS, row, strict=True) if u) for row in unknown]
    return out


def _top_positions(total: np.ndarray, k: int) -> np.ndarray:
    """(k, D): the rows of the k best models in each column of ``total`` (N, D), best first. Repeated
    argmax (first max = smallest model id, as in rank) is much faster than sorting for a small k."""
    total = total.copy()
    columns = np.arange(total.shape[1])
    out = np.empty((k, total.shape[1]), dtype=int)
    for j in range(k):
        out[j] = np.argmax(total, axis=0)
        total[out[j], columns] = -np.inf
    return out


def _draw_totals(scores: pd.DataFrame, points: np.ndarray, unknown_value: np.ndarray) -> np.ndarray:
    """(N, D) totals: draw d weighs with row d of ``points`` and counts each unknown as unknown_value[d]."""
    values = scores[list(FACTOR_KEYS)].to_numpy(dtype=float)
    unknown = np.isnan(values)
    weights = normalised(points).T  # (F, D)
    known_part = np.where(unknown, 0.0, values) @ weights
    return np.round(known_part + (unknown.astype(float) @ weights) * unknown_value, TIE_DECIMALS)


def sensitivity(
    scores: pd.DataFrame,
    card: Scorecard,
    *,
    draws: int = SENSITIVITY_DRAWS,
    spread: float = SENSITIVITY_SPREAD,
    seed: int = SENSITIVITY_SEED,
    top: int = TOP_N,
    unknown_range: tuple[float, float] = UNKNOWN_RANGE,
) -> pd.DataFrame:
    """Per model (model_id index, best first): top_share (share of draws in the top ``top``) and
    first_share (share of draws ranked first) when the weights move by ±``spread`` and every unknown
    factor counts as a value drawn uniformly from ``unknown_range`` (one per draw; (v, v) fixes it at v).
    With the default range the result does not depend on ``card.missing``: it covers both settings."""
    scores = _sorted(scores)
    if scores.empty:
        return pd.DataFrame({"top_share": [], "first_share": []}, index=scores.index)
    rng = np.random.default_rng(seed)
    base = np.asarray(card.points, float) if any(card.points) else np.ones(len(FACTOR_KEYS))  # all 0 = equal
    points = base * rng.uniform(1 - spread, 1 + spread, size=(draws, len(FACTOR_KEYS)))
    unknown_value = rng.uniform(*unknown_range, size=draws)
    ranks = _top_positions(_draw_totals(scores, points, unknown_value), min(top, len(scores)))
    n = len(scores)
    out = pd.DataFrame(
        {
            "top_share": np.bincount(ranks.ravel(), minlength=n) / draws,
            "first_share": np.bincount(ranks[0], minlength=n) / draws,
        },
        index=scores.index,
    )
    return out.sort_values(["top_share", "first_share"], ascending=False, kind="stable")


def other_missing(missing: str) -> str:
    """The other missing-data setting ("neutral" ↔ "penalise")."""
    return next(k for k in MISSING if k != missing)


@dataclass(frozen=True)
class Flip:
    """Moving ``factor`` from ``from_points`` to ``to_points`` puts ``challenger`` (today #2) first."""

    factor: str
    from_points: int
    to_points: int
    leader: str
    challenger: str

    @property
    def change(self) -> int:
        return self.to_points - self.from_points

    @property
    def on_sliders(self) -> bool:
        """False when the change needs more points than a slider has (the winner is far from flipping)."""
        return self.to_points <= MAX_POINTS


def clear_leader(scores: pd.DataFrame, points, missing: str) -> str | None:
    """The model strictly ahead of all others with these points (any non-negative numbers, not only
    0–10), or None when the best total is shared."""
    scores = _sorted(scores)
    total = totals(filled(scores, missing), points)
    best = int(np.argmax(total))
    return scores.index[best] if np.sum(total == total[best]) == 1 else None


def _single_changes(card: Scorecard, top: int) -> list[tuple[int, int, int]]:
    """(|change|, factor position, new points) for every single-factor change to 0…``top`` points."""
    return sorted(
        (abs(p - cur), i, p) for i, cur in enumerate(card.points) for p in range(top + 1) if p != cur
    )


def flip_winner(scores: pd.DataFrame, card: Scorecard, ranked: pd.DataFrame | None = None) -> Flip | None:
    """The smallest single weight change (in points, up to MAX_FLIP_POINTS) that puts today's #2 strictly
    ahead of every other model (a tie won on the model id does not count), checked again; None if none."""
    ranked = rank(scores, card) if ranked is None else ranked
    if len(ranked) < 2:
        return None
    first, second = ranked.index[0], ranked.index[1]
    scores = _sorted(scores)
    values = filled(scores, card.missing)
    changes = _single_changes(card, MAX_FLIP_POINTS)
    grid = np.tile(np.asarray(card.points, float), (len(changes), 1))
    grid[np.arange(len(changes)), [i for _, i, _ in changes]] = [p for _, _, p in changes]
    total = totals(values, grid)
    best, runner_up = _top_positions(total, 2)
    columns = np.arange(len(changes))
    wins = (best == scores.index.get_loc(second)) & (total[best, columns] > total[runner_up, columns])
    # Taking the last weight to 0 leaves no weight at all, which the ranking reads as equal weights:
    # that is not a single change a room could make on purpose.
    wins &= grid.sum(axis=1) > 0
    for row, win in zip(grid, wins, strict=True):
        if win and clear_leader(scores, row, card.missing) == second:  # checked one change at a time
            i = int(np.flatnonzero(row != np.asarray(card.points, float))[0])
            return Flip(FACTOR_KEYS[i], card.points[i], int(row[i]), first, second)
    return None


@dataclass(frozen=True)
class Decision:
    """Everything the Decide page shows, from the candidates and the scorecard."""

    scores: pd.DataFrame  # candidates × FACTOR_KEYS in [0, 1], NaN = unknown
    ranked: pd.DataFrame  # see rank()
    stability: pd.DataFrame  # see sensitivity()
    flip: Flip | None
    reasons: pd.Series  # one line per model, for the first ``rows`` of ``ranked``
    first_if_other_missing: str | None = None  # #1 with unknowns counted the other way (None: no models)


def score_candidates(
    candidates: pd.DataFrame,
    costs: pd.DataFrame,
    *,
    benchmark: str,
    benchmark_label: str,
    as_of,
    privacy: PrivacyFacts | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(factor scores, facts) of the models passing the constraints: what the weights do not change, so a
    page can keep it while the sliders move (see factors.factor_scores and reasons.factor_facts);
    ``privacy``: the privacy ladder's rungs and the openness index (None: none known)."""
    privacy = privacy or PrivacyFacts.empty()
    scores = factor_scores(candidates, costs, benchmark, as_of, privacy)
    return scores, factor_facts(candidates, costs, scores, benchmark, benchmark_label, privacy)


def decide(scores: pd.DataFrame, facts: pd.DataFrame, card: Scorecard, rows: int = 100) -> Decision:
    """Rank, test the ranking's stability and explain the first ``rows`` models, for one scorecard."""
    ranked = rank(scores, card)
    shown = ranked.index[:rows]
    other = rank(scores, replace(card, missing=other_missing(card.missing)))
    return Decision(
        scores,
        ranked,
        sensitivity(scores, card),
        flip_winner(scores, card, ranked),
        reason_lines(ranked.loc[shown], facts, card),
        other.index[0] if len(other) else None,
    )
