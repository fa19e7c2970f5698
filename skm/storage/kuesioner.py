"""SQL of the online questionnaire's answers: one-time form tokens, every submission, answers held
for review and their acceptance. Every function works on the caller's cursor, inside the caller's
transaction (skm.kuesioner.submit, Store.review_held), so a refusal anywhere writes nothing.

    issue_form(cur, token_hash, link, now, expires)     # when the public form is drawn
    consume_form(cur, token_hash, link, now)            # once; False for a replayed or unknown token
    store_answer(cur, answer, rules, now)               # counted, or held with a reason
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb

from skm.errors import StoreError
from skm.ingest import KIND_RESPONSES
from skm.integrity import REASON_KLIEN, REASON_POLA, REASON_TAUTAN, Rules
from skm.storage.imports import SOURCE_KUESIONER
from skm.storage.sql import U_COLS, summary_sql
from skm.units import Period

COUNTED, HELD, ACCEPTED, REJECTED = "dihitung", "ditahan", "diterima", "ditolak"
FILE_NAME = "Kuesioner daring"
_PROFILE = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran")
_ROW_COLS = ", ".join((*_PROFILE, *U_COLS))
_ROW_COLS_R = ", ".join(f"r.{c}" for c in (*_PROFILE, *U_COLS))
_ROW_COLS_H = ", ".join(f"h.{c}" for c in (*_PROFILE, *U_COLS))


@dataclass(frozen=True)
class Answer:
    """One checked answer, ready to store."""

    link_token: str
    unit_id: int
    layanan_id: int
    period: Period
    tanggal_layanan: date
    profile: tuple[str | None, str | None, str | None, str | None, str | None]  # as _PROFILE
    answers: tuple[int, ...]  # U1..U9
    client: str  # a hash of the client's address: no address is kept

    @property
    def pattern(self) -> str:
        """The same nine answers, profile and layanan give the same pattern (saran aside)."""
        key = [self.layanan_id, *self.profile[:4], *self.answers]
        return hashlib.sha256(repr(key).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Stored:
    state: str  # COUNTED or HELD
    reason: str | None
    batch_id: int | None
    row_number: int | None


def client_hash(client: str) -> str:
    return hashlib.sha256(f"skm-klien/{client}".encode()).hexdigest()[:32]


# ------------------------------------------------------------------------------------ form tokens


def issue_form(
    cur: duckdb.DuckDBPyConnection, token_hash: str, link_token: str, now: datetime, expires: datetime
) -> None:
    cur.execute("DELETE FROM kuesioner_forms WHERE expires_at < ?", [now])  # the table stays small
    cur.execute("INSERT INTO kuesioner_forms VALUES (?, ?, ?, ?, NULL)", [token_hash, link_token, now, expires])


def consume_form(cur: duckdb.DuckDBPyConnection, token_hash: str, link_token: str, now: datetime) -> bool:
    rows = cur.execute(
        """UPDATE kuesioner_forms SET used_at = ?
           WHERE token_hash = ? AND link_token = ? AND used_at IS NULL AND expires_at > ? RETURNING 1""",
        [now, token_hash, link_token, now],
    ).fetchall()
    return bool(rows)


def answers_today(cur: duckdb.DuckDBPyConnection, link_token: str, now: datetime) -> int:
    start = datetime.combine(now.date(), datetime.min.time())
    rows = cur.execute(
        "SELECT count(*) FROM kuesioner_submissions WHERE link_token = ? AND submitted_at >= ?", [link_token, start]
    ).fetchall()
    return int(rows[0][0])


# ------------------------------------------------------------------------------------ storing


def store_answer(cur: duckdb.DuckDBPyConnection, answer: Answer, rules: Rules, now: datetime) -> Stored:
    """Count the answer, or hold it (and, for a repeated pattern, the earlier answers of the run)."""
    reason, group = _hold_reason(cur, answer, rules, now)
    if reason is None:
        batch_id, row_number = append_response(cur, answer, now)
        _record(cur, answer, COUNTED, None, None, batch_id, row_number, now)
        refresh([batch_id], cur)
        return Stored(COUNTED, None, batch_id, row_number)
    if reason == REASON_POLA:
        _hold_earlier(cur, answer, group, rules, now)
    sub_id = _record(cur, answer, HELD, reason, group, None, None, now)
    cur.execute(
        f"INSERT INTO kuesioner_held VALUES (?, ?, {', '.join('?' for _ in (*_PROFILE, *U_COLS))})",
        [sub_id, answer.tanggal_layanan, *answer.profile, *answer.answers],
    )
    return Stored(HELD, reason, None, None)


def _hold_reason(
    cur: duckdb.DuckDBPyConnection, answer: Answer, rules: Rules, now: datetime
) -> tuple[str | None, str | None]:
    since_pattern = now - timedelta(hours=rules.pattern_hours)
    same = _count(
        cur,
        "unit_id = ? AND tahun = ? AND semester = ? AND pattern = ? AND submitted_at > ?",
        [answer.unit_id, answer.period.tahun, answer.period.semester, answer.pattern, since_pattern],
    )
    if same + 1 >= rules.same_pattern:
        return REASON_POLA, f"{REASON_POLA}:{answer.pattern}"
    since = now - timedelta(minutes=rules.burst_minutes)
    if _count(cur, "client = ? AND submitted_at > ?", [answer.client, since]) >= rules.burst_per_client:
        return REASON_KLIEN, f"{REASON_KLIEN}:{answer.client}"
    if _count(cur, "link_token = ? AND submitted_at > ?", [answer.link_token, since]) >= rules.burst_per_link:
        link = hashlib.sha256(answer.link_token.encode()).hexdigest()[:32]
        return REASON_TAUTAN, f"{REASON_TAUTAN}:{link}"
    return None, None


def _count(cur: duckdb.DuckDBPyConnection, where: str, params: list) -> int:
    return int(cur.execute(f"SELECT count(*) FROM kuesioner_submissions WHERE {where}", params).fetchall()[0][0])


def _record(
    cur: duckdb.DuckDBPyConnection,
    answer: Answer,
    state: str,
    reason: str | None,
    group: str | None,
    batch_id: int | None,
    row_number: int | None,
    now: datetime,
) -> int:
    rows = cur.execute(
        """INSERT INTO kuesioner_submissions (link_token, unit_id, tahun, semester, layanan_id, client, pattern,
               submitted_at, state, reason, group_key, batch_id, row_number)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        [
            answer.link_token,
            answer.unit_id,
            answer.period.tahun,
            answer.period.semester,
            answer.layanan_id,
            answer.client,
            answer.pattern,
            now,
            state,
            reason,
            group,
            batch_id,
            row_number,
        ],
    ).fetchall()
    return int(rows[0][0])


