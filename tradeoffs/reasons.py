"""Each ranked model's one-line reason: its strongest and weakest factors, in words and numbers.

``factor_facts`` says per model and factor what the score rests on ("runs on-prem",
"$24k/month self-hosted at your volume", "3 hosts"); ``reason_lines`` picks from them:

  <two strongest factors by weighted contribution>, <quality and cost if not among them>;
  weakest: <the lowest-scoring weighted factor> (<its fact>)

The factors without data are said apart, by ``unknown_text`` ("2 of 10 (cost, skills)"), and
``answer_text`` gives the page's one-sentence answer.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.factors import FACTOR_BY_KEY, FACTOR_KEYS, license_conditions
from tradeoffs.openness import NOT_RATED
from tradeoffs.privacy_factors import PrivacyFacts
from tradeoffs.scorecard import MAX_POINTS, MISSING, Scorecard
from tradeoffs.text import md_escape

STRENGTHS = 2
NO_WEAK_SPOT = 0.8  # a weakest factor scoring at least this is not called weak


def money(usd: float) -> str:
    """$850, $24k, $1.2M."""
    if usd >= 1e6:
        return f"${usd / 1e6:,.1f}M"
    if usd >= 1e4:
        return f"${usd / 1e3:,.0f}k"
    if usd >= 1e3:
        return f"${usd / 1e3:,.1f}k"
    return f"${usd:,.0f}"


def _cost_fact(monthly: float, basis, note) -> str:
    if not monthly >= 0:
        return f"no cost at your volume ({note or 'no price'})"
    api = str(basis).removeprefix("api: ")
    how = "self-hosted" if str(basis).startswith("self-host") else f"via API ({api})"
    return f"{money(monthly)}/month {how} at your volume"


def _skills_fact(score: float, basis, note) -> str:
    if np.isnan(score):
        return f"self-hosting footprint unknown ({note or 'size unknown'})"
    if str(basis).startswith("api:"):
        return "used through an API: no GPU work"
    shape = str(basis).removeprefix("self-host: ")
    return f"{shape}: {re.sub(r' without .*', '', note)}" if score == 0 else f"self-hosted on {shape}"


def tokens(n: float) -> str:
    """131072 → "131K", 1048576 → "1M", 2000000 → "2M"."""
    return f"{n / 1e6:.1f}M".replace(".0M", "M") if n >= 1e6 else f"{n / 1e3:.0f}K"


def _yes(value) -> bool:
    return value is not pd.NA and value is not None and value == True  # noqa: E712 (numpy and pandas booleans)


def _integration_fact(row) -> str:
    has = {
        "tools": _yes(row.tool_calling),
        "JSON": _yes(row.structured_output),
        "vision": isinstance(row.modalities, str) and "image" in row.modalities,
    }
    parts = [name for name, ok in has.items() if ok]
    if pd.notna(row.context_tokens):
        parts.append(f"{tokens(row.context_tokens)} context")
    lacking = [name for name, ok in has.items() if not ok]
    return ", ".join(parts) + (f"{'; ' if parts else ''}no {'/'.join(lacking)}" if lacking else "")


def _viability_fact(row) -> str:
    if row.status == "deprecated":
        return "deprecated by its vendor"
    if row.status == "retired":
        return f"retired {row.retirement_date:%b %Y}" if pd.notna(row.retirement_date) else "retired"
    text = f"released {row.release_date:%b %Y}" if pd.notna(row.release_date) else "release date unknown"
    if pd.notna(row.retirement_date):
        text += f", retires {row.retirement_date:%b %Y}"
    return text


def _support_fact(row) -> str:
    if not (pd.notna(row.open_weights) and bool(row.open_weights)):
        return f"{row.n_sellers} trusted seller{'s' if row.n_sellers != 1 else ''}"
    text = f"{row.n_hosts} independent host{'s' if row.n_hosts != 1 else ''}"
    return text + (f", {int(row.hf_likes):,} Hub likes" if pd.notna(row.hf_likes) else "")


def _license_fact(name, tier, n_conditions: int) -> str:
    if pd.isna(tier):
        return "licence unknown"
    plural = "s" if n_conditions > 1 else ""
    return f"{name}" + (f" ({n_conditions} condition{plural})" if n_conditions else "")


def _quality_fact(quality: float, raw: float, label: str) -> str:
    return f"quality {quality:.2f} ({label} {raw:,.4g})" if pd.notna(quality) else f"no {label} score"


def _privacy_words(region: str) -> dict[float, str]:
    return {
        1.0: "runs on-prem",
        0.75: "private endpoint on a hyperscaler",
        0.5: f"API with no training or retention, in the {region}",
        0.25: "API with no training or retention",
        0.0: "public API only",
    }


def _transparency_facts(m: pd.DataFrame, score: pd.Series, privacy: PrivacyFacts) -> pd.Series:
    """'index: 5 open · 1 partial · 6 closed of 12 rated', 'closed weights, not rated by the index', or
    'not rated by the index'."""
    summary = privacy.index_summary.reindex(m.index)
    closed = score.eq(0) & summary.isna()
    words = ("index: " + summary.astype(object)).where(summary.notna(), NOT_RATED)
    return words.mask(closed, f"closed weights, {NOT_RATED}").astype(object)


def factor_facts(
    candidates: pd.DataFrame,
    costs: pd.DataFrame,
    scores: pd.DataFrame,
    benchmark: str,
    benchmark_label: str,
    privacy: PrivacyFacts | None = None,
) -> pd.DataFrame:
    """One short phrase per model (index) and factor (columns, FACTOR_KEYS), for the reasons."""
    m, c = candidates.reindex(scores.index), costs.reindex(scores.index)
    privacy = privacy or PrivacyFacts.empty()
    col = score_column(benchmark)
    raw = pd.to_numeric(m[col], errors="coerce") if col in m else pd.Series(np.nan, index=m.index)
    control = {1.0: "open weights", 0.5: "vendor fine-tuning", 0.0: "closed, no fine-tuning"}
    n_conditions = license_conditions(m["license_conditions"]).sum(axis=1)
    basis, note = c["cost_basis"], c["cost_note"]
    rows = list(
        m[
            [
                "n_hosts",
                "n_sellers",
                "open_weights",
                "hf_likes",
                "status",
                "release_date",
                "retirement_date",
                "tool_calling",
                "structured_output",
                "modalities",
                "context_tokens",
            ]
        ].itertuples()
    )
    return pd.DataFrame(
        {
            "quality": [
                _quality_fact(q, r, benchmark_label) for q, r in zip(scores["quality"], raw, strict=True)
            ],
            "cost": [_cost_fact(*t) for t in zip(c["monthly_usd"], basis, note, strict=True)],
            "privacy": scores["privacy"]
            .map(_privacy_words(privacy.region))
            .fillna("weights openness unknown"),
            "transparency": _transparency_facts(m, scores["transparency"], privacy),
            "control": scores["control"].map(control).fillna("weights openness unknown"),
            "license": [
                _license_fact(*t) for t in zip(m["license_name"], m["tier"], n_conditions, strict=True)
            ],
            "support": [_support_fact(r) for r in rows],
            "viability": [_viability_fact(r) for r in rows],
            "integration": [
                _integration_fact(r) if pd.notna(s) else "capabilities unknown"
                for r, s in zip(rows, scores["integration"], strict=True)
            ],
            "skills": [_skills_fact(*t) for t in zip(scores["skills"], basis, note, strict=True)],
        },
        index=scores.index,
    )[list(FACTOR_KEYS)]


def _reason(scores: np.ndarray, facts: list[str], points: np.ndarray) -> str:
    known = ~np.isnan(scores)
    contribution = np.where(known, scores, -1.0) * points
    strong = [i for i in np.argsort(-contribution, kind="stable")[:STRENGTHS] if known[i] and points[i] > 0]
    for key in ("quality", "cost"):  # the numbers a room asks for first
        i = FACTOR_KEYS.index(key)
        if known[i] and i not in strong:
            strong.append(i)
    text = ", ".join(facts[i] for i in strong)
    rest = [i for i in range(len(scores)) if known[i] and points[i] > 0 and i not in strong]
    if rest:
        weak = min(rest, key=lambda i: (scores[i], -points[i]))
        label = FACTOR_BY_KEY[FACTOR_KEYS[weak]].short.lower()
        lead = "weakest" if scores[weak] < NO_WEAK_SPOT else "no weak spot, lowest"
        text += f"; {lead}: {label} {scores[weak]:.2f} ({facts[weak]})"
    return text


def reason_lines(ranked: pd.DataFrame, facts: pd.DataFrame, card: Scorecard) -> pd.Series:
    """The one-line reason of each ranked model (same index as ``ranked``)."""
    values = ranked[list(FACTOR_KEYS)].to_numpy(dtype=float)
    fact_rows = facts.reindex(ranked.index)[list(FACTOR_KEYS)].to_numpy(dtype=object)
    points = np.asarray(card.points, float)
    lines = [_reason(v, list(f), points) for v, f in zip(values, fact_rows, strict=True)]
    return pd.Series(lines, index=ranked.index, dtype=object)


def unknown_text(unknown: tuple[str, ...]) -> str:
    """ "0 of 10", "2 of 10 (cost, skills)": how many of a model's factors have no data, and which."""
    names = ", ".join(FACTOR_BY_KEY[k].short.lower() for k in unknown)
    return f"{len(unknown)} of {len(FACTOR_KEYS)}" + (f" ({names})" if unknown else "")


