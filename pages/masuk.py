"""Masuk: the only page before logging in. Name and password (or SSO when it is configured)."""

from __future__ import annotations

import streamlit as st

from skm import accounts
from skm.errors import SkmError
from ui import auth, data
from ui.components import md
from ui.flash import show

auth.purge_media_after_logout()
auth.remember_request()
_, middle, _ = st.columns([1, 1.4, 1])
with middle:
    st.title("SKM Dashboard")
    st.caption("Survei Kepuasan Masyarakat · PermenPANRB 14/2017")
    show("masuk")
    with st.form("masuk_form"):
        st.subheader("Masuk")
        name = st.text_input("Nama akun", key="masuk_name", autocomplete="username")
        password = st.text_input("Kata sandi", type="password", key="masuk_password", autocomplete="current-password")
        submitted = st.form_submit_button("Masuk", type="primary", icon=":material/login:", width="stretch")
    if submitted:
        try:
            token = accounts.login(data.get_store(), name, password, auth.client_id(), fp=auth.client_fingerprint())
        except SkmError as exc:
            st.error(md(exc), icon=":material/error:")
        else:
            auth.sign_in(token)
            st.rerun()

    if auth.sso_configured():
        st.divider()
        if getattr(st.user, "is_logged_in", False):
            try:
                email = st.user.get("email")
                token = accounts.login_sso(
                    data.get_store(),
                    email if isinstance(email, str) else None,
                    auth.client_id(),
                    fp=auth.client_fingerprint(),
                )
            except SkmError as exc:
                st.error(md(exc), icon=":material/error:")
                st.button("Keluar dari SSO", on_click=st.logout)
            else:
                auth.sign_in(token)
                st.session_state["auth_sso"] = True
                st.rerun()
        else:
            st.button("Masuk dengan SSO", on_click=st.login, icon=":material/badge:", width="stretch")
    st.caption(
        "Memuat ulang halaman atau membuka tab baru meminta Anda masuk lagi: sesi tidak disimpan di peramban, "
        "supaya komputer kantor yang dipakai bersama tidak meninggalkan sesi terbuka."
    )
