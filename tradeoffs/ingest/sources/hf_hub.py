"""Hugging Face Hub model API: licence, parameter count, likes and downloads of open models.

``GET https://huggingface.co/api/models/{repo}?expand[]=…`` per repository, for the open models
already in the store (their ``hf_repo``). Recorded as ``model_<org>__<name>[_expand].json`` and
``models_author-<org>…json`` (lists). ``safetensors.total`` counts quantised tensors literally, so
a parameter count is taken only from repositories stored in 16/32-bit floats.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import DataQualityError, Staged, frame, number, payload_as_of, to_date

NAME = "hf-hub"
FOLDER = "hf-hub-api"
NAMESPACE = "huggingface"
HOME = "https://huggingface.co/docs/hub/api"
API = "https://huggingface.co/api/models/"
EXPAND = ("safetensors", "cardData", "downloads", "likes", "lastModified")
# Tensor dtypes that store one parameter per element (packed 4-bit dtypes such as U8/I32 do not).
FLOAT_DTYPES = {"BF16", "F16", "F32", "F8_E4M3", "F8_E5M2"}
PRECISION_OF_DTYPE = {
    "BF16": "BF16",
    "F16": "FP16",
    "F32": "FP32",
    "F8_E4M3": "FP8",
    "F8_E5M2": "FP8",
    "I32": "INT4",  # GPTQ/AWQ-style packed 4-bit weights
    "U8": "MXFP4",  # gpt-oss-style packed 4-bit blocks
}
MAX_REPOS = 400
PAUSE_S = 0.2  # anonymous rate limits: stay polite


def fetch(session, dest: Path, repos: list[str] | None = None) -> None:
    """One request per repository; a repository that fails is skipped, not fatal."""
    params = [("expand[]", field) for field in EXPAND]
    fetched = 0
    for repo in sorted(set(repos or []))[:MAX_REPOS]:
        try:
            body = http.get_bytes(session, API + quote(repo, safe="/"), params=params)
        except http.FetchError:
            if http.remaining_s() <= 0:  # the source's time is up: fail it, keep yesterday's rows
                raise
            continue
        http.write_payload(dest, f"model_{repo.replace('/', '__')}_expand.json", body)
        fetched += 1
        time.sleep(PAUSE_S)
    if repos and not fetched:
        raise http.FetchError(f"hf-hub: none of {len(repos)} repositories could be fetched")
    http.write_fetch_meta(dest, API)


def _records(folder: Path) -> list[dict]:
    out = []
    for path in sorted(folder.glob("model*.json")):
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataQualityError(f"hf-hub: {path.name} is not JSON ({exc})") from exc
        items = payload if isinstance(payload, list) else [payload]
        if not all(isinstance(i, dict) and "id" in i for i in items):
            raise DataQualityError(f"hf-hub: {path.name} has an entry without 'id'")
        out.extend(items)
    return out


def _params_b(rec: dict) -> float | None:
    st = rec.get("safetensors") or {}
    dtypes = set((st.get("parameters") or {}).keys())
    total = number(st.get("total"))
    return None if total is None or not dtypes or not dtypes <= FLOAT_DTYPES else total / 1e9


def _precision(rec: dict) -> str | None:
    """The dtype holding most of the weights (the release's native precision), as BF16, FP8, …"""
    counts = (rec.get("safetensors") or {}).get("parameters") or {}
    counts = {k: n for k, v in counts.items() if (n := number(v)) is not None}
    if not counts:
        return None
    return PRECISION_OF_DTYPE.get(max(sorted(counts), key=counts.get))


def _license(rec: dict) -> str | None:
    card = rec.get("cardData") or {}
    lic = card.get("license_name") if card.get("license") == "other" else card.get("license")
    tags = [t.split(":", 1)[1] for t in rec.get("tags", []) if str(t).startswith("license:")]
    return lic or (tags[0] if tags else None)


def parse(folder: Path) -> Staged:
    folder = Path(folder)
    records = _records(folder)
    models = [
        {
            "source": NAMESPACE,
            "source_id": r["id"],
            "defines": False,
            "hf_repo": r["id"],
            "license_raw": _license(r),
            "params_total_b": _params_b(r),
            "native_precision": _precision(r),
            "open_weights": True,
            "hf_likes": number(r.get("likes")),
            "hf_downloads": number(r.get("downloads")),
            "url": f"https://huggingface.co/{r['id']}",
        }
        for r in records
        if r.get("id")
    ]
    modified = [to_date(r.get("lastModified")) for r in records]
    as_of = payload_as_of(folder, max((d for d in modified if d), default=None))
    return Staged(NAME, as_of, {"models": frame("models", models)})
