"""Compare 2–4 models side by side: attribute rows × model columns, as plain text, with marks.

``build_comparison`` turns frames read from the store (the evaluated catalog rows of the chosen models,
their API and self-hosting costs, their trusted offerings) into a table of display strings, a mask that
says which cell is the row's best value or fails a constraint, and per row its section and whether the
user's constraints ask about it while the models differ (``flagged``). Missing data reads "unknown".
The prices per provider and the page's one-sentence answer live in prices.py and answer.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.charts import TIER_LABELS
from tradeoffs.compare.cells import (
    UNKNOWN,
    Row,
    as_float,
    date_text,
    params_text,
    passes_text,
    retirement_text,
    score_cells,
    self_host_cell,
    yes_no,
)
from tradeoffs.compare.openness_rows import SECTION as OPENNESS_SECTION
from tradeoffs.compare.openness_rows import openness_rows
from tradeoffs.compare.prices import kind_rows, precision_notes
from tradeoffs.constraints import Constraints, format_count
from tradeoffs.filtering import is_false, is_true
from tradeoffs.text import fmt_tokens, fmt_usd

BEST, FAILS = "best", "fails"  # what a cell's mark means: the row's best value, or fails a constraint


@dataclass(frozen=True)
class CompareInput:
    """What one comparison is built from (every frame indexed by model_id, in the chosen order)."""

    models: pd.DataFrame  # evaluated catalog rows (filtering.evaluate: passes, reasons, unknowns)
    api: pd.DataFrame  # cheapest trusted API offering at the user's mix (costs.api.api_costs)
    self_host: pd.DataFrame  # self-hosting at the user's volume (costs.selfhost.self_host_costs)
    deployed: pd.DataFrame  # the cost the user's deployment counts (cost_loaders.load_costs under ``c``)
    offerings: pd.DataFrame  # the offerings the app may use (trusted, or every quote if opted in)
    benchmarks: pd.DataFrame  # benchmark, name (the benchmarks table)
    constraints: Constraints
    cached_input_share: float = 0.0
    openness: pd.DataFrame | None = None  # the openness index's rows (the openness table), any models


@dataclass(frozen=True)
class Comparison:
    """``table``: attribute → model_id, plain strings. ``marks``: same shape, BEST, FAILS or "".
    ``rows``: per attribute, its ``section`` and ``flagged`` (your constraints ask about it and the
    models differ on it)."""

    table: pd.DataFrame
    marks: pd.DataFrame
    rows: pd.DataFrame


def _known(numbers: pd.Series, fmt, missing: str = UNKNOWN) -> pd.Series:
    """Each number as ``fmt`` writes it, ``missing`` where it is unknown."""
    return pd.Series([fmt(v) if pd.notna(v) else missing for v in numbers], index=numbers.index, dtype=object)


def _access_rows(m: pd.DataFrame, inp: CompareInput) -> list[Row]:
    c, open_ = inp.constraints, m["open_weights"]
    weights = open_.map({True: "Open weights", False: "Closed (API only)"}).fillna(UNKNOWN).astype(object)
    commercial = m["commercial_use"].map({"yes": "yes", "conditional": "with conditions", "no": "no"})
    tier = m["tier"].map(lambda t: f"tier {TIER_LABELS[int(t)]}" if pd.notna(t) else "tier unknown")
    licensing = c.license != "any"
    return [
        Row("Organisation", m["organization"].fillna(UNKNOWN)),
        Row("Weights", weights, fails=_deployment_fails(m, c), asked=c.deployment != "any"),
        Row("Deployment", _deployment_modes(m, inp.offerings)),
        Row("Licence", m["license_name"].fillna(UNKNOWN) + " · " + tier),
        Row(
            "Commercial use",
            commercial.fillna(UNKNOWN).astype(object),
            fails=m["commercial_use"].eq("no").fillna(False).astype(bool) & (c.license == "commercial"),
            asked=licensing,
        ),
        Row(
            "OSI-approved",
            yes_no(m["osi_approved"]),
            fails=is_false(m["osi_approved"]) & (c.license == "osi"),
            asked=licensing,
        ),
        Row("Licence conditions", m["license_conditions"].fillna(UNKNOWN)),
    ]


def _deployment_modes(m: pd.DataFrame, offerings: pd.DataFrame) -> pd.Series:
    """'public API (29 providers) · cloud endpoint (azure, amazon-bedrock) · your cloud or on-prem'."""
    out = {}
    for model_id, open_weights in m["open_weights"].items():
        mine = offerings[offerings["model_id"] == model_id]
        clouds = sorted(mine.loc[mine["provider_kind"] == "cloud", "provider"].unique())
        n = mine["provider"].nunique()
        parts = [f"public API ({n} provider{'s' if n != 1 else ''})"] if n else []
        parts += [f"cloud endpoint ({', '.join(clouds)})"] if clouds else []
        if pd.isna(open_weights):
            parts.append("your cloud or on-prem: unknown (open weights unknown)")
        elif open_weights:
            parts.append("your cloud or on-prem (open weights)")
        out[model_id] = " · ".join(parts) if parts else "none known"
    return pd.Series(out, dtype=object)


def _deployment_fails(m: pd.DataFrame, c: Constraints) -> pd.Series:
    if c.deployment == "on-prem":
        return is_false(m["open_weights"])
    if c.deployment == "private-cloud":
        return is_false(m["open_weights"]) & ~is_true(m["on_hyperscaler"])
    return pd.Series(False, index=m.index)


def _size_rows(m: pd.DataFrame, c: Constraints) -> list[Row]:
    context, output, size = (
        as_float(m["context_tokens"]),
        as_float(m["max_output_tokens"]),
        m["params_total_b"],
    )
    too_big = is_true(m["open_weights"]) & (size > (c.max_params_b or float("inf"))).fillna(False)
    tokens = lambda v: f"{fmt_tokens(v)} tokens"  # noqa: E731
    return [
        Row("Parameters", m.apply(params_text, axis=1), fails=too_big, asked=c.max_params_b is not None),
        Row("Native precision", m["native_precision"].fillna(UNKNOWN)),
        Row(
            "Context window",
            _known(context, tokens),
            numbers=context,
            better="max",
            fails=(context < c.min_context_tokens).fillna(False),
            asked=bool(c.min_context_tokens),
        ),
        Row("Longest answer", _known(output, tokens), numbers=output, better="max"),
    ]


CAPABILITIES = (  # (need in the constraints, label, catalog column)
    ("vision", "Image input", "has_vision"),
    ("tools", "Tool calling", "tool_calling"),
    ("json", "Structured output", "structured_output"),
    ("reasoning", "Reasoning mode", "reasoning"),
)


def _capability_rows(m: pd.DataFrame, c: Constraints) -> list[Row]:
    rows = [Row("Input", m["modalities"].fillna(UNKNOWN).str.replace(",", ", ").astype(object))]
    for need, label, column in CAPABILITIES:
        asked = need in c.needs
        rows.append(Row(label, yes_no(m[column]), fails=is_false(m[column]) & asked, asked=asked))
    open_, vendor = m["open_weights"], m["vendor_fine_tuning"]
    closed_no = is_false(open_) & is_false(vendor)
    tuning = pd.Series(UNKNOWN, index=m.index, dtype=object).mask(
        closed_no, "no (closed, not sold by the vendor)"
    )
    tuning = tuning.mask(is_true(vendor), "yes (sold by the vendor)").mask(
        is_true(open_), "yes (open weights)"
    )
    asked = "finetune" in c.needs
    rows.append(Row("Fine-tuning", tuning, fails=closed_no & asked, asked=asked))
    return rows


def _quality_rows(m: pd.DataFrame, inp: CompareInput) -> list[Row]:
    """One row per benchmark any of the models has a score on, the user's benchmark first."""
    c = inp.constraints
    names = dict(zip(inp.benchmarks["benchmark"], inp.benchmarks["name"], strict=True))
    rows = []
    for bench in [c.benchmark, *(b for b in names if b != c.benchmark)]:
        column = score_column(bench)
        if column not in m or m[column].isna().all():
            continue
        scores, barred = as_float(m[column]), bench == c.benchmark and c.min_score is not None
        fails = (scores < c.min_score).fillna(False) if barred else None
        rows.append(
            Row(names.get(bench, bench), score_cells(m, bench), scores, "max", fails=fails, asked=barred)
        )
    return rows


