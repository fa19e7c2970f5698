"""Atomic imports (all rows or none), replacement, undo, and the import history."""

from __future__ import annotations

import json
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from skm.errors import ImportConflict, StoreError
from skm.ingest import KIND_RESPONSES, Survey
from skm.source_file import SourceFile
from skm.storage.approval import ApprovalMixin
from skm.storage.audit import audit
from skm.storage.kept_files import write_atomically
from skm.storage.query import _one, _scalar
from skm.storage.sql import summary_sql
from skm.units import Period
from skm.unsur import CODES

SOURCE_KUESIONER = "kuesioner"  # import_batches.source of the online questionnaire's batches
BULK_ROWS = 10_000  # an import of at least this many rows is written at its commit (StoreCore.transaction)
ROW_GROUP_ROWS = 122_880  # DuckDB's rows per row group: a smaller import runs on one thread (StoreCore.transaction)


@dataclass(frozen=True)
class ImportOutcome:
    status: str  # imported | duplicate
    batch_id: int
    rows: int
    layanan: list[str]
    replaced: list[str] = field(default_factory=list)  # "layanan (file)" that were replaced
    warnings: list[str] = field(default_factory=list)
    created_layanan: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        if self.status == "duplicate":
            return f"File yang sama persis sudah diimpor sebelumnya (impor #{self.batch_id}); tidak ada yang berubah."
        text = f"{self.rows} baris diimpor untuk {len(self.layanan)} layanan (impor #{self.batch_id})."
        if self.replaced:
            text += " Menggantikan data: " + "; ".join(self.replaced) + "."
        return text


@dataclass(frozen=True)
class Batch:
    id: int
    unit_id: int
    period: Period
    kind: str
    source: str
    file_name: str
    sha256: str
    stored_path: str | None
    row_count: int
    imported_at: datetime
    imported_by: str | None
    undone_at: datetime | None
    active_layanan: int
    layanan: str


