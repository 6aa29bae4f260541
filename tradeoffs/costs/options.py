"""The Costs page's options: which models to compare, at which price, on which hardware; their
estimates, breakevens and curves. Pure functions over the catalog, offerings and GPU tables; the
arithmetic lives in api.py, serving.py, selfhost.py and breakeven.py."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.costs import api as api_cost
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.breakeven import ApiPrice, breakeven_tokens_per_month, cost_curve
from tradeoffs.costs.hardware import Hardware
from tradeoffs.costs.selfhost import SelfHostEstimate, SelfHostInput, self_host_cost, shape_for
from tradeoffs.insights import best_by_access
from tradeoffs.text import fmt_tokens, fmt_usd, md_escape

CHEAPEST = "cheapest"
FIRST_PARTY = "first-party"
MIN_TOKENS = 1e3
MAX_TOKENS = 1e11
SELF_HOSTED = "self-hosted"
API = "API"


def max_tokens_for(volume_tokens: float) -> float:
    """Right end of the chart and of the breakeven search: 100B, or the decade above the user's volume."""
    return max(MAX_TOKENS, 10.0 ** math.ceil(math.log10(max(volume_tokens, 1))))


# --- what can be picked ----------------------------------------------------------------------------


def self_hostable(catalog: pd.DataFrame) -> pd.Index:
    """Model ids with open weights and a known total parameter count, by name."""
    is_open = catalog["open_weights"].eq(True).fillna(False).astype(bool)
    return catalog[is_open & (catalog["params_total_b"] > 0).fillna(False)].sort_values("name").index


def api_priced(catalog: pd.DataFrame, offerings: pd.DataFrame) -> pd.Index:
    """Model ids with at least one offering that has an input and an output price, by name."""
    priced = offerings.dropna(subset=["input_usd_per_mtok", "output_usd_per_mtok"])["model_id"]
    return catalog[catalog.index.isin(priced)].sort_values("name").index


MAX_PICKER_OPTIONS = 800  # a list a person scrolls; the bundled data (≈650 open, ≈420 priced) fits whole


def top_options(
    catalog: pd.DataFrame, ids: pd.Index, benchmark: str, keep=(), limit: int | None = None
) -> tuple[str, ...]:
    """``ids`` in their order, all of them when no more than ``limit``; else only the ``limit``
    best-scoring on ``benchmark`` (unscored last) and those in ``keep``. On 20× the data a picker of
    every model made each Costs rerun send 20,000 options."""
    limit = MAX_PICKER_OPTIONS if limit is None else limit
    if len(ids) <= limit:
        return tuple(ids)
    column = score_column(benchmark)
    scores = catalog.loc[ids, column] if column in catalog else pd.Series(float("nan"), index=ids)
    chosen = set(scores.sort_values(ascending=False, na_position="last").index[:limit]) | set(keep)
    return tuple(m for m in ids if m in chosen)


DEPLOYMENT_NOTES = {
    "no-retention": "API prices only from providers whose published terms say they neither train on nor "
    "retain prompts (unknown terms count as 'may retain and train').",
    "region": "API prices only from providers that neither train on nor retain prompts and process them in "
    "the {region}; a region-tagged endpoint's own price where it differs (Bedrock eu-west-1: +10%).",
    "private-cloud": "Private cloud: API prices are hyperscaler endpoints' (Bedrock, Azure, Vertex…).",
    "on-prem": "On-prem is required: API lines are for reference only, they would not meet that constraint.",
}


def model_labels(catalog: pd.DataFrame, model_ids=None) -> dict[str, str]:
    """model_id → its name, with the id added where two of these models share a name."""
    if model_ids is not None:
        catalog = catalog.loc[list(model_ids)]
    names = catalog["name"].fillna(pd.Series(catalog.index, index=catalog.index))
    twice = names.duplicated(keep=False)
    return {m: f"{n} ({m})" if dup else n for m, n, dup in zip(names.index, names, twice, strict=True)}


