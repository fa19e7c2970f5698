"""SKM Dashboard: the router. Page config and navigation over pages/; each page draws the shared
unit and period pickers with ui.context.sidebar().

Without an account: a questionnaire link (?isi=) gets only the public questionnaire
(pages/kuesioner.py), a results link (?hasil=) only the unit's published results (pages/hasil.py).
Everything else: nobody sees anything before logging in (only "Masuk"; on a database without
accounts only "Buat akun admin"); then by role (ui.auth, skm.access): a pimpinan has no Unggah
Data, only an admin has Akun and Log Audit. The login is checked against the database on every
rerun."""

from __future__ import annotations

import streamlit as st

from skm.accounts import ADMIN, PIMPINAN
from ui import auth, chrome, presentasi
from ui.data import get_store

# The public pages, before anything else and whatever comes after: a questionnaire link
# (/?isi=<token>) or a unit's published results (/?hasil=<token>, approved periods only) reaches
# that one page and nothing else; no sidebar, no navigation, no other unit's data.
PUBLIC = {
    "isi": ("pages/kuesioner.py", "Survei Kepuasan Masyarakat", ":material/rate_review:"),
    "hasil": ("pages/hasil.py", "Hasil Survei Kepuasan Masyarakat", ":material/insights:"),
}
for key, (path, title, icon) in PUBLIC.items():
    if key in st.query_params:
        st.set_page_config(page_title=title, page_icon=icon, layout="centered", initial_sidebar_state="collapsed")
        chrome.indonesian_chrome()
        st.navigation([st.Page(path, title=title, default=True)], position="hidden").run()
        st.stop()

st.set_page_config(page_title="SKM Dashboard", page_icon=":material/analytics:", layout="wide")
chrome.indonesian_chrome()

# Every page's address, so a link to one before logging in shows the login page at that address
# (and opens the page afterwards) instead of Streamlit's "page not found".
ADDRESSES = (
    "ringkasan",
    "perbandingan",
    "tren",
    "responden",
    "unggah",
    "rtl",
    "laporan",
    "presentasi",
    "akun",
    "audit",
)


def gate(path: str, title: str, icon: str) -> st.Page:
    pages = [st.Page(path, title=title, icon=icon, default=True)]
    pages += [st.Page(path, title=title, icon=icon, url_path=name) for name in ADDRESSES]
    return st.navigation(pages, position="hidden")


def _file(page: st.Page) -> str:
    return (page.url_path or "ringkasan").split("/")[-1]


store = get_store()
access = auth.current_access()
if store.user_count() == 0:
    auth.remember_request()
    page = gate("pages/mulai.py", "Buat akun admin", ":material/person_add:")
elif access is None:
    page = gate("pages/masuk.py", "Masuk", ":material/login:")
else:
    role = access.user.role
    data_pages = [
        st.Page("pages/unggah.py", title="Unggah Data", icon=":material/upload_file:"),
        st.Page("pages/rtl.py", title="Rencana Tindak Lanjut", icon=":material/checklist:"),
        st.Page("pages/laporan.py", title="Laporan", icon=":material/picture_as_pdf:"),
    ]
    if role == PIMPINAN:  # sees and approves, never imports
        data_pages = data_pages[1:]
    PAGES = {
        "Dasbor": [
            st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
            st.Page("pages/perbandingan.py", title="Perbandingan Wilayah", icon=":material/compare:"),
            st.Page("pages/tren.py", title="Tren", icon=":material/trending_up:"),
            st.Page("pages/responden.py", title="Responden", icon=":material/groups:"),
        ],
        "Data": data_pages,
        "Rapat": [
            st.Page("pages/presentasi.py", title="Presentasi", icon=":material/slideshow:"),
        ],
    }
    if role == ADMIN:
        PAGES["Admin"] = [
            st.Page("pages/akun.py", title="Akun", icon=":material/manage_accounts:"),
            st.Page("pages/audit.py", title="Log Audit", icon=":material/history:"),
        ]
    page = st.navigation(PAGES, position="hidden")
    chrome.menu(PAGES)  # Streamlit's own menu is off (.streamlit/config.toml): see ui/chrome.py
    allowed = {
        name: f"pages/{name}.py" for name in ADDRESSES if any(_file(p) == name for g in PAGES.values() for p in g)
    }
    auth.take_after_login(allowed)
    if (note := store.recovery_note) and access.is_admin:
        st.warning(note, icon=":material/restore:")
    if (route := st.session_state.pop("route_to", None)) in allowed.values():
        st.session_state["router_ran"] = True
        st.switch_page(route, query_params=presentasi.kept_params())
    presentasi.open_if_asked(_file(page))  # ?mode=presentasi: the meeting mode, full screen
# Before logging in, a page a link asked for (route_to) waits in session state for afterwards.
st.session_state["router_ran"] = True
page.run()
