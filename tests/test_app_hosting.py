"""AppTest: Compare and Costs say what each host serves (quantization against the released precision,
uptime) and note a cheapest price that comes from a reduced-precision host. Expected texts are built
from data/endpoints.csv and data/models.csv read here."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.app_helpers import plain, run_app, texts

DATA = Path(__file__).resolve().parent.parent / "data"
MODEL = "gemma-3-27b"  # native BF16; deepinfra (its cheapest trusted host) serves fp8, novita bf16


def _uptime(provider: str) -> str:
    e = pd.read_csv(DATA / "endpoints.csv")
    (day,) = e.loc[(e["model_id"] == MODEL) & (e["provider"] == provider), "uptime_pct_1d"]
    return f"uptime {day:.1f}% (1 day)"


def _rows(frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    return {
        plain(i).replace("*", ""): {plain(c): plain(v) for c, v in r.items()} for i, r in frame.iterrows()
    }


def test_compare_shows_each_hosts_quantization_and_notes_the_reduced_cheapest_price():
    e = pd.read_csv(DATA / "endpoints.csv").query("model_id == @MODEL").set_index("provider")
    assert e.at["deepinfra", "quantization"] == "fp8" and e.at["novita", "quantization"] == "bf16"
    at = run_app("pages/compare.py", cmp=f"{MODEL},llama-3.3-70b")
    assert not at.exception, [x.value for x in at.exception]
    name = plain(at.table[0].value.columns[0])
    main = _rows(at.table[0].value)
    cheapest = main["API, cheapest per 1M tokens (75% input)"][name]
    assert cheapest.startswith("$") and cheapest.endswith("· deepinfra · served at fp8; native bf16")
    assert main["Cheapest independent host"][name].endswith("· served at fp8; native bf16")
    prices = _rows(at.table[1].value)
    assert prices["deepinfra · host"][name].endswith(f"· fp8 (native bf16): reduced · {_uptime('deepinfra')}")
    assert prices["novita · host"][name].endswith(
        f"· bf16 (native bf16): full precision · {_uptime('novita')}"
    )
    assert prices["amazon-bedrock · cloud"][name].endswith("· quantization and uptime not stated")
    cells = [v for row in prices.values() for v in row.values()]
    assert not any("None" in v or "nan" in v for v in cells)
    assert any("reduced = fewer bits per weight" in t for t in texts(at.caption))


def test_costs_price_choices_show_each_hosts_quantization_and_uptime():
    at = run_app("pages/costs.py", api=MODEL, self_host="")
    assert not at.exception, [x.value for x in at.exception]
    box = at.selectbox(key=f"cost_price::{MODEL}")
    options = [plain(o) for o in box.options]
    assert options[0].startswith("Cheapest: deepinfra, $")
    assert options[0].endswith("· fp8, reduced")
    (novita,) = [o for o in options if o.startswith("novita, $")]
    assert novita.endswith("· bf16")
    assert any(o.endswith("· quantization not stated") for o in options)
    assert f"deepinfra — fp8 (native bf16): reduced · {_uptime('deepinfra')}" in texts(at.caption)
    box.set_value("novita").run()
    assert f"novita — bf16 (native bf16): full precision · {_uptime('novita')}" in texts(at.caption)


def _cheapest_full_precision_host() -> tuple[str, float]:
    """The cheapest trusted offering of MODEL whose host is not known to serve below BF16, from the CSVs:
    (provider, blended $ per 1M tokens at 75% input)."""
    o = pd.read_csv(DATA / "offerings.csv").query("model_id == @MODEL and trusted == True")
    e = pd.read_csv(DATA / "endpoints.csv").query("model_id == @MODEL")
    reduced = set(e.loc[e["quantization"].isin(["fp8", "int8", "fp4", "int4"]), "provider"])
    full = set(e.loc[e["quantization"].isin(["bf16", "fp16", "fp32"]), "provider"])
    kept = o[~o["provider"].isin(reduced - full)]
    blended = 0.75 * kept["input_usd_per_mtok"] + 0.25 * kept["output_usd_per_mtok"]
    best = blended.idxmin()
    return kept.at[best, "provider"], float(blended[best])


def test_preferring_full_precision_moves_the_price_to_a_full_precision_host():
    provider, usd_per_mtok = _cheapest_full_precision_host()
    assert provider != "deepinfra"
    prefer = run_app("pages/compare.py", cmp=f"{MODEL},llama-3.3-70b", precision="full")
    name = plain(prefer.table[0].value.columns[0])
    cheapest = _rows(prefer.table[0].value)["API, cheapest per 1M tokens (75% input)"][name]
    assert cheapest == f"${usd_per_mtok:.2f} · {provider}"  # no note: the host serves BF16
    # The toggle is in the sidebar and in the link.
    at = run_app("pages/explore.py")
    at.get_by_key("w_full_precision").set_value(True).run()
    assert at.query_params["precision"] == "full"
