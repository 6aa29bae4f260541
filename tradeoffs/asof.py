"""The numbers of an older date, rebuilt from the histories: what a link showed on the day it was made.

A link carries the data it was made on (``data=<as_of>~<version>``). Opened after a refresh, the app
can show the prices and scores of that date. For each current row dated after that day:

- its own source's series (the source the build chose for it) has a value on or before the day and
  no different value after it → the number has not moved: the row stays, dated by that value;
- its own series changed after the day → the value on or before the day, with the values history does
  not keep (cached-input price, confidence interval) unknown unless the number is the same;
- its own series starts after the day → another source's value on or before the day (prices: the
  newest; scores: only sources on the benchmark's own scale, best ranked first), else the row goes;
- models released after the day are not shown.

A row dated on or before the day stays as it is: it is the newest value the day could know. The
histories keep one series per model × provider × source (prices, on the listing's primary endpoint)
and model × benchmark × source (scores), so a row whose own series never moved is kept exactly.

Every function takes and returns frames of the store's shapes (see queries.py) with the same dtypes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from tradeoffs.ingest.build import BENCHMARK_ORDER

PRICE_VALUES = ["input_usd_per_mtok", "output_usd_per_mtok"]
SCORE_VALUES = ["score"]


def link_date(tag: str | None, now_as_of: str, now_version: str) -> str | None:
    """The date (ISO) whose numbers a link's data ``tag`` ("<as_of>~<version>") asks for, when it names an
    older version of an earlier day than ``now_as_of``; None otherwise (today's data, a newer or
    malformed tag: nothing to rebuild)."""
    if not tag or "~" not in tag:
        return None
    date, _, version = tag.partition("~")
    try:
        day = dt.date.fromisoformat(date)
        now = dt.date.fromisoformat(now_as_of)
    except ValueError:
        return None
    return day.isoformat() if version != now_version and day < now else None


def models_as_of(models: pd.DataFrame, day: str) -> pd.DataFrame:
    """The models known on ``day``: those released after it are left out (an unknown release date stays)."""
    released_after = models["release_date"].gt(pd.Timestamp(day)).fillna(False).astype(bool)
    return models[~released_after]


def offerings_as_of(offerings: pd.DataFrame, price_history: pd.DataFrame, day: str) -> pd.DataFrame:
    """Every price as it stood on ``day`` (see the module docstring); same columns and dtypes."""
    return _as_of(offerings, price_history, day, ["model_id", "provider"], PRICE_VALUES, None)


def scores_as_of(scores: pd.DataFrame, score_history: pd.DataFrame, day: str) -> pd.DataFrame:
    """Every score as it stood on ``day`` (see the module docstring); same columns and dtypes."""
    return _as_of(scores, score_history, day, ["model_id", "benchmark"], SCORE_VALUES, BENCHMARK_ORDER)


def _as_of(
    current: pd.DataFrame, history: pd.DataFrame, day: str, keys: list[str], values: list[str], order
) -> pd.DataFrame:
    when = pd.Timestamp(day)
    newer = current["as_of"].gt(when).fillna(False).astype(bool)  # an undated row cannot be newer
    later = current[newer]
    picked = _then(later, history, when, keys, values, order)
    rows = later.loc[picked.index]
    same = _equal(rows[values], picked[values])
    derived = [c for c in current.columns if c not in {*keys, *values, "as_of", "source"}]
    unknown = [c for c in derived if c in ("cached_input_usd_per_mtok", "ci_low", "ci_high")]
    rebuilt = rows.assign(
        **{v: picked[v] for v in values},
        **{c: rows[c].where(same) for c in unknown},
        as_of=picked["as_of"].astype(current["as_of"].dtype),
        source=picked["source"].astype(current["source"].dtype),
    )
    out = pd.concat([current[~newer], rebuilt]).sort_values(keys, kind="stable")
    return out.astype(current.dtypes.to_dict())[list(current.columns)].reset_index(drop=True)


def _equal(a: pd.DataFrame, b: pd.DataFrame) -> pd.Series:
    """Row by row: every value the same (missing equals missing)."""
    both = (a.to_numpy() == b.to_numpy()) | (a.isna().to_numpy() & b.isna().to_numpy())
    return pd.Series(both.all(axis=1), index=a.index)


def _then(later, history, when, keys, values, order) -> pd.DataFrame:
    """For each row of ``later`` (by its index): values, as_of and source on ``when`` — its own number if
    its own series has not moved since, else the history's; rows with nothing on that day are absent."""
    rows = later[keys + ["source"]].rename(columns={"source": "_own"}).rename_axis("_row").reset_index()
    h = history[keys + ["as_of", "source"] + values].merge(rows, on=keys)
    before = h[h["as_of"] <= when].sort_values(["as_of", "source"], kind="stable")
    own = before[before["source"] == before["_own"]].drop_duplicates("_row", keep="last").set_index("_row")
    after = h[(h["as_of"] > when) & (h["source"] == h["_own"]) & h["_row"].isin(own.index)]
    then = own.loc[after["_row"], values].set_axis(after.index)
    moved = set(after.loc[~_equal(after[values], then), "_row"])
    still = own.index.difference(pd.Index(list(moved)))
    own_then = own[values + ["as_of", "source"]].copy()
    own_then.loc[still, values] = later.loc[still, values].to_numpy()  # unmoved: the number shown now
    others = _other_sources(before[before["source"] != before["_own"]], keys, order)
    others = others[~others.index.isin(own.index)]
    return pd.concat([own_then, others[values + ["as_of", "source"]]])


