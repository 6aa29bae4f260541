"""Epoch AI "Machine Learning Hardware" (CC-BY 4.0): memory and memory bandwidth of accelerators.

These specifications override the price index's own for the GPUs we price (names differ:
``NVIDIA H100 SXM5 80GB`` vs ``H100``; the map is below), so the throughput rule of thumb rests
on a cited dataset. Units in the file are raw SI (bytes, bytes/s).
"""

from __future__ import annotations

from pathlib import Path

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import (
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    read_payload_csv,
)

NAME = "epoch-hardware"
FOLDER = "epoch-ml-hardware"
FILE = "ml_hardware.csv"
NAMESPACE = "epoch"
URL = "https://epoch.ai/data/ml_hardware.csv"
HOME = "https://epoch.ai/data/machine-learning-hardware"
SPEC_PROVIDER = "Epoch AI (specification)"
NEEDED = {"Hardware name", "Memory (bytes)", "Memory bandwidth (byte/s)", "Release date"}
# price-index GPU key -> Epoch hardware name
GPU_NAMES = {
    "B300": "NVIDIA B300 (Blackwell Ultra)",
    "B200": "NVIDIA B200",
    "H200": "NVIDIA H200 SXM",
    "H100": "NVIDIA H100 SXM5 80GB",
    "H100-NVL": "NVIDIA H100 NVL",
    "H100-PCIe": "NVIDIA H100 PCIe",
    "MI300X": "AMD Instinct MI300X",
    "A100-80GB": "NVIDIA A100 SXM4 80 GB",
    "A100-40GB": "NVIDIA A100 SXM4 40 GB",
}  # A100 80GB PCIe and L40S have no unambiguous Epoch entry: the price index's specs stand.


def fetch(session, dest: Path) -> None:
    http.fetch_file(session, dest, URL, FILE)


def parse(folder: Path) -> Staged:
    path = Path(folder) / FILE
    df = read_payload_csv(NAME, path, NEEDED)
    by_name = {r["Hardware name"].strip(): r for r in df.to_dict("records")}
    rows = []
    for gpu, name in GPU_NAMES.items():
        rec = by_name.get(name)
        if rec is None:
            continue
        memory, bandwidth = number(rec["Memory (bytes)"]), number(rec["Memory bandwidth (byte/s)"])
        rows.append(
            {
                "gpu": gpu,
                "name": name,
                "memory_gb": None if memory is None else memory / 1e9,
                "bandwidth_gbps": None if bandwidth is None else bandwidth / 1e9,
                "provider": SPEC_PROVIDER,
                "segment": "spec",
                "source": NAME,
            }
        )
    as_of = payload_as_of(Path(folder), newest_date_in(df["Release date"]))
    for row in rows:
        row["as_of"] = as_of
    return Staged(NAME, as_of, {"gpus": frame("gpus", rows)})
