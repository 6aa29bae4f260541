"""models.dev: provider × model offerings (USD per 1M tokens), specs, open-weights flags.

Payload: the repository's TOML tree, ``models-dev/providers/<provider>/models/**/*.toml`` (one file
per offering) and ``models-dev/models/<lab>/<model>.toml`` (one provider-agnostic record per model,
with Hugging Face weights links and benchmark results). The live fetch downloads the repository
tarball, so live and replay parse the same files. Ids: ``<provider>/<model path>`` and
``<lab>/<model>`` in the ``models.dev`` namespace.
"""

from __future__ import annotations

import io
import tarfile
import tomllib
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from tradeoffs.ingest import http
from tradeoffs.ingest.staging import (
    DataQualityError,
    Staged,
    frame,
    newest_date_in,
    number,
    payload_as_of,
    to_date,
)

NAME = "models.dev"
FOLDER = "models-dev"
NAMESPACE = "models.dev"
URL = "https://github.com/anomalyco/models.dev/archive/HEAD.tar.gz"
HOME = "https://models.dev"

# Benchmarks we keep from the lab records, and hosts that measured them independently of the vendor.
BENCHMARKS = {"swe-bench verified": "swe_bench_verified", "gpqa diamond": "gpqa_diamond"}
INDEPENDENT_HOSTS = {
    "www.swebench.com",
    "labs.scale.com",
    "artificialanalysis.ai",
    "openrouter.ai",
    "aider.chat",
}


def fetch(session, dest: Path) -> None:
    """Download the repository tarball and unpack only its TOML tree (links become copies)."""
    body = http.get_bytes(session, URL)
    try:
        with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
            _unpack_toml_tree(archive, dest)
    except tarfile.TarError as exc:
        raise DataQualityError(f"models.dev: {URL} is not a gzip tarball ({exc})") from exc
    http.write_fetch_meta(dest, URL)


def _unpack_toml_tree(archive: tarfile.TarFile, dest: Path) -> None:
    """Write providers/**.toml and models/**.toml under ``dest``, without the archive's top folder."""
    members = {PurePosixPath(m.name).relative_to(PurePosixPath(m.name).parts[0]): m for m in archive}
    for rel, member in members.items():
        if rel.suffix != ".toml" or rel.parts[0] not in ("providers", "models"):
            continue
        target = member
        if member.issym():  # follow repository-relative links, as the snapshot did
            target = members.get(PurePosixPath(*_resolve(rel.parent, member.linkname)))
        if target is None or not target.isfile():
            continue  # dangling upstream link
        out = dest / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(archive.extractfile(target).read())


def _resolve(base: PurePosixPath, link: str) -> list[str]:
    parts = list(base.parts)
    for piece in PurePosixPath(link).parts:
        if piece == "..":
            parts = parts[:-1]
        elif piece != ".":
            parts.append(piece)
    return parts


def _load(path: Path) -> dict:
    try:
        record = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataQualityError(f"models.dev: {path} is not valid TOML ({exc})") from exc
    if not record:
        raise DataQualityError(f"models.dev: {path} is empty (truncated download?)")
    return record


def _model_row(source_id: str, rec: dict, *, defines: bool, organization: str | None) -> dict:
    limit, modal = rec.get("limit", {}), rec.get("modalities", {})
    weights = [w.get("url", "") for w in rec.get("weights", []) if "huggingface.co/" in w.get("url", "")]
    links = [x.get("url") for x in rec.get("links", []) if x.get("url")]
    base = rec.get("base_model")
    return {
        "source": NAMESPACE,
        "source_id": source_id,
        "alt_source": NAMESPACE if base else None,
        "alt_id": base,
        "defines": defines,
        "name": rec.get("name"),
        "organization": organization,
        "release_date": to_date(rec.get("release_date")),
        "open_weights": rec.get("open_weights"),
        "license_raw": rec.get("license"),
        "context_tokens": number(limit.get("context")),
        "max_output_tokens": number(limit.get("output")),
        "modalities": ",".join(modal.get("input", [])) or None,
        "tool_calling": rec.get("tool_call"),
        "structured_output": rec.get("structured_output"),
        "reasoning": rec.get("reasoning"),
        "deprecated": rec.get("status") == "deprecated",
        "hf_repo": weights[0].split("huggingface.co/", 1)[1].strip("/") if weights else None,
        "url": links[0] if links else None,
    }