def _other_sources(rows: pd.DataFrame, keys: list[str], order) -> pd.DataFrame:
    """Per row, another source's newest value (scores: only the benchmark's sources, best ranked first)."""
    if order is not None:
        rank = [
            order[b].index(s) if s in order.get(b, ()) else None
            for b, s in zip(rows["benchmark"], rows["source"], strict=True)
        ]
        rows = rows.assign(_rank=pd.array(rank, dtype="Int64")).dropna(subset=["_rank"])
        rows = rows.sort_values(["_row", "_rank", "as_of"], ascending=[True, True, False], kind="stable")
    else:
        rows = rows.sort_values(["_row", "as_of", "source"], ascending=[True, False, True], kind="stable")
    return rows.drop_duplicates("_row").set_index("_row")


# ---- what changed since ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Numbers:
    """The prices (offerings) and scores of one date, in the store's shapes."""

    offerings: pd.DataFrame
    scores: pd.DataFrame


@dataclass(frozen=True)
class History:
    """The store's price_history and score_history tables."""

    prices: pd.DataFrame
    scores: pd.DataFrame


@dataclass(frozen=True)
class Change:
    """One number of a model that differs between a link's date and now. ``old``/``new`` None: the
    price or score was not there then / is not there now."""

    model_id: str
    measure: str  # "input price" | "output price" (USD per 1M tokens) | "score"
    item: str  # the provider (prices) or the benchmark id (scores)
    old: float | None
    new: float | None
    old_as_of: str | None  # the date the value was stated (ISO)
    new_as_of: str | None


PRICE_MEASURES = {"input_usd_per_mtok": "input price", "output_usd_per_mtok": "output price"}


def numbers_as_of(now: Numbers, history: History, day: str) -> Numbers:
    """The prices and scores of ``day`` rebuilt from the current ones and the histories."""
    return Numbers(
        offerings_as_of(now.offerings, history.prices, day), scores_as_of(now.scores, history.scores, day)
    )


def changes_since(now: Numbers, history: History, day: str, model_ids: tuple[str, ...]) -> list[Change]:
    """Every list price (input and output, per provider in ``now.offerings``) and score of ``model_ids``
    that differs between ``day`` and now, in the order of ``model_ids``, prices first."""
    then = numbers_as_of(now, history, day)
    found = _changes(then.offerings, now.offerings, ["model_id", "provider"], PRICE_MEASURES, model_ids)
    found += _changes(then.scores, now.scores, ["model_id", "benchmark"], {"score": "score"}, model_ids)
    position = {m: i for i, m in enumerate(model_ids)}
    kinds = ["input price", "output price", "score"]
    return sorted(
        found, key=lambda c: (position[c.model_id], c.measure == "score", c.item, kinds.index(c.measure))
    )


def _changes(then, now, keys, measures: dict[str, str], model_ids) -> list[Change]:
    cols = keys + list(measures) + ["as_of"]
    pick = [then[then["model_id"].isin(model_ids)][cols], now[now["model_id"].isin(model_ids)][cols]]
    both = pick[0].merge(pick[1], on=keys, how="outer", suffixes=("_then", "_now"))
    out = []
    for row in both.itertuples(index=False):
        r = row._asdict()
        for column, measure in measures.items():
            old, new = _number(r[f"{column}_then"]), _number(r[f"{column}_now"])
            if old != new:
                old_day, new_day = _day(r["as_of_then"]), _day(r["as_of_now"])
                out.append(Change(r["model_id"], measure, r[keys[1]], old, new, old_day, new_day))
    return out


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _day(value) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


# ---- in words -------------------------------------------------------------------------------------


def describe_change(change: Change, model_name: str, item_name: str) -> str:
    """Plain text: "GPT-4o — openai input price per 1M tokens: $2.50 (2026-09-29) → $2.00 (2026-11-01)";
    "not listed" / "no score" where a side has no number. ``item_name``: the provider or benchmark name."""
    price = change.measure != "score"
    score = item_name if item_name.lower().endswith("score") else f"{item_name} score"
    what = f"{item_name} {change.measure} per 1M tokens" if price else score
    old, new = _pair(change.old, change.new, price)
    return f"{model_name} — {what}: {_side(old, change.old_as_of)} → {_side(new, change.new_as_of)}"


def _pair(old: float | None, new: float | None, price: bool) -> tuple[str, str]:
    """Both numbers as people write them, with more digits when the usual rounding would make them look
    the same ($3.995 → $4.00 is a change)."""
    missing = "not listed" if price else "no score"
    for digits in (2, 4, 6):
        texts = [missing if v is None else _fmt(v, price, digits) for v in (old, new)]
        if texts[0] != texts[1]:
            break
    return texts[0], texts[1]


def _fmt(value: float, price: bool, digits: int) -> str:
    """$2.50, $0.075, $3.995 (at least the usual two decimals, more only where they differ); 1,346.4."""
    if not price:
        return f"{value:,.{digits - 1}f}"
    usual = 3 if 0 < abs(value) < 0.1 else 2
    shown = f"{value:,.{max(digits, usual)}f}"
    whole, _, decimals = shown.partition(".")
    return f"${whole}.{decimals.rstrip('0').ljust(usual, '0')}"


def _side(text: str, day: str | None) -> str:
    return f"{text} ({day})" if day else text