def default_picks(
    evaluated: pd.DataFrame,
    offerings: pd.DataFrame,
    shortlist,
    benchmark: str,
    feasible: Callable[[str], bool] = lambda model_id: True,
) -> tuple[list[str], list[str]]:
    """(open model ids to self-host, API model ids): the shortlist split in two; a side the shortlist
    leaves empty gets the best model of its kind on ``benchmark``: the best passing open model the
    team can run (``feasible``), and the best passing closed API, else the best closed API at all (a
    reference line when the constraints exclude APIs, e.g. on-prem)."""
    hostable, priced = set(self_hostable(evaluated)), set(api_priced(evaluated, offerings))
    open_ids = [m for m in shortlist if m in hostable]
    api_ids = [m for m in shortlist if m in priced and m not in hostable]
    if not open_ids:
        col = f"score__{benchmark}"
        pool = evaluated[evaluated.index.isin(hostable) & evaluated["passes"]]
        ranked = pool[col].dropna().sort_values(ascending=False).index if col in pool else []
        open_ids = next(([m] for m in ranked if feasible(m)), [])
    if not api_ids:
        closed = evaluated[evaluated.index.isin(priced)]
        best = (
            best_by_access(closed, benchmark)["Closed"]
            or best_by_access(closed, benchmark, passing_only=False)["Closed"]
        )
        api_ids = [best.model_id] if best else []
    return open_ids, api_ids


# --- API options -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiOption:
    """One model bought per token from one provider, at the user's input:output mix."""

    model_id: str
    name: str
    access: str  # Open weights | Closed | Unknown
    provider: str
    how_chosen: str  # "cheapest of 19 offerings" | "first-party" | "chosen provider"
    input_usd_per_mtok: float
    output_usd_per_mtok: float
    cached_input_usd_per_mtok: float | None
    blended_usd_per_mtok: float
    source: str
    as_of: str

    @property
    def label(self) -> str:
        return f"{self.name} · API ({self.provider})"


def priced_offerings(
    offerings: pd.DataFrame, model_id: str, input_share: float, cached_input_share: float = 0.0
) -> pd.DataFrame:
    """One model's priced offerings (pass contractable ones, see api.contractable_offerings) with
    blended_usd_per_mtok at this mix, cheapest first."""
    rows = offerings[offerings["model_id"] == model_id]
    rows = rows.dropna(subset=["input_usd_per_mtok", "output_usd_per_mtok"])
    blended = api_cost.blended_usd_per_mtok(
        input_share,
        rows["input_usd_per_mtok"],
        rows["output_usd_per_mtok"],
        rows["cached_input_usd_per_mtok"],
        cached_input_share,
    )
    return rows.assign(blended_usd_per_mtok=blended).sort_values(
        ["blended_usd_per_mtok", "provider"], kind="stable"
    )


def offering_choices(rows: pd.DataFrame) -> list[str]:
    """What can be picked for one model: cheapest, first-party (when the lab sells it), each provider."""
    first = api_cost.first_party_offerings(rows)
    return [CHEAPEST, *([FIRST_PARTY] if len(first) else []), *rows["provider"].drop_duplicates()]


def _chosen_row(rows: pd.DataFrame, choice: str) -> pd.Series | None:
    if choice == FIRST_PARTY:
        rows = api_cost.first_party_offerings(rows)
    elif choice != CHEAPEST:
        rows = rows[rows["provider"] == choice]
    return None if rows.empty else rows.iloc[0]


def choice_label(rows: pd.DataFrame, choice: str) -> str:
    """'Cheapest: poe, $3.90 per 1M tokens' — what a choice means at the current mix."""
    row = _chosen_row(rows, choice)
    if row is None:
        return choice
    resale = " (reseller quote)" if row.get("provider_kind") in ("router", "reseller") else ""
    text = f"{row['provider']}{resale}, ${row['blended_usd_per_mtok']:,.2f} per 1M tokens"
    prefix = {CHEAPEST: "Cheapest: ", FIRST_PARTY: "First-party: "}.get(choice, "")
    return prefix + text


