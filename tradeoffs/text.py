"""Formatting of numbers, and the one rule for showing text that did not come from the code.

Text from a source, a link or a user is escaped before it reaches Markdown (``md_escape``): a
model name such as ``[sign in](https://…)`` or ``$5`` shows as written, never as a link or maths.
"""

from __future__ import annotations

import math

_MD_SPECIAL = "\\`*_[]<>$|~#"


def md_escape(text: str) -> str:
    """Source text (a model or provider name) made safe inside st.markdown ($ would start maths)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def fmt_tokens(tokens: float) -> str:
    """1.2B, 350M, 12k: a token count as the breakeven sentences round it."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if tokens >= size:
            return f"{tokens / size:.3g}{suffix}"
    return f"{tokens:.3g}"


def fmt_usd(usd: float | None) -> str:
    """$4.32, $34,507; 'unknown' for a missing amount (never $0 or None)."""
    if usd is None or not math.isfinite(usd):
        return "unknown"
    return f"${usd:,.2f}" if usd < 10 else f"${usd:,.0f}"
