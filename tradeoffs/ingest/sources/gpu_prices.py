"""Cloud GPU rental prices, USD per GPU-hour, on demand (``ewyluda/gpu-price-index``): a
cross-provider index per GPU and the median price at each of 12 providers, with memory and
memory bandwidth. The recording is two CSVs flattened from the repository's ``latest.json``; the
live fetch flattens the same way.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tradeoffs.ingest import http
from tradeoffs.ingest.github import raw_url
from tradeoffs.ingest.staging import (
    DataQualityError,
    Staged,
    frame,
    number,
    payload_as_of,
    read_payload_csv,
    to_date,
)

NAME = "gpu-prices"
FOLDER = "gpu-cloud-prices"
NAMESPACE = "gpu-price-index"
REPO = "ewyluda/gpu-price-index"
HOME = "https://github.com/ewyluda/gpu-price-index"
INDEX_PROVIDER = "Market index (median)"
INDEX_COLUMNS = {"as_of", "gpu_key", "name", "memory_gb", "bandwidth_tbps", "index_usd_per_gpu_hour"}
PROVIDER_COLUMNS = {"as_of", "gpu_key", "provider", "segment", "median_usd_per_gpu_hour"}


def fetch(session, dest: Path) -> None:
    url = raw_url(REPO, "site/data/latest.json")
    payload = http.get_json(session, url)
    try:
        day = payload["as_of"]
        index = [
            {
                "as_of": day,
                "gpu_key": g["key"],
                "name": g["name"],
                "memory_gb": g["memory_gb"],
                "bandwidth_tbps": g["bandwidth_tbps"],
                "index_usd_per_gpu_hour": g["series"]["index"]["value"],
            }
            for g in payload["gpus"]
        ]
        providers = [
            {
                "as_of": day,
                "gpu_key": g["key"],
                "provider": p["provider"],
                "segment": p["segment"],
                "median_usd_per_gpu_hour": p["median"],
            }
            for g in payload["gpus"]
            for p in g["providers"]
        ]
    except (KeyError, TypeError) as exc:
        raise DataQualityError(f"gpu-prices: {url} changed shape ({exc!r} missing)") from exc
    dest.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(index).to_csv(dest / f"gpu_price_index_{day}.csv", index=False)
    pd.DataFrame(providers).to_csv(dest / f"gpu_provider_prices_{day}.csv", index=False)
    http.write_fetch_meta(dest, url, as_of=day)


def _newest(folder: Path, prefix: str, needed: set[str]) -> pd.DataFrame:
    files = sorted(folder.glob(f"{prefix}_*.csv"))
    if not files:
        raise DataQualityError(f"gpu-prices: no {prefix}_<date>.csv in {folder}")
    df = read_payload_csv(NAME, files[-1], needed)
    return df


def parse(folder: Path) -> Staged:
    folder = Path(folder)
    index = _newest(folder, "gpu_price_index", INDEX_COLUMNS)
    providers = _newest(folder, "gpu_provider_prices", PROVIDER_COLUMNS)
    specs = {r.gpu_key: r for r in index.itertuples(index=False)}
    rows = []
    for r in index.itertuples(index=False):
        rows.append(
            {
                "gpu": r.gpu_key,
                "name": r.name,
                "memory_gb": number(r.memory_gb),
                "bandwidth_gbps": number(r.bandwidth_tbps) * 1000,
                "provider": INDEX_PROVIDER,
                "segment": "index",
                "usd_per_gpu_hour": number(r.index_usd_per_gpu_hour),
                "source": NAME,
                "as_of": to_date(r.as_of),
            }
        )
    for r in providers.itertuples(index=False):
        spec = specs.get(r.gpu_key)
        if spec is None:
            continue
        rows.append(
            {
                "gpu": r.gpu_key,
                "name": spec.name,
                "memory_gb": number(spec.memory_gb),
                "bandwidth_gbps": number(spec.bandwidth_tbps) * 1000,
                "provider": r.provider.strip(),
                "segment": r.segment,
                "usd_per_gpu_hour": number(r.median_usd_per_gpu_hour),
                "source": NAME,
                "as_of": to_date(r.as_of),
            }
        )
    as_of = payload_as_of(folder, max((row["as_of"] for row in rows if row["as_of"]), default=None))
    return Staged(NAME, as_of, {"gpus": frame("gpus", rows)})
