"""Entity matching: the same model under many names resolves to one canonical ``model_id``.

Every source names models its own way: ``meta-llama/Llama-3.3-70B-Instruct`` (Hugging Face),
``meta.llama3-3-70b-instruct-v1:0`` (Bedrock via LiteLLM), ``Llama-3.3-70B-Instruct`` (LMArena),
``claude-opus-4-5-20251101-thinking-32k`` (LMArena), ``gpt-5-2025-08-07_high`` (Epoch). We reduce
each id to a *match key*: the order-free set of its meaningful tokens, after these rules
(each is tested in tests/test_match.py):

1. lower-case; drop the ``:free``/``:0`` style suffix, hosting paths (``together_ai/meta-llama/``),
   Bedrock vendor prefixes (``meta.``) and leading ``~``;
2. drop dates and snapshot stamps (``20241022``, ``2024-08-06``, ``0613``, ``2507``, ``05-06``, ``001``);
3. split ``llama3`` → ``llama 3``, join ``3 5`` → ``3.5``, read ``v3p2`` as ``v3.2``, ``2.0`` as ``2``;
4. drop variant tokens that do not make another model: instruct/chat/it/hf, precisions
   (bf16, fp8…), reasoning effort (high, low, thinking, ``32k`` budgets), ``preview``, ``latest``;
5. drop a trailing ``v1.5``-style version when a size or version token remains (``vicuna-13b-v1.5``);
6. if nothing with a digit is left, keep the id whole: ``mistral-large-2411`` must not collapse into
   ``mistral-large``.

Snapshots and variants of one model therefore share a row (their best score is kept, see build.py).
What rules cannot decide is in ``data/curated/aliases_manual.csv``: a row pins one id of one
source to a model, and a row with source ``*`` sends every id sharing the given id's match key there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Packaging of the same weights (precision, quantisation, file format, instruction tuning): dropped even
# when nothing versioned is left (rule 6).
PACKAGING_TOKENS = frozenset(
    "instruct it hf base api tee 6bit 8bit 4bit bf16 fp16 fp8 fp4 int4 int8 awq gptq gguf mlx".split()
)
# Tokens that mark a variant or serving mode of a model rather than another model.
VARIANT_TOKENS = PACKAGING_TOKENS | frozenset(
    "chat high low medium xhigh minimal none unknown thinking reasoning reasoner think nothink preview "
    "latest versatile online free meta amazon nvidia c4ai".split()
)
MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_DATE_PATTERNS = (
    re.compile(r"(?<![\d.])(19|20)\d{2}-\d{2}-\d{2}(?!\d)"),  # 2024-08-06
    re.compile(r"(?<![\d.])\d{2}-(19|20)\d{2}(?!\d)"),  # 03-2025, 09-2025
    re.compile(r"(?<![\d.])(19|20)\d{2}-\d{2}(?![\d.])"),  # 2025-04
)
_BEDROCK_PREFIX = re.compile(r"^(?:(?:us|eu|apac|global|jp|au)\.)?[a-z][a-z-]*\.(?=[a-z])")
_NO_THINKING = re.compile(r"\b(?:no|non)[-_ ]?(?:thinking|reasoning)\b")
_SPLIT = re.compile(r"[-_\s/(),:@]+")
_WORD_THEN_VERSION = re.compile(r"^([a-z]{3,})(\d.*)$")
_FIREWORKS_POINT = re.compile(r"^(v?\d+)p(\d+)$")  # v3p2 → v3.2, k2p5 handled below
_LETTER_VERSION_POINT = re.compile(r"^([a-z]\d+)p(\d+)$")  # k2p5 → k2.5
_DATE_TOKEN = re.compile(r"^(?:\d{4}|\d{6}|\d{8}|0\d\d)$")
_BUDGET_TOKEN = re.compile(r"^\d+k$")
_TRAILING_VERSION = re.compile(r"^v\d+(?:\.\d+)*$")
_EPOCH_SUFFIX = re.compile(r"_(?:low|medium|high|xhigh|max|minimal|none|unknown|thinking|\d+k)$", re.I)


def strip_hosting(raw: str) -> str:
    """The model part of a provider id: no hosting path, vendor prefix, ``:variant`` or ``~``."""
    s = raw.strip().lower().lstrip("~")
    s = s.rstrip("/").rsplit("/", 1)[-1].split(":", 1)[0]  # hf:org/name, name:free, …-v1:0
    s = _BEDROCK_PREFIX.sub("", s) if "." in s.split("-", 1)[0] else s
    return re.sub(r"^open-(?=mi[sx]tral)", "", s)


def _tokens(raw: str) -> list[str]:
    s = strip_hosting(raw)
    s = _NO_THINKING.sub(" ", s).replace("+", " plus ")
    for pat in _DATE_PATTERNS:
        s = pat.sub(" ", s)
    s = re.sub(r"\b(\d{2})-(\d{2})\b(?!\.)", " ", s)  # Gemini-style MM-DD stamps: preview-05-06
    out: list[str] = []
    for tok in _SPLIT.split(s):
        tok = tok.strip(".")
        if not tok:
            continue
        m = _WORD_THEN_VERSION.match(tok)
        out.extend([m.group(1), m.group(2)] if m else [tok])
    return out


def _join_versions(tokens: list[str]) -> list[str]:
    """``3 5`` → ``3.5``; ``v3 1`` → ``v3.1``; ``v3p2`` → ``v3.2``; ``2.0`` → ``2``."""
    joined: list[str] = []
    for tok in tokens:
        tok = _FIREWORKS_POINT.sub(r"\1.\2", tok)
        tok = _LETTER_VERSION_POINT.sub(r"\1.\2", tok)
        after_digit = (
            joined
            and re.fullmatch(r"\d", joined[-1])
            and (len(joined) < 2 or not re.fullmatch(r"[\d.]+", joined[-2]))
        )
        if re.fullmatch(r"\d", tok) and (after_digit or (joined and re.fullmatch(r"[a-z]\d+", joined[-1]))):
            joined[-1] = f"{joined[-1]}.{tok}"
            continue
        joined.append(tok)
    return [re.sub(r"^(v?\d+(?:\.\d+)*?)\.0$", r"\1", t) for t in joined]


def _meaningful(tokens: list[str]) -> list[str]:
    kept = [
        t
        for t in tokens
        if t not in VARIANT_TOKENS
        and t not in MONTHS
        and not _DATE_TOKEN.match(t)
        and not _BUDGET_TOKEN.match(t)
    ]
    # "turbo" after "instruct" is Together's quantised serving of the same weights.
    kept = [t for i, t in enumerate(kept) if not (t == "turbo" and "instruct" in tokens[: tokens.index(t)])]
    digits = [t for t in kept if re.search(r"\d", t)]
    if len(digits) > 1:
        kept = [t for t in kept if not _TRAILING_VERSION.match(t) or t == digits[0]]
    return kept


def match_tokens(raw: str) -> list[str]:
    """Meaningful tokens of an id, in their original order (see the module docstring)."""
    tokens = _join_versions(_tokens(raw))
    kept = _meaningful(tokens)
    if not any(re.search(r"\d", t) for t in kept):
        # Nothing versioned is left: the stripped parts *were* the identity (mistral-large-2411).
        kept = [t for t in tokens if t not in MONTHS and t not in PACKAGING_TOKENS] or tokens
    return kept


def match_key(raw: str) -> str:
    """The order-free match key of an id: equal keys mean the same model."""
    return " ".join(sorted(set(match_tokens(raw))))


def model_id_from(raw: str) -> str:
    """A readable canonical id: the meaningful tokens joined by ``-``, ``qwen3`` kept as written."""
    written = raw.lower()
    out: list[str] = []
    for tok in dict.fromkeys(match_tokens(raw)):
        if out and re.fullmatch(r"[a-z]{3,}", out[-1]) and tok[:1].isdigit() and out[-1] + tok in written:
            out[-1] += tok
        else:
            out.append(tok)
    return "-".join(out)


def epoch_base_id(model_version: str) -> str:
    """Epoch ``Model version`` without the effort/budget suffix: ``gpt-5-2025-08-07_high`` → base."""
    s = model_version.strip()
    s = re.sub(r"\s*\(.*?thinking\)$", "", s, flags=re.I)
    s = re.sub(r"-web-?app$", "", s, flags=re.I)
    return _EPOCH_SUFFIX.sub("", s)


class Resolver:
    """Resolves (source, id) to a model_id: manual aliases first, then match keys."""

    def __init__(self, manual: dict[tuple[str, str], str], key_to_model: dict[str, str]):
        self.manual = manual
        self.key_to_model = key_to_model

    def resolve(self, source: str, source_id: str) -> str | None:
        hit = self.manual.get((source, source_id))
        if hit is not None:
            return hit
        return self.key_to_model.get(match_key(source_id))

    def resolve_any(self, source: str, ids: Iterable[str]) -> str | None:
        """The first id of several (e.g. an id and a display name) that resolves."""
        for source_id in ids:
            if source_id and (hit := self.resolve(source, source_id)):
                return hit
        return None
