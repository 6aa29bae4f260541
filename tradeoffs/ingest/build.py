"""Staged observations of every source → the canonical tables (models, aliases, offerings, …).

Model attributes come from attributes.py. Offerings keep one row per model × provider,
preferring a current, exact (not a variant's) and fresh price. Scores keep one row per model ×
benchmark from the preferred source, and the best of a model's variants there (a reasoning
variant's score counts for the model). Everything is sorted so the output is byte-stable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeoffs.ingest.attributes import FIELD_ORDER, LAB, build_models, pick
from tradeoffs.ingest.curated import Curated
from tradeoffs.ingest.match import match_key
from tradeoffs.ingest.price_checks import (
    drop_price_outliers,
    hold_back_below_list,
    hold_back_cheap_quotes,
    trusted_offering,
)
from tradeoffs.ingest.registry import IdentityRules, add_keys, assign_models, plain_id
from tradeoffs.ingest.staging import Staged
from tradeoffs.schema import ALIASES, OFFERINGS, PRICE_HISTORY, SCORE_HISTORY, SCORES, SERVING_MEASUREMENTS

BENCHMARK_ORDER = {
    # One Arena scale: style-controlled only. The CSV export's scores are on the raw scale (up to
    # 135 points apart), so it names models and licences but gives no score.
    "arena_text": ("arena-daily", "lmarena-catalog"),
    "eci": ("epoch-benchmarks",),
    "gpqa_diamond": ("epoch-benchmarks", "models.dev"),
    "swe_bench_verified": ("epoch-benchmarks", "models.dev"),
    "mmlu": ("hf-leaderboard", "epoch-benchmarks"),
    "mmlu_pro": ("hf-leaderboard",),
}
REFRESH_ORDER = (
    "models.dev",
    "openrouter",
    "arena-daily",
    "litellm",
    "genai-prices",
    "lmarena-catalog",
    "lmarena-csv",
    "lmarena-history",
    "epoch-benchmarks",
    "epoch-models",
    "hf-leaderboard",
    "hf-hub",
)


@dataclass
class Built:
    tables: dict[str, pd.DataFrame]
    unmatched: pd.DataFrame  # refresh, source, source_id
    warnings: list[str]


def _concat(staged: dict[str, Staged], kind: str) -> pd.DataFrame:
    parts = [s.table(kind).assign(refresh=name) for name, s in sorted(staged.items()) if len(s.table(kind))]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _providers(curated: Curated) -> pd.DataFrame:
    return curated.providers.set_index("raw")


def _observations(staged: dict[str, Staged], curated: Curated) -> pd.DataFrame:
    """All model observations with match keys, origin labels and the model each belongs to.

    A price source's row is first-party (``litellm:first``…) when its provider is the lab that
    made the model: Alibaba's cloud also resells DeepSeek, and that listing speaks for Alibaba only.
    """
    obs = _concat(staged, "models")
    offers = _concat(staged, "offerings")
    provider_of = offers.drop_duplicates(["refresh", "source_id"]).set_index(["refresh", "source_id"])[
        "provider"
    ]
    raw = pd.Series(list(zip(obs["refresh"], obs["source_id"], strict=True))).map(provider_of.to_dict())
    prov = _providers(curated)
    kind, prov_org = raw.map(prov["kind"].to_dict()), raw.map(prov["organization"].to_dict())
    priced = obs["refresh"].isin(["models.dev", "litellm", "genai-prices"])
    # A router's or reseller's listing (or an unclassified provider's) speaks for no model attribute.
    resale = (kind.isin(["router", "reseller"]) | (raw.notna() & kind.isna())).to_numpy()
    origin = obs["refresh"].where(~priced, obs["refresh"] + np.where(resale, ":resale", ":other"))
    # models.dev names the lab only on its provider-agnostic records (models/<lab>/<model>.toml).
    origin = origin.mask((obs["refresh"] == "models.dev") & obs["organization"].notna(), LAB)
    # Price sources define a model only through the lab's own listing of a text LLM (models.dev).
    lab_listing = (obs["refresh"] == "models.dev").to_numpy() & (
        kind.eq("lab").to_numpy() | (origin == LAB).to_numpy()
    )
    defining = obs["defines"].fillna(False).astype(bool).to_numpy() & (~priced.to_numpy() | lab_listing)
    obs = obs.assign(origin=origin, defining=defining)
    obs = assign_models(add_keys(obs), curated.manual_aliases, curated.rules)
    org = pick(
        obs.assign(organization=obs["organization"].map(curated.organization)),
        "organization",
        FIELD_ORDER["organization"],
    )["organization"]
    same_org = prov_org.eq(obs["model_id"].map(org.to_dict())).to_numpy() & prov_org.notna().to_numpy()
    first = priced.to_numpy() & same_org & obs["model_id"].notna().to_numpy()
    return obs.assign(origin=obs["origin"].mask(first, obs["refresh"] + ":first"))


def _id_map(obs: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(namespace, id) → model_id for every matched observation and the ids it links to."""
    known = obs[obs["model_id"].notna()]
    own = dict(zip(zip(known["source"], known["source_id"], strict=True), known["model_id"], strict=True))
    linked = known[known["alt_id"].notna() & (known["alt_id"] != "")]
    alt = dict(zip(zip(linked["alt_source"], linked["alt_id"], strict=True), linked["model_id"], strict=True))
    return {**alt, **own}


