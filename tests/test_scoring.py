"""The scorecard: factor formulas and rankings checked by hand, monotonicity, presets through the URL,
the flip suggestion, seeded sensitivity, and missing data shown as unknown (never a silent 0)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeoffs.constraints import Constraints
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.factors import FACTOR_KEYS, factor_scores
from tradeoffs.privacy import Rung
from tradeoffs.privacy_factors import PrivacyFacts, privacy_score, transparency_score
from tradeoffs.reasons import answer_text, factor_facts, reason_lines, unknown_text
from tradeoffs.scorecard import (
    MAX_POINTS,
    MISSING,
    PRESETS,
    Scorecard,
    scorecard_from_query,
    scorecard_to_query,
)
from tradeoffs.scoring import (
    MAX_FLIP_POINTS,
    decide,
    flip_winner,
    normalised,
    rank,
    score_candidates,
    sensitivity,
)

AS_OF = "2026-10-10"
N = len(FACTOR_KEYS)


def _model(**overrides) -> dict:
    """One catalog row with every column the factors read; the defaults are an unremarkable open model."""
    row = {
        "name": "m",
        "open_weights": True,
        "on_hyperscaler": False,
        "vendor_fine_tuning": pd.NA,
        "tier": 1,
        "license_name": "Apache License 2.0",
        "license_conditions": "Permissive.",
        "n_hosts": 0,
        "n_sellers": 0,
        "hf_likes": pd.NA,
        "release_date": pd.NaT,
        "status": "active",
        "retirement_date": pd.NaT,
        "tool_calling": pd.NA,
        "structured_output": pd.NA,
        "modalities": None,
        "context_tokens": pd.NA,
        "score__arena_text": np.nan,
    }
    row.update(overrides)
    return row


def _catalog(rows: dict[str, dict]) -> pd.DataFrame:
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "model_id"
    return df.astype(
        {
            "open_weights": "boolean",
            "vendor_fine_tuning": "boolean",
            "tool_calling": "boolean",
            "structured_output": "boolean",
            "tier": "Int32",
            "hf_likes": "Int64",
            "context_tokens": "Int64",
            "release_date": "datetime64[us]",
            "retirement_date": "datetime64[us]",
        }
    )


def _costs(rows: dict[str, tuple]) -> pd.DataFrame:
    """model_id → (monthly_usd, cost_basis, feasible, cost_note)."""
    columns = ["monthly_usd", "cost_basis", "feasible", "cost_note"]
    df = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    df.index.name = "model_id"
    return df


LLAMA_LIKE = (
    "Commercial use allowed below 700 million monthly active users; Acceptable Use Policy; outputs "
    "may not be used to improve other large language models."
)
CATALOG = _catalog(
    {
        "alpha": _model(
            name="Alpha",
            tier=1,
            n_hosts=3,
            hf_likes=99,
            release_date="2025-10-10",
            tool_calling=True,
            structured_output=False,
            modalities="text,image",
            context_tokens=128_000,
            score__arena_text=1400.0,
        ),
        "beta": _model(
            name="Beta",
            open_weights=False,
            on_hyperscaler=True,
            vendor_fine_tuning=True,
            tier=5,
            license_name="Proprietary",
            license_conditions="Closed weights.",
            n_sellers=1,
            release_date="2024-10-10",
            retirement_date="2027-01-01",
            tool_calling=True,
            structured_output=True,
            modalities="text",
            context_tokens=1_000_000,
            score__arena_text=1300.0,
        ),
        "gamma": _model(
            name="Gamma", tier=3, license_name="Llama-like", license_conditions=LLAMA_LIKE, hf_likes=0
        ),
    }
)
COSTS = _costs(
    {
        "alpha": (10_000.0, "self-host: 1×H100", True, ""),
        "beta": (1_000.0, "api: beta-lab", True, ""),
        "gamma": (np.nan, None, False, "params unknown"),
    }
)
# beta's best API offering reaches the region rung (below its hyperscaler endpoint); the index rates alpha
FACTS = PrivacyFacts(
    api_rung=pd.Series({"beta": Rung.REGION}, dtype=object),
    transparency=pd.Series({"alpha": 0.75}),
    index_summary=pd.Series({"alpha": "8 open · 2 partial · 2 closed of 12 rated"}),
)


def _scores(catalog: pd.DataFrame = CATALOG) -> pd.DataFrame:
    return factor_scores(catalog, COSTS, "arena_text", AS_OF, FACTS)


def test_every_factor_formula_by_hand():
    s = _scores()
    expected = {
        # quality: min–max of 1400, 1300 → alpha 1, beta 0; gamma has no score
        "quality": [1.0, 0.0, math.nan],
        # cost: log10 $10,000 = 4, log10 $1,000 = 3 → (4 − log c) / (4 − 3); gamma has no price
        "cost": [0.0, 1.0, math.nan],
        # privacy: open 1, closed on a hyperscaler 0.75 (above its API's region rung, 0.5);
        # transparency: the index's score for alpha; beta closed, not rated: 0; gamma open, not rated: unknown
        # control: open 1, closed with vendor fine-tuning 0.5
        "privacy": [1.0, 0.75, 1.0],
        "transparency": [0.75, 0.0, math.nan],
        "control": [1.0, 0.5, 1.0],
        # licence: tier 1 → 1; tier 5 → 0.4; tier 3 → 0.6 − 0.1 × 3 conditions (MAU cap, AUP, outputs) = 0.3
        "license": [1.0, 0.4, 0.3],
        # support: alpha mean(ln 4 / ln 21, ln 100 / ln 1001) = mean(0.455340, 0.666580);
        # beta ln 2 / ln 21 (no Hub likes: hosts only); gamma 0 hosts, 0 likes
        "support": [(0.455340 + 0.666580) / 2, 0.227670, 0.0],
        # viability: alpha mean(1 − (365 / 365.25) / 3, open 1); beta (mean(1 − (730 / 365.25) / 3, closed
        # single host 0)) × 0.5 for the announced deprecation; gamma: release date unknown
        "viability": [(1 - 365 / 365.25 / 3 + 1) / 2, (1 - 730 / 365.25 / 3) / 2 * 0.5, math.nan],
        # integration: alpha mean(tools 1, json 0, vision 1, ln 16 / ln 125 = 0.574228);
        # beta mean(1, 1, 0, ln 125 / ln 125 = 1); gamma: nothing known
        "integration": [(1 + 0 + 1 + 0.574228) / 4, 0.75, math.nan],
        # skills: self-hosted on 1 GPU 0.8; API 1; gamma: footprint unknown
        "skills": [0.8, 1.0, math.nan],
    }
    assert set(expected) == set(FACTOR_KEYS)
    for factor, values in expected.items():
        assert s[factor].tolist() == pytest.approx(values, rel=1e-5, nan_ok=True), factor


def test_privacy_follows_the_ladder_and_transparency_is_unknown_unless_rated_or_closed():
    catalog = _catalog(
        {
            f"m{i}": _model(open_weights=ow, on_hyperscaler=cloud)
            for i, (ow, cloud) in enumerate(
                [(True, False), (False, True), (False, False), (False, False), (False, False), (pd.NA, True)]
            )
        }
    )
    rungs = pd.Series(
        {"m0": Rung.PUBLIC_API, "m1": Rung.PUBLIC_API, "m2": Rung.REGION, "m3": Rung.NO_RETENTION}
    )
    # open 1 · hyperscaler 0.75 · region rung 0.5 · no-retention rung 0.25 · no offering known 0 · unknown
    assert privacy_score(catalog, rungs).tolist() == pytest.approx(
        [1.0, 0.75, 0.5, 0.25, 0.0, math.nan], nan_ok=True
    )
    rated = pd.Series({"m0": 0.4, "m2": 0.1})
    assert transparency_score(catalog, rated).tolist() == pytest.approx(
        [0.4, 0.0, 0.1, 0.0, 0.0, math.nan], nan_ok=True
    )
    assert transparency_score(catalog.loc[["m0"]], pd.Series(dtype=float)).isna().all()  # open, unrated


def test_ranking_by_hand_and_the_missing_data_setting_decides_where_unknowns_land():
    s = _scores()
    # Balanced (equal weights), totals = mean of the ten scores:
    # alpha (1 + 0 + 1 + 0.75 + 1 + 1 + 0.560960 + 0.833448 + 0.643557 + 0.8) / 10 = 0.758797
    # beta  (0 + 1 + 0.75 + 0 + 0.5 + 0.4 + 0.227670 + 0.083448 + 0.75 + 1) / 10 = 0.471112
    # gamma neutral: unknown quality, cost, transparency, viability, integration, skills count 0.5 →
    #       (0.5 + 0.5 + 1 + 0.5 + 1 + 0.3 + 0 + 0.5 + 0.5 + 0.5) / 10 = 0.53
    neutral = rank(s, Scorecard())
    assert list(neutral.index) == ["alpha", "gamma", "beta"]
    assert neutral["total"].tolist() == pytest.approx([0.758797, 0.53, 0.471112], abs=1e-5)
    # penalised: they count 0 → gamma (1 + 1 + 0.3) / 10 = 0.23, now last
    penalised = rank(s, Scorecard(missing="penalise"))
    assert list(penalised.index) == ["alpha", "beta", "gamma"]
    assert penalised.loc["gamma", "total"] == pytest.approx(2.3 / 10)
    # Cost alone: beta is the cheaper; gamma (unknown, neutral 0.5) sits between alpha (0) and beta (1)
    cost_only = Scorecard(points=tuple(10 if k == "cost" else 0 for k in FACTOR_KEYS))
    assert list(rank(s, cost_only).index) == ["beta", "gamma", "alpha"]


def test_unknown_is_shown_as_unknown_never_as_zero():
    s = _scores()
    ranked = rank(s, Scorecard())
    unknown = ("quality", "cost", "transparency", "viability", "integration", "skills")
    assert ranked.loc["gamma", "unknown"] == unknown
    assert ranked.loc["gamma", ["quality", "cost", "skills", "transparency"]].isna().all()  # unknown, not 0
    assert ranked.loc["alpha", "unknown"] == ()
    assert (
        unknown_text(ranked.loc["gamma", "unknown"])
        == "6 of 10 (quality, cost, transparency, viability, integration, skills)"
    )
    assert unknown_text(ranked.loc["alpha", "unknown"]) == "0 of 10"
    facts = factor_facts(CATALOG, COSTS, s, "arena_text", "Arena", FACTS)
    assert facts["transparency"].tolist() == [
        "index: 8 open · 2 partial · 2 closed of 12 rated",
        "closed weights, not rated by the index",
        "not rated by the index",
    ]
    assert facts["privacy"].tolist() == ["runs on-prem", "private endpoint on a hyperscaler", "runs on-prem"]
    line = reason_lines(ranked, facts, Scorecard()).loc["gamma"]
    assert "quality" not in line and "cost" not in line  # no reason rests on a factor without data


def test_reason_names_strengths_numbers_and_weakest_factor():
    s = _scores()
    card = Scorecard.from_preset("regulated")
    ranked = rank(s, card)
    facts = factor_facts(CATALOG, COSTS, s, "arena_text", "Arena", FACTS)
    line = reason_lines(ranked, facts, card).loc["alpha"]
    # privacy (10 points × 1) and licence (9 × 1) contribute most; quality and cost numbers always follow
    assert line.startswith(
        "runs on-prem, Apache License 2.0, quality 1.00 (Arena 1,400), "
        "$10k/month self-hosted at your volume; weakest: "
    )
    assert "weakest: support 0.56 (3 independent hosts, 99 Hub likes)" in line


def test_all_zero_weights_count_as_equal():
    assert normalised([0] * N).tolist() == pytest.approx([1 / N] * N)
    s = _scores()
    assert list(rank(s, Scorecard(points=(0,) * N)).index) == list(rank(s, Scorecard()).index)


grid = st.sampled_from([i / 20 for i in range(21)])
maybe = st.one_of(grid, st.just(math.nan))
points = st.tuples(*[st.integers(0, MAX_POINTS)] * len(FACTOR_KEYS))


def _frame(rows: list[list[float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(FACTOR_KEYS), index=[f"m{i:02d}" for i in range(len(rows))])


@settings(max_examples=200, deadline=None)
@given(
    others=st.lists(st.lists(maybe, min_size=N, max_size=N), max_size=6),
    twin=st.lists(maybe, min_size=N, max_size=N),
    low=st.sampled_from([0.0, 0.2, 0.5]),
    gap=st.sampled_from([0.05, 0.3, 0.5]),
    pts=points,
    raise_by=st.integers(1, MAX_POINTS),
    missing=st.sampled_from(["neutral", "penalise"]),
    twin_first=st.booleans(),
)
def test_raising_the_quality_weight_never_lowers_the_better_of_two_otherwise_equal_models(
    others, twin, low, gap, pts, raise_by, missing, twin_first
):
    q = FACTOR_KEYS.index("quality")
    better, worse = list(twin), list(twin)
    better[q], worse[q] = low + gap, low
    rows = [better, worse] if twin_first else [worse, better]
    scores = _frame([*rows, *others])
    a, b = scores.index[0 if twin_first else 1], scores.index[1 if twin_first else 0]
    before = Scorecard(points=pts, missing=missing)
    after = before.with_points("quality", min(MAX_POINTS, pts[q] + raise_by))
    r0, r1 = rank(scores, before), rank(scores, after)
    gap0 = r0.loc[a, "total"] - r0.loc[b, "total"]
    gap1 = r1.loc[a, "total"] - r1.loc[b, "total"]
    assert gap1 >= gap0 - 1e-12
    assert r1.loc[a, "rank"] < r1.loc[b, "rank"]  # quality now weighs > 0: the better is ahead
    if pts[q] > 0:
        assert r0.loc[a, "rank"] < r0.loc[b, "rank"]
    # and when it has the best quality of all (unknowns counted as set), raising its weight never costs it
    # a place — from some weight, that is: all points 0 means equal weights, not "quality weighs nothing"
    counted = [MISSING[missing] if math.isnan(o[q]) else o[q] for o in others]
    if any(pts) and all(v <= low + gap for v in counted):
        assert r1.loc[a, "rank"] <= r0.loc[a, "rank"]


@pytest.mark.parametrize("key", list(PRESETS))
@pytest.mark.parametrize("missing", ["neutral", "penalise"])
def test_presets_round_trip_through_the_url(key, missing):
    card = Scorecard.from_preset(key, missing)
    query = scorecard_to_query(card)
    assert scorecard_from_query(query) == (card, [])
    assert ("preset" in query) == (key != "balanced")  # the default is left out
    assert "weights" not in query  # a preset's own weights are not repeated


@settings(max_examples=300)
@given(key=st.sampled_from(list(PRESETS)), pts=points, missing=st.sampled_from(["neutral", "penalise"]))
def test_any_scorecard_round_trips_through_the_url(key, pts, missing):
    card = Scorecard(key, pts, missing)
    query = scorecard_to_query(card)
    assert scorecard_from_query(query) == (card, [])
    changed = sum(p != b for p, b in zip(pts, PRESETS[key].points, strict=True))
    assert len(query.get("weights", "").split(",")) == changed or (changed == 0 and "weights" not in query)


def test_the_default_scorecard_adds_nothing_to_the_url():
    assert scorecard_to_query(Scorecard()) == {}
    assert scorecard_from_query({}) == (Scorecard(), [])


def test_url_edits_read_back_with_a_warning_for_each_bad_value():
    query = {"preset": "regulated", "weights": "cost:7,quality:11,vibes:3,skills:x"}
    card, warnings = scorecard_from_query(query)
    assert card == Scorecard.from_preset("regulated").with_points("cost", 7)
    assert len(warnings) == 3 and all(w.startswith("ignored weights item") for w in warnings)
    card, warnings = scorecard_from_query({"preset": "yolo", "missing": "zero"})
    assert card == Scorecard()
    assert warnings == [
        "ignored preset='yolo': not one of balanced, regulated, speed, cost",
        "ignored missing='zero': not one of neutral, penalise",
    ]


def test_describe_names_the_preset_and_what_was_moved():
    assert Scorecard.from_preset("speed").describe() == "Speed to market"
    moved = Scorecard.from_preset("regulated").with_points("cost", 9).with_points("quality", 2)
    assert moved.describe() == "Regulated, on-prem, modified (quality 2, cost 9)"


def _exact_sums(scores: pd.DataFrame, missing: str, points: np.ndarray) -> np.ndarray:
    """Weighted sums in whole numbers — an oracle independent of scoring.totals: the scores sit on a grid
    of twentieths and the points are whole, and dividing by the points' sum never changes the order."""
    twentieths = np.rint(scores[list(FACTOR_KEYS)].fillna(MISSING[missing]).to_numpy() * 20).astype(np.int64)
    return twentieths @ np.atleast_2d(points).astype(np.int64).T  # (N, number of weight vectors)


