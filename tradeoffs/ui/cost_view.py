"""What the Costs page computes, once per view (and per comparison) and shared by every session on it:
the pickers' options and defaults, then the comparison's costs, breakevens, answer, chart and tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tradeoffs import answers, hosting, insights
from tradeoffs.catalog import score_column
from tradeoffs.constraints import Constraints, format_count
from tradeoffs.costs import api as api_cost
from tradeoffs.costs import assumptions as cost_assumptions
from tradeoffs.costs import calibration, feasibility, hardware
from tradeoffs.costs import options as cv
from tradeoffs.costs import tables as ct
from tradeoffs.costs.breakeven_marks import breakeven_key
from tradeoffs.costs.charts import build_cost_chart
from tradeoffs.ui import cost_loaders, loaders
from tradeoffs.ui.cost_tables import assumption_sources_table, breakdown_table, breakeven_table
from tradeoffs.ui.hosting_loaders import load_hosting
from tradeoffs.ui.shared import PreparedChart, assumption_items, shared_view


@dataclass(frozen=True)
class CostSetup:
    """What the pickers need: options, labels, defaults, and the hardware as assumed."""

    offerings: pd.DataFrame
    hw: hardware.Hardware
    gpu_table: pd.DataFrame
    hostable: tuple[str, ...]  # the pickers' options (see options.top_options), plain strings: a
    priced: tuple[str, ...]  # widget's options are iterated on every rerun
    can_host: frozenset[str]  # every model that could be picked, for a link's picks beyond the options
    can_price: frozenset[str]
    labels: dict[str, str]
    defaults: tuple[list[str], list[str]]
    passing: int
    total: int


@shared_view
def _setup(version: str, c: Constraints, items: tuple) -> CostSetup:
    a = cost_assumptions.assumptions_from_dict(dict(items))
    catalog, gpus = loaders.load_catalog(), loaders.load_reference("gpus")
    offerings = cost_loaders.load_price_offerings(c)
    evaluated = loaders.load_evaluated(c, a).models
    hw = hardware.hardware(gpus, a)
    hostable, priced = cv.self_hostable(catalog), cv.api_priced(catalog, offerings)
    feasible = cv.can_self_host(catalog, hw, a, c.volume_tokens, c.input_share)
    defaults = cv.default_picks(evaluated, offerings, c.shortlist, c.benchmark, feasible)
    keep = [*defaults[0], *defaults[1], *c.shortlist]
    return CostSetup(
        offerings=offerings,
        hw=hw,
        gpu_table=hardware.gpu_table(gpus),
        hostable=cv.top_options(catalog, hostable, c.benchmark, keep),
        priced=cv.top_options(catalog, priced, c.benchmark, keep),
        can_host=frozenset(hostable),
        can_price=frozenset(priced),
        labels=cv.model_labels(catalog, hostable.union(priced)),
        defaults=defaults,
        passing=int(evaluated["passes"].sum()),
        total=len(evaluated),
    )


def load_cost_setup(c: Constraints, a: cost_assumptions.CostAssumptions) -> CostSetup:
    """The Costs page's picker options and defaults (shared, read-only)."""
    return _setup(loaders.data_version(), c, assumption_items(a))


@shared_view
def _price_choices(version: str, c: Constraints, items: tuple, api_ids: tuple) -> dict[str, dict[str, str]]:
    cached_share = cost_assumptions.assumptions_from_dict(dict(items)).cached_input_share
    offerings = _setup(version, c, items).offerings
    served, out = load_hosting(), {}
    for m in api_ids:
        rows = cv.priced_offerings(offerings, m, c.input_share, cached_share)
        out[m] = {
            choice: f"{cv.choice_label(rows, choice)} · {_short(served, m, _provider_of(rows, choice))}"
            for choice in cv.offering_choices(rows)
        }
    return out


