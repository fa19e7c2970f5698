"""Approval status per unit and period; an approved (disetujui) period is locked here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from skm.errors import PeriodLocked, StoreError
from skm.storage.audit import audit
from skm.storage.core import StoreCore
from skm.storage.query import _one
from skm.units import Period

STATUS_DRAFT, STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DIKEMBALIKAN = "draft", "diajukan", "disetujui", "dikembalikan"


@dataclass(frozen=True)
class PeriodStatus:
    status: str = STATUS_DRAFT
    note: str | None = None
    updated_by: str | None = None
    updated_at: datetime | None = None

    @property
    def locked(self) -> bool:
        return self.status == STATUS_DISETUJUI


class ApprovalMixin(StoreCore):
    def _check_unlocked(self, cur: duckdb.DuckDBPyConnection, unit_id: int, period: Period) -> None:
        row = _one(
            cur,
            "SELECT status FROM period_status WHERE unit_id = ? AND tahun = ? AND semester = ?",
            [unit_id, period.tahun, period.semester],
        )
        if row is not None and row[0] == STATUS_DISETUJUI:
            raise PeriodLocked(
                f"Data {period.label} unit ini sudah disetujui pimpinan dan dikunci: impor, penggantian, "
                "pembatalan impor dan perubahan rencana tindak lanjut tidak dapat dilakukan sampai dibuka kembali."
            )

    def period_status(self, unit_id: int, period: Period) -> PeriodStatus:
        return self.period_statuses([unit_id], period).get(unit_id, PeriodStatus())

    def period_statuses(self, unit_ids: Sequence[int], period: Period) -> dict[int, PeriodStatus]:
        """The approval status of each unit that has one recorded (the others are draft)."""
        rows = (
            self.cursor()
            .execute(
                """SELECT unit_id, status, note, updated_by, updated_at FROM period_status
                   WHERE tahun = ? AND semester = ? AND unit_id IN (SELECT unnest(?))""",
                [period.tahun, period.semester, list(unit_ids)],
            )
            .fetchall()
        )
        return {r[0]: PeriodStatus(*r[1:]) for r in rows}

    def periods_with_status(self, unit_id: int, status: str) -> list[Period]:
        """The unit's periods now in `status`, newest first."""
        rows = (
            self.cursor()
            .execute(
                """SELECT tahun, semester FROM period_status WHERE unit_id = ? AND status = ?
                   ORDER BY 1 DESC, 2 DESC""",
                [unit_id, status],
            )
            .fetchall()
        )
        return [Period(t, s) for t, s in rows]

    def set_period_status(
        self,
        unit_id: int,
        period: Period,
        status: str,
        *,
        allowed_from: Sequence[str],
        actor: str,
        note: str | None = None,
    ) -> PeriodStatus:
        """Move the unit's period to `status` if it is now in one of `allowed_from`, atomically,
        with its audit row; a StoreError otherwise (someone else acted first)."""
        with self.transaction() as cur:
            row = _one(
                cur,
                "SELECT status FROM period_status WHERE unit_id = ? AND tahun = ? AND semester = ?",
                [unit_id, period.tahun, period.semester],
            )
            current = row[0] if row else STATUS_DRAFT
            if current not in allowed_from:
                raise StoreError(
                    f"Status {period.label} sudah berubah menjadi '{current}'; muat ulang halaman lalu coba lagi."
                )
            now = datetime.now()
            cur.execute(
                "INSERT OR REPLACE INTO period_status VALUES (?, ?, ?, ?, ?, ?, ?)",
                [unit_id, period.tahun, period.semester, status, note, actor, now],
            )
            audit(cur, actor, f"status_{status}", unit_id, period, dari=current, catatan=note)
        return PeriodStatus(status, note, actor, now)
