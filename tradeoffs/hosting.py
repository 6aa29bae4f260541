"""What a host really serves: the quantization of its endpoints against the model's released precision,
its uptime and zero-data-retention, per offering (model_id, provider); and the full-precision preference.

A host is "reduced precision" only when every endpoint it lists for the model states a quantization and
all of them have fewer bits than the weights the lab released. Anything less certain is unknown (NA),
never full precision by default: an unstated quantization, an unknown native precision, endpoints that
differ. Pure pandas, no Streamlit.
"""

from __future__ import annotations

import pandas as pd

KEY = ["model_id", "provider"]
NOT_STATED = "not stated"
NO_TRAFFIC = "no recent traffic"
# Bits per weight by dtype name. The 4-bit formats count as 4 whatever their block scales: a host at fp4
# serving weights released as mxfp4 or int4 keeps their precision class.
BITS = {
    "fp32": 32,
    "bf16": 16,
    "fp16": 16,
    "fp8": 8,
    "int8": 8,
    "fp4": 4,
    "int4": 4,
    "mxfp4": 4,
    "nvfp4": 4,
}
HOSTING_COLUMNS = [
    "quantization",  # the stated quantizations, most bits first, " / " between them; NA when none
    "native_precision",  # the released weights' dtype, lower case; NA when unknown
    "reduced_precision",  # boolean: True / False / NA (see the module docstring)
    "endpoints",  # endpoints the host lists for the model
    "uptime_pct_1d",  # lowest over the endpoints; NaN when none had recent traffic
    "uptime_pct_30m",
    "zero_data_retention",  # boolean: True when one endpoint is a /zdr one, else NA (not stated)
    "served_text",  # 'fp8 (native bf16): reduced'
    "uptime_text",  # '99.9% (1 day)'
    "precision_note",  # 'served at fp8; native bf16' where reduced, else ""
]


def host_summary(served_text, uptime: str) -> str:
    """'fp8 (native bf16): reduced · uptime 99.2% (1 day)'; 'quantization not stated · uptime 99.9% (1
    day)'; '… · uptime: no recent traffic'; 'quantization and uptime not stated'."""
    uptime = uptime if isinstance(uptime, str) and uptime else NOT_STATED
    if served_text in (None, NOT_STATED):
        if uptime == NOT_STATED:
            return f"quantization and uptime {NOT_STATED}"
        served_text = f"quantization {NOT_STATED}"
    return f"{served_text} · uptime{': ' if uptime == NO_TRAFFIC else ' '}{uptime}"


def host_summary_of(hosting: pd.DataFrame, model_id: str, provider) -> str:
    """``host_summary`` of one offering from ``host_precision``'s frame ('quantization and uptime not
    stated' when the host has no endpoint row)."""
    key = (model_id, provider)
    if provider is None or key not in hosting.index:
        return host_summary(NOT_STATED, NOT_STATED)
    row = hosting.loc[key]
    return host_summary(row["served_text"], row["uptime_text"])


def precision_bits(text) -> int | None:
    """Bits per weight of a dtype name ('fp8' 8, 'BF16' 16, 'mxfp4' 4 …); None when missing or unknown."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return None
    return BITS.get(str(text).strip().lower())


def _native(catalog: pd.DataFrame) -> pd.Series:
    """model_id → released dtype in lower case (NA when unknown), from a catalog indexed by model_id or
    with a model_id column."""
    models = catalog.set_index("model_id") if "model_id" in catalog.columns else catalog
    native = models["native_precision"].astype("string").str.strip().str.lower()
    return native[~native.index.duplicated()]


def _verdict(bits: list, native_bits: int | None) -> object:
    """True: every endpoint states fewer bits than native; False: every endpoint states at least native;
    else NA."""
    if native_bits is None or not bits or any(b is None for b in bits):
        return pd.NA
    if max(bits) < native_bits:
        return True
    if min(bits) >= native_bits:
        return False
    return pd.NA


def _served_text(quants: list[str], unstated: int, native: str | None, reduced) -> str:
    """'fp8 (native bf16): reduced', 'bf16 (native bf16): full precision', 'fp8 / bf16, varies by
    endpoint (native bf16)', 'not stated' …"""
    if not quants:
        return NOT_STATED
    native_text = f"native {native}" if native else f"native precision {NOT_STATED}"
    shown = " / ".join(quants)
    if unstated:
        return f"{shown} on some endpoints, others {NOT_STATED} ({native_text})"
    verdict = "" if reduced is pd.NA else (": reduced" if reduced else ": full precision")
    varies = ", varies by endpoint" if len(quants) > 1 else ""
    return f"{shown}{varies} ({native_text}){verdict}"


def _pct(values: pd.Series) -> str:
    low, high = values.min(), values.max()
    return f"{low:.1f}%" if round(low, 1) == round(high, 1) else f"{low:.1f}–{high:.1f}%"


def uptime_text(day: pd.Series, half_hour: pd.Series) -> str:
    """'99.9% (1 day)', else the last 30 minutes', else 'no recent traffic' (a range over several
    endpoints)."""
    if day.notna().any():
        return f"{_pct(day.dropna())} (1 day)"
    if half_hour.notna().any():
        return f"{_pct(half_hour.dropna())} (30 min)"
    return NO_TRAFFIC


