"""A way forward: when the assumed team or hardware cannot run a model, what would, as one change.

The change is a set of assumption values (a bigger GPU, a second MLOps engineer, more owned GPUs)
that the Costs page applies in one click; it is checked by re-running the estimate, so the page
only ever offers a change that makes the model feasible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.hardware import gpu_table, hardware
from tradeoffs.costs.selfhost import SelfHostInput, self_host_cost, shape_for
from tradeoffs.costs.serving import NODE_GPUS


@dataclass(frozen=True)
class Fix:
    """What would make self-hosting feasible, in words, and the assumption values that do it."""

    text: str
    changes: dict


def _estimate(row, gpus: pd.DataFrame, a: CostAssumptions, tokens: float, share: float):
    return self_host_cost(SelfHostInput(shape_for(row, a), hardware(gpus, a), tokens, share, a))


def _shape_words(e, gpu: str) -> str:
    n = e.gpus_per_replica or 0
    if n > NODE_GPUS:
        return f"{n // NODE_GPUS} nodes of {NODE_GPUS}×{gpu} per replica"
    return f"{n}×{gpu} per replica"


def _bigger_gpu(row, gpus: pd.DataFrame, a: CostAssumptions, tokens: float, share: float) -> str | None:
    """The priced GPU on which one replica needs the fewest GPUs (None if it fits on none)."""
    best = None
    for gpu in gpu_table(gpus)["gpu"]:
        e = _estimate(row, gpus, replace(a, gpu=gpu), tokens, share)
        if e.gpus_per_replica and (best is None or e.gpus_per_replica < best[0]):
            best = (e.gpus_per_replica, gpu)
    return None if best is None else best[1]


def way_forward(row, gpus: pd.DataFrame, a: CostAssumptions, tokens: float, share: float) -> Fix | None:
    """The smallest set of changes that makes self-hosting ``row`` feasible, or None when none does
    (its size is not public) or nothing is needed."""
    e = _estimate(row, gpus, a, tokens, share)
    if e.feasible or "params unknown" in e.reasons:
        return None
    changes: dict = {}
    if not e.gpus_per_replica or "no GPU price" in "; ".join(e.reasons):
        gpu = _bigger_gpu(row, gpus, a, tokens, share)
        if gpu is None:
            return None
        changes["gpu"] = gpu
    trial = replace(a, **changes)
    e = _estimate(row, gpus, trial, tokens, share)
    needed = 2.0 if e.multi_node else 1.0
    if not trial.team_has_gpu_ops and trial.mlops_fte < needed:
        changes["mlops_fte"] = needed
    owned = trial.ownership == "own" and trial.owned_gpus and e.replicas and e.gpus_per_replica
    if owned and e.replicas * e.gpus_per_replica > trial.owned_gpus:
        changes["owned_gpus"] = e.replicas * e.gpus_per_replica
    trial = replace(a, **changes)
    e = _estimate(row, gpus, trial, tokens, share)
    if not e.feasible:
        return None
    words = [f"needs {_shape_words(e, trial.gpu)}"]
    if "mlops_fte" in changes:
        words.append(f"{changes['mlops_fte']:g} MLOps engineer{'s' if changes['mlops_fte'] > 1 else ''}")
    if "owned_gpus" in changes:
        words.append(f"{changes['owned_gpus']} owned GPUs at this volume")
    return Fix(" and ".join(words), changes)
