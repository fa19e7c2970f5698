"""DuckDB system of record: schema and migrations, the unit tree, atomic imports, queries.

    store = Store("data/skm.duckdb")
    unit = store.ensure_unit_path("Jakarta Timur/Makasar/Halim Perdanakusuma")[0]
    outcome = store.import_survey(survey, data, unit.id, Period(2024, 1))

One `Store` per process: writes go through one lock (DuckDB connections are not
thread-safe, so every read takes its own cursor).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from skm.errors import ImportConflict, PeriodLocked, StoreError, UnitNotFound
from skm.images import clean_image
from skm.ingest import KIND_RESPONSES, Survey
from skm.names import account_key
from skm.pekppp import Publication, publication_problems
from skm.report.settings import ReportSettings, default_settings
from skm.rtl import Photo, RtlItem
from skm.scoring import LayananStats
from skm.units import Period, Unit, level_for_depth, split_path
from skm.unsur import CODES

DEFAULT_DB = Path("data") / "skm.duckdb"
SCHEMA_VERSION = 9
SARAN_LIMIT = 500  # saran rows one search returns
U_COLS = [c.lower() for c in CODES]


def summary_select(source: str, keys: str) -> str:
    """Per group of `keys`: respondents, respondents with a blank, per-unsur sums and answer
    counts, and the deviance the 95% interval needs (each respondent's linearised deviation
    from the group's own NRR, squared and summed), over the rows of `source` (a subquery)."""
    sums = ", ".join(f"coalesce(sum({u}), 0) AS s_{u}, count({u}) AS c_{u}" for u in U_COLS)
    any_blank = " OR ".join(f"{u} IS NULL" for u in U_COLS)
    dev = " + ".join(f"coalesce(({u} - s_{u} / c_{u}) / c_{u}, 0)" for u in U_COLS)
    key_list = [k.strip() for k in keys.split(",")]
    return f"""
    WITH r AS ({source}),
    st AS (SELECT {keys}, count(*) AS n, count(*) FILTER (WHERE {any_blank}) AS blank, {sums}
           FROM r GROUP BY {keys}),
    dv AS (SELECT {", ".join(f"r.{k}" for k in key_list)}, sum(pow(({dev}) / 9, 2)) AS deviance
           FROM r JOIN st USING ({keys}) GROUP BY {", ".join(f"r.{k}" for k in key_list)})
    SELECT {", ".join(f"st.{k}" for k in key_list)}, st.n, st.blank,
           {", ".join(f"st.s_{u}" for u in U_COLS)}, {", ".join(f"st.c_{u}" for u in U_COLS)}, dv.deviance
    FROM st JOIN dv USING ({keys})"""


def summary_sql(batch_filter: str) -> str:
    """INSERT of the per batch×layanan sums behind every figure (see summary_select), for the
    batches the filter (an SQL condition on `batch_id`) selects."""
    return (
        "INSERT INTO layanan_summary "
        + summary_select(f"SELECT * FROM responses WHERE {batch_filter}", "batch_id, layanan_id")
        + ";"
    )


MIGRATIONS: dict[int, str] = {
    1: f"""
    CREATE SEQUENCE seq_unit START 1;
    CREATE SEQUENCE seq_layanan START 1;
    CREATE SEQUENCE seq_batch START 1;
    CREATE SEQUENCE seq_rtl START 1;
    CREATE TABLE units (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_unit'),
        parent_id INTEGER,
        name VARCHAR NOT NULL,
        level VARCHAR NOT NULL,
        is_demo BOOLEAN NOT NULL DEFAULT false,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE layanan (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_layanan'),
        unit_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        UNIQUE (unit_id, name)
    );
    CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_batch'),
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        kind VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        stored_path VARCHAR,
        row_count INTEGER NOT NULL,
        imported_at TIMESTAMP NOT NULL,
        imported_by VARCHAR,
        warnings VARCHAR,
        undone_at TIMESTAMP,
        undone_by VARCHAR
    );
    CREATE TABLE batch_layanan (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        active BOOLEAN NOT NULL,
        replaced_by INTEGER,
        PRIMARY KEY (batch_id, layanan_id)
    );
    CREATE TABLE responses (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        submitted_at VARCHAR,
        jenis_kelamin VARCHAR,
        usia VARCHAR,
        pendidikan VARCHAR,
        pekerjaan VARCHAR,
        saran VARCHAR,
        {", ".join(f"{u} TINYINT CHECK ({u} BETWEEN 1 AND 4)" for u in U_COLS)}
    );
    CREATE TABLE aggregates (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        {", ".join(f"{u} DOUBLE NOT NULL CHECK ({u} BETWEEN 1 AND 4)" for u in U_COLS)},
        ikm_reported DOUBLE,
        respondents INTEGER
    );
    CREATE TABLE rtl_items (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_rtl'),
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        nomor INTEGER NOT NULL,
        unsur VARCHAR NOT NULL,
        program VARCHAR NOT NULL,
        triwulan VARCHAR NOT NULL,
        penanggung_jawab VARCHAR,
        status VARCHAR NOT NULL DEFAULT 'belum',
        tanggal DATE,
        deskripsi VARCHAR,
        hambatan VARCHAR
    );
    """,
    2: """
    CREATE TABLE unit_population (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        populasi INTEGER NOT NULL CHECK (populasi > 0),
        PRIMARY KEY (unit_id, tahun, semester)
    );
    """,
    3: """
    CREATE SEQUENCE seq_photo START 1;
    CREATE TABLE rtl_photos (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_photo'),
        rtl_id INTEGER NOT NULL,
        file_name VARCHAR NOT NULL,
        stored_path VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        caption VARCHAR NOT NULL DEFAULT '',
        uploaded_at TIMESTAMP NOT NULL
    );
    CREATE TABLE report_settings (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        settings VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (unit_id, tahun, semester)
    );
    """,
    4: f"""
    CREATE TABLE layanan_summary (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        n INTEGER NOT NULL,
        blank INTEGER NOT NULL,
        {", ".join(f"s_{u} BIGINT NOT NULL" for u in U_COLS)},
        {", ".join(f"c_{u} BIGINT NOT NULL" for u in U_COLS)},
        deviance DOUBLE,
        PRIMARY KEY (batch_id, layanan_id)
    );
    {summary_sql("true")}
    """,
    5: """
    CREATE SEQUENCE seq_user START 1;
    CREATE SEQUENCE seq_audit START 1;
    CREATE TABLE users (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_user'),
        name VARCHAR NOT NULL UNIQUE,
        role VARCHAR NOT NULL CHECK (role IN ('admin', 'pimpinan', 'operator')),
        unit_id INTEGER,
        password_hash VARCHAR,
        disabled BOOLEAN NOT NULL DEFAULT false,
        email VARCHAR,
        created_at TIMESTAMP NOT NULL,
        password_changed_at TIMESTAMP NOT NULL
    );
    CREATE TABLE sessions (
        token_hash VARCHAR PRIMARY KEY,
        user_id INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL,
        expires_at TIMESTAMP NOT NULL,
        revoked_at TIMESTAMP
    );
    CREATE TABLE login_attempts (
        name VARCHAR NOT NULL,
        client VARCHAR NOT NULL,
        "at" TIMESTAMP NOT NULL,
        ok BOOLEAN NOT NULL
    );
    CREATE TABLE period_status (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('draft', 'diajukan', 'disetujui', 'dikembalikan')),
        note VARCHAR,
        updated_by VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (unit_id, tahun, semester)
    );
    CREATE TABLE audit_log (
        id BIGINT PRIMARY KEY DEFAULT nextval('seq_audit'),
        "at" TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        unit_id INTEGER,
        tahun SMALLINT,
        semester TINYINT,
        detail VARCHAR
    );
    """,
    # The public questionnaire (skm.kuesioner): unguessable links per unit (and layanan), the
    # periods a unit has opened it for, and each online answer's service date.
    6: """
    CREATE TABLE kuesioner_links (
        token VARCHAR PRIMARY KEY,
        unit_id INTEGER NOT NULL,
        layanan_id INTEGER,
        created_at TIMESTAMP NOT NULL
    );
    CREATE TABLE kuesioner_periods (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        open BOOLEAN NOT NULL,
        opened_by VARCHAR,
        changed_at TIMESTAMP NOT NULL,  -- when it was last opened or closed
        PRIMARY KEY (unit_id, tahun, semester)
    );
    CREATE TABLE kuesioner_entries (
        batch_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        tanggal_layanan DATE NOT NULL,
        submitted_at TIMESTAMP NOT NULL,
        PRIMARY KEY (batch_id, row_number)
    );
    """,
    # Logins: one normal form of the name (skm.names.account_key, filled in by MIGRATION_STEPS[7]
    # and unique), sessions bound to the client they were made from, attempts with an id so an
    # attempt is recorded (as a failure) before the password is checked and settled afterwards.
    7: """
    ALTER TABLE users ADD COLUMN name_key VARCHAR;
    CREATE UNIQUE INDEX users_name_key ON users (name_key);
    ALTER TABLE sessions ADD COLUMN client_fp VARCHAR;
    CREATE SEQUENCE seq_login_attempt START 1;
    CREATE TABLE login_attempts_7 (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_login_attempt'),
        name VARCHAR NOT NULL,  -- account_key of what was typed
        client VARCHAR NOT NULL,
        "at" TIMESTAMP NOT NULL,
        ok BOOLEAN NOT NULL
    );
    INSERT INTO login_attempts_7 (name, client, "at", ok) SELECT name, client, "at", ok FROM login_attempts;
    DROP TABLE login_attempts;
    ALTER TABLE login_attempts_7 RENAME TO login_attempts;
    """,
    # The questionnaire's integrity (skm.kuesioner_store, skm.tinjauan): one-time form tokens (their
    # sha256 only), every submission with fingerprints of its link, client and answer pattern, and
    # the answers held for review (not in `responses`, so no figure counts them).
    8: f"""
    CREATE TABLE kuesioner_forms (
        token_hash VARCHAR PRIMARY KEY,
        link_token VARCHAR NOT NULL,
        issued_at TIMESTAMP NOT NULL,
        expires_at TIMESTAMP NOT NULL,
        used_at TIMESTAMP
    );
    CREATE SEQUENCE seq_kuesioner_submission START 1;
    CREATE TABLE kuesioner_submissions (
        id BIGINT PRIMARY KEY DEFAULT nextval('seq_kuesioner_submission'),
        link_token VARCHAR NOT NULL,
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        layanan_id INTEGER NOT NULL,
        client VARCHAR NOT NULL,
        pattern VARCHAR NOT NULL,
        submitted_at TIMESTAMP NOT NULL,
        state VARCHAR NOT NULL CHECK (state IN ('dihitung', 'ditahan', 'diterima', 'ditolak')),
        reason VARCHAR,
        group_key VARCHAR,
        batch_id INTEGER,
        row_number INTEGER,
        reviewed_by VARCHAR,
        reviewed_at TIMESTAMP
    );
    CREATE TABLE kuesioner_held (
        submission_id BIGINT PRIMARY KEY,
        tanggal_layanan DATE NOT NULL,
        jenis_kelamin VARCHAR,
        usia VARCHAR,
        pendidikan VARCHAR,
        pekerjaan VARCHAR,
        saran VARCHAR,
        {", ".join(f"{u} TINYINT CHECK ({u} BETWEEN 1 AND 4)" for u in U_COLS)}
    );
    """,
    # Where a unit published its SKM results (PEKPPP indicators 6 and 7, skm.pekppp): medium, date,
    # place or URL, and a proof image kept like RTL photos (decoded and re-encoded).
    9: """
    CREATE SEQUENCE seq_publikasi START 1;
    CREATE TABLE publikasi (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_publikasi'),
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        media VARCHAR NOT NULL,
        tanggal DATE NOT NULL,
        tempat VARCHAR NOT NULL DEFAULT '',
        file_name VARCHAR,
        stored_path VARCHAR,
        sha256 VARCHAR,
        created_by VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL
    );
    """,
}


def _fill_name_keys(cur: duckdb.DuckDBPyConnection) -> None:
    for user_id, name in cur.execute("SELECT id, name FROM users").fetchall():
        cur.execute("UPDATE users SET name_key = ? WHERE id = ?", [account_key(name), user_id])


# Python run after a migration's SQL, in the same transaction: what SQL cannot compute.
MIGRATION_STEPS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {7: _fill_name_keys}
SOURCE_KUESIONER = "kuesioner"  # import_batches.source of the online questionnaire's batches

# Respondent profile groupings, normalised from what forms write; raw text stays in the table.
PROFILE_GROUPS: dict[str, str] = {
    "jenis_kelamin": """CASE
        WHEN lower(trim(jenis_kelamin)) IN ('l', 'lk', 'laki-laki', 'laki laki', 'laki', 'pria', 'male')
            THEN 'Laki-laki'
        WHEN lower(trim(jenis_kelamin)) IN ('p', 'pr', 'perempuan', 'wanita', 'female') THEN 'Perempuan'
        WHEN jenis_kelamin IS NULL OR trim(jenis_kelamin) = '' THEN 'Tidak diisi'
        ELSE 'Lainnya' END""",
    "usia": """CASE
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) IS NULL THEN 'Tidak diisi'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 20 THEN '< 20 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 30 THEN '20–29 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 40 THEN '30–39 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 50 THEN '40–49 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 60 THEN '50–59 tahun'
        ELSE '≥ 60 tahun' END""",
    "pendidikan": "coalesce(nullif(trim(pendidikan), ''), 'Tidak diisi')",
    "pekerjaan": "coalesce(nullif(trim(pekerjaan), ''), 'Tidak diisi')",
}


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


def _one(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None) -> tuple | None:
    """The first row of a query, with the result read to its end (DuckDB 2.0 keeps it open otherwise)."""
    rows = cur.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def _scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None):
    """The first value of a query that always returns a row (count, RETURNING id)."""
    row = _one(cur, sql, params)
    if row is None:
        raise StoreError(f"Query returned no row: {sql.split()[0]}")
    return row[0]


