"""Who is using this browser session: the session token in st.session_state, checked against the
database on every rerun (skm.accounts.session_user), and the sidebar block to log out.

The token lives only in this Streamlit session's state: nothing is put in a cookie, the URL or the
browser's storage. A reload, a new tab, the back button after logging out or a copied cookie all
start a new Streamlit session without a token, so they show the login page. That is deliberate:
on a shared office PC nobody finds someone else's session still open.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from skm import accounts
from skm.access import ADMIN_ACTION, Access
from skm.actions import Session
from skm.actions import admin as admin_actions
from skm.errors import SkmError
from skm.proxies import client_address, trusted_proxies
from ui import data
from ui.flash import flash, show, take
from ui.markdown import md

log = logging.getLogger(__name__)

TOKEN = "auth_token"
AFTER_LOGIN = "auth_after_login"
PURGE_MEDIA = "auth_purge_media"
PASSWORD_FORM_KEY = "auth_pw_open"  # the sidebar's "Ganti kata sandi" popover, open or not


def client_id() -> str:
    """The client an attempt is counted against for the rate limit: the connection's address, and
    X-Forwarded-For only through a trusted proxy (skm.proxies). Without a browser connection (AppTest
    gives a stand-in object) it is one 'unknown' client, never an error."""
    try:
        forwarded = st.context.headers.get("X-Forwarded-For")
        ip = st.context.ip_address
        address = client_address(forwarded if isinstance(forwarded, str) else None, ip, trusted_proxies())
    except Exception:
        address = None
    return accounts.client_text(address)


def client_fingerprint() -> str:
    """What this browser's login is bound to: its address and user agent (skm.accounts.fingerprint)."""
    try:
        agent = st.context.headers.get("User-Agent")
    except Exception:
        agent = None
    return accounts.fingerprint(client_id(), agent)


def session() -> Session:
    """This browser session's token and client, for the actions (skm.actions): they check it again
    against the database when they run, so a callback or a download never acts on a session that
    ended after the page was drawn."""
    return Session(st.session_state.get(TOKEN), client_fingerprint())


def current_access() -> Access | None:
    """The logged-in account's Access, re-checked against the sessions table now; None if there is none."""
    token = st.session_state.get(TOKEN)
    if not token:
        return None
    store = data.get_store()
    user = accounts.session_user(store, token, fp=client_fingerprint())
    if user is None:  # revoked elsewhere, expired, account disabled: this session is over
        st.session_state.clear()
        flash("masuk", "warning", "Sesi Anda sudah berakhir. Silakan masuk lagi.", icon=":material/timer_off:")
        return None
    return Access.for_user(user, data.units(data.data_version()))


def remember_request() -> None:
    """Before logging in: the page and unit/period the link asked for, to open them afterwards."""
    if AFTER_LOGIN in st.session_state:
        return
    try:
        path = urlparse(st.context.url or "").path
    except Exception:
        path = ""
    st.session_state[AFTER_LOGIN] = {
        "page": path.rstrip("/").rsplit("/", 1)[-1],
        "params": {k: v for k, v in st.query_params.to_dict().items() if k in ("unit", "periode")},
    }


def sign_in(token: str) -> None:
    """Start the logged-in state of this session with nothing left from before but the link asked for."""
    keep = {k: st.session_state[k] for k in (AFTER_LOGIN, "route_to", "route_params") if k in st.session_state}
    st.session_state.clear()
    st.session_state.update(keep)
    st.session_state[TOKEN] = token


def sign_out() -> None:
    """Revoke the session in the database and forget everything this browser session held."""
    token = st.session_state.get(TOKEN)
    try:
        accounts.logout(data.get_store(), token)
    finally:
        st.session_state.clear()
        st.query_params.clear()
        flash("masuk", "success", "Anda sudah keluar. Sesi ini sudah diakhiri di server.", icon=":material/logout:")
        st.session_state[PURGE_MEDIA] = True


def purge_media_after_logout() -> None:
    """Run the page once more right after a logout. Streamlit serves every generated download
    at /media/<hash> to anyone with the link until two of its clean-ups (one after each script
    run) have passed with no session using it; the run after the logout is the first, this
    rerun the second, so the reports of the session just ended are gone at once."""
    if st.session_state.pop(PURGE_MEDIA, None):
        st.rerun()


