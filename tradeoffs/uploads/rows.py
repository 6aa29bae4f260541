"""The validated rows of an upload and the reasons the others were refused."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

MARK = " · your data"  # appended to every uploaded model's name and negotiated price's provider
SOURCE = "your data"  # the source column of every uploaded score, price and GPU price
ID_PREFIX = "yours-"  # an uploaded model's id: ``yours-<name as a slug>``
KINDS = ("model", "price", "gpu")


def model_id_for(name: str) -> str:
    """The id an uploaded model gets: "yours-" + its name in lower case, runs of other characters as "-"."""
    return ID_PREFIX + (re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-") or "model")


@dataclass(frozen=True)
class OwnModel:
    name: str
    open_weights: bool
    license_id: str | None  # None: unknown
    params_total_b: float | None
    params_active_b: float | None
    hosting: str  # "self-hosted" | "api"
    scores: tuple[tuple[str, float], ...]  # (benchmark id, score)

    @property
    def model_id(self) -> str:
        return model_id_for(self.name)


@dataclass(frozen=True)
class NegotiatedPrice:
    model_id: str  # a catalog id or an uploaded model's id
    provider: str
    input_usd_per_mtok: float
    output_usd_per_mtok: float
    commitment_usd_per_month: float | None


@dataclass(frozen=True)
class GpuPrice:
    gpu: str
    usd_per_gpu_hour: float


@dataclass(frozen=True)
class Problem:
    line: int  # the line in the file (1 = the header)
    kind: str
    reason: str


@dataclass(frozen=True)
class Upload:
    """The good rows of one upload (with the raw rows they came from, for the link) and the bad ones."""

    models: tuple[OwnModel, ...] = ()
    prices: tuple[NegotiatedPrice, ...] = ()
    gpus: tuple[GpuPrice, ...] = ()
    problems: tuple[Problem, ...] = ()
    good_rows: tuple[tuple[tuple[str, str], ...], ...] = field(default=(), repr=False)

    @property
    def count(self) -> int:
        return len(self.models) + len(self.prices) + len(self.gpus)

    @property
    def digest(self) -> str:
        """12 hex characters naming the good rows: the cache key of the frames that carry them."""
        text = json.dumps([dict(r) for r in self.good_rows], sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def summary(self) -> str:
        """ "2 models, 1 price, 0 GPU prices" in words."""
        parts = [
            (len(self.models), "model"),
            (len(self.prices), "negotiated price"),
            (len(self.gpus), "GPU price"),
        ]
        return ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for n, what in parts)
