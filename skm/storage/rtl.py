"""The RTL plan per unit and period, its realisation and documentation photos."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb

from skm.errors import StoreError
from skm.rtl import Photo, RtlItem
from skm.settings import ReportSettings
from skm.storage.approval import ApprovalMixin
from skm.storage.audit import audit
from skm.storage.query import _one, _scalar
from skm.units import Period


def _row_values(item: RtlItem) -> list:
    """The item's columns in the order of _insert_item and save_rtl's UPDATE."""
    return [
        item.nomor,
        item.unsur,
        item.program,
        ",".join(item.triwulan),
        item.penanggung_jawab,
        item.status,
        item.tanggal,
        item.deskripsi,
        item.hambatan,
    ]


def _insert_item(cur: duckdb.DuckDBPyConnection, item: RtlItem, unit_id: int, period: Period) -> None:
    cur.execute(
        """INSERT INTO rtl_items (nomor, unsur, program, triwulan, penanggung_jawab, status,
               tanggal, deskripsi, hambatan, unit_id, tahun, semester)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [*_row_values(item), unit_id, period.tahun, period.semester],
    )


class RtlMixin(ApprovalMixin):
    def rtl_items(self, unit_id: int, period: Period) -> list[RtlItem]:
        """The unit's RTL plan for the period with realisation and photos, in plan order."""
        cur = self.cursor()
        rows = cur.execute(
            """SELECT id, nomor, unsur, program, triwulan, penanggung_jawab, status, tanggal, deskripsi, hambatan
               FROM rtl_items WHERE unit_id = ? AND tahun = ? AND semester = ? ORDER BY nomor, id""",
            [unit_id, period.tahun, period.semester],
        ).fetchall()
        photos: dict[int, list[Photo]] = {}
        if rows:
            for pid, rtl_id, name, path, caption in cur.execute(
                """SELECT id, rtl_id, file_name, stored_path, caption FROM rtl_photos
                   WHERE rtl_id IN (SELECT unnest(?)) ORDER BY id""",
                [[r[0] for r in rows]],
            ).fetchall():
                photos.setdefault(rtl_id, []).append(Photo(pid, name, path, caption))
        return [
            RtlItem(
                id=r[0],
                nomor=r[1],
                unsur=r[2],
                program=r[3],
                triwulan=tuple(t for t in (r[4] or "").split(",") if t),
                penanggung_jawab=r[5] or "",
                status=r[6],
                tanggal=r[7],
                deskripsi=r[8] or "",
                hambatan=r[9] or "",
                photos=tuple(photos.get(r[0], ())),
            )
            for r in rows
        ]

    def save_rtl(
        self, unit_id: int, period: Period, items: Sequence[RtlItem], actor: str | None = None
    ) -> list[RtlItem]:
        """Replace the unit's RTL for the period with `items`, atomically. Items with an id keep it
        (and their photos); rows no longer present are removed with their photos' records.
        While the period is approved (disetujui) the plan itself is locked: only the realisation
        of existing items (status, date, description, hambatan) may change."""
        with self.transaction() as cur:
            plan_before = [
                (r[0], *r[1:])
                for r in cur.execute(
                    """SELECT id, nomor, unsur, program, triwulan, coalesce(penanggung_jawab, '')
                       FROM rtl_items WHERE unit_id = ? AND tahun = ? AND semester = ? ORDER BY id""",
                    [unit_id, period.tahun, period.semester],
                ).fetchall()
            ]
            existing = {r[0] for r in plan_before}
            plan_after = sorted(
                (i.id, i.nomor, i.unsur, i.program, ",".join(i.triwulan), i.penanggung_jawab or "")
                for i in items
                if i.id is not None
            )
            plan_changed = len(plan_after) != len(items) or plan_after != plan_before
            if plan_changed:
                self._check_unlocked(cur, unit_id, period)
            keep = {i.id for i in items if i.id is not None}
            unknown = keep - existing
            if unknown:
                raise StoreError(f"Baris RTL #{min(unknown)} bukan milik unit dan periode ini.")
            gone = sorted(existing - keep)
            if gone:
                cur.execute("DELETE FROM rtl_photos WHERE rtl_id IN (SELECT unnest(?))", [gone])
                cur.execute("DELETE FROM rtl_items WHERE id IN (SELECT unnest(?))", [gone])
            for item in items:
                if item.id is None:
                    _insert_item(cur, item, unit_id, period)
                else:
                    cur.execute(
                        """UPDATE rtl_items SET nomor = ?, unsur = ?, program = ?, triwulan = ?,
                               penanggung_jawab = ?, status = ?, tanggal = ?, deskripsi = ?, hambatan = ?
                           WHERE id = ?""",
                        [*_row_values(item), item.id],
                    )
            audit(
                cur,
                actor or "sistem",
                "rtl_plan" if plan_changed else "rtl_realisasi",
                unit_id,
                period,
                items=len(items),
                removed=len(gone),
            )
        return self.rtl_items(unit_id, period)

    def add_rtl_photo(
        self, rtl_id: int, data: bytes, file_name: str, caption: str = "", actor: str | None = None
    ) -> Photo:
        """Keep a documentation photo under data/rtl/: decoded and re-encoded (`skm.images`), so
        only a clean PNG or JPEG without metadata is ever stored or shown."""
        path, digest = self._keep_image(data, file_name, "rtl")
        with self.transaction() as cur:
            owner = _one(cur, "SELECT unit_id, tahun, semester FROM rtl_items WHERE id = ?", [rtl_id])
            if owner is None:
                raise StoreError(f"Baris RTL #{rtl_id} tidak ada.")
            photo_id = _scalar(
                cur,
                """INSERT INTO rtl_photos (rtl_id, file_name, stored_path, sha256, caption, uploaded_at)
                   VALUES (?, ?, ?, ?, ?, ?) RETURNING id""",
                [rtl_id, file_name, str(path), digest, caption, datetime.now()],
            )
            audit(cur, actor or "sistem", "photo_add", owner[0], Period(owner[1], owner[2]), rtl=rtl_id, file=file_name)
        return Photo(photo_id, file_name, str(path), caption)

    def delete_rtl_photo(self, photo_id: int, actor: str | None = None) -> None:
        with self.transaction() as cur:
            owner = _one(
                cur,
                """SELECT i.unit_id, i.tahun, i.semester, p.file_name FROM rtl_photos p
                   JOIN rtl_items i ON i.id = p.rtl_id WHERE p.id = ?""",
                [photo_id],
            )
            cur.execute("DELETE FROM rtl_photos WHERE id = ?", [photo_id])
            if owner is not None:
                audit(
                    cur,
                    actor or "sistem",
                    "photo_delete",
                    owner[0],
                    Period(owner[1], owner[2]),
                    photo=photo_id,
                    file=owner[3],
                )

    def load_rtl_seed(self, unit_id: int, period: Period, settings: ReportSettings, items: Sequence[RtlItem]) -> bool:
        """The demo's published plan and letter settings, written once (nothing when the unit's period
        already has an RTL); True if written."""
        with self.transaction() as cur:
            if _scalar(
                cur,
                "SELECT count(*) FROM rtl_items WHERE unit_id = ? AND tahun = ? AND semester = ?",
                [unit_id, period.tahun, period.semester],
            ):
                return False
            cur.execute(
                "INSERT OR REPLACE INTO report_settings VALUES (?, ?, ?, ?, ?)",
                [unit_id, period.tahun, period.semester, settings.to_json(), datetime.now()],
            )
            for item in items:
                _insert_item(cur, item, unit_id, period)
        return True
