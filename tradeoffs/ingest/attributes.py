"""Each canonical model's attributes, taken from the sources in a fixed order of preference.

``FIELD_ORDER`` lists, per column of ``models``, the origins to take it from, best first; a curated
fact (``data/curated/model_facts.csv``, with its source URL) beats every source. An origin is a
refresh source, or for the price sources ``<source>:first`` (the lab's own listing) and
``<source>:other``; ``models.dev:lab`` is models.dev's provider-agnostic record.
"""

from __future__ import annotations

import re

import pandas as pd

from tradeoffs.ingest.curated import NUMERIC_FACTS, UNKNOWN, Curated
from tradeoffs.schema import MODELS
from tradeoffs.text import safe_url

LAB, FIRST = "models.dev:lab", "models.dev:first"
CAPABILITY_ORDER = (LAB, FIRST, "openrouter", "litellm:first", "models.dev:other", "litellm:other")
FIELD_ORDER: dict[str, tuple[str, ...]] = {
    "name": (
        LAB,
        "arena-daily",
        "lmarena-catalog",
        "openrouter",
        FIRST,
        "epoch-benchmarks",
        "epoch-models",
        "lmarena-csv",
    ),
    "organization": (
        LAB,
        "lmarena-catalog",
        "arena-daily",
        "lmarena-csv",
        "epoch-benchmarks",
        "epoch-models",
        "hf-leaderboard",
        "openrouter",
    ),
    "open_weights": (
        LAB,
        FIRST,
        "arena-daily",
        "epoch-benchmarks",
        "epoch-models",
        "lmarena-catalog",
        "lmarena-csv",
        "hf-leaderboard",
        "hf-hub",
        "openrouter",
    ),
    "license_id": (
        "hf-hub",
        "arena-daily",
        "lmarena-catalog",
        "lmarena-csv",
        "hf-leaderboard",
        LAB,
        "epoch-models",
        "epoch-benchmarks",
    ),
    # The model card (Hub) first: gateways and leaderboards round or truncate sizes.
    "params_total_b": ("hf-hub", "epoch-models", "openrouter", "hf-leaderboard", "name"),
    "params_active_b": ("epoch-models", "openrouter", "name"),
    "native_precision": ("hf-hub",),
    # Architecture (the serving estimate): from the models' config.json, as curated facts.
    "layers": (),
    "kv_cache_dim": (),
    "full_attention_layers": (),
    "experts": (),
    "experts_per_token": (),
    "shared_params_b": (),
    "attention_width": (),
    "context_tokens": (
        FIRST,
        LAB,
        "openrouter",
        "arena-daily",
        "litellm:first",
        "genai-prices:first",
        "models.dev:other",
        "litellm:other",
    ),
    "max_output_tokens": CAPABILITY_ORDER,
    "modalities": CAPABILITY_ORDER,
    "tool_calling": CAPABILITY_ORDER,
    "structured_output": CAPABILITY_ORDER,
    "reasoning": CAPABILITY_ORDER,
    "hf_repo": (LAB, "openrouter", "hf-hub", "hf-leaderboard"),
    "url": (LAB, "lmarena-csv", "lmarena-catalog", "hf-leaderboard", "openrouter"),
}
RELEASE_ORIGINS = ((LAB, FIRST, "epoch-benchmarks", "epoch-models"), ("openrouter", "arena-daily"))


def pick(obs: pd.DataFrame, field: str, order: tuple[str, ...]) -> pd.DataFrame:
    """Per model, the value of ``field`` from the first origin in ``order`` that has one."""
    rank = {o: n for n, o in enumerate(order)}
    cand = obs[obs[field].notna() & obs["origin"].isin(rank)]
    cand = cand.assign(_rank=cand["origin"].map(rank), _len=cand["source_id"].str.len())
    cand = cand.sort_values(["model_id", "_rank", "_len", "source_id"])  # the plainest id of a source first
    return cand.drop_duplicates("model_id").set_index("model_id")[[field, "origin"]]


_SIZE = re.compile(r"^(\d+(?:\.\d+)?)([bt])$")
_ACTIVE = re.compile(r"^a(\d+(?:\.\d+)?)b$")


def _name_params(model_ids: pd.Index) -> pd.DataFrame:
    """Sizes written in model names: ``qwen3-235b-a22b`` → 235 total, 22 active (billions)."""
    rows = []
    for mid in model_ids:
        total = active = None
        for tok in mid.split("-"):
            if total is None and (m := _SIZE.match(tok)):
                total = float(m.group(1)) * (1000 if m.group(2) == "t" else 1)
            elif active is None and (m := _ACTIVE.match(tok)):
                active = float(m.group(1))
        rows.append(
            {
                "model_id": mid,
                "origin": "name",
                "source_id": mid,
                "params_total_b": total,
                "params_active_b": active,
            }
        )
    return pd.DataFrame(rows)


