"""AppTest: a session's upload on the Data page, its rows on Explore and in the Costs numbers, kept from
other sessions, and carried by the link (``mine=``)."""

from __future__ import annotations

import pytest

from tests.app_helpers import bundled_tables, plain, run_app, texts
from tests.test_uploads import GPU, OWN, OWN_PRICE, PRICE, csv_of
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.costs.hardware import hardware
from tradeoffs.costs.selfhost import SelfHostInput, self_host_cost, shape_for
from tradeoffs.uploads import overlay
from tradeoffs.uploads.read import MAX_BYTES, read_rows
from tradeoffs.uploads.rows import MARK
from tradeoffs.uploads.validate import Known, validate

DATA, EXPLORE, COSTS, SHORTLIST = "pages/data.py", "pages/explore.py", "pages/costs.py", "pages/shortlist.py"
GOOD = csv_of(OWN, OWN_PRICE, GPU)


def load_known_here() -> Known:
    """What rows may name, from the bundled data (the GPU table's indexed GPUs suffice here)."""
    gpus = bundled_tables()["gpus"]
    return Known(frozenset({"gpt-4o"}), frozenset(), ("arena_text",), frozenset(gpus["gpu"]))


def upload(at, data: bytes, name: str = "mine.csv"):
    at.file_uploader(key="w_upload_file").set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def in_use(at) -> list[str]:
    """The Items of the 'in use' table of the Data page ([] when it is not shown)."""
    tables = [d.value for d in at.dataframe if list(d.value.columns) == ["Kind", "Item", "Numbers"]]
    return list(tables[0]["Item"]) if tables else []


def rows_with_your_data(at) -> list[str]:
    """Names of every table row that carries the "your data" mark."""
    names = []
    for d in at.dataframe:
        frame = d.value
        if "name" in frame.columns:
            names += [n for n in frame["name"].astype(str) if n.endswith(MARK)]
    return names


def test_a_good_file_is_kept_and_shows_on_explore():
    at = upload(run_app(DATA), GOOD)
    assert texts(at.success) == ["mine.csv: 1 model, 1 negotiated price, 1 GPU price kept."]
    assert not at.warning
    assert in_use(at) == ["Acme 70B" + MARK, "Acme 70B at Acme cloud" + MARK, "H100"]
    assert at.query_params["mine"]
    at.switch_page(EXPLORE).run()
    assert "Acme 70B" + MARK in rows_with_your_data(at)


def test_bad_rows_are_listed_with_their_reasons_and_the_good_rows_kept():
    bad_number = {**PRICE, "input_usd_per_mtok": "a lot"}
    unknown = {**PRICE, "model": "gpt-99"}
    at = upload(run_app(DATA), csv_of(OWN, bad_number, unknown, GPU))
    assert texts(at.success) == ["mine.csv: 1 model, 0 negotiated prices, 1 GPU price kept."]
    assert texts(at.warning) == ["2 rows not used, each with its reason:"]
    problems = [d.value for d in at.dataframe if "Why it was not used" in d.value.columns][0]
    assert problems["Line"].tolist() == [3, 4]
    assert "bad number in input_usd_per_mtok: 'a lot'" in problems["Why it was not used"][0]
    assert "unknown model 'gpt-99'" in problems["Why it was not used"][1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02binary", "this is not a text file"),
        ("kind,name\nmodel,Café\n".encode("utf-16"), "this is not a text file"),
        (b"a;b;c\n1;2;3\n", "no 'kind' column"),
        (b"kind,name\n" + b"x" * MAX_BYTES, "the limit is 1 MB"),
    ],
)
def test_a_wrong_or_oversized_file_is_refused_and_the_earlier_rows_kept(data, message):
    at = upload(run_app(DATA), GOOD)
    upload(at, data, "other.csv")
    (error,) = texts(at.error)
    assert error.startswith("other.csv cannot be used:") and message in error
    assert "your earlier rows are kept" in error
    assert in_use(at)[0] == "Acme 70B" + MARK