def _strictly_first(scores, pts, missing, who) -> bool:
    sums = _exact_sums(scores, missing, np.asarray(pts))[:, 0]
    i = scores.index.get_loc(who)
    return bool(np.all(np.delete(sums, i) < sums[i]))


def _brute_force_flips(scores, card, second, limit):
    """Every single change (|change|, factor, points) up to ``limit`` points that puts ``second`` first."""
    changes = [(abs(p - c), k, p) for k, c in card.weights.items() for p in range(limit + 1) if p != c]
    grid = np.array([[p if f == k else w for f, w in card.weights.items()] for _, k, p in changes])
    sums = _exact_sums(scores, card.missing, grid)
    i = scores.index.get_loc(second)
    firsts = np.all(np.delete(sums, i, axis=0) < sums[i], axis=0)
    return sorted(change for change, first in zip(changes, firsts, strict=True) if first)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(maybe, min_size=N, max_size=N), min_size=2, max_size=6),
    pts=points,
    missing=st.sampled_from(["neutral", "penalise"]),
)
def test_the_flip_really_flips_and_is_the_smallest_single_change(rows, pts, missing):
    scores, card = _frame(rows), Scorecard(points=pts, missing=missing)
    ranked = rank(scores, card)
    flip = flip_winner(scores, card, ranked)
    found = _brute_force_flips(scores, card, ranked.index[1], MAX_FLIP_POINTS)
    if flip is None:
        assert not found
        return
    assert (flip.leader, flip.challenger) == tuple(ranked.index[:2])
    moved = [flip.to_points if k == flip.factor else p for k, p in card.weights.items()]
    assert _strictly_first(scores, moved, missing, flip.challenger)
    if flip.on_sliders:  # what "Try it" applies: ranking the changed scorecard puts #2 first
        assert rank(scores, card.with_points(flip.factor, flip.to_points)).index[0] == flip.challenger
    assert abs(flip.change) == found[0][0]


