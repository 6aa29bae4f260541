"""Privacy on the page: the provider data terms table (Data page)."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st


def render_provider_terms(terms: pa.Table, known: int, priced_from: int) -> None:
    """The providers' prompt terms in words, with how many are known."""
    st.caption(
        f"What each provider the app prices from does with prompts, as published: {known} of "
        f"{priced_from} have known terms; the rest count as “may retain and train” on the privacy "
        "ladder's API rungs. Values as OpenRouter last published them (each row's date) and its live "
        "provider list; policy links as text."
    )
    st.dataframe(
        terms,
        hide_index=True,
        width="stretch",
        column_config={
            "provider": "Provider",
            "trains": "Trains on prompts",
            "retains": "Retains prompts",
            "zdr": st.column_config.TextColumn(
                "Zero-retention option", help="An endpoint or contract with none"
            ),
            "headquarters": "Headquarters",
            "datacenters": st.column_config.TextColumn("Datacenters", help="ISO country codes"),
            "meets": st.column_config.TextColumn("No training, no retention?", width="medium"),
            "models": st.column_config.NumberColumn("Models priced"),
            "source": st.column_config.TextColumn("Source", width="medium"),
            "as_of": "As of",
            "privacy_policy_url": st.column_config.TextColumn(
                "Privacy policy (as published)", width="medium"
            ),
        },
    )