def _short(served: pd.DataFrame, model_id: str, provider: str | None) -> str:
    """What a choice's host serves, short enough for a dropdown (its uptime is in the caption under the
    picker): 'fp8, reduced', 'bf16', 'quantization not stated'."""
    if provider is None or (model_id, provider) not in served.index:
        return f"quantization {hosting.NOT_STATED}"
    row = served.loc[(model_id, provider)]
    if pd.isna(row["quantization"]):
        return f"quantization {hosting.NOT_STATED}"
    reduced = row["reduced_precision"]
    return f"{row['quantization']}{', reduced' if pd.notna(reduced) and bool(reduced) else ''}"


def load_price_choices(
    c: Constraints, a: cost_assumptions.CostAssumptions, api_ids
) -> dict[str, dict[str, str]]:
    """Per API option, what can be picked (cheapest, first-party, each provider) → what it means at the
    user's mix and what the host serves, e.g. 'Cheapest: deepinfra, $0.10 per 1M tokens · fp8, reduced'
    (shared, read-only)."""
    return _price_choices(loaders.data_version(), c, assumption_items(a), tuple(api_ids))


def _provider_of(rows: pd.DataFrame, choice: str) -> str | None:
    """The provider a price choice picks among one model's priced offerings, cheapest first."""
    if choice == cv.FIRST_PARTY:
        rows = api_cost.first_party_offerings(rows)
    elif choice != cv.CHEAPEST:
        rows = rows[rows["provider"] == choice]
    return None if rows.empty else str(rows["provider"].iloc[0])


def _hosts_of(rows: pd.DataFrame, served: pd.DataFrame, model_id: str) -> dict[str, str]:
    """Per price choice: 'deepinfra — fp8 (native bf16): reduced · uptime 99.2% (1 day)'."""
    flags = hosting.with_hosting(rows, served)["reduced_precision"]
    only = " · only reduced-precision hosts sell it" if len(rows) and flags.fillna(False).all() else ""
    out = {}
    for choice in cv.offering_choices(rows):
        provider = _provider_of(rows, choice)
        summary = hosting.host_summary_of(served, model_id, provider)
        out[choice] = f"{provider} — {summary}{only}" if provider else summary
    return out


@shared_view
def _price_hosts(version: str, c: Constraints, items: tuple, api_ids: tuple) -> dict[str, dict[str, str]]:
    cached_share = cost_assumptions.assumptions_from_dict(dict(items)).cached_input_share
    offerings, served = _setup(version, c, items).offerings, load_hosting()
    return {
        m: _hosts_of(cv.priced_offerings(offerings, m, c.input_share, cached_share), served, m)
        for m in api_ids
    }


def load_price_hosts(
    c: Constraints, a: cost_assumptions.CostAssumptions, api_ids
) -> dict[str, dict[str, str]]:
    """Per API option and price choice, what the chosen host serves: its quantization against the
    released precision and its uptime, e.g. 'deepinfra — fp8 (native bf16): reduced · uptime 99.2%
    (1 day)' (shared, read-only)."""
    return _price_hosts(loaders.data_version(), c, assumption_items(a), tuple(api_ids))


@dataclass(frozen=True)
class CostResult:
    answer_md: str
    monthly: list[tuple[str, float]]  # (option label, $/month), self-hosted first
    licence_notes: list[str]  # "<model> — licence conditions: …" for tier-3 open picks
    breakevens: pd.DataFrame
    infeasible: list[tuple[str, tuple, object]]  # (model name, reasons, the fix or None)
    chart: PreparedChart
    chart_key: str
    breakdown: pd.DataFrame  # as st.table shows it (cost_tables.breakdown_table)
    breakeven_table: pd.DataFrame
    sizing: list[tuple[str, str]]  # (sizing sentence, published measurement or "")
    assumptions: pd.DataFrame  # as st.table shows it


def _options(c: Constraints, a, setup: CostSetup, open_ids: tuple, api_ids: tuple, choices: dict):
    catalog = loaders.load_catalog()
    apis = [
        o
        for m in api_ids
        if (o := cv.api_option(catalog, setup.offerings, m, choices[m], c.input_share, a.cached_input_share))
    ]
    return cv.open_options(catalog, list(open_ids)), apis


