"""The check in front of every action: the session as it is in the database now."""

from __future__ import annotations

from dataclasses import dataclass

from skm import accounts
from skm.access import Access
from skm.accounts import User
from skm.errors import LoginRefused
from skm.storage import Store

SESSION_ENDED = "Sesi Anda sudah berakhir; silakan masuk lagi."


@dataclass(frozen=True)
class Session:
    """What a browser session holds: its token and the fingerprint of the client it runs in."""

    token: str | None
    fp: str | None = None


def live_user(store: Store, session: Session) -> User:
    """The account behind the session at this moment, or LoginRefused (ended, disabled, changed)."""
    user = accounts.session_user(store, session.token, fp=session.fp)
    if user is None:
        raise LoginRefused(SESSION_ENDED)
    return user


def authorise(store: Store, session: Session, permission: str, unit_id: int | None = None) -> Access:
    """The live account's Access, once it may do `permission` (a constant of skm.access) on the unit."""
    access = Access.for_user(live_user(store, session), store.units())
    access.require(permission, unit_id)
    return access
