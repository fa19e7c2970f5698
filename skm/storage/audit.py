"""The audit log: one row per change, written in the change's own transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from skm.storage.core import StoreCore
from skm.units import Period


def audit(
    cur: duckdb.DuckDBPyConnection,
    actor: str,
    action: str,
    unit_id: int | None = None,
    period: Period | None = None,
    /,
    **detail: object,
) -> None:
    """One audit_log row, written on the caller's cursor: inside the transaction of the change it
    records, so the change and its record are committed (or rolled back) together. The row's own
    fields are positional, so a detail may be called `unit_id` too (an account moved to a unit)."""
    cur.execute(
        """INSERT INTO audit_log ("at", actor, action, unit_id, tahun, semester, detail)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [
            datetime.now(),
            actor,
            action,
            unit_id,
            None if period is None else period.tahun,
            None if period is None else period.semester,
            json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
        ],
    )


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    unit_id: int | None
    period: Period | None
    detail: dict


class AuditMixin(StoreCore):
    def write_audit(
        self, actor: str, action: str, unit_id: int | None = None, period: Period | None = None, **detail: object
    ) -> None:
        """An audit row on its own (logins, logouts): no cached page result depends on it."""
        with self.transaction(bump=False) as cur:
            audit(cur, actor, action, unit_id, period, **detail)

    def audit_entries(
        self,
        *,
        actor: str | None = None,
        actions: Sequence[str] | None = None,
        unit_ids: Sequence[int] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]:
        """Newest first. unit_ids keeps only rows about those units (rows without a unit are dropped)."""
        where: list[str] = ["true"]
        params: list[object] = []
        if actor:
            where.append("actor = ?")
            params.append(actor)
        if actions:
            where.append("action IN (SELECT unnest(?))")
            params.append(list(actions))
        if unit_ids is not None:
            where.append("unit_id IN (SELECT unnest(?))")
            params.append(list(unit_ids))
        if since is not None:
            where.append('"at" >= ?')
            params.append(since)
        if until is not None:
            where.append('"at" < ?')
            params.append(until)
        rows = (
            self.cursor()
            .execute(
                f"""SELECT id, "at", actor, action, unit_id, tahun, semester, detail FROM audit_log
                    WHERE {" AND ".join(where)} ORDER BY id DESC LIMIT ?""",
                [*params, limit],
            )
            .fetchall()
        )
        return [
            AuditEntry(
                r[0], r[1], r[2], r[3], r[4], Period(r[5], r[6]) if r[5] else None, json.loads(r[7]) if r[7] else {}
            )
            for r in rows
        ]

    def audit_actors(self) -> list[str]:
        return [r[0] for r in self.cursor().execute("SELECT DISTINCT actor FROM audit_log ORDER BY 1").fetchall()]
