"""Provider data terms in words, for the providers the app prices from: what each does with prompts and
where it processes them, unknown said as unknown (and what the strict rungs make of it)."""

from __future__ import annotations

import pandas as pd

from tradeoffs.privacy import UNKNOWN_TERMS

UNKNOWN = "unknown"
COLUMNS = [
    "provider",
    "trains",
    "retains",
    "zdr",
    "headquarters",
    "datacenters",
    "meets",
    "models",
    "source",
    "as_of",
    "privacy_policy_url",
]


def _yes_no(value) -> str:
    return UNKNOWN if value is None or pd.isna(value) else ("yes" if bool(value) else "no")


def _retains(value, days) -> str:
    if value is None or pd.isna(value):
        return UNKNOWN
    if not bool(value):
        return "no"
    return f"yes, {int(days)} days" if days is not None and pd.notna(days) else "yes (days not stated)"


def _meets(trains: str, retains: str, zdr: str) -> str:
    """Whether the stated terms pass "no training, no retention" (a ZDR option may pass per endpoint)."""
    if trains == UNKNOWN or retains == UNKNOWN:
        return UNKNOWN_TERMS
    if trains == "yes":
        return "no: may train on prompts"
    if retains != "no":
        return (
            "only with zero data retention (endpoint or contract)" if zdr == "yes" else "no: retains prompts"
        )
    return "yes"


def terms_table(policies: pd.DataFrame, offerings: pd.DataFrame) -> pd.DataFrame:
    """One row per provider that has an offering: trains / retains / ZDR in words, headquarters,
    datacenter countries ("unknown" when not published), whether the terms meet "no training, no
    retention", how many models it prices, source and date; providers with the most models first."""
    counts = offerings.groupby("provider")["model_id"].nunique().rename("models")
    rows = counts.rename_axis("provider").reset_index().merge(policies, on="provider", how="left")
    out = pd.DataFrame(
        {
            "provider": rows["provider"],
            "trains": rows["trains_on_prompts"].map(_yes_no),
            "retains": [
                _retains(v, d) for v, d in zip(rows["retains_prompts"], rows["retention_days"], strict=True)
            ],
            "zdr": rows["zero_data_retention"].map(lambda v: "yes" if v is True else UNKNOWN),
            "headquarters": rows["headquarters"].fillna(UNKNOWN),
            "datacenters": rows["datacenter_countries"].fillna(UNKNOWN),
            "models": rows["models"],
            "source": rows["source"].fillna("no published terms found"),
            "as_of": pd.to_datetime(rows["as_of"]).dt.strftime("%Y-%m-%d").fillna(UNKNOWN),
            "privacy_policy_url": rows["privacy_policy_url"].fillna(""),
        }
    )
    out["meets"] = [
        _meets(t, r, z) for t, r, z in zip(out["trains"], out["retains"], out["zdr"], strict=True)
    ]
    return out.sort_values(["models", "provider"], ascending=[False, True])[COLUMNS].reset_index(drop=True)


def known_share(table: pd.DataFrame) -> tuple[int, int]:
    """(providers whose prompt terms are known, providers in the table)."""
    known = table["trains"].ne(UNKNOWN) & table["retains"].ne(UNKNOWN)
    return int(known.sum()), len(table)
