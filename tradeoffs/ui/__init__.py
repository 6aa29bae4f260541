"""The only Streamlit-aware part of the package: cached loaders, sidebar, shared components."""
