"""Decide: weighted scorecard over the decision factors (built in the Decide issue)."""

import streamlit as st

st.info("The Decide page is being built.")
