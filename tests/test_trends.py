"""Trends: the open–closed gap on hand-made series with a known answer, and on the bundled data checked
against numbers derived here straight from data/*.csv; the price of GPT-4-level quality likewise."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tradeoffs import insights
from tradeoffs.text import fmt_usd
from tradeoffs.trends import gap
from tradeoffs.trends import price_of_quality as pq
from tradeoffs.trends.sentences import months_text

DATA = Path(__file__).resolve().parent.parent / "data"
MONTH = 365.25 / 12


def _records(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["release_date", "access", "best_score"]).assign(
        release_date=lambda d: pd.to_datetime(d["release_date"])
    )


HAND = _records(
    [
        ("2023-01-01", "Closed", 10.0),
        ("2023-07-01", "Closed", 20.0),
        ("2023-04-01", "Open weights", 5.0),
        ("2024-01-01", "Open weights", 10.0),
        ("2024-01-15", "Open weights", 8.0),  # not a record: the frontier stays at 10
        ("2024-06-01", "Open weights", 25.0),
    ]
)


@pytest.mark.parametrize(
    ("day", "points", "months"),
    [
        ("2023-04-01", 5.0, 90 / MONTH),  # open 5 ≤ closed's 10 of 2023-01-01: 90 days behind
        ("2023-12-31", 15.0, 364 / MONTH),  # open still 5, closed 20: the lag grows day by day
        ("2024-01-01", 10.0, 365 / MONTH),  # open reaches 10, which closed had on 2023-01-01
        ("2024-03-01", 10.0, 425 / MONTH),  # the 8 of 2024-01-15 changes nothing
        ("2024-06-01", -5.0, 0.0),  # open 25 > closed 20: open leads, no lag
    ],
)
def test_gap_on_a_hand_made_series(day, points, months):
    now = gap.gap_on(HAND, pd.Timestamp(day))
    assert now.points == pytest.approx(points)
    assert now.months == pytest.approx(months)


def test_gap_is_unknown_before_both_sides_have_a_model():
    assert gap.gap_on(HAND, pd.Timestamp("2023-02-01")) is None  # no open model yet
    series = gap.gap_series(HAND, pd.DatetimeIndex(["2023-02-01", "2023-05-01"]))
    assert np.isnan(series["gap_months"].iloc[0]) and series["gap_months"].iloc[1] == pytest.approx(
        120 / MONTH
    )


def test_gap_when_open_leads_first_then_closed_overtakes():
    records = _records([("2023-01-01", "Open weights", 50.0), ("2023-03-01", "Closed", 40.0)])
    records = pd.concat([records, _records([("2023-06-01", "Closed", 60.0)])])
    assert gap.gap_on(records, pd.Timestamp("2023-04-01")).months == 0.0  # closed never reached 50 yet
    later = gap.gap_on(records, pd.Timestamp("2023-07-01"))  # closed reached 50 on 2023-06-01
    assert later.months == pytest.approx(30 / MONTH) and later.points == pytest.approx(10.0)


def test_cheaper_in_words():
    from tradeoffs.trends.sentences import cheaper_text

    assert [cheaper_text(t) for t in (140.0, 2.5, 1.0, 0.5)] == [
        "140× cheaper",
        "2.5× cheaper",
        "about unchanged",
        "100% dearer",
    ]


def test_months_in_words():
    assert (
        months_text(0.0) == "no lag" and months_text(1.0) == "1 month" and months_text(8.11) == "8.1 months"
    )


# ---- the bundled data, derived here from the CSVs ---------------------------------------------------


def _arena(pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """release_date, open (bool), score of every model with a release date, an open/closed flag and an
    Arena score, from data/models.csv and data/scores.csv (one Arena score per model there)."""
    models = pd.read_csv(DATA / "models.csv")
    scores = pd.read_csv(DATA / "scores.csv")
    arena = scores[scores["benchmark"] == "arena_text"][["model_id", "score"]]
    assert arena["model_id"].is_unique
    rows = models.merge(arena, on="model_id").dropna(subset=["release_date", "open_weights", "score"])
    if pool is not None:
        rows = rows[rows["model_id"].isin(pool)]
    return rows.assign(
        release_date=pd.to_datetime(rows["release_date"]), open=rows["open_weights"].astype(bool)
    )


def _lag_by_hand(rows: pd.DataFrame, day: str) -> tuple[float, float]:
    """(months, points) on ``day``: the best open score so far, and the first release of a closed model
    scoring at least that much (the day the closed frontier first reached it)."""
    day = pd.Timestamp(day)
    known = rows[rows["release_date"] <= day]
    best_open = known.loc[known["open"], "score"].max()
    best_closed = known.loc[~known["open"], "score"].max()
    caught = rows[~rows["open"] & (rows["score"] >= best_open)]["release_date"].min()
    months = max((day - caught).days, 0) / MONTH if caught <= day else 0.0
    return months, best_closed - best_open


def _catalog_records(only: set[str] | None = None) -> pd.DataFrame:
    from tests.app_helpers import bundled_tables

    catalog = bundled_tables()["catalog"]
    if only is not None:
        catalog = catalog.loc[catalog.index.intersection(list(only))]
    return insights.record_progression(catalog, "arena_text")


@pytest.mark.parametrize(
    "day", ["2023-12-31", "2024-06-30", "2024-12-31", "2025-06-30", "2025-12-31", "2026-10-10"]
)
def test_gap_on_the_bundled_arena_data(day):
    months, points = _lag_by_hand(_arena(), day)
    now = gap.gap_on(_catalog_records(), pd.Timestamp(day))
    assert now.months == pytest.approx(months) and now.points == pytest.approx(points)
    assert 0 < now.points < 200 and 0 <= now.months < 24  # a sane Arena gap, not an artefact


def _open_commercial_8xh100() -> set[str]:
    """Who passes license=commercial, max_params=500 (8×H100 ≈ 640 GB: ≤ 500B parameters at 8 bits with
    room for the KV cache), with the default exclusion of deprecated and retired models, from the CSVs:
    commercial use known and not "no"; open models of a known size ≤ 500B; active models only."""
    models = pd.read_csv(DATA / "models.csv").merge(
        pd.read_csv(DATA / "licenses.csv")[["license_id", "commercial_use"]], on="license_id", how="left"
    )
    commercial = models["commercial_use"].notna() & (models["commercial_use"] != "no")
    fits = ~models["open_weights"].eq(True) | (models["params_total_b"] <= 500)
    active = ~models["status"].isin(["deprecated", "retired"])
    return set(models.loc[commercial & fits & active, "model_id"])


def test_gap_for_open_commercial_models_that_fit_8xh100():
    from tests.app_helpers import run_app

    pool = _open_commercial_8xh100()
    rows = _arena(pool)
    for day in ["2024-06-30", "2024-12-31", "2026-10-10"]:
        months, points = _lag_by_hand(rows, day)
        now = gap.gap_on(_catalog_records(pool), pd.Timestamp(day))
        assert now.months == pytest.approx(months) and now.points == pytest.approx(points)
    at = run_app("pages/trends.py", license="commercial", max_params="500", trend_only="passing")
    assert not at.exception
    months, points = _lag_by_hand(rows, "2026-10-10")
    answer = at.markdown[0].value
    assert f"**{months:,.1f} months** and **{points:,.1f} points**" in answer
    assert "among the models passing your constraints" in answer


# ---- the price of GPT-4-level quality ----------------------------------------------------------------


def _gpt4_price_by_hand(month_end: str, share: float = 0.75) -> float:
    """The cheapest trusted blended price on ``month_end`` among models scoring ≥ GPT-4 on Arena and
    released by then, from the CSVs: each trusted model × provider's newest price on or before that day."""
    scores = pd.read_csv(DATA / "scores.csv")
    arena = scores[scores["benchmark"] == "arena_text"].set_index("model_id")["score"]
    models = pd.read_csv(DATA / "models.csv").set_index("model_id")
    released = pd.to_datetime(models["release_date"])
    good = [m for m in arena.index[arena >= arena["gpt-4"]] if not released.get(m) > pd.Timestamp(month_end)]
    offers = pd.read_csv(DATA / "offerings.csv")
    trusted = set(map(tuple, offers.loc[offers["trusted"], ["model_id", "provider"]].to_numpy()))
    history = pd.read_csv(DATA / "price_history.csv")
    history = history[history["model_id"].isin(good) & (history["as_of"] <= month_end)]
    best = float("nan")
    for (model, provider), rows in history.groupby(["model_id", "provider"]):
        if (model, provider) not in trusted:
            continue
        newest = rows[rows["as_of"] == rows["as_of"].max()]
        blended = share * newest["input_usd_per_mtok"] + (1 - share) * newest["output_usd_per_mtok"]
        price = blended[blended > 0].min()
        best = price if np.isnan(best) or price < best else best
    return best


