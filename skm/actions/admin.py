"""Actions of the admin (accounts, the unit tree) and of every account on itself (its password);
and the first admin, made before anyone can log in."""

from __future__ import annotations

from skm import accounts
from skm.access import ADMIN_ACTION
from skm.accounts import User
from skm.actions.door import Session, authorise, live_user
from skm.errors import AccountError
from skm.storage import Store
from skm.units import Unit


def create_user(
    store: Store,
    session: Session,
    name: str,
    password: str | None,
    role: str,
    unit_id: int | None,
    email: str | None = None,
) -> User:
    actor = authorise(store, session, ADMIN_ACTION).user.name
    return accounts.create_user(store, name, password, role, unit_id, actor=actor, email=email)


def set_role(store: Store, session: Session, name: str, role: str, unit_id: int | None) -> User:
    actor = authorise(store, session, ADMIN_ACTION).user.name
    return accounts.set_role(store, name, role, unit_id, actor=actor)


def reset_password(store: Store, session: Session, name: str, password: str) -> None:
    accounts.reset_password(store, name, password, actor=authorise(store, session, ADMIN_ACTION).user.name)


def set_disabled(store: Store, session: Session, name: str, disabled: bool) -> User:
    return accounts.set_disabled(store, name, disabled, actor=authorise(store, session, ADMIN_ACTION).user.name)


def unlock(store: Store, session: Session, name: str) -> int:
    return accounts.unlock(store, name, actor=authorise(store, session, ADMIN_ACTION).user.name)


def add_unit(store: Store, session: Session, path: str) -> tuple[Unit, list[str]]:
    """The unit at a slash path, made with every missing unit above it; returns what was made."""
    return store.ensure_unit_path(path, actor=authorise(store, session, ADMIN_ACTION).user.name)


def rename_unit(store: Store, session: Session, unit_id: int, name: str) -> Unit:
    return store.rename_unit(unit_id, name, authorise(store, session, ADMIN_ACTION).user.name)


def change_password(store: Store, session: Session, old: str, new: str, again: str | None = None) -> None:
    """The logged-in account's own password; its other sessions end, this one stays."""
    live_user(store, session)
    accounts.change_password(store, session.token or "", old, new, again, fp=session.fp)


def create_first_admin(store: Store, name: str, password: str, unit: int | str | None = None) -> User:
    """The very first account (an admin) with its unit: an existing one (id) or a new top unit (a
    name). Only while there is no account at all, so this door needs no session."""
    if store.user_count():
        raise AccountError("Akun admin pertama sudah dibuat; silakan masuk.")
    accounts.check_password(password)
    unit_id = store.ensure_unit_path(unit, actor="mulai")[0].id if isinstance(unit, str) else unit
    return accounts.create_user(store, name, password, accounts.ADMIN, unit_id, actor="mulai", first_admin=True)
