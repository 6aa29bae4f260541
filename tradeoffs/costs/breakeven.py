"""Where self-hosting gets cheaper than an API, and both costs as volume grows (for the chart).

One replica absorbs C = T_r · target_utilisation · 730 · 3600 / peak_to_average tokens/month. On step
r (volumes ((r−1)·C, r·C]) self-hosting costs the constant S_r = H + r·g (H = people, g = one
replica's GPUs + overhead) and the API c·V (c = blended price / 1e6 $ per token): the crossing on
that step is max(step start, S_r / c) when that is ≤ r·C, i.e. on the first step with
r ≥ H / (c·C − g). If c·C ≤ g each replica costs more than the API charges for its tokens: never
cheaper. Owning a fixed number of GPUs makes g part of H (g = 0) up to what those GPUs can serve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from tradeoffs.costs.api import blended_usd_per_mtok
from tradeoffs.costs.hardware import HOURS_PER_MONTH
from tradeoffs.costs.selfhost import SECONDS_PER_MONTH, SelfHostInput, replica_sizes, self_host_cost

MAX_EDGES = 150  # cost_curve draws every step edge up to this many (two rows each)
_TOL = 1e-9


@dataclass(frozen=True)
class Breakeven:
    """Where self-hosting gets cheaper than the API; kind 'unknown' when an input is missing."""

    kind: Literal["at", "never", "always", "unknown"]
    tokens_per_month: float | None
    text: str  # one sentence for a strategy lead


@dataclass(frozen=True)
class ApiPrice:
    """One API offering's list prices, $ per 1M tokens."""

    input_usd_per_mtok: float
    output_usd_per_mtok: float
    cached_input_usd_per_mtok: float | None = None