def _resolve(df: pd.DataFrame, obs: pd.DataFrame, rules: IdentityRules | None = None) -> pd.DataFrame:
    """Rows of a staged table with the model_id (and exactness) of their (source, source_id).

    A moving alias (``deepseek-chat``) resolves by the row's as-of date to the model it served then."""
    if df.empty:
        return df.assign(model_id=pd.Series(dtype=object), primary=pd.Series(dtype=bool))
    ids = _id_map(obs)
    primary = dict(zip(zip(obs["source"], obs["source_id"], strict=True), obs["primary"], strict=True))
    keys = list(zip(df["source"], df["source_id"], strict=True))
    model_ids = [ids.get(k) for k in keys]
    if rules is not None and rules.moving:
        as_of = df["as_of"] if "as_of" in df else pd.Series(None, index=df.index)
        for n, ((source, source_id), day) in enumerate(zip(keys, as_of, strict=True)):
            if rules.is_moving(plain := plain_id(source, source_id)):
                model_ids[n] = rules.served(plain, day)
    return df.assign(model_id=model_ids, primary=[bool(primary.get(k, False)) for k in keys])


def build_offerings(
    staged: dict[str, Staged], obs: pd.DataFrame, models: pd.DataFrame, curated: Curated
) -> tuple[pd.DataFrame, list[str]]:
    """One current price per model × provider (exact id over variant, fresher over older), and warnings."""
    offers = _resolve(_concat(staged, "offerings"), obs, curated.rules)
    offers = offers[offers["model_id"].notna() & ~offers["deprecated"].fillna(False).astype(bool)]
    # A zero price is a free tier or a placeholder, never the list price: it would win every chart.
    offers = offers[(offers["input_usd_per_mtok"] > 0) | (offers["output_usd_per_mtok"] > 0)]
    prov = _providers(curated)
    offers = offers.assign(
        # A provider nobody classified is an unverified reseller, never silently a host.
        kind=offers["provider"].map(prov["kind"].to_dict()).fillna("reseller"),
        provider=offers["provider"].map(prov["provider"].to_dict()).fillna(offers["provider"]),
        _rank=offers["refresh"].map({r: n for n, r in enumerate(REFRESH_ORDER)}),
        _len=offers["source_id"].str.len(),
        _as_of=pd.to_datetime(offers["as_of"]),
    )
    offers = offers[offers["kind"] != "plan"]
    offers = offers.sort_values(
        ["model_id", "provider", "primary", "_as_of", "_rank", "_len", "source_id"],
        ascending=[True, True, False, False, True, True, True],
    )
    offers = offers.drop_duplicates(["model_id", "provider"])
    offers, warnings = drop_price_outliers(offers)
    lab_org = prov.drop_duplicates("provider").set_index("provider")["organization"].replace("", None)
    org = offers["model_id"].map(models.set_index("model_id")["organization"].to_dict())
    first_party = offers["provider"].map(lab_org.to_dict()).eq(org) & org.notna()
    open_weights = offers["model_id"].map(models.set_index("model_id")["open_weights"].to_dict()).eq(True)
    offers = offers.assign(
        first_party=first_party,
        source=offers["refresh"],
        provider_kind=offers["kind"],
        trusted=trusted_offering(first_party, offers["kind"], open_weights),
    )
    offers, held = hold_back_below_list(offers, open_weights)
    offers, cheap = hold_back_cheap_quotes(offers)
    return OFFERINGS.shape(offers), warnings + held + cheap