def test_flip_on_a_hand_made_frame():
    # a leads on quality, b on cost; with quality 6 and cost 4 points:
    # a = (6·0.9 + 4·0.2) / 10 = 0.62, b = (6·0.5 + 4·0.9) / 10 = 0.66 → b first, a second.
    scores = _frame([[0.9, 0.2, *[1] * (N - 2)], [0.5, 0.9, *[1] * (N - 2)]])
    scores.loc[:, [k for k in FACTOR_KEYS if k not in ("quality", "cost")]] = 0.0
    zero = dict.fromkeys(FACTOR_KEYS, 0)
    card = Scorecard(points=tuple({**zero, "quality": 6, "cost": 4}[k] for k in FACTOR_KEYS))
    assert list(rank(scores, card).index) == ["m01", "m00"]
    flip = flip_winner(scores, card)
    # One-point changes, in search order (sums before dividing by the points, which keeps the order):
    #   quality 5: a 4.5 + 0.8 = 5.3 < b 2.5 + 3.6 = 6.1        no
    #   quality 7: a 6.3 + 0.8 = 7.1 = b 3.5 + 3.6 = 7.1        a tie: does not count
    #   cost 3:    a 5.4 + 0.6 = 6.0 > b 3.0 + 2.7 = 5.7        a first → the answer
    assert (flip.factor, flip.from_points, flip.to_points) == ("cost", 4, 3)
    assert (flip.leader, flip.challenger) == ("m01", "m00")
    assert rank(scores, card.with_points("cost", 3)).index[0] == "m00"