def audit(
    cur: duckdb.DuckDBPyConnection,
    actor: str,
    action: str,
    unit_id: int | None = None,
    period: Period | None = None,
    **detail: object,
) -> None:
    """One audit_log row, written on the caller's cursor: inside the transaction of the change it
    records, so the change and its record are committed (or rolled back) together."""
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


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    unit_id: int | None
    period: Period | None
    detail: dict


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


@dataclass(frozen=True)
class SessionRow:
    user_id: int
    created_at: datetime
    last_seen: datetime
    expires_at: datetime
    revoked_at: datetime | None
    client_fp: str | None = None  # the client the session was made from (None: made outside a browser)


_USER_COLS = "id, name, role, unit_id, password_hash, disabled, email, created_at, password_changed_at"


def default_db_path() -> Path:
    return Path(os.environ.get("SKM_DB") or DEFAULT_DB)


class Store:
    def __init__(
        self,
        path: str | Path | None = None,
        *,
        verify: bool = True,
        recover: bool = True,
        backup_root: str | Path | None = None,
    ):
        """Open (or create) the database. A file DuckDB reports as damaged, on opening, on migrating
        or (verify) on reading every table once, is moved aside and the newest backup under
        backup_root (default: backups/ next to the file) restored (skm.backup.recover);
        `recovery_note` then tells the admin what happened, in this or an earlier process, until
        skm.backup.acknowledge_recovery(); None normally. recover=False raises StoreError instead.
        A file held by another process is never touched: that is a StoreError saying so."""
        from skm import backup

        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.upload_dir = self.path.parent / "uploads"
        self.backup_root = Path(backup_root) if backup_root is not None else backup.backup_root_for(self.path)
        self.recovery_note: str | None = None
        self._lock = threading.RLock()
        self._memo_version: int | None = None
        self._memo: dict[object, Any] = {}
        try:
            self._open(verify)
        except duckdb.Error as exc:
            if not (recover and backup.is_damage_error(exc)):
                raise self._open_error(exc) from exc
            backup.recover(self.path, self.backup_root, exc)
            try:
                self._open(verify)
            except duckdb.Error as again:
                raise self._open_error(again) from again
        self.recovery_note = backup.pending_note(self.path)

    def _open(self, verify: bool) -> None:
        self._con = duckdb.connect(str(self.path))
        try:
            self._migrate()
            if verify:  # reads every block once, so a damaged block is found now and not by a page later
                self.table_checksums()
        except BaseException:
            self._con.close()
            raise

    def _open_error(self, exc: duckdb.Error) -> StoreError:
        from skm.backup import is_lock_error

        hint = ""
        if is_lock_error(exc):
            hint = (
                " Berkas ini sedang dipakai proses lain (misalnya aplikasi yang sedang berjalan): "
                "hentikan proses itu, atau impor lewat halaman Unggah Data."
            )
        return StoreError(f"Basis data {self.path} tidak dapat dibuka: {exc}.{hint}")

    def close(self, checkpoint: bool = True) -> None:
        """Checkpoint explicitly, then close. DuckDB's own checkpoint-at-shutdown, killed midway,
        once left a block with a bad checksum in our crash trials (tests/test_crash.py); the
        explicit CHECKPOINT never has, and afterwards the shutdown has nothing left to write.
        checkpoint=False leaves what the WAL holds there (with PRAGMA disable_checkpoint_on_shutdown)."""
        with self._lock:
            if checkpoint:
                with contextlib.suppress(duckdb.Error):  # a failing connection still closes; the WAL stays
                    self._con.execute("CHECKPOINT")
            self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one thread's reads."""
        return self._con.cursor()

    @contextmanager
    def transaction(self, *, bump: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction under the store's lock. bump=False for writes no cached page
        result depends on (sessions, login attempts), so a login does not empty every cache."""
        with self._lock:
            cur = self._con.cursor()
            cur.begin()
            try:
                yield cur
                if bump:
                    cur.execute(
                        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR) WHERE key = 'data_version'"
                    )
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
            finally:
                cur.close()

    def _migrate(self) -> None:
        with self._lock:
            cur = self._con.cursor()
            cur.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            row = _one(cur, "SELECT value FROM meta WHERE key = 'schema_version'")
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"Basis data {self.path} dibuat oleh versi aplikasi yang lebih baru "
                    f"(skema {version}); perbarui aplikasi."
                )
            for target in range(version + 1, SCHEMA_VERSION + 1):
                cur.begin()
                cur.execute(MIGRATIONS[target])
                if target in MIGRATION_STEPS:
                    MIGRATION_STEPS[target](cur)
                cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(target)])
                cur.execute("INSERT OR IGNORE INTO meta VALUES ('data_version', '0')")
                cur.commit()
            cur.close()

    # ---------------------------------------------------------------- meta
    def data_version(self) -> int:
        row = _one(self.cursor(), "SELECT value FROM meta WHERE key = 'data_version'")
        return int(row[0]) if row else 0

    # ---------------------------------------------------------------- units
    def _memoised(self, key: object, make: Callable[[], Any]) -> Any:
        """make() once per data version: every write moves the version, so an answer kept here is
        never stale (units, each period's figures, whether any NRR table exists)."""
        version = self.data_version()
        if version != self._memo_version:
            self._memo, self._memo_version = {}, version
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def forget(self) -> None:
        """Drop what _memoised keeps (benchmarks measure the uncached path with it)."""
        self._memo_version = None

    def units(self) -> list[Unit]:
        """Every unit with its path, by name."""
        return list(self._memoised("units", self._read_units))

    def _has_aggregates(self) -> bool:
        """Whether any aggregated table (NRR per layanan) was ever imported."""
        return self._memoised(
            "aggregates", lambda: bool(_scalar(self.cursor(), "SELECT EXISTS (SELECT 1 FROM aggregates)"))
        )

    def _read_units(self) -> list[Unit]:
        rows = self.cursor().execute("SELECT id, parent_id, name, level, is_demo FROM units ORDER BY name").fetchall()
        by_id = {r[0]: r for r in rows}

        def path(uid: int) -> tuple[str, ...]:
            out: list[str] = []
            cur: int | None = uid
            while cur is not None:
                out.append(by_id[cur][2])
                cur = by_id[cur][1]
            return tuple(reversed(out))

        return [Unit(id=r[0], parent_id=r[1], name=r[2], level=r[3], is_demo=r[4], path=path(r[0])) for r in rows]

    def unit(self, unit_id: int) -> Unit:
        for u in self.units():
            if u.id == unit_id:
                return u
        raise UnitNotFound(f"Unit #{unit_id} tidak ada.")

    def children(self, unit_id: int | None) -> list[Unit]:
        return [u for u in self.units() if u.parent_id == unit_id]

    def find_unit(self, text: str) -> Unit:
        """A unit by slash path from the top, or by a name that is unique on its own."""
        parts = split_path(text)
        if not parts:
            raise UnitNotFound("Nama unit kosong.")
        units = self.units()
        exact = [u for u in units if [p.casefold() for p in u.path] == [p.casefold() for p in parts]]
        if exact:
            return exact[0]
        if len(parts) == 1:
            named = [u for u in units if u.name.casefold() == parts[0].casefold()]
            if len(named) == 1:
                return named[0]
            if len(named) > 1:
                options = "; ".join(u.path_text for u in named)
                raise UnitNotFound(f"Nama unit '{parts[0]}' tidak unik. Tulis jalur lengkapnya: {options}.")
        raise UnitNotFound(
            f"Unit '{text}' tidak ditemukan. Tulis jalur dari atas, misalnya "
            "'Jakarta Timur/Makasar/Halim Perdanakusuma'."
        )

    def rename_unit(self, unit_id: int, name: str, actor: str) -> Unit:
        """Give a unit a new name (its data, accounts and links stay with it), audited."""
        clean = " ".join(name.split())
        if not clean or "/" in clean or len(clean) > 120:
            raise StoreError("Nama unit harus diisi, tanpa garis miring (/), paling panjang 120 karakter.")
        with self.transaction() as cur:
            row = _one(cur, "SELECT parent_id, name FROM units WHERE id = ?", [unit_id])
            if row is None:
                raise UnitNotFound("Unit tidak ada.")
            twin = _one(
                cur,
                """SELECT 1 FROM units WHERE parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?)
                   AND id <> ?""",
                [row[0], clean, unit_id],
            )
            if twin is not None:
                raise StoreError(f"Sudah ada unit bernama '{clean}' di tingkat yang sama.")
            cur.execute("UPDATE units SET name = ? WHERE id = ?", [clean, unit_id])
            audit(cur, actor, "unit_rename", unit_id, None, dari=row[1], menjadi=clean)
        return self.unit(unit_id)

    def ensure_unit_path(self, text: str, is_demo: bool = False, actor: str | None = None) -> tuple[Unit, list[str]]:
        """The unit at a slash path, creating missing units on the way; returns what was created."""
        parts = split_path(text)
        if not parts:
            raise UnitNotFound("Nama unit kosong.")
        created: list[str] = []
        with self.transaction() as cur:
            parent: int | None = None
            for depth, name in enumerate(parts):
                row = _one(
                    cur,
                    "SELECT id FROM units WHERE parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?)",
                    [parent, name],
                )
                if row is None:
                    row = _one(
                        cur,
                        "INSERT INTO units (parent_id, name, level, is_demo) VALUES (?, ?, ?, ?) RETURNING id",
                        [parent, name, level_for_depth(depth), is_demo],
                    )
                    assert row is not None
                    created.append("/".join(parts[: depth + 1]))
                    audit(cur, actor or "sistem", "unit_create", row[0], None, path=created[-1])
                assert row is not None
                parent = row[0]
        assert parent is not None
        return self.unit(parent), created

    def descendants(self, unit_id: int) -> list[Unit]:
        units = self.units()
        out, frontier = [], {unit_id}
        while frontier:
            nxt = [u for u in units if u.parent_id in frontier]
            out.extend(nxt)
            frontier = {u.id for u in nxt}
        return out

    # ---------------------------------------------------------------- imports
    def import_survey(
        self,
        survey: Survey,
        data: bytes,
        unit_id: int,
        period: Period,
        *,
        replace: bool = False,
        user: str | None = None,
        source: str = "unggah",
    ) -> ImportOutcome:
        """Store a read survey for one unit and period: all rows or none."""
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
        self, survey: Survey, data: bytes, unit_id: int, period: Period, replace: bool, user: str | None, source: str
    ) -> ImportOutcome:
        stored, created_file = self._keep_file(data, survey)
        try:
            return self._import_rows(survey, unit_id, period, replace, user, source, stored)
        except BaseException:
            if created_file:  # nothing of a refused import stays behind, not even its file
                stored.unlink(missing_ok=True)
            raise

    def _import_rows(
        self, survey: Survey, unit_id: int, period: Period, replace: bool, user: str | None, source: str, stored: Path
    ) -> ImportOutcome:
        names = survey.layanan
        with self.transaction() as cur:
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
        return ImportOutcome("imported", batch_id, survey.row_count, names, replaced, survey.warnings, created)

    def _insert_rows(
        self, cur: duckdb.DuckDBPyConnection, survey: Survey, batch_id: int, layanan_ids: dict[str, int]
    ) -> None:
        ids = pd.DataFrame({"layanan": list(layanan_ids), "layanan_id": list(layanan_ids.values())})
        cur.register("layanan_ids_in", ids)
        try:
            if survey.kind == KIND_RESPONSES:
                assert survey.responses is not None
                # As Arrow: DuckDB scans it about twice as fast as the DataFrame.
                cur.register("rows_in", pa.Table.from_pandas(survey.responses, preserve_index=False))
                cur.execute(
                    f"""INSERT INTO responses SELECT ?, i.layanan_id, r."row", r.submitted_at, r.jenis_kelamin,
                            r.usia, r.pendidikan, r.pekerjaan, r.saran, {", ".join(f'r."{c}"' for c in CODES)}
                        FROM rows_in r JOIN layanan_ids_in i USING (layanan)""",
                    [batch_id],
                )
                cur.execute(summary_sql(f"batch_id = {int(batch_id)}"))
            else:
                assert survey.aggregates is not None
                cur.register("rows_in", survey.aggregates)
                cur.execute(
                    f"""INSERT INTO aggregates SELECT ?, i.layanan_id, r."row", {", ".join(f'r."{c}"' for c in CODES)},
                            r.ikm_reported, r.respondents
                        FROM rows_in r JOIN layanan_ids_in i USING (layanan)""",
                    [batch_id],
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
            cur.unregister("layanan_ids_in")

    def _keep_file(self, data: bytes, survey: Survey) -> tuple[Path, bool]:
        """The uploaded file itself, content-addressed, so nothing a user sent is ever lost;
        returns its path and whether this call created it."""
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        ext = survey.filename.rsplit(".", 1)[-1].lower() if "." in survey.filename else "bin"
        path = self.upload_dir / f"{survey.sha256}.{ext}"
        if path.exists():
            return path, False
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        return path, True

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

    # ---------------------------------------------------------------- queries
    def periods_with_data(self, unit_ids: Sequence[int] | None = None) -> list[Period]:
        params: list = []
        where = ""
        if unit_ids is not None:
            where = "AND l.unit_id IN (SELECT unnest(?))"
            params.append(list(unit_ids))
        rows = (
            self.cursor()
            .execute(
                f"""SELECT DISTINCT b.tahun, b.semester FROM batch_layanan bl
                JOIN import_batches b ON b.id = bl.batch_id JOIN layanan l ON l.id = bl.layanan_id
                WHERE bl.active {where} ORDER BY 1, 2""",
                params,
            )
            .fetchall()
        )
        return [Period(t, s) for t, s in rows]

    def units_with_data(self, unit_ids: Sequence[int], period: Period) -> list[int]:
        """Which of these units have active data of their own for the period."""
        rows = (
            self.cursor()
            .execute(
                """SELECT DISTINCT l.unit_id FROM batch_layanan bl
                   JOIN import_batches b ON b.id = bl.batch_id JOIN layanan l ON l.id = bl.layanan_id
                   WHERE bl.active AND b.tahun = ? AND b.semester = ? AND l.unit_id IN (SELECT unnest(?))
                   ORDER BY 1""",
                [period.tahun, period.semester, list(unit_ids)],
            )
            .fetchall()
        )
        return [r[0] for r in rows]

    def layanan_stats(self, unit_ids: Sequence[int], period: Period) -> dict[int, list[LayananStats]]:
        """Per unit: the active data of each of its layanan in the period (see _period_stats)."""
        every = self._period_stats(period)
        return {u: every[u] for u in unit_ids if u in every}

    def _period_stats(self, period: Period) -> dict[int, list[LayananStats]]:
        """Every unit's layanan figures for the period, read once per data version: a dashboard
        asks for the same period from many pages and units."""
        return self._memoised(("period_stats", period), lambda: self._read_period_stats(period))

    def _read_period_stats(self, period: Period) -> dict[int, list[LayananStats]]:
        """From the per-batch sums kept at import time (layanan_summary), so the cost does not
        grow with the responses. A layanan with several active batches (an upload and the
        online questionnaire) gets their sums added and its deviance recomputed from its rows
        around the pooled NRR."""
        cur = self.cursor()
        params = [period.tahun, period.semester]
        active = """WITH act AS (
                    SELECT bl.batch_id, bl.layanan_id, l.unit_id, l.name FROM batch_layanan bl
                    JOIN import_batches b ON b.id = bl.batch_id
                    JOIN layanan l ON l.id = bl.layanan_id
                    WHERE bl.active AND b.tahun = ? AND b.semester = ?)"""
        rows = cur.execute(
            f"""{active}
            SELECT act.unit_id, act.layanan_id, act.name, 'r' AS kind, s.n, s.blank, s.deviance,
                   {", ".join(f"s.s_{u}" for u in U_COLS)}, {", ".join(f"s.c_{u}" for u in U_COLS)}
            FROM layanan_summary s JOIN act USING (batch_id, layanan_id)""",
            params,
        ).fetchall()
        if self._has_aggregates():
            rows += cur.execute(
                f"""{active}
                SELECT act.unit_id, act.layanan_id, act.name, 'a', a.respondents, NULL, a.ikm_reported,
                       {", ".join(f"a.{u}" for u in U_COLS)}, {", ".join("NULL" for _ in U_COLS)}
                FROM aggregates a JOIN act USING (batch_id, layanan_id)""",
                params,
            ).fetchall()
        rows.sort(key=lambda r: (r[0], r[1]))
        # Rows of one layanan from several active batches are added up here (rare: an upload
        # next to the online questionnaire); a GROUP BY in the query would cost every call.
        merged: dict[tuple[int, int], list] = {}
        for unit_id, lid, name, kind, n, blank, dev, *vals in rows:
            key = (unit_id, lid) if kind == "r" else (unit_id, -len(merged) - 1)
            if key in merged:
                prev = merged[key]
                prev[4], prev[5], prev[6] = prev[4] + n, prev[5] + blank, None
                prev[7] = [a + b for a, b in zip(prev[7], vals, strict=True)]
            else:
                merged[key] = [unit_id, lid, name, kind, n, blank, dev, vals]
        pooled = [m[1] for m in merged.values() if m[3] == "r" and m[6] is None and m[4]]
        deviances: dict[int, float] = {}
        if pooled:
            source = f"""{active}
                SELECT r.* FROM responses r JOIN act USING (batch_id, layanan_id)
                WHERE r.layanan_id IN (SELECT unnest(?))"""
            deviances = {
                r[0]: r[-1] for r in cur.execute(summary_select(source, "layanan_id"), [*params, pooled]).fetchall()
            }
        out: dict[int, list[LayananStats]] = {}
        for unit_id, lid, name, kind, n, blank, deviance, vals in merged.values():
            if kind == "r":
                stats = LayananStats(
                    name=name,
                    respondents=n,
                    sums=dict(zip(CODES, map(float, vals[:9]), strict=True)),
                    answered=dict(zip(CODES, vals[9:], strict=True)),
                    blank_respondents=blank,
                    deviance=deviances.get(lid, deviance),
                )
            else:  # an aggregated table: NRR per unsur as reported, and the IKM it printed
                nrr = dict(zip(CODES, vals[:9], strict=True))
                stats = LayananStats(name=name, respondents=n, nrr_reported=nrr, ikm_reported=deviance)
            out.setdefault(unit_id, []).append(stats)
        return out

    def _active_responses_sql(self) -> str:
        return """WITH act AS (
                    SELECT bl.batch_id, bl.layanan_id FROM batch_layanan bl
                    JOIN import_batches b ON b.id = bl.batch_id
                    JOIN layanan l ON l.id = bl.layanan_id
                    WHERE bl.active AND b.tahun = ? AND b.semester = ? AND l.unit_id IN (SELECT unnest(?))),
                r AS (SELECT r.* FROM responses r JOIN act USING (batch_id, layanan_id))"""

    def respondent_groups(self, unit_ids: Sequence[int], period: Period, dimension: str) -> list[LayananStats]:
        """Raw responses of the units pooled by a profile group (jenis_kelamin, usia, ...), one
        LayananStats per group named after it, so scoring gives each group its NRR and IKM."""
        group = PROFILE_GROUPS[dimension]
        sums = ", ".join(f"sum({u}), count({u})" for u in U_COLS)
        any_blank = " OR ".join(f"{u} IS NULL" for u in U_COLS)
        rows = (
            self.cursor()
            .execute(
                f"""{self._active_responses_sql()}
                SELECT {group} AS grp, count(*), count(*) FILTER (WHERE {any_blank}), {sums}
                FROM r GROUP BY grp ORDER BY count(*) DESC, grp""",
                [period.tahun, period.semester, list(unit_ids)],
            )
            .fetchall()
        )
        out = []
        for grp, n, blank, *pairs in rows:
            s_vals, c_vals = pairs[0::2], pairs[1::2]
            out.append(
                LayananStats(
                    name=grp,
                    respondents=n,
                    sums={c: float(v or 0) for c, v in zip(CODES, s_vals, strict=True)},
                    answered=dict(zip(CODES, c_vals, strict=True)),
                    blank_respondents=blank,
                )
            )
        return out

    def saran(
        self, unit_ids: Sequence[int], period: Period, search: str = "", limit: int = SARAN_LIMIT
    ) -> list[tuple[str, str, str | None, str]]:
        """(unit, layanan, submitted_at, saran) of respondents who wrote one, newest file rows first."""
        escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        return (
            self.cursor()
            .execute(
                f"""{self._active_responses_sql()}
                SELECT u.name, l.name, r.submitted_at, r.saran FROM r
                JOIN layanan l ON l.id = r.layanan_id JOIN units u ON u.id = l.unit_id
                WHERE r.saran IS NOT NULL AND trim(r.saran) <> '' AND r.saran ILIKE ? ESCAPE '\\'
                ORDER BY u.name, l.name, r.row_number LIMIT ?""",
                [period.tahun, period.semester, list(unit_ids), pattern, limit],
            )
            .fetchall()
        )

    def population(self, unit_id: int, period: Period) -> int | None:
        row = _one(
            self.cursor(),
            "SELECT populasi FROM unit_population WHERE unit_id = ? AND tahun = ? AND semester = ?",
            [unit_id, period.tahun, period.semester],
        )
        return None if row is None else int(row[0])

    def set_population(self, unit_id: int, period: Period, populasi: int | None, actor: str | None = None) -> None:
        with self.transaction() as cur:
            audit(cur, actor or "sistem", "population_set", unit_id, period, populasi=populasi)
            cur.execute(
                "DELETE FROM unit_population WHERE unit_id = ? AND tahun = ? AND semester = ?",
                [unit_id, period.tahun, period.semester],
            )
            if populasi:
                cur.execute(
                    "INSERT INTO unit_population VALUES (?, ?, ?, ?)",
                    [unit_id, period.tahun, period.semester, populasi],
                )

    # ---------------------------------------------------------------- RTL
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
                values = [
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
                if item.id is None:
                    cur.execute(
                        """INSERT INTO rtl_items (nomor, unsur, program, triwulan, penanggung_jawab, status,
                               tanggal, deskripsi, hambatan, unit_id, tahun, semester)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        [*values, unit_id, period.tahun, period.semester],
                    )
                else:
                    cur.execute(
                        """UPDATE rtl_items SET nomor = ?, unsur = ?, program = ?, triwulan = ?,
                               penanggung_jawab = ?, status = ?, tanggal = ?, deskripsi = ?, hambatan = ?
                           WHERE id = ?""",
                        [*values, item.id],
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

    def _keep_image(self, data: bytes, file_name: str, folder_name: str) -> tuple[Path, str]:
        """A clean copy of an uploaded image (`skm.images.clean_image`) under the store's folder,
        named by its content; returns its path and sha256. ImageRefused names the file otherwise."""
        clean = clean_image(data, file_name)
        digest = hashlib.sha256(clean.data).hexdigest()
        folder = self.path.parent / folder_name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{digest}.{clean.kind}"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(clean.data)
            tmp.replace(path)
        return path, digest

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

    # ---------------------------------------------------------------- publication record (skm.publikasi)
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

    # ---------------------------------------------------------------- report settings
    def report_settings(self, unit: Unit, period: Period) -> ReportSettings:
        """The unit's settings for the period; else its latest earlier ones; else a first guess."""
        row = _one(
            self.cursor(),
            """SELECT settings, tahun, semester FROM report_settings WHERE unit_id = ?
                 AND (tahun < ? OR (tahun = ? AND semester <= ?))
               ORDER BY tahun DESC, semester DESC LIMIT 1""",
            [unit.id, period.tahun, period.tahun, period.semester],
        )
        if row is None:
            return default_settings(unit)
        settings = ReportSettings.from_json(row[0])
        if Period(row[1], row[2]) != period:  # kop and signatory carry over; the letter itself does not
            settings.nomor, settings.hal, settings.tanggal, settings.tanggal_terbit = "", "", None, None
        return settings

    def save_report_settings(
        self, unit_id: int, period: Period, settings: ReportSettings, actor: str | None = None
    ) -> None:
        with self.transaction() as cur:
            audit(cur, actor or "sistem", "settings_save", unit_id, period)
            cur.execute(
                "INSERT OR REPLACE INTO report_settings VALUES (?, ?, ?, ?, ?)",
                [unit_id, period.tahun, period.semester, settings.to_json(), datetime.now()],
            )

    def table_checksums(self) -> dict[str, str]:
        """A fingerprint of every table's content, for tests that prove nothing changed."""
        out = {}
        cur = self.cursor()
        tables = [
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()
        ]
        for t in tables:
            rows = cur.execute(f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{t}" t').fetchall()
            out[t] = f"{rows[0][0]}:{rows[0][1]}"
        return out

    # ---------------------------------------------------------------- approval status
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

    # ---------------------------------------------------------------- online answers held for review
    def held_count(self, unit_ids: Sequence[int], period: Period) -> int:
        """Online answers of these units in the period held for review (skm.tinjauan), not counted;
        every unit's count read once per data version, as the figures are."""
        from skm import kuesioner_store

        every = self._memoised(("held", period), lambda: kuesioner_store.held_counts(self.cursor(), period))
        return sum(every.get(u, 0) for u in unit_ids)

    def held_groups(self, unit_id: int, period: Period) -> list[tuple]:
        from skm import kuesioner_store

        return kuesioner_store.held_groups(self.cursor(), unit_id, period)

    def review_held(self, unit_id: int, period: Period, group_key: str, *, accept: bool, actor: str) -> int:
        """Accept a held group into the figures (not while the period is locked) or reject it (kept,
        never counted), with its audit row, in one transaction; returns how many answers."""
        from skm import kuesioner_store

        with self.transaction() as cur:
            if accept:
                self._check_unlocked(cur, unit_id, period)
            count, reason = kuesioner_store.review(cur, unit_id, period, group_key, accept, actor)
            action = "kuesioner_terima" if accept else "kuesioner_tolak"
            audit(cur, actor, action, unit_id, period, jumlah=count, alasan=reason, kelompok=group_key)
        return count

    # ---------------------------------------------------------------- audit log
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

    # ---------------------------------------------------------------- accounts (logic in skm.accounts)
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