def _one_host(rows: pd.DataFrame, native: str | None) -> dict:
    """What one host serves of one model, from its endpoint rows (see HOSTING_COLUMNS)."""
    stated = [q for q in rows["quantization"].astype("string").str.strip().str.lower().fillna("") if q]
    unstated = len(rows) - len(stated)
    quants = sorted(set(stated), key=lambda q: (-(precision_bits(q) or 0), q))
    bits = [precision_bits(q) for q in stated] + [None] * unstated
    reduced = _verdict(bits, precision_bits(native))
    day, half_hour = rows["uptime_pct_1d"].astype(float), rows["uptime_pct_30m"].astype(float)
    return {
        "quantization": " / ".join(quants) if quants else pd.NA,
        "native_precision": native or pd.NA,
        "reduced_precision": reduced,
        "endpoints": len(rows),
        "uptime_pct_1d": day.min(),
        "uptime_pct_30m": half_hour.min(),
        "zero_data_retention": True if rows["zero_data_retention"].eq(True).any() else pd.NA,
        "served_text": _served_text(quants, unstated, native, reduced),
        "uptime_text": uptime_text(day, half_hour),
        "precision_note": f"served at {' / '.join(quants)}; native {native}" if reduced is True else "",
    }


def host_precision(endpoints: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Per offering (index model_id, provider) with at least one endpoint: HOSTING_COLUMNS. Offerings
    without an endpoint row are absent (their quantization and uptime are not stated)."""
    native = _native(catalog)
    rows = [
        {"model_id": m, "provider": p, **_one_host(g, _native_of(native, m))}
        for (m, p), g in endpoints.groupby(KEY, sort=True)
    ]
    out = pd.DataFrame(rows, columns=[*KEY, *HOSTING_COLUMNS]).set_index(KEY)
    out["reduced_precision"] = out["reduced_precision"].astype("boolean")
    out["zero_data_retention"] = out["zero_data_retention"].astype("boolean")
    return out


def _native_of(native: pd.Series, model_id: str) -> str | None:
    value = native.get(model_id)
    return None if value is None or pd.isna(value) or not value else str(value)


def reduced_precision(endpoints: pd.DataFrame, catalog: pd.DataFrame) -> pd.Series:
    """Per (model_id, provider) with an endpoint: reduced precision or not (boolean, NA = unknown), as
    ``host_precision`` says it, computed without the texts (a few ms instead of a per-host loop)."""
    bits = endpoints["quantization"].map(precision_bits).astype(float)
    native = _native(catalog).map(precision_bits).astype(float)
    rows = pd.DataFrame(
        {
            **{k: endpoints[k] for k in KEY},
            "bits": bits,
            "native": endpoints["model_id"].map(native).astype(float),
        }
    )
    g = rows.groupby(KEY, sort=True).agg(
        low=("bits", "min"),
        high=("bits", "max"),
        stated=("bits", "count"),
        n=("bits", "size"),
        native=("native", "first"),
    )
    known = g["native"].notna() & g["stated"].eq(g["n"])
    out = pd.Series(pd.NA, index=g.index, dtype="boolean", name="reduced_precision")
    out[known & (g["high"] < g["native"])] = True
    out[known & (g["low"] >= g["native"])] = False
    return out


def with_hosting(offerings: pd.DataFrame, hosting: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``offerings`` with HOSTING_COLUMNS for each row (from ``host_precision``); a provider
    without an endpoint row reads "not stated" (texts) or NA (values). Same index and order."""
    keys = pd.MultiIndex.from_frame(offerings[KEY])
    found = hosting.reindex(keys)
    found["served_text"] = found["served_text"].fillna(NOT_STATED)
    found["uptime_text"] = found["uptime_text"].fillna(NOT_STATED)
    found["precision_note"] = found["precision_note"].fillna("")
    out = offerings.copy()
    for column in HOSTING_COLUMNS:  # by position: an offerings index need not be unique
        out[column] = found[column].array
    return out


def prefer_full_precision(
    offerings: pd.DataFrame, endpoints: pd.DataFrame, catalog: pd.DataFrame
) -> pd.DataFrame:
    """``offerings`` without those known to serve reduced precision, per model, where the model keeps
    another offering not known to be reduced (a model served only at reduced precision keeps them all);
    the input's columns plus ``reduced_precision`` (boolean, NA = unknown). Inputs are not modified."""
    reduced = reduced_precision(endpoints, catalog)
    flags = reduced.reindex(pd.MultiIndex.from_frame(offerings[KEY])).to_numpy()
    return drop_known_reduced(offerings.assign(reduced_precision=pd.array(flags, dtype="boolean")))


def drop_known_reduced(offerings: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``offerings`` (with ``reduced_precision``) minus those known reduced, per model, where the
    model keeps another row not known to be reduced."""
    known_reduced = offerings["reduced_precision"].fillna(False).astype(bool)
    has_other = (~known_reduced).groupby(offerings["model_id"]).transform("any")
    return offerings[~known_reduced | ~has_other]


def only_reduced(offerings: pd.DataFrame) -> pd.Index:
    """Model ids whose every offering in ``offerings`` (with ``reduced_precision``) is known reduced."""
    known = offerings["reduced_precision"].fillna(False).astype(bool)
    every = known.groupby(offerings["model_id"]).all()
    return every.index[every]