def take_after_login(allowed: dict[str, str]) -> None:
    """After logging in: send the router to the page the link named (if this account has it)."""
    after = st.session_state.pop(AFTER_LOGIN, None)
    if not after:
        return
    if after.get("params") and not st.session_state.get("route_params"):
        st.session_state["route_params"] = after["params"]
    target = allowed.get(after.get("page") or "")
    if target:
        st.session_state["route_to"] = target


def _change_password() -> None:
    old = st.session_state.get("auth_pw_old", "")
    new = st.session_state.get("auth_pw_new", "")
    again = st.session_state.get("auth_pw_again", "")
    try:
        admin_actions.change_password(data.get_store(), session(), old, new, again)
    except SkmError as exc:
        flash("auth_pw", "error", str(exc))  # our own fixed texts (skm.accounts), no user input
        return
    for key in ("auth_pw_old", "auth_pw_new", "auth_pw_again"):
        st.session_state[key] = ""
    # Done: the popover closes and a toast says so (inside it, at 1366×768, the popover scrolls).
    st.session_state[PASSWORD_FORM_KEY] = False
    flash("auth_pw", "success", "Kata sandi diubah. Sesi lain akun ini sudah diakhiri.")


def sidebar_account(access: Access) -> None:
    """'Masuk sebagai …' with the password change and the logout button."""
    user = access.user
    units = {u.id: u for u in data.units(data.data_version())}
    unit = units.get(user.unit_id) if user.unit_id is not None else None
    where = md(" › ".join(access.display_path(unit))) if unit is not None and access.sees(unit.id) else "semua unit"
    box = st.sidebar.container(border=True)
    box.markdown(f"Masuk sebagai **{md(user.name)}**  \n{user.role_label}, {where}")
    # The form is built only while the popover is open (opening or closing it reruns the page): every
    # page and every unit picked in the sidebar would otherwise send it again; closing it also drops
    # whatever was typed.
    with box.popover(
        "Ganti kata sandi", icon=":material/key:", width="stretch", key=PASSWORD_FORM_KEY, on_change="rerun"
    ) as form:
        if form.open:
            st.markdown("**Ganti kata sandi**")
            st.text_input("Kata sandi lama", type="password", key="auth_pw_old")
            st.text_input(
                f"Kata sandi baru (minimal {accounts.MIN_PASSWORD} karakter)", type="password", key="auth_pw_new"
            )
            st.text_input("Ulangi kata sandi baru", type="password", key="auth_pw_again")
            st.button("Simpan kata sandi", key="auth_pw_save", on_click=_change_password, type="primary")
            show("auth_pw")  # a refusal, under the button that was clicked
    if (done := take("auth_pw")) is not None:
        st.toast(done["text"], icon=":material/check_circle:")
    box.button("Keluar", key="auth_logout", on_click=sign_out, icon=":material/logout:", width="stretch")


def sso_configured() -> bool:
    """True only when secrets.toml has an [auth] section, so st.login is never called otherwise."""
    try:
        return bool(st.secrets.load_if_toml_exists()) and "auth" in st.secrets
    except Exception:
        return False


def ensure_router() -> None:
    """Send a page that was opened without app.py's router back through it.

    Streamlit also knows the legacy `pages/` folder: the very first request after a server start
    that asks for /perbandingan (or /akun) directly would run that file alone, without our
    navigation and its login page. Called by every page's first step (ui.context.sidebar,
    require_admin): the page is the first caller outside this package."""
    if st.session_state.get("router_ran"):
        return
    frame = sys._getframe(1)
    here = Path(__file__).parent
    while frame.f_back is not None and Path(frame.f_code.co_filename).parent == here:
        frame = frame.f_back
    caller = Path(frame.f_code.co_filename)
    st.session_state["route_to"] = f"pages/{caller.name}"
    st.session_state["route_params"] = st.query_params.to_dict()
    st.switch_page("app.py")


def require_admin() -> Access:
    """The admin's access, with their sidebar block; anyone else gets a refusal and the page stops."""
    ensure_router()
    access = current_access()
    if access is None or not access.can(ADMIN_ACTION):
        st.error("Halaman ini hanya untuk admin.", icon=":material/block:")
        st.stop()
    sidebar_account(access)
    return access
