"""Cached loaders for privacy, residency and openness: provider terms, endpoints, the openness index,
and what each model can reach on the privacy ladder. Keyed on the data version like loaders.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tradeoffs import privacy
from tradeoffs.ui import loaders


def load_policies() -> pd.DataFrame:
    """provider_policies: per provider its prompt terms (trains, retains, days, ZDR), headquarters,
    datacenter countries, policy URLs, source and date; blanks are unknown."""
    return loaders.load_reference("provider_policies")


def load_endpoints() -> pd.DataFrame:
    """endpoints: per model and provider routing tag its region, quantization, prices, uptime."""
    return loaders.load_reference("endpoints")


def load_openness() -> pd.DataFrame:
    """openness: per model the European Open Source AI Index's ratings (open / partial / closed)."""
    return loaders.load_reference("openness")


@st.cache_resource(max_entries=16, show_spinner=False)
def _highest_rungs(version: str, region: str, include_resellers: bool) -> pd.Series:
    offerings = loaders.offerings_of(version, include_resellers)
    policies, endpoints = (
        loaders.reference_of(version, "provider_policies"),
        loaders.reference_of(version, "endpoints"),
    )
    return privacy.highest_api_rung(offerings, policies, region, endpoints)


def load_highest_rungs(region: str, include_resellers: bool = False) -> pd.Series:
    """Per model id with an API offering, the strictest API rung (``privacy.Rung``) one of its offerings
    reaches for ``region`` (models without an offering are absent)."""
    return _highest_rungs(loaders.data_version(), region, include_resellers)
