"""SKM Dashboard: the router. Page config, sidebar pickers, navigation over pages/."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="SKM Dashboard", page_icon=":material/analytics:", layout="wide")

pages = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
]
nav = st.navigation(pages)
nav.run()