HISTORY_COLUMNS = ["model_id", "provider", "as_of", "input_usd_per_mtok", "output_usd_per_mtok", "source"]


def test_price_of_gpt4_quality_on_the_bundled_data():
    from tests.app_helpers import bundled_tables, plain, run_app, store_query

    tables = bundled_tables()
    history = pd.DataFrame(
        store_query(f"SELECT {', '.join(HISTORY_COLUMNS)} FROM price_history"), columns=HISTORY_COLUMNS
    )
    trusted = pq.trusted_history(history, tables["offerings"])
    catalog = tables["catalog"]
    bar = catalog.at["gpt-4", "score__arena_text"]
    days = pq.month_ends(pd.Timestamp("2023-01-01"), pd.Timestamp("2026-10-10"))
    prices = pq.price_of_quality(trusted, catalog, "score__arena_text", bar, days, 0.75).set_index("month")
    for month, day in [("2023-07", "2023-07-31"), ("2025-06", "2025-06-30"), ("2026-10", "2026-10-10")]:
        expected = _gpt4_price_by_hand(day)
        got = prices.at[month, "usd_per_mtok"]
        assert (np.isnan(expected) and np.isnan(got)) or got == pytest.approx(expected), month
    assert prices.loc[:"2025-05", "usd_per_mtok"].isna().all()  # no trusted price recorded before 2025-06
    assert (prices["usd_per_mtok"].dropna() > 0).all()  # unknown stays unknown, never 0
    first, now = _gpt4_price_by_hand("2025-06-30"), _gpt4_price_by_hand("2026-10-10")
    answer = run_app("pages/trends.py").markdown[0].value
    assert plain(answer).startswith("On LMArena text score, open models trail closed ones by")
    assert (
        f"cost **{fmt_usd(first)}** per 1M tokens in 2025-06 (the earliest trusted price on record)" in answer
    )
    assert f"**{fmt_usd(now)}** now (2026-10): {first / now:,.0f}× cheaper." in answer


