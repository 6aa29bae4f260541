"""The one rule for text from outside the code: plain text, never links, images or HTML."""

from __future__ import annotations

import pandas as pd

from tradeoffs.text import fmt_tokens, fmt_usd, md_escape, safe_url
from tradeoffs.ui.components import model_table


def test_markdown_and_auto_links_are_neutralised():
    shown = md_escape("**Act now** [sign in](https://evil.example) ![x](http://e/p.png) <b>hi</b> $5 :x:")
    assert "](" not in shown.replace("\\](", "") and "![" not in shown.replace("!\\[", "")
    assert "://" not in shown and "<b>" not in shown and "\\$5" in shown and "\\:x\\:" in shown
    assert "www." not in md_escape("www.evil.example") and "@" in md_escape("a@b.c")


def test_only_http_links_are_shown():
    assert safe_url("https://huggingface.co/x") == "https://huggingface.co/x"
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None
    assert safe_url(None) is None
    table = model_table(
        pd.DataFrame({"name": ["a", "b"], "url": ["javascript:alert(1)", "http://ok"]}), ["name", "url"]
    )
    assert table["url"].isna().tolist() == [True, False] and table["url"].iloc[1] == "http://ok"


def test_numbers_read_as_people_write_them():
    assert (fmt_tokens(1.2e9), fmt_tokens(3.5e5), fmt_usd(4.321), fmt_usd(34_507.4), fmt_usd(None)) == (
        "1.2B",
        "350k",
        "$4.32",
        "$34,507",
        "unknown",
    )
    # Decimals only where they matter: a cheap model's price keeps its digits, a big one loses its cents.
    assert [fmt_usd(v) for v in (0.075, 0.02, 0.5, 12.6, 1_940.787, 0.0)] == [
        "$0.075",
        "$0.020",
        "$0.50",
        "$13",
        "$1,941",
        "$0.00",
    ]


def test_a_public_deployment_never_shows_a_visitor_a_traceback():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