def api_option(
    catalog: pd.DataFrame,
    offerings: pd.DataFrame,
    model_id: str,
    choice: str,
    input_share: float,
    cached_input_share: float = 0.0,
) -> ApiOption | None:
    """The offering ``choice`` picks for one model (the cheapest when that choice no longer exists)."""
    rows = priced_offerings(offerings, model_id, input_share, cached_input_share)
    row = _chosen_row(rows, choice)
    if row is None:
        row, choice = _chosen_row(rows, CHEAPEST), CHEAPEST
    if row is None:
        return None
    how = {CHEAPEST: f"cheapest of {len(rows)} offerings", FIRST_PARTY: "first-party"}.get(
        choice, "chosen provider"
    )
    cached = row["cached_input_usd_per_mtok"]
    return ApiOption(
        model_id,
        str(catalog.at[model_id, "name"]),
        str(catalog.at[model_id, "access"]),
        str(row["provider"]),
        how,
        float(row["input_usd_per_mtok"]),
        float(row["output_usd_per_mtok"]),
        None if pd.isna(cached) else float(cached),
        float(row["blended_usd_per_mtok"]),
        str(row["source"]),
        str(row["as_of"])[:10],
    )


def api_usd_per_month(api: ApiOption, tokens_per_month: float) -> float:
    return tokens_per_month * api.blended_usd_per_mtok / 1e6


# --- self-hosting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenOption:
    """An open model to self-host: its catalog row (sizes, architecture, native precision)."""

    model_id: str
    name: str
    row: dict

    @property
    def label(self) -> str:
        return f"{self.name} · {SELF_HOSTED}"

    @property
    def params_total_b(self) -> float:
        return float(self.row.get("params_total_b") or math.nan)

    @property
    def params_active_b(self) -> float:
        active = self.row.get("params_active_b")
        return math.nan if active is None or pd.isna(active) else float(active)


def open_options(catalog: pd.DataFrame, model_ids) -> list[OpenOption]:
    return [OpenOption(m, str(catalog.at[m, "name"]), catalog.loc[m].to_dict()) for m in model_ids]


def self_host_input(
    o: OpenOption, hw: Hardware, a: CostAssumptions, tokens_per_month: float, input_share: float
):
    """The typed input of one self-hosting estimate (see selfhost.SelfHostInput)."""
    return SelfHostInput(shape_for(o.row, a), hw, tokens_per_month, input_share, a)


def can_self_host(catalog: pd.DataFrame, hw: Hardware, a: CostAssumptions, tokens: float, input_share: float):
    """model_id → whether the team can self-host it as assumed (for the default picks)."""

    def feasible(model_id: str) -> bool:
        return estimate(open_options(catalog, [model_id])[0], hw, a, tokens, input_share).feasible

    return feasible


def estimate(
    o: OpenOption, hw: Hardware, a: CostAssumptions, tokens_per_month: float, input_share: float
) -> SelfHostEstimate:
    return self_host_cost(self_host_input(o, hw, a, tokens_per_month, input_share))


def _price(api: ApiOption) -> ApiPrice:
    return ApiPrice(api.input_usd_per_mtok, api.output_usd_per_mtok, api.cached_input_usd_per_mtok)


# --- breakeven and curves --------------------------------------------------------------------------