def _close_race() -> pd.DataFrame:
    rng = np.random.default_rng(4)  # a race close enough that #1 changes in a few draws (seed 0 with ten
    return _frame((0.6 + 0.1 * rng.random((12, N))).round(3).tolist())  # factors has one #1 in every draw)


def test_sensitivity_is_reproducible_with_its_seed_and_differs_with_another():
    scores, card = _close_race(), Scorecard.from_preset("regulated")
    first = sensitivity(scores, card, seed=11)
    pd.testing.assert_frame_equal(first, sensitivity(scores, card, seed=11))
    assert not first.equals(sensitivity(scores, card, seed=12))
    assert first["top_share"].sum() == pytest.approx(3.0)  # three places per draw
    assert first["first_share"].sum() == pytest.approx(1.0)
    assert 0 < first["top_share"].iloc[0] <= 1


def test_sensitivity_draws_what_an_unknown_counts_as_known_answer():
    # Equal weights that do not move (spread 0): a is A on every factor; b is 0.5 on N − 1 and unknown on
    # one, so b's total is ((N − 1) · 0.5 + u) / N and b is first exactly when u > N · A − (N − 1) · 0.5 =
    # 0.05. With u drawn uniformly from 0 (penalised) to 0.5 (neutral), that is 90 % of the draws; fixed at
    # neutral 100 %, penalised 0 %.
    a = ((N - 1) * 0.5 + 0.05) / N
    b = [0.5] * N
    b[FACTOR_KEYS.index("cost")] = math.nan
    scores = _frame([[a] * N, b])
    drawn = sensitivity(scores, Scorecard(), draws=20_000, spread=0.0, top=1)
    assert drawn.loc["m01", "first_share"] == pytest.approx(0.9, abs=0.01)
    assert drawn["first_share"].sum() == pytest.approx(1.0)
    neutral = sensitivity(scores, Scorecard(), spread=0.0, top=1, unknown_range=(0.5, 0.5))
    penalised = sensitivity(scores, Scorecard(), spread=0.0, top=1, unknown_range=(0.0, 0.0))
    assert (neutral.loc["m01", "first_share"], penalised.loc["m01", "first_share"]) == (1.0, 0.0)
    # the default range covers both settings, so the setting itself does not change the draws
    pd.testing.assert_frame_equal(
        drawn, sensitivity(scores, Scorecard(missing="penalise"), draws=20_000, spread=0.0, top=1)
    )


