"""Helpers for what one view computes once and every session on it shares (``cache_resource``):
hashable cache keys, and frames and charts prepared as Arrow so a rerun sends them as they are."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from tradeoffs.costs import assumptions as cost_assumptions

# One view = one data version, constraints and assumptions. 64 of them cover a workshop's links;
# the oldest goes first, so a server that runs for weeks stays bounded.
shared_view = st.cache_resource(max_entries=64, show_spinner=False)


def assumption_items(a: cost_assumptions.CostAssumptions) -> tuple:
    """The assumptions as a sorted tuple: a cache key."""
    return tuple(sorted(cost_assumptions.assumptions_to_dict(a).items()))


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """The conversion st.dataframe would make on every run (mixed-type columns fixed), made once."""
    return dataframe_util.convert_pandas_df_to_arrow_table(df, preserve_index=False)


@dataclass(frozen=True)
class PreparedChart:
    """A Vega-Lite chart with its inline points moved to Arrow (sent without a conversion per run)."""

    spec_json: str
    data: pa.Table

    @classmethod
    def of(cls, spec: dict) -> PreparedChart:
        spec = dict(spec)
        values = spec.pop("data", {}).get("values", [])
        return cls(json.dumps(spec), pa.Table.from_pylist(values))

    def spec(self) -> dict:
        """A fresh copy of the spec for this run (Streamlit may annotate what it is given)."""
        return json.loads(self.spec_json)
