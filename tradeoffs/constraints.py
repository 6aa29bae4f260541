"""The workshop's constraints, and how they travel in the URL.

``Constraints`` is the whole sidebar as a value. ``to_query`` writes it as readable query
parameters (defaults left out, so a plain link stays short); ``from_query`` reads any URL back and
never raises: each value it cannot use (unknown option, not a number, out of range, unknown model,
absurdly long) is ignored, the default stands, and a warning names it.

URL parameters: deployment, region, precision, license, benchmark, min_score, min_context, max_params, volume,
input_pct, budget, needs, deprecated, unknown, resellers, exclude_orgs, shortlist, cost (axis),
data (date~version).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation

# The privacy ladder (tradeoffs/privacy.py), least to most restrictive: any API · an API that neither trains
# on nor retains prompts · that, processed in a region · a private cloud in your account · on-prem.
DEPLOYMENTS = ("any", "no-retention", "region", "private-cloud", "on-prem")
API_RUNGS = ("no-retention", "region")  # the rungs that keep a model only through a qualifying provider
REGIONS = ("EU", "US")  # processing regions the "region" rung can ask for (privacy.REGIONS)
LICENSES = ("any", "commercial", "osi")
NEEDS = ("tools", "vision", "json", "reasoning", "finetune")
COST_VIEWS = ("list", "monthly")
INPUT_PCT_RANGE = (5, 95)  # percent of tokens that are input: what the sidebar slider allows
MAX_VALUE_CHARS = 400
MAX_LIST_ITEMS = 40
_SUFFIX = {"k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
DATA_PARAM = "data"


@dataclass(frozen=True)
class Constraints:
    """What a model must satisfy (and how to look at the result). Units are in the names."""

    deployment: str = "any"  # a rung of DEPLOYMENTS (on-prem needs open weights)
    region: str = "EU"  # where an API must process prompts, for deployment "region"
    full_precision: bool = False  # prefer hosts serving the weights at their native precision
    license: str = "any"  # any | commercial (yes or conditional) | osi (OSI-approved)
    benchmark: str = "arena_text"
    min_score: float | None = None
    min_context_tokens: int = 0
    max_params_b: float | None = None  # largest open model the team can host (total params)
    volume_tokens: int = 100_000_000  # per month
    input_share: float = 0.75  # share of tokens that are input (prompt)
    budget_usd: float | None = None  # per month
    needs: tuple[str, ...] = ()
    exclude_deprecated: bool = True  # leaves out deprecated and retired models
    keep_unknown: bool = False  # a model whose data cannot answer a constraint stays in (marked)
    include_resellers: bool = False  # prices of routers and unverified resellers count too
    exclude_orgs: tuple[str, ...] = ()
    shortlist: tuple[str, ...] = ()
    cost_view: str = "list"  # Explore's x axis: list price per 1M tokens, or $ per month at the volume


@dataclass(frozen=True)
class Domain:
    """What the data allows: valid benchmarks, organisations and model ids."""

    benchmarks: frozenset[str]
    organizations: frozenset[str] = frozenset()
    model_ids: frozenset[str] = frozenset()


@dataclass
class Parsed:
    constraints: Constraints
    extra: dict[str, str] = field(default_factory=dict)  # parameters owned by other modules (costs…)
    warnings: list[str] = field(default_factory=list)
    data_tag: str | None = None  # the data version the link was made on


# ---- formatting ----------------------------------------------------------------------------------


def format_count(n: int) -> str:
    """1000000000 → "1B", 1500000 → "1.5M", 123456 → "123456": short, and reads back exactly."""
    for suffix in ("t", "b", "m", "k"):
        unit = _SUFFIX[suffix]
        if n >= unit and n % unit == 0:
            return f"{n // unit}{suffix.upper()}"
        if n >= unit and (n * 10) % unit == 0:
            return f"{n // unit}.{(n * 10 // unit) % 10}{suffix.upper()}"
    return str(n)


def format_number(x: float) -> str:
    return repr(float(x)).removesuffix(".0")


def to_query(c: Constraints, data_tag: str | None = None) -> dict[str, str]:
    """Query parameters for ``c``, without the defaults."""
    default = Constraints()
    out: dict[str, str] = {}
    simple = {"deployment": "deployment", "license": "license", "benchmark": "benchmark", "cost_view": "cost"}
    for attr, param in simple.items():
        if getattr(c, attr) != getattr(default, attr):
            out[param] = getattr(c, attr)
    if c.region != default.region:
        out["region"] = c.region
    if c.full_precision:
        out["precision"] = "full"
    if c.min_score is not None:
        out["min_score"] = format_number(c.min_score)
    if c.min_context_tokens:
        out["min_context"] = format_count(c.min_context_tokens)
    if c.max_params_b is not None:
        out["max_params"] = format_number(c.max_params_b)
    if c.volume_tokens != default.volume_tokens:
        out["volume"] = format_count(c.volume_tokens)
    if c.input_share != default.input_share:
        out["input_pct"] = format_number(round(c.input_share * 100, 6))
    if c.budget_usd is not None:
        out["budget"] = format_number(c.budget_usd)
    for attr in ("needs", "exclude_orgs", "shortlist"):
        if getattr(c, attr):
            out[attr] = ",".join(getattr(c, attr))
    if not c.exclude_deprecated:
        out["deprecated"] = "show"
    if c.keep_unknown:
        out["unknown"] = "keep"
    if c.include_resellers:
        out["resellers"] = "include"
    if data_tag:
        out[DATA_PARAM] = data_tag
    return out


# ---- parsing -------------------------------------------------------------------------------------


class _Bad(ValueError):
    """A value that cannot be used; the message says why, in words."""


def parse_count(text: str) -> int:
    """ "1B", "1.5M", "32k", "1000000" → an int; anything else raises ValueError."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMbBtT]?)\s*", text)
    if not m:
        raise _Bad("not a number")
    try:
        value = Decimal(m.group(1)) * _SUFFIX.get(m.group(2).lower(), 1)
    except InvalidOperation as exc:
        raise _Bad("not a number") from exc
    if value != value.to_integral_value():
        raise _Bad("not a whole number of tokens")
    return int(value)