def fmt_tokens(tokens: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if tokens >= size:
            return f"{tokens / size:.3g}{suffix}"
    return f"{tokens:.3g}"


def staircase(inp: SelfHostInput, api: ApiPrice | None) -> tuple[float, float, float, float, float]:
    """(H fixed $/month, g $/month per replica, C tokens/month per replica, c API $ per token, the
    largest volume the deployment can serve: inf unless you own a fixed number of GPUs)."""
    a = inp.assumptions
    e = self_host_cost(replace(inp, tokens_per_month=0.0))
    per_replica = (
        e.tokens_per_second_per_replica * a.target_utilisation * SECONDS_PER_MONTH / a.peak_to_average
    )
    g = (
        (e.gpus_per_replica or math.nan)
        * inp.hardware.usd_per_gpu_hour
        * HOURS_PER_MONTH
        * (1 + a.ops_overhead_pct)
    )
    h, top = e.people_usd_per_month, math.inf
    if a.ownership == "own" and a.owned_gpus and e.gpus_per_replica:
        h += e.gpu_usd_per_month + e.overhead_usd_per_month  # the GPUs you own cost the same at any volume
        top, g = per_replica * (a.owned_gpus // e.gpus_per_replica), 0.0
    c = math.nan
    if api is not None:
        c = (
            blended_usd_per_mtok(
                inp.input_share,
                api.input_usd_per_mtok,
                api.output_usd_per_mtok,
                api.cached_input_usd_per_mtok,
                a.cached_input_share,
            )
            / 1e6
        )
    return float(h), float(g), float(per_replica), float(c), float(top)


def _crossing(h, g, per_replica, c, min_tokens, max_tokens) -> tuple[str, float | None, float]:
    """(kind, first volume cheaper, volume above which always cheaper) of one staircase against c·V."""
    r_min = max(1, math.ceil(min_tokens / per_replica - _TOL))
    margin = c * per_replica - g  # what one fully used replica saves per month against the API
    stays = (math.ceil((h + c * per_replica) / margin - _TOL) - 1) * per_replica if margin > 0 else math.inf
    if h + r_min * g <= c * min_tokens:
        return "always", float(min_tokens), stays
    if margin <= 0:
        return "never", None, math.inf
    r = max(r_min, math.ceil(h / margin - _TOL))  # the first step whose end is cheaper than the API
    at = max(min_tokens, (r - 1) * per_replica, (h + r * g) / c)
    return ("at", at, stays) if at <= max_tokens else ("beyond", at, stays)


def _sizes(inp: SelfHostInput) -> list[SelfHostInput]:
    """One input per replica size the model can run on (the deployment picks the cheapest per volume)."""
    return [replace(inp, replica_gpus=n) for n in replica_sizes(inp)] or [inp]


def breakeven_tokens_per_month(
    inp: SelfHostInput, api: ApiPrice, *, min_tokens: float = 1e3, max_tokens: float = 1e11
) -> Breakeven:
    """The smallest volume (tokens/month) at which self-hosting, on the cheapest replica size for each
    volume, costs no more than the API (the module docstring's staircase, for each size)."""
    found = []
    for one in _sizes(inp):
        h, g, per_replica, c, top = staircase(one, api)
        if any(math.isnan(x) for x in (h, g, per_replica, c)) or not per_replica > 0:
            continue
        found.append((*_crossing(h, g, per_replica, c, min_tokens, min(max_tokens, top)), top))
    if not found:
        missing = (
            "no API price"
            if math.isnan(staircase(inp, api)[3])
            else "the self-hosting cost is unknown (size, GPU or price)"
        )
        return Breakeven("unknown", None, f"Cannot compare: {missing}.")
    crossings = [f for f in found if f[0] in ("always", "at")]
    if not crossings:
        beyond = [f[1] for f in found if f[0] == "beyond"]
        if not beyond:
            return Breakeven(
                "never",
                None,
                "Self-hosting is never cheaper: each extra replica costs more than "
                "the API charges for the tokens it serves (its marginal cost per token is higher).",
            )
        owned = all(f[3] < math.inf for f in found)
        limit = "what your GPUs can serve" if owned else f"{fmt_tokens(max_tokens)} tokens/month"
        return Breakeven(
            "never",
            None,
            f"Self-hosting is not cheaper before {limit} (by this model it would be from "
            f"{fmt_tokens(min(beyond))}).",
        )
    kind = "always" if any(f[0] == "always" for f in crossings) else "at"
    at, stays = min(f[1] for f in crossings), min(f[2] for f in found)
    volume = f"{fmt_tokens(at)} tokens/month"
    if stays <= at:  # no later replica tips it back
        text = f"already cheaper at {volume} and above" if kind == "always" else f"cheaper above {volume}"
        return Breakeven(kind, at, f"Self-hosting is {text}.")
    start = f"{'already' if kind == 'always' else 'first'} cheaper at {volume}"
    above = f" and at every volume above {fmt_tokens(stays)}; in between,"
    tail = above if stays < max_tokens else ", though"
    return Breakeven(kind, at, f"Self-hosting is {start}{tail} each new replica can tip it back to the API.")


def cost_curve(
    inp: SelfHostInput,
    api: ApiPrice | None,
    *,
    min_tokens: float = 1e3,
    max_tokens: float = 1e11,
    points: int = 97,
) -> pd.DataFrame:
    """Columns tokens_per_month, api_usd_per_month, self_host_usd_per_month ($/month), in drawing order.

    Self-hosting at each volume on the cheapest replica size there (the lowest of the sizes'
    staircases). A log grid plus each step edge twice (level before, level after) while there are at
    most MAX_EDGES, so a line through the rows is a crisp staircase. Beyond what owned GPUs can serve
    the self-hosting cost is NaN (not drawn)."""
    stairs = [staircase(one, api) for one in _sizes(inp)]
    c = stairs[0][3]
    edges = []
    for _, g, per_replica, _, top in stairs:
        first, last = np.floor(min_tokens / per_replica) + 1, np.floor(min(max_tokens, top) / per_replica)
        if g > 0 and last - first < MAX_EDGES:  # False when per_replica is NaN: no edges to draw
            edges.append(np.arange(first, last + 1) * per_replica)
    edges = np.unique(np.concatenate(edges)) if edges else np.array([])
    tokens = np.sort(np.concatenate([np.geomspace(min_tokens, max_tokens, points), edges, edges]))
    # A step edge is drawn twice: the first copy at the level just before it, the second just after.
    after = np.r_[False, tokens[1:] == tokens[:-1]]
    levels = []
    for h, g, per_replica, _, top in stairs:
        steps = np.maximum(1.0, np.ceil(tokens / per_replica - _TOL))
        at_edge = np.isclose(tokens / per_replica, np.round(tokens / per_replica)) & (tokens >= per_replica)
        steps = steps + (after & at_edge)
        levels.append(np.where(tokens <= top, h + g * steps, np.inf))
    lowest = np.min(levels, axis=0) if levels else np.full(len(tokens), np.inf)
    return pd.DataFrame(
        {
            "tokens_per_month": tokens,
            "api_usd_per_month": c * tokens,
            "self_host_usd_per_month": np.where(np.isfinite(lowest), lowest, np.nan),
        }
    )
