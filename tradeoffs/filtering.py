"""Which models pass the constraints, and in words why each other model does not.

Each rule looks at one column of the candidates table and, for the models it rejects, writes a
short reason a strategy lead understands ("license: non-commercial (CC-BY-NC-4.0)", "no open
weights, but on-prem is required", "context 8K < 32K"). Unknown data is an answer of its own:
"tool calling: unknown" excludes a model by default, and with ``keep_unknown`` the model stays in
with that text in ``unknowns``; never a silent pass, never a silent zero.

The columns come from DuckDB as nullable types (``boolean`` with ``<NA>``): every test of a flag
goes through ``is_true``/``is_false``, so that ``<NA>`` never slips through as "passes".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeoffs.catalog import score_column
from tradeoffs.constraints import API_RUNGS, Constraints, format_count

NEED_LABELS = {
    "tools": "tool calling",
    "vision": "image input",
    "json": "structured output",
    "reasoning": "reasoning mode",
    "finetune": "fine-tuning",
}
NEED_COLUMNS = {
    "tools": "tool_calling",
    "vision": "has_vision",
    "json": "structured_output",
    "reasoning": "reasoning",
}


def is_true(values: pd.Series) -> pd.Series:
    """True where the value is True; False for False and for unknown (NA/None)."""
    return values.eq(True).fillna(False).astype(bool)


def is_false(values: pd.Series) -> pd.Series:
    """True where the value is False; False for True and for unknown."""
    return values.eq(False).fillna(False).astype(bool)


class _Rule:
    """One constraint's verdict per model, in catalog order: a reason it fails, or what is unknown
    about it (None where neither). Plain arrays: a pandas mask per rule cost more than the rules."""

    def __init__(self, index: pd.Index):
        self.fails = np.full(len(index), None, dtype=object)
        self.unknown = np.full(len(index), None, dtype=object)

    def fail(self, where, text) -> _Rule:
        """``text`` (one string, or one per model) where ``where``; a later reason replaces an earlier."""
        hit = np.asarray(where, dtype=bool)
        self.fails[hit] = text if isinstance(text, str) else np.asarray(text, dtype=object)[hit]
        return self

    def unknown_if(self, where, text: str) -> _Rule:
        self.unknown[np.asarray(where, dtype=bool) & np.equal(self.fails, None)] = text
        return self


def _license_rule(df: pd.DataFrame, c: Constraints) -> _Rule:
    rule = _Rule(df.index)
    name = df["license_name"].fillna("unknown licence")
    if c.license == "commercial":
        rule.fail(df["commercial_use"].eq("no").fillna(False), "license: non-commercial (" + name + ")")
        rule.unknown_if(df["commercial_use"].isna(), "licence: unknown")
    elif c.license == "osi":
        rule.fail(is_false(df["osi_approved"]), "license: not OSI-approved (" + name + ")")
        rule.unknown_if(df["osi_approved"].isna(), "licence: unknown or not named")
    return rule


ON_PREM_FAIL = "no open weights, but on-prem is required"
PRIVATE_CLOUD_FAIL = "closed, and not offered on a private cloud (Bedrock, Azure, Vertex)"
DEPLOYMENT_FAILS = frozenset({ON_PREM_FAIL, PRIVATE_CLOUD_FAIL})
API_RUNG_FAIL_PREFIX = "no API "  # privacy.why_no_api: "no API provider meets …", "no API offering listed …"


def is_deployment_fail(reason: str) -> bool:
    """Whether a reason is the deployment constraint's (a rung of the privacy ladder)."""
    return reason in DEPLOYMENT_FAILS or reason.startswith(API_RUNG_FAIL_PREFIX)


def _deployment_rule(df: pd.DataFrame, c: Constraints, costs: pd.DataFrame) -> _Rule:
    rule = _Rule(df.index)
    if c.deployment in API_RUNGS:  # a model stays in only through a provider that qualifies
        why = costs["api_rung_fail"].reindex(df.index) if "api_rung_fail" in costs else None
        if why is None:
            raise ValueError("an API rung needs costs with api_rung_fail (cost_loaders.load_costs)")
        return rule.fail(why.notna().to_numpy(), why.to_numpy(dtype=object))
    open_, unknown = df["open_weights"], df["open_weights"].isna()
    if c.deployment == "on-prem":
        rule.fail(is_false(open_), ON_PREM_FAIL)
        rule.unknown_if(unknown, "open weights: unknown")
    elif c.deployment == "private-cloud":
        cloud = is_true(df["on_hyperscaler"])
        rule.fail(is_false(open_) & ~cloud, PRIVATE_CLOUD_FAIL)
        rule.unknown_if(unknown & ~cloud, "open weights: unknown")
    return rule


def _threshold(values: pd.Series, minimum, label: str, fmt, *, unknown_text: str) -> _Rule:
    """Fails where ``values`` < ``minimum`` ("<label> <v> < <min>"); unknown where missing."""
    rule = _Rule(values.index)
    if minimum is None or minimum == 0:
        return rule
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    low = numbers < minimum  # NaN compares False
    text = np.full(len(numbers), None, dtype=object)
    text[low] = [f"{label} {fmt(v)} < {fmt(minimum)}" for v in numbers[low]]  # only for who fails
    return rule.fail(low, text).unknown_if(np.isnan(numbers), unknown_text)


