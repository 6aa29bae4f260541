"""Parameter counts written in prose ("671B total, 37B activated", "a 117B-parameter MoE").

Epoch's ``Parameters notes`` and OpenRouter's model descriptions state sizes in words; these
patterns read the unambiguous phrasings and return None for anything hedged ("rumoured",
"we suspect", "approximately"), so a guess never becomes a number.
"""

from __future__ import annotations

import re

_NUM = r"(\d+(?:\.\d+)?)\s*-?\s*(b\b|billion|t\b|trillion|m\b|million)"
_SCALE = {"b": 1.0, "t": 1000.0, "m": 0.001}
# "Active parameters: 10B" / "active parameters - 47B" first, then "37B activated", "32 billion active".
_ACTIVE = (
    re.compile(r"activ(?:e|ated)\s+param(?:eter)?s?[\s:\-]*" + _NUM, re.I),
    re.compile(
        _NUM + r"\s*(?:param(?:eter)?s?\s*)?(?:are\s*)?(?:per\s+token\s*)?activ(?:e|ated|ation)\b", re.I
    ),
    re.compile(r"activat(?:es|ing)\s+(?:just\s+|only\s+)?" + _NUM, re.I),
)
_TOTAL = (
    re.compile(_NUM + r"\s*(?:total\s+param|param(?:eter)?s?\s+total|total\b)", re.I),
    re.compile(r"total\s+param(?:eter)?s?(?:\s+count)?(?:\s+of)?[\s:\-]*" + _NUM, re.I),
    re.compile(_NUM + r"[\s-]*param(?:eter)?s?\b", re.I),
)
_HEDGED = re.compile(r"rumou?r|suspect|estimate|assumed|approximately", re.I)


def _read(text: str, patterns) -> float | None:
    if not text or _HEDGED.search(text):
        return None
    text = text.replace("\u2011", "-").replace("\u2010", "-")
    for pattern in patterns:
        if m := pattern.search(text):
            return float(m.group(1)) * _SCALE[m.group(2).lower()[0]]
    return None


def active_params_b(text: str) -> float | None:
    """Active parameters (billions) of a mixture-of-experts model, when the text states them."""
    return _read(text, _ACTIVE)


def total_params_b(text: str) -> float | None:
    """Total parameters (billions) when the text states them plainly."""
    return _read(text, _TOTAL)