def test_the_price_chart_breaks_its_line_at_unknown_months_and_never_plots_zero():
    from tradeoffs.trends.charts import build_price_of_quality_chart

    prices = pd.DataFrame(
        {
            "month": ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"],
            "usd_per_mtok": [10.0, 8.0, np.nan, np.nan, 2.0],
            "model_id": ["a", "a", "", "", "b"],
            "name": ["A", "A", "", "", "B"],
            "provider": ["p", "p", "", "", "q"],
        }
    )
    spec = build_price_of_quality_chart(prices, y_title="$")
    values = spec["data"]["values"]
    assert [v["month"] for v in values] == ["2024-01", "2024-02", "2024-05"]  # unknown months: not 0, absent
    assert values[0]["segment"] == values[1]["segment"] != values[2]["segment"]  # the line breaks at the gap
    assert spec["layer"][0]["encoding"]["detail"]["field"] == "segment"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [
        "2024-01-01",
        "2024-05-01",
    ]  # the whole span
    assert spec["config"]["legend"]["orient"] == "bottom"


def test_price_of_quality_by_month_on_a_hand_made_history():
    catalog = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "release_date": pd.to_datetime(["2024-01-01", "2024-03-01", None]),
            "s": [5.0, 6.0, 4.0],
        },
        index=["a", "b", "c"],
    )
    history = pd.DataFrame(
        [
            ("a", "lab", "2024-01-10", 10.0, 30.0),  # blended at 50%: 20
            ("a", "lab", "2024-04-05", 4.0, 12.0),  # 8 from April
            ("b", "host", "2024-02-20", 1.0, 3.0),  # 2, but b is released only on 2024-03-01
            ("c", "host", "2024-01-05", 0.1, 0.1),  # below the bar: never counts
            ("a", "free", "2024-01-05", 0.0, 0.0),  # a price of 0 is not a list price
        ],
        columns=["model_id", "provider", "as_of", "input_usd_per_mtok", "output_usd_per_mtok"],
    )
    days = pq.month_ends(pd.Timestamp("2023-12-01"), pd.Timestamp("2024-04-10"))
    out = pq.price_of_quality(history, catalog, "s", 5.0, days, 0.5)
    assert out["month"].tolist() == ["2023-12", "2024-01", "2024-02", "2024-03", "2024-04"]
    assert np.isnan(out["usd_per_mtok"].iloc[0])
    assert out["usd_per_mtok"].iloc[1:].tolist() == [20.0, 20.0, 2.0, 2.0]
    assert out["model_id"].tolist()[1:] == ["a", "a", "b", "b"]
    change = pq.price_change(out)
    assert (change.first_month, change.last_month, change.times_cheaper) == ("2024-01", "2024-04", 10.0)


def test_the_leaderboard_history_on_the_bundled_data():
    from tests.app_helpers import bundled_tables, plain, run_app
    from tradeoffs.trends import board

    history = pd.read_csv(DATA / "score_history.csv")
    arena = history[(history["benchmark"] == "arena_text") & (history["source"] == "lmarena-history")]
    last = arena[arena["as_of"] == arena["as_of"].max()]
    weights = pd.read_csv(DATA / "models.csv").set_index("model_id")["open_weights"]
    flags = weights.reindex(last["model_id"]).to_numpy()
    gap_points = last.loc[flags == False, "score"].max() - last.loc[flags == True, "score"].max()  # noqa: E712
    assert board.history_source(history, "arena_text") == "lmarena-history"
    leaders = board.board_leaders(history, bundled_tables()["catalog"], "arena_text", "lmarena-history")
    assert board.board_gap_points(leaders).iloc[-1] == pytest.approx(gap_points)
    assert leaders["release_date"].nunique() == arena["as_of"].nunique()
    captions = " ".join(plain(c.value) for c in run_app("pages/trends.py").caption)
    assert f"best closed minus best open: {gap_points:,.1f} points" in captions
