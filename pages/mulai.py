"""Buat akun admin: the first start. There is no default password; whoever starts the app first
creates the admin account (or it is made beforehand with `python -m skm users add NAME --role admin`)."""

from __future__ import annotations

import streamlit as st

from skm import accounts
from skm.actions import admin
from skm.errors import SkmError
from ui import auth, data
from ui.components import md

NEW = -1
store = data.get_store()
roots = sorted((u for u in data.units(data.data_version()) if u.parent_id is None), key=lambda u: u.name.casefold())

_, middle, _ = st.columns([1, 1.6, 1])
with middle:
    st.title("Selamat datang")
    st.markdown(
        "Belum ada akun. Buat **akun admin** pertama: admin mengelola akun, unit, dan dapat melakukan semua hal. "
        "Tidak ada kata sandi bawaan."
    )
    with st.form("mulai_form"):
        name = st.text_input("Nama akun admin", key="mulai_name", placeholder="admin.kota", autocomplete="username")
        pw = st.text_input(
            f"Kata sandi (minimal {accounts.MIN_PASSWORD} karakter)",
            type="password",
            key="mulai_pw",
            autocomplete="new-password",
        )
        pw2 = st.text_input("Ulangi kata sandi", type="password", key="mulai_pw2", autocomplete="new-password")
        options = [u.id for u in roots] + [NEW]
        by_id = {u.id: u for u in roots}
        root = st.selectbox(
            "Unit teratas (kota)",
            options,
            format_func=lambda i: "+ Buat unit baru…" if i == NEW else by_id[i].name,
            key="mulai_unit",
            placeholder="Pilih…",
        )
        new_root = st.text_input("Nama unit baru (bila membuat unit baru)", key="mulai_new_unit", max_chars=80)
        submitted = st.form_submit_button("Buat akun admin dan masuk", type="primary", icon=":material/person_add:")
    if submitted:
        try:
            accounts.check_password(pw, pw2)
            unit: int | str = root
            if root == NEW:
                if not new_root.strip() or "/" in new_root:
                    raise SkmError("Tulis nama unit teratas (tanpa garis miring), misalnya 'Jakarta Timur'.")
                unit = new_root.strip()
            admin.create_first_admin(store, name, pw, unit)
            token = accounts.login(store, name, pw, auth.client_id(), fp=auth.client_fingerprint())
        except SkmError as exc:
            st.error(md(exc), icon=":material/error:")
        else:
            auth.sign_in(token)
            st.rerun()
    st.caption("Akun lain (pimpinan, operator) dibuat admin pada halaman **Akun** setelah masuk.")