# Ids of image, speech and embedding models, for records that do not state their modalities.
NOT_TEXT = ("image", "tts", "whisper", "transcribe", "embed", "dall-e", "imagen", "lyria", "veo-", "sora")


def _is_text_llm(rec: dict, source_id: str) -> bool:
    modal = rec.get("modalities") or {}
    outputs = set(modal.get("output") or ["text"])
    tier_variant = "provider" in rec  # priority/fast service tiers of a model, not models of their own
    return (
        outputs == {"text"}
        and "text" in (modal.get("input") or ["text"])
        and not tier_variant
        and not any(word in source_id.lower() for word in NOT_TEXT)
        and not source_id.endswith("/auto")
    )


def parse(folder: Path) -> Staged:
    """Offerings from the provider tree; model records (with benchmarks) from the lab tree."""
    folder = Path(folder)
    offering_files = sorted((folder / "providers").glob("*/models/**/*.toml"))
    lab_files = sorted((folder / "models").glob("*/*.toml"))
    if not offering_files:
        raise DataQualityError(f"models.dev: no provider offerings under {folder / 'providers'}")
    models, offerings, scores, dates = [], [], [], []
    for path in lab_files:
        rec = _load(path)
        source_id = f"{path.parent.name}/{path.stem}"
        # Only lab records carry an organisation: that is how the build tells them from offerings.
        models.append(
            _model_row(source_id, rec, defines=_is_text_llm(rec, source_id), organization=path.parent.name)
        )
        dates.append(rec.get("last_updated"))
        scores.extend(_scores(source_id, rec))
    for path in offering_files:
        rec = _load(path)
        provider = path.relative_to(folder / "providers").parts[0]
        model_path = path.relative_to(folder / "providers" / provider / "models").with_suffix("")
        source_id = f"{provider}/{model_path.as_posix()}"
        dates.append(rec.get("last_updated"))
        # An offering can only define a model when it is a text LLM (the build also requires that
        # the provider be the lab); speech, image and embedding models are out of scope.
        models.append(_model_row(source_id, rec, defines=_is_text_llm(rec, source_id), organization=None))
        cost = rec.get("cost") or {}
        if "provider" in rec or number(cost.get("input")) is None:
            continue  # priority/fast service tiers are not the list price; no cost = nothing to offer
        offerings.append(
            {
                "source": NAMESPACE,
                "source_id": source_id,
                "provider": provider,
                "input_usd_per_mtok": number(cost.get("input")),
                "output_usd_per_mtok": number(cost.get("output")),
                "cached_input_usd_per_mtok": number(cost.get("cache_read")),
                "context_tokens": number((rec.get("limit") or {}).get("context")),
                "deprecated": rec.get("status") == "deprecated",
            }
        )
    as_of = payload_as_of(folder, newest_date_in(d for d in dates if d))
    for row in offerings:
        row["as_of"] = as_of
    return Staged(
        NAME,
        as_of,
        {
            "models": frame("models", models),
            "offerings": frame("offerings", offerings),
            "scores": frame("scores", scores),
        },
    )


def _scores(source_id: str, rec: dict) -> list[dict]:
    out = []
    for bench in rec.get("benchmarks", []):
        benchmark = BENCHMARKS.get(str(bench.get("name", "")).strip().lower())
        score = number(bench.get("score"))
        if benchmark is None or score is None:
            continue
        out.append(
            {
                "source": NAMESPACE,
                "source_id": source_id,
                "benchmark": benchmark,
                "score": score * 100 if score <= 1 else score,
                "as_of": to_date(bench.get("date")),
                "independent": urlparse(str(bench.get("source", ""))).hostname in INDEPENDENT_HOSTS,
            }
        )
    return out
