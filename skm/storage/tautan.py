"""The online questionnaire's links, open periods and public form (logic in skm.kuesioner), and
the one transaction that takes an answer (the SQL of each step in skm.storage.kuesioner)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from skm.errors import FormExpired, KuesionerRejected, RateLimited, SkmError
from skm.integrity import Rules
from skm.storage import kuesioner as kuesioner_store
from skm.storage.approval import STATUS_DISETUJUI, ApprovalMixin
from skm.storage.audit import audit
from skm.storage.imports import SOURCE_KUESIONER
from skm.storage.query import _one, _scalar
from skm.units import Period


class TautanMixin(ApprovalMixin):
    def kuesioner_link(self, unit_id: int, layanan_id: int | None = None) -> str | None:
        """The oldest token of the unit's (or one of its layanan's) link; None when there is none."""
        return self._link_row(self.cursor(), unit_id, layanan_id)

    @staticmethod
    def _link_row(cur, unit_id: int, layanan_id: int | None) -> str | None:
        row = _one(
            cur,
            """SELECT token FROM kuesioner_links WHERE unit_id = ? AND layanan_id IS NOT DISTINCT FROM ?
               ORDER BY created_at LIMIT 1""",
            [unit_id, layanan_id],
        )
        return None if row is None else row[0]

    def add_kuesioner_link(self, unit_id: int, layanan_id: int | None, token: str) -> str:
        """Keep `token` as the link, unless another session has just made one (that one is returned).
        No figure depends on a link, so the data version stays: the first visit to Unggah Data of a
        kelurahan makes its links, and used to empty every session's cached figures."""
        with self.transaction(bump=False) as cur:
            row = self._link_row(cur, unit_id, layanan_id)
            if row is not None:
                return row
            if _one(cur, "SELECT 1 FROM units WHERE id = ?", [unit_id]) is None:
                raise SkmError(f"Unit #{unit_id} tidak ada.")
            if (
                layanan_id is not None
                and _one(cur, "SELECT 1 FROM layanan WHERE id = ? AND unit_id = ?", [layanan_id, unit_id]) is None
            ):
                raise SkmError(f"Layanan #{layanan_id} bukan milik unit ini.")
            cur.execute("INSERT INTO kuesioner_links VALUES (?, ?, ?, ?)", [token, unit_id, layanan_id, datetime.now()])
            return token

    def link_target(self, token: str) -> tuple[int, int | None] | None:
        """(unit_id, layanan_id) a token names: one primary-key look-up."""
        row = _one(self.cursor(), "SELECT unit_id, layanan_id FROM kuesioner_links WHERE token = ?", [token])
        return None if row is None else (row[0], row[1])

    def layanan_rows(self, unit_id: int) -> list[tuple[int, str]]:
        """(id, name) of the unit's own layanan, by name, read from the table (not the memo)."""
        return (
            self.cursor().execute("SELECT id, name FROM layanan WHERE unit_id = ? ORDER BY name", [unit_id]).fetchall()
        )

    def unit_name_level(self, unit_id: int) -> tuple[str, str] | None:
        row = _one(self.cursor(), "SELECT name, level FROM units WHERE id = ?", [unit_id])
        return None if row is None else (row[0], row[1])

    def ensure_layanan(self, unit_id: int, name: str) -> int:
        """A layanan of the unit by (clean) name, created when missing."""
        with self.transaction() as cur:
            row = _one(cur, "SELECT id FROM layanan WHERE unit_id = ? AND name = ?", [unit_id, name])
            if row is not None:
                return int(row[0])
            if _one(cur, "SELECT 1 FROM units WHERE id = ?", [unit_id]) is None:
                raise SkmError(f"Unit #{unit_id} tidak ada.")
            return int(_scalar(cur, "INSERT INTO layanan (unit_id, name) VALUES (?, ?) RETURNING id", [unit_id, name]))

    @staticmethod
    def _approved(cur, unit_id: int, period: Period) -> bool:
        """An approved period is locked: its figures take no more answers."""
        row = _one(
            cur,
            "SELECT status FROM period_status WHERE unit_id = ? AND tahun = ? AND semester = ?",
            [unit_id, period.tahun, period.semester],
        )
        return row is not None and row[0] == STATUS_DISETUJUI

    def set_kuesioner_open(self, unit_id: int, period: Period, is_open: bool, actor: str | None = None) -> None:
        """Open or close the unit's questionnaire for one semester, audited; never opened while the
        period is approved and locked."""
        with self.transaction() as cur:
            if is_open and self._approved(cur, unit_id, period):
                raise SkmError(
                    f"Data {period.label} unit ini sudah disetujui pimpinan dan dikunci; kuesioner daring tidak "
                    "dapat dibuka sampai periode dibuka kembali."
                )
            cur.execute(
                "INSERT OR REPLACE INTO kuesioner_periods VALUES (?, ?, ?, ?, ?, ?)",
                [unit_id, period.tahun, period.semester, is_open, actor, datetime.now()],
            )
            audit(cur, actor or "sistem", "kuesioner_open" if is_open else "kuesioner_close", unit_id, period)

    def kuesioner_open_periods(self, unit_id: int) -> list[Period]:
        rows = (
            self.cursor()
            .execute(
                "SELECT tahun, semester FROM kuesioner_periods WHERE unit_id = ? AND open ORDER BY tahun, semester",
                [unit_id],
            )
            .fetchall()
        )
        return [Period(t, s) for t, s in rows]

    def kuesioner_response_count(self, unit_id: int, period: Period) -> int:
        """Online answers of the unit in the period that are counted (their batch not undone)."""
        return int(
            _scalar(
                self.cursor(),
                """SELECT count(*) FROM responses r JOIN import_batches b ON b.id = r.batch_id
                   JOIN batch_layanan bl ON bl.batch_id = r.batch_id AND bl.layanan_id = r.layanan_id
                   WHERE b.source = ? AND b.unit_id = ? AND b.tahun = ? AND b.semester = ? AND bl.active""",
                [SOURCE_KUESIONER, unit_id, period.tahun, period.semester],
            )
        )

    def issue_kuesioner_form(self, form_hash: str, link_token: str, now: datetime, expires: datetime) -> None:
        with self.transaction(bump=False) as cur:  # no figure depends on it: caches stay
            kuesioner_store.issue_form(cur, form_hash, link_token, now, expires)

    def store_kuesioner_answer(
        self,
        form_hash: str | None,
        answer: kuesioner_store.Answer,
        layanan: str,
        rules: Rules,
        now: datetime,
        closed_message: str,
    ) -> kuesioner_store.Stored:
        """One answer in one transaction: the form's one-time token consumed, the link's daily cap
        checked, the semester open, then `answer` (its layanan_id taken from `layanan`) counted or held."""
        with self.transaction() as cur:
            if form_hash is None or not kuesioner_store.consume_form(cur, form_hash, answer.link_token, now):
                raise FormExpired(
                    "Maaf, formulir ini sudah terkirim atau sudah kedaluwarsa, jadi jawabannya tidak disimpan. "
                    "Formulir baru sudah disiapkan: periksa jawaban Anda, lalu tekan Kirim jawaban sekali lagi."
                )
            if kuesioner_store.answers_today(cur, answer.link_token, now) >= rules.per_link_day:
                raise RateLimited(
                    "Maaf, kuesioner lewat tautan ini sudah menerima jawaban sebanyak batas harian. "
                    "Silakan mengisi lagi besok, atau tanyakan kepada petugas layanan."
                )
            period = answer.period
            state = _one(
                cur,
                "SELECT open FROM kuesioner_periods WHERE unit_id = ? AND tahun = ? AND semester = ?",
                [answer.unit_id, period.tahun, period.semester],
            )
            if not state or not state[0] or self._approved(cur, answer.unit_id, period):
                raise KuesionerRejected(closed_message)
            row = _one(cur, "SELECT id FROM layanan WHERE unit_id = ? AND name = ?", [answer.unit_id, layanan])
            if row is None:
                raise KuesionerRejected("Mohon periksa: Jenis layanan: pilih salah satu layanan dari daftar.")
            return kuesioner_store.store_answer(cur, replace(answer, layanan_id=int(row[0])), rules, now)