class ImportsMixin(ApprovalMixin):
    def import_survey(
        self,
        survey: Survey,
        data: bytes | Path | SourceFile,
        unit_id: int,
        period: Period,
        *,
        replace: bool = False,
        user: str | None = None,
        source: str = "unggah",
    ) -> ImportOutcome:
        """Store a read survey for one unit and period: all rows or none. `data` is the file's bytes,
        or the file that holds them (the command line, which so need not keep 170 MB in memory while
        the rows go in: the copy kept is checked to be of the bytes read, skm.storage.kept_files)."""
        names = survey.layanan
        with self._lock:
            dup = _one(
                self.cursor(),
                """SELECT b.id FROM import_batches b
                   WHERE b.unit_id = ? AND b.tahun = ? AND b.semester = ? AND b.sha256 = ?
                     AND EXISTS (SELECT 1 FROM batch_layanan bl WHERE bl.batch_id = b.id AND bl.active)""",
                [unit_id, period.tahun, period.semester, survey.sha256],
            )
            if dup:
                return ImportOutcome("duplicate", dup[0], 0, names)
            return self._import_new(survey, data, unit_id, period, replace, user, source)

    def _import_new(
        self,
        survey: Survey,
        data: bytes | Path | SourceFile,
        unit_id: int,
        period: Period,
        replace: bool,
        user: str | None,
        source: str,
    ) -> ImportOutcome:
        stored = self._upload_path(survey)
        created_file = not stored.exists()
        # The file is written while the rows go in (a 170 MB file took 0,4 s on its own) and waited
        # for before the transaction commits, so a stored batch always has its file.
        with ThreadPoolExecutor(max_workers=1) as pool:
            kept = pool.submit(write_atomically, stored, data, survey.sha256) if created_file else None
            try:
                return self._import_rows(survey, unit_id, period, replace, user, source, stored, kept)
            except BaseException:
                if kept is not None:  # nothing of a refused import stays behind, not even its file
                    futures.wait([kept])
                    stored.unlink(missing_ok=True)
                raise

    def _import_rows(
        self,
        survey: Survey,
        unit_id: int,
        period: Period,
        replace: bool,
        user: str | None,
        source: str,
        stored: Path,
        kept: futures.Future[None] | None,
    ) -> ImportOutcome:
        names = survey.layanan
        with self.transaction(bulk=survey.row_count >= BULK_ROWS, serial=survey.row_count < ROW_GROUP_ROWS) as cur:
            self._check_unlocked(cur, unit_id, period)
            existing = dict(cur.execute("SELECT name, id FROM layanan WHERE unit_id = ?", [unit_id]).fetchall())
            created = [n for n in names if n not in existing]
            for n in created:
                existing[n] = _scalar(
                    cur, "INSERT INTO layanan (unit_id, name) VALUES (?, ?) RETURNING id", [unit_id, n]
                )
            ids = [existing[n] for n in names]
            # Online questionnaire answers (source 'kuesioner') sit beside an upload: never a clash,
            # never replaced by one (and a kuesioner batch never replaces an upload either).
            clashes = cur.execute(
                """SELECT l.name, b.id, b.file_name, b.imported_at FROM batch_layanan bl
                   JOIN import_batches b ON b.id = bl.batch_id JOIN layanan l ON l.id = bl.layanan_id
                   WHERE bl.active AND b.tahun = ? AND b.semester = ? AND bl.layanan_id IN (SELECT unnest(?))
                     AND b.source <> ?
                   ORDER BY l.name""",
                [period.tahun, period.semester, ids, SOURCE_KUESIONER],
            ).fetchall()
            if clashes and not replace:
                listed = "; ".join(f"{n} (file '{f}', impor #{b})" for n, b, f, _ in clashes)
                raise ImportConflict(
                    f"Sudah ada data {period.label} untuk layanan: {listed}. Tidak ada yang disimpan. "
                    "Pilih 'ganti data lama' untuk menggantinya, atau batalkan impor lama dahulu."
                )

            batch_id = _scalar(
                cur,
                """INSERT INTO import_batches (unit_id, tahun, semester, kind, source, file_name, sha256,
                       stored_path, row_count, imported_at, imported_by, warnings)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                [
                    unit_id,
                    period.tahun,
                    period.semester,
                    survey.kind,
                    source,
                    survey.filename,
                    survey.sha256,
                    str(stored),
                    survey.row_count,
                    datetime.now(),
                    user,
                    json.dumps(survey.warnings),
                ],
            )
            replaced = []
            if clashes:
                cur.execute(
                    """UPDATE batch_layanan SET active = false, replaced_by = ?
                       WHERE active AND layanan_id IN (SELECT unnest(?)) AND batch_id IN (
                           SELECT id FROM import_batches WHERE tahun = ? AND semester = ? AND source <> ?)""",
                    [batch_id, ids, period.tahun, period.semester, SOURCE_KUESIONER],
                )
                replaced = [f"{n} (file '{f}')" for n, _, f, _ in clashes]
            cur.execute("INSERT INTO batch_layanan SELECT ?, unnest(?), true, NULL", [batch_id, ids])
            self._insert_rows(cur, survey, batch_id, existing)
            audit(
                cur,
                user or source,
                "replace" if clashes else "import",
                unit_id,
                period,
                batch=batch_id,
                file=survey.filename,
                rows=survey.row_count,
                layanan=names,
                replaced=[b for _, b, _, _ in clashes],
            )
            if kept is not None:
                kept.result()  # a file that could not be written takes the import back with it
        return ImportOutcome("imported", batch_id, survey.row_count, names, replaced, survey.warnings, created)

    def _insert_rows(
        self, cur: duckdb.DuckDBPyConnection, survey: Survey, batch_id: int, layanan_ids: dict[str, int]
    ) -> None:
        # The layanan names → ids as two list parameters (an Arrow table of them would import pandas).
        ids = "(SELECT unnest(?) AS layanan, unnest(?) AS layanan_id)"
        id_params = [list(layanan_ids), list(layanan_ids.values())]
        try:
            if survey.kind == KIND_RESPONSES:
                # As Arrow (DuckDB scans it about twice as fast as a DataFrame); from the columnar
                # reader no DataFrame is ever made.
                cur.register("rows_in", survey.responses_arrow())
                cur.execute(
                    f"""INSERT INTO responses SELECT ?, i.layanan_id, r."row", r.submitted_at, r.jenis_kelamin,
                            r.usia, r.pendidikan, r.pekerjaan, r.saran, {", ".join(f'r."{c}"' for c in CODES)}
                        FROM rows_in r JOIN {ids} i USING (layanan)""",
                    [batch_id, *id_params],
                )
                cur.execute(summary_sql(f"batch_id = {int(batch_id)}"))
            else:
                assert survey.aggregates is not None
                cur.register("rows_in", survey.aggregates)
                cur.execute(
                    f"""INSERT INTO aggregates SELECT ?, i.layanan_id, r."row", {", ".join(f'r."{c}"' for c in CODES)},
                            r.ikm_reported, r.respondents
                        FROM rows_in r JOIN {ids} i USING (layanan)""",
                    [batch_id, *id_params],
                )
            stored = _scalar(
                cur,
                f"SELECT count(*) FROM {'responses' if survey.kind == KIND_RESPONSES else 'aggregates'} "
                "WHERE batch_id = ?",
                [batch_id],
            )
            if stored != survey.row_count:
                raise StoreError(f"Hanya {stored} dari {survey.row_count} baris tersimpan; impor dibatalkan.")
        finally:
            cur.unregister("rows_in")

    def _upload_path(self, survey: Survey) -> Path:
        """Where the uploaded file itself is kept, content-addressed, so nothing a user sent is ever lost."""
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        ext = survey.filename.rsplit(".", 1)[-1].lower() if "." in survey.filename else "bin"
        return self.upload_dir / f"{survey.sha256}.{ext}"

    def undo_import(self, batch_id: int, user: str | None = None) -> list[str]:
        """Take an import back; data it had replaced comes back. Returns the layanan affected."""
        with self.transaction() as cur:
            row = _one(
                cur,
                "SELECT undone_at, unit_id, tahun, semester, file_name FROM import_batches WHERE id = ?",
                [batch_id],
            )
            if row is None:
                raise StoreError(f"Impor #{batch_id} tidak ada.")
            if row[0] is not None:
                raise StoreError(f"Impor #{batch_id} sudah dibatalkan sebelumnya.")
            self._check_unlocked(cur, row[1], Period(row[2], row[3]))
            active = [
                r[0]
                for r in cur.execute(
                    "SELECT layanan_id FROM batch_layanan WHERE batch_id = ? AND active", [batch_id]
                ).fetchall()
            ]
            cur.execute("UPDATE batch_layanan SET active = false WHERE batch_id = ?", [batch_id])
            if active:
                cur.execute(
                    """UPDATE batch_layanan SET active = true, replaced_by = NULL
                       WHERE replaced_by = ? AND layanan_id IN (SELECT unnest(?))
                         AND batch_id IN (SELECT id FROM import_batches WHERE undone_at IS NULL)""",
                    [batch_id, active],
                )
            cur.execute(
                "UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?", [datetime.now(), user, batch_id]
            )
            names = cur.execute(
                "SELECT name FROM layanan WHERE id IN (SELECT unnest(?)) ORDER BY name", [active]
            ).fetchall()
            audit(
                cur,
                user or "sistem",
                "undo",
                row[1],
                Period(row[2], row[3]),
                batch=batch_id,
                file=row[4],
                layanan=[n[0] for n in names],
            )
        return [n[0] for n in names]

    def batch_unit(self, batch_id: int) -> int | None:
        row = _one(self.cursor(), "SELECT unit_id FROM import_batches WHERE id = ?", [batch_id])
        return None if row is None else int(row[0])

    def batches(self, unit_id: int | None = None, period: Period | None = None) -> list[Batch]:
        where, params = ["true"], []
        if unit_id is not None:
            where.append("b.unit_id = ?")
            params.append(unit_id)
        if period is not None:
            where += ["b.tahun = ?", "b.semester = ?"]
            params += [period.tahun, period.semester]
        rows = (
            self.cursor()
            .execute(
                f"""SELECT b.id, b.unit_id, b.tahun, b.semester, b.kind, b.source, b.file_name, b.sha256,
                       b.stored_path, b.row_count, b.imported_at, b.imported_by, b.undone_at,
                       count(*) FILTER (WHERE bl.active), string_agg(l.name, ', ' ORDER BY l.name)
                FROM import_batches b LEFT JOIN batch_layanan bl ON bl.batch_id = b.id
                LEFT JOIN layanan l ON l.id = bl.layanan_id
                WHERE {" AND ".join(where)} GROUP BY ALL ORDER BY b.id DESC""",
                params,
            )
            .fetchall()
        )
        return [Batch(r[0], r[1], Period(r[2], r[3]), *r[4:]) for r in rows]
