"""Epoch AI "Machine Learning Hardware" (CC-BY 4.0): memory, bandwidth, dense tensor FLOP/s (BF16,
FP8, FP4), TDP and launch price of accelerators.

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
    # Not in the price index, but measured in MLPerf (calibration of the serving estimate):
    "GB200": "NVIDIA GB200",
    "GB300": "NVIDIA GB300 (Blackwell Ultra)",
    "MI325X": "AMD Instinct MI325X",
    "MI350X": "AMD Instinct MI350X",
    "MI355X": "AMD Instinct MI355X",
}
FLOPS = {
    "tflops_bf16": "Tensor-FP16/BF16 performance (FLOP/s)",
    "tflops_fp8": "FP8 performance (FLOP/s)",
    "tflops_fp4": "FP4 performance (FLOP/s)",
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
        row = {
            "gpu": gpu,
            "name": name,
            "memory_gb": None if memory is None else memory / 1e9,
            "bandwidth_gbps": None if bandwidth is None else bandwidth / 1e9,
            "tdp_w": number(rec.get("TDP (W)")),
            "usd_purchase": number(rec.get("Release price (USD)")),
            "provider": SPEC_PROVIDER,
            "segment": "spec",
            "source": NAME,
        }
        for column, field in FLOPS.items():
            flops = number(rec.get(field))
            row[column] = None if flops is None else flops / 1e12
        rows.append(row)
    as_of = payload_as_of(Path(folder), newest_date_in(df["Release date"]))
    for row in rows:
        row["as_of"] = as_of
    return Staged(NAME, as_of, {"gpus": frame("gpus", rows)})
