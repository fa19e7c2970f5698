"""Akun (admin only): every account with its role and unit; add one, change role and unit, reset a
password, disable or enable; and the unit tree: add a unit by its path, rename one. Every change
is in the audit log, and ends the account's sessions where it changes what the account may do."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from skm import accounts
from skm.actions import admin
from skm.errors import SkmError
from ui import auth, data
from ui.components import md
from ui.flash import flash, show
from ui.tables import static_table

access = auth.require_admin()
store = data.get_store()
session = auth.session()
units = sorted(data.units(data.data_version()), key=lambda u: [p.casefold() for p in u.path])
by_id = {u.id: u for u in units}
NONE = 0


def unit_text(unit_id: int | None) -> str:
    return " › ".join(by_id[unit_id].path) if unit_id in by_id else "–"


st.title("Akun")
st.caption(
    "Admin: semua unit, akun dan pohon unit. Pimpinan (walikota di kota, camat di kecamatan): semua angka unitnya "
    "dan unit di bawahnya, menyetujui, mengajukan rekap unitnya ke atas, mengunduh laporan; tidak mengimpor. "
    "Operator (staf kelurahan): mengimpor, mengisi RTL dan pengaturan laporan untuk kelurahannya saja."
)
show("akun")

users = accounts.list_users(store)
static_table(
    pd.DataFrame(
        {
            "Nama": [u.name for u in users],
            "Peran": [u.role_label for u in users],
            "Unit": [unit_text(u.unit_id) if u.role != accounts.ADMIN else "semua unit" for u in users],
            "Status": ["nonaktif" if u.disabled else "aktif" for u in users],
            "Email SSO": [u.email or "–" for u in users],
        }
    )
)

unit_options = [NONE] + [u.id for u in units]


def unit_option(i: int) -> str:
    return "(tidak ada — admin)" if i == NONE else unit_text(i)


add_tab, edit_tab, tree_tab = st.tabs(["Tambah akun", "Ubah akun", "Pohon unit"])

with tree_tab:
    new_col, rename_col = st.columns(2, gap="large")
    with new_col, st.form("unit_add", clear_on_submit=True):
        st.markdown("**Tambah unit**")
        path = st.text_input(
            "Jalur unit",
            placeholder="Jakarta Timur/Makasar/Kelurahan Baru",
            help="Kota/kecamatan/kelurahan",
            key="unit_add_path",
        )
        if st.form_submit_button("Tambah unit", icon=":material/add_location_alt:"):
            try:
                unit, made = admin.add_unit(store, session, path)
            except SkmError as exc:
                st.error(md(exc))
            else:
                text = f"Unit {' › '.join(unit.path)} dibuat." if made else f"Unit {' › '.join(unit.path)} sudah ada."
                flash("akun", "success", md(text))
                st.rerun()
    with rename_col, st.form("unit_rename"):
        st.markdown("**Ganti nama unit**")
        target = st.selectbox(
            "Unit", [u.id for u in units], format_func=unit_text, key="unit_rename_id", placeholder="Pilih…"
        )
        new_name = st.text_input("Nama baru", key="unit_rename_name")
        if st.form_submit_button("Ganti nama", icon=":material/edit:"):
            try:
                renamed = admin.rename_unit(store, session, target, new_name)
            except SkmError as exc:
                st.error(md(exc))
            else:
                flash("akun", "success", md(f"Nama unit diganti: {' › '.join(renamed.path)}."))
                st.rerun()
# A new revision after each account made: an empty form, where a refused one keeps what was typed.
rev = st.session_state.setdefault("akun_add_rev", 0)
with add_tab, st.form(f"akun_add_{rev}"):
    c1, c2 = st.columns(2)
    name = c1.text_input("Nama akun", key=f"akun_add_name_{rev}", placeholder="operator.halim")
    role = c2.selectbox(
        "Peran",
        accounts.ROLES,
        format_func=accounts.ROLE_LABELS.__getitem__,
        key=f"akun_add_role_{rev}",
        placeholder="Pilih…",
    )
    unit_id = st.selectbox(
        "Unit", unit_options, format_func=unit_option, key=f"akun_add_unit_{rev}", placeholder="Pilih…"
    )
    c1, c2 = st.columns(2)
    password = c1.text_input(
        f"Kata sandi awal (minimal {accounts.MIN_PASSWORD} karakter)", type="password", key=f"akun_add_pw_{rev}"
    )
    email = c2.text_input("Email SSO (opsional)", key=f"akun_add_email_{rev}")
    if st.form_submit_button("Tambah akun", type="primary", icon=":material/person_add:"):
        try:
            user = admin.create_user(store, session, name, password, role, unit_id or None, email or None)
        except SkmError as exc:
            st.error(md(exc), icon=":material/error:")
        else:
            flash("akun", "success", md(f"Akun {user.name} dibuat."))
            st.session_state["akun_add_rev"] = rev + 1
            st.rerun()

with edit_tab:
    if not users:
        st.stop()
    names = [u.name for u in users]
    chosen = st.selectbox("Akun", names, key="akun_edit_name", placeholder="Pilih…")
    user = next(u for u in users if u.name == chosen)
    st.markdown(
        f"**{md(user.name)}** · {user.role_label} · {md(unit_text(user.unit_id))} · "
        + ("nonaktif" if user.disabled else "aktif")
    )
    c1, c2 = st.columns(2)
    with c1, st.form(f"akun_role_{user.id}"):
        st.markdown("**Peran dan unit**")
        new_role = st.selectbox(
            "Peran",
            accounts.ROLES,
            index=accounts.ROLES.index(user.role),
            format_func=accounts.ROLE_LABELS.__getitem__,
            placeholder="Pilih…",
        )
        new_unit = st.selectbox(
            "Unit",
            unit_options,
            index=unit_options.index(user.unit_id) if user.unit_id in unit_options else 0,
            format_func=unit_option,
            placeholder="Pilih…",
        )
        if st.form_submit_button("Simpan peran dan unit"):
            try:
                admin.set_role(store, session, user.name, new_role, new_unit or None)
            except SkmError as exc:
                st.error(md(exc))
            else:
                flash("akun", "success", md(f"Peran dan unit {user.name} diubah; sesinya diakhiri."))
                st.rerun()
    with c2, st.form(f"akun_pw_{user.id}"):
        st.markdown("**Atur ulang kata sandi**")
        new_pw = st.text_input("Kata sandi baru", type="password")
        if st.form_submit_button("Atur ulang kata sandi"):
            try:
                admin.reset_password(store, session, user.name, new_pw)
            except SkmError as exc:
                st.error(md(exc))
            else:
                flash("akun", "success", md(f"Kata sandi {user.name} diatur ulang; sesinya diakhiri."))
                st.rerun()
    failures = accounts.recent_failures(store, user.name)
    if failures:
        st.warning(
            f"{failures} percobaan masuk gagal untuk akun ini dalam "
            f"{int(accounts.WINDOW.total_seconds() // 60)} menit terakhir: percobaan berikutnya diperlambat.",
            icon=":material/lock_clock:",
        )
        if st.button("Buka blokir", key=f"akun_unlock_{user.id}", icon=":material/lock_open:"):
            try:
                count = admin.unlock(store, session, user.name)
            except SkmError as exc:
                st.error(md(exc))
            else:
                flash("akun", "success", md(f"Blokir {user.name} dibuka ({count} percobaan gagal dihapus)."))
                st.rerun()
    label = "Aktifkan kembali" if user.disabled else "Nonaktifkan akun"
    if st.button(label, key=f"akun_toggle_{user.id}", icon=":material/person_off:"):
        try:
            admin.set_disabled(store, session, user.name, not user.disabled)
        except SkmError as exc:
            st.error(md(exc))
        else:
            state = "diaktifkan kembali" if user.disabled else "dinonaktifkan; semua sesinya berakhir"
            flash("akun", "success", md(f"Akun {user.name} {state}."))
            st.rerun()