def _facts(curated: Curated) -> pd.DataFrame:
    """Curated facts as observations of origin ``curated`` (they win over every source).

    A fact whose value is ``unknown`` blocks every source's value of that field (the number is not
    public; a source's figure would be a guess); its reason goes to the model's ``unknown_why``."""
    if curated.facts.empty:
        return pd.DataFrame(columns=["model_id", "origin", "source_id"])
    wide = curated.facts.pivot_table(index="model_id", columns="field", values="value", aggfunc="first")
    out = wide.reset_index().assign(origin="curated", source_id="curated")
    out = out.replace(UNKNOWN, None)
    for col in NUMERIC_FACTS:
        if col in out:
            out[col] = pd.to_numeric(out[col])
    if "open_weights" in out:
        out["open_weights"] = out["open_weights"].map({"true": True, "false": False})
    return out


def build_models(obs: pd.DataFrame, curated: Curated, as_of=None) -> tuple[pd.DataFrame, list[str]]:
    """The ``models`` table and the inconsistencies found on the way (as plain sentences).

    ``as_of`` is the data's date: a model whose retirement date is on or before it is 'retired'."""
    known = obs[obs["model_id"].notna()].copy()
    known["license_id"] = known["license_raw"].map(curated.license_id)
    ids = pd.Index(sorted(known["model_id"].unique()), name="model_id")
    facts = _facts(curated)
    facts = facts[facts["model_id"].isin(ids)]
    pool = pd.concat([known, _name_params(ids), facts], ignore_index=True)
    out = pd.DataFrame(index=ids)
    sources = {}
    unknown = _unknown_facts(curated, ids)
    for field, order in FIELD_ORDER.items():
        if field not in pool:  # no source and no fact has this field yet
            out[field], sources[field] = None, pd.Series(None, index=ids, dtype=object)
            continue
        blocked = pool["model_id"].isin(unknown.get(field, {})) & pool["origin"].ne("curated")
        picked = pick(pool[~blocked], field, ("curated", *order))
        out[field] = picked[field].reindex(ids)
        sources[field] = picked["origin"].reindex(ids)
    out["organization"] = out["organization"].map(curated.organization)
    out["release_date"] = _release_dates(pool, ids)
    out, warnings = _reconcile_licenses(out, pool)
    open_ = out["open_weights"].eq(True)
    for col in ("params_total_b", "params_active_b"):
        # Sizes of closed models are rumours, not data; 0 and -1 are sources' "unknown" placeholders.
        out[col] = out[col].where(open_ & (out[col] > 0))
    out["params_source"] = sources["params_total_b"].where(out["params_total_b"].notna())
    out["license_source"] = sources["license_id"].where(out["license_id"].notna())
    out["hf_repo"] = out["hf_repo"].where(open_)
    out["url"] = out["url"].map(safe_url)  # a javascript: or data: "model card" is never stored
    out["native_precision"] = out["native_precision"].where(open_)
    out["precision_source"] = sources["native_precision"].where(out["native_precision"].notna())
    out["unknown_why"] = _unknown_why(unknown, ids)
    out["architecture_source"] = sources["layers"].where(out["layers"].notna())
    out = out.join(_status(known, _fact_dates(curated, "retirement_date"), as_of))
    out = out.join(_hub_popularity(pool, out["hf_repo"]))
    out["vendor_fine_tuning"] = (
        known.groupby("model_id")["vendor_fine_tuning"]
        .agg(lambda s: True if s.eq(True).any() else None)
        .reindex(ids)
    )
    out["name"] = out["name"].fillna(pd.Series(ids, index=ids))
    # Two models under one display name (LMArena calls several ChatGPT-4o snapshots "GPT-4o") would be
    # indistinguishable in every table and chart: say which is which. The best-known keeps the name.
    seen = known.groupby("model_id").size().reindex(ids).fillna(0)
    ranked = out.assign(_seen=-seen, _id=ids).sort_values(["name", "_seen", "_id"])
    renamed = ranked.index[ranked["name"].duplicated(keep="first")]
    out.loc[renamed, "name"] = out.loc[renamed, "name"] + " (" + renamed + ")"
    return MODELS.shape(out.reset_index()), warnings


def _release_dates(pool: pd.DataFrame, ids: pd.Index) -> pd.Series:
    """The earliest release date among the authoritative sources, else the first listing date."""
    dated = pool[pool["release_date"].notna()].assign(
        release_date=lambda d: pd.to_datetime(d["release_date"])
    )
    curated = dated[dated["origin"] == "curated"].groupby("model_id")["release_date"].min()
    out = curated.reindex(ids)
    for origins in RELEASE_ORIGINS:
        found = dated[dated["origin"].isin(origins)].groupby("model_id")["release_date"].min()
        out = out.fillna(found.reindex(ids))
    return out.dt.date


