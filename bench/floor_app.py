"""The floor: the least a Streamlit script can do to show Explore's chart, to measure the app against.

    streamlit run bench/floor_app.py --server.port 8600 --server.headless true
    TRADEOFFS_DATA_DIR=/tmp/data-5x streamlit run bench/floor_app.py ...   # on synthetic 5× data

It opens the same DuckDB store the app opens (``tradeoffs.store.open_store``, so the same data folder
and version), reads on every rerun the models Explore plots by default (LMArena text score against
the cheapest trusted list price per 1M tokens at 75 % input, at most MAX_CHART_POINTS of them, best
first), filters them by one slider for the minimum score and draws one Vega-Lite scatter. No
constraints, costs model, frontier, tables or URL state: what is left is Streamlit's own cost.
The SQL sits here rather than in tradeoffs/queries.py on purpose: the floor must not change when
the app's queries do.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tradeoffs.insights import MAX_CHART_POINTS  # noqa: E402
from tradeoffs.store import connect_readonly, open_store  # noqa: E402

BENCHMARK = "arena_text"
INPUT_SHARE = 0.75
MIN_SCORE_KEY = "min_score"  # the slider's key: the load client and AppTest find it by this
POINTS_SQL = """
SELECT m.model_id, m.name, coalesce(m.open_weights, false) AS open_weights, s.score,
       min(? * o.input_usd_per_mtok + (1 - ?) * o.output_usd_per_mtok) AS usd_per_mtok
FROM models m JOIN scores s USING (model_id) JOIN offerings o USING (model_id)
WHERE s.benchmark = ? AND o.trusted AND s.score >= ?
GROUP BY ALL HAVING usd_per_mtok > 0
ORDER BY s.score DESC, m.model_id LIMIT ?
"""


@st.cache_resource
def _connection():
    """One read-only connection per process; every query takes its own cursor."""
    return connect_readonly(open_store().path)


@st.cache_data
def _score_range() -> tuple[float, float]:
    with _connection().cursor() as cur:
        sql = "SELECT floor(min(score)), ceil(max(score)) FROM scores WHERE benchmark = ?"
        low, high = cur.execute(sql, [BENCHMARK]).fetchone()
    return float(low), float(high)


def query_points(cur, min_score: float):
    """model_id, name, open_weights, score, usd_per_mtok: the best-scoring priced models above the bar."""
    return cur.execute(POINTS_SQL, [INPUT_SHARE, INPUT_SHARE, BENCHMARK, min_score, MAX_CHART_POINTS]).df()


def load_points(min_score: float):
    with _connection().cursor() as cur:
        return query_points(cur, min_score)


def scatter_spec() -> dict:
    return {
        "mark": {"type": "point", "filled": True},
        "encoding": {
            "x": {"field": "usd_per_mtok", "type": "quantitative", "scale": {"type": "log"}},
            "y": {"field": "score", "type": "quantitative", "scale": {"zero": False}},
            "color": {"field": "open_weights", "type": "nominal"},
            "tooltip": [{"field": "name"}, {"field": "score"}, {"field": "usd_per_mtok"}],
        },
    }


def _start_bar(low: float, high: float) -> float:
    """The bar a link asks for (``?min_score=1333``: the browser benchmark starts there), else none."""
    try:
        return min(max(float(st.query_params.get(MIN_SCORE_KEY, low)), low), high)
    except ValueError:
        return low


def main() -> None:
    low, high = _score_range()
    label = "Minimum LMArena text score"
    min_score = st.slider(label, low, high, _start_bar(low, high), step=1.0, key=MIN_SCORE_KEY)
    points = load_points(min_score)
    st.vega_lite_chart(points, scatter_spec(), width="stretch")
    st.caption(f"{len(points)} models plotted.")


if __name__ == "__main__":  # streamlit run (and AppTest) run it as __main__; benchmarks import its query
    main()
