"""The models table the exports write: one row per model, readable column names with units, numbers as
numbers, an unknown (or not applicable) value left empty with the reason in the column "Empty cells,
why" (never a zero)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tradeoffs import openness
from tradeoffs.catalog import score_column
from tradeoffs.constraints import Constraints, format_count
from tradeoffs.constraints_text import deployment_words
from tradeoffs.costs.api import cheapest_offerings

PRICE_IN = "Price, USD per 1M input tokens"
PRICE_OUT = "Price, USD per 1M output tokens"
USD_PER_MTOK = "#,##0.00##"  # Excel number formats
USD = "#,##0"
WHY_EMPTY = "Empty cells, why"


@dataclass(frozen=True)
class TableInputs:
    """What one export table is made of (frames are read, never changed)."""

    models: pd.DataFrame  # evaluated catalog rows (filtering.evaluate), by model_id, in the order to write
    costs: pd.DataFrame  # their costs under the view's constraints (cost_loaders.load_costs), by model_id
    self_host: pd.DataFrame  # self-hosting costs at the view's volume (selfhost.self_host_costs), by model_id
    offerings: pd.DataFrame  # the prices the view may use (api.contractable_offerings)
    constraints: Constraints
    benchmark_name: str
    notes: dict[str, str] = field(default_factory=dict)  # the room's note per model id
    openness: pd.DataFrame | None = None  # the openness index's ratings (schema.OPENNESS), when known


@dataclass
class _Table:
    """Columns as they are added: label → values (by model_id), Excel format, and why a value is unknown."""

    index: pd.Index
    columns: dict[str, pd.Series] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    unknown: list[pd.Series] = field(default_factory=list)

    def add(self, label: str, values, fmt: str | None = None, unknown_why=None) -> None:
        series = (
            values.reindex(self.index) if isinstance(values, pd.Series) else pd.Series(values, self.index)
        )
        self.columns[label] = series
        if fmt:
            self.formats[label] = fmt
        if unknown_why is not None:  # a text, or a Series of texts, for the rows where the value is missing
            why = unknown_why if isinstance(unknown_why, pd.Series) else pd.Series(unknown_why, self.index)
            self.unknown.append(why.reindex(self.index).where(series.isna()))


def build_table(inp: TableInputs) -> tuple[pd.DataFrame, dict[str, str]]:
    """(the table, Excel number formats by column label) for ``inp.models``, in their order."""
    t = _Table(inp.models.index)
    m = inp.models
    t.add("Model", m["name"])
    t.add("Model id", pd.Series(m.index, m.index))
    t.add("Organization", m["organization"])
    t.add("Weights", m["access"])
    t.add("Passes the constraints", m["reasons"].map(lambda r: "no: " + "; ".join(r) if r else "yes"))
    _score_columns(t, m, inp.constraints.benchmark, inp.benchmark_name)
    _price_columns(t, inp)
    _cost_columns(t, inp)
    _licence_columns(t, m)
    _spec_columns(t, m)
    _openness_columns(t, m, inp.openness)
    t.add("Room's note", pd.Series(inp.notes, dtype=object).reindex(m.index).fillna(""))
    t.add("Model card", m["url"])
    rows = zip(*(why.tolist() for why in t.unknown), strict=True) if t.unknown else ([] for _ in m.index)
    t.add(
        WHY_EMPTY, pd.Series(["; ".join(w for w in r if isinstance(w, str)) for r in rows], m.index, object)
    )
    return pd.DataFrame(t.columns).reset_index(drop=True), t.formats


def _openness_columns(t: _Table, m: pd.DataFrame, index: pd.DataFrame | None) -> None:
    """The index's transparency score (0–1, openness.TRANSPARENCY_FORMULA) and its open-washing check."""
    if index is None:
        return
    rated = openness.by_model(index, m.index)
    scores = openness.transparency_scores(index).reindex(m.index)
    t.add(
        "Transparency, 0–1 (European Open Source AI Index)",
        scores,
        "0.00",
        "transparency: not rated by the index",
    )
    checks = [openness.open_washing_check(row, rated[i]) for i, row in m.iterrows()]
    t.add("Open-washing check (European Open Source AI Index)", pd.Series(checks, m.index, dtype=object))