def breakevens(
    opens: list[OpenOption],
    apis: list[ApiOption],
    hw: Hardware,
    a: CostAssumptions,
    input_share: float,
    max_tokens: float = MAX_TOKENS,
) -> pd.DataFrame:
    """One row per (open model, API option): open_label, api_label, kind, tokens_per_month, usd_per_month
    (either side's cost there), text (the cost model's sentence), headline (who vs whom, markdown-safe)."""
    rows = []
    for o in opens:
        inp = self_host_input(o, hw, a, 0.0, input_share)
        for api in apis:
            be = breakeven_tokens_per_month(inp, _price(api), min_tokens=MIN_TOKENS, max_tokens=max_tokens)
            at = be.tokens_per_month
            headline = (
                f"**{md_escape(o.name)}** self-hosted on {md_escape(hw.key)} vs "
                f"**{md_escape(api.name)}** via {md_escape(api.provider)}"
            )
            rows.append(
                {
                    "open_label": o.label,
                    "api_label": api.label,
                    "kind": be.kind,
                    "tokens_per_month": at,
                    "text": be.text,
                    "headline": headline,
                    "usd_per_month": None if at is None else api_usd_per_month(api, at),
                }
            )
    columns = ["open_label", "api_label", "kind", "tokens_per_month", "usd_per_month", "text", "headline"]
    return pd.DataFrame(rows, columns=columns)


CURVE_COLUMNS = [
    "series",
    "kind",
    "access",
    "tokens_per_month",
    "usd_per_month",
    "detail",
    "order",
    "volume_text",
    "cost_text",
]


def _self_host_curve(
    o: OpenOption, hw: Hardware, a: CostAssumptions, input_share: float, max_tokens: float
) -> pd.DataFrame | None:
    inp = self_host_input(o, hw, a, 0.0, input_share)
    curve = cost_curve(inp, None, min_tokens=MIN_TOKENS, max_tokens=max_tokens)
    usd = curve["self_host_usd_per_month"].to_numpy()
    if not np.isfinite(usd).any():
        return None
    one = self_host_cost(inp)  # one replica: what each further replica adds
    per_replica = one.gpu_usd_per_month + one.overhead_usd_per_month
    fixed = a.ownership == "own" and a.owned_gpus
    replicas = (
        np.rint((usd - one.people_usd_per_month) / per_replica)
        if per_replica > 0 and not fixed
        else usd * 0 + 1
    )
    detail = [
        f"{a.owned_gpus} owned {hw.key}"
        if fixed
        else f"{one.gpus_per_replica}×{hw.key} × {r:.0f} replica{'s' if r > 1 else ''}"
        for r in replicas
    ]
    return pd.DataFrame(
        {
            "series": o.label,
            "kind": SELF_HOSTED,
            "access": "Open weights",
            "detail": detail,
            "tokens_per_month": curve["tokens_per_month"],
            "usd_per_month": usd,
        }
    )


def curves(
    opens: list[OpenOption],
    apis: list[ApiOption],
    hw: Hardware,
    a: CostAssumptions,
    input_share: float,
    max_tokens: float = MAX_TOKENS,
) -> pd.DataFrame:
    """Long table for the chart (CURVE_COLUMNS), in drawing order: self-hosting rows trace the staircase
    edge by edge (``breakeven.cost_curve``), API rows a straight line, 4 points per decade."""
    parts = [p for o in opens if (p := _self_host_curve(o, hw, a, input_share, max_tokens)) is not None]
    grid = np.geomspace(MIN_TOKENS, max_tokens, 4 * round(math.log10(max_tokens / MIN_TOKENS)) + 1)
    for api in apis:
        detail = f"${api.blended_usd_per_mtok:,.2f} per 1M tokens ({api.provider}; {api.source}, {api.as_of})"
        parts.append(
            pd.DataFrame(
                {
                    "series": api.label,
                    "kind": API,
                    "access": api.access,
                    "tokens_per_month": grid,
                    "usd_per_month": api_usd_per_month(api, grid),
                    "detail": detail,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=CURVE_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.assign(
        order=np.arange(len(out)),
        volume_text=out["tokens_per_month"].map(lambda t: f"{fmt_tokens(t)} tokens/month"),
        cost_text=out["usd_per_month"].map(lambda u: f"{fmt_usd(u)}/month"),
    )[CURVE_COLUMNS]
