"""Streamlit glue: the only place with st.cache_* wrappers around `skm` functions."""
