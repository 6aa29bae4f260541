"""Each row of an upload checked against the catalog: good rows become typed rows, bad ones a reason."""

from __future__ import annotations

import math
from dataclasses import dataclass

from tradeoffs.uploads.rows import (
    KINDS,
    GpuPrice,
    NegotiatedPrice,
    OwnModel,
    Problem,
    Upload,
)

MODEL_COLUMNS = ("name", "open_weights", "license_id", "params_total_b", "params_active_b", "hosting")
PRICE_COLUMNS = ("model", "provider", "input_usd_per_mtok", "output_usd_per_mtok", "commitment_usd_per_month")
GPU_COLUMNS = ("gpu", "usd_per_gpu_hour")
REQUIRED = {
    "model": ("name", "open_weights", "hosting"),
    "price": ("model", "provider", "input_usd_per_mtok", "output_usd_per_mtok"),
    "gpu": ("gpu", "usd_per_gpu_hour"),
}
HOSTING = ("self-hosted", "api")
YES, NO = {"yes", "true", "1", "y", "open"}, {"no", "false", "0", "n", "closed"}
MAX_TEXT = 80  # a name or provider longer than this is a mistake (and would break every table)


@dataclass(frozen=True)
class Known:
    """What rows may name: catalog model ids, licence ids, benchmark ids (in order), GPU ids."""

    model_ids: frozenset[str]
    licences: frozenset[str]
    benchmarks: tuple[str, ...]
    gpus: frozenset[str]


class BadRow(ValueError):
    """One row's reason for being refused."""


def template_columns(benchmarks: tuple[str, ...]) -> list[str]:
    """The template's header: kind, the model columns, one per benchmark, the price and GPU columns."""
    return ["kind", *MODEL_COLUMNS, *benchmarks, *PRICE_COLUMNS, *GPU_COLUMNS]


def validate(header: list[str], rows: list[tuple[int, dict[str, str]]], known: Known) -> Upload:
    """The upload of ``rows`` (from read_rows): models first (so prices may name them), then prices, GPUs."""
    by_kind, problems = _by_kind(rows)
    extra = [h for h in header if h and h not in set(template_columns(known.benchmarks))]
    good: dict[str, list] = {kind: [] for kind in KINDS}
    own_names: dict[str, str] = {}  # an uploaded model's name (lower case) → its id
    checks = {"model": _model, "price": _price, "gpu": _gpu}
    for kind in KINDS:
        missing = [c for c in REQUIRED[kind] if c not in header]
        seen = set()
        for line, row in by_kind[kind]:
            try:
                if missing:
                    raise BadRow(f"missing column {', '.join(_quote(c) for c in missing)}")
                item, key = checks[kind](row, known, extra, own_names)
                if key in seen:
                    raise BadRow(f"duplicate of an earlier {kind} row ({key})")
            except BadRow as exc:
                problems.append(Problem(line, kind, str(exc)))
                continue
            seen.add(key)
            good[kind].append((item, row))
            if kind == "model":
                own_names[item.name.lower()] = item.model_id
    kept = [tuple(sorted((k, v) for k, v in row.items() if v)) for kind in KINDS for _, row in good[kind]]
    items = {kind: tuple(i for i, _ in good[kind]) for kind in KINDS}
    problems.sort(key=lambda p: p.line)
    return Upload(items["model"], items["price"], items["gpu"], tuple(problems), tuple(kept))


def _by_kind(rows) -> tuple[dict[str, list], list[Problem]]:
    """The rows of each kind, and a problem for each row of an unknown kind."""
    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    problems = []
    for line, row in rows:
        kind = row.get("kind", "").lower()
        if kind in KINDS:
            by_kind[kind].append((line, row))
        else:
            problems.append(Problem(line, kind or "?", f"unknown kind {_quote(kind)} (model, price or gpu)"))
    return by_kind, problems


def _model(row, known: Known, extra: list[str], own_names) -> tuple[OwnModel, str]:
    name = _text(row, "name")
    unknown = [c for c in extra if row.get(c)]
    if unknown:
        raise BadRow(f"unknown benchmark or column {', '.join(_quote(c) for c in unknown)}")
    licence = row.get("license_id") or None
    if licence is not None and licence not in known.licences:
        raise BadRow(f"unknown licence {_quote(licence)} (see the licence table below)")
    hosting = row.get("hosting", "").lower()
    if hosting not in HOSTING:
        raise BadRow(f"hosting is {_quote(hosting)}: 'self-hosted' or 'api'")
    model = OwnModel(
        name,
        _yes_no(row, "open_weights"),
        licence,
        _number(row, "params_total_b", optional=True, positive=True),
        _number(row, "params_active_b", optional=True, positive=True),
        hosting,
        tuple((b, _number(row, b, signed=True)) for b in known.benchmarks if row.get(b)),
    )
    if hosting == "self-hosted" and model.params_total_b is None:
        raise BadRow("self-hosted needs params_total_b (the estimate sizes the GPUs by it)")
    return model, model.model_id  # two names with one id ("Acme 70B", "acme-70b") are one model


def _price(row, known: Known, extra, own_names: dict[str, str]) -> tuple[NegotiatedPrice, str]:
    model = _text(row, "model")
    model_id = model if model in known.model_ids else own_names.get(model.lower())
    if model_id is None:
        raise BadRow(f"unknown model {_quote(model)} (a model id of the catalog or a name in this file)")
    price = NegotiatedPrice(
        model_id,
        _text(row, "provider"),
        _number(row, "input_usd_per_mtok"),
        _number(row, "output_usd_per_mtok"),
        _number(row, "commitment_usd_per_month", optional=True),
    )
    return price, model_id  # one negotiated price per model: it replaces the list prices


def _gpu(row, known: Known, extra, own_names) -> tuple[GpuPrice, str]:
    gpu = _text(row, "gpu")
    if gpu not in known.gpus:
        raise BadRow(f"unknown GPU {_quote(gpu)} (one of {', '.join(sorted(known.gpus))})")
    return GpuPrice(gpu, _number(row, "usd_per_gpu_hour", positive=True)), gpu


def _text(row, column: str) -> str:
    text = row.get(column, "")
    if not text:
        raise BadRow(f"{column} is empty")
    if len(text) > MAX_TEXT:
        raise BadRow(f"{column} is longer than {MAX_TEXT} characters")
    return text


def _yes_no(row, column: str) -> bool:
    text = row.get(column, "").lower()
    if text in YES | NO:
        return text in YES
    raise BadRow(f"{column} is {_quote(text)}: yes or no")


def _number(row, column: str, *, optional=False, positive=False, signed=False) -> float | None:
    """A finite number (≥ 0, or > 0 with ``positive``, any sign with ``signed``); empty → None if optional."""
    text = row.get(column, "").replace(",", "").replace("$", "").strip()
    if not text and optional:
        return None
    try:
        number = float(text)
    except ValueError:
        raise BadRow(f"bad number in {column}: {_quote(row.get(column, ''))}") from None
    if not math.isfinite(number) or (not signed and number < 0) or (positive and number == 0):
        raise BadRow(
            f"bad number in {column}: {_quote(row.get(column, ''))} (must be {'> 0' if positive else '≥ 0'})"
        )
    return number


def _quote(text: str) -> str:
    return repr(text[:40] + ("…" if len(text) > 40 else ""))
