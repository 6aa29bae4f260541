"""Formatting of numbers, and the one rule for showing text that did not come from the code.

Text from a source, a link or a user is escaped before it reaches Markdown (``md_escape``): a
model name such as ``[sign in](https://…)`` or ``$5`` shows as written, never as a link or maths.
"""

from __future__ import annotations

import math
import re

# Everything Markdown gives a meaning to, emoji shortcodes (:x:) and maths ($) included.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


_AUTOLINKS = (("://", ":\u200b//"), ("www.", "www\u200b."), ("@", "\u200b@"))  # a zero-width space


def md_escape(text: str) -> str:
    """Text from outside the code (a URL value, a source's model name, a user's note) made plain
    inside anything Streamlit renders as Markdown: no emphasis, links, images, HTML or maths ($), and
    no auto-links (a zero-width space breaks ``https://``, ``www.`` and e-mail addresses)."""
    text = str(text)
    for pattern, broken in _AUTOLINKS:
        text = text.replace(pattern, broken)
    return _MD_SPECIAL.sub(r"\\\1", text)


def safe_url(url) -> str | None:
    """An http(s) address as given, or None (a javascript: or data: link is never shown)."""
    text = str(url).strip() if url is not None else ""
    return text if text.lower().startswith(("https://", "http://")) else None


def fmt_tokens(tokens: float) -> str:
    """1.2B, 350M, 12k: a token count as the breakeven sentences round it."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if tokens >= size:
            return f"{tokens / size:.3g}{suffix}"
    return f"{tokens:.3g}"


def fmt_usd(usd: float | None) -> str:
    """$0.075, $4.32, $34,507: separators, and decimals only where they matter; 'unknown' for a
    missing amount (never $0 or None)."""
    if usd is None or not math.isfinite(usd):
        return "unknown"
    if usd >= 10:
        return f"${usd:,.0f}"
    return f"${usd:,.3f}" if 0 < abs(usd) < 0.1 else f"${usd:,.2f}"