def _hold_earlier(
    cur: duckdb.DuckDBPyConnection, answer: Answer, group: str | None, rules: Rules, now: datetime
) -> None:
    """The earlier, counted answers of a repeated pattern leave the figures and join the held group."""
    earlier = cur.execute(
        """SELECT s.id, s.batch_id, s.row_number FROM kuesioner_submissions s
           JOIN import_batches b ON b.id = s.batch_id
           WHERE s.unit_id = ? AND s.tahun = ? AND s.semester = ? AND s.pattern = ? AND s.state = ?
             AND s.submitted_at > ? AND b.undone_at IS NULL""",
        [
            answer.unit_id,
            answer.period.tahun,
            answer.period.semester,
            answer.pattern,
            COUNTED,
            now - timedelta(hours=rules.pattern_hours),
        ],
    ).fetchall()
    for sub_id, batch_id, row_number in earlier:
        cur.execute(
            f"""INSERT INTO kuesioner_held SELECT ?, e.tanggal_layanan, {_ROW_COLS_R}
                FROM responses r JOIN kuesioner_entries e USING (batch_id, row_number)
                WHERE r.batch_id = ? AND r.row_number = ?""",
            [sub_id, batch_id, row_number],
        )
        cur.execute("DELETE FROM responses WHERE batch_id = ? AND row_number = ?", [batch_id, row_number])
        cur.execute("DELETE FROM kuesioner_entries WHERE batch_id = ? AND row_number = ?", [batch_id, row_number])
        cur.execute(
            """UPDATE kuesioner_submissions SET state = ?, reason = ?, group_key = ?, batch_id = NULL,
                   row_number = NULL WHERE id = ?""",
            [HELD, REASON_POLA, group, sub_id],
        )
    refresh(sorted({b for _, b, _ in earlier}), cur)


def append_response(cur: duckdb.DuckDBPyConnection, answer: Answer, now: datetime) -> tuple[int, int]:
    """One response row in the (unit, layanan, period)'s kuesioner batch, made when missing."""
    period = answer.period
    batch = cur.execute(
        """SELECT b.id FROM import_batches b JOIN batch_layanan bl ON bl.batch_id = b.id
           WHERE b.source = ? AND b.unit_id = ? AND b.tahun = ? AND b.semester = ? AND bl.layanan_id = ?
             AND bl.active AND b.undone_at IS NULL
           ORDER BY b.id DESC LIMIT 1""",
        [SOURCE_KUESIONER, answer.unit_id, period.tahun, period.semester, answer.layanan_id],
    ).fetchall()
    if batch:
        batch_id = int(batch[0][0])
    else:
        marker = hashlib.sha256(f"kuesioner/{answer.unit_id}/{answer.layanan_id}/{period.code}/{uuid.uuid4()}".encode())
        batch_id = int(
            cur.execute(
                """INSERT INTO import_batches (unit_id, tahun, semester, kind, source, file_name, sha256,
                       stored_path, row_count, imported_at, imported_by, warnings)
                   VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, NULL, '[]') RETURNING id""",
                [
                    answer.unit_id,
                    period.tahun,
                    period.semester,
                    KIND_RESPONSES,
                    SOURCE_KUESIONER,
                    FILE_NAME,
                    marker.hexdigest(),
                    now,
                ],
            ).fetchall()[0][0]
        )
        cur.execute("INSERT INTO batch_layanan VALUES (?, ?, true, NULL)", [batch_id, answer.layanan_id])
    row_number = int(
        cur.execute("SELECT coalesce(max(row_number), 0) + 1 FROM responses WHERE batch_id = ?", [batch_id]).fetchall()[
            0
        ][0]
    )
    cur.execute(
        f"""INSERT INTO responses (batch_id, layanan_id, row_number, submitted_at, {_ROW_COLS})
            VALUES (?, ?, ?, ?, {", ".join("?" for _ in (*_PROFILE, *U_COLS))})""",
        [batch_id, answer.layanan_id, row_number, now.strftime("%Y-%m-%d %H:%M:%S"), *answer.profile, *answer.answers],
    )
    cur.execute(
        "INSERT INTO kuesioner_entries VALUES (?, ?, ?, ?)", [batch_id, row_number, answer.tanggal_layanan, now]
    )
    return batch_id, row_number


