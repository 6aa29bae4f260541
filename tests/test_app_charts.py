"""The Explore page around its chart, as a visitor opens it: the cost-axis toggle names what is plotted,
and the caption keys every frontier model to its number on the chart."""

from tests.app_helpers import plain, run_app, texts

BANK = {"deployment": "on-prem", "license": "commercial", "min_score": "1289.5", "volume": "1B"}


def _toggle_labels(at) -> list[str]:
    (toggle,) = [b for b in at.get("button_group") if b.proto.label == "Cost axis"]
    return [o.content for o in toggle.proto.options]


def test_under_on_prem_the_cost_axis_toggle_does_not_call_self_hosting_a_list_price():
    at = run_app("pages/explore.py", **BANK)
    assert not at.exception
    assert _toggle_labels(at) == ["$ per 1M tokens", "$ per month at your volume"]
    assert _toggle_labels(run_app("pages/explore.py"))[0] == "List price per 1M tokens"


def test_the_caption_keys_the_bank_links_frontier_cheapest_first():
    at = run_app("pages/explore.py", **BANK)
    (caption,) = [t for t in texts(at.caption) if "Pareto frontier" in t]
    assert "1 Qwen3.8 27B · 2 DeepSeek V4.1 Flash · 3 GLM-5.3 Flash · 4 Kimi K3." in plain(caption)