def test_sensitivity_of_a_dominant_model_is_certain():
    scores = _frame([[1.0] * N, [0.5] * N, [0.4] * N, [0.3] * N, [0.2] * N])
    out = sensitivity(scores, Scorecard())
    assert out.loc["m00", "first_share"] == 1.0
    assert out["top_share"].to_dict() == {"m00": 1.0, "m01": 1.0, "m02": 1.0, "m03": 0.0, "m04": 0.0}


def test_decide_on_the_bundled_data_under_the_regulated_bank_constraints():
    """The product's own data: on-prem, commercial licence, 1B tokens/month (the issue's closing example)."""
    from tests.app_helpers import bundled_tables
    from tradeoffs.costs.hardware import hardware
    from tradeoffs.costs.selfhost import self_host_costs
    from tradeoffs.filtering import evaluate

    tables = bundled_tables()
    catalog, gpus = tables["catalog"], tables["gpus"]
    c = Constraints(deployment="on-prem", license="commercial", volume_tokens=10**9)
    a = CostAssumptions()
    costs = self_host_costs(catalog.reset_index(), hardware(gpus, a), c.volume_tokens, c.input_share, a)
    passing = evaluate(catalog, costs, c, "Arena")
    passing = passing[passing["passes"]]
    scores, facts = score_candidates(
        passing, costs, benchmark=c.benchmark, benchmark_label="Arena", as_of=AS_OF
    )
    assert facts.notna().all().all()  # every model has a phrase for every factor, "unknown" ones included
    decision = decide(scores, facts, Scorecard.from_preset("regulated"))
    assert set(decision.ranked.index) == set(passing.index)
    assert decision.scores[["privacy", "control"]].eq(1.0).all().all()  # on-prem: every candidate is open
    assert decision.ranked["total"].is_monotonic_decreasing
    assert decision.ranked["total"].between(0, 1).all()
    assert decision.reasons.index[0] == decision.ranked.index[0]
    assert decision.stability["top_share"].sum() == pytest.approx(3.0)