def _unknown_clause(unknown: tuple[str, ...]) -> str:
    n, total = len(unknown), len(FACTOR_KEYS)
    if n == 0:
        return f"none of its {total} factors is unknown"
    return f"{n} of its {total} factors {'is' if n == 1 else 'are'} unknown"


def answer_text(
    ranked: pd.DataFrame, first_share: float, first_if_other: str | None, names: pd.Series, missing: str
) -> str:
    """The page's answer in one Markdown sentence (names escaped): #1 with its score, #2 and #3, how often
    #1 stays first under the stability draws, whether it stays first with unknowns counted the other way,
    and how many of its factors are unknown."""
    if ranked.empty:
        return "Nothing to rank: no model passes your constraints."
    top = [(md_escape(names[m]), t) for m, t in ranked["total"].head(3).items()]
    leader, unknown = ranked.index[0], _unknown_clause(ranked["unknown"].iloc[0])
    if len(top) == 1:
        return f"**{top[0][0]}** is the only model that passes your constraints ({top[0][1]:.2f}); {unknown}."
    others = " and ".join(f"{n} ({t:.2f})" for n, t in top[1:])
    other = "penalised" if missing == "neutral" else "counted neutral"
    if first_if_other == leader:
        treatment = f"and also with unknowns {other}"
    else:
        treatment = f"but not with unknowns {other} (then **{md_escape(names[first_if_other])}** leads)"
    return (
        f"**{top[0][0]}** ranks first ({top[0][1]:.2f}), ahead of {others}; it stays first in "
        f"{first_share:.0%} of random draws of the weights and unknowns, {treatment}; {unknown}."
    )