def test_a_negotiated_price_and_an_own_gpu_price_are_the_costs_on_the_costs_page():
    rows = csv_of({**PRICE, "model": "gpt-4o"}, GPU)
    at = upload(run_app(DATA, shortlist="llama-3.3-70b,gpt-4o", volume="1B"), rows)
    at.switch_page(COSTS).run()
    assert not at.exception
    metrics = {plain(m.label): m.value for m in at.metric}
    usd = 1e9 * (0.75 * 1.5 + 0.25 * 6) / 1e6  # 75 % input at the negotiated $1.50 / $6.00
    assert metrics["GPT-4o · API (azure" + MARK + ")"] == f"${usd:,.0f}/month"
    a = CostAssumptions()
    assert a.gpu == "H100"  # the uploaded GPU is the one the estimate runs on
    data = bundled_tables()
    own_gpus = overlay.gpus(data["gpus"], validate(*read_rows(rows), load_known_here()), "2026-12-01")
    own = self_host_cost(
        SelfHostInput(
            shape_for(data["catalog"].loc["llama-3.3-70b"].to_dict(), a), hardware(own_gpus, a), 1e9, 0.75, a
        )
    )
    listed = self_host_cost(
        SelfHostInput(
            shape_for(data["catalog"].loc["llama-3.3-70b"].to_dict(), a),
            hardware(data["gpus"], a),
            1e9,
            0.75,
            a,
        )
    )
    assert own.total_usd_per_month < listed.total_usd_per_month  # $1.25 is below the H100 index
    assert metrics["Llama-3.3-70B-Instruct · self-hosted"] == f"${own.total_usd_per_month:,.0f}/month"


def test_another_session_does_not_see_the_rows():
    first = upload(run_app(DATA), GOOD)
    first.switch_page(EXPLORE).run()
    assert rows_with_your_data(first)
    second = run_app(EXPLORE)
    assert not second.exception
    assert rows_with_your_data(second) == []
    assert "mine" not in second.query_params
    second.switch_page(DATA).run()
    assert in_use(second) == []


def test_the_link_carries_the_rows_and_a_bad_value_warns():
    mine = upload(run_app(DATA), GOOD).query_params["mine"]
    opened = run_app(EXPLORE, mine=mine, shortlist="yours-acme-70b")  # a link may shortlist its own model
    assert not opened.exception and not opened.warning
    assert "Acme 70B" + MARK in rows_with_your_data(opened)
    opened.switch_page(SHORTLIST).run()
    assert "Acme 70B" + MARK in rows_with_your_data(opened)
    assert any("is in this link" in t for t in texts(opened.caption))
    broken = run_app(EXPLORE, mine="not-a-packed-value")
    assert not broken.exception
    assert any("mine=" in t and "cannot be read" in t for t in texts(broken.warning) + texts(broken.markdown))
    assert rows_with_your_data(broken) == []


def test_rows_too_many_for_a_link_are_said_to_be_left_out():
    rows = [{**OWN, "name": f"Acme model number {i}", "arena_text": str(1000 + 7 * i)} for i in range(200)]
    at = upload(run_app(DATA, shortlist="gpt-4o"), csv_of(*rows))
    assert "mine" not in at.query_params
    at.switch_page(SHORTLIST).run()
    assert any("not in it" in t for t in texts(at.warning))


def test_every_page_runs_with_the_rows_and_the_shortlist_shows_them():
    from tradeoffs.page_list import PAGE_FILES

    at = upload(run_app(DATA, shortlist="gpt-4o", cmp="gpt-4o,llama-3.3-70b"), GOOD)
    at.session_state["shortlist"] = ["gpt-4o", "yours-acme-70b"]
    at.session_state["compared"] = ("gpt-4o", "yours-acme-70b")
    for page in PAGE_FILES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, texts(at.error))
    at.switch_page(SHORTLIST).run()
    assert "Acme 70B" + MARK in rows_with_your_data(at)
    assert "yours-acme-70b" in at.query_params["shortlist"]
