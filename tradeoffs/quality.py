"""The data-quality check: the invariants the decision rests on, and the suspects left to review.

Pure pandas over the canonical tables (as the CSVs or the store give them), so the nightly CLI
(``python -m tradeoffs.ingest --check``), the tests and the Data page run the very same check.
Each ``Finding`` is one class of problem: how many rows have it, examples, and whether it breaks an
invariant (the CLI then exits non-zero) or is a suspect for a person to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

MAX_UNKNOWN_SIZES = 5  # open models with a price or score whose size is not public
MIN_TRUSTED_PRICED_AND_SCORED = 250
LIST_PRICE_TOLERANCE = 0.02  # a cloud may round a lab's price; 2 % below list is still list
STYLE_CONTROLLED_ARENA = ("arena-daily", "lmarena-catalog")
# Ids that name a mixture-of-experts model (expert counts, "A22B" active sizes, MoE families).
MOE_PATTERN = re.compile(
    r"(\d+x\d+b|-a\d+(\.\d+)?b|moe|mixtral|deepseek-(v[2-4]|r1|coder-v2)|kimi-k[2-9]|gpt-oss|llama-4|"
    r"glm-4\.[5-7]|glm-5|minimax-m|qwen3-(235b|30b|coder-480b|next)|qwen3\.[5-9]-\d+b-a|dbrx|grok-1|"
    r"jamba|arctic|hunyuan-a|ernie-4\.5-\d+b-a|longcat|(^|-)(ling|ring)-|mimo-v2|step-3)"
)


@dataclass(frozen=True)
class Finding:
    name: str  # what is counted, in words
    count: int
    invariant: bool  # True: must be 0 (or within its bound); False: a list of suspects to review
    ok: bool
    examples: tuple[str, ...] = field(default_factory=tuple)


def _flag(values: pd.Series) -> pd.Series:
    return values.astype("boolean").fillna(False).astype(bool)


def _finding(name: str, ids, *, invariant: bool = True, bound: int = 0) -> Finding:
    ids = sorted({str(i) for i in ids})
    return Finding(name, len(ids), invariant, len(ids) <= bound, tuple(ids[:12]))


def _relevant_open(models: pd.DataFrame, offerings: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Open-weights models that have a price or a score: the ones a workshop can pick."""
    used = set(offerings["model_id"]) | set(scores["model_id"])
    return models[_flag(models["open_weights"]) & models["model_id"].isin(used)]


def _gaps(models: pd.DataFrame, column: str) -> pd.Series:
    """Model ids missing ``column`` with no curated reason why."""
    why = models["unknown_why"].fillna("")
    return models.loc[models[column].isna() & ~why.str.contains(column, regex=False), "model_id"]


def _blended(rows: pd.DataFrame) -> pd.Series:
    return 0.75 * rows["input_usd_per_mtok"].astype(float) + 0.25 * rows["output_usd_per_mtok"].astype(float)


def below_list_price(models: pd.DataFrame, offerings: pd.DataFrame) -> list[str]:
    """Closed models whose cheapest trusted price is below their lab's own list price."""
    closed = set(models.loc[models["open_weights"].astype("boolean").eq(False).fillna(False), "model_id"])
    rows = offerings[offerings["model_id"].isin(closed)].assign(blended=_blended)
    lab = rows[_flag(rows["first_party"])].groupby("model_id")["blended"].min()
    trusted = rows[_flag(rows["trusted"])].groupby("model_id")["blended"].min()
    low = trusted.reindex(lab.index) < lab * (1 - LIST_PRICE_TOLERANCE)
    return [f"{m}: {trusted[m]:.4g} < list {lab[m]:.4g}" for m in lab.index[low.fillna(False)]]


