"""MLPerf Inference (datacenter, closed division): measured LLM serving throughput, per system.

MLCommons publishes one summary file per round (``summary_results.json`` for v5.1 and v6.0; from
v6.1 ``summary.json``, an object keyed by row number with renamed fields). We keep audited,
available, closed-division LLM rows (``Tokens/s``: output tokens per second of the whole system)
on a single kind of accelerator, one row per result × benchmark × scenario; a result the
submitter only *inferred* from another run is left out, and so is the ``-99`` copy of a
``-99.9`` run with the same system, scenario and value. Results are cited by their MLPerf id.
Per-GPU figures derived from them are ours, not official MLPerf results.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import DataQualityError, Staged, frame, number, payload_as_of

NAME = "mlperf"
FOLDER = "serving-throughput"
NAMESPACE = "mlperf"
HOME = "https://mlcommons.org/benchmarks/inference-datacenter/"
ROUNDS = {  # local file -> live URL
    "mlperf-inference-v5.1-summary_results.json": "https://raw.githubusercontent.com/mlcommons/"
    "inference_results_v5.1/main/summary_results.json",
    "mlperf-inference-v6.0-summary_results.json": "https://raw.githubusercontent.com/mlcommons/"
    "inference_results_v6.0/main/summary_results.json",
}
ROUND_DATES = {"v5.1": "2025-09-09", "v6.0": "2026-03-26"}  # publication (summary commit) dates
# The v6.1 schema's names for the fields we read.
V61_FIELDS = {
    "Organization": "Submitter",
    "Division": "Category",
    "SystemType": "Suite",
    "SystemName": "System",
    "Model": "Model",
    "Result": "Performance_Result",
    "Units": "Performance_Units",
    "number_of_nodes": "Nodes",
    "accelerator_model_name": "Accelerator",
    "accelerators_per_node": "a#",
    "total_accelerators": "Total Accelerators",
    "framework": "Software",
}
# Accelerator text -> key of the gpus table (first match wins; NVL and PCIe cards are other GPUs).
GPU_PATTERNS = (
    (re.compile(r"\bGB300\b"), "GB300"),
    (re.compile(r"\bGB200\b"), "GB200"),
    (re.compile(r"\bB300-SXM"), "B300"),
    (re.compile(r"\bB200-SXM"), "B200"),
    (re.compile(r"\bH200-SXM"), "H200"),
    (re.compile(r"\bH100-SXM"), "H100"),
    (re.compile(r"\bMI355X\b"), "MI355X"),
    (re.compile(r"\bMI350X\b"), "MI350X"),
    (re.compile(r"\bMI325X\b"), "MI325X"),
    (re.compile(r"\bMI300X\b"), "MI300X"),
)
PRECISIONS = {"fp4": "FP4", "nvfp4": "FP4", "mxfp4": "MXFP4", "fp8": "FP8", "int8": "INT8", "fp16": "FP16"}


def fetch(session, dest: Path) -> None:
    for name, url in ROUNDS.items():
        http.fetch_file(session, dest, url, name)


def _records(path: Path) -> list[dict]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataQualityError(f"{NAME}: {path.name} is not JSON ({exc})") from exc
    if isinstance(payload, dict):  # v6.1: {"0": {...}, "1": {...}} with renamed fields
        payload = [{V61_FIELDS.get(k, k): v for k, v in r.items()} for r in payload.values()]
    if not isinstance(payload, list) or not all(isinstance(r, dict) for r in payload):
        raise DataQualityError(f"{NAME}: {path.name} is not a list of results")
    return payload


def _gpu(accelerator: str) -> str | None:
    if " and " in accelerator or "," in accelerator:  # a mixed cluster: no one GPU to compare with
        return None
    return next((key for pattern, key in GPU_PATTERNS if pattern.search(accelerator)), None)


def _count(rec: dict) -> float | None:
    total = number(rec.get("Total Accelerators"))
    if total:
        return total
    nodes, per_node = number(rec.get("Nodes")), number(rec.get("a#"))
    return nodes * per_node if nodes and per_node else None


def _row(rec: dict, round_: str) -> dict | None:
    """One measurement, or None for what is not a closed, available, measured LLM result on one GPU type."""
    if (
        rec.get("Suite") != "datacenter"
        or rec.get("Performance_Units") != "Tokens/s"
        or rec.get("Category") != "closed"
        or rec.get("Availability") != "available"
        or str(rec.get("inferred", 0)) in ("1", "True", "true")
    ):
        return None
    gpu, gpus, value = (
        _gpu(str(rec.get("Accelerator") or "")),
        _count(rec),
        number(rec.get("Performance_Result")),
    )
    benchmark = str(rec.get("Model") or "")
    if gpu is None or not gpus or not value or value <= 0 or not benchmark:
        return None
    return {
        "result_id": str(rec.get("ID") or rec.get("PrivateID") or ""),
        "benchmark": benchmark,
        "source_id": re.sub(r"-99(\.9)?$", "", benchmark),
        "scenario": str(rec.get("Scenario") or ""),
        "gpu": gpu,
        "gpus": gpus,
        "precision": PRECISIONS.get(str(rec.get("weight_data_types") or "").lower()),
        "output_tokens_per_s": value,
        "submitter": rec.get("Submitter"),
        "system": rec.get("System"),
        "software": rec.get("Software"),
        "source": NAME,
        "as_of": ROUND_DATES.get(round_),
    }


def parse(folder: Path) -> Staged:
    folder = Path(folder)
    files = sorted(p for p in folder.glob("mlperf-inference-*.json") if "sample" not in p.name)
    if not files:
        raise DataQualityError(f"{NAME}: no MLPerf summary file in {folder}")
    rows = [
        row
        for path in files
        for rec in _records(path)
        if (row := _row(rec, re.search(r"v\d+\.\d+", path.name).group(0)))
    ]
    if not rows:
        raise DataQualityError(f"{NAME}: no closed-division LLM throughput result found")
    # -99 and -99.9 are one model at two accuracy targets, often one run reported twice: keep -99.9.
    rows.sort(key=lambda r: (r["benchmark"].endswith("-99"), r["result_id"], r["benchmark"]))
    seen, unique = set(), []
    for r in rows:
        key = (r["result_id"], r["source_id"], r["scenario"], r["output_tokens_per_s"])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    as_of = payload_as_of(folder, date.fromisoformat(max(r["as_of"] for r in unique if r["as_of"])))
    return Staged(NAME, as_of, {"measurements": frame("measurements", unique)})
