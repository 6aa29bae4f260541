"""The decision factors, each scored in [0, 1] for every candidate model, and the facts behind each score.

``factor_scores`` gives one column per factor (1 = best); a model whose data does not allow a score
gets NaN ("unknown"), never a silent 0 — the scorecard's missing-data setting decides what an
unknown counts as. ``FACTORS`` holds each formula in plain words, for the page to show.

Relative factors are normalised among the candidates (the models passing the constraints), so they
say how a model compares with its alternatives: quality (min–max) and cost (log scale). The others
are absolute, so adding or removing a candidate never changes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.openness import TRANSPARENCY_FORMULA
from tradeoffs.privacy_factors import CLOSED_TRANSPARENCY, PrivacyFacts, privacy_score, transparency_score

FRESH_YEARS = 3.0  # a model this old (at the data's as-of date) gets no freshness credit
FULL_HOSTS = 20  # this many independent hosts = full support credit
FULL_LIKES = 1000  # this many Hugging Face likes = full community credit
CONTEXT_RANGE = (8_000, 1_000_000)  # context window scale: 8K tokens → 0, 1M → 1 (log scale)
LICENSE_TIER_SCORE = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.0, 5: 0.4}
LICENSE_CONDITION_PENALTY = 0.1
LICENSE_FLOOR = 0.2  # tier 3 never drops below this however many conditions it has
# Restrictive conditions found in a licence's plain-words summary (one penalty per kind).
LICENSE_CONDITIONS = {
    "user or revenue cap": r"monthly active users|\bMAU\b|annual revenue|monthly revenue",
    "use restrictions": r"acceptable use|forbidden uses|prohibited use|use-based restrictions|guardrails",
    "no training other models on outputs": r"may not be used to improve",
    "regions excluded": r"\bEU\b",
    "hosting as a service needs another licence": r"hosted or managed service",
    "terms not reviewed": r"not reviewed|not identified",
}
SKILLS_BY_GPUS = ((1, 0.8), (8, 0.6))  # self-hosted on ≤ 1 GPU → 0.8, ≤ 8 (one node) → 0.6, more → 0.3
SKILLS_MULTI_NODE = 0.3


@dataclass(frozen=True)
class Factor:
    key: str  # in the URL (weights=quality:8)
    label: str  # a decision factor of the framework
    short: str  # a table column
    measured_by: str
    formula: str  # plain words, shown on the page
    unknown_when: str  # "when …" or "never …"


FACTORS: tuple[Factor, ...] = (
    Factor(
        "quality",
        "Quality & performance",
        "Quality",
        "score on the chosen benchmark",
        "Min–max among the candidates: the best-scoring candidate gets 1, the lowest 0.",
        "when the model has no score on the chosen benchmark",
    ),
    Factor(
        "cost",
        "Cost",
        "Cost",
        "$ per month at your volume and deployment (the cost model)",
        "Log scale among the candidates, cheaper is better: the cheapest gets 1, the dearest 0, and "
        "each halving of the bill is worth the same.",
        "when there is no price at your volume (no API price, or size unknown for self-hosting)",
    ),
    Factor(
        "privacy",
        "Data privacy & security",
        "Privacy",
        "the most private way the model can be run (the privacy ladder)",
        "Open weights (can run on-prem or in your own VPC) 1 · closed but offered on a hyperscaler "
        "(Bedrock, Azure, Vertex: a private endpoint in your cloud account) 0.75 · an API whose provider "
        "states it neither trains on nor retains prompts, processed in your region (the sidebar's, EU unless "
        "set) 0.5 · such an API elsewhere 0.25 · public API only, or the providers' terms unknown 0.",
        "when it is not known whether the weights are open",
    ),
    Factor(
        "transparency",
        "Transparency & openness",
        "Transparency",
        "the European Open Source AI Index's ratings (data, code, weights, papers, licence)",
        f"{TRANSPARENCY_FORMULA} Closed weights, which the index does not rate, count "
        f"{CLOSED_TRANSPARENCY:g}: the only dimensions known, its weights, are closed by definition.",
        "when the index has not rated an open-weights model",
    ),
    Factor(
        "control",
        "Customisation & control",
        "Control",
        "open weights; vendor fine-tuning",
        "Open weights (fine-tune, modify, pin the version) 1 · closed with a vendor fine-tuning "
        "offering 0.5 · closed, no fine-tuning found 0.",
        "when it is not known whether the weights are open",
    ),
    Factor(
        "license",
        "Legal & licensing",
        "Licence",
        "licence tier and its conditions",
        "Tier 1 (OSI permissive) 1 · tier 2 (other open licence) 0.8 · tier 3 (open with conditions) 0.6 "
        "minus 0.1 per restrictive condition (user or revenue cap, use restrictions, no training other "
        "models on outputs, regions excluded, hosting as a service needs another licence, terms not "
        "reviewed), at least 0.2 · tier 4 "
        "(non-commercial) 0 · tier 5 (proprietary API terms: no rights to the weights, terms the vendor "
        "can change) 0.4.",
        "when the licence is not known",
    ),
    Factor(
        "support",
        "Support & community",
        "Support",
        "independent hosts; Hugging Face likes",
        f"Hosts: log(1 + hosts) ÷ log(1 + {FULL_HOSTS}), capped at 1 ({FULL_HOSTS}+ independent hosts of "
        f"the open weights = full marks; for a closed model, its trusted sellers: the lab and clouds; "
        f"routers and resellers never count). For open models with a Hub page, averaged with likes on the "
        f"same log scale "
        f"({FULL_LIKES:,}+ likes = full marks).",
        "never (a model no provider serves counts 0 hosts)",
    ),
    Factor(
        "viability",
        "Long-term viability",
        "Viability",
        "age, single-vendor dependence, deprecation",
        f"Average of freshness (1 when new, 0 at {FRESH_YEARS:g} years old at the data's date) and exit "
        "path (open weights 1 · closed, sold by its lab and a cloud 0.5 · closed from one seller 0); halved "
        "when a retirement date is announced, 0 when deprecated or retired.",
        "when the release date is not known",
    ),
    Factor(
        "integration",
        "Integration",
        "Integration",
        "tool calling, structured output, image input, context window",
        "Average of the known parts: tool calling (1/0), structured output (1/0), image input (1/0), and "
        "context window on a log scale (8K tokens 0, 128K 0.6, 1M 1).",
        "when none of the four is known",
    ),
    Factor(
        "skills",
        "Skills & resources",
        "Skills",
        "self-hosting feasibility for your team (TCO panel)",
        "Used through an API: 1 (no GPU work) · self-hosted on 1 GPU 0.8 · on one node (2–8 GPUs) 0.6 · "
        "across nodes 0.3 · not feasible for your team as assumed (too few MLOps engineers) 0.",
        "when the self-hosting footprint is unknown (size unknown) and no API is used",
    ),
)
FACTOR_KEYS: tuple[str, ...] = tuple(f.key for f in FACTORS)
FACTOR_BY_KEY = {f.key: f for f in FACTORS}


def _bool(values: pd.Series) -> pd.Series:
    """Nullable booleans as floats: True 1, False 0, unknown NaN."""
    return values.astype("boolean").astype("Float64").astype(float)


def _unit_log(values: pd.Series, full: float) -> pd.Series:
    return (np.log1p(values.astype(float)) / np.log1p(full)).clip(0, 1)


def quality_score(score: pd.Series) -> pd.Series:
    lo, hi = score.min(), score.max()
    if not hi > lo:  # one candidate, or all equal: each is the best there is
        return score.where(score.isna(), 1.0)
    return (score - lo) / (hi - lo)


def cost_score(monthly_usd: pd.Series) -> pd.Series:
    log_cost = np.log10(monthly_usd.astype(float).clip(lower=1.0))  # a free tier counts as $1
    lo, hi = log_cost.min(), log_cost.max()
    if not hi > lo:
        return log_cost.where(log_cost.isna(), 1.0)
    return (hi - log_cost) / (hi - lo)


def license_conditions(text: pd.Series) -> pd.DataFrame:
    """One boolean column per kind of restrictive condition found in the licence summary."""
    text = text.fillna("").astype(str)
    return pd.DataFrame(
        {name: text.str.contains(rx, case=False, regex=True) for name, rx in LICENSE_CONDITIONS.items()},
        index=text.index,
    )


def license_score(tier: pd.Series, conditions: pd.Series) -> pd.Series:
    base = tier.astype("Float64").astype(float).map(LICENSE_TIER_SCORE)
    penalty = LICENSE_CONDITION_PENALTY * license_conditions(conditions).sum(axis=1)
    tier3 = (base - penalty).clip(lower=LICENSE_FLOOR)
    return base.where(tier.ne(3).fillna(True), tier3)


def _exit_path(open_weights: pd.Series, n_sellers: pd.Series) -> pd.Series:
    closed = np.where(n_sellers >= 2, 0.5, 0.0)
    return _bool(open_weights).where(open_weights.isna(), np.where(open_weights.fillna(False), 1.0, closed))


def viability_score(m: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    age_years = (as_of - pd.to_datetime(m["release_date"])).dt.days / 365.25
    freshness = (1 - age_years / FRESH_YEARS).clip(0, 1)
    exit_path = _exit_path(m["open_weights"], m["n_sellers"])
    mean = pd.concat([freshness, exit_path], axis=1).mean(axis=1, skipna=True).where(freshness.notna())
    gone = m["status"].isin(["deprecated", "retired"])
    lifecycle = np.where(gone, 0.0, np.where(m["retirement_date"].notna(), 0.5, 1.0))
    return mean * lifecycle


def integration_score(m: pd.DataFrame) -> pd.Series:
    lo, hi = CONTEXT_RANGE
    context = m["context_tokens"].astype("Float64").astype(float)
    modalities = m["modalities"].astype(object)
    parts = pd.DataFrame(
        {
            "tools": _bool(m["tool_calling"]),
            "json": _bool(m["structured_output"]),
            "vision": modalities.map(lambda v: float("image" in v) if isinstance(v, str) else np.nan),
            # At or below lo: 0 (a source's 0 means "not a text model"; no log of 0); NaN stays unknown.
            "context": (np.log(np.maximum(context, lo) / lo) / np.log(hi / lo)).clip(0, 1),
        },
        index=m.index,
    )
    return parts.mean(axis=1, skipna=True)  # NaN only when no part is known


def gpus_per_replica(cost_basis: pd.Series) -> pd.Series:
    """GPUs in one self-hosted replica, read from the cost basis ('self-host: 4×H100 ×2 replicas')."""
    return pd.to_numeric(
        cost_basis.astype(object).astype("string").str.extract(r"self-host: (\d+)×")[0], errors="coerce"
    ).astype(float)


def skills_score(costs: pd.DataFrame) -> pd.Series:
    basis = costs["cost_basis"].astype(object).fillna("").astype(str)
    gpus = gpus_per_replica(costs["cost_basis"])
    (one, one_score), (node, node_score) = SKILLS_BY_GPUS
    hosted = np.select(
        [gpus <= one, gpus <= node, gpus > node], [one_score, node_score, SKILLS_MULTI_NODE], np.nan
    )
    out = pd.Series(np.where(basis.str.startswith("api:"), 1.0, hosted), index=costs.index)
    infeasible = gpus.notna() & ~costs["feasible"].astype("boolean").fillna(False).astype(bool)
    return out.mask(infeasible, 0.0)


def factor_scores(
    candidates: pd.DataFrame, costs: pd.DataFrame, benchmark: str, as_of, facts: PrivacyFacts | None = None
) -> pd.DataFrame:
    """One column per factor (FACTOR_KEYS order), in [0, 1], NaN = unknown; indexed like ``candidates``.

    ``candidates``: catalog rows (see catalog.build_catalog); ``costs``: per model monthly_usd,
    cost_basis, feasible (cost_loaders.load_costs); ``as_of``: the data's date, from which ages are taken;
    ``facts``: the privacy ladder's rungs and the openness index (None: none known)."""
    m, c = candidates, costs.reindex(candidates.index)
    facts = facts or PrivacyFacts.empty()
    col = score_column(benchmark)
    score = pd.to_numeric(m[col], errors="coerce") if col in m else pd.Series(np.nan, index=m.index)
    open_ = _bool(m["open_weights"])
    # Open weights: independent hosts; closed: the trusted sellers of the one vendor's model.
    hosts = _unit_log(m["n_hosts"].where(_bool(m["open_weights"]).eq(1), m["n_sellers"]), FULL_HOSTS)
    likes = _unit_log(m["hf_likes"].astype("Float64").astype(float), FULL_LIKES)
    closed_control = np.where(m["vendor_fine_tuning"].astype("boolean").fillna(False).astype(bool), 0.5, 0.0)
    out = pd.DataFrame(
        {
            "quality": quality_score(score.astype(float)),
            "cost": cost_score(c["monthly_usd"]),
            "privacy": privacy_score(m, facts.api_rung),
            "transparency": transparency_score(m, facts.transparency),
            "control": open_.where(open_.isna() | open_.eq(1), closed_control),
            "license": license_score(m["tier"], m["license_conditions"]),
            "support": pd.concat([hosts, likes], axis=1).mean(axis=1, skipna=True),
            "viability": viability_score(m, pd.Timestamp(as_of)),
            "integration": integration_score(m),
            "skills": skills_score(c),
        },
        index=m.index,
    )
    return out[list(FACTOR_KEYS)].astype(float)
