"""The numbers the pages show, as pure functions over the evaluated candidates and their costs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.charts import tier_label
from tradeoffs.constraints import Constraints
from tradeoffs.constraints_text import fmt_score
from tradeoffs.filtering import is_deployment_fail
from tradeoffs.frontier import pareto_frontier

MAX_CHART_POINTS = 400  # keeps what a rerun sends to the browser small


def cost_axis(c: Constraints) -> tuple[str, str, str]:
    """(column in the costs table, axis title, d3 format) for the Explore x axis."""
    basis = {
        "on-prem": "self-hosting (whole GPUs, people, overhead)",
        "private-cloud": "open models self-hosted in your cloud, closed ones at a hyperscaler endpoint",
        "no-retention": "cheapest API offering with no training and no retention",
        "region": f"cheapest API offering with no training and no retention, processed in the {c.region}",
    }.get(c.deployment, "cheapest API offering (resellers excluded)")
    if c.cost_view == "monthly":
        return "monthly_usd", f"$ per month at your volume — {basis}", "$,.0f"
    return "blended_usd_per_mtok", f"$ per 1M tokens at {c.input_share:.0%} input — {basis}", "$,.2f"


def score_notes(models: pd.DataFrame, benchmark: str) -> pd.Series:
    """What qualifies a score on ``benchmark``: "±5.1" (half the source's confidence interval) and
    "lab-reported" where no third party measured it; "" when nothing does."""
    return score_texts(models, benchmark, with_score=False)


def score_texts(models: pd.DataFrame, benchmark: str, *, with_score: bool = True) -> pd.Series:
    """The score on ``benchmark`` as a reader should see it: "1,441.2 ±5.1" with the confidence
    interval where the source gives one, "· lab-reported" where no third party measured it."""
    column = score_column(benchmark)
    if column not in models:
        return pd.Series("", index=models.index, dtype=object)
    nan = pd.Series(float("nan"), index=models.index)
    score = models[column].astype(float).to_numpy()
    half = (
        (models.get(f"ci_high__{benchmark}", nan) - models.get(f"ci_low__{benchmark}", nan)) / 2
    ).to_numpy()
    lab = models.get(f"independent__{benchmark}", nan).astype("boolean").eq(False).fillna(False).to_numpy()
    texts = []
    for value, plus_minus, lab_reported in zip(score, half, lab, strict=True):
        parts = [f"{value:,.1f}"] if with_score else []
        parts += [f"±{plus_minus:,.1f}"] if plus_minus > 0 else []
        parts += ["· lab-reported"] if lab_reported else []
        texts.append(" ".join(parts) if value == value else "")  # NaN ≠ NaN: no score, no text
    return pd.Series(texts, index=models.index, dtype=object)


CONDITIONAL_TIER = 3  # open weights whose licence allows commercial use only with conditions


def licence_notes(models: pd.DataFrame) -> pd.Series:
    """The licence conditions of tier-3 models (a user or revenue cap, use restrictions, an
    application to the vendor) in words; "" for every other model."""
    if "license_conditions" not in models or "tier" not in models:
        return pd.Series("", index=models.index, dtype=object)
    conditional = models["tier"].eq(CONDITIONAL_TIER).fillna(False).astype(bool)
    return models["license_conditions"].where(conditional, "").fillna("").astype(object)


TEXT_COLUMNS = ["licence_note", "score", "score_text", "score_note"]


def model_texts(models: pd.DataFrame, benchmark: str) -> pd.DataFrame:
    """What a models table shows that depends on the data alone (not on the constraints): the columns
    TEXT_COLUMNS, with ``score`` on ``benchmark`` (NaN where unknown); see score_texts, licence_notes."""
    score = models[score_column(benchmark)] if score_column(benchmark) in models else float("nan")
    return pd.DataFrame(
        {
            "licence_note": licence_notes(models),
            "score": score,
            "score_text": score_texts(models, benchmark),
            "score_note": score_notes(models, benchmark),
        },
        index=models.index,
    )


def with_costs(
    models: pd.DataFrame, costs: pd.DataFrame, benchmark: str, texts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The models joined with their costs, their ``model_texts`` on ``benchmark`` (``texts``: those of
    a superset of the models, computed once per data version) and ``unknown`` (what the data cannot
    tell, in words)."""
    out = models.join(costs)
    texts = model_texts(out, benchmark) if texts is None else texts.reindex(out.index)
    unknown = out["unknowns"].map("; ".join) if "unknowns" in out else ""
    return out.assign(**{c: texts[c].to_numpy() for c in TEXT_COLUMNS}, unknown=unknown)


PLOT_COLUMNS = ["name", "organization", "access", "tier", "license_name"]


def tradeoff_points(
    evaluated: pd.DataFrame, costs: pd.DataFrame, c: Constraints
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points to plot, passing models that cannot be plotted with why); see plot_points."""
    return plot_points(with_costs(evaluated[evaluated["passes"]], costs, c.benchmark), c)


def plot_points(passing: pd.DataFrame, c: Constraints) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points to plot, models that cannot be plotted with why) of the passing models joined with
    their costs (see with_costs). Points carry on_frontier."""
    cost_col, _, _ = cost_axis(c)
    keep = [*PLOT_COLUMNS, "score", "score_text", f"source__{c.benchmark}", f"as_of__{c.benchmark}"]
    keep += ["cost_basis", "cost_note", "price_source"]
    passing = passing[[k for k in keep if k in passing]].assign(cost=passing[cost_col])
    no_score = passing["score"].isna().to_numpy()
    no_cost = (passing["cost"].isna() | (passing["cost"] <= 0)).to_numpy()
    notes = (
        passing["cost_note"].astype(object).where(passing["cost_note"].notna(), "") if len(passing) else []
    )
    why = [
        "; ".join(
            part
            for part in ("no score on this benchmark" if s else "", (note or "no price") if c else "")
            if part
        )
        for s, c, note in zip(no_score, no_cost, notes, strict=True)
    ]
    missing = no_score | no_cost
    unplottable = passing.loc[missing, ["name", "organization", "access"]].assign(
        why=[w for w, m in zip(why, missing, strict=True) if m]
    )
    points = passing[~missing].copy()
    frontier_ids = set(pareto_frontier(points, "cost", "score").index)
    points["on_frontier"] = points.index.isin(frontier_ids)
    points["shortlisted"] = points.index.isin(c.shortlist)
    if len(points) > MAX_CHART_POINTS:  # keep the frontier and the best-scoring rest
        rest = points[~points["on_frontier"]].nlargest(MAX_CHART_POINTS - len(frontier_ids), "score")
        points = pd.concat([points[points["on_frontier"]], rest])
    return _describe(points, c), unplottable


def _describe(points: pd.DataFrame, c: Constraints) -> pd.DataFrame:
    cost_fmt = "${:,.0f}/month" if c.cost_view == "monthly" else "${:,.2f} per 1M tokens"
    blank = pd.Series("", index=points.index, dtype=object)
    sources = points.get(f"source__{c.benchmark}", blank).astype(object).where(lambda v: v.notna(), "")
    dates = points.get(f"as_of__{c.benchmark}", blank).astype(str).str[:10]
    basis = points["cost_basis"].astype(object).where(points["cost_basis"].notna(), "")
    # Built row by row, so that an empty frame (nothing to plot) stays a frame of text, not of floats.
    return points.assign(
        model_id=points.index,
        tier_label=points["tier"].map(tier_label),
        cost_text=[f"{cost_fmt.format(v)} ({b})" for v, b in zip(points["cost"], basis, strict=True)],
        score_text=points["score_text"],
        price_source=points["price_source"].fillna("—") if "price_source" in points else "—",
        score_source=[f"{s} {d}" for s, d in zip(sources, dates, strict=True)],
    )[
        [
            "model_id",
            "name",
            "organization",
            "access",
            "tier_label",
            "license_name",
            "cost",
            "score",
            "cost_text",
            "score_text",
            "price_source",
            "score_source",
            "on_frontier",
            "shortlisted",
        ]
    ]


DEFAULT_BAR_MODEL = "gpt-4"  # with no bar set, the headline answers at GPT-4's level


@dataclass(frozen=True)
class Leader:
    model_id: str
    name: str
    score: float
    excluded: bool = False  # shown for reference: only the deployment constraint rules it out


def only_deployment_fails(evaluated: pd.DataFrame) -> pd.Series:
    """Models that fail the deployment constraint and nothing else (the closed side under on-prem)."""
    return evaluated["reasons"].map(lambda r: bool(r) and all(is_deployment_fail(x) for x in r))


def best_by_access(
    evaluated: pd.DataFrame, benchmark: str, *, passing_only: bool = True
) -> dict[str, Leader | None]:
    """The best-scoring open and closed model on ``benchmark`` (among passing models by default;
    a side the deployment alone excludes gets its best model marked ``excluded``)."""
    col = score_column(benchmark)
    if col not in evaluated:
        return {"Open weights": None, "Closed": None}
    scored = evaluated.dropna(subset=[col])
    pools = [scored[scored["passes"] | (not passing_only)], scored[only_deployment_fails(scored)]]
    out: dict[str, Leader | None] = {"Open weights": None, "Closed": None}
    for access in out:
        for excluded, pool in enumerate(pools):
            group = pool[pool["access"] == access]
            if not group.empty:
                top = group[col].idxmax()
                out[access] = Leader(top, group.at[top, "name"], float(group.at[top, col]), bool(excluded))
                break
    return out


def headline_bar(catalog: pd.DataFrame, c: Constraints) -> tuple[float | None, str]:
    """The quality bar the headline answer uses: the user's, else GPT-4's score (the workshop's
    usual "GPT-4 class"), else none; with the words to say which."""
    if c.min_score is not None:
        return c.min_score, f"your bar, ≥ {fmt_score(c.min_score)}"
    col = score_column(c.benchmark)
    if col in catalog and DEFAULT_BAR_MODEL in catalog.index and pd.notna(catalog.at[DEFAULT_BAR_MODEL, col]):
        score = float(catalog.at[DEFAULT_BAR_MODEL, col])
        return score, f"no bar set, so GPT-4's level, ≥ {fmt_score(score)}"
    return None, "no bar set"


def cheapest_meeting_bar(
    evaluated: pd.DataFrame, costs: pd.DataFrame, c: Constraints, bar: float | None = None
) -> pd.Series | None:
    """The cheapest passing model scoring at least ``bar`` on the chosen benchmark at the user's
    volume; at equal cost (to the dollar) the better-scoring one."""
    col = score_column(c.benchmark)
    if col not in evaluated:
        return None
    meets = evaluated[col].notna() & (evaluated[col] >= bar if bar is not None else True)
    pool = evaluated.loc[evaluated["passes"] & meets, ["name", col]]
    pool = pool.join(costs[["monthly_usd", "cost_basis"]])
    pool = pool.dropna(subset=["monthly_usd"])
    pool = pool[pool["monthly_usd"] > 0]
    if pool.empty:
        return None
    order = pool.assign(_usd=pool["monthly_usd"].round(0)).sort_values(["_usd", col], ascending=[True, False])
    return order.drop(columns="_usd").iloc[0]


def record_progression(catalog: pd.DataFrame, benchmark: str) -> pd.DataFrame:
    """For open and for closed models: each release that set a new best score on ``benchmark``."""
    col = score_column(benchmark)
    if col not in catalog:
        return pd.DataFrame(columns=["release_date", "access", "best_score", "name"])
    known = catalog.loc[
        catalog["access"].isin(["Open weights", "Closed"]), ["release_date", "access", "name", col]
    ]
    known = known.dropna(subset=[col, "release_date"]).sort_values(
        ["release_date", col], ascending=[True, False]
    )
    previous_best = known.groupby("access")[col].transform(
        lambda s: s.cummax().shift(fill_value=float("-inf"))
    )
    records = known[known[col] > previous_best]
    return records.rename(columns={col: "best_score"})[["release_date", "access", "best_score", "name"]]