def identity_suspects(models: pd.DataFrame, reviews: pd.DataFrame) -> list[str]:
    """Pairs of rows that may be one model: same Hub repo, same normalised name, or same organisation,
    size and release date; pairs reviewed in ``identity_reviews.csv`` are left out."""
    reviewed = {frozenset(p) for p in zip(reviews["model_a"], reviews["model_b"], strict=True)}
    m = models.assign(
        _repo=models["hf_repo"].str.lower(),
        _name=models["name"]
        .fillna("")
        .str.lower()
        .str.replace("+", "plus")
        .str.replace(r"[^a-z0-9.]+", "", regex=True),
        _sig=models["organization"].fillna("?")
        + "|"
        + models["params_total_b"].astype(str)
        + "|"
        + models["release_date"].astype(str),
    )
    sig_ok = models["params_total_b"].notna() & models["release_date"].notna()
    pairs: list[str] = []
    for column, why, usable in (
        ("_repo", "same Hub repo", m["_repo"].notna()),
        ("_name", "same name", m["_name"].ne("")),
        ("_sig", "same organisation, size and date", sig_ok),
    ):
        for _, group in m[usable].groupby(column):
            ids = sorted(group["model_id"])
            for i, a in enumerate(ids):
                pairs += [f"{a} ~ {b} ({why})" for b in ids[i + 1 :] if frozenset((a, b)) not in reviewed]
    return sorted(set(pairs))


# A score spread this wide between the ids of one model says two checkpoints may share a row.
MERGE_SPREAD = {"arena_text": 25.0, "eci": 4.0, "gpqa_diamond": 8.0}
SCORE_SOURCES = ("lmarena-catalog", "arena-daily", "epoch-benchmarks")


def merge_suspects(source_scores: pd.DataFrame, aliases: pd.DataFrame, reviews: pd.DataFrame) -> list[str]:
    """Models whose source ids score far apart on one benchmark (``source_scores``: the staged rows
    source, source_id, benchmark, score), unless reviewed as one model ("same")."""
    same = set(reviews.loc[reviews["decision"].eq("same"), "model_a"])
    rows = source_scores.merge(aliases, on=["source", "source_id"])
    rows = rows[rows["benchmark"].isin(list(MERGE_SPREAD)) & ~rows["model_id"].isin(same)]
    spread = rows.groupby(["model_id", "benchmark"]).agg(
        lo=("score", "min"), hi=("score", "max"), ids=("source_id", lambda s: " | ".join(sorted(set(s))[:4]))
    )
    wide = spread[(spread["hi"] - spread["lo"]) > spread.index.get_level_values(1).map(MERGE_SPREAD)]
    return [f"{m} ({b}: {r.lo:,.1f}–{r.hi:,.1f}; {r.ids})" for (m, b), r in wide.iterrows()]


