"""SKM Dashboard: the router. Page config and navigation over pages/; each page draws the shared
unit and period pickers with ui.context.sidebar()."""

from __future__ import annotations

import streamlit as st

from ui.data import get_store

st.set_page_config(page_title="SKM Dashboard", page_icon=":material/analytics:", layout="wide")

PAGES = {
    "Dasbor": [
        st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
        st.Page("pages/perbandingan.py", title="Perbandingan Wilayah", icon=":material/compare:"),
        st.Page("pages/tren.py", title="Tren", icon=":material/trending_up:"),
        st.Page("pages/responden.py", title="Responden", icon=":material/groups:"),
    ],
    "Data": [
        st.Page("pages/unggah.py", title="Unggah Data", icon=":material/upload_file:"),
        st.Page("pages/rtl.py", title="Rencana Tindak Lanjut", icon=":material/checklist:"),
        st.Page("pages/laporan.py", title="Laporan", icon=":material/picture_as_pdf:"),
    ],
    "Rapat": [
        st.Page("pages/presentasi.py", title="Presentasi", icon=":material/slideshow:"),
    ],
}
page = st.navigation(PAGES)
if note := get_store().recovery_note:
    st.warning(note, icon=":material/restore:")
st.session_state["router_ran"] = True
if route := st.session_state.pop("route_to", None):
    st.switch_page(route)
page.run()
