"""Which observations are the same model, and what that model is called.

Every observed id gets a match key (see match.py). Keys are joined into one model when a source
links two ids of the same model (an OpenRouter entry's Hugging Face id, a models.dev offering's
``base_model``, a leaderboard's display name): a union-find over keys. A group of keys becomes a
model only if some source *defines* it (a lab's own record, a leaderboard entry, a first-party
API offering): a reseller's id for a model nobody else knows stays unmatched and is reported.
Manual aliases pin single ids (source = namespace) or join a whole match key to a model (source = *).

Two curated rule tables (``data/curated/``) keep apart what the match keys would merge:
- ``identity_rules.csv`` (pattern, model_id, reason): every id whose plain form (``plain_id``) matches
  the pattern belongs to that model, e.g. ``kimi-k2-thinking.*`` (another checkpoint than Kimi K2,
  though "thinking" is usually only a reasoning mode);
- ``moving_aliases.csv`` (pattern, model_id, valid_from, valid_to, reason): ids such as
  ``deepseek-chat`` that served different models over time. They never define a model; a price or
  score observed under one belongs to the model it served on the row's as-of date, else to none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from tradeoffs.ingest.match import epoch_base_id, match_key, model_id_from, strip_hosting

KEY_ALIAS = "*"  # aliases_manual.csv source meaning "this id's match key", not one exact id
# Which source's id names a model, best first (a lab's own record reads best).
ID_PRIORITY = (
    "models.dev",
    "openrouter",
    "arena-daily",
    "lmarena-catalog",
    "epoch-benchmarks",
    "hf-leaderboard",
    "epoch-models",
    "lmarena-csv",
    "litellm",
    "genai-prices",
    "hf-hub",
)


def matchable(source: str, source_id: str) -> str:
    """The part of a namespaced id that names the model (no ``provider::``, effort or ``ft:``)."""
    if source == "epoch":
        return epoch_base_id(source_id)
    if source == "genai-prices":
        return source_id.split("::", 1)[-1]
    if source == "litellm":
        return source_id.removeprefix("ft:")
    return source_id


def plain_id(source: str, source_id: str) -> str:
    """The model part of an id, lower-case with ``-`` for spaces: what identity rules are matched on."""
    return re.sub(r"[\s_]+", "-", strip_hosting(matchable(source, source_id)))


@dataclass(frozen=True)
class IdentityRules:
    """Curated identity decisions (see the module docstring); empty by default."""

    pins: tuple[tuple[re.Pattern, str], ...] = ()  # (pattern, model_id template)
    moving: tuple[tuple[re.Pattern, str, str, str], ...] = ()  # (pattern, model_id, from, to) ISO dates

    def pinned_model(self, plain: str) -> str | None:
        for pattern, template in self.pins:
            if m := pattern.fullmatch(plain):
                return m.expand(template)
        return None

    def is_moving(self, plain: str) -> bool:
        return any(p.fullmatch(plain) for p, *_ in self.moving)

    def served(self, plain: str, as_of) -> str | None:
        """The model a moving alias served on ``as_of`` (ISO date or date), or None."""
        day = str(as_of)[:10] if as_of is not None and str(as_of) not in ("", "nan", "NaT", "None") else ""
        for pattern, model_id, start, end in self.moving:
            if (
                day
                and model_id
                and start
                and pattern.fullmatch(plain)
                and start <= day
                and (not end or day <= end)
            ):
                return model_id
        return None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # deterministic root


def add_keys(obs: pd.DataFrame) -> pd.DataFrame:
    """Observations with ``key`` (own id) and ``alt_key`` (linked id) columns."""
    key = [match_key(matchable(s, i)) for s, i in zip(obs["source"], obs["source_id"], strict=True)]
    alt = [
        match_key(matchable(s, i)) if isinstance(i, str) and i else None
        for s, i in zip(obs["alt_source"], obs["alt_id"], strict=True)
    ]
    return obs.assign(key=key, alt_key=alt)


def assign_models(
    obs: pd.DataFrame, manual: dict[tuple[str, str], str], rules: IdentityRules = IdentityRules()
) -> pd.DataFrame:
    """Observations (with keys, ``refresh`` and boolean ``defining``) plus ``model_id`` and ``primary``.

    ``model_id`` is None for ids no defining source knows and for moving aliases; ``primary`` marks
    rows whose key is the model's main key (the key of the id that named it), used to prefer exact
    offerings over variants.
    """
    uf = _UnionFind()
    for (source, example), model_id in manual.items():
        if source == KEY_ALIAS:  # every id with the example's key belongs to model_id
            uf.union(match_key(example), match_key(model_id))
    plain = [plain_id(s, i) for s, i in zip(obs["source"], obs["source_id"], strict=True)]
    ruled = {p: rules.pinned_model(p) for p in set(plain)}
    moving = {p for p in set(plain) if rules.is_moving(p)}
    # An exact manual alias beats a rule; "" marks a moving alias (pinned to no model).
    pins = [
        manual.get((s, i)) or ruled[p] or (None if p not in moving else "")
        for s, i, p in zip(obs["source"], obs["source_id"], plain, strict=True)
    ]
    obs = obs.assign(pinned=[x is not None for x in pins])
    free = obs[~obs["pinned"]]
    defined = set(free.loc[free["defining"], "key"])
    for key, alt, defining in zip(free["key"], free["alt_key"], free["defining"], strict=True):
        uf.find(key)
        # A reseller's link may attach its odd id to a model, never merge two known models:
        # models.dev lists "neon/claude-sonnet-4" with base_model claude-sonnet-4-5.
        if isinstance(alt, str) and alt and (defining or key not in defined):
            uf.union(key, alt)
    obs = obs.assign(group=[uf.find(k) for k in obs["key"]])
    namers = obs[obs["defining"] & ~obs["pinned"]].assign(
        _prio=lambda d: d["refresh"].map({r: n for n, r in enumerate(ID_PRIORITY)}).fillna(len(ID_PRIORITY)),
        _len=lambda d: d["source_id"].str.len(),
    )
    namers = namers.sort_values(["group", "_prio", "_len", "source_id"]).drop_duplicates("group")
    names = {
        g: (model_id_from(matchable(s, i)), k)
        for g, s, i, k in zip(
            namers["group"], namers["source"], namers["source_id"], namers["key"], strict=True
        )
    }
    for (source, _example), model_id in manual.items():  # a key alias also fixes the model's name
        if source == KEY_ALIAS and (group := uf.find(match_key(model_id))) in names:
            names[group] = (model_id, names[group][1])
    model_ids = [names.get(g, (None, None))[0] for g in obs["group"]]
    model_ids = [(pin or None) if pin is not None else m for pin, m in zip(pins, model_ids, strict=True)]
    primary = [names.get(g, (None, None))[1] == k for g, k in zip(obs["group"], obs["key"], strict=True)]
    return obs.assign(model_id=model_ids, primary=primary).drop(columns=["group"])
