"""Cached: what each host serves (quantization against the released precision, uptime, ZDR) per offering,
and the offerings with it, keyed on the data version like loaders.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tradeoffs import hosting
from tradeoffs.ui import loaders


@st.cache_resource(max_entries=8, show_spinner=False)
def _hosting(version: str) -> pd.DataFrame:
    return hosting.host_precision(loaders.reference_of(version, "endpoints"), loaders.catalog_of(version))


def load_hosting() -> pd.DataFrame:
    """hosting.host_precision: per (model_id, provider) with an endpoint, what it serves (shared,
    read-only)."""
    return _hosting(loaders.data_version())


@st.cache_resource(max_entries=8, show_spinner=False)
def _served_offerings(version: str, include_resellers: bool) -> pd.DataFrame:
    return hosting.with_hosting(loaders.offerings_of(version, include_resellers), _hosting(version))


def load_served_offerings(include_resellers: bool = False) -> pd.DataFrame:
    """loaders.load_offerings with what each host serves (hosting.with_hosting's columns: served_text,
    uptime_text, reduced_precision, precision_note …), shared and read-only."""
    return _served_offerings(loaders.data_version(), include_resellers)
