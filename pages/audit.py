"""Log Audit (admin only): who did what, when, to which unit and period; filter by user, action,
unit and date range."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pandas as pd
import streamlit as st

from skm.formatting import tanggal
from ui import auth, data

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
}
LIMIT = 2000
ALL = 0

access = auth.require_admin()
store = data.get_store()
units = sorted(data.units(data.data_version()), key=lambda u: [p.casefold() for p in u.path])
by_id = {u.id: u for u in units}

st.title("Log Audit")
st.caption("Setiap impor, penggantian, pembatalan, perubahan RTL, persetujuan, login dan perubahan akun.")
c1, c2, c3, c4 = st.columns([1, 1.4, 1.4, 1.2])
actors = ["(semua)", *store.audit_actors()]
actor = c1.selectbox("Pengguna", actors, key="audit_actor", placeholder="Pilih…")
chosen = c2.multiselect(
    "Tindakan", list(ACTIONS), format_func=ACTIONS.__getitem__, key="audit_actions", placeholder="semua"
)
unit_id = c3.selectbox(
    "Unit",
    [ALL] + [u.id for u in units],
    format_func=lambda i: "(semua)" if i == ALL else " › ".join(by_id[i].path),
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
st.dataframe(
    pd.DataFrame(
        {
            "Waktu": [f"{tanggal(e.at.date(), with_day=False)} {e.at:%H.%M.%S}" for e in entries],
            "Pengguna": [e.actor for e in entries],
            "Tindakan": [ACTIONS.get(e.action, e.action) for e in entries],
            "Unit": [" › ".join(by_id[e.unit_id].path) if e.unit_id in by_id else "–" for e in entries],
            "Periode": [e.period.label if e.period else "–" for e in entries],
            "Rincian": [json.dumps(e.detail, ensure_ascii=False) if e.detail else "" for e in entries],
        }
    ),
    hide_index=True,
    width="stretch",
    height=560,
)
