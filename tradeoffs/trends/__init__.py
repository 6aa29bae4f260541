"""Trends: how far open weights trail closed ones, and how fast a quality gets cheaper (no Streamlit)."""