def _reconcile_licenses(out: pd.DataFrame, pool: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Closed models get the proprietary terms; an open model never keeps 'proprietary'."""
    warnings = []
    closed = out["open_weights"].eq(False)
    clash = out.index[closed & out["license_id"].notna() & out["license_id"].ne("proprietary")]
    warnings += [
        f"{m}: closed weights per the sources, but a licence '{out.at[m, 'license_id']}' was "
        "listed; shown as proprietary"
        for m in clash
    ]
    out.loc[closed, "license_id"] = "proprietary"
    bad = out.index[out["open_weights"].eq(True) & out["license_id"].eq("proprietary")]
    for m in bad:
        rest = pool[
            (pool["model_id"] == m) & pool["license_id"].notna() & pool["license_id"].ne("proprietary")
        ]
        out.at[m, "license_id"] = (
            None
            if rest.empty
            else pick(rest, "license_id", ("curated", *FIELD_ORDER["license_id"])).iloc[0, 0]
        )
        chosen = out.at[m, "license_id"]
        warnings.append(
            f"{m}: open weights, but a source lists it as proprietary; licence set to "
            f"{chosen if isinstance(chosen, str) else 'unknown'}"
        )
    return out, warnings


def _unknown_facts(curated: Curated, ids: pd.Index) -> dict[str, dict[str, str]]:
    """field → {model_id: why} for the curated facts whose value is ``unknown``."""
    facts = curated.facts[curated.facts["value"].eq(UNKNOWN) & curated.facts["model_id"].isin(ids)]
    out: dict[str, dict[str, str]] = {}
    for row in facts.itertuples(index=False):
        out.setdefault(row.field, {})[row.model_id] = row.source
    return out


def _unknown_why(unknown: dict[str, dict[str, str]], ids: pd.Index) -> pd.Series:
    """Per model, "field: reason; field: reason" for its values that are not public."""
    texts: dict[str, list[str]] = {}
    for field, reasons in sorted(unknown.items()):
        for model_id, reason in reasons.items():
            texts.setdefault(model_id, []).append(f"{field}: {reason}")
    return pd.Series({m: "; ".join(t) for m, t in texts.items()}, dtype=object).reindex(ids)


def _fact_dates(curated: Curated, field: str) -> pd.Series:
    facts = curated.facts[curated.facts["field"].eq(field) & curated.facts["value"].ne(UNKNOWN)]
    return pd.to_datetime(facts.set_index("model_id")["value"], errors="coerce")


def _status(known: pd.DataFrame, curated_dates: pd.Series, as_of) -> pd.DataFrame:
    """status and retirement_date per model.

    The retirement date is a curated one, else the latest the lab's own listings announce
    (LiteLLM's ``deprecation_date`` is the shut-down date). 'retired' once that date is on or before
    the data's date; 'deprecated' when every first-party listing says so (an announced date alone
    leaves a model 'active', with its date)."""
    first = known[known["origin"].isin([FIRST, "litellm:first"])]
    flagged = first.groupby("model_id")["deprecated"].agg(lambda s: bool(s.fillna(False).astype(bool).all()))
    # Retired only when every way to buy it from the lab has a shut-down date (the latest counts):
    # gpt-5-chat-latest's date does not retire gpt-5.
    dates = pd.to_datetime(first["deprecation_date"], errors="coerce").groupby(first["model_id"])
    when = dates.max().where(dates.count() == dates.size())
    ids = pd.Index(known["model_id"].unique())
    when = curated_dates.reindex(ids).fillna(when.reindex(ids))
    day = pd.Timestamp(as_of) if as_of is not None else None
    retired = when.le(day) if day is not None else pd.Series(False, index=ids)
    status = pd.Series("active", index=ids)
    status[flagged.reindex(ids).eq(True)] = "deprecated"
    status[retired] = "retired"
    return pd.DataFrame({"status": status, "retirement_date": when.dt.date})


def _hub_popularity(pool: pd.DataFrame, hf_repo: pd.Series) -> pd.DataFrame:
    """Likes and downloads of the model's own Hugging Face repository (hub API, else leaderboard)."""
    hub = pool[pool["origin"].isin(["hf-hub", "hf-leaderboard"])].sort_values("origin", ascending=False)
    hub = hub.drop_duplicates("source_id").set_index("source_id")
    likes = hf_repo.map(hub["hf_likes"].to_dict())
    downloads = hf_repo.map(hub["hf_downloads"].to_dict())
    return pd.DataFrame({"hf_likes": likes, "hf_downloads": downloads})