def flip_text(flip, ranked: pd.DataFrame, names: pd.Series, missing: str) -> str:
    """What would flip #1, in Markdown (names escaped; ``flip``: scoring.Flip or None)."""
    names = names.map(md_escape)
    if len(ranked) < 2:
        return "Only one model passes your constraints: there is nothing to flip."
    leader, second = ranked.index[0], ranked.index[1]
    if flip is not None and flip.on_sliders:
        label = FACTOR_BY_KEY[flip.factor].label
        verb = "Raising" if flip.change > 0 else "Lowering"
        return (
            f"{verb} **{label}** from {flip.from_points} to {flip.to_points} points puts "
            f"**{names[second]}** (#2) ahead of **{names[leader]}** — the smallest single weight change "
            f"that does, checked by ranking again."
        )
    if flip is not None:
        ratio = flip.to_points / flip.from_points if flip.from_points else None
        times = f", {ratio:.1f}× today's {flip.from_points}" if ratio else ""
        return (
            f"No slider move puts **{names[second]}** (#2) first: it would take weighting "
            f"**{FACTOR_BY_KEY[flip.factor].label}** at {flip.to_points} points{times} (the sliders stop "
            f"at {MAX_POINTS}). **{names[leader]}** is a robust #1 on these weights."
        )
    a = ranked.loc[leader, list(FACTOR_KEYS)].fillna(MISSING[missing])
    b = ranked.loc[second, list(FACTOR_KEYS)].fillna(MISSING[missing])
    ahead = [FACTOR_BY_KEY[k].label.lower() for k in FACTOR_KEYS if b[k] > a[k]]
    if not ahead:
        return (
            f"No weighting can put **{names[second]}** (#2) first: **{names[leader]}** is at least as "
            "good on every factor."
        )
    return (
        f"No single weight change, even far beyond the sliders, puts **{names[second]}** (#2) first: it "
        f"leads **{names[leader]}** only on {', '.join(ahead)}, not by enough to outweigh the rest. It "
        "would take moving several weights at once."
    )