def refresh(batch_ids: Sequence[int], cur: duckdb.DuckDBPyConnection) -> None:
    """The kept sums and row count of these batches, recomputed from their rows."""
    for batch_id in batch_ids:
        cur.execute("DELETE FROM layanan_summary WHERE batch_id = ?", [batch_id])
        cur.execute(summary_sql(f"batch_id = {int(batch_id)}"))
        cur.execute(
            "UPDATE import_batches SET row_count = (SELECT count(*) FROM responses WHERE batch_id = ?) WHERE id = ?",
            [batch_id, batch_id],
        )


# ------------------------------------------------------------------------------------ review


def held_counts(cur: duckdb.DuckDBPyConnection, period: Period) -> dict[int, int]:
    """Per unit: its answers of the period held for review."""
    rows = cur.execute(
        """SELECT unit_id, count(*) FROM kuesioner_submissions
           WHERE state = ? AND tahun = ? AND semester = ? GROUP BY unit_id""",
        [HELD, period.tahun, period.semester],
    ).fetchall()
    return {int(u): int(n) for u, n in rows}


def held_groups(cur: duckdb.DuckDBPyConnection, unit_id: int, period: Period) -> list[tuple]:
    """(key, reason, count, first, last, layanan, mean answer × 25, sample answers) per held group."""
    mean = " + ".join(f"h.{u}" for u in U_COLS)
    rows = cur.execute(
        f"""SELECT s.group_key, s.reason, count(*), min(s.submitted_at), max(s.submitted_at),
                   string_agg(DISTINCT l.name, ', ' ORDER BY l.name), avg(({mean}) / 9.0) * 25,
                   arg_min([{", ".join(f"h.{u}" for u in U_COLS)}], s.id)
            FROM kuesioner_submissions s JOIN kuesioner_held h ON h.submission_id = s.id
            JOIN layanan l ON l.id = s.layanan_id
            WHERE s.state = ? AND s.unit_id = ? AND s.tahun = ? AND s.semester = ?
            GROUP BY s.group_key, s.reason ORDER BY min(s.submitted_at), s.group_key""",
        [HELD, unit_id, period.tahun, period.semester],
    ).fetchall()
    return [(*r[:7], tuple(r[7])) for r in rows]


def review(
    cur: duckdb.DuckDBPyConnection, unit_id: int, period: Period, group_key: str, accept: bool, actor: str
) -> tuple[int, str | None]:
    """Accept (into the figures) or reject (kept, never counted) every answer still held in the
    group; returns how many and the group's reason. StoreError when none is held any more."""
    now = datetime.now()
    held = cur.execute(
        f"""SELECT s.id, s.link_token, s.layanan_id, s.reason, s.submitted_at, h.tanggal_layanan,
                   {_ROW_COLS_H}
            FROM kuesioner_submissions s JOIN kuesioner_held h ON h.submission_id = s.id
            WHERE s.state = ? AND s.unit_id = ? AND s.tahun = ? AND s.semester = ? AND s.group_key = ?
            ORDER BY s.id""",
        [HELD, unit_id, period.tahun, period.semester, group_key],
    ).fetchall()
    if not held:
        raise StoreError("Kelompok jawaban ini sudah ditinjau; muat ulang halaman.")
    touched: set[int] = set()
    for sub_id, link, layanan_id, _reason, sent_at, tanggal, *values in held:
        if not accept:
            cur.execute(
                "UPDATE kuesioner_submissions SET state = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
                [REJECTED, actor, now, sub_id],
            )
            continue
        answer = Answer(link, unit_id, layanan_id, period, tanggal, tuple(values[:5]), tuple(values[5:]), "")
        batch_id, row_number = append_response(cur, answer, sent_at)  # at the time it was sent
        touched.add(batch_id)
        cur.execute(
            """UPDATE kuesioner_submissions SET state = ?, batch_id = ?, row_number = ?, reviewed_by = ?,
                   reviewed_at = ? WHERE id = ?""",
            [ACCEPTED, batch_id, row_number, actor, now, sub_id],
        )
        cur.execute("DELETE FROM kuesioner_held WHERE submission_id = ?", [sub_id])
    refresh(sorted(touched), cur)
    return len(held), held[0][3]