def _monthly(c: Constraints, opens, apis, estimates) -> tuple[list, list]:
    """(self-hosted, API) options as (label, $/month); equal costs keep the better model first."""
    catalog = loaders.load_catalog()
    scores = catalog.get(score_column(c.benchmark), pd.Series(dtype=float)).fillna(0.0)
    better_first = sorted(opens, key=lambda o: -scores.get(o.model_id, 0.0))
    self_hosted = [(o.label, estimates[o.model_id].total_usd_per_month) for o in better_first]
    return self_hosted, [(api.label, cv.api_usd_per_month(api, c.volume_tokens)) for api in apis]


def _texts(c: Constraints, a, hw, opens, estimates) -> tuple[list[str], list, list[tuple[str, str]]]:
    """Licence conditions of tier-3 picks, what would make an infeasible pick feasible, and sizing."""
    catalog, gpus = loaders.load_catalog(), loaders.load_reference("gpus")
    measurements = loaders.load_reference("serving_measurements")
    ids = [o.model_id for o in opens]
    notes = insights.licence_notes(catalog.loc[ids])
    licence = [f"{catalog.at[m, 'name']} — licence conditions: {n}" for m, n in notes.items() if n]
    infeasible = [
        (o.name, e.reasons, feasibility.way_forward(o.row, gpus, a, c.volume_tokens, c.input_share))
        for o in opens
        if not (e := estimates[o.model_id]).feasible
    ]
    sizing = [
        (
            ct.sizing_text(o, estimates[o.model_id], hw, a, c.volume_tokens),
            calibration.measured_text(measurements, o.model_id, hw.key) or "",
        )
        for o in opens
    ]
    return licence, infeasible, sizing


@shared_view
def _result(version: str, c: Constraints, items: tuple, open_ids: tuple, api_ids: tuple, choices: tuple):
    a = cost_assumptions.assumptions_from_dict(dict(items))
    setup = _setup(version, c, items)
    hw = setup.hw
    opens, apis = _options(c, a, setup, open_ids, api_ids, dict(choices))
    estimates = {o.model_id: cv.estimate(o, hw, a, c.volume_tokens, c.input_share) for o in opens}
    top = cv.max_tokens_for(c.volume_tokens)
    breakevens = cv.breakevens(opens, apis, hw, a, c.input_share, top)
    self_hosted, api_costs = _monthly(c, opens, apis, estimates)
    volume = f"{format_count(c.volume_tokens)} tokens/month"
    answer = answers.cost_sentence(
        volume, self_hosted, api_costs, breakevens, apis_for_reference=c.deployment == "on-prem"
    )
    licence, infeasible, sizing = _texts(c, a, hw, opens, estimates)
    curves = cv.curves(opens, apis, hw, a, c.input_share, top)
    sources = loaders.load_reference("sources").set_index("source")["name"].to_dict()
    return CostResult(
        answer_md=answer,
        monthly=self_hosted + api_costs,
        licence_notes=licence,
        breakevens=breakevens,
        infeasible=infeasible,
        chart=PreparedChart.of(build_cost_chart(curves, breakevens, c.volume_tokens, max_tokens=top)),
        chart_key=breakeven_key(breakevens),
        breakdown=breakdown_table(
            ct.breakdown(opens, estimates, apis, hw, a, c.volume_tokens, c.input_share, sources)
        ),
        breakeven_table=breakeven_table(breakevens),
        sizing=sizing,
        assumptions=assumption_sources_table(ct.assumption_table(a, hw, sources)),
    )


def load_cost_result(
    c: Constraints, a: cost_assumptions.CostAssumptions, open_ids, api_ids, choices: dict[str, str]
) -> CostResult:
    """The comparison of the picked models (shared, read-only)."""
    key = (tuple(open_ids), tuple(api_ids), tuple(sorted(choices.items())))
    return _result(loaders.data_version(), c, assumption_items(a), *key)
