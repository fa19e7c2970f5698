"""Local accounts: argon2 password hashes, logins with a rate limit, server-side sessions.

    user = create_user(store, "lurah.halim", "kata-sandi-panjang", "operator", unit.id, actor="cli:budi")
    token = login(store, "lurah.halim", "kata-sandi-panjang", client="10.0.0.7")
    session_user(store, token)   # the User, on every rerun; None once logged out or expired
    logout(store, token)

A session is a random token (`secrets.token_urlsafe`) that only the browser session holds; the
database keeps its sha256, so a copy of the database does not give anyone a live session. Every
check of a token re-reads the sessions and users tables: logging out, changing the password,
disabling the account or changing its role or unit ends the session on the next rerun.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from skm.errors import AccountError, LoginRefused
from skm.storage import Store, UserRow

ADMIN, PIMPINAN, OPERATOR = "admin", "pimpinan", "operator"
ROLES = (ADMIN, PIMPINAN, OPERATOR)
ROLE_LABELS = {ADMIN: "Admin", PIMPINAN: "Pimpinan", OPERATOR: "Operator"}
MIN_PASSWORD = 10
MAX_NAME = 60

# Rate limit: failures in the window, per account name (from anywhere) and per client (any name).
WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20
# Sessions end after this long without a rerun, and in any case after ABSOLUTE.
IDLE = timedelta(hours=2)
ABSOLUTE = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("bukan-kata-sandi-siapa-pun")
WRONG = "Nama akun atau kata sandi salah."


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    unit_id: int | None
    email: str | None = None
    disabled: bool = False

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


def _user(row: UserRow) -> User:
    return User(row.id, row.name, row.role, row.unit_id, row.email, row.disabled)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; an account without a password (SSO only) never matches."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password(password: str, again: str | None = None) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi minimal {MIN_PASSWORD} karakter.")
    if again is not None and again != password:
        raise AccountError("Kedua kata sandi tidak sama.")


def check_name(name: str) -> str:
    clean = name.strip()
    if not clean or len(clean) > MAX_NAME or any(c.isspace() for c in clean) or not clean.isprintable():
        raise AccountError(f"Nama akun 1–{MAX_NAME} karakter tanpa spasi, misalnya 'operator.halim'.")
    return clean


def check_role_unit(store: Store, role: str, unit_id: int | None) -> None:
    """A pimpinan and an operator need a unit; an operator's is a unit without units below it."""
    if role not in ROLES:
        raise AccountError(f"Peran '{role}' tidak dikenal; pilih admin, pimpinan atau operator.")
    if role == ADMIN:
        return
    if unit_id is None:
        raise AccountError(f"Akun {ROLE_LABELS[role].lower()} harus terikat pada satu unit.")
    units = {u.id: u for u in store.units()}
    if unit_id not in units:
        raise AccountError(f"Unit #{unit_id} tidak ada.")
    if role == OPERATOR and any(u.parent_id == unit_id for u in units.values()):
        raise AccountError("Operator terikat pada satu kelurahan (unit tanpa unit di bawahnya).")


# ---------------------------------------------------------------- accounts
def create_user(
    store: Store,
    name: str,
    password: str | None,
    role: str,
    unit_id: int | None,
    *,
    actor: str,
    email: str | None = None,
    first_admin: bool = False,
) -> User:
    """A new account. password None makes an SSO-only account (it needs an email)."""
    name = check_name(name)
    check_role_unit(store, role, unit_id)
    if first_admin and role != ADMIN:
        raise AccountError("Akun pertama harus admin.")
    email = (email or "").strip() or None
    if password is None:
        if email is None:
            raise AccountError("Akun tanpa kata sandi hanya untuk SSO dan memerlukan email.")
        password_hash = None
    else:
        check_password(password)
        password_hash = hash_password(password)
    row = store.insert_user(name, role, unit_id, password_hash, email, actor, only_if_first=first_admin)
    return _user(row)


def find_user(store: Store, name: str) -> User:
    row = store.user_row(name=name)
    if row is None:
        raise AccountError(f"Akun '{name}' tidak ada.")
    return _user(row)


def list_users(store: Store) -> list[User]:
    return [_user(r) for r in store.users()]


def set_disabled(store: Store, name: str, disabled: bool, *, actor: str) -> User:
    user = find_user(store, name)
    if disabled and user.role == ADMIN and _active_admins(store) <= 1 and not user.disabled:
        raise AccountError("Admin aktif terakhir tidak dapat dinonaktifkan.")
    store.update_user(user.id, actor, "user_disable" if disabled else "user_enable", disabled=disabled)
    return find_user(store, name)


