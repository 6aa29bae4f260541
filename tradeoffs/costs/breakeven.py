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
from tradeoffs.costs.selfhost import SECONDS_PER_MONTH, SelfHostInput, self_host_cost

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


def breakeven_tokens_per_month(
    inp: SelfHostInput, api: ApiPrice, *, min_tokens: float = 1e3, max_tokens: float = 1e11
) -> Breakeven:
    """The smallest volume (tokens/month) at which self-hosting costs no more than the API, per step."""
    h, g, per_replica, c, top = staircase(inp, api)
    if any(math.isnan(x) for x in (h, g, per_replica, c)) or not per_replica > 0:
        missing = "no API price" if math.isnan(c) else "the self-hosting cost is unknown (size, GPU or price)"
        return Breakeven("unknown", None, f"Cannot compare: {missing}.")
    max_tokens = min(max_tokens, top)
    r_min = max(1, math.ceil(min_tokens / per_replica - _TOL))
    margin = c * per_replica - g  # what one fully used replica saves per month against the API
    stays = (math.ceil((h + c * per_replica) / margin - _TOL) - 1) * per_replica if margin > 0 else math.inf
    if h + r_min * g <= c * min_tokens:
        kind, at = "always", float(min_tokens)
    elif margin <= 0:
        return Breakeven(
            "never",
            None,
            "Self-hosting is never cheaper: each extra replica costs more than "
            "the API charges for the tokens it serves (its marginal cost per token is higher).",
        )
    else:
        r = max(r_min, math.ceil(h / margin - _TOL))  # the first step whose end is cheaper than the API
        kind, at = "at", max(min_tokens, (r - 1) * per_replica, (h + r * g) / c)
        if at > max_tokens:
            limit = "what your GPUs can serve" if top < math.inf else f"{fmt_tokens(max_tokens)} tokens/month"
            return Breakeven(
                "never",
                None,
                f"Self-hosting is not cheaper before {limit} (by this model it would be from "
                f"{fmt_tokens(at)}).",
            )
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

    A log grid plus each step edge of the staircase twice (level before, level after) while there are
    at most MAX_EDGES, so a line through the rows is a crisp staircase: ≤ points + 300 rows. Beyond what
    owned GPUs can serve the self-hosting cost is NaN (not drawn)."""
    h, g, per_replica, c, top = staircase(inp, api)
    tokens = np.geomspace(min_tokens, max_tokens, points)
    steps = np.maximum(1.0, np.ceil(tokens / per_replica - _TOL))
    first, last = np.floor(min_tokens / per_replica) + 1, np.floor(min(max_tokens, top) / per_replica)
    if g > 0 and last - first < MAX_EDGES:  # False when per_replica is NaN: no edges to draw
        edges = np.arange(first, last + 1)
        tokens = np.concatenate([tokens, edges * per_replica, edges * per_replica])
        steps = np.concatenate([steps, edges, edges + 1])
    order = np.lexsort((steps, tokens))
    tokens, steps = tokens[order], steps[order]
    self_host = np.where(tokens <= top, h + g * steps, np.nan)
    return pd.DataFrame(
        {"tokens_per_month": tokens, "api_usd_per_month": c * tokens, "self_host_usd_per_month": self_host}
    )