def test_a_single_candidate_is_the_best_there_is_and_none_is_nothing():
    one = _scores(CATALOG.loc[["alpha"]])
    assert one.loc["alpha", ["quality", "cost"]].tolist() == [1.0, 1.0]  # relative factors: nothing to beat
    assert flip_winner(one, Scorecard()) is None
    assert sensitivity(one, Scorecard()).loc["alpha"].tolist() == [1.0, 1.0]
    none = _scores(CATALOG.iloc[:0])
    assert none.empty and rank(none, Scorecard()).empty and sensitivity(none, Scorecard()).empty


def _bank_scores() -> pd.DataFrame:
    """Factor scores of the bundled models passing the regulated bank's constraints (on-prem, commercial
    licence, 1B tokens/month), through the same helpers as the page."""
    from tests.app_helpers import bundled_tables
    from tradeoffs.costs.hardware import hardware
    from tradeoffs.costs.selfhost import self_host_costs
    from tradeoffs.filtering import evaluate

    tables = bundled_tables()
    catalog, c, a = (
        tables["catalog"],
        Constraints(deployment="on-prem", license="commercial", volume_tokens=10**9),
        CostAssumptions(),
    )
    costs = self_host_costs(
        catalog.reset_index(), hardware(tables["gpus"], a), c.volume_tokens, c.input_share, a
    )
    passing = evaluate(catalog, costs, c, "Arena")
    on_prem = PrivacyFacts.of(
        tables["openness"], pd.Series(dtype=object), c.region
    )  # every candidate is open
    scores, _ = score_candidates(
        passing[passing["passes"]],
        costs,
        benchmark=c.benchmark,
        benchmark_label="Arena",
        as_of=AS_OF,
        privacy=on_prem,
    )
    return scores


