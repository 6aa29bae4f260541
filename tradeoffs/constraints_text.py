"""The constraints in plain words, as a page's context line and the brief state them."""

from __future__ import annotations

from tradeoffs.constraints import Constraints, format_count
from tradeoffs.filtering import NEED_LABELS
from tradeoffs.text import fmt_usd

DEPLOYMENT_WORDS = {
    "any": "API or self-hosted",
    "no-retention": "API with no training and no retention",
    "region": "API with no training and no retention, processed in the {region}",
    "private-cloud": "private cloud",
    "on-prem": "on-prem",
}
LICENSE_WORDS = {"any": "any licence", "commercial": "commercial-use licence", "osi": "OSI-approved licence"}


def fmt_score(score: float) -> str:
    """1,290 or 1,289.5 or 71.5: a bar as a person would say it (a decimal only where there is one)."""
    return f"{score:,.0f}" if float(score).is_integer() else f"{score:,.1f}"


def deployment_words(c: Constraints) -> str:
    """The deployment rung in words: "API with no training and no retention, processed in the EU"."""
    return DEPLOYMENT_WORDS.get(c.deployment, c.deployment).format(region=c.region)


def describe_constraints(c: Constraints, bench_name: str) -> str:
    """Plain text: 'on-prem · commercial-use licence · LMArena text score ≥ 1,290 · 1B tokens/month …'.
    Only what differs from "anything goes" is named, besides deployment, licence and volume."""
    parts = [deployment_words(c), LICENSE_WORDS.get(c.license, c.license)]
    if c.min_score is not None:
        parts.append(f"{bench_name} ≥ {fmt_score(c.min_score)}")
    if c.min_context_tokens:
        parts.append(f"context ≥ {format_count(c.min_context_tokens)} tokens")
    if c.max_params_b is not None:
        parts.append(f"≤ {c.max_params_b:,.0f}B parameters")
    if c.needs:
        parts.append("needs " + ", ".join(NEED_LABELS.get(n, n) for n in c.needs))
    if c.budget_usd is not None:
        parts.append(f"budget ≤ {fmt_usd(c.budget_usd)}/month")
    parts.append(f"{format_count(c.volume_tokens)} tokens/month ({c.input_share:.0%} input)")
    if c.exclude_orgs:
        parts.append("without " + ", ".join(c.exclude_orgs))
    if c.keep_unknown:
        parts.append("unknown data kept in")
    if c.include_resellers:
        parts.append("reseller prices included")
    return " · ".join(parts)


def context_line(c: Constraints, bench_name: str, passing: int, total: int, as_of: str) -> str:
    """A page's context in plain text: the constraints, how many models pass them, the data date."""
    passes = f"{passing:,} of {total:,} models pass"
    return f"{describe_constraints(c, bench_name)} → {passes} · data as of {as_of}"
