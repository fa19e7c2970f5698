"""Local accounts: argon2 password hashes, logins with a rate limit, server-side sessions.

    user = create_user(store, "lurah.halim", "kata-sandi-panjang", "operator", unit.id, actor="cli:budi")
    token = login(store, "lurah.halim", "kata-sandi-panjang", client="10.0.0.7")
    session_user(store, token)   # the User, on every rerun; None once logged out or expired
    logout(store, token)

A session is a random token (`secrets.token_urlsafe`) that only the browser session holds; the
database keeps its sha256, so a copy of the database does not give anyone a live session. Every
check of a token re-reads the sessions and users tables: logging out, changing the password,
disabling the account or changing its role or unit ends the session on the next rerun.

Logins made in a browser are bound to that client (`fingerprint` of its address and user agent,
kept with the session): a Streamlit session id presented from another client (it appears in upload
URLs, hence in proxy logs) finds the session revoked instead of logged in. Residual risk: a thief on
the same address (one office NAT) with the same browser build passes this check; the idle and
absolute limits and logging out still end such a session.

Wrong passwords slow the next try down instead of locking the account: after FREE_TRIES failures
for one name from one client, each further try waits twice as long as the last (30 s, 1, 2, 4 …
up to 15 minutes); one name from every client together, and one client over every name, get the
same delay past larger counts. So nobody can lock the admin out from their own computer, and
guessing stays slow. Attempts on one name run one after another, each recorded as failed before
its password is checked (so parallel tries on other names from one client count at once too), and
at most HASH_SLOTS argon2 checks (about 64 MiB each) run at once: a burst of parallel tries neither
passes the limit nor exhausts memory, while people logging in to one account together all get in.
An admin can lift a delay (`unlock`).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from skm.errors import AccountError, LoginRefused
from skm.names import account_key
from skm.storage import Store, UserRow

ADMIN, PIMPINAN, OPERATOR = "admin", "pimpinan", "operator"
ROLES = (ADMIN, PIMPINAN, OPERATOR)
ROLE_LABELS = {ADMIN: "Admin", PIMPINAN: "Pimpinan", OPERATOR: "Operator"}
MIN_PASSWORD = 10
MAX_NAME = 60

# Failures counted over WINDOW; past the free tries each further try waits FIRST_DELAY, doubling.
WINDOW = timedelta(minutes=15)
FREE_TRIES = 5  # one name from one client
FREE_TRIES_PER_NAME = 30  # one name from every client together (distributed guessing)
FREE_TRIES_PER_CLIENT = 20  # one client over every name (trying many accounts)
FIRST_DELAY = timedelta(seconds=30)
HASH_SLOTS = 2  # argon2 checks running at once
# Sessions end after this long without a rerun, and in any case after ABSOLUTE.
IDLE = timedelta(hours=2)
ABSOLUTE = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("bukan-kata-sandi-siapa-pun")
WRONG = "Nama akun atau kata sandi salah."
# Counting and recording an attempt is one step for the whole process (the app is one process:
# DuckDB lets one process write the file). Attempts on one name run one after the other (a lock
# per stripe of names), so an attempt in flight never counts against a right password typed at
# the same moment for the same account; the password check itself runs outside the gate.
_ATTEMPT_GATE = threading.Lock()
_NAME_LOCKS = tuple(threading.Lock() for _ in range(64))
_HASH_SEMAPHORE = threading.BoundedSemaphore(HASH_SLOTS)


def _name_lock(name: str) -> threading.Lock:
    return _NAME_LOCKS[int(hashlib.sha256(account_key(name).encode()).hexdigest()[:8], 16) % len(_NAME_LOCKS)]


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
    clean = unicodedata.normalize("NFKC", name.strip())
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


def change_password(
    store: Store, token: str, old: str, new: str, again: str | None = None, *, fp: str | None = None
) -> None:
    """The logged-in user changes their own password: the other sessions of the account end, this one stays."""
    user = session_user(store, token, fp=fp)
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
UNKNOWN_CLIENT = "tidak-diketahui"


def client_text(client: object) -> str:
    """The client an attempt is counted against; anything that is not a non-empty string (no
    browser connection, a test harness's stand-in object) is one 'unknown' client."""
    return client.strip()[:100] if isinstance(client, str) and client.strip() else UNKNOWN_CLIENT


def fingerprint(client: object, user_agent: object) -> str:
    """What a browser login is bound to: its address and user agent, hashed."""
    agent = user_agent if isinstance(user_agent, str) else ""
    return hashlib.sha256(f"{client_text(client)}\n{agent}".encode()).hexdigest()[:32]


def _delay(failures: int, last: datetime | None, free: int, now: datetime) -> timedelta:
    """How much longer to wait after `failures` failed tries, the last at `last`."""
    if failures < free or last is None:
        return timedelta(0)
    wait = min(FIRST_DELAY * 2 ** (failures - free), WINDOW)
    return max(timedelta(0), last + wait - now)


def login_delay(store: Store, name: str, client: str, now: datetime | None = None) -> timedelta:
    """How long this name from this client must still wait before its next try (0 when it may try)."""
    now = now or datetime.now()
    since = now - WINDOW
    return max(
        _delay(*store.failed_logins(since, name=name, client=client), FREE_TRIES, now),
        _delay(*store.failed_logins(since, name=name), FREE_TRIES_PER_NAME, now),
        _delay(*store.failed_logins(since, client=client), FREE_TRIES_PER_CLIENT, now),
    )


def _wait_text(wait: timedelta) -> str:
    seconds = int(wait.total_seconds() + 0.999)
    return f"{seconds} detik" if seconds < 90 else f"{(seconds + 59) // 60} menit"


def login(
    store: Store, name: str, password: str, client: object, now: datetime | None = None, *, fp: str | None = None
) -> str:
    """A new session token, or LoginRefused with an Indonesian reason. The same answer and about the
    same time whether or not the name exists, so names cannot be probed. `fp` binds the session to
    the browser it was made from (see `fingerprint`)."""
    name = name.strip()[:MAX_NAME]
    client = client_text(client)
    with _name_lock(name):
        return _login(store, name, password, client, now or datetime.now(), fp)


def _login(store: Store, name: str, password: str, client: str, now: datetime, fp: str | None) -> str:
    with _ATTEMPT_GATE:
        wait = login_delay(store, name, client, now)
        if wait:
            raise LoginRefused(
                f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {_wait_text(wait)}, "
                "atau minta admin membuka blokir akun."
            )
        attempt = store.begin_login_attempt(name or "-", client, now)
    try:
        row = store.user_row(name=name) if name else None
        with _HASH_SEMAPHORE:
            ok = verify_password(row.password_hash if row else None, password)
    except BaseException:
        store.settle_login_attempt(attempt, False, name or "-", client, "galat")
        raise
    if row is None or not ok:
        store.settle_login_attempt(attempt, False, name or "-", client)
        raise LoginRefused(WRONG)
    if row.disabled:
        store.settle_login_attempt(attempt, False, row.name, client, "nonaktif")
        raise LoginRefused("Akun ini dinonaktifkan. Hubungi admin.")
    store.settle_login_attempt(attempt, True, row.name, client)
    return _new_session(store, row.id, now, fp)


def recent_failures(store: Store, name: str, now: datetime | None = None) -> int:
    """Failed tries for an account name within WINDOW, from every client."""
    now = now or datetime.now()
    return store.failed_logins(now - WINDOW, name=name)[0]


def unlock(store: Store, name: str, *, actor: str) -> int:
    """An admin lifts the delay on an account (audited); returns how many failed tries it forgot."""
    user = find_user(store, name)
    return store.clear_failed_logins(user.name, actor)


def login_sso(
    store: Store, email: str | None, client: object, now: datetime | None = None, *, fp: str | None = None
) -> str:
    """A session for an identity confirmed by the OIDC provider (st.login), mapped by email to an account."""
    now = now or datetime.now()
    client = client_text(client)
    attempt = store.begin_login_attempt(f"sso:{email or '-'}", client, now)
    row = store.user_row(email=email) if email else None
    if row is None or row.disabled:
        store.settle_login_attempt(attempt, False, f"sso:{email or '-'}", client)
        raise LoginRefused("Identitas ini belum terhubung ke akun aktif. Minta admin menambahkan email Anda.")
    store.settle_login_attempt(attempt, True, row.name, client)
    return _new_session(store, row.id, now, fp)


def _new_session(store: Store, user_id: int, now: datetime, fp: str | None) -> str:
    token = secrets.token_urlsafe(32)
    store.insert_session(token_hash(token), user_id, now, now + ABSOLUTE, fp)
    return token


def session_user(store: Store, token: str | None, now: datetime | None = None, *, fp: str | None = None) -> User | None:
    """The account behind a live session token, else None (unknown, revoked, idle, expired,
    disabled). A session bound to a browser (made with `fp`) presented by another client is revoked."""
    if not token:
        return None
    now = now or datetime.now()
    digest = token_hash(token)
    sess = store.session_row(digest)
    if sess is None or sess.revoked_at is not None or now >= sess.expires_at or now - sess.last_seen >= IDLE:
        return None
    if sess.client_fp is not None and fp != sess.client_fp:
        store.revoke_session(digest, now, reason="dipakai dari perangkat lain")
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