def check(
    tables: dict[str, pd.DataFrame],
    providers: pd.DataFrame,
    reviews: pd.DataFrame,
    source_scores: pd.DataFrame | None = None,
) -> list[Finding]:
    """Every finding on the canonical tables (``models``, ``offerings``, ``scores``, ``aliases``);
    with the sources' own score rows (``source_scores``) also the suspected merges."""
    models, offerings, scores = tables["models"], tables["offerings"], tables["scores"]
    open_used = _relevant_open(models, offerings, scores)
    unknown_size = open_used[open_used["params_total_b"].isna()]
    named_moe = open_used["model_id"].map(lambda m: bool(MOE_PATTERN.search(m)) and "distill" not in m)
    moe = open_used[named_moe]
    arena = scores[scores["benchmark"].eq("arena_text")]
    trusted_priced = set(offerings.loc[_flag(offerings["trusted"]), "model_id"])
    today = pd.to_datetime(models["retirement_date"], errors="coerce")
    as_of = pd.to_datetime(scores["as_of"], errors="coerce").max()
    both = trusted_priced & set(scores["model_id"])
    return [
        _finding("closed models priced below their lab's list price", below_list_price(models, offerings)),
        _finding(
            "providers in offerings without a curated kind",
            set(offerings["provider"]) - set(providers["provider"]),
        ),
        _finding(
            "open models with a price or score and no licence (and no reason)",
            _gaps(open_used, "license_id"),
        ),
        _finding(
            f"open models with a price or score and no total parameters (at most {MAX_UNKNOWN_SIZES})",
            unknown_size["model_id"],
            bound=MAX_UNKNOWN_SIZES,
        ),
        _finding(
            "… of which without a reason",
            unknown_size.loc[unknown_size["unknown_why"].isna(), "model_id"],
        ),
        _finding(
            "mixture-of-experts models without active parameters (and no reason)",
            _gaps(moe, "params_active_b"),
        ),
        _finding(
            "open models with a price or score and no native precision (and no reason)",
            _gaps(open_used, "native_precision"),
        ),
        _finding(
            "open models whose licence, size or precision is not public (reason given)",
            open_used.loc[open_used["unknown_why"].notna(), "model_id"],
            invariant=False,
        ),
        _finding(
            "Arena scores not on the style-controlled scale",
            arena.loc[~arena["source"].isin(STYLE_CONTROLLED_ARENA), "model_id"],
        ),
        _finding(
            "score or price rows without a source or an as-of date",
            pd.concat([scores, offerings]).loc[lambda d: d["source"].isna() | d["as_of"].isna(), "model_id"],
        ),
        _finding(
            "models past their retirement date but not marked retired",
            models.loc[(today <= as_of) & models["status"].ne("retired"), "model_id"],
        ),
        Finding(
            f"models with a trusted price and a score (at least {MIN_TRUSTED_PRICED_AND_SCORED})",
            len(both),
            True,
            len(both) >= MIN_TRUSTED_PRICED_AND_SCORED,
        ),
        _finding("identity suspects to review (split?)", identity_suspects(models, reviews), invariant=False),
        *(
            [
                _finding(
                    "identity suspects to review (merged?)",
                    merge_suspects(source_scores, tables["aliases"], reviews),
                    invariant=False,
                )
            ]
            if source_scores is not None
            else []
        ),
    ]


def failed(findings: list[Finding]) -> list[Finding]:
    """The broken invariants."""
    return [f for f in findings if f.invariant and not f.ok]


def summary_table(findings: list[Finding]) -> pd.DataFrame:
    """check, count, status ('ok' / 'fails' / 'to review'), examples: one row per finding."""
    return pd.DataFrame(
        {
            "check": [f.name for f in findings],
            "count": [f.count for f in findings],
            "status": ["ok" if f.ok else "fails" if f.invariant else "to review" for f in findings],
            "examples": [", ".join(f.examples) for f in findings],
        }
    )


def load_source_scores(data_dir: Path) -> pd.DataFrame | None:
    """The staged score rows of the sources that name checkpoints finely (source, source_id, …)."""
    parts = [
        pd.read_csv(path, usecols=["source", "source_id", "benchmark", "score"])
        for name in SCORE_SOURCES
        if (path := Path(data_dir) / "sources" / name / "scores.csv").exists()
    ]
    return pd.concat(parts, ignore_index=True) if parts else None


def load_curated_for_check(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(providers, identity_reviews) from ``data/curated/``: what the check compares the tables with."""
    base = Path(data_dir) / "curated"
    providers = pd.read_csv(base / "providers.csv", dtype=str, keep_default_na=False)
    reviews = pd.read_csv(base / "identity_reviews.csv", dtype=str, keep_default_na=False)
    return providers, reviews


def report(findings: list[Finding]) -> str:
    """The check as plain text lines, broken invariants marked."""
    lines = []
    for f in findings:
        mark = "ok   " if f.ok else "FAIL " if f.invariant else "check"
        lines.append(f"{mark} {f.count:>5}  {f.name}")
        lines += [f"             {e}" for e in f.examples if not f.ok]
    return "\n".join(lines)
