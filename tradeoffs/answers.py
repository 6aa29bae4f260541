"""Each page's one-sentence answer, as Markdown written by the code (outside text escaped)."""

from __future__ import annotations

import pandas as pd

from tradeoffs.constraints import format_count
from tradeoffs.insights import Leader
from tradeoffs.text import fmt_usd, md_escape


def _bold(text: str) -> str:
    return f"**{md_escape(text)}**"


def cheapest_sentence(
    cheapest: pd.Series | None, bench_name: str, bar_text: str, volume_tokens: int, licence_note: str = ""
) -> str:
    """'Cheapest at … and 1B tokens/month: **X**, about **$23,627/month** (self-host: 1×H100).' with the
    licence's conditions when it has any (a tier-3 licence)."""
    where = f"{md_escape(bench_name)} ({md_escape(bar_text)}) and {format_count(volume_tokens)} tokens/month"
    if cheapest is None:
        return f"No model passing your constraints at {where} has a known cost: loosen a constraint."
    return (
        f"Cheapest at {where}: {_bold(cheapest['name'])}, about "
        f"**{md_escape(fmt_usd(cheapest['monthly_usd']))}/month** ({md_escape(cheapest['cost_basis'])})."
        + (f" Its licence has conditions: {md_escape(licence_note)}" if licence_note else "")
    )


def gap_sentence(best_open: Leader | None, best_closed: Leader | None) -> str:
    """Best open vs best closed and the gap in points; a side only the deployment excludes is named so."""
    if best_open is None and best_closed is None:
        return "No passing model has a score on this benchmark."
    if best_open is None or best_closed is None:
        side, leader = ("closed", best_closed) if best_open is None else ("open", best_open)
        return f"Only {side} models score here: the best is {_bold(leader.name)} ({leader.score:,.1f})."
    gap = best_closed.score - best_open.score
    lead = "behind" if gap > 0 else "ahead of"
    excluded = [side for side, leader in (("closed", best_closed), ("open", best_open)) if leader.excluded]
    note = f" ({excluded[0]} side excluded by your deployment: for reference)" if excluded else ""
    return (
        f"The best open model, {_bold(best_open.name)} ({best_open.score:,.1f}), is {abs(gap):,.1f} points "
        f"{lead} the best closed, {_bold(best_closed.name)} ({best_closed.score:,.1f}){note}."
    )


def frontier_sentence(frontier: pd.DataFrame, per_month: bool, plotted: int) -> str:
    """The Pareto frontier in one sentence: the cheapest end, the best end, how many models are on it.
    ``frontier``: name, cost, score, sorted by cost."""
    if frontier.empty:
        return "No passing model has both a score and a price: loosen a constraint."
    unit = "/month" if per_month else " per 1M tokens"
    low, high = frontier.iloc[0], frontier.iloc[-1]
    cheap = f"{_bold(low['name'])} ({low['score']:,.1f} at {md_escape(fmt_usd(low['cost']))}{unit})"
    if len(frontier) == 1:
        return f"{cheap} is both the cheapest and the best of {plotted:,} models plotted."
    best = f"{_bold(high['name'])} ({high['score']:,.1f} at {md_escape(fmt_usd(high['cost']))}{unit})"
    return (
        f"Of {plotted:,} models plotted, {len(frontier)} are worth their price (no other is both cheaper and "
        f"better): from {cheap} up to {best}."
    )


def _cheapest_first(options: list[tuple[str, float]]) -> list[tuple[float, str]]:
    """(usd, label) by cost to the dollar; at equal cost the given order stands (callers list the better
    model first)."""
    known = [(usd, label) for label, usd in options if usd is not None and usd == usd]
    return sorted(known, key=lambda option: round(option[0]))


def _others(rest: list[tuple[float, str]]) -> str:
    return ", ".join(f"{_bold(label)} {md_escape(fmt_usd(usd))}/month" for usd, label in rest[:2])


def cost_sentence(
    volume_text: str,
    self_hosted: list[tuple[str, float]],
    apis: list[tuple[str, float]],
    breakevens: pd.DataFrame,
    *,
    apis_for_reference: bool = False,
) -> str:
    """'At 1B tokens/month, **X** costs about **$4,000/month**, the cheapest of the options shown (against
    …). Self-hosting is first cheaper at …'. Options are (label, $/month), better models first. When the
    deployment excludes APIs, the self-hosted answer leads and the API is named as a reference."""
    allowed = _cheapest_first(self_hosted if apis_for_reference else self_hosted + apis)
    reference = _cheapest_first(apis) if apis_for_reference else []
    if not allowed and reference:  # on-prem with no open model picked: the API alone, as a reference
        return (
            f"No self-hosted option with a known cost at {md_escape(volume_text)} is picked (none passes "
            f"your constraints, or pick one above). For reference, outside your deployment constraint: "
            f"{_others(reference[:1])}."
        )
    if not allowed:
        return f"No option shown has a known cost at {md_escape(volume_text)}: pick another model."
    (usd, label), rest = allowed[0], allowed[1:]
    sentence = f"At {md_escape(volume_text)}, {_bold(label)} costs about **{md_escape(fmt_usd(usd))}/month**"
    if rest:
        sentence += f", the cheapest of the options shown (against {_others(rest)})"
    sentence += "."
    if reference:
        sentence += f" For reference, outside your deployment constraint: {_others(reference[:1])}."
    if len(breakevens) == 1:
        sentence += f" {md_escape(breakevens.iloc[0]['text'])}"
    return sentence


def data_sentence(as_of: str, models: int, offerings: pd.DataFrame, runs: pd.DataFrame) -> str:
    """'Data as of …: 1,026 models, 1,639 prices from 88 providers, 15 sources (all refreshed ok).'"""
    not_ok = runs.loc[runs["status"].fillna("unknown") != "ok", "source"].astype(str).tolist()
    health = "all refreshed ok" if not not_ok else f"not ok: {md_escape(', '.join(not_ok))}"
    return (
        f"Data as of **{md_escape(as_of)}**: {models:,} models, {len(offerings):,} trusted prices from "
        f"{offerings['provider'].nunique():,} providers, {len(runs):,} sources ({health}). Every number "
        "below names its source and date."
    )


def shortlist_sentence(picked: pd.DataFrame) -> str:
    """'3 models shortlisted; 2 pass your constraints, 1 fails (X: reason).' ``picked``: name, reasons."""
    failing = picked[picked["reasons"].map(bool)]
    passing = len(picked) - len(failing)
    models, verb = ("model" if len(picked) == 1 else "models"), ("passes" if passing == 1 else "pass")
    text = f"{len(picked)} {models} shortlisted; {passing} {verb} your constraints"
    if failing.empty:
        return text + "."
    fails = "; ".join(
        f"{_bold(r['name'])}: {md_escape(', '.join(r['reasons']))}" for _, r in failing.head(3).iterrows()
    )
    return text + f", {len(failing)} {'fails' if len(failing) == 1 else 'fail'} ({fails})."
