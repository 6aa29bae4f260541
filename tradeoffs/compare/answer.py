"""The Compare page's one-sentence answer: what each model is and costs, and who scores higher.

'**Qwen3 32B** is open weights with a commercial licence, about **$35/month** through together
(self-hosted: $34,507); **GPT-4o** is API-only, about **$438/month** through openai; **GPT-4o**
scores 26.7 points higher on LMArena text score than **Qwen3 32B**.' Markdown written by the code;
every outside text escaped.
"""

from __future__ import annotations

import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.compare.cells import as_float, is_yes, text_of
from tradeoffs.text import fmt_usd, md_escape

PICK_HINT = (
    "Pick two to four models to see them side by side, or open them from Explore, Decide or the "
    "Shortlist with their “Compare” button."
)
LICENCE_WORDS = {
    "yes": "open weights with a commercial licence",
    "conditional": "open weights with a commercial licence that has conditions",
    "no": "open weights with a non-commercial licence",
}


def _bold(text: str) -> str:
    return f"**{md_escape(text)}**"


def _weights(row: pd.Series) -> str:
    if pd.isna(row["open_weights"]):
        return "of unknown openness"
    if not row["open_weights"]:
        return "API-only"
    return LICENCE_WORDS.get(row["commercial_use"], "open weights with an unknown licence")


def _feasible_usd(own: pd.Series) -> float | None:
    """The self-hosting estimate when it is feasible as assumed, else None."""
    usd = own.get("monthly_usd")
    return float(usd) if is_yes(own.get("feasible")) and pd.notna(usd) else None


def _usd(value) -> str:
    return md_escape(fmt_usd(value))


def _cost(deployed: pd.Series, own: pd.Series, api: pd.Series) -> str:
    """What the model costs at the user's volume as their deployment counts it: 'about **$438/month**
    through openai (self-hosted: $23,627)', a self-hosting estimate (or why it is not feasible), else
    the API price for reference, else that no cost is known."""
    usd, basis, own_usd = (
        deployed.get("monthly_usd"),
        text_of(deployed.get("cost_basis")),
        _feasible_usd(own),
    )
    if basis.startswith("self-host") and pd.notna(usd):
        shape = md_escape(basis.removeprefix("self-host: "))
        if not is_yes(deployed.get("feasible")):
            return f"not feasible to self-host as assumed (about {_usd(usd)}/month on {shape} once it is)"
        return f"about **{_usd(usd)}/month** self-hosted ({shape})"
    if pd.notna(usd):
        text = f"about **{_usd(usd)}/month** through {md_escape(basis.removeprefix('api: '))}"
        return text + (f" (self-hosted: {_usd(own_usd)})" if own_usd is not None else "")
    if own_usd is not None:  # no API price: self-hosting is its known cost
        shape = md_escape(text_of(own.get("cost_basis")).removeprefix("self-host: "))
        return f"about **{_usd(own_usd)}/month** self-hosted ({shape})"
    if pd.notna(api.get("monthly_usd")):
        where = md_escape(text_of(api.get("provider")))
        return (
            f"with no cost your deployment allows (its API: {_usd(api['monthly_usd'])}/month through {where})"
        )
    if isinstance(deployed.get("api_rung_fail"), str):  # an API rung of the privacy ladder
        return "with no API provider whose terms meet your privacy setting"
    return "with no known cost at your volume"


def _score(models: pd.DataFrame, names: pd.Series, benchmark: str, bench_name: str) -> str:
    column, nan = score_column(benchmark), pd.Series(float("nan"), index=models.index)
    scores = models[column].astype(float).dropna() if column in models else pd.Series(dtype=float)
    bench = md_escape(bench_name)
    if scores.empty:
        return f"none has a {bench} score"
    if len(scores) == 1:
        return f"only {_bold(names[scores.index[0]])} has a {bench} score"
    ranked = scores.sort_values(ascending=False)
    first, second = ranked.index[0], ranked.index[1]
    gap = ranked.iloc[0] - ranked.iloc[1]
    if round(gap, 1) == 0:
        return f"{_bold(names[first])} and {_bold(names[second])} score the same on {bench}"
    low, high = (as_float(models.get(f"{end}__{benchmark}", nan)) for end in ("ci_low", "ci_high"))
    overlap = bool(low[first] <= high[second])  # an unknown interval (NaN) compares False
    what = "highest" if len(scores) > 2 else f"{gap:,.1f} points higher"
    text = f"{_bold(names[first])} scores {what} on {bench}"
    text += (
        f", {gap:,.1f} points above {_bold(names[second])}"
        if len(scores) > 2
        else f" than {_bold(names[second])}"
    )
    return text + (" (within the intervals: not a clear lead)" if overlap else "")


def compare_sentence(
    models: pd.DataFrame,
    names: pd.Series,
    costs: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
    benchmark: str,
    bench_name: str,
) -> str:
    """The answer for 2–4 models (``models``: evaluated catalog rows; ``names``: model_id → label;
    ``costs``: (the cost the user's deployment counts, self-hosting, cheapest API), by model_id)."""
    deployed, own, api = (frame.reindex(models.index) for frame in costs)
    if len(models) < 2:
        return PICK_HINT
    clauses = [
        f"{_bold(names[m])} is {_weights(row)}, " + _cost(deployed.loc[m], own.loc[m], api.loc[m])
        for m, row in models.iterrows()
    ]
    clauses.append(_score(models, names, benchmark, bench_name))
    failing = [
        f"{_bold(names[m])} fails your constraints ({md_escape(row['reasons'][0])})"
        for m, row in models.iterrows()
        if not row["passes"] and len(row["reasons"])
    ]
    return "; ".join(clauses + failing[:2]) + "."
