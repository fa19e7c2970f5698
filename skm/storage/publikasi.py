"""The publication record of a unit's SKM results (PEKPPP indicators 6 and 7)."""

from __future__ import annotations

from datetime import date, datetime

from skm.errors import StoreError, UnitNotFound
from skm.publication import Publication, publication_problems
from skm.storage.audit import audit
from skm.storage.core import StoreCore
from skm.storage.query import _one, _scalar
from skm.units import Period


class PublikasiMixin(StoreCore):
    def publications(self, unit_id: int, period: Period | None = None) -> list[Publication]:
        """The unit's recorded publications of its SKM results (of one period, or all), by date."""
        where, params = "unit_id = ?", [unit_id]
        if period is not None:
            where += " AND tahun = ? AND semester = ?"
            params += [period.tahun, period.semester]
        rows = (
            self.cursor()
            .execute(
                f"""SELECT id, unit_id, tahun, semester, media, tanggal, tempat, file_name, stored_path,
                           created_by, created_at
                    FROM publikasi WHERE {where} ORDER BY tahun, semester, tanggal, id""",
                params,
            )
            .fetchall()
        )
        return [Publication(r[0], r[1], Period(r[2], r[3]), *r[4:]) for r in rows]

    def publication(self, publication_id: int) -> Publication | None:
        row = _one(
            self.cursor(),
            """SELECT id, unit_id, tahun, semester, media, tanggal, tempat, file_name, stored_path,
                      created_by, created_at FROM publikasi WHERE id = ?""",
            [publication_id],
        )
        return None if row is None else Publication(row[0], row[1], Period(row[2], row[3]), *row[4:])

    def add_publication(
        self,
        unit_id: int,
        period: Period,
        media: str,
        tanggal: date,
        tempat: str,
        actor: str,
        proof: tuple[bytes, str] | None = None,
        today: date | None = None,
    ) -> Publication:
        """Record one publication (medium from skm.pekppp.MEDIA, a date from the period's start up to
        today, where: a URL or place) with its proof image, and its audit row, in one transaction.
        Not locked by approval: results are published after the pimpinan approves them."""
        problems = publication_problems(media, tanggal, period, today or date.today())
        if problems:
            raise StoreError(" ".join(problems))
        tempat = " ".join(tempat.split())[:500]
        path, digest, file_name = None, None, None
        if proof is not None:
            stored, digest = self._keep_image(proof[0], proof[1], "publikasi")
            path, file_name = str(stored), proof[1][:200]
        with self.transaction() as cur:
            if _one(cur, "SELECT 1 FROM units WHERE id = ?", [unit_id]) is None:
                raise UnitNotFound("Unit tidak ada.")
            new_id = _scalar(
                cur,
                """INSERT INTO publikasi (unit_id, tahun, semester, media, tanggal, tempat, file_name,
                       stored_path, sha256, created_by, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                [
                    unit_id,
                    period.tahun,
                    period.semester,
                    media,
                    tanggal,
                    tempat,
                    file_name,
                    path,
                    digest,
                    actor,
                    datetime.now(),
                ],
            )
            audit(
                cur,
                actor,
                "publikasi_add",
                unit_id,
                period,
                id=new_id,
                media=media,
                tanggal=tanggal,
                tempat=tempat,
                bukti=file_name,
            )
        found = self.publication(new_id)
        assert found is not None
        return found

    def delete_publication(self, publication_id: int, actor: str) -> None:
        """Remove one publication record with its audit row (the proof file stays: another record
        may hold the same image, and backups keep their own copies)."""
        with self.transaction() as cur:
            row = _one(
                cur, "SELECT unit_id, tahun, semester, media, tanggal FROM publikasi WHERE id = ?", [publication_id]
            )
            if row is None:
                raise StoreError("Catatan publikasi ini sudah tidak ada; muat ulang halaman.")
            cur.execute("DELETE FROM publikasi WHERE id = ?", [publication_id])
            audit(
                cur,
                actor,
                "publikasi_delete",
                row[0],
                Period(row[1], row[2]),
                id=publication_id,
                media=row[3],
                tanggal=row[4],
            )