def score_label(benchmark_name: str) -> str:
    """ "LMArena text score", "GPQA Diamond score": a benchmark's name as a column says it."""
    return benchmark_name if benchmark_name.lower().endswith("score") else f"{benchmark_name} score"


def _score_columns(t: _Table, m: pd.DataFrame, benchmark: str, name: str) -> None:
    label = score_label(name)
    nan = pd.Series(float("nan"), index=m.index)
    score = m.get(score_column(benchmark), nan).astype(float)
    half = (m.get(f"ci_high__{benchmark}", nan) - m.get(f"ci_low__{benchmark}", nan)).astype(float) / 2
    independent = m.get(f"independent__{benchmark}", pd.Series(pd.NA, index=m.index)).astype("boolean")
    t.add(label, score, "#,##0.0", f"{label}: none")
    t.add(f"{label}, ± half the 95% interval", half.where(half > 0), "0.0")
    t.add(f"{label}, measured by", independent.map({True: "third party", False: "the lab"}).astype(object))
    t.add(f"{label}, source", m.get(f"source__{benchmark}", nan.astype(object)))
    t.add(f"{label}, as of", m.get(f"as_of__{benchmark}", nan))


def _price_columns(t: _Table, inp: TableInputs) -> None:
    c = inp.constraints
    offers = inp.offerings[inp.offerings["model_id"].isin(inp.models.index)]
    best = cheapest_offerings(offers, c.input_share).set_index("model_id")
    priced = best["blended_usd_per_mtok"].notna()
    who = "any seller" if c.include_resellers else "a trusted seller (the lab, a cloud, an established host)"
    t.add("Cheapest API provider", best["provider"].where(priced))
    t.add(
        PRICE_IN, best["input_usd_per_mtok"].where(priced), USD_PER_MTOK, f"API price: none listed by {who}"
    )
    t.add(PRICE_OUT, best["output_usd_per_mtok"].where(priced), USD_PER_MTOK)
    t.add(
        f"Price, USD per 1M tokens at {c.input_share:.0%} input", best["blended_usd_per_mtok"], USD_PER_MTOK
    )
    t.add("Price, source", best["source"].where(priced))
    t.add("Price, as of", best["as_of"].where(priced))


def _cost_columns(t: _Table, inp: TableInputs) -> None:
    c, costs, own = inp.constraints, inp.costs, inp.self_host
    volume = f"{format_count(c.volume_tokens)} tokens/month"
    deployment = deployment_words(c)
    note = costs["cost_note"].where(costs["cost_note"].fillna("").ne(""), "unknown")
    t.add(f"Cost, USD per month at {volume} ({deployment})", costs["monthly_usd"], USD, "cost: " + note)
    t.add("Cost basis", costs["cost_basis"])
    own_note = own["cost_note"].where(own["cost_note"].fillna("").ne(""), "unknown")
    t.add(f"Self-hosting, USD per month at {volume}", own["monthly_usd"], USD, "self-hosting: " + own_note)
    t.add("Self-hosting setup", own["cost_basis"])


def _licence_columns(t: _Table, m: pd.DataFrame) -> None:
    t.add("Licence", m["license_name"], unknown_why="licence: unknown")
    t.add("Licence tier (1 permissive … 5 proprietary)", m["tier"].astype("Float64"), "0")
    t.add("Commercial use", m["commercial_use"])
    t.add("OSI-approved", m["osi_approved"].astype("boolean").map({True: "yes", False: "no"}).astype(object))
    t.add("Licence conditions", m["license_conditions"])


def _spec_columns(t: _Table, m: pd.DataFrame) -> None:
    t.add("Context, tokens", m["context_tokens"].astype("Float64"), "#,##0", "context: unknown")
    t.add("Parameters, billions (total)", m["params_total_b"], "#,##0.0##", "parameters: unknown")
    t.add(
        "Parameters, billions (active per token; mixture of experts only)", m["params_active_b"], "#,##0.0##"
    )
    t.add("Independent hosts", m["n_hosts"], "0")
    t.add("Released", m["release_date"], unknown_why="release date: unknown")
    t.add("Status", m["status"])
    t.add("Retirement date", m["retirement_date"])