def _size_rule(df: pd.DataFrame, c: Constraints, costs: pd.DataFrame) -> _Rule:
    rule = _Rule(df.index)
    if c.max_params_b is None:
        return rule
    size, open_ = df["params_total_b"], is_true(df["open_weights"])
    hardware = costs["cost_basis"].reindex(df.index).fillna("").str.extract(r"self-host: (.*)")[0]
    text = size.map(lambda v: f"size {v:,.0f}B > {c.max_params_b:,.0f}B" if pd.notna(v) else None)
    text = text + hardware.map(lambda h: f" (needs {h})" if isinstance(h, str) and h else "")
    rule.fail(open_ & (size > c.max_params_b).fillna(False), text)
    return rule.unknown_if(open_ & size.isna(), "size: unknown")


def _budget_rule(df: pd.DataFrame, c: Constraints, costs: pd.DataFrame) -> _Rule:
    rule = _Rule(df.index)
    if c.budget_usd is None:
        return rule
    monthly = costs["monthly_usd"].reindex(df.index)
    text = monthly.map(lambda v: f"${v:,.0f}/month at your volume > budget ${c.budget_usd:,.0f}")
    rule.fail((monthly > c.budget_usd).fillna(False), text)
    return rule.unknown_if(monthly.isna(), "cost at your volume: unknown")


def _need_rules(df: pd.DataFrame, c: Constraints) -> list[_Rule]:
    out = []
    for need in c.needs:
        rule = _Rule(df.index)
        if need == "finetune":
            # Open weights can always be fine-tuned; a closed model only if its vendor sells it.
            ok = is_true(df["open_weights"]) | is_true(df["vendor_fine_tuning"])
            closed_no = is_false(df["open_weights"]) & is_false(df["vendor_fine_tuning"])
            rule.fail(closed_no, "no fine-tuning (closed weights, none sold by the vendor)")
            rule.unknown_if(~ok & ~closed_no, "fine-tuning: unknown")
        else:
            values = df[NEED_COLUMNS[need]]
            rule.fail(is_false(values), f"no {NEED_LABELS[need]}")
            rule.unknown_if(values.isna(), f"{NEED_LABELS[need]}: unknown")
        out.append(rule)
    return out


def _status_rule(df: pd.DataFrame, c: Constraints) -> _Rule:
    rule = _Rule(df.index)
    if not c.exclude_deprecated:
        return rule
    retired_on = pd.to_datetime(df["retirement_date"]).dt.strftime("%Y-%m-%d")
    rule.fail(df["status"].eq("retired").fillna(False), "retired by its vendor on " + retired_on.fillna("?"))
    return rule.fail(df["status"].eq("deprecated").fillna(False), "deprecated by its vendor")


def _rules(catalog: pd.DataFrame, costs: pd.DataFrame, c: Constraints, benchmark_name: str) -> list[_Rule]:
    column = score_column(c.benchmark)
    score = catalog[column] if column in catalog else pd.Series(float("nan"), index=catalog.index)
    orgs = _Rule(catalog.index).fail(catalog["organization"].isin(c.exclude_orgs), "organization excluded")
    return [
        _deployment_rule(catalog, c, costs),
        _license_rule(catalog, c),
        _threshold(
            score,
            c.min_score,
            benchmark_name,
            lambda v: f"{v:,.0f}",
            unknown_text=f"{benchmark_name}: no score",
        ),
        _threshold(
            catalog["context_tokens"],
            c.min_context_tokens,
            "context",
            lambda v: format_count(int(v)),
            unknown_text="context: unknown",
        ),
        _size_rule(catalog, c, costs),
        _budget_rule(catalog, c, costs),
        *_need_rules(catalog, c),
        _status_rule(catalog, c),
        orgs,
    ]


def _collect(columns: list[np.ndarray], index: pd.Index) -> pd.Series:
    """Per model, the tuple of the rules' texts (empty where none), in rule order."""
    rows: list[tuple] = [()] * len(index)
    for texts in columns:
        for i in np.flatnonzero(np.not_equal(texts, None)):
            rows[i] = (*rows[i], texts[i])
    return pd.Series(rows, index=index, dtype=object)


def evaluate(catalog: pd.DataFrame, costs: pd.DataFrame, c: Constraints, benchmark_name: str) -> pd.DataFrame:
    """The catalog plus ``reasons`` (tuple of strings, empty = passes), ``passes`` and ``unknowns``
    (what could not be checked; with ``keep_unknown`` such models pass, else it is their reason)."""
    rules = _rules(catalog, costs, c, benchmark_name)
    fails = _collect([r.fails for r in rules], catalog.index)
    unknowns = _collect([r.unknown for r in rules], catalog.index)
    if not c.keep_unknown:
        reasons = pd.Series(
            [f + u for f, u in zip(fails, unknowns, strict=True)], index=fails.index, dtype=object
        )
    else:
        reasons = fails
    return catalog.assign(reasons=reasons, passes=reasons.map(len).eq(0), unknowns=unknowns)


def reason_counts(evaluated: pd.DataFrame) -> pd.DataFrame:
    """reason, models (count), examples — every exclusion reason, most common first."""
    rows = evaluated.loc[~evaluated["passes"], ["reasons", "name"]].explode("reasons")
    # Group reasons that differ only in their numbers ("context 8K < 32K" and "context 4K < 32K").
    rung_fail = rows["reasons"].str.startswith(API_RUNG_FAIL_PREFIX)  # grouped without the providers
    rows["reasons"] = rows["reasons"].where(~rung_fail, rows["reasons"].str.split(": ").str[0])
    rows["group"] = (
        rows["reasons"]
        .str.replace(r"\d[\d,.\-]*[KMB]?", "…", regex=True)
        .str.replace(r" \(.*\)$", "", regex=True)
    )
    grouped = rows.groupby("group").agg(
        models=("name", "size"), examples=("name", lambda s: ", ".join(s[:4]))
    )
    return grouped.sort_values("models", ascending=False).reset_index().rename(columns={"group": "reason"})
