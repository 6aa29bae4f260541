"""Prices of the compared models: the cheapest of each kind of provider, and every provider's price.

Prices are per 1M tokens blended at the user's input:output mix (costs.api.blended_usd_per_mtok), from
the offerings the app may use (trusted ones: the lab's own, a cloud's, an established host's; every
quote only when the user opted in, then marked). Where the offerings carry what each host serves
(hosting.with_hosting), a price says its quantization and uptime, and a price from a host known to serve
reduced precision says so beside it ("served at fp8; native bf16").
"""

from __future__ import annotations

import pandas as pd

from tradeoffs import hosting
from tradeoffs.compare.cells import Row, date_text
from tradeoffs.costs.api import blended_usd_per_mtok, cheapest_offerings
from tradeoffs.text import fmt_usd

KINDS = (  # provider kind → the row that shows its cheapest price
    ("lab", "Lab's own API"),
    ("cloud", "Cheapest cloud (Bedrock, Azure, Vertex…)"),
    ("host", "Cheapest independent host"),
)
KIND_ORDER = {"lab": 0, "cloud": 1, "host": 2, "router": 3, "reseller": 4}
NOT_OFFERED = "—"
ONLY_REDUCED = "only reduced-precision hosts"


def _where(row: pd.Series) -> str:
    return f"{row['source']}, {date_text(row['as_of'])}"


def _precision_note(row: pd.Series) -> str:
    """' · served at fp8; native bf16' for a host known to serve reduced precision, else ''."""
    note = row.get("precision_note")
    return f" · {note}" if isinstance(note, str) and note else ""


def kind_rows(
    ids: pd.Index,
    offerings: pd.DataFrame,
    input_share: float,
    cached_input_share: float,
    full_precision: bool = False,
) -> list[Row]:
    """Per kind (lab, cloud, host): each model's cheapest price there, '$4.38 · azure (litellm, 2026-…)',
    or 'none' where no such provider sells it, with a reduced-precision host's note; the cheapest of a
    row is marked. ``full_precision``: hosts known to serve reduced precision only when a kind has no
    other (needs offerings with hosting.with_hosting's columns)."""
    mine = offerings[offerings["model_id"].isin(ids)]
    rows = []
    for kind, label in KINDS:
        sellers = mine[mine["provider_kind"] == kind]
        if full_precision and "reduced_precision" in sellers:
            sellers = hosting.drop_known_reduced(sellers)
        cheapest = cheapest_offerings(sellers, input_share, cached_input_share)
        cheapest = cheapest.set_index("model_id").reindex(ids)
        usd = cheapest["blended_usd_per_mtok"].astype(float)
        text = [
            "none"
            if pd.isna(r["provider"])
            else f"{fmt_usd(u)} · {r['provider']} ({_where(r)}){_precision_note(r)}"
            for (_, r), u in zip(cheapest.iterrows(), usd, strict=True)
        ]
        rows.append(Row(label, pd.Series(text, index=ids, dtype=object), numbers=usd, better="min"))
    return rows


def precision_notes(api: pd.DataFrame, offerings: pd.DataFrame) -> pd.Series:
    """Per model of ``api`` (indexed by model_id, with the chosen ``provider``): ' · served at fp8; native
    bf16' where that provider is known to serve reduced precision (' · only reduced-precision hosts:
    served at …' when every offering of the model is), else ''. Needs offerings with
    hosting.with_hosting's columns (without them every note is '')."""
    if "precision_note" not in offerings:
        return pd.Series("", index=api.index, dtype=object)
    notes = offerings.drop_duplicates(hosting.KEY).set_index(hosting.KEY)["precision_note"]
    keys = pd.MultiIndex.from_arrays([api.index, api["provider"].astype(object)])
    found = notes.reindex(keys).fillna("").to_numpy()
    only = set(hosting.only_reduced(offerings[offerings["model_id"].isin(api.index)]))
    return pd.Series(
        [
            f" · {ONLY_REDUCED}: {n}" if n and m in only else f" · {n}" if n else ""
            for m, n in zip(api.index, found, strict=True)
        ],
        index=api.index,
        dtype=object,
    )


def provider_prices(
    ids: pd.Index, offerings: pd.DataFrame, input_share: float, cached_input_share: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(table, cheapest): providers (index 'provider · kind', labs first, then clouds, hosts, the
    cheapest first within a kind) × model ids; a cell is '$4.38 ($2.50 in, $10.00 out) · litellm,
    2026-09-29' (then ' · fp8 (native bf16): reduced · uptime 99.2% (1 day)' with hosting's columns),
    '—' where the provider does not sell the model, 'unknown' where its price is missing.
    ``cheapest``: True at each model's cheapest provider."""
    mine = offerings[offerings["model_id"].isin(ids)]
    if mine.empty:
        return pd.DataFrame(columns=ids), pd.DataFrame(columns=ids, dtype=bool)
    blended = blended_usd_per_mtok(
        input_share,
        mine["input_usd_per_mtok"],
        mine["output_usd_per_mtok"],
        mine["cached_input_usd_per_mtok"],
        cached_input_share,
    )
    mine = mine.assign(
        usd=blended, text=[_cell(r, u) for (_, r), u in zip(mine.iterrows(), blended, strict=True)]
    )
    mine = mine.assign(label=mine["provider"] + " · " + mine["provider_kind"].fillna("unknown kind"))
    order = mine.groupby("label").agg(kind=("provider_kind", "first"), usd=("usd", "min"))
    order = order.assign(rank=order["kind"].map(KIND_ORDER).fillna(len(KIND_ORDER)))
    labels = order.sort_values(["rank", "usd"], na_position="last").index
    table = mine.pivot_table(index="label", columns="model_id", values="text", aggfunc="first")
    # astype first: a model no provider in the table sells has an all-NaN float column.
    table = table.reindex(index=labels, columns=ids).astype(object).fillna(NOT_OFFERED)
    usd = mine.pivot_table(index="label", columns="model_id", values="usd", aggfunc="min")
    usd = usd.reindex(index=labels, columns=ids)
    cheapest = usd.eq(usd.min()) & usd.notna()
    table.index.name = cheapest.index.name = "provider"
    return table, cheapest


def served_texts(row: pd.Series) -> str:
    """' · fp8 (native bf16): reduced · uptime 99.2% (1 day)' from hosting.with_hosting's columns
    (hosting.host_summary); '' for offerings without them."""
    if "served_text" not in row:
        return ""
    return f" · {hosting.host_summary(row['served_text'], row['uptime_text'])}"


def _cell(row: pd.Series, usd: float) -> str:
    if pd.isna(usd):
        return f"unknown · {_where(row)}{served_texts(row)}"
    prices = f"{fmt_usd(row['input_usd_per_mtok'])} in, {fmt_usd(row['output_usd_per_mtok'])} out"
    return f"{fmt_usd(usd)} ({prices}) · {_where(row)}{served_texts(row)}"
