"""Uploads (tradeoffs/uploads): reading, validating, overlaying on the bundled store's frames, the link."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from tests.app_helpers import bundled_tables, store_query
from tradeoffs import queries
from tradeoffs.costs import api as api_cost
from tradeoffs.costs import hardware
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.store import connect_readonly, ensure_store
from tradeoffs.uploads import link, overlay
from tradeoffs.uploads.read import MAX_BYTES, MAX_ROWS, FormatError, read_rows
from tradeoffs.uploads.rows import MARK, SOURCE
from tradeoffs.uploads.template import template_csv
from tradeoffs.uploads.validate import Known, template_columns, validate

HEADER = ",".join(template_columns(("arena_text", "gpqa_diamond")))


@pytest.fixture(scope="module")
def store() -> dict:
    path, _ = ensure_store()
    con = connect_readonly(path)
    try:
        tables = {
            "models": queries.load_models(con.cursor()),
            "scores": queries.load_scores(con.cursor()),
            "offerings": queries.load_offerings(con.cursor()),
            **{t: queries.load_table(con.cursor(), t) for t in ("licenses", "benchmarks", "gpus")},
        }
    finally:
        con.close()
    tables["known"] = Known(
        frozenset(tables["models"]["model_id"]),
        frozenset(tables["licenses"]["license_id"]),
        tuple(tables["benchmarks"]["benchmark"]),
        frozenset(tables["gpus"].loc[tables["gpus"]["segment"] == "index", "gpu"]),
    )
    return tables


def csv_of(*rows: dict, header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    columns = header or template_columns(("arena_text", "gpqa_diamond"))
    out.write(",".join(columns) + "\n")
    for row in rows:
        out.write(",".join(row.get(c, "") for c in columns) + "\n")
    return out.getvalue().encode()


OWN = {"kind": "model", "name": "Acme 70B", "open_weights": "yes", "license_id": "llama-3.3",
       "params_total_b": "70", "hosting": "self-hosted", "arena_text": "1290"}  # fmt: skip
PRICE = {"kind": "price", "model": "gpt-4.1", "provider": "azure", "input_usd_per_mtok": "1.5",
         "output_usd_per_mtok": "6"}  # fmt: skip
OWN_PRICE = {"kind": "price", "model": "acme 70b", "provider": "Acme cloud", "input_usd_per_mtok": "0.2",
             "output_usd_per_mtok": "0.4"}  # fmt: skip
GPU = {"kind": "gpu", "gpu": "H100", "usd_per_gpu_hour": "1.25"}


def upload_of(data: bytes, known: Known):
    return validate(*read_rows(data), known)


def test_good_file_keeps_every_row(store):
    upload = upload_of(csv_of(OWN, PRICE, OWN_PRICE, GPU), store["known"])
    assert upload.problems == ()
    assert [m.model_id for m in upload.models] == ["yours-acme-70b"]
    assert upload.models[0].scores == (("arena_text", 1290.0),)
    assert [(p.model_id, p.provider) for p in upload.prices] == [
        ("gpt-4.1", "azure"),
        ("yours-acme-70b", "Acme cloud"),
    ]
    assert [(g.gpu, g.usd_per_gpu_hour) for g in upload.gpus] == [("H100", 1.25)]


def test_bad_rows_are_listed_with_reasons_and_the_good_kept(store):
    bad_number = {**PRICE, "model": "gpt-4o", "input_usd_per_mtok": "cheap"}
    unknown = {**PRICE, "model": "no-such-model"}
    upload = upload_of(csv_of(OWN, bad_number, PRICE, unknown, GPU), store["known"])
    assert upload.count == 3
    assert [(p.line, p.kind) for p in upload.problems] == [(3, "price"), (5, "price")]
    assert "bad number in input_usd_per_mtok: 'cheap'" in upload.problems[0].reason
    assert "unknown model 'no-such-model'" in upload.problems[1].reason


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({**OWN, "license_id": "wtfpl-9"}, "unknown licence 'wtfpl-9'"),
        ({**GPU, "gpu": "RTX-9090"}, "unknown GPU 'RTX-9090'"),
        ({**OWN, "hosting": "cloud"}, "hosting is 'cloud'"),
        ({**OWN, "open_weights": "maybe"}, "open_weights is 'maybe'"),
        ({**GPU, "usd_per_gpu_hour": "-1"}, "bad number in usd_per_gpu_hour"),
        ({**PRICE, "output_usd_per_mtok": "inf"}, "bad number in output_usd_per_mtok"),
        ({"kind": "tokens"}, "unknown kind 'tokens'"),
        ({**OWN, "params_total_b": ""}, "self-hosted needs params_total_b"),
    ],
)
def test_each_reason(store, row, reason):
    upload = upload_of(csv_of(row), store["known"])
    assert upload.count == 0 and len(upload.problems) == 1
    assert reason in upload.problems[0].reason


def test_duplicates_unknown_benchmarks_and_missing_columns(store):
    upload = upload_of(csv_of(OWN, {**OWN, "name": "ACME 70B"}, GPU, GPU), store["known"])
    assert [p.reason.startswith("duplicate") for p in upload.problems] == [True, True]
    header = ["kind", "name", "open_weights", "hosting", "mmlu_ultra", "gpu"]
    upload = upload_of(csv_of({**OWN, "mmlu_ultra": "80"}, GPU, header=header), store["known"])
    reasons = [p.reason for p in upload.problems]
    assert reasons == ["unknown benchmark or column 'mmlu_ultra'", "missing column 'usd_per_gpu_hour'"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "not a text file"),
        ("kind,name\nmodel,Café\n".encode("latin-1"), "not UTF-8"),
        (b"just some words\nand more\n", "no 'kind' column"),
        (b"PK\x03\x04not really a zip", "Excel file cannot be read"),
        (b"", "empty"),
        (b"kind,name\n" + b"model,x\n" * (MAX_ROWS + 1), f"more than {MAX_ROWS} rows"),
        (b"kind,name\n" + b"x" * MAX_BYTES, "the limit is 1 MB"),
    ],
)
def test_wrong_formats_raise_a_clear_error(data, message):
    with pytest.raises(FormatError, match=message):
        read_rows(data)


def test_excel_and_template_read_back(store):
    from openpyxl import Workbook

    book = Workbook()
    columns = template_columns(store["known"].benchmarks)
    book.active.append(columns)
    book.active.append([GPU.get(c) for c in columns])
    out = io.BytesIO()
    book.save(out)
    assert upload_of(out.getvalue(), store["known"]).gpus[0].usd_per_gpu_hour == 1.25
    template = upload_of(template_csv(store["known"]), store["known"])
    assert (template.count, template.problems) == (3, ())


def test_overlay_keeps_dtypes_and_marks_your_rows(store):
    upload = upload_of(csv_of(OWN, PRICE, GPU), store["known"])
    models = overlay.models(store["models"], store["licenses"], upload)
    assert models.dtypes.equals(store["models"].dtypes) and len(models) == len(store["models"]) + 1
    mine = models.set_index("model_id").loc["yours-acme-70b"]
    assert mine["name"] == "Acme 70B" + MARK and mine["commercial_use"] == "conditional"
    scores = overlay.scores(store["scores"], upload, "2026-12-01")
    assert scores.dtypes.equals(store["scores"].dtypes)
    offers = overlay.offerings(store["offerings"], upload, "2026-12-01")
    assert offers.dtypes.equals(store["offerings"].dtypes)
    gpt = offers[offers["model_id"] == "gpt-4.1"]
    assert gpt["provider"].tolist() == ["azure" + MARK] and gpt["provider_kind"].tolist() == ["cloud"]
    others = offers[offers["model_id"] != "gpt-4.1"]
    assert others.reset_index(drop=True).equals(
        store["offerings"][store["offerings"]["model_id"] != "gpt-4.1"].reset_index(drop=True)
    )
    gpus = overlay.gpus(store["gpus"], upload, "2026-12-01")
    assert gpus.dtypes.equals(store["gpus"].dtypes)
    price, source, _ = hardware.rental_price(gpus, "H100", CostAssumptions(gpu="H100"))
    assert (price, source) == (1.25, SOURCE)


def test_negotiated_price_replaces_the_list_price_in_api_costs(store):
    upload = upload_of(csv_of(PRICE), store["known"])
    offers = api_cost.contractable_offerings(overlay.offerings(store["offerings"], upload, "2026-12-01"))
    models = pd.DataFrame({"model_id": ["gpt-4.1"]})
    costs = api_cost.api_costs(models, offers, 100e6, 0.75)
    assert costs.at["gpt-4.1", "monthly_usd"] == pytest.approx(100 * (0.75 * 1.5 + 0.25 * 6))
    listed = api_cost.api_costs(models, bundled_tables()["offerings"], 100e6, 0.75)
    assert listed.at["gpt-4.1", "monthly_usd"] == pytest.approx(100 * (0.75 * 2 + 0.25 * 8))
    assert (
        store_query("SELECT min(input_usd_per_mtok) FROM offerings WHERE model_id = 'gpt-4.1' AND trusted")[
            0
        ][0]
        == 2
    )


def test_the_data_version_composes_the_as_of_date_and_the_upload():
    from tradeoffs.ui import loaders

    assert loaders._split("b3f5@2026-10-10+u0123456789ab") == ("b3f5", "2026-10-10")
    assert loaders._split("b3f5+u0123456789ab") == ("b3f5", None)
    assert loaders.without_uploads("b3f5@2026-10-10+u0123456789ab") == "b3f5@2026-10-10"


def test_link_round_trip_and_bad_values(store):
    upload = upload_of(csv_of(OWN, PRICE, OWN_PRICE, GPU), store["known"])
    value = link.encode(upload)
    assert value and len(value) <= link.MAX_LINK_CHARS
    back, warnings = link.decode(value, store["known"])
    assert warnings == [] and back.digest == upload.digest
    assert (back.models, back.prices, back.gpus) == (upload.models, upload.prices, upload.gpus)
    for bad in ("%%%", "bm90IHpsaWI", "x" * 5000, link.encode(upload)[:-8]):
        assert link.decode(bad, store["known"])[0] is None
        assert "cannot be read" in link.decode(bad, store["known"])[1][0]


def test_too_many_rows_for_a_link(store):
    rows = [{**OWN, "name": f"Acme model number {i}", "arena_text": str(1000 + i * 7)} for i in range(200)]
    upload = upload_of(csv_of(*rows), store["known"])
    assert upload.count == 200 and link.encode(upload) is None
