"""Login sessions and the login attempt limit (logic in skm.accounts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skm.errors import StoreError
from skm.names import account_key
from skm.storage.audit import audit
from skm.storage.core import StoreCore
from skm.storage.query import _one, _scalar


@dataclass(frozen=True)
class SessionRow:
    user_id: int
    created_at: datetime
    last_seen: datetime
    expires_at: datetime
    revoked_at: datetime | None
    client_fp: str | None = None  # the client the session was made from (None: made outside a browser)


class SessionsMixin(StoreCore):
    def insert_session(
        self, token_hash: str, user_id: int, now: datetime, expires_at: datetime, client_fp: str | None = None
    ) -> None:
        with self.transaction(bump=False) as cur:
            cur.execute(
                """INSERT INTO sessions (token_hash, user_id, created_at, last_seen, expires_at, client_fp)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [token_hash, user_id, now, now, expires_at, client_fp],
            )

    def session_row(self, token_hash: str) -> SessionRow | None:
        row = _one(
            self.cursor(),
            """SELECT user_id, created_at, last_seen, expires_at, revoked_at, client_fp
               FROM sessions WHERE token_hash = ?""",
            [token_hash],
        )
        return None if row is None else SessionRow(*row)

    def touch_session(self, token_hash: str, now: datetime) -> None:
        with self.transaction(bump=False) as cur:
            cur.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", [now, token_hash])

    def revoke_session(self, token_hash: str, now: datetime, *, reason: str | None = None) -> int | None:
        """Ends one session; returns its user id (None when there was no such live session). With a
        reason (a session presented by another client) the audit row is written in the same transaction."""
        with self.transaction(bump=False) as cur:
            row = _one(
                cur,
                """SELECT s.user_id, u.name FROM sessions s LEFT JOIN users u ON u.id = s.user_id
                   WHERE s.token_hash = ? AND s.revoked_at IS NULL""",
                [token_hash],
            )
            cur.execute(
                "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", [now, token_hash]
            )
            if row is not None and reason:
                audit(cur, row[1] or f"#{row[0]}", "session_revoked", None, None, reason=reason)
        return None if row is None else row[0]

    def begin_login_attempt(self, name: str, client: str, now: datetime) -> int:
        """An attempt counted as failed from this moment on, before its password is checked (so a
        burst of parallel attempts cannot all pass the limit); `settle_login_attempt` finishes it."""
        with self.transaction(bump=False) as cur:
            return int(
                _scalar(
                    cur,
                    """INSERT INTO login_attempts (name, client, "at", ok) VALUES (?, ?, ?, false) RETURNING id""",
                    [account_key(name), client, now],
                )
            )

    def settle_login_attempt(self, attempt_id: int, ok: bool, actor: str, client: str, reason: str = "") -> None:
        """The attempt's outcome and its audit row, together."""
        with self.transaction(bump=False) as cur:
            cur.execute("UPDATE login_attempts SET ok = ? WHERE id = ?", [ok, attempt_id])
            details = {"client": client, **({"reason": reason} if reason else {})}
            audit(cur, actor, "login" if ok else "login_failed", None, None, **details)

    def failed_logins(
        self, since: datetime, *, name: str | None = None, client: str | None = None
    ) -> tuple[int, datetime | None]:
        """Failed attempts since a moment and the latest of them: for one name from any client, one
        client for any name, or one name from one client (both given)."""
        where, values = [], []
        if name is not None:
            where.append("name = ?")
            values.append(account_key(name))
        if client is not None:
            where.append("client = ?")
            values.append(client)
        if not where:
            raise StoreError("failed_logins needs a name or a client")
        row = _one(
            self.cursor(),
            f"""SELECT count(*), max("at") FROM login_attempts WHERE NOT ok AND "at" >= ? AND {" AND ".join(where)}""",
            [since, *values],
        )
        return (int(row[0]), row[1]) if row else (0, None)

    def clear_failed_logins(self, name: str, actor: str) -> int:
        """An admin lifts the delay on an account name: its failed attempts are forgotten (the audit
        log keeps them); returns how many there were."""
        with self.transaction(bump=False) as cur:
            count = int(
                _scalar(cur, "SELECT count(*) FROM login_attempts WHERE NOT ok AND name = ?", [account_key(name)])
            )
            cur.execute("DELETE FROM login_attempts WHERE NOT ok AND name = ?", [account_key(name)])
            audit(cur, actor, "login_unlock", None, None, user=name, failures=count)
        return count
