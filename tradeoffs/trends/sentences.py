"""The Trends page's answer in words (Markdown written here; outside text escaped)."""

from __future__ import annotations

from tradeoffs.text import fmt_usd, md_escape
from tradeoffs.trends.gap import GapNow
from tradeoffs.trends.price_of_quality import PriceChange


def months_text(months: float) -> str:
    """ "8.1 months", "1 month", "no lag"."""
    if months < 0.05:
        return "no lag"
    return f"{months:,.1f} months" if round(months, 1) != 1 else "1 month"


def gap_sentence(now: GapNow | None, year_ago: GapNow | None, pool: str, bench_name: str) -> str:
    """The gap today on ``bench_name`` in months and points, and a year earlier; ``pool`` names the
    models counted when not all of them ("" for all)."""
    where = f"On {md_escape(bench_name)}" + (f", among {pool}" if pool else "")
    if now is None:
        return f"{where}, open and closed models cannot be compared: one side has no dated score."
    if now.points <= 0:
        lead = f"{-now.points:,.1f} points"
        head = f"{where}, the best open model is level with or ahead of the best closed, by {lead}"
    else:
        head = (
            f"{where}, open models trail closed ones by **{months_text(now.months)}** and "
            f"**{now.points:,.1f} points**"
        )
    if year_ago is None:
        return head + "."
    return head + f" (a year earlier: {months_text(year_ago.months)}, {year_ago.points:,.1f} points)."


def cheaper_text(times: float) -> str:
    """ "140× cheaper", "2.5× cheaper", "unchanged", "30% dearer"."""
    if times >= 10:
        return f"{times:,.0f}× cheaper"
    if times >= 1.05:
        return f"{times:.1f}× cheaper"
    return "about unchanged" if times > 1 / 1.05 else f"{1 / times - 1:.0%} dearer"


def price_sentence(change: PriceChange | None, quality: str, first_month: str) -> str:
    """What ``quality`` ("GPT-4-level quality (≥ 1,289.5)"; "" when there is no bar) cost in the first month
    with a price and now, and how many times cheaper. ``first_month``: the chart's first month (when the
    first price is later, the sentence says so)."""
    if not quality:
        return "No quality bar: GPT-4 has no score here; set one with the sidebar's quality slider."
    quality = md_escape(quality)
    if change is None:
        return f"No trusted price is known now for {quality}."
    first, last = fmt_usd(change.first_usd_per_mtok), fmt_usd(change.last_usd_per_mtok)
    if change.first_month == change.last_month:
        return f"{quality} costs **{last}** per 1M tokens ({change.last_month})."
    since = "" if change.first_month == first_month else " (the earliest trusted price on record)"
    return (
        f"{quality} cost **{first}** per 1M tokens in {change.first_month}{since} and **{last}** now "
        f"({change.last_month}): {cheaper_text(change.times_cheaper)}."
    )