def set_role(store: Store, name: str, role: str, unit_id: int | None, *, actor: str) -> User:
    user = find_user(store, name)
    check_role_unit(store, role, unit_id)
    if user.role == ADMIN and role != ADMIN and _active_admins(store) <= 1:
        raise AccountError("Admin aktif terakhir tidak dapat diubah perannya.")
    store.update_user(user.id, actor, "user_role", role=role, unit_id=unit_id)
    return find_user(store, name)


def reset_password(store: Store, name: str, password: str, *, actor: str) -> None:
    """An admin sets a new password: every session of the account ends."""
    check_password(password)
    user = find_user(store, name)
    store.update_user(user.id, actor, "user_password_reset", password_hash=hash_password(password))


def change_password(store: Store, token: str, old: str, new: str, again: str | None = None) -> None:
    """The logged-in user changes their own password: the other sessions of the account end, this one stays."""
    user = session_user(store, token)
    if user is None:
        raise LoginRefused("Sesi Anda sudah berakhir; silakan masuk lagi.")
    row = store.user_row(user_id=user.id)
    assert row is not None
    if not verify_password(row.password_hash, old):
        raise AccountError("Kata sandi lama salah.")
    check_password(new, again)
    if new == old:
        raise AccountError("Kata sandi baru harus berbeda dari yang lama.")
    store.update_user(
        user.id, user.name, "password_change", password_hash=hash_password(new), keep_session=token_hash(token)
    )


def _active_admins(store: Store) -> int:
    return sum(1 for u in store.users() if u.role == ADMIN and not u.disabled)


# ---------------------------------------------------------------- logins and sessions
def login(store: Store, name: str, password: str, client: str, now: datetime | None = None) -> str:
    """A new session token, or LoginRefused with an Indonesian reason. The same answer and about the
    same time whether or not the name exists, so names cannot be probed."""
    now = now or datetime.now()
    name = name.strip()[:MAX_NAME]
    client = (client or "tidak-diketahui")[:100]
    since = now - WINDOW
    if (
        store.failed_logins(since, name=name) >= MAX_FAILURES_PER_NAME
        or store.failed_logins(since, client=client) >= MAX_FAILURES_PER_CLIENT
    ):
        minutes = int(WINDOW.total_seconds() // 60)
        raise LoginRefused(f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.")
    row = store.user_row(name=name) if name else None
    ok = verify_password(row.password_hash if row else None, password)
    if row is None or not ok:
        store.record_login_attempt(name or "-", client, False, now, None)
        raise LoginRefused(WRONG)
    if row.disabled:
        store.record_login_attempt(row.name, client, False, now, row.id)
        raise LoginRefused("Akun ini dinonaktifkan. Hubungi admin.")
    store.record_login_attempt(row.name, client, True, now, row.id)
    return _new_session(store, row.id, now)


def login_sso(store: Store, email: str | None, client: str, now: datetime | None = None) -> str:
    """A session for an identity confirmed by the OIDC provider (st.login), mapped by email to an account."""
    now = now or datetime.now()
    row = store.user_row(email=email) if email else None
    if row is None or row.disabled:
        store.record_login_attempt(f"sso:{email or '-'}", client, False, now, None)
        raise LoginRefused("Identitas ini belum terhubung ke akun aktif. Minta admin menambahkan email Anda.")
    store.record_login_attempt(row.name, client, True, now, row.id)
    return _new_session(store, row.id, now)


def _new_session(store: Store, user_id: int, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    store.insert_session(token_hash(token), user_id, now, now + ABSOLUTE)
    return token


def session_user(store: Store, token: str | None, now: datetime | None = None) -> User | None:
    """The account behind a live session token, else None (unknown, revoked, idle, expired, disabled)."""
    if not token:
        return None
    now = now or datetime.now()
    digest = token_hash(token)
    sess = store.session_row(digest)
    if sess is None or sess.revoked_at is not None or now >= sess.expires_at or now - sess.last_seen >= IDLE:
        return None
    row = store.user_row(user_id=sess.user_id)
    if row is None or row.disabled:
        return None
    if now - sess.last_seen >= TOUCH_EVERY:
        store.touch_session(digest, now)
    return _user(row)


def logout(store: Store, token: str | None, now: datetime | None = None) -> None:
    """Revoke the session server-side: the token is worthless afterwards, wherever it was copied."""
    if not token:
        return
    now = now or datetime.now()
    user_id = store.revoke_session(token_hash(token), now)
    if user_id is not None:
        row = store.user_row(user_id=user_id)
        store.write_audit(row.name if row else f"#{user_id}", "logout")