def build_scores(staged: dict[str, Staged], obs: pd.DataFrame, rules: IdentityRules) -> pd.DataFrame:
    """One score per model × benchmark: the preferred source, the best variant within it."""
    scores = _resolve(_concat(staged, "scores"), obs, rules)
    scores = scores[scores["model_id"].notna()]
    rank = scores.apply(
        lambda r: (
            BENCHMARK_ORDER.get(r["benchmark"], ()).index(r["refresh"])
            if r["refresh"] in BENCHMARK_ORDER.get(r["benchmark"], ())
            else None
        ),
        axis=1,
    )
    scores = scores.assign(_rank=rank)[rank.notna()]
    scores = scores.sort_values(
        ["model_id", "benchmark", "_rank", "score", "source_id"], ascending=[True, True, True, False, True]
    )
    best = scores.drop_duplicates(["model_id", "benchmark"]).assign(source=lambda d: d["refresh"])
    # A score the source does not date is as old as the payload it came in.
    payload_dates = {name: str(s.as_of)[:10] for name, s in staged.items() if s.as_of is not None}
    best["as_of"] = best["as_of"].astype(object).fillna(best["refresh"].map(payload_dates))
    return SCORES.shape(best)


def build_score_history(staged: dict[str, Staged], obs: pd.DataFrame, rules: IdentityRules) -> pd.DataFrame:
    hist = _resolve(_concat(staged, "score_history"), obs, rules)
    hist = hist[hist["model_id"].notna()].assign(source=lambda d: d["refresh"])
    hist = hist.sort_values("score", ascending=False).drop_duplicates(
        ["model_id", "benchmark", "as_of", "source"]
    )
    return SCORE_HISTORY.shape(hist)


def build_price_history(staged: dict[str, Staged], obs: pd.DataFrame, curated: Curated) -> pd.DataFrame:
    """Dated prices per model × provider × source, keeping only the dates a price changed."""
    hist = _resolve(_concat(staged, "price_history"), obs, curated.rules)
    hist = hist[hist["model_id"].notna()]
    prov = _providers(curated)
    hist = hist.assign(
        provider=hist["provider"].map(prov["provider"].to_dict()).fillna(hist["provider"]),
        source=hist["refresh"],
    )
    hist = hist[hist["provider"] != ""]
    hist = hist.sort_values(
        ["model_id", "provider", "source", "as_of", "primary"], ascending=[True] * 4 + [False]
    )
    hist = hist.drop_duplicates(["model_id", "provider", "source", "as_of"])
    prices = hist[["input_usd_per_mtok", "output_usd_per_mtok"]]
    group = hist[["model_id", "provider", "source"]].astype(str).agg("|".join, axis=1)
    changed = (prices != prices.groupby(group).shift()).any(axis=1)
    return PRICE_HISTORY.shape(hist[changed])


def build_measurements(staged: dict[str, Staged], obs: pd.DataFrame) -> pd.DataFrame:
    """Measured serving throughput, each row on the model it ran (matched by key: ``llama2-70b`` is
    Llama 2 70B); rows whose model the catalogue does not know are left out."""
    rows = _concat(staged, "measurements")
    if rows.empty:
        return SERVING_MEASUREMENTS.shape(pd.DataFrame())
    primary = obs[obs["model_id"].notna() & obs["primary"]]
    by_key = dict(zip(primary["key"], primary["model_id"], strict=True))
    rows = rows.assign(model_id=[by_key.get(match_key(i)) for i in rows["source_id"]])
    return SERVING_MEASUREMENTS.shape(rows[rows["model_id"].notna()])


def build_aliases(obs: pd.DataFrame, curated: Curated) -> pd.DataFrame:
    ids = _id_map(obs)
    rows = [{"source": s, "source_id": i, "model_id": m} for (s, i), m in ids.items()]
    return ALIASES.shape(pd.DataFrame(rows, columns=ALIASES.column_names))


def data_as_of(staged: dict[str, Staged]):
    """The newest date any source's payload vouches for (decides what is retired; never the clock)."""
    dates = [s.as_of for s in staged.values() if s.as_of is not None]
    return max(pd.Timestamp(d) for d in dates) if dates else None


def build(staged: dict[str, Staged], curated: Curated) -> Built:
    """The canonical tables from every source's staged rows (see the module docstring)."""
    obs = _observations(staged, curated)
    models, warnings = build_models(obs, curated, data_as_of(staged))
    offerings, price_warnings = build_offerings(staged, obs, models, curated)
    warnings += price_warnings
    tables = {
        "models": models,
        "aliases": build_aliases(obs, curated),
        "offerings": offerings,
        "scores": build_scores(staged, obs, curated.rules),
        "score_history": build_score_history(staged, obs, curated.rules),
        "price_history": build_price_history(staged, obs, curated),
        "serving_measurements": build_measurements(staged, obs),
    }
    unmatched = obs[obs["model_id"].isna()][["refresh", "source", "source_id"]].sort_values(
        ["refresh", "source_id"], ignore_index=True
    )
    return Built(tables, unmatched, warnings)
