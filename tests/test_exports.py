"""CSV and Excel exports (tradeoffs/brief/exports.py, export_table.py, ui/exports_view.py): read back with
pandas and openpyxl — readable columns with units, numbers as numbers, unknown empty with its reason, the
constraints, data date, link and sources in the file, and no formula from outside text."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from tests.app_helpers import bundled_tables, plain, run_app, store_query, texts
from tests.asof_helpers import OLD_DAY, make_newer_data
from tests.ingest_helpers import DATA
from tradeoffs import openness
from tradeoffs.brief import exports
from tradeoffs.brief.export_table import PRICE_IN, PRICE_OUT, WHY_EMPTY, TableInputs, build_table
from tradeoffs.constraints import Constraints
from tradeoffs.costs import api, hardware, selfhost
from tradeoffs.costs.assumptions import CostAssumptions
from tradeoffs.filtering import evaluate
from tradeoffs.store import data_version
from tradeoffs.ui import loaders

SHORTLIST = ("gpt-4o", "llama-3.3-70b", "aion-1")
NASTY = {"gpt-4o": '=HYPERLINK("http://evil.example","x")', "llama-3.3-70b": "@SUM(A1)", "aion-1": "+1-2"}
MONTHLY = "Cost, USD per month at 1B tokens/month (API or self-hosted)"
SELF_HOST = "Self-hosting, USD per month at 1B tokens/month"
ABOUT = exports.About(
    "Shortlist",
    "API or self-hosted · any licence · 1B tokens/month (75% input)",
    "2026-10-10",
    "b3f5c1c5bf5d",
    "http://127.0.0.1:8501/shortlist?shortlist=gpt-4o",
    (
        exports.SourceNote(
            "Epoch AI Benchmarking Hub", "2026-04-16", "CC-BY 4.0", "Epoch AI, 'AI Bench'", "https://epoch.ai"
        ),
        exports.SourceNote("-bad source", "", "", "Someone, =cmd|' /C calc'!A0", ""),
    ),
)


@pytest.fixture(scope="module")
def shortlist_table():
    t, c, a = bundled_tables(), Constraints(shortlist=SHORTLIST, volume_tokens=10**9), CostAssumptions()
    costs = api.api_costs(t["catalog"].reset_index(), t["offerings"], c.volume_tokens, c.input_share, 0.0)
    models = evaluate(t["catalog"], costs, c, "LMArena text score").loc[list(SHORTLIST)]
    hw = hardware.hardware(t["gpus"], a)
    own = selfhost.self_host_costs(models.reset_index(), hw, c.volume_tokens, c.input_share, a)
    inputs = TableInputs(
        models, costs.reindex(models.index), own, t["offerings"], c, "LMArena text score", NASTY
    )
    return build_table(inputs)


def test_csv_reads_back_with_readable_columns_units_and_its_notes(shortlist_table):
    table, _ = shortlist_table
    notes, back = exports.read_csv_export(exports.to_csv_bytes(table, ABOUT))
    assert notes[:4] == [
        "LLM Tradeoff Explorer — Shortlist",
        "Constraints: API or self-hosted · any licence · 1B tokens/month (75% input)",
        "Data as of: 2026-10-10 (data version b3f5c1c5bf5d)",
        "Link: http://127.0.0.1:8501/shortlist?shortlist=gpt-4o",
    ]
    assert any(
        "Source: Epoch AI Benchmarking Hub — data as of 2026-04-16 — licence: CC-BY 4.0" in n for n in notes
    )
    for label in ("Model", "LMArena text score", PRICE_IN, PRICE_OUT, MONTHLY, SELF_HOST, "Context, tokens"):
        assert label in back.columns
    gpt = back.set_index("Model id").loc["gpt-4o"]
    # data/offerings.csv: gpt-4o,openai,2.5,10 (litellm); data/scores.csv: arena_text 1346.363083
    assert (gpt[PRICE_IN], gpt[PRICE_OUT], gpt["LMArena text score"]) == (2.5, 10.0, 1346.363083)
    assert gpt[MONTHLY] == pytest.approx(10**3 * (0.75 * 2.5 + 0.25 * 10))
    assert back[PRICE_IN].dtype == float and back["Released"].iloc[0] == "2024-05-13"


def test_unknown_stays_empty_with_its_reason_never_zero(shortlist_table):
    table, _ = shortlist_table
    _, back = exports.read_csv_export(exports.to_csv_bytes(table, ABOUT))
    aion = back.set_index("Model id").loc["aion-1"]  # no Arena score, no trusted price (data/*.csv)
    assert pd.isna(aion["LMArena text score"]) and pd.isna(aion[PRICE_IN]) and pd.isna(aion[MONTHLY])
    assert "LMArena text score: none" in aion[WHY_EMPTY] and "API price: none listed" in aion[WHY_EMPTY]
    gpt = back.set_index("Model id").loc["gpt-4o"]
    assert pd.isna(gpt[SELF_HOST]) and "closed weights cannot be self-hosted" in gpt[WHY_EMPTY]
    money = [c for c in back.columns if "USD" in c or "score" in c]
    assert not (back[money].select_dtypes("number") == 0).any().any()


def test_no_outside_text_becomes_a_formula(shortlist_table):
    table, formats = shortlist_table
    body = exports.to_csv_bytes(table, ABOUT)
    notes, back = exports.read_csv_export(body)
    assert back.set_index("Model id")["Room's note"].to_dict() == {m: "'" + n for m, n in NASTY.items()}
    assert "attribution: Someone, '=cmd|' /C calc'!A0" in " ".join(notes)  # a spreadsheet splits at the comma
    for line in body.decode().splitlines():  # no cell a spreadsheet would split off starts a formula
        assert not any(cell.strip().startswith(("=", "+", "@")) for cell in line.split(","))
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(table, ABOUT, formats)))["Models"]
    notes_column = [c.value for c in sheet[1]].index("Room's note")
    assert {row[notes_column].value for row in sheet.iter_rows(min_row=2)} == {
        "'" + n for n in NASTY.values()
    }
    assert all(row[notes_column].data_type == "s" for row in sheet.iter_rows(min_row=2))
    assert exports.guard(-1.5) == -1.5 and exports.guard("-") == "'-" and exports.guard("a=b") == "a=b"


def test_excel_has_numbers_as_numbers_and_an_about_sheet(shortlist_table):
    table, formats = shortlist_table
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(table, ABOUT, formats)))
    assert book.sheetnames == ["Models", "About"]
    rows = list(book["Models"].values)
    header, by_id = list(rows[0]), {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert header == list(table.columns)
    gpt = by_id["gpt-4o"]
    assert (gpt[PRICE_IN], gpt[PRICE_OUT], gpt["LMArena text score"]) == (2.5, 10, 1346.363083)
    assert gpt["Released"].date().isoformat() == "2024-05-13" and gpt[SELF_HOST] is None
    assert by_id["aion-1"][PRICE_IN] is None and by_id["aion-1"]["LMArena text score"] is None
    about = {r[0]: r[1] for r in book["About"].values if r and r[0]}
    assert about["Constraints"] == ABOUT.constraints and about["Data as of"] == "2026-10-10"
    assert about["Link"] == ABOUT.link and about["Data version"] == "b3f5c1c5bf5d"
    sources = [r for r in book["About"].values if r and r[0] == "Epoch AI Benchmarking Hub"]
    assert sources == [
        ("Epoch AI Benchmarking Hub", "2026-04-16", "CC-BY 4.0", "Epoch AI, 'AI Bench'", "https://epoch.ai")
    ]
    frame = pd.read_excel(io.BytesIO(exports.to_xlsx_bytes(table, ABOUT, formats)), sheet_name="Models")
    assert frame[PRICE_IN].dtype == float and frame["Independent hosts"].dtype.kind == "i"


# ---- the buttons in the app: the files they build on click ----------------------------------------


@pytest.fixture
def clicks(monkeypatch):
    """What a click on each download button would build: file name → its function (run here, outside
    the session, as Streamlit runs it on another thread)."""
    registered: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return registered


def _one(clicks: dict, suffix: str):
    (name,) = [n for n in clicks if n.endswith(suffix)]
    return name, clicks[name]()


def test_the_shortlist_buttons_export_the_shortlist_with_its_link(clicks):
    at = run_app("pages/shortlist.py", shortlist="gpt-4o,llama-3.3-70b", **{"note.gpt-4o": "=1+1"})
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")][:2] == ["Download CSV", "Download Excel"]
    name, body = _one(clicks, ".csv")
    notes, back = exports.read_csv_export(body)
    assert name.startswith("llm-tradeoffs-shortlist-") and list(back["Model id"]) == [
        "gpt-4o",
        "llama-3.3-70b",
    ]
    assert back.set_index("Model id").at["gpt-4o", "Room's note"] == "'=1+1"
    link = at.code[0].value
    assert f"Link: {link}" in notes and any(n.startswith("Source: LMArena") for n in notes)
    _, xlsx = _one(clicks, ".xlsx")
    assert openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames == ["Models", "About"]


def test_the_explore_buttons_export_every_passing_model(clicks):
    at = run_app("pages/explore.py", deployment="on-prem", license="commercial")
    passing = int(
        next(t for t in texts(at.markdown) if t.endswith("models pass")).split()[1].replace(",", "")
    )
    _, body = _one(clicks, ".csv")
    notes, back = exports.read_csv_export(body)
    assert len(back) == passing and (back["Passes the constraints"] == "yes").all()
    assert "Constraints: on-prem · commercial-use licence" in plain(notes[1])


def test_an_export_of_a_links_date_carries_that_dates_numbers(clicks, tmp_path, store_tmp, monkeypatch):
    monkeypatch.setattr(loaders, "DATA_DIR", make_newer_data(DATA, tmp_path / "data"))
    tag = f"{OLD_DAY}~{data_version(DATA)}"
    at = run_app("pages/shortlist.py", shortlist="gpt-4o", data=tag, asof="link")
    assert not at.exception
    notes, back = exports.read_csv_export(_one(clicks, ".csv")[1])
    assert notes[2].startswith(f"Data as of: {OLD_DAY} (data version ") and "rebuilt from" in notes[2]
    gpt = back.set_index("Model id").loc["gpt-4o"]
    assert (gpt[PRICE_IN], gpt[PRICE_OUT], gpt["LMArena text score"]) == (2.5, 10.0, 1346.363083)


def test_an_export_on_the_eu_rung_prices_from_the_providers_the_rung_allows(clicks):
    """Claude Sonnet 4.5 on the EU rung: Bedrock's eu-west-1 price, as the cost column counts it; GPT-4o:
    no provider qualifies, so no price (its reason in the notes column), not OpenAI's list price."""
    at = run_app("pages/shortlist.py", deployment="region", shortlist="claude-sonnet-4.5,gpt-4o")
    assert not at.exception
    _, body = _one(clicks, ".csv")
    _, back = exports.read_csv_export(body)
    rows = back.set_index("Model id")
    (eu_in,) = [
        r[0]
        for r in store_query(
            "SELECT min(input_usd_per_mtok) FROM endpoints WHERE model_id = 'claude-sonnet-4.5' "
            "AND provider = 'amazon-bedrock' AND region = 'EU'"
        )
    ]
    assert rows.at["claude-sonnet-4.5", "Cheapest API provider"] == "amazon-bedrock"
    assert rows.at["claude-sonnet-4.5", PRICE_IN] == eu_in
    assert pd.isna(rows.at["gpt-4o", PRICE_IN]) and pd.isna(rows.at["gpt-4o", "Cheapest API provider"])


def test_an_export_carries_the_index_transparency_and_its_open_washing_check(clicks):
    rated = bundled_tables()["openness"].set_index("model_id").loc["gpt-oss-120b"]
    points = {"open": 1.0, "partial": 0.5, "closed": 0.0}
    dims = [rated[d] for d in openness.DIMENSIONS if rated[d] in points]
    expected = sum(points[d] for d in dims) / len(dims)
    run_app("pages/shortlist.py", shortlist="gpt-oss-120b,gpt-4o")
    notes, back = exports.read_csv_export(_one(clicks, ".csv")[1])
    rows = back.set_index("Model id")
    score = "Transparency, 0–1 (European Open Source AI Index)"
    assert rows.at["gpt-oss-120b", score] == pytest.approx(expected)
    assert pd.isna(rows.at["gpt-4o", score])
    assert "transparency: not rated by the index" in rows.at["gpt-4o", WHY_EMPTY]
    check = rows.at["gpt-oss-120b", "Open-washing check (European Open Source AI Index)"]
    assert check.startswith("Open weights") and "rates its training data" in check
    assert any(n.startswith("Source: European Open Source AI Index") for n in notes)  # its CC BY attribution
