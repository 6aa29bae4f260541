"""Numbers for issue 15's closing note: the regulated bank's Decide ranking (top 10) as the page shows it,
and, where tradeoffs/openness.py exists, the transparency score of the top-10 open-weights models on the
default benchmark. Runs the real app in-process (AppTest) on the bundled data, so the same script gives the
"before" and the "after" of a change.

    python bench/openness_numbers.py [--deployment on-prem,any] [--missing penalise]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BANK = {"license": "commercial", "min_score": "1289.5", "volume": "1B", "preset": "regulated"}
TOP = 10


def decide_top(deployment: str, missing: str = "neutral") -> None:
    """The regulated bank's ranking as the Decide page computes it (its own cached functions, on the bundled
    data, without a browser): rank, id, name, total and the factors the change is about."""
    from tradeoffs import scoring
    from tradeoffs.constraints import from_query
    from tradeoffs.costs.assumptions import CostAssumptions
    from tradeoffs.scorecard import scorecard_from_query
    from tradeoffs.ui import decide_panel, loaders

    params = {"deployment": deployment, **BANK, **({"missing": missing} if missing != "neutral" else {})}
    c = from_query(params, loaders.load_domain(), frozenset({"preset", "missing"})).constraints
    card, _ = scorecard_from_query(params)
    info = loaders.load_data_info()
    label = loaders.benchmark_name(c.benchmark)
    scores, facts = decide_panel.load_factor_scores(c, CostAssumptions(), label, info.as_of)
    full = scoring.decide(scores, facts, card).ranked
    ranked = full.head(TOP).copy()
    ranked.insert(1, "name", loaders.load_catalog().loc[ranked.index, "name"])
    factors = [f for f in ("privacy", "transparency", "license", "quality") if f in ranked.columns]
    query = "&".join(f"{k}={v}" for k, v in params.items())
    print(f"\nDecide ?{query}: {len(scores)} ranked")
    print(ranked[["rank", "name", "total", *factors]].round(3).to_string())
    closed = full.index[loaders.load_catalog().loc[full.index, "open_weights"].eq(False).fillna(False)]
    if len(closed):
        shown = full.loc[closed].head(5)
        shown.insert(1, "name", loaders.load_catalog().loc[shown.index, "name"])
        print(f"the best {len(shown)} closed-weights models in that ranking:")
        print(shown[["rank", "name", "total", *factors]].round(3).to_string())


def transparency_top() -> None:
    """The transparency score of the ten best open-weights models on the default benchmark."""
    try:
        from tradeoffs import openness
    except ImportError:
        print("\n(tradeoffs/openness.py not present: no transparency scores)")
        return
    from tradeoffs.catalog import score_column
    from tradeoffs.constraints import Constraints
    from tradeoffs.ui import loaders

    catalog, index = loaders.load_catalog(), loaders.load_reference("openness").set_index("model_id")
    column = score_column(Constraints().benchmark)
    open_ = catalog[catalog["open_weights"].eq(True).fillna(False).astype(bool)]
    scores = openness.transparency_scores(index)
    _print_transparency(f"Top {TOP} open-weights models on {column}", open_[column], index, scores)
    rated = open_[column].reindex(scores.index).dropna()
    _print_transparency(
        f"Top {TOP} of the {len(rated)} open-weights models the index rates that have a score",
        rated,
        index,
        scores,
    )


def _print_transparency(title: str, values, index, scores) -> None:
    from tradeoffs import openness

    top = values.dropna().sort_values(ascending=False).head(TOP)
    print(f"\n{title}, with their transparency score")
    for model_id, value in top.items():
        score = scores.get(model_id, float("nan"))
        summary = openness.summary_text(index.loc[model_id]) if model_id in index.index else "not rated"
        shown = f"{score:.3f}" if score == score else "unknown"
        print(f"  {model_id:32s} {value:8.1f}  transparency {shown:8s} ({summary})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deployment", default="on-prem,any")
    parser.add_argument("--missing", default="neutral", help="neutral (the link's default) or penalise")
    args = parser.parse_args()
    transparency_top()
    for deployment in args.deployment.split(","):
        decide_top(deployment, args.missing)


if __name__ == "__main__":
    main()