def _number(text: str, lo: float, hi: float) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise _Bad("not a number") from exc
    if not math.isfinite(value) or not lo <= value <= hi:
        raise _Bad(f"outside {format_number(lo)}–{format_number(hi)}")
    return value


def _choice(text: str, options) -> str:
    if text not in options:
        raise _Bad(f"not one of {', '.join(sorted(options))}")
    return text


def _items(text: str, options, what: str, warnings: list[str], param: str) -> tuple[str, ...]:
    items = [i.strip() for i in text.split(",") if i.strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise _Bad(f"more than {MAX_LIST_ITEMS} items")
    unknown = [i for i in items if options is not None and i not in options]
    if unknown:
        warnings.append(f"ignored {what} in '{param}': {', '.join(unknown)}")
    return tuple(dict.fromkeys(i for i in items if i not in unknown))


def _parsers(domain: Domain, warnings: list[str]):
    """param → (Constraints attribute, function text → value)."""
    return {
        "deployment": ("deployment", lambda t: _choice(t, DEPLOYMENTS)),
        "region": ("region", lambda t: _choice(t.upper(), REGIONS)),
        "precision": ("full_precision", lambda t: _choice(t, ("full", "any")) == "full"),
        "license": ("license", lambda t: _choice(t, LICENSES)),
        "benchmark": ("benchmark", lambda t: _choice(t, domain.benchmarks)),
        "cost": ("cost_view", lambda t: _choice(t, COST_VIEWS)),
        "min_score": ("min_score", lambda t: _number(t, 0, 5000)),
        "min_context": ("min_context_tokens", lambda t: _in_range(parse_count(t), 0, 100_000_000)),
        "max_params": ("max_params_b", lambda t: _number(t, 0.1, 100_000)),
        "volume": ("volume_tokens", lambda t: _in_range(parse_count(t), 1_000, 10**13)),
        # The slider's own range: a share it cannot show would stop every page before it is drawn.
        "input_pct": ("input_share", lambda t: _number(t, INPUT_PCT_RANGE[0], INPUT_PCT_RANGE[1]) / 100),
        "budget": ("budget_usd", lambda t: _number(t, 0, 1e12)),
        "needs": ("needs", lambda t: _items(t, NEEDS, "unknown capabilities", warnings, "needs")),
        "exclude_orgs": (
            "exclude_orgs",
            lambda t: _items(
                t, domain.organizations or None, "unknown organizations", warnings, "exclude_orgs"
            ),
        ),
        "shortlist": (
            "shortlist",
            lambda t: _items(t, domain.model_ids or None, "unknown model ids", warnings, "shortlist"),
        ),
        "deprecated": ("exclude_deprecated", lambda t: _choice(t, ("show", "hide")) == "hide"),
        "unknown": ("keep_unknown", lambda t: _choice(t, ("keep", "exclude")) == "keep"),
        "resellers": ("include_resellers", lambda t: _choice(t, ("include", "exclude")) == "include"),
    }


def _in_range(value: int, lo: int, hi: int) -> int:
    if not lo <= value <= hi:
        raise _Bad(f"outside {format_count(lo)}–{format_count(hi)}")
    return value


def from_query(
    params: Mapping[str, object], domain: Domain, extra_params: frozenset[str] = frozenset()
) -> Parsed:
    """Constraints from query parameters; never raises (see the module docstring)."""
    warnings: list[str] = []
    parsers = _parsers(domain, warnings)
    values: dict[str, object] = {}
    extra: dict[str, str] = {}
    data_tag = None
    for param, raw in params.items():
        text = raw[-1] if isinstance(raw, list) and raw else raw
        text = text if isinstance(text, str) else str(text)
        shown = param if len(param) <= 40 else param[:40] + "…"
        if len(text) > MAX_VALUE_CHARS:
            warnings.append(f"ignored '{shown}': value longer than {MAX_VALUE_CHARS} characters")
        elif param == DATA_PARAM:
            data_tag = text
        elif param in extra_params:
            extra[param] = text
        elif param not in parsers:
            warnings.append(f"ignored unknown parameter '{shown}'")
        else:
            attr, parse = parsers[param]
            try:
                values[attr] = parse(text)
            except (_Bad, ValueError) as exc:
                warnings.append(f"ignored {param}={text[:60]!r}: {exc}")
    return Parsed(replace(Constraints(), **values), extra, warnings, data_tag)


CONSTRAINT_FIELDS = tuple(f.name for f in fields(Constraints))