@pytest.mark.parametrize("preset", ["regulated", "balanced"])
def test_on_the_bundled_data_models_resting_on_unknowns_lose_stability_and_the_others_gain(preset):
    """The draws include what unknowns count as: leaving that out (unknowns fixed at neutral) makes a model
    whose place depends on its unknowns look more stable than it is."""
    scores, card = _bank_scores(), Scorecard.from_preset(preset)
    drawn = sensitivity(scores, card)
    fixed = sensitivity(scores, card, unknown_range=(0.5, 0.5)).reindex(drawn.index)
    has_unknown = scores[list(FACTOR_KEYS)].isna().any(axis=1).reindex(drawn.index)
    # the same weight draws, unknowns now worth at most 0.5: a fully known model can only move up
    assert (drawn["top_share"][~has_unknown] >= fixed["top_share"][~has_unknown]).all()
    assert drawn["top_share"][has_unknown].sum() < fixed["top_share"][has_unknown].sum()
    # one with an unknown factor reaches the top 3 in most draws when unknowns are fixed at neutral, and
    # loses a large part of that share once they may count less (gemma-4-31b on today's data: no score)
    lost = (fixed["top_share"] - drawn["top_share"])[has_unknown]
    assert lost.max() >= 0.3, lost.sort_values().tail()
    assert fixed.loc[lost.idxmax(), "top_share"] >= 0.5
    assert drawn["top_share"].sum() == pytest.approx(3.0) and drawn["first_share"].sum() == pytest.approx(1.0)


def test_the_answer_names_the_top_three_the_stability_and_the_unknowns():
    ranked = pd.DataFrame(
        {"total": [0.92, 0.88, 0.87], "unknown": [("cost",), (), ()]}, index=["a", "b", "c"]
    )
    names = pd.Series({"a": "Qwen*3*", "b": "Beta", "c": "Gamma", "d": "Delta"})
    text = answer_text(ranked, 0.97, "a", names, "neutral")
    assert text == (
        r"**Qwen\*3\*** ranks first (0.92), ahead of Beta (0.88) and Gamma (0.87); it stays first in 97% of "
        "random draws of the weights and unknowns, and also with unknowns penalised; 1 of its 10 factors is "
        "unknown."
    )
    other = answer_text(ranked, 0.4, "d", names, "penalise")
    assert "but not with unknowns counted neutral (then **Delta** leads)" in other
    assert answer_text(ranked.head(1), 1.0, "a", names, "neutral") == (
        r"**Qwen\*3\*** is the only model that passes your constraints (0.92); "
        "1 of its 10 factors is unknown."
    )
    assert answer_text(ranked.iloc[:0], 0.0, None, names, "neutral").startswith("Nothing to rank")


def test_decide_says_who_is_first_with_unknowns_counted_the_other_way():
    b = [0.5] * N
    b[FACTOR_KEYS.index("cost")] = math.nan
    a = ((N - 1) * 0.5 + 0.05) / N  # b first with unknowns neutral (0.5 > a), a with unknowns penalised
    scores = _frame([[a] * N, b])
    facts = pd.DataFrame("", index=scores.index, columns=list(FACTOR_KEYS))
    neutral = decide(scores, facts, Scorecard())
    assert (neutral.ranked.index[0], neutral.first_if_other_missing) == ("m01", "m00")
    penalised = decide(scores, facts, Scorecard(missing="penalise"))
    assert (penalised.ranked.index[0], penalised.first_if_other_missing) == ("m00", "m01")
