"""Helpers for AppTest page tests: a fresh app at a URL, and direct queries of the bundled store."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tradeoffs import queries
from tradeoffs.catalog import build_catalog
from tradeoffs.costs.api import contractable_offerings
from tradeoffs.store import connect_readonly, ensure_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(page: str | None = None, *, widgets: dict | None = None, **params) -> AppTest:
    """The app run with ``params`` in the URL, sidebar ``widgets`` (key → value) set, then ``page`` shown."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    for key, value in (widgets or {}).items():
        at.get_by_key(key).set_value(value)
        at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def store_query(sql: str, params=()) -> list[tuple]:
    """Rows of a read-only query on the store built from data/ (the product's own data)."""
    path, _ = ensure_store()
    con = connect_readonly(path)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def plain(markdown: str) -> str:
    """Markdown source as a reader sees it: escapes and zero-width spaces removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")


def texts(elements) -> list[str]:
    """What the elements say, as a reader sees it."""
    return [plain(e.value) for e in elements]


def bundled_tables() -> dict:
    """The bundled data as the app loads it: catalog (one row per model), offerings (the trusted
    ones, as the app uses by default; every quote under ``all_offerings``), gpus, sources, openness,
    provider_policies, endpoints."""
    path, _ = ensure_store()
    con = connect_readonly(path)
    try:
        offerings = queries.load_offerings(con.cursor())
        catalog = build_catalog(
            queries.load_models(con.cursor()),
            queries.load_hosting(con.cursor()),
            queries.load_scores(con.cursor()),
        )
        return {
            "catalog": catalog,
            "offerings": contractable_offerings(offerings),
            "all_offerings": offerings,
            "gpus": queries.load_table(con.cursor(), "gpus"),
            "sources": queries.load_table(con.cursor(), "sources"),
            "serving_measurements": queries.load_table(con.cursor(), "serving_measurements"),
            "openness": queries.load_table(con.cursor(), "openness"),
            "provider_policies": queries.load_table(con.cursor(), "provider_policies"),
            "endpoints": queries.load_table(con.cursor(), "endpoints"),
        }
    finally:
        con.close()