def _over_budget(m: pd.DataFrame, inp: CompareInput) -> tuple[pd.Series, pd.Series]:
    """(over the budget, as the user's deployment counts the cost; that cost is a self-hosting one)."""
    budget = inp.constraints.budget_usd if inp.constraints.budget_usd is not None else float("inf")
    over = (as_float(inp.deployed["monthly_usd"].reindex(m.index)) > budget).fillna(False)
    return over, inp.deployed["cost_basis"].reindex(m.index).fillna("").str.startswith("self-host")


def _api_rows(api: pd.DataFrame, c: Constraints, over_budget: pd.Series, notes: pd.Series) -> list[Row]:
    """The cheapest trusted API price per 1M tokens (with its provider, and ``notes``: a reduced-precision
    host's) and the monthly bill at the volume."""
    per_mtok, monthly = as_float(api["blended_usd_per_mtok"]), as_float(api["monthly_usd"])
    cheapest = [
        f"{fmt_usd(v)} · {p}{n}" if pd.notna(v) else "unknown (no API price)"
        for v, p, n in zip(per_mtok, api["provider"].astype(object), notes, strict=True)
    ]
    label = f"API, cheapest per 1M tokens ({c.input_share:.0%} input)"
    return [
        Row(label, pd.Series(cheapest, index=api.index), per_mtok, "min"),
        Row(
            "API per month",
            _known(monthly, fmt_usd, "unknown (no API price)"),
            monthly,
            "min",
            fails=over_budget,
            asked=c.budget_usd is not None,
        ),
    ]


