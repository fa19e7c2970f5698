"""SKM Dashboard: the router. Page config and navigation over pages/; each page draws the shared
unit and period pickers with ui.context.sidebar(). A questionnaire link (?isi=) gets only the
public questionnaire (pages/kuesioner.py)."""

from __future__ import annotations

import streamlit as st

from ui.data import get_store

# The public questionnaire (/?isi=<token>), before anything else and whatever comes after: it is
# the only page such a request can reach; no sidebar, no navigation, no other unit's data.
if "isi" in st.query_params:
    st.set_page_config(
        page_title="Survei Kepuasan Masyarakat",
        page_icon=":material/rate_review:",
        layout="centered",
        initial_sidebar_state="collapsed",
    )
    st.navigation(
        [st.Page("pages/kuesioner.py", title="Survei Kepuasan Masyarakat", default=True)], position="hidden"
    ).run()
    st.stop()

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
