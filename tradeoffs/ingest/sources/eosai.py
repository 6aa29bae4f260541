"""The European Open Source AI Index (osai-index.eu): per model family, 12 openness dimensions.

Payload ``eosai-index/models/*.yaml``: one YAML file per family, as in the upstream repository
``Language-Technology-Assessment/main-database`` (the nightly downloads its tarball). Each dimension
is rated ``open`` | ``partial`` | ``closed``; a family is rated on its largest / latest member
(``endmodelname``). CC-BY 4.0: cite Liesenfeld & Dingemanse (2024) and link https://osai-index.eu/.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pandas as pd
import yaml

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import DataQualityError

NAME = "eosai-index"
FOLDER = "eosai-index"
URL = "https://github.com/Language-Technology-Assessment/main-database/archive/refs/heads/main.tar.gz"
HOME = "https://osai-index.eu/"
LICENSE = "CC-BY-4.0"
TEMPLATE = "a_submission_template.yaml"  # an empty form, not a model
DIMENSIONS = (
    "datasources_basemodel",
    "datasources_endmodel",
    "weights_basemodel",
    "weights_endmodel",
    "trainingcode",
    "code",
    "hardware_architecture",
    "preprint",
    "paper",
    "modelcard",
    "datasheet",
    "licenses",
)
CLASSES = {"open", "partial", "closed"}
COLUMNS = [
    "family",
    "name",
    "org",
    "type",
    "endmodelname",
    "endmodel_license",
    "link",
    "releasedate",
    *DIMENSIONS,
]


def fetch(session, dest: Path) -> None:
    """The upstream repository's YAML files, written into ``dest/models/``."""
    body = http.get_bytes(session, URL)
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and len(parts) == 2 and parts[1].endswith(".yaml") and parts[1] != TEMPLATE:
                http.write_payload(dest / "models", parts[1], tar.extractfile(member).read())
    http.write_fetch_meta(dest, URL)


def _class(rec: dict, dim: str, file: str) -> str | None:
    value = (rec.get(dim) or {}).get("class") if isinstance(rec.get(dim), dict) else None
    if value is None or str(value).strip() == "":
        return None  # N/A upstream
    value = str(value).strip().lower()
    if value not in CLASSES:
        raise DataQualityError(f"eosai-index: {file} rates {dim} as {value!r} (scale changed?)")
    return value


def _row(path: Path) -> dict | None:
    rec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(rec, dict) or not isinstance(rec.get("system"), dict):
        raise DataQualityError(f"eosai-index: {path.name} has no system block")
    system, org = rec["system"], rec.get("org") or {}
    license_text = system.get("endmodellicense") or system.get("endmodel license")  # 4 files upstream
    return {
        "family": path.stem,
        "name": str(system.get("name") or path.stem).strip(),
        "org": str(org.get("name") or "").strip() or None,
        "type": str(system.get("type") or "").replace(" ", "") or None,
        "endmodelname": str(system.get("endmodelname") or "").strip() or None,
        "endmodel_license": str(license_text).strip() if license_text else None,
        "link": str(system.get("link") or "").strip() or None,
        "releasedate": str(system.get("releasedate") or "").strip() or None,
        **{dim: _class(rec, dim, path.name) for dim in DIMENSIONS},
    }


def parse(folder: Path) -> pd.DataFrame:
    """One row per model family (file stem) with its 12 ratings."""
    files = sorted(p for p in (Path(folder) / "models").glob("*.yaml") if p.name != TEMPLATE)
    if not files:
        raise DataQualityError(f"eosai-index: no models/*.yaml in {folder}")
    try:
        rows = [_row(p) for p in files]
    except yaml.YAMLError as exc:
        raise DataQualityError(f"eosai-index: unreadable YAML ({exc})") from exc
    return pd.DataFrame(rows, columns=COLUMNS).sort_values("family", ignore_index=True)
