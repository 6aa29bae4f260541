"""Costs: API versus self-hosting total cost of ownership (built in the Costs issue)."""

import streamlit as st

st.info("The Costs page is being built.")