def _cost_rows(m: pd.DataFrame, inp: CompareInput) -> list[Row]:
    """The cheapest API price and bill, the self-hosting estimate, the cheapest price by kind of provider,
    and how many sell or host the model."""
    c, own, api = inp.constraints, inp.self_host.reindex(m.index), inp.api.reindex(m.index)
    over, counted_self = _over_budget(m, inp)
    own_usd = as_float(own["monthly_usd"].where(own["feasible"].eq(True)))  # only a feasible one is best
    sellers, hosts = as_float(m["n_sellers"]), as_float(m["n_hosts"])
    count = lambda v: f"{v:,.0f}"  # noqa: E731
    return [
        *_api_rows(api, c, over & ~counted_self, precision_notes(api, inp.offerings)),
        Row(
            "Self-hosted per month",
            own.apply(self_host_cell, axis=1).astype(object),
            own_usd,
            "min",
            fails=over & counted_self,
            asked=c.budget_usd is not None,
        ),
        *kind_rows(m.index, inp.offerings, c.input_share, inp.cached_input_share, c.full_precision),
        Row("Trusted API providers", _known(sellers, count), sellers, "max"),
        Row("Independent hosts", _known(hosts, count), hosts, "max"),
    ]


def _lifecycle_rows(m: pd.DataFrame, c: Constraints) -> list[Row]:
    released = pd.to_datetime(m["release_date"])
    retired = m["status"].isin(["deprecated", "retired"]).fillna(False).astype(bool)
    passes = m["passes"].astype(bool)
    return [
        Row(
            "Status",
            m["status"].fillna(UNKNOWN).astype(object),
            fails=retired & c.exclude_deprecated,
            asked=c.exclude_deprecated,
        ),
        Row("Retirement date", m.apply(retirement_text, axis=1).astype(object)),
        Row("Released", released.map(date_text).astype(object), as_float(released.map(_epoch)), "max"),
        Row(
            "Passes your constraints",
            m.apply(passes_text, axis=1),
            fails=~passes,
            asked=True,
            differ_on=passes,
        ),
    ]


def _epoch(value) -> float:
    return float(pd.Timestamp(value).value) if pd.notna(value) else float("nan")


def build_comparison(inp: CompareInput) -> Comparison:
    """The comparison table of ``inp.models`` (see Comparison)."""
    m, c = inp.models, inp.constraints
    sections = [
        ("Access and licence", _access_rows(m, inp)),
        (OPENNESS_SECTION, openness_rows(m, inp.openness)),
        ("Size and context", _size_rows(m, c)),
        ("Capabilities", _capability_rows(m, c)),
        ("Quality", _quality_rows(m, inp)),
        (f"Cost at {format_count(c.volume_tokens)} tokens/month", _cost_rows(m, inp)),
        ("Lifecycle", _lifecycle_rows(m, c)),
    ]
    rows = [(section, row) for section, built in sections for row in built]
    labels = pd.Index([row.label for _, row in rows], name="attribute")
    table = pd.DataFrame(
        [row.values.reindex(m.index).tolist() for _, row in rows], index=labels, columns=m.index
    )
    marks = pd.DataFrame([row.marks(m.index, BEST, FAILS) for _, row in rows], index=labels, columns=m.index)
    meta = pd.DataFrame(
        {"section": [s for s, _ in rows], "flagged": [row.asked and row.differs(m.index) for _, row in rows]},
        index=labels,
    )
    return Comparison(table.fillna(UNKNOWN).astype(object), marks, meta)
