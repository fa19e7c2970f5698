"""The baseline of bench/pages.py: a minimal Streamlit app, two pages of one plotly chart each,
so a click in its navigation is measured exactly like a click in the dashboard's. Its menu is
drawn like the app's (`ui.chrome.menu`: page links in a sidebar container keyed `skm_menu`;
Streamlit's own navigation is off in .streamlit/config.toml for both)."""

import plotly.graph_objects as go
import streamlit as st


def _chart(title: str, values: list[int]) -> None:
    st.title(title)
    st.plotly_chart(go.Figure(go.Bar(x=["A", "B", "C"], y=values)))


def satu() -> None:
    _chart("Satu", [3, 1, 2])


def dua() -> None:
    _chart("Dua", [1, 3, 2])


st.set_page_config(page_title="Dasar", layout="wide")
pages = [st.Page(satu, title="Satu", default=True), st.Page(dua, title="Dua")]
current = st.navigation(pages)
with st.sidebar.container(key="skm_menu"):
    for page in pages:
        st.page_link(page)
current.run()
