"""The app on more data than it ships with: the catalog's score columns stay numbers, Explore caps its
chart at MAX_CHART_POINTS, and the whole page runs on a synthetic 5× data folder (bench/synth_data.py).

Guards the crash seen at 5× and 20×: a joint pivot of scores, dates and sources made every score
column object dtype, and the chart cap's ``nlargest`` raised on it once more than 400 points passed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
from pandas.api import types

from tests.app_helpers import bundled_tables, run_app
from tradeoffs import insights
from tradeoffs.catalog import SCORE_PREFIX
from tradeoffs.constraints import Constraints
from tradeoffs.costs import api
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.filtering import evaluate
from tradeoffs.manifest import check_tables
from tradeoffs.ui import loaders
from tradeoffs.ui.explore_view import MAX_TABLE_ROWS

ROOT = Path(__file__).resolve().parent.parent


def _synth_module():
    spec = importlib.util.spec_from_file_location("synth_data", ROOT / "bench" / "synth_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_catalog_keeps_scores_numeric_and_dates_as_dates():
    catalog = bundled_tables()["catalog"]
    scores = catalog.filter(like=SCORE_PREFIX)
    assert len(scores.columns) >= 5
    assert all(types.is_float_dtype(dtype) for dtype in scores.dtypes), scores.dtypes.to_dict()
    for column in catalog.filter(regex="^ci_(low|high)__").columns:
        assert types.is_float_dtype(catalog[column]), column
    assert all(types.is_datetime64_any_dtype(d) for d in catalog.filter(regex="^as_of__").dtypes)


def _tiled(copies: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The real catalog and trusted prices repeated under new ids, as more data would make them."""
    tables = bundled_tables()
    catalog = pd.concat([tables["catalog"].rename(index=lambda i, k=k: f"{i}-t{k}") for k in range(copies)])
    offerings = tables["offerings"]
    offerings = pd.concat(
        [offerings.assign(model_id=offerings["model_id"] + f"-t{k}") for k in range(copies)]
    )
    return catalog, offerings


def test_explore_caps_more_than_400_points_on_real_rows():
    catalog, offerings = _tiled(4)
    c = Constraints()
    costs = api.api_costs(
        catalog.reset_index(names="model_id"),
        offerings,
        c.volume_tokens,
        c.input_share,
        CostAssumptions().cached_input_share,
    )
    evaluated = evaluate(catalog, costs, c, "LMArena text score")
    assert int(evaluated["passes"].sum()) > insights.MAX_CHART_POINTS  # the path that used to raise

    points, _ = insights.tradeoff_points(evaluated, costs, c)

    assert len(points) == insights.MAX_CHART_POINTS
    assert points["on_frontier"].any()


def test_explore_runs_on_a_synthetic_5x_data_folder(tmp_path, store_tmp, monkeypatch):
    data = tmp_path / "data-5x"
    _synth_module().write_synthetic(data, 5)
    check_tables(data)  # the manifest the script wrote matches its tables
    monkeypatch.setattr(loaders, "DATA_DIR", data)

    at = run_app("pages/explore.py")

    assert not at.exception, at.exception
    assert "5,130 models" in at.caption[0].value.replace("\\", "")
    assert at.get("vega_lite_chart")  # the chart itself: its rows travel apart from the spec
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert f"{insights.MAX_CHART_POINTS} models plotted." in " ".join(captions)
    # the table shows the best-scoring MAX_TABLE_ROWS of the 5,000-odd passing models, and says so
    passing = int(loaders.load_evaluated(Constraints(), CostAssumptions()).models["passes"].sum())
    assert passing > MAX_TABLE_ROWS
    assert (
        f"{passing:,} models pass"
        in [h.value.replace("\\", "") for h in at.markdown if "models pass" in h.value][0]
    )
    assert f"Showing the {MAX_TABLE_ROWS:,} best-scoring" in " ".join(captions)
    table = at.dataframe[0].value
    assert len(table) == MAX_TABLE_ROWS
    scores, n_scored = table["score"], int(table["score"].notna().sum())
    assert scores.iloc[:n_scored].notna().all() and scores.iloc[:n_scored].is_monotonic_decreasing
    evaluated = loaders.load_evaluated(Constraints(), CostAssumptions()).models
    scored_passing = int(evaluated.loc[evaluated["passes"], "score__arena_text"].notna().sum())
    assert n_scored == min(MAX_TABLE_ROWS, scored_passing)  # the best-scoring first, unscored last
