"""Accounts (logic in skm.accounts): rows, creation, changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skm.errors import StoreError
from skm.names import account_key
from skm.storage.audit import audit
from skm.storage.core import StoreCore
from skm.storage.query import _one, _scalar


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: str
    unit_id: int | None
    password_hash: str | None
    disabled: bool
    email: str | None
    created_at: datetime
    password_changed_at: datetime


_USER_COLS = "id, name, role, unit_id, password_hash, disabled, email, created_at, password_changed_at"


class AccountsMixin(StoreCore):
    def user_count(self) -> int:
        return int(_scalar(self.cursor(), "SELECT count(*) FROM users"))

    def users(self) -> list[UserRow]:
        rows = self.cursor().execute(f"SELECT {_USER_COLS} FROM users ORDER BY lower(name)").fetchall()
        return [UserRow(*r) for r in rows]

    def user_row(self, *, name: str | None = None, user_id: int | None = None, email: str | None = None):
        """One account by name (case-insensitive), id or email; None if there is none."""
        value: object
        if name is not None:
            sql, value = "name_key = ?", account_key(name)
        elif user_id is not None:
            sql, value = "id = ?", user_id
        else:
            sql, value = "email IS NOT NULL AND lower(email) = lower(?)", email
        row = _one(self.cursor(), f"SELECT {_USER_COLS} FROM users WHERE {sql}", [value])
        return None if row is None else UserRow(*row)

    def insert_user(
        self,
        name: str,
        role: str,
        unit_id: int | None,
        password_hash: str | None,
        email: str | None,
        actor: str,
        *,
        only_if_first: bool = False,
    ) -> UserRow:
        from skm.errors import AccountError

        with self.transaction(bump=False) as cur:
            if only_if_first and _scalar(cur, "SELECT count(*) FROM users"):
                raise AccountError("Akun admin pertama sudah dibuat; silakan masuk.")
            if _one(cur, "SELECT id FROM users WHERE name_key = ?", [account_key(name)]) is not None:
                raise AccountError(f"Nama akun '{name}' sudah dipakai.")
            if email and _one(cur, "SELECT id FROM users WHERE lower(email) = lower(?)", [email]) is not None:
                raise AccountError(f"Email '{email}' sudah terhubung ke akun lain.")
            now = datetime.now()
            user_id = _scalar(
                cur,
                """INSERT INTO users (name, name_key, role, unit_id, password_hash, email, created_at,
                                      password_changed_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                [name, account_key(name), role, unit_id, password_hash, email, now, now],
            )
            audit(cur, actor, "user_create", unit_id, None, user=name, role=role, email=email)
        row = self.user_row(user_id=user_id)
        assert row is not None
        return row

    def update_user(self, user_id: int, actor: str, action: str, **fields: object) -> None:
        """Change columns of one account (role, unit_id, disabled, email, password_hash) with its audit
        row; a new password_hash also sets password_changed_at and revokes every session of the
        account except `keep_session` (a token hash) when given."""
        keep = fields.pop("keep_session", None)
        allowed = {"role", "unit_id", "disabled", "email", "password_hash"}
        if not fields or set(fields) - allowed:
            raise StoreError(f"Kolom akun tidak dikenal: {sorted(set(fields) - allowed)}")
        now = datetime.now()
        with self.transaction(bump=False) as cur:
            row = _one(cur, "SELECT name, unit_id FROM users WHERE id = ?", [user_id])
            if row is None:
                raise StoreError(f"Akun #{user_id} tidak ada.")
            sets = [f"{k} = ?" for k in fields]
            values = list(fields.values())
            if "password_hash" in fields:
                sets.append("password_changed_at = ?")
                values.append(now)
            cur.execute(f"UPDATE users SET {', '.join(sets)} WHERE id = ?", [*values, user_id])
            if "password_hash" in fields or fields.get("disabled") or "role" in fields or "unit_id" in fields:
                cur.execute(
                    """UPDATE sessions SET revoked_at = ?
                       WHERE user_id = ? AND revoked_at IS NULL AND token_hash IS DISTINCT FROM ?""",
                    [now, user_id, keep],
                )
            shown = {k: v for k, v in fields.items() if k != "password_hash"}
            if "password_hash" in fields:
                shown["password"] = "diubah"
            audit(cur, actor, action, fields.get("unit_id", row[1]), None, user=row[0], **shown)  # type: ignore[arg-type]
