"""What the brief says: a plain, typed record the PDF and the slide lay out, and the pure helpers that turn
the app's frames and Markdown answers into its plain-text pieces. No Streamlit, no layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from tradeoffs.costs.assumptions import ASSUMPTIONS
from tradeoffs.text import fmt_usd

QUESTION = "Which model should we build on: open weights we run ourselves, or a closed model behind an API?"
ELLIPSIS = "…"
# The assumptions the brief names with their values (the rest are on the Costs page, each with its source).
KEY_ASSUMPTIONS = ("gpu", "usd_per_gpu_hour", "precision_bits", "target_utilisation", "peak_to_average")
KEY_ASSUMPTIONS += ("mlops_fte", "usd_per_fte_year", "ops_overhead_pct")
RULE_OF_THUMB = "Assumption (a rule of thumb"
SELF_HOSTED_PRICE = "GPU price: "


@dataclass(frozen=True)
class ModelLine:
    """One shortlisted model as the brief lists it (every field plain text, 'unknown' where unknown)."""

    name: str
    rank: str  # "#1 of 67" on the Decide ranking; "not ranked" when it fails the constraints
    weights: str  # "Open weights", "Closed" or "unknown"
    licence: str
    score: str  # "1,471.1 ±5.0"
    cost: str  # "$78,026/month · self-host: 16×H100"
    status: str  # "passes" or "fails: …"
    note: str  # the room's note ("" when none)
    sources: str  # "score: arena-daily, 2026-10-08 · cost: GPU price: gpu-prices, 2026-10-05"


@dataclass(frozen=True)
class Brief:
    """Everything the one-page brief and its slide show, as plain strings and numbers."""

    constraints: str  # the constraints in words (constraints_text.describe_constraints)
    passing: str  # "67 of 1,026 models pass"
    scorecard: str  # "Regulated, on-prem"
    recommendation: str  # the Decide answer
    flip: str  # what would flip it
    models: tuple[ModelLine, ...]
    volume: str  # "1B tokens/month"
    cost_answer: str  # the Costs answer at that volume
    cost_options: tuple[tuple[str, str], ...]  # (option, "$49,013/month"), as the Costs page lists them
    breakevens: tuple[str, ...]  # "X self-hosted on H100 vs Y via google: Self-hosting is …"
    cost_sources: tuple[str, ...]  # "GPUs: GPU Price Index …, as of 2026-10-05"
    assumptions: str  # the key self-hosting assumptions with their values
    attributions: tuple[str, ...]  # "Epoch AI Benchmarking Hub — Epoch AI, … (CC-BY 4.0)"
    data_as_of: str
    data_version: str
    link: str
    chart_spec: dict = field(default_factory=dict)  # Vega-Lite at a fixed size ({}: nothing to plot)
    chart_caption: str = ""
    question: str = QUESTION

    @property
    def data_line(self) -> str:
        return f"Data as of {self.data_as_of} (version {self.data_version})"


_MARKDOWN = re.compile(r"\\(.)|\*\*")


def plain(markdown: str) -> str:
    """Markdown the app wrote (bold, md_escape's backslashes and zero-width spaces) as plain text."""
    text = _MARKDOWN.sub(lambda m: m.group(1) or "", str(markdown))
    return text.replace("\u200b", "")


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut at a word to at most ``max_chars`` characters, ending in '…' when cut."""
    text = " ".join(str(text).split())
    if len(text) <= max_chars:
        return text
    cut = text[: max(max_chars - 1, 0)]
    if " " in cut[len(cut) // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:·—-") + ELLIPSIS


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def _text(value, default: str = "unknown") -> str:
    return str(value) if _known(value) and str(value).strip() else default


def _cost_text(row: pd.Series) -> str:
    usd = row.get("monthly_usd")
    if not _known(usd):
        return f"unknown ({_text(row.get('cost_note'), 'no price')})"
    return f"{fmt_usd(float(usd))}/month · {_text(row.get('cost_basis'), 'basis unknown')}"


def _sources_text(row: pd.Series, benchmark: str) -> str:
    score_source = row.get(f"source__{benchmark}")
    score = "score: unknown"
    if _known(score_source):
        score = f"score: {score_source}, {str(row.get(f'as_of__{benchmark}'))[:10]}"
    price, provider = row.get("price_source"), row.get("provider")
    if not _known(price):
        return f"{score} · price: unknown"
    if str(price).startswith(SELF_HOSTED_PRICE):  # cost_loaders._price_sources: the GPU price behind the cost
        return f"{score} · cost: self-hosted, {price}"
    return f"{score} · price: {provider + ' via ' if _known(provider) else ''}{price}"


@dataclass(frozen=True)
class Ranking:
    """Where models stand on the Decide ranking: model → place, out of ``ranked`` models."""

    places: dict[str, int]
    ranked: int


def model_lines(
    picked: pd.DataFrame, benchmark: str, statuses: dict[str, str], notes: dict[str, str], ranking: Ranking
) -> tuple[ModelLine, ...]:
    """The shortlist as the brief lists it. ``picked``: insights.with_costs rows of the shortlisted models
    (name, access, license_name, score_text, monthly_usd, cost_basis, cost_note, provider, price_source,
    source__<benchmark>, as_of__<benchmark>); ``statuses``: model → "passes" or "fails: …"."""
    lines = []
    for model_id, row in picked.iterrows():
        rank = ranking.places.get(model_id)
        lines.append(
            ModelLine(
                name=_text(row.get("name"), model_id),
                rank=f"#{rank} of {ranking.ranked:,}" if rank else "not ranked",
                weights=_text(row.get("access")),
                licence=_text(row.get("license_name")),
                score=_text(row.get("score_text")),
                cost=_cost_text(row),
                status=statuses.get(model_id, "unknown"),
                note=notes.get(model_id, ""),
                sources=_sources_text(row, benchmark),
            )
        )
    return tuple(lines)


def cost_options(monthly: list[tuple[str, float]]) -> tuple[tuple[str, str], ...]:
    """(option, '$49,013/month') for each option the Costs page shows, in its order."""
    return tuple((label, f"{fmt_usd(usd)}/month") for label, usd in monthly)


def breakeven_lines(breakevens: pd.DataFrame) -> tuple[str, ...]:
    """'GLM-5.2 self-hosted on H100 vs Gemini via google: Self-hosting is never cheaper …' per pair."""
    return tuple(f"{plain(r.headline)}: {r.text}" for r in breakevens.itertuples())


def cost_sources(breakdown: pd.DataFrame) -> tuple[str, ...]:
    """'Item: source' for each distinct source of the cost lines (the Costs page's breakdown table, as
    shown: Markdown-escaped, 'Item' and 'Source' columns)."""
    seen: dict[str, None] = {}
    for item, source in zip(breakdown["Item"], breakdown["Source"], strict=True):
        source = plain(source)
        if source and source != "—":
            seen.setdefault(f"{plain(item)}: {source}", None)
    return tuple(seen)


def assumption_text(table: pd.DataFrame) -> str:
    """The key self-hosting assumptions with their values, and how many are rules of thumb or the user's
    (``table``: the Costs page's assumptions table, one row per ASSUMPTIONS entry, in that order)."""
    rows = dict(zip((a.key for a in ASSUMPTIONS), table.to_dict("records"), strict=True))
    named = [
        f"{plain(rows[k]['Assumption'])}: {_with_unit(plain(rows[k]['Value']), plain(rows[k]['Unit']))}"
        for k in KEY_ASSUMPTIONS
    ]
    sources = [plain(r["Source"]) for r in rows.values()]
    rules = sum(s.startswith(RULE_OF_THUMB) for s in sources)
    yours = sum(s == "your figure" for s in sources)
    counts = f"{rules} of {len(sources)} assumptions are rules of thumb"
    counts += f", {yours} set by you" if yours else ""
    return "; ".join(named) + f". {counts} (all with their sources on the Costs page)."


def _with_unit(value: str, unit: str) -> str:
    """'$4.32/GPU-hour (market index)', '60%', '3×', '1 FTE': a value as said, its unit where it helps."""
    head, paren, tail = value.partition(" (")
    head = re.sub(r"^(\$?\d{1,3}(,\d{3})+)\.00$", r"\1", head)  # 240,000.00 → 240,000
    if not unit or unit == "share" or not head[:1].replace("$", "").isdigit() and not head.startswith("$"):
        return value
    if unit.startswith("$/"):
        head = f"${head.removeprefix('$')}/{unit[2:]}"
    else:
        head = f"{head}{unit}" if unit == "×" else f"{head} {unit}"
    return head + paren + tail


def attributions(sources: pd.DataFrame, cited_text: str) -> tuple[str, ...]:
    """'Name — attribution (licence)' of each source the brief's numbers cite (its id or name appears in
    ``cited_text``) and of every CC-BY source (their licence asks for attribution wherever the data is
    used). ``sources``: the sources table (source, name, license, attribution)."""
    out = []
    for row in sources.itertuples():
        cited = str(row.source) in cited_text or str(row.name) in cited_text
        if cited or "CC-BY" in str(row.license).upper():
            out.append(f"{row.name} — {row.attribution} ({row.license})")
    return tuple(out)
