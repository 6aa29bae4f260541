"""Epoch AI Benchmarking Hub (CC-BY 4.0): the Epoch Capabilities Index and benchmark results.

``epoch_capabilities_index.csv`` doubles as Epoch's model registry (organisation, release date,
accessibility). Epoch-run evaluations (GPQA Diamond, SWE-bench Verified) are fractions 0–1,
kept here as percentages; ``mmlu_external.csv`` collects published MMLU results (papers,
HELM), the best source for legacy models. Ids are Epoch ``Model version``s, whose effort suffix
(``_high``, ``_32K``) the matcher removes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import (
    DataQualityError,
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    read_payload_csv,
    to_date,
)

NAME = "epoch-benchmarks"
FOLDER = "epoch-benchmarks"
NAMESPACE = "epoch"
URL = "https://epoch.ai/data/benchmark_data.zip"
HOME = "https://epoch.ai/benchmarks"
ECI = "epoch_capabilities_index.csv"
# file -> (benchmark, score column, scale to percent, independent)
RESULTS = {
    "gpqa_diamond.csv": ("gpqa_diamond", "mean_score", 100.0, True),
    "swe_bench_verified.csv": ("swe_bench_verified", "mean_score", 100.0, True),
    "mmlu_external.csv": ("mmlu", "EM", 100.0, False),
}
OPEN = "open weights"


def fetch(session, dest: Path) -> None:
    body = http.get_bytes(session, URL)
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile as exc:
        raise DataQualityError(f"epoch-benchmarks: {URL} is not a ZIP file") from exc
    dest.mkdir(parents=True, exist_ok=True)
    for member in archive.namelist():
        if member.endswith(".csv") and Path(member).name in {ECI, *RESULTS}:
            (dest / Path(member).name).write_bytes(archive.read(member))
    http.write_fetch_meta(dest, URL)


def parse(folder: Path) -> Staged:
    folder = Path(folder)
    eci = read_payload_csv(
        NAME,
        folder / ECI,
        {"Model version", "ECI Score", "Release date", "Organization", "Model accessibility"},
    )
    started = []
    models, scores = [], []
    for row in eci.to_dict("records"):
        sid, access = row["Model version"].strip(), row["Model accessibility"].strip()
        if not sid:
            continue
        models.append(
            {
                "source": NAMESPACE,
                "source_id": sid,
                "defines": access not in ("Unreleased", ""),
                "name": row.get("Model name", "").strip() or None,
                "organization": row["Organization"].strip() or None,
                "release_date": to_date(row["Release date"]),
                "license_raw": access or None,
                "open_weights": (OPEN in access.lower()) if access else None,
            }
        )
        if (score := number(row["ECI Score"])) is not None:
            scores.append(
                {
                    "source": NAMESPACE,
                    "source_id": sid,
                    "benchmark": "eci",
                    "score": score,
                    "independent": True,
                }
            )
    for file, (benchmark, column, scale, independent) in RESULTS.items():
        if not (folder / file).exists():
            raise DataQualityError(f"epoch-benchmarks: {file} is missing from the download")
        df = read_payload_csv(NAME, folder / file, {"Model version", column})
        started.extend(df.get("Started at", pd.Series(dtype=str)).tolist())
        for row in df.to_dict("records"):
            sid, score = row["Model version"].strip(), number(row[column])
            if sid and score is not None:
                err = number(row.get("stderr"))
                scores.append(
                    {
                        "source": NAMESPACE,
                        "source_id": sid,
                        "benchmark": benchmark,
                        "score": score * scale,
                        "ci_low": None if err is None else (score - 1.96 * err) * scale,
                        "ci_high": None if err is None else (score + 1.96 * err) * scale,
                        "independent": independent or row.get("Source", "").startswith("Stanford CRFM"),
                    }
                )
    scores_df = frame("scores", sorted(scores, key=lambda r: -r["score"]))  # keep the best per id × benchmark
    as_of = payload_as_of(folder, newest_date_in([*started, *eci["Release date"]]))
    scores_df["as_of"] = as_of
    return Staged(NAME, as_of, {"models": frame("models", models), "scores": scores_df})
