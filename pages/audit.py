"""Log Audit (admin only): who did what, when, to which unit and period; filter by user, action,
unit and date range."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
import streamlit as st

from skm.audit_text import rincian
from skm.labels import path_name
from ui import auth, data
from ui.tables import static_table

ACTIONS = {
    "import": "Impor",
    "replace": "Impor (mengganti)",
    "undo": "Batalkan impor",
    "rtl_plan": "Ubah rencana RTL",
    "rtl_realisasi": "Isi realisasi RTL",
    "photo_add": "Tambah foto RTL",
    "photo_delete": "Hapus foto RTL",
    "settings_save": "Simpan pengaturan surat",
    "population_set": "Ubah populasi",
    "status_diajukan": "Ajukan",
    "status_disetujui": "Setujui",
    "status_dikembalikan": "Kembalikan",
    "status_draft": "Buka kembali",
    "login": "Masuk",
    "login_failed": "Gagal masuk",
    "logout": "Keluar",
    "user_create": "Buat akun",
    "user_disable": "Nonaktifkan akun",
    "user_enable": "Aktifkan akun",
    "user_role": "Ubah peran/unit",
    "user_password_reset": "Atur ulang kata sandi",
    "password_change": "Ganti kata sandi",
    "unit_create": "Buat unit",
    "unit_rename": "Ganti nama unit",
    "kuesioner_open": "Buka kuesioner daring",
    "kuesioner_close": "Tutup kuesioner daring",
    "kuesioner_terima": "Terima jawaban daring yang ditahan",
    "kuesioner_tolak": "Tolak jawaban daring yang ditahan",
    "publikasi_add": "Catat publikasi",
    "publikasi_delete": "Hapus catatan publikasi",
    "session_revoked": "Sesi diakhiri",
    "login_unlock": "Buka kunci masuk",
}
LIMIT = 2000
PAGE = 50
ALL = 0

access = auth.require_admin()
store = data.get_store()
units = sorted(data.units(data.data_version()), key=lambda u: [p.casefold() for p in u.path])
by_id = {u.id: u for u in units}
by_path = {u.path: u for u in units}
full_names = {u.id: path_name(u, by_path, skip=0) for u in units}

st.title("Log Audit")
st.caption("Setiap impor, penggantian, pembatalan, perubahan RTL, persetujuan, login dan perubahan akun.")
c1, c2, c3, c4 = st.columns([1, 1.3, 1.3, 1.6])
actors = ["(semua)", *store.audit_actors()]
actor = c1.selectbox("Pengguna", actors, key="audit_actor", placeholder="Pilih…")
chosen = c2.multiselect(
    "Tindakan", list(ACTIONS), format_func=ACTIONS.__getitem__, key="audit_actions", placeholder="(semua)"
)
unit_id = c3.selectbox(
    "Unit",
    [ALL] + [u.id for u in units],
    format_func=lambda i: "(semua)" if i == ALL else full_names[i],
    key="audit_unit",
    placeholder="Pilih…",
)
today = date.today()
span = c4.date_input("Rentang tanggal", (today - timedelta(days=30), today), format="DD/MM/YYYY", key="audit_span")
since = until = None
if isinstance(span, tuple) and span:
    since = datetime.combine(span[0], time.min)
    until = datetime.combine(span[-1] + timedelta(days=1), time.min)
unit_ids = None
if unit_id != ALL:
    root = by_id[unit_id]
    unit_ids = [u.id for u in units if u.path[: len(root.path)] == root.path]
entries = store.audit_entries(
    actor=None if actor == actors[0] else actor,
    actions=chosen or None,
    unit_ids=unit_ids,
    since=since,
    until=until,
    limit=LIMIT,
)
st.caption(f"{len(entries)} catatan" + (f" (dibatasi {LIMIT} terbaru)" if len(entries) == LIMIT else "") + ".")
if not entries:
    st.stop()
# A wrapping HTML table, a page at a time: every sentence of "Rincian" readable at 1366 px without
# scrolling sideways (a canvas grid would cut it off).
pages = (len(entries) + PAGE - 1) // PAGE
number = 1
if pages > 1:
    number = st.selectbox(
        "Halaman",
        range(1, pages + 1),
        format_func=lambda n: f"{n} dari {pages} (catatan {(n - 1) * PAGE + 1}–{min(n * PAGE, len(entries))})",
        key="audit_page",
        placeholder="Pilih…",
        width=320,
    )
shown = entries[(number - 1) * PAGE : number * PAGE]
names = {u.id: path_name(u, by_path) for u in units}  # 'Kec. Pasar Rebo › Kel. Gedong'; the kota by name
table = pd.DataFrame(
    {
        "Waktu": [f"{e.at:%d/%m/%Y %H.%M}" for e in shown],
        "Pengguna": [e.actor for e in shown],
        "Tindakan": [ACTIONS.get(e.action, e.action) for e in shown],
        "Unit": [names.get(e.unit_id, "–") if e.unit_id is not None else "–" for e in shown],
        "Periode": [e.period.label.replace("Semester", "Sem.") if e.period else "–" for e in shown],
        "Rincian": [rincian(e.action, e.detail, names) for e in shown],
    }
)
keep = pd.DataFrame("", index=table.index, columns=table.columns)
keep[["Waktu", "Periode"]] = "white-space: nowrap"  # a date and a semester on one line; Rincian wraps
static_table(table, keep)
